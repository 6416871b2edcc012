import { CognitoIdentityProviderClient, GetUICustomizationCommand, SetUICustomizationCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { hostedUiLogoModule } from '../../custom-resources/hosted-ui-logo';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const s3 = mockClient(S3Client);
const TYPE = 'Custom::CognitoHostedUiLogo';
const ID = 'us-east-1_pool/ALL/hosted-ui-logo';
const IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const props = (hash = 'h1', extra: object = {}) => ({
  UserPoolId: 'us-east-1_pool', ClientId: 'ALL', ImageBucket: 'assets', ImageKey: `${hash}.png`, ImageHash: hash, ...extra,
});
const run = (event: any) => dispatch(event, testContext(), [hostedUiLogoModule]);
const sets = () => cognito.commandCalls(SetUICustomizationCommand).map((c) => c.args[0].input);

beforeEach(() => {
  cognito.reset();
  s3.reset();
  cognito.on(GetUICustomizationCommand).resolves({
    UICustomization: { UserPoolId: 'us-east-1_pool', ClientId: 'ALL', CSS: '.banner { color: red }', ImageUrl: 'https://cdn.example/logo.png' },
  });
  cognito.on(SetUICustomizationCommand).resolves({});
  s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(IMAGE) } } as any);
});

describe('Custom::CognitoHostedUiLogo', () => {
  test('create sends the image from the asset and keeps the CSS in place', async () => {
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'assets', Key: 'h1.png' }]);
    expect(sets()).toEqual([{ UserPoolId: 'us-east-1_pool', ClientId: 'ALL', CSS: '.banner { color: red }', ImageFile: new Uint8Array(IMAGE) }]);
  });

  test('a no-op update (same image hash) makes no call', async () => {
    await run(updateEvent(TYPE, ID, props(), props('h1', { ImageBucket: 'other-bucket' })));
    expect(cognito.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test.each([
    ['update to a new image', 'h1', 'h2'],
    ['rollback to the previous image (old/new swapped)', 'h2', 'h1'],
  ])('%s re-sends the image once', async (_name, before, after) => {
    await expect(run(updateEvent(TYPE, ID, props(before), props(after)))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key)).toEqual([`${after}.png`]);
    expect(sets()).toHaveLength(1);
  });

  test('a new Refresh value (the CSS changed) re-sends the same image', async () => {
    await run(updateEvent(TYPE, ID, props('h1', { Refresh: 'css-1' }), props('h1', { Refresh: 'css-2' })));
    expect(sets()).toHaveLength(1);
  });

  test('another client is a replacement with a new physical id', async () => {
    const res = await run(updateEvent(TYPE, ID, props(), props('h1', { ClientId: 'abc' })));
    expect(res).toEqual({ PhysicalResourceId: 'us-east-1_pool/abc/hosted-ui-logo' });
    expect(sets().map((i) => i.ClientId)).toEqual(['abc']);
  });

  test('delete removes the logo and keeps the CSS', async () => {
    await run(deleteEvent(TYPE, ID, props()));
    expect(sets()).toEqual([{ UserPoolId: 'us-east-1_pool', ClientId: 'ALL', CSS: '.banner { color: red }', ImageFile: undefined }]);
    expect(s3.calls()).toHaveLength(0);
  });

  test('delete when the pool is gone succeeds', async () => {
    cognito.on(GetUICustomizationCommand).rejects(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));
    await expect(run(deleteEvent(TYPE, ID, props()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(sets()).toHaveLength(0);
  });

  test('delete when the domain is already gone succeeds (no hosted UI left to reset)', async () => {
    // GIVEN the stack's domain was deleted first (the logo does not depend on it)
    cognito.on(SetUICustomizationCommand).rejects(Object.assign(
      new Error('There has to be an existing domain associated with this user pool or app client.'),
      { name: 'InvalidParameterException' },
    ));
    // WHEN the logo is deleted THEN the delete is done, not a stuck stack
    await expect(run(deleteEvent(TYPE, ID, props()))).resolves.toEqual({ PhysicalResourceId: ID });
  });

  test('any other invalid parameter still fails the delete', async () => {
    cognito.on(SetUICustomizationCommand).rejects(Object.assign(new Error('CSS is invalid'), { name: 'InvalidParameterException' }));
    await expect(run(deleteEvent(TYPE, ID, props()))).rejects.toThrow('CSS is invalid');
  });
});
