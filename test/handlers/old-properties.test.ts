// Old properties never fail an Update or a Delete; new ones are parsed strictly. Old properties
// reach a handler in two ways: the rollback of a rejected update sends the rejected properties
// back as OldResourceProperties (under the physical id still deployed), and after an upgrade of
// the library the first update's OldResourceProperties were written by the older version. The
// Delete of a resource may carry either kind too. Custom attributes and pool MFA are covered
// against the emulator in test/emulator/old-properties.test.ts.
import {
  CognitoIdentityProviderClient, GetProvisionedLimitCommand, GetSigningCertificateCommand, GetUICustomizationCommand,
  SetUICustomizationCommand, SetUserPoolClientSessionConfigurationCommand, SetUserPoolSessionConfigurationCommand,
  UpdateProvisionedLimitCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { hostedUiLogoModule } from '../../custom-resources/hosted-ui-logo';
import { immutableGuardModule } from '../../custom-resources/immutable-guard';
import { provisionedLimitModule } from '../../custom-resources/provisioned-limit';
import { dispatch } from '../../custom-resources/router';
import { clientSessionModule, poolSessionModule } from '../../custom-resources/session-configuration';
import { signingCertificateModule } from '../../custom-resources/signing-certificate';
import { createEvent, deleteEvent, testContext, TestContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const s3 = mockClient(S3Client);
const MODULES = [signingCertificateModule, hostedUiLogoModule, immutableGuardModule, poolSessionModule, clientSessionModule, provisionedLimitModule];
const run = (event: any, ctx: TestContext = testContext()) => dispatch(event, ctx, MODULES);
const inputs = (command: any) => cognito.commandCalls(command).map((c) => c.args[0].input);
/** The log line the router writes when old properties are unusable. */
const unusableLines = (ctx: TestContext) => ctx.lines.map((l) => JSON.parse(l)).filter((l) => / unusable/.test(l.message)).map((l) => l.message);

beforeEach(() => {
  cognito.reset();
  s3.reset();
  cognito.onAnyCommand().resolves({});
});

describe('Custom::CognitoSigningCertificate', () => {
  const TYPE = 'Custom::CognitoSigningCertificate';
  const ID = 'us-east-1_pool/signing-certificate';
  const props = { UserPoolId: 'us-east-1_pool' };
  beforeEach(() => cognito.on(GetSigningCertificateCommand).resolves({ Certificate: 'QUJD' }));

  test.each([
    ['an older version\'s unknown property', { ...props, Format: 'pem' }],
    ['a malformed old property', { UserPoolId: ['us-east-1_pool'] }],
  ])('an update whose old properties hold %s reads the certificate', async (_name, oldProps) => {
    await expect(run(updateEvent(TYPE, ID, oldProps, props))).resolves.toEqual({
      PhysicalResourceId: ID, Data: { Certificate: '-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----' },
    });
    expect(inputs(GetSigningCertificateCommand)).toEqual([{ UserPoolId: 'us-east-1_pool' }]);
  });

  test('an unknown new property fails, naming it, before any call; its rollback succeeds', async () => {
    const rejected = { ...props, Format: 'pem' };
    await expect(run(updateEvent(TYPE, ID, props, rejected))).rejects.toThrow(new Error('Unknown property Format; allowed: UserPoolId'));
    expect(cognito.calls()).toHaveLength(0);
    await expect(run(updateEvent(TYPE, ID, rejected, props))).resolves.toEqual(expect.objectContaining({ PhysicalResourceId: ID }));
  });

  test('a Delete with malformed properties succeeds and makes no call', async () => {
    await expect(run(deleteEvent(TYPE, ID, { UserPoolId: { Ref: 'Pool' } }))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('Custom::CognitoHostedUiLogo', () => {
  const TYPE = 'Custom::CognitoHostedUiLogo';
  const ID = 'us-east-1_pool/abc/hosted-ui-logo';
  const IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
  const props = { UserPoolId: 'us-east-1_pool', ClientId: 'abc', ImageBucket: 'assets', ImageKey: 'h1.png', ImageHash: 'h1' };
  beforeEach(() => {
    // The client's own customization, with the logo in place.
    cognito.on(GetUICustomizationCommand).resolves({
      UICustomization: { ClientId: 'abc', CSS: '.banner { color: red }', ImageUrl: 'https://cdn.example/logo.png' },
    });
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(IMAGE) } } as any);
  });

  test('an older version\'s unknown property is ignored: the same image is no change, no call', async () => {
    await expect(run(updateEvent(TYPE, ID, { ...props, ImageFormat: 'png' }, props))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(cognito.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('malformed old properties: the previous image is unknown, so the declared one is sent, the CSS kept', async () => {
    const ctx = testContext();
    await expect(run(updateEvent(TYPE, ID, { ...props, ImageHash: { 'Fn::GetAtt': ['Asset', 'Hash'] } }, props), ctx))
      .resolves.toEqual({ PhysicalResourceId: ID });
    expect(inputs(SetUICustomizationCommand)).toEqual([
      { UserPoolId: 'us-east-1_pool', ClientId: 'abc', CSS: '.banner { color: red }', ImageFile: new Uint8Array(IMAGE) },
    ]);
    expect(unusableLines(ctx)).toEqual(['Old properties unusable (property ImageHash): converging from the live state']);
  });

  test('a malformed new property fails, naming it, before any call', async () => {
    await expect(run(updateEvent(TYPE, ID, props, { ...props, Refresh: ['1'] })))
      .rejects.toThrow(new Error('Invalid property Refresh: received ["1"]; expected a string'));
    expect(cognito.calls()).toHaveLength(0);
  });

  test('a Delete with malformed properties removes the logo of the pool and client its physical id names', async () => {
    await expect(run(deleteEvent(TYPE, ID, { ...props, ClientId: '' }))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(inputs(SetUICustomizationCommand)).toEqual([
      { UserPoolId: 'us-east-1_pool', ClientId: 'abc', CSS: '.banner { color: red }', ImageFile: undefined },
    ]);
  });
});

describe('Custom::CognitoImmutableSettingsGuard', () => {
  const TYPE = 'Custom::CognitoImmutableSettingsGuard';
  const base = {
    PoolName: 'App/Pool',
    AliasAttributes: ['email'],
    UsernameAttributes: [],
    CaseSensitive: 'false',
    RequiredAttributes: ['email'],
    CustomAttributes: [{ Name: 'tenant', DataType: 'String', Mutable: 'true' }],
    Clients: [{ Name: 'App/Pool/Web', GenerateSecret: 'false' }],
  };
  const withPlan = { ...base, CustomAttributes: [...base.CustomAttributes, { Name: 'plan', DataType: 'String', Mutable: 'true' }] };
  beforeEach(() => cognito.onAnyCommand().rejects(new Error('the guard must make no AWS call')));
  const deploy = async () => (await run(createEvent(TYPE, base))).PhysicalResourceId!;

  test('an older version\'s unknown properties (top level and nested) are ignored: the diff still refuses a change', async () => {
    const id = await deploy();
    const older = { ...base, Legacy: 'x', Clients: [{ ...base.Clients[0], Kind: 'web' }] };
    await expect(run(updateEvent(TYPE, id, older, withPlan))).resolves.toEqual({ PhysicalResourceId: expect.stringMatching(/\/from-[0-9a-f]{16}\/[0-9a-f]{16}$/) });
    await expect(run(updateEvent(TYPE, id, older, { ...base, RequiredAttributes: [] })))
      .rejects.toThrow('Cognito cannot make these changes on a live pool: required attributes (Schema Required): [email] → []');
  });

  test('the rollback of a rejected update (malformed and unknown properties as old ones) succeeds under the deployed id', async () => {
    const id = await deploy();
    const rejected = {
      ...base, CustomAttributes: [{ ...base.CustomAttributes[0], Colour: 'red' }], Clients: [{ Name: 'App/Pool/Web', GenerateSecret: 'sometimes' }],
    };
    await expect(run(updateEvent(TYPE, id, base, rejected))).rejects.toThrow(
      new Error('Unknown property CustomAttributes[0].Colour; allowed in CustomAttributes[0]: Name, DataType, Mutable, Min, Max'));
    await expect(run(updateEvent(TYPE, id, rejected, base))).resolves.toEqual({ PhysicalResourceId: id });
  });

  test('unusable old properties and settings that differ from the deployed ones: refused, and its rollback succeeds', async () => {
    const id = await deploy();
    const unusable = { ...base, Clients: 'App/Pool/Web' };
    await expect(run(updateEvent(TYPE, id, unusable, withPlan))).rejects.toThrow(new Error(
      'Refused before the user pool App/Pool was touched: the guard\'s previous properties are unusable, so it cannot tell '
      + 'whether a setting Cognito cannot change on a live pool changed (sign-in aliases, username attributes, case sensitivity, '
      + 'required attributes, custom and standard attributes, SMS MFA, client secrets). Deploy once with these settings as they are '
      + 'deployed, then make the change; set allowReplacement: true on the guard only if replacing the pool and losing its users is intended.'));
    await expect(run(updateEvent(TYPE, id, withPlan, base))).resolves.toEqual({ PhysicalResourceId: id });
    // The recovery the message names: the deployed settings, then the change.
    await expect(run(updateEvent(TYPE, id, unusable, base))).resolves.toEqual({ PhysicalResourceId: id });
  });

  test('a malformed new property fails, naming it with its place in the list', async () => {
    const id = await deploy();
    await expect(run(updateEvent(TYPE, id, base, { ...base, Clients: [{ Name: 'App/Pool/Web', GenerateSecret: 'sometimes' }] })))
      .rejects.toThrow(new Error('Invalid property Clients[0].GenerateSecret: received "sometimes"; expected true or false'));
  });

  test('a Delete with malformed properties succeeds', async () => {
    await expect(run(deleteEvent(TYPE, 'immutable-settings/App/Pool/0123456789abcdef', { PoolName: '' })))
      .resolves.toEqual({ PhysicalResourceId: 'immutable-settings/App/Pool/0123456789abcdef' });
  });
});

describe('Custom::CognitoUserPoolSessionConfiguration and Custom::CognitoClientSessionConfiguration', () => {
  const POOL_TYPE = 'Custom::CognitoUserPoolSessionConfiguration';
  const CLIENT_TYPE = 'Custom::CognitoClientSessionConfiguration';
  const POOL_ID = 'us-east-1_pool/session-configuration';
  const CLIENT_ID = 'us-east-1_pool/abc/session-configuration';
  const pool = { UserPoolId: 'us-east-1_pool', SessionTracking: 'false', MaxSessionsPerUser: '20' };
  const client = { UserPoolId: 'us-east-1_pool', ClientId: 'abc', SsoSessionMinutes: '60' };

  test('an older version\'s unknown property is ignored: the same settings are no change, no call', async () => {
    await run(updateEvent(POOL_TYPE, POOL_ID, { ...pool, Legacy: 'x' }, pool));
    await run(updateEvent(CLIENT_TYPE, CLIENT_ID, { ...client, Legacy: 'x' }, client));
    expect(cognito.calls()).toHaveLength(0);
  });

  test('malformed old properties: the previous settings are unknown, so the declared ones are sent', async () => {
    // Parsed as defaults, these old values would have looked equal to the new ones: no call, no convergence.
    await expect(run(updateEvent(POOL_TYPE, POOL_ID, { ...pool, MaxSessionsPerUser: 'twenty' }, pool))).resolves.toEqual({ PhysicalResourceId: POOL_ID });
    await expect(run(updateEvent(CLIENT_TYPE, CLIENT_ID, { ...client, SsoSessionMinutes: 'an hour' }, client))).resolves.toEqual({ PhysicalResourceId: CLIENT_ID });
    expect(inputs(SetUserPoolSessionConfigurationCommand)).toEqual([
      { UserPoolId: 'us-east-1_pool', UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 20 } },
    ]);
    expect(inputs(SetUserPoolClientSessionConfigurationCommand)).toEqual([
      { UserPoolId: 'us-east-1_pool', ClientId: 'abc', SSOSession: { MaxValidityMinutes: 60 } },
    ]);
  });

  test('unknown or malformed new properties fail, naming them, before any call', async () => {
    await expect(run(updateEvent(POOL_TYPE, POOL_ID, pool, { ...pool, IdleTimeout: '5' })))
      .rejects.toThrow(new Error('Unknown property IdleTimeout; allowed: UserPoolId, SessionTracking, MaxSessionsPerUser'));
    await expect(run(createEvent(CLIENT_TYPE, { ...client, SsoSessionMinutes: 'an hour' })))
      .rejects.toThrow(new Error('Invalid property SsoSessionMinutes: received "an hour"; expected a number'));
    expect(cognito.calls()).toHaveLength(0);
  });

  test('a Delete with malformed properties resets the pool and client its physical id names', async () => {
    await expect(run(deleteEvent(POOL_TYPE, POOL_ID, { ...pool, UserPoolId: '' }))).resolves.toEqual({ PhysicalResourceId: POOL_ID });
    await expect(run(deleteEvent(CLIENT_TYPE, CLIENT_ID, { ...client, ClientId: { Ref: 'Client' } }))).resolves.toEqual({ PhysicalResourceId: CLIENT_ID });
    expect(inputs(SetUserPoolSessionConfigurationCommand)).toEqual([
      { UserPoolId: 'us-east-1_pool', UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 20 } },
    ]);
    expect(inputs(SetUserPoolClientSessionConfigurationCommand)).toEqual([
      { UserPoolId: 'us-east-1_pool', ClientId: 'abc', SSOSession: { MaxValidityMinutes: 60 } },
    ]);
  });
});

describe('Custom::CognitoProvisionedLimit', () => {
  const TYPE = 'Custom::CognitoProvisionedLimit';
  const ID = 'provisioned-limit/UserAuthentication';
  const definition = { LimitClass: 'API_CATEGORY', Attributes: { Category: 'UserAuthentication' } };
  const props = { Category: 'UserAuthentication', RequestsPerSecond: '200' };
  const live = (provisioned: number) => cognito.on(GetProvisionedLimitCommand).resolves({
    Limit: { LimitDefinition: definition as any, ProvisionedLimitValue: provisioned, FreeLimitValue: 120 },
  });

  test('an older version\'s unknown property is ignored: the same rate is no change, no call', async () => {
    await run(updateEvent(TYPE, ID, { ...props, Region: 'us-east-1' }, props));
    expect(cognito.calls()).toHaveLength(0);
  });

  test('malformed old properties: the live rate is read, and set only when it differs', async () => {
    live(150);
    await expect(run(updateEvent(TYPE, ID, { ...props, RequestsPerSecond: 'fast' }, props))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(inputs(UpdateProvisionedLimitCommand)).toEqual([{ LimitDefinition: definition, RequestedLimitValue: 200 }]);
    cognito.resetHistory();
    live(200);
    await expect(run(updateEvent(TYPE, ID, { ...props, RequestsPerSecond: 'fast' }, props))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(inputs(GetProvisionedLimitCommand)).toEqual([{ LimitDefinition: definition }]);
    expect(inputs(UpdateProvisionedLimitCommand)).toEqual([]);
  });

  test('a malformed new property fails, naming it, before any call', async () => {
    await expect(run(updateEvent(TYPE, ID, props, { ...props, RequestsPerSecond: 'fast' })))
      .rejects.toThrow(new Error('Invalid property RequestsPerSecond: received "fast"; expected a number'));
    expect(cognito.calls()).toHaveLength(0);
  });

  test('a Delete with malformed properties puts back the free rate of the category its physical id names', async () => {
    live(200);
    await expect(run(deleteEvent(TYPE, ID, { Category: '', RequestsPerSecond: 'fast' }))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(inputs(UpdateProvisionedLimitCommand)).toEqual([{ LimitDefinition: definition, RequestedLimitValue: 120 }]);
  });
});
