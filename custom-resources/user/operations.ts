/**
 * The Cognito calls that create, change and delete one declared user. Update computes a
 * typed change map first and calls only what it lists.
 */
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserAttributesCommand, AdminDeleteUserCommand,
  AdminDisableProviderForUserCommand, AdminDisableUserCommand, AdminEnableUserCommand, AdminLinkProviderForUserCommand,
  AdminRemoveUserFromGroupCommand, AdminSetUserMFAPreferenceCommand, AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand, DeliveryMediumType, MessageActionType, AdminListGroupsForUserCommand, AdminGetUserCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { isNotFound } from '../shared/cognito';
import { diffList, diffMap, ListDiff, MapDiff, sameValue } from '../shared/diff';
import type { HandlerContext } from '../shared/types';
import { existingOwnerMarker, findUser, NotOwnedError, ownerMarker, OwnerMarker, ownershipOf, ownerValue } from './ownership';
import { addressesOf, LinkedIdentitySpec, linkedIdentityKey, MfaSpec, samePassword, UserSpec } from './spec';

/** What changed between two declarations of the same user (same pool, same username). */
export interface UserChanges {
  readonly attributes: MapDiff;
  /** The new enabled state, when it changed. */
  readonly enabled?: boolean;
  /** The password reference changed (another secret, key, or permanence) or its revision did. */
  readonly password: boolean;
  /** The MFA preference changed; the new settings are sent whole. */
  readonly mfa: boolean;
  readonly groups: ListDiff<string>;
  readonly linkedIdentities: ListDiff<LinkedIdentitySpec>;
}

export function userChanges(prev: UserSpec, next: UserSpec): UserChanges {
  return {
    attributes: withVerifiedFlags(diffMap(prev.attributes, next.attributes), next.attributes),
    enabled: prev.enabled !== next.enabled ? next.enabled : undefined,
    password: next.password !== undefined && !samePassword(prev.password, next.password),
    mfa: !sameValue(prev.mfa ?? null, next.mfa ?? null),
    groups: diffList(prev.groups, next.groups),
    linkedIdentities: diffList(prev.linkedIdentities, next.linkedIdentities, linkedIdentityKey),
  };
}

/** True when the user's declared state differs (the ownership flags are not state). */
export function userDiffers(prev: UserSpec, next: UserSpec): boolean {
  const state = ({ recordOwner: _r, adoptExisting: _a, ...rest }: UserSpec) => rest;
  return !sameValue(state(prev), state(next));
}

/**
 * Cognito marks a changed email or phone number unverified unless the verified flag comes in
 * the same call: a declared flag is resent with its address.
 */
function withVerifiedFlags(diff: MapDiff, next: { [name: string]: string }): MapDiff {
  const set = { ...diff.set };
  for (const [address, flag] of [['email', 'email_verified'], ['phone_number', 'phone_number_verified']]) {
    if (address in set && flag in next) set[flag] = next[flag];
  }
  return { set, removed: diff.removed };
}

export function isReplacement(prev: UserSpec, next: UserSpec): boolean {
  return prev.userPoolId !== next.userPoolId || prev.username !== next.username;
}

/** The declaration's opt-in to take over an existing user, named in refusals. */
const ADOPT_OPTION = 'AdoptExisting (adoptExisting in the construct)';

export interface CreateOptions {
  /** Record this resource as the user's owner, and refuse to take over users it does not own. */
  readonly recordOwner: boolean;
  /** Take over a user that exists and is not this resource's (the declaration's explicit opt-in). */
  readonly adoptExisting: boolean;
}

export interface CreateResult {
  /** Cognito's own username (a generated id in pools that sign in with email or phone as username). */
  readonly username: string;
}

/**
 * Creates the user and applies everything declared. If the user exists, it is brought to the
 * declaration only when it is this resource's (a retried Create, a rollback, a retained user
 * declared again) or the declaration asks to adopt it; otherwise the call fails and changes
 * nothing. If a later step fails on a user this call created, the user is deleted again, so that
 * a failed Create (which never gets a Delete) leaves nothing behind.
 */
/**
 * The invitation's delivery: as declared, else EMAIL for a user with an email address and no
 * phone number (Cognito's own default, SMS, would never reach such a user), else Cognito's default.
 */
function invitationMediums(spec: UserSpec, suppress: boolean): DeliveryMediumType[] | undefined {
  if (spec.deliveryMediums.length > 0) return spec.deliveryMediums as DeliveryMediumType[];
  if (!suppress && spec.attributes.email !== undefined && spec.attributes.phone_number === undefined) return [DeliveryMediumType.EMAIL];
  return undefined;
}

export async function createUser(spec: UserSpec, ctx: HandlerContext, options: CreateOptions): Promise<CreateResult> {
  const marker = options.recordOwner ? await ownerMarker(spec.userPoolId, ctx) : undefined;
  const temporary = spec.password && !spec.password.permanent ? await ctx.secrets.read(spec.password.secret) : undefined;
  const suppress = spec.messageAction === 'SUPPRESS' || spec.password?.permanent === true;
  const attributes = marker ? { ...spec.attributes, [marker.attribute]: marker.created } : spec.attributes;
  let username: string;
  try {
    const created = await ctx.cognito.send('UserCreation', new AdminCreateUserCommand({
      UserPoolId: spec.userPoolId,
      Username: spec.username,
      UserAttributes: toAttributeList(attributes),
      TemporaryPassword: temporary,
      MessageAction: suppress ? MessageActionType.SUPPRESS : undefined,
      DesiredDeliveryMediums: invitationMediums(spec, suppress),
    }));
    // In pools that sign in with email or phone as username, Cognito names the user itself.
    username = created.User?.Username ?? spec.username;
  } catch (error) {
    if ((error as Error).name !== 'UsernameExistsException') throw error;
    // An older version's properties (a rollback of an upgrade) record no owner, but the user may
    // carry this resource's record all the same: it decides.
    return { username: await takeOver(spec, ctx, options, marker ?? await existingOwnerMarker(spec.userPoolId, ctx)) };
  }
  const target = { ...spec, username };
  try {
    if (spec.password?.permanent) await setPassword(target, ctx);
    if (!spec.enabled) await setEnabled(target, false, ctx);
    if (spec.mfa) await setMfa(target, spec.mfa, ctx);
    for (const group of spec.groups) await addToGroup(target, group, ctx);
    for (const identity of spec.linkedIdentities) await link(target, identity, ctx);
  } catch (error) {
    ctx.log.error(`Creating user ${spec.username} failed after AdminCreateUser; deleting it again`);
    await deleteUser(target, ctx, { recordOwner: options.recordOwner, createdOnly: true })
      .catch((e) => ctx.log.error('Cleanup failed', { message: (e as Error).message }));
    throw error;
  }
  return { username };
}

/**
 * The user exists: converge it to the declaration if it is ours or adoption was asked for.
 * Returns Cognito's username of the user.
 */
async function takeOver(spec: UserSpec, ctx: HandlerContext, options: CreateOptions, marker?: OwnerMarker): Promise<string> {
  const live = await findUser(spec.userPoolId, [spec.username], ctx);
  if (!live) throw new Error(`User ${spec.username} exists in pool ${spec.userPoolId} but cannot be read`);
  const username = live.Username ?? spec.username;
  if (!marker && !options.adoptExisting) {
    throw new NotOwnedError(spec.userPoolId, spec.username, undefined, ADOPT_OPTION);
  }
  if (marker) {
    const owner = ownershipOf(live, marker);
    if (owner === 'other' || owner === 'none') {
      if (!options.adoptExisting) throw new NotOwnedError(spec.userPoolId, spec.username, ownerValue(live, marker), ADOPT_OPTION);
      ctx.log.info(`User ${spec.username} exists and is adopted as declared`);
      await ctx.cognito.send('UserUpdate', new AdminUpdateUserAttributesCommand({
        UserPoolId: spec.userPoolId, Username: username, UserAttributes: [{ Name: marker.attribute, Value: marker.adopted }],
      }));
    } else {
      ctx.log.info(`User ${spec.username} exists and is this resource's (${owner}); bringing it to the declaration`);
    }
  }
  await convergeUser(live, { ...spec, username }, ctx);
  return username;
}

/**
 * Brings an existing user to the declaration from its live state, adding what is missing and
 * removing nothing (what is not declared here may be someone else's).
 */
export async function convergeUser(live: AdminGetUserCommandOutput, spec: UserSpec, ctx: HandlerContext): Promise<void> {
  const current = Object.fromEntries((live.UserAttributes ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));
  const set = withVerifiedFlags({ set: Object.fromEntries(Object.entries(spec.attributes).filter(([k, v]) => current[k] !== v)), removed: [] }, spec.attributes).set;
  if (Object.keys(set).length > 0) {
    await ctx.cognito.send('UserUpdate', new AdminUpdateUserAttributesCommand({
      UserPoolId: spec.userPoolId, Username: spec.username, UserAttributes: toAttributeList(set),
    }));
  }
  if (spec.password) await setPassword(spec, ctx);
  if ((live.Enabled ?? true) !== spec.enabled) await setEnabled(spec, spec.enabled, ctx);
  if (spec.mfa) await setMfa(spec, spec.mfa, ctx);
  if (spec.groups.length > 0) {
    const member = await groupsOf(spec, ctx);
    for (const group of spec.groups) if (!member.has(group)) await addToGroup(spec, group, ctx);
  }
  for (const identity of spec.linkedIdentities) await link(spec, identity, ctx);
}

async function groupsOf(spec: UserSpec, ctx: HandlerContext): Promise<Set<string>> {
  const member = new Set<string>();
  let token: string | undefined;
  do {
    const page = await ctx.cognito.send('UserList', new AdminListGroupsForUserCommand({
      UserPoolId: spec.userPoolId, Username: spec.username, Limit: 60, NextToken: token,
    }));
    for (const g of page.Groups ?? []) if (g.GroupName) member.add(g.GroupName);
    token = page.NextToken;
  } while (token);
  return member;
}

/**
 * Records this resource as the owner of a user it managed before ownership was recorded (the
 * first update after an upgrade of the library). A user another resource owns is left as is.
 * Returns the number of calls made.
 */
export async function stampOwner(live: AdminGetUserCommandOutput, spec: UserSpec, ctx: HandlerContext): Promise<number> {
  const marker = await ownerMarker(spec.userPoolId, ctx);
  if (ownershipOf(live, marker) !== 'none') return 0;
  await ctx.cognito.send('UserUpdate', new AdminUpdateUserAttributesCommand({
    UserPoolId: spec.userPoolId, Username: live.Username ?? spec.username, UserAttributes: [{ Name: marker.attribute, Value: marker.created }],
  }));
  return 1;
}

/**
 * Changes a user declared before: found by its username (or `addresses`, then a previous alias),
 * brought from the previous declaration to the new one; made again if it is gone. A user found
 * there that is not this resource's is refused unless adoption is declared. Returns the calls made.
 */
export async function changeUser(prev: UserSpec, next: UserSpec, upgrading: boolean, ctx: HandlerContext, addresses: ReadonlyArray<string | undefined> = []): Promise<number> {
  const live = await findUser(next.userPoolId, [...addresses, ...addressesOf(prev)], ctx);
  if (!live) {
    ctx.log.info(`User ${next.username} was not found; creating it`);
    await createUser(next, ctx, next);
    return 1;
  }
  const target = { ...next, username: live.Username ?? next.username };
  if (next.recordOwner && !upgrading) {
    const marker = await ownerMarker(next.userPoolId, ctx);
    const owner = ownershipOf(live, marker);
    if (owner === 'other' || owner === 'none') {
      // Found at this user's address but not this resource's: takeOver refuses it unless adoption is declared.
      await takeOver(target, ctx, next, marker);
      return 1;
    }
  }
  const stamped = upgrading ? await stampOwner(live, target, ctx) : 0;
  return stamped + await updateUser({ ...prev, username: target.username }, target, ctx);
}

/** Applies the change map. Returns the number of calls made (0 for a no-op update). */
export async function updateUser(prev: UserSpec, next: UserSpec, ctx: HandlerContext): Promise<number> {
  const changes = userChanges(prev, next);
  let calls = 0;
  if (Object.keys(changes.attributes.set).length > 0) {
    calls++;
    await ctx.cognito.send('UserUpdate', new AdminUpdateUserAttributesCommand({
      UserPoolId: next.userPoolId, Username: next.username, UserAttributes: toAttributeList(changes.attributes.set),
    }));
  }
  if (changes.attributes.removed.length > 0) {
    calls++;
    await ctx.cognito.send('UserUpdate', new AdminDeleteUserAttributesCommand({
      UserPoolId: next.userPoolId, Username: next.username, UserAttributeNames: changes.attributes.removed,
    }));
  }
  if (changes.password) { calls++; await setPassword(next, ctx); }
  if (changes.enabled !== undefined) { calls++; await setEnabled(next, changes.enabled, ctx); }
  if (changes.mfa) { calls++; await setMfa(next, next.mfa ?? { sms: false, email: false }, ctx); }
  // Additions first: an update that fails part-way has taken nothing away.
  for (const group of changes.groups.added) { calls++; await addToGroup(next, group, ctx); }
  for (const identity of changes.linkedIdentities.added) { calls++; await link(next, identity, ctx); }
  for (const group of changes.groups.removed) { calls++; await removeFromGroup(next, group, ctx); }
  for (const identity of changes.linkedIdentities.removed) { calls++; await unlink(next, identity, ctx); }
  return calls;
}

export interface DeleteOptions {
  /** Delete only a user this resource owns (left alone otherwise); false for an older version's resource. */
  readonly recordOwner: boolean;
  /** Delete only a user this resource created, not one it adopted (the cleanup of a failed Create). */
  readonly createdOnly?: boolean;
}

/**
 * Deletes the user if it is this resource's; a user (or pool) that is already gone is a success,
 * and a user that belongs to something else is left in place.
 */
export async function deleteUser(spec: Pick<UserSpec, 'userPoolId' | 'username'>, ctx: HandlerContext, options: DeleteOptions): Promise<void> {
  let username = spec.username;
  if (options.recordOwner) {
    const live = await findUser(spec.userPoolId, [spec.username], ctx);
    if (!live) {
      ctx.log.info(`User ${spec.username} was already gone`);
      return;
    }
    const owner = ownershipOf(live, await ownerMarker(spec.userPoolId, ctx));
    if (owner !== 'created' && (options.createdOnly || owner !== 'adopted')) {
      ctx.log.info(`User ${spec.username} is left in place: this resource did not ${options.createdOnly ? 'create' : 'create or adopt'} it`);
      return;
    }
    username = live.Username ?? username;
  }
  try {
    await ctx.cognito.send('UserUpdate', new AdminDeleteUserCommand({ UserPoolId: spec.userPoolId, Username: username }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
    ctx.log.info(`User ${spec.username} was already gone`);
  }
}

async function setPassword(spec: UserSpec, ctx: HandlerContext): Promise<void> {
  const password = await ctx.secrets.read(spec.password!.secret);
  await ctx.cognito.send('UserAccountRecovery', new AdminSetUserPasswordCommand({
    UserPoolId: spec.userPoolId, Username: spec.username, Password: password, Permanent: spec.password!.permanent,
  }));
}

async function setEnabled(spec: UserSpec, enabled: boolean, ctx: HandlerContext): Promise<void> {
  const input = { UserPoolId: spec.userPoolId, Username: spec.username };
  await ctx.cognito.send('UserUpdate', enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input));
}

async function setMfa(spec: UserSpec, mfa: MfaSpec, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserUpdate', new AdminSetUserMFAPreferenceCommand({
    UserPoolId: spec.userPoolId,
    Username: spec.username,
    SMSMfaSettings: { Enabled: mfa.sms, PreferredMfa: mfa.sms && mfa.preferred === 'SMS' },
    EmailMfaSettings: { Enabled: mfa.email, PreferredMfa: mfa.email && mfa.preferred === 'EMAIL' },
  }));
}

async function addToGroup(spec: UserSpec, group: string, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserUpdate', new AdminAddUserToGroupCommand({
    UserPoolId: spec.userPoolId, Username: spec.username, GroupName: group,
  }));
}

/** Removing from a group that (or a user who) is already gone is a success. */
async function removeFromGroup(spec: UserSpec, group: string, ctx: HandlerContext): Promise<void> {
  try {
    await ctx.cognito.send('UserUpdate', new AdminRemoveUserFromGroupCommand({
      UserPoolId: spec.userPoolId, Username: spec.username, GroupName: group,
    }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

async function link(spec: UserSpec, identity: LinkedIdentitySpec, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserUpdate', new AdminLinkProviderForUserCommand({
    UserPoolId: spec.userPoolId,
    DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: spec.username },
    SourceUser: {
      ProviderName: identity.providerName,
      ProviderAttributeName: identity.providerAttributeName,
      ProviderAttributeValue: identity.providerAttributeValue,
    },
  }));
}

async function unlink(spec: UserSpec, identity: LinkedIdentitySpec, ctx: HandlerContext): Promise<void> {
  try {
    await ctx.cognito.send('UserUpdate', new AdminDisableProviderForUserCommand({
      UserPoolId: spec.userPoolId,
      User: {
        ProviderName: identity.providerName,
        ProviderAttributeName: identity.providerAttributeName,
        ProviderAttributeValue: identity.providerAttributeValue,
      },
    }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

function toAttributeList(attributes: { [name: string]: string }) {
  return Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
}
