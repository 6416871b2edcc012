// UserPoolMigration end to end against cognito-local: a pool of 300 users in groups moves to a
// new pool that signs in with email (the old one with usernames). cognito-local calls the
// bundled user-migration trigger through a local Lambda endpoint at each sign-in of an unknown
// user, as Cognito does; the trigger's asynchronous follow-up (memberships) goes through the same
// endpoint. The users who did not sign in arrive by the export (the bundled function's export
// command, written to a local S3 stand-in), checked by the construct at synth, and an import
// emulated as Cognito's import job applies the CSV (cognito-local has no import jobs), with the
// memberships through the bundled provider handler's GroupMembership.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, AdminInitiateAuthCommand, AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand, CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  ListUsersCommand, UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cdkCognito from 'aws-cdk-lib/aws-cognito';
import { UserPool, UserPoolMigration } from '../../lib';
import { readCsvLines, STANDARD_IMPORT_COLUMNS } from '../../lib/private/import-csv';
import { bundledHandler, Service, startCognitoLocal, startFaultProxy, startSecretsStub, testCognitoClient, useLocalEndpoints } from './emulator';

const USERS = 300;
const GROUPS = ['admins', 'editors', 'viewers'];
const SIGNING_IN = 120;
/** Migrated at a password reset, and at a sign-in through throttling and a lost answer. */
const RESET = 150;
const THROUGH_FAULTS = 270;
const LAZY = new Set([...Array.from({ length: SIGNING_IN }, (_, i) => i), RESET, THROUGH_FAULTS]);
const FUNCTION = 'migration';
const BUCKET = 'migration-exports';
// Made fresh for each run, so no password is committed.
const passwordOf = new Map<number, string>();
const name = (i: number) => `user${String(i).padStart(3, '0')}`;
const emailOf = (i: number) => `${name(i)}@example.com`;
const groupsOf = (i: number) => GROUPS.filter((_, k) => i % [10, 3, 2][k] === 0);

type Trigger = (event: any) => Promise<any>;
let cognitoLocal: Service;
let secretsStub: Service;
let lambdaStub: Service & { pending: Array<Promise<void>>; asyncFailures: string[] };
let s3Stub: Service & { objects: Map<string, string> };
let cognito: CognitoIdentityProviderClient;
let oldPoolId: string;
let oldClientId: string;
let newPoolId: string;
let newClientId: string;
const lines: string[] = [];
let trigger: Trigger;

/** A Lambda Invoke endpoint that runs the bundled migration function (RequestResponse and Event). */
async function startLambdaStub(run: () => Trigger): Promise<typeof lambdaStub> {
  const pending: Array<Promise<void>> = [];
  const asyncFailures: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const event = JSON.parse(body || '{}');
      if (req.headers['x-amz-invocation-type'] === 'Event') {
        res.writeHead(202);
        res.end();
        // Run after the answer, as Lambda runs an asynchronous invocation.
        pending.push(new Promise((resolve) => setTimeout(resolve, 10))
          .then(() => run()(event)).then(() => undefined, (e) => { asyncFailures.push(String(e)); }));
        return;
      }
      run()(event).then(
        (result) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(result ?? null)); },
        (error) => {
          res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
          res.end(JSON.stringify({ errorType: error.name, errorMessage: error.message }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pending,
    asyncFailures,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** PutObject (path style) into memory. */
async function startS3Stub(): Promise<typeof s3Stub> {
  const objects = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      if (req.method === 'PUT') {
        objects.set(decodeURIComponent(req.url!.split('?')[0]), Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { ETag: '"1"' });
        return res.end();
      }
      res.writeHead(405);
      return res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function migrationTrigger(): Trigger {
  return require(path.join(__dirname, '..', '..', 'assets', 'migration-trigger', 'index.js')).handler;
}

async function allUsers(userPoolId: string): Promise<UserType[]> {
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
    users.push(...page.Users ?? []);
    token = page.PaginationToken;
  } while (token);
  return users;
}

const attr = (u: { Attributes?: any[]; UserAttributes?: any[] }, n: string) =>
  (u.Attributes ?? u.UserAttributes ?? []).find((a: any) => a.Name === n)?.Value;

async function groupsIn(userPoolId: string, username: string): Promise<string[]> {
  const res = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }));
  return (res.Groups ?? []).map((g) => g.GroupName!).sort();
}

/**
 * A new-pool user's groups, asked by the user's username (cognito-local's AdminListGroupsForUser
 * matches members by the name as given, so an email address finds none in a pool that signs in
 * with email; Cognito resolves it).
 */
async function newGroupsOf(email: string): Promise<string[]> {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: newPoolId, Username: email }));
  return groupsIn(newPoolId, user.Username!);
}

async function signIn(clientId: string, poolId: string, username: string, password: string) {
  return cognito.send(new AdminInitiateAuthCommand({
    UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
  }));
}

beforeAll(async () => {
  lambdaStub = await startLambdaStub(() => trigger);
  [cognitoLocal, secretsStub, s3Stub] = await Promise.all([
    startCognitoLocal({
      TriggerFunctions: { UserMigration: FUNCTION },
      LambdaClient: { endpoint: lambdaStub.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    }),
    startSecretsStub(new Map()),
    startS3Stub(),
  ]);
  useLocalEndpoints(cognitoLocal.endpoint, secretsStub.endpoint);
  process.env.AWS_ENDPOINT_URL_LAMBDA = lambdaStub.endpoint;
  process.env.AWS_ENDPOINT_URL_S3 = s3Stub.endpoint;
  process.env.AWS_LAMBDA_FUNCTION_NAME = FUNCTION;
  cognito = testCognitoClient(cognitoLocal.endpoint);

  // The old pool: plain usernames, a custom attribute, three groups.
  oldPoolId = (await cognito.send(new CreateUserPoolCommand({
    PoolName: 'old', UsernameAttributes: [],
    Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }],
  }))).UserPool!.Id!;
  oldClientId = (await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: oldPoolId, ClientName: 'migration', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'],
  }))).UserPoolClient!.ClientId!;
  for (const g of GROUPS) await cognito.send(new CreateGroupCommand({ UserPoolId: oldPoolId, GroupName: g }));
  for (let i = 0; i < USERS; i++) {
    passwordOf.set(i, `Aa1!${randomBytes(9).toString('base64url')}`);
    await cognito.send(new AdminCreateUserCommand({
      UserPoolId: oldPoolId, Username: name(i), MessageAction: 'SUPPRESS', TemporaryPassword: passwordOf.get(i),
      UserAttributes: [
        { Name: 'email', Value: emailOf(i) }, { Name: 'email_verified', Value: 'true' },
        { Name: 'given_name', Value: `Given ${i}` }, { Name: 'custom:tenant', Value: `tenant-${i % 7}` },
      ],
    }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: oldPoolId, Username: name(i), Password: passwordOf.get(i), Permanent: true }));
    for (const g of groupsOf(i)) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: oldPoolId, Username: name(i), GroupName: g }));
  }

  // The new pool: email as username, the custom attribute renamed; the construct's groups.
  newPoolId = (await cognito.send(new CreateUserPoolCommand({
    PoolName: 'new', UsernameAttributes: ['email'],
    Schema: [{ Name: 'org', AttributeDataType: 'String', Mutable: true }],
  }))).UserPool!.Id!;
  newClientId = (await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: newPoolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'],
  }))).UserPoolClient!.ClientId!;
  for (const g of GROUPS) await cognito.send(new CreateGroupCommand({ UserPoolId: newPoolId, GroupName: g }));

  // The function's environment, as the construct writes it (checked by the construct test).
  process.env.MIGRATION_CONFIG = JSON.stringify({
    sourceUserPoolId: oldPoolId,
    sourceClientId: oldClientId,
    attributeMapping: { 'custom:tenant': 'custom:org' },
    groups: GROUPS,
    lookupAttribute: 'email',
    metricNamespace: 'CdkCognitoUserPools/Migration',
    migrationName: 'App/Migration',
    exportBucket: BUCKET,
  });
  const bundled = migrationTrigger();
  trigger = bundled;
  jest.spyOn(console, 'log').mockImplementation((line: string) => { lines.push(String(line)); });
}, 240000);

afterAll(async () => {
  jest.restoreAllMocks();
  delete process.env.MIGRATION_CONFIG;
  delete process.env.AWS_ENDPOINT_URL_LAMBDA;
  delete process.env.AWS_ENDPOINT_URL_S3;
  delete process.env.AWS_LAMBDA_FUNCTION_NAME;
  await Promise.all([cognitoLocal?.stop(), secretsStub?.stop(), lambdaStub?.stop(), s3Stub?.stop()]);
});

const metricRecords = (metric: string) => lines.map((l) => { try { return JSON.parse(l); } catch { return undefined; } })
  .filter((r) => r?._aws && metric in r);

describe('lazy migration at sign-in (cognito-local calls the bundled trigger)', () => {
  test('a wrong password migrates nobody and is answered as a wrong password', async () => {
    // WHEN user000 signs in to the new pool with a wrong password
    await expect(signIn(newClientId, newPoolId, emailOf(0), 'Wrong1!password'))
      .rejects.toMatchObject({ name: 'NotAuthorizedException' });
    // THEN the new pool has no user, and the refusal is counted with its reason
    expect(await allUsers(newPoolId)).toEqual([]);
    expect(metricRecords('RefusedMigrations').map((r) => [r.RefusedMigrations, r.reason, r.Migration]))
      .toEqual([[1, 'wrong password', 'App/Migration']]);
  });

  test(`${SIGNING_IN} users sign in with their email and old password: created with mapped attributes, groups copied`, async () => {
    // WHEN the first SIGNING_IN users sign in to the new pool (with the email it signs in with)
    for (let i = 0; i < SIGNING_IN; i++) {
      const result = await signIn(newClientId, newPoolId, emailOf(i), passwordOf.get(i)!);
      expect(typeof result.AuthenticationResult?.IdToken).toBe('string');
    }
    await Promise.all(lambdaStub.pending);
    expect(lambdaStub.asyncFailures).toEqual([]);
    // THEN each exists in the new pool, confirmed, with the old attributes mapped
    const users = await allUsers(newPoolId);
    expect(users.map((u) => attr(u, 'email')).sort()).toEqual(Array.from({ length: SIGNING_IN }, (_, i) => emailOf(i)));
    for (const u of users) {
      const i = Number(attr(u, 'email')!.slice(4, 7));
      expect(u.UserStatus).toBe('CONFIRMED');
      expect(Object.fromEntries((u.Attributes ?? []).filter((a) => a.Name !== 'sub').map((a) => [a.Name, a.Value]))).toEqual({
        'email': emailOf(i), 'email_verified': 'true', 'given_name': `Given ${i}`, 'custom:org': `tenant-${i % 7}`,
      });
      // and in the same groups as in the old pool (the follow-up)
      expect(await newGroupsOf(emailOf(i))).toEqual(groupsOf(i));
    }
    // AND a second sign-in goes to the new pool's user (same password), with no migration
    const before = metricRecords('MigratedUsers').length;
    await signIn(newClientId, newPoolId, emailOf(5), passwordOf.get(5)!);
    expect(metricRecords('MigratedUsers').length).toBe(before);
    expect(before).toBe(SIGNING_IN);
    expect(metricRecords('MigratedUsers')[0]).toEqual({
      _aws: { Timestamp: expect.any(Number), CloudWatchMetrics: [{ Namespace: 'CdkCognitoUserPools/Migration', Dimensions: [['Migration']], Metrics: [{ Name: 'MigratedUsers', Unit: 'Count' }] }] },
      Migration: 'App/Migration', triggerSource: 'UserMigration_Authentication', MigratedUsers: 1,
    });
    // AND no password was ever logged
    const logged = lines.join('\n');
    for (let i = 0; i < SIGNING_IN; i++) expect(logged).not.toContain(passwordOf.get(i));
    expect(logged).not.toContain('Wrong1!password');
  }, 240000);

  test('a password reset of a user not yet migrated: UserMigration_ForgotPassword gives the attributes, no status', async () => {
    // GIVEN the event Cognito sends for ForgotPassword of an unknown user (cognito-local does not send it)
    const event = {
      version: '1', triggerSource: 'UserMigration_ForgotPassword', region: 'us-east-1', userPoolId: newPoolId, userName: emailOf(RESET),
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: newClientId },
      request: { clientMetadata: {} }, response: {},
    };
    const result = await migrationTrigger()(event);
    expect(result.response).toEqual({
      userAttributes: { 'email': emailOf(RESET), 'email_verified': 'true', 'given_name': `Given ${RESET}`, 'custom:org': `tenant-${RESET % 7}` },
      messageAction: 'SUPPRESS',
    });
    // WHEN Cognito creates the user from the answer (as it does, in RESET_REQUIRED, then sends the code)
    await cognito.send(new AdminCreateUserCommand({
      UserPoolId: newPoolId, Username: emailOf(RESET), MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(result.response.userAttributes).map(([Name, Value]) => ({ Name, Value: String(Value) })),
    }));
    await Promise.all(lambdaStub.pending);
    // THEN its groups follow
    expect(await newGroupsOf(emailOf(RESET))).toEqual(groupsOf(RESET));
  }, 60000);
});

test('through a throttled AdminInitiateAuth and a lost answer of AdminAddUserToGroup (the write landed): migrated, groups complete', async () => {
  // GIVEN the function's Cognito calls go through a proxy that throttles the first password
  // check and loses the answer of the first membership write after it landed
  let auths = 0;
  let adds = 0;
  let loseThis = false;
  const proxy = await startFaultProxy(cognitoLocal.endpoint, {
    faultRate: 0,
    lostResponseRate: 1,
    random: () => (loseThis ? 0 : 1),
    inject: (operation) => {
      loseThis = operation === 'AdminAddUserToGroup' && ++adds === 1;
      return operation === 'AdminInitiateAuth' && ++auths === 1 ? 'TooManyRequestsException' : undefined;
    },
  });
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = proxy.endpoint;
  try {
    // WHEN the user signs in to the new pool
    await signIn(newClientId, newPoolId, emailOf(THROUGH_FAULTS), passwordOf.get(THROUGH_FAULTS)!);
    await Promise.all(lambdaStub.pending);
  } finally {
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognitoLocal.endpoint;
    await proxy.stop();
  }
  // THEN the password check was retried, the lost write sent again, and the user is complete
  expect([auths, adds, proxy.faults.injected, proxy.faults.lost]).toEqual([2, 4, 1, 1]);
  expect(lambdaStub.asyncFailures).toEqual([]);
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: newPoolId, Username: emailOf(THROUGH_FAULTS) }));
  expect(user.UserStatus).toBe('CONFIRMED');
  expect(await newGroupsOf(emailOf(THROUGH_FAULTS))).toEqual(GROUPS);
}, 60000);

describe('bulk migration of the rest: export, synth check, import, memberships', () => {
  let csv: string;
  let memberships: { groups: Array<{ name: string; usernames: string[] }> };

  test('the export command writes the users not yet in the new pool as the import CSV, and the memberships', async () => {
    // WHEN the export command runs (as `aws lambda invoke` would send it)
    const result = await migrationTrigger()({ command: 'export', targetUserPoolId: newPoolId, prefix: 'exports/final' });
    // THEN 178 users are exported (300, less the 122 migrated at sign-in or at a password reset)
    expect(result).toEqual({
      bucket: BUCKET, csvKey: 'exports/final/users.csv', groupsKey: 'exports/final/groups.json', exported: USERS - LAZY.size,
      skipped: { alreadyMigrated: LAZY.size, federated: 0, disabled: 0, unverified: 0 },
    });
    csv = s3Stub.objects.get(`/${BUCKET}/exports/final/users.csv`)!;
    memberships = JSON.parse(s3Stub.objects.get(`/${BUCKET}/exports/final/groups.json`)!);
    const [header, ...rows] = readCsvLines(csv);
    expect(header.fields).toEqual([...STANDARD_IMPORT_COLUMNS, 'custom:org']);
    const left = Array.from({ length: USERS }, (_, i) => i).filter((i) => !LAZY.has(i));
    expect(rows.map((r) => r.fields[header.fields.indexOf('cognito:username')])).toEqual(left.map(emailOf));
    const row = Object.fromEntries(header.fields.map((c, k) => [c, rows[0].fields[k]]).filter(([, v]) => v !== ''));
    expect(row).toEqual({
      'email': emailOf(120), 'email_verified': 'true', 'given_name': 'Given 120', 'custom:org': 'tenant-1',
      'cognito:mfa_enabled': 'false', 'cognito:username': emailOf(120),
    });
    // and every member of each group, by the name the new pool knows them by
    expect(memberships).toEqual({
      groups: GROUPS.map((g) => ({ name: g, usernames: Array.from({ length: USERS }, (_, i) => i).filter((i) => groupsOf(i).includes(g)).map(emailOf).sort() })),
    });
  }, 60000);

  test('the construct accepts the export at synth and imports it after the migration; the emulated import and the memberships complete the pool', async () => {
    // GIVEN the export downloaded next to the app
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-export-'));
    fs.writeFileSync(path.join(dir, 'users.csv'), csv);
    fs.writeFileSync(path.join(dir, 'groups.json'), JSON.stringify(memberships));
    // WHEN the app declares the final import
    const stack = new Stack(new App(), 'App', { env: { account: '111111111111', region: 'us-east-1' } });
    const oldPool = new UserPool(stack, 'OldPool', { customAttributes: { tenant: new cdkCognito.StringAttribute({ mutable: true }) } });
    const client = oldPool.addClient('Migration', { authFlows: { adminUserPassword: true } });
    const newPool = new UserPool(stack, 'NewPool', {
      signInAliases: { email: true }, customAttributes: { org: new cdkCognito.StringAttribute({ mutable: true }) },
    });
    new UserPoolMigration(stack, 'Migration', {
      sourceUserPool: oldPool, sourceUserPoolClient: client, targetUserPool: newPool,
      attributeMapping: { 'custom:tenant': 'custom:org' }, groups: GROUPS,
      finalImport: { csvFile: path.join(dir, 'users.csv'), membershipsFile: path.join(dir, 'groups.json') },
    });
    // THEN the template has the import job and one membership resource per group, one after another after the job
    const template = Template.fromStack(stack);
    const job = Object.keys(template.findResources('Custom::CognitoUserImportJob'));
    expect(job).toHaveLength(1);
    const members = template.findResources('Custom::CognitoGroupMembership');
    expect(Object.values(members).map((r: any) => r.Properties.Usernames)).toEqual(memberships.groups.map((g) => g.usernames));
    // the first after the job, each of the others after the one before
    expect(Object.values(members).map((r: any) => r.DependsOn.filter((d: string) => d === job[0] || d in members)))
      .toEqual([[job[0]], [Object.keys(members)[0]], [Object.keys(members)[1]]]);

    // WHEN the import job runs (emulated: cognito-local has none; Cognito creates each row's user, RESET_REQUIRED)
    const [header, ...rows] = readCsvLines(csv);
    for (const r of rows) {
      const attributes = header.fields.map((c, k) => ({ Name: c, Value: r.fields[k] }))
        .filter((a) => !a.Name.startsWith('cognito:') && a.Value !== '');
      await cognito.send(new AdminCreateUserCommand({
        UserPoolId: newPoolId, Username: r.fields[header.fields.indexOf('cognito:username')], MessageAction: 'SUPPRESS', UserAttributes: attributes,
      }));
    }
    // AND the GroupMembership resources are created by the bundled provider handler
    const provider = bundledHandler();
    for (const [id, r] of Object.entries<any>(members)) {
      await provider({
        RequestType: 'Create', ResourceType: 'Custom::CognitoGroupMembership', RequestId: `create-${id}`, LogicalResourceId: id,
        StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/App/1',
        ResourceProperties: { ServiceToken: 'token', UserPoolId: newPoolId, GroupName: memberships.groups[Object.keys(members).indexOf(id)].name, Usernames: r.Properties.Usernames },
      });
    }

    // THEN every old user is in the new pool, with mapped attributes and the same groups
    const newUsers = await allUsers(newPoolId);
    expect(newUsers.map((u) => attr(u, 'email')).sort()).toEqual(Array.from({ length: USERS }, (_, i) => emailOf(i)));
    for (let i = 0; i < USERS; i++) {
      const u = await cognito.send(new AdminGetUserCommand({ UserPoolId: newPoolId, Username: emailOf(i) }));
      expect([attr(u, 'given_name'), attr(u, 'custom:org'), attr(u, 'custom:tenant')]).toEqual([`Given ${i}`, `tenant-${i % 7}`, undefined]);
      expect(await newGroupsOf(emailOf(i))).toEqual(await groupsIn(oldPoolId, name(i)));
      // Those who signed in keep their password; the imported ones must reset it.
      if (i < SIGNING_IN || i === THROUGH_FAULTS) expect(u.UserStatus).toBe('CONFIRMED');
      else expect(u.UserStatus).not.toBe('CONFIRMED');
    }
    await signIn(newClientId, newPoolId, emailOf(SIGNING_IN - 1), passwordOf.get(SIGNING_IN - 1)!);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240000);

});
