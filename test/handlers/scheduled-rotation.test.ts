/**
 * The secret-rotation function's scheduled client-secret rotation, driven as Secrets Manager
 * drives it (RotateSecret labels a version AWSPENDING, then the four steps run, each retried on
 * failure, an interrupted rotation resumed with the same token), against the stateful fake of
 * the client's secrets and of the Secrets Manager secret, and a local HTTP stub of the pool's
 * token endpoint. Every test asserts the live secrets and the staging labels afterwards.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import {
  AddUserPoolClientSecretCommand, CognitoIdentityProviderClient, DeleteUserPoolClientSecretCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutSecretValueCommand, SecretsManagerClient, UpdateSecretVersionStageCommand } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { RotationEvent } from '../../custom-resources/rotation/client-secret';
import { FunctionConfig } from '../../custom-resources/rotation/config';
import { handle } from '../../custom-resources/rotation/index';
import { REMOVE_SUPERSEDED_ACTION, RotationTarget } from '../../lib/private/rotation-contract';
import { awsError, ClientSecretsFake } from './client-secrets-fake';
import { testContext, TestContext } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const sm = mockClient(SecretsManagerClient);
const POOL = 'us-east-1_pool';
const CLIENT = 'abc';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:client-abc-AbCdEf';
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 10);
const TOKEN = '11111111-2222-4333-8444-555555555555';
const iso = (ms: number) => new Date(ms).toISOString();

let fake: ClientSecretsFake;
let contexts: TestContext[];
let target: RotationTarget;

/** The token endpoint stub: what it was sent, and how it answers. */
let tokenServer: http.Server;
let tokenEndpoint: string;
let tokenRequests: Array<{ authorization?: string; contentType?: string; body: string }>;
let tokenAnswer: { status: number; body: object };

beforeAll(async () => {
  tokenServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      tokenRequests.push({ authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
      res.writeHead(tokenAnswer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(tokenAnswer.body));
    });
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
  tokenEndpoint = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/oauth2/token`;
});

afterAll(() => new Promise<void>((resolve) => tokenServer.close(() => resolve())));

beforeEach(() => {
  cognito.reset();
  sm.reset();
  fake = new ClientSecretsFake(T0);
  fake.install(cognito, sm);
  fake.installRotation(sm);
  // GIVEN a client whose secret s-1 the ClientSecretRotation deployment exported 10 days ago
  // (the CloudFormation-generated secret was removed since), and a 7-day overlap
  fake.addClient(POOL, CLIENT, { id: 's-1', created: T0 - 10 * DAY });
  fake.versions.push({ versionId: 'export-1', value: JSON.stringify(exported('s-1', T0 - 10 * DAY)), stages: ['AWSCURRENT', 'AWSPENDING'] });
  target = { secretArn: SECRET_ARN, userPoolId: POOL, clientId: CLIENT, overlapSeconds: 7 * DAY / 1000 };
  tokenRequests = [];
  tokenAnswer = { status: 200, body: { access_token: 'header.payload.signature', token_type: 'Bearer', expires_in: 3600 } };
  jest.spyOn(Date, 'now').mockImplementation(() => fake.now);
  contexts = [];
});

afterEach(() => {
  jest.restoreAllMocks();
  // No secret value, nor the Basic credentials made of one, ever reaches a log line.
  const logged = contexts.flatMap((c) => c.lines).join('\n');
  for (const value of fake.allValues()) {
    expect(logged).not.toContain(value);
    expect(logged).not.toContain(Buffer.from(`${CLIENT}:${value}`).toString('base64'));
  }
});

/** What a ClientSecretRotation deployment exports for secret `id`. */
function exported(id: string, at: number) {
  return { clientId: CLIENT, clientSecret: `value-of-${id}-abcdefghijklmnopqrstuvwxyz`, clientSecretId: id, userPoolId: POOL, generation: 1, rotatedAt: iso(at) };
}

function config(): FunctionConfig {
  return { rotations: [target], idpSyncs: [] };
}

function step(name: RotationEvent['Step'], token = TOKEN, secretId = SECRET_ARN) {
  const ctx = testContext();
  contexts.push(ctx);
  return handle({ Step: name, SecretId: secretId, ClientRequestToken: token }, ctx, config(), { tokenAttempts: 2, tokenRetryDelayMs: 0 });
}

function cleanUp() {
  const ctx = testContext();
  contexts.push(ctx);
  return handle({ action: REMOVE_SUPERSEDED_ACTION }, ctx, config());
}

/** Secrets Manager's whole rotation: RotateSecret's pending version, the four steps, LastRotatedDate. */
async function rotate(token = TOKEN) {
  fake.startRotation(token);
  for (const name of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) await step(name, token);
  fake.lastRotated = fake.now;
}

const live = () => fake.ids(POOL, CLIENT);
const stages = () => fake.versions.filter((v) => v.stages.length > 0).map((v) => [v.versionId, v.stages]);
const pending = () => JSON.parse(fake.versions.find((v) => v.versionId === TOKEN)!.value);
/** Adds, deletes, PutSecretValue and UpdateSecretVersionStage calls so far. */
const writes = () => [
  cognito.commandCalls(AddUserPoolClientSecretCommand).length, cognito.commandCalls(DeleteUserPoolClientSecretCommand).length,
  sm.commandCalls(PutSecretValueCommand).length, sm.commandCalls(UpdateSecretVersionStageCommand).length,
];

describe('a full rotation, step by step', () => {
  test('createSecret puts a new value that fits Cognito under the token, as AWSPENDING; nothing else', async () => {
    fake.startRotation(TOKEN);

    await step('createSecret');

    const value = pending();
    expect(value.clientSecret).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(sm.commandCalls(PutSecretValueCommand).map((c) => c.args[0].input)).toEqual([{
      SecretId: SECRET_ARN, ClientRequestToken: TOKEN, VersionStages: ['AWSPENDING'],
      SecretString: JSON.stringify({ clientId: CLIENT, clientSecret: value.clientSecret, userPoolId: POOL, rotatedAt: iso(T0), supersedes: ['s-1'] }),
    }]);
    expect(stages()).toEqual([['export-1', ['AWSCURRENT']], [TOKEN, ['AWSPENDING']]]);
    expect(writes()).toEqual([0, 0, 1, 0]);
    expect(live()).toEqual(['s-1']);
    expect(contexts[0].lines.map((l) => JSON.parse(l))).toEqual([
      { level: 'INFO', message: 'rotation step', details: { step: 'createSecret', secretId: SECRET_ARN, versionId: TOKEN } },
      { level: 'INFO', message: `createSecret: new value for app client ${CLIENT} put as version ${TOKEN} (AWSPENDING)` },
    ]);
  });

  test('setSecret adds exactly that value to the client; testSecret asks the token endpoint; finishSecret moves AWSCURRENT', async () => {
    target = { ...target, tokenEndpoint };
    fake.startRotation(TOKEN);
    await step('createSecret');
    const value = pending().clientSecret;

    await step('setSecret');
    expect(cognito.commandCalls(AddUserPoolClientSecretCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, ClientId: CLIENT, ClientSecret: value },
    ]);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(fake.value(POOL, CLIENT, 's-2')).toBe(value);

    await step('testSecret');
    expect(tokenRequests).toEqual([{
      authorization: `Basic ${Buffer.from(`${CLIENT}:${value}`).toString('base64')}`,
      contentType: 'application/x-www-form-urlencoded',
      body: 'grant_type=client_credentials',
    }]);
    expect(stages()).toEqual([['export-1', ['AWSCURRENT']], [TOKEN, ['AWSPENDING']]]);

    await step('finishSecret');
    expect(sm.commandCalls(UpdateSecretVersionStageCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: SECRET_ARN, VersionStage: 'AWSCURRENT', MoveToVersionId: TOKEN, RemoveFromVersionId: 'export-1' },
    ]);
    expect(stages()).toEqual([['export-1', ['AWSPREVIOUS']], [TOKEN, ['AWSPENDING', 'AWSCURRENT']]]);
    expect(fake.staged('AWSCURRENT')).toEqual({ clientId: CLIENT, clientSecret: value, userPoolId: POOL, rotatedAt: iso(T0), supersedes: ['s-1'] });
    // The previous secret stays live for the overlap.
    expect(live()).toEqual(['s-1', 's-2']);
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand)).toEqual([]);
  });

  test.each(['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const)('%s run again (Secrets Manager retries a step) writes nothing more', async (name) => {
    target = { ...target, tokenEndpoint };
    fake.startRotation(TOKEN);
    const order = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
    for (const s of order.slice(0, order.indexOf(name) + 1)) await step(s);
    const before = writes();
    const value = pending().clientSecret;
    const stagesBefore = stages();

    await step(name);

    expect(writes()).toEqual(before);
    expect(live()).toEqual(['s-1', ...(order.indexOf(name) >= 1 ? ['s-2'] : [])]);
    expect(pending().clientSecret).toBe(value);
    expect(stages()).toEqual(stagesBefore);
  });

  test('a lost answer of each write is recognized on the retry: one version, one secret added, AWSCURRENT moved once', async () => {
    fake.startRotation(TOKEN);
    fake.fail('PutSecretValue', 'after', () => awsError('InternalServiceError', 500));
    fake.fail('AddUserPoolClientSecret', 'after', () => awsError('InternalErrorException', 500));
    fake.fail('UpdateSecretVersionStage', 'after', () => awsError('InternalServiceError', 500));

    for (const name of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) await step(name);

    expect(sm.commandCalls(PutSecretValueCommand).map((c) => c.args[0].input.ClientRequestToken)).toEqual([TOKEN, TOKEN]);
    expect(cognito.commandCalls(AddUserPoolClientSecretCommand)).toHaveLength(1);
    expect(sm.commandCalls(UpdateSecretVersionStageCommand)).toHaveLength(2);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(fake.versions.map((v) => v.versionId)).toEqual(['export-1', TOKEN]);
    expect(stages()).toEqual([['export-1', ['AWSPREVIOUS']], [TOKEN, ['AWSPENDING', 'AWSCURRENT']]]);
  });

  test('a refused token request fails testSecret with the status and OAuth error only; AWSCURRENT stays', async () => {
    target = { ...target, tokenEndpoint };
    tokenAnswer = { status: 400, body: { error: 'invalid_client' } };
    fake.startRotation(TOKEN);
    await step('createSecret');
    await step('setSecret');

    await expect(step('testSecret')).rejects.toThrow(
      `testSecret: a client-credentials token request to ${tokenEndpoint} with the new secret of app client ${CLIENT} failed 2 times (last: HTTP 400 invalid_client)`);

    expect(tokenRequests).toHaveLength(2);
    expect(stages()).toEqual([['export-1', ['AWSCURRENT']], [TOKEN, ['AWSPENDING']]]);
  });
});

describe('two secrets live', () => {
  beforeEach(() => {
    // GIVEN the CloudFormation-generated s-0 still live next to the exported s-1
    fake.addClient(POOL, CLIENT, { id: 's-0', created: T0 - 30 * DAY }, { id: 's-1', created: T0 - 10 * DAY });
  });

  test('setSecret removes the superseded secret first once its overlap has run, then adds; AWSCURRENT\'s stays', async () => {
    await rotate();

    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, ClientId: CLIENT, ClientSecretId: 's-0' },
    ]);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(fake.staged('AWSCURRENT').supersedes).toEqual(['s-0', 's-1']);
  });

  test('within the overlap, setSecret is refused before any change, naming the time it may run', async () => {
    fake.versions[0].value = JSON.stringify(exported('s-1', T0 - 2 * DAY));
    fake.startRotation(TOKEN);
    await step('createSecret');
    const before = writes();

    await expect(step('setSecret')).rejects.toThrow(`App client ${CLIENT} already has 2 secrets, Cognito's limit, and neither may be removed: `
      + `s-1 is the one AWSCURRENT holds; s-0 was superseded at ${iso(T0 - 2 * DAY)} and its overlap runs until ${iso(T0 + 5 * DAY)}; `
      + 'the rotation can run after that. Nothing was changed');

    expect(writes()).toEqual(before);
    expect(live()).toEqual(['s-0', 's-1']);
    // WHEN Secrets Manager retries the step once the overlap has run
    fake.now = T0 + 5 * DAY;
    await step('setSecret');
    expect(live()).toEqual(['s-1', 's-2']);
  });

  test('the boundary: one millisecond before the overlap ends is refused, at its end the removal runs', async () => {
    fake.versions[0].value = JSON.stringify(exported('s-1', T0 - 7 * DAY + 1));
    fake.startRotation(TOKEN);
    await step('createSecret');
    await expect(step('setSecret')).rejects.toThrow('its overlap runs until 2025-01-10T00:00:00.001Z');
    fake.now = T0 + 1;
    await step('setSecret');
    expect(live()).toEqual(['s-1', 's-2']);
  });

  test('a newer secret the rotation did not add is never removed: refused, naming it', async () => {
    fake.addClient(POOL, CLIENT, { id: 's-1', created: T0 - 10 * DAY }, { id: 's-9', created: T0 - DAY });
    fake.startRotation(TOKEN);
    await step('createSecret');

    await expect(step('setSecret')).rejects.toThrow(`App client ${CLIENT} already has 2 secrets, Cognito's limit, and neither may be removed: `
      + 's-1 is the one AWSCURRENT holds; s-9 is newer than AWSCURRENT\'s and was not added by this rotation; '
      + 'remove it with DeleteUserPoolClientSecret if nothing uses it. Nothing was changed');
    expect(live()).toEqual(['s-1', 's-9']);
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand)).toEqual([]);
  });
});

describe('removal after the overlap (the hourly clean-up)', () => {
  test('removes the superseded secret once the overlap has run from the rotation, not before; never AWSCURRENT\'s', async () => {
    await rotate();
    expect(live()).toEqual(['s-1', 's-2']);

    fake.now = T0 + 7 * DAY - 1;
    await cleanUp();
    expect(live()).toEqual(['s-1', 's-2']);
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand)).toEqual([]);

    fake.now = T0 + 7 * DAY;
    await cleanUp();
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, ClientId: CLIENT, ClientSecretId: 's-1' },
    ]);
    expect(live()).toEqual(['s-2']);

    // Run again: the only live secret, AWSCURRENT's, stays.
    await cleanUp();
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand)).toHaveLength(1);
    expect(live()).toEqual(['s-2']);
  });

  test('a rotation in progress (AWSPENDING on another version) is left alone', async () => {
    fake.addClient(POOL, CLIENT, { id: 's-0', created: T0 - 30 * DAY }, { id: 's-1', created: T0 - 10 * DAY });
    fake.startRotation(TOKEN);
    await cleanUp();
    expect(live()).toEqual(['s-0', 's-1']);
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand)).toEqual([]);
  });

  test('a secret that holds another client\'s value fails the clean-up for that client, naming it, and removes nothing', async () => {
    fake.addClient(POOL, CLIENT, { id: 's-0', created: T0 - 30 * DAY }, { id: 's-1', created: T0 - 10 * DAY });
    fake.versions[0].value = JSON.stringify({ ...exported('s-1', T0 - 10 * DAY), clientId: 'other' });
    await expect(cleanUp()).rejects.toThrow(`Removing superseded secrets failed for app client(s) ${CLIENT} (see the log lines above)`);
    expect(live()).toEqual(['s-0', 's-1']);
  });
});

describe('an interrupted rotation', () => {
  test('killed after setSecret\'s add landed, resumed hours later with the same token: no second secret; the overlap counts from the finish', async () => {
    fake.startRotation(TOKEN);
    await step('createSecret');
    const died = fake.hang('AddUserPoolClientSecret', 'after');
    void step('setSecret');
    await died;
    expect(live()).toEqual(['s-1', 's-2']);

    // WHEN Secrets Manager resumes the rotation 5 hours later, from createSecret
    fake.now = T0 + 5 * HOUR;
    for (const name of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) await step(name);
    fake.lastRotated = fake.now;

    expect(cognito.commandCalls(AddUserPoolClientSecretCommand)).toHaveLength(1);
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    expect(live()).toEqual(['s-1', 's-2']);
    expect(stages()).toEqual([['export-1', ['AWSPREVIOUS']], [TOKEN, ['AWSPENDING', 'AWSCURRENT']]]);
    // s-1 was in use until the finish: its overlap runs from then.
    fake.now = T0 + 5 * HOUR + 7 * DAY - 1;
    await cleanUp();
    expect(live()).toEqual(['s-1', 's-2']);
    fake.now = T0 + 5 * HOUR + 7 * DAY;
    await cleanUp();
    expect(live()).toEqual(['s-2']);
  });

  test('a second rotation after the first: supersedes the first rotation\'s secret, recognized without an id in the value', async () => {
    await rotate();
    fake.now = T0 + 30 * DAY;
    const second = '22222222-2222-4333-8444-555555555555';

    await rotate(second);

    // s-1 went (superseded 30 days ago), s-2 (the first rotation's) stays for the overlap.
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand).map((c) => c.args[0].input.ClientSecretId)).toEqual(['s-1']);
    expect(live()).toEqual(['s-2', 's-3']);
    expect(fake.staged('AWSCURRENT').supersedes).toEqual(['s-1', 's-2']);
  });
});

describe('only the secrets it was configured for', () => {
  test('a secret not configured is refused before any call', async () => {
    const other = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:other-XyZxYz';
    await expect(step('createSecret', TOKEN, other)).rejects.toThrow(
      `Secret ${other} is not one this function rotates (it rotates ${SECRET_ARN}); nothing was changed`);
    expect(sm.calls()).toEqual([]);
    expect(cognito.calls()).toEqual([]);
  });

  test('a configured secret whose value belongs to another client is refused before any write', async () => {
    fake.versions[0].value = JSON.stringify({ ...exported('s-1', T0), clientId: 'other' });
    fake.startRotation(TOKEN);
    await expect(step('createSecret')).rejects.toThrow(`The AWSCURRENT value of secret ${SECRET_ARN} is not a client secret of app client ${CLIENT} in pool ${POOL}; `
      + 'refusing to rotate it (deploy the stack so that ClientSecretRotation exports the client\'s secret first)');
    expect(writes()).toEqual([0, 0, 0, 0]);
  });

  test('a token that is not AWSPENDING is refused; one that is AWSCURRENT already is a success without a call', async () => {
    await expect(step('setSecret', 'unknown-token')).rejects.toThrow(`Secret ${SECRET_ARN} has no version unknown-token to rotate to`);
    await step('finishSecret', 'export-1');
    expect(writes()).toEqual([0, 0, 0, 0]);
  });
});
