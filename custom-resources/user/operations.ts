/**
 * The Cognito calls that create, change and delete one declared user. Update computes a
 * typed change map first and calls only what it lists.
 */
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserAttributesCommand, AdminDeleteUserCommand,
  AdminDisableProviderForUserCommand, AdminDisableUserCommand, AdminEnableUserCommand, AdminLinkProviderForUserCommand,
  AdminRemoveUserFromGroupCommand, AdminSetUserMFAPreferenceCommand, AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand, DeliveryMediumType, MessageActionType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isNotFound } from '../shared/cognito';
import { diffList, diffMap, ListDiff, MapDiff, sameValue } from '../shared/diff';
import type { HandlerContext } from '../shared/types';
import { LinkedIdentitySpec, linkedIdentityKey, MfaSpec, UserSpec } from './spec';

/** What changed between two declarations of the same user (same pool, same username). */
export interface UserChanges {
  readonly attributes: MapDiff;
  /** The new enabled state, when it changed. */
  readonly enabled?: boolean;
  /** The password reference changed (another secret, key, or permanence). */
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
    password: next.password !== undefined && !sameValue(prev.password, next.password),
    mfa: !sameValue(prev.mfa ?? null, next.mfa ?? null),
    groups: diffList(prev.groups, next.groups),
    linkedIdentities: diffList(prev.linkedIdentities, next.linkedIdentities, linkedIdentityKey),
  };
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

/**
 * Creates the user and applies everything declared. If a later step fails, the new user is
 * deleted again so that a retried deployment does not meet a half-made user.
 */
export async function createUser(spec: UserSpec, ctx: HandlerContext): Promise<void> {
  const temporary = spec.password && !spec.password.permanent ? await ctx.secrets.read(spec.password.secret) : undefined;
  const suppress = spec.messageAction === 'SUPPRESS' || spec.password?.permanent === true;
  const created = await ctx.cognito.send('UserCreation', new AdminCreateUserCommand({
    UserPoolId: spec.userPoolId,
    Username: spec.username,
    UserAttributes: toAttributeList(spec.attributes),
    TemporaryPassword: temporary,
    MessageAction: suppress ? MessageActionType.SUPPRESS : undefined,
    DesiredDeliveryMediums: spec.deliveryMediums.length > 0 ? spec.deliveryMediums as DeliveryMediumType[] : undefined,
  }));
  // In pools that sign in with email or phone as username, Cognito names the user itself.
  const username = created.User?.Username ?? spec.username;
  const target = { ...spec, username };
  try {
    if (spec.password?.permanent) await setPassword(target, ctx);
    if (!spec.enabled) await setEnabled(target, false, ctx);
    if (spec.mfa) await setMfa(target, spec.mfa, ctx);
    for (const group of spec.groups) await addToGroup(target, group, ctx);
    for (const identity of spec.linkedIdentities) await link(target, identity, ctx);
  } catch (error) {
    ctx.log.error(`Creating user ${spec.username} failed after AdminCreateUser; deleting it again`);
    await deleteUser(target, ctx).catch((e) => ctx.log.error('Cleanup failed', { message: (e as Error).message }));
    throw error;
  }
}

/**
 * Creates the user of a replacement. If it already exists, this is a rollback to an identity
 * that was never deleted: the existing user is brought to the declaration instead.
 */
export async function createOrAdoptUser(spec: UserSpec, ctx: HandlerContext): Promise<void> {
  try {
    await createUser(spec, ctx);
  } catch (error) {
    if ((error as Error).name !== 'UsernameExistsException') throw error;
    ctx.log.info(`User ${spec.username} already exists; applying the declaration to it`);
    await updateUser(undeclared(spec), spec, ctx);
  }
}

/** A user about whom nothing is declared beyond its identity (the starting point for adoption). */
function undeclared(spec: UserSpec): UserSpec {
  return { ...spec, attributes: {}, password: undefined, enabled: true, mfa: undefined, groups: [], linkedIdentities: [] };
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
  for (const group of changes.groups.removed) { calls++; await removeFromGroup(next, group, ctx); }
  for (const group of changes.groups.added) { calls++; await addToGroup(next, group, ctx); }
  for (const identity of changes.linkedIdentities.removed) { calls++; await unlink(next, identity, ctx); }
  for (const identity of changes.linkedIdentities.added) { calls++; await link(next, identity, ctx); }
  return calls;
}

/** Deletes the user; a user (or pool) that is already gone is a success. */
export async function deleteUser(spec: Pick<UserSpec, 'userPoolId' | 'username'>, ctx: HandlerContext): Promise<void> {
  try {
    await ctx.cognito.send('UserUpdate', new AdminDeleteUserCommand({ UserPoolId: spec.userPoolId, Username: spec.username }));
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

async function removeFromGroup(spec: UserSpec, group: string, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserUpdate', new AdminRemoveUserFromGroupCommand({
    UserPoolId: spec.userPoolId, Username: spec.username, GroupName: group,
  }));
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
