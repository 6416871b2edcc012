// The compatibility switch (context key cdk-cognito-userpools:awsCdkLibDefaults): with it, a set
// of aws-cdk-lib configurations synthesizes the same template with aws-cdk-lib's classes and with
// this library's, so swapping the import of a deployed pool shows no `cdk diff`; without it, the
// secure defaults differ from aws-cdk-lib's exactly as documented.
import { App, CfnOutput, Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as lib from '../lib';
import { AWS_CDK_LIB, Build, COMPAT, KEY, Kit, THIS_LIBRARY, synth, withoutGuard } from './helpers/compat-kit';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-AbCdEf';
const METADATA_URL = 'https://idp.example.com/metadata';

function fn(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e;'),
  });
}

/** Every identity provider type in one pool, as aws-cdk-lib users write them. */
function allProviders(stack: Stack, kit: Kit, userPool: cognito.IUserPool): void {
  new kit.UserPoolIdentityProviderGoogle(stack, 'Google', { userPool, clientId: 'g', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) });
  new kit.UserPoolIdentityProviderFacebook(stack, 'Facebook', { userPool, clientId: 'f', clientSecret: SecretValue.secretsManager(SECRET_ARN).unsafeUnwrap() });
  new kit.UserPoolIdentityProviderAmazon(stack, 'Amazon', { userPool, clientId: 'a', clientSecret: SecretValue.secretsManager(SECRET_ARN).unsafeUnwrap() });
  new kit.UserPoolIdentityProviderApple(stack, 'Apple', {
    userPool, clientId: 'com.example', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKeyValue: SecretValue.secretsManager(SECRET_ARN),
  });
  new kit.UserPoolIdentityProviderOidc(stack, 'Oidc', {
    userPool, clientId: 'o', clientSecret: SecretValue.secretsManager(SECRET_ARN).unsafeUnwrap(), issuerUrl: 'https://issuer.example.com',
  });
  new kit.UserPoolIdentityProviderSaml(stack, 'Saml', { userPool, metadata: cognito.UserPoolIdentityProviderSamlMetadata.url(METADATA_URL) });
}

/** aws-cdk-lib configurations: every extended class, the common prop combinations, the shortcuts. */
const CONFIGURATIONS: Array<[string, Build]> = [
  ['pool: no props', (s, k) => { new k.UserPool(s, 'Pool'); }],
  ['pool: self sign-up, email sign-in, auto-verified', (s, k) => {
    new k.UserPool(s, 'Pool', { selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true } });
  }],
  ['pool: username with aliases, case-insensitive', (s, k) => {
    new k.UserPool(s, 'Pool', { signInAliases: { username: true, email: true, preferredUsername: true }, signInCaseSensitive: false });
  }],
  ['pool: MFA optional (aws-cdk-lib\'s SMS default and role)', (s, k) => { new k.UserPool(s, 'Pool', { mfa: cognito.Mfa.OPTIONAL }); }],
  ['pool: MFA required with TOTP and SMS and a message', (s, k) => {
    new k.UserPool(s, 'Pool', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: true }, mfaMessage: 'Code {####}' });
  }],
  ['pool: MFA off', (s, k) => { new k.UserPool(s, 'Pool', { mfa: cognito.Mfa.OFF }); }],
  ['pool: a partial password policy', (s, k) => { new k.UserPool(s, 'Pool', { passwordPolicy: { minLength: 10, requireSymbols: false } }); }],
  ['pool: destroyed with the stack, deletion protection off', (s, k) => {
    new k.UserPool(s, 'Pool', { removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
  }],
  ['pool: deletion protection on', (s, k) => { new k.UserPool(s, 'Pool', { deletionProtection: true }); }],
  ['pool: Plus plan without a threat-protection mode', (s, k) => { new k.UserPool(s, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS }); }],
  ['pool: Lite plan, email-only recovery', (s, k) => {
    new k.UserPool(s, 'Pool', { featurePlan: cognito.FeaturePlan.LITE, accountRecovery: cognito.AccountRecovery.EMAIL_ONLY });
  }],
  ['pool: standard and custom attributes', (s, k) => {
    new k.UserPool(s, 'Pool', {
      standardAttributes: { email: { required: true, mutable: false }, fullname: { required: false } },
      customAttributes: { tier: new cognito.StringAttribute({ minLen: 1, maxLen: 10, mutable: true }), score: new cognito.NumberAttribute({ min: 0 }) },
    });
  }],
  ['pool: Lambda triggers in props and by addTrigger', (s, k) => {
    const pool = new k.UserPool(s, 'Pool', { lambdaTriggers: { preSignUp: fn(s, 'PreSignUp') } });
    pool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, fn(s, 'PostConfirmation'));
  }],
  ['pool: email through SES', (s, k) => {
    new k.UserPool(s, 'Pool', { email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesVerifiedDomain: 'example.com', sesRegion: 'us-east-1' }) });
  }],
  ['pool: link verification and an invitation', (s, k) => {
    new k.UserPool(s, 'Pool', {
      userVerification: { emailStyle: cognito.VerificationEmailStyle.LINK, emailSubject: 'Verify', emailBody: 'Click {##Verify##}' },
      userInvitation: { emailSubject: 'Welcome', emailBody: 'Hello {username}, your code is {####}', smsMessage: 'Hi {username} {####}' },
    });
  }],
  ['pool: keep original attributes, device tracking, custom threat protection', (s, k) => {
    new k.UserPool(s, 'Pool', {
      signInAliases: { email: true, phone: true }, autoVerify: { email: true, phone: true }, keepOriginal: { email: true },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
      featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
      customThreatProtectionMode: cognito.CustomThreatProtectionMode.AUDIT_ONLY,
    });
  }],
  ['pool: a customer-managed sender key with a custom email sender', (s, k) => {
    new k.UserPool(s, 'Pool', { customSenderKmsKey: new kms.Key(s, 'Key'), lambdaTriggers: { customEmailSender: fn(s, 'Sender') } });
  }],
  ['pool: grants and imported references', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    pool.grant(new iam.Role(s, 'Admin', { assumedBy: new iam.AccountRootPrincipal() }), 'cognito-idp:AdminCreateUser');
    new CfnOutput(s, 'PoolArn', { value: pool.userPoolArn });
    new CfnOutput(s, 'ProviderUrl', { value: pool.userPoolProviderUrl });
  }],
  ['client: no props', (s, k) => { new k.UserPoolClient(s, 'Client', { userPool: new k.UserPool(s, 'Pool') }); }],
  ['client: no OAuth, password sign-in', (s, k) => {
    new k.UserPoolClient(s, 'Client', { userPool: new k.UserPool(s, 'Pool'), disableOAuth: true, authFlows: { userPassword: true, adminUserPassword: true } });
  }],
  ['client: implicit grant, a callback URL listed twice', (s, k) => {
    new k.UserPoolClient(s, 'Client', {
      userPool: new k.UserPool(s, 'Pool'),
      oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: ['https://app.example.com/cb', 'https://app.example.com/cb'], logoutUrls: ['https://app.example.com/out'] },
    });
  }],
  ['client: token validities, legacy existence errors, revocation off', (s, k) => {
    new k.UserPoolClient(s, 'Client', {
      userPool: new k.UserPool(s, 'Pool'), preventUserExistenceErrors: false, enableTokenRevocation: false,
      accessTokenValidity: Duration.minutes(30), idTokenValidity: Duration.hours(1), refreshTokenValidity: Duration.days(30), authSessionValidity: Duration.minutes(5),
    });
  }],
  ['client: client credentials with a resource server scope, its secret in an output', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    const server = new k.UserPoolResourceServer(s, 'Api', { userPool: pool, identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' })] });
    const client = new k.UserPoolClient(s, 'Client', {
      userPool: pool, generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' }))] },
    });
    new CfnOutput(s, 'Secret', { value: client.userPoolClientSecret.unsafeUnwrap() });
  }],
  ['client: every provider type registered before it', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    allProviders(s, k, pool);
    new k.UserPoolClient(s, 'Client', { userPool: pool });
  }],
  ['client: providers named by constant, declared in the app', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    new k.UserPoolClient(s, 'Client', {
      userPool: pool, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE, cognito.UserPoolClientIdentityProvider.COGNITO],
    });
    new k.UserPoolIdentityProviderGoogle(s, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) });
  }],
  ['client: of an imported pool', (s, k) => {
    new k.UserPoolClient(s, 'Client', { userPool: cognito.UserPool.fromUserPoolId(s, 'Imported', 'us-east-1_AbCdEfGhI'), generateSecret: true });
  }],
  ['domain: prefix, its URLs in outputs', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    const client = new k.UserPoolClient(s, 'Client', { userPool: pool });
    const domain = new k.UserPoolDomain(s, 'Domain', { userPool: pool, cognitoDomain: { domainPrefix: 'my-app' } });
    new CfnOutput(s, 'Base', { value: domain.baseUrl({ fips: true }) });
    new CfnOutput(s, 'SignIn', { value: domain.signInUrl(client, { redirectUri: 'https://example.com', signInPath: '/login' }) });
  }],
  ['domain: custom, with an alias record and the CloudFront name', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    const domain = new k.UserPoolDomain(s, 'Domain', {
      userPool: pool, customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) },
    });
    const zone = route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z123', zoneName: 'example.com' });
    new route53.ARecord(s, 'Alias', { zone, recordName: 'auth', target: route53.RecordTarget.fromAlias(new targets.UserPoolDomainTarget(domain)) });
    new CfnOutput(s, 'CloudFront', { value: domain.cloudFrontDomainName });
  }],
  ['domain: managed login (version 2) with a client', (s, k) => {
    const pool = new k.UserPool(s, 'Pool', { featurePlan: cognito.FeaturePlan.ESSENTIALS });
    new k.UserPoolClient(s, 'Client', { userPool: pool });
    new k.UserPoolDomain(s, 'Domain', { userPool: pool, cognitoDomain: { domainPrefix: 'my-app' }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN });
  }],
  ['group: with a role and precedence', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    const role = new iam.Role(s, 'Role', { assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity') });
    new k.UserPoolGroup(s, 'Admins', { userPool: pool, groupName: 'admins', description: 'Administrators', precedence: 0, role });
  }],
  ['group and resource server: minimal', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    new k.UserPoolGroup(s, 'Group', { userPool: pool });
    new k.UserPoolResourceServer(s, 'Api', { userPool: pool, identifier: 'orders' });
  }],
  ['shortcuts: addClient, addDomain, addGroup, addResourceServer', (s, k) => {
    const pool = new k.UserPool(s, 'Pool');
    pool.addClient('Client', { authFlows: { userSrp: true } });
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'short-cuts' } });
    pool.addGroup('Group', { groupName: 'readers' });
    pool.addResourceServer('Api', { identifier: 'api', userPoolResourceServerName: 'Api', scopes: [new cognito.ResourceServerScope({ scopeName: 'r', scopeDescription: 'R' })] });
  }],
  ['identity providers: every type, no pool of the app', (s, k) => {
    allProviders(s, k, cognito.UserPool.fromUserPoolId(s, 'Imported', 'us-east-1_AbCdEfGhI'));
  }],
  ['a whole app: pool, providers, clients, domain, groups', (s, k) => {
    const pool = new k.UserPool(s, 'Pool', {
      selfSignUpEnabled: true, signInAliases: { email: true }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14 }, accountRecovery: cognito.AccountRecovery.EMAIL_ONLY, featurePlan: cognito.FeaturePlan.ESSENTIALS,
    });
    allProviders(s, k, pool);
    pool.addClient('Web', { oAuth: { callbackUrls: ['https://app.example.com/cb'] } });
    pool.addClient('Backend', { generateSecret: true, disableOAuth: true, authFlows: { adminUserPassword: true } });
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'whole-app' } });
    pool.addGroup('Admins', { groupName: 'admins' });
  }],
];

describe('with the switch, aws-cdk-lib\'s configurations synthesize the same template with this library\'s classes', () => {
  test('there are at least 25 configurations, covering every extended class', () => {
    expect(CONFIGURATIONS.length).toBeGreaterThanOrEqual(25);
  });

  test.each(CONFIGURATIONS)('%s', (_name, build) => {
    // GIVEN the configuration built with aws-cdk-lib's classes
    const expected = synth(AWS_CDK_LIB, build);
    // WHEN it is built with this library's, under the key
    const actual = synth(THIS_LIBRARY, build, { context: COMPAT });
    // THEN the templates are equal, as a whole (resources, outputs, parameters, rules)
    expect(actual).toEqual(expected);
  });

  test('stack tags are left to CloudFormation, as aws-cdk-lib leaves them (no UserPoolTags)', () => {
    const build: Build = (s, k) => { new k.UserPool(s, 'Pool'); };
    const stackProps = { tags: { team: 'identity' } };
    const expected = synth(AWS_CDK_LIB, build, { stackProps });
    expect(synth(THIS_LIBRARY, build, { context: COMPAT, stackProps })).toEqual(expected);
    expect(Object.values<any>(expected.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool').Properties.UserPoolTags).toBeUndefined();
  });
});

describe('the key\'s values', () => {
  const build: Build = (s, k) => { new k.UserPool(s, 'Pool'); };

  test.each([
    ['true (a boolean, as in cdk.json)', true],
    ['"true" (a string, as cdk -c passes it)', 'true'],
  ])('%s turns aws-cdk-lib\'s defaults on', (_n, value) => {
    expect(synth(THIS_LIBRARY, build, { context: { [KEY]: value } })).toEqual(synth(AWS_CDK_LIB, build));
  });

  test.each([
    ['false', false],
    ['"false"', 'false'],
    ['no value', undefined],
  ])('%s keeps the secure defaults', (_n, value) => {
    const template = synth(THIS_LIBRARY, build, { context: value === undefined ? {} : { [KEY]: value } });
    const pool = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
    expect([pool.Properties.MfaConfiguration, pool.Properties.DeletionProtection]).toEqual(['ON', 'ACTIVE']);
  });

  test.each([
    ['yes', '"yes"'],
    ['TRUE', '"TRUE"'],
    [1, '1'],
    [{}, '{}'],
  ])('%p is refused, naming the construct, the key and the value', (value, shown) => {
    expect(() => synth(THIS_LIBRARY, build, { context: { [KEY]: value } })).toThrow(exact(
      `[Stack/Pool] context cdk-cognito-userpools:awsCdkLibDefaults: received ${shown}; allowed: true or false (a boolean in cdk.json, or "true"/"false" with cdk -c).`));
  });

  test.each([
    ['UserPoolClient', (s: Stack) => new lib.UserPoolClient(s, 'Client', { userPool: cognito.UserPool.fromUserPoolId(s, 'P', 'us-east-1_AbCdEfGhI') })],
    ['UserPoolDomain', (s: Stack) => new lib.UserPoolDomain(s, 'Client', {
      userPool: cognito.UserPool.fromUserPoolId(s, 'P', 'us-east-1_AbCdEfGhI'), cognitoDomain: { domainPrefix: 'abc' },
    })],
  ])('%s refuses a bad value too', (_n, make) => {
    const stack = new Stack(new App({ context: { [KEY]: 'on' } }), 'Stack');
    expect(() => make(stack)).toThrow(exact(
      '[Stack/Client] context cdk-cognito-userpools:awsCdkLibDefaults: received "on"; allowed: true or false (a boolean in cdk.json, or "true"/"false" with cdk -c).'));
  });

  test('the exported constant is the key', () => {
    expect(lib.AwsCdkLibCompatibility.CONTEXT_KEY).toBe(KEY);
  });

  test('a scope above the construct may set it (a stage or a stack), as context is inherited', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    stack.node.setContext(lib.AwsCdkLibCompatibility.CONTEXT_KEY, true);
    new lib.UserPool(stack, 'Pool');
    expect(Template.fromStack(stack).toJSON()).toEqual(synth(AWS_CDK_LIB, build));
  });
});

describe('with the switch, where aws-cdk-lib would write a value Cognito rejects', () => {
  test('a resource server named by an https identifier gets the characters Cognito refuses in names replaced, in both modes', () => {
    const build: Build = (s, k) => { new k.UserPoolResourceServer(s, 'Api', { userPool: new k.UserPool(s, 'Pool'), identifier: 'https://api.example.com/orders' }); };
    const name = (t: Record<string, any>) => Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Cognito::UserPoolResourceServer').Properties.Name;
    expect(name(synth(AWS_CDK_LIB, build))).toBe('https://api.example.com/orders');
    expect(name(synth(THIS_LIBRARY, build, { context: COMPAT }))).toBe('https---api.example.com-orders');
    expect(name(synth(THIS_LIBRARY, build))).toBe('https---api.example.com-orders');
  });
});

describe('with the switch, a check stricter than Cognito becomes a warning', () => {
  test('a custom attribute named like a standard attribute is written as aws-cdk-lib writes it, with a warning; without the key it is refused', () => {
    // GIVEN a pool as aws-cdk-lib accepts it (Cognito creates no custom attribute of that name)
    const build: Build = (s, k) => { new k.UserPool(s, 'Pool', { customAttributes: { email: new cognito.StringAttribute({ mutable: true }) } }); };
    // WHEN built under the key
    const app = new App({ context: COMPAT });
    const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    build(stack, THIS_LIBRARY);
    // THEN the template is aws-cdk-lib's, with an acknowledgeable warning
    expect(Template.fromStack(stack).toJSON()).toEqual(synth(AWS_CDK_LIB, build));
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => [w.id, w.entry.data])).toEqual([[
      '/Stack/Pool',
      'customAttributes.email: "email" is a standard attribute, so Cognito creates no custom attribute of that name; it is kept as aws-cdk-lib writes it '
        + 'because of cdk-cognito-userpools:awsCdkLibDefaults. Configure standard attributes with standardAttributes. '
        + '[ack: cdk-cognito-userpools:standardNamedCustomAttribute]',
    ]]);
    // AND without the key it is refused
    expect(() => synth(THIS_LIBRARY, build)).toThrow(/^\[Stack\/Pool\] customAttributes\.email \(name\): received "email"; allowed: a name that is not a standard attribute /);
  });
});

describe('with the switch, props set explicitly win', () => {
  test('the secure settings given as props give the secure pool and client, still without a guard unless asked for', () => {
    // GIVEN the secure defaults, set explicitly, and the guard asked for
    const build = (s: Stack, k: Kit, guard?: boolean) => {
      const pool = new k.UserPool(s, 'Pool', {
        mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false },
        passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
        deletionProtection: true, removalPolicy: RemovalPolicy.RETAIN,
        ...(guard === undefined ? {} : { immutableSettingsGuard: guard }),
      } as lib.UserPoolProps);
      new k.UserPoolClient(s, 'Client', {
        userPool: pool, preventUserExistenceErrors: true, enableTokenRevocation: true, authFlows: { userSrp: true },
        oAuth: { flows: { authorizationCodeGrant: true } },
      });
    };
    // WHEN built under the key, and without it
    const compat = synth(THIS_LIBRARY, (s, k) => build(s, k), { context: COMPAT });
    const secure = synth(THIS_LIBRARY, (s, k) => build(s, k));
    const compatGuarded = synth(THIS_LIBRARY, (s, k) => build(s, k, true), { context: COMPAT });
    // THEN under the key it is aws-cdk-lib's template of the same props
    expect(compat).toEqual(synth(AWS_CDK_LIB, (s, k) => build(s, k)));
    // and the secure-mode template is that plus the guard, which the key turns off unless asked for
    expect(withoutGuard(secure).template).toEqual(compat);
    expect(compatGuarded).toEqual(secure);
  });

  test('the adoption path: with every secure default set explicitly, removing the key changes nothing', () => {
    // GIVEN every secure default of the pool, the client and the domains given explicitly, this
    // library's own ones included (the guard, the TLS policy, default branding)
    const build: Build = (s) => {
      const pool = new lib.UserPool(s, 'Pool', {
        featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
        mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false },
        passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
        deletionProtection: true, removalPolicy: RemovalPolicy.RETAIN, immutableSettingsGuard: true,
      });
      pool.addClient('Client', { preventUserExistenceErrors: true, enableTokenRevocation: true, authFlows: { userSrp: true }, oAuth: { flows: { authorizationCodeGrant: true } } });
      new lib.UserPoolDomain(s, 'Custom', {
        userPool: pool, customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) },
        securityPolicy: lib.DomainSecurityPolicy.TLS_V1_2_2021,
      });
      new lib.UserPoolDomain(s, 'V2', { userPool: pool, cognitoDomain: { domainPrefix: 'my-app' }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN, defaultBranding: true });
    };
    // WHEN built under the key and without it
    const compat = synth(THIS_LIBRARY, build, { context: COMPAT });
    const secure = synth(THIS_LIBRARY, build);
    // THEN the templates are the same: the key can go
    expect(compat).toEqual(secure);
    const types = Object.values<any>(secure.Resources).map((r) => r.Type);
    expect(types.filter((t) => t.startsWith('AWS::Cognito::') || t.startsWith('Custom::')).sort()).toEqual([
      'AWS::Cognito::ManagedLoginBranding', 'AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain', 'AWS::Cognito::UserPoolDomain', 'Custom::CognitoImmutableSettingsGuard',
    ]);
    Template.fromJSON(compat).hasResourceProperties('AWS::Cognito::UserPoolDomain', { CustomDomainConfig: { CertificateArn: CERT_ARN, SecurityPolicy: 'TLS_V1_2_2021' } });
  });

  test('without the switch, immutableSettingsGuard: false leaves the guard out', () => {
    const template = synth(THIS_LIBRARY, (s) => { new lib.UserPool(s, 'Pool', { immutableSettingsGuard: false }); });
    expect(Object.values<any>(template.Resources).map((r) => r.Type)).toEqual(['AWS::Cognito::UserPool']);
  });
});

describe('without the switch, the secure defaults are exactly the documented differences', () => {
  test('a pool and a client with no props', () => {
    // GIVEN
    const build: Build = (s, k) => { new k.UserPoolClient(s, 'Client', { userPool: new k.UserPool(s, 'Pool') }); };
    const cdk = synth(AWS_CDK_LIB, build);
    // WHEN
    const { template: ours, removed } = withoutGuard(synth(THIS_LIBRARY, build));
    // THEN the pool has MFA required (TOTP), the strong password policy and deletion protection;
    // it is retained on stack deletion as with aws-cdk-lib
    const poolId = Object.keys(cdk.Resources).find((id) => cdk.Resources[id].Type === 'AWS::Cognito::UserPool')!;
    const clientId = Object.keys(cdk.Resources).find((id) => cdk.Resources[id].Type === 'AWS::Cognito::UserPoolClient')!;
    expect(cdk.Resources[poolId].DeletionPolicy).toBe('Retain');
    expect(ours.Resources).toEqual({
      ...cdk.Resources,
      [poolId]: {
        ...cdk.Resources[poolId],
        Properties: {
          ...cdk.Resources[poolId].Properties,
          MfaConfiguration: 'ON',
          EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
          Policies: {
            PasswordPolicy: {
              MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3,
            },
          },
          DeletionProtection: 'ACTIVE',
        },
      },
      // the client prevents user-existence errors, revokes tokens, offers SRP (plus refresh) and only the code grant
      [clientId]: {
        ...cdk.Resources[clientId],
        Properties: {
          ...cdk.Resources[clientId].Properties,
          PreventUserExistenceErrors: 'ENABLED',
          EnableTokenRevocation: true,
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          AllowedOAuthFlows: ['code'],
        },
      },
    });
    // AND the guard is the only addition: its custom resource and the stack's provider
    expect(removed.sort()).toEqual([
      'CognitoUserPoolsProviderFrameworkLogs4B100153',
      'CognitoUserPoolsProviderHandler3EA9413F',
      'CognitoUserPoolsProviderHandlerLogsBCD1112E',
      'CognitoUserPoolsProviderHandlerRoleDefaultPolicy7FCF70EF',
      'CognitoUserPoolsProviderHandlerRoleF62230AF',
      'CognitoUserPoolsProviderframeworkonEvent2200E461',
      'CognitoUserPoolsProviderframeworkonEventServiceRole9E7499DF',
      'CognitoUserPoolsProviderframeworkonEventServiceRoleDefaultPolicyFD971779',
      'PoolImmutableSettingsGuardCC9EC410',
    ].sort());
  });

  test('the Plus plan gets full threat protection', () => {
    const build: Build = (s, k) => { new k.UserPool(s, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS }); };
    const cdk = synth(AWS_CDK_LIB, build);
    const ours = withoutGuard(synth(THIS_LIBRARY, build)).template;
    const pool = (t: Record<string, any>) => Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool').Properties;
    expect(pool(cdk).UserPoolAddOns).toBeUndefined();
    expect(pool(ours).UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  test('a custom domain gets the TLS 1.2 (2021) policy; a v2 domain brands its clients; secrets and the CloudFront name are attributes', () => {
    // GIVEN
    const build: Build = (s, k) => {
      const pool = new k.UserPool(s, 'Pool', { featurePlan: cognito.FeaturePlan.ESSENTIALS });
      const client = new k.UserPoolClient(s, 'Client', { userPool: pool, generateSecret: true });
      const custom = new k.UserPoolDomain(s, 'Custom', {
        userPool: pool, customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) },
      });
      new k.UserPoolDomain(s, 'V2', { userPool: pool, cognitoDomain: { domainPrefix: 'my-app' }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN });
      new CfnOutput(s, 'Secret', { value: client.userPoolClientSecret.unsafeUnwrap() });
      new CfnOutput(s, 'CloudFront', { value: custom.cloudFrontDomainName });
    };
    // WHEN
    const cdk = synth(AWS_CDK_LIB, build);
    const ours = withoutGuard(synth(THIS_LIBRARY, build)).template;
    // THEN
    const types = (t: Record<string, any>) => Object.values<any>(t.Resources).map((r) => r.Type).sort();
    expect(types(cdk).filter((t) => !types(ours).includes(t))).toEqual([
      // aws-cdk-lib's two AwsCustomResources, their policies and their shared Lambda
      'AWS::IAM::Policy', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::Lambda::Function',
      'Custom::DescribeCognitoUserPoolClient', 'Custom::UserPoolCloudFrontDomainName',
    ].sort());
    expect(types(ours).filter((t) => !types(cdk).includes(t))).toEqual(['AWS::Cognito::ManagedLoginBranding']);
    Template.fromJSON(ours).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      CustomDomainConfig: { CertificateArn: CERT_ARN, SecurityPolicy: 'TLS_V1_2_2021' },
    });
    Template.fromJSON(ours).hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true });
    const idOf = (type: string, prop: string, value: unknown) => Object.keys(ours.Resources)
      .find((id) => ours.Resources[id].Type === type && JSON.stringify(ours.Resources[id].Properties[prop]) === JSON.stringify(value));
    expect(ours.Outputs.Secret.Value).toEqual({ 'Fn::GetAtt': [idOf('AWS::Cognito::UserPoolClient', 'GenerateSecret', true), 'ClientSecret'] });
    expect(ours.Outputs.CloudFront.Value).toEqual({
      'Fn::GetAtt': [idOf('AWS::Cognito::UserPoolDomain', 'Domain', 'auth.example.com'), 'CloudFrontDistribution'],
    });
  });

  test('a client depends on the providers it names; a URL listed twice is written once; stack tags reach UserPoolTags', () => {
    const build: Build = (s, k) => {
      const pool = new k.UserPool(s, 'Pool');
      new k.UserPoolClient(s, 'Client', {
        userPool: pool, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE],
        oAuth: { callbackUrls: ['https://app.example.com/cb', 'https://app.example.com/cb'] },
      });
      new k.UserPoolIdentityProviderGoogle(s, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) });
    };
    const stackProps = { tags: { team: 'identity' } };
    const cdk = synth(AWS_CDK_LIB, build, { stackProps });
    const ours = withoutGuard(synth(THIS_LIBRARY, build, { stackProps })).template;
    const client = (t: Record<string, any>) => Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    const pool = (t: Record<string, any>) => Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
    expect([client(cdk).DependsOn, client(cdk).Properties.CallbackURLs]).toEqual([undefined, ['https://app.example.com/cb', 'https://app.example.com/cb']]);
    expect([client(ours).DependsOn, client(ours).Properties.CallbackURLs]).toEqual([['GoogleAF1E99FA'], ['https://app.example.com/cb']]);
    expect([pool(cdk).Properties.UserPoolTags, pool(ours).Properties.UserPoolTags]).toEqual([undefined, { team: 'identity' }]);
  });
});

/** Matches the whole message, not a part of it. */
function exact(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
