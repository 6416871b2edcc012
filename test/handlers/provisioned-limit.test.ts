import { CognitoIdentityProviderClient, GetProvisionedLimitCommand, UpdateProvisionedLimitCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { provisionedLimitModule } from '../../custom-resources/provisioned-limit';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const TYPE = 'Custom::CognitoProvisionedLimit';
const ID = 'provisioned-limit/UserAuthentication';
const props = (rps: string, category = 'UserAuthentication') => ({ Category: category, RequestsPerSecond: rps });
const run = (event: any) => dispatch(event, testContext(), [provisionedLimitModule]);
const definition = (category: string) => ({ LimitClass: 'API_CATEGORY', Attributes: { Category: category } });
const updates = () => cognito.commandCalls(UpdateProvisionedLimitCommand).map((c) => c.args[0].input);

beforeEach(() => {
  cognito.reset();
  cognito.onAnyCommand().resolves({});
  cognito.on(GetProvisionedLimitCommand).resolves({ Limit: { LimitDefinition: definition('UserAuthentication') as any, ProvisionedLimitValue: 200, FreeLimitValue: 120 } });
});

describe('Custom::CognitoProvisionedLimit', () => {
  test('create sets the rate of the category', async () => {
    await expect(run(createEvent(TYPE, props('200')))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(updates()).toEqual([{ LimitDefinition: definition('UserAuthentication'), RequestedLimitValue: 200 }]);
  });

  test('a no-op update makes no call', async () => {
    await run(updateEvent(TYPE, ID, props('200'), props('200')));
    expect(cognito.calls()).toHaveLength(0);
  });

  test.each([['update', '200', '300'], ['rollback (old/new swapped)', '300', '200']])('%s sets the new rate once', async (_n, before, after) => {
    await run(updateEvent(TYPE, ID, props(before), props(after)));
    expect(updates()).toEqual([{ LimitDefinition: definition('UserAuthentication'), RequestedLimitValue: Number(after) }]);
  });

  test('another category is a replacement with a new physical id', async () => {
    await expect(run(updateEvent(TYPE, ID, props('200'), props('200', 'UserCreation')))).resolves.toEqual({ PhysicalResourceId: 'provisioned-limit/UserCreation' });
    expect(updates()).toEqual([{ LimitDefinition: definition('UserCreation'), RequestedLimitValue: 200 }]);
  });

  test('delete puts back the free rate', async () => {
    await run(deleteEvent(TYPE, ID, props('200')));
    expect(updates()).toEqual([{ LimitDefinition: definition('UserAuthentication'), RequestedLimitValue: 120 }]);
  });

  test('delete when the rate is already the free one makes no update', async () => {
    cognito.on(GetProvisionedLimitCommand).resolves({ Limit: { LimitDefinition: undefined, ProvisionedLimitValue: 120, FreeLimitValue: 120 } });
    await run(deleteEvent(TYPE, ID, props('200')));
    expect(updates()).toHaveLength(0);
  });
});
