// One writer per Cognito setting: the settings that a custom resource writes (pool MFA,
// session configuration, hosted-UI logo, provisioned limits) have exactly one owner in an app.
import * as path from 'path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  ClientSessionConfiguration, HostedUiLogo, MfaEnforcement, ProvisionedLimit, ProvisionedLimitCategory, UserPool,
  UserPoolMfaSettings, UserPoolSessionConfiguration,
} from '../lib';

const LOGO = path.join(__dirname, 'fixtures', 'logo.png');
const ENV = { account: '111111111111', region: 'us-east-1' };

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: ENV });
  const userPool = new UserPool(stack, 'Pool');
  return { app, stack, userPool };
}

function poolProperties(stack: Stack): any {
  const pools = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPool'));
  expect(pools).toHaveLength(1);
  return (pools[0] as any).Properties;
}

describe('UserPoolMfaSettings and the pool agree', () => {
  test('on this library\'s pool (MFA required with TOTP by default) the pool\'s template carries the settings', () => {
    const { stack, userPool } = setup();
    new UserPoolMfaSettings(stack, 'Mfa', {
      userPool, enforcement: MfaEnforcement.OPTIONAL, totp: true,
      email: { subject: 'Your code', message: 'Your code is {####}' },
    });
    const pool = poolProperties(stack);
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA']);
    expect(pool.EmailAuthenticationSubject).toBe('Your code');
    expect(pool.EmailAuthenticationMessage).toBe('Your code is {####}');
    expect(pool.SmsAuthenticationMessage).toBeUndefined();
    expect(pool.SmsConfiguration).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUserPoolMfa', Match.objectEquals({
      ServiceToken: Match.anyValue(), UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') }, MfaConfiguration: 'OPTIONAL', Totp: true,
      Email: { Subject: 'Your code', Message: 'Your code is {####}' },
    }));
  });

  test('pool.addMfaSettings on a pool with mfa OFF: the pool says ON with TOTP', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool', { mfa: cognito.Mfa.OFF });
    userPool.addMfaSettings('Mfa', { enforcement: MfaEnforcement.REQUIRED, totp: true });
    const pool = poolProperties(stack);
    expect([pool.MfaConfiguration, pool.EnabledMfas]).toEqual(['ON', ['SOFTWARE_TOKEN_MFA']]);
  });

  test('settings OFF: the pool says OFF, with no factors', () => {
    const { stack, userPool } = setup();
    new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.OFF });
    const pool = poolProperties(stack);
    expect([pool.MfaConfiguration, pool.EnabledMfas]).toEqual(['OFF', undefined]);
  });

  test('messages the pool declares and the settings leave unset are sent by both', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool', {
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'us-east-1' }),
      emailAuthenticationSubject: 'Sign-in code', emailAuthenticationMessage: 'Code: {####}',
    });
    new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.REQUIRED, totp: true, email: {} });
    const pool = poolProperties(stack);
    expect([pool.EmailAuthenticationSubject, pool.EmailAuthenticationMessage]).toEqual(['Sign-in code', 'Code: {####}']);
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUserPoolMfa', {
      Email: Match.objectEquals({ Subject: 'Sign-in code', Message: 'Code: {####}' }),
    });
  });

  test('SMS: the pool gets the settings\' SMS configuration and message', () => {
    const { stack, userPool } = setup();
    const snsRole = new iam.Role(stack, 'Sns', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    new UserPoolMfaSettings(stack, 'Mfa', {
      userPool, enforcement: MfaEnforcement.OPTIONAL, sms: { snsRole, externalId: 'ext', message: 'Code {####}' },
    });
    const pool = poolProperties(stack);
    expect(pool.EnabledMfas).toEqual(['SMS_MFA']);
    expect(pool.SmsAuthenticationMessage).toBe('Code {####}');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      SmsConfiguration: Match.objectEquals({ SnsCallerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Sns'), 'Arn'] }, ExternalId: 'ext' }),
    });
  });

  test('aws-cdk-lib\'s own UserPool gets the same treatment', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new cognito.UserPool(stack, 'Pool');
    new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.REQUIRED, totp: true });
    const pool = poolProperties(stack);
    expect([pool.MfaConfiguration, pool.EnabledMfas]).toEqual(['ON', ['SOFTWARE_TOKEN_MFA']]);
  });

  test('a pool managed outside this app: only the custom resource writes', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_abc');
    new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.REQUIRED, email: {} });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.hasResourceProperties('Custom::CognitoUserPoolMfa', { UserPoolId: 'us-east-1_abc', MfaConfiguration: 'ON', Email: {} });
  });

  test.each([
    {
      name: 'email as the only factor on a pool of the app',
      build: (stack: Stack, userPool: cognito.IUserPool) => new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.REQUIRED, email: {} }),
      error: '[Stack/Mfa] email: received "EMAIL_OTP as the only factor"; allowed: another factor as well (totp or sms) on a pool this app defines (Stack/Pool): '
        + 'CloudFormation cannot create a pool whose only MFA factor is email (aws-cdk #32615), and it would undo any other setting at the pool\'s next update; '
        + 'declare the settings for a pool managed outside this app instead.',
    },
    {
      name: 'a pool that declares MFA of its own',
      pool: (stack: Stack) => new UserPool(stack, 'Pool', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false } }),
      build: (stack: Stack, userPool: cognito.IUserPool) => new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.REQUIRED, totp: true }),
      error: '[Stack/Mfa] userPool: received "Stack/Pool"; allowed: a pool whose own mfa is left at its default or OFF '
        + '(Stack/Pool declares MfaConfiguration OPTIONAL with ["SOFTWARE_TOKEN_MFA"]; these settings declare ON with ["SOFTWARE_TOKEN_MFA"]).',
    },
    {
      name: 'an email message other than the pool\'s',
      pool: (stack: Stack) => new UserPool(stack, 'Pool', {
        featurePlan: cognito.FeaturePlan.ESSENTIALS,
        email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'us-east-1' }),
        emailAuthenticationMessage: 'Code: {####}',
      }),
      build: (stack: Stack, userPool: cognito.IUserPool) => new UserPoolMfaSettings(stack, 'Mfa', {
        userPool, enforcement: MfaEnforcement.REQUIRED, totp: true, email: { message: 'Your code: {####}' },
      }),
      error: '[Stack/Mfa] email.message: received "Your code: {####}"; allowed: the value Stack/Pool emailAuthenticationMessage declares ("Code: {####}"), or unset on one side.',
    },
    {
      name: 'an SMS role other than the one the pool sends with',
      pool: (stack: Stack) => new UserPool(stack, 'Pool', {
        smsRole: new iam.Role(stack, 'PoolSms', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') }), smsRoleExternalId: 'pool',
      }),
      build: (stack: Stack, userPool: cognito.IUserPool) => new UserPoolMfaSettings(stack, 'Mfa', {
        userPool, enforcement: MfaEnforcement.OPTIONAL,
        sms: { snsRole: new iam.Role(stack, 'MfaSms', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') }) },
      }),
      error: '[Stack/Mfa] sms.snsRole: received "Stack/MfaSms"; allowed: the SMS configuration the pool Stack/Pool declares '
        + '({"snsCallerArn":{"Fn::GetAtt":["PoolSmsCC0C2E5C","Arn"]},"externalId":"pool"}), or a pool without one.',
    },
    {
      name: 'a second UserPoolMfaSettings for the pool',
      build: (stack: Stack, userPool: cognito.IUserPool) => {
        new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.REQUIRED, totp: true });
        new UserPoolMfaSettings(stack, 'Mfa2', { userPool, enforcement: MfaEnforcement.REQUIRED, totp: true });
      },
      error: '[Stack/Mfa2] userPool: received "Stack/Pool"; allowed: a setting no other construct of the app declares (Stack/Mfa already declares the MFA configuration of the pool Stack/Pool).',
    },
  ])('refused: $name', ({ pool, build, error }) => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = pool ? pool(stack) : new UserPool(stack, 'Pool');
    expect(() => build(stack, userPool)).toThrow(error);
  });
});

describe('one owner per setting in the app', () => {
  test('pool session configuration declared twice, in another stack of the app: refused, naming both', () => {
    const { app, stack, userPool } = setup();
    new UserPoolSessionConfiguration(stack, 'Sessions', { userPool, maxSessionsPerUser: 5 });
    const other = new Stack(app, 'Other', { env: ENV });
    expect(() => new UserPoolSessionConfiguration(other, 'Sessions', { userPool, maxSessionsPerUser: 8 })).toThrow(
      '[Other/Sessions] userPool: received "Stack/Pool"; allowed: a setting no other construct of the app declares '
      + '(Stack/Sessions already declares the session configuration of the pool Stack/Pool).');
  });

  test('the same pool imported twice by id counts as one pool; another pool is another setting', () => {
    const { stack, userPool } = setup();
    new UserPoolSessionConfiguration(stack, 'Sessions', { userPool });
    new UserPoolSessionConfiguration(stack, 'OtherPoolSessions', { userPool: new UserPool(stack, 'OtherPool') });
    new UserPoolSessionConfiguration(stack, 'ImportedSessions', { userPool: cognito.UserPool.fromUserPoolId(stack, 'A', 'us-east-1_abc') });
    expect(() => new UserPoolSessionConfiguration(stack, 'Again', { userPool: cognito.UserPool.fromUserPoolId(stack, 'B', 'us-east-1_abc') })).toThrow(
      '[Stack/Again] userPool: received "Stack/B"; allowed: a setting no other construct of the app declares '
      + '(Stack/ImportedSessions already declares the session configuration of the pool Stack/A).');
    Template.fromStack(stack).resourceCountIs('Custom::CognitoUserPoolSessionConfiguration', 3);
  });

  test('client session configuration: one per client', () => {
    const { stack, userPool } = setup();
    const web = userPool.addClient('Web');
    new ClientSessionConfiguration(stack, 'WebSessions', { userPool, client: web });
    new ClientSessionConfiguration(stack, 'MobileSessions', { userPool, client: userPool.addClient('Mobile') });
    expect(() => new ClientSessionConfiguration(stack, 'Again', { userPool, client: web })).toThrow(
      '[Stack/Again] client: received "Stack/Pool/Web"; allowed: a setting no other construct of the app declares '
      + '(Stack/WebSessions already declares the session configuration of the client Stack/Pool/Web).');
  });

  test('hosted-UI logo: one per client and one pool-wide', () => {
    const { stack, userPool } = setup();
    const web = userPool.addClient('Web');
    new HostedUiLogo(stack, 'WebLogo', { userPool, client: web, imagePath: LOGO });
    new HostedUiLogo(stack, 'DefaultLogo', { userPool, imagePath: LOGO });
    expect(() => new HostedUiLogo(stack, 'WebLogo2', { userPool, client: web, imagePath: LOGO })).toThrow(
      '[Stack/WebLogo2] client: received "Stack/Pool/Web"; allowed: a setting no other construct of the app declares '
      + '(Stack/WebLogo already declares the hosted-UI logo of the client Stack/Pool/Web).');
    expect(() => new HostedUiLogo(stack, 'DefaultLogo2', { userPool, imagePath: LOGO })).toThrow(
      '[Stack/DefaultLogo2] userPool: received "Stack/Pool"; allowed: a setting no other construct of the app declares '
      + '(Stack/DefaultLogo already declares the pool-wide hosted-UI logo of the pool Stack/Pool).');
  });

  test('provisioned limit: one per category per account and Region across the app', () => {
    const app = new App();
    const east = new Stack(app, 'East', { env: ENV });
    new ProvisionedLimit(east, 'SignIn', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 200 });
    new ProvisionedLimit(new Stack(app, 'West', { env: { ...ENV, region: 'us-west-2' } }), 'SignIn',
      { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 200 });
    new ProvisionedLimit(new Stack(app, 'OtherAccount', { env: { ...ENV, account: '222222222222' } }), 'SignIn',
      { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 200 });
    const again = new Stack(app, 'EastAgain', { env: ENV });
    expect(() => new ProvisionedLimit(again, 'SignIn', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 300 })).toThrow(
      '[EastAgain/SignIn] category: received "UserAuthentication"; allowed: a setting no other construct of the app declares '
      + '(East/SignIn already declares the provisioned limit of UserAuthentication in the account and Region of East).');
  });

  test('provisioned limit: stacks without an explicit account and Region count as one', () => {
    const app = new App();
    new ProvisionedLimit(new Stack(app, 'A'), 'SignUp', { category: ProvisionedLimitCategory.USER_CREATION, requestsPerSecond: 60 });
    expect(() => new ProvisionedLimit(new Stack(app, 'B'), 'SignUp', { category: ProvisionedLimitCategory.USER_CREATION, requestsPerSecond: 60 })).toThrow(
      '[B/SignUp] category: received "UserCreation"; allowed: a setting no other construct of the app declares '
      + '(A/SignUp already declares the provisioned limit of UserCreation in the account and Region of A).');
  });
});

describe('removalPolicy: handing a setting over without a reset', () => {
  test('RETAIN keeps the setting when the construct leaves the stack or moves to another target; DESTROY (the default) resets it', () => {
    const { stack, userPool } = setup();
    const client = userPool.addClient('Web');
    new UserPoolSessionConfiguration(stack, 'Sessions', { userPool, removalPolicy: RemovalPolicy.RETAIN });
    new ClientSessionConfiguration(stack, 'WebSessions', { userPool, client, removalPolicy: RemovalPolicy.RETAIN });
    new HostedUiLogo(stack, 'Logo', { userPool, client, imagePath: LOGO, removalPolicy: RemovalPolicy.RETAIN });
    new ProvisionedLimit(stack, 'SignIn', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 200, removalPolicy: RemovalPolicy.RETAIN });
    new ProvisionedLimit(stack, 'SignUp', { category: ProvisionedLimitCategory.USER_CREATION, requestsPerSecond: 60 });
    const template = Template.fromStack(stack);
    for (const type of ['Custom::CognitoUserPoolSessionConfiguration', 'Custom::CognitoClientSessionConfiguration', 'Custom::CognitoHostedUiLogo']) {
      template.hasResource(type, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    template.hasResource('Custom::CognitoProvisionedLimit', { Properties: { Category: 'UserAuthentication' }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('Custom::CognitoProvisionedLimit', { Properties: { Category: 'UserCreation' }, DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });
});
