// The lifecycle of the user resources (Custom::CognitoUser, Custom::CognitoUsers,
// Custom::CognitoGroupMembership) the way production meets it: the bundled handler against
// cognito-local behind a proxy that loses write responses, fails chosen calls and is bypassed
// by the checks. After every path the pool holds exactly the declared users, with the same
// `sub` as before, the same groups, and nothing orphaned.
import { randomBytes } from 'crypto';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, AdminListGroupsForUserCommand, CognitoIdentityProviderClient,
  CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, DeleteUserPoolCommand, InitiateAuthCommand, ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  bundledHandler, FaultProxy, FaultProxyOptions, seededRandom, Service, startCognitoLocal, startFaultProxy, startSecretsStub, testCognitoClient,
  useLocalEndpoints,
} from './emulator';

const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:lifecycle-AbCdEf';
const BULK_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:lifecycle-bulk-AbCdEf';
const STACK = 'arn:aws:cloudformation:us-east-1:111111111111:stack/Auth/1';
// Made fresh for each run, so no password is committed; each meets the pool's policy.
const PASSWORD = `Aa1!${randomBytes(12).toString('base64url')}`;

let cognitoLocal: Service;
let secretsStub: Service;
let proxy: FaultProxy;
let cognito: CognitoIdentityProviderClient;
let handler: ReturnType<typeof bundledHandler>;
const faults: { -readonly [K in keyof FaultProxyOptions]: FaultProxyOptions[K] } = { faultRate: 0, random: seededRandom(7) };
const logs: string[] = [];
let seq = 0;

beforeAll(async () => {
  [cognitoLocal, secretsStub] = await Promise.all([
    startCognitoLocal(),
    startSecretsStub(new Map([[SECRET, PASSWORD], [BULK_SECRET, JSON.stringify({ bulk0: PASSWORD })]])),
  ]);
  proxy = await startFaultProxy(cognitoLocal.endpoint, faults);
  useLocalEndpoints(proxy.endpoint, secretsStub.endpoint);
  cognito = testCognitoClient(cognitoLocal.endpoint);
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logs.push(args.join(' ')); });
  handler = bundledHandler();
});

afterEach(() => {
  faults.lostResponseRate = 0;
  faults.inject = undefined;
});

afterAll(async () => {
  jest.restoreAllMocks();
  cognito?.destroy();
  await Promise.all([proxy?.stop(), cognitoLocal?.stop(), secretsStub?.stop()]);
});

interface Pool { readonly id: string; readonly clientId: string }

async function newPool(options: { byEmail?: boolean } = {}): Promise<Pool> {
  const id = (await cognito.send(new CreateUserPoolCommand({
    PoolName: `lifecycle-${++seq}`, UsernameAttributes: options.byEmail ? ['email'] : undefined,
  }))).UserPool!.Id!;
  for (const g of ['staff', 'admins']) await cognito.send(new CreateGroupCommand({ UserPoolId: id, GroupName: g }));
  const clientId = (await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: id, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
  }))).UserPoolClient!.ClientId!;
  return { id, clientId };
}

type Props = { [key: string]: unknown };
function event(RequestType: string, ResourceType: string, props: Props, extra: object = {}, logicalId = 'Resource', requestId?: string) {
  return {
    RequestType, ResourceType, RequestId: requestId ?? `req-${++seq}`, LogicalResourceId: logicalId, StackId: STACK,
    ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:provider', ...props }, ...extra,
  };
}
const create = (type: string, props: Props, logicalId?: string, requestId?: string) => handler(event('Create', type, props, {}, logicalId, requestId));
const update = (type: string, id: string, oldProps: Props, props: Props) => handler(event('Update', type, props, {
  PhysicalResourceId: id, OldResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:provider', ...oldProps },
}));
const remove = (type: string, id: string, props: Props) => handler(event('Delete', type, props, { PhysicalResourceId: id }));

/** Every user of the pool: username → { sub, groups, owner, enabled }. */
async function snapshot(pool: Pool) {
  const out: { [username: string]: { sub: string; email?: string; owner?: string; enabled?: boolean; groups: string[] } } = {};
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: pool.id, PaginationToken: token }));
    for (const u of page.Users ?? []) {
      const attr = (n: string) => u.Attributes?.find((a) => a.Name === n)?.Value;
      const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: u.Username! }));
      out[u.Username!] = {
        sub: attr('sub')!, email: attr('email'), owner: attr('custom:cdk_owner'), enabled: u.Enabled,
        groups: (groups.Groups ?? []).map((g) => g.GroupName!).sort(),
      };
    }
    token = page.PaginationToken;
  } while (token);
  return out;
}

async function signIn(pool: Pool, username: string, password: string): Promise<string> {
  try {
    const res = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    return res.AuthenticationResult?.AccessToken ? 'signed in' : `challenge ${res.ChallengeName}`;
  } catch (error) {
    return (error as Error).name;
  }
}

/** Fails the calls of `operation` whose input matches `when` with a non-retryable error. */
function failWhen(operation: string, when: (input: any) => boolean, error = 'InvalidParameterException') {
  faults.inject = (op, input) => (op === operation && when(input) ? error : undefined);
}

const USER = 'Custom::CognitoUser';
const USERS = 'Custom::CognitoUsers';
const MEMBERSHIP = 'Custom::CognitoGroupMembership';
const OWNER = `${STACK}#Resource`;

describe('Custom::CognitoUser', () => {
  const declared = (pool: Pool, extra: Props = {}): Props => ({
    UserPoolId: pool.id, Username: 'alice', Attributes: { email: 'alice@example.com', email_verified: 'true' },
    Password: { SecretArn: SECRET, Permanent: 'true' }, Groups: ['staff'], RecordOwner: 'true', ...extra,
  });

  test('a Create whose write responses are lost, then retried as a whole, makes one user, signed in with its password', async () => {
    const pool = await newPool();
    faults.lostResponseRate = 0.5;
    const lostBefore = proxy.faults.lost;
    const first = await create(USER, declared(pool), 'Resource', 'same-request');
    expect(proxy.faults.lost).toBeGreaterThan(lostBefore);
    const before = await snapshot(pool);
    // The provider framework re-invokes the same request after an invoke error.
    const again = await create(USER, declared(pool), 'Resource', 'same-request');
    faults.lostResponseRate = 0;
    expect(first).toEqual({ PhysicalResourceId: `${pool.id}/alice` });
    expect(again).toEqual(first);
    expect(await snapshot(pool)).toEqual({ alice: { sub: before.alice.sub, email: 'alice@example.com', owner: OWNER, enabled: true, groups: ['staff'] } });
    expect(await signIn(pool, 'alice', PASSWORD)).toBe('signed in');
  });

  test('a Create killed after AdminCreateUser leaves the user with its owner record; the next attempt finishes it, same sub', async () => {
    const pool = await newPool();
    // The first attempt dies after the user was made: its group call and its own cleanup fail.
    faults.inject = (op) => (op === 'AdminAddUserToGroup' || op === 'AdminDeleteUser' ? 'InvalidParameterException' : undefined);
    await expect(create(USER, declared(pool))).rejects.toThrow('Injected InvalidParameterException');
    const orphan = await snapshot(pool);
    expect(orphan.alice).toEqual({ sub: orphan.alice.sub, email: 'alice@example.com', owner: OWNER, enabled: true, groups: [] });
    faults.inject = undefined;
    // CloudFormation's next deployment sends a new Create for the same resource.
    await expect(create(USER, declared(pool))).resolves.toEqual({ PhysicalResourceId: `${pool.id}/alice` });
    expect(await snapshot(pool)).toEqual({ alice: { ...orphan.alice, groups: ['staff'] } });
    expect(await signIn(pool, 'alice', PASSWORD)).toBe('signed in');
  });

  test('a failed Create (no Delete follows) deletes the user it made', async () => {
    const pool = await newPool();
    await expect(create(USER, declared(pool, { Groups: ['no-such-group'] }))).rejects.toThrow(/Group not found|does not exist/);
    expect(await snapshot(pool)).toEqual({});
  });

  test('a user that existed before is refused and left untouched; with AdoptExisting it is taken over', async () => {
    const pool = await newPool();
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'alice', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'own@example.com' }] }));
    const before = await snapshot(pool);
    await expect(create(USER, declared(pool))).rejects.toThrow(
      `User alice already exists in pool ${pool.id} and existed before and was not created by this resource. Set AdoptExisting (adoptExisting in the construct) to take it over`);
    expect(await snapshot(pool)).toEqual(before);
    expect(await signIn(pool, 'alice', PASSWORD)).not.toBe('signed in');

    await expect(create(USER, declared(pool, { AdoptExisting: 'true' }))).resolves.toEqual({ PhysicalResourceId: `${pool.id}/alice` });
    expect(await snapshot(pool)).toEqual({ alice: { sub: before.alice.sub, email: 'alice@example.com', owner: `${OWNER}#adopted`, enabled: true, groups: ['staff'] } });
    expect(await signIn(pool, 'alice', PASSWORD)).toBe('signed in');
  });

  test('an update failing midway, then CloudFormation\'s rollback: the previous state, same sub', async () => {
    const pool = await newPool();
    const v1 = declared(pool);
    const id = (await create(USER, v1)).PhysicalResourceId!;
    const before = await snapshot(pool);
    const v2 = declared(pool, { Attributes: { email: 'alice2@example.com', email_verified: 'true' }, Enabled: 'false', Groups: ['admins'] });
    failWhen('AdminAddUserToGroup', (input) => input.GroupName === 'admins');
    await expect(update(USER, id, v1, v2)).rejects.toThrow('Injected InvalidParameterException');
    faults.inject = undefined;
    // The rollback: old and new swapped, under the id the failed update had.
    await expect(update(USER, id, v2, v1)).resolves.toEqual({ PhysicalResourceId: id });
    expect(await snapshot(pool)).toEqual(before);
    expect(await signIn(pool, 'alice', PASSWORD)).toBe('signed in');
  });

  test('a no-op update makes no call', async () => {
    const pool = await newPool();
    const v1 = declared(pool);
    const id = (await create(USER, v1)).PhysicalResourceId!;
    const forwarded = proxy.faults.forwarded;
    await expect(update(USER, id, v1, { ...v1 })).resolves.toEqual({ PhysicalResourceId: id });
    expect(proxy.faults.forwarded).toBe(forwarded);
  });

  test('email as username: the id keeps Cognito\'s username, so update and delete find the user after its email changed', async () => {
    const pool = await newPool({ byEmail: true });
    const v1 = declared(pool, { Username: 'owner@example.com', Attributes: { email: 'owner@example.com', email_verified: 'true' } });
    const id = (await create(USER, v1)).PhysicalResourceId!;
    const created = await snapshot(pool);
    const [cognitoName] = Object.keys(created);
    expect(id).toBe(`${pool.id}/${cognitoName}`);
    expect(cognitoName).not.toBe('owner@example.com');
    const v2 = { ...v1, Attributes: { email: 'renamed@example.com', email_verified: 'true' } };
    await update(USER, id, v1, v2);
    const v3 = { ...v2, Enabled: 'false' };
    await update(USER, id, v2, v3);
    await update(USER, id, v3, v2); // a rollback of the last change
    expect(await snapshot(pool)).toEqual({ [cognitoName]: { ...created[cognitoName], email: 'renamed@example.com' } });
    expect(await signIn(pool, 'renamed@example.com', PASSWORD)).toBe('signed in');
    await remove(USER, id, v2);
    expect(await snapshot(pool)).toEqual({});
  });

  test('delete leaves a user another resource owns, and succeeds when the user or the pool is gone', async () => {
    const pool = await newPool();
    const v1 = declared(pool);
    const id = (await create(USER, v1, 'Other')).PhysicalResourceId!;
    await remove(USER, id, v1); // this resource (logical id Resource) did not make it
    expect(Object.keys(await snapshot(pool))).toEqual(['alice']);
    await handler(event('Delete', USER, v1, { PhysicalResourceId: id }, 'Other'));
    expect(await snapshot(pool)).toEqual({});
    await expect(handler(event('Delete', USER, v1, { PhysicalResourceId: id }, 'Other'))).resolves.toEqual({ PhysicalResourceId: id });
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.id }));
    await expect(remove(USER, id, v1)).resolves.toEqual({ PhysicalResourceId: id });
  });

  test('an upgrade from a version without owner records: the first update records ownership, delete then removes the user', async () => {
    const pool = await newPool();
    const legacy = declared(pool, { RecordOwner: undefined });
    const id = (await create(USER, legacy)).PhysicalResourceId!;
    expect((await snapshot(pool)).alice.owner).toBeUndefined();
    await update(USER, id, legacy, declared(pool));
    expect((await snapshot(pool)).alice.owner).toBe(OWNER);
    await remove(USER, id, declared(pool));
    expect(await snapshot(pool)).toEqual({});
  });
});

describe('Custom::CognitoUsers', () => {
  const bulk = (from: number, to: number, extra: Props = {}) => Array.from({ length: to - from }, (_, i) => ({
    Username: `bulk${from + i}`, Attributes: { email: `bulk${from + i}@example.com` }, MessageAction: 'SUPPRESS', Groups: ['staff'], ...extra,
  }));
  const props = (pool: Pool, users: object[], extra: Props = {}): Props => ({
    UserPoolId: pool.id, Users: users, Concurrency: '8', PasswordsSecretArn: BULK_SECRET, RecordOwner: 'true', ...extra,
  });
  const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `bulk${from + i}`).sort();

  test('a Create with 20% of write responses lost, retried as a whole: every user once, same subs', async () => {
    const pool = await newPool();
    faults.lostResponseRate = 0.2;
    const p = props(pool, bulk(0, 40));
    await expect(create(USERS, p, 'Resource', 'bulk-request')).resolves.toEqual({ PhysicalResourceId: `${pool.id}/users` });
    const first = await snapshot(pool);
    await expect(create(USERS, p, 'Resource', 'bulk-request')).resolves.toEqual({ PhysicalResourceId: `${pool.id}/users` });
    faults.lostResponseRate = 0;
    expect(Object.keys(first).sort()).toEqual(names(0, 40));
    expect(Object.values(first).every((u) => u.owner === OWNER && u.groups.join() === 'staff')).toBe(true);
    expect(await snapshot(pool)).toEqual(first);
  });

  test('one bad user in an update: nobody is removed, and the rollback restores the exact previous users (same subs)', async () => {
    const pool = await newPool();
    const v1 = props(pool, bulk(0, 30));
    await create(USERS, v1);
    const before = await snapshot(pool);
    // Remove 0-9, add 30-39, disable 10-14; bulk35 is refused by Cognito.
    const v2 = props(pool, [...bulk(10, 15, { Enabled: 'false' }), ...bulk(15, 40)]);
    failWhen('AdminCreateUser', (input) => input.Username === 'bulk35');
    await expect(update(USERS, `${pool.id}/users`, v1, v2)).rejects.toThrow(
      '1 of 15 user(s) failed: bulk35 (InvalidParameterException: Injected InvalidParameterException) (no user was removed)');
    faults.inject = undefined;
    const partly = await snapshot(pool);
    expect(Object.keys(partly).sort()).toEqual([...names(0, 35), ...names(36, 40)].sort());
    for (const n of names(0, 30)) expect(partly[n].sub).toBe(before[n].sub);
    // CloudFormation's rollback: old and new swapped.
    await expect(update(USERS, `${pool.id}/users`, v2, v1)).resolves.toEqual({ PhysicalResourceId: `${pool.id}/users` });
    expect(await snapshot(pool)).toEqual(before);
  });

  test('an update killed midway (no cleanup at all), then the rollback: the previous users, same subs', async () => {
    const pool = await newPool();
    const v1 = props(pool, bulk(0, 20));
    await create(USERS, v1);
    const before = await snapshot(pool);
    const v2 = props(pool, [...bulk(5, 20, { Groups: ['admins'] }), ...bulk(20, 30)]);
    // Every call after the 12th write fails, as if the Lambda had died there.
    let writes = 0;
    faults.inject = (op) => (/^Admin(Create|Add|Remove|Update|Delete|Disable|Enable)/.test(op) && ++writes > 12 ? 'InvalidParameterException' : undefined);
    await expect(update(USERS, `${pool.id}/users`, v1, v2)).rejects.toThrow('Injected InvalidParameterException');
    faults.inject = undefined;
    await expect(update(USERS, `${pool.id}/users`, v2, v1)).resolves.toEqual({ PhysicalResourceId: `${pool.id}/users` });
    expect(await snapshot(pool)).toEqual(before);
  });

  test('a failed Create removes the users it created and leaves the one that existed before', async () => {
    const pool = await newPool();
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'bulk3', MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.id, Username: 'bulk3', GroupName: 'admins' }));
    const before = await snapshot(pool);
    await expect(create(USERS, props(pool, bulk(0, 10)))).rejects.toThrow(/1 of 10 user\(s\) failed: bulk3 \(NotOwnedError: User bulk3 already exists/);
    expect(await snapshot(pool)).toEqual(before);
  });

  test('a retained user declared again is taken back with its sub; with RetainRemoved nothing is deleted', async () => {
    const pool = await newPool();
    const v1 = props(pool, bulk(0, 3), { RetainRemoved: 'true' });
    await create(USERS, v1);
    const before = await snapshot(pool);
    const v2 = props(pool, bulk(0, 2), { RetainRemoved: 'true' });
    await update(USERS, `${pool.id}/users`, v1, v2);
    expect(await snapshot(pool)).toEqual(before);
    await update(USERS, `${pool.id}/users`, v2, v1);
    expect(await snapshot(pool)).toEqual(before);
  });

  test('a no-op update makes no call, and delete removes exactly the owned users', async () => {
    const pool = await newPool();
    const v1 = props(pool, bulk(0, 5, { PasswordFromSecret: undefined }));
    await create(USERS, v1);
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'outsider', MessageAction: 'SUPPRESS' }));
    const forwarded = proxy.faults.forwarded;
    await update(USERS, `${pool.id}/users`, v1, JSON.parse(JSON.stringify(v1)));
    expect(proxy.faults.forwarded).toBe(forwarded);
    await remove(USERS, `${pool.id}/users`, v1);
    expect(Object.keys(await snapshot(pool))).toEqual(['outsider']);
    // a Delete sent again after the pool itself is gone succeeds
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.id }));
    await expect(remove(USERS, `${pool.id}/users`, v1)).resolves.toEqual({ PhysicalResourceId: `${pool.id}/users` });
  });

  test('every phase converges with 20% of write answers lost and 10% of calls throttled or failing', async () => {
    const pool = await newPool();
    faults.lostResponseRate = 0.2;
    faults.faultRate = 0.1;
    const v1 = props(pool, bulk(0, 30));
    const v2 = props(pool, [...bulk(5, 30, { Groups: ['admins'] }), ...bulk(30, 40)]);
    try {
      await create(USERS, v1);
      const created = await snapshot(pool);
      await update(USERS, `${pool.id}/users`, v1, v2);
      const updated = await snapshot(pool);
      expect(Object.keys(updated).sort()).toEqual(names(5, 40));
      for (const n of names(5, 30)) expect([updated[n].groups, updated[n].owner]).toEqual([['admins'], OWNER]);
      for (const n of names(30, 40)) expect([updated[n].groups, updated[n].owner]).toEqual([['staff'], OWNER]);
      for (const n of names(5, 30)) expect(updated[n].sub).toBe(created[n].sub);
      await update(USERS, `${pool.id}/users`, v2, v1);
      const rolledBack = await snapshot(pool);
      expect(Object.keys(rolledBack).sort()).toEqual(names(0, 30));
      for (const n of names(5, 30)) expect(rolledBack[n]).toEqual(created[n]);
      await remove(USERS, `${pool.id}/users`, v1);
      expect(await snapshot(pool)).toEqual({});
    } finally {
      faults.faultRate = 0;
    }
  });

  test('the password from the secret works after a lost-response create', async () => {
    const pool = await newPool();
    faults.lostResponseRate = 0.3;
    await create(USERS, props(pool, [{ Username: 'bulk0', PasswordFromSecret: 'true', MessageAction: 'SUPPRESS' }]));
    faults.lostResponseRate = 0;
    expect(await signIn(pool, 'bulk0', PASSWORD)).toBe('signed in');
  });
});

describe('Custom::CognitoGroupMembership', () => {
  test('a failed Create removes the memberships it added and keeps the ones that were there', async () => {
    const pool = await newPool();
    for (const u of ['a', 'b', 'c']) await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: u, MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.id, Username: 'c', GroupName: 'admins' }));
    const members = async () => ((await cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool.id, GroupName: 'admins' }))).Users ?? [])
      .map((u) => u.Username!).sort();
    await expect(create(MEMBERSHIP, { UserPoolId: pool.id, GroupName: 'admins', Usernames: ['a', 'missing', 'c'] }))
      .rejects.toThrow('1 of 2 user(s) could not be added to group admins: missing (UserNotFoundException');
    expect(await members()).toEqual(['c']);
    faults.lostResponseRate = 0.5;
    const id = (await create(MEMBERSHIP, { UserPoolId: pool.id, GroupName: 'admins', Usernames: ['a', 'b', 'c'] })).PhysicalResourceId!;
    faults.lostResponseRate = 0;
    expect(await members()).toEqual(['a', 'b', 'c']);
    // A failed update adds first and removes nothing; the rollback restores the members.
    const v1 = { UserPoolId: pool.id, GroupName: 'admins', Usernames: ['a', 'b', 'c'] };
    const v2 = { ...v1, Usernames: ['b', 'missing'] };
    await expect(update(MEMBERSHIP, id, v1, v2)).rejects.toThrow('User not found.');
    expect(await members()).toEqual(['a', 'b', 'c']);
    await update(MEMBERSHIP, id, v2, v1);
    expect(await members()).toEqual(['a', 'b', 'c']);
  });
});

describe('properties an older version or a rejected update wrote', () => {
  const MALFORMED = { UserPoolId: 42, Users: 'not a list', Username: ['x'], Groups: 'admins', Enabled: 'maybe' };

  test('an unknown new property fails before any call, naming it', async () => {
    const pool = await newPool();
    const forwarded = proxy.faults.forwarded;
    await expect(create(USER, { UserPoolId: pool.id, Username: 'neo', RecordOwner: 'true', Nickname: 'x' })).rejects.toThrow(
      'Unknown property Nickname; allowed: UserPoolId, Username, Attributes, Password, MessageAction, DesiredDeliveryMediums, Enabled, Mfa, Groups, LinkedIdentities, RecordOwner, AdoptExisting');
    await expect(create(USERS, { UserPoolId: pool.id, RecordOwner: 'true', Users: [{ Username: 'neo', Nickname: 'x' }] })).rejects.toThrow(
      'Unknown property Users[0].Nickname; allowed in Users[0]: Username, Attributes, Enabled, Groups, PasswordFromSecret, MessageAction, DesiredDeliveryMediums');
    expect(proxy.faults.forwarded).toBe(forwarded);
  });

  test('a user update whose old properties are unusable converges from the live user', async () => {
    const pool = await newPool();
    const v1 = { UserPoolId: pool.id, Username: 'alice', Groups: ['staff'], MessageAction: 'SUPPRESS', RecordOwner: 'true' };
    const id = (await create(USER, v1)).PhysicalResourceId!;
    const before = await snapshot(pool);
    await expect(update(USER, id, MALFORMED, { ...v1, Groups: ['staff', 'admins'], Enabled: 'false' })).resolves.toEqual({ PhysicalResourceId: id });
    expect(await snapshot(pool)).toEqual({ alice: { ...before.alice, enabled: false, groups: ['admins', 'staff'] } });
    await expect(remove(USER, id, MALFORMED)).resolves.toEqual({ PhysicalResourceId: id });
    expect(await snapshot(pool)).toEqual({});
  });

  test('bulk: an unusable old list converges every user and removes none; an unusable Delete removes the owned users only', async () => {
    const pool = await newPool();
    const users = (n: number) => Array.from({ length: n }, (_, i) => ({ Username: `u${i}`, MessageAction: 'SUPPRESS' }));
    const v1 = { UserPoolId: pool.id, Users: users(4), RecordOwner: 'true' };
    await create(USERS, v1);
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'outsider', MessageAction: 'SUPPRESS' }));
    await update(USERS, `${pool.id}/users`, MALFORMED, { ...v1, Users: users(2) });
    expect(Object.keys(await snapshot(pool)).sort()).toEqual(['outsider', 'u0', 'u1', 'u2', 'u3']);
    await remove(USERS, `${pool.id}/users`, MALFORMED);
    expect(Object.keys(await snapshot(pool))).toEqual(['outsider']);
    // and again once the pool itself is gone: nothing to find, a success
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.id }));
    await expect(remove(USERS, `${pool.id}/users`, MALFORMED)).resolves.toEqual({ PhysicalResourceId: `${pool.id}/users` });
  });

  test('membership: an unusable old list adds the missing members and removes none; an unusable Delete keeps them', async () => {
    const pool = await newPool();
    for (const u of ['a', 'b']) await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: u, MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.id, Username: 'a', GroupName: 'admins' }));
    const props = { UserPoolId: pool.id, GroupName: 'admins', Usernames: ['b'] };
    await update(MEMBERSHIP, `${pool.id}/admins/members`, MALFORMED, props);
    const members = async () => ((await cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool.id, GroupName: 'admins' }))).Users ?? []).map((u) => u.Username).sort();
    expect(await members()).toEqual(['a', 'b']);
    await remove(MEMBERSHIP, `${pool.id}/admins/members`, MALFORMED);
    expect(await members()).toEqual(['a', 'b']);
  });
});

test('the users of this file signed in only with the passwords they were given', async () => {
  // A guard against a test passing with no user at all.
  const pool = await newPool();
  await create(USER, { UserPoolId: pool.id, Username: 'zed', Password: { SecretArn: SECRET, Permanent: 'true' }, RecordOwner: 'true' });
  expect(await signIn(pool, 'zed', 'wrong-Passw0rd!')).toBe('InvalidPasswordException');
  expect(await signIn(pool, 'zed', PASSWORD)).toBe('signed in');
  expect((await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'zed' }))).UserStatus).toBe('CONFIRMED');
});
