import { Arn, ArnFormat, RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { allConstructs, sameResource, threatProtectionOf, validationMessage } from './private/pool-facts';
import { checkPattern, fail } from './private/validation';
import { AN_IUSER_POOL, checkEnumMember, checkRemovalPolicy, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** The level of the logs a user pool exports. */
export enum UserPoolLogLevel {
  /** Errors only (the level of user-notification logs). */
  ERROR = 'ERROR',
  /** Informational events (the level of user-activity logs). */
  INFO = 'INFO',
}

/** The kinds of log destination. */
export enum UserPoolLogDestinationType {
  /** A CloudWatch Logs log group. */
  CLOUDWATCH_LOGS = 'CLOUDWATCH_LOGS',
  /** An S3 bucket. */
  S3 = 'S3',
  /** An Amazon Data Firehose stream. */
  FIREHOSE = 'FIREHOSE',
}

/** Where a user pool sends one kind of logs. */
export class UserPoolLogDestination {
  /** An existing CloudWatch Logs log group (same account and Region, not KMS-encrypted). */
  public static cloudWatchLogs(logGroup: logs.ILogGroup): UserPoolLogDestination {
    return new UserPoolLogDestination(UserPoolLogDestinationType.CLOUDWATCH_LOGS, logGroup);
  }

  /** An S3 bucket; when the bucket is defined in the app, the log delivery bucket policy is added to it. */
  public static s3(bucket: s3.IBucket): UserPoolLogDestination {
    return new UserPoolLogDestination(UserPoolLogDestinationType.S3, undefined, bucket);
  }

  /** An Amazon Data Firehose stream, by ARN. */
  public static firehose(streamArn: string): UserPoolLogDestination {
    return new UserPoolLogDestination(UserPoolLogDestinationType.FIREHOSE, undefined, undefined, streamArn);
  }

  private constructor(
    /** The kind of destination. */
    public readonly destinationType: UserPoolLogDestinationType,
    /** The log group, for CLOUDWATCH_LOGS. */
    public readonly logGroup?: logs.ILogGroup,
    /** The bucket, for S3. */
    public readonly bucket?: s3.IBucket,
    /** The stream ARN, for FIREHOSE. */
    public readonly streamArn?: string,
  ) {}
}

/** The export of one log source. */
export interface UserPoolLogExport {
  /**
   * Where the logs go.
   * @default - a new log group named `/aws/vendedlogs/cognito/<pool id>/<source>` with the
   * resource policy that lets Cognito write to it
   */
  readonly destination?: UserPoolLogDestination;
  /**
   * The log level.
   * @default - ERROR for user-notification logs, INFO for user-activity logs
   */
  readonly level?: UserPoolLogLevel;
  /**
   * Retention of the log group created when no destination is given.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;
}

/** Options of a {@link LogDelivery}, for `pool.addLogDelivery(id, options)`. */
export interface LogDeliveryOptions {
  /**
   * Export of message-delivery errors (email and SMS), source `userNotification`: ERROR level,
   * CloudWatch Logs only.
   * @default - not exported
   */
  readonly userNotification?: UserPoolLogExport;
  /**
   * Export of user-activity logs from threat protection, source `userAuthEvents`: INFO level,
   * to CloudWatch Logs, S3 or Firehose; needs the Plus feature plan with threat protection on.
   * @default - not exported
   */
  readonly userAuthEvents?: UserPoolLogExport;
  /**
   * What happens to the log groups this construct creates when it is removed.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of a {@link LogDelivery}. */
export interface LogDeliveryProps extends LogDeliveryOptions {
  /** The user pool whose logs are exported. */
  readonly userPool: cognito.IUserPool;
}

/** The event sources Cognito exports, with the levels and destinations each accepts. */
const SOURCES = {
  userNotification: { name: 'userNotification', path: 'user-notification', levels: ['ERROR'], destinations: ['CLOUDWATCH_LOGS'] },
  userAuthEvents: { name: 'userAuthEvents', path: 'user-auth-events', levels: ['INFO'], destinations: ['CLOUDWATCH_LOGS', 'S3', 'FIREHOSE'] },
} as const;
type SourceKey = keyof typeof SOURCES;

/**
 * The log export of a user pool (`AWS::Cognito::LogDeliveryConfiguration`): message-delivery
 * errors and threat-protection user activity to CloudWatch Logs, S3 or Firehose.
 *
 * A pool has one log delivery configuration; a second one for the same pool is refused.
 */
export class LogDelivery extends Resource {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.LogDelivery';
  /** The user pool. */
  public readonly userPool: cognito.IUserPool;
  /** The log group created for user-notification logs when no destination was given. */
  public readonly userNotificationLogGroup?: logs.ILogGroup;
  /** The log group created for user-activity logs when no destination was given. */
  public readonly userAuthEventsLogGroup?: logs.ILogGroup;
  private readonly createdLogGroups: { [source: string]: logs.LogGroup } = {};

  constructor(scope: Construct, id: string, props: LogDeliveryProps) {
    props = applyPropertyInjectors(scope, id, props, LogDelivery.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL });
    checkRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    for (const source of ['userNotification', 'userAuthEvents'] as const) {
      checkEnumMember(this, `${source}.level`, props[source]?.level, UserPoolLogLevel, 'UserPoolLogLevel');
      checkEnumMember(this, `${source}.retention`, props[source]?.retention, logs.RetentionDays, 'RetentionDays');
    }
    this.userPool = props.userPool;
    if (!props.userNotification && !props.userAuthEvents) {
      fail(this, 'props', 'no log source', 'at least one of userNotification, userAuthEvents');
    }
    this.refuseSecondForSamePool();

    const configurations: cognito.CfnLogDeliveryConfiguration.LogConfigurationProperty[] = [];
    const policyResources: string[] = [];
    for (const key of Object.keys(SOURCES) as SourceKey[]) {
      const options = props[key];
      if (!options) continue;
      configurations.push(this.renderExport(key, options, props.removalPolicy ?? RemovalPolicy.RETAIN, policyResources));
    }

    const resource = new cognito.CfnLogDeliveryConfiguration(this, 'Resource', {
      userPoolId: props.userPool.userPoolId,
      logConfigurations: configurations,
    });
    this.node.defaultChild = resource;

    if (policyResources.length > 0) {
      // Cognito delivers through CloudWatch Logs' vended-log service, which needs this account-level policy.
      const policy = new logs.ResourcePolicy(this, 'DeliveryPolicy', {
        policyStatements: [new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: policyResources.map((arn) => `${arn}:log-stream:*`),
          conditions: this.deliveryConditions(),
        })],
      });
      resource.node.addDependency(policy);
    }

    this.userNotificationLogGroup = this.createdLogGroups.userNotification;
    this.userAuthEventsLogGroup = this.createdLogGroups.userAuthEvents;

    if (props.userAuthEvents) {
      this.node.addValidation({ validate: () => this.validatePlan() });
    }
  }

  private renderExport(key: SourceKey, options: UserPoolLogExport, removalPolicy: RemovalPolicy, policyResources: string[]): cognito.CfnLogDeliveryConfiguration.LogConfigurationProperty {
    const source = SOURCES[key];
    const level = options.level ?? source.levels[0];
    if (!(source.levels as readonly string[]).includes(level)) {
      fail(this, `${key}.level`, level, `${source.levels.join(' or ')} for ${source.name} logs`);
    }
    const destination = options.destination;
    if (destination && !(source.destinations as readonly string[]).includes(destination.destinationType)) {
      fail(this, `${key}.destination`, destination.destinationType, `${source.destinations.join(', ')} for ${source.name} logs`);
    }
    if (destination && options.retention !== undefined) {
      fail(this, `${key}.retention`, options.retention, 'no retention when a destination is given (it applies to the log group created without one)');
    }
    const base = { eventSource: source.name, logLevel: level };
    if (!destination) {
      const group = new logs.LogGroup(this, `${capitalize(key)}Logs`, {
        logGroupName: `/aws/vendedlogs/cognito/${this.userPool.userPoolId}/${source.path}`,
        retention: options.retention ?? logs.RetentionDays.ONE_YEAR,
        removalPolicy,
      });
      this.createdLogGroups[key] = group;
      const arn = this.logGroupArn(group);
      policyResources.push(arn);
      return { ...base, cloudWatchLogsConfiguration: { logGroupArn: arn } };
    }
    switch (destination.destinationType) {
      case UserPoolLogDestinationType.CLOUDWATCH_LOGS:
        this.checkLogGroup(`${key}.destination`, destination.logGroup!);
        return { ...base, cloudWatchLogsConfiguration: { logGroupArn: this.logGroupArn(destination.logGroup!) } };
      case UserPoolLogDestinationType.S3:
        this.grantBucket(destination.bucket!);
        return { ...base, s3Configuration: { bucketArn: destination.bucket!.bucketArn } };
      default:
        checkPattern(this, `${key}.destination.streamArn`, destination.streamArn,
          /^arn:[\w-]+:firehose:[\w-]+:\d{12}:deliverystream\/[\w.-]+$/, 'a Firehose delivery stream ARN (arn:aws:firehose:<region>:<account>:deliverystream/<name>)');
        return { ...base, firehoseConfiguration: { streamArn: destination.streamArn } };
    }
  }

  /** Cognito cannot write to a KMS-encrypted log group (checked when the group is defined in the app). */
  private checkLogGroup(property: string, group: logs.ILogGroup): void {
    const cfn = group.node.defaultChild;
    if (cfn instanceof logs.CfnLogGroup && cfn.kmsKeyId !== undefined) {
      fail(this, property, group.node.path, 'a log group without KMS encryption (Cognito cannot deliver to encrypted log groups)');
    }
  }

  /** Cognito wants the log group ARN without the `:*` suffix that `logGroupArn` carries. */
  private logGroupArn(group: logs.ILogGroup): string {
    const stack = Stack.of(group);
    return Arn.format({
      service: 'logs',
      resource: 'log-group',
      resourceName: group.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }, stack);
  }

  private deliveryConditions(): { [key: string]: any } {
    const stack = Stack.of(this);
    return {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*` },
    };
  }

  /** The bucket policy of S3 log delivery (a no-op for imported buckets, whose policy is the owner's). */
  private grantBucket(bucket: s3.IBucket): void {
    const principal = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
    const conditions = this.deliveryConditions();
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`AWSLogs/${Stack.of(this).account}/*`)],
      conditions: { ...conditions, StringEquals: { ...conditions.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions,
    }));
  }

  private refuseSecondForSamePool(): void {
    const other = allConstructs(this).find((c) => c !== this && c instanceof LogDelivery
      && sameResource(c.userPool, c.userPool.userPoolId, this.userPool, this.userPool.userPoolId));
    if (other) {
      fail(this, 'userPool', Token.isUnresolved(this.userPool.userPoolId) ? this.userPool.node.path : this.userPool.userPoolId,
        `one log delivery configuration per user pool (${other.node.path} already exists; put both sources in it)`);
    }
  }

  private validatePlan(): string[] {
    const tp = threatProtectionOf(this.userPool);
    if (tp && tp.featurePlan !== 'PLUS') {
      return [validationMessage(this, 'userAuthEvents', `feature plan ${tp.featurePlan}`, 'a pool on the PLUS feature plan (user-activity logs come from threat protection)')];
    }
    if (tp && tp.mode === 'OFF') {
      return [validationMessage(this, 'userAuthEvents', 'threat protection OFF', 'a pool with threat protection in AUDIT or ENFORCED mode')];
    }
    return [];
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
