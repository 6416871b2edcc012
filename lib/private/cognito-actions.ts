/**
 * The `cognito-idp:` actions each custom-resource type's handler uses (all of them, whatever
 * is declared, so that an update that removes a feature can still undo it).
 * Keep in step with custom-resources/<type>/.
 */
export const USER_ACTIONS = [
  'AdminCreateUser', 'AdminDeleteUser', 'AdminUpdateUserAttributes', 'AdminDeleteUserAttributes',
  'AdminSetUserPassword', 'AdminEnableUser', 'AdminDisableUser', 'AdminSetUserMFAPreference',
  'AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'AdminLinkProviderForUser', 'AdminDisableProviderForUser',
  // Ownership: the user's owner record is read before a user is taken over or deleted, and the
  // pool gets the developer-only attribute that holds it the first time it is needed.
  'AdminGetUser', 'AdminListGroupsForUser', 'DescribeUserPool', 'AddCustomAttributes',
] as const;

/** Bulk users: the user actions without linking, and ListUsers to find owned users when a Delete's properties are unusable. */
export const USERS_ACTIONS = [...USER_ACTIONS.filter((a) => !a.includes('Provider')), 'ListUsers'] as const;

export const GROUP_MEMBERSHIP_ACTIONS = ['AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'ListUsersInGroup'] as const;

/** Custom attributes on a live pool (custom-resources/custom-attributes). */
export const CUSTOM_ATTRIBUTES_ACTIONS = ['DescribeUserPool', 'AddCustomAttributes'] as const;

/** The SAML signing certificate (custom-resources/signing-certificate). */
export const SIGNING_CERTIFICATE_ACTIONS = ['GetSigningCertificate'] as const;

/** MFA settings through SetUserPoolMfaConfig (custom-resources/pool-mfa). */
export const POOL_MFA_ACTIONS = ['SetUserPoolMfaConfig'] as const;

/** The hosted-UI logo (custom-resources/hosted-ui-logo): the CSS in place is read and kept. */
export const HOSTED_UI_LOGO_ACTIONS = ['GetUICustomization', 'SetUICustomization'] as const;

/** Client-secret rotation (custom-resources/client-secret-rotation). */
export const CLIENT_SECRET_ROTATION_ACTIONS = ['ListUserPoolClientSecrets', 'AddUserPoolClientSecret', 'DeleteUserPoolClientSecret'] as const;

/** Pool session configuration (custom-resources/session-configuration). */
export const POOL_SESSION_ACTIONS = ['SetUserPoolSessionConfiguration'] as const;

/** App client session configuration (custom-resources/session-configuration). */
export const CLIENT_SESSION_ACTIONS = ['SetUserPoolClientSessionConfiguration'] as const;

/** Provisioned limits: account-level, not on a pool ARN (custom-resources/provisioned-limit). */
export const PROVISIONED_LIMIT_ACTIONS = ['GetProvisionedLimit', 'UpdateProvisionedLimit'] as const;

/** User import jobs, onEvent side (custom-resources/user-import-job). */
export const USER_IMPORT_JOB_ACTIONS = [
  'GetCSVHeader', 'CreateUserImportJob', 'StartUserImportJob', 'DescribeUserImportJob', 'StopUserImportJob', 'ListUserImportJobs',
  'AdminGetUser',
] as const;

/** User import jobs, isComplete side (custom-resources/user-import-job/wait.ts). */
export const USER_IMPORT_JOB_WAITER_ACTIONS = ['DescribeUserImportJob', 'StopUserImportJob'] as const;

/** Triggers on a pool owned elsewhere (custom-resources/pool-triggers): the pool is read and written back whole. */
export const POOL_TRIGGERS_ACTIONS = ['DescribeUserPool', 'UpdateUserPool'] as const;
