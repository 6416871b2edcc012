import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Lazy, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  AmazonAttribute, AppleAttribute, FacebookAttribute, GoogleAttribute, OidcAttribute, OidcAttributeRequestMethod,
  SamlAttribute, SamlMetadata, SamlRequestSigningAlgorithm, UserPool, UserPoolIdentityProviderAmazon,
  UserPoolIdentityProviderApple, UserPoolIdentityProviderFacebook, UserPoolIdentityProviderGoogle,
  UserPoolIdentityProvider, UserPoolIdentityProviderOidc, UserPoolIdentityProviderSaml,
} from '../lib';

const IDP = 'AWS::Cognito::UserPoolIdentityProvider';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-AbCdEf';
const SECRET_REF = `{{resolve:secretsmanager:${SECRET_ARN}:SecretString:::}}`;

const METADATA_XML = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

function setUp() {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const userPool = new UserPool(stack, 'Pool');
  const secret = SecretValue.secretsManager(SECRET_ARN);
  return { stack, userPool, secret };
}

/** The rendered template as text, to prove a secret never appears in it. */
function templateText(stack: Stack): string {
  return JSON.stringify(Template.fromStack(stack).toJSON());
}

describe('Google', () => {
  test('renders client id, the secret as a dynamic reference, scopes and the attribute mapping', () => {
    // GIVEN
    const { stack, userPool, secret } = setUp();
    // WHEN
    new UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool,
      clientId: 'google-client',
      clientSecretValue: secret,
      scopes: ['openid', 'email', 'profile'],
      attributeMapping: { email: GoogleAttribute.EMAIL, emailVerified: GoogleAttribute.EMAIL_VERIFIED, username: GoogleAttribute.SUB },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: Match.exact({ client_id: 'google-client', client_secret: SECRET_REF, authorize_scopes: 'openid email profile' }),
      AttributeMapping: Match.exact({ email: 'email', email_verified: 'email_verified', username: 'sub' }),
      IdpIdentifiers: Match.absent(),
    });
  });

  test('requests the profile scope by default and sets no attribute mapping', () => {
    const { stack, userPool, secret } = setUp();
    new UserPoolIdentityProviderGoogle(stack, 'Google', { userPool, clientId: 'c', clientSecretValue: secret });
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderDetails: { client_id: 'c', client_secret: SECRET_REF, authorize_scopes: 'profile' },
      AttributeMapping: Match.absent(),
    });
  });
});

describe('Facebook', () => {
  test('takes the app secret as a SecretValue and joins scopes with commas', () => {
    // GIVEN
    const { stack, userPool, secret } = setUp();
    // WHEN
    new UserPoolIdentityProviderFacebook(stack, 'Facebook', {
      userPool,
      clientId: 'fb-app',
      clientSecretValue: secret,
      scopes: ['public_profile', 'email'],
      apiVersion: 'v17.0',
      attributeMapping: { email: FacebookAttribute.EMAIL, givenName: FacebookAttribute.FIRST_NAME, username: FacebookAttribute.ID },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderName: 'Facebook',
      ProviderType: 'Facebook',
      ProviderDetails: Match.exact({ client_id: 'fb-app', client_secret: SECRET_REF, authorize_scopes: 'public_profile,email', api_version: 'v17.0' }),
      AttributeMapping: Match.exact({ email: 'email', given_name: 'first_name', username: 'id' }),
    });
  });

  test('leaves api_version out when not set', () => {
    const { stack, userPool, secret } = setUp();
    new UserPoolIdentityProviderFacebook(stack, 'Facebook', { userPool, clientId: 'fb', clientSecretValue: secret });
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderDetails: { client_id: 'fb', client_secret: SECRET_REF, authorize_scopes: 'public_profile', api_version: Match.absent() },
    });
  });
});

describe('Login with Amazon', () => {
  test('takes the client secret as a SecretValue', () => {
    const { stack, userPool, secret } = setUp();
    new UserPoolIdentityProviderAmazon(stack, 'Amazon', {
      userPool,
      clientId: 'amzn1.application-oa2-client.x',
      clientSecretValue: secret,
      scopes: ['profile', 'postal_code'],
      attributeMapping: { email: AmazonAttribute.EMAIL, fullname: AmazonAttribute.NAME, custom: { 'custom:zip': AmazonAttribute.POSTAL_CODE } },
    });
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderName: 'LoginWithAmazon',
      ProviderType: 'LoginWithAmazon',
      ProviderDetails: Match.exact({ client_id: 'amzn1.application-oa2-client.x', client_secret: SECRET_REF, authorize_scopes: 'profile postal_code' }),
      AttributeMapping: Match.exact({ 'email': 'email', 'name': 'name', 'custom:zip': 'postal_code' }),
    });
  });
});

describe('Sign in with Apple', () => {
  test('renders team, key and the private key as a dynamic reference', () => {
    const { stack, userPool, secret } = setUp();
    new UserPoolIdentityProviderApple(stack, 'Apple', {
      userPool,
      clientId: 'com.example.web',
      teamId: 'ABCDE12345',
      keyId: 'KEY1234567',
      privateKeyValue: secret,
      scopes: ['name', 'email'],
      attributeMapping: { email: AppleAttribute.EMAIL, givenName: AppleAttribute.FIRST_NAME, familyName: AppleAttribute.LAST_NAME },
    });
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderName: 'SignInWithApple',
      ProviderType: 'SignInWithApple',
      ProviderDetails: Match.exact({
        client_id: 'com.example.web',
        team_id: 'ABCDE12345',
        key_id: 'KEY1234567',
        private_key: SECRET_REF,
        authorize_scopes: 'name email',
      }),
      AttributeMapping: Match.exact({ email: 'email', given_name: 'firstName', family_name: 'lastName' }),
    });
  });
});

describe('OIDC', () => {
  test('renders every provider detail, identifiers and the attribute mapping', () => {
    // GIVEN
    const { stack, userPool, secret } = setUp();
    // WHEN
    new UserPoolIdentityProviderOidc(stack, 'Corp', {
      userPool,
      name: 'CorpOIDC',
      clientId: 'corp-client',
      clientSecretValue: secret,
      issuerUrl: 'https://login.example.com',
      scopes: ['openid', 'email', 'profile'],
      identifiers: ['example.com', 'corp'],
      attributeRequestMethod: OidcAttributeRequestMethod.POST,
      endpoints: {
        authorization: 'https://login.example.com/authorize',
        token: 'https://login.example.com/token',
        userInfo: 'https://login.example.com/userinfo',
        jwksUri: 'https://login.example.com/.well-known/jwks.json',
      },
      attributeMapping: {
        email: OidcAttribute.EMAIL,
        emailVerified: OidcAttribute.EMAIL_VERIFIED,
        phoneNumberVerified: OidcAttribute.PHONE_NUMBER_VERIFIED,
        username: OidcAttribute.SUB,
        custom: { 'custom:department': OidcAttribute.of('department') },
      },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderName: 'CorpOIDC',
      ProviderType: 'OIDC',
      IdpIdentifiers: ['example.com', 'corp'],
      ProviderDetails: Match.exact({
        client_id: 'corp-client',
        client_secret: SECRET_REF,
        attributes_request_method: 'POST',
        oidc_issuer: 'https://login.example.com',
        authorize_scopes: 'openid email profile',
        authorize_url: 'https://login.example.com/authorize',
        token_url: 'https://login.example.com/token',
        attributes_url: 'https://login.example.com/userinfo',
        jwks_uri: 'https://login.example.com/.well-known/jwks.json',
      }),
      AttributeMapping: Match.exact({
        'email': 'email',
        'email_verified': 'email_verified',
        'phone_number_verified': 'phone_number_verified',
        'username': 'sub',
        'custom:department': 'department',
      }),
    });
  });

  test('defaults: GET, openid, endpoints discovered, a generated name', () => {
    const { stack, userPool, secret } = setUp();
    new UserPoolIdentityProviderOidc(stack, 'Corp', { userPool, clientId: 'c', clientSecretValue: secret, issuerUrl: 'https://idp.example.com' });
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderName: Match.stringLikeRegexp('^StackCorp'),
      IdpIdentifiers: Match.absent(),
      ProviderDetails: {
        client_id: 'c',
        client_secret: SECRET_REF,
        attributes_request_method: 'GET',
        oidc_issuer: 'https://idp.example.com',
        authorize_scopes: 'openid',
        authorize_url: Match.absent(),
        token_url: Match.absent(),
        attributes_url: Match.absent(),
        jwks_uri: Match.absent(),
      },
    });
  });

  test('an app client can list the provider: it is registered with the pool', () => {
    // GIVEN
    const { stack, userPool, secret } = setUp();
    const idp = new UserPoolIdentityProviderOidc(stack, 'Corp', {
      userPool, name: 'CorpOIDC', clientId: 'c', clientSecretValue: secret, issuerUrl: 'https://idp.example.com',
    });
    // WHEN
    const client = userPool.addClient('Client', {
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom(idp.providerName)],
    });
    client.node.addDependency(idp);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      SupportedIdentityProviders: [{ Ref: Match.stringLikeRegexp('^Corp') }],
    });
    expect(userPool.identityProviders).toContain(idp);
  });
});

describe('SAML', () => {
  test('metadata URL with signing, encryption, IdP-initiated sign-in and sign-out', () => {
    // GIVEN
    const { stack, userPool } = setUp();
    // WHEN
    new UserPoolIdentityProviderSaml(stack, 'Saml', {
      userPool,
      name: 'CorpSAML',
      metadata: SamlMetadata.url('https://idp.example.com/metadata.xml'),
      identifiers: ['example.com'],
      idpSignout: true,
      idpInitiated: true,
      encryptedResponses: true,
      requestSigningAlgorithm: SamlRequestSigningAlgorithm.RSA_SHA256,
      attributeMapping: { email: SamlAttribute.EMAIL_ADDRESS, custom: { 'custom:groups': SamlAttribute.of('groups') } },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderName: 'CorpSAML',
      ProviderType: 'SAML',
      IdpIdentifiers: ['example.com'],
      ProviderDetails: Match.exact({
        MetadataURL: 'https://idp.example.com/metadata.xml',
        MetadataFile: Match.absent(),
        IDPSignout: true,
        IDPInit: true,
        EncryptedResponses: true,
        RequestSigningAlgorithm: 'rsa-sha256',
      }),
      AttributeMapping: Match.exact({
        'email': 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
        'custom:groups': 'groups',
      }),
    });
  });

  test('maps provider attributes whose names hold characters such as # ? $ , (Cognito limits only their length)', () => {
    // GIVEN
    const { stack, userPool } = setUp();
    // WHEN
    new UserPoolIdentityProviderSaml(stack, 'Saml', {
      userPool,
      metadata: SamlMetadata.url('https://idp.example.com/metadata.xml'),
      attributeMapping: {
        email: SamlAttribute.of('http://example.com/claims#mail'),
        custom: { 'custom:groups': SamlAttribute.of('memberOf,groups'), 'custom:tenant': SamlAttribute.of('$tenant?id') },
      },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(IDP, {
      AttributeMapping: Match.exact({
        'email': 'http://example.com/claims#mail',
        'custom:groups': 'memberOf,groups',
        'custom:tenant': '$tenant?id',
      }),
    });
  });

  test('metadata file read from a path; optional flags left out', () => {
    // GIVEN
    const { stack, userPool } = setUp();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'saml-')), 'metadata.xml');
    fs.writeFileSync(file, METADATA_XML);
    // WHEN
    new UserPoolIdentityProviderSaml(stack, 'Saml', { userPool, metadata: SamlMetadata.fromFilePath(file) });
    // THEN
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderType: 'SAML',
      ProviderDetails: {
        MetadataFile: METADATA_XML,
        MetadataURL: Match.absent(),
        IDPSignout: false,
        IDPInit: Match.absent(),
        EncryptedResponses: Match.absent(),
        RequestSigningAlgorithm: Match.absent(),
      },
    });
  });

  test('metadata given as content', () => {
    const { stack, userPool } = setUp();
    new UserPoolIdentityProviderSaml(stack, 'Saml', { userPool, name: 'Corp', metadata: SamlMetadata.file(METADATA_XML), encryptedResponses: false });
    Template.fromStack(stack).hasResourceProperties(IDP, {
      ProviderName: 'Corp',
      ProviderDetails: { MetadataFile: METADATA_XML, EncryptedResponses: false },
    });
  });
});

describe('existing providers', () => {
  test('fromProviderName refers to a provider by name, for app clients', () => {
    const { stack, userPool } = setUp();
    const existing = UserPoolIdentityProvider.fromProviderName(stack, 'Existing', 'LegacySAML');
    // Registered so the app knows the pool has it (the client's provider check reads the pool).
    userPool.registerIdentityProvider(existing);
    userPool.addClient('Client', { supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom(existing.providerName)] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { SupportedIdentityProviders: ['LegacySAML'] });
  });
});

describe('several providers in one pool', () => {
  test('distinct names and identifiers pass, each provider keeps its own', () => {
    // GIVEN
    const { stack, userPool, secret } = setUp();
    // WHEN
    new UserPoolIdentityProviderGoogle(stack, 'Google', { userPool, clientId: 'g', clientSecretValue: secret });
    new UserPoolIdentityProviderOidc(stack, 'A', { userPool, name: 'TenantA', clientId: 'a', clientSecretValue: secret, issuerUrl: 'https://a.example.com', identifiers: ['a.example.com'] });
    new UserPoolIdentityProviderOidc(stack, 'B', { userPool, name: 'TenantB', clientId: 'b', clientSecretValue: secret, issuerUrl: 'https://b.example.com', identifiers: ['b.example.com'] });
    new UserPoolIdentityProviderSaml(stack, 'C', { userPool, metadata: SamlMetadata.file(METADATA_XML), identifiers: ['c.example.com'] });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs(IDP, 4);
    template.hasResourceProperties(IDP, { ProviderName: 'TenantA', IdpIdentifiers: ['a.example.com'] });
    template.hasResourceProperties(IDP, { ProviderName: 'TenantB', IdpIdentifiers: ['b.example.com'] });
    template.hasResourceProperties(IDP, { ProviderType: 'SAML', IdpIdentifiers: ['c.example.com'] });
  });
});

describe('secrets', () => {
  test.each([
    ['Google', (s: Stack, p: cognito.IUserPool, v: SecretValue) => new UserPoolIdentityProviderGoogle(s, 'Idp', { userPool: p, clientId: 'c', clientSecretValue: v })],
    ['Facebook', (s: Stack, p: cognito.IUserPool, v: SecretValue) => new UserPoolIdentityProviderFacebook(s, 'Idp', { userPool: p, clientId: 'c', clientSecretValue: v })],
    ['Amazon', (s: Stack, p: cognito.IUserPool, v: SecretValue) => new UserPoolIdentityProviderAmazon(s, 'Idp', { userPool: p, clientId: 'c', clientSecretValue: v })],
    ['Apple', (s: Stack, p: cognito.IUserPool, v: SecretValue) => new UserPoolIdentityProviderApple(s, 'Idp', {
      userPool: p, clientId: 'c', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKeyValue: v,
    })],
    ['OIDC', (s: Stack, p: cognito.IUserPool, v: SecretValue) => new UserPoolIdentityProviderOidc(s, 'Idp', {
      userPool: p, clientId: 'c', clientSecretValue: v, issuerUrl: 'https://idp.example.com',
    })],
  ])('%s: a secret from Secrets Manager by name stays a dynamic reference; a plain-text one is refused', (_name, build) => {
    // GIVEN a secret referenced by name
    const { stack, userPool } = setUp();
    // WHEN
    build(stack, userPool, SecretValue.secretsManager('idp/secret', { jsonField: 'value' }));
    // THEN
    expect(templateText(stack)).toContain('{{resolve:secretsmanager:idp/secret:SecretString:value::}}');

    // AND a plain-text secret fails without printing the secret
    const other = setUp();
    let error: unknown;
    try {
      build(other.stack, other.userPool, SecretValue.unsafePlainText('hunter2-secret'));
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(/\[Stack\/Idp\] (clientSecretValue|privateKeyValue): received a plain-text SecretValue \(value not shown\); allowed: a SecretValue from Secrets Manager/);
    expect(String(error)).not.toContain('hunter2');
  });

  test('a NoEcho CloudFormation parameter and a secret created in the stack are accepted', () => {
    // GIVEN
    const { stack, userPool } = setUp();
    const param = new CfnParameter(stack, 'FbSecret', { noEcho: true });
    const created = new secretsmanager.Secret(stack, 'GoogleSecret');
    // WHEN
    new UserPoolIdentityProviderGoogle(stack, 'Google', { userPool, clientId: 'c', clientSecretValue: created.secretValue });
    new UserPoolIdentityProviderFacebook(stack, 'Facebook', { userPool, clientId: 'c', clientSecretValue: SecretValue.cfnParameter(param) });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties(IDP, {
      ProviderType: 'Google',
      ProviderDetails: Match.objectLike({
        client_secret: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp('^GoogleSecret') }, ':SecretString:::}}']] },
      }),
    });
    template.hasResourceProperties(IDP, { ProviderType: 'Facebook', ProviderDetails: Match.objectLike({ client_secret: { Ref: 'FbSecret' } }) });
  });

  test('an SSM SecureString is refused: CloudFormation does not resolve it in this resource', () => {
    const { stack, userPool } = setUp();
    expect(() => new UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool, clientId: 'c', clientSecretValue: SecretValue.ssmSecure('/idp/google', '3'),
    })).toThrow('[Stack/Google] clientSecretValue: received an SSM SecureString reference (not resolved by CloudFormation here); allowed: a SecretValue from Secrets Manager');
  });
});

describe('tokens pass validation', () => {
  test('unresolved names, identifiers, URLs, scopes and ids are not checked', () => {
    // GIVEN
    const { stack, userPool, secret } = setUp();
    const lazy = (v: string) => Lazy.string({ produce: () => v });
    const name = new CfnParameter(stack, 'Name').valueAsString;
    const url = new CfnParameter(stack, 'Url').valueAsString;
    const ids = new CfnParameter(stack, 'Ids', { type: 'CommaDelimitedList' }).valueAsList;
    // WHEN / THEN
    expect(() => {
      new UserPoolIdentityProviderOidc(stack, 'Oidc', {
        userPool, name, clientId: lazy('c'), clientSecretValue: secret, issuerUrl: url, identifiers: ids,
        scopes: [lazy('openid')],
        endpoints: { authorization: url, token: url, userInfo: url, jwksUri: url },
      });
      new UserPoolIdentityProviderSaml(stack, 'Saml', { userPool, name: lazy('CorpSAML'), metadata: SamlMetadata.url(url), identifiers: [name] });
      new UserPoolIdentityProviderSaml(stack, 'SamlFile', { userPool, metadata: SamlMetadata.file(url) });
      new UserPoolIdentityProviderApple(stack, 'Apple', {
        userPool, clientId: 'c', teamId: name, keyId: name, privateKeyValue: secret, scopes: [name],
      });
      new UserPoolIdentityProviderFacebook(stack, 'Fb', { userPool, clientId: 'c', clientSecretValue: secret, apiVersion: name });
      Template.fromStack(stack);
    }).not.toThrow();
  });
});
