/**
 * `Custom::CognitoUsers`: many users in one resource (CloudFormation allows 500 resources a
 * stack). Users are diffed by username and applied concurrently; the rate budgets keep the
 * pace under Cognito's quotas. Progress is logged.
 */
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, parseBoolean, parseNumber, parseObjectList, optionalString, requireString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { mapConcurrent } from '../shared/concurrency';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';
import { changeUser, createUser, deleteUser, userDiffers } from '../user/operations';
import { existingOwnerMarker, ownershipOf } from '../user/ownership';
import { BULK_USER_PROPERTIES, OwnershipFlags, parseOwnershipFlags, parseUserSpec, UserSpec } from '../user/spec';

export const USERS_RESOURCE_TYPE = 'Custom::CognitoUsers';

/** Every property a `Users` emits; strict parsing refuses any other. Never drop a name: a rollback sends an older version's. */
const USERS_PROPERTIES = ['UserPoolId', 'PasswordsSecretArn', 'RetainRemoved', 'Concurrency', 'Users', 'RecordOwner', 'AdoptExisting'] as const;

export interface UsersSpec extends OwnershipFlags {
  readonly userPoolId: string;
  readonly users: UserSpec[];
  /** Users removed from the list are left in the pool instead of deleted. */
  readonly retainRemoved: boolean;
  readonly concurrency: number;
}

export const usersModule: ResourceModule<UsersSpec> = {
  resourceType: USERS_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  async onCreate(props, ctx) {
    const work = props.users.map((u) => ({ username: u.username, run: async () => { await createUser(u, ctx, props); } }));
    const failures = await applyAll(work, props.concurrency, ctx);
    if (failures.length > 0) {
      // A failed Create gets no Delete from CloudFormation: remove every user this resource
      // created (in this attempt or an earlier one that died), and only those: a user that
      // existed before, or was adopted, is not ours to delete.
      ctx.log.info(`Create failed; deleting the users this resource created`);
      await mapConcurrent(props.users, props.concurrency, (u) => deleteUser(u, ctx, { recordOwner: props.recordOwner, createdOnly: true })
        .catch((e) => ctx.log.error(`Cleanup of ${u.username} failed`, { message: (e as Error).message })));
      throw failureError(failures, props.users.length);
    }
    return { physicalId: physicalId(props) };
  },

  async onUpdate(props, oldProps, currentId, ctx) {
    if (oldProps === undefined) {
      // The previous list is unusable: bring every declared user to its declaration (ours, or
      // adopted as declared) and remove nobody, since what was removed cannot be known.
      ctx.log.info('The previous user list is unusable: converging every declared user, removing none');
      const failures = await applyAll(props.users.map((u) => ({ username: u.username, run: async () => { await createUser(u, ctx, props); } })), props.concurrency, ctx);
      if (failures.length > 0) throw failureError(failures, props.users.length, 'no user was removed');
      return { physicalId: physicalId(props) };
    }
    const replaced = props.userPoolId !== oldProps.userPoolId;
    const upgrading = props.recordOwner && !oldProps.recordOwner;
    const before = replaced ? new Map<string, UserSpec>() : new Map(oldProps.users.map((u) => [u.username, u]));
    const after = new Map(props.users.map((u) => [u.username, u]));
    // Creates and changes first. A user may already be there when it is not new to this
    // resource (a rollback, a retried or killed update, a retained user declared again): the
    // create then brings it to the declaration if it is ours, and refuses it otherwise.
    const work: WorkItem[] = [];
    for (const u of props.users) {
      const prev = before.get(u.username);
      if (!prev) work.push({ username: u.username, run: async () => { await createUser(u, ctx, props); } });
      else if (userDiffers(prev, u) || upgrading) work.push({ username: u.username, run: async () => { await changeUser(prev, u, upgrading, ctx); } });
    }
    ctx.log.info(`${work.length} of ${props.users.length} user(s) to create or change`);
    const failures = await applyAll(work, props.concurrency, ctx);
    if (failures.length > 0) {
      // Nothing is removed: CloudFormation's rollback then finds every user it needs back.
      throw failureError(failures, work.length, 'no user was removed');
    }
    if (!props.retainRemoved && !replaced) {
      // Removals last, only after everything else succeeded. Users an older library version
      // made carry no owner record: those are deleted as that version would have.
      const removed = oldProps.users.filter((u) => !after.has(u.username));
      const removals = removed.map((u) => ({ username: u.username, run: () => deleteUser(u, ctx, { recordOwner: oldProps.recordOwner }) }));
      if (removals.length > 0) ctx.log.info(`${removals.length} user(s) to remove`);
      const removalFailures = await applyAll(removals, props.concurrency, ctx);
      if (removalFailures.length > 0) throw failureError(removalFailures, removals.length);
    }
    return { physicalId: replaced ? physicalId(props) : currentId };
  },

  async onDelete(props, currentId, ctx) {
    if (props === undefined) {
      await deleteOwnedUsers(currentId.split('/')[0], ctx);
      return;
    }
    const work = props.users.map((u) => ({ username: u.username, run: () => deleteUser(u, ctx, { recordOwner: props.recordOwner }) }));
    const failures = await applyAll(work, props.concurrency, ctx);
    if (failures.length > 0) throw failureError(failures, work.length);
  },
};

/**
 * Deletes every user of the pool that carries this resource's owner record (when the list of
 * users cannot be read from the properties).
 */
async function deleteOwnedUsers(userPoolId: string, ctx: HandlerContext): Promise<void> {
  const marker = await existingOwnerMarker(userPoolId, ctx).catch((e) => {
    if (isNotFound(e)) return undefined;
    throw e;
  });
  if (!marker) {
    ctx.log.info(`Pool ${userPoolId} is gone or records no owners: no user to delete`);
    return;
  }
  const owned: Array<Pick<UserSpec, 'userPoolId' | 'username'>> = [];
  let token: string | undefined;
  do {
    const page = await ctx.cognito.send('UserList', new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
    for (const user of page.Users ?? []) {
      const owner = ownershipOf({ UserAttributes: user.Attributes }, marker);
      if (owner === 'created' || owner === 'adopted') owned.push({ userPoolId, username: user.Username! });
    }
    token = page.PaginationToken;
  } while (token);
  ctx.log.info(`Deleting the ${owned.length} user(s) this resource owns in ${userPoolId}`);
  const failures = await applyAll(owned.map((u) => ({ username: u.username, run: () => deleteUser(u, ctx, { recordOwner: true }) })), 8, ctx);
  if (failures.length > 0) throw failureError(failures, owned.length);
}

/** Parses the resource's properties; strictly (unknown names refused) for new ones. */
function parseSpec(raw: RawProperties, strict: boolean): UsersSpec {
  checkKnown(strict, raw, USERS_PROPERTIES);
  const userPoolId = requireString(raw, 'UserPoolId');
    const passwordsSecretArn = optionalString(raw, 'PasswordsSecretArn');
  const flags = parseOwnershipFlags(raw);
  const users = parseObjectList('Users', raw.Users).map((u: RawProperties, i) => {
    const fromSecret = parseBoolean('PasswordFromSecret', u.PasswordFromSecret, false);
    if (fromSecret && !passwordsSecretArn) throw new Error('PasswordFromSecret needs PasswordsSecretArn');
    const password = fromSecret
      ? { secret: { secretArn: passwordsSecretArn!, jsonKey: requireString(u, 'Username') }, permanent: true }
      : undefined;
    return parseUserSpec(u, userPoolId, password, flags, strict && { known: BULK_USER_PROPERTIES, where: `Users[${i}]` });
  });
  const seen = new Set<string>();
  for (const u of users) {
    if (seen.has(u.username)) throw new Error(`User ${u.username} is declared twice`);
    seen.add(u.username);
  }
  return {
    userPoolId,
    users,
    retainRemoved: parseBoolean('RetainRemoved', raw.RetainRemoved, false),
    concurrency: parseNumber('Concurrency', raw.Concurrency, 8),
    ...flags,
  };
}

interface WorkItem {
  readonly username: string;
  readonly run: () => Promise<void>;
}

interface Failure {
  readonly username: string;
  readonly message: string;
}

/** Runs every item (a failure does not stop the others) and logs progress about every 10%. */
async function applyAll(work: WorkItem[], concurrency: number, ctx: HandlerContext): Promise<Failure[]> {
  const failures: Failure[] = [];
  const step = Math.max(1, Math.ceil(work.length / 10));
  let done = 0;
  await mapConcurrent(work, concurrency, async (item) => {
    try {
      await item.run();
    } catch (error) {
      failures.push({ username: item.username, message: `${(error as Error).name}: ${(error as Error).message}` });
    }
    done++;
    if (done % step === 0 || done === work.length) {
      ctx.log.info(`progress: ${done}/${work.length} user(s), ${failures.length} failed`);
    }
  });
  return failures;
}

function failureError(failures: Failure[], total: number, note?: string): Error {
  const shown = failures.slice(0, 5).map((f) => `${f.username} (${f.message})`).join('; ');
  const more = failures.length > 5 ? `; and ${failures.length - 5} more` : '';
  return new Error(`${failures.length} of ${total} user(s) failed: ${shown}${more}${note ? ` (${note})` : ''}`);
}

function physicalId(props: UsersSpec): string {
  return `${props.userPoolId}/users`;
}
