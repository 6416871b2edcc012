import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ApiCategory, RiskLevel, RiskOperation, UserActivityMetric, UserPool, UserPoolMetrics } from '../lib';

const POOL_ID = 'us-east-1_abcDEF123';

function givenImportedPool(): { stack: Stack; pool: cognito.IUserPool; client: cognito.IUserPoolClient } {
  const stack = new Stack(new App(), 'Stack');
  const pool = UserPool.fromUserPoolId(stack, 'Pool', POOL_ID);
  const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client123');
  return { stack, pool, client };
}

/** Renders a metric as CloudFormation would see it in an alarm. */
function alarmOf(stack: Stack, metric: cloudwatch.IMetric): Record<string, unknown> {
  new cloudwatch.Alarm(stack, 'Alarm', { metric, threshold: 1, evaluationPeriods: 1 });
  const alarms = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
  return Object.values(alarms)[0].Properties;
}

describe('per-client user-activity metrics', () => {
  test.each<[string, (m: ReturnType<UserPoolMetrics['forClient']>) => cloudwatch.Metric]>([
    ['SignUpSuccesses', m => m.metricSignUpSuccesses()],
    ['SignUpThrottles', m => m.metricSignUpThrottles()],
    ['SignInSuccesses', m => m.metricSignInSuccesses()],
    ['SignInThrottles', m => m.metricSignInThrottles()],
    ['TokenRefreshSuccesses', m => m.metricTokenRefreshSuccesses()],
    ['TokenRefreshThrottles', m => m.metricTokenRefreshThrottles()],
  ])('%s is in AWS/Cognito with the UserPool and UserPoolClient dimensions, statistic Sum', (name, pick) => {
    // GIVEN
    const { stack, pool, client } = givenImportedPool();
    // WHEN
    const props = alarmOf(stack, pick(UserPoolMetrics.of(pool).forClient(client)));
    // THEN
    expect(props).toMatchObject({
      Namespace: 'AWS/Cognito',
      MetricName: name,
      Dimensions: [{ Name: 'UserPool', Value: POOL_ID }, { Name: 'UserPoolClient', Value: 'client123' }],
      Statistic: 'Sum',
      Period: 300,
    });
  });

  test.each([
    ['FederationSuccesses', (m: ReturnType<UserPoolMetrics['forClient']>) => m.metricFederationSuccesses('Okta')],
    ['FederationThrottles', (m: ReturnType<UserPoolMetrics['forClient']>) => m.metricFederationThrottles('Okta')],
  ])('%s adds the IdentityProvider dimension', (name, pick) => {
    // GIVEN
    const { stack, pool, client } = givenImportedPool();
    // WHEN
    const props = alarmOf(stack, pick(UserPoolMetrics.of(pool).forClient(client)));
    // THEN
    expect(props).toMatchObject({
      Namespace: 'AWS/Cognito',
      MetricName: name,
      Dimensions: [
        { Name: 'IdentityProvider', Value: 'Okta' },
        { Name: 'UserPool', Value: POOL_ID },
        { Name: 'UserPoolClient', Value: 'client123' },
      ],
      Statistic: 'Sum',
    });
  });

  test('administrator operations are published under the Admin client', () => {
    // GIVEN
    const { stack, pool } = givenImportedPool();
    // WHEN
    const props = alarmOf(stack, UserPoolMetrics.of(pool).forAdminOperations().metricSignInSuccesses());
    // THEN
    expect(props.Dimensions).toEqual([{ Name: 'UserPool', Value: POOL_ID }, { Name: 'UserPoolClient', Value: 'Admin' }]);
  });

  test('options override the statistic and period', () => {
    // GIVEN
    const { stack, pool, client } = givenImportedPool();
    // WHEN
    const metric = UserPoolMetrics.of(pool).forClient(client).metricSignInSuccesses({ statistic: 'Average', period: Duration.minutes(1) });
    // THEN
    expect(alarmOf(stack, metric)).toMatchObject({ Statistic: 'Average', Period: 60 });
  });

  test('a pool of the stack gives its id through Ref', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    // WHEN
    const props = alarmOf(stack, UserPoolMetrics.of(pool).forClientId('abc').metricSignUpThrottles());
    // THEN
    expect(props.Dimensions).toEqual([
      { Name: 'UserPool', Value: { Ref: stack.getLogicalId(pool.node.defaultChild as cognito.CfnUserPool) } },
      { Name: 'UserPoolClient', Value: 'abc' },
    ]);
  });
});

describe('threat-protection metrics', () => {
  test.each<[string, (m: UserPoolMetrics) => cloudwatch.Metric, object[]]>([
    ['CompromisedCredentialRisk', m => m.metricCompromisedCredentialRisk(RiskOperation.SIGN_IN, RiskLevel.HIGH), [
      { Name: 'Operation', Value: 'SignIn' }, { Name: 'RiskLevel', Value: 'high' }, { Name: 'UserPoolId', Value: POOL_ID },
    ]],
    ['AccountTakeoverRisk', m => m.metricAccountTakeoverRisk(RiskOperation.PASSWORD_CHANGE, RiskLevel.MEDIUM), [
      { Name: 'Operation', Value: 'PasswordChange' }, { Name: 'RiskLevel', Value: 'medium' }, { Name: 'UserPoolId', Value: POOL_ID },
    ]],
    ['OverrideBlock', m => m.metricOverrideBlock(RiskOperation.SIGN_UP, RiskLevel.LOW), [
      { Name: 'Operation', Value: 'SignUp' }, { Name: 'RiskLevel', Value: 'low' }, { Name: 'UserPoolId', Value: POOL_ID },
    ]],
    ['Risk', m => m.metricRisk(RiskOperation.SIGN_IN), [
      { Name: 'Operation', Value: 'SignIn' }, { Name: 'UserPoolId', Value: POOL_ID },
    ]],
    ['NoRisk', m => m.metricNoRisk(RiskOperation.of('ForgotPassword')), [
      { Name: 'Operation', Value: 'ForgotPassword' }, { Name: 'UserPoolId', Value: POOL_ID },
    ]],
  ])('%s has the UserPoolId and Operation dimensions (and RiskLevel where it applies)', (name, pick, dimensions) => {
    // GIVEN
    const { stack, pool } = givenImportedPool();
    // WHEN
    const props = alarmOf(stack, pick(UserPoolMetrics.of(pool)));
    // THEN
    expect(props).toMatchObject({ Namespace: 'AWS/Cognito', MetricName: name, Statistic: 'Sum' });
    expect(props.Dimensions).toEqual(dimensions);
  });
});

describe('usage metrics', () => {
  test.each([
    ['CallCount', () => UserPoolMetrics.metricCallCount(ApiCategory.USER_AUTHENTICATION), 'UserAuthentication'],
    ['ThrottleCount', () => UserPoolMetrics.metricThrottleCount(ApiCategory.of('UserResourceUpdate')), 'UserResourceUpdate'],
  ])('%s is in AWS/Usage per API category', (name, make, category) => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    const props = alarmOf(stack, make());
    // THEN
    expect(props).toMatchObject({ Namespace: 'AWS/Usage', MetricName: name, Statistic: 'Sum' });
    expect(props.Dimensions).toEqual([
      { Name: 'Resource', Value: category },
      { Name: 'Service', Value: 'Cognito User Pools' },
      { Name: 'Type', Value: 'API' },
    ]);
  });
});

describe('math expressions', () => {
  test('the sign-in success ratio divides Sum by SampleCount when there are enough attempts', () => {
    // GIVEN
    const { stack, pool, client } = givenImportedPool();
    // WHEN
    const props = alarmOf(stack, UserPoolMetrics.of(pool).forClient(client).metricSignInSuccessRatio(25));
    // THEN
    const dims = [{ Name: 'UserPool', Value: POOL_ID }, { Name: 'UserPoolClient', Value: 'client123' }];
    expect(props.Metrics).toEqual([
      { Id: 'expr_1', Expression: 'IF(attempts >= 25, successes / attempts, 1)', Label: 'Sign-in success ratio', ReturnData: true },
      { Id: 'successes', MetricStat: { Metric: { Namespace: 'AWS/Cognito', MetricName: 'SignInSuccesses', Dimensions: dims }, Period: 300, Stat: 'Sum' }, ReturnData: false },
      { Id: 'attempts', MetricStat: { Metric: { Namespace: 'AWS/Cognito', MetricName: 'SignInSuccesses', Dimensions: dims }, Period: 300, Stat: 'SampleCount' }, ReturnData: false },
    ]);
  });

  test.each([
    ['metricTotal', (m: UserPoolMetrics) => m.metricTotal(UserActivityMetric.SIGN_IN_THROTTLES), 'SUM(SignInThrottles)'],
    ['metricSuccessRatio', (m: UserPoolMetrics) => m.metricSuccessRatio(UserActivityMetric.SIGN_IN_SUCCESSES), 'AVG(SignInSuccesses)'],
  ])('%s is a Metrics Insights query over every client of the pool', (_name, make, select) => {
    // GIVEN
    const { stack, pool } = givenImportedPool();
    // WHEN
    const props = alarmOf(stack, make(UserPoolMetrics.of(pool)));
    // THEN
    expect(props.Metrics).toEqual([{
      Id: 'expr_1',
      Expression: `SELECT ${select} FROM SCHEMA("AWS/Cognito", UserPool, UserPoolClient) WHERE UserPool = '${POOL_ID}'`,
      Label: expect.any(String),
      Period: 300,
      ReturnData: true,
    }]);
  });
});
