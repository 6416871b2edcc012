import { AdminCreateUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { parseBoolean, parseNumber, PropertyError } from '../../custom-resources/shared/cfn-values';
import { operationName } from '../../custom-resources/shared/cognito';
import { diffList, diffMap } from '../../custom-resources/shared/diff';
import { Clock, quotaShare, quotaShares, RateBudget } from '../../custom-resources/shared/rate-budget';
import { isRetryable, withRetry } from '../../custom-resources/shared/retry';
import { testContext } from './context';

describe('CloudFormation value parsing', () => {
  test.each([
    ['true', true], ['false', false], [true, true], [false, false], [undefined, 'fallback'],
  ])('boolean %p → %p', (value, expected) => {
    expect(parseBoolean('P', value, 'fallback' as unknown as boolean)).toBe(expected);
  });

  test('a non-boolean string is refused with the property named', () => {
    expect(() => parseBoolean('Enabled', 'yes', true)).toThrow(new PropertyError('Enabled', 'yes', 'true or false'));
  });

  test('numbers arrive as strings', () => {
    expect(parseNumber('N', '42')).toBe(42);
    expect(() => parseNumber('N', 'x')).toThrow('Invalid property N: received "x"; expected a number');
  });
});

describe('diff helpers', () => {
  test('a list diff names added and removed items once', () => {
    expect(diffList(['a', 'b', 'c'], ['b', 'c', 'd', 'd'])).toEqual({ added: ['d'], removed: ['a'] });
  });

  test('a map diff sets changed and new keys and removes missing ones', () => {
    expect(diffMap({ a: '1', b: '2', c: '3' }, { a: '1', b: '20', d: '4' })).toEqual({ set: { b: '20', d: '4' }, removed: ['c'] });
  });
});

describe('retry', () => {
  const instant: Clock = { now: () => 0, sleep: async () => undefined };
  const options = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, clock: instant, random: () => 0.5 };

  function awsError(name: string, status: number) {
    return Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode: status } });
  }

  test.each([
    ['TooManyRequestsException', 400, true],
    ['InternalErrorException', 500, true],
    ['SomethingElse', 503, true],
    ['InvalidParameterException', 400, false],
    ['LimitExceededException', 400, false],
  ])('%s (HTTP %d) retryable: %p', (name, status, expected) => {
    expect(isRetryable(awsError(name, status))).toBe(expected);
  });

  test('throttling is retried until it succeeds', async () => {
    const fn = jest.fn()
      .mockRejectedValueOnce(awsError('TooManyRequestsException', 400))
      .mockRejectedValueOnce(awsError('InternalErrorException', 500))
      .mockResolvedValueOnce('ok');
    await expect(withRetry('AdminCreateUser', fn, options)).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(3);
  });

  test('the backoff grows with jitter up to its cap', async () => {
    const sleeps: number[] = [];
    const clock: Clock = { now: () => 0, sleep: async (ms) => { sleeps.push(ms); } };
    const fn = jest.fn().mockRejectedValue(awsError('TooManyRequestsException', 400));
    await expect(withRetry('AdminCreateUser', fn, { ...options, maxAttempts: 6, clock }))
      .rejects.toThrow('AdminCreateUser still failing after 6 attempts: TooManyRequestsException message');
    expect(sleeps).toEqual([50, 100, 200, 400, 500]);
  });

  test('LimitExceededException fails at once with a clear message', async () => {
    const fn = jest.fn().mockRejectedValue(awsError('LimitExceededException', 400));
    await expect(withRetry('CreateGroup', fn, options)).rejects.toThrow(
      'CreateGroup failed with LimitExceededException, a hard Cognito quota that is not retried: LimitExceededException message');
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('rate budget', () => {
  const virtualClock = () => {
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => { now += ms; } };
    return { clock, elapsed: () => now };
  };

  test('spends at most the category rate (the given share of the quota), paced without a burst', async () => {
    // GIVEN a share of 0.8: UserUpdate's 25 rps quota → 20 requests a second
    const { clock, elapsed } = virtualClock();
    const budget = new RateBudget(clock, 0.8);
    // WHEN 41 requests are sent: one at once, then 40 at 20 a second
    for (let i = 0; i < 41; i++) await budget.take('UserUpdate');
    // THEN
    expect(elapsed()).toBeGreaterThanOrEqual(2000);
    expect(elapsed()).toBeLessThanOrEqual(2050);
  });

  test('by default spends half of the quota', async () => {
    // GIVEN the default share: UserCreation's 50 rps quota → 25 requests a second
    const { clock, elapsed } = virtualClock();
    const budget = new RateBudget(clock);
    // WHEN 51 requests are sent: one at once, then 50 at 25 a second
    for (let i = 0; i < 51; i++) await budget.take('UserCreation');
    // THEN they take two seconds
    expect(elapsed()).toBeGreaterThanOrEqual(2000);
    expect(elapsed()).toBeLessThanOrEqual(2050);
  });

  test('after a pause, at most a tenth of a second\'s worth goes at once', async () => {
    // GIVEN UserCreation at 25 a second, idle for 10 s
    const { clock, elapsed } = virtualClock();
    const budget = new RateBudget(clock);
    await budget.take('UserCreation');
    await clock.sleep(10_000);
    // WHEN 3 requests are sent: 2.5 tokens are saved up, so the third waits 20 ms
    for (let i = 0; i < 3; i++) await budget.take('UserCreation');
    // THEN
    expect(elapsed()).toBe(10_020);
  });

  test.each([
    [undefined, 0.5],
    ['', 0.5],
    ['0.95', 0.95],
    ['1', 1],
  ])('the quota share from the environment: %p → %p', (value, expected) => {
    expect(quotaShare(value)).toBe(expected);
  });

  test.each(['0', '-0.5', '1.5', 'fast'])('a quota share of %p is refused', (value) => {
    expect(() => quotaShare(value)).toThrow(`COGNITO_QUOTA_SHARE: received ${value}; allowed: a number greater than 0 and at most 1.`);
  });

  test('each category\'s share is the stack\'s divided by the resources that spend it at once', () => {
    const shares = quotaShares('0.5', '{"*":3,"UserCreation":4,"UserUpdate":2}');
    expect(shares.UserCreation).toBe(0.125);
    expect(shares.UserUpdate).toBe(0.25);
    // a category not listed counts "*"
    expect(shares.UserPoolRead).toBeCloseTo(0.5 / 3, 12);
    // unset: one resource, the whole share
    expect(quotaShares(undefined, undefined).UserCreation).toBe(0.5);
  });

  test.each(['[4]', '{"UserCreation":0}', '{"UserCreation":1.5}', '{"Users":2}', 'four'])('a concurrency of %p is refused', (value) => {
    expect(() => quotaShares('0.5', value)).toThrow(`COGNITO_QUOTA_CONCURRENCY: received ${value}; allowed: a JSON object of quota categories `
      + '(UserPoolUpdate, UserPoolRead, UserPoolResourceUpdate, UserPoolResourceRead, UserPoolClientUpdate, UserPoolClientRead, UserCreation, '
      + 'UserUpdate, UserAccountRecovery, UserRead, UserList, UserAuthentication, SecretsManager) or "*" to whole numbers of at least 1.');
  });

  test('four invocations at a quarter each together stay within the stack share', async () => {
    // GIVEN four budgets (four concurrent invocations) of a stack at 50% with four resources
    // spending UserCreation, on one clock
    jest.useFakeTimers({ now: 0 });
    try {
      const clock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
      const sent: number[] = [];
      const invocation = async () => {
        const budget = new RateBudget(clock, quotaShares('0.5', '{"UserCreation":4}'));
        // eight workers each, as Users runs them
        await Promise.all(Array.from({ length: 8 }, async () => {
          for (let i = 0; i < 25; i++) { await budget.take('UserCreation'); sent.push(Date.now()); }
        }));
      };
      // WHEN each sends 200 requests
      const all = Promise.all([invocation(), invocation(), invocation(), invocation()]);
      await jest.advanceTimersByTimeAsync(60_000);
      await all;
      // THEN in no second do they send more than 25 (the stack's share of 50/s), plus one each
      expect(sent).toHaveLength(800);
      const busiest = Math.max(...sent.map((t) => sent.filter((u) => u >= t && u < t + 1000).length));
      expect(busiest).toBeLessThanOrEqual(25 + 4);
      // and all 800 take 800 / 25 = 32 s
      expect(Math.max(...sent)).toBeGreaterThanOrEqual(31_800);
      expect(Math.max(...sent)).toBeLessThanOrEqual(32_100);
    } finally {
      jest.useRealTimers();
    }
  });

  test('categories have separate budgets', async () => {
    const { clock, elapsed } = virtualClock();
    const budget = new RateBudget(clock, 0.8);
    await budget.take('UserUpdate');
    await budget.take('UserCreation');
    await budget.take('UserPoolResourceUpdate');
    expect(elapsed()).toBe(0);
  });
});

describe('Cognito wrapper', () => {
  const cognito = mockClient(CognitoIdentityProviderClient);
  afterEach(() => cognito.reset());

  test('names the operation of a command (the bundle renames classes)', () => {
    expect(operationName(new AdminCreateUserCommand({ UserPoolId: 'p', Username: 'u' }))).toBe('AdminCreateUser');
  });

  test('send retries throttling through the client', async () => {
    const ctx = testContext();
    cognito.on(AdminCreateUserCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 400 } }))
      .resolves({ User: { Username: 'u' } });
    await ctx.cognito.send('UserCreation', new AdminCreateUserCommand({ UserPoolId: 'p', Username: 'u' }));
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(2);
    // a jittered backoff of under 100 ms first, then the budget's pace: 1/25 s between two
    // UserCreation requests at the default share
    expect(ctx.sleeps[0]).toBeLessThan(100);
    expect(ctx.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(40);
  });
});
