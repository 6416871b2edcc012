// The bundled handler against cognito-local with old properties it cannot fully trust: an older
// library version's (unknown names, malformed values) and a rejected update's, sent back by
// CloudFormation's rollback as OldResourceProperties. Updates and Deletes never fail on them and
// converge to the declaration from the pool's live state; new properties are parsed strictly.
import {
  CognitoIdentityProviderClient, CreateUserPoolCommand, DescribeUserPoolCommand, GetUserPoolMfaConfigCommand, SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { bundledHandler, Service, startCognitoLocal, startSecretsStub, testCognitoClient, useLocalEndpoints } from './emulator';

let cognitoLocal: Service;
let secretsStub: Service;
let cognito: CognitoIdentityProviderClient;
let handler: ReturnType<typeof bundledHandler>;
let seq = 0;

beforeAll(async () => {
  [cognitoLocal, secretsStub] = await Promise.all([startCognitoLocal(), startSecretsStub(new Map())]);
  useLocalEndpoints(cognitoLocal.endpoint, secretsStub.endpoint);
  cognito = testCognitoClient(cognitoLocal.endpoint);
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
const newPool = async (name: string) => (await cognito.send(new CreateUserPoolCommand({ PoolName: name }))).UserPool!.Id!;

describe('Custom::CognitoCustomAttributes', () => {
  const TYPE = 'Custom::CognitoCustomAttributes';
  const TENANT = { Name: 'tenant', DataType: 'String', Mutable: 'true' };
  const SEATS = { Name: 'seats', DataType: 'Number', Mutable: 'false' };
  const PLAN = { Name: 'plan', DataType: 'String', Mutable: 'true' };
  let poolId: string;
  let deployedId: string;
  const declared = (...attributes: object[]) => ({ UserPoolId: poolId, Attributes: attributes });
  const schema = async () => {
    const pool = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    return (pool.UserPool?.SchemaAttributes ?? []).filter((s) => s.Name?.startsWith('custom:'))
      .map((s) => `${s.Name} ${s.AttributeDataType} ${s.Mutable ? 'mutable' : 'immutable'}`).sort();
  };

  beforeAll(async () => {
    poolId = await newPool('custom-attributes-old-properties');
    deployedId = (await send('Create', TYPE, declared(TENANT))).PhysicalResourceId!;
  });

  test('an update from an older version\'s properties (unknown names, top level and nested) adds the new attribute', async () => {
    const older = { ...declared({ ...TENANT, Searchable: 'true' }), Legacy: 'x' };
    deployedId = (await updateOf(TYPE, deployedId, older, declared(TENANT, SEATS))).PhysicalResourceId!;
    expect(await schema()).toEqual(['custom:seats Number immutable', 'custom:tenant String mutable']);
  });

  test('malformed old properties: converges from the pool\'s schema, and a change against it is still refused', async () => {
    const malformed = { UserPoolId: poolId, Attributes: 'tenant,seats' };
    await expect(updateOf(TYPE, deployedId, malformed, declared(TENANT, { ...SEATS, DataType: 'String' })))
      .rejects.toThrow('Cognito cannot remove or change a custom attribute (custom:seats changed)');
    expect(await schema()).toEqual(['custom:seats Number immutable', 'custom:tenant String mutable']);
    deployedId = (await updateOf(TYPE, deployedId, malformed, declared(TENANT, SEATS, PLAN))).PhysicalResourceId!;
    expect(await schema()).toEqual(['custom:plan String mutable', 'custom:seats Number immutable', 'custom:tenant String mutable']);
  });

  test('an unknown new property fails naming it, the pool untouched; the rollback with it as old succeeds under the deployed id', async () => {
    const rejected = declared(TENANT, SEATS, PLAN, { Name: 'region', DataType: 'String', Searchable: 'true' });
    await expect(updateOf(TYPE, deployedId, declared(TENANT, SEATS, PLAN), rejected))
      .rejects.toThrow('Unknown property Attributes[3].Searchable; allowed in Attributes[3]: Name, DataType, Mutable, Min, Max');
    await expect(updateOf(TYPE, deployedId, rejected, declared(TENANT, SEATS, PLAN))).resolves.toEqual({ PhysicalResourceId: deployedId });
    expect(await schema()).toEqual(['custom:plan String mutable', 'custom:seats Number immutable', 'custom:tenant String mutable']);
  });

  test('a Delete with malformed properties succeeds; the attributes stay (Cognito cannot delete them)', async () => {
    await expect(send('Delete', TYPE, { UserPoolId: poolId, Attributes: 'tenant' }, { PhysicalResourceId: deployedId }))
      .resolves.toEqual({ PhysicalResourceId: deployedId });
    expect(await schema()).toHaveLength(3);
  });
});

describe('Custom::CognitoUserPoolMfa', () => {
  const TYPE = 'Custom::CognitoUserPoolMfa';
  let poolId: string;
  let id: string;
  const declared = (extra: object = {}) => ({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', Totp: 'true', ...extra });
  const mfa = async () => {
    const res = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    return `${res.MfaConfiguration} totp=${res.SoftwareTokenMfaConfiguration?.Enabled}`;
  };
  /** Another writer changes the pool behind the resource's back, so that a skipped call shows. */
  const drift = () => cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } }));

  beforeAll(async () => {
    poolId = await newPool('mfa-old-properties');
    id = (await send('Create', TYPE, declared())).PhysicalResourceId!;
  });

  test('an older version\'s unknown property is ignored: the same settings are no change, no call', async () => {
    await drift();
    await expect(updateOf(TYPE, id, declared({ Legacy: 'x' }), declared())).resolves.toEqual({ PhysicalResourceId: id });
    expect(await mfa()).toEqual('OFF totp=false');
  });

  test('malformed old properties: the previous settings are unknown, so the whole declaration is sent', async () => {
    await drift();
    await expect(updateOf(TYPE, id, declared({ MfaConfiguration: 'REQUIRED' }), declared())).resolves.toEqual({ PhysicalResourceId: id });
    expect(await mfa()).toEqual('OPTIONAL totp=true');
  });

  test('an unknown new property fails naming it, the pool untouched; the rollback with it as old succeeds', async () => {
    const rejected = declared({ MfaConfiguration: 'ON', Email: { Subject: 'Your code', From: 'noreply@example.com' } });
    await expect(updateOf(TYPE, id, declared(), rejected))
      .rejects.toThrow('Unknown property Email.From; allowed in Email: Subject, Message');
    expect(await mfa()).toEqual('OPTIONAL totp=true');
    await expect(updateOf(TYPE, id, rejected, declared())).resolves.toEqual({ PhysicalResourceId: id });
    expect(await mfa()).toEqual('OPTIONAL totp=true');
  });

  test('a Delete with malformed properties succeeds and leaves the settings', async () => {
    await expect(send('Delete', TYPE, { UserPoolId: poolId, MfaConfiguration: 'REQUIRED', Totp: 'yes' }, { PhysicalResourceId: id }))
      .resolves.toEqual({ PhysicalResourceId: id });
    expect(await mfa()).toEqual('OPTIONAL totp=true');
  });
});
