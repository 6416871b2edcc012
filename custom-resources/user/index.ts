/**
 * `Custom::CognitoUser`: one declared user, with what CloudFormation cannot declare
 * (password, enabled flag, MFA preference, linked identities) and edits without replacement.
 */
import type { ResourceModule } from '../shared/types';
import { createOrAdoptUser, createUser, deleteUser, isReplacement, updateUser } from './operations';
import { parseUserSpec, UserSpec, userPhysicalId } from './spec';
import { requireString } from '../shared/cfn-values';

export const USER_RESOURCE_TYPE = 'Custom::CognitoUser';

export const userModule: ResourceModule<UserSpec> = {
  resourceType: USER_RESOURCE_TYPE,

  parse: (raw) => parseUserSpec(raw, requireString(raw, 'UserPoolId')),

  async onCreate(props, ctx) {
    await createUser(props, ctx);
    return { physicalId: userPhysicalId(props) };
  },

  async onUpdate(props, oldProps, physicalId, ctx) {
    // TODO(lead): unusable old properties (a rollback's rejected ones, an older version's): converge from the live state.
    if (oldProps === undefined) throw new Error('The previous properties are unusable and this resource type cannot yet converge without them');
    if (isReplacement(oldProps, props)) {
      // A new identity: create the new user; CloudFormation then deletes the old one.
      await createOrAdoptUser(props, ctx);
      return { physicalId: userPhysicalId(props) };
    }
    const calls = await updateUser(oldProps, props, ctx);
    ctx.log.info(`User ${props.username}: ${calls} change(s) applied`);
    return { physicalId };
  },

  async onDelete(props, _physicalId, ctx) {
    // TODO(lead): unusable properties: delete by what the physical id says.
    if (props === undefined) throw new Error('The properties are unusable and this resource type cannot yet delete without them');
    await deleteUser(props, ctx);
  },
};
