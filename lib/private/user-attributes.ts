import { IConstruct } from 'constructs';
import { checkLength, checkPattern, isUnresolved } from './validation';

/** Cognito's standard user attributes that a declaration may set (`sub` is Cognito's own). */
export const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name',
  'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile',
  'updated_at', 'website', 'zoneinfo',
];

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
    const name = STANDARD_ATTRIBUTES.includes(rawName) || rawName.startsWith('custom:') ? rawName : `custom:${rawName}`;
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
  return out;
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
