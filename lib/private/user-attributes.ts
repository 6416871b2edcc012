import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import type { DeclaredAttribute } from './declared-users';
import { cfnUserPoolOf } from './pool-facts';
import { checkLength, checkPattern, isUnresolved } from './validation';

/** Cognito's standard user attributes that a declaration may set (`sub` is Cognito's own). */
export const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name',
  'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile',
  'updated_at', 'website', 'zoneinfo',
];

/**
 * Cognito's standard attributes by aws-cdk-lib's `StandardAttributes` key (the prop names the
 * constructs use), in aws-cdk-lib's order.
 */
export const STANDARD_ATTRIBUTE_KEYS: { readonly [key: string]: string } = {
  address: 'address',
  birthdate: 'birthdate',
  email: 'email',
  emailVerified: 'email_verified',
  familyName: 'family_name',
  gender: 'gender',
  givenName: 'given_name',
  locale: 'locale',
  middleName: 'middle_name',
  fullname: 'name',
  nickname: 'nickname',
  phoneNumber: 'phone_number',
  phoneNumberVerified: 'phone_number_verified',
  profilePicture: 'picture',
  preferredUsername: 'preferred_username',
  profilePage: 'profile',
  timezone: 'zoneinfo',
  lastUpdateTime: 'updated_at',
  website: 'website',
};

/** The declared identity fields common to `User` and the entries of `Users`. */
export interface DeclaredAttributes {
  readonly attributes?: { [name: string]: string };
  readonly email?: string;
  readonly emailVerified?: boolean;
  readonly phoneNumber?: string;
  readonly phoneNumberVerified?: boolean;
}

/**
 * The attribute map sent to the handler: standard names as they are, every other name with
 * the `custom:` prefix, the verified flags as Cognito's "true"/"false" strings.
 */
export function toAttributeMap(scope: IConstruct, prefix: string, declared: DeclaredAttributes): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const [rawName, value] of Object.entries(declared.attributes ?? {})) {
    const name = cognitoName(rawName);
    if (name.startsWith('custom:')) {
      checkLength(scope, `${prefix}attributes.${rawName}`, name.slice('custom:'.length), 1, 20);
    }
    checkLength(scope, `${prefix}attributes.${rawName} value`, value, 0, 2048);
    out[name] = value;
  }
  set(out, 'email', declared.email);
  set(out, 'phone_number', declared.phoneNumber);
  if (declared.emailVerified !== undefined) out.email_verified = String(declared.emailVerified);
  if (declared.phoneNumberVerified !== undefined) out.phone_number_verified = String(declared.phoneNumberVerified);
  checkPattern(scope, `${prefix}email`, out.email, /^[^@\s]+@[^@\s]+$/, 'an email address');
  checkPattern(scope, `${prefix}phoneNumber`, out.phone_number, /^\+[0-9]{4,15}$/, 'an E.164 phone number such as +12065550100');
  // Formats Cognito's standard attributes have in every pool.
  for (const flag of ['email_verified', 'phone_number_verified']) {
    checkPattern(scope, `${prefix}attributes.${flag}`, declared.attributes?.[flag], /^(true|false)$/i, '"true" or "false"');
  }
  checkPattern(scope, `${prefix}attributes.updated_at`, declared.attributes?.updated_at, /^[0-9]+$/, 'a number of seconds since 1970-01-01 (updated_at is a Number attribute)');
  checkPattern(scope, `${prefix}attributes.birthdate`, declared.attributes?.birthdate, /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'a date in the format YYYY-MM-DD');
  return out;
}

/** Standard names as they are, every other name with the `custom:` prefix. */
function cognitoName(rawName: string): string {
  return STANDARD_ATTRIBUTES.includes(rawName) || rawName.startsWith('custom:') ? rawName : `custom:${rawName}`;
}

/** Each attribute of the map with the property that declares it, for the whole-app checks. */
export function declaredAttributes(prefix: string, declared: DeclaredAttributes, map: { [name: string]: string }): DeclaredAttribute[] {
  const properties: { [name: string]: string } = {};
  for (const rawName of Object.keys(declared.attributes ?? {})) properties[cognitoName(rawName)] = `${prefix}attributes.${rawName}`;
  if (declared.email !== undefined) properties.email = `${prefix}email`;
  if (declared.phoneNumber !== undefined) properties.phone_number = `${prefix}phoneNumber`;
  if (declared.emailVerified !== undefined) properties.email_verified = `${prefix}emailVerified`;
  if (declared.phoneNumberVerified !== undefined) properties.phone_number_verified = `${prefix}phoneNumberVerified`;
  return Object.entries(map).map(([name, value]) => ({ name, value, property: properties[name] }));
}

/**
 * Whether the user has an email address and a phone number Cognito can send to: the
 * attributes, or the username in a pool of the app that takes it as username (Cognito then
 * sets the attribute from it).
 */
export function contactsOf(pool: cognito.IUserPool, username: string, attributes: { [name: string]: string }): { email: boolean; phone: boolean } {
  const usernameAttributes = cfnUserPoolOf(pool)?.usernameAttributes;
  const takes = (attribute: string) => Array.isArray(usernameAttributes) && usernameAttributes.includes(attribute);
  return {
    email: 'email' in attributes || (takes('email') && /^[^@\s]+@[^@\s]+$/.test(username)),
    phone: 'phone_number' in attributes || (takes('phone_number') && /^\+[0-9]{4,15}$/.test(username)),
  };
}

/**
 * The invitation's delivery when none is declared. The handler sends it by EMAIL to a user
 * with an email attribute and no phone number (Cognito's own default, SMS, would never reach
 * such a user); a user whose email address is its username in a pool that takes emails as
 * usernames has no email attribute in the declaration, so EMAIL is declared for it here.
 */
export function defaultInvitationMediums(sendsInvitation: boolean, attributes: { [name: string]: string }, contacts: { email: boolean; phone: boolean }): string[] | undefined {
  return sendsInvitation && contacts.email && !contacts.phone && !('email' in attributes) ? ['EMAIL'] : undefined;
}

function set(out: { [name: string]: string }, name: string, value: string | undefined): void {
  if (value !== undefined) out[name] = value;
}

/** Usernames: 1 to 128 letters, marks, symbols, numbers or punctuation (no spaces). */
export function checkUsername(scope: IConstruct, property: string, username: string): void {
  if (isUnresolved(username)) return;
  checkLength(scope, property, username, 1, 128);
  checkPattern(scope, property, username, /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, 'letters, numbers, symbols and punctuation without spaces');
}
