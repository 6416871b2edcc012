import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BACKUP_FORMAT_VERSION, BACKUP_VARIABLES, BackupManifest, BackupPool, importable, MANIFEST_FILE, POOL_FILE, USERS_FILE } from './backup-format';
import { BACKUP_LISTING_SECONDS, BACKUP_PAGE_SIZE, BACKUP_TIMEOUT_SECONDS, backupCapacity, DEFAULT_BACKUP_QUOTA_SHARE } from './backup-capacity';
import { GroupMembership } from '../group-membership';
import { nagResourceName } from '../private/nag';
import { BACKUP_ACTIONS } from '../private/cognito-actions';
import { CsvLine, readCsvLines } from '../private/import-csv';
import { handlerFunction } from '../private/provider';
import { QUOTA_SHARE_VARIABLE } from '../private/quota';
import { QUOTA_RATES } from '../private/quota-rates';
import { applyPropertyInjectors } from '../private/property-injection';
import { A_STRING, AN_IUSER_POOL, requireProps } from '../private/runtime-types';
import { checkRange, fail, isUnresolved } from '../private/validation';
import { UserImportJob } from '../user-import-job';
import { BulkUser, MAX_BULK_USERS, MAX_BULK_USERS_CHARS, Users } from '../users';

/** The esbuild bundle of `custom-resources/backup` (`npm run bundle`). */
const BACKUP_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'backup');

/** Properties of {@link UserPoolBackup}. */
export interface UserPoolBackupProps {
  /** The pool whose users, groups and memberships are backed up. */
  readonly userPool: cognito.IUserPool;
  /**
   * The bucket the backups are written to. Give a bucket with default encryption; the function
   * may only put objects under `prefix`.
   * @default - a bucket created by this construct: encrypted (`encryptionKey`, or S3-managed
   * keys), SSL enforced, public access blocked, versioned, objects expiring after `retention`,
   * retained when the stack is deleted
   */
  readonly bucket?: s3.IBucket;
  /**
   * The KMS key that encrypts the created bucket (only without `bucket`).
   * @default - S3-managed encryption (SSE-S3)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * How long the created bucket keeps each backup (only without `bucket`: set a lifecycle rule
   * on your own bucket); whole days.
   * @default Duration.days(30)
   */
  readonly retention?: Duration;
  /**
   * The key prefix of the backups: empty, or S3-safe characters ending with `/`. Each backup is
   * a folder `<prefix><YYYY-MM-DD>T<HHMMSS>Z/` under it.
   * @default 'user-pool-backups/'
   */
  readonly prefix?: string;
  /**
   * When backups run.
   * @default events.Schedule.rate(Duration.days(1))
   */
  readonly schedule?: events.Schedule;
  /**
   * The time without a successful backup after which `lateAlarm` fires: whole hours, 1 hour to
   * 7 days. Required with a cron schedule.
   * @default - the schedule's rate plus one hour
   */
  readonly lateAfter?: Duration;
  /**
   * The function's share of each Cognito quota category (a number in (0, 1]): the rest stays
   * with the application's traffic and the stack's custom resources. At 0.25 one run lists
   * 324,000 users and group memberships.
   * @default 0.25
   */
  readonly quotaShare?: number;
  /**
   * The number of users plus group memberships you expect the pool to hold: refused at synth
   * when one run cannot list that many at `quotaShare` within the function's 15 minutes.
   * @default - not checked at synth; a run that runs out of time fails without a manifest
   */
  readonly expectedUsers?: number;
}

/**
 * Backs up a pool's users, groups and memberships to S3 on a schedule: a Lambda function lists
 * them within its share of Cognito's quotas (ListUsers, ListGroups, ListUsersInGroup) and
 * writes `users.csv` (the pool's import format, GetCSVHeader's columns), `pool.json` (groups,
 * memberships, each user's status and enabled flag) and, last, `manifest.json` to a dated
 * folder. Metrics in the embedded metric format; alarms on a failed and on a late backup.
 * Restore with {@link UserPoolRestore}.
 */
export class UserPoolBackup extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolBackup';
  /** The CloudWatch namespace of the backup metrics (dimension `UserPool`). */
  public static readonly METRICS_NAMESPACE = 'CdkCognitoUserPools/Backup';

  /** Users plus group memberships one run lists at this quota share. */
  public static capacity(quotaShare: number): number {
    return backupCapacity(quotaShare);
  }

  /** The bucket the backups go to. */
  public readonly bucket: s3.IBucket;
  /** The key prefix of the backups. */
  public readonly prefix: string;
  /** The backup function. */
  public readonly backupFunction: lambda.IFunction;
  /** The rule that runs the function on the schedule. */
  public readonly rule: events.Rule;
  /** Fires when a run fails (an error, a timeout). */
  public readonly failedAlarm: cloudwatch.Alarm;
  /** Fires when no run succeeded within `lateAfter`. */
  public readonly lateAlarm: cloudwatch.Alarm;
  private readonly userPool: cognito.IUserPool;

  constructor(scope: Construct, id: string, props: UserPoolBackupProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolBackup.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL });
    this.userPool = props.userPool;
    const share = props.quotaShare ?? DEFAULT_BACKUP_QUOTA_SHARE;
    if (!isUnresolved(share) && !(typeof share === 'number' && share > 0 && share <= 1)) {
      fail(this, 'quotaShare', share, 'a number greater than 0 and at most 1');
    }
    const prefix = props.prefix ?? 'user-pool-backups/';
    if (!isUnresolved(prefix) && (!(prefix === '' || /^([A-Za-z0-9!_.*'()-]+\/)+$/.test(prefix)) || prefix.length > 512)) {
      fail(this, 'prefix', prefix, "empty, or at most 512 of the characters A-Z a-z 0-9 ! _ . * ' ( ) - in segments each ending with /");
    }
    this.prefix = prefix;
    if (props.expectedUsers !== undefined) {
      checkRange(this, 'expectedUsers', props.expectedUsers, 0, Number.MAX_SAFE_INTEGER);
      const capacity = backupCapacity(share);
      if (props.expectedUsers > capacity) {
        fail(this, 'expectedUsers', props.expectedUsers,
          `at most ${capacity} users plus group memberships at quotaShare ${share}: one run lists ${BACKUP_PAGE_SIZE} a call at `
          + `${round(QUOTA_RATES.UserList * share)} ListUsers calls a second (${round(share * 100)}% of Cognito's ${QUOTA_RATES.UserList}/s) `
          + `for ${BACKUP_LISTING_SECONDS} s of the function's 15 minutes. `
          + 'Raise quotaShare');
      }
    }
    const lateAfter = props.lateAfter ?? defaultLateAfter(this, props.schedule);
    const lateHours = lateAfter.toHours({ integral: false });
    if (!Number.isInteger(lateHours) || lateHours < 1 || lateHours > 168) {
      fail(this, 'lateAfter', lateAfter.toHumanString(), 'whole hours from 1 hour to 7 days (168 hours)');
    }

    this.bucket = props.bucket ?? this.createBucket(props);
    if (props.bucket && (props.encryptionKey || props.retention)) {
      fail(this, props.encryptionKey ? 'encryptionKey' : 'retention', props.encryptionKey ? 'a key' : props.retention!.toHumanString(),
        'only without bucket (the construct configures the bucket it creates; configure your own bucket yourself)');
    }

    const { fn, role } = handlerFunction(this, {
      assetDir: BACKUP_ASSET_DIR,
      handler: 'index.handler',
      timeout: Duration.seconds(BACKUP_TIMEOUT_SECONDS),
      memorySize: 1024,
      description: 'Backs up a Cognito user pool\'s users, groups and memberships to S3 (cdk-cognito-userpools)',
    });
    this.backupFunction = fn;
    fn.addEnvironment(BACKUP_VARIABLES.userPoolId, props.userPool.userPoolId);
    fn.addEnvironment(BACKUP_VARIABLES.bucket, this.bucket.bucketName);
    fn.addEnvironment(BACKUP_VARIABLES.prefix, prefix);
    fn.addEnvironment(BACKUP_VARIABLES.namespace, UserPoolBackup.METRICS_NAMESPACE);
    fn.addEnvironment(QUOTA_SHARE_VARIABLE, String(share));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: BACKUP_ACTIONS.map((a) => `cognito-idp:${a}`),
      resources: [props.userPool.userPoolArn],
    }));
    const objects = this.bucket.arnForObjects(`${prefix}*`);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objects] }));
    this.bucket.encryptionKey?.grant(role, 'kms:GenerateDataKey');
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, objects)}]`,
      reason: 'Each backup is a new dated folder under the prefix: the function may put objects under it, nowhere else.',
    });

    this.rule = new events.Rule(this, 'Schedule', {
      schedule: props.schedule ?? events.Schedule.rate(Duration.days(1)),
      description: `Runs the user backup of ${this.node.path}`,
      targets: [new targets.LambdaFunction(fn)],
    });

    this.failedAlarm = new cloudwatch.Alarm(this, 'FailedAlarm', {
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(failed, 0) + FILL(errors, 0)',
        usingMetrics: { failed: this.metricFailed(), errors: fn.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }) },
        period: Duration.hours(1),
        label: 'Failed backups',
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: 'A user backup failed: no manifest was written for that run.',
    });
    this.lateAlarm = new cloudwatch.Alarm(this, 'LateAlarm', {
      metric: this.metricSucceeded(),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: lateHours,
      datapointsToAlarm: lateHours,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      alarmDescription: `No user backup succeeded in the last ${lateHours} hours.`,
    });
  }

  /** Users written by each successful run (Sum per hour by default). */
  public metricUsersExported(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('UsersExported', props);
  }

  /** Seconds each run took (Maximum per hour by default). */
  public metricDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('DurationSeconds', { statistic: 'Maximum', ...props });
  }

  /** 1 for each successful run, 0 for a failed one (Sum per hour by default). */
  public metricSucceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('BackupSucceeded', props);
  }

  /** 1 for each run that failed with an error it could report (Sum per hour by default). */
  public metricFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('BackupFailed', props);
  }

  /** Both alarms, e.g. to add the same action to them. */
  public get alarms(): cloudwatch.Alarm[] {
    return [this.failedAlarm, this.lateAlarm];
  }

  private metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: UserPoolBackup.METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { UserPool: this.userPool.userPoolId },
      statistic: 'Sum',
      period: Duration.hours(1),
      ...props,
    });
  }

  private createBucket(props: UserPoolBackupProps): s3.Bucket {
    const retention = props.retention ?? Duration.days(30);
    const days = retention.toDays({ integral: false });
    if (!Token.isUnresolved(days) && (!Number.isInteger(days) || days < 1)) {
      fail(this, 'retention', retention.toHumanString(), 'whole days, at least 1');
    }
    const bucket = new s3.Bucket(this, 'Bucket', {
      encryption: props.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: props.encryptionKey ? true : undefined,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{
        id: 'BackupRetention',
        expiration: retention,
        noncurrentVersionExpiration: retention,
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Only the backup function writes to this bucket and logs each run; reads are recorded by CloudTrail data events where enabled.',
    });
    return bucket;
  }
}

/** The schedule's rate plus one hour, in whole hours; a cron schedule needs `lateAfter`. */
function defaultLateAfter(scope: Construct, schedule: events.Schedule | undefined): Duration {
  const expression = schedule?.expressionString ?? 'rate(1 day)';
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) fail(scope, 'lateAfter', undefined, `a duration with the schedule ${expression} (the alarm cannot derive it from a cron expression)`);
  const amount = Number(match![1]);
  const unit = match![2];
  const minutes = unit.startsWith('minute') ? amount : unit.startsWith('hour') ? amount * 60 : amount * 1440;
  return Duration.hours(Math.min(168, Math.ceil(minutes / 60) + 1));
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Properties of {@link UserPoolRestore}. */
export interface UserPoolRestoreProps {
  /** The pool to restore into (typically a new one). */
  readonly userPool: cognito.IUserPool;
  /**
   * A local copy of one complete backup folder (`aws s3 cp --recursive s3://<bucket>/<prefix><date>/ <dir>`),
   * read at synth: `manifest.json`, `users.csv` and `pool.json`, checked against the manifest.
   */
  readonly backupDirectory: string;
  /**
   * Whether to create the backup's groups in the pool (name, description, precedence, role
   * ARN). False when the pool declares them itself.
   * @default true
   */
  readonly createGroups?: boolean;
}

/** At most this many users in one `Users` of a restore (the construct's own limit). */
const USERS_PER_RESOURCE = MAX_BULK_USERS;
/**
 * At most this many UserUpdate calls (group additions, disables) in one resource of a restore:
 * what one resource alone does in the handler's time at the stack's default share.
 */
const UPDATES_PER_RESOURCE = 3750;
/** At most this many usernames in one `GroupMembership` (one call each). */
const MEMBERS_PER_RESOURCE = UPDATES_PER_RESOURCE;

/**
 * Characters of user properties per `Users` of a restore: under the construct's `MAX_BULK_USERS_CHARS` (200,000), with
 * room for the difference between a declared user and its properties (a few characters).
 */
const CHARS_PER_RESOURCE = MAX_BULK_USERS_CHARS - 5000;

/** Users in chunks of at most `USERS_PER_RESOURCE` users, `UPDATES_PER_RESOURCE` group additions and disables, and `CHARS_PER_RESOURCE` characters. */
function chunkUsers(users: BulkUser[]): BulkUser[][] {
  const chunks: BulkUser[][] = [];
  let current: BulkUser[] = [];
  let updates = 0;
  let chars = 0;
  for (const u of users) {
    const cost = (u.groups?.length ?? 0) + (u.enabled === false ? 1 : 0);
    const size = JSON.stringify(u).length + 10;
    if (current.length > 0 && (current.length === USERS_PER_RESOURCE || updates + cost > UPDATES_PER_RESOURCE || chars + size > CHARS_PER_RESOURCE)) {
      chunks.push(current);
      current = [];
      updates = 0;
      chars = 0;
    }
    current.push(u);
    updates += cost;
    chars += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Restores a backup written by {@link UserPoolBackup} into a pool, from a local copy read at
 * synth: the groups, a {@link UserImportJob} of the enabled users the import job can take (a
 * verified email address or phone number), a `Users` (`AdminCreateUser`, invitation suppressed,
 * retained when removed from the stack) for the others (disabled ones stay disabled) with their
 * groups, and a {@link GroupMembership} per group for the imported users. Users arrive without
 * passwords: imported ones must reset theirs, created ones get a temporary one from an
 * administrator. Import jobs and `Users` never touch users that exist.
 */
export class UserPoolRestore extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolRestore';
  /** The import job of the users Cognito's import can take; undefined when there are none. */
  public readonly importJob?: UserImportJob;
  /** Usernames restored by the import job. */
  public readonly importedUsernames: string[];
  /** Usernames restored by `AdminCreateUser` (disabled, or without a verified email address or phone number). */
  public readonly createdUsernames: string[];

  constructor(scope: Construct, id: string, props: UserPoolRestoreProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolRestore.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, backupDirectory: A_STRING });
    const backup = readBackup(this, props.backupDirectory);
    const { columns, rows } = backup;
    const enabled = new Map(backup.pool.users.map((u) => [u.username, u.enabled]));
    const username = (fields: string[]) => (fields[columns.indexOf('cognito:username')] ?? '').trim();
    const imported = rows.filter((r) => enabled.get(username(r.fields)) !== false && importable(columns, r.fields));
    const created = rows.filter((r) => !imported.includes(r));
    this.importedUsernames = imported.map((r) => username(r.fields));
    this.createdUsernames = created.map((r) => username(r.fields));

    const groups = new Map<string, cognito.IUserPoolGroup>();
    backup.pool.groups.forEach((g, i) => {
      groups.set(g.name, props.createGroups === false
        ? cognito.UserPoolGroup.fromGroupName(this, `Group${i}`, g.name)
        : new cognito.UserPoolGroup(this, `Group${i}`, {
          userPool: props.userPool,
          groupName: g.name,
          description: g.description,
          precedence: g.precedence,
          role: g.roleArn ? iam.Role.fromRoleArn(this, `Group${i}Role`, g.roleArn, { mutable: false }) : undefined,
        }));
    });
    const groupsOf = new Map<string, string[]>();
    for (const g of backup.pool.groups) for (const m of g.members) groupsOf.set(m, [...groupsOf.get(m) ?? [], g.name]);

    if (imported.length > 0) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cognito-userpools-restore-'));
      const file = path.join(dir, USERS_FILE);
      fs.writeFileSync(file, [backup.headerRaw, ...imported.map((r) => r.raw)].join('\n') + '\n');
      this.importJob = new UserImportJob(this, 'Import', { userPool: props.userPool, csvFile: file });
    }

    const createdUsers: BulkUser[] = created.map((r) => {
      const name = username(r.fields);
      const attributes: { [name: string]: string } = {};
      columns.forEach((column, c) => {
        const value = (r.fields[c] ?? '').trim();
        if (value !== '' && !column.startsWith('cognito:')) attributes[column] = value;
      });
      return {
        username: name,
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
        ...(enabled.get(name) === false ? { enabled: false } : {}),
        ...(groupsOf.has(name) ? { groups: groupsOf.get(name) } : {}),
        sendInvitation: false,
      };
    });
    // The restore's custom resources run one after another, each with the stack's whole share
    // (resources that run at once would divide it): each chunk fits the handler's time.
    let previous: Construct | undefined;
    const chain = (next: Construct) => {
      if (previous) next.node.addDependency(previous);
      previous = next;
    };
    chunkUsers(createdUsers).forEach((chunk, i) => {
      const users = new Users(this, `Users${i}`, { userPool: props.userPool, users: chunk, removalPolicy: RemovalPolicy.RETAIN });
      for (const g of groups.values()) users.node.addDependency(g);
      chain(users);
    });

    const importedSet = new Set(this.importedUsernames);
    backup.pool.groups.forEach((g, i) => {
      const members = g.members.filter((m) => importedSet.has(m));
      for (let j = 0; j < members.length; j += MEMBERS_PER_RESOURCE) {
        const membership = new GroupMembership(this, `Members${i}-${j / MEMBERS_PER_RESOURCE}`, {
          userPool: props.userPool, group: groups.get(g.name)!, usernames: members.slice(j, j + MEMBERS_PER_RESOURCE), removalPolicy: RemovalPolicy.RETAIN,
        });
        membership.node.addDependency(this.importJob!);
        chain(membership);
      }
    });
  }
}

interface ReadBackup {
  readonly columns: string[];
  readonly headerRaw: string;
  readonly rows: CsvLine[];
  readonly pool: BackupPool;
}

/** Reads a local backup folder, refusing one without a manifest or whose files do not match it. */
function readBackup(scope: Construct, dir: string): ReadBackup {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) {
    fail(scope, 'backupDirectory', dir, `the folder of a complete backup (it has no ${MANIFEST_FILE}, which a backup writes last)`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
    fail(scope, 'backupDirectory', `${dir} in format ${manifest.formatVersion}`, `a backup in format ${BACKUP_FORMAT_VERSION}`);
  }
  const read = (name: string) => {
    const file = path.join(dir, name);
    const body = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    const digest = body && crypto.createHash('sha256').update(body).digest('hex');
    if (digest === undefined || digest !== manifest.files[name]?.sha256) {
      fail(scope, 'backupDirectory', `${dir} with ${name} ${body ? 'changed since the backup' : 'missing'}`,
        `a backup whose files match its ${MANIFEST_FILE} (SHA-256)`);
    }
    return body!.toString('utf8');
  };
  const [header, ...rows] = readCsvLines(read(USERS_FILE));
  const pool = JSON.parse(read(POOL_FILE)) as BackupPool;
  return { columns: header.fields.map((c) => c.trim()), headerRaw: header.raw, rows, pool };
}
