/**
 * A short, stable digest of parsed property values. Modules that must tell "what is deployed"
 * from "what the previous template said" keep it in their physical id: a rollback (an update
 * back to the deployed values) then matches it and succeeds without any call.
 */
import { createHash } from 'crypto';

export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** The fingerprint after the last `/` of a physical id, or undefined. */
export function fingerprintOf(physicalId: string): string | undefined {
  const last = physicalId.split('/').pop();
  return last && /^[0-9a-f]{16}$/.test(last) ? last : undefined;
}

/**
 * The physical id of an accepted change: `<base>/from-<previous>/<current>`. Keeping the
 * fingerprint of the state it replaced lets the rollback of that change (an update back to
 * it, under this id) be recognised and accepted.
 */
export function changedStateId(base: string, current: string, previous: string | undefined): string {
  return previous === undefined ? `${base}/${current}` : `${base}/from-${previous}/${current}`;
}

/** The fingerprint of the state an accepted change replaced (see {@link changedStateId}), or undefined. */
export function previousFingerprintOf(physicalId: string): string | undefined {
  return /\/from-([0-9a-f]{16})\/[0-9a-f]{16}$/.exec(physicalId)?.[1];
}

/** JSON with the keys sorted at every level, so that key order never changes the digest. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sort(value));
}

function sort(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sort);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as any)[k])]));
  }
  return v;
}
