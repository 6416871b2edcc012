/**
 * `Custom::CognitoClientSecretRotation`: rotates an app client's secret with
 * AddUserPoolClientSecret and keeps at most two live. A rotation happens when the declared
 * generation rises (create counts as one); the new value goes straight into the construct's
 * Secrets Manager secret (PutSecretValue), never into Data or logs. Secrets older than the
 * newest whose overlap has run out are removed (DeleteUserPoolClientSecret) before adding.
 *
 * The physical id ends with the deployed generation: a rollback (a lower generation) makes no
 * call, and a rotation returns a new id whose later delete is a no-op (the secrets stay).
 */
import {
  AddUserPoolClientSecretCommand, ClientSecretDescriptorType, DeleteUserPoolClientSecretCommand, ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { parseNumber, requireString } from '../shared/cfn-values';
import type { HandlerContext, ResourceModule, ResourceResult } from '../shared/types';

export const CLIENT_SECRET_ROTATION_RESOURCE_TYPE = 'Custom::CognitoClientSecretRotation';
/** Cognito keeps at most two secrets per app client. */
export const MAX_LIVE_SECRETS = 2;

export interface ClientSecretRotationSpec {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly secretArn: string;
  readonly generation: number;
  readonly overlapSeconds: number;
}

export const clientSecretRotationModule: ResourceModule<ClientSecretRotationSpec> = {
  resourceType: CLIENT_SECRET_ROTATION_RESOURCE_TYPE,

  parse: (raw) => ({
    userPoolId: requireString(raw, 'UserPoolId'),
    clientId: requireString(raw, 'ClientId'),
    secretArn: requireString(raw, 'SecretArn'),
    generation: parseNumber('Generation', raw.Generation, 1),
    overlapSeconds: parseNumber('OverlapSeconds', raw.OverlapSeconds),
  }),

  onCreate: (props, ctx) => rotate(props, ctx),

  async onUpdate(props, oldProps, currentId, ctx) {
    // TODO(client-secret-rotation owner): unusable old properties (a rollback's rejected ones, an older version's): converge from the live state.
    if (oldProps === undefined) throw new Error('The previous properties are unusable and this resource type cannot yet converge without them');
    const sameClient = props.userPoolId === oldProps.userPoolId && props.clientId === oldProps.clientId;
    const deployed = Number(currentId.split('/').pop());
    if (sameClient && props.secretArn === oldProps.secretArn && !(props.generation > deployed)) {
      if (props.generation < deployed) ctx.log.info(`Generation ${props.generation} is older than the deployed ${deployed}: nothing to rotate`);
      return { physicalId: currentId };
    }
    return rotate(props, ctx);
  },

  // Cognito cannot delete an app client's last secret, and the application may still use the
  // newest: the secrets stay; the Secrets Manager secret follows its own removal policy.
  async onDelete(_props, _physicalId, ctx) {
    ctx.log.info('Client secrets stay with the app client');
  },
};

async function rotate(props: ClientSecretRotationSpec, ctx: HandlerContext): Promise<ResourceResult> {
  const listed = await ctx.cognito.send('UserPoolClientRead', new ListUserPoolClientSecretsCommand({
    UserPoolId: props.userPoolId, ClientId: props.clientId,
  }));
  const live = [...(listed.ClientSecrets ?? [])].sort(byCreation);
  const newest = live[live.length - 1];
  // The newest stays for the overlap; older ones go once their own overlap has run out.
  const older = live.slice(0, -1);
  const now = Date.now();
  const expired = older.filter((s) => createdAt(s) + props.overlapSeconds * 1000 <= now);
  const blocking = older.filter((s) => !expired.includes(s));
  if (blocking.length > 0) {
    const until = new Date(createdAt(blocking[0]) + props.overlapSeconds * 1000).toISOString();
    throw new Error(`App client ${props.clientId} already has ${MAX_LIVE_SECRETS} live secrets and the older one's overlap `
      + `runs until ${until}; rotate again after that`);
  }
  for (const s of expired) {
    await ctx.cognito.send('UserPoolClientUpdate', new DeleteUserPoolClientSecretCommand({
      UserPoolId: props.userPoolId, ClientId: props.clientId, ClientSecretId: s.ClientSecretId,
    }));
  }
  const added = await ctx.cognito.send('UserPoolClientUpdate', new AddUserPoolClientSecretCommand({
    UserPoolId: props.userPoolId, ClientId: props.clientId,
  }));
  const value = added.ClientSecretDescriptor?.ClientSecretValue;
  const secretId = added.ClientSecretDescriptor?.ClientSecretId;
  if (!value || !secretId) throw new Error(`AddUserPoolClientSecret returned no secret for app client ${props.clientId}`);
  ctx.log.addSecret(value);
  try {
    await ctx.secrets.client.send(new PutSecretValueCommand({
      SecretId: props.secretArn,
      SecretString: JSON.stringify({ clientId: props.clientId, clientSecret: value, clientSecretId: secretId }),
    }));
  } catch (error) {
    // Nobody holds the value of the secret just added: remove it, or it would count as a live
    // secret in its overlap and refuse the retry.
    await ctx.cognito.send('UserPoolClientUpdate', new DeleteUserPoolClientSecretCommand({
      UserPoolId: props.userPoolId, ClientId: props.clientId, ClientSecretId: secretId,
    })).catch((e) => ctx.log.error(`Removing the unstored secret ${secretId} failed`, { message: (e as Error).message }));
    throw error;
  }
  ctx.log.info(`App client ${props.clientId}: secret ${secretId} added; ${expired.length} expired secret(s) removed`, {
    previous: newest?.ClientSecretId,
  });
  return { physicalId: `${props.userPoolId}/${props.clientId}/client-secret/${props.generation}` };
}

function createdAt(s: ClientSecretDescriptorType): number {
  return s.ClientSecretCreateDate ? new Date(s.ClientSecretCreateDate).getTime() : 0;
}

function byCreation(a: ClientSecretDescriptorType, b: ClientSecretDescriptorType): number {
  return createdAt(a) - createdAt(b);
}
