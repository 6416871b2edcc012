import { dispatch } from '../../custom-resources/router';
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
});
