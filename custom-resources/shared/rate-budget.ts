/**
 * Cognito throttles per quota category (requests per second per account and Region). The
 * handler spends a token-bucket budget per category so that a bulk operation stays under the
 * quota instead of leaning on throttling retries.
 */

/** Cognito's quota categories, with the documented default rates (requests per second). */
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

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The share of each quota the handler spends by default. It leaves a tenth of every category
 * to the application's own traffic in the same account and Region during a deployment (e.g.
 * sign-ups while bulk users are created); what still collides is throttled by Cognito and
 * retried. A lower share is gentler on a busy production pool; a higher one makes bulk
 * deployments faster.
 */
export const DEFAULT_QUOTA_SHARE = 0.9;

/** The environment variable that overrides {@link DEFAULT_QUOTA_SHARE} in the handler's function. */
export const QUOTA_SHARE_VARIABLE = 'COGNITO_QUOTA_SHARE';

/** The quota share from the environment variable's value: a number in (0, 1], or the default when unset. */
export function quotaShare(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_QUOTA_SHARE;
  const share = Number(value);
  if (!Number.isFinite(share) || share <= 0 || share > 1) {
    throw new Error(`${QUOTA_SHARE_VARIABLE}: received ${value}; allowed: a number greater than 0 and at most 1.`);
  }
  return share;
}

/**
 * One token bucket per category. Capacity is one second of the rate (a short burst is fine);
 * tokens refill continuously. `share` (0..1] spends only part of each quota, leaving room
 * for the application's own traffic in the same account.
 */
export class RateBudget {
  private readonly buckets = new Map<QuotaCategory, { tokens: number; updated: number }>();

  constructor(private readonly clock: Clock = realClock, private readonly share = DEFAULT_QUOTA_SHARE) {}

  /** Waits until a request of this category may be sent. */
  async take(category: QuotaCategory): Promise<void> {
    const rate = Math.max(1, QUOTA_RATES[category] * this.share);
    for (;;) {
      const now = this.clock.now();
      const bucket = this.buckets.get(category) ?? { tokens: rate, updated: now };
      bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.updated) / 1000) * rate);
      bucket.updated = now;
      this.buckets.set(category, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - bucket.tokens) / rate) * 1000));
    }
  }
}
