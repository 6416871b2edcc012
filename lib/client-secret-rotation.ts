import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CLIENT_SECRET_ROTATION_ACTIONS } from './private/cognito-actions';
import { CognitoProvider } from './private/provider';
import { SecretRotationFunction } from './private/secret-rotation-function';
import { fail, isUnresolved } from './private/validation';
import { AN_IUSER_POOL, AN_IUSER_POOL_CLIENT, anObject, checkRemovalPolicy, checkType, requireProp, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** A Secrets Manager rotation schedule for an app client's secret (see {@link ClientSecretRotationOptions.rotationSchedule}). */
export interface ClientSecretRotationSchedule {
  /**
   * How often Secrets Manager rotates the secret: a whole number of hours, from 4 hours to 1,000
   * days. Secrets Manager rotates at a random time within a window (the UTC day for a whole
   * number of days, else one hour), so `overlap` must be at most this minus that window: the
   * previous secret is then always removable when the next rotation comes.
   */
  readonly automaticallyAfter: Duration;
  /**
   * The pool's domain: the rotation's test step requests a client-credentials token at
   * `<domain base URL>/oauth2/token` with the new secret before making it current. Needs a client
   * that allows the client-credentials grant.
   * @default - no token request (unless `tokenEndpoint`): the test step checks that the new secret is live
   */
  readonly domain?: cognito.UserPoolDomain;
  /**
   * The token endpoint for the test step's client-credentials request, when the domain lives
   * elsewhere (an https URL ending in `/oauth2/token`). Give at most one of `domain` and `tokenEndpoint`.
   * @default - `<domain base URL>/oauth2/token` with `domain`, else no token request
   */
  readonly tokenEndpoint?: string;
}

/** Options of {@link ClientSecretRotation}. */
export interface ClientSecretRotationOptions {
  /**
   * Rotates the secret on a schedule too, with Secrets Manager's own rotation (a
   * `RotationSchedule` backed by the stack's secret-rotation function), and removes a superseded
   * client secret within the hour after its overlap has run. The stack then holds one more
   * Lambda function (one per stack, whatever it serves) and an hourly EventBridge rule.
   * @default - no schedule: the secret rotates only when `generation` is raised
   */
  readonly rotationSchedule?: ClientSecretRotationSchedule;
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
 *
 * With `rotationSchedule`, Secrets Manager also rotates the secret on a schedule, through the
 * stack's secret-rotation function (one per stack), and a superseded secret is removed within
 * the hour after its overlap has run.
 */
export class ClientSecretRotation extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.ClientSecretRotation';
  /** The secret that holds the current client secret. */
  public readonly secret: secretsmanager.Secret;
  /** The Secrets Manager rotation schedule, when `rotationSchedule` is set. */
  public readonly rotationSchedule?: secretsmanager.RotationSchedule;

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
    const schedule = props.rotationSchedule;
    const tokenEndpoint = schedule && this.checkSchedule(schedule, props.client, overlap, overlapSeconds);
    if (!schedule) {
      Validations.of(this.secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'No rotation schedule declared: rotated by raising the ClientSecretRotation generation; set rotationSchedule to rotate on a schedule.',
      });
    }
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, CLIENT_SECRET_ROTATION_ACTIONS);
    // The handler reads the exported and the prepared versions and writes new ones: nothing
    // else (grantWrite would add UpdateSecret and UpdateSecretVersionStage).
    provider.grantSecretRead(this.secret);
    provider.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:PutSecretValue'], resources: [this.secret.secretArn] }));
    const resource = provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoClientSecretRotation',
      properties: {
        UserPoolId: props.userPool.userPoolId,
        ClientId: props.client.userPoolClientId,
        SecretArn: this.secret.secretArn,
        Generation: props.generation ?? 1,
        OverlapSeconds: overlapSeconds ?? overlap.toSeconds(),
      },
    });

    if (schedule) {
      const rotation = SecretRotationFunction.of(this);
      rotation.addClientRotation({
        secret: this.secret, userPool: props.userPool, clientId: props.client.userPoolClientId,
        overlapSeconds: overlapSeconds ?? overlap.toSeconds(), tokenEndpoint,
      });
      // No rotation at creation: the deployment's first export (the custom resource) comes first,
      // and the schedule waits for it.
      this.rotationSchedule = this.secret.addRotationSchedule('Schedule', {
        rotationLambda: rotation.function,
        automaticallyAfter: schedule.automaticallyAfter,
        rotateImmediatelyOnUpdate: false,
      });
      this.rotationSchedule.node.addDependency(resource);
    }
  }

  /** Validates the schedule; returns the token endpoint of the test step, if any. */
  private checkSchedule(schedule: ClientSecretRotationSchedule, client: cognito.IUserPoolClient, overlap: Duration, overlapSeconds: number | undefined): string | undefined {
    // Plain JavaScript callers: the shapes before anything reads them.
    checkType(this, 'rotationSchedule', schedule, anObject('an object with automaticallyAfter (a Duration)'));
    requireProp(this, 'rotationSchedule.automaticallyAfter', schedule.automaticallyAfter, { allowed: 'a Duration, e.g. Duration.days(30)', test: (v) => v instanceof Duration });
    checkType(this, 'rotationSchedule.domain', schedule.domain, { allowed: 'a UserPoolDomain', test: (v) => v instanceof cognito.UserPoolDomain });
    checkType(this, 'rotationSchedule.tokenEndpoint', schedule.tokenEndpoint, { allowed: 'a string', test: (v) => typeof v === 'string' });
    const after = schedule.automaticallyAfter;
    if (!isUnresolved(after.toSeconds())) {
      const hours = after.toSeconds() / 3600;
      if (!Number.isInteger(hours) || hours < 4 || hours > 1000 * 24) {
        fail(this, 'rotationSchedule.automaticallyAfter', after.toHumanString(), 'a whole number of hours, from 4 hours to 1000 days');
      }
      if (overlapSeconds !== undefined) {
        const windowHours = hours % 24 === 0 ? 24 : 1;
        if (overlapSeconds / 3600 > hours - windowHours) {
          fail(this, 'overlap', overlap.toHumanString(),
            `at most rotationSchedule.automaticallyAfter (${after.toHumanString()}) minus Secrets Manager's rotation window (${windowHours === 24 ? '1 day' : '1 hour'}), `
            + `i.e. ${hours - windowHours} hours: the previous secret must be removable when the next rotation comes`);
        }
      }
    }
    if (schedule.domain && schedule.tokenEndpoint !== undefined) {
      fail(this, 'rotationSchedule.tokenEndpoint', schedule.tokenEndpoint, 'at most one of rotationSchedule.domain and rotationSchedule.tokenEndpoint');
    }
    const endpoint = schedule.tokenEndpoint ?? (schedule.domain ? `${schedule.domain.baseUrl()}/oauth2/token` : undefined);
    if (schedule.tokenEndpoint !== undefined && !isUnresolved(schedule.tokenEndpoint) && !/^https:\/\/[^/\s]+\/oauth2\/token$/.test(schedule.tokenEndpoint)) {
      fail(this, 'rotationSchedule.tokenEndpoint', schedule.tokenEndpoint, 'an https URL ending in /oauth2/token, e.g. https://auth.example.com/oauth2/token');
    }
    const cfnClient = client.node.defaultChild;
    if (endpoint !== undefined && cfnClient instanceof cognito.CfnUserPoolClient) {
      const flows = cfnClient.allowedOAuthFlows;
      if (!isUnresolved(flows) && !(flows ?? []).includes('client_credentials')) {
        fail(this, schedule.domain ? 'rotationSchedule.domain' : 'rotationSchedule.tokenEndpoint', endpoint,
          `a token request only for a client that allows the client-credentials grant (${client.node.path} allows ${JSON.stringify(flows ?? [])})`);
      }
    }
    return endpoint;
  }
}
