import { App, Duration, Lazy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { EndUserMessagingSmsConfiguration, IssuerType, PasskeyFactorConfiguration, UserPool } from '../lib';

const POOL = 'AWS::Cognito::UserPool';

function newStack(props: { tags?: { [key: string]: string } } = {}): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' }, ...props });
}

function newFunction(stack: Stack, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (e) => e;'),
  });
}

function sesEmail(): cognito.UserPoolEmail {
  return cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesVerifiedDomain: 'example.com' });
}

describe('UserPool defaults', () => {
  test('a pool with no props requires TOTP MFA, keeps deletion protection and is retained', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool');
    // THEN
    const template = Template.fromStack(stack);
    template.hasResource(POOL, {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        DeletionProtection: 'ACTIVE',
      }),
    });
  });

  test('a pool with no props has a strong password policy', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool');
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  test('a pool with no props sets none of the added settings', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool');
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      WebAuthnFactorConfiguration: Match.absent(),
      EmailAuthenticationMessage: Match.absent(),
      EmailAuthenticationSubject: Match.absent(),
      IssuerConfiguration: Match.absent(),
      KeyConfiguration: Match.absent(),
      LambdaConfig: Match.absent(),
      SmsConfiguration: Match.absent(),
      UserPoolTags: Match.absent(),
    });
  });

  test('explicit CDK settings override the defaults', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', {
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: true },
      deletionProtection: false,
      passwordPolicy: { minLength: 10 },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'INACTIVE',
      Policies: { PasswordPolicy: { MinimumLength: 10 } },
    });
  });

  test('a passwordless pool may invite users without the temporary password placeholder', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', {
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesVerifiedDomain: 'example.com' }),
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true } },
      userInvitation: { emailSubject: 'Welcome', emailBody: 'Sign in as {username} with a code we email you.', smsMessage: 'Sign in as {username}' },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      AdminCreateUserConfig: {
        InviteMessageTemplate: { EmailMessage: 'Sign in as {username} with a code we email you.', SMSMessage: 'Sign in as {username}' },
      },
    });
  });
});

describe('UserPool keeps every aws-cdk-lib prop working', () => {
  test('sign-in, attributes, messages, recovery and threat protection render as the L2 renders them', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', {
      userPoolName: 'customers',
      selfSignUpEnabled: true,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { tier: new cognito.StringAttribute({ minLen: 1, maxLen: 16, mutable: true }) },
      userVerification: { emailSubject: 'Verify', emailBody: 'Code {####}', smsMessage: 'Code {####}' },
      userInvitation: { emailSubject: 'Hi', emailBody: 'User {username} code {####}', smsMessage: '{username} {####}' },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      UserPoolName: 'customers',
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: false,
        InviteMessageTemplate: { EmailSubject: 'Hi', EmailMessage: 'User {username} code {####}', SMSMessage: '{username} {####}' },
      },
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [
        { Name: 'email', Required: true, Mutable: true },
        { Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '1', MaxLength: '16' }, Mutable: true },
      ],
      VerificationMessageTemplate: { EmailSubject: 'Verify', EmailMessage: 'Code {####}', SmsMessage: 'Code {####}' },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
  });

  test('the L2 addTrigger keeps working for the standard operations', () => {
    // GIVEN
    const stack = newStack();
    const pool = new UserPool(stack, 'Pool');
    // WHEN
    pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, newFunction(stack), cognito.LambdaVersion.V2_0);
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      LambdaConfig: {
        PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': ['Fn9270CBC0', 'Arn'] }, LambdaVersion: 'V2_0' },
        InboundFederation: Match.absent(),
      },
    });
  });

  test('the pool is an IUserPool that CDK integrations accept', () => {
    // GIVEN
    const stack = newStack();
    const pool: cognito.IUserPool = new UserPool(stack, 'Pool');
    // WHEN
    pool.addClient('Client');
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: 'PoolD3F588B8' },
    });
  });
});

describe('UserPool settings aws-cdk-lib lacks', () => {
  test('passkeyFactorConfiguration sets WebAuthnFactorConfiguration next to the L2 passkey settings', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', {
      passkeyRelyingPartyId: 'auth.example.com',
      passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
      passkeyFactorConfiguration: PasskeyFactorConfiguration.MULTI_FACTOR_WITH_USER_VERIFICATION,
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      WebAuthnFactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION',
      WebAuthnRelyingPartyID: 'auth.example.com',
      WebAuthnUserVerification: 'required',
    });
  });

  test('emailAuthenticationMessage and subject set the email OTP message', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', {
      email: sesEmail(),
      emailAuthenticationMessage: 'Your sign-in code is {####}',
      emailAuthenticationSubject: 'Your sign-in code',
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      EmailAuthenticationMessage: 'Your sign-in code is {####}',
      EmailAuthenticationSubject: 'Your sign-in code',
      EmailConfiguration: Match.objectLike({ EmailSendingAccount: 'DEVELOPER' }),
    });
  });

  test('issuerType sets IssuerConfiguration', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', { issuerType: IssuerType.UPDATED });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, { IssuerConfiguration: { Type: 'UPDATED' } });
  });

  test('encryptionKey sets a customer-managed KeyConfiguration and lets Cognito use the key', () => {
    // GIVEN
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    // WHEN
    new UserPool(stack, 'Pool', { encryptionKey: key });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties(POOL, {
      KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] } },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'cognito-idp.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:DescribeKey'],
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        })]),
      },
    });
  });

  test('an imported key ARN is accepted', () => {
    // GIVEN
    const stack = newStack();
    const arn = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    // WHEN
    new UserPool(stack, 'Pool', { encryptionKey: kms.Key.fromKeyArn(stack, 'Key', arn) });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, { KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: arn } });
  });

  test('inboundFederationTrigger sets LambdaConfig.InboundFederation and the invoke permission', () => {
    // GIVEN
    const stack = newStack();
    const fn = newFunction(stack);
    // WHEN
    new UserPool(stack, 'Pool', { inboundFederationTrigger: fn, lambdaTriggers: { preSignUp: fn } });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties(POOL, {
      LambdaConfig: {
        InboundFederation: { LambdaArn: { 'Fn::GetAtt': ['Fn9270CBC0', 'Arn'] }, LambdaVersion: 'V1_0' },
        PreSignUp: { 'Fn::GetAtt': ['Fn9270CBC0', 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['Fn9270CBC0', 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['PoolD3F588B8', 'Arn'] },
    });
    template.resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('addTrigger(UserPool.INBOUND_FEDERATION) adds the trigger after construction, once', () => {
    // GIVEN
    const stack = newStack();
    const pool = new UserPool(stack, 'Pool');
    // WHEN
    pool.addTrigger(UserPool.INBOUND_FEDERATION, newFunction(stack));
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      LambdaConfig: { InboundFederation: { LambdaArn: { 'Fn::GetAtt': ['Fn9270CBC0', 'Arn'] }, LambdaVersion: 'V1_0' } },
    });
    expect(() => pool.addTrigger(UserPool.INBOUND_FEDERATION, newFunction(stack, 'Other')))
      .toThrow('[Stack/Pool] addTrigger: received "inboundFederation"; allowed: one trigger per operation (inboundFederation is already set).');
  });

  test('triggers on a function alias or version invoke that alias or version and grant it the permission', () => {
    // GIVEN
    const stack = newStack();
    const fn = newFunction(stack);
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    // WHEN
    new UserPool(stack, 'Pool', {
      lambdaTriggers: { preSignUp: alias, postConfirmation: fn.currentVersion },
      inboundFederationTrigger: alias,
    });
    // THEN
    const template = Template.fromStack(stack);
    const aliasRef = { Ref: Object.keys(template.findResources('AWS::Lambda::Alias'))[0] };
    const versionRef = { Ref: Object.keys(template.findResources('AWS::Lambda::Version'))[0] };
    template.hasResourceProperties(POOL, {
      LambdaConfig: {
        PreSignUp: aliasRef,
        PostConfirmation: versionRef,
        InboundFederation: { LambdaArn: aliasRef, LambdaVersion: 'V1_0' },
      },
    });
    for (const target of [aliasRef, versionRef]) {
      template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: target, Principal: 'cognito-idp.amazonaws.com' });
    }
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { FunctionName: aliasRef }, 2);
  });

  test('developerOnlyAttributes marks those custom attributes DeveloperOnlyAttribute', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', {
      customAttributes: {
        tier: new cognito.StringAttribute({ mutable: true }),
        score: new cognito.NumberAttribute({ min: 0, max: 100, mutable: true }),
      },
      developerOnlyAttributes: ['score'],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      Schema: [
        { Name: 'tier', AttributeDataType: 'String', Mutable: true, DeveloperOnlyAttribute: Match.absent() },
        { Name: 'score', AttributeDataType: 'Number', Mutable: true, DeveloperOnlyAttribute: true, NumberAttributeConstraints: { MinValue: '0', MaxValue: '100' } },
      ],
    });
  });

  test('unusedAccountValidityDays alone leaves the temporary password validity to Cognito', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', { unusedAccountValidityDays: 10 });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 10 },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, TemporaryPasswordValidityDays: Match.absent() }) },
    });
  });

  test('unusedAccountValidityDays sets AdminCreateUserConfig.UnusedAccountValidityDays next to the L2 settings', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', {
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireSymbols: true, requireUppercase: true },
      unusedAccountValidityDays: 10,
      selfSignUpEnabled: true,
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 10 },
    });
  });

  test('endUserMessagingSms sets SmsConfiguration.EumsSms with a role trusted on the external id', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new UserPool(stack, 'Pool', {
      endUserMessagingSms: {
        configurationSetName: 'otp',
        originationIdentity: '+15555550100',
        region: 'us-west-2',
        indiaEntityId: '1101',
        indiaTemplateId: '1107',
      },
    });
    // THEN
    const template = Template.fromStack(stack);
    const externalId = new Capture();
    template.hasResourceProperties(POOL, {
      SmsConfiguration: {
        EumsSms: {
          CallerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PoolEndUserMessagingSmsRole'), 'Arn'] },
          ExternalId: externalId,
          ConfigurationSetName: 'otp',
          OriginationIdentity: '+15555550100',
          Region: 'us-west-2',
          InEntityId: '1101',
          InTemplateId: '1107',
        },
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': externalId.asString() } },
          Principal: { Service: 'cognito-idp.amazonaws.com' },
          Effect: 'Allow',
        }],
      },
      Policies: [{
        PolicyName: 'send-sms',
        PolicyDocument: {
          Statement: [{
            Action: 'sms-voice:SendTextMessage',
            Effect: 'Allow',
            // An E.164 number: IAM names phone numbers by id, so any phone number of the account in that Region.
            Resource: [
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sms-voice:us-west-2:111111111111:phone-number/*']] },
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sms-voice:us-west-2:111111111111:configuration-set/otp']] },
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sms-voice:us-west-2:111111111111:opt-out-list/*']] },
            ],
          }],
        },
      }],
    });
  });

  test('endUserMessagingSms with a given role keeps the SNS settings of the L2', () => {
    // GIVEN
    const stack = newStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::111111111111:role/sms');
    const config: EndUserMessagingSmsConfiguration = { role, externalId: 'ext-1' };
    // WHEN
    // (without the guard's provider, whose roles the count below is not about)
    new UserPool(stack, 'Pool', { smsRole: role, smsRoleExternalId: 'sns-ext', endUserMessagingSms: config, immutableSettingsGuard: false });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties(POOL, {
      SmsConfiguration: {
        SnsCallerArn: 'arn:aws:iam::111111111111:role/sms',
        ExternalId: 'sns-ext',
        EumsSms: { CallerArn: 'arn:aws:iam::111111111111:role/sms', ExternalId: 'ext-1' },
      },
    });
    template.resourceCountIs('AWS::IAM::Role', 0);
  });
});

describe('UserPool tags', () => {
  test('tags given to the stack reach the pool', () => {
    // GIVEN
    const stack = newStack({ tags: { team: 'identity', env: 'prod' } });
    // WHEN
    new UserPool(stack, 'Pool');
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, { UserPoolTags: { team: 'identity', env: 'prod' } });
  });

  test('Tags.of(stack) reaches the pool, and a tag on the pool wins over the stack tag', () => {
    // GIVEN
    const stack = newStack({ tags: { team: 'identity' } });
    const pool = new UserPool(stack, 'Pool');
    // WHEN
    Tags.of(stack).add('cost-center', '42');
    Tags.of(pool).add('team', 'auth');
    // THEN
    Template.fromStack(stack).hasResourceProperties(POOL, { UserPoolTags: { 'team': 'auth', 'cost-center': '42' } });
  });
});

describe('UserPool custom attributes named like standard attributes', () => {
  test.each(['email', 'name', 'phone_number', 'given_name', 'preferred_username', 'sub', 'updated_at'])('"%s" is a synth error', (name) => {
    // GIVEN
    const stack = newStack();
    // WHEN / THEN
    expect(() => new UserPool(stack, 'Pool', { customAttributes: { [name]: new cognito.StringAttribute() } }))
      .toThrow(`[Stack/Pool] customAttributes.${name} (name): received "${name}"; allowed: a name that is not a standard attribute`);
  });
});

describe('UserPool validation skips tokens', () => {
  test('unresolved strings and numbers pass', () => {
    // GIVEN
    const stack = newStack();
    const text = (value: string) => Lazy.string({ produce: () => value });
    const num = (value: number) => Token.asNumber(Lazy.number({ produce: () => value }));
    // WHEN / THEN (construction only: synth would hand the dummy tokens to CloudFormation's type checks)
    expect(() => new UserPool(stack, 'Pool', {
      userPoolName: text('x'.repeat(300)),
      email: sesEmail(),
      emailAuthenticationMessage: text('no code'),
      emailAuthenticationSubject: text(''),
      mfaMessage: text('no code'),
      passkeyRelyingPartyId: text('https://not a domain'),
      unusedAccountValidityDays: num(999),
      // (aws-cdk-lib itself range-checks passwordPolicy.minLength and passwordHistorySize without skipping tokens)
      userVerification: { emailSubject: text(''), emailBody: text('no code'), smsMessage: text('no code') },
      userInvitation: { emailSubject: text(''), emailBody: text('no code'), smsMessage: text('no code') },
      customAttributes: { tier: new cognito.StringAttribute({ minLen: num(5000), maxLen: num(1) }) },
      snsRegion: text('nowhere'),
      endUserMessagingSms: { region: text('nowhere'), externalId: text('') },
    })).not.toThrow();
    expect(() => new UserPool(stack, 'Other', { passwordPolicy: { tempPasswordValidity: Duration.days(num(999)) } })).not.toThrow();
  });

  test('a token KMS key ARN passes', () => {
    // GIVEN
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', Lazy.string({ produce: () => 'not-an-arn' }));
    // WHEN / THEN
    expect(() => new UserPool(stack, 'Pool', { encryptionKey: key })).not.toThrow();
  });
});

describe('UserPool grants and metrics shortcuts', () => {
  test('pool.grants gives the same least-privilege policy as UserPoolGrants.of(pool)', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    // WHEN
    pool.grants.grantAdminAuthentication(role);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['cognito-idp:AdminInitiateAuth', 'cognito-idp:AdminRespondToAuthChallenge'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'Arn'] },
        }],
      },
    });
  });

  test('pool.metrics gives per-client metrics with the pool and client dimensions', () => {
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    const metric = pool.metrics.forClientId('client-1').metricSignInSuccesses();
    expect(metric.namespace).toBe('AWS/Cognito');
    expect(metric.metricName).toBe('SignInSuccesses');
    expect(Object.keys(metric.dimensions ?? {}).sort()).toEqual(['UserPool', 'UserPoolClient']);
  });
});
