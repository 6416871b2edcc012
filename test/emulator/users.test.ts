// The bundled handler against a real Cognito emulator (cognito-local): CloudFormation-style
// Create, Update, rollback, Delete and delete-of-missing events, checked against the state.
import { randomBytes } from 'crypto';
import {
  AddCustomAttributesCommand, AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  InitiateAuthCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { bundledHandler, Service, startCognitoLocal, startSecretsStub, testCognitoClient, useLocalEndpoints } from './emulator';

const ADMIN_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:admin-AbCdEf';
const SECOND_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:second-AbCdEf';
const BULK_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:bulk-AbCdEf';
// Made fresh for each run, so no password is committed; each meets the pool's policy.
const newPassword = () => `Aa1!${randomBytes(12).toString('base64url')}`;
const PASSWORDS = { admin: newPassword(), second: newPassword(), bulk: newPassword() };

let cognitoLocal: Service;
let secretsStub: Service;
let cognito: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
let handler: ReturnType<typeof bundledHandler>;
const logs: string[] = [];
let seq = 0;

beforeAll(async () => {
  [cognitoLocal, secretsStub] = await Promise.all([
    startCognitoLocal(),
    startSecretsStub(new Map([
      [ADMIN_SECRET, JSON.stringify({ username: 'admin', password: PASSWORDS.admin })],
      [SECOND_SECRET, PASSWORDS.second],
      [BULK_SECRET, JSON.stringify({ bulk1: PASSWORDS.bulk })],
    ])),
  ]);
  useLocalEndpoints(cognitoLocal.endpoint, secretsStub.endpoint);
  cognito = testCognitoClient(cognitoLocal.endpoint);
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'test' }));
  poolId = pool.UserPool!.Id!;
  await cognito.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'team', AttributeDataType: 'String' }] }));
  const client = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }));
  clientId = client.UserPoolClient!.ClientId!;
  for (const g of ['admins', 'ops', 'readers']) await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: g }));
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logs.push(args.join(' ')); });
  handler = bundledHandler();
});

afterAll(async () => {
  jest.restoreAllMocks();
  cognito?.destroy();
  await Promise.all([cognitoLocal?.stop(), secretsStub?.stop()]);
});

function event(requestType: 'Create' | 'Update' | 'Delete', resourceType: string, props: object, extra: object = {}) {
  return {
    RequestType: requestType,
    ResourceType: resourceType,
    RequestId: `req-${++seq}`,
    LogicalResourceId: 'Resource',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1',
    ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:provider', ...props },
    ...extra,
  };
}
const create = (type: string, props: object) => handler(event('Create', type, props));
const update = (type: string, id: string, oldProps: object, props: object) => handler(event('Update', type, props, {
  PhysicalResourceId: id, OldResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:provider', ...oldProps },
}));
const remove = (type: string, id: string, props: object) => handler(event('Delete', type, props, { PhysicalResourceId: id }));

/**
 * USER_PASSWORD_AUTH sign-in. cognito-local 5.3.0 does not refuse disabled users, so the
 * refusal Cognito documents for them (NotAuthorizedException, "User is disabled.") is applied
 * here from the user's real Enabled state in the emulator.
 */
async function signIn(username: string, password: string): Promise<string> {
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    if (user.Enabled === false) return 'NotAuthorizedException';
    const res = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    return res.AuthenticationResult?.AccessToken ? 'signed in' : `challenge ${res.ChallengeName}`;
  } catch (error) {
    return (error as Error).name;
  }
}
async function userState(username: string) {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username }));
  return {
    enabled: user.Enabled,
    status: user.UserStatus,
    // sub and the owner record are checked where they matter (users-lifecycle.test.ts)
    attributes: Object.fromEntries((user.UserAttributes ?? []).filter((a) => a.Name !== 'sub' && a.Name !== 'custom:cdk_owner').map((a) => [a.Name, a.Value])),
    groups: (groups.Groups ?? []).map((g) => g.GroupName).sort(),
  };
}
async function exists(username: string): Promise<boolean> {
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException') return false;
    throw error;
  }
}

describe('Custom::CognitoUser against cognito-local', () => {
  const USER = 'Custom::CognitoUser';
  const v1 = () => ({
    UserPoolId: poolId,
    Username: 'admin',
    Attributes: { 'email': 'admin@example.com', 'email_verified': 'true', 'custom:team': 'blue' },
    Password: { SecretArn: ADMIN_SECRET, JsonKey: 'password', Permanent: 'true' },
    Enabled: 'true',
    Groups: ['admins', 'readers'],
    RecordOwner: 'true',
  });
  const v2 = () => ({
    ...v1(),
    Attributes: { 'email': 'root@example.com', 'email_verified': 'true' },
    Enabled: 'false',
    Groups: ['ops', 'readers'],
  });

  test('create: the user exists as declared and signs in with the password from the secret', async () => {
    await expect(create(USER, v1())).resolves.toEqual({ PhysicalResourceId: `${poolId}/admin` });
    expect(await userState('admin')).toEqual({
      enabled: true, status: 'CONFIRMED', groups: ['admins', 'readers'],
      attributes: { 'email': 'admin@example.com', 'email_verified': 'true', 'custom:team': 'blue' },
    });
    expect(await signIn('admin', PASSWORDS.admin)).toBe('signed in');
  });

  test('update: attributes changed and removed, disabled, groups moved; a disabled user cannot sign in', async () => {
    await expect(update(USER, `${poolId}/admin`, v1(), v2())).resolves.toEqual({ PhysicalResourceId: `${poolId}/admin` });
    expect(await userState('admin')).toEqual({
      enabled: false, status: 'CONFIRMED', groups: ['ops', 'readers'],
      attributes: { email: 'root@example.com', email_verified: 'true' },
    });
    expect(await signIn('admin', PASSWORDS.admin)).toBe('NotAuthorizedException');
  });

  test('rollback (old and new swapped) restores the previous state', async () => {
    await update(USER, `${poolId}/admin`, v2(), v1());
    expect(await userState('admin')).toEqual({
      enabled: true, status: 'CONFIRMED', groups: ['admins', 'readers'],
      attributes: { 'email': 'admin@example.com', 'email_verified': 'true', 'custom:team': 'blue' },
    });
    expect(await signIn('admin', PASSWORDS.admin)).toBe('signed in');
  });

  test('a new password secret sets the new password', async () => {
    const next = { ...v1(), Password: { SecretArn: SECOND_SECRET, Permanent: 'true' } };
    await update(USER, `${poolId}/admin`, v1(), next);
    expect(await signIn('admin', PASSWORDS.second)).toBe('signed in');
    expect(await signIn('admin', PASSWORDS.admin)).not.toBe('signed in');
    await update(USER, `${poolId}/admin`, next, v1());
  });

  test('a changed username replaces the user; CloudFormation then deletes the old one; a rollback re-adopts it', async () => {
    const renamed = { ...v1(), Username: 'root' };
    await expect(update(USER, `${poolId}/admin`, v1(), renamed)).resolves.toEqual({ PhysicalResourceId: `${poolId}/root` });
    expect(await exists('root')).toBe(true);
    expect(await signIn('root', PASSWORDS.admin)).toBe('signed in');
    // Rollback before cleanup: the old user still exists and is brought back to its declaration.
    await expect(update(USER, `${poolId}/root`, renamed, v1())).resolves.toEqual({ PhysicalResourceId: `${poolId}/admin` });
    expect((await userState('admin')).groups).toEqual(['admins', 'readers']);
    // Cleanup of the replaced resource.
    await remove(USER, `${poolId}/root`, renamed);
    expect(await exists('root')).toBe(false);
  });

  test('a user with a temporary password must change it at first sign-in', async () => {
    const props = { UserPoolId: poolId, Username: 'temp', Password: { SecretArn: SECOND_SECRET, Permanent: 'false' }, MessageAction: 'SUPPRESS' };
    await create(USER, props);
    expect((await userState('temp')).status).toBe('FORCE_CHANGE_PASSWORD');
    expect(await signIn('temp', PASSWORDS.second)).toBe('challenge NEW_PASSWORD_REQUIRED');
    await remove(USER, `${poolId}/temp`, props);
  });

  test('delete removes the user; deleting it again (missing) succeeds', async () => {
    await expect(remove(USER, `${poolId}/admin`, v1())).resolves.toEqual({ PhysicalResourceId: `${poolId}/admin` });
    expect(await exists('admin')).toBe(false);
    await expect(remove(USER, `${poolId}/admin`, v1())).resolves.toEqual({ PhysicalResourceId: `${poolId}/admin` });
  });

  test('a create that fails midway leaves no user behind', async () => {
    const props = { UserPoolId: poolId, Username: 'halfway', Groups: ['no-such-group'], MessageAction: 'SUPPRESS' };
    await expect(create(USER, props)).rejects.toThrow();
    expect(await exists('halfway')).toBe(false);
  });
});

describe('Custom::CognitoUser in a pool that signs in with email as username', () => {
  const USER = 'Custom::CognitoUser';
  test('declared by email: created, signs in by email, updated and deleted by email', async () => {
    const emailPool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'by-email', UsernameAttributes: ['email'] }))).UserPool!.Id!;
    const emailClient = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: emailPool, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    }))).UserPoolClient!.ClientId!;
    await cognito.send(new CreateGroupCommand({ UserPoolId: emailPool, GroupName: 'admins' }));
    const v1 = {
      UserPoolId: emailPool, Username: 'owner@example.com', Attributes: { email: 'owner@example.com', email_verified: 'true' },
      Password: { SecretArn: SECOND_SECRET, Permanent: 'true' }, Groups: ['admins'],
    };
    const { PhysicalResourceId: id } = await create(USER, v1);
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: emailPool, Username: 'owner@example.com' }));
    // Cognito named the user itself; the declared email is its alias, and the id keeps Cognito's name.
    expect(user.Username).not.toBe('owner@example.com');
    expect(id).toBe(`${emailPool}/${user.Username}`);
    const members = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: emailPool, GroupName: 'admins' }));
    expect((members.Users ?? []).map((u) => u.Username)).toEqual([user.Username]);
    const auth = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: emailClient, AuthParameters: { USERNAME: 'owner@example.com', PASSWORD: PASSWORDS.second },
    }));
    expect(auth.AuthenticationResult?.AccessToken).toBeDefined();

    await update(USER, id!, v1, { ...v1, Enabled: 'false' });
    expect((await cognito.send(new AdminGetUserCommand({ UserPoolId: emailPool, Username: 'owner@example.com' }))).Enabled).toBe(false);
    await remove(USER, id!, v1);
    const left = await cognito.send(new ListUsersCommand({ UserPoolId: emailPool }));
    expect(left.Users ?? []).toEqual([]);
  });
});

describe('Custom::CognitoUsers against cognito-local', () => {
  const USERS = 'Custom::CognitoUsers';
  const list = (from: number, to: number, extra: object = {}) => Array.from({ length: to - from }, (_, i) => ({
    Username: `bulk${from + i}`, Attributes: { email: `bulk${from + i}@example.com` }, MessageAction: 'SUPPRESS', Groups: ['readers'], ...extra,
  }));
  const props = (users: object[]) => ({ UserPoolId: poolId, Users: users, Concurrency: '8', PasswordsSecretArn: BULK_SECRET });
  async function bulkUsers(): Promise<string[]> {
    const res = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
    return (res.Users ?? []).map((u) => u.Username!).filter((u) => u.startsWith('bulk')).sort();
  }
  const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `bulk${from + i}`).sort();

  test('create, per-user update, rollback and delete of 60 users', async () => {
    const first = props([...list(0, 60), ...[]]);
    await create(USERS, first);
    expect(await bulkUsers()).toEqual(names(0, 60));

    // Remove 10, add 10, disable 5, give bulk1 its password from the secret.
    const changed = list(10, 70).map((u) => (['bulk20', 'bulk21', 'bulk22', 'bulk23', 'bulk24'].includes(u.Username) ? { ...u, Enabled: 'false' } : u));
    const second = props([...changed, { Username: 'bulk1', PasswordFromSecret: 'true' }]);
    await update(USERS, `${poolId}/users`, first, second);
    expect(await bulkUsers()).toEqual([...names(10, 70), 'bulk1'].sort());
    expect((await userState('bulk20')).enabled).toBe(false);
    expect(await signIn('bulk1', PASSWORDS.bulk)).toBe('signed in');
    const readers = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'readers' }));
    expect((readers.Users ?? []).filter((u) => u.Username!.startsWith('bulk')).length).toBe(60);
    expect(logs.some((l) => l.includes('progress: '))).toBe(true);

    // Rollback: the old list again.
    await update(USERS, `${poolId}/users`, second, first);
    expect(await bulkUsers()).toEqual(names(0, 60));
    expect((await userState('bulk20')).enabled).toBe(true);

    await remove(USERS, `${poolId}/users`, first);
    expect(await bulkUsers()).toEqual([]);
    await expect(remove(USERS, `${poolId}/users`, first)).resolves.toBeDefined();
  });
});

describe('Custom::CognitoGroupMembership against cognito-local', () => {
  const TYPE = 'Custom::CognitoGroupMembership';
  test('members of a group for users made outside the stack, diffed', async () => {
    for (const u of ['m1', 'm2', 'm3']) {
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: u, MessageAction: 'SUPPRESS' }));
    }
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'ops', Username: 'm3' }));
    const members = async () => ((await cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'ops' }))).Users ?? [])
      .map((u) => u.Username).filter((u) => u!.startsWith('m')).sort();
    const a = { UserPoolId: poolId, GroupName: 'ops', Usernames: ['m1', 'm2'] };
    const b = { UserPoolId: poolId, GroupName: 'ops', Usernames: ['m2', 'm3'] };
    await create(TYPE, a);
    expect(await members()).toEqual(['m1', 'm2', 'm3']);
    await update(TYPE, `${poolId}/ops/members`, a, b);
    expect(await members()).toEqual(['m2', 'm3']);
    await remove(TYPE, `${poolId}/ops/members`, b);
    expect(await members()).toEqual([]);
  });
});

describe('secrets stay out of the logs', () => {
  test('no password appears in any line the handler logged, and the ResponseURL is never logged', () => {
    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(20);
    for (const p of Object.values(PASSWORDS)) expect(text).not.toContain(p);
    expect(text).not.toContain('presigned');
  });
});

