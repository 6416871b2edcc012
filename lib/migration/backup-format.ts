/**
 * The layout of one user backup, shared by the backup Lambda (custom-resources/backup) and the
 * restore construct: dependency-free, so the Lambda's bundle stays small.
 *
 * One backup is a folder `<prefix><YYYY-MM-DD>T<HHMMSS>Z/` holding
 * - `users.csv`: every user, in the pool's import format (the columns GetCSVHeader returns);
 * - `pool.json`: the groups (name, description, precedence, role ARN) with their members, and
 *   each user's status and enabled flag (which the import format has no column for);
 * - `manifest.json`, written last: the counts and each file's size and SHA-256. A folder
 *   without it is a backup that did not finish.
 */

export const USERS_FILE = 'users.csv';
export const POOL_FILE = 'pool.json';
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT_VERSION = 1;

/** The backup function's environment variables: set by `UserPoolBackup`, read by the function. */
export const BACKUP_VARIABLES = {
  userPoolId: 'USER_POOL_ID',
  bucket: 'BACKUP_BUCKET',
  prefix: 'BACKUP_PREFIX',
  namespace: 'METRICS_NAMESPACE',
} as const;

/** One group as backed up, with its members' usernames. */
export interface BackupGroup {
  readonly name: string;
  readonly description?: string;
  readonly precedence?: number;
  readonly roleArn?: string;
  readonly members: string[];
}

/** What the import format cannot hold about a user. */
export interface BackupUserState {
  readonly username: string;
  /** Cognito's `UserStatus`: CONFIRMED, FORCE_CHANGE_PASSWORD, EXTERNAL_PROVIDER, ... */
  readonly status: string;
  readonly enabled: boolean;
}

/** `pool.json`. */
export interface BackupPool {
  readonly formatVersion: number;
  readonly userPoolId: string;
  readonly groups: BackupGroup[];
  readonly users: BackupUserState[];
}

/** `manifest.json`: written last, its presence marks a complete backup. */
export interface BackupManifest {
  readonly formatVersion: number;
  readonly userPoolId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly users: number;
  readonly groups: number;
  readonly memberships: number;
  readonly files: { readonly [name: string]: { readonly bytes: number; readonly sha256: string } };
}

/** The folder of a backup started at `date`, under `prefix` (empty or ending with `/`). */
export function backupFolder(prefix: string, date: Date): string {
  const iso = date.toISOString(); // 2026-11-27T03:00:00.123Z
  return `${prefix}${iso.slice(0, 10)}T${iso.slice(11, 19).replace(/:/g, '')}Z/`;
}

/**
 * One CSV field: quoted when it holds a quote, a comma or a line break (RFC 4180, as the import
 * job and lib/private/import-csv.ts read it).
 */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A user as ListUsers returns it (the fields the backup reads). */
export interface ListedUser {
  readonly Username?: string;
  readonly Attributes?: ReadonlyArray<{ readonly Name?: string; readonly Value?: string }>;
  readonly Enabled?: boolean;
  readonly UserStatus?: string;
  readonly MFAOptions?: ReadonlyArray<{ readonly DeliveryMedium?: string }>;
}

/**
 * A user's row under the pool's header: each attribute in its column (attributes the header has
 * no column for, such as `sub`, are not importable and left out), `cognito:username`, and
 * `cognito:mfa_enabled` true when the user has SMS MFA.
 */
export function userRow(header: readonly string[], user: ListedUser): string {
  const attributes = new Map((user.Attributes ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));
  return header.map((column) => {
    if (column === 'cognito:username') return csvField(user.Username ?? '');
    if (column === 'cognito:mfa_enabled') return String((user.MFAOptions ?? []).some((o) => o.DeliveryMedium === 'SMS'));
    return csvField(attributes.get(column) ?? '');
  }).join(',');
}

/**
 * Whether Cognito's import job can take this row: it imports a user only with a verified email
 * address or phone number (and that value given). Other users are restored by `AdminCreateUser`.
 */
export function importable(columns: readonly string[], fields: readonly string[]): boolean {
  const value = (column: string) => (fields[columns.indexOf(column)] ?? '').trim();
  const verified = (flag: string, attribute: string) => value(flag).toLowerCase() === 'true' && value(attribute) !== '';
  return verified('email_verified', 'email') || verified('phone_number_verified', 'phone_number');
}
