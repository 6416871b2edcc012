// UserImportJob construct: IAM of the logs role and of the handler, and a waiter that fits
// CloudFormation's 1-hour limit for a custom resource.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { JOB_DEADLINE_MINUTES } from '../custom-resources/user-import-job';
import { UserImportJob, UserPool } from '../lib';
import { awsSolutionsFindingsOf } from './helpers/nag';

function setup(env = { account: '111111111111', region: 'us-east-1' }) {
  const stack = new Stack(new App(), 'Stack', { env });
  const userPool = new UserPool(stack, 'Pool');
  new UserImportJob(stack, 'Import', { userPool, users: [{ username: 'alice', attributes: { email: 'alice@example.com', email_verified: 'true' } }] });
  return { stack, template: Template.fromStack(stack) };
}

function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0];
}

function statementsOf(template: Template, policyPrefix: string): any[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(policyPrefix))
    .flatMap(([, p]: [string, any]) => p.Properties.PolicyDocument.Statement);
}

describe('UserImportJob IAM', () => {
  test('the logs role may write only to the pool\'s import log groups (/aws/cognito/userpools/<pool id>/*)', () => {
    // GIVEN a pool and an import job, WHEN synthesized
    const { template } = setup();
    const pool = logicalId(template, 'AWS::Cognito::UserPool', 'Pool');
    // THEN the logs role has exactly one statement, on the pool's log groups
    expect(statementsOf(template, 'ImportLogsRoleDefaultPolicy')).toEqual([{
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Effect: 'Allow',
      Resource: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:111111111111:log-group:/aws/cognito/userpools/', { Ref: pool }, '/*']],
      },
    }]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' } }] },
      Description: 'Lets Cognito write the results of user import jobs to CloudWatch Logs',
    });
  });

  test('the handler may pass the logs role to Cognito only', () => {
    const { template } = setup();
    const logsRole = logicalId(template, 'AWS::IAM::Role', 'ImportLogsRole');
    const passRole = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => [].concat(s.Action).includes('iam:PassRole' as never));
    expect(passRole).toEqual([{
      Action: 'iam:PassRole',
      Condition: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } },
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [logsRole, 'Arn'] },
    }]);
  });

  test('the waiter may describe and stop the pool\'s import jobs', () => {
    const { template } = setup();
    const pool = logicalId(template, 'AWS::Cognito::UserPool', 'Pool');
    const waiterStatements = statementsOf(template, 'CognitoUserPoolsWaiterProvider')
      .filter((s: any) => [].concat(s.Action).some((a: string) => a.startsWith('cognito-idp:')));
    expect(waiterStatements).toEqual([{
      Action: ['cognito-idp:DescribeUserImportJob', 'cognito-idp:StopUserImportJob'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [pool, 'Arn'] },
    }]);
  });

  test.each([
    ['in an environment', { account: '111111111111', region: 'us-east-1' }],
    ['environment-agnostic', undefined],
  ])('the log-group wildcard is acknowledged for cdk-nag %s', (_name, env) => {
    const findings = awsSolutionsFindingsOf((app) => {
      const stack = new Stack(app, 'Stack', { env: env as any });
      const userPool = new UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS });
      new UserImportJob(stack, 'Import', { userPool, users: [{ username: 'alice', attributes: { email: 'alice@example.com', email_verified: 'true' } }] });
    });
    expect(findings.filter((f) => f.includes('/Import/'))).toEqual([]);
  });
});

describe('UserImportJob waiter timing', () => {
  test('onEvent and the waiter fit in CloudFormation\'s hour; the job is stopped before the waiter gives up', () => {
    const { template } = setup();
    // The main handler (onEvent) may run this long before the waiter starts
    const handler = logicalId(template, 'AWS::Lambda::Function', 'CognitoUserPoolsProviderHandler');
    const onEventSeconds = template.toJSON().Resources[handler].Properties.Timeout;
    expect(onEventSeconds).toEqual(840);
    // The waiter: a retry every 30 s, 90 times = 45 minutes
    const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as any;
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    const retry = /\\"IntervalSeconds\\":(\d+),\\"MaxAttempts\\":(\d+)/.exec(definition)!;
    const waiterSeconds = Number(retry[1]) * Number(retry[2]);
    expect(waiterSeconds).toEqual(45 * 60);
    expect(onEventSeconds + waiterSeconds).toBeLessThanOrEqual(3600);
    // The handler stops a job at its deadline, a few polls before the waiter's own timeout
    expect(JOB_DEADLINE_MINUTES * 60).toBeLessThanOrEqual(waiterSeconds - 5 * 60);
  });
});

test('the construct still declares the job with its pool, name and CSV asset', () => {
  const { template } = setup();
  template.hasResourceProperties('Custom::CognitoUserImportJob', {
    UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') }, JobName: 'Stack-Import', CsvKey: Match.stringLikeRegexp('\\.csv$'),
  });
});
