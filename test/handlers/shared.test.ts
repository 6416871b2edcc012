import { AdminCreateUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { parseBoolean, parseNumber, PropertyError } from '../../custom-resources/shared/cfn-values';
import { operationName } from '../../custom-resources/shared/cognito';
import { diffList, diffMap } from '../../custom-resources/shared/diff';
import { Clock, quotaShare, RateBudget } from '../../custom-resources/shared/rate-budget';
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
  test('spends at most the category rate (the given share of the quota) per second', async () => {
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => { now += ms; } };
    const budget = new RateBudget(clock, 0.8);
    // UserUpdate: 25 rps quota → 20 tokens a second.
    for (let i = 0; i < 60; i++) await budget.take('UserUpdate');
    // 20 at once, then 40 more at 20 per second.
    expect(now).toBeGreaterThanOrEqual(1950);
    expect(now).toBeLessThanOrEqual(2100);
  });

  test('by default spends 90% of the quota', async () => {
    // GIVEN the default share: UserCreation's 50 rps quota → 45 tokens a second
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => { now += ms; } };
    const budget = new RateBudget(clock);
    // WHEN 135 requests are sent: 45 at once, then 90 more at 45 per second
    for (let i = 0; i < 135; i++) await budget.take('UserCreation');
    // THEN they take two seconds
    expect(now).toBeGreaterThanOrEqual(1950);
    expect(now).toBeLessThanOrEqual(2100);
  });

  test.each([
    [undefined, 0.9],
    ['', 0.9],
    ['0.95', 0.95],
    ['1', 1],
  ])('the quota share from the environment: %p → %p', (value, expected) => {
    expect(quotaShare(value)).toBe(expected);
  });

  test.each(['0', '-0.5', '1.5', 'fast'])('a quota share of %p is refused', (value) => {
    expect(() => quotaShare(value)).toThrow(`COGNITO_QUOTA_SHARE: received ${value}; allowed: a number greater than 0 and at most 1.`);
  });

  test('categories have separate budgets', async () => {
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => { now += ms; } };
    const budget = new RateBudget(clock, 0.8);
    for (let i = 0; i < 20; i++) await budget.take('UserUpdate');
    for (let i = 0; i < 40; i++) await budget.take('UserCreation');
    expect(now).toBe(0);
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
    expect(ctx.sleeps.length).toBe(1);
  });
});
