import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import { cfnOf } from './private/helpers';
import { SecretRotationFunction } from '../private/secret-rotation-function';
import { fail, isUnresolved } from '../private/validation';

/** A Secrets Manager dynamic reference, parsed. */
interface SecretsManagerReference {
  readonly secretId: string;
  readonly jsonField?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

/**
 * Sets up the sync of one provider secret when `enabled`: the secret is read from the provider's
 * rendered detail (`detailKey` of ProviderDetails), which must be a Secrets Manager dynamic
 * reference. Returns the EventBridge rule, if any.
 */
export function applySecretSync(
  idp: cognito.IUserPoolIdentityProvider, userPool: cognito.IUserPool, enabled: boolean | undefined, detailKey: string, secretProp: string,
): events.Rule | undefined {
  if (enabled === undefined || enabled === false) return undefined;
  if (enabled !== true) fail(idp, 'syncSecretOnRotation', enabled, 'true or false');
  const details = cfnOf(idp).providerDetails as { [key: string]: unknown } | undefined;
  const reference = parseSecretsManagerReference(Stack.of(idp).resolve(details?.[detailKey]));
  if (!reference) {
    fail(idp, 'syncSecretOnRotation', true,
      `only with ${secretProp} from Secrets Manager (e.g. SecretValue.secretsManager('my-secret') or secret.secretValueFromJson('key')): `
      + 'a plain-text or parameter secret has no Secrets Manager secret to follow');
  }
  const stack = Stack.of(idp);
  const { secretId } = reference;
  let secretArnForPolicy: string;
  let arnPattern: unknown;
  if (isUnresolved(secretId)) {
    // A reference to a secret of the app: its Ref is the full ARN.
    secretArnForPolicy = secretId;
    arnPattern = secretId;
  } else if (secretId.startsWith('arn:')) {
    secretArnForPolicy = /-[A-Za-z0-9]{6}$/.test(secretId) ? secretId : `${secretId}-??????`;
    arnPattern = /-[A-Za-z0-9]{6}$/.test(secretId) ? secretId : { wildcard: `${secretId}-*` };
  } else {
    secretArnForPolicy = stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${secretId}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    arnPattern = { wildcard: `arn:*:secretsmanager:*:*:secret:${secretId}-*` };
  }
  return SecretRotationFunction.of(idp).addIdentityProviderSync(idp, {
    userPool, providerName: idp.providerName, detailKey, ...reference, secretArnForPolicy, arnPattern,
  });
}

const REFERENCE = /^\{\{resolve:secretsmanager:(.+?)(?::SecretString:([^:]*):([^:]*):([^:]*))?\}\}$/s;

/**
 * The parts of `{{resolve:secretsmanager:<id>:SecretString:<json key>:<stage>:<version id>}}`,
 * as a resolved string or an `Fn::Join` of one (when the id is a reference to a secret of the app).
 */
export function parseSecretsManagerReference(resolved: unknown): SecretsManagerReference | undefined {
  let text: string;
  let parts: unknown[] = [];
  if (typeof resolved === 'string') {
    text = resolved;
  } else if (isJoin(resolved)) {
    parts = resolved['Fn::Join'][1];
    // Intrinsics become placeholders that the pattern keeps inside the id.
    text = parts.map((p, i) => typeof p === 'string' ? p : `\u0000${i}\u0000`).join('');
  } else {
    return undefined;
  }
  const m = REFERENCE.exec(text);
  if (!m) return undefined;
  const restore = (s: string): string => {
    const pieces = s.split(/\u0000(\d+)\u0000/).map((piece, i) => i % 2 === 1 ? parts[Number(piece)] : piece).filter((p) => p !== '');
    if (pieces.length === 1) return typeof pieces[0] === 'string' ? pieces[0] : Token.asString(pieces[0]);
    return Token.asString({ 'Fn::Join': ['', pieces] });
  };
  const optional = (s: string | undefined) => s === undefined || s === '' ? undefined : restore(s);
  return { secretId: restore(m[1]), jsonField: optional(m[2]), versionStage: optional(m[3]), versionId: optional(m[4]) };
}

function isJoin(v: unknown): v is { 'Fn::Join': [string, unknown[]] } {
  const join = (v as { 'Fn::Join'?: unknown })?.['Fn::Join'];
  return Array.isArray(join) && join[0] === '' && Array.isArray(join[1]);
}
