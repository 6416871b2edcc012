import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CLIENT_SESSION_ACTIONS, POOL_SESSION_ACTIONS } from './private/cognito-actions';
import { CognitoProvider } from './private/provider';
import { checkRange, fail, isUnresolved } from './private/validation';

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
}

/** Properties of {@link UserPoolSessionConfiguration}. */
export interface UserPoolSessionConfigurationProps extends UserPoolSessionConfigurationOptions {
  /** The pool. */
  readonly userPool: cognito.IUserPool;
}

/**
 * A pool's session configuration (SetUserPoolSessionConfiguration), which CloudFormation cannot
 * declare. Sent again only when it changes; removing the construct puts back Cognito's defaults
 * (tracking off, 20 sessions per user).
 */
export class UserPoolSessionConfiguration extends Construct {
  constructor(scope: Construct, id: string, props: UserPoolSessionConfigurationProps) {
    super(scope, id);
    checkRange(this, 'maxSessionsPerUser', props.maxSessionsPerUser, 1, 100, 'sessions');
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, POOL_SESSION_ACTIONS);
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoUserPoolSessionConfiguration',
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
 * when it changes; removing the construct puts back the 60-minute default.
 */
export class ClientSessionConfiguration extends Construct {
  constructor(scope: Construct, id: string, props: ClientSessionConfigurationProps) {
    super(scope, id);
    const reuse = props.ssoSessionReuse ?? Duration.minutes(60);
    let minutes: number | undefined;
    if (!isUnresolved(reuse.toSeconds())) {
      minutes = reuse.toSeconds() / 60;
      if (!Number.isInteger(minutes) || minutes > MAX_SSO_MINUTES) {
        fail(this, 'ssoSessionReuse', reuse.toHumanString(), 'a whole number of minutes, up to 90 days (129,600 minutes)');
      }
    }
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, CLIENT_SESSION_ACTIONS);
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoClientSessionConfiguration',
      properties: {
        UserPoolId: props.userPool.userPoolId,
        ClientId: props.client.userPoolClientId,
        SsoSessionMinutes: minutes ?? reuse.toMinutes(),
      },
    });
  }
}
