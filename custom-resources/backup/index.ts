/**
 * The scheduled user backup (bundled to assets/backup, run by `UserPoolBackup`'s rule): lists
 * the pool's users, groups and memberships within its share of Cognito's quotas and writes them
 * to S3 as the pool's import CSV plus a JSON of groups, memberships and user states, under a
 * dated folder, with the manifest written last. Not a custom resource: no CloudFormation event.
 */
import { createHash } from 'crypto';
import {
  GetCSVHeaderCommand, ListGroupsCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BACKUP_PAGE_SIZE } from '../../lib/migration/backup-capacity';
import {
  BACKUP_FORMAT_VERSION, BACKUP_VARIABLES, BackupGroup, BackupManifest, BackupPool, BackupUserState, backupFolder, MANIFEST_FILE, POOL_FILE, USERS_FILE, userRow,
} from '../../lib/migration/backup-format';
import { CognitoApi, createCognitoClient } from '../shared/cognito';
import { mapConcurrent } from '../shared/concurrency';
import { emfLine } from '../shared/emf';
import { Logger } from '../shared/log';
import { Clock, QUOTA_SHARE_VARIABLE, quotaShares, RateBudget, realClock } from '../shared/rate-budget';
import { DEFAULT_RETRY } from '../shared/retry';

/** Page size of ListUsers, ListGroups and ListUsersInGroup: the one `UserPoolBackup.capacity` assumes. */
export const PAGE_SIZE = BACKUP_PAGE_SIZE;
/** Time kept for writing the files: listing stops (and the backup fails, with no manifest) when less is left. */
export const WRITE_RESERVE_MS = 60_000;
/** Groups whose members are listed at once. */
const GROUP_CONCURRENCY = 4;
/** A progress line every this many pages of users. */
const PROGRESS_EVERY_PAGES = 50;

export interface BackupConfig {
  readonly userPoolId: string;
  readonly bucket: string;
  /** Empty or ending with `/`. */
  readonly prefix: string;
  readonly namespace: string;
}

/** Where the files go (S3 in Lambda; a map in tests). */
export interface ObjectWriter {
  put(key: string, body: string, contentType: string): Promise<void>;
}

export interface BackupDeps {
  readonly cognito: CognitoApi;
  readonly objects: ObjectWriter;
  readonly log: Logger;
  readonly clock: Clock;
  /** Milliseconds left before the Lambda is stopped. */
  readonly remainingMs: () => number;
  /** Writes one line to the log (EMF metrics). */
  readonly emit: (line: string) => void;
}

export interface BackupResult {
  readonly folder: string;
  readonly manifest: BackupManifest;
}

/** One backup. Throws (after emitting the failure metrics) when it cannot complete; the manifest is then not written. */
export async function runBackup(config: BackupConfig, deps: BackupDeps): Promise<BackupResult> {
  const started = deps.clock.now();
  const folder = backupFolder(config.prefix, new Date(started));
  deps.log.info('backup started', { userPoolId: config.userPoolId, bucket: config.bucket, folder });
  try {
    const result = await backup(config, deps, folder, started);
    emitMetrics(config, deps, { UsersExported: result.manifest.users, DurationSeconds: (deps.clock.now() - started) / 1000, BackupSucceeded: 1, BackupFailed: 0 });
    deps.log.info('backup complete', { folder, users: result.manifest.users, groups: result.manifest.groups, memberships: result.manifest.memberships });
    return result;
  } catch (error) {
    emitMetrics(config, deps, { UsersExported: 0, DurationSeconds: (deps.clock.now() - started) / 1000, BackupSucceeded: 0, BackupFailed: 1 });
    deps.log.error('backup failed: no manifest written, the folder is incomplete', { folder, message: (error as Error).message });
    throw error;
  }
}

async function backup(config: BackupConfig, deps: BackupDeps, folder: string, started: number): Promise<BackupResult> {
  const { cognito } = deps;
  const poolId = config.userPoolId;
  const header = (await cognito.send('UserPoolResourceRead', new GetCSVHeaderCommand({ UserPoolId: poolId }))).CSVHeader ?? [];
  if (!header.includes('cognito:username')) throw new Error(`GetCSVHeader of ${poolId} returned no cognito:username column: [${header.join(', ')}]`);

  let stopped = false;
  const checkTime = (what: string) => {
    if (stopped) throw new Error(`Stopped listing ${what}: the other listing failed.`);
    if (deps.remainingMs() < WRITE_RESERVE_MS) {
      throw new Error(`Stopped while listing ${what}: less than ${WRITE_RESERVE_MS / 1000} s of the function's time is left. `
        + 'The pool has more users than one run can list at the configured quota share: raise quotaShare, or back up less often with a larger share.');
    }
  };

  // Users, and groups with their members, are listed at once: one paginated list is one call
  // at a time, and both spend the same UserList budget, which the two together can fill.
  // The first failure stops the other listing too, before its next call.
  const stopOnFailure = <T>(p: Promise<T>) => p.catch((error) => { stopped = true; throw error; });
  const [{ rows, states }, { groups, memberships }] = await Promise.all([
    stopOnFailure(listUsers(config, deps, header, checkTime)),
    stopOnFailure(listGroups(config, deps, checkTime)),
  ]);

  const csv = rows.join('\n') + '\n';
  const pool: BackupPool = { formatVersion: BACKUP_FORMAT_VERSION, userPoolId: poolId, groups, users: states };
  const poolJson = JSON.stringify(pool);
  await deps.objects.put(`${folder}${USERS_FILE}`, csv, 'text/csv');
  await deps.objects.put(`${folder}${POOL_FILE}`, poolJson, 'application/json');
  const manifest: BackupManifest = {
    formatVersion: BACKUP_FORMAT_VERSION,
    userPoolId: poolId,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(deps.clock.now()).toISOString(),
    users: states.length,
    groups: groups.length,
    memberships,
    files: { [USERS_FILE]: describe(csv), [POOL_FILE]: describe(poolJson) },
  };
  // Last: its presence marks a complete backup.
  await deps.objects.put(`${folder}${MANIFEST_FILE}`, JSON.stringify(manifest, undefined, 2), 'application/json');
  return { folder, manifest };
}

type TimeCheck = (what: string) => void;

async function listUsers(config: BackupConfig, deps: BackupDeps, header: string[], checkTime: TimeCheck): Promise<{ rows: string[]; states: BackupUserState[] }> {
  const rows: string[] = [header.join(',')];
  const states: BackupUserState[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    checkTime(`users (${states.length} so far)`);
    const page = await deps.cognito.send('UserList', new ListUsersCommand({ UserPoolId: config.userPoolId, Limit: PAGE_SIZE, PaginationToken: token }));
    for (const user of page.Users ?? []) {
      rows.push(userRow(header, user));
      states.push({ username: user.Username ?? '', status: user.UserStatus ?? 'UNKNOWN', enabled: user.Enabled !== false });
    }
    token = page.PaginationToken;
    if (++pages % PROGRESS_EVERY_PAGES === 0) deps.log.info('listing users', { users: states.length, pages });
  } while (token);
  deps.log.info('users listed', { users: states.length, pages });
  return { rows, states };
}

async function listGroups(config: BackupConfig, deps: BackupDeps, checkTime: TimeCheck): Promise<{ groups: BackupGroup[]; memberships: number }> {
  const poolId = config.userPoolId;
  const groups: BackupGroup[] = [];
  let next: string | undefined;
  do {
    checkTime('groups');
    const page = await deps.cognito.send('UserPoolResourceRead', new ListGroupsCommand({ UserPoolId: poolId, Limit: PAGE_SIZE, NextToken: next }));
    for (const g of page.Groups ?? []) {
      groups.push({
        name: g.GroupName ?? '',
        ...(g.Description ? { description: g.Description } : {}),
        ...(g.Precedence !== undefined ? { precedence: g.Precedence } : {}),
        ...(g.RoleArn ? { roleArn: g.RoleArn } : {}),
        members: [],
      });
    }
    next = page.NextToken;
  } while (next);
  await mapConcurrent(groups, GROUP_CONCURRENCY, async (group) => {
    let member: string | undefined;
    do {
      checkTime(`the members of group ${group.name}`);
      const page = await deps.cognito.send('UserList', new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: group.name, Limit: PAGE_SIZE, NextToken: member }));
      for (const u of page.Users ?? []) group.members.push(u.Username ?? '');
      member = page.NextToken;
    } while (member);
  });
  const memberships = groups.reduce((n, g) => n + g.members.length, 0);
  deps.log.info('groups listed', { groups: groups.length, memberships });
  return { groups, memberships };
}

function describe(body: string): { bytes: number; sha256: string } {
  return { bytes: Buffer.byteLength(body), sha256: createHash('sha256').update(body).digest('hex') };
}

/** The metrics of one run, as a CloudWatch embedded metric format (EMF) log line. */
export function metricsLine(config: BackupConfig, timestamp: number, values: { [name: string]: number }): string {
  return emfLine({
    namespace: config.namespace, dimension: 'UserPool', dimensionValue: config.userPoolId, timestamp, values, units: { DurationSeconds: 'Seconds' },
  });
}

function emitMetrics(config: BackupConfig, deps: BackupDeps, values: { [name: string]: number }): void {
  deps.emit(metricsLine(config, deps.clock.now(), values));
}

/** The configuration from the function's environment. */
export function configFromEnv(env: NodeJS.ProcessEnv): BackupConfig {
  const need = (name: string) => {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`The backup function's variable ${name} is not set.`);
    return value;
  };
  return {
    userPoolId: need(BACKUP_VARIABLES.userPoolId),
    bucket: need(BACKUP_VARIABLES.bucket),
    prefix: env[BACKUP_VARIABLES.prefix] ?? '',
    namespace: need(BACKUP_VARIABLES.namespace),
  };
}

/** The Lambda entry point (an EventBridge scheduled event; its content is not read). */
export async function handler(_event: unknown, context?: { getRemainingTimeInMillis?: () => number }): Promise<{ folder: string; users: number }> {
  const config = configFromEnv(process.env);
  const log = new Logger();
  const clock = realClock;
  // Its own share of each quota (the construct's quotaShare), not the stack's custom resources'.
  const budget = new RateBudget(clock, quotaShares(process.env[QUOTA_SHARE_VARIABLE], undefined));
  const cognito = new CognitoApi(createCognitoClient(), budget, { ...DEFAULT_RETRY, clock });
  const s3 = new S3Client({});
  const result = await runBackup(config, {
    cognito,
    log,
    clock,
    remainingMs: () => context?.getRemainingTimeInMillis?.() ?? Number.MAX_SAFE_INTEGER,
    emit: (line) => process.stdout.write(`${line}\n`),
    objects: {
      put: async (key, body, contentType) => {
        await s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: body, ContentType: contentType }));
      },
    },
  });
  return { folder: result.folder, users: result.manifest.users };
}
