import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  EndUserMessagingSmsConfiguration, GroupMembership, MfaEnforcement, ProvisionedLimit, ProvisionedLimitCategory, User, UserPool,
  UserPoolMfaSettings, UserPoolSessionConfiguration,
} from '../lib';
import { awsSolutionsFindingsOf } from './helpers/nag';

function newStack(env = { account: '111111111111', region: 'us-east-1' }): Stack {
  return new Stack(new App(), 'Stack', { env });
}

function allStatements(stack: Stack): any[] {
  const template = Template.fromStack(stack);
  const managed = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  const inline = Object.values(template.findResources('AWS::IAM::Role'))
    .flatMap((r: any) => (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement));
  return [...managed, ...inline];
}

const smsArn = (region: string, resource: string, account = '111111111111') =>
  ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:sms-voice:${region}:${account}:${resource}`]] });

describe('provisioned-limit actions', () => {
  test('are not granted in a stack whose provider serves other resources only', () => {
    // GIVEN a stack whose provider serves users, memberships, MFA and session settings
    const stack = newStack();
    const pool = new UserPool(stack, 'Pool');
    new User(stack, 'Admin', { userPool: pool, username: 'admin' });
    new GroupMembership(stack, 'Members', { userPool: pool, group: pool.addGroup('Admins', { groupName: 'admins' }), usernames: ['dana'] });
    new UserPoolMfaSettings(stack, 'Mfa', { userPool: pool, enforcement: MfaEnforcement.OPTIONAL, totp: true });
    new UserPoolSessionConfiguration(stack, 'Sessions', { userPool: pool, maxSessionsPerUser: 5 });
    // THEN no policy of the stack names a provisioned-limit action
    const actions = allStatements(stack).flatMap((s) => [].concat(s.Action));
    expect(actions.filter((a: string) => /ProvisionedLimit/.test(a))).toEqual([]);
    expect(actions).toContain('cognito-idp:AdminCreateUser');
  });

  test('are granted with the first ProvisionedLimit, once, on the account and Region only', () => {
    const stack = newStack();
    new ProvisionedLimit(stack, 'Auth', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 200 });
    new ProvisionedLimit(stack, 'Create', { category: ProvisionedLimitCategory.USER_CREATION, requestsPerSecond: 80 });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^CognitoUserPoolsProviderHandlerRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: ['cognito-idp:GetProvisionedLimit', 'cognito-idp:UpdateProvisionedLimit'],
          Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
          Effect: 'Allow',
          Resource: '*',
        }]),
      },
    });
    expect(allStatements(stack).filter((s) => JSON.stringify(s.Action).includes('ProvisionedLimit'))).toHaveLength(1);
  });

  test('an environment-agnostic stack narrows to the Region it deploys to', () => {
    const stack = new Stack(new App(), 'Stack');
    new ProvisionedLimit(stack, 'Auth', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 200 });
    expect(allStatements(stack).filter((s) => JSON.stringify(s.Action).includes('ProvisionedLimit'))).toEqual([{
      Action: ['cognito-idp:GetProvisionedLimit', 'cognito-idp:UpdateProvisionedLimit'],
      Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } },
      Effect: 'Allow',
      Resource: '*',
    }]);
  });
});

describe('sms-voice:SendTextMessage of the End User Messaging SMS role', () => {
  const PHONE_ID = 'phone-0123456789abcdef0123456789abcdef';
  const POOL_ID = 'pool-0123456789abcdef0123456789abcdef';
  test.each<[string, EndUserMessagingSmsConfiguration, unknown[]]>([
    ['a phone number id, with a configuration set, in another Region', { originationIdentity: PHONE_ID, configurationSetName: 'otp', region: 'us-west-2' }, [
      smsArn('us-west-2', `phone-number/${PHONE_ID}`), smsArn('us-west-2', 'configuration-set/otp'), smsArn('us-west-2', 'opt-out-list/*'),
    ]],
    ['a phone pool id', { originationIdentity: POOL_ID }, [smsArn('us-east-1', `pool/${POOL_ID}`), smsArn('us-east-1', 'opt-out-list/*')]],
    ['a sender id (its ARN ends with the country code)', { originationIdentity: 'MyBrand' }, [
      smsArn('us-east-1', 'sender-id/MyBrand/*'), smsArn('us-east-1', 'opt-out-list/*'),
    ]],
    ['a shared identity by ARN (its account and Region)', {
      originationIdentity: `arn:aws:sms-voice:eu-west-1:222222222222:phone-number/${PHONE_ID}`,
      configurationSetName: 'arn:aws:sms-voice:eu-west-1:111111111111:configuration-set/otp',
    }, [
      `arn:aws:sms-voice:eu-west-1:222222222222:phone-number/${PHONE_ID}`,
      'arn:aws:sms-voice:eu-west-1:111111111111:configuration-set/otp',
      smsArn('eu-west-1', 'opt-out-list/*', '222222222222'),
    ]],
    ['an E.164 number (IAM names phone numbers by id)', { originationIdentity: '+15555550100' }, [
      smsArn('us-east-1', 'phone-number/*'), smsArn('us-east-1', 'opt-out-list/*'),
    ]],
    ['no origination identity (End User Messaging picks one of the account)', {}, [smsArn('us-east-1', '*')]],
  ])('%s', (_case, endUserMessagingSms, resources) => {
    const stack = newStack();
    new UserPool(stack, 'Pool', { endUserMessagingSms });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'cognito-idp.amazonaws.com' } })] },
      Policies: [{
        PolicyName: 'send-sms',
        PolicyDocument: { Statement: [{ Action: 'sms-voice:SendTextMessage', Effect: 'Allow', Resource: resources.length === 1 ? resources[0] : resources }] },
      }],
    });
  });

  test.each<[string, EndUserMessagingSmsConfiguration]>([
    ['phone number id', { originationIdentity: PHONE_ID, configurationSetName: 'otp', region: 'us-west-2' }],
    ['sender id', { originationIdentity: 'MyBrand' }],
    ['no identity', {}],
  ])('cdk-nag: the remaining wildcards (%s) are acknowledged, nothing else is', (_case, endUserMessagingSms) => {
    const findings = awsSolutionsFindingsOf((app) => {
      new UserPool(new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } }), 'Pool', {
        featurePlan: cognito.FeaturePlan.PLUS,
        endUserMessagingSms,
      });
    });
    expect(findings).toEqual([]);
  });

  test('a role you provide gets no policy from the library', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Given', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    new UserPool(stack, 'Pool', { endUserMessagingSms: { role, externalId: 'ext', originationIdentity: PHONE_ID } });
    expect(allStatements(stack).filter((s) => JSON.stringify(s.Action).includes('sms-voice'))).toEqual([]);
  });
});

describe('iam:PassRole', () => {
  test('the handler may pass the SNS role of UserPoolMfaSettings to Cognito only', () => {
    // GIVEN
    const stack = newStack();
    const pool = new UserPool(stack, 'Pool');
    const snsRole = new iam.Role(stack, 'Sns', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    // WHEN
    new UserPoolMfaSettings(stack, 'Mfa', { userPool: pool, enforcement: MfaEnforcement.OPTIONAL, sms: { snsRole, externalId: 'ext' } });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^CognitoUserPoolsProviderHandlerRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 'iam:PassRole',
          Condition: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } },
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Sns'), 'Arn'] },
        }]),
      },
    });
    const passRoles = allStatements(stack).filter((s) => [].concat(s.Action).includes('iam:PassRole' as never));
    expect(passRoles.map((s) => s.Condition)).toEqual([{ StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } }]);
  });
});
