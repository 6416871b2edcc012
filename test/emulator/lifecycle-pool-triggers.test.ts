// Lifecycle of Custom::CognitoUserPoolTriggers (triggers on a pool owned elsewhere): the bundled
// handler against cognito-local behind the fault proxy. cognito-local keeps every setting this
// pool has through UpdateUserPool except DeletionProtection and UserAttributeUpdateSettings (it
// neither returns nor updates them) and the newer members (tier, key, issuer, ACR): those are
// proven against a mocked Cognito in test/handlers/pool-triggers.test.ts.
import {
  CreateUserPoolCommand, DeleteUserPoolCommand, DescribeUserPoolCommand, UpdateUserPoolCommand, UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { poolTriggersModule } from '../../custom-resources/pool-triggers';
import { ownerOf, valueHash } from '../../custom-resources/pool-triggers/records';
import { createContext } from '../../custom-resources/shared/context';
import { useLifecycle } from './lifecycle-harness';

const TYPE = 'Custom::CognitoUserPoolTriggers';
const STACK = 'arn:aws:cloudformation:us-east-1:111111111111:stack/Lifecycle/1';
const OWNER = ownerOf(STACK, 'Resource');
const fn = (name: string) => `arn:aws:lambda:us-east-1:111111111111:function:${name}`;
const SIGN_UP = fn('team-sign-up');
const SIGN_UP_V2 = fn('team-sign-up:live');
const CONFIRM = fn('team-confirm');
const TOKENS = fn('team-tokens');
const AUDIT = fn('platform-audit');
const OTHER = fn('platform-sign-up');
const SNS_ROLE = 'arn:aws:iam::111111111111:role/pool-sms';
const key = (slot: string, owner = OWNER) => `cdk-cognito-userpools:trigger:${owner}:${slot}`;
const record = (ours: string, previous = '') => `${valueHash({ arn: ours })} ${previous}`;
const life = useLifecycle(TYPE);

/** A pool its owner configured with many settings; every one must survive. */
const SETTINGS = {
  Policies: { PasswordPolicy: { MinimumLength: 14, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3 } },
  DeletionProtection: 'ACTIVE' as const,
  LambdaConfig: { PostAuthentication: AUDIT },
  AutoVerifiedAttributes: ['email' as const],
  SmsVerificationMessage: 'Code {####}',
  EmailVerificationMessage: 'Your code is {####}',
  EmailVerificationSubject: 'Verify your email',
  VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' as const, EmailMessage: 'Your code is {####}', EmailSubject: 'Verify your email', SmsMessage: 'Code {####}' },
  SmsAuthenticationMessage: 'Sign-in code {####}',
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email' as const] },
  MfaConfiguration: 'OPTIONAL' as const,
  DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  EmailConfiguration: { EmailSendingAccount: 'DEVELOPER' as const, SourceArn: 'arn:aws:ses:us-east-1:111111111111:identity/example.com', From: 'noreply@example.com', ReplyToEmailAddress: 'help@example.com' },
  SmsConfiguration: { SnsCallerArn: SNS_ROLE, ExternalId: 'pool-sms', SnsRegion: 'us-east-1' },
  UserPoolTags: { team: 'platform', costCenter: '42' },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailMessage: 'Hi {username}, your password is {####}', EmailSubject: 'Welcome', SMSMessage: 'Hi {username} {####}' } },
  UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' as const },
  AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email' as const, Priority: 1 }, { Name: 'verified_phone_number' as const, Priority: 2 }] },
};

async function newPool(name: string, lambdaConfig: object = SETTINGS.LambdaConfig): Promise<string> {
  return (await life.cognito.send(new CreateUserPoolCommand({ PoolName: name, ...SETTINGS, LambdaConfig: lambdaConfig }))).UserPool!.Id!;
}
async function describe_(pool: string): Promise<UserPoolType> {
  return (await life.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool!;
}
/** Everything but the triggers, the tags and the modification date. */
async function otherSettings(pool: string) {
  const { LambdaConfig: _l, UserPoolTags: _t, LastModifiedDate: _d, ...rest } = await describe_(pool);
  return rest;
}
/**
 * The settings as written back: all the same, but for cognito-local's default
 * UnusedAccountValidityDays (7), which Cognito refuses next to the password policy's
 * TemporaryPasswordValidityDays (in the service the two are one setting; the description shows
 * both), and the deprecated verification members, which the template carries.
 */
function asWrittenBack(settings: UserPoolType): UserPoolType {
  const { UnusedAccountValidityDays: _days, ...admin } = settings.AdminCreateUserConfig!;
  const { SmsVerificationMessage: _s, EmailVerificationMessage: _e, EmailVerificationSubject: _j, ...rest } = settings;
  return { ...rest, AdminCreateUserConfig: admin };
}
const props = (pool: string, triggers: object, extra: object = {}) => ({ UserPoolId: pool, Triggers: triggers, ReplaceExisting: 'false', SmsRoleArns: [SNS_ROLE], ...extra });
const idOf = (pool: string, owner = OWNER) => `${pool}/triggers/${owner}`;
const updates = () => life.calls.filter((c) => c.operation === 'UpdateUserPool').map((c) => c.body);

describe('every other setting survives', () => {
  test('create, two updates and delete: the pool ends with exactly the LambdaConfig it had, all its settings as they were', async () => {
    const pool = await newPool('many-settings');
    const found = await otherSettings(pool);
    expect(found.AdminCreateUserConfig!.UnusedAccountValidityDays).toBe(7);
    const before = asWrittenBack(found);
    expect(before).toMatchObject({ Policies: SETTINGS.Policies, MfaConfiguration: 'OPTIONAL', EmailConfiguration: SETTINGS.EmailConfiguration, SmsConfiguration: SETTINGS.SmsConfiguration });
    const id = idOf(pool);
    const first = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } });
    await expect(life.create(first)).resolves.toEqual({ PhysicalResourceId: id });
    expect((await describe_(pool)).LambdaConfig).toEqual({ PostAuthentication: AUDIT, PreSignUp: SIGN_UP });
    expect((await describe_(pool)).UserPoolTags).toEqual({ team: 'platform', costCenter: '42', [key('PreSignUp')]: record(SIGN_UP) });
    expect(await otherSettings(pool)).toEqual(before);

    const second = props(pool, { PreSignUp: { LambdaArn: SIGN_UP_V2 }, PreTokenGeneration: { LambdaArn: TOKENS, LambdaVersion: 'V2_0' } });
    await expect(life.update(id, first, second)).resolves.toEqual({ PhysicalResourceId: id });
    expect((await describe_(pool)).LambdaConfig).toEqual({
      PostAuthentication: AUDIT, PreSignUp: SIGN_UP_V2, PreTokenGeneration: TOKENS, PreTokenGenerationConfig: { LambdaArn: TOKENS, LambdaVersion: 'V2_0' },
    });
    expect(await otherSettings(pool)).toEqual(before);

    const third = props(pool, { PreTokenGeneration: { LambdaArn: TOKENS, LambdaVersion: 'V2_0' } });
    await expect(life.update(id, second, third)).resolves.toEqual({ PhysicalResourceId: id });
    expect((await describe_(pool)).LambdaConfig).toEqual({ PostAuthentication: AUDIT, PreTokenGeneration: TOKENS, PreTokenGenerationConfig: { LambdaArn: TOKENS, LambdaVersion: 'V2_0' } });

    await expect(life.remove(id, third)).resolves.toEqual({ PhysicalResourceId: id });
    const after = await describe_(pool);
    expect(after.LambdaConfig).toEqual({ PostAuthentication: AUDIT });
    // A released record keeps its key with an empty value.
    expect(after.UserPoolTags).toEqual({ team: 'platform', costCenter: '42', [key('PreSignUp')]: '', [key('PreTokenGeneration')]: '' });
    expect(await otherSettings(pool)).toEqual(before);
    expect(updates()).toHaveLength(4);
  });
});

describe('a slot someone else set', () => {
  test('is refused, naming the slot and the function; nothing is written', async () => {
    const pool = await newPool('taken', { PreSignUp: OTHER });
    await expect(life.create(props(pool, { PreSignUp: { LambdaArn: SIGN_UP }, PostConfirmation: { LambdaArn: CONFIRM } }))).rejects.toThrow(
      `The preSignUp (LambdaConfig.PreSignUp) trigger of the user pool ${pool} holds ${OTHER}, which this UserPoolTriggers did not set: set replaceExisting to take the slot over (what it holds is put back when the UserPoolTriggers is deleted), or remove it from its owner first.`);
    expect(life.writes()).toEqual([]);
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER });
  });

  test('replaceExisting takes it over; Delete puts back the function found', async () => {
    const pool = await newPool('replace', { PreSignUp: OTHER, PostAuthentication: AUDIT });
    const declared = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } }, { ReplaceExisting: 'true' });
    await expect(life.create(declared)).resolves.toEqual({ PhysicalResourceId: idOf(pool) });
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP, PostAuthentication: AUDIT });
    expect((await describe_(pool)).UserPoolTags![key('PreSignUp')]).toBe(record(SIGN_UP, OTHER));
    await life.remove(idOf(pool), declared);
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER, PostAuthentication: AUDIT });
  });

  test('an Update that drops a replaced slot puts back its previous function', async () => {
    const pool = await newPool('replace-update', { CustomMessage: OTHER });
    const both = props(pool, { CustomMessage: { LambdaArn: SIGN_UP }, PostConfirmation: { LambdaArn: CONFIRM } }, { ReplaceExisting: 'true' });
    const one = props(pool, { PostConfirmation: { LambdaArn: CONFIRM } }, { ReplaceExisting: 'true' });
    await life.create(both);
    await life.update(idOf(pool), both, one);
    expect((await describe_(pool)).LambdaConfig).toEqual({ CustomMessage: OTHER, PostConfirmation: CONFIRM });
  });

  test('a slot its owner changed after this resource set it is left as it is on Delete', async () => {
    const pool = await newPool('changed-since', {});
    const declared = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } });
    await life.create(declared);
    const pool_ = await describe_(pool);
    // The owner writes its own function into the slot (keeping the tags).
    await life.cognito.send(new UpdateUserPoolCommand({
      UserPoolId: pool, LambdaConfig: { PreSignUp: OTHER }, UserPoolTags: pool_.UserPoolTags,
    }));
    life.reset();
    await life.remove(idOf(pool), declared);
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER });
    expect((await describe_(pool)).UserPoolTags).toEqual({ team: 'platform', costCenter: '42', [key('PreSignUp')]: '' });
  });
});

describe('retries and failures', () => {
  test('a retried Create (the whole invocation again) makes no second write', async () => {
    const pool = await newPool('retried', {});
    const declared = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } });
    await life.create(declared);
    await expect(life.create(declared)).resolves.toEqual({ PhysicalResourceId: idOf(pool) });
    expect(life.writes()).toEqual(['UpdateUserPool']);
  });

  test('the write landed, its answer lost, the Lambda killed before it could clean up; the retried Create keeps what was there before', async () => {
    const pool = await newPool('killed', { PreSignUp: OTHER });
    const declared = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } }, { ReplaceExisting: 'true' });
    life.faults.lose = (op, _body, nth) => op === 'UpdateUserPool' && nth === 1;
    // Killed: every later call of this invocation fails, the cleanup's included.
    life.faults.inject = (op, _body, nth) => ((op === 'UpdateUserPool' && nth >= 2) || (op === 'DescribeUserPool' && nth >= 2) ? 'SimulatedLambdaTimeout' : undefined);
    await expect(life.create(declared)).rejects.toThrow('Injected SimulatedLambdaTimeout');
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP });
    life.reset();
    // The framework invokes the same Create again: the record written with the trigger says OTHER was there.
    await expect(life.create(declared)).resolves.toEqual({ PhysicalResourceId: idOf(pool) });
    expect(life.writes()).toEqual([]);
    await life.remove(idOf(pool), declared);
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER });
  });

  test('a failed Create (no Delete will come) takes a write that landed back off', async () => {
    const pool = await newPool('failed-create', { PreSignUp: OTHER, PostAuthentication: AUDIT });
    const declared = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } }, { ReplaceExisting: 'true' });
    life.faults.lose = (op, _body, nth) => op === 'UpdateUserPool' && nth === 1;
    life.faults.inject = (op, _body, nth) => (op === 'UpdateUserPool' && nth === 2 ? 'SimulatedLambdaTimeout' : undefined);
    await expect(life.create(declared)).rejects.toThrow('Injected SimulatedLambdaTimeout');
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER, PostAuthentication: AUDIT });
    expect((await describe_(pool)).UserPoolTags).toEqual({ team: 'platform', costCenter: '42', [key('PreSignUp')]: '' });
    expect(await otherSettings(pool)).toMatchObject({ Policies: SETTINGS.Policies, MfaConfiguration: 'OPTIONAL' });
  });

  test('a failed Update, then the rollback under the old id; and the rollback of an Update that succeeded', async () => {
    const pool = await newPool('rollback', {});
    const id = idOf(pool);
    const old = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } });
    const next = props(pool, { PreSignUp: { LambdaArn: SIGN_UP_V2 }, PostConfirmation: { LambdaArn: CONFIRM } });
    await life.create(old);
    life.faults.inject = (op) => (op === 'UpdateUserPool' ? 'InvalidParameterException' : undefined);
    await expect(life.update(id, old, next)).rejects.toThrow('Injected InvalidParameterException');
    life.reset();
    await expect(life.update(id, next, old)).resolves.toEqual({ PhysicalResourceId: id });
    expect(life.writes()).toEqual([]);
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP });
    // This time the update succeeds and another resource fails: the rollback undoes it.
    await life.update(id, old, next);
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP_V2, PostConfirmation: CONFIRM });
    await expect(life.update(id, next, old)).resolves.toEqual({ PhysicalResourceId: id });
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP });
  });

  test('a no-op Update makes no call', async () => {
    const pool = await newPool('no-op', {});
    const declared = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } });
    await life.create(declared);
    life.reset();
    await expect(life.update(idOf(pool), declared, { ...declared })).resolves.toEqual({ PhysicalResourceId: idOf(pool) });
    expect(life.calls).toEqual([]);
  });

  test('an Update from unusable old properties converges from the pool\'s records; from an older version\'s (no ReplaceExisting, no SmsRoleArns) too', async () => {
    const pool = await newPool('unusable-old', { PreSignUp: OTHER, PostAuthentication: AUDIT });
    const id = idOf(pool);
    const old = props(pool, { PreSignUp: { LambdaArn: SIGN_UP }, CustomMessage: { LambdaArn: CONFIRM } }, { ReplaceExisting: 'true' });
    await life.create(old);
    life.reset();
    const next = props(pool, { CustomMessage: { LambdaArn: CONFIRM } });
    const res = await poolTriggersModule.onUpdate(poolTriggersModule.parse(next), undefined, id, createContext());
    expect(res).toEqual({ physicalId: id });
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER, PostAuthentication: AUDIT, CustomMessage: CONFIRM });
    // Through the router: OldResourceProperties it cannot parse reach the module as undefined.
    await expect(life.update(id, { Triggers: 'not an object' }, next)).resolves.toEqual({ PhysicalResourceId: id });
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER, PostAuthentication: AUDIT, CustomMessage: CONFIRM });
    const older = { UserPoolId: pool, Triggers: { CustomMessage: { LambdaArn: CONFIRM } } };
    await expect(life.update(id, older, props(pool, { CustomMessage: { LambdaArn: SIGN_UP } }))).resolves.toEqual({ PhysicalResourceId: id });
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER, PostAuthentication: AUDIT, CustomMessage: SIGN_UP });
  });

  test('another pool: the new pool gets the triggers under a new id; the Delete of the old id restores the old pool', async () => {
    const first = await newPool('move-from', {});
    const second = await newPool('move-to', {});
    const a = props(first, { PreSignUp: { LambdaArn: SIGN_UP } });
    const b = props(second, { PreSignUp: { LambdaArn: SIGN_UP } });
    await life.create(a);
    await expect(life.update(idOf(first), a, b)).resolves.toEqual({ PhysicalResourceId: idOf(second) });
    expect((await describe_(second)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP });
    expect((await describe_(first)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP });
    await life.remove(idOf(first), a);
    expect((await describe_(first)).LambdaConfig).toEqual({});
    expect((await describe_(second)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP });
  });

  test('the construct moved (a new logical id): the new resource is created first, the old one deleted; the trigger stays, then goes with the last', async () => {
    const pool = await newPool('moved', {});
    const declared = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } });
    await life.create(declared);
    const moved = ownerOf(STACK, 'Moved');
    await expect(life.send('Create', declared, { LogicalResourceId: 'Moved' })).resolves.toEqual({ PhysicalResourceId: idOf(pool, moved) });
    await life.remove(idOf(pool), declared);
    expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP });
    expect((await describe_(pool)).UserPoolTags![key('PreSignUp', moved)]).toBe(record(SIGN_UP));
    await life.remove(idOf(pool, moved), declared);
    expect((await describe_(pool)).LambdaConfig).toEqual({});
  });
});

describe('delete', () => {
  test('with the pool already gone succeeds with no write', async () => {
    const pool = await newPool('gone', {});
    const declared = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } });
    await life.create(declared);
    await life.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
    life.reset();
    await expect(life.remove(idOf(pool), declared)).resolves.toEqual({ PhysicalResourceId: idOf(pool) });
    expect(life.writes()).toEqual([]);
  });

  test('with unusable properties: the physical id names the pool and the owner', async () => {
    const pool = await newPool('unusable-delete', {});
    await life.create(props(pool, { PreSignUp: { LambdaArn: SIGN_UP } }));
    await expect(life.remove(idOf(pool), { Triggers: 'not an object' })).resolves.toEqual({ PhysicalResourceId: idOf(pool) });
    expect((await describe_(pool)).LambdaConfig).toEqual({});
  });
});

describe('under faults: 30% throttling or 5xx before the request, 20% of write responses lost', () => {
  test('create, updates, a rollback and delete all converge; the pool ends as it began', async () => {
    const pool = await newPool('faults', { PreSignUp: OTHER, PostAuthentication: AUDIT });
    const before = asWrittenBack(await otherSettings(pool));
    life.faults.background = { faultRate: 0.3, lostResponseRate: 0.2, seed: 7 };
    const id = idOf(pool);
    const a = props(pool, { PreSignUp: { LambdaArn: SIGN_UP } }, { ReplaceExisting: 'true' });
    const b = props(pool, { PreSignUp: { LambdaArn: SIGN_UP_V2 }, PostConfirmation: { LambdaArn: CONFIRM } }, { ReplaceExisting: 'true' });
    for (let round = 0; round < 3; round++) {
      await expect(life.create(a)).resolves.toEqual({ PhysicalResourceId: id });
      await expect(life.update(id, a, b)).resolves.toEqual({ PhysicalResourceId: id });
      await expect(life.update(id, b, a)).resolves.toEqual({ PhysicalResourceId: id });
      expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: SIGN_UP, PostAuthentication: AUDIT });
      await expect(life.remove(id, a)).resolves.toEqual({ PhysicalResourceId: id });
      expect((await describe_(pool)).LambdaConfig).toEqual({ PreSignUp: OTHER, PostAuthentication: AUDIT });
    }
    expect(await otherSettings(pool)).toEqual(before);
    expect(life.lost.length).toBeGreaterThan(0);
    expect(life.proxy.faults.throttled + life.proxy.faults.failed).toBeGreaterThan(0);
  });
});
