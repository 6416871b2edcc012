// The migration function (custom-resources/migration-trigger) with a mocked Cognito: the answers
// Cognito sees for each case the emulator cannot produce (challenges, disabled users, a closed
// window, throttling past the retries, federated links, estimated user counts), the exact calls,
// and that the password never reaches a log line.
import {
  AdminAddUserToGroupCommand, AdminGetUserCommand, AdminInitiateAuthCommand, AdminLinkProviderForUserCommand, AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient, DescribeIdentityProviderCommand, DescribeUserPoolCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import {
  handle, INCORRECT, mapAttributes, MigrationConfig, MigrationDeps, MigrationTriggerEvent, parseIdentities, targetUsername,
} from '../../custom-resources/migration-trigger';
import { CognitoApi } from '../../custom-resources/shared/cognito';
import { Logger } from '../../custom-resources/shared/log';
import { Clock, RateBudget } from '../../custom-resources/shared/rate-budget';
import { DEFAULT_RETRY } from '../../custom-resources/shared/retry';

const cognito = mockClient(CognitoIdentityProviderClient);
const PASSWORD = 'Sup3r!secret-pass';
const OLD = 'us-east-1_old';
const NEW = 'us-east-1_new';

const CONFIG: MigrationConfig = {
  sourceUserPoolId: OLD, sourceClientId: 'oldclient', attributeMapping: { 'custom:tenant': 'custom:org', 'nickname': '' },
  groups: ['admins', 'editors'], lookupAttribute: 'email', metricNamespace: 'CdkCognitoUserPools/Migration', migrationName: 'App/Migration',
  exportBucket: 'bucket',
};

interface Harness {
  deps: MigrationDeps;
  lines: string[];
  invoked: object[];
  objects: Map<string, string>;
}

function harness(config: Partial<MigrationConfig> = {}, options: { now?: number; invokeFails?: boolean } = {}): Harness {
  const lines: string[] = [];
  const invoked: object[] = [];
  const objects = new Map<string, string>();
  let now = options.now ?? Date.parse('2027-01-01T00:00:00Z');
  const clock: Clock = { now: () => now, sleep: async (ms) => { now += ms; } };
  const deps: MigrationDeps = {
    cognito: new CognitoApi(new CognitoIdentityProviderClient({ region: 'us-east-1' }), new RateBudget(clock, 1), { ...DEFAULT_RETRY, maxAttempts: 3, clock }),
    log: new Logger((line) => lines.push(line)),
    clock,
    invokeSelf: async (payload) => {
      if (options.invokeFails) throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      invoked.push(payload);
    },
    putObject: async (bucket, key, body) => { objects.set(`${bucket}/${key}`, body); },
    emit: (line) => lines.push(line),
    config: { ...CONFIG, ...config },
  };
  return { deps, lines, invoked, objects };
}

function signInEvent(userName = 'alice@example.com'): MigrationTriggerEvent {
  return {
    version: '1', triggerSource: 'UserMigration_Authentication', region: 'us-east-1', userPoolId: NEW, userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'newclient' },
    request: { password: PASSWORD, validationData: {}, clientMetadata: {} },
    response: {},
  };
}

const ALICE = {
  Username: 'alice', Enabled: true, UserStatus: 'CONFIRMED' as const,
  UserAttributes: [
    { Name: 'sub', Value: 'old-sub' }, { Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' },
    { Name: 'custom:tenant', Value: 'acme' }, { Name: 'nickname', Value: 'al' },
    { Name: 'identities', Value: '[{"providerName":"Google","userId":"g-1","providerType":"Google"},{"providerName":"Okta","userId":"o-1"}]' },
  ],
};
const notFound = (message = 'User does not exist.') => Object.assign(new Error(message), { name: 'UserNotFoundException' });
const named = (name: string, message = name) => Object.assign(new Error(message), { name });

const metrics = (h: Harness) => h.lines.map((l) => JSON.parse(l)).filter((r) => r._aws)
  .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== '_aws')));

beforeEach(() => {
  cognito.reset();
});

describe('UserMigration_Authentication', () => {
  beforeEach(() => {
    // alice@example.com is not an old username: found by the lookup attribute.
    cognito.on(AdminGetUserCommand, { UserPoolId: OLD, Username: 'alice@example.com' }).rejects(notFound());
    cognito.on(ListUsersCommand, { UserPoolId: OLD }).resolves({ Users: [{ ...ALICE, Attributes: ALICE.UserAttributes }] });
  });

  test('a right password: the mapped attributes, CONFIRMED, SUPPRESS; the follow-up invoked; exact calls', async () => {
    cognito.on(AdminInitiateAuthCommand).resolves({ AuthenticationResult: { AccessToken: 'a' } });
    const h = harness();
    const result = await handle(signInEvent(), h.deps) as MigrationTriggerEvent;
    expect(result.response).toEqual({
      finalUserStatus: 'CONFIRMED',
      messageAction: 'SUPPRESS',
      userAttributes: { 'email': 'alice@example.com', 'email_verified': 'true', 'custom:org': 'acme' },
    });
    expect(cognito.calls().map((c) => [(c.args[0] as any).constructor.name, c.args[0].input])).toEqual([
      ['AdminGetUserCommand', { UserPoolId: OLD, Username: 'alice@example.com' }],
      ['ListUsersCommand', { UserPoolId: OLD, Filter: 'email = "alice@example.com"', Limit: 2 }],
      ['AdminInitiateAuthCommand', {
        UserPoolId: OLD, ClientId: 'oldclient', AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD },
      }],
    ]);
    expect(h.invoked).toEqual([{ command: 'after-migration', targetUserPoolId: NEW, sourceUsername: 'alice', targetUsername: 'alice@example.com' }]);
    expect(metrics(h)).toEqual([{ Migration: 'App/Migration', triggerSource: 'UserMigration_Authentication', MigratedUsers: 1 }]);
    expect(h.lines.join('\n')).not.toContain(PASSWORD);
  });

  test.each([
    ['NEW_PASSWORD_REQUIRED'], ['SMS_MFA'], ['SOFTWARE_TOKEN_MFA'], ['MFA_SETUP'],
  ])('the old pool answers %s: the user is not migrated, with a message saying why, and nothing follows', async (challenge) => {
    cognito.on(AdminInitiateAuthCommand).resolves({ ChallengeName: challenge as any, Session: 'session' });
    const h = harness();
    await expect(handle(signInEvent(), h.deps)).rejects.toThrow(`The user could not be migrated at sign-in (the old pool asks for ${challenge}).`);
    expect(h.invoked).toEqual([]);
    expect(metrics(h)).toEqual([{
      Migration: 'App/Migration', triggerSource: 'UserMigration_Authentication',
      reason: `the old pool answered with the challenge ${challenge}`, RefusedMigrations: 1,
    }]);
  });

  test.each([
    ['NotAuthorizedException', INCORRECT, 'wrong password'],
    ['PasswordResetRequiredException', 'Password reset required for the user', 'password reset required in the old pool'],
    ['UserNotConfirmedException', 'User is not confirmed.', 'not confirmed in the old pool'],
  ])('AdminInitiateAuth fails with %s: Cognito shows "%s"', async (error, message, reason) => {
    cognito.on(AdminInitiateAuthCommand).rejects(named(error, `the old pool's ${error} with the password ${PASSWORD}`));
    const h = harness();
    await expect(handle(signInEvent(), h.deps)).rejects.toThrow(message);
    expect(metrics(h)).toEqual([{ Migration: 'App/Migration', triggerSource: 'UserMigration_Authentication', reason, RefusedMigrations: 1 }]);
    expect(h.lines.join('\n')).not.toContain(PASSWORD);
  });

  test('an unknown user is answered like a wrong password (no user enumeration), without a password check', async () => {
    cognito.on(ListUsersCommand, { UserPoolId: OLD }).resolves({ Users: [] });
    const h = harness();
    await expect(handle(signInEvent(), h.deps)).rejects.toThrow(INCORRECT);
    expect(cognito.commandCalls(AdminInitiateAuthCommand)).toEqual([]);
  });

  test('two old users with that email: neither is taken', async () => {
    cognito.on(ListUsersCommand, { UserPoolId: OLD }).resolves({ Users: [{ ...ALICE, Attributes: ALICE.UserAttributes }, { ...ALICE, Username: 'alice2', Attributes: ALICE.UserAttributes }] });
    await expect(handle(signInEvent(), harness().deps)).rejects.toThrow(INCORRECT);
    expect(cognito.commandCalls(AdminInitiateAuthCommand)).toEqual([]);
  });

  test('a user disabled in the old pool stays out', async () => {
    cognito.on(ListUsersCommand, { UserPoolId: OLD }).resolves({ Users: [{ ...ALICE, Enabled: false, Attributes: ALICE.UserAttributes }] });
    await expect(handle(signInEvent(), harness().deps)).rejects.toThrow('User is disabled.');
    expect(cognito.commandCalls(AdminInitiateAuthCommand)).toEqual([]);
  });

  test('after the window: nobody is migrated, the old pool is not asked; the last millisecond still migrates', async () => {
    cognito.on(AdminInitiateAuthCommand).resolves({ AuthenticationResult: { AccessToken: 'a' } });
    const endsAt = '2027-01-01T00:00:00Z';
    const after = harness({ endsAt }, { now: Date.parse(endsAt) + 1 });
    await expect(handle(signInEvent(), after.deps)).rejects.toThrow(INCORRECT);
    expect(cognito.calls()).toEqual([]);
    expect(metrics(after)[0].reason).toBe(`the migration window ended at ${endsAt}`);
    const at = harness({ endsAt }, { now: Date.parse(endsAt) });
    await expect(handle(signInEvent(), at.deps)).resolves.toMatchObject({ response: { finalUserStatus: 'CONFIRMED' } });
  });

  test('throttling past the retries: a generic message for the user, FailedMigrations counted, the error logged without the password', async () => {
    cognito.on(AdminInitiateAuthCommand).rejects(named('TooManyRequestsException', 'Rate exceeded'));
    const h = harness();
    await expect(handle(signInEvent(), h.deps)).rejects.toThrow('The user could not be migrated; try again later.');
    expect(cognito.commandCalls(AdminInitiateAuthCommand)).toHaveLength(3);
    expect(metrics(h)).toEqual([{ Migration: 'App/Migration', triggerSource: 'UserMigration_Authentication', FailedMigrations: 1 }]);
    expect(h.lines.join('\n')).not.toContain(PASSWORD);
  });

  test('the follow-up cannot be started: the sign-in still migrates, FailedFollowUps counted', async () => {
    cognito.on(AdminInitiateAuthCommand).resolves({ AuthenticationResult: { AccessToken: 'a' } });
    const h = harness({}, { invokeFails: true });
    await expect(handle(signInEvent(), h.deps)).resolves.toMatchObject({ response: { finalUserStatus: 'CONFIRMED' } });
    expect(metrics(h)).toEqual([
      { Migration: 'App/Migration', FailedFollowUps: 1 },
      { Migration: 'App/Migration', triggerSource: 'UserMigration_Authentication', MigratedUsers: 1 },
    ]);
  });
});

test('UserMigration_ForgotPassword: AdminGetUser only; attributes and SUPPRESS, no status', async () => {
  cognito.on(AdminGetUserCommand, { UserPoolId: OLD, Username: 'alice' }).resolves(ALICE);
  const h = harness();
  const event = { ...signInEvent('alice'), triggerSource: 'UserMigration_ForgotPassword', request: { clientMetadata: {} }, response: {} };
  const result = await handle(event, h.deps) as MigrationTriggerEvent;
  expect(result.response).toEqual({ messageAction: 'SUPPRESS', userAttributes: { 'email': 'alice@example.com', 'email_verified': 'true', 'custom:org': 'acme' } });
  expect(cognito.calls().map((c) => (c.args[0] as any).constructor.name)).toEqual(['AdminGetUserCommand']);
});

describe('after-migration', () => {
  const command = { command: 'after-migration' as const, targetUserPoolId: NEW, sourceUsername: 'alice', targetUsername: 'alice@example.com' };

  beforeEach(() => {
    cognito.on(AdminGetUserCommand, { UserPoolId: OLD, Username: 'alice' }).resolves(ALICE);
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'editors' }, { GroupName: 'not-copied' }, { GroupName: 'admins' }] });
    cognito.on(DescribeIdentityProviderCommand, { ProviderName: 'Google' }).resolves({ IdentityProvider: { ProviderName: 'Google' } });
    cognito.on(DescribeIdentityProviderCommand, { ProviderName: 'Okta' }).rejects(named('ResourceNotFoundException'));
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    cognito.on(AdminLinkProviderForUserCommand).resolves({});
  });

  test('waits for the new user, adds the copied groups, links the providers the new pool has', async () => {
    // The new user appears at the third look (Cognito creates it after the trigger answered).
    cognito.on(AdminGetUserCommand, { UserPoolId: NEW }).rejectsOnce(notFound()).rejectsOnce(notFound()).resolves({ Username: 'new-sub' });
    await expect(handle(command, harness().deps)).resolves.toEqual({ groups: ['admins', 'editors'], linked: ['Google'] });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: NEW, Username: 'alice@example.com', GroupName: 'admins' },
      { UserPoolId: NEW, Username: 'alice@example.com', GroupName: 'editors' },
    ]);
    expect(cognito.commandCalls(AdminLinkProviderForUserCommand).map((c) => c.args[0].input)).toEqual([{
      UserPoolId: NEW,
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'alice@example.com' },
      SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'g-1' },
    }]);
  });

  test('a retried follow-up (an earlier attempt linked already) converges', async () => {
    cognito.on(AdminGetUserCommand, { UserPoolId: NEW }).resolves({ Username: 'new-sub' });
    cognito.on(AdminLinkProviderForUserCommand).rejects(named('InvalidParameterException', 'Merging is not currently supported, provider is already linked'));
    await expect(handle(command, harness().deps)).resolves.toEqual({ groups: ['admins', 'editors'], linked: ['Google'] });
  });

  test('the new user never appears: fails after 10 looks (Lambda retries the asynchronous invocation)', async () => {
    cognito.on(AdminGetUserCommand, { UserPoolId: NEW }).rejects(notFound());
    await expect(handle(command, harness().deps)).rejects.toThrow('User does not exist.');
    expect(cognito.commandCalls(AdminGetUserCommand, { UserPoolId: NEW })).toHaveLength(10);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toEqual([]);
  });
});

describe('export', () => {
  test('writes the users left as the import CSV; federated, disabled, unverified and migrated users are skipped and counted', async () => {
    cognito.on(DescribeUserPoolCommand, { UserPoolId: NEW }).resolves({ UserPool: { UsernameAttributes: ['email'] } });
    cognito.on(ListUsersCommand, { UserPoolId: NEW }).resolves({ Users: [{ Username: 'sub-1', Attributes: [{ Name: 'email', Value: 'done@example.com' }] }] });
    const user = (name: string, email: string, extra: object = {}, verified = 'true') => ({
      Username: name, Enabled: true, UserStatus: 'CONFIRMED' as any,
      Attributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: verified }, { Name: 'custom:tenant', Value: 'a,"b"' }], ...extra,
    });
    cognito.on(ListUsersCommand, { UserPoolId: OLD }).resolvesOnce({
      Users: [user('zed', 'zed@example.com'), user('done', 'done@example.com')], PaginationToken: 'p2',
    }).resolves({
      Users: [user('Google_1', 'g@example.com', { UserStatus: 'EXTERNAL_PROVIDER' }), user('off', 'off@example.com', { Enabled: false }),
        user('nov', 'nov@example.com', {}, 'false'), user('amy', 'amy@example.com')],
    });
    cognito.on(ListUsersInGroupCommand, { GroupName: 'admins' }).resolves({ Users: [{ Username: 'zed' }, { Username: 'Google_1' }, { Username: 'done' }] });
    cognito.on(ListUsersInGroupCommand, { GroupName: 'editors' }).resolves({ Users: [] });
    const h = harness();
    const result = await handle({ command: 'export', targetUserPoolId: NEW, prefix: 'exports/x' }, h.deps);
    expect(result).toEqual({
      bucket: 'bucket', csvKey: 'exports/x/users.csv', groupsKey: 'exports/x/groups.json', exported: 2,
      skipped: { alreadyMigrated: 1, federated: 1, disabled: 1, unverified: 1 },
    });
    const blank = (n: number) => ','.repeat(n);
    expect(h.objects.get('bucket/exports/x/users.csv')).toBe(
      'profile,address,birthdate,gender,preferred_username,updated_at,website,picture,phone_number,phone_number_verified,zoneinfo,locale,'
      + 'email,email_verified,given_name,family_name,middle_name,name,nickname,cognito:mfa_enabled,cognito:username,custom:org\n'
      + `${blank(12)}amy@example.com,true${blank(5)},false,amy@example.com,"a,""b"""\n`
      + `${blank(12)}zed@example.com,true${blank(5)},false,zed@example.com,"a,""b"""\n`);
    expect(JSON.parse(h.objects.get('bucket/exports/x/groups.json')!)).toEqual({
      groups: [{ name: 'admins', usernames: ['done@example.com', 'zed@example.com'] }, { name: 'editors', usernames: [] }],
    });
    expect(cognito.commandCalls(ListUsersCommand, { UserPoolId: OLD }).map((c) => c.args[0].input.PaginationToken)).toEqual([undefined, 'p2']);
  });

  test.each([['elsewhere/x'], ['exports/'], ['exports/a b']])('a prefix outside exports/ (%s) is refused before any call', async (prefix) => {
    await expect(handle({ command: 'export', targetUserPoolId: NEW, prefix }, harness().deps))
      .rejects.toThrow(`prefix ${JSON.stringify(prefix)}: expected a folder under exports/, e.g. exports/final`);
    expect(cognito.calls()).toEqual([]);
  });

  test('without a bucket: refused', async () => {
    await expect(handle({ command: 'export', targetUserPoolId: NEW }, harness({ exportBucket: undefined }).deps)).rejects.toThrow('This migration has no export bucket');
  });
});

test('progress publishes both pools\' estimated users and the difference', async () => {
  cognito.on(DescribeUserPoolCommand, { UserPoolId: OLD }).resolves({ UserPool: { EstimatedNumberOfUsers: 300 } });
  cognito.on(DescribeUserPoolCommand, { UserPoolId: NEW }).resolves({ UserPool: { EstimatedNumberOfUsers: 121 } });
  const h = harness();
  await expect(handle({ command: 'progress', targetUserPoolId: NEW }, h.deps)).resolves.toEqual({ source: 300, target: 121, remaining: 179 });
  expect(h.lines.map((l) => JSON.parse(l))).toEqual([{
    _aws: {
      // The virtual clock's time after the two reads (nothing waits after the record).
      Timestamp: h.deps.clock.now(),
      CloudWatchMetrics: [{
        Namespace: 'CdkCognitoUserPools/Migration', Dimensions: [['Migration']],
        Metrics: [{ Name: 'SourcePoolUsers', Unit: 'Count' }, { Name: 'TargetPoolUsers', Unit: 'Count' }, { Name: 'RemainingUsers', Unit: 'Count' }],
      }],
    },
    Migration: 'App/Migration', SourcePoolUsers: 300, TargetPoolUsers: 121, RemainingUsers: 179,
  }]);
});

test('an unknown command or trigger is refused', async () => {
  await expect(handle({ command: 'nope' } as any, harness().deps)).rejects.toThrow('Unknown command "nope": expected after-migration, export or progress');
  await expect(handle({ ...signInEvent(), triggerSource: 'PreSignUp_SignUp' }, harness().deps))
    .rejects.toThrow('Unexpected trigger PreSignUp_SignUp: this function is a user-migration trigger');
});

test('pure helpers: mapping, identities, new usernames', () => {
  expect(mapAttributes([{ Name: 'sub', Value: 's' }, { Name: 'nickname', Value: 'n' }, { Name: 'custom:a', Value: '1' }], { 'nickname': '', 'custom:a': 'custom:b' }))
    .toEqual({ 'custom:b': '1' });
  expect(parseIdentities('not json')).toEqual([]);
  expect(parseIdentities('[{"providerName":"X","userId":"1"},{"providerName":3}]')).toEqual([{ providerName: 'X', userId: '1' }]);
  expect(targetUsername('bob', { email: 'b@example.com' }, ['email'])).toBe('b@example.com');
  expect(targetUsername('bob', {}, ['email'])).toBe('bob');
  expect(targetUsername('bob', { email: 'b@example.com' }, [])).toBe('bob');
});
