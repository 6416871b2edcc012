import { AddCustomAttributesCommand, CognitoIdentityProviderClient, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { customAttributesModule } from '../../custom-resources/custom-attributes';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const TYPE = 'Custom::CognitoCustomAttributes';
const POOL = 'us-east-1_pool';
const attr = (name: string, extra: object = {}) => ({ Name: name, DataType: 'String', Mutable: 'true', ...extra });
const props = (...attrs: object[]): Record<string, unknown> => ({ UserPoolId: POOL, Attributes: attrs });
const run = (event: any) => dispatch(event, testContext(), [customAttributesModule]);

async function physicalIdOf(p: Record<string, unknown>): Promise<string> {
  cognito.on(DescribeUserPoolCommand).resolves({ UserPool: { SchemaAttributes: [] } });
  const res = await run(createEvent(TYPE, p));
  cognito.reset();
  cognito.onAnyCommand().resolves({});
  return res.PhysicalResourceId!;
}

beforeEach(() => {
  cognito.reset();
  cognito.onAnyCommand().resolves({});
  cognito.on(DescribeUserPoolCommand).resolves({
    UserPool: { SchemaAttributes: [{ Name: 'email', AttributeDataType: 'String' }, { Name: 'custom:tenant', AttributeDataType: 'String', Mutable: true }] },
  });
});

describe('Custom::CognitoCustomAttributes', () => {
  test('create adds only the attributes the pool lacks', async () => {
    // WHEN
    const res = await run(createEvent(TYPE, props(attr('tenant'), attr('plan'), attr('score', { DataType: 'Number', Min: '0', Max: '100' }))));
    // THEN
    expect(res.PhysicalResourceId).toMatch(/^us-east-1_pool\/custom-attributes\/[0-9a-f]{16}$/);
    expect(cognito.commandCalls(AddCustomAttributesCommand).map((c) => c.args[0].input)).toEqual([{
      UserPoolId: POOL,
      CustomAttributes: [
        { Name: 'plan', AttributeDataType: 'String', Mutable: true },
        { Name: 'score', AttributeDataType: 'Number', Mutable: true, NumberAttributeConstraints: { MinValue: '0', MaxValue: '100' } },
      ],
    }]);
  });

  test('more than 25 new attributes go in calls of at most 25', async () => {
    const many = Array.from({ length: 30 }, (_, i) => attr(`a${i}`));
    await run(createEvent(TYPE, props(...many)));
    expect(cognito.commandCalls(AddCustomAttributesCommand).map((c) => c.args[0].input.CustomAttributes!.length)).toEqual([25, 5]);
  });

  test('create refuses an attribute the pool holds with another definition', async () => {
    await expect(run(createEvent(TYPE, props(attr('tenant', { DataType: 'Number' })))))
      .rejects.toThrow('Cognito cannot remove or change a custom attribute (custom:tenant changed)');
    expect(cognito.commandCalls(AddCustomAttributesCommand)).toHaveLength(0);
  });

  test('a no-op update makes no call', async () => {
    const p = props(attr('plan'));
    const id = await physicalIdOf(p);
    await expect(run(updateEvent(TYPE, id, p, p))).resolves.toEqual({ PhysicalResourceId: id });
    expect(cognito.calls()).toHaveLength(0);
  });

  test('an update adds the new attribute only, under a new physical id', async () => {
    const before = props(attr('plan'));
    const id = await physicalIdOf(before);
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: { SchemaAttributes: [{ Name: 'custom:plan', AttributeDataType: 'String', Mutable: true }] } });
    const res = await run(updateEvent(TYPE, id, before, props(attr('plan'), attr('region'))));
    expect(res.PhysicalResourceId).not.toEqual(id);
    expect(cognito.commandCalls(AddCustomAttributesCommand).map((c) => c.args[0].input.CustomAttributes)).toEqual([
      [{ Name: 'region', AttributeDataType: 'String', Mutable: true }],
    ]);
  });

  test.each([
    ['removal', props(attr('plan'), attr('region')), props(attr('plan')), 'custom:region removed'],
    ['change', props(attr('plan')), props(attr('plan', { Mutable: 'false' })), 'custom:plan changed'],
  ])('a %s is refused before any call', async (_name, before, after, message) => {
    const id = await physicalIdOf(before);
    await expect(run(updateEvent(TYPE, id, before, after))).rejects.toThrow(message);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('rollback of a refused change (old/new swapped) succeeds with no call', async () => {
    const deployed = props(attr('plan'), attr('region'));
    const id = await physicalIdOf(deployed);
    await expect(run(updateEvent(TYPE, id, props(attr('plan')), deployed))).resolves.toEqual({ PhysicalResourceId: id });
    expect(cognito.calls()).toHaveLength(0);
  });

  test('rollback of an accepted addition (old/new swapped, under the new id) succeeds with no call', async () => {
    // GIVEN an update that added custom:region was accepted, and a later resource failed
    const before = props(attr('plan'));
    const after = props(attr('plan'), attr('region'));
    const id = await physicalIdOf(before);
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: { SchemaAttributes: [{ Name: 'custom:plan', AttributeDataType: 'String', Mutable: true }] } });
    const added = (await run(updateEvent(TYPE, id, before, after))).PhysicalResourceId!;
    cognito.reset();
    cognito.onAnyCommand().resolves({});
    // WHEN CloudFormation rolls back: an update back to the previous list, under the new id
    const res = await run(updateEvent(TYPE, added, after, before));
    // THEN it succeeds (the attribute stays in the pool: Cognito cannot remove it) and makes no call
    expect(res.PhysicalResourceId).toEqual(id);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('after an accepted addition, removing another attribute is still refused', async () => {
    const before = props(attr('plan'));
    const after = props(attr('plan'), attr('region'));
    const id = await physicalIdOf(before);
    const added = (await run(updateEvent(TYPE, id, before, after))).PhysicalResourceId!;
    await expect(run(updateEvent(TYPE, added, after, props(attr('region'))))).rejects.toThrow('custom:plan removed');
  });

  test('delete makes no call: Cognito cannot delete custom attributes', async () => {
    await run(deleteEvent(TYPE, 'us-east-1_pool/custom-attributes/0123456789abcdef', props(attr('plan'))));
    expect(cognito.calls()).toHaveLength(0);
  });

  test('delete of a pool already gone succeeds', async () => {
    cognito.onAnyCommand().rejects(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));
    await expect(run(deleteEvent(TYPE, 'us-east-1_gone/custom-attributes/0123456789abcdef', props(attr('plan'))))).resolves.toBeDefined();
  });
});
