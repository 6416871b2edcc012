import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { GroupMembership } from '../group-membership';
import { MIGRATION_SOURCE_ACTIONS, MIGRATION_TARGET_ACTIONS } from '../private/cognito-actions';
import { nagResourceName } from '../private/nag';
import { cfnUserPoolOf } from '../private/pool-facts';
import { handlerFunction, stackQuotaShare } from '../private/provider';
import { QUOTA_SHARE_VARIABLE } from '../private/quota';
import { applyPropertyInjectors } from '../private/property-injection';
import { AN_IUSER_POOL, AN_IUSER_POOL_CLIENT, requireProps } from '../private/runtime-types';
import { STANDARD_ATTRIBUTE_KEYS } from '../private/user-attributes';
import { checkLength, checkMaxItems, checkPattern, describeValue, fail, isUnresolved } from '../private/validation';
import { UserImportJob } from '../user-import-job';

/** The bulk migration at the end of the window: the export of the users who did not sign in. */
export interface MigrationFinalImport {
  /**
   * The `users.csv` the migration's `export` command wrote (downloaded from its bucket): the old
   * pool's users not yet in the new pool, in the import CSV format. Imported with a
   * `UserImportJob`: these users must reset their password at their first sign-in.
   */
  readonly csvFile: string;
  /**
   * The `groups.json` the same export wrote: the members of each copied group. Each group gets a
   * `GroupMembership` of the imported users, after the import job.
   * @default - no memberships are added
   */
  readonly membershipsFile?: string;
}

/** Properties of {@link UserPoolMigration}. */
export interface UserPoolMigrationProps {
  /** The old pool: its users are migrated from it. It is not changed. */
  readonly sourceUserPool: cognito.IUserPool;
  /**
   * A client of the old pool that allows `ADMIN_USER_PASSWORD_AUTH` (`authFlows.adminUserPassword`)
   * and has no secret: the trigger checks passwords with `AdminInitiateAuth` through it. Checked at
   * synth when the client is defined in the app.
   */
  readonly sourceUserPoolClient: cognito.IUserPoolClient;
  /**
   * The new pool. When it is a `UserPool` of this app, the user-migration trigger is attached to
   * it; otherwise attach `triggerFunction` with a `UserPoolTriggers` or where the pool is defined.
   */
  readonly targetUserPool: cognito.IUserPool;
  /**
   * Attributes renamed on the way: old name → new name (`custom:` prefix included); `''` drops the
   * attribute. Attributes not listed keep their name; `sub` and `identities` are never copied.
   * Checked against the new pool's schema (standard attributes and its custom attributes) and
   * its username attributes when the new pool is defined in the app.
   * @default - every attribute keeps its name
   */
  readonly attributeMapping?: { [sourceName: string]: string };
  /**
   * The attribute of the old pool that finds a user when the name typed at sign-in is not an old
   * username (e.g. the email address, when the new pool signs in with email and the old one with
   * usernames). One that ListUsers searches by: username, email, phone_number, name, given_name,
   * family_name, preferred_username or sub.
   * @default - the old attribute mapped to the new pool's first username attribute, when the new pool is in the app; else none
   */
  readonly lookupAttribute?: string;
  /**
   * The groups whose memberships are copied (at each user's migration, and in the final import).
   * @default - no group
   */
  readonly groups?: string[];
  /**
   * Whether the construct creates `groups` in the new pool (`CfnUserPoolGroup`, without a role or
   * precedence). Turn it off when the new pool's groups are declared elsewhere.
   * @default true
   */
  readonly createGroups?: boolean;
  /**
   * The end of the migration window, ISO 8601 with a time zone (e.g. `2027-03-31T00:00:00Z`):
   * after it the trigger migrates nobody (the remaining users come with the final import).
   * @default - the window stays open until the construct is removed
   */
  readonly migrationEndsAt?: string;
  /**
   * The bulk migration at the end: import the users who did not sign in (they reset their
   * password), with their group memberships.
   * @default - no import
   */
  readonly finalImport?: MigrationFinalImport;
}

/** The CloudWatch namespace of the migration's metrics. */
export const MIGRATION_METRIC_NAMESPACE = 'CdkCognitoUserPools/Migration';

/** The usernames of one GroupMembership of the final import (2 UserUpdate calls each). */
const MEMBERS_PER_RESOURCE = 2000;
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const STANDARD_NAMES = new Set(Object.values(STANDARD_ATTRIBUTE_KEYS));
/** The attributes ListUsers filters by (its Filter parameter), less the status ones. */
const SEARCHABLE = ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'sub'];
/** Attributes Cognito sets itself in the new pool. */
const NOT_MAPPABLE = new Set(['sub', 'identities']);

/**
 * Moves the users of a pool to a new one, for a change Cognito cannot make on a live pool
 * (sign-in aliases, username attributes, case sensitivity, required attributes, custom attribute
 * types): declare the new pool next to the old one and migrate.
 *
 * - At sign-in (lazy migration): a user-migration trigger on the new pool checks the password
 *   against the old pool (`AdminInitiateAuth`, `ADMIN_USER_PASSWORD_AUTH`) and creates the user
 *   with its attributes, mapped: the user keeps the password. Group memberships and federated
 *   links follow right after (the function invokes itself once the user exists).
 * - At the end (bulk migration): the function's `export` command writes the users who did not
 *   sign in as the import CSV, and the memberships as JSON, to `exportBucket`; `finalImport`
 *   imports them with a `UserImportJob` (they reset their password).
 * - Progress: `MigratedUsers`, `RefusedMigrations`, `FailedMigrations` from the trigger, and
 *   hourly `RemainingUsers` (old pool's estimated users minus the new pool's), in the namespace
 *   `CdkCognitoUserPools/Migration`, dimension `Migration` = this construct's path; an alarm on
 *   failed migrations.
 */
export class UserPoolMigration extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolMigration';
  /** The function: the new pool's user-migration trigger, and the export and progress commands. */
  public readonly triggerFunction: lambda.Function;
  /** The bucket the `export` command writes to (encrypted, TLS only, private). */
  public readonly exportBucket: s3.Bucket;
  /** Alarms when a migration fails for another reason than the user's (throttling, permissions, a bug). */
  public readonly failedMigrationsAlarm: cloudwatch.Alarm;
  /** The final import job, when `finalImport` is given. */
  public readonly importJob?: UserImportJob;

  private readonly migrationName: string;

  constructor(scope: Construct, id: string, props: UserPoolMigrationProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolMigration.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { sourceUserPool: AN_IUSER_POOL, sourceUserPoolClient: AN_IUSER_POOL_CLIENT, targetUserPool: AN_IUSER_POOL });
    this.migrationName = this.node.path;
    const source = props.sourceUserPool;
    const target = props.targetUserPool;
    if (source === target || (!isUnresolved(source.userPoolId) && source.userPoolId === target.userPoolId)) {
      fail(this, 'targetUserPool', target.node.path, 'a pool other than sourceUserPool');
    }
    this.checkClient(props.sourceUserPoolClient, source);
    const mapping = props.attributeMapping ?? {};
    const derived = this.checkMapping(mapping, target);
    if (props.lookupAttribute !== undefined && !isUnresolved(props.lookupAttribute) && !SEARCHABLE.includes(props.lookupAttribute)) {
      fail(this, 'lookupAttribute', props.lookupAttribute, `an attribute ListUsers can search by (${SEARCHABLE.join(', ')})`);
    }
    if (props.lookupAttribute === undefined && derived !== undefined && !SEARCHABLE.includes(derived)) {
      fail(this, 'lookupAttribute', undefined,
        `an attribute ListUsers can search by (${SEARCHABLE.join(', ')}): the new pool's username attribute comes from ${derived}, `
        + 'which ListUsers cannot search, so the old users must be found by another attribute');
    }
    const lookupAttribute = props.lookupAttribute ?? derived;
    const groups = props.groups ?? [];
    checkMaxItems(this, 'groups', groups, 10000);
    groups.forEach((g, i) => {
      checkLength(this, `groups[${i}]`, g, 1, 128);
      checkPattern(this, `groups[${i}]`, g, GROUP_NAME, 'letters, marks, symbols, digits and punctuation (no spaces)');
      if (groups.indexOf(g) !== i) fail(this, `groups[${i}]`, g, 'a group not listed before');
    });
    if (props.migrationEndsAt !== undefined && !isUnresolved(props.migrationEndsAt)
      && (!ISO_TIME.test(props.migrationEndsAt) || Number.isNaN(Date.parse(props.migrationEndsAt)))) {
      fail(this, 'migrationEndsAt', props.migrationEndsAt, 'an ISO 8601 time with a time zone, e.g. 2027-03-31T00:00:00Z');
    }

    this.exportBucket = new s3.Bucket(this, 'ExportBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.exportBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds the migration\'s user exports, written by its own function only; access logs would live as long as the migration.',
    });

    const { fn, role } = handlerFunction(this, {
      assetDir: path.join(__dirname, '..', '..', 'assets', 'migration-trigger'),
      handler: 'index.handler',
      // The export command pages through both pools; the trigger itself answers within Cognito's 5 seconds.
      timeout: Duration.minutes(15),
      description: `User migration from ${source.node.path} to ${target.node.path}`,
    });
    this.triggerFunction = fn;
    // The export pages through both pools within the stack's share of each quota.
    fn.addEnvironment(QUOTA_SHARE_VARIABLE, String(stackQuotaShare(this)));
    fn.addEnvironment('MIGRATION_CONFIG', Stack.of(this).toJsonString({
      sourceUserPoolId: source.userPoolId,
      sourceClientId: props.sourceUserPoolClient.userPoolClientId,
      attributeMapping: mapping,
      groups,
      lookupAttribute,
      endsAt: props.migrationEndsAt,
      metricNamespace: MIGRATION_METRIC_NAMESPACE,
      migrationName: this.migrationName,
      exportBucket: this.exportBucket.bucketName,
    }));

    // Its own policy, not the role's default one: the function must not depend on it, because
    // the new pool (which it names) depends on the function through its trigger.
    const exportObjects = this.exportBucket.arnForObjects('exports/*');
    const policy = new iam.Policy(this, 'Policy', {
      statements: [
        new iam.PolicyStatement({
          actions: MIGRATION_SOURCE_ACTIONS.map((a) => `cognito-idp:${a}`),
          resources: [source.userPoolArn],
        }),
        new iam.PolicyStatement({
          actions: MIGRATION_TARGET_ACTIONS.map((a) => `cognito-idp:${a}`),
          resources: [target.userPoolArn],
        }),
        // The asynchronous follow-up of each migration (memberships, links).
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [exportObjects] }),
      ],
    });
    role.attachInlinePolicy(policy);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, exportObjects)}]`,
      reason: 'The export command writes a new folder of files under exports/ at each run.',
    });

    if (target instanceof cognito.UserPool) {
      target.addTrigger(cognito.UserPoolOperation.USER_MIGRATION, fn);
    } else {
      Annotations.of(this).addWarningV2('cdk-cognito-userpools:migrationTriggerNotAttached',
        `The new pool ${target.node.path} is not a UserPool of this app: attach triggerFunction as its user-migration trigger, `
        + 'with a UserPoolTriggers (triggers: { userMigration: triggerFunction }) or where the pool is defined (LambdaConfig.UserMigration).');
    }

    // Hourly: both pools' estimated users, and the difference (RemainingUsers).
    new events.Rule(this, 'Progress', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      description: `Progress of the user migration ${this.migrationName}`,
      targets: [new targets.LambdaFunction(fn, {
        event: events.RuleTargetInput.fromObject({ command: 'progress', targetUserPoolId: target.userPoolId }),
        retryAttempts: 2,
      })],
    });

    this.failedMigrationsAlarm = new cloudwatch.Alarm(this, 'FailedMigrationsAlarm', {
      metric: this.metricFailedMigrations(),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Users could not be migrated to ${target.node.path} at sign-in (not a wrong password: throttling, permissions or an error); see the function's log`,
    });

    const groupRefs = new Map<string, cognito.IUserPoolGroup>();
    groups.forEach((name, i) => {
      if (props.createGroups ?? true) {
        const group = new cognito.CfnUserPoolGroup(this, `Group${i}`, {
          userPoolId: target.userPoolId,
          groupName: name,
          description: `Migrated from ${source.node.path}`,
        });
        groupRefs.set(name, cognito.UserPoolGroup.fromGroupName(this, `GroupRef${i}`, group.ref));
      } else {
        groupRefs.set(name, cognito.UserPoolGroup.fromGroupName(this, `GroupRef${i}`, name));
      }
    });

    if (props.finalImport) {
      this.importJob = new UserImportJob(this, 'FinalImport', { userPool: target, csvFile: props.finalImport.csvFile });
      if (props.finalImport.membershipsFile !== undefined) {
        // One after another, after the job, in parts of MEMBERS_PER_RESOURCE: each part finishes
        // well within a custom resource's time at the stack's share of the UserUpdate quota.
        let previous: Construct = this.importJob;
        for (const [name, usernames] of this.readMemberships(props.finalImport.membershipsFile, groups)) {
          for (let from = 0; from < usernames.length; from += MEMBERS_PER_RESOURCE) {
            const membership: Construct = new GroupMembership(this, `Members${groups.indexOf(name)}x${from / MEMBERS_PER_RESOURCE}`, {
              userPool: target, group: groupRefs.get(name)!, usernames: usernames.slice(from, from + MEMBERS_PER_RESOURCE),
            });
            membership.node.addDependency(previous);
            previous = membership;
          }
        }
      }
    }
  }

  /** Users migrated (at sign-in or at a password reset), statistic Sum. */
  public metricMigratedUsers(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('MigratedUsers', { statistic: 'Sum', ...props });
  }

  /** Migrations refused for the user's reason (wrong password, a challenge, disabled, window closed), statistic Sum. */
  public metricRefusedMigrations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('RefusedMigrations', { statistic: 'Sum', ...props });
  }

  /** Migrations that failed for another reason (throttling, permissions, an error), statistic Sum. */
  public metricFailedMigrations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('FailedMigrations', { statistic: 'Sum', ...props });
  }

  /** The old pool's estimated users minus the new pool's, published hourly, statistic Minimum. */
  public metricRemainingUsers(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('RemainingUsers', { statistic: 'Minimum', period: Duration.hours(1), ...props });
  }

  /** A metric of this migration (namespace `CdkCognitoUserPools/Migration`, dimension `Migration`). */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: MIGRATION_METRIC_NAMESPACE,
      metricName,
      dimensionsMap: { Migration: this.migrationName },
      period: Duration.minutes(5),
      ...props,
    });
  }

  /** The client must belong to the old pool, allow ADMIN_USER_PASSWORD_AUTH and have no secret. */
  private checkClient(client: cognito.IUserPoolClient, source: cognito.IUserPool): void {
    const cfn = client.node.defaultChild;
    if (!(cfn instanceof cognito.CfnUserPoolClient)) return;
    const stack = Stack.of(this);
    const clientPool = stack.resolve(cfn.userPoolId);
    const sourceId = stack.resolve(source.userPoolId);
    if (JSON.stringify(clientPool) !== JSON.stringify(sourceId) && cfnUserPoolOf(source) !== undefined) {
      fail(this, 'sourceUserPoolClient', client.node.path, `a client of the old pool ${source.node.path}`);
    }
    const flows = stack.resolve(cfn.explicitAuthFlows) as string[] | undefined;
    if (!isUnresolved(cfn.explicitAuthFlows) && !(flows ?? []).some((f) => f === 'ALLOW_ADMIN_USER_PASSWORD_AUTH' || f === 'ADMIN_NO_SRP_AUTH')) {
      fail(this, 'sourceUserPoolClient', `${client.node.path} with the auth flows ${describeValue(flows ?? [])}`,
        'a client whose authFlows include adminUserPassword (ALLOW_ADMIN_USER_PASSWORD_AUTH): the trigger checks passwords with AdminInitiateAuth');
    }
    const secret = stack.resolve(cfn.generateSecret);
    if (secret === true) {
      fail(this, 'sourceUserPoolClient', `${client.node.path} with a client secret`,
        'a client without a secret (the trigger sends no SECRET_HASH)');
    }
  }

  /**
   * Checks the mapping against the new pool when it is in the app: each new name is a standard
   * attribute or one of its custom attributes, no two old names map to one, and the new pool's
   * username attributes are given. Returns the old attribute to find users by (the one mapped to
   * the first username attribute), if any.
   */
  private checkMapping(mapping: { [name: string]: string }, target: cognito.IUserPool): string | undefined {
    const seen = new Map<string, string>();
    for (const [from, to] of Object.entries(mapping)) {
      if (NOT_MAPPABLE.has(from)) fail(this, `attributeMapping.${from}`, to, 'no entry: Cognito sets sub and identities in the new pool');
      if (to === '') continue;
      if (NOT_MAPPABLE.has(to)) fail(this, `attributeMapping.${from}`, to, 'an attribute other than sub and identities (Cognito sets them)');
      if (seen.has(to)) fail(this, `attributeMapping.${from}`, to, `a new name no other attribute maps to (${seen.get(to)} does)`);
      seen.set(to, from);
    }
    const cfn = cfnUserPoolOf(target);
    if (!cfn) return undefined;
    const stack = Stack.of(this);
    const schema = stack.resolve(cfn.schema) as Array<{ name: string }> | undefined;
    if (Token.isUnresolved(cfn.schema)) return undefined;
    const custom = (schema ?? []).map((s) => s.name).filter((n) => !STANDARD_NAMES.has(n)).map((n) => `custom:${n}`);
    for (const [from, to] of Object.entries(mapping)) {
      if (to === '' || STANDARD_NAMES.has(to) || custom.includes(to)) continue;
      fail(this, `attributeMapping.${from}`, to,
        `a standard attribute or a custom attribute of the new pool ${target.node.path} (${custom.join(', ') || 'it has none'})`);
    }
    const usernameAttributes = (stack.resolve(cfn.usernameAttributes) as string[] | undefined) ?? [];
    let lookup: string | undefined;
    for (const attribute of usernameAttributes) {
      // The old attribute that gives it: one mapped to it, or the same name left as it is.
      const from = seen.get(attribute) ?? (mapping[attribute] === undefined ? attribute : undefined);
      if (from === undefined) {
        fail(this, 'attributeMapping', mapping,
          `a mapping that gives ${attribute}, a username attribute of the new pool ${target.node.path} (its users sign in with it)`);
      }
      lookup ??= from;
    }
    return lookup;
  }

  /** The memberships file of the export: `{ groups: [{ name, usernames }] }`, for the groups of this migration. */
  private readMemberships(file: string, groups: string[]): Array<[string, string[]]> {
    const property = 'finalImport.membershipsFile';
    if (!fs.existsSync(file)) fail(this, property, file, 'an existing groups.json written by the export command');
    let parsed: { groups?: Array<{ name?: unknown; usernames?: unknown }> };
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      fail(this, property, `${path.basename(file)} (${(e as Error).message})`, 'JSON written by the export command');
    }
    const list = Array.isArray(parsed.groups) ? parsed.groups : fail(this, property, path.basename(file), 'a JSON object with a groups list');
    return list.map((g, i) => {
      if (typeof g?.name !== 'string' || !groups.includes(g.name)) {
        fail(this, `${property} groups[${i}].name`, g?.name, `one of the migration's groups (${groups.join(', ') || 'none'})`);
      }
      if (!Array.isArray(g.usernames) || !g.usernames.every((u) => typeof u === 'string')) {
        fail(this, `${property} groups[${i}].usernames`, g.usernames, 'a list of usernames');
      }
      return [g.name, g.usernames as string[]];
    });
  }
}
