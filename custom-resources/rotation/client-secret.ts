/**
 * Scheduled rotation of an app client's secret: Secrets Manager's four rotation steps, and the
 * removal of a superseded secret once its overlap has run.
 *
 * The secret's value is the JSON the application reads: `{ clientId, clientSecret, userPoolId,
 * rotatedAt, supersedes }` after a scheduled rotation (`supersedes`: the Cognito secret ids live
 * before this value was added), or the `ClientSecretRotation` deployment's export, which names
 * its `clientSecretId`. Cognito never returns a value it was given, so a value's Cognito secret
 * is recognized by id: the export's `clientSecretId`, or the one live secret that is not among
 * `supersedes`.
 *
 * Every step converges however often Secrets Manager runs it (it retries a failed step, and
 * resumes an interrupted rotation with the same token):
 * - createSecret: the token's AWSPENDING version exists with a value for this client: nothing;
 *   else a new value is put under the token (PutSecretValue with ClientRequestToken).
 * - setSecret: a live secret that was not live when the value was created is the one added:
 *   nothing; else, with two secrets live (Cognito's limit), the superseded one is removed first
 *   only if its overlap has run, and never the one AWSCURRENT holds nor a newer one this rotation
 *   did not add; then AddUserPoolClientSecret with the value.
 * - testSecret: the added secret is live; with a token endpoint configured, a client-credentials
 *   token request with the new value succeeds.
 * - finishSecret: AWSCURRENT moves to the token's version (nothing when it is there already).
 */
import type { ClientSecretDescriptorType } from '@aws-sdk/client-cognito-identity-provider';
import type { DescribeSecretCommandOutput } from '@aws-sdk/client-secrets-manager';
import { addClientSecretOnce, deleteClientSecret, listClientSecrets, MAX_LIVE_SECRETS, newSecretValue, secretCreatedAt } from '../shared/client-secrets';
import type { HandlerContext } from '../shared/types';
import type { RotationTarget } from '../../lib/private/rotation-contract';

/** The event Secrets Manager invokes a rotation function with. */
export interface RotationEvent {
  readonly Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
  readonly SecretId: string;
  readonly ClientRequestToken: string;
}

export const CURRENT = 'AWSCURRENT';
export const PENDING = 'AWSPENDING';

/** A client-secret value of the secret, as far as rotation needs it. */
export interface ClientValue {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly userPoolId?: string;
  /** Set by a `ClientSecretRotation` deployment's export. */
  readonly clientSecretId?: string;
  /** Set by a scheduled rotation: the Cognito secret ids live before this value was added. */
  readonly supersedes?: string[];
  /** When this value was made current (an export), or created (a scheduled rotation). */
  readonly rotatedAt?: string;
}

/** Options for tests: the token check's attempts and the wait between them. */
export interface RotationOptions {
  readonly tokenAttempts?: number;
  readonly tokenRetryDelayMs?: number;
  readonly fetch?: typeof fetch;
}

export async function rotationStep(event: RotationEvent, ctx: HandlerContext, targets: RotationTarget[], options: RotationOptions = {}): Promise<void> {
  const target = targets.find((t) => t.secretArn === event.SecretId);
  if (!target) {
    throw new Error(`Secret ${event.SecretId} is not one this function rotates (it rotates ${targets.map((t) => t.secretArn).join(', ') || 'none'}); nothing was changed`);
  }
  const token = event.ClientRequestToken;
  const meta = await ctx.secrets.describe(target.secretArn);
  if (meta.RotationEnabled === false) throw new Error(`Secret ${target.secretArn} does not have rotation enabled`);
  const stages = meta.VersionIdsToStages?.[token];
  if (!stages) throw new Error(`Secret ${target.secretArn} has no version ${token} to rotate to`);
  if (stages.includes(CURRENT)) {
    ctx.log.info(`${event.Step}: version ${token} of ${target.secretArn} is AWSCURRENT already; nothing to do`);
    return;
  }
  if (!stages.includes(PENDING)) throw new Error(`Version ${token} of secret ${target.secretArn} is not AWSPENDING (its stages: ${stages.join(', ') || 'none'})`);

  switch (event.Step) {
    case 'createSecret': return createSecret(target, token, ctx);
    case 'setSecret': return setSecret(target, token, meta, ctx);
    case 'testSecret': return testSecret(target, token, ctx, options);
    case 'finishSecret': return finishSecret(target, token, meta, ctx);
    default: throw new Error(`Unknown rotation step ${JSON.stringify((event as { Step?: unknown }).Step)}`);
  }
}

async function createSecret(target: RotationTarget, token: string, ctx: HandlerContext): Promise<void> {
  // The mapping check: the secret must hold this client's value before anything is written.
  await readCurrent(target, ctx);
  const pending = await ctx.secrets.readVersion(target.secretArn, { versionId: token, stage: PENDING });
  if (pending) {
    requireClientValue(target, pending.value, `version ${token}`);
    ctx.log.info(`createSecret: version ${token} of ${target.secretArn} holds a new value already`);
    return;
  }
  const live = await listClientSecrets(target, ctx);
  const clientSecret = newSecretValue();
  ctx.log.addSecret(clientSecret);
  const value: ClientValue = {
    clientId: target.clientId, clientSecret, userPoolId: target.userPoolId, rotatedAt: new Date(Date.now()).toISOString(),
    supersedes: live.map((s) => s.ClientSecretId!),
  };
  await ctx.secrets.put({ SecretId: target.secretArn, ClientRequestToken: token, SecretString: JSON.stringify(value), VersionStages: [PENDING] });
  ctx.log.info(`createSecret: new value for app client ${target.clientId} put as version ${token} (AWSPENDING)`);
}

async function setSecret(target: RotationTarget, token: string, meta: DescribeSecretCommandOutput, ctx: HandlerContext): Promise<void> {
  const pending = await readPending(target, token, ctx);
  const live = await listClientSecrets(target, ctx);
  const added = addedBy(pending, live);
  if (added.length === 1) {
    ctx.log.info(`setSecret: app client ${target.clientId} holds the new value already as secret ${added[0].ClientSecretId}`);
    return;
  }
  if (added.length > 1) throw new Error(ambiguous(target, added));
  if (live.length >= MAX_LIVE_SECRETS) {
    const current = await readCurrent(target, ctx);
    const removable = supersededSecrets(target, current, meta, live, Date.now());
    if (removable.refusal) {
      throw new Error(`App client ${target.clientId} already has ${MAX_LIVE_SECRETS} secrets, Cognito's limit, and neither may be removed: `
        + `${removable.refusal}. Nothing was changed`);
    }
    for (const id of removable.ids) await deleteClientSecret(target, ctx, id);
    ctx.log.info(`setSecret: removed superseded secret(s) of app client ${target.clientId}`, { removed: removable.ids });
  }
  const id = await addClientSecretOnce(target, ctx, pending.clientSecret, pending.supersedes);
  ctx.log.info(`setSecret: secret ${id} added to app client ${target.clientId}`);
}

async function testSecret(target: RotationTarget, token: string, ctx: HandlerContext, options: RotationOptions): Promise<void> {
  const pending = await readPending(target, token, ctx);
  const added = addedBy(pending, await listClientSecrets(target, ctx));
  if (added.length === 0) throw new Error(`testSecret: the value of version ${token} is not live on app client ${target.clientId} (setSecret has not added it)`);
  if (added.length > 1) throw new Error(ambiguous(target, added));
  if (target.tokenEndpoint) await requestToken(target, pending.clientSecret, ctx, options);
  ctx.log.info(`testSecret: secret ${added[0].ClientSecretId} of app client ${target.clientId} is live${target.tokenEndpoint ? ' and issues tokens' : ''}`);
}

async function finishSecret(target: RotationTarget, token: string, meta: DescribeSecretCommandOutput, ctx: HandlerContext): Promise<void> {
  const currentVersion = Object.entries(meta.VersionIdsToStages ?? {}).find(([, s]) => s.includes(CURRENT))?.[0];
  try {
    await ctx.secrets.updateStage({ SecretId: target.secretArn, VersionStage: CURRENT, MoveToVersionId: token, RemoveFromVersionId: currentVersion });
  } catch (error) {
    // A repeat after a lost answer finds the label moved already.
    const after = await ctx.secrets.describe(target.secretArn);
    if (!after.VersionIdsToStages?.[token]?.includes(CURRENT)) throw error;
  }
  ctx.log.info(`finishSecret: version ${token} of ${target.secretArn} is AWSCURRENT`);
}

/**
 * The hourly clean-up: for each client, removes secrets superseded longer than the overlap ago.
 * A client whose rotation is in progress (AWSPENDING on another version than AWSCURRENT) is
 * left alone. Fails at the end, naming the clients that could not be checked.
 */
export async function removeSuperseded(ctx: HandlerContext, targets: RotationTarget[]): Promise<void> {
  const failures: string[] = [];
  for (const target of targets) {
    try {
      const meta = await ctx.secrets.describe(target.secretArn);
      const stages = Object.values(meta.VersionIdsToStages ?? {});
      if (stages.some((s) => s.includes(PENDING) && !s.includes(CURRENT))) {
        ctx.log.info(`App client ${target.clientId}: a rotation is in progress; nothing removed`);
        continue;
      }
      const current = await readCurrent(target, ctx);
      const live = await listClientSecrets(target, ctx);
      const plan = supersededSecrets(target, current, meta, live, Date.now());
      for (const id of plan.ids) await deleteClientSecret(target, ctx, id);
      if (plan.ids.length > 0) ctx.log.info(`App client ${target.clientId}: removed superseded secret(s)`, { removed: plan.ids });
    } catch (error) {
      ctx.log.error(`App client ${target.clientId} of ${target.secretArn}: the superseded secrets could not be checked`, { message: (error as Error).message });
      failures.push(target.clientId);
    }
  }
  if (failures.length > 0) throw new Error(`Removing superseded secrets failed for app client(s) ${failures.join(', ')} (see the log lines above)`);
}

/**
 * The secrets that may be removed now, and why any other (than AWSCURRENT's) may not. Only a
 * secret older than AWSCURRENT's is superseded; it was superseded at the latest of when
 * AWSCURRENT's value was made current (`rotatedAt`, the secret's LastRotatedDate) and its
 * secret's creation, and is removable once the overlap has run from then.
 */
export function supersededSecrets(
  target: RotationTarget, current: ClientValue, meta: DescribeSecretCommandOutput, live: ClientSecretDescriptorType[], now: number,
): { ids: string[]; refusal?: string } {
  const currentId = currentSecretId(current, live);
  if (!currentId) {
    return { ids: [], refusal: `none of the live secrets (${live.map((s) => s.ClientSecretId).join(', ')}) is known to be the one AWSCURRENT of ${target.secretArn} holds` };
  }
  const currentSecret = live.find((s) => s.ClientSecretId === currentId)!;
  const supersededAt = Math.max(secretCreatedAt(currentSecret), Date.parse(current.rotatedAt ?? '') || 0, meta.LastRotatedDate ? new Date(meta.LastRotatedDate).getTime() : 0);
  const expires = supersededAt + target.overlapSeconds * 1000;
  const ids: string[] = [];
  const kept: string[] = [`${currentId} is the one AWSCURRENT holds`];
  for (const s of live) {
    const id = s.ClientSecretId!;
    if (id === currentId) continue;
    if (secretCreatedAt(s) > secretCreatedAt(currentSecret)) {
      kept.push(`${id} is newer than AWSCURRENT's and was not added by this rotation; remove it with DeleteUserPoolClientSecret if nothing uses it`);
    } else if (expires <= now) {
      ids.push(id);
    } else {
      kept.push(`${id} was superseded at ${iso(supersededAt)} and its overlap runs until ${iso(expires)}; the rotation can run after that`);
    }
  }
  const refusal = live.length - ids.length >= MAX_LIVE_SECRETS ? kept.join('; ') : undefined;
  return { ids, refusal };
}

/** The Cognito secret id of a value: the export's, or the one live secret it did not supersede. */
export function currentSecretId(value: ClientValue, live: ClientSecretDescriptorType[]): string | undefined {
  if (value.clientSecretId) return live.some((s) => s.ClientSecretId === value.clientSecretId) ? value.clientSecretId : undefined;
  if (!value.supersedes) return undefined;
  const added = addedBy(value as ClientValue & { supersedes: string[] }, live);
  return added.length === 1 ? added[0].ClientSecretId : undefined;
}

/** POSTs a client-credentials grant with the new secret; a few attempts, as a new secret may take seconds to be accepted everywhere. */
async function requestToken(target: RotationTarget, clientSecret: string, ctx: HandlerContext, options: RotationOptions): Promise<void> {
  const attempts = options.tokenAttempts ?? 5;
  const delay = options.tokenRetryDelayMs ?? 3000;
  const doFetch = options.fetch ?? fetch;
  const basic = Buffer.from(`${encodeURIComponent(target.clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  ctx.log.addSecret(basic);
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await doFetch(target.tokenEndpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'authorization': `Basic ${basic}` },
        body: 'grant_type=client_credentials',
      });
      const body = await res.json().catch(() => undefined) as { access_token?: unknown; error?: unknown } | undefined;
      if (res.status === 200 && typeof body?.access_token === 'string') return;
      // Only the status and the OAuth error code: never the body, which may hold a token.
      last = `HTTP ${res.status}${typeof body?.error === 'string' ? ` ${body.error}` : ''}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delay));
  }
  throw new Error(`testSecret: a client-credentials token request to ${target.tokenEndpoint} with the new secret of app client ${target.clientId} failed ${attempts} times (last: ${last})`);
}

async function readCurrent(target: RotationTarget, ctx: HandlerContext): Promise<ClientValue> {
  const current = await ctx.secrets.readVersion(target.secretArn, { stage: CURRENT });
  if (!current) throw new Error(`Secret ${target.secretArn} has no AWSCURRENT value`);
  return requireClientValue(target, current.value, 'AWSCURRENT');
}

async function readPending(target: RotationTarget, token: string, ctx: HandlerContext): Promise<ClientValue & { supersedes: string[] }> {
  const pending = await ctx.secrets.readVersion(target.secretArn, { versionId: token, stage: PENDING });
  if (!pending) throw new Error(`Version ${token} of secret ${target.secretArn} has no value: createSecret has not run`);
  const value = requireClientValue(target, pending.value, `version ${token}`);
  if (!value.supersedes) throw new Error(`Version ${token} of secret ${target.secretArn} was not written by this rotation`);
  return value as ClientValue & { supersedes: string[] };
}

/** The value, if it is this client's: otherwise the secret is not the one configured for it, and nothing is done. */
function requireClientValue(target: RotationTarget, raw: string, what: string): ClientValue {
  const v = parseClientValue(raw);
  if (!v || v.clientId !== target.clientId || (v.userPoolId !== undefined && v.userPoolId !== target.userPoolId)) {
    throw new Error(`The ${what} value of secret ${target.secretArn} is not a client secret of app client ${target.clientId} in pool ${target.userPoolId}; `
      + 'refusing to rotate it (deploy the stack so that ClientSecretRotation exports the client\'s secret first)');
  }
  return v;
}

export function parseClientValue(raw: string): ClientValue | undefined {
  let v: any;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || typeof v.clientId !== 'string' || typeof v.clientSecret !== 'string') return undefined;
  // `liveBefore`: the same list in a deployment's prepared value (AWSPENDING left by an older
  // library version, which Secrets Manager then resumes as a rotation in progress).
  const ids = v.supersedes ?? v.liveBefore;
  const supersedes = Array.isArray(ids) && ids.every((id: unknown) => typeof id === 'string') ? ids as string[] : undefined;
  return {
    clientId: v.clientId,
    clientSecret: v.clientSecret,
    userPoolId: typeof v.userPoolId === 'string' ? v.userPoolId : undefined,
    clientSecretId: typeof v.clientSecretId === 'string' ? v.clientSecretId : undefined,
    supersedes,
    rotatedAt: typeof v.rotatedAt === 'string' ? v.rotatedAt : undefined,
  };
}

function addedBy(value: { supersedes: string[] }, live: ClientSecretDescriptorType[]): ClientSecretDescriptorType[] {
  const before = new Set(value.supersedes);
  return live.filter((s) => !before.has(s.ClientSecretId!));
}

function ambiguous(target: RotationTarget, added: ClientSecretDescriptorType[]): string {
  return `App client ${target.clientId} has ${added.length} secrets that were not live when this rotation began (${added.map((s) => s.ClientSecretId).join(', ')}): `
    + 'it cannot tell which holds the new value. Remove the one added by hand with DeleteUserPoolClientSecret';
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
