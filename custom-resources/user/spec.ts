/**
 * The typed shape of one declared user, parsed from custom-resource properties. Shared by
 * `Custom::CognitoUser` (one user) and `Custom::CognitoUsers` (many).
 */
import {
  checkKnown, parseBoolean, parseObjectList, parseStringList, parseStringMap, PropertyError, requireString, optionalString,
} from '../shared/cfn-values';
import type { SecretRef } from '../shared/secrets';
import type { RawProperties } from '../shared/types';

export interface PasswordSpec {
  readonly secret: SecretRef;
  /** Permanent: the user signs in with it. Temporary: the user must change it at first sign-in. */
  readonly permanent: boolean;
  /** Names the secret's current value (a fingerprint of generation options, or declared); never the value. */
  readonly revision?: string;
}

export interface MfaSpec {
  readonly sms: boolean;
  readonly email: boolean;
  readonly preferred?: 'SMS' | 'EMAIL';
}

export interface LinkedIdentitySpec {
  readonly providerName: string;
  readonly providerAttributeName: string;
  readonly providerAttributeValue: string;
}

export interface UserSpec {
  readonly userPoolId: string;
  readonly username: string;
  /** Attribute name → value; custom attributes carry their `custom:` prefix. */
  readonly attributes: { [name: string]: string };
  readonly password?: PasswordSpec;
  readonly messageAction?: 'SUPPRESS' | 'RESEND';
  readonly deliveryMediums: string[];
  readonly enabled: boolean;
  readonly mfa?: MfaSpec;
  readonly groups: string[];
  readonly linkedIdentities: LinkedIdentitySpec[];
  /**
   * The resource records itself as the owner on the users it creates and touches only those it
   * owns. False for the properties of a library version from before ownership was recorded.
   */
  readonly recordOwner: boolean;
  /** Take over the user if it exists and is not this resource's (an explicit opt-in). */
  readonly adoptExisting: boolean;
}

const MESSAGE_ACTIONS = ['SUPPRESS', 'RESEND'];
/** Every property a `User` emits; strict parsing refuses any other. Never drop a name: a rollback sends an older version's. */
export const USER_PROPERTIES = [
  'UserPoolId', 'Username', 'Attributes', 'Password', 'MessageAction', 'DesiredDeliveryMediums', 'Enabled', 'Mfa', 'Groups',
  'LinkedIdentities', 'RecordOwner', 'AdoptExisting',
] as const;
/** Every property of one user of a `Users` list. */
export const BULK_USER_PROPERTIES = [
  'Username', 'Attributes', 'Enabled', 'Groups', 'PasswordFromSecret', 'MessageAction', 'DesiredDeliveryMediums',
] as const;
const PASSWORD_PROPERTIES = ['SecretArn', 'JsonKey', 'Permanent', 'Revision'] as const;
const MFA_PROPERTIES = ['Sms', 'Email', 'Preferred'] as const;
const LINK_PROPERTIES = ['ProviderName', 'ProviderAttributeName', 'ProviderAttributeValue'] as const;
const MEDIUMS = ['EMAIL', 'SMS'];

/** What a bulk resource decides for all its users. */
export interface OwnershipFlags {
  readonly recordOwner: boolean;
  readonly adoptExisting: boolean;
}

/** The ownership flags of a resource (or a single user): absent in an older version's properties. */
export function parseOwnershipFlags(raw: RawProperties): OwnershipFlags {
  return {
    recordOwner: parseBoolean('RecordOwner', raw.RecordOwner, false),
    adoptExisting: parseBoolean('AdoptExisting', raw.AdoptExisting, false),
  };
}

/**
 * Parses one user. `userPoolId` comes from the resource; `password` lets bulk users supply
 * theirs; `flags` are the resource's (a single user's own properties carry them otherwise).
 */
export function parseUserSpec(
  raw: RawProperties, userPoolId: string, password?: PasswordSpec, flags?: OwnershipFlags,
  strict: { known: readonly string[]; where?: string } | false = false,
): UserSpec {
  const isStrict = strict !== false;
  if (strict) checkKnown(true, raw, strict.known, strict.where);
  const messageAction = optionalString(raw, 'MessageAction');
  if (messageAction !== undefined && !MESSAGE_ACTIONS.includes(messageAction)) {
    throw new PropertyError('MessageAction', messageAction, MESSAGE_ACTIONS.join(' or '));
  }
  const deliveryMediums = parseStringList('DesiredDeliveryMediums', raw.DesiredDeliveryMediums);
  for (const m of deliveryMediums) {
    if (!MEDIUMS.includes(m)) throw new PropertyError('DesiredDeliveryMediums', m, MEDIUMS.join(' or '));
  }
  return {
    userPoolId,
    username: requireString(raw, 'Username'),
    attributes: parseStringMap('Attributes', raw.Attributes),
    password: password ?? parsePassword(raw.Password, isStrict),
    messageAction: messageAction as UserSpec['messageAction'],
    deliveryMediums,
    enabled: parseBoolean('Enabled', raw.Enabled, true),
    mfa: parseMfa(raw.Mfa, isStrict),
    groups: parseStringList('Groups', raw.Groups),
    linkedIdentities: parseObjectList('LinkedIdentities', raw.LinkedIdentities).map((l, i) => (checkKnown(isStrict, l, LINK_PROPERTIES, `LinkedIdentities[${i}]`), {
      providerName: requireString(l, 'ProviderName'),
      providerAttributeName: optionalString(l, 'ProviderAttributeName') ?? 'Cognito_Subject',
      providerAttributeValue: requireString(l, 'ProviderAttributeValue'),
    })),
    ...(flags ?? parseOwnershipFlags(raw)),
  };
}

function parsePassword(value: unknown, strict: boolean): PasswordSpec | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new PropertyError('Password', '(object)', 'an object');
  const raw = value as RawProperties;
  checkKnown(strict, raw, PASSWORD_PROPERTIES, 'Password');
  return {
    secret: { secretArn: requireString(raw, 'SecretArn'), jsonKey: optionalString(raw, 'JsonKey') },
    permanent: parseBoolean('Password.Permanent', raw.Permanent, true),
    revision: optionalString(raw, 'Revision', 'Password'),
  };
}

/**
 * Whether two declarations name the same password value: the same reference, and no change of
 * revision. A revision counts only when both sides have one: properties written before
 * revisions existed (an upgrade, or its rollback) say nothing about the value, and setting
 * the same password again could trip the pool's password history.
 */
export function samePassword(prev: PasswordSpec | undefined, next: PasswordSpec | undefined): boolean {
  if (prev === undefined || next === undefined) return prev === next;
  const revisionChanged = prev.revision !== undefined && next.revision !== undefined && prev.revision !== next.revision;
  return !revisionChanged && prev.secret.secretArn === next.secret.secretArn
    && prev.secret.jsonKey === next.secret.jsonKey && prev.permanent === next.permanent;
}

function parseMfa(value: unknown, strict: boolean): MfaSpec | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new PropertyError('Mfa', value, 'an object');
  const raw = value as RawProperties;
  if (raw.SoftwareToken !== undefined) {
    throw new PropertyError('Mfa.SoftwareToken', raw.SoftwareToken,
      'no value: a TOTP token must be registered by the user and cannot be declared');
  }
  checkKnown(strict, raw, MFA_PROPERTIES, 'Mfa');
  const preferred = optionalString(raw, 'Preferred');
  if (preferred !== undefined && preferred !== 'SMS' && preferred !== 'EMAIL') {
    throw new PropertyError('Mfa.Preferred', preferred, 'SMS or EMAIL');
  }
  return {
    sms: parseBoolean('Mfa.Sms', raw.Sms, false),
    email: parseBoolean('Mfa.Email', raw.Email, false),
    preferred: preferred as MfaSpec['preferred'],
  };
}

/**
 * The physical id of a user: its pool and Cognito's own username (which, in pools that sign in
 * with email or phone as username, is an id Cognito generated, so later events can address the
 * user after its email or phone number changed).
 */
export function userPhysicalId(userPoolId: string, cognitoUsername: string): string {
  return `${userPoolId}/${cognitoUsername}`;
}

/** The pool and username of a user's physical id `<pool>/<username>`. */
export function parseUserPhysicalId(physicalId: string): { userPoolId: string; username: string } | undefined {
  const slash = physicalId.indexOf('/');
  if (slash <= 0 || slash === physicalId.length - 1) return undefined;
  return { userPoolId: physicalId.slice(0, slash), username: physicalId.slice(slash + 1) };
}

/** The username a physical id names, if it is a user id of this pool. */
export function usernameOfPhysicalId(physicalId: string, userPoolId: string): string | undefined {
  return physicalId.startsWith(`${userPoolId}/`) ? physicalId.slice(userPoolId.length + 1) : undefined;
}

/** The names Cognito may know a declared user by: its username, then its email and phone aliases. */
export function addressesOf(spec: UserSpec): string[] {
  return [spec.username, spec.attributes.email, spec.attributes.phone_number].filter((a): a is string => !!a);
}

export function linkedIdentityKey(l: LinkedIdentitySpec): string {
  return `${l.providerName}\n${l.providerAttributeName}\n${l.providerAttributeValue}`;
}
