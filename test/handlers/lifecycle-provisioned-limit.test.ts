// Lifecycle matrix of Custom::CognitoProvisionedLimit (issue 10, "How it is proven").
// cognito-local has no provisioned limits, so the events go through the router (real parse and
// routing) to a stateful fake of the account's limits.
import { CognitoIdentityProviderClient, GetProvisionedLimitCommand, UpdateProvisionedLimitCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { MODULES } from '../../custom-resources/modules';
import { provisionedLimitModule } from '../../custom-resources/provisioned-limit';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';
import { awsError, installFake } from './lifecycle-fake';

const TYPE = 'Custom::CognitoProvisionedLimit';
const ID = 'provisioned-limit/UserAuthentication';
const FREE: { [category: string]: number } = { UserAuthentication: 120, UserCreation: 50 };
const mock = mockClient(CognitoIdentityProviderClient);

/** The account's provisioned rates: the free rate until an update. */
const rates = new Map<string, number>();
const categoryOf = (input: any): string => {
  const category = input.LimitDefinition?.Attributes?.Category;
  if (input.LimitDefinition?.LimitClass !== 'API_CATEGORY' || !(category in FREE)) throw awsError('InvalidParameterException', 'Unknown limit');
  return category;
};
const fake = installFake(mock, [
  [GetProvisionedLimitCommand, (input) => {
    const category = categoryOf(input);
    return { Limit: { LimitDefinition: input.LimitDefinition, ProvisionedLimitValue: rates.get(category) ?? FREE[category], FreeLimitValue: FREE[category] } };
  }],
  [UpdateProvisionedLimitCommand, (input) => {
    const category = categoryOf(input);
    if (input.RequestedLimitValue < FREE[category]) throw awsError('InvalidParameterException', 'Below the free rate');
    rates.set(category, input.RequestedLimitValue);
    return {};
  }],
]);
const rate = (category = 'UserAuthentication') => rates.get(category) ?? FREE[category];
const run = (event: any) => dispatch(event, testContext(), MODULES);
const props = (rps: string, category = 'UserAuthentication') => ({ Category: category, RequestsPerSecond: rps });
const update = (category: string, value: number) => ({ LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: category } }, RequestedLimitValue: value });
const OP = 'UpdateProvisionedLimit';
const KILLED = 'SimulatedLambdaTimeout';
const killAfterWrite = () => {
  fake.faults.lose = (op, _i, nth) => op === OP && nth === 1;
  fake.faults.inject = (op, _i, nth) => (op === OP && nth === 2 ? KILLED : undefined);
};

beforeEach(() => {
  rates.clear();
  fake.reset();
});

describe('create', () => {
  test('sets the rate; the retried Create (write landed) converges with the same id', async () => {
    await expect(run(createEvent(TYPE, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    await expect(run(createEvent(TYPE, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.inputs(OP)).toEqual([update('UserAuthentication', 200), update('UserAuthentication', 200)]);
    expect(rate()).toBe(200);
  });

  test('a lost response converges', async () => {
    fake.faults.lose = (op, _i, nth) => op === OP && nth === 1;
    await expect(run(createEvent(TYPE, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.lost).toEqual([OP]);
    expect(rate()).toBe(200);
  });

  test('the Lambda killed after the write landed, then the next Create', async () => {
    killAfterWrite();
    await expect(run(createEvent(TYPE, props('200')))).rejects.toThrow(`Injected ${KILLED}`);
    fake.reset();
    await expect(run(createEvent(TYPE, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.inputs(OP)).toEqual([update('UserAuthentication', 200)]);
    expect(rate()).toBe(200);
  });

  test('the failed-Create path (no Delete comes): a write that landed is the declared rate, adopted by the next attempt', async () => {
    killAfterWrite();
    await expect(run(createEvent(TYPE, props('200')))).rejects.toThrow(`Injected ${KILLED}`);
    // The paid rate stays until the next attempt (which adopts it) or a manual reset to the free rate.
    expect(rate()).toBe(200);
    expect(fake.inputs(OP)).toEqual([update('UserAuthentication', 200), update('UserAuthentication', 200)]);
    // A Create refused before its write landed changed nothing.
    fake.reset();
    fake.faults.inject = (op) => (op === OP ? 'InvalidParameterException' : undefined);
    await expect(run(createEvent(TYPE, props('60', 'UserCreation')))).rejects.toThrow('Injected InvalidParameterException');
    expect(rate('UserCreation')).toBe(50);
  });
});

describe('update', () => {
  beforeEach(async () => {
    await run(createEvent(TYPE, props('200')));
    fake.reset();
  });

  test('a new rate is set once; a no-op makes no call', async () => {
    await expect(run(updateEvent(TYPE, ID, props('200'), props('300')))).resolves.toEqual({ PhysicalResourceId: ID });
    await expect(run(updateEvent(TYPE, ID, props('300'), props('300')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.calls).toEqual([{ operation: OP, input: update('UserAuthentication', 300) }]);
    expect(rate()).toBe(300);
  });

  test('a failure on the 1st call, then the rollback under the old id', async () => {
    fake.faults.inject = (op) => (op === OP ? 'InvalidParameterException' : undefined);
    await expect(run(updateEvent(TYPE, ID, props('200'), props('300')))).rejects.toThrow('Injected InvalidParameterException');
    fake.reset();
    await expect(run(updateEvent(TYPE, ID, props('300'), props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(rate()).toBe(200);
  });

  test('the Lambda killed midway through an update, then the same update again', async () => {
    killAfterWrite();
    await expect(run(updateEvent(TYPE, ID, props('200'), props('300')))).rejects.toThrow(`Injected ${KILLED}`);
    fake.reset();
    await expect(run(updateEvent(TYPE, ID, props('200'), props('300')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(rate()).toBe(300);
  });

  test('another category is a replacement: the new one is set, the old id\'s Delete puts the old one back to free', async () => {
    await expect(run(updateEvent(TYPE, ID, props('200'), props('80', 'UserCreation'))))
      .resolves.toEqual({ PhysicalResourceId: 'provisioned-limit/UserCreation' });
    await expect(run(deleteEvent(TYPE, ID, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect([rate('UserAuthentication'), rate('UserCreation')]).toEqual([120, 80]);
  });

  test('an update from properties an older version wrote (a number), and from unusable ones', async () => {
    await expect(run(updateEvent(TYPE, ID, { Category: 'UserAuthentication', RequestsPerSecond: 200 }, props('200'))))
      .resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.calls).toEqual([]);
    await expect(provisionedLimitModule.onUpdate(provisionedLimitModule.parse(props('250')), undefined as any, ID, testContext()))
      .resolves.toEqual({ physicalId: ID });
    expect(fake.inputs(OP)).toEqual([update('UserAuthentication', 250)]);
    expect(rate()).toBe(250);
  });
});

describe('delete', () => {
  test('puts back the free rate; a second Delete (already free) makes no update', async () => {
    await run(createEvent(TYPE, props('200')));
    fake.reset();
    await expect(run(deleteEvent(TYPE, ID, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    await expect(run(deleteEvent(TYPE, ID, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.inputs(OP)).toEqual([update('UserAuthentication', 120)]);
    expect(rate()).toBe(120);
  });

  test('leaves a rate another writer (another stack, an operator) set since: it is theirs now', async () => {
    await run(createEvent(TYPE, props('200')));
    rates.set('UserAuthentication', 400);
    fake.reset();
    await expect(run(deleteEvent(TYPE, ID, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(fake.operations()).toEqual(['GetProvisionedLimit']);
    expect(rate()).toBe(400);
  });
});
