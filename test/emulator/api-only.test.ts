// The bundled handler against cognito-local for the API-only operations it supports:
// AddCustomAttributes + DescribeUserPool (custom attributes on a live pool) and
// SetUserPoolMfaConfig (pool MFA settings), through CloudFormation-style events.
import {
  CognitoIdentityProviderClient, CreateUserPoolCommand, DescribeUserPoolCommand, GetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { bundledHandler, Service, startCognitoLocal, startSecretsStub, testCognitoClient, useLocalEndpoints } from './emulator';

let cognitoLocal: Service;
let secretsStub: Service;
let cognito: CognitoIdentityProviderClient;
let poolId: string;
let handler: ReturnType<typeof bundledHandler>;
let seq = 0;

beforeAll(async () => {
  [cognitoLocal, secretsStub] = await Promise.all([startCognitoLocal(), startSecretsStub(new Map())]);
  useLocalEndpoints(cognitoLocal.endpoint, secretsStub.endpoint);
  cognito = testCognitoClient(cognitoLocal.endpoint);
  poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'api-only' }))).UserPool!.Id!;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  handler = bundledHandler();
});

afterAll(async () => {
  jest.restoreAllMocks();
  await Promise.all([cognitoLocal?.stop(), secretsStub?.stop()]);
});

const TOKEN = 'arn:aws:lambda:us-east-1:111111111111:function:provider';
function send(requestType: 'Create' | 'Update' | 'Delete', resourceType: string, props: object, extra: object = {}) {
  return handler({
    RequestType: requestType, ResourceType: resourceType, RequestId: `req-${++seq}`, LogicalResourceId: 'Resource',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1',
    ResourceProperties: { ServiceToken: TOKEN, ...props }, ...extra,
  });
}
const updateOf = (type: string, id: string, oldProps: object, props: object) =>
  send('Update', type, props, { PhysicalResourceId: id, OldResourceProperties: { ServiceToken: TOKEN, ...oldProps } });

async function customAttributes(): Promise<Array<{ name?: string; type?: string; mutable?: boolean }>> {
  const pool = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  return (pool.UserPool?.SchemaAttributes ?? []).filter((s) => s.Name?.startsWith('custom:'))
    .map((s) => ({ name: s.Name, type: s.AttributeDataType, mutable: s.Mutable })).sort((a, b) => a.name!.localeCompare(b.name!));
}

describe('Custom::CognitoCustomAttributes against cognito-local', () => {
  const TYPE = 'Custom::CognitoCustomAttributes';
  const v1 = () => ({ UserPoolId: poolId, Attributes: [{ Name: 'tenant', DataType: 'String', Mutable: 'true' }] });
  const v2 = () => ({ UserPoolId: poolId, Attributes: [...v1().Attributes, { Name: 'seats', DataType: 'Number', Mutable: 'false' }] });
  let deployedId: string;

  test('create adds the attribute to the live pool', async () => {
    deployedId = (await send('Create', TYPE, v1())).PhysicalResourceId!;
    expect(await customAttributes()).toEqual([{ name: 'custom:tenant', type: 'String', mutable: true }]);
  });

  test('update adds only the new attribute', async () => {
    deployedId = (await updateOf(TYPE, deployedId, v1(), v2())).PhysicalResourceId!;
    expect(await customAttributes()).toEqual([
      { name: 'custom:seats', type: 'Number', mutable: false },
      { name: 'custom:tenant', type: 'String', mutable: true },
    ]);
  });

  test('a removal is refused and the pool is unchanged; the rollback succeeds', async () => {
    const withoutTenant = () => ({ UserPoolId: poolId, Attributes: [v2().Attributes[1]] });
    await expect(updateOf(TYPE, deployedId, v2(), withoutTenant())).rejects.toThrow('custom:tenant removed');
    await expect(updateOf(TYPE, deployedId, withoutTenant(), v2())).resolves.toEqual({ PhysicalResourceId: deployedId });
    expect(await customAttributes()).toHaveLength(2);
  });

  test('the rollback of the accepted addition (back to v1 under its id) succeeds; the attribute stays', async () => {
    await expect(updateOf(TYPE, deployedId, v2(), v1())).resolves.toBeDefined();
    expect(await customAttributes()).toHaveLength(2);
  });

  test('a create meeting attributes already there (a re-run) adds nothing and succeeds', async () => {
    const created = (await send('Create', TYPE, v2())).PhysicalResourceId!;
    // The same list: the same fingerprint (the update's id also names the list it replaced).
    expect(created.split('/').pop()).toEqual(deployedId.split('/').pop());
    expect(await customAttributes()).toHaveLength(2);
  });

  test('delete leaves the attributes (Cognito cannot delete them)', async () => {
    await send('Delete', TYPE, v2(), { PhysicalResourceId: deployedId });
    expect(await customAttributes()).toHaveLength(2);
  });
});

describe('Custom::CognitoUserPoolMfa against cognito-local', () => {
  const TYPE = 'Custom::CognitoUserPoolMfa';
  const totpOptional = () => ({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', Totp: 'true' });
  const totpRequired = () => ({ UserPoolId: poolId, MfaConfiguration: 'ON', Totp: 'true' });
  const mfa = async () => {
    const res = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    return { mode: res.MfaConfiguration, totp: res.SoftwareTokenMfaConfiguration?.Enabled };
  };

  test('create, update, rollback and delete', async () => {
    const id = (await send('Create', TYPE, totpOptional())).PhysicalResourceId!;
    expect(id).toEqual(`${poolId}/mfa`);
    expect(await mfa()).toEqual({ mode: 'OPTIONAL', totp: true });
    await updateOf(TYPE, id, totpOptional(), totpRequired());
    expect(await mfa()).toEqual({ mode: 'ON', totp: true });
    await updateOf(TYPE, id, totpRequired(), totpOptional());
    expect(await mfa()).toEqual({ mode: 'OPTIONAL', totp: true });
    await send('Delete', TYPE, totpOptional(), { PhysicalResourceId: id });
    expect(await mfa()).toEqual({ mode: 'OPTIONAL', totp: true });
  });
});
