// Lifecycle matrix of Custom::CognitoUserPoolSessionConfiguration and
// Custom::CognitoClientSessionConfiguration (issue 10, "How it is proven"). cognito-local has no
// session configuration, so the events go through the router (real parse and routing) to a
// stateful fake of Cognito.
import {
  CognitoIdentityProviderClient, SetUserPoolClientSessionConfigurationCommand, SetUserPoolSessionConfigurationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { MODULES } from '../../custom-resources/modules';
import { dispatch } from '../../custom-resources/router';
import { clientSessionModule, poolSessionModule } from '../../custom-resources/session-configuration';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';
import { awsError, installFake } from './lifecycle-fake';

const POOL_TYPE = 'Custom::CognitoUserPoolSessionConfiguration';
const CLIENT_TYPE = 'Custom::CognitoClientSessionConfiguration';
const mock = mockClient(CognitoIdentityProviderClient);

/** The fake's state: Cognito's defaults until a Set call. */
interface PoolState { tracking: string; maxPerUser: number; clients: Map<string, number> }
const pools = new Map<string, PoolState>();
function pool(id: string): PoolState {
  const p = pools.get(id);
  if (!p) throw awsError('ResourceNotFoundException', `User pool ${id} does not exist.`);
  return p;
}
function addPool(id: string, ...clients: string[]): void {
  pools.set(id, { tracking: 'DISABLED', maxPerUser: 20, clients: new Map(clients.map((c) => [c, 60])) });
}
const fake = installFake(mock, [
  [SetUserPoolSessionConfigurationCommand, (input) => {
    Object.assign(pool(input.UserPoolId), { tracking: input.UserSessionTracking, maxPerUser: input.TokenSession.MaxPerUser });
    return {};
  }],
  [SetUserPoolClientSessionConfigurationCommand, (input) => {
    const clients = pool(input.UserPoolId).clients;
    if (!clients.has(input.ClientId)) throw awsError('ResourceNotFoundException', `Client ${input.ClientId} does not exist.`);
    clients.set(input.ClientId, input.SSOSession.MaxValidityMinutes);
    return {};
  }],
]);
const state = (id: string) => ({ tracking: pools.get(id)?.tracking, max: pools.get(id)?.maxPerUser });
const sso = (id: string, client: string) => pools.get(id)?.clients.get(client);

const run = (event: any) => dispatch(event, testContext(), MODULES);
const KILLED = 'SimulatedLambdaTimeout';
/** The write lands, its answer is lost, and the invocation dies on the retry. */
const killAfterWrite = (operation: string) => {
  fake.faults.lose = (op, _i, nth) => op === operation && nth === 1;
  fake.faults.inject = (op, _i, nth) => (op === operation && nth === 2 ? KILLED : undefined);
};

beforeEach(() => {
  pools.clear();
  fake.reset();
  addPool('us-east-1_a', 'web', 'mobile');
  addPool('us-east-1_b', 'web2');
});

describe(POOL_TYPE, () => {
  const OP = 'SetUserPoolSessionConfiguration';
  const ID = 'us-east-1_a/session-configuration';
  const props = (tracking: string, max: string, poolId = 'us-east-1_a') => ({ UserPoolId: poolId, SessionTracking: tracking, MaxSessionsPerUser: max });

  test('create; the retried Create (write landed) converges with the same id', async () => {
    await expect(run(createEvent(POOL_TYPE, props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    await expect(run(createEvent(POOL_TYPE, props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.inputs(OP)).toEqual([
      { UserPoolId: 'us-east-1_a', UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } },
      { UserPoolId: 'us-east-1_a', UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } },
    ]);
    expect(state('us-east-1_a')).toEqual({ tracking: 'ENABLED', max: 5 });
  });

  test('a lost response converges', async () => {
    fake.faults.lose = (op, _i, nth) => op === OP && nth === 1;
    await expect(run(createEvent(POOL_TYPE, props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.lost).toEqual([OP]);
    expect(fake.operations()).toEqual([OP, OP]);
    expect(state('us-east-1_a')).toEqual({ tracking: 'ENABLED', max: 5 });
  });

  test('the Lambda killed after the write landed, then the next Create', async () => {
    killAfterWrite(OP);
    await expect(run(createEvent(POOL_TYPE, props('true', '5')))).rejects.toThrow(`Injected ${KILLED}`);
    fake.reset();
    await expect(run(createEvent(POOL_TYPE, props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.operations()).toEqual([OP]);
    expect(state('us-east-1_a')).toEqual({ tracking: 'ENABLED', max: 5 });
  });

  test('the failed-Create path (no Delete comes): the only write is the declared setting; the next attempt adopts it', async () => {
    killAfterWrite(OP);
    await expect(run(createEvent(POOL_TYPE, props('true', '5')))).rejects.toThrow(`Injected ${KILLED}`);
    // What landed is exactly the declared configuration, nothing else
    expect(fake.inputs(OP)).toEqual([
      { UserPoolId: 'us-east-1_a', UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } },
      { UserPoolId: 'us-east-1_a', UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } },
    ]);
    expect(state('us-east-1_a')).toEqual({ tracking: 'ENABLED', max: 5 });
    // and a Create that failed before its write landed changed nothing
    fake.reset();
    fake.faults.inject = (op) => (op === OP ? 'InvalidParameterException' : undefined);
    await expect(run(createEvent(POOL_TYPE, props('false', '9', 'us-east-1_b')))).rejects.toThrow('Injected InvalidParameterException');
    expect(state('us-east-1_b')).toEqual({ tracking: 'DISABLED', max: 20 });
  });

  test('each kind of update sends the whole configuration once; a no-op sends nothing', async () => {
    await run(createEvent(POOL_TYPE, props('true', '5')));
    fake.reset();
    await expect(run(updateEvent(POOL_TYPE, ID, props('true', '5'), props('false', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    await expect(run(updateEvent(POOL_TYPE, ID, props('false', '5'), props('false', '50')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.inputs(OP)).toEqual([
      { UserPoolId: 'us-east-1_a', UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 5 } },
      { UserPoolId: 'us-east-1_a', UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 50 } },
    ]);
    fake.reset();
    await expect(run(updateEvent(POOL_TYPE, ID, props('false', '50'), props('false', '50')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.calls).toEqual([]);
    expect(state('us-east-1_a')).toEqual({ tracking: 'DISABLED', max: 50 });
  });

  test('a failure on the 1st call of an update, then the rollback under the old id', async () => {
    await run(createEvent(POOL_TYPE, props('true', '5')));
    fake.reset();
    fake.faults.inject = (op) => (op === OP ? 'InvalidParameterException' : undefined);
    await expect(run(updateEvent(POOL_TYPE, ID, props('true', '5'), props('true', '10')))).rejects.toThrow('Injected InvalidParameterException');
    fake.reset();
    await expect(run(updateEvent(POOL_TYPE, ID, props('true', '10'), props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(state('us-east-1_a')).toEqual({ tracking: 'ENABLED', max: 5 });
  });

  test('the Lambda killed midway through an update, then the same update again', async () => {
    await run(createEvent(POOL_TYPE, props('true', '5')));
    killAfterWrite(OP);
    await expect(run(updateEvent(POOL_TYPE, ID, props('true', '5'), props('true', '10')))).rejects.toThrow(`Injected ${KILLED}`);
    fake.reset();
    await expect(run(updateEvent(POOL_TYPE, ID, props('true', '5'), props('true', '10')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(state('us-east-1_a')).toEqual({ tracking: 'ENABLED', max: 10 });
  });

  test('pool replacement: the new pool is set under a new id; the old id\'s Delete resets the old pool, or nothing when it is gone', async () => {
    await run(createEvent(POOL_TYPE, props('true', '5')));
    fake.reset();
    await expect(run(updateEvent(POOL_TYPE, ID, props('true', '5'), props('true', '5', 'us-east-1_b'))))
      .resolves.toEqual({ PhysicalResourceId: 'us-east-1_b/session-configuration' });
    expect(state('us-east-1_b')).toEqual({ tracking: 'ENABLED', max: 5 });
    // CloudFormation's cleanup deletes the old id, with the old properties: the old (retained) pool is reset
    await expect(run(deleteEvent(POOL_TYPE, ID, props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(state('us-east-1_a')).toEqual({ tracking: 'DISABLED', max: 20 });
    expect(state('us-east-1_b')).toEqual({ tracking: 'ENABLED', max: 5 });
  });

  test('an update from properties an older version wrote (numbers, a missing key), and from unusable ones', async () => {
    await run(createEvent(POOL_TYPE, props('true', '5')));
    fake.reset();
    const older = { UserPoolId: 'us-east-1_a', MaxSessionsPerUser: 5 };
    await expect(run(updateEvent(POOL_TYPE, ID, older, props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.inputs(OP)).toEqual([{ UserPoolId: 'us-east-1_a', UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } }]);
    fake.reset();
    await expect(poolSessionModule.onUpdate(poolSessionModule.parse(props('true', '7')), undefined as any, ID, testContext()))
      .resolves.toEqual({ physicalId: ID });
    expect(fake.inputs(OP)).toEqual([{ UserPoolId: 'us-east-1_a', UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 7 } }]);
  });

  test("delete puts back Cognito's defaults; with the pool already gone it succeeds and changes nothing", async () => {
    await run(createEvent(POOL_TYPE, props('true', '5')));
    await expect(run(deleteEvent(POOL_TYPE, ID, props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(state('us-east-1_a')).toEqual({ tracking: 'DISABLED', max: 20 });
    pools.delete('us-east-1_a');
    fake.reset();
    await expect(run(deleteEvent(POOL_TYPE, ID, props('true', '5')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.operations()).toEqual([OP]);
    expect(pools.has('us-east-1_a')).toBe(false);
  });
});

describe(CLIENT_TYPE, () => {
  const OP = 'SetUserPoolClientSessionConfiguration';
  const ID = 'us-east-1_a/web/session-configuration';
  const props = (minutes: string, client = 'web', poolId = 'us-east-1_a') => ({ UserPoolId: poolId, ClientId: client, SsoSessionMinutes: minutes });

  test('create; retried; lost response; all converge with the same id', async () => {
    await expect(run(createEvent(CLIENT_TYPE, props('30')))).resolves.toEqual({ PhysicalResourceId: ID });
    fake.faults.lose = (op, _i, nth) => op === OP && nth === 2;
    await expect(run(createEvent(CLIENT_TYPE, props('30')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.lost).toEqual([OP]);
    expect(fake.inputs(OP)).toEqual(Array(3).fill({ UserPoolId: 'us-east-1_a', ClientId: 'web', SSOSession: { MaxValidityMinutes: 30 } }));
    expect(sso('us-east-1_a', 'web')).toBe(30);
    expect(sso('us-east-1_a', 'mobile')).toBe(60);
  });

  test('the Lambda killed midway through a Create and an Update, then the next event; the failed-Create write is the declared one', async () => {
    killAfterWrite(OP);
    await expect(run(createEvent(CLIENT_TYPE, props('30')))).rejects.toThrow(`Injected ${KILLED}`);
    expect(sso('us-east-1_a', 'web')).toBe(30);
    fake.reset();
    await expect(run(createEvent(CLIENT_TYPE, props('30')))).resolves.toEqual({ PhysicalResourceId: ID });
    killAfterWrite(OP);
    await expect(run(updateEvent(CLIENT_TYPE, ID, props('30'), props('0')))).rejects.toThrow(`Injected ${KILLED}`);
    fake.reset();
    await expect(run(updateEvent(CLIENT_TYPE, ID, props('30'), props('0')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(sso('us-east-1_a', 'web')).toBe(0);
  });

  test('update, no-op, failure then rollback', async () => {
    await run(createEvent(CLIENT_TYPE, props('30')));
    fake.reset();
    await expect(run(updateEvent(CLIENT_TYPE, ID, props('30'), props('90')))).resolves.toEqual({ PhysicalResourceId: ID });
    await expect(run(updateEvent(CLIENT_TYPE, ID, props('90'), props('90')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.inputs(OP)).toEqual([{ UserPoolId: 'us-east-1_a', ClientId: 'web', SSOSession: { MaxValidityMinutes: 90 } }]);
    fake.faults.inject = (op) => (op === OP ? 'InvalidParameterException' : undefined);
    await expect(run(updateEvent(CLIENT_TYPE, ID, props('90'), props('120')))).rejects.toThrow('Injected InvalidParameterException');
    fake.reset();
    await expect(run(updateEvent(CLIENT_TYPE, ID, props('120'), props('90')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(sso('us-east-1_a', 'web')).toBe(90);
  });

  test('client and pool replacement: new id; the old id\'s Delete resets the old client, or nothing when it is gone', async () => {
    await run(createEvent(CLIENT_TYPE, props('30')));
    await expect(run(updateEvent(CLIENT_TYPE, ID, props('30'), props('30', 'mobile'))))
      .resolves.toEqual({ PhysicalResourceId: 'us-east-1_a/mobile/session-configuration' });
    await run(deleteEvent(CLIENT_TYPE, ID, props('30')));
    expect([sso('us-east-1_a', 'web'), sso('us-east-1_a', 'mobile')]).toEqual([60, 30]);
    // Another pool and client; the old client is gone by the time its Delete comes.
    await expect(run(updateEvent(CLIENT_TYPE, 'us-east-1_a/mobile/session-configuration', props('30', 'mobile'), props('30', 'web2', 'us-east-1_b'))))
      .resolves.toEqual({ PhysicalResourceId: 'us-east-1_b/web2/session-configuration' });
    pools.get('us-east-1_a')!.clients.delete('mobile');
    await expect(run(deleteEvent(CLIENT_TYPE, 'us-east-1_a/mobile/session-configuration', props('30', 'mobile'))))
      .resolves.toEqual({ PhysicalResourceId: 'us-east-1_a/mobile/session-configuration' });
    expect(sso('us-east-1_b', 'web2')).toBe(30);
    expect([...pools.get('us-east-1_a')!.clients.entries()]).toEqual([['web', 60]]);
  });

  test('an update from older properties (a number) and from unusable ones; delete with the pool gone', async () => {
    await run(createEvent(CLIENT_TYPE, props('30')));
    fake.reset();
    await expect(run(updateEvent(CLIENT_TYPE, ID, { UserPoolId: 'us-east-1_a', ClientId: 'web', SsoSessionMinutes: 30 }, props('30'))))
      .resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.calls).toEqual([]);
    await expect(clientSessionModule.onUpdate(clientSessionModule.parse(props('45')), undefined as any, ID, testContext()))
      .resolves.toEqual({ physicalId: ID });
    expect(sso('us-east-1_a', 'web')).toBe(45);
    pools.delete('us-east-1_a');
    await expect(run(deleteEvent(CLIENT_TYPE, ID, props('45')))).resolves.toEqual({ PhysicalResourceId: ID });
  });
});
