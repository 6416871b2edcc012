import { CfnOutput, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct, IConstruct } from 'constructs';
import { applyPropertyInjectors } from '../private/property-injection';
import { cfnUserPoolOf } from '../private/pool-facts';
import { AN_IUSER_POOL, AN_IUSER_POOL_CLIENT, checkEnumMember, requireProps } from '../private/runtime-types';
import { checkOneOf, checkPattern, fail, isUnresolved } from '../private/validation';

/** The password policy a frontend checks new passwords against before it sends them. */
export interface AmplifyPasswordPolicy {
  /** The minimum length. */
  readonly minLength: number;
  /** Whether a digit is required. */
  readonly requireNumbers: boolean;
  /** Whether a lower-case letter is required. */
  readonly requireLowercase: boolean;
  /** Whether an upper-case letter is required. */
  readonly requireUppercase: boolean;
  /** Whether a symbol is required. */
  readonly requireSymbols: boolean;
}

/** The MFA setting as Amplify writes it. */
export enum AmplifyMfaConfiguration {
  /** No MFA (`mfa: Mfa.OFF`). */
  NONE = 'NONE',
  /** Users choose (`mfa: Mfa.OPTIONAL`). */
  OPTIONAL = 'OPTIONAL',
  /** Every user (`mfa: Mfa.REQUIRED`). */
  REQUIRED = 'REQUIRED',
}

/**
 * Facts about the pool that the construct reads from a pool defined in this app (this
 * library's `UserPool` or aws-cdk-lib's) and that must be given for a pool imported by id.
 * A fact given here wins over the one read from the pool.
 */
export interface AmplifyAuthFacts {
  /**
   * What users sign in with: `email`, `phone_number`, `username`.
   *
   * @default - from the pool's `UsernameAttributes` (`username` when it has none); left out for an imported pool
   */
  readonly usernameAttributes?: string[];

  /**
   * The standard attributes required at sign-up (`email`, `given_name`, ...).
   *
   * @default - the pool's required standard attributes; left out for an imported pool
   */
  readonly standardRequiredAttributes?: string[];

  /**
   * The attributes verified at sign-up: `email`, `phone_number`.
   *
   * @default - the pool's `AutoVerifiedAttributes`; left out for an imported pool
   */
  readonly userVerificationTypes?: string[];

  /**
   * The password policy.
   *
   * @default - the pool's (Cognito's default when it has none); left out for an imported pool
   * and for a policy that leaves a character class out
   */
  readonly passwordPolicy?: AmplifyPasswordPolicy;

  /**
   * The MFA setting.
   *
   * @default - the pool's; left out for an imported pool
   */
  readonly mfaConfiguration?: AmplifyMfaConfiguration;

  /**
   * The MFA methods: `SMS`, `TOTP`, `EMAIL`.
   *
   * @default - the pool's `EnabledMfas`; left out for an imported pool
   */
  readonly mfaMethods?: string[];

  /**
   * The groups, by name, with their precedence.
   *
   * @default - the pool's groups defined in this app (`UserPoolGroup` or `CfnUserPoolGroup`)
   */
  readonly groups?: { [name: string]: number };

  /**
   * The OAuth scopes the frontend asks for.
   *
   * @default - the client's `AllowedOAuthScopes`
   */
  readonly oauthScopes?: string[];

  /**
   * The URLs to return to after sign-in with the hosted UI or managed login.
   *
   * @default - the client's callback URLs
   */
  readonly redirectSignInUris?: string[];

  /**
   * The URLs to return to after sign-out.
   *
   * @default - the client's sign-out URLs
   */
  readonly redirectSignOutUris?: string[];
}

/** Properties of `AmplifyOutputs`. */
export interface AmplifyOutputsProps {
  /** The user pool. */
  readonly userPool: cognito.IUserPool;

  /** The app client the frontend signs in with (a public client, without a secret). */
  readonly userPoolClient: cognito.IUserPoolClient;

  /**
   * The domain of the hosted UI or managed login, for the `oauth` section (sign-in with
   * redirect and social providers).
   *
   * @default - no `oauth` section
   */
  readonly domain?: cognito.UserPoolDomain;

  /**
   * The base URL of the domain (`https://<host>`), for the `oauth` section when the domain is
   * not defined in this app, e.g. `SharedUserPool.domainBaseUrl` (a deploy-time value, whose
   * host CloudFormation cuts out). Not together with `domain`.
   *
   * @default - no `oauth` section unless `domain` is given
   */
  readonly domainBaseUrl?: string;

  /**
   * The identity pool id, for frontends that get AWS credentials.
   *
   * @default - none
   */
  readonly identityPoolId?: string;

  /**
   * Whether the identity pool gives credentials to guests.
   *
   * @default - left out
   */
  readonly unauthenticatedIdentitiesEnabled?: boolean;

  /**
   * Facts about the pool, for pools imported by id or to override what is read from the pool.
   *
   * @default - what is read from the pool and the client
   */
  readonly facts?: AmplifyAuthFacts;

  /**
   * The name of the SSM parameter that holds the JSON (a String parameter, Standard tier: at
   * most 4 KB).
   *
   * @default - a parameter named by CloudFormation; its name is the `<outputPrefix>Parameter` output
   */
  readonly parameterName?: string;

  /**
   * Whether to write the SSM parameter.
   *
   * @default true
   */
  readonly writeParameter?: boolean;

  /**
   * A bucket to write the JSON to, as an object, with aws-cdk-lib's `BucketDeployment` (a
   * Lambda function that copies it at deploy time).
   *
   * @default - no object
   */
  readonly bucket?: s3.IBucket;

  /**
   * The key of the object in `bucket`.
   *
   * @default 'amplify_outputs.json'
   */
  readonly objectKey?: string;

  /**
   * The prefix of the stack outputs' names (letters and digits): `<prefix>` holds the whole
   * JSON, `<prefix>Parameter` the SSM parameter's name.
   *
   * @default - the construct's id without characters other than letters and digits
   */
  readonly outputPrefix?: string;
}

const VERSION = '1.4';
const PROVIDERS: Record<string, string> = {
  Google: 'GOOGLE',
  Facebook: 'FACEBOOK',
  LoginWithAmazon: 'LOGIN_WITH_AMAZON',
  SignInWithApple: 'SIGN_IN_WITH_APPLE',
};
const MFA: Record<string, AmplifyMfaConfiguration> = {
  OFF: AmplifyMfaConfiguration.NONE,
  OPTIONAL: AmplifyMfaConfiguration.OPTIONAL,
  ON: AmplifyMfaConfiguration.REQUIRED,
};
const MFA_METHODS: Record<string, string> = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'TOTP', EMAIL_OTP: 'EMAIL' };
const STANDARD_ATTRIBUTES = new Set(['address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale',
  'middle_name', 'name', 'nickname', 'phone_number', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at',
  'website', 'zoneinfo']);

/**
 * The configuration a frontend needs to sign users in with the pool, in the shape of the
 * `auth` section of Amplify's `amplify_outputs.json` (schema version 1.4), which Amplify's
 * client libraries read with `Amplify.configure(outputs)`.
 *
 * It is a deploy-time artifact: the ids, Region and domain are CloudFormation values, filled
 * in when the stack deploys, so a pool replaced by a redeployment never leaves a frontend with
 * stale ids. It is written to an SSM parameter (by default), to an S3 object (with `bucket`),
 * and to a stack output that `cdk deploy --outputs-file outputs.json` captures.
 *
 * Facts CloudFormation cannot tell the frontend (username attributes, password policy, MFA,
 * groups, OAuth settings) are read from the pool and the client when they are defined in this
 * app, this library's or aws-cdk-lib's classes alike, when the app is synthesized.
 */
export class AmplifyOutputs extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.AmplifyOutputs';

  /** The whole `amplify_outputs.json` document, as a JSON string CloudFormation completes. */
  public readonly json: string;

  /** The SSM parameter holding the JSON, if written. */
  public readonly parameter?: ssm.StringParameter;

  /** The name of the stack output holding the JSON. */
  public readonly outputName: string;

  constructor(scope: Construct, id: string, props: AmplifyOutputsProps) {
    props = applyPropertyInjectors(scope, id, props, AmplifyOutputs.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, userPoolClient: AN_IUSER_POOL_CLIENT });
    checkEnumMember(this, 'facts.mfaConfiguration', props.facts?.mfaConfiguration, AmplifyMfaConfiguration, 'AmplifyMfaConfiguration');
    const prefix = props.outputPrefix ?? id.replace(/[^A-Za-z0-9]/g, '');
    checkPattern(this, 'outputPrefix', prefix, /^[A-Za-z][A-Za-z0-9]{0,200}$/, 'letters and digits, starting with a letter');
    if (props.writeParameter === false && props.parameterName !== undefined) {
      fail(this, 'parameterName', props.parameterName, 'no name when writeParameter is false');
    }
    checkPattern(this, 'parameterName', props.parameterName, /^[a-zA-Z0-9_.\-/]{1,2048}$/, 'letters, digits and _.-/');
    checkPattern(this, 'objectKey', props.objectKey, /^.{1,1024}$/, '1 to 1024 characters');
    if (props.objectKey !== undefined && !props.bucket) fail(this, 'objectKey', props.objectKey, 'a key only together with bucket');
    checkFacts(this, props.facts);
    if (props.domain && props.domainBaseUrl !== undefined) {
      fail(this, 'domainBaseUrl', props.domainBaseUrl, 'a base URL only without domain (the domain gives its own)');
    }
    checkPattern(this, 'domainBaseUrl', props.domainBaseUrl, /^https:\/\/[^/]+\/?$/, 'https://<host>');
    const cfnClient = props.userPoolClient.node.defaultChild;
    if (cfnClient instanceof cognito.CfnUserPoolClient && cfnClient.generateSecret === true) {
      fail(this, 'userPoolClient', props.userPoolClient.node.path, 'a public client (no generateSecret): a frontend cannot keep a client secret');
    }

    const stack = Stack.of(this);
    this.json = Lazy.string({ produce: () => stack.toJsonString(this.document(props)) });
    this.outputName = prefix;

    if (props.writeParameter ?? true) {
      this.parameter = new ssm.StringParameter(this, 'Parameter', {
        parameterName: props.parameterName,
        stringValue: this.json,
        description: 'amplify_outputs.json for a frontend of this user pool',
        tier: ssm.ParameterTier.STANDARD,
      });
      new CfnOutput(this, 'ParameterOutput', {
        value: this.parameter.parameterName,
        description: 'The SSM parameter that holds amplify_outputs.json',
      }).overrideLogicalId(`${prefix}Parameter`);
    }
    if (props.bucket) {
      new s3deploy.BucketDeployment(this, 'Object', {
        destinationBucket: props.bucket,
        sources: [s3deploy.Source.data(props.objectKey ?? 'amplify_outputs.json', this.json)],
        prune: false,
        extract: true,
      });
    }
    new CfnOutput(this, 'JsonOutput', {
      value: this.json,
      description: 'amplify_outputs.json',
    }).overrideLogicalId(prefix);
  }

  /** The document, with CloudFormation values as tokens. */
  private document(props: AmplifyOutputsProps): Record<string, unknown> {
    const facts = props.facts ?? {};
    const pool = readPool(props.userPool);
    const client = readClient(props.userPoolClient);
    const auth: Record<string, unknown> = {
      aws_region: props.userPool.env.region,
      user_pool_id: props.userPool.userPoolId,
      user_pool_client_id: props.userPoolClient.userPoolClientId,
      identity_pool_id: props.identityPoolId,
      password_policy: facts.passwordPolicy ? passwordPolicyJson(facts.passwordPolicy) : pool?.passwordPolicy,
      oauth: props.domain || props.domainBaseUrl !== undefined
        ? this.oauth(props.domain?.baseUrl() ?? props.domainBaseUrl!, client, facts)
        : undefined,
      username_attributes: facts.usernameAttributes ?? pool?.usernameAttributes,
      standard_required_attributes: facts.standardRequiredAttributes ?? pool?.standardRequiredAttributes,
      user_verification_types: facts.userVerificationTypes ?? pool?.userVerificationTypes,
      unauthenticated_identities_enabled: props.unauthenticatedIdentitiesEnabled,
      mfa_configuration: facts.mfaConfiguration ?? pool?.mfaConfiguration,
      mfa_methods: facts.mfaMethods ?? pool?.mfaMethods,
      groups: facts.groups
        ? Object.entries(facts.groups).map(([name, precedence]) => ({ [name]: { precedence } }))
        : groupsOf(props.userPool),
    };
    return { version: VERSION, auth: withoutUndefined(auth) };
  }

  private oauth(baseUrl: string, client: ClientFacts | undefined, facts: AmplifyAuthFacts): Record<string, unknown> {
    const signIn = facts.redirectSignInUris ?? client?.callbackUrls;
    const signOut = facts.redirectSignOutUris ?? client?.logoutUrls;
    for (const [property, urls] of [['callbackUrls', signIn], ['logoutUrls', signOut]] as const) {
      if (urls !== undefined && !Token.isUnresolved(urls) && urls.length === 0) {
        fail(this, `userPoolClient.oAuth.${property}`, urls, 'at least one URL: Amplify\'s oauth section needs a redirect URL for sign-in and for sign-out (or give facts.redirectSignInUris / redirectSignOutUris)');
      }
      if (urls === undefined) {
        fail(this, `facts.${property === 'callbackUrls' ? 'redirectSignInUris' : 'redirectSignOutUris'}`, urls,
          'the redirect URLs of a client that is not defined in this app');
      }
    }
    return {
      identity_providers: client?.identityProviders ?? [],
      domain: hostOf(baseUrl),
      scopes: facts.oauthScopes ?? client?.scopes ?? [],
      redirect_sign_in_uri: signIn,
      redirect_sign_out_uri: signOut,
      response_type: client?.responseType ?? 'code',
    };
  }
}

interface PoolFacts {
  readonly usernameAttributes?: string[];
  readonly standardRequiredAttributes?: string[];
  readonly userVerificationTypes?: string[];
  readonly passwordPolicy?: Record<string, unknown>;
  readonly mfaConfiguration?: string;
  readonly mfaMethods?: string[];
}

/** A value resolved at synth, or undefined when it is (or holds) a CloudFormation value. */
function known<T>(scope: IConstruct, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  const resolved = Stack.of(scope).resolve(value);
  return resolved === undefined || containsIntrinsic(resolved) ? undefined : resolved as T;
}

function containsIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsIntrinsic);
  if (value && typeof value === 'object') {
    return Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::')) || Object.values(value).some(containsIntrinsic);
  }
  return false;
}

function readPool(pool: cognito.IUserPool): PoolFacts | undefined {
  const cfn = cfnUserPoolOf(pool);
  if (!cfn) return undefined;
  const usernameAttributes = known<string[]>(cfn, cfn.usernameAttributes);
  const schema = known<Array<{ name?: string; required?: boolean }>>(cfn, cfn.schema);
  const verified = known<string[]>(cfn, cfn.autoVerifiedAttributes);
  const policies = known<{ passwordPolicy?: cognito.CfnUserPool.PasswordPolicyProperty }>(cfn, cfn.policies);
  const mfa = known<string>(cfn, cfn.mfaConfiguration);
  const enabled = known<string[]>(cfn, cfn.enabledMfas);
  return {
    usernameAttributes: usernameAttributes?.length ? usernameAttributes : ['username'],
    standardRequiredAttributes: (schema ?? []).filter((a) => a.required && a.name && STANDARD_ATTRIBUTES.has(a.name)).map((a) => a.name!),
    userVerificationTypes: verified ?? [],
    passwordPolicy: cfnPasswordPolicy(policies?.passwordPolicy, policies !== undefined),
    mfaConfiguration: MFA[mfa ?? 'OFF'],
    mfaMethods: (mfa ?? 'OFF') === 'OFF' ? undefined : (enabled ?? []).map((m) => MFA_METHODS[m]).filter((m) => m !== undefined),
  };
}

/**
 * Cognito's default policy when the pool has none is 8 characters with every class required.
 * A policy that leaves a character class out is not written (Amplify needs all five fields, and
 * the construct does not guess); give it as `facts.passwordPolicy`.
 */
function cfnPasswordPolicy(policy: cognito.CfnUserPool.PasswordPolicyProperty | undefined, hasPolicies: boolean): Record<string, unknown> | undefined {
  if (!hasPolicies || !policy) return passwordPolicyJson({ minLength: 8, requireNumbers: true, requireLowercase: true, requireUppercase: true, requireSymbols: true });
  const classes = [policy.requireNumbers, policy.requireLowercase, policy.requireUppercase, policy.requireSymbols];
  if (classes.some((c) => typeof c !== 'boolean')) return undefined;
  return passwordPolicyJson({
    minLength: policy.minimumLength ?? 8,
    requireNumbers: policy.requireNumbers as boolean,
    requireLowercase: policy.requireLowercase as boolean,
    requireUppercase: policy.requireUppercase as boolean,
    requireSymbols: policy.requireSymbols as boolean,
  });
}

function passwordPolicyJson(p: AmplifyPasswordPolicy): Record<string, unknown> {
  return {
    min_length: p.minLength,
    require_numbers: p.requireNumbers,
    require_lowercase: p.requireLowercase,
    require_uppercase: p.requireUppercase,
    require_symbols: p.requireSymbols,
  };
}

interface ClientFacts {
  readonly callbackUrls?: string[];
  readonly logoutUrls?: string[];
  readonly scopes?: string[];
  readonly identityProviders?: string[];
  readonly responseType?: string;
}

function readClient(client: cognito.IUserPoolClient): ClientFacts | undefined {
  const cfn = client.node.defaultChild;
  if (!(cfn instanceof cognito.CfnUserPoolClient)) return undefined;
  const flows = known<string[]>(cfn, cfn.allowedOAuthFlows) ?? [];
  const providers = known<string[]>(cfn, cfn.supportedIdentityProviders) ?? [];
  return {
    callbackUrls: known<string[]>(cfn, cfn.callbackUrLs) ?? (isUnresolved(cfn.callbackUrLs) ? undefined : []),
    logoutUrls: known<string[]>(cfn, cfn.logoutUrLs) ?? (isUnresolved(cfn.logoutUrLs) ? undefined : []),
    // Scopes may hold tokens (a resource server's identifier read at deploy time): the JSON keeps them.
    scopes: Array.isArray(cfn.allowedOAuthScopes) && !Token.isUnresolved(cfn.allowedOAuthScopes) ? cfn.allowedOAuthScopes : [],
    identityProviders: providers.map((p) => PROVIDERS[p]).filter((p) => p !== undefined),
    responseType: flows.includes('code') || !flows.includes('implicit') ? 'code' : 'token',
  };
}

/** The pool's groups defined in the app, in the shape Amplify writes them. */
function groupsOf(pool: cognito.IUserPool): Array<Record<string, { precedence?: number }>> | undefined {
  if (!cfnUserPoolOf(pool)) return undefined;
  const stack = Stack.of(pool);
  const poolRef = JSON.stringify(stack.resolve(pool.userPoolId));
  const groups: Array<Record<string, { precedence?: number }>> = [];
  for (const c of pool.node.root.node.findAll()) {
    if (!(c instanceof cognito.CfnUserPoolGroup) || Stack.of(c) !== stack) continue;
    if (JSON.stringify(stack.resolve(c.userPoolId)) !== poolRef) continue;
    const name = known<string>(c, c.groupName);
    if (name === undefined) continue;
    const precedence = known<number>(c, c.precedence);
    groups.push({ [name]: precedence === undefined ? {} : { precedence } });
  }
  return groups.length ? groups : undefined;
}

/**
 * The host of a base URL: cut off at synth when `https://` is literal (a domain defined here,
 * whose name alone is a token), else by CloudFormation (`https:`, '', host).
 */
function hostOf(baseUrl: string): string {
  const literalPrefix = 'https://';
  if (baseUrl.startsWith(literalPrefix)) return baseUrl.slice(literalPrefix.length).replace(/\/$/, '');
  return Fn.select(2, Fn.split('/', baseUrl));
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

const ALLOWED_FACTS: Array<[keyof AmplifyAuthFacts, readonly string[]]> = [
  ['usernameAttributes', ['email', 'phone_number', 'username']],
  ['standardRequiredAttributes', [...STANDARD_ATTRIBUTES]],
  ['userVerificationTypes', ['email', 'phone_number']],
  ['mfaMethods', ['SMS', 'TOTP', 'EMAIL']],
];

function checkFacts(scope: IConstruct, facts: AmplifyAuthFacts | undefined): void {
  for (const [name, allowed] of ALLOWED_FACTS) {
    const values = facts?.[name] as string[] | undefined;
    for (const value of values ?? []) {
      checkOneOf(scope, `facts.${name}`, value, allowed);
    }
  }
}
