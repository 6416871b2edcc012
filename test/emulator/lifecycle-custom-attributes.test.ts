// Lifecycle matrix of Custom::CognitoCustomAttributes: the bundled handler against cognito-local
// behind the fault proxy (issue 10, "How it is proven").
import { CreateUserPoolCommand, DeleteUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { customAttributesModule } from '../../custom-resources/custom-attributes';
import { createContext } from '../../custom-resources/shared/context';
import { fingerprint } from '../../custom-resources/shared/fingerprint';
import { useLifecycle } from './lifecycle-harness';

const TYPE = 'Custom::CognitoCustomAttributes';
const life = useLifecycle(TYPE);

const attr = (name: string, extra: object = {}) => ({ Name: name, DataType: 'String', Mutable: 'true', ...extra });
const props = (pool: string, ...attrs: object[]) => ({ UserPoolId: pool, Attributes: attrs });
const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => attr(`${prefix}${String(i).padStart(2, '0')}`));
/** The physical id of a list deployed from nothing (`previous`: the list an accepted change replaced). */
const idOf = (p: object, previous?: object) => {
  const fp = fingerprint(customAttributesModule.parse(p as any));
  return previous === undefined
    ? `${(p as any).UserPoolId}/custom-attributes/${fp}`
    : `${(p as any).UserPoolId}/custom-attributes/from-${fingerprint(customAttributesModule.parse(previous as any))}/${fp}`;
};

async function newPool(name: string): Promise<string> {
  return (await life.cognito.send(new CreateUserPoolCommand({ PoolName: name }))).UserPool!.Id!;
}

/** The custom attributes of the live pool: `name:type:mutable`, sorted. */
async function customAttributes(pool: string): Promise<string[]> {
  const res = await life.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
  return (res.UserPool?.SchemaAttributes ?? []).filter((s) => s.Name?.startsWith('custom:'))
    .map((s) => `${s.Name!.slice('custom:'.length)}:${s.AttributeDataType}:${s.Mutable}`).sort();
}
const names = (attrs: Array<{ Name: string; DataType?: string; Mutable?: string }>) =>
  attrs.map((a) => `${a.Name}:${a.DataType ?? 'String'}:${a.Mutable ?? 'true'}`).sort();

describe('create', () => {
  test('adds the declared attributes in one call; the retried Create (writes landed) adds nothing and returns the same id', async () => {
    const pool = await newPool('create');
    const p = props(pool, attr('tenant'), attr('seats', { DataType: 'Number', Mutable: 'false' }));
    await expect(life.create(p)).resolves.toEqual({ PhysicalResourceId: idOf(p) });
    expect(life.writes()).toEqual(['AddCustomAttributes']);
    life.reset();
    await expect(life.create(p)).resolves.toEqual({ PhysicalResourceId: idOf(p) });
    expect(life.writes()).toEqual([]);
    expect(await customAttributes(pool)).toEqual(['seats:Number:false', 'tenant:String:true']);
  });

  test('a lost response (the attributes landed, the caller got a 500 or a dropped connection) converges', async () => {
    const pool = await newPool('lost');
    const p = props(pool, ...many('a', 30));
    // The first call lands and its answer is lost; so is the answer of its retry ("Existing attribute");
    // the third attempt meets the attributes the first one added.
    life.faults.lose = (op, _body, nth) => op === 'AddCustomAttributes' && nth <= 2;
    await expect(life.create(p)).resolves.toEqual({ PhysicalResourceId: idOf(p) });
    expect(life.lost).toEqual(['AddCustomAttributes', 'AddCustomAttributes']);
    expect(await customAttributes(pool)).toEqual(names(many('a', 30)));
  });

  test('the Lambda killed midway (25 landed, the second call never made) then the next Create: the rest is added', async () => {
    const pool = await newPool('killed-create');
    const p = props(pool, ...many('k', 30));
    life.faults.inject = (op, _body, nth) => (op === 'AddCustomAttributes' && nth === 2 ? 'InvalidParameterException' : undefined);
    await expect(life.create(p)).rejects.toThrow('Injected InvalidParameterException');
    expect(await customAttributes(pool)).toEqual(names(many('k', 25)));
    life.reset();
    await expect(life.create(p)).resolves.toEqual({ PhysicalResourceId: idOf(p) });
    expect(life.calls.filter((c) => c.operation === 'AddCustomAttributes').map((c) => c.body.CustomAttributes.length)).toEqual([5]);
    expect(await customAttributes(pool)).toEqual(names(many('k', 30)));
  });

  test('the failed-Create path (no Delete comes): what landed stays, is harmless, and the next attempt adopts it', async () => {
    // GIVEN a Create that failed after its first 25 attributes landed (Cognito cannot delete them)
    const pool = await newPool('failed-create');
    const p = props(pool, ...many('f', 27));
    life.faults.inject = (op, _body, nth) => (op === 'AddCustomAttributes' && nth === 2 ? 'InvalidParameterException' : undefined);
    await expect(life.create(p)).rejects.toThrow('Injected InvalidParameterException');
    // THEN the pool holds exactly the 25 that landed: unused attributes, nothing else
    expect(await customAttributes(pool)).toEqual(names(many('f', 25)));
    life.reset();
    // WHEN the next deployment declares the same list THEN it adopts them and adds the 2 others
    await expect(life.create(p)).resolves.toEqual({ PhysicalResourceId: idOf(p) });
    expect(life.calls.filter((c) => c.operation === 'AddCustomAttributes').map((c) => c.body.CustomAttributes.map((a: any) => a.Name)))
      .toEqual([['f25', 'f26']]);
    // and a next attempt declaring one of them differently is refused, naming it
    life.reset();
    await expect(life.create(props(pool, attr('f00', { DataType: 'Number' }))))
      .rejects.toThrow('Cognito cannot remove or change a custom attribute (custom:f00 changed)');
    expect(life.writes()).toEqual([]);
  });
});

describe('update', () => {
  let pool: string;
  const v1 = () => props(pool, attr('tenant'));
  const v2 = () => props(pool, attr('tenant'), attr('plan'));
  beforeAll(async () => {
    pool = await newPool('update');
  });

  test('create, an addition, a no-op, a refused removal and its rollback, then the rollback of the addition', async () => {
    await expect(life.create(v1())).resolves.toEqual({ PhysicalResourceId: idOf(v1()) });
    // An addition: one call with the new attribute only; the id remembers the list it replaced.
    life.reset();
    await expect(life.update(idOf(v1()), v1(), v2())).resolves.toEqual({ PhysicalResourceId: idOf(v2(), v1()) });
    expect(life.calls.filter((c) => c.operation === 'AddCustomAttributes').map((c) => c.body.CustomAttributes))
      .toEqual([[{ Name: 'plan', AttributeDataType: 'String', Mutable: true }]]);
    expect(await customAttributes(pool)).toEqual(['plan:String:true', 'tenant:String:true']);
    // A no-op: no call at all.
    life.reset();
    await expect(life.update(idOf(v2(), v1()), v2(), v2())).resolves.toEqual({ PhysicalResourceId: idOf(v2(), v1()) });
    expect(life.calls).toEqual([]);
    // A removal and a change are refused before any call; the rollback (swapped) makes no call.
    const changed = props(pool, attr('plan', { DataType: 'Number' }));
    await expect(life.update(idOf(v2(), v1()), v2(), changed))
      .rejects.toThrow('Cognito cannot remove or change a custom attribute (custom:tenant removed; custom:plan changed)');
    await expect(life.update(idOf(v2(), v1()), changed, v2())).resolves.toEqual({ PhysicalResourceId: idOf(v2(), v1()) });
    expect(life.calls).toEqual([]);
    // The rollback of the accepted addition (back to v1 under the addition's id): no call, plan stays.
    await expect(life.update(idOf(v2(), v1()), v2(), v1())).resolves.toEqual({ PhysicalResourceId: idOf(v1()) });
    expect(life.calls).toEqual([]);
    expect(await customAttributes(pool)).toEqual(['plan:String:true', 'tenant:String:true']);
  });

  test('a failure on the 2nd call of an update, then the rollback under the old id, then the same update again', async () => {
    const before = props(pool, attr('tenant'));
    const after = props(pool, attr('tenant'), ...many('u', 30));
    life.faults.inject = (op, _body, nth) => (op === 'AddCustomAttributes' && nth === 2 ? 'InvalidParameterException' : undefined);
    await expect(life.update(idOf(before), before, after)).rejects.toThrow('Injected InvalidParameterException');
    // CloudFormation's rollback: old and new swapped, under the id of before (the update returned none).
    life.reset();
    await expect(life.update(idOf(before), after, before)).resolves.toEqual({ PhysicalResourceId: idOf(before) });
    expect(life.calls).toEqual([]);
    // The 25 that landed stay (Cognito cannot remove them); the next deployment adds the other 5 only.
    expect(await customAttributes(pool)).toEqual(['plan:String:true', 'tenant:String:true', ...names(many('u', 25))].sort());
    await expect(life.update(idOf(before), before, after)).resolves.toEqual({ PhysicalResourceId: idOf(after, before) });
    expect(life.calls.filter((c) => c.operation === 'AddCustomAttributes').map((c) => c.body.CustomAttributes.length)).toEqual([5]);
    expect(await customAttributes(pool)).toEqual(['plan:String:true', 'tenant:String:true', ...names(many('u', 30))].sort());
  });

  test('the Lambda killed midway through an update (25 landed) then the same update again: only the rest is added', async () => {
    const before = props(pool, attr('tenant'));
    const after = props(pool, attr('tenant'), ...many('w', 28));
    life.faults.inject = (op, _body, nth) => (op === 'AddCustomAttributes' && nth === 2 ? 'InvalidParameterException' : undefined);
    await expect(life.update(idOf(before), before, after)).rejects.toThrow('Injected InvalidParameterException');
    life.reset();
    await expect(life.update(idOf(before), before, after)).resolves.toEqual({ PhysicalResourceId: idOf(after, before) });
    expect(life.calls.filter((c) => c.operation === 'AddCustomAttributes').map((c) => c.body.CustomAttributes.map((a: any) => a.Name)))
      .toEqual([['w25', 'w26', 'w27']]);
    expect((await customAttributes(pool)).filter((a) => a.startsWith('w'))).toEqual(names(many('w', 28)));
  });

  test('pool replacement: the list is added to the new pool; the id names the new pool', async () => {
    const other = await newPool('replacement');
    const before = props(pool, attr('tenant'));
    const after = props(other, attr('tenant'));
    await expect(life.update(idOf(before), before, after)).resolves.toEqual({ PhysicalResourceId: idOf(after, before) });
    expect(await customAttributes(other)).toEqual(['tenant:String:true']);
    // Its rollback (back to the old pool, under the new id): no call, the old pool still holds the list.
    life.reset();
    await expect(life.update(idOf(after, before), after, before)).resolves.toEqual({ PhysicalResourceId: idOf(before) });
    expect(life.calls).toEqual([]);
  });

  test('an update from properties an older version wrote, under the id it returned', async () => {
    // Older versions returned `<pool>/custom-attributes/<fingerprint>` even after a change, and wrote Mutable as a boolean.
    const older = { UserPoolId: pool, Attributes: [{ Name: 'tenant', DataType: 'String', Mutable: true }] };
    const now = props(pool, attr('tenant'), attr('tier'));
    await expect(life.update(idOf(older), older, now)).resolves.toEqual({ PhysicalResourceId: idOf(now, older) });
    expect(life.calls.filter((c) => c.operation === 'AddCustomAttributes').map((c) => c.body.CustomAttributes.map((a: any) => a.Name)))
      .toEqual([['tier']]);
  });

  test('old properties that could not be read (undefined): the live pool decides; nothing is refused or re-added', async () => {
    const now = props(pool, attr('tenant'), attr('tier'), attr('zone'));
    const res = await customAttributesModule.onUpdate(customAttributesModule.parse(now), undefined as any, idOf(v1()), createContext());
    expect(res).toEqual({ physicalId: idOf(now, v1()) });
    expect(life.calls.filter((c) => c.operation === 'AddCustomAttributes').map((c) => c.body.CustomAttributes.map((a: any) => a.Name)))
      .toEqual([['zone']]);
  });
});

describe('delete', () => {
  test('makes no call and leaves the attributes (Cognito cannot delete them)', async () => {
    const pool = await newPool('delete');
    const p = props(pool, attr('tenant'));
    await life.create(p);
    life.reset();
    await expect(life.remove(idOf(p), p)).resolves.toEqual({ PhysicalResourceId: idOf(p) });
    expect(life.calls).toEqual([]);
    expect(await customAttributes(pool)).toEqual(['tenant:String:true']);
  });

  test('with the pool already gone succeeds with no call', async () => {
    const pool = await newPool('gone');
    const p = props(pool, attr('tenant'));
    await life.create(p);
    await life.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
    life.reset();
    await expect(life.remove(idOf(p), p)).resolves.toEqual({ PhysicalResourceId: idOf(p) });
    expect(life.calls).toEqual([]);
  });
});

describe('under faults: 30% throttling or 5xx before the request, 20% of write responses lost', () => {
  test('create, the retried create, an update, its rollback and delete all converge to the declared list', async () => {
    life.faults.background = { faultRate: 0.3, lostResponseRate: 0.2, seed: 11 };
    for (const name of ['faults-1', 'faults-2', 'faults-3']) {
      const pool = await newPool(name);
      const v1 = props(pool, ...many('p', 30));
      const v2 = props(pool, ...many('p', 60));
      await expect(life.create(v1)).resolves.toEqual({ PhysicalResourceId: idOf(v1) });
      await expect(life.create(v1)).resolves.toEqual({ PhysicalResourceId: idOf(v1) });
      await expect(life.update(idOf(v1), v1, v2)).resolves.toEqual({ PhysicalResourceId: idOf(v2, v1) });
      await expect(life.update(idOf(v2, v1), v2, v1)).resolves.toEqual({ PhysicalResourceId: idOf(v1) });
      await expect(life.remove(idOf(v1), v1)).resolves.toEqual({ PhysicalResourceId: idOf(v1) });
      expect(await customAttributes(pool)).toEqual(names(many('p', 60)));
    }
    // The proxy really got in the way, and losses hit the writes.
    expect(life.lost.length).toBeGreaterThan(0);
    expect(life.proxy.faults.throttled + life.proxy.faults.failed).toBeGreaterThan(0);
  });
});
