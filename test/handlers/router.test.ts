import { dispatch } from '../../custom-resources/router';
import { parseNumber, rejectUnknown, requireString } from '../../custom-resources/shared/cfn-values';
import type { ResourceModule } from '../../custom-resources/shared/types';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

interface Props { readonly name: string; readonly size: number }

function fakeModule(overrides: Partial<ResourceModule<Props>> = {}): ResourceModule<Props> & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    resourceType: 'Custom::CognitoThing',
    parse: (raw) => ({ name: String(raw.Name), size: Number(raw.Size) }),
    onCreate: async (p) => { calls.push(`create ${p.name} ${p.size}`); return { physicalId: `thing/${p.name}` }; },
    onUpdate: async (p, o, id) => { calls.push(`update ${o?.name}->${p.name} ${id}`); return { physicalId: id }; },
    onDelete: async (p, id) => { calls.push(`delete ${p?.name} ${id}`); },
    ...overrides,
  };
}

describe('router', () => {
  test('routes each request type to the module of the resource type, without the ServiceToken', async () => {
    // GIVEN
    const mod = fakeModule();
    const ctx = testContext();
    // WHEN
    const created = await dispatch(createEvent('Custom::CognitoThing', { Name: 'a', Size: '3' }), ctx, [mod]);
    const updated = await dispatch(updateEvent('Custom::CognitoThing', 'thing/a', { Name: 'a', Size: '3' }, { Name: 'b', Size: '4' }), ctx, [mod]);
    const deleted = await dispatch(deleteEvent('Custom::CognitoThing', 'thing/a', { Name: 'a', Size: '3' }), ctx, [mod]);
    // THEN
    expect(mod.calls).toEqual(['create a 3', 'update a->b thing/a', 'delete a thing/a']);
    expect(created).toEqual({ PhysicalResourceId: 'thing/a' });
    expect(updated).toEqual({ PhysicalResourceId: 'thing/a' });
    expect(deleted).toEqual({ PhysicalResourceId: 'thing/a' });
  });

  test('an unknown resource type fails', async () => {
    await expect(dispatch(createEvent('Custom::Nope', {}), testContext(), [fakeModule()]))
      .rejects.toThrow('Unsupported resource type Custom::Nope');
  });

  test('Data over the 4 KB response limit is refused', async () => {
    const mod = fakeModule({ onCreate: async () => ({ physicalId: 'x', data: { Big: 'x'.repeat(4000) } }) });
    await expect(dispatch(createEvent('Custom::CognitoThing', { Name: 'a', Size: '1' }), testContext(), [mod]))
      .rejects.toThrow(/Response Data is \d+ bytes; at most 3072 fit CloudFormation's 4 KB response/);
  });

  test('logs the event without its ResponseURL, and errors without secret values', async () => {
    const ctx = testContext();
    const mod = fakeModule({
      onCreate: async () => {
        ctx.log.addSecret('hunter2-password');
        throw new Error('Cognito said: bad password hunter2-password');
      },
    });
    await expect(dispatch(createEvent('Custom::CognitoThing', { Name: 'a', Size: '1' }), ctx, [mod]))
      .rejects.toThrow('Cognito said: bad password *****');
    const text = ctx.lines.join('\n');
    expect(text).not.toContain('presigned');
    expect(text).not.toContain('hunter2-password');
    expect(text).toContain('Cognito said: bad password *****');
  });

  describe('new properties strictly, old ones leniently', () => {
    // A module whose strict parse refuses unknown names and whose lenient one ignores them.
    const strictMod = (overrides: Partial<ResourceModule<Props>> = {}) => fakeModule({
      parse: (raw) => {
        rejectUnknown(raw, ['Name', 'Size']);
        return { name: requireString(raw, 'Name'), size: parseNumber('Size', raw.Size) };
      },
      parseOld: (raw) => ({ name: requireString(raw, 'Name'), size: parseNumber('Size', raw.Size) }),
      ...overrides,
    });

    test('an unknown new property fails the Create, naming it and the allowed ones, before any call', async () => {
      const mod = strictMod();
      await expect(dispatch(createEvent('Custom::CognitoThing', { Name: 'a', Size: '1', Colour: 'red' }), testContext(), [mod]))
        .rejects.toThrow(new Error('Unknown property Colour; allowed: Name, Size'));
      expect(mod.calls).toEqual([]);
    });

    test('a malformed new property fails the Update, naming it, before any call', async () => {
      const mod = strictMod();
      await expect(dispatch(updateEvent('Custom::CognitoThing', 'thing/a', { Name: 'a', Size: '1' }, { Name: 'a', Size: 'big' }), testContext(), [mod]))
        .rejects.toThrow(new Error('Invalid property Size: received "big"; expected a number'));
      expect(mod.calls).toEqual([]);
    });

    test('old properties with a name this version does not know are parsed leniently', async () => {
      const mod = strictMod();
      await dispatch(updateEvent('Custom::CognitoThing', 'thing/a', { Name: 'a', Size: '1', Retired: 'x' }, { Name: 'a', Size: '2' }), testContext(), [mod]);
      expect(mod.calls).toEqual(['update a->a thing/a']);
    });

    test('unusable old properties reach onUpdate as undefined; the log names the property, never its value', async () => {
      const mod = strictMod();
      const ctx = testContext();
      const result = await dispatch(updateEvent('Custom::CognitoThing', 'thing/a', { Name: 'a', Size: 'twelve' }, { Name: 'a', Size: '2' }), ctx, [mod]);
      expect(result).toEqual({ PhysicalResourceId: 'thing/a' });
      expect(mod.calls).toEqual(['update undefined->a thing/a']);
      const unusable = ctx.lines.map((l) => JSON.parse(l)).filter((l) => /unusable/.test(l.message));
      expect(unusable).toEqual([{
        level: 'INFO',
        message: 'Old properties unusable (property Size): converging from the live state',
        details: { property: 'Size', error: 'PropertyError' },
      }]);
    });

    test('without parseOld, the strict parse is tried on old properties; undefined when it fails', async () => {
      const mod = strictMod({ parseOld: undefined });
      await dispatch(updateEvent('Custom::CognitoThing', 'thing/a', { Name: 'a', Size: '1' }, { Name: 'b', Size: '2' }), testContext(), [mod]);
      await dispatch(updateEvent('Custom::CognitoThing', 'thing/b', { Name: 'b', Size: '2', Retired: 'x' }, { Name: 'c', Size: '3' }), testContext(), [mod]);
      expect(mod.calls).toEqual(['update a->b thing/a', 'update undefined->c thing/b']);
    });

    test('the rollback of a rejected update (the rejected properties as old ones) succeeds', async () => {
      const mod = strictMod();
      const rejected = { Name: 'a', Size: 'big', Colour: 'red' };
      await expect(dispatch(updateEvent('Custom::CognitoThing', 'thing/a', { Name: 'a', Size: '1' }, rejected), testContext(), [mod]))
        .rejects.toThrow('Unknown property Colour; allowed: Name, Size');
      await expect(dispatch(updateEvent('Custom::CognitoThing', 'thing/a', rejected, { Name: 'a', Size: '1' }), testContext(), [mod]))
        .resolves.toEqual({ PhysicalResourceId: 'thing/a' });
      expect(mod.calls).toEqual(['update undefined->a thing/a']);
    });

    test('a Delete parses leniently: unknown names are ignored, unusable properties reach onDelete as undefined', async () => {
      const mod = strictMod();
      await expect(dispatch(deleteEvent('Custom::CognitoThing', 'thing/a', { Name: 'a', Size: '1', Retired: 'x' }), testContext(), [mod]))
        .resolves.toEqual({ PhysicalResourceId: 'thing/a' });
      await expect(dispatch(deleteEvent('Custom::CognitoThing', 'thing/b', { Name: 'b', Size: 'big' }), testContext(), [mod]))
        .resolves.toEqual({ PhysicalResourceId: 'thing/b' });
      expect(mod.calls).toEqual(['delete a thing/a', 'delete undefined thing/b']);
    });
  });

  test('rejectUnknown names every unknown property, with its path in a nested object', () => {
    expect(() => rejectUnknown({ Name: 'x', A: 1, B: 2 }, ['Name'])).toThrow(new Error('Unknown properties A, B; allowed: Name'));
    expect(() => rejectUnknown({ Name: 'x', Colour: 'red' }, ['Name', 'Mutable'], 'Attributes[1]'))
      .toThrow(new Error('Unknown property Attributes[1].Colour; allowed in Attributes[1]: Name, Mutable'));
    expect(() => rejectUnknown({ Name: 'x' }, ['Name', 'Mutable'], 'Attributes[1]')).not.toThrow();
  });
});
