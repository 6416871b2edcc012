/**
 * What the stack's secret-rotation function may act on, from its environment (written by
 * lib/private/secret-rotation-function.ts; the names and shapes are in lib/private/rotation-contract.ts):
 * the client secrets it rotates and the identity providers it keeps in sync. Anything not listed
 * here is refused.
 */

import { IDP_SYNC_TARGETS_VARIABLE, IdpSyncTarget, ROTATION_TARGETS_VARIABLE, RotationTarget } from '../../lib/private/rotation-contract';

export interface FunctionConfig {
  readonly rotations: RotationTarget[];
  readonly idpSyncs: IdpSyncTarget[];
}

/** The configuration from the environment; a malformed variable fails every invocation, naming it. */
export function configFromEnv(env: { [name: string]: string | undefined }): FunctionConfig {
  return {
    rotations: parseList(env, ROTATION_TARGETS_VARIABLE, isRotationTarget),
    idpSyncs: parseList(env, IDP_SYNC_TARGETS_VARIABLE, isIdpSyncTarget),
  };
}

function parseList<T>(env: { [name: string]: string | undefined }, name: string, check: (v: any) => v is T): T[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${name} is not JSON`);
  }
  if (!Array.isArray(parsed) || !parsed.every(check)) throw new Error(`${name} is not a list of the expected objects`);
  return parsed;
}

function isRotationTarget(v: any): v is RotationTarget {
  return !!v && typeof v.secretArn === 'string' && typeof v.userPoolId === 'string' && typeof v.clientId === 'string'
    && typeof v.overlapSeconds === 'number' && v.overlapSeconds >= 0 && (v.tokenEndpoint === undefined || typeof v.tokenEndpoint === 'string');
}

function isIdpSyncTarget(v: any): v is IdpSyncTarget {
  return !!v && typeof v.userPoolId === 'string' && typeof v.providerName === 'string' && typeof v.detailKey === 'string'
    && typeof v.secretId === 'string'
    && ['jsonField', 'versionStage', 'versionId'].every((k) => v[k] === undefined || typeof v[k] === 'string');
}
