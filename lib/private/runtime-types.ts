import { RemovalPolicy, SecretValue, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { fail, ValidationError } from './validation';

/**
 * Runtime type checks for callers that TypeScript does not check: plain JavaScript, and the
 * other jsii languages where a wrong type can slip through (a missing struct field, a string for
 * an enum). Without them a wrong type surfaces as a `TypeError` deep inside, or is written into
 * the template as is. Every failure is a `ValidationError` that names the construct path, the
 * property, the value received and what is allowed; unresolved tokens pass.
 *
 * The tests are deliberately loose for objects (any object passes where an interface is
 * expected): objects that other jsii languages implement arrive as proxies whose shape this
 * code must not second-guess.
 */

/** What a property must be: the words for the error message and the test. */
export interface Expectation {
  /** What is allowed, for the error message, e.g. 'an IUserPool'. */
  readonly allowed: string;
  /** True when the value (never undefined) is acceptable. */
  readonly test: (value: unknown) => boolean;
  /** The value is a secret: the error never prints it. */
  readonly secret?: boolean;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any object (an interface such as IUserPool, a struct, an instance of a class). */
export function anObject(allowed: string): Expectation {
  return { allowed, test: isObject };
}

export const A_STRING: Expectation = { allowed: 'a string', test: (v) => typeof v === 'string' };
export const A_NUMBER: Expectation = { allowed: 'a number', test: (v) => typeof v === 'number' };
export const A_LIST_OF_STRINGS: Expectation = {
  allowed: 'a list of strings',
  test: (v) => Array.isArray(v) && v.every((e) => typeof e === 'string'),
};
export function aListOf(allowed: string): Expectation {
  return { allowed, test: (v) => Array.isArray(v) };
}

export const AN_IUSER_POOL = anObject('an IUserPool (a UserPool, or one imported with UserPool.fromUserPoolId)');
export const AN_IUSER_POOL_CLIENT = anObject('an IUserPoolClient (a UserPoolClient, or one imported with UserPoolClient.fromUserPoolClientId)');

/** Secrets travel as SecretValue, never as plain strings (which would land in the template). */
export const A_SECRET_VALUE: Expectation = {
  allowed: 'a SecretValue (e.g. SecretValue.secretsManager(...))',
  test: (v) => SecretValue.isSecretValue(v),
  secret: true,
};

/** The members of a TypeScript enum, numeric ones without their reverse mapping. */
function enumMembers(enumObject: Record<string, string | number>): Array<[string, string | number]> {
  return Object.entries(enumObject).filter(([key]) => !/^\d+$/.test(key));
}

/** A member of the enum `name`; the error lists every member with its value. */
export function enumOf(enumObject: Record<string, string | number>, name: string): Expectation {
  const members = enumMembers(enumObject);
  const values = members.map(([, v]) => v);
  return {
    allowed: `one of ${members.map(([k, v]) => `${name}.${k} (${JSON.stringify(v)})`).join(', ')}`,
    test: (v) => values.includes(v as string | number),
  };
}

function refuse(scope: IConstruct, property: string, value: unknown, expected: Expectation): never {
  if (expected.secret && value !== undefined) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new ValidationError(scope, property, `${kind} (value not shown)`, expected.allowed);
  }
  return fail(scope, property, value, expected.allowed);
}

/**
 * Checks a property that may be left out: undefined passes, anything else must meet the
 * expectation. Unresolved tokens pass (except where a SecretValue is expected, whose tokens
 * are SecretValues).
 */
export function checkType(scope: IConstruct, property: string, value: unknown, expected: Expectation): void {
  if (value === undefined) return;
  if (expected.test(value)) return;
  if (!expected.secret && Token.isUnresolved(value)) return;
  refuse(scope, property, value, expected);
}

/** Checks a required property: it must be there (not undefined or null) and meet the expectation. */
export function requireProp(scope: IConstruct, property: string, value: unknown, expected: Expectation): void {
  if (value === undefined || value === null) refuse(scope, property, value, expected);
  checkType(scope, property, value, expected);
}

/**
 * Checks a construct's props object and its required properties, in the order given. Called at
 * the top of a constructor, before anything reads the props.
 */
export function requireProps<P extends object>(
  scope: IConstruct,
  props: P | undefined,
  required: { readonly [K in keyof P]?: Expectation },
): void {
  const names = Object.keys(required);
  if (!isObject(props)) {
    fail(scope, 'props', props, `an object with ${names.join(', ')}`);
  }
  for (const name of names) {
    requireProp(scope, name, (props as Record<string, unknown>)[name], required[name as keyof P]!);
  }
}

/** An enum-typed property that may be left out: a member of the enum, or a token. */
export function checkEnumMember(
  scope: IConstruct, property: string, value: unknown, enumObject: Record<string, string | number>, name: string,
): void {
  checkType(scope, property, value, enumOf(enumObject, name));
}

/** A list of enum members that may be left out; each wrong entry is named by its index. */
export function checkEnumMembers(
  scope: IConstruct, property: string, values: readonly unknown[] | undefined, enumObject: Record<string, string | number>, name: string,
): void {
  if (values === undefined || Token.isUnresolved(values)) return;
  if (!Array.isArray(values)) fail(scope, property, values, `a list of ${name} members`);
  const expected = enumOf(enumObject, name);
  values.forEach((v, i) => requireProp(scope, `${property}[${i}]`, v, expected));
}

/** A removal policy that may be left out. */
export function checkRemovalPolicy(scope: IConstruct, property: string, value: unknown): void {
  checkEnumMember(scope, property, value, RemovalPolicy, 'RemovalPolicy');
}
