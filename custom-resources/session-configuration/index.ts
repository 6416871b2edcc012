/**
 * Session configuration, which CloudFormation cannot declare:
 * - `Custom::CognitoUserPoolSessionConfiguration`: SetUserPoolSessionConfiguration (session
 *   tracking, token sessions per user);
 * - `Custom::CognitoClientSessionConfiguration`: SetUserPoolClientSessionConfiguration (how long a
 *   client silently reuses an SSO session).
 * Both calls replace the whole configuration; update calls only when it changed; delete puts
 * back Cognito's defaults.
 */
import {
  SetUserPoolClientSessionConfigurationCommand, SetUserPoolSessionConfigurationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, parseBoolean, parseNumber, requireString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { sameValue } from '../shared/diff';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';

export const POOL_SESSION_RESOURCE_TYPE = 'Custom::CognitoUserPoolSessionConfiguration';
export const CLIENT_SESSION_RESOURCE_TYPE = 'Custom::CognitoClientSessionConfiguration';

/** Cognito's defaults, as GetUserPoolSessionConfiguration reports them before any Set call. */
export const POOL_SESSION_DEFAULTS = { tracking: false, maxSessionsPerUser: 20 };
/** GetUserPoolClientSessionConfiguration's default SSO session reuse, in minutes. */
export const CLIENT_SSO_DEFAULT_MINUTES = 60;

export interface PoolSessionSpec {
  readonly userPoolId: string;
  readonly tracking: boolean;
  readonly maxSessionsPerUser: number;
}

export interface ClientSessionSpec {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly ssoSessionMinutes: number;
}

export const poolSessionModule: ResourceModule<PoolSessionSpec> = {
  resourceType: POOL_SESSION_RESOURCE_TYPE,
  parse: (raw) => parsePool(raw, true),
  parseOld: (raw) => parsePool(raw, false),
  async onCreate(props, ctx) {
    await setPool(props, ctx);
    return { physicalId: `${props.userPoolId}/session-configuration` };
  },
  async onUpdate(props, oldProps, physicalId, ctx) {
    // Unknown previous settings (unusable old properties): the Set call sets everything, so send it.
    if (oldProps !== undefined && sameValue(props, oldProps)) return { physicalId };
    await setPool(props, ctx);
    return { physicalId: `${props.userPoolId}/session-configuration` };
  },
  async onDelete(props, currentId, ctx) {
    // Unusable properties: the physical id `<pool>/session-configuration` names the pool.
    const userPoolId = props?.userPoolId ?? /^([^/]+)\/session-configuration$/.exec(currentId)?.[1];
    if (userPoolId === undefined) {
      ctx.log.info(`Nothing to reset: ${currentId} names no pool`);
      return;
    }
    await ignoreNotFound(() => setPool({ userPoolId, ...POOL_SESSION_DEFAULTS }, ctx));
  },
};

export const clientSessionModule: ResourceModule<ClientSessionSpec> = {
  resourceType: CLIENT_SESSION_RESOURCE_TYPE,
  parse: (raw) => parseClient(raw, true),
  parseOld: (raw) => parseClient(raw, false),
  async onCreate(props, ctx) {
    await setClient(props, ctx);
    return { physicalId: clientId(props) };
  },
  async onUpdate(props, oldProps, physicalId, ctx) {
    // Unknown previous settings (unusable old properties): the Set call sets everything, so send it.
    if (oldProps !== undefined && sameValue(props, oldProps)) return { physicalId };
    await setClient(props, ctx);
    // Another client is a replacement: CloudFormation then resets the old one (delete).
    return { physicalId: clientId(props) };
  },
  async onDelete(props, currentId, ctx) {
    // Unusable properties: the physical id `<pool>/<client>/session-configuration` names them.
    const match = /^([^/]+)\/([^/]+)\/session-configuration$/.exec(currentId);
    const target = props ?? (match ? { userPoolId: match[1], clientId: match[2] } : undefined);
    if (target === undefined) {
      ctx.log.info(`Nothing to reset: ${currentId} names no pool and client`);
      return;
    }
    await ignoreNotFound(() => setClient({ userPoolId: target.userPoolId, clientId: target.clientId, ssoSessionMinutes: CLIENT_SSO_DEFAULT_MINUTES }, ctx));
  },
};

/** Every property the constructs emit; strict parsing refuses any other. */
const POOL_PROPERTIES = ['UserPoolId', 'SessionTracking', 'MaxSessionsPerUser'] as const;
const CLIENT_PROPERTIES = ['UserPoolId', 'ClientId', 'SsoSessionMinutes'] as const;

function parsePool(raw: RawProperties, strict: boolean): PoolSessionSpec {
  checkKnown(strict, raw, POOL_PROPERTIES);
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    tracking: parseBoolean('SessionTracking', raw.SessionTracking, POOL_SESSION_DEFAULTS.tracking),
    maxSessionsPerUser: parseNumber('MaxSessionsPerUser', raw.MaxSessionsPerUser, POOL_SESSION_DEFAULTS.maxSessionsPerUser),
  };
}

function parseClient(raw: RawProperties, strict: boolean): ClientSessionSpec {
  checkKnown(strict, raw, CLIENT_PROPERTIES);
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    clientId: requireString(raw, 'ClientId'),
    ssoSessionMinutes: parseNumber('SsoSessionMinutes', raw.SsoSessionMinutes, CLIENT_SSO_DEFAULT_MINUTES),
  };
}

async function setPool(props: PoolSessionSpec, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserPoolUpdate', new SetUserPoolSessionConfigurationCommand({
    UserPoolId: props.userPoolId,
    UserSessionTracking: props.tracking ? 'ENABLED' : 'DISABLED',
    TokenSession: { MaxPerUser: props.maxSessionsPerUser },
  }));
}

async function setClient(props: ClientSessionSpec, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserPoolClientUpdate', new SetUserPoolClientSessionConfigurationCommand({
    UserPoolId: props.userPoolId,
    ClientId: props.clientId,
    SSOSession: { MaxValidityMinutes: props.ssoSessionMinutes },
  }));
}

function clientId(props: ClientSessionSpec): string {
  return `${props.userPoolId}/${props.clientId}/session-configuration`;
}

/** A pool or client already gone has nothing left to reset. */
async function ignoreNotFound(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
