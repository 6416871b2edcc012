/**
 * `Custom::CognitoUser`: one declared user, with what CloudFormation cannot declare
 * (password, enabled flag, MFA preference, linked identities) and edits without replacement.
 */
import type { HandlerContext, ResourceModule } from '../shared/types';
import { changeUser, createUser, deleteUser, isReplacement, userDiffers } from './operations';
import { findUser } from './ownership';
import { parseUserPhysicalId, parseUserSpec, USER_PROPERTIES, UserSpec, userPhysicalId, usernameOfPhysicalId } from './spec';
import { requireString } from '../shared/cfn-values';

export const USER_RESOURCE_TYPE = 'Custom::CognitoUser';

export const userModule: ResourceModule<UserSpec> = {
  resourceType: USER_RESOURCE_TYPE,

  parse: (raw) => parseUserSpec(raw, requireString(raw, 'UserPoolId'), undefined, undefined, { known: USER_PROPERTIES }),
  parseOld: (raw) => parseUserSpec(raw, requireString(raw, 'UserPoolId')),

  async onCreate(props, ctx) {
    const { username } = await createUser(props, ctx, props);
    return { physicalId: userPhysicalId(props.userPoolId, username) };
  },

  async onUpdate(props, oldProps, physicalId, ctx) {
    if (oldProps === undefined) {
      // The previous declaration is unusable: converge from the live user (ours, or adopted as declared).
      const { username } = await createUser(props, ctx, props);
      return { physicalId: await sameUserId(physicalId, props.userPoolId, username, ctx) };
    }
    if (isReplacement(oldProps, props)) {
      // A new identity: create the new user (or, in a rollback, find the old one still there and
      // ours); CloudFormation then deletes the other one.
      const { username } = await createUser(props, ctx, props);
      return { physicalId: userPhysicalId(props.userPoolId, username) };
    }
    const upgrading = props.recordOwner && !oldProps.recordOwner;
    if (!userDiffers(oldProps, props) && !upgrading) {
      ctx.log.info(`User ${props.username}: no change`);
      return { physicalId };
    }
    // Address the user by Cognito's username: the id's, or the one found through the names the
    // previous declaration gave it (an older version's id may hold an email that has changed since).
    const calls = await changeUser(oldProps, props, upgrading, ctx, [usernameOfPhysicalId(physicalId, props.userPoolId)]);
    ctx.log.info(`User ${props.username}: ${calls} change(s) applied`);
    return { physicalId };
  },

  async onDelete(props, physicalId, ctx) {
    if (props === undefined) {
      // Unusable properties: the id names the user; only a user this resource owns is deleted.
      const id = parseUserPhysicalId(physicalId);
      if (id) await deleteUser(id, ctx, { recordOwner: true });
      return;
    }
    const username = usernameOfPhysicalId(physicalId, props.userPoolId) ?? props.username;
    // Only the id's username: an alias could by now name another user of this resource.
    await deleteUser({ userPoolId: props.userPoolId, username }, ctx, { recordOwner: props.recordOwner });
  },
};

/**
 * The current id if it names the user `username` (by that name or an alias of it), else the id
 * of that user: a changed id makes CloudFormation delete the old one, which must not be this user.
 */
async function sameUserId(physicalId: string, userPoolId: string, username: string, ctx: HandlerContext): Promise<string> {
  const named = usernameOfPhysicalId(physicalId, userPoolId);
  if (named === username) return physicalId;
  if (named !== undefined && (await findUser(userPoolId, [named], ctx))?.Username === username) return physicalId;
  return userPhysicalId(userPoolId, username);
}
