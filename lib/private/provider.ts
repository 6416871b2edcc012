import * as path from 'path';
import { CfnResource, CustomResource, Duration, Lazy, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import {
  categoriesOf, concurrentResources, DEFAULT_STACK_QUOTA_SHARE, QUOTA_CONCURRENCY_VARIABLE, QUOTA_SHARE_CONTEXT, QUOTA_SHARE_VARIABLE,
  QuotaCategory, QuotaMember,
} from './quota';
import { describeValue, fail } from './validation';

/** Where the esbuild bundle of `custom-resources/` lands (`npm run bundle`); shipped in the npm package. */
export const HANDLER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'handler');

/** The handler's timeout: bulk users can take minutes; the framework's own function allows 15. */
export const HANDLER_TIMEOUT = Duration.minutes(14);

/**
 * The construct `id` directly under the stack of `scope`, made by `create` the first time it is
 * asked for: the per-stack singletons (the providers, the secret-rotation function) use it in `of()`.
 */
export function stackSingleton<T extends Construct>(scope: IConstruct, id: string, create: (stack: Stack) => T): T {
  const stack = Stack.of(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? create(stack);
}

/** Options of one custom resource served by the stack's provider. */
export interface CognitoResourceOptions {
  /** `Custom::Cognito<Thing>`; the handler routes on it (custom-resources/modules.ts). */
  readonly resourceType: string;
  /** The resource properties. No secret values: pass secret ARNs and grant read with `grantSecretRead`. */
  readonly properties: { [key: string]: unknown };
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Whether the handler needs the provider's granted permissions for this resource: if so, the
   * resource waits for the permissions policy. Only a resource that makes no AWS call and must
   * run before the pool (the immutable-settings guard) says false: waiting for a policy that
   * names the pool would be a dependency cycle.
   * @default true
   */
  readonly needsPermissions?: boolean;
}

/**
 * The stack's one custom-resource provider: the handler Lambda (the bundled
 * `custom-resources/` code) behind aws-cdk-lib's provider framework. Created the first time a
 * construct of the stack asks for it (`CognitoProvider.of(this)`), so a stack holds two
 * functions however many custom resources it declares.
 *
 * Permissions are collected per stack: each construct grants exactly the `cognito-idp:`
 * actions its resource type uses on its pool, and read on the secrets it references. Those
 * grants go to a policy of their own (`CognitoPermissions`), not the role's default policy: the
 * function does not wait for it (CloudFormation would otherwise order the function after the
 * pool it names), the custom resources do. So a resource that must run before the pool (the
 * immutable-settings guard) can use this provider too.
 */
export class CognitoProvider extends Construct {
  /** The id of the singleton under its stack. */
  public static readonly ID = 'CognitoUserPoolsProvider';

  /** The provider of the stack of `scope`, created on first use. */
  public static of(scope: IConstruct): CognitoProvider {
    return stackSingleton(scope, CognitoProvider.ID, (stack) => new CognitoProvider(stack, CognitoProvider.ID));
  }

  /** The handler function (the provider framework calls it with each event). */
  public readonly handler: lambda.Function;
  /** The handler's role: the grants below add to it. */
  public readonly handlerRole: iam.Role;
  /** Pass this as the `ServiceToken` of a `CustomResource`. */
  public readonly serviceToken: string;
  private readonly poolGrants: PoolActionGrants;
  private readonly grantedSecrets = new Set<string>();
  /** Created on the first grant: a policy without statements fails synth. */
  private permissions?: iam.Policy;
  /** The resources that must wait for `permissions`, whenever it is created. */
  private readonly permissionedResources: CustomResource[] = [];
  /** The share of each quota category the stack's custom resources spend together. */
  public readonly stackQuotaShare: number;
  /** Every resource served, with the quota categories its handler spends. */
  private readonly quotaMembers: QuotaMember[] = [];
  private concurrency?: { signature: string; widths: { [category: string]: number } };

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const { fn, role } = handlerFunction(this, {
      assetDir: HANDLER_ASSET_DIR,
      handler: 'index.handler',
      memorySize: 512,
      timeout: HANDLER_TIMEOUT,
      description: 'Cognito user pool custom resources (cdk-cognito-userpools)',
    });
    this.handler = fn;
    // One budget per stack: each invocation spends the stack's share divided by how many
    // resources spending that category may run at once. Passed in the function's environment,
    // not in the resources' properties, so that adding a resource updates no other resource.
    this.stackQuotaShare = stackQuotaShare(this);
    fn.addEnvironment(QUOTA_SHARE_VARIABLE, String(this.stackQuotaShare));
    fn.addEnvironment(QUOTA_CONCURRENCY_VARIABLE, Lazy.string({ produce: () => JSON.stringify(this.concurrentResources()) }));
    this.handlerRole = role;
    this.poolGrants = new PoolActionGrants((statement) => this.permissionsPolicy().addStatements(statement));
    const provider = new cr.Provider(this, 'Provider', { onEventHandler: this.handler, logGroup: frameworkLogGroup(this) });
    this.serviceToken = provider.serviceToken;
    acknowledgeFrameworkFindings(provider, this.handler);
  }

  /** Declares one custom resource served by this provider. */
  public createResource(scope: Construct, id: string, options: CognitoResourceOptions): CustomResource {
    const resource = createCognitoResource(this.serviceToken, scope, id, options);
    if (options.needsPermissions !== false) this.waitForPermissions(resource);
    this.quotaMembers.push({ resource, categories: categoriesOf(options.resourceType), properties: options.properties });
    return resource;
  }

  /**
   * How many of the served resources that spend each quota category may run at once (those
   * with no dependency between them); `'*'` counts all resources that spend any. Read once the
   * app is complete (validation, synthesis).
   */
  public concurrentResources(): { [category: string]: number } {
    // Every Users, User and GroupMembership asks at validation: compute once per state of the
    // resources and their dependencies.
    const signature = this.quotaMembers.map((m) => m.resource.node.scopes.reduce((n, scope) => n + scope.node.dependencies.length, 0)
      + (m.resource.node.defaultChild as CfnResource).obtainDependencies().length).join(',');
    if (this.concurrency?.signature !== signature) this.concurrency = { signature, widths: concurrentResources(this.quotaMembers) };
    return this.concurrency.widths;
  }

  /** The share of `category`'s quota one invocation spends: the stack's, divided among the concurrent resources. */
  public quotaShareOf(category: QuotaCategory): number {
    const widths = this.concurrentResources();
    return this.stackQuotaShare / Math.max(1, widths[category] ?? widths['*'] ?? 1);
  }

  /**
   * Orders `resource` after the permissions policy (now or when the first grant creates it), so
   * the handler never runs before its permissions are attached.
   */
  public waitForPermissions(resource: CustomResource): void {
    this.permissionedResources.push(resource);
    if (this.permissions) resource.node.addDependency(this.permissions);
  }

  /**
   * Lets the handler call `actions` (without the `cognito-idp:` prefix, e.g. `AdminCreateUser`)
   * on this pool. Repeated grants on one pool share one statement.
   */
  public grantCognito(userPool: cognito.IUserPool, actions: readonly string[]): void {
    this.poolGrants.grant(userPool, actions);
  }

  /** Lets the handler read this secret's value (and decrypt it when a customer key encrypts it). */
  public grantSecretRead(secret: secretsmanager.ISecret): void {
    if (this.grantedSecrets.has(secret.secretArn)) return;
    this.grantedSecrets.add(secret.secretArn);
    // A secret imported by name has a partial ARN: match its random suffix.
    const arn = secret.secretFullArn ?? `${secret.secretArn}-??????`;
    const policy = this.permissionsPolicy();
    policy.addStatements(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [arn] }));
    // What `grantDecrypt` grants a role of the key's account (the key policy trusts the account).
    if (secret.encryptionKey) policy.addStatements(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [secret.encryptionKey.keyArn] }));
  }

  /** The policy of the Cognito and Secrets Manager grants, created on first use. */
  private permissionsPolicy(): iam.Policy {
    if (!this.permissions) {
      const policy = new iam.Policy(this, 'CognitoPermissions', { roles: [this.handlerRole] });
      this.permissions = policy;
      for (const resource of this.permissionedResources) resource.node.addDependency(policy);
    }
    return this.permissions;
  }
}

/** The stack's quota share from the context key, checked. */
export function stackQuotaShare(scope: Construct): number {
  const value = scope.node.tryGetContext(QUOTA_SHARE_CONTEXT);
  if (value === undefined) return DEFAULT_STACK_QUOTA_SHARE;
  const share = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof share !== 'number' || Token.isUnresolved(share) || !Number.isFinite(share) || share <= 0 || share > 1) {
    throw new Error(`[${Stack.of(scope).node.path}] context ${QUOTA_SHARE_CONTEXT}: received ${describeValue(value)}; allowed: a number greater than 0 and at most 1.`);
  }
  return share;
}

/**
 * The provider framework's own function uses the AWS managed basic-execution policy and may
 * invoke only our handler (`handler:*` covers its versions). Acknowledged for policy
 * validation plugins such as cdk-nag (which match the finding ids exactly).
 */
export function acknowledgeFrameworkFindings(provider: cr.Provider, handler: lambda.Function): void {
  const onEvent = provider.node.tryFindChild('framework-onEvent');
  if (!onEvent) return;
  const handlerId = Stack.of(handler).getLogicalId(handler.node.defaultChild as CfnResource);
  Validations.of(onEvent).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The provider framework function of aws-cdk-lib uses the basic Lambda execution policy.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${handlerId}.Arn>:*]`,
      reason: 'The provider framework may invoke only the handler function and its versions (handler:*).',
    },
  );
}

/**
 * Context key: how many days the provider's log groups keep their events (a CloudWatch Logs
 * retention: 1, 3, 5, 7, 14, 30, 60, 90, ... 3653).
 */
export const LOG_RETENTION_CONTEXT = 'cdk-cognito-userpools:providerLogRetentionDays';

/**
 * One month by default: the logs serve to diagnose a deployment soon after it ran, and they
 * name users (usernames, never attribute values), so they are kept no longer than that needs.
 * Cognito's own record of every admin call is CloudTrail's, not these logs.
 */
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** The retention of the provider's log groups: the context key's value, else one month. */
export function providerLogRetention(scope: IConstruct): logs.RetentionDays {
  const raw: unknown = scope.node.tryGetContext(LOG_RETENTION_CONTEXT);
  if (raw === undefined) return DEFAULT_LOG_RETENTION;
  const days = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number' && v !== logs.RetentionDays.INFINITE);
  if (typeof days !== 'number' || !allowed.includes(days)) {
    fail(scope, `context ${LOG_RETENTION_CONTEXT}`, raw, `a number of days CloudWatch Logs accepts: ${allowed.join(', ')}`);
  }
  return days as logs.RetentionDays;
}

/**
 * The log group of a provider framework's functions (aws-cdk-lib's `Provider`): without one,
 * Lambda writes to a group it creates with no retention, which keeps every event forever.
 */
export function frameworkLogGroup(scope: Construct): logs.LogGroup {
  return new logs.LogGroup(scope, 'FrameworkLogs', { retention: providerLogRetention(scope), removalPolicy: RemovalPolicy.DESTROY });
}

/** What distinguishes one of the stack's handler functions from another. */
export interface HandlerFunctionOptions {
  /** The esbuild output folder of the bundle. */
  readonly assetDir: string;
  /** `file.export` of the entry point. */
  readonly handler: string;
  readonly timeout: Duration;
  readonly description: string;
  /** @default 256 */
  readonly memorySize?: number;
}

/**
 * A function of the bundled handlers with its own role and log group: the role writes to that
 * log group only, instead of the AWS managed basic-execution policy.
 */
export function handlerFunction(scope: Construct, options: HandlerFunctionOptions): { fn: lambda.Function; role: iam.Role } {
  const logGroup = new logs.LogGroup(scope, 'HandlerLogs', { retention: providerLogRetention(scope), removalPolicy: RemovalPolicy.DESTROY });
  const role = new iam.Role(scope, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: options.description });
  logGroup.grantWrite(role);
  const fn = new lambda.Function(scope, 'Handler', {
    code: lambda.Code.fromAsset(options.assetDir),
    handler: options.handler,
    runtime: lambda.determineLatestNodeRuntime(scope),
    architecture: lambda.Architecture.ARM_64,
    memorySize: options.memorySize ?? 256,
    timeout: options.timeout,
    role,
    logGroup,
    description: options.description,
  });
  return { fn, role };
}

/** One custom resource behind a provider's service token. */
export function createCognitoResource(serviceToken: string, scope: Construct, id: string, options: CognitoResourceOptions): CustomResource {
  return new CustomResource(scope, id, {
    serviceToken,
    resourceType: options.resourceType,
    properties: options.properties,
    removalPolicy: options.removalPolicy ?? RemovalPolicy.DESTROY,
  });
}

/** `cognito-idp:` actions granted in a policy, one statement per pool, merged across constructs. */
export class PoolActionGrants {
  private readonly statements = new Map<string, iam.PolicyStatement>();

  /** @param addStatement adds a new statement to the policy that holds the grants. */
  constructor(private readonly addStatement: (statement: iam.PolicyStatement) => void) {}

  /** Adds `actions` (without the `cognito-idp:` prefix) on this pool's ARN. */
  public grant(userPool: cognito.IUserPool, actions: readonly string[]): void {
    let statement = this.statements.get(userPool.userPoolArn);
    if (!statement) {
      statement = new iam.PolicyStatement({ resources: [userPool.userPoolArn] });
      this.statements.set(userPool.userPoolArn, statement);
      this.addStatement(statement);
    }
    const present = new Set(statement.actions);
    const missing = [...new Set(actions.map((a) => `cognito-idp:${a}`))].filter((a) => !present.has(a));
    if (missing.length > 0) statement.addActions(...missing);
  }
}
