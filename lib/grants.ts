import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';

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
  public grantAdminUserManagement(grantee: iam.IGrantable): iam.Grant {
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
    ]);
  }

  /** Sign users in from a server: `AdminInitiateAuth` and `AdminRespondToAuthChallenge`. */
  public grantAdminAuthentication(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, ['AdminInitiateAuth', 'AdminRespondToAuthChallenge']);
  }

  /** Read users, their groups and their sign-in options, and list users. */
  public grantUserReads(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, [
      'AdminGetUser',
      'AdminListGroupsForUser',
      'AdminGetUserAuthFactors',
      'ListUsers',
      'ListUsersInGroup',
    ]);
  }

  /** Add users to groups and remove them from groups. */
  public grantGroupMembership(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, ['AdminAddUserToGroup', 'AdminRemoveUserFromGroup']);
  }

  /** Create, update and delete groups (for apps that manage groups at runtime). */
  public grantGroupManagement(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, ['CreateGroup', 'UpdateGroup', 'DeleteGroup']);
  }

  /** Read and list groups. */
  public grantGroupReads(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, ['GetGroup', 'ListGroups']);
  }

  /** Read, list, update the remembered status of and forget users' devices, as an administrator. */
  public grantDeviceManagement(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, [
      'AdminGetDevice',
      'AdminListDevices',
      'AdminUpdateDeviceStatus',
      'AdminForgetDevice',
    ]);
  }

  /** Read users' sign-in history with its risk evaluation, and give feedback on an event. */
  public grantAuthEvents(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, ['AdminListUserAuthEvents', 'AdminUpdateAuthEventFeedback']);
  }

  /** Create, start, stop, describe and list user import jobs, and read the CSV header. */
  public grantUserImport(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, [
      'GetCSVHeader',
      'CreateUserImportJob',
      'StartUserImportJob',
      'StopUserImportJob',
      'DescribeUserImportJob',
      'ListUserImportJobs',
    ]);
  }

  /** Sign users out everywhere, list their sessions and revoke one, as an administrator. */
  public grantSessionManagement(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, [
      'AdminUserGlobalSignOut',
      'AdminListUserSessions',
      'AdminRevokeUserSession',
    ]);
  }

  /** Set users' MFA preferences and delete their TOTP authenticator, as an administrator. */
  public grantMfaAdministration(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, ['AdminSetUserMFAPreference', 'AdminDeleteSoftwareToken']);
  }

  /** Link a federated identity to a user and unlink it. */
  public grantIdentityLinking(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, ['AdminLinkProviderForUser', 'AdminDisableProviderForUser']);
  }

  /**
   * Add, list and delete app client secrets, and read app clients, for a secret-rotation
   * function. `DescribeUserPoolClient` returns the client secret.
   */
  public grantClientSecretRotation(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, [
      'DescribeUserPoolClient',
      'AddUserPoolClientSecret',
      'ListUserPoolClientSecrets',
      'DeleteUserPoolClientSecret',
    ]);
  }

  /**
   * Read and list app clients. `DescribeUserPoolClient` returns the client secret of a
   * confidential client: grant it only to what may know the secrets.
   */
  public grantClientReads(grantee: iam.IGrantable): iam.Grant {
    return this.grantActions(grantee, ['DescribeUserPoolClient', 'ListUserPoolClients']);
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
  public grantConfigurationReads(grantee: iam.IGrantable): iam.Grant {
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
    ]).combine(domainReads);
  }

  private grantActions(grantee: iam.IGrantable, operations: string[]): iam.Grant {
    return this.userPool.grant(grantee, ...operations.map(op => `cognito-idp:${op}`));
  }
}
