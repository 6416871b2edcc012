import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';

const COGNITO_NAMESPACE = 'AWS/Cognito';
const USAGE_NAMESPACE = 'AWS/Usage';
/** The value of the `Service` dimension of Cognito user pools' usage metrics. */
const USAGE_SERVICE = 'Cognito User Pools';
/** The pseudo client under which Cognito publishes the activity of administrator operations. */
const ADMIN_CLIENT_ID = 'Admin';

/**
 * A user-activity metric that Cognito publishes per user pool and app client (namespace
 * `AWS/Cognito`, dimensions `UserPool` and `UserPoolClient`).
 */
export enum UserActivityMetric {
  /** Sign-up requests: 1 when successful, 0 when not (throttled included). */
  SIGN_UP_SUCCESSES = 'SignUpSuccesses',
  /** Throttled sign-up requests. */
  SIGN_UP_THROTTLES = 'SignUpThrottles',
  /** Sign-in requests: 1 when tokens were issued, 0 when not (throttled included). */
  SIGN_IN_SUCCESSES = 'SignInSuccesses',
  /** Throttled sign-in requests. */
  SIGN_IN_THROTTLES = 'SignInThrottles',
  /** Token refresh requests: 1 when successful, 0 when not (throttled included). */
  TOKEN_REFRESH_SUCCESSES = 'TokenRefreshSuccesses',
  /** Throttled token refresh requests. */
  TOKEN_REFRESH_THROTTLES = 'TokenRefreshThrottles',
}

/** The operation dimension of the threat-protection metrics. */
export class RiskOperation {
  /** Sign-in requests. */
  public static readonly SIGN_IN = new RiskOperation('SignIn');
  /** Sign-up requests. */
  public static readonly SIGN_UP = new RiskOperation('SignUp');
  /** Password changes. */
  public static readonly PASSWORD_CHANGE = new RiskOperation('PasswordChange');

  /** An operation value not listed here. */
  public static of(name: string): RiskOperation {
    return new RiskOperation(name);
  }

  private constructor(
    /** The dimension value. */
    public readonly name: string,
  ) {}
}

/** The risk-level dimension of the threat-protection metrics. */
export class RiskLevel {
  /** High risk. */
  public static readonly HIGH = new RiskLevel('high');
  /** Medium risk. */
  public static readonly MEDIUM = new RiskLevel('medium');
  /** Low risk. */
  public static readonly LOW = new RiskLevel('low');

  /** A risk-level value not listed here. */
  public static of(name: string): RiskLevel {
    return new RiskLevel(name);
  }

  private constructor(
    /** The dimension value. */
    public readonly name: string,
  ) {}
}

/**
 * A category of Cognito user pool API operations: the `Resource` dimension of the
 * `CallCount` and `ThrottleCount` usage metrics, and the unit of Cognito's rate quotas.
 */
export class ApiCategory {
  /** Sign-in operations (InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, ...). */
  public static readonly USER_AUTHENTICATION = new ApiCategory('UserAuthentication');
  /** User creation (SignUp, ConfirmSignUp, AdminCreateUser, AdminConfirmSignUp). */
  public static readonly USER_CREATION = new ApiCategory('UserCreation');
  /** Federated sign-in through an identity provider. */
  public static readonly USER_FEDERATION = new ApiCategory('UserFederation');
  /** Password recovery (ForgotPassword, ConfirmForgotPassword, AdminSetUserPassword, ...). */
  public static readonly USER_ACCOUNT_RECOVERY = new ApiCategory('UserAccountRecovery');
  /** Reads of a user (GetUser, AdminGetUser, ...). */
  public static readonly USER_READ = new ApiCategory('UserRead');
  /** Lists of users (ListUsers, ListUsersInGroup). */
  public static readonly USER_LIST = new ApiCategory('UserList');
  /** Changes to a user (attributes, groups, enable, disable, delete, ...). */
  public static readonly USER_UPDATE = new ApiCategory('UserUpdate');
  /** Token operations (RevokeToken, refresh). */
  public static readonly USER_TOKEN = new ApiCategory('UserToken');
  /** Reads of a user's resources, such as devices. */
  public static readonly USER_RESOURCE_READ = new ApiCategory('UserResourceRead');
  /** Changes to a user's resources, such as devices. */
  public static readonly USER_RESOURCE_UPDATE = new ApiCategory('UserResourceUpdate');
  /** Machine-to-machine client-credentials grants. */
  public static readonly CLIENT_AUTHENTICATION = new ApiCategory('ClientAuthentication');
  /** Reads of user pools. */
  public static readonly USER_POOL_READ = new ApiCategory('UserPoolRead');
  /** Creation, update and deletion of user pools. */
  public static readonly USER_POOL_UPDATE = new ApiCategory('UserPoolUpdate');
  /** Reads of the resources of a user pool (groups, identity providers, ...). */
  public static readonly USER_POOL_RESOURCE_READ = new ApiCategory('UserPoolResourceRead');
  /** Changes to the resources of a user pool (groups, identity providers, domains, ...). */
  public static readonly USER_POOL_RESOURCE_UPDATE = new ApiCategory('UserPoolResourceUpdate');
  /** Reads of app clients. */
  public static readonly USER_POOL_CLIENT_READ = new ApiCategory('UserPoolClientRead');
  /** Creation, update and deletion of app clients. */
  public static readonly USER_POOL_CLIENT_UPDATE = new ApiCategory('UserPoolClientUpdate');

  /** A category not listed here, by its name. */
  public static of(name: string): ApiCategory {
    return new ApiCategory(name);
  }

  private constructor(
    /** The category name, as in the `Resource` dimension. */
    public readonly name: string,
  ) {}
}

/**
 * The CloudWatch metrics of a user pool: threat protection per pool, user activity per app
 * client (see `forClient`), and pool-wide totals of user activity as Metrics Insights
 * queries.
 *
 * Works with any `IUserPool`, imported pools included.
 */
export class UserPoolMetrics {
  /** The metrics of the given pool. */
  public static of(userPool: cognito.IUserPool): UserPoolMetrics {
    return new UserPoolMetrics(userPool);
  }

  /**
   * Calls to the operations of an API category in this account and Region (namespace
   * `AWS/Usage`, statistic Sum): compare it with the category's quota.
   */
  public static metricCallCount(category: ApiCategory, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return UserPoolMetrics.usageMetric('CallCount', category, props);
  }

  /** Throttled calls to the operations of an API category (namespace `AWS/Usage`, statistic Sum). */
  public static metricThrottleCount(category: ApiCategory, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return UserPoolMetrics.usageMetric('ThrottleCount', category, props);
  }

  private static usageMetric(metricName: string, category: ApiCategory, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: USAGE_NAMESPACE,
      metricName,
      dimensionsMap: { Service: USAGE_SERVICE, Type: 'API', Resource: category.name },
      statistic: cloudwatch.Stats.SUM,
      ...props,
    });
  }

  private constructor(
    /** The pool whose metrics these are. */
    public readonly userPool: cognito.IUserPool,
  ) {}

  /** The user-activity metrics of one app client of this pool. */
  public forClient(client: cognito.IUserPoolClient): UserPoolClientMetrics {
    return new UserPoolClientMetrics(this.userPool.userPoolId, client.userPoolClientId);
  }

  /** The user-activity metrics of an app client of this pool, by its id. */
  public forClientId(clientId: string): UserPoolClientMetrics {
    return new UserPoolClientMetrics(this.userPool.userPoolId, clientId);
  }

  /**
   * The user-activity metrics of administrator operations (AdminInitiateAuth,
   * AdminCreateUser, ...), which Cognito publishes under the client `Admin`.
   */
  public forAdminOperations(): UserPoolClientMetrics {
    return this.forClientId(ADMIN_CLIENT_ID);
  }

  /**
   * The pool-wide total (Sum) of a user-activity metric over all of the pool's app
   * clients, as a CloudWatch Metrics Insights query: usable in alarms and dashboards.
   */
  public metricTotal(metric: UserActivityMetric, props?: cloudwatch.MathExpressionOptions): cloudwatch.MathExpression {
    return this.insightsQuery('SUM', metric, props);
  }

  /**
   * The pool-wide success ratio (0 to 1) of sign-ups, sign-ins or token refreshes over all
   * of the pool's app clients: the average of a `...Successes` metric, as a CloudWatch
   * Metrics Insights query.
   */
  public metricSuccessRatio(metric: UserActivityMetric, props?: cloudwatch.MathExpressionOptions): cloudwatch.MathExpression {
    return this.insightsQuery('AVG', metric, props);
  }

  /** Requests in which threat protection detected compromised credentials (statistic Sum). */
  public metricCompromisedCredentialRisk(operation: RiskOperation, riskLevel: RiskLevel, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.riskMetric('CompromisedCredentialRisk', operation, riskLevel, props);
  }

  /** Requests in which threat protection detected an account-takeover risk (statistic Sum). */
  public metricAccountTakeoverRisk(operation: RiskOperation, riskLevel: RiskLevel, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.riskMetric('AccountTakeoverRisk', operation, riskLevel, props);
  }

  /** Requests that threat protection blocked because of the pool's configuration (statistic Sum). */
  public metricOverrideBlock(operation: RiskOperation, riskLevel: RiskLevel, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.riskMetric('OverrideBlock', operation, riskLevel, props);
  }

  /** Requests that threat protection marked as risky (statistic Sum). */
  public metricRisk(operation: RiskOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.riskMetric('Risk', operation, undefined, props);
  }

  /** Requests in which threat protection found no risk (statistic Sum). */
  public metricNoRisk(operation: RiskOperation, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.riskMetric('NoRisk', operation, undefined, props);
  }

  private riskMetric(metricName: string, operation: RiskOperation, riskLevel: RiskLevel | undefined, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: COGNITO_NAMESPACE,
      metricName,
      dimensionsMap: {
        UserPoolId: this.userPool.userPoolId,
        Operation: operation.name,
        ...(riskLevel ? { RiskLevel: riskLevel.name } : {}),
      },
      statistic: cloudwatch.Stats.SUM,
      ...props,
    });
  }

  private insightsQuery(aggregate: string, metric: UserActivityMetric, props?: cloudwatch.MathExpressionOptions): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: `SELECT ${aggregate}(${metric}) FROM SCHEMA("${COGNITO_NAMESPACE}", UserPool, UserPoolClient) WHERE UserPool = '${this.userPool.userPoolId}'`,
      usingMetrics: {},
      label: `${metric} (${aggregate === 'SUM' ? 'total' : 'average'} over all clients)`,
      period: Duration.minutes(5),
      ...props,
    });
  }
}

/**
 * The user-activity metrics of one app client of a user pool (namespace `AWS/Cognito`,
 * dimensions `UserPool` and `UserPoolClient`).
 *
 * The `...Successes` metrics count 1 per successful request and 0 per failed one: their
 * Sum is the number of successes, their SampleCount the number of requests and their
 * Average the success ratio. They default to the Sum statistic.
 */
export class UserPoolClientMetrics {
  constructor(
    /** The id of the user pool. */
    public readonly userPoolId: string,
    /** The id of the app client, or `Admin` for administrator operations. */
    public readonly clientId: string,
  ) {}

  /** A user-activity metric of this client (statistic Sum unless overridden). */
  public metric(metric: UserActivityMetric, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.clientMetric(metric, {}, props);
  }

  /** Sign-up requests (1 per success, 0 per failure). */
  public metricSignUpSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(UserActivityMetric.SIGN_UP_SUCCESSES, props);
  }

  /** Throttled sign-up requests. */
  public metricSignUpThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(UserActivityMetric.SIGN_UP_THROTTLES, props);
  }

  /** Sign-in requests (1 per success, 0 per failure). */
  public metricSignInSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(UserActivityMetric.SIGN_IN_SUCCESSES, props);
  }

  /** Throttled sign-in requests. */
  public metricSignInThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(UserActivityMetric.SIGN_IN_THROTTLES, props);
  }

  /** Token refresh requests (1 per success, 0 per failure). */
  public metricTokenRefreshSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(UserActivityMetric.TOKEN_REFRESH_SUCCESSES, props);
  }

  /** Throttled token refresh requests. */
  public metricTokenRefreshThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(UserActivityMetric.TOKEN_REFRESH_THROTTLES, props);
  }

  /** Federated sign-in requests through one identity provider (1 per success, 0 per failure). */
  public metricFederationSuccesses(identityProviderName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.clientMetric('FederationSuccesses', { IdentityProvider: identityProviderName }, props);
  }

  /** Throttled federated sign-in requests through one identity provider. */
  public metricFederationThrottles(identityProviderName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.clientMetric('FederationThrottles', { IdentityProvider: identityProviderName }, props);
  }

  /**
   * The sign-in success ratio (0 to 1): successes divided by attempts. Periods with fewer
   * than `minimumAttempts` attempts count as 1, so that a handful of mistyped passwords at
   * night does not look like an outage.
   *
   * @param minimumAttempts attempts a period needs before its ratio counts
   */
  public metricSignInSuccessRatio(minimumAttempts: number = 10, props?: cloudwatch.MathExpressionOptions): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: `IF(attempts >= ${minimumAttempts}, successes / attempts, 1)`,
      usingMetrics: {
        successes: this.metricSignInSuccesses({ statistic: cloudwatch.Stats.SUM }),
        attempts: this.metricSignInSuccesses({ statistic: cloudwatch.Stats.SAMPLE_COUNT }),
      },
      label: 'Sign-in success ratio',
      period: Duration.minutes(5),
      ...props,
    });
  }

  /**
   * All throttled requests of this client: sign-ups, sign-ins and token refreshes. Its
   * metric ids are fixed, so one graph or alarm holds one such expression.
   */
  public metricThrottles(props?: cloudwatch.MathExpressionOptions): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: 'FILL(signUp, 0) + FILL(signIn, 0) + FILL(tokenRefresh, 0)',
      usingMetrics: {
        signUp: this.metricSignUpThrottles(),
        signIn: this.metricSignInThrottles(),
        tokenRefresh: this.metricTokenRefreshThrottles(),
      },
      label: 'Throttled requests',
      period: Duration.minutes(5),
      ...props,
    });
  }

  private clientMetric(metricName: string, extraDimensions: { [name: string]: string }, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: COGNITO_NAMESPACE,
      metricName,
      dimensionsMap: { UserPool: this.userPoolId, UserPoolClient: this.clientId, ...extraDimensions },
      statistic: cloudwatch.Stats.SUM,
      ...props,
    });
  }
}
