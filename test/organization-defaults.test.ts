import { App, Duration, PropertyInjectors, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { OrganizationDefaults, UserPool, UserPoolClient } from '../lib';

const ACME = new OrganizationDefaults({
  passwordPolicy: { minLength: 14, passwordHistorySize: 5, tempPasswordValidity: Duration.days(3) },
  mfa: cognito.Mfa.REQUIRED,
  featurePlan: cognito.FeaturePlan.ESSENTIALS,
  deletionProtection: true,
  accessTokenValidity: Duration.minutes(30),
  idTokenValidity: Duration.minutes(30),
  refreshTokenValidity: Duration.days(7),
  allowedCallbackDomains: ['acme.example', 'localhost', 'acmeapp://'],
});

function appWith(defaults = ACME): { app: App; stack: Stack } {
  const app = new App();
  defaults.applyTo(app);
  return { app, stack: new Stack(app, 'Stack') };
}

const ORG_POLICY = {
  PasswordPolicy: {
    MinimumLength: 14,
    RequireLowercase: true,
    RequireUppercase: true,
    RequireNumbers: true,
    RequireSymbols: true,
    PasswordHistorySize: 5,
    TemporaryPasswordValidityDays: 3,
  },
};

describe('OrganizationDefaults: pools', () => {
  test('a pool that sets nothing gets every organisation setting', () => {
    const { stack } = appWith();
    new UserPool(stack, 'Pool');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: ORG_POLICY,
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'ESSENTIALS',
      DeletionProtection: 'ACTIVE',
    });
  });

  test('aws-cdk-lib\'s own UserPool gets them too (includeAwsCdkLibClasses defaults to true)', () => {
    const { stack } = appWith();
    new cognito.UserPool(stack, 'Pool');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: ORG_POLICY,
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'ESSENTIALS',
      DeletionProtection: 'ACTIVE',
    });
  });

  test('includeAwsCdkLibClasses: false leaves aws-cdk-lib\'s class alone', () => {
    const { stack } = appWith(new OrganizationDefaults({ mfa: cognito.Mfa.REQUIRED, includeAwsCdkLibClasses: false }));
    new cognito.UserPool(stack, 'Pool');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: Match.absent() });
    expect(PropertyInjectors.of(stack.node.root).supportedClasses()).toEqual([
      'cdk-cognito-userpools.UserPool', 'cdk-cognito-userpools.UserPoolClient',
    ]);
  });

  test('PropertyInjectors.of(app).add(...injectors) is the same as applyTo(app)', () => {
    const app = new App();
    PropertyInjectors.of(app).add(...ACME.injectors);
    expect(PropertyInjectors.of(app).supportedClasses()).toEqual([
      'cdk-cognito-userpools.UserPool', 'aws-cdk-lib.aws-cognito.UserPool',
      'cdk-cognito-userpools.UserPoolClient', 'aws-cdk-lib.aws-cognito.UserPoolClient',
    ]);
  });

  test('applyTo takes aws-cdk-lib\'s id slots in the scope: an injector registered there before for cognito.UserPool is replaced', () => {
    const app = new App();
    const calls: string[] = [];
    PropertyInjectors.of(app).add({
      constructUniqueId: cognito.UserPool.PROPERTY_INJECTION_ID,
      inject: (props: any) => { calls.push('earlier'); return props; },
    });
    ACME.applyTo(app);
    new cognito.UserPool(new Stack(app, 'Stack'), 'Pool');
    expect(calls).toEqual([]);
  });

  test('a stricter pool keeps its own settings; the plan is the team\'s choice', () => {
    const { stack } = appWith();
    new UserPool(stack, 'Pool', {
      passwordPolicy: { minLength: 20, passwordHistorySize: 10, tempPasswordValidity: Duration.days(1) },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      featurePlan: cognito.FeaturePlan.PLUS,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: { ...ORG_POLICY.PasswordPolicy, MinimumLength: 20, PasswordHistorySize: 10, TemporaryPasswordValidityDays: 1 } },
      UserPoolTier: 'PLUS',
      DeletionProtection: 'ACTIVE',
    });
  });

  test('a pool\'s policy gets the organisation\'s value for each field it leaves out', () => {
    const { stack } = appWith();
    new UserPool(stack, 'Pool', { passwordPolicy: { minLength: 16 } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: { ...ORG_POLICY.PasswordPolicy, MinimumLength: 16 } },
    });
  });

  test('deletionProtection: false is only a default', () => {
    const { stack } = appWith(new OrganizationDefaults({ deletionProtection: false }));
    new UserPool(stack, 'Defaulted');
    new UserPool(stack, 'Own', { deletionProtection: true });
    const pools = Template.fromStack(stack).findResources('AWS::Cognito::UserPool');
    const protection = (id: string) => pools[stack.getLogicalId(stack.node.findChild(id).node.defaultChild as any)].Properties.DeletionProtection;
    expect([protection('Defaulted'), protection('Own')]).toEqual(['INACTIVE', 'ACTIVE']);
  });

  test('the organisation minimum itself passes', () => {
    const { stack } = appWith();
    new UserPool(stack, 'Pool', { passwordPolicy: { minLength: 14, passwordHistorySize: 5, tempPasswordValidity: Duration.days(3) } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', { Policies: ORG_POLICY });
  });

  test.each([
    ['passwordPolicy.minLength', { passwordPolicy: { minLength: 13, passwordHistorySize: 5 } },
      '[Stack/Pool] passwordPolicy.minLength: received 13; allowed: 14 or more (the organisation\'s minimum).'],
    ['passwordPolicy.requireSymbols', { passwordPolicy: { minLength: 14, passwordHistorySize: 5, requireSymbols: false } },
      '[Stack/Pool] passwordPolicy.requireSymbols: received false; allowed: true (the organisation requires it).'],
    ['passwordPolicy.tempPasswordValidity', { passwordPolicy: { minLength: 14, passwordHistorySize: 5, tempPasswordValidity: Duration.days(4) } },
      '[Stack/Pool] passwordPolicy.tempPasswordValidity: received "4 days"; allowed: at most 3 days (the organisation\'s maximum).'],
    ['passwordPolicy.passwordHistorySize', { passwordPolicy: { passwordHistorySize: 4 } },
      '[Stack/Pool] passwordPolicy.passwordHistorySize: received 4; allowed: 5 or more (the organisation\'s minimum).'],
    ['mfa', { mfa: cognito.Mfa.OPTIONAL },
      '[Stack/Pool] mfa: received "Mfa.OPTIONAL"; allowed: Mfa.REQUIRED or stronger (the organisation\'s minimum; OFF < OPTIONAL < REQUIRED).'],
    ['deletionProtection', { deletionProtection: false },
      '[Stack/Pool] deletionProtection: received false; allowed: true (the organisation requires deletion protection).'],
  ])('a pool weaker than the organisation is refused: %s', (_name, props, message) => {
    const { stack } = appWith();
    expect(() => new UserPool(stack, 'Pool', props as any)).toThrow(message);
    expect(() => new cognito.UserPool(stack, 'CdkPool', props as any)).toThrow(message.replace('Stack/Pool', 'Stack/CdkPool'));
  });

  test('a pool with unusedAccountValidityDays gets the policy without its temporary-password validity', () => {
    const { stack } = appWith();
    new UserPool(stack, 'Pool', { unusedAccountValidityDays: 2 });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: { ...ORG_POLICY.PasswordPolicy, TemporaryPasswordValidityDays: Match.absent() } },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 2 },
    });
  });

  test('an organisation MFA of OPTIONAL: a pool may require MFA; the second factor is TOTP unless the organisation names one', () => {
    const { stack } = appWith(new OrganizationDefaults({ mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: true } }));
    new UserPool(stack, 'Optional');
    new UserPool(stack, 'Required', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
    const pools = Template.fromStack(stack).findResources('AWS::Cognito::UserPool');
    const mfa = (id: string) => {
      const p = pools[stack.getLogicalId(stack.node.findChild(id).node.defaultChild as any)].Properties;
      return [p.MfaConfiguration, p.EnabledMfas];
    };
    expect(mfa('Optional')).toEqual(['OPTIONAL', ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']]);
    expect(mfa('Required')).toEqual(['ON', ['SOFTWARE_TOKEN_MFA']]);
  });
});

describe('OrganizationDefaults: clients', () => {
  test('a client that sets nothing gets the organisation\'s token validities; a shorter one is kept', () => {
    const { stack } = appWith();
    const pool = new UserPool(stack, 'Pool');
    pool.addClient('Web', { oAuth: { callbackUrls: ['https://app.acme.example/callback'] } });
    new UserPoolClient(stack, 'Short', { userPool: pool, accessTokenValidity: Duration.minutes(10), disableOAuth: true });
    const clients = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
    const validity = (c: any) => {
      const p = clients[stack.getLogicalId(c.node.defaultChild)].Properties;
      return [p.AccessTokenValidity, p.IdTokenValidity, p.RefreshTokenValidity, p.TokenValidityUnits];
    };
    expect(validity(pool.node.findChild('Web'))).toEqual([30, 30, 10080, { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' }]);
    expect(validity(stack.node.findChild('Short'))).toEqual([10, 30, 10080, { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' }]);
  });

  test.each([
    ['accessTokenValidity', { accessTokenValidity: Duration.minutes(31) }, '[Stack/Client] accessTokenValidity: received "31 minutes"; allowed: at most 30 minutes (the organisation\'s maximum).'],
    ['idTokenValidity', { idTokenValidity: Duration.hours(1) }, '[Stack/Client] idTokenValidity: received "1 hour"; allowed: at most 30 minutes (the organisation\'s maximum).'],
    ['refreshTokenValidity', { refreshTokenValidity: Duration.days(8) }, '[Stack/Client] refreshTokenValidity: received "8 days"; allowed: at most 7 days (the organisation\'s maximum).'],
  ])('a longer %s is refused', (_name, props, message) => {
    const { stack } = appWith();
    const userPool = new UserPool(stack, 'Pool');
    expect(() => new UserPoolClient(stack, 'Client', { userPool, disableOAuth: true, ...props })).toThrow(message);
  });

  test('callback and sign-out URLs in the allowed domains, their subdomains and allowed schemes pass', () => {
    const { app, stack } = appWith();
    new UserPool(stack, 'Pool').addClient('Web', {
      oAuth: {
        callbackUrls: ['https://acme.example/cb', 'https://app.acme.example/cb', 'http://localhost:3000/cb', 'acmeapp://signin'],
        logoutUrls: ['https://www.acme.example/'],
      },
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('a URL outside the allowed domains is refused at synth, naming the client, the property and the URL', () => {
    const { app, stack } = appWith();
    const pool = new UserPool(stack, 'Pool');
    pool.addClient('Web', { oAuth: { callbackUrls: ['https://acme.example.evil.com/cb'], logoutUrls: ['https://notacme.example/'] } });
    expect(() => app.synth()).toThrow([
      'Validation failed with the following errors:',
      '  [Stack/Pool] [Stack/Pool/Web] oAuth.callbackUrls: received "https://acme.example.evil.com/cb"; allowed: URLs in the organisation\'s domains ["acme.example", "localhost", "acmeapp://"] or their subdomains.',
      '  [Stack/Pool] [Stack/Pool/Web] oAuth.logoutUrls: received "https://notacme.example/"; allowed: URLs in the organisation\'s domains ["acme.example", "localhost", "acmeapp://"] or their subdomains.',
    ].join('\n'));
  });

  test('aws-cdk-lib\'s https://example.com placeholder (OAuth flows on, no callback URL) is refused', () => {
    const { app, stack } = appWith();
    new cognito.UserPool(stack, 'Pool').addClient('Web');
    expect(() => app.synth()).toThrow('[Stack/Pool/Web] oAuth.callbackUrls: received "https://example.com"');
  });

  test('a URL added after the client was created is checked too', () => {
    const { app, stack } = appWith();
    const client = new UserPool(stack, 'Pool').addClient('Web', { oAuth: { callbackUrls: ['https://acme.example/cb'] } });
    (client.node.defaultChild as cognito.CfnUserPoolClient).callbackUrLs = ['https://acme.example/cb', 'https://other.example/cb'];
    expect(() => app.synth()).toThrow('[Stack/Pool/Web] oAuth.callbackUrls: received "https://other.example/cb"');
  });

  test('without allowedCallbackDomains any URL passes', () => {
    const { app, stack } = appWith(new OrganizationDefaults({ mfa: cognito.Mfa.REQUIRED }));
    new UserPool(stack, 'Pool').addClient('Web', { oAuth: { callbackUrls: ['https://anything.example/cb'] } });
    expect(() => app.synth()).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { AccessTokenValidity: Match.absent() });
  });
});

describe('OrganizationDefaults: its own settings are checked', () => {
  test.each([
    [{ accessTokenValidity: Duration.minutes(4) }, '[OrganizationDefaults] accessTokenValidity: received 4; allowed: an integer from 5 minutes to 1440 minutes.'],
    [{ accessTokenValidity: Duration.minutes(5) }, undefined],
    [{ refreshTokenValidity: Duration.minutes(59) }, '[OrganizationDefaults] refreshTokenValidity: received 59; allowed: an integer from 60 minutes to 5256000 minutes.'],
    [{ allowedCallbackDomains: ['https://acme.example'] }, '[OrganizationDefaults] allowedCallbackDomains: received "https://acme.example"; allowed: a lower-case domain name (example.com) or a URL scheme ending with :// (myapp://).'],
    [{ allowedCallbackDomains: ['Acme.example'] }, '[OrganizationDefaults] allowedCallbackDomains: received "Acme.example"; allowed: a lower-case domain name (example.com) or a URL scheme ending with :// (myapp://).'],
  ])('%j', (props, message) => {
    if (message) expect(() => new OrganizationDefaults(props)).toThrow(message);
    else expect(() => new OrganizationDefaults(props)).not.toThrow();
  });
});
