import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  ApiCategory, RiskLevel, RiskOperation, UserActivityMetric, UserPool, UserPoolAlarms, UserPoolGrants, UserPoolMetrics,
} from '../lib';

/**
 * Operating a pool: a CloudWatch dashboard of its sign-up, sign-in, token and threat metrics,
 * the recommended alarms, and a backend role with just the permissions it needs.
 */
export class DashboardStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const pool = new UserPool(this, 'Pool');
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show the alarms and dashboard; ThreatProtectionAndLogs shows the Plus tier.',
    });
    const webClient = pool.addClient('Web', { authFlows: { userSrp: true } });

    // A backend that signs users in on their behalf and reads their profiles.
    const backend = new iam.Role(this, 'BackendRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const grants = UserPoolGrants.of(pool);
    grants.grantAdminAuthentication(backend);
    grants.grantUserReads(backend);

    new UserPoolAlarms(this, 'PoolAlarms', { userPool: pool });
    new UserPoolAlarms(this, 'WebClientAlarms', { userPool: pool, client: webClient, minimumSignInSuccessRatio: 0.7 });

    const metrics = UserPoolMetrics.of(pool);
    const web = metrics.forClient(webClient);
    const admin = metrics.forAdminOperations();
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(12),
    });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Sign-ins (web client)',
        left: [web.metricSignInSuccesses(), web.metricSignInSuccesses({ statistic: cloudwatch.Stats.SAMPLE_COUNT, label: 'Attempts' })],
        right: [web.metricSignInSuccessRatio()],
        rightYAxis: { min: 0, max: 1 },
      }),
      new cloudwatch.GraphWidget({
        title: 'Throttled requests (web client and administrator operations)',
        left: [web.metricThrottles({ label: 'Web client' })],
        right: [admin.metricSignInThrottles({ label: 'AdminInitiateAuth' }), admin.metricSignUpThrottles({ label: 'AdminCreateUser' })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Pool-wide activity (all clients)',
        left: [
          metrics.metricTotal(UserActivityMetric.SIGN_UP_SUCCESSES),
          metrics.metricTotal(UserActivityMetric.SIGN_IN_SUCCESSES),
          metrics.metricTotal(UserActivityMetric.TOKEN_REFRESH_SUCCESSES),
        ],
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Threat protection (sign-in)',
        left: [
          metrics.metricRisk(RiskOperation.SIGN_IN),
          metrics.metricNoRisk(RiskOperation.SIGN_IN),
          metrics.metricCompromisedCredentialRisk(RiskOperation.SIGN_IN, RiskLevel.HIGH),
          metrics.metricAccountTakeoverRisk(RiskOperation.SIGN_IN, RiskLevel.HIGH),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: 'API calls against the quotas (account and Region)',
        left: [
          UserPoolMetrics.metricCallCount(ApiCategory.USER_AUTHENTICATION),
          UserPoolMetrics.metricCallCount(ApiCategory.USER_READ),
        ],
        right: [
          UserPoolMetrics.metricThrottleCount(ApiCategory.USER_AUTHENTICATION),
          UserPoolMetrics.metricThrottleCount(ApiCategory.USER_READ),
        ],
      }),
    );
  }
}

export function addDashboard(app: App): Stack {
  return new DashboardStack(app, 'Dashboard', { env: { account: '123456789012', region: 'us-east-1' } });
}
