import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { UserPool, UserPoolGroup } from '../lib';

function setUp() {
  const stack = new Stack(new App(), 'Stack');
  const userPool = new UserPool(stack, 'Pool');
  return { stack, userPool };
}

describe('UserPoolGroup', () => {
  test('renders name, description, precedence and role', () => {
    // GIVEN
    const { stack, userPool } = setUp();
    const role = new iam.Role(stack, 'AdminRole', {
      assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity'),
    });
    // WHEN
    const group = new UserPoolGroup(stack, 'Admins', {
      userPool, groupName: 'admins', description: 'Administrators', precedence: 0, role,
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      GroupName: 'admins',
      Description: 'Administrators',
      Precedence: 0,
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AdminRole'), 'Arn'] },
    });
    expect(group.precedence).toBe(0);
    expect(group.role).toBe(role);
  });

  test('with no options only the pool is set', () => {
    const { stack, userPool } = setUp();
    new UserPoolGroup(stack, 'Readers', { userPool });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      GroupName: Match.absent(),
      Description: Match.absent(),
      Precedence: Match.absent(),
      RoleArn: Match.absent(),
    });
  });

  test('accepts the limits themselves', () => {
    const { stack, userPool } = setUp();
    new UserPoolGroup(stack, 'Max', { userPool, groupName: 'g'.repeat(128), description: 'd'.repeat(2048), precedence: 2147483647 });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', { Precedence: 2147483647 });
  });

  test('unresolved tokens are not checked', () => {
    const { stack, userPool } = setUp();
    const name = new CfnParameter(stack, 'Name').valueAsString;
    const precedence = new CfnParameter(stack, 'Precedence', { type: 'Number' }).valueAsNumber;
    expect(() => new UserPoolGroup(stack, 'G', { userPool, groupName: name, description: name, precedence })).not.toThrow();
  });
});
