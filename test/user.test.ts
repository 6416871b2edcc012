import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { DeliveryMedium, GroupMembership, User, UserMfaMethod, UserPassword, UserPool, Users } from '../lib';

function setup(props: ConstructorParameters<typeof UserPool>[2] = {}) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const userPool = new UserPool(stack, 'Pool', props);
  return { stack, userPool };
}

const POOL_REF = { Ref: Match.stringLikeRegexp('^Pool') };

describe('User', () => {
  test('declares the user with attributes, custom prefix, verified flags, password reference, groups and MFA', () => {
    // GIVEN
    const { stack, userPool } = setup({
      customAttributes: { team: new cognito.StringAttribute({ mutable: true }), floor: new cognito.NumberAttribute({ mutable: true }) },
    });
    const admins = userPool.addGroup('Admins', { groupName: 'admins' });
    const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:admin-AbCdEf');
    new cognito.CfnUserPoolIdentityProvider(stack, 'Google', {
      userPoolId: userPool.userPoolId, providerName: 'Google', providerType: 'Google',
      providerDetails: { client_id: 'id', client_secret: '{{resolve:secretsmanager:google:SecretString:secret}}', authorize_scopes: 'openid' },
    });
    // WHEN
    new User(stack, 'Alice', {
      userPool,
      username: 'alice',
      email: 'alice@example.com',
      emailVerified: true,
      phoneNumber: '+12065550100',
      attributes: { given_name: 'Alice', team: 'blue', 'custom:floor': '3' },
      password: UserPassword.fromSecret(secret, 'password'),
      groups: [admins],
      mfa: { sms: true, preferred: UserMfaMethod.SMS },
      linkedIdentities: [{ providerName: 'Google', providerAttributeValue: '1234' }],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUser', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('CognitoUserPoolsProvider'), 'Arn'] },
      UserPoolId: POOL_REF,
      Username: 'alice',
      Attributes: {
        'given_name': 'Alice', 'custom:team': 'blue', 'custom:floor': '3',
        'email': 'alice@example.com', 'email_verified': 'true', 'phone_number': '+12065550100',
      },
      Password: { SecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:admin-AbCdEf', JsonKey: 'password', Permanent: true },
      Enabled: true,
      Groups: [{ Ref: Match.stringLikeRegexp('^PoolAdmins') }],
      Mfa: { Sms: true, Email: false, Preferred: 'SMS' },
      LinkedIdentities: [{ ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '1234' }],
      MessageAction: Match.absent(),
    });
  });

  test('a generated password goes into a new secret; the handler may read that secret only', () => {
    const { stack, userPool } = setup();
    const user = new User(stack, 'Bob', { userPool, username: 'bob', password: UserPassword.generate({ length: 32 }) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 32, RequireEachIncludedType: true, IncludeSpace: false },
    });
    template.hasResourceProperties('Custom::CognitoUser', {
      Password: { SecretArn: { Ref: Match.stringLikeRegexp('BobPassword') }, Permanent: true, Revision: '405d137d622c9cea' },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: Match.stringLikeRegexp('BobPassword') } }]) },
    });
    expect(user.passwordSecret).toBeDefined();
  });

  describe('the password follows the value', () => {
    function revisionOf(password: UserPassword, stackId = 'Stack'): unknown {
      const stack = new Stack(new App(), stackId);
      new User(stack, 'Bob', { userPool: new UserPool(stack, 'Pool'), username: 'bob', password });
      const users = Object.values(Template.fromStack(stack).findResources('Custom::CognitoUser'));
      expect(users).toHaveLength(1);
      return (users[0] as any).Properties.Password.Revision;
    }

    test('a generated password carries a fingerprint of its generation options, pinned across library versions', () => {
      // A change here makes every generated password be set again at the next deployment.
      expect(revisionOf(UserPassword.generate())).toBe('d1d509abbe041d7c');
      expect(revisionOf(UserPassword.generate({ length: 32 }))).toBe('405d137d622c9cea');
    });

    test('new generation options (a new value under the same ARN) change the revision; the secret name does not', () => {
      expect(revisionOf(UserPassword.generate({ length: 30 }))).not.toBe(revisionOf(UserPassword.generate({ length: 31 })));
      expect(revisionOf(UserPassword.generate({ length: 30, secretName: 'one' }))).toBe(revisionOf(UserPassword.generate({ length: 30, secretName: 'two' })));
      expect(revisionOf(UserPassword.generate({ length: 24 }))).toBe(revisionOf(UserPassword.generate()));
    });

    test('a declared secret carries the revision it is given, and none by default', () => {
      const stack = new Stack(new App(), 'Stack');
      const userPool = new UserPool(stack, 'Pool');
      const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:admin-AbCdEf');
      new User(stack, 'Ann', { userPool, username: 'ann', password: UserPassword.fromSecret(secret, 'password', { revision: '2024-06-01' }) });
      new User(stack, 'Tim', { userPool, username: 'tim', password: UserPassword.temporaryFromSecret(secret, 'tim', { revision: '3' }) });
      new User(stack, 'Eve', { userPool, username: 'eve', password: UserPassword.fromSecret(secret, 'eve') });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('Custom::CognitoUser', {
        Username: 'ann',
        Password: Match.objectEquals({ SecretArn: secret.secretArn, JsonKey: 'password', Permanent: true, Revision: '2024-06-01' }),
      });
      template.hasResourceProperties('Custom::CognitoUser', {
        Username: 'tim',
        Password: Match.objectEquals({ SecretArn: secret.secretArn, JsonKey: 'tim', Permanent: false, Revision: '3' }),
      });
      template.hasResourceProperties('Custom::CognitoUser', {
        Username: 'eve',
        Password: Match.objectEquals({ SecretArn: secret.secretArn, JsonKey: 'eve', Permanent: true }),
      });
    });

    test('an empty revision is refused', () => {
      const stack = new Stack(new App(), 'Stack');
      const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:admin-AbCdEf');
      expect(() => new User(stack, 'Ann', { userPool: new UserPool(stack, 'Pool'), username: 'ann', password: UserPassword.fromSecret(secret, undefined, { revision: '' }) }))
        .toThrow('[Stack/Ann] password.revision: received ""; allowed: 1 to 256 characters (got 0).');
    });
  });

  test('a temporary password with an invitation by email; disabled; retained', () => {
    const { stack, userPool } = setup();
    const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:tmp-AbCdEf');
    new User(stack, 'Carol', {
      userPool, username: 'carol', email: 'carol@example.com', enabled: false, removalPolicy: RemovalPolicy.RETAIN,
      password: UserPassword.temporaryFromSecret(secret), invitationMediums: [DeliveryMedium.EMAIL],
    });
    Template.fromStack(stack).hasResource('Custom::CognitoUser', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Password: { SecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:tmp-AbCdEf', Permanent: false },
        DesiredDeliveryMediums: ['EMAIL'],
        Enabled: false,
      }),
    });
  });

  test('the handler role gets the user actions on this pool only', () => {
    const { stack, userPool } = setup();
    new User(stack, 'Dave', { userPool, username: 'dave', sendInvitation: false });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: [
            'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminUpdateUserAttributes',
            'cognito-idp:AdminDeleteUserAttributes', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminEnableUser',
            'cognito-idp:AdminDisableUser', 'cognito-idp:AdminSetUserMFAPreference', 'cognito-idp:AdminAddUserToGroup',
            'cognito-idp:AdminRemoveUserFromGroup', 'cognito-idp:AdminLinkProviderForUser', 'cognito-idp:AdminDisableProviderForUser',
            // reading the owner record, and adding its attribute to the pool once
            'cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:DescribeUserPool', 'cognito-idp:AddCustomAttributes',
          ],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'Arn'] },
        }]),
      },
    });
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUser', { MessageAction: 'SUPPRESS', RecordOwner: true, AdoptExisting: Match.absent() });
  });

  test('adoptExisting is passed to the handler for a single user and for a bulk list', () => {
    const { stack, userPool } = setup();
    new User(stack, 'Eve', { userPool, username: 'eve', adoptExisting: true });
    new Users(stack, 'Bulk', { userPool, users: [{ username: 'x' }], adoptExisting: true });
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUser', { Username: 'eve', RecordOwner: true, AdoptExisting: true });
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUsers', { RecordOwner: true, AdoptExisting: true });
  });

  test('many users, bulk lists and memberships share one provider: two functions', () => {
    const { stack, userPool } = setup();
    const group = userPool.addGroup('Ops', { groupName: 'ops' });
    for (let i = 0; i < 10; i++) new User(stack, `U${i}`, { userPool, username: `u${i}` });
    new Users(stack, 'Bulk', { userPool, users: [{ username: 'x' }] });
    new GroupMembership(stack, 'Members', { userPool, group, usernames: ['outside1'] });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 2);
  });
});

describe('Users', () => {
  test('one resource for the whole list, with passwords from one JSON secret', () => {
    const { stack, userPool } = setup({ customAttributes: { dept: new cognito.StringAttribute({ mutable: true }) } });
    userPool.addGroup('Staff', { groupName: 'staff' });
    const passwords = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Pw', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:pw-AbCdEf');
    new Users(stack, 'Staff', {
      userPool, passwords, retainRemovedUsers: true, concurrency: 4,
      users: [
        { username: 'ann', email: 'ann@example.com', groups: ['staff'], passwordFromSecret: true },
        { username: 'ben', enabled: false, sendInvitation: false, attributes: { dept: 'ops' } },
      ],
    });
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUsers', {
      UserPoolId: POOL_REF,
      PasswordsSecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:pw-AbCdEf',
      RetainRemoved: true,
      Concurrency: 4,
      Users: [
        { Username: 'ann', Attributes: { email: 'ann@example.com' }, Groups: ['staff'], PasswordFromSecret: true },
        { Username: 'ben', Attributes: { 'custom:dept': 'ops' }, Enabled: false, MessageAction: 'SUPPRESS' },
      ],
    });
  });

  test('2,000 users fit in one resource and the template stays far under 1 MB', () => {
    const { stack, userPool } = setup();
    userPool.addGroup('Staff', { groupName: 'staff' });
    const users = Array.from({ length: 2000 }, (_, i) => ({ username: `user${i}`, email: `user${i}@example.com`, groups: ['staff'] }));
    new Users(stack, 'Many', { userPool, users });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::CognitoUsers', 1);
    expect(JSON.stringify(template.toJSON()).length).toBeLessThan(200_000);
  });
});

describe('GroupMembership', () => {
  test('declares the member list of a group', () => {
    const { stack, userPool } = setup();
    userPool.addGroup('AdminsGroup', { groupName: 'admins' });
    const group = cognito.UserPoolGroup.fromGroupName(stack, 'G', 'admins');
    new GroupMembership(stack, 'Admins', { userPool, group, usernames: ['a', 'b'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoGroupMembership', { UserPoolId: POOL_REF, GroupName: 'admins', Usernames: ['a', 'b'] });
    // The group named by string is created first.
    template.hasResource('Custom::CognitoGroupMembership', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^PoolAdminsGroup')]) });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminRemoveUserFromGroup', 'cognito-idp:ListUsersInGroup'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'Arn'] } }]) },
    });
  });
});
