/**
 * `Custom::CognitoGroupMembership`: the member list of one group, for users that exist
 * outside the stack. Update adds and removes only the difference.
 */
import { AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, parseStringList, requireString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { mapConcurrent } from '../shared/concurrency';
import { diffList } from '../shared/diff';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';

export const GROUP_MEMBERSHIP_RESOURCE_TYPE = 'Custom::CognitoGroupMembership';

export interface GroupMembershipSpec {
  readonly userPoolId: string;
  readonly groupName: string;
  readonly usernames: string[];
}

const CONCURRENCY = 8;
/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = ['UserPoolId', 'GroupName', 'Usernames'] as const;

function parseSpec(raw: RawProperties, strict: boolean): GroupMembershipSpec {
  checkKnown(strict, raw, PROPERTIES);
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    groupName: requireString(raw, 'GroupName'),
    usernames: [...new Set(parseStringList('Usernames', raw.Usernames))],
  };
}

export const groupMembershipModule: ResourceModule<GroupMembershipSpec> = {
  resourceType: GROUP_MEMBERSHIP_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  async onCreate(props, ctx) {
    await addAll(props, props.usernames, ctx);
    return { physicalId: physicalId(props) };
  },

  async onUpdate(props, oldProps, currentId, ctx) {
    if (oldProps === undefined) {
      // The previous list is unusable: add the declared members that are missing, remove nobody.
      ctx.log.info(`The previous member list of ${props.groupName} is unusable: adding missing members, removing none`);
      await addAll(props, props.usernames, ctx);
      return { physicalId: physicalId(props) };
    }
    if (props.userPoolId !== oldProps.userPoolId || props.groupName !== oldProps.groupName) {
      // Another group: a replacement. CloudFormation deletes the old membership afterwards.
      await addAll(props, props.usernames, ctx);
      return { physicalId: physicalId(props) };
    }
    const { added, removed } = diffList(oldProps.usernames, props.usernames);
    // Additions first: a failed update has removed nobody from the group.
    await mapConcurrent(added, CONCURRENCY, (u) => add(props, u, ctx));
    await mapConcurrent(removed, CONCURRENCY, (u) => remove(props, u, ctx));
    return { physicalId: currentId };
  },

  async onDelete(props, currentId, ctx) {
    if (props === undefined) {
      // Which members were declared cannot be known: members added outside the stack look the same.
      ctx.log.info(`The member list is unusable: the members of ${currentId} stay in the group`);
      return;
    }
    await mapConcurrent(props.usernames, CONCURRENCY, (u) => remove(props, u, ctx));
  },
};

/**
 * Adds the users missing from the group. If one fails, the users this call added are removed
 * again before it fails (a failed Create never gets a Delete), and members that were there
 * before are left in the group.
 */
async function addAll(props: GroupMembershipSpec, usernames: string[], ctx: HandlerContext): Promise<void> {
  const members = await currentMembers(props, ctx);
  const missing = usernames.filter((u) => !members.has(u));
  const added: string[] = [];
  const failures: string[] = [];
  await mapConcurrent(missing, CONCURRENCY, async (u) => {
    try {
      await add(props, u, ctx);
      added.push(u);
    } catch (error) {
      failures.push(`${u} (${(error as Error).name}: ${(error as Error).message})`);
    }
  });
  if (failures.length === 0) return;
  ctx.log.info(`Adding to ${props.groupName} failed for ${failures.length} user(s); removing the ${added.length} this call added`);
  await mapConcurrent(added, CONCURRENCY, (u) => remove(props, u, ctx).catch(() => undefined));
  throw new Error(`${failures.length} of ${missing.length} user(s) could not be added to group ${props.groupName}: ${failures.slice(0, 5).join('; ')}`);
}

/** Every name the group's members go by: username, sub, email and phone number. */
async function currentMembers(props: GroupMembershipSpec, ctx: HandlerContext): Promise<Set<string>> {
  const names = new Set<string>();
  let token: string | undefined;
  do {
    const page = await ctx.cognito.send('UserList', new ListUsersInGroupCommand({
      UserPoolId: props.userPoolId, GroupName: props.groupName, Limit: 60, NextToken: token,
    }));
    for (const user of page.Users ?? []) {
      if (user.Username) names.add(user.Username);
      for (const a of user.Attributes ?? []) {
        if (a.Value && ['sub', 'email', 'phone_number'].includes(a.Name ?? '')) names.add(a.Value);
      }
    }
    token = page.NextToken;
  } while (token);
  return names;
}

async function add(props: GroupMembershipSpec, username: string, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserUpdate', new AdminAddUserToGroupCommand({
    UserPoolId: props.userPoolId, GroupName: props.groupName, Username: username,
  }));
}

/** Removing a user (or from a group) that is gone is a success. */
async function remove(props: GroupMembershipSpec, username: string, ctx: HandlerContext): Promise<void> {
  try {
    await ctx.cognito.send('UserUpdate', new AdminRemoveUserFromGroupCommand({
      UserPoolId: props.userPoolId, GroupName: props.groupName, Username: username,
    }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

function physicalId(props: GroupMembershipSpec): string {
  return `${props.userPoolId}/${props.groupName}/members`;
}
