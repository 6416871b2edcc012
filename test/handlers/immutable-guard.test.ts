import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { immutableGuardModule } from '../../custom-resources/immutable-guard';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
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
const run = (event: any) => dispatch(event, testContext(), [immutableGuardModule]);

beforeEach(() => {
  cognito.reset();
  cognito.onAnyCommand().rejects(new Error('the guard must make no AWS call'));
});

async function deploy(props: Record<string, unknown>): Promise<string> {
  return (await run(createEvent(TYPE, props))).PhysicalResourceId!;
}

describe('Custom::CognitoImmutableSettingsGuard', () => {
  test('create records the fingerprint of the settings in the physical id', async () => {
    expect(await deploy(base)).toMatch(/^immutable-settings\/App\/Pool\/[0-9a-f]{16}$/);
  });

  test('a sign-in alias change is stopped, naming the change, before any pool call', async () => {
    const id = await deploy(base);
    await expect(run(updateEvent(TYPE, id, base, { ...base, AliasAttributes: ['email', 'phone_number'] })))
      .rejects.toThrow('Refused before the user pool App/Pool was touched: Cognito cannot change these settings after creation: '
        + 'sign-in aliases (AliasAttributes): [email] → [email, phone_number]');
    expect(cognito.calls()).toHaveLength(0);
  });

  test.each([
    ['username attributes', { UsernameAttributes: ['email'] }, 'username attributes (UsernameAttributes): [] → [email]'],
    ['case sensitivity', { CaseSensitive: 'true' }, 'username case sensitivity: false → true'],
    ['required attributes', { RequiredAttributes: ['email', 'name'] }, 'required attributes: [email] → [email, name]'],
    ['custom attribute removal', { CustomAttributes: [] }, 'custom attribute tenant removed'],
    ['custom attribute change', { CustomAttributes: [{ Name: 'tenant', DataType: 'Number' }] }, 'custom attribute tenant changed'],
    ['client generateSecret', { Clients: [{ Name: 'App/Pool/Web', GenerateSecret: 'true' }] }, 'client App/Pool/Web generateSecret: false → true'],
  ])('%s is refused', async (_name, change, message) => {
    const id = await deploy(base);
    await expect(run(updateEvent(TYPE, id, base, { ...base, ...change }))).rejects.toThrow(message);
  });

  test('refuse → rollback → a later legitimate update', async () => {
    const deployedId = await deploy(base);
    const attempted = { ...base, AliasAttributes: ['preferred_username'] };
    // WHEN the change is refused
    await expect(run(updateEvent(TYPE, deployedId, base, attempted))).rejects.toThrow('sign-in aliases');
    // THEN CloudFormation's rollback (an update back to the deployed settings) succeeds, same id
    await expect(run(updateEvent(TYPE, deployedId, attempted, base))).resolves.toEqual({ PhysicalResourceId: deployedId });
    // AND a later legitimate change (a new custom attribute, a new client) is accepted under a new id
    const next = {
      ...base,
      CustomAttributes: [...base.CustomAttributes, { Name: 'plan', DataType: 'String', Mutable: 'true' }],
      Clients: [...base.Clients, { Name: 'App/Pool/Backend', GenerateSecret: 'true' }],
    };
    const res = await run(updateEvent(TYPE, deployedId, base, next));
    expect(res.PhysicalResourceId).toMatch(/^immutable-settings\/App\/Pool\/from-[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(res.PhysicalResourceId).not.toEqual(deployedId);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('rollback of an accepted change (old/new swapped, under the new id) succeeds', async () => {
    // GIVEN a new custom attribute was accepted, and a later resource failed
    const deployedId = await deploy(base);
    const next = { ...base, CustomAttributes: [...base.CustomAttributes, { Name: 'plan', DataType: 'String', Mutable: 'true' }] };
    const acceptedId = (await run(updateEvent(TYPE, deployedId, base, next))).PhysicalResourceId!;
    // WHEN CloudFormation rolls back (this reads as 'custom attribute plan removed')
    const rollback = run(updateEvent(TYPE, acceptedId, next, base));
    // THEN it succeeds, back to the id of the settings before
    await expect(rollback).resolves.toEqual({ PhysicalResourceId: deployedId });
  });

  test('after an accepted change, removing an older custom attribute is still refused', async () => {
    const deployedId = await deploy(base);
    const next = { ...base, CustomAttributes: [...base.CustomAttributes, { Name: 'plan', DataType: 'String', Mutable: 'true' }] };
    const acceptedId = (await run(updateEvent(TYPE, deployedId, base, next))).PhysicalResourceId!;
    const withoutTenant = { ...base, CustomAttributes: [{ Name: 'plan', DataType: 'String', Mutable: 'true' }] };
    await expect(run(updateEvent(TYPE, acceptedId, next, withoutTenant))).rejects.toThrow('custom attribute tenant removed');
  });

  test('a no-op update (same settings, another order) keeps the id', async () => {
    const id = await deploy(base);
    const reordered = { ...base, AliasAttributes: ['email'], RequiredAttributes: ['email'] };
    await expect(run(updateEvent(TYPE, id, base, reordered))).resolves.toEqual({ PhysicalResourceId: id });
  });

  test('allowReplacement accepts the change under a new id', async () => {
    const id = await deploy(base);
    const res = await run(updateEvent(TYPE, id, base, { ...base, AliasAttributes: ['phone_number'], AllowReplacement: 'true' }));
    expect(res.PhysicalResourceId).not.toEqual(id);
  });

  test('when the previous template is not what is deployed, the change is refused without trusting it', async () => {
    const id = await deploy(base);
    const drifted = { ...base, AliasAttributes: ['phone_number'] };
    await expect(run(updateEvent(TYPE, id, drifted, { ...drifted, RequiredAttributes: [] })))
      .rejects.toThrow('the deployed settings differ from the previous template');
  });

  test('delete, and delete of a guard whose pool is gone, make no call', async () => {
    await expect(run(deleteEvent(TYPE, 'immutable-settings/App/Pool/0123456789abcdef', base))).resolves.toBeDefined();
    expect(cognito.calls()).toHaveLength(0);
  });
});
