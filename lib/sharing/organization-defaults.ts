import { Duration, InjectionContext, IPropertyInjector, PropertyInjectors, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { UserPool } from '../user-pool';
import { UserPoolClient } from '../user-pool-client';
import { pendingScope } from '../private/pending-scope';
import { checkRange, describeValue, fail, isUnresolved, ValidationError } from '../private/validation';

/**
 * The settings an organisation sets for every user pool and app client of an app.
 *
 * Each setting is a default (injected where a construct does not set it) and, for the
 * security settings, also a floor or a ceiling that a construct's own value may not cross
 * (refused at synth). See each setting for which.
 */
export interface OrganizationDefaultsProps {
  /**
   * The organisation's minimum password policy. Every pool gets it, written out in full
   * (character classes it leaves out are required, as aws-cdk-lib documents). A pool with its
   * own `passwordPolicy` gets the organisation's value for each field it leaves out, and must be
   * at least as strict in every field it sets (`minLength` at least as long, no class the
   * organisation requires turned off, `tempPasswordValidity` at most as long,
   * `passwordHistorySize` at least as large), else it is refused.
   *
   * @default - no organisation policy: each pool keeps its own or the library's default
   */
  readonly passwordPolicy?: cognito.PasswordPolicy;

  /**
   * The organisation's minimum MFA setting (`OFF` < `OPTIONAL` < `REQUIRED`). A pool without
   * `mfa` gets this one; a pool asking for less is refused.
   *
   * @default - no organisation MFA setting
   */
  readonly mfa?: cognito.Mfa;

  /**
   * The second factors offered by a pool that gets the organisation's `mfa` (one without an
   * `mfa` of its own). A pool that sets `mfa` keeps its own choice.
   *
   * @default - TOTP only (`{ otp: true, sms: false }`)
   */
  readonly mfaSecondFactor?: cognito.MfaSecondFactor;

  /**
   * The feature plan of a pool that does not choose one. A pool's own choice wins: the plan is
   * a cost and feature decision of the team that owns the pool.
   *
   * @default - no organisation feature plan
   */
  readonly featurePlan?: cognito.FeaturePlan;

  /**
   * Deletion protection. `true`: every pool has it, and a pool that turns it off is refused.
   * `false`: only the default of a pool that does not say.
   *
   * @default - no organisation setting
   */
  readonly deletionProtection?: boolean;

  /**
   * The longest access token validity (5 minutes to 1 day). A client without one gets this
   * one; a client asking for a longer one is refused, a shorter one is kept.
   *
   * @default - no organisation ceiling
   */
  readonly accessTokenValidity?: Duration;

  /**
   * The longest ID token validity (5 minutes to 1 day), as for `accessTokenValidity`.
   *
   * @default - no organisation ceiling
   */
  readonly idTokenValidity?: Duration;

  /**
   * The longest refresh token validity (60 minutes to 10 years), as for `accessTokenValidity`.
   *
   * @default - no organisation ceiling
   */
  readonly refreshTokenValidity?: Duration;

  /**
   * The domains that clients' callback and sign-out URLs must be in. A URL is in a domain when
   * its host is the domain or a subdomain of it (`app.example.com` is in `example.com`); an
   * entry that ends with `://` (e.g. `myapp://`) allows every URL of that scheme, for mobile
   * apps. A client with a URL outside them is refused at synth; this includes aws-cdk-lib's
   * `https://example.com` placeholder, which a client with OAuth flows and no callback URLs gets.
   *
   * @default - any domain
   */
  readonly allowedCallbackDomains?: string[];

  /**
   * Also inject into aws-cdk-lib's own `UserPool` and `UserPoolClient` (their
   * `PROPERTY_INJECTION_ID`s, which this library's classes apply too), so that a team cannot
   * step around the organisation's settings with `new cognito.UserPool(...)` or
   * `cognitoPool.addClient(...)`. Adding these defaults takes aws-cdk-lib's id slots in the
   * scope, replacing another injector registered there for the same classes.
   *
   * @default true
   */
  readonly includeAwsCdkLibClasses?: boolean;
}

const MFA_RANK: Record<string, number> = { OFF: 0, OPTIONAL: 1, ON: 2 };
const MFA_NAME: Record<string, string> = { OFF: 'Mfa.OFF', OPTIONAL: 'Mfa.OPTIONAL', ON: 'Mfa.REQUIRED' };

/**
 * An organisation's user pool and app client settings as aws-cdk-lib property injectors.
 *
 * A platform team defines its settings once, in a package of its own:
 *
 * ```ts
 * import * as cognito from 'aws-cdk-lib/aws-cognito';
 * import { OrganizationDefaults } from 'cdk-cognito-userpools';
 *
 * // Exported from the platform team's package.
 * const acmeDefaults = new OrganizationDefaults({ mfa: cognito.Mfa.REQUIRED });
 * ```
 *
 * and each product team applies them to its whole app with one line, before defining anything
 * (or adds `acmeDefaults.injectors` with `PropertyInjectors.of(app).add(...)`):
 *
 * ```ts
 * import { OrganizationDefaults } from 'cdk-cognito-userpools';
 *
 * // Imported from the platform team's package.
 * declare const acmeDefaults: OrganizationDefaults;
 * acmeDefaults.applyTo(app);
 * ```
 *
 * Every `UserPool` and `UserPoolClient` created under that scope (this library's, and by
 * default aws-cdk-lib's) then gets the organisation's settings where it does not set them, and
 * is refused at synth where its own settings are weaker than the organisation allows.
 */
export class OrganizationDefaults {
  /** The property injectors, one per class, to add with `PropertyInjectors.of(scope).add(...)`. */
  public readonly injectors: IPropertyInjector[];

  constructor(private readonly props: OrganizationDefaultsProps = {}) {
    const where = { node: { path: 'OrganizationDefaults' } } as unknown as IConstruct;
    checkRange(where, 'accessTokenValidity', minutes(props.accessTokenValidity), 5, 1440, 'minutes');
    checkRange(where, 'idTokenValidity', minutes(props.idTokenValidity), 5, 1440, 'minutes');
    checkRange(where, 'refreshTokenValidity', minutes(props.refreshTokenValidity), 60, 5256000, 'minutes');
    for (const domain of props.allowedCallbackDomains ?? []) {
      if (!/^([a-z][a-z0-9+.-]*:\/\/|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/.test(domain)) {
        fail(where, 'allowedCallbackDomains', domain, 'a lower-case domain name (example.com) or a URL scheme ending with :// (myapp://)');
      }
    }
    const pools = [UserPool.PROPERTY_INJECTION_ID];
    const clients = [UserPoolClient.PROPERTY_INJECTION_ID];
    if (props.includeAwsCdkLibClasses ?? true) {
      pools.push(cognito.UserPool.PROPERTY_INJECTION_ID);
      clients.push(cognito.UserPoolClient.PROPERTY_INJECTION_ID);
    }
    this.injectors = [
      ...pools.map((id) => new Injector(id, (p, c) => this.injectPool(p, c))),
      ...clients.map((id) => new Injector(id, (p, c) => this.injectClient(p, c))),
    ];
  }

  /** Adds the injectors to a scope (usually the app): every pool and client under it gets them. */
  public applyTo(scope: IConstruct): void {
    PropertyInjectors.of(scope).add(...this.injectors);
  }

  private injectPool(original: cognito.UserPoolProps | undefined, context: InjectionContext): cognito.UserPoolProps {
    const props: cognito.UserPoolProps & { unusedAccountValidityDays?: number } = original ?? {};
    const at = pendingScope(context.scope, context.id);
    const org = this.props;

    if (org.mfa !== undefined && props.mfa !== undefined && !isUnresolved(props.mfa)
      && (MFA_RANK[props.mfa] ?? 0) < (MFA_RANK[org.mfa] ?? 0)) {
      fail(at, 'mfa', MFA_NAME[props.mfa] ?? props.mfa, `${MFA_NAME[org.mfa]} or stronger (the organisation's minimum; OFF < OPTIONAL < REQUIRED)`);
    }
    if (org.deletionProtection === true && props.deletionProtection === false) {
      fail(at, 'deletionProtection', false, 'true (the organisation requires deletion protection)');
    }
    const passwordPolicy = org.passwordPolicy
      ? mergePasswordPolicy(at, props.passwordPolicy, org.passwordPolicy, props.unusedAccountValidityDays !== undefined)
      : props.passwordPolicy;

    return {
      ...props,
      mfa: props.mfa ?? org.mfa,
      mfaSecondFactor: props.mfa === undefined && org.mfa !== undefined && org.mfa !== cognito.Mfa.OFF
        ? props.mfaSecondFactor ?? org.mfaSecondFactor ?? { otp: true, sms: false }
        : props.mfaSecondFactor,
      featurePlan: props.featurePlan ?? org.featurePlan,
      deletionProtection: props.deletionProtection ?? org.deletionProtection,
      passwordPolicy,
    };
  }

  private injectClient(original: cognito.UserPoolClientProps, context: InjectionContext): cognito.UserPoolClientProps {
    const at = pendingScope(context.scope, context.id);
    const org = this.props;
    const validity = (name: 'accessTokenValidity' | 'idTokenValidity' | 'refreshTokenValidity') => {
      const max = org[name];
      const own = original[name];
      if (max && own && !own.isUnresolved() && !max.isUnresolved() && own.toMilliseconds() > max.toMilliseconds()) {
        fail(at, name, own.toHumanString(), `at most ${max.toHumanString()} (the organisation's maximum)`);
      }
      return own ?? max;
    };
    const result = {
      ...original,
      accessTokenValidity: validity('accessTokenValidity'),
      idTokenValidity: validity('idTokenValidity'),
      refreshTokenValidity: validity('refreshTokenValidity'),
    };
    if (org.allowedCallbackDomains) this.checkUrlsAtSynth(context, org.allowedCallbackDomains);
    return result;
  }

  /**
   * The URLs are checked on the client's CloudFormation resource once the app is built, so that
   * defaults (aws-cdk-lib's `https://example.com`) and URLs added later are checked too.
   */
  private checkUrlsAtSynth(context: InjectionContext, allowed: string[]): void {
    const parent = context.scope;
    if (registered.has(parent, context.id)) return;
    registered.add(parent, context.id);
    parent.node.addValidation({
      validate: () => {
        const client = parent.node.tryFindChild(context.id);
        const cfn = client?.node.defaultChild;
        if (!client || !(cfn instanceof cognito.CfnUserPoolClient)) return [];
        const stack = Stack.of(cfn);
        const errors: string[] = [];
        for (const [property, value] of [['oAuth.callbackUrls', cfn.callbackUrLs], ['oAuth.logoutUrls', cfn.logoutUrLs]] as const) {
          const urls = stack.resolve(value);
          if (!Array.isArray(urls)) continue;
          for (const url of urls) {
            if (typeof url !== 'string' || Token.isUnresolved(url) || isAllowedUrl(url, allowed)) continue;
            errors.push(new ValidationError(client, property, describeValue(url),
              `URLs in the organisation's domains ${describeValue(allowed)} or their subdomains`).message);
          }
        }
        return errors;
      },
    });
  }
}

/** Which (scope, id) pairs already have the URL check, so that repeated injection adds it once. */
const registered = {
  seen: new WeakMap<IConstruct, Set<string>>(),
  has(scope: IConstruct, id: string): boolean {
    return this.seen.get(scope)?.has(id) ?? false;
  },
  add(scope: IConstruct, id: string): void {
    const ids = this.seen.get(scope) ?? new Set<string>();
    ids.add(id);
    this.seen.set(scope, ids);
  },
};

class Injector implements IPropertyInjector {
  constructor(
    public readonly constructUniqueId: string,
    private readonly fn: (props: any, context: InjectionContext) => any,
  ) {}

  public inject(originalProps: any, context: InjectionContext): any {
    return this.fn(originalProps, context);
  }
}

function minutes(duration: Duration | undefined): number | undefined {
  if (duration === undefined || duration.isUnresolved()) return undefined;
  return duration.toMilliseconds() / 60_000;
}

const CHARACTER_CLASSES = ['requireLowercase', 'requireUppercase', 'requireDigits', 'requireSymbols'] as const;

/**
 * The pool's policy completed with the organisation's fields it leaves out, checked to be at
 * least as strict. A temporary-password validity is left out next to `unusedAccountValidityDays`
 * (Cognito takes one or the other).
 */
function mergePasswordPolicy(at: IConstruct, own: cognito.PasswordPolicy | undefined, org: cognito.PasswordPolicy, unusedAccountValidity: boolean): cognito.PasswordPolicy {
  const orgFull: { -readonly [K in keyof cognito.PasswordPolicy]: cognito.PasswordPolicy[K] } = {
    minLength: org.minLength ?? 8,
    requireLowercase: org.requireLowercase ?? true,
    requireUppercase: org.requireUppercase ?? true,
    requireDigits: org.requireDigits ?? true,
    requireSymbols: org.requireSymbols ?? true,
    tempPasswordValidity: unusedAccountValidity ? undefined : org.tempPasswordValidity,
    passwordHistorySize: org.passwordHistorySize,
  };
  const merged = { ...orgFull };
  for (const [key, value] of Object.entries(own ?? {})) {
    if (value !== undefined) (merged as any)[key] = value;
  }

  if (!isUnresolved(merged.minLength) && merged.minLength! < orgFull.minLength!) {
    fail(at, 'passwordPolicy.minLength', merged.minLength, `${orgFull.minLength} or more (the organisation's minimum)`);
  }
  for (const name of CHARACTER_CLASSES) {
    if (orgFull[name] && merged[name] === false) fail(at, `passwordPolicy.${name}`, false, 'true (the organisation requires it)');
  }
  const temp = merged.tempPasswordValidity;
  const max = org.tempPasswordValidity;
  if (temp && max && !temp.isUnresolved() && !max.isUnresolved() && temp.toDays() > max.toDays()) {
    fail(at, 'passwordPolicy.tempPasswordValidity', temp.toHumanString(), `at most ${max.toHumanString()} (the organisation's maximum)`);
  }
  const history = orgFull.passwordHistorySize ?? 0;
  if (!isUnresolved(merged.passwordHistorySize) && (merged.passwordHistorySize ?? 0) < history) {
    fail(at, 'passwordPolicy.passwordHistorySize', merged.passwordHistorySize, `${history} or more (the organisation's minimum)`);
  }
  return merged;
}

/** True when the URL's host is an allowed domain or a subdomain of one, or its scheme is allowed. */
function isAllowedUrl(url: string, allowed: readonly string[]): boolean {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme && allowed.includes(`${scheme}://`)) return true;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowed.some((domain) => !domain.endsWith('://') && (host === domain || host.endsWith(`.${domain}`)));
}
