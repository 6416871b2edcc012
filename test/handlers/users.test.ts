import {
  AdminCreateUserCommand, AdminDeleteUserCommand, AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient,
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
    expect(ops()).toEqual(['AdminCreateUser user4', 'AdminDeleteUser user3', 'AdminDisableUser user2']);
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

  test('a failed create removes the users it made (only those) and names the failures', async () => {
    cognito.on(AdminCreateUserCommand, { Username: 'user2' }).rejects(Object.assign(new Error('User account already exists'), { name: 'UsernameExistsException' }));
    const result = dispatch(createEvent(TYPE, props([user(1), user(2), user(3)])), testContext(), [usersModule]);
    await expect(result).rejects.toThrow('1 of 3 user(s) failed: user2 (UsernameExistsException: User account already exists)');
    expect(cognito.commandCalls(AdminDeleteUserCommand).map((c) => c.args[0].input.Username).sort()).toEqual(['user1', 'user3']);
  });

  const exists = () => Object.assign(new Error('User account already exists'), { name: 'UsernameExistsException' });

  test('the rollback of a pool change adopts the users still in the old pool', async () => {
    // GIVEN an update that moved the users to pool B failed later in the stack: the users of
    // pool A were never deleted (CloudFormation deletes the old resource only after success)
    cognito.on(AdminCreateUserCommand).rejects(exists());
    const inPoolA = { UserPoolId: 'us-east-1_A', Users: [user(1)] };
    const inPoolB = { UserPoolId: 'us-east-1_B', Users: [user(1)] };
    // WHEN CloudFormation rolls back (an update from B to A)
    const result = await dispatch(updateEvent(TYPE, 'us-east-1_B/users', inPoolB, inPoolA), testContext(), [usersModule]);
    // THEN the existing users are brought to the declaration instead of failing the rollback
    expect(result).toEqual({ PhysicalResourceId: 'us-east-1_A/users' });
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: 'us-east-1_A', Username: 'user1', UserAttributes: [{ Name: 'email', Value: 'user1@example.com' }] },
    ]);
  });

  test('a retained user declared again is adopted, not created twice', async () => {
    cognito.on(AdminCreateUserCommand).rejects(exists());
    const before = props([user(1)], { RetainRemoved: 'true' });
    const after = props([user(1), user(2)], { RetainRemoved: 'true' });
    await expect(dispatch(updateEvent(TYPE, ID, before, after), testContext(), [usersModule])).resolves.toEqual({ PhysicalResourceId: ID });
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand).map((c) => c.args[0].input.Username)).toEqual(['user2']);
  });

  test('without RetainRemoved, a new user that already exists is refused (it is not ours)', async () => {
    cognito.on(AdminCreateUserCommand).rejects(exists());
    const result = dispatch(updateEvent(TYPE, ID, props([user(1)]), props([user(1), user(2)])), testContext(), [usersModule]);
    await expect(result).rejects.toThrow('1 of 1 user(s) failed: user2 (UsernameExistsException');
  });

  test('a user declared twice is refused', async () => {
    await expect(dispatch(createEvent(TYPE, props([user(1), user(1)])), testContext(), [usersModule])).rejects.toThrow('User user1 is declared twice');
  });

  test('delete removes every user; missing ones are fine', async () => {
    cognito.on(AdminDeleteUserCommand, { Username: 'user1' }).rejects(Object.assign(new Error('gone'), { name: 'UserNotFoundException' }));
    await dispatch(deleteEvent(TYPE, ID, props([user(1), user(2)])), testContext(), [usersModule]);
    expect(ops()).toEqual(['AdminDeleteUser user1', 'AdminDeleteUser user2']);
  });
});
