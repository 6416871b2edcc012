// Clients, identity providers and domains checked against the whole app: what passes, the
// dependencies added, and the resources written. The refusals are rows of
// test/validation/cases-clients-app.ts.
import * as path from 'path';
import { App, CfnElement, Lazy, SecretValue, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  AmazonAttribute, ClientSessionConfiguration, GoogleAttribute, HostedUiLogo, OidcAttribute, ResourceServerScope, UserPool,
  UserPoolClient, UserPoolDomain, UserPoolIdentityProvider, UserPoolIdentityProviderAmazon, UserPoolIdentityProviderApple,
  UserPoolIdentityProviderFacebook, UserPoolIdentityProviderGoogle, UserPoolIdentityProviderOidc,
} from '../lib';

const ENV = { account: '111111111111', region: 'us-east-1' };
const SECRET = SecretValue.secretsManager('idp/secret');
const LOGO = path.join(__dirname, 'fixtures', 'logo.png');
const READ = new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
const IDP = 'AWS::Cognito::UserPoolIdentityProvider';
const CLIENT = 'AWS::Cognito::UserPoolClient';

function setUp(): { app: App; stack: Stack; pool: UserPool } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: ENV });
  return { app, stack, pool: new UserPool(stack, 'Pool') };
}

const logicalId = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as CfnElement);

/** The DependsOn of the only client in the stack. */
function clientDependsOn(stack: Stack): string[] {
  const clients = Object.values(Template.fromStack(stack).findResources(CLIENT));
  expect(clients).toHaveLength(1);
  return clients[0].DependsOn ?? [];
}

describe('supported identity providers', () => {
  test('a client naming Google by the constant depends on the Google provider, declared before or after it', () => {
    // GIVEN a client that names Google and Facebook by aws-cdk-lib's constants
    const { stack, pool } = setUp();
    const before = new UserPoolIdentityProviderFacebook(stack, 'Facebook', { userPool: pool, clientId: 'f', clientSecretValue: SECRET });
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      supportedIdentityProviders: [
        cognito.UserPoolClientIdentityProvider.COGNITO,
        cognito.UserPoolClientIdentityProvider.FACEBOOK,
        cognito.UserPoolClientIdentityProvider.GOOGLE,
      ],
    });
    // WHEN the Google provider is declared after the client
    const after = new UserPoolIdentityProviderGoogle(stack, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SECRET });
    // THEN the client waits for both (no race at the first deploy, aws-cdk#15850)
    expect(clientDependsOn(stack).sort()).toEqual([logicalId(before), logicalId(after)].sort());
    Template.fromStack(stack).hasResourceProperties(CLIENT, { SupportedIdentityProviders: ['COGNITO', 'Facebook', 'Google'] });
  });

  test('a provider named by a literal custom name and one declared with the L1 are depended on', () => {
    // GIVEN
    const { stack, pool } = setUp();
    const oidc = new UserPoolIdentityProviderOidc(stack, 'Corp', {
      userPool: pool, name: 'Corp', clientId: 'c', clientSecretValue: SECRET, issuerUrl: 'https://idp.example.com',
    });
    const l1 = new cognito.CfnUserPoolIdentityProvider(stack, 'Partner', {
      userPoolId: pool.userPoolId, providerName: 'Partner', providerType: 'OIDC', providerDetails: {},
    });
    // WHEN
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom('Corp'), cognito.UserPoolClientIdentityProvider.custom('Partner')],
    });
    // THEN
    expect(clientDependsOn(stack).sort()).toEqual([logicalId(oidc), stack.getLogicalId(l1)].sort());
  });

  test('a provider made outside the app passes once registered on the pool, and adds no dependency', () => {
    // GIVEN
    const { stack, pool } = setUp();
    pool.registerIdentityProvider(UserPoolIdentityProvider.fromProviderName(stack, 'Legacy', 'LegacySAML'));
    // WHEN
    new UserPoolClient(stack, 'Client', { userPool: pool, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom('LegacySAML')] });
    // THEN
    expect(clientDependsOn(stack)).toEqual([]);
    Template.fromStack(stack).hasResourceProperties(CLIENT, { SupportedIdentityProviders: ['LegacySAML'] });
  });

  test('without supportedIdentityProviders, a provider registered after the client draws a warning (it is not offered)', () => {
    // GIVEN a client created before the Google provider, and one after it
    const { stack, pool } = setUp();
    pool.addClient('Early');
    pool.addClient('ApiOnly', { disableOAuth: true });
    pool.addResourceServer('Api', { identifier: 'api', scopes: [READ] });
    pool.addClient('Machine', { generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read')] } });
    const google = new UserPoolIdentityProviderGoogle(stack, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SECRET });
    pool.addClient('Late');
    // WHEN
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('providerAfterClient'));
    // THEN only the early client with login pages is warned about, and it lists COGNITO only (aws-cdk-lib's rule)
    expect(warnings.map((w) => [w.id, w.entry.data])).toEqual([[
      '/Stack/Pool/Early',
      'The client offers only the identity providers registered on the pool before it was created, so not Stack/Google: '
      + 'list the providers in supportedIdentityProviders, or create the client after them. [ack: cdk-cognito-userpools:providerAfterClient]',
    ]]);
    const template = Template.fromStack(stack);
    expect(template.toJSON().Resources[logicalId(pool.node.findChild('Early'))].Properties.SupportedIdentityProviders).toEqual(['COGNITO']);
    template.hasResourceProperties(CLIENT, { SupportedIdentityProviders: [{ Ref: logicalId(google) }, 'COGNITO'] });
  });

  test('a pool imported by id is not checked: its providers are not known at synth', () => {
    // GIVEN
    const { stack } = setUp();
    const imported = cognito.UserPool.fromUserPoolId(stack, 'Imported', 'us-east-1_abcdefghi');
    // WHEN
    new UserPoolClient(stack, 'Client', { userPool: imported, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE] });
    // THEN
    Template.fromStack(stack).hasResourceProperties(CLIENT, { SupportedIdentityProviders: ['Google'] });
  });
});

describe('custom OAuth scopes', () => {
  test('scopes of the pool\'s resource servers pass, by string or by OAuthScope.resourceServer, servers declared after the client too', () => {
    // GIVEN
    const { stack, pool } = setUp();
    const orders = pool.addResourceServer('Orders', { identifier: 'orders', scopes: [READ] });
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      oAuth: {
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.resourceServer(orders, READ),
          cognito.OAuthScope.custom('https://api.example.com/v1/write'),
        ],
      },
    });
    // WHEN a server whose identifier holds slashes is declared after the client
    pool.addResourceServer('Api', {
      identifier: 'https://api.example.com/v1',
      scopes: [new ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write' })],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(CLIENT, {
      AllowedOAuthScopes: ['openid', { 'Fn::Join': ['', [{ Ref: logicalId(orders) }, '/read']] }, 'https://api.example.com/v1/write'],
    });
  });

  test('a pool imported by id and a server with an unresolved identifier are not checked', () => {
    // GIVEN
    const { stack, pool } = setUp();
    const imported = cognito.UserPool.fromUserPoolId(stack, 'Imported', 'us-east-1_abcdefghi');
    pool.addResourceServer('Api', { identifier: Lazy.string({ produce: () => 'api' }), scopes: [READ] });
    // WHEN
    new UserPoolClient(stack, 'Imported Client', { userPool: imported, oAuth: { scopes: [cognito.OAuthScope.custom('elsewhere/read')] } });
    new UserPoolClient(stack, 'Client', { userPool: pool, oAuth: { scopes: [cognito.OAuthScope.custom('anything/read')] } });
    // THEN
    Template.fromStack(stack).resourceCountIs(CLIENT, 2);
  });
});

describe('callback and logout URLs', () => {
  test('a URL listed twice is written once, in the order first given', () => {
    // GIVEN
    const { stack, pool } = setUp();
    // WHEN
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      oAuth: {
        callbackUrls: ['https://a.example.com/cb', 'http://localhost:3000/cb', 'https://a.example.com/cb'],
        logoutUrls: ['https://a.example.com/', 'https://a.example.com/'],
      },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(CLIENT, {
      CallbackURLs: ['https://a.example.com/cb', 'http://localhost:3000/cb'],
      LogoutURLs: ['https://a.example.com/'],
    });
  });
});

describe('clients of the pool named', () => {
  test('a session configuration and a logo of a client of the same pool pass, also with the pool imported by its token id', () => {
    // GIVEN
    const { stack, pool } = setUp();
    const client = pool.addClient('Web');
    const sameById = cognito.UserPool.fromUserPoolId(stack, 'SameById', pool.userPoolId);
    // WHEN
    new ClientSessionConfiguration(stack, 'Sessions', { userPool: sameById, client });
    new HostedUiLogo(stack, 'Logo', { userPool: pool, client, imagePath: LOGO });
    // THEN
    Template.fromStack(stack).resourceCountIs('Custom::CognitoClientSessionConfiguration', 1);
    Template.fromStack(stack).resourceCountIs('Custom::CognitoHostedUiLogo', 1);
  });

  test('an imported client, or a literal pool id against a pool of the app, cannot be compared and passes', () => {
    // GIVEN
    const { stack, pool } = setUp();
    const importedClient = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Imported', 'abc123');
    const byLiteral = cognito.UserPool.fromUserPoolId(stack, 'ByLiteral', 'us-east-1_abcdefghi');
    // WHEN
    new ClientSessionConfiguration(stack, 'A', { userPool: pool, client: importedClient });
    new ClientSessionConfiguration(stack, 'B', { userPool: byLiteral, client: pool.addClient('Web') });
    // THEN
    Template.fromStack(stack).resourceCountIs('Custom::CognitoClientSessionConfiguration', 2);
  });
});

describe('custom domain certificates', () => {
  test('a certificate created in a us-east-1 stack and a us-east-1 ARN pass; a Region-agnostic stack is not checked', () => {
    // GIVEN
    const app = new App();
    const certs = new Stack(app, 'Certs', { env: ENV, crossRegionReferences: true });
    const stack = new Stack(app, 'Stack', { env: { account: ENV.account, region: 'eu-west-1' }, crossRegionReferences: true });
    const agnostic = new Stack(app, 'Agnostic');
    const certificate = new acm.Certificate(certs, 'Cert', { domainName: 'auth.example.com' });
    // WHEN
    new UserPoolDomain(stack, 'Domain', { userPool: new UserPool(stack, 'Pool'), customDomain: { domainName: 'auth.example.com', certificate } });
    new UserPoolDomain(stack, 'ByArn', {
      userPool: new UserPool(stack, 'Pool2'),
      customDomain: { domainName: 'login.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Arn', 'arn:aws:acm:us-east-1:111111111111:certificate/abc') },
    });
    new UserPoolDomain(agnostic, 'Domain', {
      userPool: new UserPool(agnostic, 'Pool'),
      customDomain: { domainName: 'auth.example.com', certificate: new acm.Certificate(agnostic, 'Cert', { domainName: 'auth.example.com' }) },
    });
    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolDomain', 2);
    Template.fromStack(agnostic).resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });
});

describe('default branding of a managed-login (v2) domain', () => {
  const BRANDING = 'AWS::Cognito::ManagedLoginBranding';

  test('a client in another stack is branded in its own stack', () => {
    // GIVEN a pool and its v2 domain in one stack, a client of the pool in another
    const app = new App();
    const auth = new Stack(app, 'Auth', { env: ENV });
    const web = new Stack(app, 'Web', { env: ENV });
    const pool = new UserPool(auth, 'Pool');
    new UserPoolDomain(auth, 'Domain', {
      userPool: pool, cognitoDomain: { domainPrefix: 'my-app-login' }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // WHEN
    const client = new UserPoolClient(web, 'Client', { userPool: pool });
    // THEN
    Template.fromStack(auth).resourceCountIs(BRANDING, 0);
    const brandings = Object.values(Template.fromStack(web).findResources(BRANDING)).map((r) => r.Properties);
    expect(brandings).toEqual([{
      UserPoolId: { 'Fn::ImportValue': expect.stringMatching(/^Auth:ExportsOutputRefPool/) },
      ClientId: { Ref: logicalId(client) },
      UseCognitoProvidedValues: true,
    }]);
  });

  test('a client in another stack that already has a branding is left alone', () => {
    // GIVEN
    const app = new App();
    const auth = new Stack(app, 'Auth', { env: ENV });
    const web = new Stack(app, 'Web', { env: ENV });
    const pool = new UserPool(auth, 'Pool');
    const client = new UserPoolClient(web, 'Client', { userPool: pool });
    new cognito.CfnManagedLoginBranding(web, 'Own', { userPoolId: pool.userPoolId, clientId: client.userPoolClientId, settings: { categories: {} } });
    // WHEN
    new UserPoolDomain(auth, 'Domain', {
      userPool: pool, cognitoDomain: { domainPrefix: 'my-app-login' }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // THEN
    Template.fromStack(auth).resourceCountIs(BRANDING, 0);
    const brandings = Object.values(Template.fromStack(web).findResources(BRANDING)).map((r) => r.Properties);
    expect(brandings).toEqual([expect.objectContaining({ Settings: { categories: {} } })]);
  });
});

describe('identity provider identifiers and attribute mapping', () => {
  test('every social provider takes identifiers, written as IdpIdentifiers', () => {
    // GIVEN
    const { stack, pool } = setUp();
    // WHEN
    new UserPoolIdentityProviderGoogle(stack, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SECRET, identifiers: ['google'] });
    new UserPoolIdentityProviderFacebook(stack, 'Facebook', { userPool: pool, clientId: 'f', clientSecretValue: SECRET, identifiers: ['facebook'] });
    new UserPoolIdentityProviderAmazon(stack, 'Amazon', { userPool: pool, clientId: 'a', clientSecretValue: SECRET, identifiers: ['amazon'] });
    new UserPoolIdentityProviderApple(stack, 'Apple', {
      userPool: pool, clientId: 'p', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKeyValue: SECRET, identifiers: ['apple'],
    });
    // THEN
    const template = Template.fromStack(stack);
    for (const [type, identifier] of [['Google', 'google'], ['Facebook', 'facebook'], ['LoginWithAmazon', 'amazon'], ['SignInWithApple', 'apple']]) {
      template.hasResourceProperties(IDP, { ProviderType: type, IdpIdentifiers: [identifier] });
    }
  });

  test('a standard name in attributeMapping.custom that no typed key maps is still written (aws-cdk-lib style)', () => {
    // GIVEN
    const { stack, pool } = setUp();
    // WHEN
    new UserPoolIdentityProviderAmazon(stack, 'Amazon', {
      userPool: pool, clientId: 'a', clientSecretValue: SECRET,
      attributeMapping: { email: AmazonAttribute.EMAIL, custom: { name: AmazonAttribute.NAME, 'custom:zip': OidcAttribute.of('postal_code') } },
    });
    new UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool: pool, clientId: 'g', clientSecretValue: SECRET, attributeMapping: { fullname: GoogleAttribute.NAME },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderType: 'LoginWithAmazon',
      AttributeMapping: { 'email': 'email', 'name': 'name', 'custom:zip': 'postal_code' },
    });
  });
});
