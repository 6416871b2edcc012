import { Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { POOL_TRIGGERS_ACTIONS } from '../private/cognito-actions';
import { COGNITO_SERVICE, grantPassRoleTo } from '../private/pass-role';
import { cfnUserPoolOf } from '../private/pool-facts';
import { CognitoProvider } from '../private/provider';
import { aListOf, anObject, AN_IUSER_POOL, checkEnumMember, checkType, requireProps } from '../private/runtime-types';
import { claimSetting } from '../private/single-owner';
import { fail } from '../private/validation';
import { applyPropertyInjectors } from '../private/property-injection';

/** The resource type of the custom resource (custom-resources/pool-triggers). */
export const POOL_TRIGGERS_RESOURCE_TYPE = 'Custom::CognitoUserPoolTriggers';

/**
 * The Lambda triggers to set: aws-cdk-lib's `UserPoolTriggers`, plus the inbound federation
 * trigger. A function alias or version is accepted: Cognito then invokes exactly that alias or version.
 */
export interface UserPoolTriggerFunctions extends cognito.UserPoolTriggers {
  /**
   * Invoked when a user signs in through a federated identity provider, to transform the
   * attributes the provider sent (LambdaConfig.InboundFederation, event version V1_0).
   *
   * @default - no inbound federation trigger
   */
  readonly inboundFederation?: lambda.IFunction;
}

/** Properties of {@link UserPoolTriggers}. */
export interface UserPoolTriggersProps {
  /**
   * The pool: one this app does not define, imported by id (`UserPool.fromUserPoolId`), by ARN
   * (`UserPool.fromUserPoolArn`) or from a producer's shared parameters. A pool defined in this
   * app is refused: give it the triggers through its own `lambdaTriggers` or `addTrigger`.
   */
  readonly userPool: cognito.IUserPool;

  /** The triggers to set; at least one. */
  readonly triggers: UserPoolTriggerFunctions;

  /**
   * The event version of the pre token generation trigger (V2_0 and V3_0 can change access
   * tokens; they need the Essentials or Plus feature plan).
   *
   * @default LambdaVersion.V1_0
   */
  readonly preTokenGenerationVersion?: cognito.LambdaVersion;

  /**
   * The KMS key Cognito encrypts codes and temporary passwords with for the custom email and SMS
   * senders (LambdaConfig.KMSKeyID); required with either sender, refused without one. Cognito
   * is granted `kms:Encrypt` for this pool (in the key policy, for a key this app defines) and
   * each sender `kms:Decrypt`.
   *
   * @default - none (no custom sender)
   */
  readonly customSenderKmsKey?: kms.IKey;

  /**
   * Take over a slot that already holds another function (set by the pool's owner or another
   * app). What the slot held is recorded and put back when this construct is deleted or stops
   * declaring the slot. Without it, a taken slot fails the deployment, naming the slot and the
   * function that holds it.
   *
   * @default false
   */
  readonly replaceExisting?: boolean;

  /**
   * The roles the pool's SMS configuration names (`SmsConfiguration.SnsCallerArn`, and
   * `EumsSms.CallerArn`). UpdateUserPool must send them back with the rest of the pool's
   * configuration, and Cognito requires `iam:PassRole` on them from the caller: the handler is
   * granted it (passed to Cognito only). A pool with an SMS role not listed here is refused
   * before anything is written, naming the role.
   *
   * @default - none (the pool sends no SMS through a role)
   */
  readonly smsRoles?: iam.IRole[];
}

/** The triggers in the order of the LambdaConfig members they set. */
const SLOTS: ReadonlyArray<[keyof UserPoolTriggerFunctions & string, string]> = [
  ['preSignUp', 'PreSignUp'],
  ['customMessage', 'CustomMessage'],
  ['postConfirmation', 'PostConfirmation'],
  ['preAuthentication', 'PreAuthentication'],
  ['postAuthentication', 'PostAuthentication'],
  ['defineAuthChallenge', 'DefineAuthChallenge'],
  ['createAuthChallenge', 'CreateAuthChallenge'],
  ['verifyAuthChallengeResponse', 'VerifyAuthChallengeResponse'],
  ['preTokenGeneration', 'PreTokenGeneration'],
  ['userMigration', 'UserMigration'],
  ['customEmailSender', 'CustomEmailSender'],
  ['customSmsSender', 'CustomSMSSender'],
  ['inboundFederation', 'InboundFederation'],
];

const A_FUNCTION = anObject('a lambda.IFunction');

/**
 * Lambda triggers on a user pool this app does not define: a pool another team or app owns,
 * imported by id, by ARN or from shared parameters (aws-cdk #10002).
 *
 * At deployment a custom resource reads the pool (DescribeUserPool) and writes back its whole
 * configuration (UpdateUserPool, which resets every setting it is not given) with these
 * triggers merged into its LambdaConfig. A trigger slot that already holds another function
 * fails the deployment unless `replaceExisting` is set. What each slot held before is recorded
 * in the pool's tags (one tag per slot, `cdk-cognito-userpools:trigger:...`), and put back when
 * this construct is deleted or stops declaring the slot, if the slot still holds its function.
 *
 * Cognito gets permission to invoke each function (an `AWS::Lambda::Permission` whose source is
 * the pool's ARN). One writer per slot and pool in an app; a pool defined in this app is refused.
 *
 * The pool's owner must not declare these slots: when its own stack updates the pool,
 * CloudFormation writes the owner's LambdaConfig (and removes these triggers until this stack
 * is deployed again).
 */
export class UserPoolTriggers extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolTriggers';

  /** The custom resource that sets the triggers (depend on it to run after they are set). */
  public readonly resource: Construct;

  constructor(scope: Construct, id: string, props: UserPoolTriggersProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolTriggers.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, triggers: anObject('an object of trigger functions (UserPoolTriggerFunctions)') });
    for (const [name] of SLOTS) checkType(this, `triggers.${name}`, props.triggers[name], A_FUNCTION);
    checkEnumMember(this, 'preTokenGenerationVersion', props.preTokenGenerationVersion, cognito.LambdaVersion, 'LambdaVersion');
    checkType(this, 'customSenderKmsKey', props.customSenderKmsKey, anObject('a kms.IKey'));
    checkType(this, 'smsRoles', props.smsRoles, aListOf('a list of iam.IRole'));
    const pool = props.userPool;
    refuseAppPool(this, pool);

    const declared = SLOTS.filter(([name]) => props.triggers[name] !== undefined);
    if (declared.length === 0) {
      fail(this, 'triggers', {}, `at least one of ${SLOTS.map(([name]) => name).join(', ')}`);
    }
    const version = props.preTokenGenerationVersion;
    if (version !== undefined && !props.triggers.preTokenGeneration) {
      fail(this, 'preTokenGenerationVersion', version, 'a version only with triggers.preTokenGeneration');
    }
    const senders = props.triggers.customEmailSender !== undefined || props.triggers.customSmsSender !== undefined;
    if (senders && !props.customSenderKmsKey) {
      fail(this, 'customSenderKmsKey', undefined, 'a KMS key when triggers.customEmailSender or triggers.customSmsSender is set (Cognito encrypts the codes it sends them)');
    }
    if (!senders && props.customSenderKmsKey) {
      fail(this, 'customSenderKmsKey', props.customSenderKmsKey.node.path, 'a key only with triggers.customEmailSender or triggers.customSmsSender');
    }

    const poolPath = pool.node.path;
    for (const [name, member] of declared) {
      claimSetting(this, {
        kind: `pool trigger ${member}`,
        key: pool.userPoolId,
        setting: `the ${name} trigger of the pool ${poolPath}`,
        property: `triggers.${name}`,
        value: poolPath,
      });
    }

    const provider = CognitoProvider.of(this);
    provider.grantCognito(pool, POOL_TRIGGERS_ACTIONS);
    for (const role of props.smsRoles ?? []) grantPassRoleTo(role, provider.handlerRole, COGNITO_SERVICE);

    // One permission per function: Cognito may invoke it on behalf of this pool only.
    const permissions = new Map<string, lambda.CfnPermission>();
    for (const [name] of declared) {
      const fn = props.triggers[name]!;
      if (permissions.has(fn.functionArn)) continue;
      const permission = new lambda.CfnPermission(this, `${name.charAt(0).toUpperCase()}${name.slice(1)}Invoke`, {
        action: 'lambda:InvokeFunction',
        functionName: fn.functionArn,
        principal: COGNITO_SERVICE,
        sourceArn: pool.userPoolArn,
      });
      permissions.set(fn.functionArn, permission);
    }

    const key = props.customSenderKmsKey;
    if (key) {
      const cognitoInPool = new iam.ServicePrincipal(COGNITO_SERVICE).withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        ArnLike: { 'aws:SourceArn': pool.userPoolArn },
      });
      key.grant(cognitoInPool, 'kms:Encrypt');
      for (const sender of [props.triggers.customEmailSender, props.triggers.customSmsSender]) if (sender) key.grantDecrypt(sender);
    }

    const triggers: { [member: string]: { LambdaArn: string; LambdaVersion?: string } } = {};
    for (const [name, member] of declared) {
      const versioned = ['PreTokenGeneration', 'CustomEmailSender', 'CustomSMSSender', 'InboundFederation'].includes(member);
      triggers[member] = {
        LambdaArn: props.triggers[name]!.functionArn,
        LambdaVersion: versioned ? (member === 'PreTokenGeneration' ? version ?? cognito.LambdaVersion.V1_0 : 'V1_0') : undefined,
      };
    }
    const resource = provider.createResource(this, 'Resource', {
      resourceType: POOL_TRIGGERS_RESOURCE_TYPE,
      properties: {
        UserPoolId: pool.userPoolId,
        Triggers: triggers,
        KmsKeyArn: key?.keyArn,
        ReplaceExisting: props.replaceExisting ?? false,
        SmsRoleArns: props.smsRoles && props.smsRoles.length > 0 ? props.smsRoles.map((r) => r.roleArn) : undefined,
      },
    });
    // The permissions exist before a trigger is set, and outlive it on delete.
    for (const permission of permissions.values()) resource.node.addDependency(permission);
    // Each write reads the pool and sends it back whole: two of them on one pool must not run
    // at once, or the later one drops the earlier one's triggers. Within a stack, the later
    // construct waits for the earlier ones.
    for (const earlier of Stack.of(this).node.findAll()) {
      if (earlier instanceof UserPoolTriggers && earlier !== this && earlier.poolKey === pool.userPoolId) resource.node.addDependency(earlier.resource);
    }
    this.poolKey = pool.userPoolId;
    this.resource = resource;
  }

  /** The pool's id as the template names it: equal for two constructs on one pool. */
  private poolKey?: string;
}

/**
 * A pool defined in this app (the construct itself, or an import of its id or ARN) has its own
 * LambdaConfig in its template: two writers would undo each other at every update.
 */
function refuseAppPool(scope: Construct, pool: cognito.IUserPool): void {
  const cfn = cfnUserPoolOf(pool) ?? referencedPool(pool.userPoolId) ?? referencedPool(pool.userPoolArn);
  if (!cfn) return;
  const path = cfn.node.scope?.node.path ?? cfn.node.path;
  fail(scope, 'userPool', pool.node.path,
    `a pool this app does not define (${path} is defined in this app: set its triggers with its own lambdaTriggers or addTrigger; two writers of one LambdaConfig undo each other)`);
}

/** The CfnUserPool a token refers to (its Ref or an attribute), when it is one of the app. */
function referencedPool(value: string): cognito.CfnUserPool | undefined {
  if (!Token.isUnresolved(value)) return undefined;
  for (const token of Tokenization.reverseString(value).tokens) {
    if (Reference.isReference(token) && token.target instanceof cognito.CfnUserPool) return token.target;
  }
  return undefined;
}
