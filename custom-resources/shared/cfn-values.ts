/**
 * CloudFormation delivers every scalar custom-resource property as a string ("true", "42").
 * These parsers are the one place that turns them back into typed values.
 */
import type { RawProperties } from './types';

export class PropertyError extends Error {
  /** The property's path, e.g. `Attributes[2].Mutable`: what logs may name (never its value). */
  public readonly property: string;

  constructor(property: string, value: unknown, expected: string, message?: string) {
    super(message ?? `Invalid property ${property}: received ${JSON.stringify(value)}; expected ${expected}`);
    this.name = 'PropertyError';
    this.property = property;
  }
}

/**
 * Strict parsing of new properties: a property the module does not know is an error naming it
 * and the allowed names (a typo or a newer library's property must not be silently ignored).
 * `where` prefixes the name for nested objects, e.g. `Attributes[2]`.
 *
 * Never drop a name an earlier release emitted from `known` (parse it and ignore it if it is
 * no longer used): the rollback of an upgrade sends that release's properties as the NEW ones,
 * and refusing them would leave the stack in UPDATE_ROLLBACK_FAILED.
 */
export function rejectUnknown(raw: RawProperties, known: readonly string[], where?: string): void {
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  const path = (k: string) => pathOf(k, where);
  throw new PropertyError(path(unknown[0]), undefined, '',
    `Unknown propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map(path).join(', ')}`
    + `; allowed${where ? ` in ${where}` : ''}: ${known.join(', ')}`);
}

/** Checks unknown names only when parsing strictly (new properties); old ones may carry any. */
export function checkKnown(strict: boolean, raw: RawProperties, known: readonly string[], where?: string): void {
  if (strict) rejectUnknown(raw, known, where);
}

/** A nested object property (e.g. `Email`), or undefined when absent. */
export function parseOptionalObject(property: string, value: unknown): RawProperties | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new PropertyError(property, value, 'an object');
  return value as RawProperties;
}

export function parseBoolean(property: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new PropertyError(property, value, 'true or false');
}

export function parseOptionalBoolean(property: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return parseBoolean(property, value, false);
}

export function parseNumber(property: string, value: unknown, fallback?: number): number {
  if (value === undefined || value === null || value === '') {
    if (fallback === undefined) throw new PropertyError(property, value, 'a number');
    return fallback;
  }
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'boolean' || !Number.isFinite(n)) throw new PropertyError(property, value, 'a number');
  return n;
}

/** `where` names the enclosing object of a nested property in the error, e.g. `Attributes[2]`. */
export function requireString(props: RawProperties, property: string, where?: string): string {
  const value = props[property];
  if (typeof value !== 'string' || value === '') throw new PropertyError(pathOf(property, where), value, 'a non-empty string');
  return value;
}

export function optionalString(props: RawProperties, property: string, where?: string): string | undefined {
  const value = props[property];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new PropertyError(pathOf(property, where), value, 'a string');
  return value;
}

function pathOf(property: string, where: string | undefined): string {
  return where ? `${where}.${property}` : property;
}

export function parseStringList(property: string, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new PropertyError(property, value, 'a list of strings');
  }
  return value as string[];
}

export function parseStringMap(property: string, value: unknown): { [key: string]: string } {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new PropertyError(property, value, 'a map of strings');
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(value as object)) {
    if (typeof v !== 'string') throw new PropertyError(`${property}.${k}`, v, 'a string');
    out[k] = v;
  }
  return out;
}

export function parseObjectList(property: string, value: unknown): RawProperties[] {
  if (value === undefined || value === null || value === '') return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
    throw new PropertyError(property, value, 'a list of objects');
  }
  return value as RawProperties[];
}
