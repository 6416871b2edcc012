/**
 * Throttling-aware retry: TooManyRequestsException, throttling and 5xx answers are retried
 * with full-jitter exponential backoff; LimitExceededException (a hard quota) fails at once
 * with a message that says so.
 */
import type { Clock } from './rate-budget';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly clock: Clock;
  /** Random source in [0, 1), injectable for tests. */
  readonly random?: () => number;
}

export const DEFAULT_RETRY = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 5000 };

const RETRYABLE_NAMES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'InternalErrorException',
  'InternalServiceError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  // A connection dropped before the answer came: the request may or may not have landed, and
  // every handler converges either way.
  'TimeoutError',
]);

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/** Thrown for a hard quota: retrying cannot help. */
export class QuotaExceededError extends Error {
  constructor(operation: string, cause: Error) {
    super(`${operation} failed with LimitExceededException, a hard Cognito quota that is not retried: ${cause.message}. ` +
      'Raise the quota in Service Quotas or declare fewer items.');
    this.name = 'QuotaExceededError';
  }
}

export function isRetryable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'LimitExceededException') return false;
  if (e.name && RETRYABLE_NAMES.has(e.name)) return true;
  if (e.code && RETRYABLE_NETWORK_CODES.has(e.code)) return true;
  const cause = (e as { cause?: { code?: string } }).cause;
  if (cause?.code && RETRYABLE_NETWORK_CODES.has(cause.code)) return true;
  // The SDK sometimes rethrows a dropped connection as a bare wrapper that keeps only the text.
  if (/^AWS SDK error wrapper for (TimeoutError|Error): socket hang up/.test((e as { message?: string }).message ?? '')) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/** Runs `fn`, retrying what is retryable; `operation` names the call in errors and logs. */
export async function withRetry<T>(operation: string, fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const err = error as Error;
      if (err?.name === 'LimitExceededException') throw new QuotaExceededError(operation, err);
      if (!isRetryable(error) || attempt >= options.maxAttempts) {
        if (isRetryable(error)) {
          err.message = `${operation} still failing after ${attempt} attempts: ${err.message}`;
        }
        throw err;
      }
      const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      await options.clock.sleep(Math.floor(random() * cap));
    }
  }
}
