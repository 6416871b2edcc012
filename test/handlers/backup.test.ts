// The backup function's run (custom-resources/backup) with a mocked Cognito client and a
// virtual clock: the exact calls, the pacing at its quota share, progress lines, refusals.
import {
  CognitoIdentityProviderClient, GetCSVHeaderCommand, ListGroupsCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { BackupDeps, configFromEnv, runBackup } from '../../custom-resources/backup';
import { CognitoApi } from '../../custom-resources/shared/cognito';
import { Logger } from '../../custom-resources/shared/log';
import { Clock, RateBudget } from '../../custom-resources/shared/rate-budget';
import { DEFAULT_RETRY } from '../../custom-resources/shared/retry';

const cognitoMock = mockClient(CognitoIdentityProviderClient);
const CONFIG = { userPoolId: 'us-east-1_pool', bucket: 'b', prefix: 'p/', namespace: 'N' };
const HEADER = ['email', 'email_verified', 'cognito:mfa_enabled', 'cognito:username'];

function harness(share: number, remainingMs = () => 900_000) {
  let now = Date.UTC(2026, 10, 27, 3, 0, 0);
  const clock: Clock = { now: () => now, sleep: async (ms) => { now += ms; } };
  const lines: string[] = [];
  const metrics: string[] = [];
  const objects = new Map<string, string>();
  const deps: BackupDeps = {
    cognito: new CognitoApi(new CognitoIdentityProviderClient({ region: 'us-east-1' }), new RateBudget(clock, share), { ...DEFAULT_RETRY, clock }),
    objects: { put: async (key, body) => { objects.set(key, body); } },
    log: new Logger((line) => lines.push(line)),
    clock,
    remainingMs,
    emit: (line) => metrics.push(line),
  };
  return { deps, lines, metrics, objects, elapsed: () => now - Date.UTC(2026, 10, 27, 3, 0, 0) };
}

/** A pool of `count` users, paged by 60 with tokens `t<page>`. */
function mockUsers(count: number): void {
  const pages = Math.ceil(count / 60);
  for (let p = 0; p < pages; p++) {
    const users = Array.from({ length: Math.min(60, count - p * 60) }, (_, i) => ({
      Username: `u${p * 60 + i}`, Enabled: true, UserStatus: 'CONFIRMED' as const,
      Attributes: [{ Name: 'email', Value: `u${p * 60 + i}@example.com` }, { Name: 'email_verified', Value: 'true' }],
    }));
    cognitoMock.on(ListUsersCommand, { UserPoolId: CONFIG.userPoolId, Limit: 60, PaginationToken: p === 0 ? undefined : `t${p}` })
      .resolves({ Users: users, PaginationToken: p + 1 < pages ? `t${p + 1}` : undefined });
  }
}

beforeEach(() => {
  cognitoMock.reset();
  cognitoMock.on(GetCSVHeaderCommand).resolves({ CSVHeader: HEADER });
  cognitoMock.on(ListGroupsCommand).resolves({ Groups: [{ GroupName: 'staff', Precedence: 2 }] });
  cognitoMock.on(ListUsersInGroupCommand).resolves({ Users: [{ Username: 'u1' }] });
});

test('3,001 users: 51 pages of ListUsers at 7.5 a second (25% of 30/s), progress at page 50', async () => {
  // GIVEN
  mockUsers(3001);
  const h = harness(0.25);

  // WHEN
  const result = await runBackup(CONFIG, h.deps);

  // THEN the calls: the header, 51 pages of users, the groups and their members
  const calls = cognitoMock.calls().map((c) => c.args[0].constructor.name);
  expect(calls.filter((c) => c === 'ListUsersCommand')).toHaveLength(51);
  expect(calls.filter((c) => c !== 'ListUsersCommand')).toEqual(['GetCSVHeaderCommand', 'ListGroupsCommand', 'ListUsersInGroupCommand']);
  expect(cognitoMock.commandCalls(ListUsersInGroupCommand)[0].args[0].input).toEqual({ UserPoolId: CONFIG.userPoolId, GroupName: 'staff', Limit: 60, NextToken: undefined });
  // AND the UserList calls (51 + 1) paced at 7.5 a second: the first is free, the other 51 wait 1/7.5 s each
  expect(h.elapsed()).toBeGreaterThanOrEqual(Math.floor((51 / 7.5) * 1000) - 51);
  expect(h.elapsed()).toBeLessThanOrEqual(Math.ceil((52 / 7.5) * 1000) + 52);
  // AND the progress line at page 50
  expect(h.lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'listing users').map((l) => l.details)).toEqual([{ users: 3000, pages: 50 }]);
  expect(result.manifest.users).toBe(3001);
  expect(result.folder).toBe('p/2026-11-27T030000Z/');
  expect([...h.objects.keys()]).toEqual(['p/2026-11-27T030000Z/users.csv', 'p/2026-11-27T030000Z/pool.json', 'p/2026-11-27T030000Z/manifest.json']);
});

test('a header without cognito:username is refused before any list', async () => {
  cognitoMock.on(GetCSVHeaderCommand).resolves({ CSVHeader: ['email'] });
  const h = harness(1);
  await expect(runBackup(CONFIG, h.deps)).rejects.toThrow('GetCSVHeader of us-east-1_pool returned no cognito:username column: [email]');
  expect(cognitoMock.commandCalls(ListUsersCommand)).toHaveLength(0);
  expect(JSON.parse(h.metrics[0]).BackupFailed).toBe(1);
});

test('configuration: the variables the construct sets; a missing one is named', () => {
  expect(configFromEnv({ USER_POOL_ID: 'p', BACKUP_BUCKET: 'b', BACKUP_PREFIX: 'x/', METRICS_NAMESPACE: 'N' }))
    .toEqual({ userPoolId: 'p', bucket: 'b', prefix: 'x/', namespace: 'N' });
  expect(() => configFromEnv({ USER_POOL_ID: 'p', METRICS_NAMESPACE: 'N' })).toThrow('The backup function\'s variable BACKUP_BUCKET is not set.');
});
