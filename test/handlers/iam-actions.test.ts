/**
 * Every Cognito command a handler source file sends must be among the actions its construct
 * grants (lib/private/cognito-actions.ts): a missing one is an AccessDenied at deploy time.
 * The check reads the sources, so a new call is caught even if no test drives it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as cognitoSdk from '@aws-sdk/client-cognito-identity-provider';
import * as actions from '../../lib/private/cognito-actions';

const ROOT = path.join(__dirname, '..', '..', 'custom-resources');

/** Which grant covers each handler folder (or file, for a waiter's own role). */
const GRANTS: { [source: string]: readonly string[] } = {
  'user': actions.USER_ACTIONS,
  'users': actions.USERS_ACTIONS,
  'group-membership': actions.GROUP_MEMBERSHIP_ACTIONS,
  'custom-attributes': actions.CUSTOM_ATTRIBUTES_ACTIONS,
  'signing-certificate': actions.SIGNING_CERTIFICATE_ACTIONS,
  'pool-mfa': actions.POOL_MFA_ACTIONS,
  'pool-triggers': actions.POOL_TRIGGERS_ACTIONS,
  'hosted-ui-logo': actions.HOSTED_UI_LOGO_ACTIONS,
  'immutable-guard': [],
  'client-secret-rotation': actions.CLIENT_SECRET_ROTATION_ACTIONS,
  'rotation/client-secret.ts': actions.SCHEDULED_ROTATION_ACTIONS,
  'rotation/idp-sync.ts': actions.IDP_SECRET_SYNC_ACTIONS,
  'rotation': [],
  'session-configuration': [...actions.POOL_SESSION_ACTIONS, ...actions.CLIENT_SESSION_ACTIONS],
  'provisioned-limit': actions.PROVISIONED_LIMIT_ACTIONS,
  'user-import-job': actions.USER_IMPORT_JOB_ACTIONS,
  'user-import-job/wait.ts': actions.USER_IMPORT_JOB_WAITER_ACTIONS,
  // The migration function (not a provider module): its own policy, on both pools.
  'migration-trigger': [...actions.MIGRATION_SOURCE_ACTIONS, ...actions.MIGRATION_TARGET_ACTIONS],
  'shared': [],
  // Run only by the two rotations, which reuse it (REUSES): granted by theirs.
  'shared/client-secrets.ts': [],
  'backup': actions.BACKUP_ACTIONS,
};

/**
 * Sources a folder's module also runs: the bulk users module reuses the single user's
 * operations, both client-secret rotations the shared client-secret operations.
 */
const REUSES: { [folder: string]: string[] } = {
  'users': ['user'],
  'client-secret-rotation': ['shared/client-secrets.ts'],
  'rotation/client-secret.ts': ['shared/client-secrets.ts'],
};
/** Reused sources whose commands only their reusers send (checked against the reusers' grants). */
const ONLY_REUSED = new Set(['shared/client-secrets.ts']);

/**
 * Operations of reused code that the construct never makes its handler call. The Users
 * construct declares no linked identities, so its grant leaves out the linking actions.
 */
const NOT_DECLARABLE: { [folder: string]: string[] } = {
  users: ['AdminLinkProviderForUser', 'AdminDisableProviderForUser'],
};

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The Cognito operations constructed in a file (`new AdminCreateUserCommand(` → AdminCreateUser). */
function cognitoOperations(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const names = [...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]);
  return names.filter((n) => `${n}Command` in cognitoSdk);
}

/** The grant key of a handler file: its own entry if it has one, else its top folder. */
function grantKey(file: string): string {
  const relative = path.relative(ROOT, file).split(path.sep).join('/');
  if (relative in GRANTS) return relative;
  return relative.includes('/') ? relative.split('/')[0] : relative;
}

const files = tsFiles(ROOT);

test('every handler folder has a grant in this table', () => {
  const folders = fs.readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(folders.filter((f) => !(f in GRANTS))).toEqual([]);
});

test('the top-level handler files send no Cognito command', () => {
  const topLevel = files.filter((f) => path.dirname(f) === ROOT);
  expect(topLevel.flatMap(cognitoOperations)).toEqual([]);
});

test.each(Object.keys(GRANTS))('%s: every Cognito command sent is granted', (key) => {
  // GIVEN the sources this grant covers
  const own = files.filter((f) => grantKey(f) === key);
  const reused = (REUSES[key] ?? []).flatMap((folder) => files.filter((f) => grantKey(f) === folder));
  // WHEN reading the commands they construct
  const sent = new Set([...own, ...reused].flatMap(cognitoOperations));
  for (const op of NOT_DECLARABLE[key] ?? []) sent.delete(op);
  // THEN each is an action of the grant
  const granted = new Set<string>(GRANTS[key]);
  const ungranted = ONLY_REUSED.has(key) ? [] : [...sent].filter((op) => !granted.has(op));
  expect(ungranted.sort()).toEqual([]);
  // A source that is only reused is reused by someone.
  if (ONLY_REUSED.has(key)) expect(Object.values(REUSES).flat()).toContain(key);
});

test('the Users construct grants the user actions except linking', () => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'lib', 'users.ts'), 'utf8');
  expect(source).toContain('provider.grantCognito(props.userPool, USERS_ACTIONS)');
  expect(actions.USER_ACTIONS.filter((a) => !(actions.USERS_ACTIONS as readonly string[]).includes(a)).sort()).toEqual([...NOT_DECLARABLE.users].sort());
});

test('the scan finds the commands it looks for', () => {
  // A guard against a scan that silently matches nothing.
  expect(cognitoOperations(path.join(ROOT, 'user', 'operations.ts'))).toContain('AdminCreateUser');
});
