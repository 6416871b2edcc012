/**
 * Custom::CognitoClientSecretRotation through the router, against a stateful fake of the
 * client's secrets and of the Secrets Manager secret (cognito-local lacks the client-secret
 * operations). Every test asserts the final set of live secrets and what is exported.
 */
import { createHash } from 'crypto';
import {
  AddUserPoolClientSecretCommand, CognitoIdentityProviderClient, DeleteUserPoolClientSecretCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { clientSecretRotationModule } from '../../custom-resources/client-secret-rotation';
import { dispatch } from '../../custom-resources/router';
import type { OnEventRequest } from '../../custom-resources/shared/types';
import { awsError, ClientSecretsFake } from './client-secrets-fake';
import { createEvent, deleteEvent, testContext, TestContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const sm = mockClient(SecretsManagerClient);
const TYPE = 'Custom::CognitoClientSecretRotation';
const POOL = 'us-east-1_pool';
const CLIENT = 'abc';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:client-abc-AbCdEf';
const STACK = 'arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1';
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 10);
const props = (generation: number) => ({
  UserPoolId: POOL, ClientId: CLIENT, SecretArn: SECRET_ARN, Generation: String(generation), OverlapSeconds: String(7 * DAY / 1000),
});
const idOf = (g: number) => `${POOL}/${CLIENT}/client-secret/${g}`;
const iso = (ms: number) => new Date(ms).toISOString();

const create = (requestId: string, generation = 1): OnEventRequest => ({ ...createEvent(TYPE, props(generation)), RequestId: requestId });
const update = (requestId: string, physicalId: string, from: number, to: number): OnEventRequest =>
  ({ ...updateEvent(TYPE, physicalId, props(from), props(to)), RequestId: requestId });

/** The Secrets Manager token the handler derives from a request (see requestToken). */
function token(requestId: string, generation: number, purpose: 'prepare' | 'export'): string {
  const h = createHash('sha256').update([STACK, 'Resource', requestId, POOL, CLIENT, generation, purpose].join('\n')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

let fake: ClientSecretsFake;
let contexts: TestContext[];

beforeEach(() => {
  cognito.reset();
  sm.reset();
  fake = new ClientSecretsFake(T0);
  fake.install(cognito, sm);
  // GIVEN a confidential client with the secret CloudFormation generated a month ago, and the
  // construct's Secrets Manager secret with the random initial value CloudFormation gave it
  fake.addClient(POOL, CLIENT, { id: 's-0', created: T0 - 30 * DAY });
  fake.versions.push({ versionId: 'initial', value: 'random-initial-value-0123456789', stages: ['AWSCURRENT'] });
  jest.spyOn(Date, 'now').mockImplementation(() => fake.now);
  contexts = [];
});

afterEach(() => {
  jest.restoreAllMocks();
  // No secret value ever reaches a log line.
  const logged = contexts.flatMap((c) => c.lines).join('\n');
  for (const value of fake.allValues()) expect(logged).not.toContain(value);
});

function run(event: OnEventRequest) {
  const ctx = testContext();
  contexts.push(ctx);
  return dispatch(event, ctx, [clientSecretRotationModule]);
}

const live = () => fake.ids(POOL, CLIENT);
const exported = () => fake.staged('AWSCURRENT');
const addCalls = () => cognito.commandCalls(AddUserPoolClientSecretCommand).length;
const deletedIds = () => cognito.commandCalls(DeleteUserPoolClientSecretCommand).map((c) => c.args[0].input.ClientSecretId);
const writes = () => [...cognito.commandCalls(AddUserPoolClientSecretCommand), ...cognito.commandCalls(DeleteUserPoolClientSecretCommand),
  ...sm.commandCalls(PutSecretValueCommand)].length;

/** What the handler exports for a secret added as `id` for `generation` at `at`. */
const exportOf = (id: string, generation: number, at: number) => ({
  clientId: CLIENT, clientSecret: fake.value(POOL, CLIENT, id), clientSecretId: id, userPoolId: POOL, generation, rotatedAt: iso(at),
});

describe('create', () => {
  test('prepares a value in AWSPENDING, adds exactly that value, exports it as AWSCURRENT; the old secret stays', async () => {
    await expect(run(create('c-1'))).resolves.toEqual({ PhysicalResourceId: idOf(1) });

    expect(live()).toEqual(['s-0', 's-1']);
    const value = fake.value(POOL, CLIENT, 's-1');
    expect(value).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(cognito.commandCalls(AddUserPoolClientSecretCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, ClientId: CLIENT, ClientSecret: value },
    ]);
    expect(deletedIds()).toEqual([]);
    expect(sm.commandCalls(PutSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      {
        SecretId: SECRET_ARN, ClientRequestToken: token('c-1', 1, 'prepare'), VersionStages: ['AWSPENDING'],
        SecretString: JSON.stringify({ userPoolId: POOL, clientId: CLIENT, generation: 1, clientSecret: value, liveBefore: ['s-0'] }),
      },
      {
        SecretId: SECRET_ARN, ClientRequestToken: token('c-1', 1, 'export'), SecretString: JSON.stringify(exportOf('s-1', 1, T0)),
        VersionStages: ['AWSCURRENT', 'AWSPENDING'],
      },
    ]);
    // AWSPENDING moved along with AWSCURRENT: no rotation looks in progress to Secrets Manager.
    expect(fake.versions.map((v) => [v.versionId, v.stages])).toEqual([
      ['initial', ['AWSPREVIOUS']], [token('c-1', 1, 'prepare'), []], [token('c-1', 1, 'export'), ['AWSCURRENT', 'AWSPENDING']],
    ]);
  });

  test('retried after its writes landed (the framework re-invokes the same request): no write, same physical id', async () => {
    await run(create('c-1'));
    cognito.resetHistory();
    sm.resetHistory();
    fake.now += 5 * 60 * 1000;

    await expect(run(create('c-1'))).resolves.toEqual({ PhysicalResourceId: idOf(1) });

    expect(writes()).toBe(0);
    expect(live()).toEqual(['s-0', 's-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });

  test('AddUserPoolClientSecret whose answer was lost is not repeated: the secret it added is recognized', async () => {
    fake.fail('AddUserPoolClientSecret', 'after', () => awsError('InternalErrorException', 500));

    await expect(run(create('c-1'))).resolves.toEqual({ PhysicalResourceId: idOf(1) });

    expect(addCalls()).toBe(1);
    expect(live()).toEqual(['s-0', 's-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });

  test('a Lambda that died after the add: the retried request adopts the secret it added, adds none', async () => {
    const died = fake.hang('AddUserPoolClientSecret', 'after');
    void run(create('c-1'));
    await died;
    expect(live()).toEqual(['s-0', 's-1']);

    await expect(run(create('c-1'))).resolves.toEqual({ PhysicalResourceId: idOf(1) });

    expect(addCalls()).toBe(1);
    expect(live()).toEqual(['s-0', 's-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });

  test('a Lambda that died after preparing: the retry adds the same prepared value, one pending version', async () => {
    const died = fake.hang('PutSecretValue', 'after');
    void run(create('c-1'));
    await died;
    const prepared = fake.staged('AWSPENDING').clientSecret;

    await run(create('c-1'));

    expect(cognito.commandCalls(AddUserPoolClientSecretCommand).map((c) => c.args[0].input.ClientSecret)).toEqual([prepared]);
    expect(live()).toEqual(['s-0', 's-1']);
    expect(fake.value(POOL, CLIENT, 's-1')).toBe(prepared);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
    expect(fake.versions.map((v) => v.versionId)).toEqual(['initial', token('c-1', 1, 'prepare'), token('c-1', 1, 'export')]);
  });

  test('PutSecretValue is retried through throttling and a lost answer, and the repeat creates no second version', async () => {
    fake.fail('PutSecretValue', 'before', () => awsError('ThrottlingException', 400));
    fake.fail('PutSecretValue', 'after', () => awsError('InternalServiceError', 500), (i) => i.VersionStages?.includes('AWSCURRENT'));

    await expect(run(create('c-1'))).resolves.toEqual({ PhysicalResourceId: idOf(1) });

    const puts = sm.commandCalls(PutSecretValueCommand).map((c) => c.args[0].input.ClientRequestToken);
    expect(puts).toEqual([token('c-1', 1, 'prepare'), token('c-1', 1, 'prepare'), token('c-1', 1, 'export'), token('c-1', 1, 'export')]);
    // Each PutSecretValue was sent twice with the same token: the throttled and the lost attempt were retried.
    expect(fake.versions.map((v) => v.versionId)).toEqual(['initial', token('c-1', 1, 'prepare'), token('c-1', 1, 'export')]);
    expect(live()).toEqual(['s-0', 's-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });

  test('failed Create (the export is denied): the Create removes the secret it added before failing; no Delete ever comes', async () => {
    fake.fail('PutSecretValue', 'before', () => awsError('AccessDeniedException', 400, 'not authorized to perform secretsmanager:PutSecretValue'),
      (i) => i.VersionStages?.includes('AWSCURRENT'));

    await expect(run(create('c-1'))).rejects.toThrow('not authorized to perform secretsmanager:PutSecretValue');

    expect(deletedIds()).toEqual(['s-1']);
    expect(live()).toEqual(['s-0']);
    expect(fake.versions.find((v) => v.stages.includes('AWSCURRENT'))?.versionId).toBe('initial');

    // WHEN the next deployment creates the resource again (a new request)
    await expect(run(create('c-2'))).resolves.toEqual({ PhysicalResourceId: idOf(1) });
    expect(live()).toEqual(['s-0', 's-2']);
    expect(exported()).toEqual(exportOf('s-2', 1, T0));
  });

  test('a Create killed after its add and never retried: the next Create adopts that secret instead of adding another', async () => {
    const died = fake.hang('AddUserPoolClientSecret', 'after');
    void run(create('c-1'));
    await died;

    await run(create('c-2'));

    expect(addCalls()).toBe(1);
    expect(live()).toEqual(['s-0', 's-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });

  test('Create on a client that does not exist fails with Cognito\'s message and changes nothing', async () => {
    fake.clients.clear();
    await expect(run(create('c-1'))).rejects.toThrow(`User pool client ${CLIENT} does not exist.`);
    expect(writes()).toBe(0);
  });
});

describe('rotation', () => {
  async function deployed(): Promise<void> {
    await run(create('c-1'));
    cognito.resetHistory();
    sm.resetHistory();
  }

  test('once the overlap has run from when the previous secret was superseded, it is removed and a new one exported', async () => {
    await deployed();
    fake.now = T0 + 8 * DAY;

    await expect(run(update('u-2', idOf(1), 1, 2))).resolves.toEqual({ PhysicalResourceId: idOf(2) });

    expect(deletedIds()).toEqual(['s-0']);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(exported()).toEqual(exportOf('s-2', 2, T0 + 8 * DAY));
    expect(fake.staged('AWSPREVIOUS')).toEqual(exportOf('s-1', 1, T0));
  });

  test('two rotations within the overlap: the second is refused before any change, although the old secret is 9 days old', async () => {
    await deployed();
    fake.now = T0 + 8 * DAY;
    await run(update('u-2', idOf(1), 1, 2));
    cognito.resetHistory();
    sm.resetHistory();
    fake.now = T0 + 9 * DAY;

    await expect(run(update('u-3', idOf(2), 2, 3))).rejects.toThrow(
      `App client ${CLIENT} already has 2 secrets, Cognito's limit, and neither may be removed: `
      + `s-1 was superseded at ${iso(T0 + 8 * DAY)} and its overlap runs until ${iso(T0 + 15 * DAY)}; `
      + `s-2 is the one exported to ${SECRET_ARN}. Nothing was changed; rotate again after ${iso(T0 + 15 * DAY)}`);

    expect(writes()).toBe(0);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(exported()).toEqual(exportOf('s-2', 2, T0 + 8 * DAY));

    // THEN once the overlap has run from the supersession, the same rotation goes through
    fake.now = T0 + 15 * DAY;
    await expect(run(update('u-3b', idOf(2), 2, 3))).resolves.toEqual({ PhysicalResourceId: idOf(3) });
    expect(deletedIds()).toEqual(['s-1']);
    expect(live()).toEqual(['s-2', 's-3']);
    expect(exported()).toEqual(exportOf('s-3', 3, T0 + 15 * DAY));
  });

  test('a failure midway (the export denied after the add), then CloudFormation\'s rollback: the previous state exactly', async () => {
    await deployed();
    fake.now = T0 + 8 * DAY;
    fake.fail('PutSecretValue', 'before', () => awsError('AccessDeniedException', 400, 'denied'), (i) => i.VersionStages?.includes('AWSCURRENT'));

    await expect(run(update('u-2', idOf(1), 1, 2))).rejects.toThrow('denied');
    // s-0 had run out its overlap and is gone; the secret added for generation 2 was removed again
    expect(deletedIds()).toEqual(['s-0', 's-2']);
    expect(live()).toEqual(['s-1']);

    // WHEN CloudFormation rolls back: old and new swapped, under the physical id the resource kept
    cognito.resetHistory();
    sm.resetHistory();
    await expect(run(update('rb-2', idOf(1), 2, 1))).resolves.toEqual({ PhysicalResourceId: idOf(1) });

    expect(writes()).toBe(0);
    expect(live()).toEqual(['s-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });

  test('a rotation killed after its add, then the rollback: the rollback removes the secret nobody holds', async () => {
    await deployed();
    fake.now = T0 + 8 * DAY;
    const died = fake.hang('AddUserPoolClientSecret', 'after');
    void run(update('u-2', idOf(1), 1, 2));
    await died;
    expect(live()).toEqual(['s-1', 's-2']);

    await expect(run(update('rb-2', idOf(1), 2, 1))).resolves.toEqual({ PhysicalResourceId: idOf(1) });

    expect(deletedIds()).toEqual(['s-0', 's-2']);
    expect(live()).toEqual(['s-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });

  test('rollback after the rotation succeeded (another resource failed): the exported secret stays; redeploying adds nothing', async () => {
    await deployed();
    fake.now = T0 + 8 * DAY;
    await run(update('u-2', idOf(1), 1, 2));
    cognito.resetHistory();
    sm.resetHistory();

    await expect(run(update('rb-2', idOf(2), 2, 1))).resolves.toEqual({ PhysicalResourceId: idOf(2) });
    expect(writes()).toBe(0);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(exported()).toEqual(exportOf('s-2', 2, T0 + 8 * DAY));

    // WHEN generation 2 is deployed again from the stack's generation-1 physical id
    fake.now = T0 + 9 * DAY;
    await expect(run(update('u-2b', idOf(1), 1, 2))).resolves.toEqual({ PhysicalResourceId: idOf(2) });
    expect(writes()).toBe(0);
    expect(live()).toEqual(['s-1', 's-2']);
  });

  test('a no-op update makes no call at all', async () => {
    await deployed();
    await expect(run(update('u-1', idOf(1), 1, 1))).resolves.toEqual({ PhysicalResourceId: idOf(1) });
    expect(cognito.calls()).toHaveLength(0);
    expect(sm.calls()).toHaveLength(0);
  });

  test('a newer secret this rotation did not add is never removed: the rotation is refused naming it', async () => {
    await deployed();
    fake.now = T0 + 8 * DAY;
    fake.clients.get(`${POOL}/${CLIENT}`)!.splice(0, 1, { id: 's-manual', created: T0 + DAY, value: 'value-of-s-manual-abcdefghijklmnopqrstuvwxyz' });

    await expect(run(update('u-2', idOf(1), 1, 2))).rejects.toThrow(
      `App client ${CLIENT} already has 2 secrets, Cognito's limit, and neither may be removed: s-1 is the one exported to ${SECRET_ARN}; `
      + 's-manual was not added by this rotation and is newer than the exported secret; remove it with DeleteUserPoolClientSecret '
      + 'if nothing uses it. Nothing was changed');
    expect(writes()).toBe(0);
    expect(live()).toEqual(['s-1', 's-manual']);
  });

  test('a value exported by an older library version (no generation or rotation time): overlap from the exported secret\'s creation', async () => {
    // GIVEN the state an older version left: s-1 added 2 days ago, exported without rotatedAt
    fake.addClient(POOL, CLIENT, { id: 's-0', created: T0 - 30 * DAY }, { id: 's-1', created: T0 - 2 * DAY });
    fake.versions.splice(0, fake.versions.length, {
      versionId: 'old', stages: ['AWSCURRENT'],
      value: JSON.stringify({ clientId: CLIENT, clientSecret: fake.value(POOL, CLIENT, 's-1'), clientSecretId: 's-1' }),
    });

    // WHEN rotating 5 days later, s-0 (30 days old, superseded 2 days ago) is still in its overlap
    await expect(run(update('u-2', 'us-east-1_pool/abc/client-secret/1', 1, 2))).rejects.toThrow(
      `s-0 was superseded at ${iso(T0 - 2 * DAY)} and its overlap runs until ${iso(T0 + 5 * DAY)}`);
    expect(writes()).toBe(0);

    fake.now = T0 + 5 * DAY;
    await expect(run(update('u-2b', idOf(1), 1, 2))).resolves.toEqual({ PhysicalResourceId: idOf(2) });
    expect(deletedIds()).toEqual(['s-0']);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(exported()).toEqual(exportOf('s-2', 2, T0 + 5 * DAY));
  });

  test('with nothing exported, a secret counts as superseded when the next one was created', async () => {
    fake.addClient(POOL, CLIENT, { id: 's-a', created: T0 - 10 * DAY }, { id: 's-b', created: T0 - 5 * DAY });

    await expect(run(create('c-1'))).rejects.toThrow(
      `s-a was superseded at ${iso(T0 - 5 * DAY)} and its overlap runs until ${iso(T0 + 2 * DAY)}; s-b is the client's newest secret. Nothing was changed; rotate again after ${iso(T0 + 2 * DAY)}`);
    expect(writes()).toBe(0);

    fake.now = T0 + 2 * DAY;
    await run(create('c-2'));
    expect(deletedIds()).toEqual(['s-a']);
    expect(live()).toEqual(['s-b', 's-1']);
  });

  test('a physical id of another form: the deployed generation comes from the old properties', async () => {
    await deployed();
    await expect(run(update('u-1', 'legacy-id', 1, 1))).resolves.toEqual({ PhysicalResourceId: 'legacy-id' });
    expect(cognito.calls()).toHaveLength(0);
    fake.now = T0 + 8 * DAY;
    await expect(run(update('u-2', 'legacy-id', 1, 2))).resolves.toEqual({ PhysicalResourceId: idOf(2) });
    expect(live()).toEqual(['s-1', 's-2']);
  });
});

describe('delete', () => {
  test.each([
    ['this version\'s physical id', idOf(3)],
    ['an older version\'s physical id', 'us-east-1_pool/abc/client-secret/1'],
    ['an id of another form', 'legacy-id'],
  ])('makes no call and keeps the secrets, under %s', async (_name, physicalId) => {
    await run(create('c-1'));
    cognito.resetHistory();
    sm.resetHistory();
    await expect(run(deleteEvent(TYPE, physicalId, props(3)))).resolves.toEqual({ PhysicalResourceId: physicalId });
    expect(cognito.calls()).toHaveLength(0);
    expect(sm.calls()).toHaveLength(0);
    expect(live()).toEqual(['s-0', 's-1']);
  });

  test('with the client already gone: succeeds without a call', async () => {
    fake.clients.clear();
    await expect(run(deleteEvent(TYPE, idOf(1), props(1)))).resolves.toEqual({ PhysicalResourceId: idOf(1) });
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('properties: new ones strict, old ones lenient', () => {
  const ALLOWED = 'UserPoolId, ClientId, SecretArn, Generation, OverlapSeconds';
  /** Every call, Cognito's and Secrets Manager's, in order within each. */
  const calls = () => ({
    cognito: cognito.calls().map((c) => (c.args[0] as any).constructor.name.replace(/Command$/, '')),
    sm: sm.calls().map((c) => (c.args[0] as any).constructor.name.replace(/Command$/, '')),
  });
  const NONE = { cognito: [], sm: [] };
  /** The calls of a rotation that removes s-0 and adds one secret. */
  const ROTATION = {
    cognito: ['ListUserPoolClientSecrets', 'DeleteUserPoolClientSecret', 'AddUserPoolClientSecret'],
    sm: ['GetSecretValue', 'GetSecretValue', 'PutSecretValue', 'PutSecretValue'],
  };
  async function deployed(): Promise<void> {
    await run(create('c-1'));
    cognito.resetHistory();
    sm.resetHistory();
  }

  test.each([
    ['Create', () => createEvent(TYPE, { ...props(1), RotateNow: 'true' })],
    ['Update', () => updateEvent(TYPE, idOf(1), props(1), { ...props(2), RotateNow: 'true' })],
  ])('an unknown new property fails the %s before any call, naming it', async (_name, event) => {
    await expect(run(event())).rejects.toThrow(new Error(`Unknown property RotateNow; allowed: ${ALLOWED}`));
    expect(calls()).toEqual(NONE);
  });

  test.each([
    ['1.5', 'Invalid property Generation: received "1.5"; expected a whole number of at least 1'],
    ['0', 'Invalid property Generation: received "0"; expected a whole number of at least 1'],
    ['two', 'Invalid property Generation: received "two"; expected a number'],
  ])('a malformed new generation (%s) fails before any call, naming it', async (generation, message) => {
    await expect(run(createEvent(TYPE, { ...props(1), Generation: generation }))).rejects.toThrow(new Error(message));
    expect(calls()).toEqual(NONE);
  });

  test.each([idOf(1), 'legacy-id'])('an older version\'s old properties (an unknown name) are read: the same generation under %s is no change, no call', async (id) => {
    await deployed();
    await expect(run({ ...updateEvent(TYPE, id, { ...props(1), Rotate: 'weekly' }, props(1)), RequestId: 'u-1' }))
      .resolves.toEqual({ PhysicalResourceId: id });
    expect(calls()).toEqual(NONE);
  });

  test('an older version\'s old properties and a raised generation: one rotation', async () => {
    await deployed();
    fake.now = T0 + 8 * DAY;
    await expect(run({ ...updateEvent(TYPE, idOf(1), { ...props(1), Rotate: 'weekly' }, props(2)), RequestId: 'u-2' }))
      .resolves.toEqual({ PhysicalResourceId: idOf(2) });
    expect(calls()).toEqual(ROTATION);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(exported()).toEqual(exportOf('s-2', 2, T0 + 8 * DAY));
  });

  test('malformed old properties: the physical id gives the deployed generation; no change at it or below, one rotation above', async () => {
    await deployed();
    const malformed = { ...props(1), UserPoolId: ['us-east-1_pool'], Generation: 'two' };
    for (const generation of [3, 1]) {
      await expect(run({ ...updateEvent(TYPE, idOf(3), malformed, props(generation)), RequestId: 'rb-3' }))
        .resolves.toEqual({ PhysicalResourceId: idOf(3) });
    }
    expect(calls()).toEqual(NONE);

    fake.now = T0 + 8 * DAY;
    await expect(run({ ...updateEvent(TYPE, idOf(1), malformed, props(2)), RequestId: 'u-2' }))
      .resolves.toEqual({ PhysicalResourceId: idOf(2) });
    expect(calls()).toEqual(ROTATION);
    expect(deletedIds()).toEqual(['s-0']);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(exported()).toEqual(exportOf('s-2', 2, T0 + 8 * DAY));
  });

  test('malformed old properties and a physical id of another client: the declared client is rotated', async () => {
    const otherId = `${POOL}/other-client/client-secret/5`;
    await expect(run({ ...updateEvent(TYPE, otherId, { Generation: [] }, props(1)), RequestId: 'u-1' }))
      .resolves.toEqual({ PhysicalResourceId: idOf(1) });
    expect(calls()).toEqual({
      cognito: ['ListUserPoolClientSecrets', 'AddUserPoolClientSecret'],
      sm: ['GetSecretValue', 'GetSecretValue', 'PutSecretValue', 'PutSecretValue'],
    });
    expect(live()).toEqual(['s-0', 's-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });

  test('a Delete with malformed properties succeeds, makes no call and keeps the secrets', async () => {
    await deployed();
    await expect(run(deleteEvent(TYPE, idOf(1), { UserPoolId: { Ref: 'Pool' }, Generation: 'x', Unknown: 'y' })))
      .resolves.toEqual({ PhysicalResourceId: idOf(1) });
    expect(calls()).toEqual(NONE);
    expect(live()).toEqual(['s-0', 's-1']);
    expect(exported()).toEqual(exportOf('s-1', 1, T0));
  });
});
