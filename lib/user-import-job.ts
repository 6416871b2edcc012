import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct, IDependable } from 'constructs';
import { nagResourceName } from './private/nag';
import { USER_IMPORT_JOB_ACTIONS, USER_IMPORT_JOB_WAITER_ACTIONS } from './private/cognito-actions';
import { declareUsers, liveAttributeNames } from './private/declared-users';
import { CognitoWaiterProvider } from './private/extra-providers';
import { CsvLine, readCsvLines, STANDARD_IMPORT_COLUMNS as IMPORT_COLUMNS } from './private/import-csv';
import { checkLength, checkMaxItems, checkPattern, fail } from './private/validation';
import { AN_IUSER_POOL, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** One user to import. */
export interface ImportUser {
  /** The username (`cognito:username`). */
  readonly username: string;
  /**
   * Attributes by name: standard ones (`email`, `email_verified`, `given_name`, ...) and custom
   * ones with their `custom:` prefix.
   * @default - none
   */
  readonly attributes?: { [name: string]: string };
  /**
   * Whether the user has SMS MFA on (`cognito:mfa_enabled`; needs `phone_number`).
   * @default false
   */
  readonly mfaEnabled?: boolean;
}

/** Options of {@link UserImportJob} (for a pool's `addUserImportJob`). */
export interface UserImportJobOptions {
  /**
   * A CSV file in the pool's import format (its header is GetCSVHeader's). Give this or `users`.
   * @default - the users declared in `users`
   */
  readonly csvFile?: string;
  /**
   * Users declared in code; the construct writes the CSV. Give this or `csvFile`.
   * @default - the users of `csvFile`
   */
  readonly users?: ImportUser[];
  /**
   * The base of the jobs' names: 1 to 128 letters, digits, spaces and `+=,.@-_`. Each job is
   * named with the first 111 characters of it, a dash and a digest of the CloudFormation request
   * that started it (so that a retried request finds its job instead of starting another).
   * @default - derived from the construct path
   */
  readonly jobName?: string;
}

/** Properties of {@link UserImportJob}. */
export interface UserImportJobProps extends UserImportJobOptions {
  /** The pool to import into. */
  readonly userPool: cognito.IUserPool;
}

/** The standard columns of GetCSVHeader, in its order; custom attributes follow. */
export const STANDARD_IMPORT_COLUMNS = IMPORT_COLUMNS;

/** Cognito's limit on one import file: 500,000 users. */
const MAX_IMPORT_USERS = 500000;

/**
 * Imports users with a Cognito user import job: from a CSV file or from users declared in code
 * (written to a CSV at synth). The header is checked against the pool's schema at synth when
 * the pool is defined in the app, and against GetCSVHeader at deploy. The construct creates the
 * role Cognito logs the job's results with (CloudWatch Logs), uploads the file to the job,
 * starts it and waits until it ends (a second provider, created only in stacks with import
 * jobs); a job that fails, leaves users failed or runs past 40 minutes (it is then stopped) fails
 * the deployment with the counts. An update imports only the rows not imported before, so a
 * rollback runs no job; import jobs only create users, so removing rows deletes nobody. Deleting
 * the construct while the job runs stops it.
 */
export class UserImportJob extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserImportJob';
  /** The id of the last import job this resource ran. */
  public readonly jobId: string;
  /** The role Cognito writes the job's CloudWatch Logs with. */
  public readonly logsRole: iam.Role;

  constructor(scope: Construct, id: string, props: UserImportJobProps) {
    props = applyPropertyInjectors(scope, id, props, UserImportJob.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL });
    if ((props.csvFile === undefined) === (props.users === undefined)) {
      fail(this, 'csvFile', props.csvFile, 'exactly one of csvFile and users');
    }
    const jobName = props.jobName ?? this.node.path.replace(/[^\w\s+=,.@-]/g, '-').slice(-128);
    checkLength(this, 'jobName', jobName, 1, 128);
    checkPattern(this, 'jobName', jobName, /^[\w\s+=,.@-]+$/, 'letters, digits, spaces and +=,.@-_');

    const poolCustom = declaredCustomColumns(props.userPool);
    const required = requiredColumnsOf(props.userPool);
    let csvPath: string;
    let named: IDependable | undefined;
    if (props.users !== undefined) {
      checkMaxItems(this, 'users', props.users, MAX_IMPORT_USERS, 1);
      csvPath = this.writeCsv(props.users, poolCustom);
      const [header, ...rows] = readCsvLines(fs.readFileSync(csvPath, 'utf8'));
      this.checkRows(header.fields, rows, required, (i, column) => `users[${i}].${USER_PROPERTY[column] ?? `attributes.${column}`}`);
      // Checked at synth: values against the pool's schema, and no other construct declares these users.
      named = declareUsers(this, {
        pool: props.userPool,
        users: props.users.map((u, i) => ({
          username: u.username,
          property: `users[${i}].username`,
          attributes: Object.entries(u.attributes ?? {}).map(([name, value]) => ({ name, value, property: `users[${i}].attributes.${name}` })),
        })),
      });
    } else {
      csvPath = props.csvFile!;
      if (!fs.existsSync(csvPath)) fail(this, 'csvFile', csvPath, 'an existing CSV file');
      const { columns, rows } = this.checkFile(csvPath, poolCustom, required);
      // Checked at synth like declared users: values against the pool's schema, and no other construct declares these users.
      named = declareUsers(this, {
        pool: props.userPool,
        users: rows.map((row) => {
          const where = (column: string) => `csvFile line ${row.line} (${column})`;
          const attributes = columns.flatMap((column, c) => {
            const value = (row.fields[c] ?? '').trim();
            return column.startsWith('cognito:') || value === '' ? [] : [{ name: column, value, property: where(column) }];
          });
          return { username: (row.fields[columns.indexOf('cognito:username')] ?? '').trim(), property: where('cognito:username'), attributes };
        }),
      });
    }

    const csv = new s3assets.Asset(this, 'Csv', { path: csvPath });
    this.logsRole = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com'),
      description: 'Lets Cognito write the results of user import jobs to CloudWatch Logs',
    });
    // Cognito writes an import job's results to /aws/cognito/userpools/<pool id>/<pool name>
    // (log stream <job id>/<job name>): the role may write there and nowhere else.
    const stack = Stack.of(this);
    const logGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `/aws/cognito/userpools/${props.userPool.userPoolId}/*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.logsRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resources: [logGroups],
    }));
    Validations.of(this.logsRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceName(stack, logGroups)}]`,
      reason: 'Cognito names the pool\'s import log group after the pool\'s name, under /aws/cognito/userpools/<pool id>/.',
    });

    const waiter = CognitoWaiterProvider.of(this);
    waiter.main.grantCognito(props.userPool, USER_IMPORT_JOB_ACTIONS);
    waiter.grantWaiter(props.userPool, USER_IMPORT_JOB_WAITER_ACTIONS);
    // GetObject of this one object only (grantRead would add List/GetBucket wildcards).
    waiter.main.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [csv.bucket.arnForObjects(csv.s3ObjectKey)] }));
    // The handler may hand the logs role to Cognito only.
    waiter.main.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [this.logsRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } },
    }));
    const resource = waiter.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoUserImportJob',
      properties: {
        UserPoolId: props.userPool.userPoolId,
        JobName: jobName,
        CloudWatchLogsRoleArn: this.logsRole.roleArn,
        CsvBucket: csv.s3BucketName,
        CsvKey: csv.s3ObjectKey,
        DataHash: csv.assetHash,
      },
    });
    if (named) resource.node.addDependency(named);
    this.jobId = resource.getAttString('JobId');
  }

  /** Writes the declared users as the pool's CSV (every column of its header, values quoted). */
  private writeCsv(users: ImportUser[], poolCustom: string[] | undefined): string {
    const usedCustom = new Set<string>();
    const seen = new Set<string>();
    users.forEach((u, i) => {
      checkLength(this, `users[${i}].username`, u.username, 1, 128);
      if (seen.has(u.username)) fail(this, `users[${i}].username`, u.username, 'a username not already declared');
      seen.add(u.username);
      for (const name of Object.keys(u.attributes ?? {})) {
        if (name.startsWith('custom:')) usedCustom.add(name);
        else if (!STANDARD_IMPORT_COLUMNS.includes(name) || name.startsWith('cognito:')) {
          fail(this, `users[${i}].attributes`, name, 'a standard attribute or a custom:-prefixed one');
        }
        if (poolCustom !== undefined && name.startsWith('custom:') && !poolCustom.includes(name)) {
          fail(this, `users[${i}].attributes`, name, `a custom attribute of the pool (${poolCustom.join(', ') || 'none'})`);
        }
      }
    });
    const header = [...STANDARD_IMPORT_COLUMNS, ...(poolCustom ?? [...usedCustom].sort())];
    const lines = [header.join(','), ...users.map((u) => header.map((column) => {
      if (column === 'cognito:username') return quote(u.username);
      if (column === 'cognito:mfa_enabled') return String(u.mfaEnabled ?? false);
      return quote(u.attributes?.[column] ?? '');
    }).join(','))];
    const content = lines.join('\n') + '\n';
    const digest = crypto.createHash('sha256').update(content).digest('hex').slice(0, 16);
    const dir = path.join(os.tmpdir(), 'cdk-cognito-userpools-import');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${digest}.csv`);
    fs.writeFileSync(file, content);
    return file;
  }

  /**
   * A local CSV file, read at synth: its header against the pool's columns (the standard ones
   * only when the pool is not in the app: its custom ones are checked at deploy), and its rows.
   */
  private checkFile(csvPath: string, poolCustom: string[] | undefined, required: string[]): { columns: string[]; rows: CsvLine[] } {
    const [header, ...rows] = readCsvLines(fs.readFileSync(csvPath, 'utf8'));
    const columns = (header?.fields ?? []).map((c) => c.trim());
    const expected = [...STANDARD_IMPORT_COLUMNS, ...poolCustom ?? []];
    const missing = expected.filter((c) => !columns.includes(c));
    const unknown = columns.filter((c) => !expected.includes(c) && !(poolCustom === undefined && c.startsWith('custom:')));
    if (missing.length > 0 || unknown.length > 0) {
      fail(this, 'csvFile', `a header with missing columns [${missing.join(', ')}] and unknown columns [${unknown.join(', ')}]`,
        poolCustom === undefined ? 'the standard columns of the pool\'s CSV header (GetCSVHeader; custom: columns are checked at deploy)'
          : "the columns of the pool's CSV header (GetCSVHeader)");
    }
    const twice = columns.find((c, i) => columns.indexOf(c) !== i);
    if (twice !== undefined) fail(this, 'csvFile', `a header with the column ${twice} twice`, 'each column once');
    if (rows.length === 0 || rows.length > MAX_IMPORT_USERS) {
      fail(this, 'csvFile', `${path.basename(csvPath)} with ${rows.length} user rows`, `1 to ${MAX_IMPORT_USERS} user rows (one import job's limit)`);
    }
    this.checkRows(columns, rows, required, (i, column) => `csvFile line ${rows[i].line} (${column})`);
    return { columns, rows };
  }

  /**
   * Rows Cognito's import job would fail, per the guide's rules for the CSV file: a username and
   * a true/false cognito:mfa_enabled on every row, each user with a verified email address or
   * phone number (and that value given), a phone number for SMS MFA, the pool's required
   * attributes, one row per username.
   */
  private checkRows(columns: string[], rows: CsvLine[], required: string[], property: (row: number, column: string) => string): void {
    const at = (column: string) => columns.indexOf(column);
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const value = (column: string) => (row.fields[at(column)] ?? '').trim();
      if (row.fields.length !== columns.length) {
        fail(this, property(i, 'fields'), `${row.fields.length} fields`,
          `${columns.length} fields, one per header column (write a comma inside a value as \\, or quote the value)`);
      }
      const username = value('cognito:username');
      if (username === '') fail(this, property(i, 'cognito:username'), username, 'a username');
      if (seen.has(username)) {
        fail(this, property(i, 'cognito:username'), username, `a username no earlier row has (${property(seen.get(username)!, 'cognito:username')} has it)`);
      }
      seen.set(username, i);
      for (const column of ['cognito:mfa_enabled', 'email_verified', 'phone_number_verified']) {
        const v = value(column);
        const allowed = column === 'cognito:mfa_enabled' ? ['true', 'false'] : ['true', 'false', ''];
        if (!allowed.includes(v.toLowerCase())) fail(this, property(i, column), v, allowed.map((a) => a || 'empty').join(', '));
      }
      const isTrue = (column: string) => value(column).toLowerCase() === 'true';
      for (const [flag, attribute] of [['email_verified', 'email'], ['phone_number_verified', 'phone_number']]) {
        if (isTrue(flag) && value(attribute) === '') fail(this, property(i, attribute), '', `a value when ${flag} is true`);
      }
      if (isTrue('cognito:mfa_enabled') && value('phone_number') === '') {
        fail(this, property(i, 'phone_number'), '', 'a phone number when cognito:mfa_enabled is true (SMS MFA)');
      }
      if (!isTrue('email_verified') && !isTrue('phone_number_verified')) {
        fail(this, property(i, 'email_verified'), value('email_verified'),
          'true, or phone_number_verified true (Cognito imports a user only with a verified email address or phone number)');
      }
      for (const column of required) {
        if (value(column) === '') fail(this, property(i, column), '', 'a value (the pool requires this attribute)');
      }
    });
  }
}

/**
 * The custom columns of a pool defined in the app (`custom:name`): its schema's and those its
 * `UserPoolCustomAttributes` add; undefined for an imported pool.
 */
function declaredCustomColumns(pool: cognito.IUserPool): string[] | undefined {
  const cfn = pool.node.defaultChild;
  if (!(cfn instanceof cognito.CfnUserPool)) return undefined;
  // L1 values (camelCase), resolved at construction: declare the pool's attributes before the job.
  const schema = Stack.of(pool).resolve(cfn.schema) as Array<{ name: string }> | undefined;
  const standard = new Set(STANDARD_IMPORT_COLUMNS.concat('sub'));
  const columns = (schema ?? []).map((s) => s.name).filter((n) => !standard.has(n)).map((n) => `custom:${n}`);
  return [...columns, ...liveAttributeNames(pool).filter((n) => !columns.includes(n))];
}

/** The standard attributes a pool defined in the app requires (its schema's `Required`). */
function requiredColumnsOf(pool: cognito.IUserPool): string[] {
  const cfn = pool.node.defaultChild;
  if (!(cfn instanceof cognito.CfnUserPool)) return [];
  const schema = Stack.of(pool).resolve(cfn.schema) as Array<{ name: string; required?: boolean }> | undefined;
  return (schema ?? []).filter((s) => s.required === true && STANDARD_IMPORT_COLUMNS.includes(s.name)).map((s) => s.name);
}

/** A declared user's property for a CSV column. */
const USER_PROPERTY: { [column: string]: string } = { 'cognito:username': 'username', 'cognito:mfa_enabled': 'mfaEnabled' };

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
