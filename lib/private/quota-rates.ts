/**
 * Cognito's quota categories, with the documented default rates (requests a second per account
 * and Region). The one table both the handler's rate budget (custom-resources/shared/rate-budget.ts)
 * and the synth-time partition and estimates (quota.ts) read; it imports nothing.
 */
export const QUOTA_RATES = {
  /** CreateUserPool, UpdateUserPool, DeleteUserPool. */
  UserPoolUpdate: 15,
  /** DescribeUserPool and the other pool reads. */
  UserPoolRead: 20,
  /** Custom attributes, MFA config, groups, IdPs, resource servers, domains, risk, UI, tags: 5 per pool per operation. */
  UserPoolResourceUpdate: 5,
  UserPoolResourceRead: 20,
  UserPoolClientUpdate: 15,
  UserPoolClientRead: 15,
  /** SignUp, ConfirmSignUp, AdminCreateUser, AdminConfirmSignUp. */
  UserCreation: 50,
  /** Group add/remove, attribute update/delete, enable/disable, delete, MFA preference, provider links. */
  UserUpdate: 25,
  /** AdminSetUserPassword. */
  UserAccountRecovery: 30,
  /** AdminGetUser and the other user reads. */
  UserRead: 120,
  /** ListUsers, ListUsersInGroup, AdminListGroupsForUser. */
  UserList: 30,
  /** Sign-in (InitiateAuth, AdminInitiateAuth). */
  UserAuthentication: 120,
  /** Not a Cognito quota: Secrets Manager reads and writes made by the handlers. */
  SecretsManager: 50,
} as const;

export type QuotaCategory = keyof typeof QUOTA_RATES;

/**
 * The share of each quota the custom resources of one stack spend together by default. Half of
 * every category stays with the application's live traffic (sign-ups, sign-ins, admin calls of
 * its own backend) during a deployment, which then takes at most twice as long as at the full
 * quota.
 */
export const DEFAULT_STACK_QUOTA_SHARE = 0.5;

/** The handler's variable holding the stack's share of each quota, a number in (0, 1]. */
export const QUOTA_SHARE_VARIABLE = 'COGNITO_QUOTA_SHARE';

/**
 * The handler's variable holding how many of the stack's custom resources that spend each
 * category may run at once, as JSON: `{"UserCreation": 4, "*": 5}` (`*`: categories not listed).
 * Each invocation spends the stack's share divided by that count, so that concurrent resources
 * together stay within the share. Unset: 1 (one resource spends the whole share).
 */
export const QUOTA_CONCURRENCY_VARIABLE = 'COGNITO_QUOTA_CONCURRENCY';
