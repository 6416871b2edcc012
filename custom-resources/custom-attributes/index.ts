/**
 * `Custom::CognitoCustomAttributes`: custom attributes added to a live pool with
 * AddCustomAttributes (at most 25 a call), without replacing it. Cognito cannot remove or
 * change a custom attribute, so such a change is refused. The physical id carries a
 * fingerprint of the deployed list (and of the list an accepted change replaced), so that the
 * rollback of a refused or of an accepted change succeeds.
 */
import { AddCustomAttributesCommand, DescribeUserPoolCommand, SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, parseBoolean, parseObjectList, PropertyError, requireString, optionalString } from '../shared/cfn-values';
import { sameValue } from '../shared/diff';
import { changedStateId, fingerprint, fingerprintOf, previousFingerprintOf } from '../shared/fingerprint';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';

export const CUSTOM_ATTRIBUTES_RESOURCE_TYPE = 'Custom::CognitoCustomAttributes';
/** AddCustomAttributes takes at most 25 attributes a call. */
export const MAX_PER_CALL = 25;

export interface CustomAttributeSpec {
  /** Without the `custom:` prefix. */
  readonly name: string;
  readonly dataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  readonly mutable: boolean;
  readonly min?: string;
  readonly max?: string;
}

export interface CustomAttributesSpec {
  readonly userPoolId: string;
  readonly attributes: CustomAttributeSpec[];
}

const TYPES = ['String', 'Number', 'DateTime', 'Boolean'];
/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = ['UserPoolId', 'Attributes'] as const;
const ATTRIBUTE_PROPERTIES = ['Name', 'DataType', 'Mutable', 'Min', 'Max'] as const;

export const customAttributesModule: ResourceModule<CustomAttributesSpec> = {
  resourceType: CUSTOM_ATTRIBUTES_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  async onCreate(props, ctx) {
    await addMissing(props, props.attributes, ctx);
    return { physicalId: physicalId(props) };
  },

  async onUpdate(props, oldProps, currentId, ctx) {
    // The deployed list (a no-op, or the rollback of a refused change): nothing to do.
    if (fingerprintOf(currentId) === fingerprint(props) && (oldProps === undefined || props.userPoolId === oldProps.userPoolId)) {
      return { physicalId: currentId };
    }
    // Back to the list the deployed change replaced: the rollback of that change. What it added
    // stays in the pool (Cognito cannot remove it); refusing would leave the rollback stuck.
    if (previousFingerprintOf(currentId) === fingerprint(props)) {
      ctx.log.info('Back to the custom attributes before the last change (a rollback): the added ones stay in the pool');
      return { physicalId: physicalId(props) };
    }
    const accepted = physicalId(props, fingerprintOf(currentId));
    if (oldProps === undefined) {
      // The previous list is unknown: converge from the pool's schema. A changed attribute is
      // still refused (against the pool); a removed one cannot be told from one declared elsewhere.
      ctx.log.info('Previous custom attributes unknown: converging from the pool\'s schema');
      await addMissing(props, props.attributes, ctx);
      return { physicalId: accepted };
    }
    if (props.userPoolId !== oldProps.userPoolId) {
      await addMissing(props, props.attributes, ctx);
      return { physicalId: accepted };
    }
    const previous = new Map(oldProps.attributes.map((a) => [a.name, a]));
    const next = new Map(props.attributes.map((a) => [a.name, a]));
    const removed = [...previous.keys()].filter((n) => !next.has(n));
    const changed = [...next.values()].filter((a) => previous.has(a.name) && !sameValue(a, previous.get(a.name)));
    if (removed.length > 0 || changed.length > 0) throw new Error(refusal(removed, changed.map((a) => a.name)));
    const added = props.attributes.filter((a) => !previous.has(a.name));
    if (added.length > 0) await addMissing(props, added, ctx);
    // Any accepted change is a new physical id that remembers the list it replaced.
    return { physicalId: accepted };
  },

  // Cognito cannot delete a custom attribute: removing the construct leaves them in the pool.
  async onDelete(_props, _physicalId, ctx) {
    ctx.log.info('Custom attributes stay in the pool: Cognito cannot delete them');
  },
};

function parseSpec(raw: RawProperties, strict: boolean): CustomAttributesSpec {
  checkKnown(strict, raw, PROPERTIES);
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    attributes: parseObjectList('Attributes', raw.Attributes).map((a, i) => {
      const where = `Attributes[${i}]`;
      checkKnown(strict, a, ATTRIBUTE_PROPERTIES, where);
      const dataType = requireString(a, 'DataType', where);
      if (!TYPES.includes(dataType)) throw new PropertyError(`${where}.DataType`, dataType, TYPES.join(', '));
      return {
        name: requireString(a, 'Name', where).replace(/^custom:/, ''),
        dataType: dataType as CustomAttributeSpec['dataType'],
        mutable: parseBoolean(`${where}.Mutable`, a.Mutable, true),
        min: optionalString(a, 'Min', where),
        max: optionalString(a, 'Max', where),
      };
    }),
  };
}

/** Adds the declared attributes the pool lacks; one that exists with another definition is refused. */
async function addMissing(props: CustomAttributesSpec, wanted: CustomAttributeSpec[], ctx: HandlerContext): Promise<void> {
  const pool = await ctx.cognito.send('UserPoolRead', new DescribeUserPoolCommand({ UserPoolId: props.userPoolId }));
  const existing = new Map((pool.UserPool?.SchemaAttributes ?? [])
    .filter((s) => s.Name?.startsWith('custom:'))
    .map((s) => [s.Name!.slice('custom:'.length), s]));
  const conflicts = wanted.filter((a) => existing.has(a.name) && !matches(a, existing.get(a.name)!));
  if (conflicts.length > 0) throw new Error(refusal([], conflicts.map((a) => a.name)));
  const missing = wanted.filter((a) => !existing.has(a.name));
  for (let i = 0; i < missing.length; i += MAX_PER_CALL) {
    const batch = missing.slice(i, i + MAX_PER_CALL);
    try {
      await ctx.cognito.send('UserPoolResourceUpdate', new AddCustomAttributesCommand({
        UserPoolId: props.userPoolId,
        CustomAttributes: batch.map(toSchema),
      }));
    } catch (error) {
      // A retry of a call whose answer was lost meets the attributes that call added ("Existing
      // attribute already has name"): done if the pool now holds the whole batch as declared.
      if (!(await holdsAll(props.userPoolId, batch, ctx))) throw error;
      ctx.log.info(`Custom attributes: the ${batch.length} of this call were already added (a retried call)`);
    }
  }
  ctx.log.info(`Custom attributes: ${missing.length} added, ${wanted.length - missing.length} already present`);
}

async function holdsAll(userPoolId: string, wanted: CustomAttributeSpec[], ctx: HandlerContext): Promise<boolean> {
  const pool = await ctx.cognito.send('UserPoolRead', new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  const held = new Map((pool.UserPool?.SchemaAttributes ?? []).map((s) => [s.Name, s]));
  return wanted.every((a) => {
    const s = held.get(`custom:${a.name}`);
    return s !== undefined && matches(a, s);
  });
}

function toSchema(a: CustomAttributeSpec): SchemaAttributeType {
  const constraints = a.min === undefined && a.max === undefined ? undefined : { MinLength: a.min, MaxLength: a.max };
  return {
    Name: a.name,
    AttributeDataType: a.dataType,
    Mutable: a.mutable,
    ...(a.dataType === 'String' && constraints ? { StringAttributeConstraints: constraints } : {}),
    ...(a.dataType === 'Number' && constraints ? { NumberAttributeConstraints: { MinValue: a.min, MaxValue: a.max } } : {}),
  };
}

function matches(a: CustomAttributeSpec, s: SchemaAttributeType): boolean {
  if (s.AttributeDataType !== a.dataType || (s.Mutable ?? true) !== a.mutable) return false;
  const min = a.dataType === 'Number' ? s.NumberAttributeConstraints?.MinValue : s.StringAttributeConstraints?.MinLength;
  const max = a.dataType === 'Number' ? s.NumberAttributeConstraints?.MaxValue : s.StringAttributeConstraints?.MaxLength;
  return (a.min === undefined || a.min === min) && (a.max === undefined || a.max === max);
}

function refusal(removed: string[], changed: string[]): string {
  const parts = [
    ...removed.map((n) => `custom:${n} removed`),
    ...changed.map((n) => `custom:${n} changed`),
  ];
  return `Cognito cannot remove or change a custom attribute (${parts.join('; ')}). `
    + 'Declare it as before, or add a new attribute under another name.';
}

function physicalId(props: CustomAttributesSpec, previous?: string): string {
  return changedStateId(`${props.userPoolId}/custom-attributes`, fingerprint(props), previous);
}
