import { Lazy, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { pendingScope } from '../private/pending-scope';
import { A_STRING, AN_IUSER_POOL, checkEnumMember, requireProps } from '../private/runtime-types';
import { certainlyDifferentPools, describePool, poolIdOfClient } from '../private/same-pool';
import { fail } from '../private/validation';
import { UserPoolResourceServer } from '../user-pool-resource-server';
import { checkAccountId, checkArnLength, checkEntryName, checkParameterPrefix, LAYOUT } from './parameter-layout';
import { applyPropertyInjectors } from '../private/property-injection';

/** An app client published by a {@link UserPoolShare}. */
export interface SharedClientOptions {
  /**
   * The name consumers know the client by: one level of a parameter path (`a-zA-Z0-9_.-`).
   * Its id is written to `<prefix>/clients/<name>/id`.
   */
  readonly name: string;

  /** The app client. Only its id is shared, never its secret. */
  readonly client: cognito.IUserPoolClient;

  /**
   * The Secrets Manager secret that holds the client's secret (e.g. `UserPoolClient`'s
   * `exportedSecret`). Its ARN is written to `<prefix>/clients/<name>/secret-arn`, and every
   * account the share names is allowed to read it in the secret's resource policy (and, for a
   * key of this app, in the key policy of the secret's customer-managed key).
   *
   * @default - no secret is shared
   */
  readonly secret?: secretsmanager.ISecret;
}

/** A resource server published by a {@link UserPoolShare}. */
export interface SharedResourceServerOptions {
  /**
   * The name consumers know the server by: one level of a parameter path (`a-zA-Z0-9_.-`).
   * Its identifier and scope names go to `<prefix>/resource-servers/<name>/identifier` and
   * `.../scopes` (comma-separated).
   */
  readonly name: string;

  /** The resource server (this library's, which knows its scopes). */
  readonly resourceServer: UserPoolResourceServer;
}

/** Options of a {@link UserPoolShare} (for `pool.share(id, options)`). */
export interface UserPoolShareOptions {
  /**
   * The SSM parameter path under which everything is written, e.g. `/platform/auth/main`:
   * starts with `/`, levels of `a-zA-Z0-9_.-`, not starting with `aws` or `ssm`, at most 12
   * levels (the shared names add 3 of Systems Manager's 15).
   */
  readonly parameterPrefix: string;

  /**
   * The pool's domain: its name (`<prefix>/domain/name`, what an ALB authenticate action
   * needs) and base URL (`<prefix>/domain/base-url`) are shared.
   *
   * @default - no domain is shared
   */
  readonly domain?: cognito.UserPoolDomain;

  /**
   * App clients whose ids are shared (and, optionally, their secrets' ARNs).
   *
   * @default - none; add them with `addClient`
   */
  readonly clients?: SharedClientOptions[];

  /**
   * Resource servers whose identifiers and scope names are shared.
   *
   * @default - none; add them with `addResourceServer`
   */
  readonly resourceServers?: SharedResourceServerOptions[];

  /**
   * AWS accounts that may read the parameters. The parameters are then of the advanced tier
   * and shared with these accounts through an AWS RAM resource share (read-only), and the
   * shared client secrets' resource policies allow these accounts to read them. Consumers in
   * these accounts read the parameters by ARN, in the same Region.
   *
   * @default - no other account; add one with `grantRead`
   */
  readonly shareWith?: string[];

  /**
   * Whether the resource share may name accounts outside your AWS Organization. Such an account
   * must accept the share's invitation in AWS RAM before it can read the parameters; inside
   * the organization (with sharing enabled in AWS RAM) no invitation is needed.
   *
   * @default false
   */
  readonly allowExternalPrincipals?: boolean;

  /**
   * The parameters' tier. Sharing with other accounts needs `ADVANCED` (charged per parameter
   * and month). Systems Manager cannot turn an advanced parameter back into a standard one: when
   * a share stops naming accounts, keep `ADVANCED` here.
   *
   * @default - `ADVANCED` when the share names other accounts, `STANDARD` otherwise
   */
  readonly tier?: ssm.ParameterTier;
}

/** Properties of a {@link UserPoolShare}. */
export interface UserPoolShareProps extends UserPoolShareOptions {
  /** The user pool to publish. */
  readonly userPool: cognito.IUserPool;
}

/**
 * Publishes what consumers of a user pool need into SSM parameters under one prefix: the pool's
 * id, ARN, provider name and URL, its domain and base URL, the ids of chosen app clients (a
 * client secret only as the ARN of its Secrets Manager secret), and resource servers with their
 * scopes. Plain `AWS::SSM::Parameter` resources, no Lambda.
 *
 * Consumers read them with `UserPool.fromSharedParameters`, resolved at deploy time: the
 * producer and consumer stacks deploy independently, with no `Fn::ImportValue` between them.
 * Other accounts are named with `shareWith` or `grantRead`: the parameters then become
 * advanced-tier parameters shared through an AWS RAM resource share.
 *
 * @resource AWS::SSM::Parameter
 */
export class UserPoolShare extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolShare';

  /** The parameter path everything is written under. */
  public readonly parameterPrefix: string;

  /** The parameters written, by their name relative to the prefix (e.g. `user-pool/id`). */
  private readonly parameters = new Map<string, ssm.StringParameter>();
  private readonly accounts: string[] = [];
  private readonly secrets: secretsmanager.ISecret[] = [];
  private readonly names = new Set<string>();
  private readonly tier: ssm.ParameterTier;
  private readonly userPool: cognito.IUserPool;
  private resourceShare?: ram.CfnResourceShare;
  private readonly allowExternalPrincipals: boolean;

  constructor(scope: Construct, id: string, props: UserPoolShareProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolShare.PROPERTY_INJECTION_ID);
    const pending = pendingScope(scope, id);
    requireProps(pending, props, { userPool: AN_IUSER_POOL, parameterPrefix: A_STRING });
    checkEnumMember(pending, 'tier', props.tier, ssm.ParameterTier, 'ParameterTier');
    checkParameterPrefix(pending, 'parameterPrefix', props.parameterPrefix);
    const sharing = (props.shareWith ?? []).length > 0;
    if (sharing && props.tier !== undefined && props.tier !== ssm.ParameterTier.ADVANCED) {
      fail(pending, 'tier', props.tier, 'ParameterTier.ADVANCED when shareWith names accounts (only advanced parameters can be shared through AWS RAM)');
    }
    super(scope, id);
    checkArnLength(this, 'parameterPrefix', props.parameterPrefix, '');
    this.parameterPrefix = props.parameterPrefix;
    this.userPool = props.userPool;
    this.allowExternalPrincipals = props.allowExternalPrincipals ?? false;
    this.tier = props.tier ?? (sharing ? ssm.ParameterTier.ADVANCED : ssm.ParameterTier.STANDARD);

    const pool = props.userPool;
    this.write(LAYOUT.userPoolId, pool.userPoolId, 'The user pool id');
    this.write(LAYOUT.userPoolArn, pool.userPoolArn, 'The user pool ARN');
    this.write(LAYOUT.providerName, pool.userPoolProviderName, 'The user pool provider name (token issuer without https://)');
    this.write(LAYOUT.providerUrl, providerUrl(pool), 'The user pool provider URL (token issuer)');
    if (props.domain) this.shareDomain(props.domain);
    for (const client of props.clients ?? []) this.addClient(client);
    for (const server of props.resourceServers ?? []) this.addResourceServer(server);
    for (const account of props.shareWith ?? []) this.grantRead(account);
  }

  /** The full name of a shared value, e.g. `parameterName('user-pool/id')`. */
  public parameterName(relativeName: string): string {
    return `${this.parameterPrefix}/${relativeName}`;
  }

  /** The SSM parameter that holds a shared value, by its name relative to the prefix. */
  public parameter(relativeName: string): ssm.IStringParameter {
    const parameter = this.parameters.get(relativeName);
    if (!parameter) {
      fail(this, 'parameter', relativeName, `one of ${[...this.parameters.keys()].join(', ')}`);
    }
    return parameter;
  }

  /** Shares an app client's id (and, optionally, the ARN of the secret that holds its secret). */
  public addClient(options: SharedClientOptions): void {
    checkEntryName(this, 'clients.name', options.name);
    checkArnLength(this, 'clients.name', this.parameterPrefix, options.name);
    this.claim('clients.name', `client ${options.name}`, options.name);
    const clientPool = poolIdOfClient(options.client);
    if (certainlyDifferentPools(clientPool, this.userPool.userPoolId)) {
      fail(this, 'clients.client', options.client.node.path,
        `a client of the shared pool ${describePool(this.userPool.userPoolId, 'the shared pool')} (this client belongs to ${describePool(clientPool, 'another pool')})`);
    }
    this.write(LAYOUT.clientId(options.name), options.client.userPoolClientId, `The id of the app client ${options.name}`);
    if (options.secret) {
      this.write(LAYOUT.clientSecretArn(options.name), options.secret.secretArn,
        `The ARN of the Secrets Manager secret with the secret of the app client ${options.name}`);
      this.secrets.push(options.secret);
      for (const account of this.accounts) this.allowSecretRead(options.secret, account);
    }
  }

  /** Shares a resource server's identifier and scope names. */
  public addResourceServer(options: SharedResourceServerOptions): void {
    checkEntryName(this, 'resourceServers.name', options.name);
    checkArnLength(this, 'resourceServers.name', this.parameterPrefix, options.name);
    this.claim('resourceServers.name', `resource server ${options.name}`, options.name);
    const server = options.resourceServer;
    const serverPool = (server.node.defaultChild as cognito.CfnUserPoolResourceServer).userPoolId;
    if (certainlyDifferentPools(serverPool, this.userPool.userPoolId)) {
      fail(this, 'resourceServers.resourceServer', server.node.path,
        `a resource server of the shared pool ${describePool(this.userPool.userPoolId, 'the shared pool')} (this one belongs to ${describePool(serverPool, 'another pool')})`);
    }
    this.write(LAYOUT.resourceServerIdentifier(options.name), server.userPoolResourceServerId,
      `The identifier of the resource server ${options.name}`);
    // Scope names hold no comma (Cognito's pattern), so a comma joins them safely.
    const scopes = server.scopes.map((s) => s.scopeName).join(',');
    this.write(LAYOUT.resourceServerScopes(options.name), scopes === '' ? '-' : scopes,
      `The scope names of the resource server ${options.name}, comma-separated ("-" for none)`);
  }

  /**
   * Lets another AWS account read every parameter of this share (through an AWS RAM resource
   * share of advanced-tier parameters) and every shared client secret (through the secret's
   * resource policy). Consumers in that account read the parameters by ARN, in this Region.
   *
   * @param account the consumer's 12-digit account id
   */
  public grantRead(account: string): void {
    checkAccountId(this, 'shareWith', account);
    if (this.tier !== ssm.ParameterTier.ADVANCED) {
      fail(this, 'shareWith', account, 'an account only on a share whose tier is ParameterTier.ADVANCED (only advanced parameters can be shared through AWS RAM)');
    }
    const own = Stack.of(this).account;
    if (!Token.isUnresolved(account) && !Token.isUnresolved(own) && account === own) {
      fail(this, 'shareWith', account, 'another account than the share\'s own (its own account reads the parameters by name)');
    }
    if (this.accounts.includes(account)) return;
    this.accounts.push(account);
    this.ensureResourceShare();
    for (const secret of this.secrets) this.allowSecretRead(secret, account);
  }

  private shareDomain(domain: cognito.UserPoolDomain): void {
    const domainPool = (domain.node.defaultChild as cognito.CfnUserPoolDomain | undefined)?.userPoolId;
    if (certainlyDifferentPools(domainPool, this.userPool.userPoolId)) {
      fail(this, 'domain', domain.node.path,
        `a domain of the shared pool ${describePool(this.userPool.userPoolId, 'the shared pool')} (this domain serves ${describePool(domainPool, 'another pool')})`);
    }
    this.write(LAYOUT.domainName, domain.domainName, 'The user pool domain (prefix or custom domain name)');
    this.write(LAYOUT.domainBaseUrl, domain.baseUrl(), 'The base URL of the user pool domain');
  }

  private claim(property: string, what: string, name: string): void {
    if (this.names.has(what)) fail(this, property, name, 'a name not already shared by this share');
    this.names.add(what);
  }

  private write(relativeName: string, value: string, description: string): void {
    const parameter = new ssm.StringParameter(this, constructIdOf(relativeName), {
      parameterName: this.parameterName(relativeName),
      stringValue: value,
      description,
      tier: this.tier,
    });
    this.parameters.set(relativeName, parameter);
  }

  private ensureResourceShare(): void {
    if (this.resourceShare) return;
    this.resourceShare = new ram.CfnResourceShare(this, 'ResourceShare', {
      name: `user-pool-share${this.parameterPrefix.replace(/\//g, '-')}`.slice(0, 255),
      allowExternalPrincipals: this.allowExternalPrincipals,
      principals: Lazy.list({ produce: () => this.accounts }),
      resourceArns: Lazy.list({ produce: () => [...this.parameters.values()].map((p) => p.parameterArn) }),
    });
  }

  private allowSecretRead(secret: secretsmanager.ISecret, account: string): void {
    if (!secret.encryptionKey) {
      fail(this, 'clients.secret', secret.node.path,
        'a secret encrypted with a customer-managed KMS key when other accounts read it (the AWS-managed key aws/secretsmanager cannot be used from another account)');
    }
    const principal = new iam.AccountPrincipal(account);
    secret.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: ['*'],
    }));
    secret.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.${Stack.of(this).urlSuffix}` } },
    }));
  }
}

/** The provider URL: a `GetAtt ProviderURL` for a pool of the app, else built from the provider name. */
function providerUrl(pool: cognito.IUserPool): string {
  return pool instanceof cognito.UserPool ? pool.userPoolProviderUrl : `https://${pool.userPoolProviderName}`;
}

/**
 * `clients/web/secret-arn` becomes `clients.web.secret-arn` (construct ids hold no `/`); the
 * fixed last level holds no `.`, so two names never give one id.
 */
function constructIdOf(relativeName: string): string {
  return relativeName.replace(/\//g, '.');
}
