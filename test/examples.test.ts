// The examples together must set every property path of AWS::Cognito::UserPool, except the
// ones AWS marks deprecated. The paths come from aws-cdk-lib's own L1 typings (CfnUserPoolProps
// and the CfnUserPool property types), so a new CloudFormation property fails this test.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addFullPool } from '../examples/full-pool';
import { addMinimalPool } from '../examples/minimal-pool';
import { cfnPropertyPaths, templatePaths } from './helpers/cfn-property-paths';

/** Deprecated by AWS, each with its replacement (listed in the README too). */
const DEPRECATED_USER_POOL_PATHS: { [path: string]: string } = {
  'EmailVerificationMessage': 'VerificationMessageTemplate.EmailMessage',
  'EmailVerificationSubject': 'VerificationMessageTemplate.EmailSubject',
  'SmsVerificationMessage': 'VerificationMessageTemplate.SmsMessage',
  'AdminCreateUserConfig.UnusedAccountValidityDays': 'Policies.PasswordPolicy.TemporaryPasswordValidityDays',
  'LambdaConfig.PreTokenGeneration': 'LambdaConfig.PreTokenGenerationConfig.LambdaArn',
};

test('the example pools set every non-deprecated AWS::Cognito::UserPool property path', () => {
  // GIVEN
  const app = new App();
  const stacks = [addMinimalPool(app), addFullPool(app)];
  // WHEN
  const present = new Set(stacks.flatMap((s) => [...templatePaths(Template.fromStack(s), 'AWS::Cognito::UserPool')])
    .map((p) => p.toLowerCase()));
  // THEN (CloudFormation capitalizes some names differently from the L1, e.g. KMSKeyID)
  const expected = cfnPropertyPaths('UserPool').filter((p) => !(p in DEPRECATED_USER_POOL_PATHS));
  expect(expected).toEqual(expect.arrayContaining(['SmsConfiguration.EumsSms.InTemplateId', 'LambdaConfig.InboundFederation.LambdaVersion', 'Schema.DeveloperOnlyAttribute']));
  expect(expected.filter((p) => !present.has(p.toLowerCase()))).toEqual([]);
});

test('every deprecated path listed is a real path of the L1', () => {
  const all = cfnPropertyPaths('UserPool');
  expect(Object.keys(DEPRECATED_USER_POOL_PATHS).filter((p) => !all.includes(p))).toEqual([]);
  expect(Object.values(DEPRECATED_USER_POOL_PATHS).filter((p) => !all.includes(p))).toEqual([]);
});

test('the full pool stack exposes its pool for the other examples', () => {
  const stack = addFullPool(new App());
  expect(stack.pool.node.path).toBe('FullPool/Pool');
});

/** Retired by AWS, each with its replacement (listed in the README too). */
const RETIRED_CLIENT_PATHS: { [path: string]: string } = {
  'AnalyticsConfiguration.ApplicationArn': 'user activity log export (LogDelivery)',
  'AnalyticsConfiguration.ApplicationId': 'user activity log export (LogDelivery)',
  'AnalyticsConfiguration.ExternalId': 'user activity log export (LogDelivery)',
  'AnalyticsConfiguration.RoleArn': 'user activity log export (LogDelivery)',
  'AnalyticsConfiguration.UserDataShared': 'user activity log export (LogDelivery)',
};

test.each(['UserPoolClient', 'UserPoolDomain'])('the full pool example sets every property path of AWS::Cognito::%s', (resource) => {
  // GIVEN
  const retired = resource === 'UserPoolClient' ? RETIRED_CLIENT_PATHS : {};
  // WHEN
  const template = Template.fromStack(addFullPool(new App()));
  // THEN
  const present = new Set([...templatePaths(template, `AWS::Cognito::${resource}`)].map((p) => p.toLowerCase()));
  const expected = cfnPropertyPaths(resource).filter((p) => !(p in retired));
  expect(expected.length).toBeGreaterThan(5);
  expect(expected.filter((p) => !present.has(p.toLowerCase()))).toEqual([]);
});

test('the retired client paths are real paths of the L1', () => {
  expect(Object.keys(RETIRED_CLIENT_PATHS).filter((p) => !cfnPropertyPaths('UserPoolClient').includes(p))).toEqual([]);
});
