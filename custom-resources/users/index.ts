/**
 * `Custom::CognitoUsers`: many users in one resource (CloudFormation allows 500 resources a
 * stack). Users are diffed by username and applied concurrently; the rate budgets keep the
 * pace under Cognito's quotas. Progress is logged.
 */
import { parseBoolean, parseNumber, parseObjectList, optionalString, requireString } from '../shared/cfn-values';
import { mapConcurrent } from '../shared/concurrency';
import { sameValue } from '../shared/diff';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';
import { createOrAdoptUser, createUser, deleteUser, updateUser } from '../user/operations';
import { parseUserSpec, UserSpec } from '../user/spec';

export const USERS_RESOURCE_TYPE = 'Custom::CognitoUsers';

export interface UsersSpec {
  readonly userPoolId: string;
  readonly users: UserSpec[];
  /** Users removed from the list are left in the pool instead of deleted. */
  readonly retainRemoved: boolean;
  readonly concurrency: number;
}

export const usersModule: ResourceModule<UsersSpec> = {
  resourceType: USERS_RESOURCE_TYPE,

  parse(raw) {
    const userPoolId = requireString(raw, 'UserPoolId');
    const passwordsSecretArn = optionalString(raw, 'PasswordsSecretArn');
    const users = parseObjectList('Users', raw.Users).map((u: RawProperties) => {
      const fromSecret = parseBoolean('PasswordFromSecret', u.PasswordFromSecret, false);
      if (fromSecret && !passwordsSecretArn) throw new Error('PasswordFromSecret needs PasswordsSecretArn');
      const password = fromSecret
        ? { secret: { secretArn: passwordsSecretArn!, jsonKey: requireString(u, 'Username') }, permanent: true }
        : undefined;
      return parseUserSpec(u, userPoolId, password);
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
    };
  },

  async onCreate(props, ctx) {
    const created: UserSpec[] = [];
    const work = props.users.map((u) => ({ username: u.username, run: async () => { await createUser(u, ctx); created.push(u); } }));
    const failures = await applyAll(work, props.concurrency, ctx);
    if (failures.length > 0) {
      // A failed Create gets no Delete from CloudFormation: remove what this attempt made,
      // and only that (a user that already existed is not ours to delete).
      ctx.log.info(`Create failed; deleting the ${created.length} user(s) it created`);
      await mapConcurrent(created, props.concurrency, (u) => deleteUser(u, ctx).catch(() => undefined));
      throw failureError(failures, props.users.length);
    }
    return { physicalId: physicalId(props) };
  },

  async onUpdate(props, oldProps, currentId, ctx) {
    // TODO(lead): unusable old properties (a rollback's rejected ones, an older version's): converge from the live state.
    if (oldProps === undefined) throw new Error('The previous properties are unusable and this resource type cannot yet converge without them');
    const replaced = props.userPoolId !== oldProps.userPoolId;
    const before = replaced ? new Map<string, UserSpec>() : new Map(oldProps.users.map((u) => [u.username, u]));
    const after = new Map(props.users.map((u) => [u.username, u]));
    // The users may already be there: those of the old pool when this is the rollback of a pool
    // change (the old resource is deleted only after success), or retained ones declared again.
    const mayExist = replaced || props.retainRemoved || oldProps.retainRemoved;
    const create = mayExist ? createOrAdoptUser : createUser;
    const work: WorkItem[] = [];
    for (const u of props.users) {
      const prev = before.get(u.username);
      if (!prev) work.push({ username: u.username, run: () => create(u, ctx) });
      else if (!sameValue(prev, u)) work.push({ username: u.username, run: async () => { await updateUser(prev, u, ctx); } });
    }
    if (!props.retainRemoved && !replaced) {
      for (const u of oldProps.users) {
        if (!after.has(u.username)) work.push({ username: u.username, run: () => deleteUser(u, ctx) });
      }
    }
    ctx.log.info(`${work.length} of ${props.users.length} user(s) to change`);
    const failures = await applyAll(work, props.concurrency, ctx);
    if (failures.length > 0) throw failureError(failures, work.length);
    return { physicalId: replaced ? physicalId(props) : currentId };
  },

  async onDelete(props, _physicalId, ctx) {
    // TODO(lead): unusable properties: delete by what the physical id says.
    if (props === undefined) throw new Error('The properties are unusable and this resource type cannot yet delete without them');
    const work = props.users.map((u) => ({ username: u.username, run: () => deleteUser(u, ctx) }));
    const failures = await applyAll(work, props.concurrency, ctx);
    if (failures.length > 0) throw failureError(failures, work.length);
  },
};

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

function failureError(failures: Failure[], total: number): Error {
  const shown = failures.slice(0, 5).map((f) => `${f.username} (${f.message})`).join('; ');
  const more = failures.length > 5 ? `; and ${failures.length - 5} more` : '';
  return new Error(`${failures.length} of ${total} user(s) failed: ${shown}${more}`);
}

function physicalId(props: UsersSpec): string {
  return `${props.userPoolId}/users`;
}
