import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { AttributeMapping } from '../attribute-mapping';
import { checkLength, checkMaxItems, checkPattern, checkSecretValue, fail, isUnresolved } from '../../private/validation';

/** Names Cognito uses for its own and the social providers; OIDC and SAML providers can't take them. */
const RESERVED_NAMES = ['cognito', 'google', 'facebook', 'loginwithamazon', 'signinwithapple'];

/** Cognito's ProviderNameTypeV1 pattern. */
const PROVIDER_NAME = /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u;

/** Cognito's IdpIdentifierType pattern. */
const IDP_IDENTIFIER = /^[\w\s+=.@-]+$/;

/** A scope is one token: the list is joined with a separator Cognito splits on. */
const SCOPE = /^[^\s,]+$/;

/** The L1 resource under one of aws-cdk-lib's identity provider classes. */
export function cfnOf(idp: IConstruct): cognito.CfnUserPoolIdentityProvider {
  return idp.node.defaultChild as cognito.CfnUserPoolIdentityProvider;
}

/** Validates the name of an OIDC or SAML provider (the social ones have fixed names). */
export function checkProviderName(scope: IConstruct, name: string | undefined): void {
  if (name === undefined || isUnresolved(name)) return;
  checkLength(scope, 'name', name, 3, 32);
  checkPattern(scope, 'name', name, PROVIDER_NAME,
    'a name matching [^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+ (no leading or trailing underscore or space)');
  if (RESERVED_NAMES.includes(name.toLowerCase())) {
    fail(scope, 'name', name, 'a name other than COGNITO, Google, Facebook, LoginWithAmazon and SignInWithApple (reserved)');
  }
}

/** Validates IdP identifiers: at most 50, each 1-40 characters of [\w\s+=.@-], no duplicates. */
export function checkIdentifiers(scope: IConstruct, identifiers: string[] | undefined): void {
  if (identifiers === undefined || isUnresolved(identifiers)) return;
  checkMaxItems(scope, 'identifiers', identifiers, 50);
  const seen = new Set<string>();
  for (const identifier of identifiers) {
    checkLength(scope, 'identifiers', identifier, 1, 40);
    checkPattern(scope, 'identifiers', identifier, IDP_IDENTIFIER, 'letters, digits, spaces and _ + = . @ -');
    if (seen.has(identifier)) fail(scope, 'identifiers', identifier, 'identifiers that are unique');
    seen.add(identifier);
  }
}

/** Validates the identifiers and writes them onto the provider's L1 resource. */
export function applyIdentifiers(scope: IConstruct, identifiers: string[] | undefined): void {
  checkIdentifiers(scope, identifiers);
  cfnOf(scope).idpIdentifiers = identifiers;
}

/**
 * Validates a scope list and joins it with the provider's separator. When `allowed` is given,
 * every scope must be one of those values.
 */
export function renderScopes(scope: IConstruct, scopes: string[], separator: string, allowed?: string[]): string {
  if (isUnresolved(scopes)) return scopes.join(separator);
  if (scopes.length === 0) fail(scope, 'scopes', scopes, 'at least one scope');
  for (const s of scopes) {
    if (isUnresolved(s)) continue;
    if (allowed) {
      if (!allowed.includes(s)) fail(scope, 'scopes', s, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    } else {
      checkPattern(scope, 'scopes', s, SCOPE, 'a scope without spaces or commas');
    }
  }
  return Array.from(new Set(scopes)).join(separator);
}

/** Validates a secret and returns the token that renders it as a dynamic reference. */
export function renderSecret(scope: IConstruct, property: string, secret: SecretValue): string {
  checkSecretValue(scope, property, secret);
  return secret.unsafeUnwrap();
}

/** Renders the attribute mapping onto the provider's L1 resource. */
export function applyAttributeMapping(scope: IConstruct, mapping: AttributeMapping | undefined): void {
  cfnOf(scope).attributeMapping = renderAttributeMapping(scope, mapping);
}

/** Validates a client id: non-empty, within Cognito's provider-detail size. */
export function checkClientId(scope: IConstruct, clientId: string): void {
  checkLength(scope, 'clientId', clientId, 1, 131072);
}

/**
 * Cognito refuses a second provider with the same name, or an identifier another provider of
 * the pool already has (DuplicateProviderException at deploy): catch both at synth.
 */
export function checkUniqueInPool(idp: cognito.IUserPoolIdentityProvider, userPool: cognito.IUserPool): void {
  const mine = cfnOf(idp);
  for (const other of userPool.identityProviders) {
    if (other === idp) continue;
    const theirs = other.node.defaultChild;
    if (!(theirs instanceof cognito.CfnUserPoolIdentityProvider)) continue;
    if (!isUnresolved(mine.providerName) && theirs.providerName === mine.providerName) {
      fail(idp, 'name', mine.providerName, `a provider name unique in the user pool (${other.node.path} has it)`);
    }
    const taken = (mine.idpIdentifiers ?? []).find((i) => !isUnresolved(i) && (theirs.idpIdentifiers ?? []).includes(i));
    if (taken !== undefined) {
      fail(idp, 'identifiers', taken, `identifiers unique in the user pool (${other.node.path} has it)`);
    }
  }
}

/** Our prop names to the user pool attribute names Cognito expects as mapping keys. */
const STANDARD_KEYS: { readonly [prop: string]: string } = {
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
  username: 'username',
};

const STANDARD_NAMES = new Set(Object.values(STANDARD_KEYS));

/**
 * Renders and validates an attribute mapping as the `AttributeMapping` property: user pool
 * attribute name to provider attribute name. Returns undefined for an empty mapping.
 */
export function renderAttributeMapping(scope: IConstruct, mapping: AttributeMapping | undefined): { [key: string]: string } | undefined {
  if (!mapping) return undefined;
  const result: { [key: string]: string } = {};
  const typed = new Map<string, string>();
  for (const [prop, attr] of Object.entries(mapping)) {
    if (prop === 'custom' || attr === undefined) continue;
    const key = STANDARD_KEYS[prop];
    if (!key) fail(scope, 'attributeMapping', prop, `one of ${Object.keys(STANDARD_KEYS).join(', ')}, or an entry of attributeMapping.custom`);
    result[key] = (attr as cognito.ProviderAttribute).attributeName;
    typed.set(key, prop);
  }
  for (const [key, attr] of Object.entries(mapping.custom ?? {})) {
    if (!isUnresolved(key)) {
      checkLength(scope, 'attributeMapping.custom key', key, 1, 32);
      if (!key.startsWith('custom:') && !STANDARD_NAMES.has(key)) {
        fail(scope, 'attributeMapping.custom key', key, 'a custom attribute ("custom:<name>") or a standard attribute name such as "email"');
      }
      // A standard name in `custom` (allowed, as in aws-cdk-lib) would silently replace the
      // typed mapping of the same attribute.
      const prop = typed.get(key);
      if (prop !== undefined) {
        fail(scope, 'attributeMapping.custom key', key,
          `a key that attributeMapping.${prop} does not map already (a custom attribute takes the "custom:" prefix, e.g. "custom:${key}")`);
      }
    }
    result[key] = attr.attributeName;
  }
  for (const [key, value] of Object.entries(result)) {
    // Cognito documents a length only (StringType): provider claim names such as SAML URIs
    // with '#' or '?', or claims with '$' or ',', are accepted as they are.
    checkLength(scope, `attributeMapping.${key}`, value, 1, 131072);
  }
  return Object.keys(result).length > 0 ? result : undefined;
}
