// Fault injection: a loopback proxy in front of cognito-local answers 30% of the handler's
// requests with TooManyRequestsException or HTTP 500. Every operation must still succeed,
// with no duplicate and no missing user; a LimitExceededException must fail fast.
import {
  AdminGetUserCommand, CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  bundledHandler, FaultProxy, seededRandom, Service, startCognitoLocal, startFaultProxy, startSecretsStub, testCognitoClient, useLocalEndpoints,
} from './emulator';

const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:faults-AbCdEf';
let cognitoLocal: Service;
let secretsStub: Service;
let proxy: FaultProxy;
let cognito: CognitoIdentityProviderClient;
let poolId: string;
let handler: ReturnType<typeof bundledHandler>;
const limitExceeded = new Set<string>();
const logs: string[] = [];

beforeAll(async () => {
  [cognitoLocal, secretsStub] = await Promise.all([
    startCognitoLocal(),
    startSecretsStub(new Map([[SECRET, 'Fault-T0lerant-Pass!']])),
  ]);
  proxy = await startFaultProxy(cognitoLocal.endpoint, { faultRate: 0.3, random: seededRandom(42), limitExceeded });
  useLocalEndpoints(proxy.endpoint, secretsStub.endpoint);
  cognito = testCognitoClient(cognitoLocal.endpoint);
  poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'faults' }))).UserPool!.Id!;
  await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }));
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logs.push(args.join(' ')); });
  handler = bundledHandler();
});

afterAll(async () => {
  jest.restoreAllMocks();
  cognito?.destroy();
  await Promise.all([proxy?.stop(), cognitoLocal?.stop(), secretsStub?.stop()]);
});

function event(RequestType: string, ResourceType: string, props: object, extra: object = {}) {
  return {
    RequestType, ResourceType, RequestId: 'r', LogicalResourceId: 'L', StackId: 's', ResponseURL: 'https://presigned',
    ResourceProperties: { ServiceToken: 't', ...props }, ...extra,
  };
}

async function poolUsers(): Promise<string[]> {
  const res = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
  return (res.Users ?? []).map((u) => u.Username!).sort();
}

const users = (n: number, extra: object = {}) => Array.from({ length: n }, (_, i) => ({
  Username: `user${String(i).padStart(2, '0')}`, Attributes: { email: `user${i}@example.com` }, Groups: ['staff'], MessageAction: 'SUPPRESS', ...extra,
}));

describe('with 30% of requests throttled or failing', () => {
  test('bulk create, update and delete converge exactly', async () => {
    const first = { UserPoolId: poolId, Users: users(40), Concurrency: '8' };
    await handler(event('Create', 'Custom::CognitoUsers', first));
    expect(await poolUsers()).toEqual(users(40).map((u) => u.Username));
    const staff = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }));
    expect((staff.Users ?? []).map((u) => u.Username).sort()).toEqual(users(40).map((u) => u.Username));

    const second = { ...first, Users: users(40, { Enabled: 'false' }).slice(10) };
    await handler(event('Update', 'Custom::CognitoUsers', second, { PhysicalResourceId: `${poolId}/users`, OldResourceProperties: first }));
    expect(await poolUsers()).toEqual(users(40).slice(10).map((u) => u.Username));
    const sample = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'user33' }));
    expect(sample.Enabled).toBe(false);

    await handler(event('Delete', 'Custom::CognitoUsers', second, { PhysicalResourceId: `${poolId}/users` }));
    expect(await poolUsers()).toEqual([]);
    // The proxy really did get in the way.
    expect(proxy.faults.throttled).toBeGreaterThan(5);
    expect(proxy.faults.failed).toBeGreaterThan(5);
  });

  test('a user with a password from a secret is made exactly once', async () => {
    const props = { UserPoolId: poolId, Username: 'solo', Password: { SecretArn: SECRET, Permanent: 'true' }, Groups: ['staff'] };
    await handler(event('Create', 'Custom::CognitoUser', props));
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'solo' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(await poolUsers()).toEqual(['solo']);
    await handler(event('Delete', 'Custom::CognitoUser', props, { PhysicalResourceId: `${poolId}/solo` }));
    expect(await poolUsers()).toEqual([]);
  });
});

describe('a hard quota', () => {
  test('LimitExceededException fails fast with a clear message and is not retried', async () => {
    limitExceeded.add('AdminCreateUser');
    const before = proxy.faults.limited;
    const started = Date.now();
    const props = { UserPoolId: poolId, Username: 'over-quota', MessageAction: 'SUPPRESS' };
    await expect(handler(event('Create', 'Custom::CognitoUser', props))).rejects.toThrow(
      'AdminCreateUser failed with LimitExceededException, a hard Cognito quota that is not retried: Exceeded the limit for the number of users.');
    expect(proxy.faults.limited - before).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
    limitExceeded.clear();
  });
});

test('no secret value in the handler logs', () => {
  expect(logs.length).toBeGreaterThan(0);
  expect(logs.join('\n')).not.toContain('Fault-T0lerant-Pass!');
});
