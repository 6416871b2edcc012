import * as path from 'path';
import { Duration, Lazy, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { IDP_SECRET_SYNC_ACTIONS, SCHEDULED_ROTATION_ACTIONS } from './cognito-actions';
import { PoolActionGrants, providerLogRetention, stackSingleton } from './provider';
import * as contract from './rotation-contract';

/** Where the esbuild bundle of `custom-resources/rotation/` lands. */
export const ROTATION_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'rotation');


/** One client secret rotated on a schedule. */
export interface ClientRotationTarget {
  readonly secret: secretsmanager.ISecret;
  readonly userPool: cognito.IUserPool;
  readonly clientId: string;
  readonly overlapSeconds: number;
  readonly tokenEndpoint?: string;
}

/** One identity provider whose secret follows a Secrets Manager secret. */
export interface IdpSyncTarget {
  readonly userPool: cognito.IUserPool;
  readonly providerName: string;
  readonly detailKey: string;
  /** The secret as the dynamic reference names it (a name or an ARN). */
  readonly secretId: string;
  readonly jsonField?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
  /** The ARN the IAM policy names: the full ARN, or a name's ARN with `-??????`. */
  readonly secretArnForPolicy: string;
  /** What the event rule matches the event's secret ARN with. */
  readonly arnPattern: unknown;
}

/**
 * The stack's secret-rotation function: the bundled `custom-resources/rotation/` code, created
 * the first time a construct of the stack schedules a client-secret rotation or syncs an
 * identity provider's secret, never otherwise. One function per stack, whatever it serves.
 *
 * Its role may only use the secrets and pools it was given: for each rotated secret,
 * DescribeSecret, GetSecretValue, PutSecretValue and UpdateSecretVersionStage on that secret, and
 * the client-secret actions on its pool; for each synced provider, GetSecretValue on its secret
 * and DescribeIdentityProvider/UpdateIdentityProvider on its pool. The role is given to the
 * function as immutable so that aws-cdk-lib's RotationSchedule adds none of its own grants
 * (`secretsmanager:GetRandomPassword` on `*`, which this function does not use).
 */
export class SecretRotationFunction extends Construct {
  public static readonly ID = 'CognitoSecretRotation';

  /** The function of the stack of `scope`, created on first use. */
  public static of(scope: IConstruct): SecretRotationFunction {
    return stackSingleton(scope, SecretRotationFunction.ID, (stack) => new SecretRotationFunction(stack, SecretRotationFunction.ID));
  }

  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  private readonly policy: iam.Policy;
  private readonly poolGrants: PoolActionGrants;
  private readonly rotations: ClientRotationTarget[] = [];
  private readonly idpSyncs: IdpSyncTarget[] = [];
  private cleanUp?: events.Rule;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const description = 'Cognito client-secret rotation and identity-provider secret sync (cdk-cognito-userpools)';
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: providerLogRetention(this), removalPolicy: RemovalPolicy.DESTROY });
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
    this.policy = new iam.Policy(this, 'Permissions', { roles: [this.role] });
    logGroup.grantWrite(this.role);
    this.poolGrants = new PoolActionGrants((statement) => this.policy.addStatements(statement));
    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(ROTATION_ASSET_DIR),
      handler: 'index.handler',
      runtime: lambda.determineLatestNodeRuntime(this),
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(2),
      role: this.role.withoutPolicyUpdates(),
      logGroup,
      description,
    });
  }

  /**
   * Rotates this client's secret when Secrets Manager asks: grants the function exactly what
   * the four steps use on this secret and pool, and adds the hourly clean-up rule once per stack.
   */
  public addClientRotation(target: ClientRotationTarget): void {
    if (this.rotations.length === 0) {
      // Read by custom-resources/rotation/config.ts; only in the environment of a function that rotates.
      this.function.addEnvironment(contract.ROTATION_TARGETS_VARIABLE, Lazy.string({
        produce: () => Stack.of(this).toJsonString(this.rotations.map((r): contract.RotationTarget => ({
          secretArn: r.secret.secretArn, userPoolId: r.userPool.userPoolId, clientId: r.clientId, overlapSeconds: r.overlapSeconds,
          tokenEndpoint: r.tokenEndpoint,
        }))),
      }));
    }
    this.rotations.push(target);
    const arn = target.secret.secretFullArn ?? `${target.secret.secretArn}-??????`;
    this.policy.addStatements(new iam.PolicyStatement({
      actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
      resources: [arn],
    }));
    if (target.secret.encryptionKey) {
      this.policy.addStatements(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [target.secret.encryptionKey.keyArn] }));
    }
    this.poolGrants.grant(target.userPool, SCHEDULED_ROTATION_ACTIONS);
    if (!this.cleanUp) {
      this.cleanUp = new events.Rule(this, 'RemoveSuperseded', {
        description: 'Removes app client secrets superseded longer than their overlap ago (cdk-cognito-userpools)',
        schedule: events.Schedule.rate(Duration.hours(1)),
        targets: [new targets.LambdaFunction(this.function, { event: events.RuleTargetInput.fromObject({ action: contract.REMOVE_SUPERSEDED_ACTION }), retryAttempts: 2 })],
      });
    }
  }

  /**
   * Pushes the secret's new value to this identity provider when it changes: an EventBridge rule
   * on the secret's change events (CloudTrail), read on the secret, describe and update on the pool.
   */
  public addIdentityProviderSync(idp: IConstruct, target: IdpSyncTarget): events.Rule {
    if (this.idpSyncs.length === 0) {
      this.function.addEnvironment(contract.IDP_SYNC_TARGETS_VARIABLE, Lazy.string({
        produce: () => Stack.of(this).toJsonString(this.idpSyncs.map((t): contract.IdpSyncTarget => ({
          userPoolId: t.userPool.userPoolId, providerName: t.providerName, detailKey: t.detailKey, secretId: t.secretId,
          jsonField: t.jsonField, versionStage: t.versionStage, versionId: t.versionId,
        }))),
      }));
    }
    this.idpSyncs.push(target);
    this.policy.addStatements(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [target.secretArnForPolicy] }));
    this.poolGrants.grant(target.userPool, IDP_SECRET_SYNC_ACTIONS);
    // Under this construct, not the provider's: a dependency on the provider (a client that lists
    // it) must not take in the rule, which depends on the function, which may reference the client.
    return new events.Rule(this, `SecretSync${Names.nodeUniqueId(idp.node)}`, {
      description: 'Pushes a changed Secrets Manager secret to a Cognito identity provider (cdk-cognito-userpools)',
      eventPattern: {
        source: ['aws.secretsmanager'],
        detailType: ['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail'],
        detail: {
          eventSource: ['secretsmanager.amazonaws.com'],
          eventName: ['PutSecretValue', 'UpdateSecret', 'UpdateSecretVersionStage', 'RotationSucceeded'],
          $or: [
            { responseElements: { arn: [target.arnPattern] } },
            { responseElements: { aRN: [target.arnPattern] } },
            { additionalEventData: { SecretId: [target.arnPattern] } },
          ],
        },
      },
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }
}
