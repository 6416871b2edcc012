/**
 * What the stack's secret-rotation function may act on, from its environment (written by
 * lib/private/secret-rotation-function.ts): the client secrets it rotates and the identity
 * providers it keeps in sync. Anything not listed here is refused.
 */

/** The variable holding the rotation targets (a JSON array of {@link RotationTarget}). */
export const ROTATION_TARGETS_VARIABLE = 'CLIENT_SECRET_ROTATIONS';
/** The variable holding the identity-provider sync targets (a JSON array of {@link IdpSyncTarget}). */
export const IDP_SYNC_TARGETS_VARIABLE = 'IDP_SECRET_SYNCS';

/** One app client whose secret rotates on a Secrets Manager schedule. */
export interface RotationTarget {
  /** The full ARN of the Secrets Manager secret (what Secrets Manager passes as SecretId). */
  readonly secretArn: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** How long a superseded secret stays live. */
  readonly overlapSeconds: number;
  /** The pool's token endpoint: testSecret requests a client-credentials token there. */
  readonly tokenEndpoint?: string;
}

/** One identity provider whose client secret (or Apple private key) follows a Secrets Manager secret. */
export interface IdpSyncTarget {
  readonly userPoolId: string;
  readonly providerName: string;
  /** The ProviderDetails key replaced: `client_secret`, or Apple's `private_key`. */
  readonly detailKey: string;
  /** The secret as the dynamic reference names it: a name or an ARN. */
  readonly secretId: string;
  /** The JSON key of the value, when the secret is a JSON object. */
  readonly jsonField?: string;
  /** The version stage the dynamic reference names. */
  readonly versionStage?: string;
  /** The version id the dynamic reference names. */
  readonly versionId?: string;
}

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
