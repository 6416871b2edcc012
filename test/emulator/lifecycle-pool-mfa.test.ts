// Lifecycle matrix of Custom::CognitoUserPoolMfa (the pool MFA settings): the bundled handler
// against cognito-local behind the fault proxy (issue 10, "How it is proven").
import { CreateUserPoolCommand, DeleteUserPoolCommand, GetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { poolMfaModule } from '../../custom-resources/pool-mfa';
import { createContext } from '../../custom-resources/shared/context';
import { useLifecycle } from './lifecycle-harness';

const TYPE = 'Custom::CognitoUserPoolMfa';
const SNS_ROLE = 'arn:aws:iam::111111111111:role/sms';
const life = useLifecycle(TYPE);

async function newPool(name: string): Promise<string> {
  return (await life.cognito.send(new CreateUserPoolCommand({ PoolName: name }))).UserPool!.Id!;
}
async function mfa(pool: string) {
  const res = await life.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool }));
  return { mode: res.MfaConfiguration, totp: res.SoftwareTokenMfaConfiguration?.Enabled, sns: res.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn };
}
const optional = (pool: string) => ({ UserPoolId: pool, MfaConfiguration: 'OPTIONAL', Totp: 'true' });
const required = (pool: string) => ({ UserPoolId: pool, MfaConfiguration: 'ON', Totp: 'true' });
const withSms = (pool: string) => ({ ...required(pool), Sms: { SnsCallerArn: SNS_ROLE, ExternalId: 'ext', Message: 'Code {####}' } });
const setInputs = () => life.calls.filter((c) => c.operation === 'SetUserPoolMfaConfig').map((c) => c.body);

describe('create', () => {
  test('sets the configuration; the retried Create (write landed) sends the same one and returns the same id', async () => {
    const pool = await newPool('create');
    await expect(life.create(optional(pool))).resolves.toEqual({ PhysicalResourceId: `${pool}/mfa` });
    await expect(life.create(optional(pool))).resolves.toEqual({ PhysicalResourceId: `${pool}/mfa` });
    expect(setInputs()).toEqual([
      { UserPoolId: pool, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
      { UserPoolId: pool, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
    ]);
    expect(await mfa(pool)).toEqual({ mode: 'OPTIONAL', totp: true, sns: undefined });
  });

  test('a lost response converges', async () => {
    const pool = await newPool('lost');
    life.faults.lose = (op, _body, nth) => op === 'SetUserPoolMfaConfig' && nth === 1;
    await expect(life.create(withSms(pool))).resolves.toEqual({ PhysicalResourceId: `${pool}/mfa` });
    expect(life.lost).toEqual(['SetUserPoolMfaConfig']);
    expect(setInputs()).toHaveLength(2);
    expect(await mfa(pool)).toEqual({ mode: 'ON', totp: true, sns: SNS_ROLE });
  });

  test('the Lambda killed after the write landed, then the next Create: converges with the same id', async () => {
    const pool = await newPool('killed-create');
    // The write lands and its answer is lost; the invocation then dies (a non-retryable error).
    life.faults.lose = (op, _body, nth) => op === 'SetUserPoolMfaConfig' && nth === 1;
    life.faults.inject = (op, _body, nth) => (op === 'SetUserPoolMfaConfig' && nth === 2 ? 'SimulatedLambdaTimeout' : undefined);
    await expect(life.create(required(pool))).rejects.toThrow('Injected SimulatedLambdaTimeout');
    expect(await mfa(pool)).toEqual({ mode: 'ON', totp: true, sns: undefined });
    life.reset();
    await expect(life.create(required(pool))).resolves.toEqual({ PhysicalResourceId: `${pool}/mfa` });
    expect(await mfa(pool)).toEqual({ mode: 'ON', totp: true, sns: undefined });
  });

  test('the failed-Create path (no Delete comes): the landed setting is the declared one and the next attempt adopts it', async () => {
    const pool = await newPool('failed-create');
    life.faults.lose = (op, _body, nth) => op === 'SetUserPoolMfaConfig' && nth === 1;
    life.faults.inject = (op, _body, nth) => (op === 'SetUserPoolMfaConfig' && nth === 2 ? 'SimulatedLambdaTimeout' : undefined);
    await expect(life.create(optional(pool))).rejects.toThrow('Injected SimulatedLambdaTimeout');
    // Nothing else was written; the pool's settings are the declared ones (a Delete would not reset them either).
    expect(setInputs().map((b) => b.MfaConfiguration)).toEqual(['OPTIONAL', 'OPTIONAL']);
    expect(await mfa(pool)).toEqual({ mode: 'OPTIONAL', totp: true, sns: undefined });
    life.reset();
    await expect(life.create(optional(pool))).resolves.toEqual({ PhysicalResourceId: `${pool}/mfa` });
    expect(setInputs()).toHaveLength(1);
  });
});

describe('update', () => {
  let pool: string;
  beforeAll(async () => {
    pool = await newPool('update');
    await life.create(optional(pool));
  });

  test('each kind of update sends the whole new configuration once; a no-op sends nothing', async () => {
    const id = `${pool}/mfa`;
    // Enforcement
    await expect(life.update(id, optional(pool), required(pool))).resolves.toEqual({ PhysicalResourceId: id });
    expect(await mfa(pool)).toEqual({ mode: 'ON', totp: true, sns: undefined });
    // A factor added
    await expect(life.update(id, required(pool), withSms(pool))).resolves.toEqual({ PhysicalResourceId: id });
    expect(await mfa(pool)).toEqual({ mode: 'ON', totp: true, sns: SNS_ROLE });
    expect(setInputs()).toEqual([
      { UserPoolId: pool, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } },
      {
        UserPoolId: pool, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: SNS_ROLE, ExternalId: 'ext' } },
      },
    ]);
    // A no-op: no call at all
    life.reset();
    await expect(life.update(id, withSms(pool), withSms(pool))).resolves.toEqual({ PhysicalResourceId: id });
    expect(life.calls).toEqual([]);
    // Back to the start
    await life.update(id, withSms(pool), optional(pool));
    expect(await mfa(pool)).toMatchObject({ mode: 'OPTIONAL', totp: true });
  });

  test('a failure on the (1st) call of an update, then the rollback under the old id', async () => {
    const id = `${pool}/mfa`;
    life.faults.inject = (op) => (op === 'SetUserPoolMfaConfig' ? 'InvalidParameterException' : undefined);
    await expect(life.update(id, optional(pool), required(pool))).rejects.toThrow('Injected InvalidParameterException');
    expect(await mfa(pool)).toMatchObject({ mode: 'OPTIONAL', totp: true });
    life.reset();
    await expect(life.update(id, required(pool), optional(pool))).resolves.toEqual({ PhysicalResourceId: id });
    expect(setInputs()).toEqual([{ UserPoolId: pool, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }]);
    expect(await mfa(pool)).toMatchObject({ mode: 'OPTIONAL', totp: true });
  });

  test('the Lambda killed after an update landed, then the same update again', async () => {
    const id = `${pool}/mfa`;
    life.faults.lose = (op, _body, nth) => op === 'SetUserPoolMfaConfig' && nth === 1;
    life.faults.inject = (op, _body, nth) => (op === 'SetUserPoolMfaConfig' && nth === 2 ? 'SimulatedLambdaTimeout' : undefined);
    await expect(life.update(id, optional(pool), required(pool))).rejects.toThrow('Injected SimulatedLambdaTimeout');
    life.reset();
    await expect(life.update(id, optional(pool), required(pool))).resolves.toEqual({ PhysicalResourceId: id });
    expect(await mfa(pool)).toMatchObject({ mode: 'ON', totp: true });
    await life.update(id, required(pool), optional(pool));
  });

  test('pool replacement: the new pool gets the settings and a new id; the old pool is left as it is', async () => {
    const other = await newPool('replacement');
    await expect(life.update(`${pool}/mfa`, optional(pool), required(other))).resolves.toEqual({ PhysicalResourceId: `${other}/mfa` });
    expect(await mfa(other)).toMatchObject({ mode: 'ON', totp: true });
    // CloudFormation then deletes the old id: no call, the old pool keeps its settings.
    life.reset();
    await expect(life.remove(`${pool}/mfa`, optional(pool))).resolves.toEqual({ PhysicalResourceId: `${pool}/mfa` });
    expect(life.calls).toEqual([]);
    expect(await mfa(pool)).toMatchObject({ mode: 'OPTIONAL', totp: true });
  });

  test('an update from properties an older version wrote (no Totp key), and from unusable ones (undefined)', async () => {
    const id = `${pool}/mfa`;
    const older = { UserPoolId: pool, MfaConfiguration: 'OPTIONAL', Sms: { SnsCallerArn: SNS_ROLE } };
    await expect(life.update(id, older, optional(pool))).resolves.toEqual({ PhysicalResourceId: id });
    expect(setInputs()).toEqual([{ UserPoolId: pool, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }]);
    life.reset();
    const res = await poolMfaModule.onUpdate(poolMfaModule.parse(required(pool)), undefined as any, id, createContext());
    expect(res).toEqual({ physicalId: id });
    expect(setInputs()).toEqual([{ UserPoolId: pool, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }]);
    expect(await mfa(pool)).toMatchObject({ mode: 'ON', totp: true });
  });
});

describe('delete', () => {
  test('makes no call and leaves the settings (they belong to the pool)', async () => {
    const pool = await newPool('delete');
    await life.create(required(pool));
    life.reset();
    await expect(life.remove(`${pool}/mfa`, required(pool))).resolves.toEqual({ PhysicalResourceId: `${pool}/mfa` });
    expect(life.calls).toEqual([]);
    expect(await mfa(pool)).toEqual({ mode: 'ON', totp: true, sns: undefined });
  });

  test('with the pool already gone succeeds with no call', async () => {
    const pool = await newPool('gone');
    await life.create(required(pool));
    await life.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
    life.reset();
    await expect(life.remove(`${pool}/mfa`, required(pool))).resolves.toEqual({ PhysicalResourceId: `${pool}/mfa` });
    expect(life.calls).toEqual([]);
  });
});

describe('under faults: 30% throttling or 5xx before the request, 20% of write responses lost', () => {
  test('create, the retried create, updates, a rollback and delete all converge to the declared settings', async () => {
    const pool = await newPool('faults');
    life.faults.background = { faultRate: 0.3, lostResponseRate: 0.2, seed: 5 };
    const id = `${pool}/mfa`;
    for (let round = 0; round < 4; round++) {
      await expect(life.create(optional(pool))).resolves.toEqual({ PhysicalResourceId: id });
      await expect(life.update(id, optional(pool), withSms(pool))).resolves.toEqual({ PhysicalResourceId: id });
      expect(await mfa(pool)).toEqual({ mode: 'ON', totp: true, sns: SNS_ROLE });
      await expect(life.update(id, withSms(pool), required(pool))).resolves.toEqual({ PhysicalResourceId: id });
      await expect(life.update(id, required(pool), optional(pool))).resolves.toEqual({ PhysicalResourceId: id });
      expect(await mfa(pool)).toMatchObject({ mode: 'OPTIONAL', totp: true });
    }
    await expect(life.remove(id, optional(pool))).resolves.toEqual({ PhysicalResourceId: id });
    expect(await mfa(pool)).toMatchObject({ mode: 'OPTIONAL', totp: true });
    expect(life.lost.length).toBeGreaterThan(0);
    expect(life.proxy.faults.throttled + life.proxy.faults.failed).toBeGreaterThan(0);
  });
});
