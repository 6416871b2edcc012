import { Annotations, Duration, IAspect, Reference, Tokenization } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { allConstructs, cfnUserPoolOf, validationMessage } from './pool-facts';
import { certainlyDifferentPools } from './same-pool';
import { checkLength, checkMaxItems, checkPattern, fail, isUnresolved, ValidationError } from './validation';

/** Cognito's documented limits for an app client (CreateUserPoolClient). */
export const CLIENT_LIMITS = {
  maxUrls: 100,
  maxUrlLength: 1024,
  maxScopes: 50,
  maxScopeLength: 256,
  maxProviderNameLength: 32,
  maxCustomAttributeNameLength: 20,
} as const;

/** The scopes Cognito defines itself; a client-credentials client may not request them. */
const STANDARD_SCOPES = ['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin'];

/** The props the checks read: the aws-cdk-lib client options plus our own. */
export interface CheckedClientProps extends cognito.UserPoolClientOptions {
  readonly refreshTokenRotation?: boolean;
}

/** Validates every client prop against Cognito's documented constraints. */
export function validateClientProps(scope: IConstruct, props: CheckedClientProps): void {
  checkLength(scope, 'userPoolClientName', props.userPoolClientName, 1, 128);
  checkPattern(scope, 'userPoolClientName', props.userPoolClientName, /^[\w\s+=,.@-]+$/,
    'letters, numbers, spaces and the characters + = , . @ - only');

  validateTokenValidity(scope, props);
  validateRefreshTokenRotation(scope, props);
  validateOAuth(scope, props);
  validateProviders(scope, props.supportedIdentityProviders);
  validateAttributes(scope, 'readAttributes', props.readAttributes);
  validateAttributes(scope, 'writeAttributes', props.writeAttributes);
}

function checkDuration(scope: IConstruct, property: string, value: Duration | undefined, min: Duration, max: Duration, unit: 'minutes' | 'seconds'): void {
  if (value === undefined || value.isUnresolved()) return;
  const allowed = `${min.toHumanString()} to ${max.toHumanString()}, in whole ${unit}`;
  const ms = value.toMilliseconds();
  const unitMs = unit === 'minutes' ? 60_000 : 1_000;
  if (ms < min.toMilliseconds() || ms > max.toMilliseconds() || ms % unitMs !== 0) {
    throw new ValidationError(scope, property, value.toHumanString(), allowed);
  }
}

function validateTokenValidity(scope: IConstruct, props: CheckedClientProps): void {
  checkDuration(scope, 'authSessionValidity', props.authSessionValidity, Duration.minutes(3), Duration.minutes(15), 'minutes');
  checkDuration(scope, 'accessTokenValidity', props.accessTokenValidity, Duration.minutes(5), Duration.days(1), 'minutes');
  checkDuration(scope, 'idTokenValidity', props.idTokenValidity, Duration.minutes(5), Duration.days(1), 'minutes');
  checkDuration(scope, 'refreshTokenValidity', props.refreshTokenValidity, Duration.hours(1), Duration.days(3650), 'minutes');

  // Cognito refuses ID and access tokens that outlive the refresh token that renews them.
  const refresh = props.refreshTokenValidity;
  if (refresh === undefined || refresh.isUnresolved()) return;
  for (const [property, value] of [['accessTokenValidity', props.accessTokenValidity], ['idTokenValidity', props.idTokenValidity]] as const) {
    if (value !== undefined && !value.isUnresolved() && value.toMilliseconds() > refresh.toMilliseconds()) {
      throw new ValidationError(scope, property, value.toHumanString(),
        `at most refreshTokenValidity (${refresh.toHumanString()})`);
    }
  }
}

function validateRefreshTokenRotation(scope: IConstruct, props: CheckedClientProps): void {
  if (props.refreshTokenRotation === false && props.refreshTokenRotationGracePeriod !== undefined) {
    throw new ValidationError(scope, 'refreshTokenRotationGracePeriod', props.refreshTokenRotationGracePeriod.toHumanString(),
      'no grace period when refreshTokenRotation is false');
  }
  checkDuration(scope, 'refreshTokenRotationGracePeriod', props.refreshTokenRotationGracePeriod, Duration.seconds(0), Duration.seconds(60), 'seconds');
}

/**
 * A redirect URI must be absolute, without a fragment, and use https, except
 * `http://localhost` for testing; app schemes such as `myapp://callback` are allowed.
 */
export function checkRedirectUri(scope: IConstruct, property: string, value: string): void {
  if (isUnresolved(value)) return;
  checkLength(scope, property, value, 1, CLIENT_LIMITS.maxUrlLength);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(scope, property, value, 'an absolute URI');
  }
  if (value.includes('#')) fail(scope, property, value, 'a URI without a fragment (#)');
  if (url.protocol === 'http:' && url.hostname !== 'localhost') {
    fail(scope, property, value, 'an https URI, http://localhost, or an app scheme such as myapp://');
  }
}

function validateOAuth(scope: IConstruct, props: CheckedClientProps): void {
  const oAuth = props.oAuth;
  const callbackUrls = oAuth?.callbackUrls;
  checkMaxItems(scope, 'oAuth.callbackUrls', callbackUrls, CLIENT_LIMITS.maxUrls);
  checkMaxItems(scope, 'oAuth.logoutUrls', oAuth?.logoutUrls, CLIENT_LIMITS.maxUrls);
  callbackUrls?.forEach((u) => checkRedirectUri(scope, 'oAuth.callbackUrls', u));
  oAuth?.logoutUrls?.forEach((u) => checkRedirectUri(scope, 'oAuth.logoutUrls', u));

  const defaultRedirectUri = oAuth?.defaultRedirectUri;
  if (defaultRedirectUri !== undefined && !isUnresolved(defaultRedirectUri)) {
    checkRedirectUri(scope, 'oAuth.defaultRedirectUri', defaultRedirectUri);
    if (callbackUrls !== undefined && !isUnresolved(callbackUrls) && !callbackUrls.includes(defaultRedirectUri)) {
      fail(scope, 'oAuth.defaultRedirectUri', defaultRedirectUri, 'one of oAuth.callbackUrls');
    }
  }

  const scopeNames = oAuth?.scopes?.map((s) => s.scopeName);
  checkMaxItems(scope, 'oAuth.scopes', scopeNames, CLIENT_LIMITS.maxScopes);
  scopeNames?.forEach((name) => {
    checkLength(scope, 'oAuth.scopes', name, 1, CLIENT_LIMITS.maxScopeLength);
    checkPattern(scope, 'oAuth.scopes', name, /^[\x21\x23-\x5B\x5D-\x7E]+$/,
      'printable ASCII without spaces, double quotes or backslashes');
  });

  if (oAuth?.flows?.clientCredentials) {
    if (!props.generateSecret) {
      fail(scope, 'oAuth.flows.clientCredentials', true, 'only with generateSecret: true (the flow authenticates with the client secret)');
    }
    if (scopeNames === undefined || scopeNames.length === 0) {
      fail(scope, 'oAuth.scopes', scopeNames ?? [], 'at least one resource-server scope when oAuth.flows.clientCredentials is set');
    }
    const standard = scopeNames.filter((name) => STANDARD_SCOPES.includes(name));
    if (standard.length > 0) {
      fail(scope, 'oAuth.scopes', standard, 'resource-server scopes only when oAuth.flows.clientCredentials is set');
    }
  }
}

function validateProviders(scope: IConstruct, providers: cognito.UserPoolClientIdentityProvider[] | undefined): void {
  providers?.forEach((p) => checkLength(scope, 'supportedIdentityProviders', p.name, 1, CLIENT_LIMITS.maxProviderNameLength));
}

function validateAttributes(scope: IConstruct, property: string, attributes: cognito.ClientAttributes | undefined): void {
  attributes?.attributes().forEach((name) => {
    if (isUnresolved(name) || !name.startsWith('custom:')) return;
    const bare = name.slice('custom:'.length);
    if (bare.length < 1 || bare.length > CLIENT_LIMITS.maxCustomAttributeNameLength) {
      fail(scope, property, name, `custom attribute names of 1 to ${CLIENT_LIMITS.maxCustomAttributeNameLength} characters after "custom:"`);
    }
  });
}

/** The identity providers of a pool that the app declares, by provider name. */
export function providersOfPool(pool: cognito.IUserPool): Map<string, IConstruct> | undefined {
  if (!cfnUserPoolOf(pool)) return undefined;
  const found = new Map<string, IConstruct>();
  for (const idp of pool.identityProviders) {
    const cfn = idp.node.defaultChild;
    const name = cfn instanceof cognito.CfnUserPoolIdentityProvider ? cfn.providerName : idp.providerName;
    if (!isUnresolved(name)) found.set(name, idp);
  }
  // Providers declared with the L1 register nowhere: find them by their pool.
  for (const c of allConstructs(pool)) {
    if (c instanceof cognito.CfnUserPoolIdentityProvider && c.userPoolId === pool.userPoolId
      && !isUnresolved(c.providerName) && !found.has(c.providerName)) {
      found.set(c.providerName, c);
    }
  }
  return found;
}

/** Literal provider names a client lists, other than COGNITO. */
function namedProviders(providers: cognito.UserPoolClientIdentityProvider[] | undefined): string[] {
  return (providers ?? []).map((p) => p.name).filter((name) => !isUnresolved(name) && name !== 'COGNITO');
}

/**
 * Makes the client depend on each identity provider it names, also when it names one by a
 * constant such as `UserPoolClientIdentityProvider.GOOGLE` (a plain string, so CloudFormation
 * sees no reference and creates the client first, which Cognito refuses: aws-cdk#15850).
 * Runs once the app is built, so providers declared after the client are found too.
 */
export class ProviderDependencyAspect implements IAspect {
  constructor(private readonly client: IConstruct, private readonly pool: cognito.IUserPool,
    private readonly providers: cognito.UserPoolClientIdentityProvider[] | undefined) {}

  public visit(node: IConstruct): void {
    if (node !== this.client) return;
    const declared = providersOfPool(this.pool);
    if (!declared) return;
    for (const name of namedProviders(this.providers)) {
      const idp = declared.get(name);
      if (idp) this.client.node.addDependency(idp);
    }
  }
}

/**
 * Checks, once the whole app is declared, that what the client names exists in its pool: each
 * supported identity provider, and each custom OAuth scope in a resource server of the pool.
 * Only pools defined in the app are checked; tokens are skipped.
 */
export function validateClientInApp(client: IConstruct, pool: cognito.IUserPool, props: CheckedClientProps): string[] {
  const errors: string[] = [];
  const declared = providersOfPool(pool);
  if (declared) {
    const missing = namedProviders(props.supportedIdentityProviders).filter((name) => !declared.has(name));
    if (missing.length > 0) {
      const names = [...declared.keys()].map((n) => JSON.stringify(n)).join(', ') || 'none declared';
      errors.push(validationMessage(client, 'supportedIdentityProviders', missing,
        `"COGNITO" or a provider of the user pool ${pool.node.path} (${names}); declare the provider in the app, or register one made elsewhere with `
        + 'pool.registerIdentityProvider(UserPoolIdentityProvider.fromProviderName(...))'));
    }
  }
  if (!props.disableOAuth) {
    for (const scopeName of props.oAuth?.scopes?.map((s) => s.scopeName) ?? []) {
      const error = checkScopeInPool(client, pool, scopeName);
      if (error) errors.push(error);
    }
  }
  return errors;
}

interface DeclaredServer {
  readonly cfn: cognito.CfnUserPoolResourceServer;
  readonly identifier: string;
  readonly scopes: string[];
}

/** The resource server's identifier and scope names, or undefined if any is a token. */
function declaredServer(cfn: cognito.CfnUserPoolResourceServer): DeclaredServer | undefined {
  const scopes = cfn.scopes;
  if (isUnresolved(cfn.identifier) || (scopes !== undefined && isUnresolved(scopes))) return undefined;
  const names = ((scopes ?? []) as cognito.CfnUserPoolResourceServer.ResourceServerScopeTypeProperty[]).map((s) => s.scopeName);
  return names.some(isUnresolved) ? undefined : { cfn, identifier: cfn.identifier, scopes: names };
}

function checkScopeInPool(client: IConstruct, pool: cognito.IUserPool, scopeName: string): string | undefined {
  if (STANDARD_SCOPES.includes(scopeName)) return undefined;
  if (isUnresolved(scopeName)) {
    // OAuthScope.resourceServer(server, scope): `${server's Ref}/scopeName`.
    const fragments = Tokenization.reverseString(scopeName);
    const ref = fragments.length === 2 ? fragments.firstToken : undefined;
    const rest = scopeName.slice(scopeName.indexOf('}') + 1);
    if (!Reference.isReference(ref) || !(ref.target instanceof cognito.CfnUserPoolResourceServer) || !rest.startsWith('/') || isUnresolved(rest)) return undefined;
    const server = declaredServer(ref.target);
    if (!server) return undefined;
    const shown = `${server.identifier}${rest}`;
    if (certainlyDifferentPools(server.cfn.userPoolId, pool.userPoolId)) {
      return validationMessage(client, 'oAuth.scopes', shown,
        `a scope of a resource server of the client's user pool ${pool.node.path} (${server.cfn.node.scope?.node.path} belongs to another pool)`);
    }
    if (!server.scopes.includes(rest.slice(1))) {
      return validationMessage(client, 'oAuth.scopes', shown,
        `a scope that the resource server ${server.cfn.node.scope?.node.path} declares (${server.scopes.join(', ') || 'none'})`);
    }
    return undefined;
  }
  if (!cfnUserPoolOf(pool)) return undefined;
  const servers: DeclaredServer[] = [];
  for (const c of allConstructs(pool)) {
    if (!(c instanceof cognito.CfnUserPoolResourceServer) || c.userPoolId !== pool.userPoolId) continue;
    const server = declaredServer(c);
    if (!server) return undefined;
    servers.push(server);
  }
  const known = servers.flatMap((s) => s.scopes.map((name) => `${s.identifier}/${name}`));
  if (known.includes(scopeName)) return undefined;
  return validationMessage(client, 'oAuth.scopes', scopeName,
    `a standard scope (${STANDARD_SCOPES.join(', ')}) or a scope of a resource server of the user pool ${pool.node.path} (${known.join(', ') || 'none declared'})`);
}

/**
 * Without `supportedIdentityProviders`, aws-cdk-lib lists the providers registered on the pool
 * before the client was created, and no later one: a provider declared after the client is
 * silently not offered by it. Warn, naming them (acknowledgeable: the omission may be meant).
 */
export function warnProvidersAfterClient(client: IConstruct, pool: cognito.IUserPool, props: CheckedClientProps,
  before: readonly cognito.IUserPoolIdentityProvider[]): void {
  // Only clients that send users to the login pages offer providers.
  const flows = props.oAuth?.flows;
  if (props.disableOAuth || !(flows?.authorizationCodeGrant || flows?.implicitCodeGrant)) return;
  const later = pool.identityProviders.filter((idp) => !before.includes(idp));
  if (later.length === 0) return;
  Annotations.of(client).addWarningV2('cdk-cognito-userpools:providerAfterClient',
    `The client offers only the identity providers registered on the pool before it was created, so not ${later.map((idp) => idp.node.path).join(', ')}: `
    + 'list the providers in supportedIdentityProviders, or create the client after them.');
}
