// Bad input for identity providers, groups and resource servers.
import { SecretValue, Stack } from 'aws-cdk-lib';
import { ValidationCase } from './case';
import {
  OidcAttribute, ResourceServerScope, SamlMetadata, UserPool, UserPoolGroup, UserPoolIdentityProviderAmazon,
  UserPoolIdentityProviderApple, UserPoolIdentityProviderFacebook, UserPoolIdentityProviderGoogle,
  UserPoolIdentityProviderOidc, UserPoolIdentityProviderOidcProps, UserPoolIdentityProviderSaml,
  UserPoolIdentityProviderSamlProps, UserPoolResourceServer, UserPoolResourceServerOptions,
} from '../../lib';

const SECRET = SecretValue.secretsManager('idp/secret');
const XML = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">'
  + '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>';

function oidc(stack: Stack, props: Partial<UserPoolIdentityProviderOidcProps>): void {
  new UserPoolIdentityProviderOidc(stack, 'Idp', {
    userPool: new UserPool(stack, 'Pool'),
    clientId: 'client',
    clientSecretValue: SECRET,
    issuerUrl: 'https://idp.example.com',
    ...props,
  });
}

function saml(stack: Stack, props: Partial<UserPoolIdentityProviderSamlProps>): void {
  new UserPoolIdentityProviderSaml(stack, 'Idp', {
    userPool: new UserPool(stack, 'Pool'),
    metadata: SamlMetadata.file(XML),
    ...props,
  });
}

function group(stack: Stack, props: { groupName?: string; description?: string; precedence?: number }): void {
  new UserPoolGroup(stack, 'Group', { userPool: new UserPool(stack, 'Pool'), ...props });
}

function server(stack: Stack, props: Partial<UserPoolResourceServerOptions>): void {
  new UserPoolResourceServer(stack, 'Api', { userPool: new UserPool(stack, 'Pool'), identifier: 'orders', ...props });
}

const scope = (scopeName: string, scopeDescription = 'A scope') => new ResourceServerScope({ scopeName, scopeDescription });

export const cases: ValidationCase[] = [
  // Provider names, identifiers
  {
    name: 'OIDC provider name under 3 characters',
    build: (s) => oidc(s, { name: 'ab' }),
    error: '[Stack/Idp] name: received "ab"; allowed: 3 to 32 characters (got 2).',
  },
  {
    name: 'SAML provider name over 32 characters',
    build: (s) => saml(s, { name: 'x'.repeat(33) }),
    error: `[Stack/Idp] name: received "${'x'.repeat(33)}"; allowed: 3 to 32 characters (got 33).`,
  },
  {
    name: 'provider name starting with an underscore',
    build: (s) => oidc(s, { name: '_corp' }),
    error: '[Stack/Idp] name: received "_corp"; allowed: a name matching',
  },
  {
    name: 'provider name taken by a social provider',
    build: (s) => saml(s, { name: 'Google' }),
    error: '[Stack/Idp] name: received "Google"; allowed: a name other than COGNITO, Google, Facebook, LoginWithAmazon and SignInWithApple (reserved).',
  },
  {
    name: 'provider name COGNITO',
    build: (s) => oidc(s, { name: 'cognito' }),
    error: '[Stack/Idp] name: received "cognito"; allowed: a name other than COGNITO',
  },
  {
    name: 'more than 50 IdP identifiers',
    build: (s) => saml(s, { identifiers: Array.from({ length: 51 }, (_, i) => `id${i}`) }),
    error: '[Stack/Idp] identifiers: received "51 items"; allowed: at most 50 items.',
  },
  {
    name: 'IdP identifier over 40 characters',
    build: (s) => oidc(s, { identifiers: ['a'.repeat(41)] }),
    error: `[Stack/Idp] identifiers: received "${'a'.repeat(41)}"; allowed: 1 to 40 characters (got 41).`,
  },
  {
    name: 'IdP identifier with a slash',
    build: (s) => saml(s, { identifiers: ['example.com/corp'] }),
    error: '[Stack/Idp] identifiers: received "example.com/corp"; allowed: letters, digits, spaces and _ + = . @ -.',
  },
  {
    name: 'duplicate IdP identifiers',
    build: (s) => saml(s, { identifiers: ['example.com', 'example.com'] }),
    error: '[Stack/Idp] identifiers: received "example.com"; allowed: identifiers that are unique.',
  },
  {
    name: 'two Google providers in one pool',
    build: (s) => {
      const userPool = new UserPool(s, 'Pool');
      new UserPoolIdentityProviderGoogle(s, 'Google', { userPool, clientId: 'a', clientSecretValue: SECRET });
      new UserPoolIdentityProviderGoogle(s, 'Idp', { userPool, clientId: 'b', clientSecretValue: SECRET });
    },
    error: '[Stack/Idp] name: received "Google"; allowed: a provider name unique in the user pool (Stack/Google has it).',
  },
  {
    name: 'OIDC and SAML providers with the same name in one pool',
    build: (s) => {
      const userPool = new UserPool(s, 'Pool');
      new UserPoolIdentityProviderSaml(s, 'Saml', { userPool, name: 'Corp', metadata: SamlMetadata.file(XML) });
      new UserPoolIdentityProviderOidc(s, 'Idp', { userPool, name: 'Corp', clientId: 'c', clientSecretValue: SECRET, issuerUrl: 'https://idp.example.com' });
    },
    error: '[Stack/Idp] name: received "Corp"; allowed: a provider name unique in the user pool (Stack/Saml has it).',
  },
  {
    name: 'IdP identifier another provider of the pool has',
    build: (s) => {
      const userPool = new UserPool(s, 'Pool');
      new UserPoolIdentityProviderSaml(s, 'Saml', { userPool, metadata: SamlMetadata.file(XML), identifiers: ['example.com'] });
      new UserPoolIdentityProviderOidc(s, 'Idp', {
        userPool, clientId: 'c', clientSecretValue: SECRET, issuerUrl: 'https://idp.example.com', identifiers: ['corp', 'example.com'],
      });
    },
    error: '[Stack/Idp] identifiers: received "example.com"; allowed: identifiers unique in the user pool (Stack/Saml has it).',
  },
  // OIDC
  {
    name: 'OIDC issuer over http',
    build: (s) => oidc(s, { issuerUrl: 'http://idp.example.com' }),
    error: '[Stack/Idp] issuerUrl: received "http://idp.example.com"; allowed: an https URL.',
  },
  {
    name: 'OIDC token endpoint that is not a URL',
    build: (s) => oidc(s, {
      endpoints: { authorization: 'https://idp.example.com/a', token: 'token', userInfo: 'https://idp.example.com/u', jwksUri: 'https://idp.example.com/j' },
    }),
    error: '[Stack/Idp] endpoints.token: received "token"; allowed: an absolute URL.',
  },
  {
    name: 'OIDC jwks endpoint over http',
    build: (s) => oidc(s, {
      endpoints: { authorization: 'https://idp.example.com/a', token: 'https://idp.example.com/t', userInfo: 'https://idp.example.com/u', jwksUri: 'http://idp.example.com/j' },
    }),
    error: '[Stack/Idp] endpoints.jwksUri: received "http://idp.example.com/j"; allowed: an https URL.',
  },
  {
    name: 'OIDC scopes without openid',
    build: (s) => oidc(s, { scopes: ['email', 'profile'] }),
    error: '[Stack/Idp] scopes: received ["email", "profile"]; allowed: a list that includes "openid".',
  },
  {
    name: 'OIDC scope holding a space',
    build: (s) => oidc(s, { scopes: ['openid', 'email profile'] }),
    error: '[Stack/Idp] scopes: received "email profile"; allowed: a scope without spaces or commas.',
  },
  {
    name: 'OIDC client secret as an SSM SecureString',
    build: (s) => oidc(s, { clientSecretValue: SecretValue.ssmSecure('/idp/oidc') }),
    error: '[Stack/Idp] clientSecretValue: received an SSM SecureString reference (not resolved by CloudFormation here); allowed: a SecretValue from Secrets Manager',
  },
  {
    name: 'empty OIDC client id',
    build: (s) => oidc(s, { clientId: '' }),
    error: '[Stack/Idp] clientId: received ""; allowed: 1 to 131072 characters (got 0).',
  },
  // SAML
  {
    name: 'SAML metadata URL over http',
    build: (s) => saml(s, { metadata: SamlMetadata.url('http://idp.example.com/metadata') }),
    error: '[Stack/Idp] metadata.url: received "http://idp.example.com/metadata"; allowed: an https URL.',
  },
  {
    name: 'SAML metadata file that is not XML',
    build: (s) => saml(s, { metadata: SamlMetadata.file('{"entityId": "x"}') }),
    error: '[Stack/Idp] metadata.file: received "{\\"entityId\\": \\"x\\"}"... (17 characters); allowed: SAML metadata XML with an EntityDescriptor that holds an IDPSSODescriptor.',
  },
  {
    name: 'SAML metadata of a service provider (no IDPSSODescriptor)',
    build: (s) => saml(s, { metadata: SamlMetadata.file('<EntityDescriptor entityID="sp"><SPSSODescriptor/></EntityDescriptor>') }),
    error: '[Stack/Idp] metadata.file: received "<EntityDescriptor entityID=\\"sp\\"><SPSSODe"... (69 characters); allowed: SAML metadata XML with an EntityDescriptor that holds an IDPSSODescriptor.',
  },
  {
    name: 'SAML metadata file over 131072 characters',
    build: (s) => saml(s, { metadata: SamlMetadata.file(XML + ' '.repeat(131073 - XML.length)) }),
    error: /\[Stack\/Idp\] metadata\.file: received ".*"\.\.\. \(131073 characters\); allowed: SAML metadata of at most 131072 characters\./,
  },
  // Attribute mapping
  {
    name: 'custom mapping key that is neither custom: nor standard',
    build: (s) => oidc(s, { attributeMapping: { custom: { department: OidcAttribute.of('department') } } }),
    error: '[Stack/Idp] attributeMapping.custom key: received "department"; allowed: a custom attribute ("custom:<name>") or a standard attribute name such as "email".',
  },
  {
    name: 'mapping key over 32 characters',
    build: (s) => oidc(s, { attributeMapping: { custom: { [`custom:${'d'.repeat(26)}`]: OidcAttribute.of('department') } } }),
    error: `[Stack/Idp] attributeMapping.custom key: received "custom:${'d'.repeat(26)}"; allowed: 1 to 32 characters (got 33).`,
  },
  {
    name: 'empty mapped provider attribute',
    build: (s) => saml(s, { attributeMapping: { email: OidcAttribute.of('') } }),
    error: '[Stack/Idp] attributeMapping.email: received ""; allowed: 1 to 131072 characters (got 0).',
  },
  // Social providers
  {
    name: 'Google client secret in plain text',
    build: (s) => new UserPoolIdentityProviderGoogle(s, 'Idp', {
      userPool: new UserPool(s, 'Pool'), clientId: 'c', clientSecretValue: SecretValue.unsafePlainText('s3cr3t'),
    }),
    error: '[Stack/Idp] clientSecretValue: received a plain-text SecretValue (value not shown); allowed: a SecretValue from Secrets Manager (SecretValue.secretsManager) or a NoEcho CloudFormation parameter.',
  },
  {
    name: 'Google with an empty scope list',
    build: (s) => new UserPoolIdentityProviderGoogle(s, 'Idp', { userPool: new UserPool(s, 'Pool'), clientId: 'c', clientSecretValue: SECRET, scopes: [] }),
    error: '[Stack/Idp] scopes: received []; allowed: at least one scope.',
  },
  {
    name: 'Facebook API version without the v prefix',
    build: (s) => new UserPoolIdentityProviderFacebook(s, 'Idp', { userPool: new UserPool(s, 'Pool'), clientId: 'c', clientSecretValue: SECRET, apiVersion: '17.0' }),
    error: '[Stack/Idp] apiVersion: received "17.0"; allowed: a Graph API version such as "v17.0".',
  },
  {
    name: 'Facebook scope holding a comma',
    build: (s) => new UserPoolIdentityProviderFacebook(s, 'Idp', {
      userPool: new UserPool(s, 'Pool'), clientId: 'c', clientSecretValue: SECRET, scopes: ['public_profile,email'],
    }),
    error: '[Stack/Idp] scopes: received "public_profile,email"; allowed: a scope without spaces or commas.',
  },
  {
    name: 'Amazon scope Login with Amazon does not grant',
    build: (s) => new UserPoolIdentityProviderAmazon(s, 'Idp', { userPool: new UserPool(s, 'Pool'), clientId: 'c', clientSecretValue: SECRET, scopes: ['email'] }),
    error: '[Stack/Idp] scopes: received "email"; allowed: one of "profile", "profile:user_id", "postal_code".',
  },
  {
    name: 'Apple scope other than name and email',
    build: (s) => new UserPoolIdentityProviderApple(s, 'Idp', {
      userPool: new UserPool(s, 'Pool'), clientId: 'c', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKeyValue: SECRET, scopes: ['openid'],
    }),
    error: '[Stack/Idp] scopes: received "openid"; allowed: one of "name", "email".',
  },
  {
    name: 'Apple team id of the wrong form',
    build: (s) => new UserPoolIdentityProviderApple(s, 'Idp', {
      userPool: new UserPool(s, 'Pool'), clientId: 'c', teamId: 'team-1', keyId: 'KEY1234567', privateKeyValue: SECRET,
    }),
    error: '[Stack/Idp] teamId: received "team-1"; allowed: 10 upper-case letters and digits.',
  },
  {
    name: 'Apple private key in plain text',
    build: (s) => new UserPoolIdentityProviderApple(s, 'Idp', {
      userPool: new UserPool(s, 'Pool'), clientId: 'c', teamId: 'ABCDE12345', keyId: 'KEY1234567',
      privateKeyValue: SecretValue.unsafePlainText('-----BEGIN PRIVATE KEY-----'),
    }),
    error: '[Stack/Idp] privateKeyValue: received a plain-text SecretValue (value not shown)',
  },
  // Groups
  {
    name: 'group name with a space',
    build: (s) => group(s, { groupName: 'power users' }),
    error: '[Stack/Group] groupName: received "power users"; allowed: letters, marks, symbols, digits and punctuation, no spaces.',
  },
  {
    name: 'group name over 128 characters',
    build: (s) => group(s, { groupName: 'g'.repeat(129) }),
    error: `[Stack/Group] groupName: received "${'g'.repeat(129)}"; allowed: 1 to 128 characters (got 129).`,
  },
  {
    name: 'empty group name',
    build: (s) => group(s, { groupName: '' }),
    error: '[Stack/Group] groupName: received ""; allowed: 1 to 128 characters (got 0).',
  },
  {
    name: 'group description over 2048 characters',
    build: (s) => group(s, { description: 'd'.repeat(2049) }),
    error: /\[Stack\/Group\] description: received "d+"; allowed: 0 to 2048 characters \(got 2049\)\./,
  },
  {
    name: 'negative group precedence',
    build: (s) => group(s, { precedence: -1 }),
    error: '[Stack/Group] precedence: received -1; allowed: an integer from 0 to 2147483647.',
  },
  {
    name: 'group precedence of 2^31',
    build: (s) => group(s, { precedence: 2 ** 31 }),
    error: '[Stack/Group] precedence: received 2147483648; allowed: an integer from 0 to 2147483647.',
  },
  {
    name: 'fractional group precedence',
    build: (s) => group(s, { precedence: 1.5 }),
    error: '[Stack/Group] precedence: received 1.5; allowed: an integer from 0 to 2147483647.',
  },
  // Resource servers
  {
    name: 'resource server identifier with a space',
    build: (s) => server(s, { identifier: 'orders api' }),
    error: '[Stack/Api] identifier: received "orders api"; allowed: printable ASCII characters except space, " and \\.',
  },
  {
    name: 'resource server identifier over 256 characters',
    build: (s) => server(s, { identifier: `https://${'a'.repeat(249)}` }),
    error: `[Stack/Api] identifier: received "https://${'a'.repeat(249)}"; allowed: 1 to 256 characters (got 257).`,
  },
  {
    name: 'resource server name with a slash',
    build: (s) => server(s, { userPoolResourceServerName: 'Orders/API' }),
    error: '[Stack/Api] userPoolResourceServerName: received "Orders/API"; allowed: letters, digits, spaces and _ + = , . @ -.',
  },
  {
    name: 'more than 100 scopes',
    build: (s) => server(s, { scopes: Array.from({ length: 101 }, (_, i) => scope(`s${i}`)) }),
    error: '[Stack/Api] scopes: received "101 items"; allowed: at most 100 items.',
  },
  {
    name: 'scope name with a slash',
    build: (s) => server(s, { scopes: [scope('orders/read')] }),
    error: '[Stack/Api] scopes.scopeName: received "orders/read"; allowed: printable ASCII characters except space, ", / and \\.',
  },
  {
    name: 'scope name over 256 characters',
    build: (s) => server(s, { scopes: [scope('r'.repeat(257))] }),
    error: `[Stack/Api] scopes.scopeName: received "${'r'.repeat(257)}"; allowed: 1 to 256 characters (got 257).`,
  },
  {
    name: 'empty scope description',
    build: (s) => server(s, { scopes: [scope('read', '')] }),
    error: '[Stack/Api] scopes.scopeDescription: received ""; allowed: 1 to 256 characters (got 0).',
  },
  {
    name: 'duplicate scope names',
    build: (s) => server(s, { scopes: [scope('read'), scope('read')] }),
    error: '[Stack/Api] scopes.scopeName: received "read"; allowed: scope names that are unique in the server.',
  },
];
