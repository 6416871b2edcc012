// Lifecycle matrix of Custom::CognitoImmutableSettingsGuard: the bundled handler behind the fault
// proxy, which proves that no phase makes any Cognito call (issue 10, "How it is proven").
import { immutableGuardModule } from '../../custom-resources/immutable-guard';
import { createContext } from '../../custom-resources/shared/context';
import { fingerprint } from '../../custom-resources/shared/fingerprint';
import { useLifecycle } from './lifecycle-harness';

const TYPE = 'Custom::CognitoImmutableSettingsGuard';
const life = useLifecycle(TYPE);
afterEach(() => expect(life.calls).toEqual([]));

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
const withClient = { ...base, Clients: [...base.Clients, { Name: 'App/Pool/Backend', GenerateSecret: 'true' }] };
const phone = { ...base, AliasAttributes: ['phone_number'] };
const fp = (p: object) => fingerprint(immutableGuardModule.parse(p as any).settings);
const idOf = (p: object, previous?: object) =>
  previous === undefined ? `immutable-settings/App/Pool/${fp(p)}` : `immutable-settings/App/Pool/from-${fp(previous)}/${fp(p)}`;
const REFUSAL = 'Refused before the user pool App/Pool was touched: Cognito cannot make these changes on a live pool: ';

describe('create', () => {
  test('returns the fingerprint of the settings; a retried Create (or one after a killed Lambda) returns the same id', async () => {
    await expect(life.create(base)).resolves.toEqual({ PhysicalResourceId: idOf(base) });
    await expect(life.create(base)).resolves.toEqual({ PhysicalResourceId: idOf(base) });
  });

  test('the failed-Create path: a Create that fails wrote nothing (a bad property is refused before anything)', async () => {
    await expect(life.create({ ...base, CaseSensitive: 'sometimes' }))
      .rejects.toThrow('Invalid property CaseSensitive: received "sometimes"; expected true or false');
  });
});

describe('update', () => {
  test('each accepted kind (a custom attribute, a client) gets an id that remembers the settings it replaced', async () => {
    await expect(life.update(idOf(base), base, withPlan)).resolves.toEqual({ PhysicalResourceId: idOf(withPlan, base) });
    await expect(life.update(idOf(base), base, withClient)).resolves.toEqual({ PhysicalResourceId: idOf(withClient, base) });
  });

  test('a no-op update (another order) keeps the id', async () => {
    const reordered = { ...withClient, Clients: [...withClient.Clients].reverse() };
    await expect(life.update(idOf(withClient, base), withClient, reordered)).resolves.toEqual({ PhysicalResourceId: idOf(withClient, base) });
  });

  test.each([
    ['sign-in aliases', phone, 'sign-in aliases (AliasAttributes): [email] → [phone_number]'],
    ['username case sensitivity', { ...base, CaseSensitive: 'true' }, 'username case sensitivity (UsernameConfiguration.CaseSensitive): false → true'],
    ['required attributes', { ...base, RequiredAttributes: [] }, 'required attributes (Schema Required): [email] → []'],
    ['a custom attribute removed', { ...base, CustomAttributes: [] }, 'custom attribute tenant (Schema): String mutable → removed (Cognito never deletes a custom attribute)'],
    ['a client secret', { ...base, Clients: [{ Name: 'App/Pool/Web', GenerateSecret: 'true' }] }, 'client App/Pool/Web generateSecret: false → true (CloudFormation replaces the client: a new id and secret)'],
  ])('a refused change of %s, then the rollback (swapped, under the old id) keeps the id', async (_kind, next, change) => {
    await expect(life.update(idOf(base), base, next)).rejects.toThrow(`${REFUSAL}${change}.`);
    await expect(life.update(idOf(base), next, base)).resolves.toEqual({ PhysicalResourceId: idOf(base) });
  });

  test('pool replacement (allowReplacement), then its rollback under the id it returned', async () => {
    const replacing = { ...phone, AllowReplacement: 'true' };
    await expect(life.update(idOf(base), base, replacing)).resolves.toEqual({ PhysicalResourceId: idOf(phone, base) });
    await expect(life.update(idOf(phone, base), replacing, base)).resolves.toEqual({ PhysicalResourceId: idOf(base) });
  });

  test('a failure later in the same update (another resource), then the rollback of the accepted change', async () => {
    const accepted = (await life.update(idOf(base), base, withPlan)).PhysicalResourceId!;
    // Reads as "custom attribute plan removed", but it is the rollback of the change this id records.
    await expect(life.update(accepted, withPlan, base)).resolves.toEqual({ PhysicalResourceId: idOf(base) });
    // and a later removal of an older attribute is still refused
    await expect(life.update(accepted, withPlan, { ...withPlan, CustomAttributes: [withPlan.CustomAttributes[1]] }))
      .rejects.toThrow('custom attribute tenant (Schema): String mutable → removed');
  });

  test('the Lambda killed midway: the same update again gives the same answer', async () => {
    await expect(life.update(idOf(base), base, withPlan)).resolves.toEqual({ PhysicalResourceId: idOf(withPlan, base) });
    await expect(life.update(idOf(base), base, withPlan)).resolves.toEqual({ PhysicalResourceId: idOf(withPlan, base) });
  });

  test('an update from an older version (its id had no from- part after a change): accepted and refused as before', async () => {
    const olderId = `immutable-settings/App/Pool/${fp(withPlan)}`;
    await expect(life.update(olderId, withPlan, { ...withPlan, Clients: withClient.Clients }))
      .resolves.toEqual({ PhysicalResourceId: `immutable-settings/App/Pool/from-${fp(withPlan)}/${fp({ ...withPlan, Clients: withClient.Clients })}` });
    await expect(life.update(olderId, withPlan, base)).rejects.toThrow('custom attribute plan (Schema): String mutable → removed');
  });

  test('old properties that could not be read (undefined): the deployed settings pass, a change is refused', async () => {
    const ctx = createContext();
    await expect(immutableGuardModule.onUpdate(immutableGuardModule.parse(base as any), undefined as any, idOf(base), ctx))
      .resolves.toEqual({ physicalId: idOf(base) });
    await expect(immutableGuardModule.onUpdate(immutableGuardModule.parse(withPlan as any), undefined as any, idOf(base), ctx))
      .rejects.toThrow('Refused before the user pool App/Pool was touched: the guard\'s previous properties are unusable, so it cannot '
        + 'tell whether a setting Cognito cannot change on a live pool changed');
  });
});

describe('delete', () => {
  test('makes no call, whether the pool exists or not', async () => {
    await expect(life.remove(idOf(base), base)).resolves.toEqual({ PhysicalResourceId: idOf(base) });
  });
});
