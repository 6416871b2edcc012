import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LogDelivery, UserPool, UserPoolLogDestination, UserPoolLogLevel } from '../lib';
import { plusPool } from './helpers/pools';

const TYPE = 'AWS::Cognito::LogDeliveryConfiguration';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

describe('LogDelivery', () => {
  test('without destinations creates vended-log groups with retention and the delivery resource policy', () => {
    // GIVEN
    const stack = newStack();
    const pool = plusPool(stack);
    // WHEN
    new LogDelivery(stack, 'Logs', {
      userPool: pool,
      userNotification: { retention: logs.RetentionDays.ONE_MONTH },
      userAuthEvents: {},
    });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties(TYPE, {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      LogConfigurations: [
        {
          EventSource: 'userNotification',
          LogLevel: 'ERROR',
          CloudWatchLogsConfiguration: {
            LogGroupArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:111111111111:log-group:', { Ref: Match.stringLikeRegexp('^LogsUserNotificationLogs') }]] },
          },
        },
        {
          EventSource: 'userAuthEvents',
          LogLevel: 'INFO',
          CloudWatchLogsConfiguration: { LogGroupArn: Match.anyValue() },
        },
      ],
    });
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: {
        LogGroupName: { 'Fn::Join': ['', ['/aws/vendedlogs/cognito/', { Ref: Match.stringLikeRegexp('^Pool') }, '/user-notification']] },
        RetentionInDays: 30,
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/vendedlogs/cognito/', { Ref: Match.stringLikeRegexp('^Pool') }, '/user-auth-events']] },
      RetentionInDays: 365,
    });
    const policies = template.findResources('AWS::Logs::ResourcePolicy');
    // The document is a Fn::Join (the log group ARNs are tokens): check its literal parts.
    const doc = JSON.stringify(Object.values(policies)[0].Properties.PolicyDocument);
    expect(doc).toContain('\\"Principal\\":{\\"Service\\":\\"delivery.logs.amazonaws.com\\"}');
    expect(doc).toContain('\\"Action\\":[\\"logs:CreateLogStream\\",\\"logs:PutLogEvents\\"]');
    expect(doc).toContain('\\"StringEquals\\":{\\"aws:SourceAccount\\":\\"111111111111\\"}');
    expect(doc).toContain(':logs:us-east-1:111111111111:*\\"}}');
    expect(doc.match(/:log-stream:\*/g)).toHaveLength(2);
    template.hasResource(TYPE, { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^LogsDeliveryPolicy')]) });
  });

  test('user destinations: a log group, a bucket (with its policy) and nothing created', () => {
    // GIVEN
    const stack = newStack();
    const pool = plusPool(stack);
    const group = new logs.LogGroup(stack, 'Group', { logGroupName: 'cognito-errors', removalPolicy: RemovalPolicy.DESTROY });
    const bucket = new s3.Bucket(stack, 'Bucket');
    // WHEN
    new LogDelivery(stack, 'Logs', {
      userPool: pool,
      userNotification: { destination: UserPoolLogDestination.cloudWatchLogs(group), level: UserPoolLogLevel.ERROR },
      userAuthEvents: { destination: UserPoolLogDestination.s3(bucket), level: UserPoolLogLevel.INFO },
    });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties(TYPE, {
      LogConfigurations: [
        { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':log-group:$'), { Ref: Match.stringLikeRegexp('^Group') }])] } } },
        { EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] } } },
      ],
    });
    // The declared group is the only one besides the stack provider's (which the pool's built-in guard brings)
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup')).filter((id) => !id.startsWith('CognitoUserPoolsProvider')))
      .toEqual([expect.stringMatching(/^Group/)]);
    template.resourceCountIs('AWS::Logs::ResourcePolicy', 0);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '111111111111', 's3:x-amz-acl': 'bucket-owner-full-control' } }),
      })]) },
    });
  });

  test('user-activity logs to a Firehose stream', () => {
    // GIVEN
    const stack = newStack();
    const pool = plusPool(stack);
    // WHEN
    new LogDelivery(stack, 'Logs', {
      userPool: pool,
      userAuthEvents: { destination: UserPoolLogDestination.firehose('arn:aws:firehose:us-east-1:111111111111:deliverystream/cognito') },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      LogConfigurations: [{
        EventSource: 'userAuthEvents',
        LogLevel: 'INFO',
        FirehoseConfiguration: { StreamArn: 'arn:aws:firehose:us-east-1:111111111111:deliverystream/cognito' },
        CloudWatchLogsConfiguration: Match.absent(),
      }],
    });
  });

  test('tokens pass: a stream ARN from a parameter', () => {
    // GIVEN
    const stack = newStack();
    const pool = plusPool(stack);
    const arn = new cognito.CfnUserPoolGroup(stack, 'G', { userPoolId: pool.userPoolId }).ref;
    // WHEN
    new LogDelivery(stack, 'Logs', { userPool: pool, userAuthEvents: { destination: UserPoolLogDestination.firehose(arn) } });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      LogConfigurations: [Match.objectLike({ FirehoseConfiguration: { StreamArn: { Ref: Match.stringLikeRegexp('^G') } } })],
    });
  });

  test('user-notification logs work on an Essentials pool', () => {
    // GIVEN
    const stack = newStack();
    const pool = new UserPool(stack, 'Pool');
    // WHEN
    new LogDelivery(stack, 'Logs', { userPool: pool, userNotification: {} });
    // THEN
    Template.fromStack(stack).resourceCountIs(TYPE, 1);
  });
});

test('exposes the log groups it creates, and none for given destinations', () => {
  // GIVEN
  const stack = newStack();
  const pool = plusPool(stack);
  // WHEN
  const delivery = new LogDelivery(stack, 'Logs', {
    userPool: pool,
    userNotification: {},
    userAuthEvents: { destination: UserPoolLogDestination.firehose('arn:aws:firehose:us-east-1:111111111111:deliverystream/x') },
  });
  // THEN
  expect(delivery.userNotificationLogGroup).toBeInstanceOf(logs.LogGroup);
  expect(delivery.userAuthEventsLogGroup).toBeUndefined();
});
