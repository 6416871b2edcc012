import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { UserPool, UserPoolGrants } from '../lib';

const POOL_ARN = 'arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_abcDEF123';

function givenRoleAndImportedPool(): { stack: Stack; role: iam.Role; pool: cognito.IUserPool } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const pool = UserPool.fromUserPoolArn(stack, 'Imported', POOL_ARN);
  return { stack, role, pool };
}

function expectPolicy(stack: Stack, actions: string[] | string, resource: unknown): void {
  Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
    },
    Roles: [{ Ref: 'Role1ABCC5F0' }],
  });
}

type GrantMethod = Exclude<keyof UserPoolGrants, 'userPool'>;

describe('UserPoolGrants on an imported pool', () => {
  test.each<[GrantMethod, string[]]>([
    ['grantAdminUserManagement', [
      'AdminCreateUser', 'AdminUpdateUserAttributes', 'AdminDeleteUserAttributes', 'AdminEnableUser',
      'AdminDisableUser', 'AdminConfirmSignUp', 'AdminSetUserPassword', 'AdminResetUserPassword', 'AdminDeleteUser',
    ]],
    ['grantAdminAuthentication', ['AdminInitiateAuth', 'AdminRespondToAuthChallenge']],
    ['grantUserReads', ['AdminGetUser', 'AdminListGroupsForUser', 'AdminGetUserAuthFactors', 'ListUsers', 'ListUsersInGroup']],
    ['grantGroupMembership', ['AdminAddUserToGroup', 'AdminRemoveUserFromGroup']],
    ['grantGroupManagement', ['CreateGroup', 'UpdateGroup', 'DeleteGroup']],
    ['grantGroupReads', ['GetGroup', 'ListGroups']],
    ['grantDeviceManagement', ['AdminGetDevice', 'AdminListDevices', 'AdminUpdateDeviceStatus', 'AdminForgetDevice']],
    ['grantAuthEvents', ['AdminListUserAuthEvents', 'AdminUpdateAuthEventFeedback']],
    ['grantUserImport', [
      'GetCSVHeader', 'CreateUserImportJob', 'StartUserImportJob', 'StopUserImportJob', 'DescribeUserImportJob', 'ListUserImportJobs',
    ]],
    ['grantSessionManagement', ['AdminUserGlobalSignOut', 'AdminListUserSessions', 'AdminRevokeUserSession']],
    ['grantMfaAdministration', ['AdminSetUserMFAPreference', 'AdminDeleteSoftwareToken']],
    ['grantIdentityLinking', ['AdminLinkProviderForUser', 'AdminDisableProviderForUser']],
    ['grantClientSecretRotation', [
      'DescribeUserPoolClient', 'AddUserPoolClientSecret', 'ListUserPoolClientSecrets', 'DeleteUserPoolClientSecret',
    ]],
    ['grantClientReads', ['DescribeUserPoolClient', 'ListUserPoolClients']],
  ])('%s grants exactly its cognito-idp actions on the pool ARN', (method, operations) => {
    // GIVEN
    const { stack, role, pool } = givenRoleAndImportedPool();
    // WHEN
    const grant = UserPoolGrants.of(pool)[method](role);
    // THEN
    expect(grant.success).toBe(true);
    expectPolicy(stack, operations.map(op => `cognito-idp:${op}`), POOL_ARN);
  });

  test('grantConfigurationReads grants the pool reads on the pool ARN and DescribeUserPoolDomain, which takes no pool, on every resource', () => {
    // GIVEN
    const { stack, role, pool } = givenRoleAndImportedPool();
    // WHEN
    const grant = UserPoolGrants.of(pool).grantConfigurationReads(role);
    // THEN
    expect(grant.success).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'cognito-idp:DescribeUserPoolDomain', Resource: '*' },
          {
            Effect: 'Allow',
            Action: [
              'DescribeUserPool', 'GetUserPoolMfaConfig', 'GetSigningCertificate', 'ListTagsForResource',
              'DescribeIdentityProvider', 'GetIdentityProviderByIdentifier', 'ListIdentityProviders', 'DescribeResourceServer',
              'ListResourceServers', 'DescribeRiskConfiguration', 'GetLogDeliveryConfiguration', 'GetUICustomization',
              'DescribeManagedLoginBranding', 'DescribeManagedLoginBrandingByClient', 'DescribeTerms', 'DescribeTermsByClient',
              'ListTerms', 'GetUserPoolSessionConfiguration', 'GetUserPoolClientSessionConfiguration', 'ListUserPoolReplicas',
            ].map(op => `cognito-idp:${op}`),
            Resource: POOL_ARN,
          },
        ],
      },
      Roles: [{ Ref: 'Role1ABCC5F0' }],
    });
  });

  test('grantListUserPools grants ListUserPools on every resource, as it is not scoped to a pool', () => {
    // GIVEN
    const { stack, role } = givenRoleAndImportedPool();
    // WHEN
    UserPoolGrants.grantListUserPools(role);
    // THEN
    expectPolicy(stack, 'cognito-idp:ListUserPools', '*');
  });
});

describe('UserPoolGrants on a pool of the stack', () => {
  test('the grant targets the pool ARN through GetAtt', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const pool = new UserPool(stack, 'Pool');
    // WHEN
    UserPoolGrants.of(pool).grantAdminAuthentication(role);
    // THEN
    expectPolicy(
      stack,
      ['cognito-idp:AdminInitiateAuth', 'cognito-idp:AdminRespondToAuthChallenge'],
      { 'Fn::GetAtt': [stack.getLogicalId(pool.node.defaultChild as cognito.CfnUserPool), 'Arn'] },
    );
  });

  test('two grants to the same role add two statements, each with its own actions', () => {
    // GIVEN
    const { stack, role, pool } = givenRoleAndImportedPool();
    // WHEN
    UserPoolGrants.of(pool).grantGroupReads(role);
    UserPoolGrants.of(pool).grantAuthEvents(role);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['cognito-idp:GetGroup', 'cognito-idp:ListGroups'], Resource: POOL_ARN },
          { Effect: 'Allow', Action: ['cognito-idp:AdminListUserAuthEvents', 'cognito-idp:AdminUpdateAuthEventFeedback'], Resource: POOL_ARN },
        ],
      },
    });
  });
});
