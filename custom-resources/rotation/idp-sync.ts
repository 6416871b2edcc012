/**
 * Keeps an identity provider's client secret (or Apple private key) equal to its Secrets Manager
 * secret. CloudFormation resolves the provider's dynamic reference only when it deploys the
 * provider; this runs when the secret's value changes (EventBridge: the CloudTrail events of
 * PutSecretValue, UpdateSecret, UpdateSecretVersionStage and RotationSucceeded).
 *
 * It reads the value the dynamic reference names, reads the provider (DescribeIdentityProvider)
 * and, only when the value differs, writes it back with UpdateIdentityProvider: every other
 * provider detail, the attribute mapping and the IdP identifiers as they are.
 */
import {
  DescribeIdentityProviderCommand, UpdateIdentityProviderCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { HandlerContext } from '../shared/types';
import type { IdpSyncTarget } from '../../lib/private/rotation-contract';

/** The part of an EventBridge event from CloudTrail this reads. */
export interface SecretChangeEvent {
  readonly source?: string;
  readonly 'detail-type'?: string;
  readonly detail?: {
    readonly eventSource?: string;
    readonly eventName?: string;
    readonly requestParameters?: { readonly secretId?: unknown };
    readonly responseElements?: { readonly arn?: unknown; readonly aRN?: unknown };
    readonly additionalEventData?: { readonly SecretId?: unknown };
  };
}

export function isSecretChangeEvent(event: unknown): event is SecretChangeEvent {
  return (event as SecretChangeEvent)?.source === 'aws.secretsmanager';
}

/** The secret ids (ARNs or names) an event names. */
export function secretIdsOf(event: SecretChangeEvent): string[] {
  const d = event.detail ?? {};
  return [d.requestParameters?.secretId, d.responseElements?.arn, d.responseElements?.aRN, d.additionalEventData?.SecretId]
    .filter((id): id is string => typeof id === 'string' && id !== '');
}

/**
 * Whether an id from an event names the target's secret: the same string, or an ARN of a
 * secret with the target's name (Secrets Manager appends `-` and six characters to the name).
 */
export function namesSecret(eventId: string, secretId: string): boolean {
  if (eventId === secretId) return true;
  const name = (id: string) => {
    const m = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(id);
    return m ? { name: m[1], arn: true } : { name: id, arn: false };
  };
  const a = name(eventId);
  const b = name(secretId);
  if (a.arn && b.arn) return a.name === b.name;
  if (a.arn) return a.name === b.name || a.name.replace(/-[A-Za-z0-9]{6}$/, '') === b.name;
  if (b.arn) return b.name === a.name || b.name.replace(/-[A-Za-z0-9]{6}$/, '') === a.name;
  return false;
}

/** Syncs every configured provider whose secret the event names; fails at the end, naming the providers that could not be synced. */
export async function syncIdentityProviders(event: SecretChangeEvent, ctx: HandlerContext, targets: IdpSyncTarget[]): Promise<void> {
  const ids = secretIdsOf(event);
  const matching = targets.filter((t) => ids.some((id) => namesSecret(id, t.secretId)));
  if (matching.length === 0) {
    ctx.log.info(`${event.detail?.eventName ?? 'event'}: no identity provider follows ${ids.join(', ') || 'this secret'}`);
    return;
  }
  const failures: string[] = [];
  for (const target of matching) {
    try {
      await syncIdentityProvider(target, ctx);
    } catch (error) {
      ctx.log.error(`Identity provider ${target.providerName} of pool ${target.userPoolId}: the secret could not be synced`, { message: (error as Error).message });
      failures.push(target.providerName);
    }
  }
  if (failures.length > 0) throw new Error(`Syncing the secret of identity provider(s) ${failures.join(', ')} failed (see the log lines above)`);
}

export async function syncIdentityProvider(target: IdpSyncTarget, ctx: HandlerContext): Promise<'updated' | 'unchanged'> {
  const value = await readValue(target, ctx);
  const described = await ctx.cognito.send('UserPoolResourceRead', new DescribeIdentityProviderCommand({
    UserPoolId: target.userPoolId, ProviderName: target.providerName,
  }));
  const provider = described.IdentityProvider;
  if (!provider) throw new Error(`DescribeIdentityProvider returned no provider ${target.providerName}`);
  const details = provider.ProviderDetails ?? {};
  if (details[target.detailKey] === value) {
    ctx.log.info(`Identity provider ${target.providerName}: ${target.detailKey} is current already`);
    return 'unchanged';
  }
  await ctx.cognito.send('UserPoolResourceUpdate', new UpdateIdentityProviderCommand({
    UserPoolId: target.userPoolId,
    ProviderName: target.providerName,
    ProviderDetails: { ...details, [target.detailKey]: value },
    AttributeMapping: provider.AttributeMapping,
    IdpIdentifiers: provider.IdpIdentifiers,
  }));
  ctx.log.info(`Identity provider ${target.providerName}: ${target.detailKey} updated from ${target.secretId}`);
  return 'updated';
}

async function readValue(target: IdpSyncTarget, ctx: HandlerContext): Promise<string> {
  const version = await ctx.secrets.readVersion(target.secretId, {
    stage: target.versionId ? target.versionStage : (target.versionStage ?? 'AWSCURRENT'), versionId: target.versionId,
  });
  if (!version) throw new Error(`Secret ${target.secretId} has no ${target.versionId ? `version ${target.versionId}` : `${target.versionStage ?? 'AWSCURRENT'} version`}`);
  if (target.jsonField === undefined) return version.value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(version.value);
  } catch {
    parsed = undefined;
  }
  const field = parsed && typeof parsed === 'object' ? (parsed as { [key: string]: unknown })[target.jsonField] : undefined;
  if (typeof field !== 'string' || field === '') throw new Error(`Secret ${target.secretId} has no string value under the JSON key "${target.jsonField}"`);
  ctx.log.addSecret(field);
  return field;
}
