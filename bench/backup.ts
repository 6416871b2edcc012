/**
 * Backup throughput: the bundled backup function (assets/backup) lists a pool of users in
 * groups at its default share of the UserList quota, against the emulator behind a front that
 * paginates as Cognito does (60 a page) and a proxy that throttles ListUsers and
 * ListUsersInGroup above Cognito's default 30 requests a second, writing to the in-memory S3 stub.
 */
import * as path from 'path';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, CreateGroupCommand, CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_BACKUP_QUOTA_SHARE } from '../lib/migration/backup-capacity';
import { startCognitoFront, startS3Stub } from '../test/emulator/backup-stubs';
import { startCognitoLocal, testCognitoClient, useLocalEndpoints } from '../test/emulator/emulator';
import { startCountingProxy } from './counting-proxy';
import { Figure, verdict } from './stats';

/** Cognito's UserList category (default quota 30 requests a second), 60 entries a call. */
const USER_LIST = new Set(['ListUsers', 'ListUsersInGroup']);
const QUOTA = 30;
const PAGE = 60;

export interface BackupBenchResult {
  readonly figures: Figure[];
  readonly notes: string[];
}

export async function benchBackup(userCount = 3000): Promise<BackupBenchResult> {
  const emulator = await startCognitoLocal();
  const front = await startCognitoFront(emulator.endpoint);
  const proxy = await startCountingProxy(front.endpoint, { rate: QUOTA, operations: USER_LIST });
  const s3 = await startS3Stub();
  const cognito = testCognitoClient(emulator.endpoint);
  try {
    const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'bench-backup' }))).UserPool!.Id!;
    await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }));
    for (let i = 0; i < userCount; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, userCount - i) }, async (_, j) => {
        const username = `user${i + j}`;
        await cognito.send(new AdminCreateUserCommand({
          UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }, { Name: 'email_verified', Value: 'true' }],
        }));
        if ((i + j) % 2 === 0) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: 'staff' }));
      }));
    }
    const members = Math.ceil(userCount / 2);

    useLocalEndpoints(proxy.endpoint, 'http://127.0.0.1:9');
    // The function's environment as UserPoolBackup writes it, with its default share.
    Object.assign(process.env, {
      COGNITO_QUOTA_SHARE: String(DEFAULT_BACKUP_QUOTA_SHARE),
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      USER_POOL_ID: poolId,
      BACKUP_BUCKET: 'bench',
      BACKUP_PREFIX: 'backups/',
      METRICS_NAMESPACE: 'CdkCognitoUserPools/Backup',
    });
    const handler = require(path.join(__dirname, '..', 'assets', 'backup', 'index.js')).handler;
    proxy.reset();
    let error: string | undefined;
    let exported = 0;
    const started = Date.now();
    const log = console.log;
    const write = process.stdout.write.bind(process.stdout);
    console.log = () => undefined;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      exported = (await handler({})).users;
    } catch (e) {
      error = (e as Error).message.split('\n')[0];
    } finally {
      console.log = log;
      process.stdout.write = write;
    }
    const seconds = (Date.now() - started) / 1000;

    const calls = (proxy.forwarded.get('ListUsers') ?? 0) + (proxy.forwarded.get('ListUsersInGroup') ?? 0);
    const throttled = (proxy.throttled.get('ListUsers') ?? 0) + (proxy.throttled.get('ListUsersInGroup') ?? 0);
    const callShare = calls / seconds / QUOTA;
    const entries = userCount + members;
    const entryShare = entries / seconds / (QUOTA * PAGE);
    const target = DEFAULT_BACKUP_QUOTA_SHARE;
    const figures: Figure[] = [
      {
        section: 'Backup', name: `${userCount} users, ${members} memberships: entries listed a second as a share of the UserList quota (${QUOTA}/s x ${PAGE})`,
        value: `${(entryShare * 100).toFixed(1)}% (${(entries / seconds).toFixed(0)} entries/s, ${seconds.toFixed(1)} s)`,
        budget: `>= ${target * 85}% and <= ${target * 100}% (the function's default share)`, verdict: verdict(entryShare >= target * 0.85 && callShare <= target * 1.02),
      },
      {
        section: 'Backup', name: 'List calls a second as a share of the UserList quota', value: `${(callShare * 100).toFixed(1)}% (${calls} calls)`,
        budget: `<= ${target * 100}%`, verdict: verdict(callShare <= target * 1.02),
      },
      {
        section: 'Backup', name: 'Users in the backup (manifest)', value: error ? `failed: ${error}` : String(exported),
        budget: `exactly ${userCount}`, verdict: verdict(exported === userCount),
      },
      { section: 'Backup', name: 'Requests the proxy throttled (TooManyRequestsException)', value: String(throttled), budget: '', verdict: '-' },
    ];
    const notes = [`Backup: ListUsers ${proxy.forwarded.get('ListUsers') ?? 0}, ListUsersInGroup ${proxy.forwarded.get('ListUsersInGroup') ?? 0} calls; throttled ${throttled}.`];
    return { figures, notes };
  } finally {
    cognito.destroy();
    await s3.stop();
    await proxy.stop();
    await front.stop();
    await emulator.stop();
  }
}

if (require.main === module) {
  benchBackup(Number(process.argv[2] ?? 3000)).then((r) => console.log(JSON.stringify(r, undefined, 2)));
}
