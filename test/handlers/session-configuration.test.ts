import {
  CognitoIdentityProviderClient, SetUserPoolClientSessionConfigurationCommand, SetUserPoolSessionConfigurationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { dispatch } from '../../custom-resources/router';
import { clientSessionModule, poolSessionModule } from '../../custom-resources/session-configuration';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL_TYPE = 'Custom::CognitoUserPoolSessionConfiguration';
const CLIENT_TYPE = 'Custom::CognitoClientSessionConfiguration';
const POOL_ID = 'us-east-1_pool/session-configuration';
const CLIENT_ID = 'us-east-1_pool/abc/session-configuration';
const pool = (tracking: string, max: string) => ({ UserPoolId: 'us-east-1_pool', SessionTracking: tracking, MaxSessionsPerUser: max });
const client = (minutes: string, clientId = 'abc') => ({ UserPoolId: 'us-east-1_pool', ClientId: clientId, SsoSessionMinutes: minutes });
const run = (event: any) => dispatch(event, testContext(), [poolSessionModule, clientSessionModule]);
const poolInputs = () => cognito.commandCalls(SetUserPoolSessionConfigurationCommand).map((c) => c.args[0].input);
const clientInputs = () => cognito.commandCalls(SetUserPoolClientSessionConfigurationCommand).map((c) => c.args[0].input);
const notFound = Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' });

beforeEach(() => {
  cognito.reset();
  cognito.onAnyCommand().resolves({});
});

describe('Custom::CognitoUserPoolSessionConfiguration', () => {
  test('create sets tracking and sessions per user', async () => {
    await expect(run(createEvent(POOL_TYPE, pool('true', '5')))).resolves.toEqual({ PhysicalResourceId: POOL_ID });
    expect(poolInputs()).toEqual([{ UserPoolId: 'us-east-1_pool', UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } }]);
  });

  test('a no-op update makes no call', async () => {
    await run(updateEvent(POOL_TYPE, POOL_ID, pool('true', '5'), pool('true', '5')));
    expect(cognito.calls()).toHaveLength(0);
  });

  test.each([
    ['update', pool('true', '5'), pool('true', '10'), 10],
    ['rollback (old/new swapped)', pool('true', '10'), pool('true', '5'), 5],
  ])('%s sends the whole new configuration once', async (_name, before, after, max) => {
    await run(updateEvent(POOL_TYPE, POOL_ID, before, after));
    expect(poolInputs()).toEqual([{ UserPoolId: 'us-east-1_pool', UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: max } }]);
  });

  test("delete puts back Cognito's defaults", async () => {
    await run(deleteEvent(POOL_TYPE, POOL_ID, pool('true', '5')));
    expect(poolInputs()).toEqual([{ UserPoolId: 'us-east-1_pool', UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 20 } }]);
  });

  test('delete when the pool is gone succeeds', async () => {
    cognito.onAnyCommand().rejects(notFound);
    await expect(run(deleteEvent(POOL_TYPE, POOL_ID, pool('true', '5')))).resolves.toEqual({ PhysicalResourceId: POOL_ID });
  });
});

describe('Custom::CognitoClientSessionConfiguration', () => {
  test('create sets the SSO session reuse', async () => {
    await expect(run(createEvent(CLIENT_TYPE, client('0')))).resolves.toEqual({ PhysicalResourceId: CLIENT_ID });
    expect(clientInputs()).toEqual([{ UserPoolId: 'us-east-1_pool', ClientId: 'abc', SSOSession: { MaxValidityMinutes: 0 } }]);
  });

  test('a no-op update makes no call', async () => {
    await run(updateEvent(CLIENT_TYPE, CLIENT_ID, client('30'), client('30')));
    expect(cognito.calls()).toHaveLength(0);
  });

  test.each([
    ['update', '30', '90'],
    ['rollback (old/new swapped)', '90', '30'],
  ])('%s sends the new value once', async (_name, before, after) => {
    await run(updateEvent(CLIENT_TYPE, CLIENT_ID, client(before), client(after)));
    expect(clientInputs()).toEqual([{ UserPoolId: 'us-east-1_pool', ClientId: 'abc', SSOSession: { MaxValidityMinutes: Number(after) } }]);
  });

  test('another client is a replacement with a new physical id', async () => {
    await expect(run(updateEvent(CLIENT_TYPE, CLIENT_ID, client('30'), client('30', 'def'))))
      .resolves.toEqual({ PhysicalResourceId: 'us-east-1_pool/def/session-configuration' });
  });

  test('delete puts back the 60-minute default; a client already gone is fine', async () => {
    await run(deleteEvent(CLIENT_TYPE, CLIENT_ID, client('30')));
    expect(clientInputs()).toEqual([{ UserPoolId: 'us-east-1_pool', ClientId: 'abc', SSOSession: { MaxValidityMinutes: 60 } }]);
    cognito.reset();
    cognito.onAnyCommand().rejects(notFound);
    await expect(run(deleteEvent(CLIENT_TYPE, CLIENT_ID, client('30')))).resolves.toEqual({ PhysicalResourceId: CLIENT_ID });
  });
});
