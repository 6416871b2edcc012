import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CLIENT_SESSION_ACTIONS, POOL_SESSION_ACTIONS } from './private/cognito-actions';
import { CognitoProvider } from './private/provider';
import { checkClientOfPool } from './private/same-pool';
import { claimSetting } from './private/single-owner';
import { checkRange, fail, isUnresolved } from './private/validation';
import { AN_IUSER_POOL, AN_IUSER_POOL_CLIENT, checkRemovalPolicy, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Options of {@link UserPoolSessionConfiguration}. */
export interface UserPoolSessionConfigurationOptions {
  /**
   * Whether Cognito tracks each user's sessions (ListUserSessions, AdminRevokeUserSession).
   * @default true
   */
  readonly sessionTracking?: boolean;
  /**
   * The most active token sessions a user can have; the least recently used is evicted beyond.
   * 1 to 100.
   * @default 20
   */
  readonly maxSessionsPerUser?: number;
  /**
   * What removing this construct does to the pool: DESTROY puts back Cognito's defaults,
   * RETAIN leaves the settings as they are (set it before handing the settings over to
   * another construct or stack).
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of {@link UserPoolSessionConfiguration}. */
export interface UserPoolSessionConfigurationProps extends UserPoolSessionConfigurationOptions {
  /** The pool. */
  readonly userPool: cognito.IUserPool;
}

/**
 * A pool's session configuration (SetUserPoolSessionConfiguration), which CloudFormation cannot
 * declare. Sent again only when it changes; removing the construct puts back Cognito's defaults
 * (tracking off, 20 sessions per user) unless `removalPolicy` is RETAIN. One per pool in an app.
 */
export class UserPoolSessionConfiguration extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolSessionConfiguration';

  constructor(scope: Construct, id: string, props: UserPoolSessionConfigurationProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolSessionConfiguration.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL });
    checkRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    checkRange(this, 'maxSessionsPerUser', props.maxSessionsPerUser, 1, 100, 'sessions');
    claimSetting(this, {
      kind: 'pool session configuration',
      setting: `the session configuration of the pool ${props.userPool.node.path}`,
      key: props.userPool.userPoolId,
      property: 'userPool',
      value: props.userPool.node.path,
    });
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, POOL_SESSION_ACTIONS);
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoUserPoolSessionConfiguration',
      removalPolicy: props.removalPolicy,
      properties: {
        UserPoolId: props.userPool.userPoolId,
        SessionTracking: props.sessionTracking ?? true,
        MaxSessionsPerUser: props.maxSessionsPerUser ?? 20,
      },
    });
  }
}

/** Options of {@link ClientSessionConfiguration}. */
export interface ClientSessionConfigurationOptions {
  /**
   * How long after a user's last sign-in the client silently reuses the SSO session (a
   * whole number of minutes, 0 to 90 days; 0 always asks the user to sign in again).
   * @default Duration.minutes(60)
   */
  readonly ssoSessionReuse?: Duration;
  /**
   * What removing this construct (or moving it to another client) does to the client: DESTROY
   * puts back the 60-minute default, RETAIN leaves the setting as it is (set it before handing
   * the setting over to another construct or stack).
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of {@link ClientSessionConfiguration}. */
export interface ClientSessionConfigurationProps extends ClientSessionConfigurationOptions {
  /** The pool of the client. */
  readonly userPool: cognito.IUserPool;
  /** The app client. */
  readonly client: cognito.IUserPoolClient;
}

/** SetUserPoolClientSessionConfiguration's upper bound: 90 days. */
const MAX_SSO_MINUTES = 129600;

/**
 * An app client's session configuration (SetUserPoolClientSessionConfiguration). Sent again only
 * when it changes; removing the construct puts back the 60-minute default unless `removalPolicy`
 * is RETAIN. One per client in an app.
 */
export class ClientSessionConfiguration extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.ClientSessionConfiguration';

  constructor(scope: Construct, id: string, props: ClientSessionConfigurationProps) {
    props = applyPropertyInjectors(scope, id, props, ClientSessionConfiguration.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, client: AN_IUSER_POOL_CLIENT });
    checkRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    const reuse = props.ssoSessionReuse ?? Duration.minutes(60);
    let minutes: number | undefined;
    if (!isUnresolved(reuse.toSeconds())) {
      minutes = reuse.toSeconds() / 60;
      if (!Number.isInteger(minutes) || minutes > MAX_SSO_MINUTES) {
        fail(this, 'ssoSessionReuse', reuse.toHumanString(), 'a whole number of minutes, up to 90 days (129,600 minutes)');
      }
    }
    checkClientOfPool(this, props.client, props.userPool);
    claimSetting(this, {
      kind: 'client session configuration',
      setting: `the session configuration of the client ${props.client.node.path}`,
      key: `${props.userPool.userPoolId}\n${props.client.userPoolClientId}`,
      property: 'client',
      value: props.client.node.path,
    });
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, CLIENT_SESSION_ACTIONS);
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoClientSessionConfiguration',
      removalPolicy: props.removalPolicy,
      properties: {
        UserPoolId: props.userPool.userPoolId,
        ClientId: props.client.userPoolClientId,
        SsoSessionMinutes: minutes ?? reuse.toMinutes(),
      },
    });
  }
}
