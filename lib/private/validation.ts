import { SecretValue, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Synth-time validation helpers shared by every construct.
 *
 * Each check is skipped when the value is an unresolved token, and each failure throws an
 * error that names the construct path, the property, the value received and what is allowed:
 *
 *   [Stack/Pool] accessTokenValidity: received 2 minutes; allowed: 5 minutes to 1 day.
 */

/** The error thrown for bad input, so callers (and tests) can tell it from other failures. */
export class ValidationError extends Error {
  constructor(scope: IConstruct, property: string, received: string, allowed: string) {
    super(`[${scope.node.path}] ${property}: received ${received}; allowed: ${allowed}.`);
    this.name = 'ValidationError';
  }
}

/** Renders a value for an error message; strings are quoted so that empty ones show. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (value === undefined) return 'undefined';
  if (value && typeof value === 'object') {
    try { return JSON.stringify(value); } catch { return String(value); }
  }
  return String(value);
}

/** True when the value (or any part of a list) is an unresolved token and cannot be checked. */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  return Token.isUnresolved(value);
}

export function fail(scope: IConstruct, property: string, value: unknown, allowed: string): never {
  throw new ValidationError(scope, property, describeValue(value), allowed);
}

export function checkRange(scope: IConstruct, property: string, value: number | undefined, min: number, max: number, unit = ''): void {
  if (value === undefined || isUnresolved(value)) return;
  const u = unit ? ` ${unit}` : '';
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(scope, property, value, `an integer from ${min}${u} to ${max}${u}`);
  }
}

export function checkLength(scope: IConstruct, property: string, value: string | undefined, min: number, max: number): void {
  if (value === undefined || isUnresolved(value)) return;
  if (value.length < min || value.length > max) {
    fail(scope, property, value, `${min} to ${max} characters (got ${value.length})`);
  }
}

export function checkPattern(scope: IConstruct, property: string, value: string | undefined, pattern: RegExp, description: string): void {
  if (value === undefined || isUnresolved(value)) return;
  if (!pattern.test(value)) {
    fail(scope, property, value, description);
  }
}

export function checkOneOf<T>(scope: IConstruct, property: string, value: T | undefined, allowed: readonly T[]): void {
  if (value === undefined || isUnresolved(value)) return;
  if (!allowed.includes(value)) {
    fail(scope, property, value, `one of ${allowed.map(describeValue).join(', ')}`);
  }
}

export function checkMaxItems(scope: IConstruct, property: string, values: readonly unknown[] | undefined, max: number, min = 0): void {
  if (values === undefined || Token.isUnresolved(values)) return;
  if (values.length > max || values.length < min) {
    fail(scope, property, `${values.length} items`, min > 0 ? `${min} to ${max} items` : `at most ${max} items`);
  }
}

/** Message templates must contain the placeholders Cognito substitutes (e.g. `{####}`). */
export function checkContains(scope: IConstruct, property: string, value: string | undefined, placeholders: readonly string[]): void {
  if (value === undefined || isUnresolved(value)) return;
  const missing = placeholders.filter((p) => !value.includes(p));
  if (missing.length > 0) {
    fail(scope, property, value, `a template that contains ${placeholders.join(' and ')} (missing ${missing.join(', ')})`);
  }
}

/** Absolute URL check used for callback, logout and metadata URLs. */
export function checkUrl(scope: IConstruct, property: string, value: string | undefined, opts: { httpsOnly?: boolean; allowLocalhostHttp?: boolean } = {}): void {
  if (value === undefined || isUnresolved(value)) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(scope, property, value, 'an absolute URL');
  }
  if (url.hash) fail(scope, property, value, 'a URL without a fragment (#)');
  if (opts.httpsOnly && url.protocol !== 'https:') {
    const localhost = url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
    if (!(opts.allowLocalhostHttp && localhost)) {
      fail(scope, property, value, opts.allowLocalhostHttp ? 'an https URL (http only for localhost)' : 'an https URL');
    }
  }
}

/**
 * A secret must reach the template as a Secrets Manager dynamic reference
 * (`{{resolve:secretsmanager:...}}`) or a parameter reference, never as a literal. SSM
 * SecureString references are refused too: CloudFormation resolves them only in a short list of
 * resource properties. The received value is never printed.
 */
export function checkSecretValue(scope: IConstruct, property: string, secret: SecretValue | undefined): void {
  if (secret === undefined) return;
  // Resolve the unwrapped value: resolving the SecretValue itself is refused under the
  // @aws-cdk/core:checkSecretUsage feature flag.
  const resolved = Stack.of(scope).resolve(secret.unsafeUnwrap());
  const text = JSON.stringify(resolved);
  const allowed = 'a SecretValue from Secrets Manager (SecretValue.secretsManager) or a NoEcho CloudFormation parameter';
  if (text.includes('{{resolve:ssm-secure:')) {
    throw new ValidationError(scope, property, 'an SSM SecureString reference (not resolved by CloudFormation here)', allowed);
  }
  if (typeof resolved === 'string' && !resolved.includes('{{resolve:secretsmanager:')) {
    throw new ValidationError(scope, property, 'a plain-text SecretValue (value not shown)', allowed);
  }
}
