import { AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand, CognitoIdentityProviderClient, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { groupMembershipModule } from '../../custom-resources/group-membership';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const TYPE = 'Custom::CognitoGroupMembership';
const ID = 'us-east-1_pool/admins/members';
const props = (usernames: string[], group = 'admins') => ({ UserPoolId: 'us-east-1_pool', GroupName: group, Usernames: usernames });

function ops() {
  return cognito.calls().map((c) => {
    const input = c.args[0].input as any;
    return `${(c.args[0] as any).constructor.name.replace(/Command$/, '')} ${input.GroupName} ${input.Username}`;
  }).sort();
}

beforeEach(() => {
  cognito.reset();
  cognito.onAnyCommand().resolves({});
});

describe('Custom::CognitoGroupMembership', () => {
  test('create reads the members and adds the missing ones', async () => {
    cognito.on(ListUsersInGroupCommand).resolves({ Users: [{ Username: 'uuid-1', Attributes: [{ Name: 'email', Value: 'c@example.com' }] }] });
    await expect(dispatch(createEvent(TYPE, props(['a', 'b', 'c@example.com'])), testContext(), [groupMembershipModule])).resolves.toEqual({ PhysicalResourceId: ID });
    expect(ops()).toEqual(['AdminAddUserToGroup admins a', 'AdminAddUserToGroup admins b', 'ListUsersInGroup admins undefined']);
  });

  test('a failed create removes the members it added, and only those (no Delete follows a failed Create)', async () => {
    cognito.on(ListUsersInGroupCommand).resolves({ Users: [{ Username: 'before', Attributes: [] }] });
    cognito.on(AdminAddUserToGroupCommand, { Username: 'b' }).rejects(Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' }));
    const result = dispatch(createEvent(TYPE, props(['a', 'b', 'before'])), testContext(), [groupMembershipModule]);
    await expect(result).rejects.toThrow('1 of 2 user(s) could not be added to group admins: b (UserNotFoundException: User does not exist.)');
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand).map((c) => c.args[0].input.Username)).toEqual(['a']);
  });

  test('an update adds before it removes: a failed addition removes nobody', async () => {
    cognito.on(AdminAddUserToGroupCommand).rejects(Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' }));
    await expect(dispatch(updateEvent(TYPE, ID, props(['a', 'b']), props(['b', 'c'])), testContext(), [groupMembershipModule])).rejects.toThrow('User does not exist.');
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)).toEqual([]);
  });

  test('update adds and removes only the difference', async () => {
    await dispatch(updateEvent(TYPE, ID, props(['a', 'b']), props(['b', 'c'])), testContext(), [groupMembershipModule]);
    expect(ops()).toEqual(['AdminAddUserToGroup admins c', 'AdminRemoveUserFromGroup admins a']);
  });

  test('a no-op update makes no call', async () => {
    await dispatch(updateEvent(TYPE, ID, props(['a', 'b']), props(['a', 'b'])), testContext(), [groupMembershipModule]);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('another group is a replacement with a new physical id', async () => {
    const res = await dispatch(updateEvent(TYPE, ID, props(['a']), props(['a'], 'ops')), testContext(), [groupMembershipModule]);
    expect(res).toEqual({ PhysicalResourceId: 'us-east-1_pool/ops/members' });
    expect(ops()).toEqual(['AdminAddUserToGroup ops a', 'ListUsersInGroup ops undefined']);
  });

  test('rollback (old/new swapped) adds back the removed member and removes the added one', async () => {
    await dispatch(updateEvent(TYPE, ID, props(['b', 'c']), props(['a', 'b'])), testContext(), [groupMembershipModule]);
    expect(ops()).toEqual(['AdminAddUserToGroup admins a', 'AdminRemoveUserFromGroup admins c']);
  });

  test('delete when the group or the pool is already gone succeeds', async () => {
    cognito.onAnyCommand().rejects(Object.assign(new Error('Group not found.'), { name: 'ResourceNotFoundException' }));
    await expect(dispatch(deleteEvent(TYPE, ID, props(['a', 'b'])), testContext(), [groupMembershipModule])).resolves.toEqual({ PhysicalResourceId: ID });
  });

  test('delete removes the members; a missing user is fine', async () => {
    cognito.onAnyCommand().rejects(Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' }));
    await expect(dispatch(deleteEvent(TYPE, ID, props(['a'])), testContext(), [groupMembershipModule])).resolves.toEqual({ PhysicalResourceId: ID });
  });
});
