/**
 * What the construct (secret-rotation-function.ts) writes and the stack's secret-rotation
 * function (custom-resources/rotation/) reads: the environment variables, the JSON shapes of
 * their targets and the clean-up rule's input. The one place both import; it imports nothing.
 */

/** The variable holding the rotation targets (a JSON array of {@link RotationTarget}). */
export const ROTATION_TARGETS_VARIABLE = 'CLIENT_SECRET_ROTATIONS';
/** The variable holding the identity-provider sync targets (a JSON array of {@link IdpSyncTarget}). */
export const IDP_SYNC_TARGETS_VARIABLE = 'IDP_SECRET_SYNCS';
/** The input action of the hourly clean-up rule. */
export const REMOVE_SUPERSEDED_ACTION = 'removeSupersededClientSecrets';

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
