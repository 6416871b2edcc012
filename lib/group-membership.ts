import { RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { GROUP_MEMBERSHIP_ACTIONS } from './private/cognito-actions';
import { CognitoProvider } from './private/provider';
import { QUOTA_SHARE_CONTEXT, refuseWorkPastTimeout } from './private/quota';
import { declareUsers } from './private/declared-users';
import { checkUsername } from './private/user-attributes';
import { checkMaxItems } from './private/validation';
import { A_LIST_OF_STRINGS, AN_IUSER_POOL, anObject, checkRemovalPolicy, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Properties of a {@link GroupMembership}. */
export interface GroupMembershipProps {
  /** The pool of the group and the users. */
  readonly userPool: cognito.IUserPool;
  /** The group. */
  readonly group: cognito.IUserPoolGroup;
  /** Usernames of users that exist (outside this stack, typically); at most 5,000. */
  readonly usernames: string[];
  /**
   * What happens to the memberships when this resource leaves the stack.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The member list of a group, for users that exist outside the stack (signed up, imported,
 * federated). One resource for the whole list; on update only the difference is added or
 * removed. Unlike `AWS::Cognito::UserPoolUserToGroupAttachment`, it needs no resource per user.
 */
export class GroupMembership extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.GroupMembership';

  constructor(scope: Construct, id: string, props: GroupMembershipProps) {
    props = applyPropertyInjectors(scope, id, props, GroupMembership.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, group: anObject('an IUserPoolGroup'), usernames: A_LIST_OF_STRINGS });
    checkRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    checkMaxItems(this, 'usernames', props.usernames, 5000);
    props.usernames.forEach((u, i) => checkUsername(this, `usernames[${i}]`, u));
    // Checked at synth: the group exists in the pool, and no other construct declares these memberships.
    const named = declareUsers(this, {
      pool: props.userPool,
      memberships: props.usernames.map((username, i) => ({ group: props.group, groupProperty: 'group', username, property: `usernames[${i}]` })),
    });
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, GROUP_MEMBERSHIP_ACTIONS);
    const resource = provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoGroupMembership',
      removalPolicy: props.removalPolicy,
      properties: {
        UserPoolId: props.userPool.userPoolId,
        GroupName: props.group.groupName,
        Usernames: props.usernames,
      },
    });
    resource.node.addDependency(named);
    // The Create adds every member (and removes them again should it fail).
    refuseWorkPastTimeout(this, provider, 'usernames', `${props.usernames.length} usernames`, { UserUpdate: 2 * props.usernames.length },
      `Split the list over several GroupMembership made to run one after another (\`next.node.addDependency(previous)\`), or raise the context key ${QUOTA_SHARE_CONTEXT}.`);
  }
}
