/**
 * `Custom::CognitoUser`: one declared user, with what CloudFormation cannot declare
 * (password, enabled flag, MFA preference, linked identities) and edits without replacement.
 */
import type { ResourceModule } from '../shared/types';
import { changeUser, createUser, deleteUser, isReplacement, userDiffers } from './operations';
import { parseUserSpec, UserSpec, userPhysicalId, usernameOfPhysicalId } from './spec';
import { requireString } from '../shared/cfn-values';

export const USER_RESOURCE_TYPE = 'Custom::CognitoUser';

export const userModule: ResourceModule<UserSpec> = {
  resourceType: USER_RESOURCE_TYPE,

  parse: (raw) => parseUserSpec(raw, requireString(raw, 'UserPoolId')),

  async onCreate(props, ctx) {
    const { username } = await createUser(props, ctx, props);
    return { physicalId: userPhysicalId(props.userPoolId, username) };
  },

  async onUpdate(props, oldProps, physicalId, ctx) {
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
    const username = usernameOfPhysicalId(physicalId, props.userPoolId) ?? props.username;
    // Only the id's username: an alias could by now name another user of this resource.
    await deleteUser({ userPoolId: props.userPoolId, username }, ctx, { recordOwner: props.recordOwner });
  },
};
