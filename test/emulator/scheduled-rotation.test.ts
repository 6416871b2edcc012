/**
 * The *bundled* secret-rotation function (assets/rotation/index.js, its own SDK inside), as Lambda
 * runs it: configuration from its environment, AWS calls over HTTP. cognito-local has no
 * client-secret operations and Secrets Manager has no emulator here, so a local HTTP endpoint
 * speaking both JSON protocols serves them from the stateful fake of the client's secrets and of
 * the Secrets Manager secret; a second one stands in for the pool's token endpoint.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import * as cognitoSdk from '@aws-sdk/client-cognito-identity-provider';
import * as smSdk from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { ClientSecretsFake } from '../handlers/client-secrets-fake';
import { useLocalEndpoints } from './emulator';

const POOL = 'us-east-1_pool';
const CLIENT = 'abc';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:client-abc-AbCdEf';
const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2025, 0, 10);
const TOKEN = '11111111-2222-4333-8444-555555555555';

const cognito = mockClient(cognitoSdk.CognitoIdentityProviderClient);
const sm = mockClient(smSdk.SecretsManagerClient);
let fake: ClientSecretsFake;
let aws: http.Server;
let tokens: http.Server;
let tokenRequests: string[];
let handler: (event: unknown) => Promise<void>;

/** Dates as the JSON protocols send them: epoch seconds. */
function wire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(wire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$metadata').map(([k, v]) => [k, wire(v)]));
  return value;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // One endpoint for both services: each request goes to the (mocked) SDK client of the test
  // process, which the fake answers.
  aws = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const [service, operation] = String(req.headers['x-amz-target']).split('.');
      const sdk: any = service === 'secretsmanager' ? smSdk : cognitoSdk;
      const client = service === 'secretsmanager' ? new smSdk.SecretsManagerClient({}) : new cognitoSdk.CognitoIdentityProviderClient({});
      (client as any).send(new sdk[`${operation}Command`](JSON.parse(body || '{}')))
        .then((out: unknown) => {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify(wire(out)));
        })
        .catch((e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => {
          res.writeHead(e.$metadata?.httpStatusCode ?? 400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': e.name });
          res.end(JSON.stringify({ __type: e.name, message: e.message }));
        });
    });
  });
  tokens = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      tokenRequests.push(`${req.url} ${req.headers.authorization} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'a.b.c', token_type: 'Bearer', expires_in: 3600 }));
    });
  });
  const awsEndpoint = await listen(aws);
  const tokenEndpoint = `${await listen(tokens)}/oauth2/token`;
  useLocalEndpoints(awsEndpoint, awsEndpoint);
  process.env.CLIENT_SECRET_ROTATIONS = JSON.stringify([{ secretArn: SECRET_ARN, userPoolId: POOL, clientId: CLIENT, overlapSeconds: 7 * DAY / 1000, tokenEndpoint }]);
  process.env.IDP_SECRET_SYNCS = JSON.stringify([{ userPoolId: POOL, providerName: 'Partner', detailKey: 'client_secret', secretId: 'federation/partner', jsonField: 'clientSecret' }]);
  handler = require(path.join(__dirname, '..', '..', 'assets', 'rotation', 'index.js')).handler;
});

afterAll(async () => {
  delete process.env.CLIENT_SECRET_ROTATIONS;
  delete process.env.IDP_SECRET_SYNCS;
  aws.closeAllConnections();
  tokens.closeAllConnections();
  await Promise.all([aws, tokens].map((s) => new Promise((resolve) => s.close(resolve))));
});

beforeEach(() => {
  cognito.reset();
  sm.reset();
  fake = new ClientSecretsFake(T0);
  fake.install(cognito, sm);
  fake.installRotation(sm);
  fake.addClient(POOL, CLIENT, { id: 's-1', created: T0 - 10 * DAY });
  fake.versions.push({
    versionId: 'export-1', stages: ['AWSCURRENT', 'AWSPENDING'],
    value: JSON.stringify({ clientId: CLIENT, clientSecret: 'value-of-s-1-abcdefghijklmnopqrstuvwxyz', clientSecretId: 's-1', userPoolId: POOL, generation: 1, rotatedAt: new Date(T0 - 10 * DAY).toISOString() }),
  });
  tokenRequests = [];
  // The bundle paces its calls with the real clock: time runs on from the fake's `now`.
  const real = Date.now.bind(Date);
  const start = real();
  jest.spyOn(Date, 'now').mockImplementation(() => fake.now + (real() - start));
});

afterEach(() => jest.restoreAllMocks());

test('a whole rotation through the bundle, then the clean-up once the overlap has run', async () => {
  fake.startRotation(TOKEN);
  for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) {
    await handler({ Step, SecretId: SECRET_ARN, ClientRequestToken: TOKEN });
  }
  fake.lastRotated = fake.now;

  const current = fake.staged('AWSCURRENT');
  expect(current).toEqual({ clientId: CLIENT, clientSecret: current.clientSecret, userPoolId: POOL, rotatedAt: current.rotatedAt, supersedes: ['s-1'] });
  expect(Date.parse(current.rotatedAt) - T0).toBeLessThan(60_000);
  expect(current.clientSecret).toMatch(/^[A-Za-z0-9]{64}$/);
  expect(fake.ids(POOL, CLIENT)).toEqual(['s-1', 's-2']);
  expect(fake.value(POOL, CLIENT, 's-2')).toBe(current.clientSecret);
  expect(tokenRequests).toEqual([`/oauth2/token Basic ${Buffer.from(`${CLIENT}:${current.clientSecret}`).toString('base64')} grant_type=client_credentials`]);
  expect(fake.versions.filter((v) => v.stages.length > 0).map((v) => [v.versionId, v.stages])).toEqual([
    ['export-1', ['AWSPREVIOUS']], [TOKEN, ['AWSPENDING', 'AWSCURRENT']],
  ]);

  fake.now = T0 + 7 * DAY - 60_000;
  await handler({ action: 'removeSupersededClientSecrets' });
  expect(fake.ids(POOL, CLIENT)).toEqual(['s-1', 's-2']);
  fake.now = T0 + 7 * DAY + 60_000;
  await handler({ action: 'removeSupersededClientSecrets' });
  expect(fake.ids(POOL, CLIENT)).toEqual(['s-2']);
});

test('an identity provider follows its secret through the bundle: the new value, every other detail unchanged', async () => {
  sm.on(smSdk.GetSecretValueCommand, { SecretId: 'federation/partner' }).resolves({ ARN: 'arn', VersionId: 'v2', SecretString: JSON.stringify({ clientSecret: 'new-secret-0123456789' }) });
  cognito.on(cognitoSdk.DescribeIdentityProviderCommand).resolves({
    IdentityProvider: {
      UserPoolId: POOL, ProviderName: 'Partner', ProviderType: 'OIDC',
      ProviderDetails: { client_id: 'fed', client_secret: 'old-secret-0123456789', oidc_issuer: 'https://idp.example.net', authorize_scopes: 'openid' },
      AttributeMapping: { email: 'email' }, IdpIdentifiers: ['partner'],
    },
  });
  cognito.on(cognitoSdk.UpdateIdentityProviderCommand).resolves({});

  await handler({
    'source': 'aws.secretsmanager', 'detail-type': 'AWS API Call via CloudTrail',
    'detail': { eventSource: 'secretsmanager.amazonaws.com', eventName: 'PutSecretValue', requestParameters: { secretId: 'federation/partner' } },
  });

  expect(cognito.commandCalls(cognitoSdk.UpdateIdentityProviderCommand).map((c) => c.args[0].input)).toEqual([{
    UserPoolId: POOL, ProviderName: 'Partner',
    ProviderDetails: { client_id: 'fed', client_secret: 'new-secret-0123456789', oidc_issuer: 'https://idp.example.net', authorize_scopes: 'openid' },
    AttributeMapping: { email: 'email' }, IdpIdentifiers: ['partner'],
  }]);
});
