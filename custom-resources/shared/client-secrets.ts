/**
 * An app client's secrets, as both rotations (at deployment and on a schedule) read and write
 * them: listed oldest first, removed idempotently, and added once even when the answer of the
 * add is lost.
 */
import { randomInt } from 'crypto';
import {
  AddUserPoolClientSecretCommand, ClientSecretDescriptorType, DeleteUserPoolClientSecretCommand, ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isNotFound } from './cognito';
import type { HandlerContext } from './types';

/** The app client whose secrets are handled. */
export interface AppClientRef {
  readonly userPoolId: string;
  readonly clientId: string;
}

/** Cognito's limit of live secrets per app client. */
export const MAX_LIVE_SECRETS = 2;

/** Cognito's ClientSecret: 24 to 64 characters of `[\w+]`. 64 letters and digits: about 380 bits. */
export const SECRET_LENGTH = 64;
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new client-secret value to add with AddUserPoolClientSecret. */
export function newSecretValue(): string {
  let out = '';
  for (let i = 0; i < SECRET_LENGTH; i++) out += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return out;
}

/** When Cognito created the secret (0 when it does not say). */
export function secretCreatedAt(s: ClientSecretDescriptorType): number {
  return s.ClientSecretCreateDate ? new Date(s.ClientSecretCreateDate).getTime() : 0;
}

/** The client's live secrets, oldest first. */
export async function listClientSecrets(client: AppClientRef, ctx: HandlerContext): Promise<ClientSecretDescriptorType[]> {
  const listed = await ctx.cognito.send('UserPoolClientRead', new ListUserPoolClientSecretsCommand({
    UserPoolId: client.userPoolId, ClientId: client.clientId,
  }));
  return [...(listed.ClientSecrets ?? [])].filter((s) => s.ClientSecretId).sort((a, b) => secretCreatedAt(a) - secretCreatedAt(b));
}

/** Removes a secret; one already gone is removed. */
export async function deleteClientSecret(client: AppClientRef, ctx: HandlerContext, id: string): Promise<void> {
  try {
    await ctx.cognito.send('UserPoolClientUpdate', new DeleteUserPoolClientSecretCommand({
      UserPoolId: client.userPoolId, ClientId: client.clientId, ClientSecretId: id,
    }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/**
 * Adds `value` once and returns the new secret's id: a retry first looks for the one secret that
 * is live now and was not in `liveBefore` (the earlier attempt landed and only its answer was
 * lost), and so does a failure (a repeated add meets the two-secret limit).
 */
export async function addClientSecretOnce(
  client: AppClientRef, ctx: HandlerContext, value: string, liveBefore: readonly string[],
): Promise<string> {
  const before = new Set(liveBefore);
  const landed = async () => {
    const added = (await listClientSecrets(client, ctx)).filter((s) => !before.has(s.ClientSecretId!));
    return added.length === 1 ? { ClientSecretDescriptor: added[0], $metadata: {} } : undefined;
  };
  let id: string | undefined;
  try {
    const res = await ctx.cognito.sendChecked('UserPoolClientUpdate', new AddUserPoolClientSecretCommand({
      UserPoolId: client.userPoolId, ClientId: client.clientId, ClientSecret: value,
    }), landed);
    id = res.ClientSecretDescriptor?.ClientSecretId;
  } catch (error) {
    const earlier = await landed().catch(() => undefined);
    if (!earlier) throw error;
    id = earlier.ClientSecretDescriptor.ClientSecretId;
  }
  if (!id) throw new Error(`AddUserPoolClientSecret returned no secret id for app client ${client.clientId}`);
  return id;
}
