import * as path from 'path';
import { CfnResource, CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import {
  CognitoProvider, CognitoResourceOptions, PoolActionGrants, acknowledgeFrameworkFindings, createCognitoResource, frameworkLogGroup, handlerFunction,
  stackSingleton,
} from './provider';

/** The esbuild bundle of `custom-resources/waiter.ts` (`npm run bundle`). */
export const WAITER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'waiter');

/**
 * The stack's second provider, for long-running work (user import jobs): the main provider's
 * handler serves onEvent, a small isComplete function polls until the work ends. Created only
 * when a construct of the stack asks for it.
 */
export class CognitoWaiterProvider extends Construct {
  public static readonly ID = 'CognitoUserPoolsWaiterProvider';

  public static of(scope: IConstruct): CognitoWaiterProvider {
    return stackSingleton(scope, CognitoWaiterProvider.ID, (stack) => new CognitoWaiterProvider(stack, CognitoWaiterProvider.ID));
  }

  /** The main provider: its role runs onEvent. */
  public readonly main: CognitoProvider;
  /** The isComplete function's role. */
  public readonly waiterRole: iam.Role;
  public readonly serviceToken: string;
  private readonly waiterGrants: PoolActionGrants;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.main = CognitoProvider.of(scope);
    const { fn, role } = handlerFunction(this, {
      assetDir: WAITER_ASSET_DIR,
      handler: 'index.isComplete',
      timeout: Duration.minutes(1),
      description: 'Cognito user pool long-running custom resources, isComplete (cdk-cognito-userpools)',
    });
    this.waiterRole = role;
    // The isComplete function's grants stay on its role's default policy: no guard uses this provider.
    this.waiterGrants = new PoolActionGrants((statement) => role.addToPrincipalPolicy(statement));
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.main.handler,
      isCompleteHandler: fn,
      queryInterval: Duration.seconds(30),
      // CloudFormation gives up on a custom resource after 1 hour: onEvent (up to 14 minutes) and
      // this waiter must fit in it. The import-job waiter stops a job at 40 minutes, before this.
      totalTimeout: Duration.minutes(45),
      logGroup: frameworkLogGroup(this),
    });
    this.serviceToken = provider.serviceToken;
    acknowledgeFrameworkFindings(provider, this.main.handler);
    acknowledgeWaiterFindings(provider, this.main.handler, fn);
  }

  /** Declares one long-running resource; onEvent runs with the main provider's permissions, so it waits for them. */
  public createResource(scope: Construct, id: string, options: CognitoResourceOptions): CustomResource {
    const resource = createCognitoResource(this.serviceToken, scope, id, options);
    if (options.needsPermissions !== false) this.main.waitForPermissions(resource);
    return resource;
  }

  /** Lets the isComplete function call `actions` (without prefix) on this pool. */
  public grantWaiter(userPool: cognito.IUserPool, actions: readonly string[]): void {
    this.waiterGrants.grant(userPool, actions);
  }
}

/**
 * The provider framework's waiter (isComplete, onTimeout and its state machine) follows
 * aws-cdk-lib's design: basic execution policy, invoke rights on the functions' versions, no
 * execution logging. Acknowledged for policy validation plugins such as cdk-nag.
 */
function acknowledgeWaiterFindings(provider: cr.Provider, onEvent: lambda.Function, isComplete: lambda.Function): void {
  const logicalId = (c: Construct) => Stack.of(c).getLogicalId(c.node.defaultChild as CfnResource);
  const basic = {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'The provider framework functions of aws-cdk-lib use the basic Lambda execution policy.',
  };
  const invoke = (fn: Construct) => ({
    id: `AwsSolutions-IAM5[Resource::<${logicalId(fn)}.Arn>:*]`,
    reason: 'The provider framework may invoke only its own functions and their versions.',
  });
  for (const id of ['framework-onEvent', 'framework-isComplete', 'framework-onTimeout']) {
    const fn = provider.node.tryFindChild(id);
    if (fn) Validations.of(fn).acknowledge(basic, invoke(onEvent), invoke(isComplete));
  }
  const machine = provider.node.tryFindChild('waiter-state-machine');
  if (machine) {
    const frameworkFns = ['framework-isComplete', 'framework-onTimeout'].map((id) => provider.node.tryFindChild(id)).filter((c): c is Construct => !!c);
    Validations.of(machine).acknowledge(
      ...frameworkFns.map(invoke),
      { id: 'AwsSolutions-SF1', reason: 'The framework\'s waiter state machine only polls; the functions log each attempt.' },
      { id: 'AwsSolutions-SF2', reason: 'The framework\'s waiter state machine only polls; no tracing needed.' },
    );
  }
}
