// Drop-in compatibility of the identity providers: code written for aws-cdk-lib's classes
// compiles against ours (every case below is typed with aws-cdk-lib's props interface) and
// synthesizes the same provider resource, so swapping the import leaves a deployed IdP as it is.
import * as path from 'path';
import { App, Annotations as CoreAnnotations, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ts from 'typescript';
import * as lib from '../lib';

const IDP = 'AWS::Cognito::UserPoolIdentityProvider';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-AbCdEf';

const METADATA_XML = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

/** The warning a plain-text secret gets, as `Annotations` reports it (with its acknowledgement id). */
function plainTextWarning(plainProp: string, valueProp: string): string {
  return `${plainProp} is a plain-text string: it is written into the template, where anyone who can read the stack can read it. ` +
    `Pass it as ${valueProp}, a SecretValue (e.g. SecretValue.secretsManager('my-secret')), instead. ` +
    '[ack: cdk-cognito-userpools:plainTextSecret]';
}

/** A stack named the same in its own app, so that both sides get the same construct paths. */
function newStack(): { stack: Stack; userPool: cognito.IUserPool } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  return { stack, userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEfGhI') };
}

/** The identity provider resources of a stack, whole (logical id, type, properties). */
function providers(stack: Stack): Record<string, unknown> {
  return Template.fromStack(stack).findResources(IDP);
}

interface Case<P> {
  readonly name: string;
  readonly props: (userPool: cognito.IUserPool) => P;
  /** The plain-text secret prop the case uses, which gets a warning from this library. */
  readonly plainText?: [string, string];
}

const MAPPING: cognito.AttributeMapping = {
  email: cognito.ProviderAttribute.other('email'),
  givenName: cognito.ProviderAttribute.other('given_name'),
  custom: { 'custom:department': cognito.ProviderAttribute.other('dept') },
};

const AMAZON: Array<Case<cognito.UserPoolIdentityProviderAmazonProps>> = [
  { name: 'defaults', props: (userPool) => ({ userPool, clientId: 'amzn-client', clientSecret: 'amzn-secret' }), plainText: ['clientSecret', 'clientSecretValue'] },
  {
    name: 'every prop',
    props: (userPool) => ({
      userPool, clientId: 'amzn-client', clientSecret: 'amzn-secret', scopes: ['profile', 'postal_code'],
      attributeMapping: { email: cognito.ProviderAttribute.AMAZON_EMAIL, fullname: cognito.ProviderAttribute.AMAZON_NAME, custom: MAPPING.custom },
    }),
    plainText: ['clientSecret', 'clientSecretValue'],
  },
];

const APPLE: Array<Case<cognito.UserPoolIdentityProviderAppleProps>> = [
  {
    name: 'privateKey (plain text), every prop',
    props: (userPool) => ({
      userPool, clientId: 'com.example.app', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKey: 'apple-private-key',
      scopes: ['name', 'email'], attributeMapping: { email: cognito.ProviderAttribute.APPLE_EMAIL, givenName: cognito.ProviderAttribute.APPLE_FIRST_NAME },
    }),
    plainText: ['privateKey', 'privateKeyValue'],
  },
  {
    name: 'privateKeyValue, defaults',
    props: (userPool) => ({ userPool, clientId: 'com.example.app', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKeyValue: SecretValue.secretsManager(SECRET_ARN) }),
  },
];

const FACEBOOK: Array<Case<cognito.UserPoolIdentityProviderFacebookProps>> = [
  { name: 'defaults', props: (userPool) => ({ userPool, clientId: 'fb-app', clientSecret: 'fb-secret' }), plainText: ['clientSecret', 'clientSecretValue'] },
  {
    name: 'every prop',
    props: (userPool) => ({
      userPool, clientId: 'fb-app', clientSecret: 'fb-secret', scopes: ['public_profile', 'email'], apiVersion: 'v17.0',
      attributeMapping: { email: cognito.ProviderAttribute.FACEBOOK_EMAIL, birthdate: cognito.ProviderAttribute.FACEBOOK_BIRTHDAY },
    }),
    plainText: ['clientSecret', 'clientSecretValue'],
  },
];

const GOOGLE: Array<Case<cognito.UserPoolIdentityProviderGoogleProps>> = [
  {
    name: 'clientSecret (plain text), every prop',
    props: (userPool) => ({
      userPool, clientId: 'google-client', clientSecret: 'google-secret', scopes: ['openid', 'email', 'profile'],
      attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL, profilePicture: cognito.ProviderAttribute.GOOGLE_PICTURE },
    }),
    plainText: ['clientSecret', 'clientSecretValue'],
  },
  { name: 'clientSecretValue, defaults', props: (userPool) => ({ userPool, clientId: 'google-client', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) }) },
];

const OIDC: Array<Case<cognito.UserPoolIdentityProviderOidcProps>> = [
  {
    name: 'defaults (derived name)',
    props: (userPool) => ({ userPool, clientId: 'oidc-client', clientSecret: 'oidc-secret', issuerUrl: 'https://issuer.example.com' }),
    plainText: ['clientSecret', 'clientSecretValue'],
  },
  {
    name: 'every prop',
    props: (userPool) => ({
      userPool,
      clientId: 'oidc-client',
      clientSecret: 'oidc-secret',
      issuerUrl: 'https://issuer.example.com',
      name: 'CorpIdp',
      scopes: ['openid', 'email'],
      identifiers: ['corp', 'example.com'],
      attributeRequestMethod: cognito.OidcAttributeRequestMethod.POST,
      endpoints: {
        authorization: 'https://issuer.example.com/authorize',
        token: 'https://issuer.example.com/token',
        userInfo: 'https://issuer.example.com/userinfo',
        jwksUri: 'https://issuer.example.com/jwks',
      },
      attributeMapping: MAPPING,
    }),
    plainText: ['clientSecret', 'clientSecretValue'],
  },
];

const SAML: Array<Case<cognito.UserPoolIdentityProviderSamlProps>> = [
  { name: 'defaults (derived name)', props: (userPool) => ({ userPool, metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/metadata') }) },
  {
    name: 'every prop, flags on',
    props: (userPool) => ({
      userPool,
      name: 'CorpSaml',
      identifiers: ['corp', 'example.com'],
      metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/metadata'),
      idpSignout: true,
      encryptedResponses: true,
      requestSigningAlgorithm: cognito.SigningAlgorithm.RSA_SHA256,
      idpInitiated: true,
      attributeMapping: MAPPING,
    }),
  },
  {
    name: 'metadata file, flags off',
    props: (userPool) => ({
      userPool, metadata: cognito.UserPoolIdentityProviderSamlMetadata.file(METADATA_XML), idpSignout: false, encryptedResponses: false, idpInitiated: false,
    }),
  },
];

/**
 * Builds the case with aws-cdk-lib's class in one stack and ours in another, and returns both
 * stacks. `ours` takes the props typed as aws-cdk-lib's interface: that it compiles is the proof
 * that every aws-cdk-lib prop type-checks against our class.
 */
function both<P>(c: Case<P>, theirs: (s: Stack, p: P) => unknown, ours: (s: Stack, p: P) => unknown): { cdk: Stack; mine: Stack } {
  const cdk = newStack();
  theirs(cdk.stack, c.props(cdk.userPool));
  const mine = newStack();
  ours(mine.stack, c.props(mine.userPool));
  return { cdk: cdk.stack, mine: mine.stack };
}

/** The same resource on both sides, and the plain-text warning on ours exactly when the case uses one. */
function expectSame(stacks: { cdk: Stack; mine: Stack }, plainText: [string, string] | undefined): void {
  const expected = providers(stacks.cdk);
  expect(Object.keys(expected)).toHaveLength(1);
  expect(providers(stacks.mine)).toEqual(expected);
  const warnings = Annotations.fromStack(stacks.mine).findWarning('*', Match.anyValue()).map((w) => [w.id, w.entry.data]);
  expect(warnings).toEqual(plainText ? [['/Stack/Idp', plainTextWarning(...plainText)]] : []);
}

describe('the same props synthesize the same provider with aws-cdk-lib\'s class and with ours', () => {
  test.each(AMAZON.map((c) => [c.name, c] as const))('Amazon: %s', (_n, c) => {
    expectSame(both(c, (s, p) => new cognito.UserPoolIdentityProviderAmazon(s, 'Idp', p), (s, p) => new lib.UserPoolIdentityProviderAmazon(s, 'Idp', p)), c.plainText);
  });

  test.each(APPLE.map((c) => [c.name, c] as const))('Apple: %s', (_n, c) => {
    expectSame(both(c, (s, p) => new cognito.UserPoolIdentityProviderApple(s, 'Idp', p), (s, p) => new lib.UserPoolIdentityProviderApple(s, 'Idp', p)), c.plainText);
  });

  test.each(FACEBOOK.map((c) => [c.name, c] as const))('Facebook: %s', (_n, c) => {
    expectSame(both(c, (s, p) => new cognito.UserPoolIdentityProviderFacebook(s, 'Idp', p), (s, p) => new lib.UserPoolIdentityProviderFacebook(s, 'Idp', p)), c.plainText);
  });

  test.each(GOOGLE.map((c) => [c.name, c] as const))('Google: %s', (_n, c) => {
    expectSame(both(c, (s, p) => new cognito.UserPoolIdentityProviderGoogle(s, 'Idp', p), (s, p) => new lib.UserPoolIdentityProviderGoogle(s, 'Idp', p)), c.plainText);
  });

  test.each(OIDC.map((c) => [c.name, c] as const))('OIDC: %s', (_n, c) => {
    expectSame(both(c, (s, p) => new cognito.UserPoolIdentityProviderOidc(s, 'Idp', p), (s, p) => new lib.UserPoolIdentityProviderOidc(s, 'Idp', p)), c.plainText);
  });

  test.each(SAML.map((c) => [c.name, c] as const))('SAML: %s', (_n, c) => {
    expectSame(both(c, (s, p) => new cognito.UserPoolIdentityProviderSaml(s, 'Idp', p), (s, p) => new lib.UserPoolIdentityProviderSaml(s, 'Idp', p)), c.plainText);
  });

  test('SAML: the flags are booleans, as aws-cdk-lib writes them, and this library\'s enum gives the same template', () => {
    // GIVEN the "every prop" case with this library's enum instead of aws-cdk-lib's
    const props = (userPool: cognito.IUserPool): lib.UserPoolIdentityProviderSamlProps => ({
      ...SAML[1].props(userPool), requestSigningAlgorithm: lib.SamlRequestSigningAlgorithm.RSA_SHA256,
    });
    // WHEN
    const stacks = both({ name: 'own enum', props }, (s, p) => new cognito.UserPoolIdentityProviderSaml(s, 'Idp', {
      ...p, requestSigningAlgorithm: cognito.SigningAlgorithm.RSA_SHA256,
    }), (s, p) => new lib.UserPoolIdentityProviderSaml(s, 'Idp', p));
    // THEN
    expectSame(stacks, undefined);
    const details = (Object.values(providers(stacks.mine))[0] as any).Properties.ProviderDetails;
    expect(details).toEqual({
      MetadataURL: 'https://idp.example.com/metadata', IDPSignout: true, IDPInit: true, EncryptedResponses: true, RequestSigningAlgorithm: 'rsa-sha256',
    });
  });

  test('OIDC: this library\'s attribute request method enum gives the same template as aws-cdk-lib\'s', () => {
    const stacks = both(OIDC[1], (s, p) => new cognito.UserPoolIdentityProviderOidc(s, 'Idp', p),
      (s, p) => new lib.UserPoolIdentityProviderOidc(s, 'Idp', { ...p, attributeRequestMethod: lib.OidcAttributeRequestMethod.POST }));
    expectSame(stacks, ['clientSecret', 'clientSecretValue']);
  });
});

describe('every prop of aws-cdk-lib\'s provider props is covered above', () => {
  const declared = awsCdkLibProps();
  test.each([
    ['UserPoolIdentityProviderAmazonProps', AMAZON],
    ['UserPoolIdentityProviderAppleProps', APPLE],
    ['UserPoolIdentityProviderFacebookProps', FACEBOOK],
    ['UserPoolIdentityProviderGoogleProps', GOOGLE],
    ['UserPoolIdentityProviderOidcProps', OIDC],
    ['UserPoolIdentityProviderSamlProps', SAML],
  ] as Array<[string, Array<Case<object>>]>)('%s', (name, cases) => {
    const used = new Set(cases.flatMap((c) => Object.keys(c.props(newStack().userPool))));
    expect(declared.get(name)!.length).toBeGreaterThan(2);
    expect(declared.get(name)!.filter((p) => !used.has(p))).toEqual([]);
  });
});

describe('plain-text secrets', () => {
  test('a string that resolves to a Secrets Manager reference is no plain text: no warning', () => {
    // GIVEN aws-cdk-lib's usual way of passing a secret to its string prop
    const { stack, userPool } = newStack();
    // WHEN
    new lib.UserPoolIdentityProviderOidc(stack, 'Idp', {
      userPool, clientId: 'c', clientSecret: SecretValue.secretsManager(SECRET_ARN).unsafeUnwrap(), issuerUrl: 'https://issuer.example.com',
    });
    // THEN
    const details = (Object.values(providers(stack))[0] as any).Properties.ProviderDetails;
    expect(details.client_secret).toBe(`{{resolve:secretsmanager:${SECRET_ARN}:SecretString:::}}`);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('the warning can be acknowledged', () => {
    // GIVEN a plain-text secret
    const { stack, userPool } = newStack();
    const idp = new lib.UserPoolIdentityProviderFacebook(stack, 'Idp', { userPool, clientId: 'c', clientSecret: 'fb-secret' });
    // WHEN the app acknowledges the warning
    CoreAnnotations.of(idp).acknowledgeWarning('cdk-cognito-userpools:plainTextSecret', 'a test app');
    // THEN no warning is left
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test.each([
    ['Amazon', (s: Stack, p: cognito.IUserPool, extra: object) => new lib.UserPoolIdentityProviderAmazon(s, 'Idp', { userPool: p, clientId: 'c', ...extra })],
    ['Facebook', (s: Stack, p: cognito.IUserPool, extra: object) => new lib.UserPoolIdentityProviderFacebook(s, 'Idp', { userPool: p, clientId: 'c', ...extra })],
    ['Google', (s: Stack, p: cognito.IUserPool, extra: object) => new lib.UserPoolIdentityProviderGoogle(s, 'Idp', { userPool: p, clientId: 'c', ...extra })],
    ['OIDC', (s: Stack, p: cognito.IUserPool, extra: object) => new lib.UserPoolIdentityProviderOidc(s, 'Idp', {
      userPool: p, clientId: 'c', issuerUrl: 'https://issuer.example.com', ...extra,
    })],
  ])('%s: both clientSecret and clientSecretValue, neither, or a string clientSecretValue are refused without showing the secret', (_n, build) => {
    const cases: Array<[object, string]> = [
      [{ clientSecret: 'hunter2', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) },
        '[Stack/Idp] clientSecret: received a string (value not shown) together with clientSecretValue; allowed: exactly one of clientSecret and clientSecretValue (prefer clientSecretValue, a SecretValue).'],
      [{},
        '[Stack/Idp] clientSecretValue: received undefined; allowed: a SecretValue (e.g. SecretValue.secretsManager(...)), or the secret as a plain-text clientSecret string.'],
      [{ clientSecretValue: 'hunter2' },
        '[Stack/Idp] clientSecretValue: received a string (value not shown); allowed: a SecretValue (e.g. SecretValue.secretsManager(...)).'],
      [{ clientSecret: 42 },
        '[Stack/Idp] clientSecret: received a number (value not shown); allowed: a string.'],
    ];
    for (const [extra, message] of cases) {
      const { stack, userPool } = newStack();
      expect(() => build(stack, userPool, extra as any)).toThrow(exact(message));
    }
  });
});

describe('Apple private key', () => {
  const base = { clientId: 'com.example.app', teamId: 'ABCDE12345', keyId: 'KEY1234567' };

  test('privateKey alone works, as with aws-cdk-lib, with the plain-text warning', () => {
    // GIVEN
    const { stack, userPool } = newStack();
    // WHEN
    new lib.UserPoolIdentityProviderApple(stack, 'Idp', { userPool, ...base, privateKey: 'apple-private-key' });
    // THEN
    const details = (Object.values(providers(stack))[0] as any).Properties.ProviderDetails;
    expect(details).toEqual({ client_id: 'com.example.app', team_id: 'ABCDE12345', key_id: 'KEY1234567', private_key: 'apple-private-key', authorize_scopes: 'name' });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => w.entry.data)).toEqual([plainTextWarning('privateKey', 'privateKeyValue')]);
  });

  test('privateKey and privateKeyValue together are refused with a clear error', () => {
    const { stack, userPool } = newStack();
    expect(() => new lib.UserPoolIdentityProviderApple(stack, 'Idp', {
      userPool, ...base, privateKey: 'apple-private-key', privateKeyValue: SecretValue.secretsManager(SECRET_ARN),
    })).toThrow(exact('[Stack/Idp] privateKey: received a string (value not shown) together with privateKeyValue; ' +
      'allowed: exactly one of privateKey and privateKeyValue (prefer privateKeyValue, a SecretValue).'));
  });

  test('neither is refused, naming both', () => {
    const { stack, userPool } = newStack();
    expect(() => new lib.UserPoolIdentityProviderApple(stack, 'Idp', { userPool, ...base })).toThrow(exact(
      '[Stack/Idp] privateKeyValue: received undefined; allowed: a SecretValue (e.g. SecretValue.secretsManager(...)), or the secret as a plain-text privateKey string.'));
  });
});

/** The props each aws-cdk-lib provider props interface declares (its own and inherited), read from its type declarations. */
function awsCdkLibProps(): Map<string, string[]> {
  const dir = path.join(path.dirname(require.resolve('aws-cdk-lib')), 'aws-cognito', 'lib', 'user-pool-idps');
  const index = path.join(dir, 'index.d.ts');
  const program = ts.createProgram([index], { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const result = new Map<string, string[]>();
  const visit = (file: ts.SourceFile) => ts.forEachChild(file, (node) => {
    if (ts.isInterfaceDeclaration(node) && /^UserPoolIdentityProvider\w+Props$/.test(node.name.text)) {
      result.set(node.name.text, checker.getPropertiesOfType(checker.getTypeAtLocation(node)).map((p) => p.name));
    }
  });
  for (const file of program.getSourceFiles()) {
    if (path.resolve(path.dirname(file.fileName)) === path.resolve(dir)) visit(file);
  }
  return result;
}

/** Matches the whole message, not a part of it. */
function exact(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
