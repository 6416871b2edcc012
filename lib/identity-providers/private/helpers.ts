import { Annotations, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { AttributeMapping } from '../attribute-mapping';
import { STANDARD_ATTRIBUTE_KEYS } from '../../private/user-attributes';
import { A_SECRET_VALUE, A_STRING, checkType } from '../../private/runtime-types';
import { ValidationError, checkLength, checkMaxItems, checkPattern, checkSecretValue, fail, isUnresolved } from '../../private/validation';

/** The id under which a plain-text secret is warned about (acknowledgeable). */
export const PLAIN_TEXT_SECRET_WARNING = 'cdk-cognito-userpools:plainTextSecret';

/**
 * The two ways aws-cdk-lib takes a provider's secret: a plain-text string prop
 * (`clientSecret`, `privateKey`) and a `SecretValue` prop (`clientSecretValue`,
 * `privateKeyValue`).
 */
export interface SecretProps {
  /** The name of the plain-text string prop. */
  readonly plainProp: string;
  /** The name of the SecretValue prop. */
  readonly valueProp: string;
  /** The plain-text string, if given. */
  readonly plain: unknown;
  /** The SecretValue, if given. */
  readonly value: unknown;
}

/**
 * Checks, before the base class sees them, that exactly one of the two secret props is given
 * and that each has its type (a string for the plain one, a SecretValue for the other).
 */
export function checkSecretProps(scope: IConstruct, secret: SecretProps): void {
  checkType(scope, secret.plainProp, secret.plain, { ...A_STRING, secret: true });
  checkType(scope, secret.valueProp, secret.value, A_SECRET_VALUE);
  if (secret.plain !== undefined && secret.value !== undefined) {
    throw new ValidationError(scope, secret.plainProp, `a string (value not shown) together with ${secret.valueProp}`,
      `exactly one of ${secret.plainProp} and ${secret.valueProp} (prefer ${secret.valueProp}, a SecretValue)`);
  }
  if (secret.plain === undefined && secret.value === undefined) {
    throw new ValidationError(scope, secret.valueProp, 'undefined',
      `${A_SECRET_VALUE.allowed}, or the secret as a plain-text ${secret.plainProp} string`);
  }
}

/**
 * Renders the secret that {@link checkSecretProps} accepted: a SecretValue as its dynamic
 * reference (validated), a plain-text string as it is, as aws-cdk-lib writes it, with an
 * acknowledgeable warning that names the SecretValue alternative. A string token that resolves
 * to a Secrets Manager reference or to an intrinsic (a NoEcho parameter) is no plain text.
 */
export function renderSecretProps(idp: IConstruct, secret: SecretProps): string {
  if (secret.value !== undefined) return renderSecret(idp, secret.valueProp, secret.value as SecretValue);
  const plain = secret.plain as string;
  const resolved = Stack.of(idp).resolve(plain);
  if (JSON.stringify(resolved).includes('{{resolve:ssm-secure:')) {
    throw new ValidationError(idp, secret.plainProp, 'an SSM SecureString reference (not resolved by CloudFormation here)',
      'a SecretValue from Secrets Manager (SecretValue.secretsManager) or a NoEcho CloudFormation parameter');
  }
  if (typeof resolved === 'string' && !resolved.includes('{{resolve:secretsmanager:')) {
    Annotations.of(idp).addWarningV2(PLAIN_TEXT_SECRET_WARNING,
      `${secret.plainProp} is a plain-text string: it is written into the template, where anyone who can read the stack can read it. ` +
      `Pass it as ${secret.valueProp}, a SecretValue (e.g. SecretValue.secretsManager('my-secret')), instead.`);
  }
  return plain;
}

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
/** The typed keys of an attribute mapping: the standard attributes, and the username. */
const STANDARD_KEYS: { readonly [prop: string]: string } = { ...STANDARD_ATTRIBUTE_KEYS, username: 'username' };

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
