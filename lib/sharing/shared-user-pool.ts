import { Arn, ArnFormat, CfnParameter, Resource, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { pendingScope } from '../private/pending-scope';
import { A_STRING, requireProps } from '../private/runtime-types';
import { fail } from '../private/validation';
import { UserPoolClient } from '../user-pool-client';
import { UserPoolDomain } from '../user-pool-domain';
import { UserPoolGroup } from '../user-pool-group';
import { UserPoolResourceServer } from '../user-pool-resource-server';
import { checkAccountId, checkEntryName, checkParameterPrefix, LAYOUT, partitionOf } from './parameter-layout';
import { applyPropertyInjectors } from '../private/property-injection';

/** Where {@link SharedUserPool} reads a pool published by a `UserPoolShare`. */
export interface SharedUserPoolOptions {
  /** The parameter path the producer's `UserPoolShare` writes under, e.g. `/platform/auth/main`. */
  readonly parameterPrefix: string;

  /**
   * The account of the producer. When it differs from this stack's account, the parameters are
   * read by their full ARN (they must be shared with this account through AWS RAM, and be in
   * this stack's Region). A literal 12-digit id.
   *
   * @default - this stack's account: the parameters are read by name
   */
  readonly account?: string;
}

/** A resource server published by a `UserPoolShare`, resolved at deploy time. */
export class SharedResourceServer {
  /** The server's identifier (a deploy-time value). */
  public readonly identifier: string;

  private readonly pool: SharedUserPool;
  private readonly name: string;

  /** @internal */
  constructor(pool: SharedUserPool, name: string) {
    this.pool = pool;
    this.name = name;
    this.identifier = pool._readShared(LAYOUT.resourceServerIdentifier(name));
  }

  /**
   * The scope names the producer published, comma-separated (`-` for none): a deploy-time
   * value, e.g. for a function's environment.
   */
  public get scopeNames(): string {
    return this.pool._readShared(LAYOUT.resourceServerScopes(this.name));
  }

  /**
   * The OAuth scope `<identifier>/<scopeName>` for an app client's `oAuth.scopes` or an API
   * method's `authorizationScopes`. The scope is checked at deploy time: Cognito refuses a
   * client that names a scope the server does not declare.
   */
  public oauthScope(scopeName: string): cognito.OAuthScope {
    return cognito.OAuthScope.custom(`${this.identifier}/${scopeName}`);
  }
}

/**
 * A user pool published by a `UserPoolShare` in another stack, app or account, read from its
 * SSM parameters when this stack deploys (never `Fn::ImportValue`): the producer's and this
 * stack's deployments stay independent. Create it with `UserPool.fromSharedParameters`.
 *
 * It is usable like a pool of this stack: `addClient` (a `UserPoolClient` of this library),
 * `addResourceServer`, `addGroup`, `addDomain`, `grant`, API Gateway's
 * `CognitoUserPoolsAuthorizer`, ALB's `AuthenticateCognitoAction` (with `client(...)` and
 * `domain`). A pool in another account is read-only from here: CloudFormation creates resources
 * in the stack's own account, so clients, servers, groups and grants are refused at synth
 * (declare them in a stack deployed to the pool's account).
 */
export class SharedUserPool extends Resource implements cognito.IUserPool {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.SharedUserPool';

  /** The identity providers registered here (none from the producer). */
  public readonly identityProviders: cognito.IUserPoolIdentityProvider[] = [];
  /** The parameter path the pool is read from. */
  public readonly parameterPrefix: string;
  /** The producer's account, when given. */
  public readonly producerAccount?: string;

  private readonly crossAccount: boolean;
  private readonly clients = new Map<string, cognito.IUserPoolClient>();
  private readonly secrets = new Map<string, secretsmanager.ISecret>();
  private readonly servers = new Map<string, SharedResourceServer>();
  private sharedDomain?: cognito.IUserPoolDomain;

  constructor(scope: Construct, id: string, options: SharedUserPoolOptions) {
    options = applyPropertyInjectors(scope, id, options, SharedUserPool.PROPERTY_INJECTION_ID);
    const pending = pendingScope(scope, id);
    requireProps(pending, options, { parameterPrefix: A_STRING });
    checkParameterPrefix(pending, 'parameterPrefix', options.parameterPrefix);
    const stack = Stack.of(scope);
    if (options.account !== undefined) {
      if (Token.isUnresolved(options.account)) {
        fail(pending, 'account', options.account, 'a literal 12-digit account id (the parameters\' ARNs are CloudFormation parameter defaults, which take no tokens)');
      }
      checkAccountId(pending, 'account', options.account);
    }
    const crossAccount = options.account !== undefined && options.account !== stack.account;
    if (crossAccount && Token.isUnresolved(stack.region)) {
      fail(pending, 'account', options.account, 'another account only in a stack with a literal Region (env.region): shared parameters are read by ARN in the stack\'s Region');
    }
    super(scope, id, crossAccount ? { account: options.account, region: stack.region } : {});
    this.parameterPrefix = options.parameterPrefix;
    this.producerAccount = options.account;
    this.crossAccount = crossAccount;
  }

  // Each value becomes a CloudFormation parameter of the stack the first time it is used, so a
  // template holds only the parameters it references (200 at most per template).

  /** The pool id (a deploy-time value). */
  public get userPoolId(): string {
    return this.read(LAYOUT.userPoolId);
  }

  /** The pool ARN (a deploy-time value). */
  public get userPoolArn(): string {
    return this.read(LAYOUT.userPoolArn);
  }

  /** The provider name, `cognito-idp.<region>.amazonaws.com/<poolId>` (a deploy-time value). */
  public get userPoolProviderName(): string {
    return this.read(LAYOUT.providerName);
  }

  /** The provider URL, the tokens' issuer (a deploy-time value). */
  public get userPoolProviderUrl(): string {
    return this.read(LAYOUT.providerUrl);
  }

  /** A reference to the pool, for aws-cdk-lib's `IUserPoolRef`. */
  public get userPoolRef(): cognito.UserPoolReference {
    // Read on access: a client reads only the id, and the ARN's parameter is then not created.
    return Object.defineProperties({}, {
      userPoolId: { get: () => this.userPoolId, enumerable: true },
      userPoolArn: { get: () => this.userPoolArn, enumerable: true },
    }) as cognito.UserPoolReference;
  }

  /** Whether the pool is in another account than this stack (read by ARN, read-only here). */
  public get isCrossAccount(): boolean {
    return this.crossAccount;
  }

  /**
   * The pool's domain, as the producer shared it (`<prefix>/domain/name`): for ALB
   * authenticate actions and `signInUrl`-style URLs. The deployment fails if none was shared.
   */
  public get domain(): cognito.IUserPoolDomain {
    this.sharedDomain ??= cognito.UserPoolDomain.fromDomainName(this, 'Domain', this.read(LAYOUT.domainName));
    return this.sharedDomain;
  }

  /** The base URL of the pool's domain (`https://...`, a deploy-time value). */
  public get domainBaseUrl(): string {
    return this.read(LAYOUT.domainBaseUrl);
  }

  /**
   * An app client the producer shared under `name` (its id, a deploy-time value), e.g. for an
   * ALB authenticate action. The deployment fails if no client was shared under that name.
   */
  public client(name: string): cognito.IUserPoolClient {
    checkEntryName(this, 'client', name);
    let client = this.clients.get(name);
    if (!client) {
      client = cognito.UserPoolClient.fromUserPoolClientId(this, `Client.${name}`, this.read(LAYOUT.clientId(name)));
      this.clients.set(name, client);
    }
    return client;
  }

  /**
   * The Secrets Manager secret that holds the secret of the client shared under `name` (JSON
   * `clientId`, `clientSecret`, `tokenEndpoint`), e.g. to `grantRead` a function. Across
   * accounts the producer's `shareWith` allows this account in the secret's resource policy and
   * key policy; the reading role also needs `kms:Decrypt` on that key.
   */
  public clientSecret(name: string): secretsmanager.ISecret {
    checkEntryName(this, 'clientSecret', name);
    let secret = this.secrets.get(name);
    if (!secret) {
      secret = secretsmanager.Secret.fromSecretCompleteArn(this, `ClientSecret.${name}`, this.read(LAYOUT.clientSecretArn(name)));
      this.secrets.set(name, secret);
    }
    return secret;
  }

  /** A resource server the producer shared under `name`: its identifier and OAuth scopes. */
  public resourceServer(name: string): SharedResourceServer {
    checkEntryName(this, 'resourceServer', name);
    let server = this.servers.get(name);
    if (!server) {
      server = new SharedResourceServer(this, name);
      this.servers.set(name, server);
    }
    return server;
  }

  /**
   * Adds an app client to the shared pool: a `UserPoolClient` of this library (secure defaults),
   * typed as aws-cdk-lib's for `IUserPool`.
   */
  public addClient(id: string, options: cognito.UserPoolClientOptions = {}): cognito.UserPoolClient {
    this.refuseCrossAccount('addClient', id);
    return new UserPoolClient(this, id, { ...options, userPool: this });
  }

  /** Adds a domain to the shared pool (a pool has at most one prefix and one custom domain). */
  public addDomain(id: string, options: cognito.UserPoolDomainOptions): cognito.UserPoolDomain {
    this.refuseCrossAccount('addDomain', id);
    return new UserPoolDomain(this, id, { ...options, userPool: this });
  }

  /**
   * Adds a resource server to the shared pool: this library's `UserPoolResourceServer`
   * (validated at synth), typed as aws-cdk-lib's for `IUserPool`.
   */
  public addResourceServer(id: string, options: cognito.UserPoolResourceServerOptions): cognito.UserPoolResourceServer {
    this.refuseCrossAccount('addResourceServer', id);
    return new UserPoolResourceServer(this, id, { ...options, userPool: this });
  }

  /** Adds a group to the shared pool. */
  public addGroup(id: string, options: cognito.UserPoolGroupOptions): cognito.UserPoolGroup {
    this.refuseCrossAccount('addGroup', id);
    return new UserPoolGroup(this, id, { ...options, userPool: this });
  }

  /** Records an identity provider (created elsewhere) as one of this pool's. */
  public registerIdentityProvider(provider: cognito.IUserPoolIdentityProviderRef): void {
    this.identityProviders.push(provider as cognito.IUserPoolIdentityProvider);
  }

  /** Grants `cognito-idp` actions on the shared pool to a principal of this account. */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    this.refuseCrossAccount('grant', actions.join(', '));
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.userPoolArn] });
  }

  private refuseCrossAccount(method: string, value: string): void {
    if (!this.crossAccount) return;
    fail(this, method, value, `nothing that writes to or calls the pool from this account: the pool is in account ${this.producerAccount} and Cognito has no resource policy, so CloudFormation and IAM in account ${Stack.of(this).account} cannot create clients, servers, domains or groups in it nor grant its API; declare them in a stack deployed to account ${this.producerAccount}`);
  }

  /** @internal */
  public _readShared(relativeName: string): string {
    return this.read(relativeName);
  }

  /** A CloudFormation parameter of type `AWS::SSM::Parameter::Value<String>`: resolved at deploy. */
  private read(relativeName: string): string {
    const name = `${this.parameterPrefix}/${relativeName}`;
    if (!this.crossAccount) return ssm.StringParameter.valueForStringParameter(this, name);
    const stack = Stack.of(this);
    const arn = Arn.format({
      partition: Token.isUnresolved(stack.partition) ? partitionOf(stack.region) : stack.partition,
      service: 'ssm', region: stack.region, account: this.producerAccount!, resource: 'parameter',
      resourceName: name.slice(1), arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const id = `SharedSsmParameter:${arn}`;
    const existing = stack.node.tryFindChild(id) as CfnParameter | undefined;
    const parameter = existing ?? new CfnParameter(stack, id, { type: 'AWS::SSM::Parameter::Value<String>', default: arn });
    return parameter.valueAsString;
  }
}
