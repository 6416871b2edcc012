import {
  AdminCreateUserCommand, AdminDeleteUserCommand, AdminGetUserCommand, AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { dispatch } from '../../custom-resources/router';
import { usersModule } from '../../custom-resources/users';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const secrets = mockClient(SecretsManagerClient);
const TYPE = 'Custom::CognitoUsers';
const ID = 'us-east-1_pool/users';

function user(i: number, extra: object = {}) {
  return { Username: `user${i}`, Attributes: { email: `user${i}@example.com` }, ...extra };
}
function props(users: object[], extra: object = {}) {
  return { UserPoolId: 'us-east-1_pool', Users: users, ...extra };
}
function ops() {
  return cognito.calls().map((c) => `${(c.args[0] as any).constructor.name.replace(/Command$/, '')} ${(c.args[0].input as any).Username}`).sort();
}

beforeEach(() => {
  cognito.reset();
  secrets.reset();
  cognito.onAnyCommand().resolves({});
});

describe('Custom::CognitoUsers', () => {
  test('create makes every user once and logs progress', async () => {
    const ctx = testContext();
    const users = Array.from({ length: 250 }, (_, i) => user(i));
    await expect(dispatch(createEvent(TYPE, props(users, { Concurrency: '16' })), ctx, [usersModule])).resolves.toEqual({ PhysicalResourceId: ID });
    const created = cognito.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input.Username);
    expect(new Set(created).size).toBe(250);
    expect(created).toHaveLength(250);
    expect(ctx.lines.filter((l) => l.includes('progress: ')).length).toBe(10);
    expect(ctx.lines.some((l) => l.includes('progress: 250/250 user(s), 0 failed'))).toBe(true);
  });

  test('update diffs per user: adds, changes and deletes only what differs', async () => {
    const ctx = testContext();
    const before = [user(1), user(2), user(3)];
    const after = [user(1), user(2, { Enabled: 'false' }), user(4)];
    await dispatch(updateEvent(TYPE, ID, props(before), props(after)), ctx, [usersModule]);
    expect(ops()).toEqual(['AdminCreateUser user4', 'AdminDeleteUser user3', 'AdminDisableUser user2', 'AdminGetUser user2']);
    // Removals run last, after every create and change succeeded.
    expect(cognito.calls().at(-1)!.args[0]).toBeInstanceOf(AdminDeleteUserCommand);
  });

  test('an update with a failed item removes nobody', async () => {
    cognito.on(AdminCreateUserCommand).rejects(Object.assign(new Error('Attributes did not conform to the schema'), { name: 'InvalidParameterException' }));
    const result = dispatch(updateEvent(TYPE, ID, props([user(1), user(2)]), props([user(1), user(3)])), testContext(), [usersModule]);
    await expect(result).rejects.toThrow('1 of 1 user(s) failed: user3 (InvalidParameterException: Attributes did not conform to the schema) (no user was removed)');
    expect(cognito.commandCalls(AdminDeleteUserCommand)).toEqual([]);
  });

  test('a no-op update makes no call', async () => {
    const users = [user(1), user(2)];
    await dispatch(updateEvent(TYPE, ID, props(users), props(users.map((u) => ({ ...u })))), testContext(), [usersModule]);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('users removed from the list are kept when RetainRemoved is set', async () => {
    await dispatch(updateEvent(TYPE, ID, props([user(1), user(2)], { RetainRemoved: 'true' }), props([user(1)], { RetainRemoved: 'true' })), testContext(), [usersModule]);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('permanent passwords come from one JSON secret keyed by username', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ user1: 'Pa55word-One!' }) });
    const ctx = testContext();
    await dispatch(createEvent(TYPE, props([user(1, { PasswordFromSecret: 'true' }), user(2)], { PasswordsSecretArn: 'arn:secret' })), ctx, [usersModule]);
    expect(ops()).toEqual(['AdminCreateUser user1', 'AdminCreateUser user2', 'AdminSetUserPassword user1']);
    expect(ctx.lines.join('\n')).not.toContain('Pa55word-One!');
  });

  // With RecordOwner (what this library version emits), users carry their owner record.
  const MARKER = 'arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1#Resource';
  const owned = (props: object) => ({ ...props, RecordOwner: 'true' });
  const exists = () => Object.assign(new Error('User account already exists'), { name: 'UsernameExistsException' });
  function poolWithOwnerAttribute() {
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: { SchemaAttributes: [{ Name: 'dev:custom:cdk_owner' }] } });
  }
  function liveUser(username: string, owner?: string) {
    cognito.on(AdminGetUserCommand, { Username: username }).resolves({
      Username: username, Enabled: true, UserAttributes: owner ? [{ Name: 'dev:custom:cdk_owner', Value: owner }] : [],
    });
  }

  test('created users carry the owner record in the AdminCreateUser call itself', async () => {
    poolWithOwnerAttribute();
    await dispatch(createEvent(TYPE, owned(props([user(1)]))), testContext(), [usersModule]);
    expect(cognito.commandCalls(AdminCreateUserCommand)[0].args[0].input.UserAttributes).toEqual([
      { Name: 'email', Value: 'user1@example.com' }, { Name: 'dev:custom:cdk_owner', Value: MARKER },
    ]);
  });

  test('a failed create removes the users it created (only those) and names the failures', async () => {
    poolWithOwnerAttribute();
    cognito.on(AdminCreateUserCommand, { Username: 'user2' }).rejects(exists());
    liveUser('user1', MARKER);
    liveUser('user2');
    liveUser('user3', MARKER);
    const result = dispatch(createEvent(TYPE, owned(props([user(1), user(2), user(3)]))), testContext(), [usersModule]);
    await expect(result).rejects.toThrow('1 of 3 user(s) failed: user2 (NotOwnedError: User user2 already exists in pool us-east-1_pool and existed before and was not created by this resource.');
    expect(cognito.commandCalls(AdminDeleteUserCommand).map((c) => c.args[0].input.Username).sort()).toEqual(['user1', 'user3']);
  });

  test('the rollback of a pool change takes back the users still in the old pool (they are this resource\'s)', async () => {
    // GIVEN an update that moved the users to pool B failed later in the stack: the users of
    // pool A were never deleted (CloudFormation deletes the old resource only after success)
    poolWithOwnerAttribute();
    cognito.on(AdminCreateUserCommand).rejects(exists());
    liveUser('user1', MARKER);
    const inPoolA = owned({ UserPoolId: 'us-east-1_A', Users: [user(1)] });
    const inPoolB = owned({ UserPoolId: 'us-east-1_B', Users: [user(1)] });
    // WHEN CloudFormation rolls back (an update from B to A)
    const result = await dispatch(updateEvent(TYPE, 'us-east-1_B/users', inPoolB, inPoolA), testContext(), [usersModule]);
    // THEN the existing users are brought to the declaration instead of failing the rollback
    expect(result).toEqual({ PhysicalResourceId: 'us-east-1_A/users' });
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: 'us-east-1_A', Username: 'user1', UserAttributes: [{ Name: 'email', Value: 'user1@example.com' }] },
    ]);
  });

  test('a retained user declared again is this resource\'s and is taken back, not created twice', async () => {
    poolWithOwnerAttribute();
    cognito.on(AdminCreateUserCommand).rejects(exists());
    liveUser('user2', MARKER);
    const before = owned(props([user(1)], { RetainRemoved: 'true' }));
    const after = owned(props([user(1), user(2)], { RetainRemoved: 'true' }));
    await expect(dispatch(updateEvent(TYPE, ID, before, after), testContext(), [usersModule])).resolves.toEqual({ PhysicalResourceId: ID });
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand).map((c) => c.args[0].input.Username)).toEqual(['user2']);
  });

  test('a new user that exists and is not this resource\'s is refused and left untouched', async () => {
    poolWithOwnerAttribute();
    cognito.on(AdminCreateUserCommand).rejects(exists());
    liveUser('user2', 'arn:aws:cloudformation:us-east-1:111111111111:stack/Other/9#Admins');
    const result = dispatch(updateEvent(TYPE, ID, owned(props([user(1)])), owned(props([user(1), user(2)]))), testContext(), [usersModule]);
    await expect(result).rejects.toThrow('1 of 1 user(s) failed: user2 (NotOwnedError: User user2 already exists in pool us-east-1_pool and was created by another resource ' +
      '(arn:aws:cloudformation:us-east-1:111111111111:stack/Other/9#Admins). Set AdoptExisting (adoptExisting in the construct) to take it over');
    expect(ops()).toEqual(['AdminCreateUser user2', 'AdminGetUser user2', 'DescribeUserPool undefined']);
  });

  test('with AdoptExisting, an existing user is marked as adopted and brought to the declaration', async () => {
    poolWithOwnerAttribute();
    cognito.on(AdminCreateUserCommand).rejects(exists());
    liveUser('user2');
    await dispatch(updateEvent(TYPE, ID, owned(props([user(1)])), owned(props([user(1), user(2)], { AdoptExisting: 'true' }))), testContext(), [usersModule]);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand).map((c) => c.args[0].input.UserAttributes)).toEqual([
      [{ Name: 'dev:custom:cdk_owner', Value: `${MARKER}#adopted` }],
      [{ Name: 'email', Value: 'user2@example.com' }],
    ]);
  });

  test('a user declared twice is refused', async () => {
    await expect(dispatch(createEvent(TYPE, props([user(1), user(1)])), testContext(), [usersModule])).rejects.toThrow('User user1 is declared twice');
  });

  test('delete removes only the users this resource owns; missing ones are fine', async () => {
    poolWithOwnerAttribute();
    liveUser('user1', MARKER);
    liveUser('user2', `${MARKER}#adopted`);
    liveUser('user3', 'arn:aws:cloudformation:us-east-1:111111111111:stack/Other/9#Admins');
    liveUser('user4');
    cognito.on(AdminGetUserCommand, { Username: 'user5' }).rejects(Object.assign(new Error('gone'), { name: 'UserNotFoundException' }));
    await dispatch(deleteEvent(TYPE, ID, owned(props([user(1), user(2), user(3), user(4), user(5)]))), testContext(), [usersModule]);
    expect(cognito.commandCalls(AdminDeleteUserCommand).map((c) => c.args[0].input.Username).sort()).toEqual(['user1', 'user2']);
  });

  test('delete of an older version\'s resource (no owner records) removes every user; missing ones are fine', async () => {
    cognito.on(AdminDeleteUserCommand, { Username: 'user1' }).rejects(Object.assign(new Error('gone'), { name: 'UserNotFoundException' }));
    await dispatch(deleteEvent(TYPE, ID, props([user(1), user(2)])), testContext(), [usersModule]);
    expect(ops()).toEqual(['AdminDeleteUser user1', 'AdminDeleteUser user2']);
  });
});
