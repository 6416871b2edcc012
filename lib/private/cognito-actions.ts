/**
 * The `cognito-idp:` actions each custom-resource type's handler uses (all of them, whatever
 * is declared, so that an update that removes a feature can still undo it).
 * Keep in step with custom-resources/<type>/.
 */
export const USER_ACTIONS = [
  'AdminCreateUser', 'AdminDeleteUser', 'AdminUpdateUserAttributes', 'AdminDeleteUserAttributes',
  'AdminSetUserPassword', 'AdminEnableUser', 'AdminDisableUser', 'AdminSetUserMFAPreference',
  'AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'AdminLinkProviderForUser', 'AdminDisableProviderForUser',
] as const;

export const GROUP_MEMBERSHIP_ACTIONS = ['AdminAddUserToGroup', 'AdminRemoveUserFromGroup'] as const;
