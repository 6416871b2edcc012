/**
 * Which users a resource owns. A user is owned by the resource that created it (or that adopted
 * it because its declaration said `AdoptExisting`), and only the owner may adopt it again after a
 * retry, change it as a rollback or delete it.
 *
 * Ownership is recorded on the user itself, in the same AdminCreateUser call that creates it (so
 * no crash can separate the user from its record): a developer-only attribute, which app clients
 * can neither read nor write (a user cannot forge it through SignUp or UpdateUserAttributes). The
 * handler adds that attribute to the pool's schema the first time it needs it.
 */
import {
  AddCustomAttributesCommand, AdminGetUserCommand, AdminGetUserCommandOutput, DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isNotFound } from '../shared/cognito';
import type { HandlerContext } from '../shared/types';

/** The attribute's name as declared; Cognito lists it as `dev:custom:cdk_owner`. */
export const OWNER_ATTRIBUTE = 'cdk_owner';
/** The suffix of the marker of a user adopted (not created) by its resource. */
export const ADOPTED_SUFFIX = '#adopted';

/** This resource's marker, and the attribute it is written to in this pool. */
export interface OwnerMarker {
  /** The attribute name to use in user-attribute calls (as the pool's schema lists it). */
  readonly attribute: string;
  /** The value on users this resource created. */
  readonly created: string;
  /** The value on users this resource adopted. */
  readonly adopted: string;
}

export type Ownership = 'created' | 'adopted' | 'other' | 'none';

/** Thrown when a declared user exists and belongs to something else. */
export class NotOwnedError extends Error {
  constructor(poolId: string, username: string, owner: string | undefined, option: string) {
    const by = owner ? `was created by another resource (${owner.replace(ADOPTED_SUFFIX, '')})` : 'existed before and was not created by this resource';
    super(`User ${username} already exists in pool ${poolId} and ${by}. ` +
      `Set ${option} to take it over (its declared groups, attributes and password are then applied), or remove or rename the user.`);
    this.name = 'NotOwnedError';
  }
}

/** The marker values of the resource the event is about: its stack and logical id. */
export function markerValue(ctx: HandlerContext): string {
  const r = ctx.resource;
  if (!r || !r.stackId || !r.logicalResourceId) throw new Error('The event names no StackId and LogicalResourceId: ownership cannot be recorded');
  return `${r.stackId}#${r.logicalResourceId}`;
}

const attributeNames = new WeakMap<object, Map<string, Promise<string>>>();

/**
 * This resource's marker in `poolId`, adding the developer-only attribute to the pool's schema
 * if it is not there yet (once per invocation and pool, whatever the concurrency).
 */
export async function ownerMarker(poolId: string, ctx: HandlerContext): Promise<OwnerMarker> {
  let perPool = attributeNames.get(ctx.cognito);
  if (!perPool) {
    perPool = new Map();
    attributeNames.set(ctx.cognito, perPool);
  }
  let name = perPool.get(poolId);
  if (!name) {
    name = ensureAttribute(poolId, ctx);
    perPool.set(poolId, name);
    name.catch(() => perPool!.delete(poolId));
  }
  return markerIn(await name, ctx);
}

function markerIn(attribute: string, ctx: HandlerContext): OwnerMarker {
  const created = markerValue(ctx);
  return { attribute, created, adopted: `${created}${ADOPTED_SUFFIX}` };
}

/** This resource's marker if the pool has the attribute already (without adding it). */
export async function existingOwnerMarker(poolId: string, ctx: HandlerContext): Promise<OwnerMarker | undefined> {
  const attribute = await findAttribute(poolId, ctx);
  return attribute ? markerIn(attribute, ctx) : undefined;
}

async function ensureAttribute(poolId: string, ctx: HandlerContext): Promise<string> {
  const existing = await findAttribute(poolId, ctx);
  if (existing) return existing;
  ctx.log.info(`Adding the developer-only attribute ${OWNER_ATTRIBUTE} to pool ${poolId} to record which users this stack made`);
  try {
    await ctx.cognito.send('UserPoolResourceUpdate', new AddCustomAttributesCommand({
      UserPoolId: poolId,
      CustomAttributes: [{
        Name: OWNER_ATTRIBUTE,
        AttributeDataType: 'String',
        DeveloperOnlyAttribute: true,
        Mutable: true,
        StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
      }],
    }));
  } catch (error) {
    // Another resource (or a retry whose answer was lost) added it first.
    if ((error as Error).name !== 'InvalidParameterException') throw error;
  }
  const added = await findAttribute(poolId, ctx);
  if (!added) throw new Error(`Pool ${poolId} does not list the ${OWNER_ATTRIBUTE} attribute after adding it`);
  return added;
}

async function findAttribute(poolId: string, ctx: HandlerContext): Promise<string | undefined> {
  const pool = await ctx.cognito.send('UserPoolRead', new DescribeUserPoolCommand({ UserPoolId: poolId }));
  const names = (pool.UserPool?.SchemaAttributes ?? []).map((a) => a.Name ?? '');
  // Cognito prefixes developer-only attributes with `dev:`; the local emulator does not.
  return names.find((n) => n === `dev:custom:${OWNER_ATTRIBUTE}`) ?? names.find((n) => n === `custom:${OWNER_ATTRIBUTE}`);
}

/** Whose the user is, read from its attributes. */
export function ownershipOf(user: Pick<AdminGetUserCommandOutput, 'UserAttributes'>, marker: OwnerMarker): Ownership {
  const value = user.UserAttributes?.find((a) => a.Name === marker.attribute)?.Value;
  if (value === marker.created) return 'created';
  if (value === marker.adopted) return 'adopted';
  return value ? 'other' : 'none';
}

export function ownerValue(user: Pick<AdminGetUserCommandOutput, 'UserAttributes'>, marker: OwnerMarker): string | undefined {
  return user.UserAttributes?.find((a) => a.Name === marker.attribute)?.Value;
}

/**
 * The user addressed by the first of `candidates` that names one (Cognito accepts a username, an
 * alias such as the email of an email-as-username pool, or the `sub`); undefined when none does.
 */
export async function findUser(poolId: string, candidates: ReadonlyArray<string | undefined>, ctx: HandlerContext): Promise<AdminGetUserCommandOutput | undefined> {
  for (const candidate of new Set(candidates.filter((c): c is string => !!c))) {
    try {
      return await ctx.cognito.send('UserRead', new AdminGetUserCommand({ UserPoolId: poolId, Username: candidate }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return undefined;
}
