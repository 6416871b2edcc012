// Custom::CognitoUserPoolTriggers against a mocked Cognito: the DescribeUserPool-to-UpdateUserPool
// mapping (every input member decided; the fields cognito-local does not keep), the SMS role
// check, the exact write and no write when nothing changes.
import {
  CognitoIdentityProviderClient, DescribeUserPoolCommand, UpdateUserPoolCommand, UpdateUserPoolCommandInput, UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { planChanges, poolTriggersModule } from '../../custom-resources/pool-triggers';
import { ownerOf, valueHash } from '../../custom-resources/pool-triggers/records';
import {
  COPIED_INPUT_MEMBERS, EXCLUDED_INPUT_MEMBERS, TRANSFORMED_INPUT_MEMBERS, updateInputFrom,
} from '../../custom-resources/pool-triggers/update-input';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const TYPE = 'Custom::CognitoUserPoolTriggers';
const POOL = 'us-east-1_full';
const OWNER = ownerOf('arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1', 'Resource');
const ID = `${POOL}/triggers/${OWNER}`;
const KEY = `cdk-cognito-userpools:trigger:${OWNER}:PreSignUp`;
const SIGN_UP = 'arn:aws:lambda:us-east-1:111111111111:function:sign-up';
const SNS_ROLE = 'arn:aws:iam::111111111111:role/pool-sms';
const EUMS_ROLE = 'arn:aws:iam::111111111111:role/pool-eums';
const PROPS = { UserPoolId: POOL, Triggers: { PreSignUp: { LambdaArn: SIGN_UP } }, ReplaceExisting: 'false', SmsRoleArns: [SNS_ROLE, EUMS_ROLE] };
const run = (event: any) => dispatch(event, testContext(), [poolTriggersModule]);
const updates = () => cognito.commandCalls(UpdateUserPoolCommand).map((c) => c.args[0].input);

/** A pool as DescribeUserPool returns it with every setting there is, read-only ones included. */
const FULL: UserPoolType = {
  Id: POOL,
  Name: 'platform-users',
  Arn: `arn:aws:cognito-idp:us-east-1:111111111111:userpool/${POOL}`,
  Status: 'Enabled',
  CreationDate: new Date(0),
  LastModifiedDate: new Date(0),
  EstimatedNumberOfUsers: 12,
  Domain: 'platform',
  CustomDomain: 'auth.example.com',
  SchemaAttributes: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
  AliasAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
  SmsConfigurationFailure: 'none',
  EmailConfigurationFailure: 'none',
  Policies: {
    PasswordPolicy: { MinimumLength: 14, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3, PasswordHistorySize: 5 },
    SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
  },
  DeletionProtection: 'ACTIVE',
  LambdaConfig: { PostAuthentication: 'arn:aws:lambda:us-east-1:111111111111:function:platform-audit' },
  AutoVerifiedAttributes: ['email'],
  SmsVerificationMessage: 'Code {####}',
  EmailVerificationMessage: 'Your code is {####}',
  EmailVerificationSubject: 'Verify',
  VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'Your code is {####}', EmailSubject: 'Verify', SmsMessage: 'Code {####}' },
  SmsAuthenticationMessage: 'Sign-in code {####}',
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
  MfaConfiguration: 'OPTIONAL',
  DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:111111111111:identity/example.com', From: 'Example <noreply@example.com>', ReplyToEmailAddress: 'help@example.com', ConfigurationSet: 'tracking' },
  SmsConfiguration: { SnsCallerArn: SNS_ROLE, ExternalId: 'sms-ext', SnsRegion: 'us-east-1', EumsSms: { CallerArn: EUMS_ROLE, ExternalId: 'eums', OriginationIdentity: 'pool-id', Region: 'us-east-1' } },
  UserPoolTags: { team: 'platform', 'aws:cloudformation:stack-name': 'Platform' },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 3, InviteMessageTemplate: { EmailMessage: 'Hi {username}, {####}', EmailSubject: 'Welcome', SMSMessage: 'Hi {username} {####}' } },
  UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'AUDIT' } },
  DcrConfiguration: { EnableStatus: 'Enabled', AllowedScopes: ['openid'] },
  AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
  UserPoolTier: 'PLUS',
  KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/1234' },
  IssuerConfiguration: { Type: 'UPDATED' } as any,
  AcrConfiguration: { '0': { AcrValue: 'urn:example:low' } } as any,
};

/** The input that writes the pool back with nothing changed but the LambdaConfig and the record tag. */
const FULL_INPUT: UpdateUserPoolCommandInput = {
  UserPoolId: POOL,
  PoolName: 'platform-users',
  Policies: FULL.Policies,
  DeletionProtection: 'ACTIVE',
  LambdaConfig: { PostAuthentication: 'arn:aws:lambda:us-east-1:111111111111:function:platform-audit', PreSignUp: SIGN_UP },
  AutoVerifiedAttributes: ['email'],
  // The deprecated SmsVerificationMessage, EmailVerificationMessage and EmailVerificationSubject
  // are not sent next to the template that carries them.
  VerificationMessageTemplate: FULL.VerificationMessageTemplate,
  SmsAuthenticationMessage: 'Sign-in code {####}',
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
  MfaConfiguration: 'OPTIONAL',
  DeviceConfiguration: FULL.DeviceConfiguration,
  EmailConfiguration: FULL.EmailConfiguration,
  SmsConfiguration: FULL.SmsConfiguration,
  // The reserved aws: tag is not sent (no caller may write it).
  UserPoolTags: { team: 'platform', [KEY]: `${hashOf(SIGN_UP)} ` },
  // UnusedAccountValidityDays left out: the password policy sets TemporaryPasswordValidityDays.
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: FULL.AdminCreateUserConfig!.InviteMessageTemplate },
  UserPoolAddOns: FULL.UserPoolAddOns,
  AccountRecoverySetting: FULL.AccountRecoverySetting,
  UserPoolTier: 'PLUS',
  KeyConfiguration: FULL.KeyConfiguration,
  IssuerConfiguration: FULL.IssuerConfiguration,
  AcrConfiguration: FULL.AcrConfiguration,
};

beforeEach(() => {
  cognito.reset();
  cognito.on(DescribeUserPoolCommand).resolves({ UserPool: FULL });
  cognito.on(UpdateUserPoolCommand).resolves({});
});

describe('the DescribeUserPool to UpdateUserPool mapping', () => {
  test('every member of the SDK\'s UpdateUserPool input is mapped or excluded with a reason, exactly once', () => {
    // The SDK's own list of members (its operation schema), so a member added by an SDK upgrade fails here.
    const schema = (new UpdateUserPoolCommand({ UserPoolId: 'x' }) as any).schema;
    const members: string[] = schema[4]()[4];
    const decided = [...COPIED_INPUT_MEMBERS, ...Object.keys(TRANSFORMED_INPUT_MEMBERS), ...Object.keys(EXCLUDED_INPUT_MEMBERS)];
    expect([...decided].sort()).toEqual([...members].sort());
    expect(new Set(decided).size).toBe(decided.length);
    for (const reason of [...Object.values(TRANSFORMED_INPUT_MEMBERS), ...Object.values(EXCLUDED_INPUT_MEMBERS)]) expect(reason.length).toBeGreaterThan(20);
  });

  test('a Create writes the whole configuration back, fields the emulator does not keep included', async () => {
    await expect(run(createEvent(TYPE, PROPS))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(updates()).toEqual([FULL_INPUT]);
    expect(cognito.commandCalls(DescribeUserPoolCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: POOL }]);
  });

  test('UnusedAccountValidityDays is sent when the password policy does not set TemporaryPasswordValidityDays', () => {
    const legacy = { ...FULL, Policies: { PasswordPolicy: { MinimumLength: 8 } } };
    expect(updateInputFrom(legacy).AdminCreateUserConfig).toEqual({ ...FULL.AdminCreateUserConfig });
    expect(updateInputFrom(FULL).AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true, InviteMessageTemplate: FULL.AdminCreateUserConfig!.InviteMessageTemplate });
  });

  test('verification messages: a link template without its code members, a code template without its link members, no template: the legacy members', () => {
    const messages = {
      SmsVerificationMessage: 'Code {####}', EmailVerificationMessage: 'Your code is {####}', EmailVerificationSubject: 'Verify',
    };
    const template = {
      SmsMessage: 'Code {####}', EmailMessage: 'Your code is {####}', EmailSubject: 'Verify',
      EmailMessageByLink: 'Click {##Verify Email##}', EmailSubjectByLink: 'Verify by link',
    };
    const link = updateInputFrom({ Id: POOL, ...messages, VerificationMessageTemplate: { ...template, DefaultEmailOption: 'CONFIRM_WITH_LINK' } });
    expect(link).toEqual({ UserPoolId: POOL, VerificationMessageTemplate: {
      DefaultEmailOption: 'CONFIRM_WITH_LINK', SmsMessage: 'Code {####}', EmailMessageByLink: 'Click {##Verify Email##}', EmailSubjectByLink: 'Verify by link',
    } });
    const code = updateInputFrom({ Id: POOL, ...messages, VerificationMessageTemplate: { ...template, DefaultEmailOption: 'CONFIRM_WITH_CODE' } });
    expect(code).toEqual({ UserPoolId: POOL, VerificationMessageTemplate: {
      DefaultEmailOption: 'CONFIRM_WITH_CODE', SmsMessage: 'Code {####}', EmailMessage: 'Your code is {####}', EmailSubject: 'Verify',
    } });
    expect(updateInputFrom({ Id: POOL, ...messages })).toEqual({ UserPoolId: POOL, ...messages });
  });

  test('a pool with nothing set beyond its id and name gets exactly those and the changes', () => {
    expect(updateInputFrom({ Id: POOL, Name: 'bare' }, { LambdaConfig: { PreSignUp: SIGN_UP } })).toEqual({ UserPoolId: POOL, PoolName: 'bare', LambdaConfig: { PreSignUp: SIGN_UP } });
  });
});

describe('the SMS roles', () => {
  test('a role of the pool\'s SMS configuration that is not declared is refused before any write, naming it', async () => {
    await expect(run(createEvent(TYPE, { ...PROPS, SmsRoleArns: [SNS_ROLE] }))).rejects.toThrow(
      `The user pool ${POOL} sends SMS with the role ${EUMS_ROLE}: UpdateUserPool sends the pool's whole configuration back, that role included, and Cognito requires iam:PassRole on it; declare it in smsRoles of the UserPoolTriggers (which grants iam:PassRole to Cognito only).`);
    expect(updates()).toEqual([]);
  });

  test('a Delete does not check them (it must never be stuck on a role added since): it writes', async () => {
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: { ...FULL, LambdaConfig: { PreSignUp: SIGN_UP }, UserPoolTags: { [KEY]: `${hashOf(SIGN_UP)} ` } } });
    await expect(run(deleteEvent(TYPE, ID, { ...PROPS, SmsRoleArns: [] }))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(updates().map((u) => [u.LambdaConfig, u.UserPoolTags])).toEqual([[{}, { [KEY]: '' }]]);
  });
});

describe('calls', () => {
  test('nothing to change (the slot and its record as declared): DescribeUserPool only', async () => {
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: { ...FULL, LambdaConfig: { PreSignUp: SIGN_UP }, UserPoolTags: { [KEY]: `${hashOf(SIGN_UP)} ` } } });
    await expect(run(createEvent(TYPE, PROPS))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(updates()).toEqual([]);
  });

  test('a no-op Update makes no call at all', async () => {
    await expect(run(updateEvent(TYPE, ID, PROPS, { ...PROPS }))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(cognito.calls()).toHaveLength(0);
  });

  test('strict parsing: an unknown slot and a version on a slot without one are refused', async () => {
    await expect(run(createEvent(TYPE, { ...PROPS, Triggers: { PreSignup: { LambdaArn: SIGN_UP } } }))).rejects.toThrow(
      'Unknown property Triggers.PreSignup; allowed in Triggers: PreSignUp, CustomMessage, PostConfirmation, PreAuthentication, PostAuthentication, DefineAuthChallenge, CreateAuthChallenge, VerifyAuthChallengeResponse, PreTokenGeneration, UserMigration, CustomEmailSender, CustomSMSSender, InboundFederation');
    await expect(run(createEvent(TYPE, { ...PROPS, Triggers: { PreSignUp: { LambdaArn: SIGN_UP, LambdaVersion: 'V1_0' } } }))).rejects.toThrow(
      'Invalid property Triggers.PreSignUp.LambdaVersion: received "V1_0"; expected no version (this slot has none)');
    await expect(run(createEvent(TYPE, { ...PROPS, Triggers: { CustomEmailSender: { LambdaArn: SIGN_UP, LambdaVersion: 'V2_0' } } }))).rejects.toThrow(
      'Invalid property Triggers.CustomEmailSender.LambdaVersion: received "V2_0"; expected V1_0');
    expect(cognito.calls()).toHaveLength(0);
  });
});

function hashOf(arn: string): string {
  return valueHash({ arn });
}

describe('the record of what a slot held', () => {
  // A record is `<8-character hash> <previous value>` and a tag value holds 256 characters.
  const previousOf = (length: number) => `arn:aws:lambda:us-east-1:111111111111:function:${'f'.repeat(64)}:${'a'.repeat(length - 112)}`;
  const planFor = (previous: string) => planChanges(
    { Id: POOL, LambdaConfig: { PreSignUp: previous } }, OWNER,
    poolTriggersModule.parse({ UserPoolId: POOL, Triggers: { PreSignUp: { LambdaArn: SIGN_UP } }, ReplaceExisting: 'true' }));

  test('a previous value of 247 characters fits; one of 248 is refused before any write', () => {
    expect(previousOf(247)).toHaveLength(247);
    const fits = planFor(previousOf(247));
    expect(fits.refusals).toEqual([]);
    expect(fits.tags[KEY]).toBe(`${hashOf(SIGN_UP)} ${previousOf(247)}`);
    expect(fits.tags[KEY]).toHaveLength(256);
    expect(planFor(previousOf(248)).refusals).toEqual([
      `The value ${previousOf(248)} found in preSignUp (LambdaConfig.PreSignUp) of ${POOL} is too long to record (a tag value holds 256 characters).`,
    ]);
  });
});
