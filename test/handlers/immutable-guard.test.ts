import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { immutableGuardModule } from '../../custom-resources/immutable-guard';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const TYPE = 'Custom::CognitoImmutableSettingsGuard';
/** What a guard of the previous library version sent: no MFA, standard-attribute or opt-out properties. */
const olderVersion = {
  PoolName: 'App/Pool',
  AliasAttributes: ['email'],
  UsernameAttributes: [],
  CaseSensitive: 'false',
  RequiredAttributes: ['email'],
  CustomAttributes: [{ Name: 'tenant', DataType: 'String', Mutable: 'true' }],
  Clients: [{ Name: 'App/Pool/Web', GenerateSecret: 'false' }],
};
/** The physical id the previous library version returned for `olderVersion` (computed with it). */
const OLDER_VERSION_ID = 'immutable-settings/App/Pool/eaaabe569ec31630';
/** What this version sends for the same pool (the built-in guard of a UserPool). */
const base = {
  ...olderVersion,
  OptOutOwner: 'the UserPool App/Pool',
  MfaConfiguration: 'ON',
  EnabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
  ImmutableStandardAttributes: [],
  DeveloperOnlyAttributes: [],
};
const run = (event: any) => dispatch(event, testContext(), [immutableGuardModule]);
const WAY_FORWARD = '. CloudFormation would fail the update or replace the pool with an empty one (its users staying behind in the '
  + 'old pool, outside the stack). Put the settings back, or declare a new pool next to this one (another construct id) and move '
  + 'the users to it with a UserPoolMigration (see "Changing an immutable setting" in the README of cdk-cognito-userpools); '
  + 'only if replacing this pool and losing its users is intended, set allowReplacement: true on the UserPool '
  + 'App/Pool for that one deployment.';

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

  test('a sign-in alias change is stopped with the property, old and new value and the way forward, before any pool call', async () => {
    const id = await deploy(base);
    await expect(run(updateEvent(TYPE, id, base, { ...base, AliasAttributes: ['email', 'phone_number'] })))
      .rejects.toThrow(new Error('Refused before the user pool App/Pool was touched: Cognito cannot make these changes on a live pool: '
        + `sign-in aliases (AliasAttributes): [email] → [email, phone_number]${WAY_FORWARD}`));
    expect(cognito.calls()).toHaveLength(0);
  });

  test.each([
    ['username attributes', { UsernameAttributes: ['email'] }, 'username attributes (UsernameAttributes): [] → [email]'],
    ['case sensitivity', { CaseSensitive: 'true' }, 'username case sensitivity (UsernameConfiguration.CaseSensitive): false → true'],
    ['case sensitivity left out (case sensitive)', { CaseSensitive: undefined }, 'username case sensitivity (UsernameConfiguration.CaseSensitive): false → true'],
    ['required attributes', { RequiredAttributes: ['email', 'name'] }, 'required attributes (Schema Required): [email] → [email, name]'],
    ['custom attribute removal', { CustomAttributes: [] },
      'custom attribute tenant (Schema): String mutable → removed (Cognito never deletes a custom attribute)'],
    ['custom attribute change', { CustomAttributes: [{ Name: 'tenant', DataType: 'Number', Mutable: 'false', Max: '10' }] },
      'custom attribute tenant (Schema): String mutable → Number immutable max 10'],
    ['standard attribute made immutable', { ImmutableStandardAttributes: ['birthdate'] },
      'immutable standard attributes (Schema Mutable false): [] → [birthdate]'],
    ['developer-only attribute', { DeveloperOnlyAttributes: ['tenant'] },
      'developer-only attributes (Schema DeveloperOnlyAttribute): [] → [tenant]'],
    ['SMS MFA off while MFA stays on', { EnabledMfas: ['SOFTWARE_TOKEN_MFA'] },
      'SMS MFA (EnabledMfas): [SMS_MFA, SOFTWARE_TOKEN_MFA] → [SOFTWARE_TOKEN_MFA] with MfaConfiguration ON: Cognito turns SMS MFA '
      + 'off only together with MFA; deploy MfaConfiguration OFF first, then the new factors'],
    ['SMS MFA off while MFA becomes optional', { MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] },
      'SMS MFA (EnabledMfas): [SMS_MFA, SOFTWARE_TOKEN_MFA] → [SOFTWARE_TOKEN_MFA] with MfaConfiguration OPTIONAL'],
    ['client generateSecret', { Clients: [{ Name: 'App/Pool/Web', GenerateSecret: 'true' }] },
      'client App/Pool/Web generateSecret: false → true (CloudFormation replaces the client: a new id and secret)'],
  ])('%s is refused, naming it', async (_name, change, message) => {
    const id = await deploy(base);
    const error = await run(updateEvent(TYPE, id, base, { ...base, ...change })).catch((e: Error) => e);
    expect((error as Error).message).toContain(`Cognito cannot make these changes on a live pool: ${message}`);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('several changes are listed together', async () => {
    const id = await deploy(base);
    await expect(run(updateEvent(TYPE, id, base, { ...base, UsernameAttributes: ['email'], CaseSensitive: 'true' })))
      .rejects.toThrow('username attributes (UsernameAttributes): [] → [email]; username case sensitivity (UsernameConfiguration.CaseSensitive): false → true.');
  });

  test.each([
    ['MFA OFF → ON', { MfaConfiguration: 'OFF', EnabledMfas: [] }, { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] }],
    ['MFA OFF → OPTIONAL', { MfaConfiguration: 'OFF', EnabledMfas: [] }, { MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SMS_MFA'] }],
    ['SMS MFA off together with MFA', {}, { MfaConfiguration: 'OFF', EnabledMfas: [] }],
    ['SMS MFA added', { EnabledMfas: ['SOFTWARE_TOKEN_MFA'] }, {}],
    ['case sensitivity declared as it was (left out means case sensitive)', { CaseSensitive: undefined }, { CaseSensitive: 'true' }],
  ])('%s is allowed (Cognito makes it on a live pool), under a new id', async (_name, before, after) => {
    // GIVEN
    const deployed = { ...base, ...before };
    const id = await deploy(deployed);
    // WHEN
    const res = await run(updateEvent(TYPE, id, deployed, { ...base, ...after }));
    // THEN
    expect(res.PhysicalResourceId).toMatch(new RegExp(`^immutable-settings/App/Pool/from-${id.split('/').pop()}/[0-9a-f]{16}$`));
    expect(cognito.calls()).toHaveLength(0);
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

  test('rollback of an accepted SMS MFA addition succeeds although it reads as SMS MFA turned off with MFA on', async () => {
    // GIVEN SMS MFA was added (allowed), and a later resource failed
    const before = { ...base, EnabledMfas: ['SOFTWARE_TOKEN_MFA'] };
    const deployedId = await deploy(before);
    const acceptedId = (await run(updateEvent(TYPE, deployedId, before, base))).PhysicalResourceId!;
    expect(acceptedId).not.toEqual(deployedId);
    // WHEN CloudFormation rolls back, THEN the guard does not stand in the way
    await expect(run(updateEvent(TYPE, acceptedId, base, before))).resolves.toEqual({ PhysicalResourceId: deployedId });
  });

  test('after an accepted change, removing an older custom attribute is still refused', async () => {
    const deployedId = await deploy(base);
    const next = { ...base, CustomAttributes: [...base.CustomAttributes, { Name: 'plan', DataType: 'String', Mutable: 'true' }] };
    const acceptedId = (await run(updateEvent(TYPE, deployedId, base, next))).PhysicalResourceId!;
    const withoutTenant = { ...base, CustomAttributes: [{ Name: 'plan', DataType: 'String', Mutable: 'true' }] };
    await expect(run(updateEvent(TYPE, acceptedId, next, withoutTenant))).rejects.toThrow('custom attribute tenant (Schema): String mutable → removed');
  });

  test('a no-op update (same settings, another order) keeps the id', async () => {
    const id = await deploy(base);
    const reordered = { ...base, EnabledMfas: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'] };
    await expect(run(updateEvent(TYPE, id, base, reordered))).resolves.toEqual({ PhysicalResourceId: id });
  });

  test('allowReplacement accepts the change under a new id', async () => {
    const id = await deploy(base);
    const res = await run(updateEvent(TYPE, id, base, { ...base, AliasAttributes: ['phone_number'], AllowReplacement: 'true' }));
    expect(res.PhysicalResourceId).toMatch(new RegExp(`^immutable-settings/App/Pool/from-${id.split('/').pop()}/[0-9a-f]{16}$`));
  });

  test('a declared guard names itself as the place of the opt-out', async () => {
    const declared = { ...base, OptOutOwner: 'the ImmutableSettingsGuard App/Guard' };
    const id = await deploy(declared);
    await expect(run(updateEvent(TYPE, id, declared, { ...declared, UsernameAttributes: ['email'] })))
      .rejects.toThrow('set allowReplacement: true on the ImmutableSettingsGuard App/Guard for that one deployment.');
  });

  test('unusable old properties: a difference from the deployed settings is refused, naming the pool\'s opt-out', async () => {
    const id = await deploy(base);
    await expect(run(updateEvent(TYPE, id, { ...base, EnabledMfas: 'SMS_MFA' }, { ...base, MfaConfiguration: 'OPTIONAL' })))
      .rejects.toThrow('set allowReplacement: true on the UserPool App/Pool only if replacing the pool and losing its users is intended.');
    // and the rollback, back to the deployed settings, succeeds
    await expect(run(updateEvent(TYPE, id, { ...base, MfaConfiguration: 'OPTIONAL' }, base))).resolves.toEqual({ PhysicalResourceId: id });
  });

  test('new properties are parsed strictly: a malformed added property is an error naming it', async () => {
    await expect(run(createEvent(TYPE, { ...base, EnabledMfas: 'SMS_MFA' })))
      .rejects.toThrow('Invalid property EnabledMfas: received "SMS_MFA"; expected a list of strings');
  });

  test('when the previous template is not what is deployed, the change is refused without trusting it', async () => {
    const id = await deploy(base);
    const drifted = { ...base, AliasAttributes: ['phone_number'] };
    await expect(run(updateEvent(TYPE, id, drifted, { ...drifted, RequiredAttributes: [] })))
      .rejects.toThrow('the deployed settings differ from the previous template');
  });

  describe('an update from the previous library version (the guard was opt-in and recorded less)', () => {
    test('its properties still parse to the fingerprint it wrote', async () => {
      expect(await deploy(olderVersion)).toEqual(OLDER_VERSION_ID);
    });

    test('the first update with this version is accepted under a new id, and its rollback too', async () => {
      // WHEN the upgraded template (with the MFA and schema settings recorded now) arrives
      const res = await run(updateEvent(TYPE, OLDER_VERSION_ID, olderVersion, base));
      // THEN nothing it did not record is taken for a change
      expect(res.PhysicalResourceId).toEqual(`immutable-settings/App/Pool/from-eaaabe569ec31630/${(await deploy(base)).split('/').pop()}`);
      // AND the rollback of that update (back to the older properties, under the new id) succeeds
      await expect(run(updateEvent(TYPE, res.PhysicalResourceId!, base, olderVersion))).resolves.toEqual({ PhysicalResourceId: OLDER_VERSION_ID });
      expect(cognito.calls()).toHaveLength(0);
    });

    test('a change of what it did record is still refused in that update', async () => {
      await expect(run(updateEvent(TYPE, OLDER_VERSION_ID, olderVersion, { ...base, AliasAttributes: [] })))
        .rejects.toThrow('sign-in aliases (AliasAttributes): [email] → []');
    });

    test('a later change of what is recorded now is refused', async () => {
      const upgradedId = (await run(updateEvent(TYPE, OLDER_VERSION_ID, olderVersion, base))).PhysicalResourceId!;
      await expect(run(updateEvent(TYPE, upgradedId, base, { ...base, ImmutableStandardAttributes: ['email'] })))
        .rejects.toThrow('immutable standard attributes (Schema Mutable false): [] → [email]');
    });
  });

  test('delete, and delete of a guard whose pool is gone, make no call', async () => {
    await expect(run(deleteEvent(TYPE, 'immutable-settings/App/Pool/0123456789abcdef', base)))
      .resolves.toEqual({ PhysicalResourceId: 'immutable-settings/App/Pool/0123456789abcdef' });
    expect(cognito.calls()).toHaveLength(0);
  });
});
