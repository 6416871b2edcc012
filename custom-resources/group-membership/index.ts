/**
 * `Custom::CognitoGroupMembership`: the member list of one group, for users that exist
 * outside the stack. Update adds and removes only the difference.
 */
import { AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { parseStringList, requireString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { mapConcurrent } from '../shared/concurrency';
import { diffList } from '../shared/diff';
import type { HandlerContext, ResourceModule } from '../shared/types';

export const GROUP_MEMBERSHIP_RESOURCE_TYPE = 'Custom::CognitoGroupMembership';

export interface GroupMembershipSpec {
  readonly userPoolId: string;
  readonly groupName: string;
  readonly usernames: string[];
}

const CONCURRENCY = 8;

export const groupMembershipModule: ResourceModule<GroupMembershipSpec> = {
  resourceType: GROUP_MEMBERSHIP_RESOURCE_TYPE,

  parse: (raw) => ({
    userPoolId: requireString(raw, 'UserPoolId'),
    groupName: requireString(raw, 'GroupName'),
    usernames: [...new Set(parseStringList('Usernames', raw.Usernames))],
  }),

  async onCreate(props, ctx) {
    await mapConcurrent(props.usernames, CONCURRENCY, (u) => add(props, u, ctx));
    return { physicalId: physicalId(props) };
  },

  async onUpdate(props, oldProps, currentId, ctx) {
    // TODO(lead): unusable old properties (a rollback's rejected ones, an older version's): converge from the live state.
    if (oldProps === undefined) throw new Error('The previous properties are unusable and this resource type cannot yet converge without them');
    if (props.userPoolId !== oldProps.userPoolId || props.groupName !== oldProps.groupName) {
      // Another group: a replacement. CloudFormation deletes the old membership afterwards.
      await mapConcurrent(props.usernames, CONCURRENCY, (u) => add(props, u, ctx));
      return { physicalId: physicalId(props) };
    }
    const { added, removed } = diffList(oldProps.usernames, props.usernames);
    await mapConcurrent(removed, CONCURRENCY, (u) => remove(props, u, ctx));
    await mapConcurrent(added, CONCURRENCY, (u) => add(props, u, ctx));
    return { physicalId: currentId };
  },

  async onDelete(props, _physicalId, ctx) {
    // TODO(lead): unusable properties: delete by what the physical id says.
    if (props === undefined) throw new Error('The properties are unusable and this resource type cannot yet delete without them');
    await mapConcurrent(props.usernames, CONCURRENCY, (u) => remove(props, u, ctx));
  },
};

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
