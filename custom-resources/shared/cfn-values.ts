/**
 * CloudFormation delivers every scalar custom-resource property as a string ("true", "42").
 * These parsers are the one place that turns them back into typed values.
 */
import type { RawProperties } from './types';

export class PropertyError extends Error {
  constructor(property: string, value: unknown, expected: string) {
    super(`Invalid property ${property}: received ${JSON.stringify(value)}; expected ${expected}`);
    this.name = 'PropertyError';
  }
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

export function requireString(props: RawProperties, property: string): string {
  const value = props[property];
  if (typeof value !== 'string' || value === '') throw new PropertyError(property, value, 'a non-empty string');
  return value;
}

export function optionalString(props: RawProperties, property: string): string | undefined {
  const value = props[property];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new PropertyError(property, value, 'a string');
  return value;
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
