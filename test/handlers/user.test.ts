import { randomBytes } from 'crypto';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminDisableUserCommand,
  AdminGetUserCommand, AdminLinkProviderForUserCommand, AdminSetUserMFAPreferenceCommand, CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { dispatch } from '../../custom-resources/router';
import { userModule } from '../../custom-resources/user';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const secrets = mockClient(SecretsManagerClient);
const TYPE = 'Custom::CognitoUser';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:admin-AbCdEf';
const PASSWORD = 'Corr3ct-Horse-Battery!';

const base = {
  UserPoolId: 'us-east-1_pool',
  Username: 'alice',
  Attributes: { 'email': 'alice@example.com', 'email_verified': 'true', 'custom:team': 'blue' },
  Enabled: 'true',
  Groups: ['admins'],
};

beforeEach(() => {
  cognito.reset();
  secrets.reset();
  cognito.onAnyCommand().resolves({});
  cognito.on(AdminCreateUserCommand).callsFake((input) => ({ User: { Username: input.Username } }));
  cognito.on(AdminGetUserCommand).resolves({ Username: 'alice', Enabled: true, UserAttributes: [] });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ password: PASSWORD }) });
});

function run(event: Parameters<typeof dispatch>[0]) {
  const ctx = testContext();
  return { ctx, result: dispatch(event, ctx, [userModule]) };
}

/** Every Cognito call made, as [operation, input]. */
function calls() {
  return cognito.calls().map((c) => [(c.args[0] as any).constructor.name.replace(/Command$/, ''), c.args[0].input]);
}

describe('Custom::CognitoUser create', () => {
  test('creates the user, sets the permanent password from the secret, adds groups, with the invitation suppressed', async () => {
    const { ctx, result } = run(createEvent(TYPE, { ...base, Password: { SecretArn: SECRET_ARN, JsonKey: 'password', Permanent: 'true' } }));
    await expect(result).resolves.toEqual({ PhysicalResourceId: 'us-east-1_pool/alice' });
    expect(calls()).toEqual([
      ['AdminCreateUser', {
        UserPoolId: 'us-east-1_pool', Username: 'alice', MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }, { Name: 'custom:team', Value: 'blue' },
        ],
      }],
      ['AdminSetUserPassword', { UserPoolId: 'us-east-1_pool', Username: 'alice', Password: PASSWORD, Permanent: true }],
      ['AdminAddUserToGroup', { UserPoolId: 'us-east-1_pool', Username: 'alice', GroupName: 'admins' }],
    ]);
    expect(secrets.commandCalls(GetSecretValueCommand)[0].args[0].input).toEqual({ SecretId: SECRET_ARN });
    expect(ctx.lines.join('\n')).not.toContain(PASSWORD);
  });

  test('a temporary password is passed to AdminCreateUser with the declared delivery mediums', async () => {
    const temporary = `Aa1!${randomBytes(12).toString('base64url')}`;
    secrets.on(GetSecretValueCommand).resolves({ SecretString: temporary });
    const { result } = run(createEvent(TYPE, {
      ...base, Groups: [], Password: { SecretArn: SECRET_ARN, Permanent: 'false' }, DesiredDeliveryMediums: ['EMAIL', 'SMS'],
    }));
    await result;
    expect(calls()).toEqual([
      ['AdminCreateUser', expect.objectContaining({ TemporaryPassword: temporary, DesiredDeliveryMediums: ['EMAIL', 'SMS'] })],
    ]);
    expect(cognito.commandCalls(AdminCreateUserCommand)[0].args[0].input.MessageAction).toBeUndefined();
  });

  test.each([
    ['an email address and no phone number: EMAIL (Cognito\'s default, SMS, would never arrive)', { email: 'alice@example.com' }, undefined, ['EMAIL']],
    ['an email address and a phone number: Cognito\'s default', { 'email': 'alice@example.com', 'phone_number': '+12065550100' }, undefined, undefined],
    ['no address: Cognito\'s default', { given_name: 'Alice' }, undefined, undefined],
    ['an email address, invitation suppressed: none', { email: 'alice@example.com' }, 'SUPPRESS', undefined],
  ])('the invitation of a user with %s', async (_name, attributes, messageAction, expected) => {
    const { result } = run(createEvent(TYPE, { ...base, Attributes: attributes, Groups: [], MessageAction: messageAction }));
    await result;
    expect(cognito.commandCalls(AdminCreateUserCommand)[0].args[0].input.DesiredDeliveryMediums).toEqual(expected);
  });

  test('the Cognito username is used after creation in pools with email as username', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: '5f1c-uuid' } });
    const { result } = run(createEvent(TYPE, { ...base, Username: 'alice@example.com', Enabled: 'false' }));
    // The physical id keeps Cognito's username, so later events find the user after its email changed.
    await expect(result).resolves.toEqual({ PhysicalResourceId: 'us-east-1_pool/5f1c-uuid' });
    expect(cognito.commandCalls(AdminDisableUserCommand)[0].args[0].input).toEqual({ UserPoolId: 'us-east-1_pool', Username: '5f1c-uuid' });
  });

  test('a disabled user with SMS MFA preferred and a linked identity', async () => {
    const { result } = run(createEvent(TYPE, {
      ...base, Groups: [], Enabled: 'false', Mfa: { Sms: 'true', Email: 'false', Preferred: 'SMS' },
      LinkedIdentities: [{ ProviderName: 'Google', ProviderAttributeValue: '1234' }],
    }));
    await result;
    expect(calls().map((c) => c[0])).toEqual(['AdminCreateUser', 'AdminDisableUser', 'AdminSetUserMFAPreference', 'AdminLinkProviderForUser']);
    expect(cognito.commandCalls(AdminSetUserMFAPreferenceCommand)[0].args[0].input).toEqual({
      UserPoolId: 'us-east-1_pool', Username: 'alice',
      SMSMfaSettings: { Enabled: true, PreferredMfa: true }, EmailMfaSettings: { Enabled: false, PreferredMfa: false },
    });
    expect(cognito.commandCalls(AdminLinkProviderForUserCommand)[0].args[0].input).toEqual({
      UserPoolId: 'us-east-1_pool',
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'alice' },
      SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '1234' },
    });
  });

  test('a failure after AdminCreateUser deletes the half-made user and reports the error', async () => {
    cognito.on(AdminAddUserToGroupCommand).rejects(Object.assign(new Error('Group not found.'), { name: 'ResourceNotFoundException' }));
    const { result } = run(createEvent(TYPE, base));
    await expect(result).rejects.toThrow('Group not found.');
    expect(calls().map((c) => c[0])).toEqual(['AdminCreateUser', 'AdminAddUserToGroup', 'AdminDeleteUser']);
  });

  test('a declared TOTP preference is refused', async () => {
    const { result } = run(createEvent(TYPE, { ...base, Mfa: { SoftwareToken: 'true' } }));
    await expect(result).rejects.toThrow('a TOTP token must be registered by the user and cannot be declared');
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('Custom::CognitoUser update', () => {
  const ID = 'us-east-1_pool/alice';

  test('a no-op update makes no call', async () => {
    const { result } = run(updateEvent(TYPE, ID, base, { ...base }));
    await expect(result).resolves.toEqual({ PhysicalResourceId: ID });
    expect(cognito.calls()).toHaveLength(0);
    expect(secrets.calls()).toHaveLength(0);
  });

  test.each([
    ['changed and added attributes', { Attributes: { ...base.Attributes, 'custom:team': 'red', 'custom:floor': '3' } },
      [['AdminUpdateUserAttributes', { UserPoolId: 'us-east-1_pool', Username: 'alice', UserAttributes: [
        { Name: 'custom:team', Value: 'red' }, { Name: 'custom:floor', Value: '3' }] }]]],
    ['a changed email resent with its declared verified flag', { Attributes: { ...base.Attributes, email: 'new@example.com' } },
      [['AdminUpdateUserAttributes', { UserPoolId: 'us-east-1_pool', Username: 'alice', UserAttributes: [
        { Name: 'email', Value: 'new@example.com' }, { Name: 'email_verified', Value: 'true' }] }]]],
    ['a removed attribute', { Attributes: { 'email': 'alice@example.com', 'email_verified': 'true' } },
      [['AdminDeleteUserAttributes', { UserPoolId: 'us-east-1_pool', Username: 'alice', UserAttributeNames: ['custom:team'] }]]],
    ['disabling', { Enabled: 'false' }, [['AdminDisableUser', { UserPoolId: 'us-east-1_pool', Username: 'alice' }]]],
    ['groups changed (added before removed)', { Groups: ['ops'] }, [
      ['AdminAddUserToGroup', { UserPoolId: 'us-east-1_pool', Username: 'alice', GroupName: 'ops' }],
      ['AdminRemoveUserFromGroup', { UserPoolId: 'us-east-1_pool', Username: 'alice', GroupName: 'admins' }]]],
    ['email MFA enabled', { Mfa: { Email: 'true', Preferred: 'EMAIL' } }, [['AdminSetUserMFAPreference', {
      UserPoolId: 'us-east-1_pool', Username: 'alice',
      SMSMfaSettings: { Enabled: false, PreferredMfa: false }, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }]]],
    ['a linked identity added', { LinkedIdentities: [{ ProviderName: 'Corp', ProviderAttributeName: 'NameID', ProviderAttributeValue: 'a@corp' }] },
      [['AdminLinkProviderForUser', expect.objectContaining({ SourceUser: { ProviderName: 'Corp', ProviderAttributeName: 'NameID', ProviderAttributeValue: 'a@corp' } })]]],
    ['a new password secret', { Password: { SecretArn: SECRET_ARN, JsonKey: 'password', Permanent: 'true' } },
      [['AdminSetUserPassword', { UserPoolId: 'us-east-1_pool', Username: 'alice', Password: PASSWORD, Permanent: true }]]],
  ])('%s: only the calls the change needs', async (_name, change, expected) => {
    const { result } = run(updateEvent(TYPE, ID, base, { ...base, ...change }));
    await expect(result).resolves.toEqual({ PhysicalResourceId: ID });
    // The user is first found by the username its physical id holds.
    expect(calls()).toEqual([['AdminGetUser', { UserPoolId: 'us-east-1_pool', Username: 'alice' }], ...expected]);
  });

  test('enabling and removing MFA and a linked identity', async () => {
    const prev = { ...base, Enabled: 'false', Mfa: { Sms: 'true' }, LinkedIdentities: [{ ProviderName: 'Google', ProviderAttributeValue: '1' }] };
    const { result } = run(updateEvent(TYPE, ID, prev, base));
    await result;
    expect(calls()).toEqual([
      ['AdminGetUser', { UserPoolId: 'us-east-1_pool', Username: 'alice' }],
      ['AdminEnableUser', { UserPoolId: 'us-east-1_pool', Username: 'alice' }],
      ['AdminSetUserMFAPreference', expect.objectContaining({ SMSMfaSettings: { Enabled: false, PreferredMfa: false } })],
      ['AdminDisableProviderForUser', { UserPoolId: 'us-east-1_pool', User: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '1' } }],
    ]);
  });

  test('a changed username is a replacement: the new user is created under a new physical id, the old one left for Delete', async () => {
    const { result } = run(updateEvent(TYPE, ID, base, { ...base, Username: 'alicia' }));
    await expect(result).resolves.toEqual({ PhysicalResourceId: 'us-east-1_pool/alicia' });
    expect(calls().map((c) => c[0])).toEqual(['AdminCreateUser', 'AdminAddUserToGroup']);
    expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
  });

  test('a replacement that meets the existing user (a rollback) brings it to the declaration', async () => {
    cognito.on(AdminCreateUserCommand).rejects(Object.assign(new Error('User account already exists'), { name: 'UsernameExistsException' }));
    // The user carries this resource's owner record (it created it before the replacement).
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: { SchemaAttributes: [{ Name: 'dev:custom:cdk_owner' }] } });
    cognito.on(AdminGetUserCommand).resolves({
      Username: 'alice', Enabled: true,
      UserAttributes: [{ Name: 'dev:custom:cdk_owner', Value: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1#Resource' }],
    });
    const { result } = run(updateEvent(TYPE, 'us-east-1_pool/alicia', { ...base, Username: 'alicia', RecordOwner: 'true' }, { ...base, Enabled: 'false', RecordOwner: 'true' }));
    await expect(result).resolves.toEqual({ PhysicalResourceId: ID });
    // Brought to the declaration from its live state: attributes, enabled flag, missing groups.
    expect(calls().map((c) => c[0])).toEqual([
      'DescribeUserPool', 'AdminCreateUser', 'AdminGetUser', 'AdminUpdateUserAttributes', 'AdminDisableUser', 'AdminListGroupsForUser', 'AdminAddUserToGroup',
    ]);
  });
});

describe('Custom::CognitoUser delete', () => {
  test('deletes the user', async () => {
    const { result } = run(deleteEvent(TYPE, 'us-east-1_pool/alice', base));
    await result;
    expect(calls()).toEqual([['AdminDeleteUser', { UserPoolId: 'us-east-1_pool', Username: 'alice' }]]);
  });

  test.each(['UserNotFoundException', 'ResourceNotFoundException'])('%s: already gone is a success', async (name) => {
    cognito.on(AdminDeleteUserCommand).rejects(Object.assign(new Error('gone'), { name }));
    const { result } = run(deleteEvent(TYPE, 'us-east-1_pool/alice', base));
    await expect(result).resolves.toEqual({ PhysicalResourceId: 'us-east-1_pool/alice' });
  });
});
