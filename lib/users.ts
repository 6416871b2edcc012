import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { USERS_ACTIONS } from './private/cognito-actions';
import { CognitoProvider } from './private/provider';
import { QUOTA_SHARE_CONTEXT, refuseWorkPastTimeout } from './private/quota';
import { DeclaredMembership, DeclaredUser, declareUsers } from './private/declared-users';
import { checkUsername, contactsOf, declaredAttributes, defaultInvitationMediums, toAttributeMap } from './private/user-attributes';
import { checkMaxItems, checkRange, fail } from './private/validation';
import { A_STRING, AN_IUSER_POOL, aListOf, checkEnumMembers, checkRemovalPolicy, requireProp, requireProps } from './private/runtime-types';
import { DeliveryMedium, UserIdentity } from './user';
import { applyPropertyInjectors } from './private/property-injection';

/** One user in a {@link Users} list. */
export interface BulkUser extends UserIdentity {
  /**
   * Whether the user can sign in.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Names of the groups the user belongs to.
   * @default - none
   */
  readonly groups?: string[];
  /**
   * Take a permanent password from the `passwords` secret, under the key named like the user.
   * @default false
   */
  readonly passwordFromSecret?: boolean;
  /**
   * Whether Cognito sends the invitation at creation (ignored with a password from the secret).
   * @default true
   */
  readonly sendInvitation?: boolean;
  /**
   * How the invitation is delivered.
   * @default - [DeliveryMedium.EMAIL] for a user with an email address and no phone number
   * (in a pool that signs in with email as username, a username that is an email address
   * counts); otherwise Cognito's default, [DeliveryMedium.SMS]
   */
  readonly invitationMediums?: DeliveryMedium[];
}

/** Options of {@link Users} (for `pool.addUsers(id, options)`). */
export interface UsersOptions {
  /** The users; at most 2,500 and 200,000 characters of properties per `Users` (use several for more). */
  readonly users: BulkUser[];
  /**
   * A JSON secret mapping usernames to permanent passwords, for users with `passwordFromSecret`.
   * @default - no passwords from a secret
   */
  readonly passwords?: secretsmanager.ISecret;
  /**
   * Keep users that are removed from the list instead of deleting them.
   * @default false
   */
  readonly retainRemovedUsers?: boolean;
  /**
   * How many users are created or changed at once (the rate budgets still apply).
   * @default 8
   */
  readonly concurrency?: number;
  /**
   * What happens to all the users when this resource leaves the stack.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Take over declared users that exist already and were not created by this resource (signed
   * up by themselves, made by hand, by another resource or stack): their declared attributes,
   * passwords and groups are applied, and they are deleted with this resource (or when removed
   * from the list) unless retained. Without it, such a user makes the deployment fail with a
   * message naming it, and the user is not touched.
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/** Properties of {@link Users}. */
export interface UsersProps extends UsersOptions {
  /** The pool the users belong to. */
  readonly userPool: cognito.IUserPool;
}

/** Most users one `Users` declares: far under CloudFormation's 500 resources, within its event size. */
export const MAX_BULK_USERS = 2500;
/**
 * Most characters of user properties one `Users` sends: an update event carries old and new,
 * which must fit Lambda's event payload limit and leave the template under its 1 MB.
 */
export const MAX_BULK_USERS_CHARS = 200_000;

/**
 * Many users in one custom resource: hundreds to thousands without using up the stack's 500
 * resources. On update the handler diffs the list per user (create, change, delete) and
 * applies the changes concurrently within Cognito's rate quotas.
 *
 * Groups named here must exist before the users are created: the `Users` depends on the
 * pool's groups of those names declared in the same stack (or the pool's) by itself.
 */
export class Users extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.Users';
  /** The pool of the users. */
  public readonly userPool: cognito.IUserPool;

  constructor(scope: Construct, id: string, props: UsersProps) {
    props = applyPropertyInjectors(scope, id, props, Users.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, users: aListOf('a list of BulkUser') });
    props.users.forEach((u, i) => {
      requireProp(this, `users[${i}].username`, u?.username, A_STRING);
      checkEnumMembers(this, `users[${i}].invitationMediums`, u.invitationMediums, DeliveryMedium, 'DeliveryMedium');
    });
    checkRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    this.userPool = props.userPool;
    checkMaxItems(this, 'users', props.users, MAX_BULK_USERS);
    checkRange(this, 'concurrency', props.concurrency, 1, 32);
    const seen = new Set<string>();
    const declared: DeclaredUser[] = [];
    const declaredMemberships: DeclaredMembership[] = [];
    const users = props.users.map((u, i) => {
      const where = `users[${i}].`;
      checkUsername(this, `${where}username`, u.username);
      if (!Token.isUnresolved(u.username) && seen.has(u.username)) fail(this, `${where}username`, u.username, 'a username declared once');
      seen.add(u.username);
      if (u.passwordFromSecret && !props.passwords) fail(this, `${where}passwordFromSecret`, true, 'true only with the passwords secret set');
      checkMaxItems(this, `${where}groups`, u.groups, 100);
      if (u.passwordFromSecret && u.sendInvitation === true) {
        fail(this, `${where}sendInvitation`, true, 'false or unset with a password from the secret (the invitation carries a temporary one)');
      }
      const attributes = toAttributeMap(this, where, u);
      const contacts = contactsOf(props.userPool, u.username, attributes);
      for (const medium of u.invitationMediums ?? []) {
        if (!(medium === DeliveryMedium.EMAIL ? contacts.email : contacts.phone)) {
          fail(this, `${where}invitationMediums`, u.invitationMediums, `${medium} only for a user with ${medium === DeliveryMedium.EMAIL ? 'an email address' : 'a phone number'}`);
        }
      }
      declared.push({ username: u.username, property: `${where}username`, attributes: declaredAttributes(where, u, attributes) });
      (u.groups ?? []).forEach((group, j) => declaredMemberships.push({
        group, groupProperty: `${where}groups[${j}]`, username: u.username, property: `${where}groups[${j}]`,
      }));
      const sendsInvitation = u.sendInvitation !== false && !u.passwordFromSecret;
      return {
        Username: u.username,
        Attributes: attributes,
        Enabled: u.enabled === false ? false : undefined,
        Groups: u.groups,
        PasswordFromSecret: u.passwordFromSecret ? true : undefined,
        MessageAction: u.sendInvitation === false ? 'SUPPRESS' : undefined,
        DesiredDeliveryMediums: u.invitationMediums ?? defaultInvitationMediums(sendsInvitation, attributes, contacts),
      };
    });
    // Checked at synth against the rest of the app (the pool's schema and groups, the other
    // declarations of these users and memberships).
    const named = declareUsers(this, { pool: props.userPool, users: declared, signInMode: true, memberships: declaredMemberships });
    const size = JSON.stringify(Stack.of(this).resolve(users)).length;
    if (size > MAX_BULK_USERS_CHARS) {
      fail(this, 'users', `${size} characters`, `at most ${MAX_BULK_USERS_CHARS} characters of user properties per Users (split the list)`);
    }

    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, USERS_ACTIONS);
    if (props.passwords) provider.grantSecretRead(props.passwords);
    const resource = provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoUsers',
      removalPolicy: props.removalPolicy,
      properties: {
        UserPoolId: props.userPool.userPoolId,
        PasswordsSecretArn: props.passwords?.secretArn,
        RetainRemoved: props.retainRemovedUsers ?? false,
        RecordOwner: true,
        AdoptExisting: props.adoptExisting || undefined,
        Concurrency: props.concurrency ?? 8,
        Users: users,
      },
    });
    resource.node.addDependency(named);
    // One invocation creates every user (and deletes them again if that Create fails).
    const memberships = props.users.reduce((sum, u) => sum + (u.groups?.length ?? 0), 0);
    refuseWorkPastTimeout(this, provider, 'users', `${props.users.length} users in ${memberships} group memberships`, {
      UserCreation: props.users.length,
      UserAccountRecovery: props.users.filter((u) => u.passwordFromSecret).length,
      UserUpdate: memberships + props.users.filter((u) => u.enabled === false).length + props.users.length,
    }, `Split the users over several Users made to run one after another (\`next.node.addDependency(previous)\`), or raise the context key ${QUOTA_SHARE_CONTEXT}.`);
  }
}
