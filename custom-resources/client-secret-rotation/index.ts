/**
 * `Custom::CognitoClientSecretRotation`: rotates an app client's secret and exports the newest
 * to the construct's Secrets Manager secret; Cognito keeps at most two per client. A rotation
 * happens when the declared generation rises (create counts as one).
 *
 * A rotation converges however often it is run (a re-invoked request, an SDK retry whose answer
 * was lost, a Lambda killed midway):
 * 1. the handler picks the new value itself and first stores it, with the ids of the secrets
 *    live before, as the secret's AWSPENDING version (a token derived from the request makes a
 *    repeat of that write a no-op);
 * 2. it adds the value (AddUserPoolClientSecret with ClientSecret); a secret live now that was
 *    not live before is the one this request added, so a lost answer is recognized instead of
 *    adding a second secret;
 * 3. it exports { clientId, clientSecret, clientSecretId, userPoolId, generation, rotatedAt } as
 *    AWSCURRENT (and AWSPENDING, so that a scheduled rotation finds none in progress). `rotatedAt` is when the previous secret was superseded: its overlap runs from
 *    there, not from its own creation date.
 * A secret that was added but not exported (the export failed) is removed before the request
 * fails; one left by a killed Lambda is adopted by the next rotation, or removed by a rollback.
 *
 * Ownership: declaring the rotation on a client hands it the client's secrets, so a secret older
 * than the exported one counts as superseded when the exported one was; a secret newer than the
 * exported one that this rotation did not add is never removed (the rotation is refused). The
 * exported secret and a client's only secret are never removed.
 *
 * The physical id ends with the deployed generation: a lower generation (a rollback) rotates
 * nothing. Delete makes no call under any physical id: the application may still use the newest
 * secret, and Cognito cannot delete a client's last one.
 */
import { createHash } from 'crypto';
import type { ClientSecretDescriptorType } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, parseNumber, PropertyError, requireString } from '../shared/cfn-values';
import { addClientSecretOnce, deleteClientSecret, listClientSecrets, MAX_LIVE_SECRETS, newSecretValue, secretCreatedAt } from '../shared/client-secrets';
import type { HandlerContext, RawProperties, ResourceModule, ResourceResult } from '../shared/types';

export const CLIENT_SECRET_ROTATION_RESOURCE_TYPE = 'Custom::CognitoClientSecretRotation';
/** The staging label of the prepared (added, not yet exported) value. */
export const PREPARED_STAGE = 'AWSPENDING';

export interface ClientSecretRotationSpec {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly secretArn: string;
  readonly generation: number;
  readonly overlapSeconds: number;
}

/** The AWSCURRENT value: what the application reads, and what later rotations go by. */
export interface ExportedSecret {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientSecretId: string;
  /** Absent in a value written by an older version of this library. */
  readonly userPoolId?: string;
  readonly generation?: number;
  /** ISO time the value was exported: when the secret before it was superseded. */
  readonly rotatedAt?: string;
}

/** The AWSPENDING value: a secret about to be added, or added and not yet exported. */
export interface PreparedSecret {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly generation: number;
  readonly clientSecret: string;
  /** The client's secret ids before this rotation changed anything. */
  readonly liveBefore: string[];
}

/** Every property the construct emits; strict parsing refuses any other. Never drop a name: a rollback sends an older version's. */
const PROPERTIES = ['UserPoolId', 'ClientId', 'SecretArn', 'Generation', 'OverlapSeconds'] as const;

export const clientSecretRotationModule: ResourceModule<ClientSecretRotationSpec> = {
  resourceType: CLIENT_SECRET_ROTATION_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  onCreate: (props, ctx) => rotate(props, ctx),

  async onUpdate(props, oldProps, currentId, ctx) {
    if (oldProps === undefined) {
      // Unusable old properties: the physical id says which generation is deployed, if it names this client.
      const deployed = parsePhysicalId(currentId);
      const same = deployed?.userPoolId === props.userPoolId && deployed.clientId === props.clientId;
      if (same && props.generation <= deployed.generation) return { physicalId: currentId };
      return rotate(props, ctx);
    }
    const sameTarget = props.userPoolId === oldProps.userPoolId && props.clientId === oldProps.clientId && props.secretArn === oldProps.secretArn;
    const deployed = deployedGeneration(currentId, oldProps);
    if (sameTarget && props.generation <= deployed) {
      // A rollback of a rotation that died after adding its secret: remove what it left.
      if (props.generation < oldProps.generation) await removeAbandoned(props, ctx);
      return { physicalId: currentId };
    }
    return rotate(props, ctx);
  },

  async onDelete(_props, physicalId, ctx) {
    ctx.log.info(`${physicalId}: the client secrets stay with the app client; the Secrets Manager secret follows its own removal policy`);
  },
};

function parseSpec(raw: RawProperties, strict: boolean): ClientSecretRotationSpec {
  checkKnown(strict, raw, PROPERTIES);
  const generation = parseNumber('Generation', raw.Generation, 1);
  // The generation ends the physical id: only a whole number can be compared with a deployed one.
  if (!Number.isInteger(generation) || generation < 1) throw new PropertyError('Generation', raw.Generation, 'a whole number of at least 1');
  const overlapSeconds = parseNumber('OverlapSeconds', raw.OverlapSeconds);
  if (overlapSeconds < 0) throw new PropertyError('OverlapSeconds', raw.OverlapSeconds, 'a number of seconds of at least 0');
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    clientId: requireString(raw, 'ClientId'),
    secretArn: requireString(raw, 'SecretArn'),
    generation,
    overlapSeconds,
  };
}

/** The pool, client and generation of a physical id `<pool>/<client>/client-secret/<generation>`. */
function parsePhysicalId(physicalId: string): { userPoolId: string; clientId: string; generation: number } | undefined {
  const match = /^([^/]+)\/([^/]+)\/client-secret\/(\d+)$/.exec(physicalId);
  return match ? { userPoolId: match[1], clientId: match[2], generation: Number(match[3]) } : undefined;
}

/** The generation a physical id was deployed with; an id of another form falls back to the old properties. */
export function deployedGeneration(physicalId: string, oldProps: ClientSecretRotationSpec): number {
  const match = /\/client-secret\/(\d+)$/.exec(physicalId);
  return match ? Number(match[1]) : oldProps.generation;
}

function physicalIdOf(props: ClientSecretRotationSpec): string {
  return `${props.userPoolId}/${props.clientId}/client-secret/${props.generation}`;
}

interface RotationState {
  readonly exported?: ExportedSecret;
  readonly prepared?: { readonly versionId: string; readonly value: PreparedSecret };
  readonly live: ClientSecretDescriptorType[];
}

async function rotate(props: ClientSecretRotationSpec, ctx: HandlerContext): Promise<ResourceResult> {
  const physicalId = physicalIdOf(props);
  const state = await readState(props, ctx);
  const { exported, live } = state;
  // A repeat of a rotation whose export landed (or a redeploy after its rollback): done.
  if (exported?.generation !== undefined && exported.generation >= props.generation && isLive(live, exported.clientSecretId)) {
    ctx.log.info(`App client ${props.clientId}: secret ${exported.clientSecretId} of generation ${exported.generation} is exported already`);
    return { physicalId };
  }

  const abandoned = abandonedSecret(state);
  if (abandoned?.addedId) {
    ctx.log.info(`App client ${props.clientId}: adopting secret ${abandoned.addedId}, added by an earlier attempt and not exported`);
    ctx.log.addSecret(abandoned.prepared.clientSecret);
    return exportSecret(props, ctx, abandoned.prepared.clientSecret, abandoned.addedId);
  }

  const removals = planRemovals(props, state, Date.now());
  const token = requestToken(ctx, props, 'prepare');
  let prepared: PreparedSecret;
  if (state.prepared?.versionId === token) {
    // This request prepared a value before and its add never landed: add that same value.
    prepared = state.prepared.value;
    ctx.log.addSecret(prepared.clientSecret);
  } else {
    const clientSecret = newSecretValue();
    ctx.log.addSecret(clientSecret);
    prepared = {
      userPoolId: props.userPoolId, clientId: props.clientId, generation: props.generation, clientSecret,
      liveBefore: live.map((s) => s.ClientSecretId!),
    };
    await ctx.secrets.put({ SecretId: props.secretArn, ClientRequestToken: token, SecretString: JSON.stringify(prepared), VersionStages: [PREPARED_STAGE] });
  }
  for (const id of removals) await deleteClientSecret(props, ctx, id);
  const addedId = await addClientSecretOnce(props, ctx, prepared.clientSecret, prepared.liveBefore);
  ctx.log.info(`App client ${props.clientId}: secret ${addedId} added`, { removed: removals });
  return exportSecret(props, ctx, prepared.clientSecret, addedId);
}

async function readState(props: ClientSecretRotationSpec, ctx: HandlerContext): Promise<RotationState> {
  const current = await ctx.secrets.readVersion(props.secretArn, { stage: 'AWSCURRENT' });
  const pending = await ctx.secrets.readVersion(props.secretArn, { stage: PREPARED_STAGE });
  const live = await listClientSecrets(props, ctx);
  const prepared = pending && parsePrepared(pending.value, props);
  return {
    exported: current && parseExported(current.value, props),
    prepared: prepared && { versionId: pending.versionId, value: prepared },
    live,
  };
}

/**
 * The prepared value if it was never exported, and the secret it added if that is known: the
 * one secret live now that was not live before it.
 */
function abandonedSecret(state: RotationState): { prepared: PreparedSecret; addedId?: string } | undefined {
  const prepared = state.prepared?.value;
  if (!prepared || prepared.clientSecret === state.exported?.clientSecret) return undefined;
  const before = new Set(prepared.liveBefore);
  const added = state.live.filter((s) => !before.has(s.ClientSecretId!) && s.ClientSecretId !== state.exported?.clientSecretId);
  return { prepared, addedId: added.length === 1 ? added[0].ClientSecretId : undefined };
}

/**
 * Which secrets to remove so that one can be added, or a refusal before any change. A secret
 * older than the exported one was superseded when that was exported; with nothing exported, a
 * secret was superseded when the next newer one was created. It goes once the overlap has run
 * from then. The exported secret, and one superseded by nothing, stay.
 */
function planRemovals(props: ClientSecretRotationSpec, state: RotationState, now: number): string[] {
  const { live } = state;
  if (live.length < MAX_LIVE_SECRETS) return [];
  const exportedId = state.exported?.clientSecretId;
  const exported = live.find((s) => s.ClientSecretId === exportedId);
  const removable: string[] = [];
  const kept: string[] = [];
  let until = 0;
  live.forEach((s, i) => {
    const id = s.ClientSecretId!;
    if (s === exported) {
      kept.push(`${id} is the one exported to ${props.secretArn}`);
      return;
    }
    let supersededAt: number | undefined;
    if (exported && secretCreatedAt(s) <= secretCreatedAt(exported)) {
      supersededAt = Math.max(secretCreatedAt(exported), Date.parse(state.exported?.rotatedAt ?? '') || 0);
    } else if (i + 1 < live.length) {
      supersededAt = secretCreatedAt(live[i + 1]);
    }
    if (supersededAt === undefined) {
      kept.push(exported
        ? `${id} was not added by this rotation and is newer than the exported secret; remove it with DeleteUserPoolClientSecret if nothing uses it`
        : `${id} is the client's newest secret`);
      return;
    }
    const expires = supersededAt + props.overlapSeconds * 1000;
    if (expires <= now) {
      removable.push(id);
    } else {
      kept.push(`${id} was superseded at ${iso(supersededAt)} and its overlap runs until ${iso(expires)}`);
      until = Math.max(until, expires);
    }
  });
  if (live.length - removable.length >= MAX_LIVE_SECRETS) {
    throw new Error(`App client ${props.clientId} already has ${MAX_LIVE_SECRETS} secrets, Cognito's limit, and neither may be removed: `
      + `${kept.join('; ')}. Nothing was changed${until ? `; rotate again after ${iso(until)}` : ''}`);
  }
  return removable;
}

async function exportSecret(props: ClientSecretRotationSpec, ctx: HandlerContext, clientSecret: string, clientSecretId: string): Promise<ResourceResult> {
  const value: ExportedSecret = {
    clientId: props.clientId, clientSecret, clientSecretId,
    userPoolId: props.userPoolId, generation: props.generation, rotatedAt: iso(Date.now()),
  };
  try {
    // AWSPENDING moves along: left on the prepared version, it would make Secrets Manager take a
    // scheduled rotation (RotateSecret) for one still in progress and refuse it.
    await ctx.secrets.put({
      SecretId: props.secretArn, ClientRequestToken: requestToken(ctx, props, 'export'), SecretString: JSON.stringify(value),
      VersionStages: ['AWSCURRENT', PREPARED_STAGE],
    });
  } catch (error) {
    // Nobody holds the added secret: remove it before failing (a failed Create gets no Delete).
    if (await removeUnexported(props, ctx, clientSecretId)) return { physicalId: physicalIdOf(props) };
    throw error;
  }
  ctx.log.info(`App client ${props.clientId}: secret ${clientSecretId} exported as generation ${props.generation}`);
  return { physicalId: physicalIdOf(props) };
}

/** Removes a secret whose export failed; true when the export landed after all (its answer was lost). */
async function removeUnexported(props: ClientSecretRotationSpec, ctx: HandlerContext, id: string): Promise<boolean> {
  try {
    const current = await ctx.secrets.readVersion(props.secretArn, { stage: 'AWSCURRENT' });
    if (current && parseExported(current.value, props)?.clientSecretId === id) return true;
    await deleteClientSecret(props, ctx, id);
    ctx.log.info(`App client ${props.clientId}: removed secret ${id}, whose export failed`);
  } catch (e) {
    ctx.log.error(`Removing the unexported secret ${id} of app client ${props.clientId} failed: remove it with DeleteUserPoolClientSecret`, {
      message: (e as Error).message,
    });
  }
  return false;
}

/**
 * On a rollback: a secret added for the rejected generation and never exported (its Lambda died
 * before the export) is removed. Best effort: a rollback must not fail on it, and a later
 * rotation adopts the secret anyway.
 */
async function removeAbandoned(props: ClientSecretRotationSpec, ctx: HandlerContext): Promise<void> {
  try {
    const state = await readState(props, ctx);
    const abandoned = abandonedSecret(state);
    // Never the client's only secret (Cognito would refuse anyway).
    if (!abandoned?.addedId || abandoned.prepared.generation <= props.generation || state.live.length < 2) return;
    await deleteClientSecret(props, ctx, abandoned.addedId);
    ctx.log.info(`App client ${props.clientId}: removed secret ${abandoned.addedId}, added for generation ${abandoned.prepared.generation} and never exported`);
  } catch (e) {
    ctx.log.error(`App client ${props.clientId}: could not check for a secret left by the rolled-back rotation`, { message: (e as Error).message });
  }
}

/**
 * A Secrets Manager ClientRequestToken (UUID-shaped) derived from the request: a re-invoked
 * request repeats it, another request does not.
 */
export function requestToken(ctx: HandlerContext, props: ClientSecretRotationSpec, purpose: 'prepare' | 'export'): string {
  const r = ctx.resource;
  const h = createHash('sha256')
    .update([r?.stackId, r?.logicalResourceId, r?.requestId, props.userPoolId, props.clientId, props.generation, purpose].join('\n'))
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Lenient: anything else (the secret's initial random value, another client's) is no export of this client. */
function parseExported(raw: string, props: ClientSecretRotationSpec): ExportedSecret | undefined {
  const v = parseObject(raw);
  if (!v || v.clientId !== props.clientId || typeof v.clientSecretId !== 'string' || typeof v.clientSecret !== 'string') return undefined;
  if (v.userPoolId !== undefined && v.userPoolId !== props.userPoolId) return undefined;
  return {
    clientId: v.clientId, clientSecret: v.clientSecret, clientSecretId: v.clientSecretId,
    userPoolId: typeof v.userPoolId === 'string' ? v.userPoolId : undefined,
    generation: typeof v.generation === 'number' ? v.generation : undefined,
    rotatedAt: typeof v.rotatedAt === 'string' ? v.rotatedAt : undefined,
  };
}

function parsePrepared(raw: string, props: ClientSecretRotationSpec): PreparedSecret | undefined {
  const v = parseObject(raw);
  if (!v || v.userPoolId !== props.userPoolId || v.clientId !== props.clientId || typeof v.clientSecret !== 'string'
    || typeof v.generation !== 'number' || !Array.isArray(v.liveBefore) || v.liveBefore.some((id) => typeof id !== 'string')) return undefined;
  return { userPoolId: v.userPoolId, clientId: v.clientId, generation: v.generation, clientSecret: v.clientSecret, liveBefore: v.liveBefore as string[] };
}

function parseObject(raw: string): { [key: string]: any } | undefined {
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function isLive(live: ClientSecretDescriptorType[], id: string): boolean {
  return live.some((s) => s.ClientSecretId === id);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
