// The immutable-settings guard built into UserPool: on by default, its opt-outs, a declared guard
// in its place, its footprint, and the synthesized properties driven through the bundled handler.
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ImmutableSettingsGuard, UserPool, UserPoolProps } from '../lib';
import { bundledHandler } from './emulator/emulator';

const GUARD = 'Custom::CognitoImmutableSettingsGuard';

function stackWith(props?: UserPoolProps): { stack: Stack; pool: UserPool } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  return { stack, pool: new UserPool(stack, 'Pool', props) };
}

/** Resource count per type. */
function resourceCounts(template: Template): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of Object.values<any>(template.toJSON().Resources)) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return counts;
}

function guardOf(template: Template): { id: string; properties: any } {
  const guards = template.findResources(GUARD);
  expect(Object.keys(guards)).toHaveLength(1);
  const [id] = Object.keys(guards);
  return { id, properties: guards[id].Properties };
}

describe('the guard built into UserPool', () => {
  test('a pool with no props is guarded: the pool waits for the guard, which reads every setting it protects', () => {
    // GIVEN / WHEN
    const { stack } = stackWith();
    // THEN
    const template = Template.fromStack(stack);
    const { id, properties } = guardOf(template);
    expect(id).toMatch(/^PoolImmutableSettingsGuard/);
    expect(properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^CognitoUserPoolsProvider/), 'Arn'] },
      PoolName: 'Stack/Pool',
      AllowReplacement: false,
      OptOutOwner: 'the UserPool Stack/Pool',
      AliasAttributes: [],
      UsernameAttributes: [],
      RequiredAttributes: [],
      CustomAttributes: [],
      Clients: [],
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      ImmutableStandardAttributes: [],
      DeveloperOnlyAttributes: [],
    });
    template.hasResource('AWS::Cognito::UserPool', { DependsOn: [id] });
    // It runs before the pool: it must not wait for anything that names the pool.
    template.hasResource(GUARD, { DependsOn: Match.absent() });
  });

  test('the schema settings are read from the pool: required, custom, immutable standard and developer-only attributes', () => {
    const { stack } = stackWith({
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: true, otp: true },
      standardAttributes: { email: { required: true, mutable: true }, birthdate: { mutable: false } },
      customAttributes: { tenant: new cognito.StringAttribute({ mutable: false, maxLen: 64 }), score: new cognito.NumberAttribute({ mutable: true }) },
      developerOnlyAttributes: ['score'],
    });
    expect(guardOf(Template.fromStack(stack)).properties).toEqual(expect.objectContaining({
      AliasAttributes: ['email'],
      CaseSensitive: false,
      RequiredAttributes: ['email'],
      CustomAttributes: [
        { Name: 'tenant', DataType: 'String', Mutable: false, Max: '64' },
        { Name: 'score', DataType: 'Number', Mutable: true },
      ],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      ImmutableStandardAttributes: ['birthdate'],
      DeveloperOnlyAttributes: ['score'],
    }));
  });

  test('immutableSettingsGuard: false leaves the pool alone: no guard, no provider', () => {
    const { stack, pool } = stackWith({ immutableSettingsGuard: false });
    const template = Template.fromStack(stack);
    expect(resourceCounts(template)).toEqual({ 'AWS::Cognito::UserPool': 1 });
    template.hasResource('AWS::Cognito::UserPool', { DependsOn: Match.absent() });
    expect(pool.immutableSettingsGuard).toBeUndefined();
  });

  test('allowReplacement lets the change through, with a warning to turn it off again', () => {
    const { stack } = stackWith({ allowReplacement: true });
    expect(guardOf(Template.fromStack(stack)).properties.AllowReplacement).toBe(true);
    expect(Annotations.fromStack(stack).findWarning('/Stack/Pool/ImmutableSettingsGuard', Match.anyValue())).toEqual([
      expect.objectContaining({
        entry: expect.objectContaining({
          data: 'allowReplacement is on: a change Cognito cannot make on the live pool Stack/Pool goes through (CloudFormation fails the '
            + 'update or replaces the pool, which loses its users). Turn it off after this deployment. '
            + '[ack: cdk-cognito-userpools:allowReplacement]',
        }),
      }),
    ]);
  });

  test('clients can be added to the built-in guard', () => {
    const { stack, pool } = stackWith();
    const backend = pool.addClient('Backend', { generateSecret: true });
    pool.immutableSettingsGuard!.guardClient(backend);
    const template = Template.fromStack(stack);
    const { id, properties } = guardOf(template);
    expect(properties.Clients).toEqual([{ Name: 'Stack/Pool/Backend', GenerateSecret: true }]);
    template.hasResource('AWS::Cognito::UserPoolClient', { DependsOn: [id] });
  });

  test.each([
    ['new ImmutableSettingsGuard', (stack: Stack, pool: UserPool, client: cognito.UserPoolClient) =>
      new ImmutableSettingsGuard(stack, 'Guard', { userPool: pool, clients: [client], allowReplacement: true })],
    ['pool.addImmutableSettingsGuard', (_stack: Stack, pool: UserPool, client: cognito.UserPoolClient) =>
      pool.addImmutableSettingsGuard('Guard', { clients: [client], allowReplacement: true })],
  ])('a guard declared with %s takes the built-in one\'s place', (_how, declare) => {
    // GIVEN a guarded pool whose built-in guard already guards a client
    const { stack, pool } = stackWith();
    const client = pool.addClient('Web');
    pool.immutableSettingsGuard!.guardClient(client);
    // WHEN a guard with its own options is declared
    const declared = declare(stack, pool, client);
    // THEN it is the only one, and the pool and the client wait for it alone
    const template = Template.fromStack(stack);
    const { id, properties } = guardOf(template);
    expect(id).toEqual(stack.getLogicalId(declared.node.findChild('Resource').node.defaultChild as any));
    expect(properties).toEqual(expect.objectContaining({
      AllowReplacement: true,
      OptOutOwner: `the ImmutableSettingsGuard ${declared.node.path}`,
      Clients: [{ Name: 'Stack/Pool/Web', GenerateSecret: false }],
    }));
    template.hasResource('AWS::Cognito::UserPool', { DependsOn: [id] });
    template.hasResource('AWS::Cognito::UserPoolClient', { DependsOn: [id] });
    expect(pool.immutableSettingsGuard).toBeUndefined();
  });

  test('a plain aws-cdk-lib pool can still be guarded explicitly', () => {
    const stack = new Stack(new App(), 'Stack');
    const userPool = new cognito.UserPool(stack, 'Pool');
    new ImmutableSettingsGuard(stack, 'Guard', { userPool });
    const template = Template.fromStack(stack);
    const { id, properties } = guardOf(template);
    // aws-cdk-lib leaves MfaConfiguration out: Cognito's default, OFF, is what is recorded
    expect(properties).toEqual(expect.objectContaining({ MfaConfiguration: 'OFF', EnabledMfas: [] }));
    template.hasResource('AWS::Cognito::UserPool', { DependsOn: [id] });
  });
});

describe('footprint of a minimal pool stack (the README numbers)', () => {
  test('with the guard: 10 resources, 2 Lambda functions, 2 IAM roles, about 6 KB of template; without it: 1 resource, about 2 KB', () => {
    // GIVEN the smallest stack, as README "Immutable-setting guard" measures it
    const guarded = Template.fromStack(stackWith().stack);
    const bare = Template.fromStack(stackWith({ immutableSettingsGuard: false }).stack);
    // THEN
    expect(resourceCounts(guarded)).toEqual({
      'AWS::Cognito::UserPool': 1,
      'Custom::CognitoImmutableSettingsGuard': 1,
      'AWS::Lambda::Function': 2,
      'AWS::IAM::Role': 2,
      'AWS::IAM::Policy': 2,
      'AWS::Logs::LogGroup': 2,
    });
    expect(resourceCounts(bare)).toEqual({ 'AWS::Cognito::UserPool': 1 });
    const kb = (t: Template) => Math.round(JSON.stringify(t.toJSON()).length / 1024);
    expect([kb(guarded), kb(bare)]).toEqual([6, 2]);
  });

  test('a stack that already has a custom resource pays nothing more for the guard but the guard itself', () => {
    // GIVEN a pool with a declared user (which needs the provider anyway)
    const withGuard = stackWith();
    withGuard.pool.addUser('Alice', { username: 'alice' });
    const withoutGuard = stackWith({ immutableSettingsGuard: false });
    withoutGuard.pool.addUser('Alice', { username: 'alice' });
    // THEN the difference is the guard resource alone
    const a = resourceCounts(Template.fromStack(withGuard.stack));
    const b = resourceCounts(Template.fromStack(withoutGuard.stack));
    expect(a).toEqual({ ...b, [GUARD]: 1 });
    expect(a['AWS::Lambda::Function']).toBe(2);
  });
});

/** CloudFormation delivers every scalar of a custom resource's properties as a string. */
function asDelivered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asDelivered);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asDelivered(v)]));
  return typeof value === 'boolean' || typeof value === 'number' ? String(value) : value;
}

function synthesizedGuardProperties(props: UserPoolProps): Record<string, unknown> {
  const { ServiceToken: _token, ...rest } = guardOf(Template.fromStack(stackWith(props).stack)).properties;
  return asDelivered({ ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:framework', ...rest }) as Record<string, unknown>;
}

describe('the synthesized guard, driven through the bundled handler', () => {
  const handler = bundledHandler();
  const event = (RequestType: string, props: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    RequestType,
    ResourceType: GUARD,
    LogicalResourceId: 'PoolImmutableSettingsGuard',
    RequestId: 'request-1',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Stack/1',
    ResourceProperties: props,
    ...extra,
  });
  let log: jest.SpyInstance;
  beforeEach(() => { log = jest.spyOn(console, 'log').mockImplementation(() => undefined); });
  afterEach(() => log.mockRestore());

  test('a sign-in alias change is refused, its rollback and a no-op redeploy succeed', async () => {
    // GIVEN a deployed pool signing in with username or email
    const deployed = synthesizedGuardProperties({ signInAliases: { username: true, email: true } });
    const { PhysicalResourceId: id } = await handler(event('Create', deployed));
    // WHEN the next template adds phone numbers as an alias
    const changed = synthesizedGuardProperties({ signInAliases: { username: true, email: true, phone: true } });
    const update = handler(event('Update', changed, { PhysicalResourceId: id, OldResourceProperties: deployed }));
    // THEN the guard refuses, naming the property, both values and the pool prop that lets it through
    await expect(update).rejects.toThrow('Refused before the user pool Stack/Pool was touched: Cognito cannot make these changes on a '
      + 'live pool: sign-in aliases (AliasAttributes): [email] → [email, phone_number].');
    await expect(update).rejects.toThrow('set allowReplacement: true on the UserPool Stack/Pool for that one deployment.');
    // AND CloudFormation's rollback, and a later deployment of the same template, keep the id
    await expect(handler(event('Update', deployed, { PhysicalResourceId: id, OldResourceProperties: changed })))
      .resolves.toEqual({ PhysicalResourceId: id });
    await expect(handler(event('Update', deployed, { PhysicalResourceId: id, OldResourceProperties: deployed })))
      .resolves.toEqual({ PhysicalResourceId: id });
  });

  test('MFA turned from OFF to ON on the live pool is let through', async () => {
    const off = synthesizedGuardProperties({ mfa: cognito.Mfa.OFF });
    const { PhysicalResourceId: id } = await handler(event('Create', off));
    const on = synthesizedGuardProperties({});
    const res = await handler(event('Update', on, { PhysicalResourceId: id, OldResourceProperties: off }));
    expect(res.PhysicalResourceId).toMatch(/^immutable-settings\/Stack\/Pool\/from-[0-9a-f]{16}\/[0-9a-f]{16}$/);
  });
});
