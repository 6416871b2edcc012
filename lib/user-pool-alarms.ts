import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { UserActivityMetric, UserPoolMetrics } from './metrics';
import { checkRange, fail, isUnresolved } from './private/validation';
import { AN_IUSER_POOL, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Properties of {@link UserPoolAlarms}. */
export interface UserPoolAlarmsProps {
  /** The pool to watch. */
  readonly userPool: cognito.IUserPool;

  /**
   * Watch one app client instead of the whole pool. The pool-wide alarms read Metrics
   * Insights queries over all of the pool's clients; the client alarms read the client's
   * metrics and ignore periods with fewer than `minimumSignInAttempts` sign-ins.
   *
   * @default - the whole pool
   */
  readonly client?: cognito.IUserPoolClient;

  /**
   * The sign-in success ratio (0 to 1) under which the sign-in alarm fires.
   *
   * @default 0.8
   */
  readonly minimumSignInSuccessRatio?: number;

  /**
   * Sign-in attempts a period needs before its success ratio counts (client alarms only).
   *
   * @default 10
   */
  readonly minimumSignInAttempts?: number;

  /**
   * The period of every alarm.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * Consecutive periods under the ratio before the sign-in alarm fires.
   *
   * @default 3
   */
  readonly signInEvaluationPeriods?: number;
}

/**
 * The recommended alarms of a user pool or one of its app clients: one alarm per kind of
 * throttled request (any throttling means a quota is reached and users are turned away),
 * and one on a falling sign-in success ratio.
 *
 * Missing data is not breaching: a pool without traffic is healthy.
 */
export class UserPoolAlarms extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolAlarms';
  /** Fires on throttled sign-ups. */
  public readonly signUpThrottlesAlarm: cloudwatch.Alarm;
  /** Fires on throttled sign-ins. */
  public readonly signInThrottlesAlarm: cloudwatch.Alarm;
  /** Fires on throttled token refreshes. */
  public readonly tokenRefreshThrottlesAlarm: cloudwatch.Alarm;
  /** Fires when the sign-in success ratio stays under the minimum. */
  public readonly signInSuccessRatioAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: UserPoolAlarmsProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolAlarms.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL });
    const minimumRatio = props.minimumSignInSuccessRatio ?? 0.8;
    const minimumAttempts = props.minimumSignInAttempts ?? 10;
    const evaluationPeriods = props.signInEvaluationPeriods ?? 3;
    if (!isUnresolved(minimumRatio) && !(minimumRatio > 0 && minimumRatio <= 1)) {
      fail(this, 'minimumSignInSuccessRatio', minimumRatio, 'a number greater than 0 and at most 1');
    }
    checkRange(this, 'minimumSignInAttempts', minimumAttempts, 1, 10000);
    checkRange(this, 'signInEvaluationPeriods', evaluationPeriods, 1, 100);
    const period = props.period ?? Duration.minutes(5);

    const metrics = UserPoolMetrics.of(props.userPool);
    const client = props.client ? metrics.forClient(props.client) : undefined;
    const throttles = (metric: UserActivityMetric): cloudwatch.IMetric =>
      client ? client.metric(metric, { period }) : metrics.metricTotal(metric, { period });
    const subject = client ? 'the app client' : 'the user pool';

    const throttleAlarm = (alarmId: string, metric: UserActivityMetric, what: string) => new cloudwatch.Alarm(this, alarmId, {
      metric: throttles(metric),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Cognito throttled ${what} of ${subject}: a rate quota is reached.`,
    });
    this.signUpThrottlesAlarm = throttleAlarm('SignUpThrottles', UserActivityMetric.SIGN_UP_THROTTLES, 'sign-ups');
    this.signInThrottlesAlarm = throttleAlarm('SignInThrottles', UserActivityMetric.SIGN_IN_THROTTLES, 'sign-ins');
    this.tokenRefreshThrottlesAlarm = throttleAlarm('TokenRefreshThrottles', UserActivityMetric.TOKEN_REFRESH_THROTTLES, 'token refreshes');

    this.signInSuccessRatioAlarm = new cloudwatch.Alarm(this, 'SignInSuccessRatio', {
      metric: client
        ? client.metricSignInSuccessRatio(minimumAttempts, { period })
        : metrics.metricSuccessRatio(UserActivityMetric.SIGN_IN_SUCCESSES, { period }),
      threshold: minimumRatio,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `The sign-in success ratio of ${subject} is under ${minimumRatio}.`,
    });
  }

  /** Every alarm of this set, e.g. to add the same action to all of them. */
  public get alarms(): cloudwatch.Alarm[] {
    return [this.signUpThrottlesAlarm, this.signInThrottlesAlarm, this.tokenRefreshThrottlesAlarm, this.signInSuccessRatioAlarm];
  }
}
