/** Builds the per-invocation context: clients, one rate budget, retry settings, logger. */
import { CognitoApi, createCognitoClient } from './cognito';
import { Logger } from './log';
import { Clock, QUOTA_CONCURRENCY_VARIABLE, QUOTA_SHARE_VARIABLE, quotaShares, RateBudget, realClock } from './rate-budget';
import { DEFAULT_RETRY, RetryOptions } from './retry';
import { createSecretsClient, SecretsApi } from './secrets';
import type { HandlerContext } from './types';

export interface ContextOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly retry?: Partial<Omit<RetryOptions, 'clock'>>;
}

export function createContext(options: ContextOptions = {}): HandlerContext {
  const clock = options.clock ?? realClock;
  const log = options.logger ?? new Logger();
  // The stack's share divided among its resources that may run at once (set by the provider).
  const budget = new RateBudget(clock, quotaShares(process.env[QUOTA_SHARE_VARIABLE], process.env[QUOTA_CONCURRENCY_VARIABLE]));
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry, clock };
  return {
    cognito: new CognitoApi(createCognitoClient(), budget, retry),
    secrets: new SecretsApi(createSecretsClient(), budget, retry, log),
    log,
  };
}
