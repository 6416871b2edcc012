import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CLIENT_SECRET_ROTATION_ACTIONS } from './private/cognito-actions';
import { CognitoProvider } from './private/provider';
import { fail, isUnresolved } from './private/validation';
import { AN_IUSER_POOL, AN_IUSER_POOL_CLIENT, checkRemovalPolicy, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Options of {@link ClientSecretRotation}. */
export interface ClientSecretRotationOptions {
  /**
   * The rotation generation: raise it (1, 2, 3, ...) to rotate the secret at the next deployment.
   * Lowering it (as a rollback does) rotates nothing.
   * @default 1
   */
  readonly generation?: number;
  /**
   * How long the previous secret stays valid after a rotation, so that every instance of the
   * application picks up the new one first. It runs from when the secret was superseded (the
   * new one exported), not from its creation; the secret is removed at the next rotation once
   * this has passed, and a rotation before that is refused. A whole number of hours, up to 365 days.
   * @default Duration.days(7)
   */
  readonly overlap?: Duration;
  /**
   * What happens to the Secrets Manager secret when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly secretRemovalPolicy?: RemovalPolicy;
}

/** Properties of {@link ClientSecretRotation}. */
export interface ClientSecretRotationProps extends ClientSecretRotationOptions {
  /** The pool of the client. */
  readonly userPool: cognito.IUserPool;
  /** A confidential app client (`generateSecret: true`). */
  readonly client: cognito.IUserPoolClient;
}

/**
 * Rotates a confidential app client's secret with AddUserPoolClientSecret and keeps at most two
 * live (Cognito's limit). The newest value is written to a Secrets Manager secret this construct
 * creates (JSON: `clientId`, `clientSecret`, `clientSecretId`, `userPoolId`, `generation`,
 * `rotatedAt`), never to the template, the resource's attributes or the logs. The previous
 * secret keeps working for `overlap` from when it was superseded (`rotatedAt`).
 *
 * Declaring the rotation hands the client's secrets to it: a secret older than the exported one
 * is removed at a later rotation once its overlap has run; a newer secret the rotation did not
 * add is never removed (the rotation is refused, naming it).
 */
export class ClientSecretRotation extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.ClientSecretRotation';
  /** The secret that holds the current client secret. */
  public readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ClientSecretRotationProps) {
    props = applyPropertyInjectors(scope, id, props, ClientSecretRotation.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, client: AN_IUSER_POOL_CLIENT });
    checkRemovalPolicy(this, 'secretRemovalPolicy', props.secretRemovalPolicy);
    const generation = props.generation;
    if (generation !== undefined && !isUnresolved(generation) && (!Number.isInteger(generation) || generation < 1)) {
      fail(this, 'generation', generation, 'a whole number of at least 1');
    }
    // A client defined in the app must be confidential: a public client has no secret to rotate.
    const cfnClient = props.client.node.defaultChild;
    if (cfnClient instanceof cognito.CfnUserPoolClient && cfnClient.generateSecret !== true && !isUnresolved(cfnClient.generateSecret)) {
      fail(this, 'client', props.client.node.path, 'a confidential app client (generateSecret: true)');
    }
    const overlap = props.overlap ?? Duration.days(7);
    let overlapSeconds: number | undefined;
    if (!isUnresolved(overlap.toSeconds())) {
      overlapSeconds = overlap.toSeconds();
      const hours = overlapSeconds / 3600;
      if (!Number.isInteger(hours) || hours > 365 * 24) fail(this, 'overlap', overlap.toHumanString(), 'a whole number of hours, up to 365 days');
    }

    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'App client secret written by the Cognito client-secret rotation (cdk-cognito-userpools)',
      removalPolicy: props.secretRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotated by raising the ClientSecretRotation generation (AddUserPoolClientSecret), not by a rotation Lambda.',
    });
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, CLIENT_SECRET_ROTATION_ACTIONS);
    // The handler reads the exported and the prepared versions and writes new ones: nothing
    // else (grantWrite would add UpdateSecret and UpdateSecretVersionStage).
    provider.grantSecretRead(this.secret);
    provider.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:PutSecretValue'], resources: [this.secret.secretArn] }));
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoClientSecretRotation',
      properties: {
        UserPoolId: props.userPool.userPoolId,
        ClientId: props.client.userPoolClientId,
        SecretArn: this.secret.secretArn,
        Generation: props.generation ?? 1,
        OverlapSeconds: overlapSeconds ?? overlap.toSeconds(),
      },
    });
  }
}
