// Bad input that only the app as a whole shows: clients, identity providers and domains
// checked against the pool they name and the other constructs of the app.
import * as path from 'path';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { ValidationCase } from './case';
import {
  ClientSessionConfiguration, GoogleAttribute, HostedUiLogo, OidcAttribute, ResourceServerScope, SamlMetadata, UserPool,
  UserPoolClient, UserPoolDomain, UserPoolIdentityProviderGoogle, UserPoolIdentityProviderSaml,
} from '../../lib';

const SECRET = SecretValue.secretsManager('idp/secret');
const XML = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">'
  + '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>';
const LOGO = path.join(__dirname, '..', 'fixtures', 'logo.png');
const READ = new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });

/** Two pools A and B, a client of A. */
function twoPools(stack: Stack): { a: UserPool; b: UserPool; client: UserPoolClient } {
  const a = new UserPool(stack, 'A');
  const b = new UserPool(stack, 'B');
  return { a, b, client: a.addClient('Client') };
}

export const cases: ValidationCase[] = [
  // Supported identity providers exist in the pool
  {
    name: 'client naming Google (the constant) in a pool without a Google provider',
    build: (s) => {
      const pool = new UserPool(s, 'Pool');
      new UserPoolIdentityProviderSaml(s, 'Corp', { userPool: pool, name: 'Corp', metadata: SamlMetadata.file(XML) });
      new UserPoolClient(s, 'Client', {
        userPool: pool,
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE],
      });
    },
    error: '[Stack/Client] supportedIdentityProviders: received ["Google"]; allowed: "COGNITO" or a provider of the user pool Stack/Pool ("Corp"); '
      + 'declare the provider in the app, or register one made elsewhere with pool.registerIdentityProvider(UserPoolIdentityProvider.fromProviderName(...)).',
  },
  {
    name: 'client naming a custom provider the pool does not have',
    build: (s) => {
      new UserPoolClient(s, 'Client', {
        userPool: new UserPool(s, 'Pool'),
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom('Okta')],
      });
    },
    error: '[Stack/Client] supportedIdentityProviders: received ["Okta"]; allowed: "COGNITO" or a provider of the user pool Stack/Pool (none declared);',
  },
  // Custom OAuth scopes exist in a resource server of the pool
  {
    name: 'custom scope string that no resource server of the pool declares',
    build: (s) => {
      const pool = new UserPool(s, 'Pool');
      pool.addResourceServer('Orders', { identifier: 'orders', scopes: [READ] });
      new UserPoolClient(s, 'Client', { userPool: pool, oAuth: { scopes: [cognito.OAuthScope.custom('orders/write')] } });
    },
    error: '[Stack/Client] oAuth.scopes: received "orders/write"; allowed: a standard scope (phone, email, openid, profile, aws.cognito.signin.user.admin) '
      + 'or a scope of a resource server of the user pool Stack/Pool (orders/read).',
  },
  {
    name: 'custom scope without a resource server identifier',
    build: (s) => {
      new UserPoolClient(s, 'Client', { userPool: new UserPool(s, 'Pool'), oAuth: { scopes: [cognito.OAuthScope.custom('admin')] } });
    },
    error: '[Stack/Client] oAuth.scopes: received "admin"; allowed: a standard scope (phone, email, openid, profile, aws.cognito.signin.user.admin) '
      + 'or a scope of a resource server of the user pool Stack/Pool (none declared).',
  },
  {
    name: 'OAuthScope.resourceServer of a server of another pool',
    build: (s) => {
      const { a, b } = twoPools(s);
      const server = b.addResourceServer('Orders', { identifier: 'orders', scopes: [READ] });
      new UserPoolClient(s, 'Web', { userPool: a, oAuth: { scopes: [cognito.OAuthScope.resourceServer(server, READ)] } });
    },
    error: '[Stack/Web] oAuth.scopes: received "orders/read"; allowed: a scope of a resource server of the client\'s user pool Stack/A (Stack/B/Orders belongs to another pool).',
  },
  {
    name: 'OAuthScope.resourceServer with a scope the server does not declare',
    build: (s) => {
      const pool = new UserPool(s, 'Pool');
      const server = pool.addResourceServer('Orders', { identifier: 'orders', scopes: [READ] });
      const write = new ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write' });
      new UserPoolClient(s, 'Client', { userPool: pool, oAuth: { scopes: [cognito.OAuthScope.resourceServer(server, write)] } });
    },
    error: '[Stack/Client] oAuth.scopes: received "orders/write"; allowed: a scope that the resource server Stack/Pool/Orders declares (read).',
  },
  // A client, session configuration or logo of another pool
  {
    name: 'client session configuration with a client of another pool',
    build: (s) => {
      const { b, client } = twoPools(s);
      new ClientSessionConfiguration(s, 'Sessions', { userPool: b, client });
    },
    error: '[Stack/Sessions] client: received "Stack/A/Client"; allowed: a client of the user pool Stack/B (this client belongs to Stack/A).',
  },
  {
    name: 'hosted-UI logo with a client of another pool',
    build: (s) => {
      const { b, client } = twoPools(s);
      new HostedUiLogo(s, 'Logo', { userPool: b, client, imagePath: LOGO });
    },
    error: '[Stack/Logo] client: received "Stack/A/Client"; allowed: a client of the user pool Stack/B (this client belongs to Stack/A).',
  },
  {
    name: 'client session configuration with clients of two imported pools of different ids',
    build: (s) => {
      const a = cognito.UserPool.fromUserPoolId(s, 'A', 'us-east-1_aaaaaaaaa');
      const b = cognito.UserPool.fromUserPoolId(s, 'B', 'us-east-1_bbbbbbbbb');
      new ClientSessionConfiguration(s, 'Sessions', { userPool: b, client: new UserPoolClient(s, 'Client', { userPool: a }) });
    },
    error: '[Stack/Sessions] client: received "Stack/Client"; allowed: a client of the user pool us-east-1_bbbbbbbbb (this client belongs to us-east-1_aaaaaaaaa).',
  },
  {
    name: 'exported client secret with the domain of another pool',
    build: (s) => {
      const { a, b } = twoPools(s);
      const domain = b.addDomain('Domain', { cognitoDomain: { domainPrefix: 'b-login' } });
      a.addResourceServer('Api', { identifier: 'api', scopes: [READ] });
      new UserPoolClient(s, 'Machine', {
        userPool: a,
        generateSecret: true,
        oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read')] },
        exportSecret: { domain },
      });
    },
    error: '[Stack/Machine] exportSecret.domain: received "Stack/B/Domain"; allowed: a domain of the client\'s user pool Stack/A (this domain serves Stack/B).',
  },
  // Domains
  {
    name: 'custom domain with a certificate ARN outside us-east-1',
    build: (s) => {
      new UserPoolDomain(s, 'Domain', {
        userPool: new UserPool(s, 'Pool'),
        customDomain: {
          domainName: 'auth.example.com',
          certificate: acm.Certificate.fromCertificateArn(s, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc'),
        },
      });
    },
    error: '[Stack/Domain] customDomain.certificate: received "arn:aws:acm:eu-west-1:111111111111:certificate/abc"; '
      + 'allowed: a certificate in us-east-1 (the custom domain is served by CloudFront, which uses certificates from us-east-1 only).',
  },
  {
    name: 'custom domain with a certificate created in a stack outside us-east-1',
    build: (s) => {
      const certs = new Stack(s.node.root as App, 'Certs', { env: { account: '111111111111', region: 'eu-west-1' } });
      const certificate = new acm.Certificate(certs, 'Cert', { domainName: 'auth.example.com' });
      new UserPoolDomain(s, 'Domain', { userPool: new UserPool(s, 'Pool'), customDomain: { domainName: 'auth.example.com', certificate } });
    },
    error: '[Stack/Domain] customDomain.certificate: received "Certs/Cert (in eu-west-1)"; allowed: a certificate in us-east-1',
  },
  {
    name: 'custom domain with a DnsValidatedCertificate requested in eu-west-1',
    build: (s) => {
      const hostedZone = route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z123', zoneName: 'example.com' });
      const certificate = new acm.DnsValidatedCertificate(s, 'Cert', { domainName: 'auth.example.com', hostedZone, region: 'eu-west-1' });
      new UserPoolDomain(s, 'Domain', { userPool: new UserPool(s, 'Pool'), customDomain: { domainName: 'auth.example.com', certificate } });
    },
    error: '[Stack/Domain] customDomain.certificate: received "Stack/Cert (in eu-west-1)"; allowed: a certificate in us-east-1',
  },
  // Identity providers: attribute mapping and identifiers
  {
    name: 'custom mapping key without custom: that overrides a typed mapping',
    build: (s) => {
      new UserPoolIdentityProviderGoogle(s, 'Idp', {
        userPool: new UserPool(s, 'Pool'),
        clientId: 'c',
        clientSecretValue: SECRET,
        attributeMapping: { email: GoogleAttribute.EMAIL, custom: { email: OidcAttribute.of('secondary_email') } },
      });
    },
    error: '[Stack/Idp] attributeMapping.custom key: received "email"; allowed: a key that attributeMapping.email does not map already '
      + '(a custom attribute takes the "custom:" prefix, e.g. "custom:email").',
  },
  {
    name: 'custom mapping key "name" that overrides attributeMapping.fullname',
    build: (s) => {
      new UserPoolIdentityProviderGoogle(s, 'Idp', {
        userPool: new UserPool(s, 'Pool'),
        clientId: 'c',
        clientSecretValue: SECRET,
        attributeMapping: { fullname: GoogleAttribute.NAME, custom: { name: GoogleAttribute.GIVEN_NAME } },
      });
    },
    error: '[Stack/Idp] attributeMapping.custom key: received "name"; allowed: a key that attributeMapping.fullname does not map already',
  },
  {
    name: 'Google identifier over 40 characters',
    build: (s) => {
      new UserPoolIdentityProviderGoogle(s, 'Idp', { userPool: new UserPool(s, 'Pool'), clientId: 'c', clientSecretValue: SECRET, identifiers: ['g'.repeat(41)] });
    },
    error: `[Stack/Idp] identifiers: received "${'g'.repeat(41)}"; allowed: 1 to 40 characters (got 41).`,
  },
  {
    name: 'Google identifier a SAML provider of the pool already has',
    build: (s) => {
      const userPool = new UserPool(s, 'Pool');
      new UserPoolIdentityProviderSaml(s, 'Corp', { userPool, metadata: SamlMetadata.file(XML), identifiers: ['example.com'] });
      new UserPoolIdentityProviderGoogle(s, 'Idp', { userPool, clientId: 'c', clientSecretValue: SECRET, identifiers: ['example.com'] });
    },
    error: '[Stack/Idp] identifiers: received "example.com"; allowed: identifiers unique in the user pool (Stack/Corp has it).',
  },
];
