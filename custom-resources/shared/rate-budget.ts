/**
 * Cognito throttles per quota category (requests per second per account and Region). The
 * handler spends a token-bucket budget per category so that a bulk operation stays under the
 * quota instead of leaning on throttling retries.
 */

// The one table of rates, shared with the constructs' synth-time partition and estimates
// (dependency-free, so the handler bundle stays small).
import {
  DEFAULT_STACK_QUOTA_SHARE, QUOTA_CONCURRENCY_VARIABLE, QUOTA_RATES, QUOTA_SHARE_VARIABLE, QuotaCategory,
} from '../../lib/private/quota-rates';

export { QUOTA_RATES };
export type { QuotaCategory };

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The stack's default share of each quota (the construct library writes the configured share into the environment). */
export const DEFAULT_QUOTA_SHARE = DEFAULT_STACK_QUOTA_SHARE;
export { QUOTA_CONCURRENCY_VARIABLE, QUOTA_SHARE_VARIABLE };

/** The quota share from the environment variable's value: a number in (0, 1], or the default when unset. */
export function quotaShare(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_QUOTA_SHARE;
  const share = Number(value);
  if (!Number.isFinite(share) || share <= 0 || share > 1) {
    throw new Error(`${QUOTA_SHARE_VARIABLE}: received ${value}; allowed: a number greater than 0 and at most 1.`);
  }
  return share;
}

/** Each category's share for one invocation: the stack's share divided by its concurrent resources. */
export type QuotaShares = { readonly [C in QuotaCategory]: number };

/** The shares of one invocation from the two variables' values (see {@link QUOTA_CONCURRENCY_VARIABLE}). */
export function quotaShares(shareValue: string | undefined, concurrencyValue: string | undefined): QuotaShares {
  const share = quotaShare(shareValue);
  const counts = parseConcurrency(concurrencyValue);
  const shares = {} as { [C in QuotaCategory]: number };
  for (const category of Object.keys(QUOTA_RATES) as QuotaCategory[]) {
    shares[category] = share / (counts[category] ?? counts['*'] ?? 1);
  }
  return shares;
}

function parseConcurrency(value: string | undefined): { [category: string]: number } {
  if (value === undefined || value.trim() === '') return {};
  const allowed = `a JSON object of quota categories (${Object.keys(QUOTA_RATES).join(', ')}) or "*" to whole numbers of at least 1`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`${QUOTA_CONCURRENCY_VARIABLE}: received ${value}; allowed: ${allowed}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${QUOTA_CONCURRENCY_VARIABLE}: received ${value}; allowed: ${allowed}.`);
  for (const [key, count] of Object.entries(parsed)) {
    if ((key !== '*' && !(key in QUOTA_RATES)) || typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw new Error(`${QUOTA_CONCURRENCY_VARIABLE}: received ${value}; allowed: ${allowed}.`);
    }
  }
  return parsed as { [category: string]: number };
}

/**
 * One token bucket per category, paced at the category's rate times its share. A bucket holds
 * at most a tenth of a second's worth (and at least one request), so the requests of several
 * invocations that run at once add up to at most the sum of their rates, plus one request
 * each: no invocation bursts into another's share.
 */
export class RateBudget {
  private readonly buckets = new Map<QuotaCategory, { tokens: number; updated: number }>();
  private readonly shares: QuotaShares;

  /** @param share one share for every category, or each category's own */
  constructor(private readonly clock: Clock = realClock, share: number | QuotaShares = DEFAULT_QUOTA_SHARE) {
    this.shares = typeof share === 'number' ? quotaShares(String(share), undefined) : share;
  }

  /** Requests a second this budget allows in the category. */
  rate(category: QuotaCategory): number {
    return QUOTA_RATES[category] * this.shares[category];
  }

  /** Waits until a request of this category may be sent. */
  async take(category: QuotaCategory): Promise<void> {
    const rate = this.rate(category);
    const capacity = Math.max(1, rate / 10);
    for (;;) {
      const now = this.clock.now();
      const bucket = this.buckets.get(category) ?? { tokens: 1, updated: now };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updated) / 1000) * rate);
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
