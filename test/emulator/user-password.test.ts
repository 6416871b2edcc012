// The bundled handler against cognito-local: a user's password follows the secret's value when
// the password's revision changes (new generation options, or a declared revision), and only then.
import { randomBytes } from 'crypto';
import {
  CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { bundledHandler, Service, startCognitoLocal, startSecretsStub, testCognitoClient, useLocalEndpoints } from './emulator';

const GENERATED = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:BobPassword-AbCdEf';
const DECLARED = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:staff-AbCdEf';
// Made fresh for each run, so no password is committed; each meets the pool's policy.
// cognito-local 5.3.0 answers a wrong password with this (Cognito itself: NotAuthorizedException).
const WRONG_PASSWORD = 'InvalidPasswordException';
const newPassword = () => `Aa1!${randomBytes(12).toString('base64url')}`;

// The stub reads this map on every call: setting a key is Secrets Manager holding a new value.
const secrets = new Map<string, string>();
let cognitoLocal: Service;
let secretsStub: Service;
let cognito: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
let handler: ReturnType<typeof bundledHandler>;
let seq = 0;

beforeAll(async () => {
  [cognitoLocal, secretsStub] = await Promise.all([startCognitoLocal(), startSecretsStub(secrets)]);
  useLocalEndpoints(cognitoLocal.endpoint, secretsStub.endpoint);
  cognito = testCognitoClient(cognitoLocal.endpoint);
  poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'passwords' }))).UserPool!.Id!;
  clientId = (await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
  }))).UserPoolClient!.ClientId!;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  handler = bundledHandler();
});

afterAll(async () => {
  jest.restoreAllMocks();
  cognito?.destroy();
  await Promise.all([cognitoLocal?.stop(), secretsStub?.stop()]);
});

const SERVICE_TOKEN = 'arn:aws:lambda:us-east-1:111111111111:function:provider';
function event(requestType: 'Create' | 'Update', props: object, extra: object = {}) {
  return {
    RequestType: requestType,
    ResourceType: 'Custom::CognitoUser',
    RequestId: `req-${++seq}`,
    LogicalResourceId: 'Resource',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1',
    ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned',
    ResourceProperties: { ServiceToken: SERVICE_TOKEN, ...props },
    ...extra,
  };
}
const create = (props: object) => handler(event('Create', props));
const update = (id: string, oldProps: object, props: object) => handler(event('Update', props, {
  PhysicalResourceId: id, OldResourceProperties: { ServiceToken: SERVICE_TOKEN, ...oldProps },
}));

async function signIn(username: string, password: string): Promise<string> {
  try {
    const res = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    return res.AuthenticationResult?.AccessToken ? 'signed in' : `challenge ${res.ChallengeName}`;
  } catch (error) {
    return (error as Error).name;
  }
}

describe('UserPassword.generate: new generation options', () => {
  const user = (revision?: string) => ({
    UserPoolId: poolId,
    Username: 'bob',
    Password: { SecretArn: GENERATED, Permanent: 'true', ...(revision ? { Revision: revision } : {}) },
    Enabled: 'true',
    RecordOwner: 'true',
  });
  const id = () => `${poolId}/bob`;
  const values: string[] = [];
  /** CloudFormation regenerating the secret under the same ARN. */
  const regenerate = () => {
    const value = newPassword();
    values.push(value);
    secrets.set(GENERATED, value);
    return value;
  };

  test('create sets the generated value', async () => {
    const first = regenerate();
    await expect(create(user('d1d509abbe041d7c'))).resolves.toEqual({ PhysicalResourceId: id() });
    expect(await signIn('bob', first)).toBe('signed in');
  });

  test('a new revision (the secret regenerated under the same ARN) sets the new value; the old one no longer signs in', async () => {
    const [first] = values;
    const second = regenerate();
    await expect(update(id(), user('d1d509abbe041d7c'), user('405d137d622c9cea'))).resolves.toEqual({ PhysicalResourceId: id() });
    expect(await signIn('bob', second)).toBe('signed in');
    expect(await signIn('bob', first)).toBe(WRONG_PASSWORD);
  });

  test('the rollback (the secret regenerated once more, old and new swapped) sets that value', async () => {
    const [, second] = values;
    const third = regenerate();
    await expect(update(id(), user('405d137d622c9cea'), user('d1d509abbe041d7c'))).resolves.toEqual({ PhysicalResourceId: id() });
    expect(await signIn('bob', third)).toBe('signed in');
    expect(await signIn('bob', second)).toBe(WRONG_PASSWORD);
  });

  test('an update that keeps the revision leaves the password alone', async () => {
    const [, , third] = values;
    // Had the handler set the password, the new value would sign in instead of the third.
    const untouched = regenerate();
    await expect(update(id(), { ...user('d1d509abbe041d7c'), Enabled: 'true' }, { ...user('d1d509abbe041d7c'), Enabled: 'false' }))
      .resolves.toEqual({ PhysicalResourceId: id() });
    await update(id(), { ...user('d1d509abbe041d7c'), Enabled: 'false' }, user('d1d509abbe041d7c'));
    expect(await signIn('bob', third)).toBe('signed in');
    expect(await signIn('bob', untouched)).toBe(WRONG_PASSWORD);
    secrets.set(GENERATED, third);
  });

  test('properties of a library version without revisions (upgrade, and its rollback) set nothing', async () => {
    const [, , third] = values;
    const elsewhere = newPassword();
    secrets.set(GENERATED, elsewhere);
    await update(id(), user(), user('d1d509abbe041d7c'));
    await update(id(), user('d1d509abbe041d7c'), user());
    expect(await signIn('bob', third)).toBe('signed in');
    expect(await signIn('bob', elsewhere)).toBe(WRONG_PASSWORD);
  });
});

describe('UserPassword.fromSecret with a revision: a value changed in the secret', () => {
  const user = (revision: string) => ({
    UserPoolId: poolId,
    Username: 'carol',
    Password: { SecretArn: DECLARED, JsonKey: 'carol', Permanent: 'true', Revision: revision },
    RecordOwner: 'true',
  });

  test('raising the revision sets the secret\'s current value', async () => {
    const before = newPassword();
    secrets.set(DECLARED, JSON.stringify({ carol: before }));
    await expect(create(user('1'))).resolves.toEqual({ PhysicalResourceId: `${poolId}/carol` });
    expect(await signIn('carol', before)).toBe('signed in');

    const after = newPassword();
    secrets.set(DECLARED, JSON.stringify({ carol: after }));
    await expect(update(`${poolId}/carol`, user('1'), user('2'))).resolves.toEqual({ PhysicalResourceId: `${poolId}/carol` });
    expect(await signIn('carol', after)).toBe('signed in');
    expect(await signIn('carol', before)).toBe(WRONG_PASSWORD);
  });
});
