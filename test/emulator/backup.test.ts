// The bundled backup function (assets/backup) against cognito-local (behind a front that adds
// GetCSVHeader and pagination, and the fault proxy), writing to an in-memory S3 stub; then a
// restore into a fresh pool through the template UserPoolRestore synthesizes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDisableUserCommand, CognitoIdentityProviderClient, CreateGroupCommand,
  CreateUserPoolCommand, ListGroupsCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { startCognitoFront, startS3Stub, S3Stub } from './backup-stubs';
import { bundledHandler, FaultProxy, FaultProxyOptions, seededRandom, Service, startCognitoLocal, startFaultProxy, testCognitoClient, useLocalEndpoints } from './emulator';
import { STANDARD_IMPORT_COLUMNS, UserPoolRestore } from '../../lib';
import { readCsvLines } from '../../lib/private/import-csv';

jest.setTimeout(120_000);

const BUCKET = 'backups';
/**
 * The owner record a `Users` resource keeps on the users it creates (a developer-only
 * attribute, which cognito-local lists without its dev: prefix): not user data.
 */
const OWNER_RECORD = ['dev:custom:cdk_owner', 'custom:cdk_owner'];
const GROUPS = [
  { GroupName: 'admins', Description: 'Administrators', Precedence: 1, RoleArn: 'arn:aws:iam::111111111111:role/admins' },
  { GroupName: 'staff', Description: 'Staff, all of them', Precedence: 5 },
  { GroupName: 'readers' },
];
const USERS = 130; // three pages of ListUsers

/** user i: team t(i%4); every 10th disabled; every 7th with an unverified email; groups by i. */
function userSpec(i: number) {
  return {
    username: `user${String(i).padStart(3, '0')}`,
    attributes: {
      email: `user${i}@example.com`,
      email_verified: i % 7 === 0 ? 'false' : 'true',
      given_name: i % 3 === 0 ? `Given, "${i}"` : `Given${i}`,
      'custom:team': `t${i % 4}`,
    },
    enabled: i % 10 !== 0,
    groups: [i % 2 === 0 ? 'staff' : undefined, i % 25 === 0 ? 'admins' : undefined, i % 3 === 0 ? 'readers' : undefined].filter((g): g is string => !!g),
  };
}

let cognitoLocal: Service;
let front: Service;
let proxy: FaultProxy;
let s3: S3Stub;
let client: CognitoIdentityProviderClient;
const proxyOptions: { -readonly [K in keyof FaultProxyOptions]: FaultProxyOptions[K] } = { faultRate: 0, random: seededRandom(7) };
let sourcePool: string;

beforeAll(async () => {
  cognitoLocal = await startCognitoLocal();
  front = await startCognitoFront(cognitoLocal.endpoint);
  proxy = await startFaultProxy(front.endpoint, proxyOptions);
  s3 = await startS3Stub();
  client = testCognitoClient(cognitoLocal.endpoint);
  sourcePool = await createPool('source');
  for (const g of GROUPS) await client.send(new CreateGroupCommand({ UserPoolId: sourcePool, ...g }));
  for (let i = 0; i < USERS; i++) {
    const u = userSpec(i);
    await client.send(new AdminCreateUserCommand({
      UserPoolId: sourcePool, Username: u.username, MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(u.attributes).map(([Name, Value]) => ({ Name, Value })),
    }));
    if (!u.enabled) await client.send(new AdminDisableUserCommand({ UserPoolId: sourcePool, Username: u.username }));
    for (const g of u.groups) await client.send(new AdminAddUserToGroupCommand({ UserPoolId: sourcePool, Username: u.username, GroupName: g }));
  }
});

afterAll(async () => {
  client.destroy();
  await s3.stop();
  await proxy.stop();
  await front.stop();
  await cognitoLocal.stop();
});

beforeEach(() => {
  useLocalEndpoints(proxy.endpoint, 'http://127.0.0.1:9');
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  process.env.USER_POOL_ID = sourcePool;
  process.env.BACKUP_BUCKET = BUCKET;
  process.env.BACKUP_PREFIX = 'backups/';
  process.env.METRICS_NAMESPACE = 'CdkCognitoUserPools/Backup';
  s3.objects.clear();
  s3.puts.length = 0;
  s3.failPut = undefined;
  proxyOptions.inject = undefined;
  proxyOptions.rateLimit = undefined;
});

async function createPool(name: string): Promise<string> {
  return (await client.send(new CreateUserPoolCommand({
    PoolName: name,
    Schema: [{ Name: 'team', AttributeDataType: 'String', Mutable: true }],
  }))).UserPool!.Id!;
}

type BackupHandler = (event: unknown, context?: { getRemainingTimeInMillis(): number }) => Promise<{ folder: string; users: number }>;
function backupHandler(): BackupHandler {
  return require(path.join(__dirname, '..', '..', 'assets', 'backup', 'index.js')).handler;
}

/** Runs the function with its log lines captured; returns them. */
async function runBackup(context?: { getRemainingTimeInMillis(): number }): Promise<{ result?: { folder: string; users: number }; error?: Error; lines: string[] }> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { lines.push(String(chunk).trim()); return true; });
  try {
    return { result: await backupHandler()({ source: 'aws.events' }, context), lines };
  } catch (error) {
    return { error: error as Error, lines };
  } finally {
    log.mockRestore();
    out.mockRestore();
  }
}

function metricsOf(lines: string[]): any {
  return lines.map((l) => { try { return JSON.parse(l); } catch { return undefined; } }).find((l) => l?._aws);
}

async function allUsers(poolId: string): Promise<Array<{ username: string; enabled: boolean; attributes: { [k: string]: string } }>> {
  const users = (await client.send(new ListUsersCommand({ UserPoolId: poolId }))).Users ?? [];
  return users.map((u) => ({
    username: u.Username!,
    enabled: u.Enabled!,
    attributes: Object.fromEntries((u.Attributes ?? []).filter((a) => a.Name !== 'sub' && !OWNER_RECORD.includes(a.Name!)).map((a) => [a.Name!, a.Value!])),
  })).sort((a, b) => a.username.localeCompare(b.username));
}

async function groupsAndMembers(poolId: string) {
  const groups = (await client.send(new ListGroupsCommand({ UserPoolId: poolId }))).Groups ?? [];
  const out: { [name: string]: { description?: string; precedence?: number; roleArn?: string; members: string[] } } = {};
  for (const g of groups) {
    const members = (await client.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: g.GroupName! }))).Users ?? [];
    out[g.GroupName!] = { description: g.Description, precedence: g.Precedence, roleArn: g.RoleArn, members: members.map((m) => m.Username!).sort() };
  }
  return out;
}

describe('backup', () => {
  test('writes the users as the import CSV, the groups and memberships as JSON, and the manifest last', async () => {
    // WHEN
    const { result, error, lines } = await runBackup();

    // THEN
    expect(error).toBeUndefined();
    const folder = result!.folder;
    expect(folder).toMatch(/^backups\/\d{4}-\d{2}-\d{2}T\d{6}Z\/$/);
    expect(s3.puts).toEqual([`${BUCKET}/${folder}users.csv`, `${BUCKET}/${folder}pool.json`, `${BUCKET}/${folder}manifest.json`]);
    const [header, ...rows] = readCsvLines(s3.objects.get(`${BUCKET}/${folder}users.csv`)!);
    expect(header.fields).toEqual([...STANDARD_IMPORT_COLUMNS, 'custom:team']);
    expect(rows).toHaveLength(USERS);
    const col = (name: string) => header.fields.indexOf(name);
    const row51 = rows.find((r) => r.fields[col('cognito:username')] === 'user051')!.fields;
    expect([row51[col('email')], row51[col('email_verified')], row51[col('given_name')], row51[col('custom:team')], row51[col('cognito:mfa_enabled')]])
      .toEqual(['user51@example.com', 'true', 'Given, "51"', 't3', 'false']);

    const pool = JSON.parse(s3.objects.get(`${BUCKET}/${folder}pool.json`)!);
    const expectedMembers = (g: string) => Array.from({ length: USERS }, (_, i) => userSpec(i)).filter((u) => u.groups.includes(g)).map((u) => u.username).sort();
    const memberships = ['admins', 'readers', 'staff'].reduce((n, g) => n + expectedMembers(g).length, 0);
    expect(pool.groups.map((g: any) => ({ ...g, members: [...g.members].sort() })).sort((a: any, b: any) => a.name.localeCompare(b.name))).toEqual([
      { name: 'admins', description: 'Administrators', precedence: 1, roleArn: 'arn:aws:iam::111111111111:role/admins', members: expectedMembers('admins') },
      { name: 'readers', members: expectedMembers('readers') },
      { name: 'staff', description: 'Staff, all of them', precedence: 5, members: expectedMembers('staff') },
    ]);
    expect(pool.users.filter((u: any) => !u.enabled).map((u: any) => u.username)).toEqual(
      Array.from({ length: USERS }, (_, i) => userSpec(i)).filter((u) => !u.enabled).map((u) => u.username));
    expect(new Set(pool.users.map((u: any) => u.status))).toEqual(new Set(['FORCE_CHANGE_PASSWORD']));

    const manifest = JSON.parse(s3.objects.get(`${BUCKET}/${folder}manifest.json`)!);
    expect({ users: manifest.users, groups: manifest.groups, memberships: manifest.memberships, userPoolId: manifest.userPoolId })
      .toEqual({ users: USERS, groups: 3, memberships, userPoolId: sourcePool });
    expect(Object.keys(manifest.files)).toEqual(['users.csv', 'pool.json']);

    // AND its progress in the log (names and counts, no attribute values); users and groups are listed at once
    const logged = lines.map((l) => { try { return JSON.parse(l); } catch { return undefined; } }).filter((l) => l?.message);
    // (the two listings finish in either order)
    const entries = logged.map((l) => [l.message, l.details]);
    const listings = entries.slice(1, 3).sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect([entries[0], ...listings, ...entries.slice(3)]).toEqual([
      ['backup started', { userPoolId: sourcePool, bucket: BUCKET, folder }],
      ['groups listed', { groups: 3, memberships }],
      ['users listed', { users: USERS, pages: 3 }],
      ['backup complete', { folder, users: USERS, groups: 3, memberships }],
    ]);
    expect(lines.join('\n')).not.toContain('@example.com');

    // AND the run's metrics, in the embedded metric format
    const emf = metricsOf(lines);
    expect(emf._aws.CloudWatchMetrics).toEqual([{
      Namespace: 'CdkCognitoUserPools/Backup',
      Dimensions: [['UserPool']],
      Metrics: [
        { Name: 'UsersExported', Unit: 'Count' }, { Name: 'DurationSeconds', Unit: 'Seconds' },
        { Name: 'BackupSucceeded', Unit: 'Count' }, { Name: 'BackupFailed', Unit: 'Count' },
      ],
    }]);
    expect([emf.UserPool, emf.UsersExported, emf.BackupSucceeded, emf.BackupFailed]).toEqual([sourcePool, USERS, 1, 0]);
  });

  test('a throttled ListUsers still completes: the throttled pages are retried', async () => {
    // GIVEN ListUsers answered with TooManyRequestsException above 2 a second, and the function at the whole quota (30/s)
    process.env.COGNITO_QUOTA_SHARE = '1';
    proxyOptions.rateLimit = { operations: new Set(['ListUsers']), perSecond: 2 };
    const before = proxy.faults.rateLimited;

    // WHEN
    const { result, error } = await runBackup();

    // THEN every user is in the backup, although requests were throttled
    expect(error).toBeUndefined();
    expect(proxy.faults.rateLimited).toBeGreaterThan(before);
    const manifest = JSON.parse(s3.objects.get(`${BUCKET}/${result!.folder}manifest.json`)!);
    expect(manifest.users).toBe(USERS);
    expect(readCsvLines(s3.objects.get(`${BUCKET}/${result!.folder}users.csv`)!)).toHaveLength(USERS + 1);
  });

  test('a failure midway (listing the members of a group) writes nothing and reports the failure', async () => {
    // GIVEN the second ListUsersInGroup fails
    let n = 0;
    proxyOptions.inject = (operation) => (operation === 'ListUsersInGroup' && ++n === 2 ? 'InvalidParameterException' : undefined);

    // WHEN
    const { error, lines } = await runBackup();

    // THEN
    expect(error?.message).toBe('Injected InvalidParameterException');
    expect(s3.puts).toEqual([]);
    const emf = metricsOf(lines);
    expect([emf.UsersExported, emf.BackupSucceeded, emf.BackupFailed]).toEqual([0, 0, 1]);
  });

  test('a failure while writing (pool.json) leaves the folder without a manifest', async () => {
    s3.failPut = (key) => key.endsWith('/pool.json');
    const { error } = await runBackup();
    expect(error?.name).toBe('InternalError');
    expect(s3.puts.map((k) => k.split('/').pop())).toEqual(['users.csv']);
    expect([...s3.objects.keys()].some((k) => k.endsWith('manifest.json'))).toBe(false);
  });

  test('a run that runs out of time stops listing and writes no manifest', async () => {
    const { error } = await runBackup({ getRemainingTimeInMillis: () => 59_000 });
    expect(error?.message).toBe('Stopped while listing users (0 so far): less than 60 s of the function\'s time is left. '
      + 'The pool has more users than one run can list at the configured quota share: raise quotaShare, or back up less often with a larger share.');
    expect(s3.puts).toEqual([]);
  });
});

describe('restore round trip', () => {
  test('a backup restored into a fresh pool gives back every user (attributes, enabled), group and membership', async () => {
    // GIVEN a backup, copied to a local folder
    const { result } = await runBackup();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-copy-'));
    for (const name of ['users.csv', 'pool.json', 'manifest.json']) fs.writeFileSync(path.join(dir, name), s3.objects.get(`${BUCKET}/${result!.folder}${name}`)!);
    const targetPool = await createPool('target');

    // WHEN the restore is synthesized and its template deployed against the emulator
    const app = new App();
    const stack = new Stack(app, 'Restore', { env: { account: '111111111111', region: 'us-east-1' } });
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Target', targetPool);
    const restore = new UserPoolRestore(stack, 'Restore', { userPool: pool, backupDirectory: dir });
    const assembly = app.synth();
    await deployTemplate(assembly.getStackByName('Restore').template, assembly.directory, targetPool);

    // THEN the target pool holds what the source pool holds
    expect(restore.createdUsernames).toEqual(Array.from({ length: USERS }, (_, i) => userSpec(i)).filter((u) => !u.enabled || u.attributes.email_verified === 'false').map((u) => u.username));
    expect(await allUsers(targetPool)).toEqual(await allUsers(sourcePool));
    expect(await groupsAndMembers(targetPool)).toEqual(await groupsAndMembers(sourcePool));
  });
});

/**
 * Deploys the restore's template against the emulator, in dependency order: groups by
 * CreateGroup; the import job by a fake that applies the job's CSV (the synthesized asset) with
 * AdminCreateUser, as the job would (cognito-local has no import jobs); `Users` and
 * `GroupMembership` by the bundled provider handler with the template's properties.
 */
async function deployTemplate(template: any, assemblyDir: string, poolId: string): Promise<void> {
  const resources: { [id: string]: any } = template.Resources;
  const groupNames = new Map<string, string>();
  const resolve = (value: any): any => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      if (value.Ref && groupNames.has(value.Ref)) return groupNames.get(value.Ref);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    }
    return value;
  };
  const of = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  for (const [id, r] of of('AWS::Cognito::UserPoolGroup')) {
    const p = r.Properties;
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: p.GroupName, Description: p.Description, Precedence: p.Precedence, RoleArn: p.RoleArn }));
    groupNames.set(id, p.GroupName);
  }
  for (const [, r] of of('Custom::CognitoUserImportJob')) {
    const csv = fs.readFileSync(path.join(assemblyDir, `asset.${r.Properties.DataHash}.csv`), 'utf8');
    const [header, ...rows] = readCsvLines(csv);
    for (const row of rows) {
      const attributes = header.fields.map((c, i) => ({ Name: c, Value: row.fields[i] })).filter((a) => !a.Name.startsWith('cognito:') && a.Value !== '');
      await client.send(new AdminCreateUserCommand({
        UserPoolId: poolId, Username: row.fields[header.fields.indexOf('cognito:username')], MessageAction: 'SUPPRESS', UserAttributes: attributes,
      }));
    }
  }
  const handler = bundledHandler();
  const silence = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    for (const type of ['Custom::CognitoUsers', 'Custom::CognitoGroupMembership']) {
      for (const [id, r] of of(type)) {
        const { ServiceToken: _token, ...props } = resolve(r.Properties);
        await handler({
          RequestType: 'Create', ResourceType: type, LogicalResourceId: id, RequestId: `req-${id}`,
          StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Restore/1', ResourceProperties: { ServiceToken: 'token', ...props },
        });
      }
    }
  } finally {
    silence.mockRestore();
  }
}
