import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { checkPattern, describeValue, fail } from './private/validation';

/**
 * Environment variables a grant sets on the function it is given, so that the function reaches
 * the pool (and client) it was granted, not one named by hand elsewhere.
 */
export interface GrantEnvironment {
  /**
   * The variable that holds the pool's id.
   *
   * @default 'USER_POOL_ID'
   */
  readonly userPoolIdVariable?: string;

  /**
   * An app client whose id the function needs too (e.g. for `AdminInitiateAuth`).
   *
   * @default - no client id variable
   */
  readonly userPoolClient?: cognito.IUserPoolClient;

  /**
   * The variable that holds the client's id, with `userPoolClient`.
   *
   * @default 'USER_POOL_CLIENT_ID'
   */
  readonly userPoolClientIdVariable?: string;
}

/** Options of the grant presets of `UserPoolGrants`. */
export interface UserPoolGrantOptions {
  /**
   * Also set the pool's id (and a client's id) as environment variables of the grantee, which
   * must then be a Lambda `Function`: `grants.grantUserReads(fn, { environment: {} })`. A
   * function that already has the variable with another value is refused at synth, also when
   * the other value is set after the grant.
   *
   * @default - no environment variable is set
   */
  readonly environment?: GrantEnvironment;
}

/**
 * Least-privilege IAM grants for the runtime operations of a user pool.
 *
 * Each method grants exactly the `cognito-idp:` actions of one group of IAM-authorized
 * operations, on the ARN of the pool. Operations that Cognito authorizes with a user's
 * access token or that are public (`InitiateAuth`, `SignUp`, `ChangePassword`, the
 * passkey registration operations, ...) need no IAM permission and have no grant.
 *
 * Works with any `IUserPool`, including pools imported with `UserPool.fromUserPoolId()` or
 * `UserPool.fromUserPoolArn()`: `UserPoolGrants.of(pool).grantAdminUserManagement(fn)`.
 */
export class UserPoolGrants {
  /** The grants of the given pool. */
  public static of(userPool: cognito.IUserPool): UserPoolGrants {
    return new UserPoolGrants(userPool);
  }

  /**
   * Lets the grantee list the user pools of the account and Region (`ListUserPools`).
   *
   * `ListUserPools` is not scoped to a pool, so the grant is on all resources.
   */
  public static grantListUserPools(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['cognito-idp:ListUserPools'],
      resourceArns: ['*'],
    });
  }

  private constructor(private readonly userPool: cognito.IUserPool) {}

  /**
   * Create, update, enable, disable, confirm and delete users and set or reset their
   * passwords, as an administrator.
   */
  public grantAdminUserManagement(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, [
      'AdminCreateUser',
      'AdminUpdateUserAttributes',
      'AdminDeleteUserAttributes',
      'AdminEnableUser',
      'AdminDisableUser',
      'AdminConfirmSignUp',
      'AdminSetUserPassword',
      'AdminResetUserPassword',
      'AdminDeleteUser',
    ], options);
  }

  /** Sign users in from a server: `AdminInitiateAuth` and `AdminRespondToAuthChallenge`. */
  public grantAdminAuthentication(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, ['AdminInitiateAuth', 'AdminRespondToAuthChallenge'], options);
  }

  /** Read users, their groups and their sign-in options, and list users. */
  public grantUserReads(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, [
      'AdminGetUser',
      'AdminListGroupsForUser',
      'AdminGetUserAuthFactors',
      'ListUsers',
      'ListUsersInGroup',
    ], options);
  }

  /** Add users to groups and remove them from groups. */
  public grantGroupMembership(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, ['AdminAddUserToGroup', 'AdminRemoveUserFromGroup'], options);
  }

  /** Create, update and delete groups (for apps that manage groups at runtime). */
  public grantGroupManagement(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, ['CreateGroup', 'UpdateGroup', 'DeleteGroup'], options);
  }

  /** Read and list groups. */
  public grantGroupReads(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, ['GetGroup', 'ListGroups'], options);
  }

  /** Read, list, update the remembered status of and forget users' devices, as an administrator. */
  public grantDeviceManagement(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, [
      'AdminGetDevice',
      'AdminListDevices',
      'AdminUpdateDeviceStatus',
      'AdminForgetDevice',
    ], options);
  }

  /** Read users' sign-in history with its risk evaluation, and give feedback on an event. */
  public grantAuthEvents(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, ['AdminListUserAuthEvents', 'AdminUpdateAuthEventFeedback'], options);
  }

  /** Create, start, stop, describe and list user import jobs, and read the CSV header. */
  public grantUserImport(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, [
      'GetCSVHeader',
      'CreateUserImportJob',
      'StartUserImportJob',
      'StopUserImportJob',
      'DescribeUserImportJob',
      'ListUserImportJobs',
    ], options);
  }

  /** Sign users out everywhere, list their sessions and revoke one, as an administrator. */
  public grantSessionManagement(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, [
      'AdminUserGlobalSignOut',
      'AdminListUserSessions',
      'AdminRevokeUserSession',
    ], options);
  }

  /** Set users' MFA preferences and delete their TOTP authenticator, as an administrator. */
  public grantMfaAdministration(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, ['AdminSetUserMFAPreference', 'AdminDeleteSoftwareToken'], options);
  }

  /** Link a federated identity to a user and unlink it. */
  public grantIdentityLinking(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, ['AdminLinkProviderForUser', 'AdminDisableProviderForUser'], options);
  }

  /**
   * Add, list and delete app client secrets, and read app clients, for a secret-rotation
   * function. `DescribeUserPoolClient` returns the client secret.
   */
  public grantClientSecretRotation(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, [
      'DescribeUserPoolClient',
      'AddUserPoolClientSecret',
      'ListUserPoolClientSecrets',
      'DeleteUserPoolClientSecret',
    ], options);
  }

  /**
   * Read and list app clients. `DescribeUserPoolClient` returns the client secret of a
   * confidential client: grant it only to what may know the secrets.
   */
  public grantClientReads(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    return this.grantActions(grantee, ['DescribeUserPoolClient', 'ListUserPoolClients'], options);
  }

  /**
   * Read the configuration of the pool and of everything attached to it, except app
   * clients (see `grantClientReads`): pool, MFA, domain, identity providers, resource
   * servers, threat protection, log delivery, UI customization and branding, terms,
   * sessions, replicas, tags and the SAML signing certificate.
   *
   * `DescribeUserPoolDomain` takes a domain name, not a pool, so IAM cannot scope it to the
   * pool: it is granted on all resources, in a statement of its own.
   */
  public grantConfigurationReads(grantee: iam.IGrantable, options: UserPoolGrantOptions = {}): iam.Grant {
    const domainReads = iam.Grant.addToPrincipal({
      grantee,
      actions: ['cognito-idp:DescribeUserPoolDomain'],
      resourceArns: ['*'],
    });
    return this.grantActions(grantee, [
      'DescribeUserPool',
      'GetUserPoolMfaConfig',
      'GetSigningCertificate',
      'ListTagsForResource',
      'DescribeIdentityProvider',
      'GetIdentityProviderByIdentifier',
      'ListIdentityProviders',
      'DescribeResourceServer',
      'ListResourceServers',
      'DescribeRiskConfiguration',
      'GetLogDeliveryConfiguration',
      'GetUICustomization',
      'DescribeManagedLoginBranding',
      'DescribeManagedLoginBrandingByClient',
      'DescribeTerms',
      'DescribeTermsByClient',
      'ListTerms',
      'GetUserPoolSessionConfiguration',
      'GetUserPoolClientSessionConfiguration',
      'ListUserPoolReplicas',
    ], options).combine(domainReads);
  }

  private grantActions(grantee: iam.IGrantable, operations: string[], options: UserPoolGrantOptions): iam.Grant {
    if (options.environment) setConfigurationEnvironment(this.userPool, grantee, options.environment);
    return this.userPool.grant(grantee, ...operations.map(op => `cognito-idp:${op}`));
  }
}

const VARIABLE = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** The variables each function got from grants, so a later change of one is caught once. */
const watched = new WeakMap<IConstruct, Map<string, { value: string; what: string }>>();

function setConfigurationEnvironment(pool: cognito.IUserPool, grantee: iam.IGrantable, env: GrantEnvironment): void {
  if (!(grantee instanceof lambda.Function)) {
    const where = Construct.isConstruct(grantee) ? grantee : pool;
    fail(where, 'environment', Construct.isConstruct(grantee) ? grantee.node.path : grantee.grantPrincipal.toString(),
      'a grantee that is a lambda.Function (the variables are set on it)');
  }
  const fn = grantee;
  const poolVariable = env.userPoolIdVariable ?? 'USER_POOL_ID';
  checkPattern(fn, 'environment.userPoolIdVariable', poolVariable, VARIABLE, 'a letter, then letters, digits and _');
  const variables: Array<[string, string, string]> = [[poolVariable, pool.userPoolId, `the id of the pool ${pool.node.path}`]];
  if (env.userPoolClient) {
    const clientVariable = env.userPoolClientIdVariable ?? 'USER_POOL_CLIENT_ID';
    checkPattern(fn, 'environment.userPoolClientIdVariable', clientVariable, VARIABLE, 'a letter, then letters, digits and _');
    if (clientVariable === poolVariable) {
      fail(fn, 'environment.userPoolClientIdVariable', clientVariable, `a name other than userPoolIdVariable (${poolVariable})`);
    }
    variables.push([clientVariable, env.userPoolClient.userPoolClientId, `the id of the client ${env.userPoolClient.node.path}`]);
  } else if (env.userPoolClientIdVariable !== undefined) {
    fail(fn, 'environment.userPoolClientIdVariable', env.userPoolClientIdVariable, 'a name only together with userPoolClient');
  }

  let mine = watched.get(fn);
  if (!mine) {
    const created = new Map<string, { value: string; what: string }>();
    mine = created;
    watched.set(fn, created);
    fn.node.addValidation({
      validate: () => [...created].flatMap(([name, { value, what }]) => {
        const current = currentVariable(fn, name);
        return JSON.stringify(current) === rendered(fn, value) ? [] : [
          `environment.${name}: received ${describeValue(current)}; allowed: ${what} (${rendered(fn, value)}), which a grant set: `
          + 'a function granted a pool must point to that pool',
        ];
      }),
    });
  }
  for (const [name, value, what] of variables) {
    const current = currentVariable(fn, name);
    if (current !== undefined && JSON.stringify(current) !== rendered(fn, value)) {
      fail(fn, `environment.${name}`, current, `${what} (${rendered(fn, value)}): the function already has this variable with another value`);
    }
    fn.addEnvironment(name, value);
    mine.set(name, { value, what });
  }
}

/** A value as CloudFormation gets it, as JSON, so that two references to one resource compare equal. */
function rendered(scope: IConstruct, value: string): string {
  return Token.isUnresolved(value) ? JSON.stringify(Stack.of(scope).resolve(value)) : JSON.stringify(value);
}

/** The variable's value as CloudFormation gets it (a string or an intrinsic), or undefined. */
function currentVariable(fn: lambda.Function, name: string): unknown {
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  const environment = Stack.of(fn).resolve(cfn.environment) as { variables?: Record<string, unknown> } | undefined;
  return environment?.variables?.[name];
}
