/**
 * Entry point of the stack's secret-rotation function (bundled to assets/rotation; only in stacks
 * that schedule a client-secret rotation or sync an identity provider's secret). It serves:
 * - Secrets Manager's rotation steps for the client secrets configured in its environment;
 * - the hourly clean-up that removes superseded client secrets once their overlap has run;
 * - EventBridge events of a changed secret, for identity providers that follow it.
 */
import { REMOVE_SUPERSEDED_ACTION } from '../../lib/private/rotation-contract';
import { createContext } from '../shared/context';
import type { HandlerContext } from '../shared/types';
import { removeSuperseded, rotationStep, RotationEvent, RotationOptions } from './client-secret';
import { configFromEnv, FunctionConfig } from './config';
import { isSecretChangeEvent, syncIdentityProviders } from './idp-sync';

export async function handler(event: unknown): Promise<void> {
  return handle(event, createContext(), configFromEnv(process.env));
}

export async function handle(event: unknown, ctx: HandlerContext, config: FunctionConfig, options: RotationOptions = {}): Promise<void> {
  try {
    if (isRotationEvent(event)) {
      // The token is the new version's id, not a secret (a key named `token` would be redacted).
      ctx.log.info('rotation step', { step: event.Step, secretId: event.SecretId, versionId: event.ClientRequestToken });
      return await rotationStep(event, ctx, config.rotations, options);
    }
    if ((event as { action?: unknown })?.action === REMOVE_SUPERSEDED_ACTION) {
      ctx.log.info('removing superseded client secrets', { clients: config.rotations.length });
      return await removeSuperseded(ctx, config.rotations);
    }
    if (isSecretChangeEvent(event)) {
      ctx.log.info('secret changed', { eventName: event.detail?.eventName });
      return await syncIdentityProviders(event, ctx, config.idpSyncs);
    }
  } catch (error) {
    ctx.log.error('failed', { message: (error as Error).message });
    throw error;
  }
  throw new Error('Unrecognized event: neither a Secrets Manager rotation step, the clean-up schedule, nor a Secrets Manager change event');
}

function isRotationEvent(event: unknown): event is RotationEvent {
  const e = event as Partial<RotationEvent>;
  return typeof e?.Step === 'string' && typeof e.SecretId === 'string' && typeof e.ClientRequestToken === 'string';
}
