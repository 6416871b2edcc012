import { CognitoIdentityProviderClient, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { poolMfaModule } from '../../custom-resources/pool-mfa';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const TYPE = 'Custom::CognitoUserPoolMfa';
const ID = 'us-east-1_pool/mfa';
const EMAIL_ONLY = { UserPoolId: 'us-east-1_pool', MfaConfiguration: 'ON', Totp: 'false', Email: { Subject: 'Your code' } };
const TOTP_AND_EMAIL = { ...EMAIL_ONLY, MfaConfiguration: 'OPTIONAL', Totp: 'true' };
const run = (event: any) => dispatch(event, testContext(), [poolMfaModule]);
const inputs = () => cognito.commandCalls(SetUserPoolMfaConfigCommand).map((c) => c.args[0].input);

beforeEach(() => {
  cognito.reset();
  cognito.onAnyCommand().resolves({});
});

describe('Custom::CognitoUserPoolMfa', () => {
  test('create sends the full configuration: email OTP as the only factor', async () => {
    await expect(run(createEvent(TYPE, EMAIL_ONLY))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(inputs()).toEqual([{
      UserPoolId: 'us-east-1_pool',
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: false },
      EmailMfaConfiguration: { Message: undefined, Subject: 'Your code' },
      SmsMfaConfiguration: undefined,
    }]);
  });

  test('a no-op update makes no call', async () => {
    await run(updateEvent(TYPE, ID, EMAIL_ONLY, { ...EMAIL_ONLY }));
    expect(cognito.calls()).toHaveLength(0);
  });

  test('an update sends the new configuration once', async () => {
    await run(updateEvent(TYPE, ID, EMAIL_ONLY, TOTP_AND_EMAIL));
    expect(inputs()).toEqual([expect.objectContaining({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })]);
  });

  test('rollback (old/new swapped) puts back the previous configuration', async () => {
    await run(updateEvent(TYPE, ID, TOTP_AND_EMAIL, EMAIL_ONLY));
    expect(inputs()).toEqual([expect.objectContaining({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: false } })]);
  });

  test('SMS settings are sent with the SNS role', async () => {
    await run(createEvent(TYPE, { UserPoolId: 'us-east-1_pool', MfaConfiguration: 'OPTIONAL', Sms: { SnsCallerArn: 'arn:aws:iam::1:role/sns', ExternalId: 'x' } }));
    expect(inputs()[0].SmsMfaConfiguration).toEqual({
      SmsAuthenticationMessage: undefined,
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::1:role/sns', ExternalId: 'x', SnsRegion: undefined },
    });
  });

  test('a bad mode is refused before any call', async () => {
    await expect(run(createEvent(TYPE, { ...EMAIL_ONLY, MfaConfiguration: 'REQUIRED' }))).rejects.toThrow('Invalid property MfaConfiguration');
    expect(cognito.calls()).toHaveLength(0);
  });

  test('delete (pool there or gone) makes no call: the settings belong to the pool', async () => {
    await expect(run(deleteEvent(TYPE, ID, EMAIL_ONLY))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(cognito.calls()).toHaveLength(0);
  });
});
