import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPool, UserPoolAlarms } from '../lib';

const POOL_ID = 'us-east-1_abcDEF123';
const insights = (select: string) =>
  `SELECT ${select} FROM SCHEMA("AWS/Cognito", UserPool, UserPoolClient) WHERE UserPool = '${POOL_ID}'`;

function givenStack(): { stack: Stack; pool: cognito.IUserPool } {
  const stack = new Stack(new App(), 'Stack');
  return { stack, pool: UserPool.fromUserPoolId(stack, 'Pool', POOL_ID) };
}

describe('UserPoolAlarms for a whole pool', () => {
  test.each([
    ['SignUpThrottles'],
    ['SignInThrottles'],
    ['TokenRefreshThrottles'],
  ])('alarms on any %s over all clients through a Metrics Insights query', (metric) => {
    // GIVEN
    const { stack, pool } = givenStack();
    // WHEN
    new UserPoolAlarms(stack, 'Alarms', { userPool: pool });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      Metrics: [{ Id: 'expr_1', Expression: insights(`SUM(${metric})`), Period: 300, ReturnData: true, Label: Match.anyValue() }],
    });
  });

  test('alarms when the pool-wide sign-in success ratio stays under 0.8 for 3 periods', () => {
    // GIVEN
    const { stack, pool } = givenStack();
    // WHEN
    new UserPoolAlarms(stack, 'Alarms', { userPool: pool });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 0.8,
      EvaluationPeriods: 3,
      TreatMissingData: 'notBreaching',
      Metrics: [Match.objectLike({ Expression: insights('AVG(SignInSuccesses)'), Period: 300 })],
    });
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 4);
  });
});

describe('UserPoolAlarms for one client', () => {
  test('alarms on the client metrics and a guarded success ratio with the given settings', () => {
    // GIVEN
    const { stack, pool } = givenStack();
    const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client123');
    // WHEN
    new UserPoolAlarms(stack, 'Alarms', {
      userPool: pool,
      client,
      minimumSignInSuccessRatio: 0.5,
      minimumSignInAttempts: 50,
      signInEvaluationPeriods: 2,
      period: Duration.minutes(10),
    });
    // THEN
    const template = Template.fromStack(stack);
    const dims = [{ Name: 'UserPool', Value: POOL_ID }, { Name: 'UserPoolClient', Value: 'client123' }];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Cognito',
      MetricName: 'SignInThrottles',
      Dimensions: dims,
      Statistic: 'Sum',
      Period: 600,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 0.5,
      EvaluationPeriods: 2,
      Metrics: [
        Match.objectLike({ Expression: 'IF(attempts >= 50, successes / attempts, 1)' }),
        Match.objectLike({ Id: 'successes', MetricStat: Match.objectLike({ Period: 600, Stat: 'Sum' }) }),
        Match.objectLike({ Id: 'attempts', MetricStat: Match.objectLike({ Period: 600, Stat: 'SampleCount' }) }),
      ],
    });
  });

  test('exposes its four alarms', () => {
    // GIVEN
    const { stack, pool } = givenStack();
    // WHEN
    const alarms = new UserPoolAlarms(stack, 'Alarms', { userPool: pool });
    // THEN
    expect(alarms.alarms).toEqual([
      alarms.signUpThrottlesAlarm, alarms.signInThrottlesAlarm, alarms.tokenRefreshThrottlesAlarm, alarms.signInSuccessRatioAlarm,
    ]);
  });
});
