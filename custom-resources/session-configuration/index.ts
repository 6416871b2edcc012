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
import { parseBoolean, parseNumber, requireString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { sameValue } from '../shared/diff';
import type { HandlerContext, ResourceModule } from '../shared/types';

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
  parse: (raw) => ({
    userPoolId: requireString(raw, 'UserPoolId'),
    tracking: parseBoolean('SessionTracking', raw.SessionTracking, POOL_SESSION_DEFAULTS.tracking),
    maxSessionsPerUser: parseNumber('MaxSessionsPerUser', raw.MaxSessionsPerUser, POOL_SESSION_DEFAULTS.maxSessionsPerUser),
  }),
  async onCreate(props, ctx) {
    await setPool(props, ctx);
    return { physicalId: `${props.userPoolId}/session-configuration` };
  },
  async onUpdate(props, oldProps, physicalId, ctx) {
    if (sameValue(props, oldProps)) return { physicalId };
    await setPool(props, ctx);
    return { physicalId: `${props.userPoolId}/session-configuration` };
  },
  async onDelete(props, _physicalId, ctx) {
    await ignoreNotFound(() => setPool({ userPoolId: props.userPoolId, ...POOL_SESSION_DEFAULTS }, ctx));
  },
};

export const clientSessionModule: ResourceModule<ClientSessionSpec> = {
  resourceType: CLIENT_SESSION_RESOURCE_TYPE,
  parse: (raw) => ({
    userPoolId: requireString(raw, 'UserPoolId'),
    clientId: requireString(raw, 'ClientId'),
    ssoSessionMinutes: parseNumber('SsoSessionMinutes', raw.SsoSessionMinutes, CLIENT_SSO_DEFAULT_MINUTES),
  }),
  async onCreate(props, ctx) {
    await setClient(props, ctx);
    return { physicalId: clientId(props) };
  },
  async onUpdate(props, oldProps, physicalId, ctx) {
    if (sameValue(props, oldProps)) return { physicalId };
    await setClient(props, ctx);
    // Another client is a replacement: CloudFormation then resets the old one (delete).
    return { physicalId: clientId(props) };
  },
  async onDelete(props, _physicalId, ctx) {
    await ignoreNotFound(() => setClient({ ...props, ssoSessionMinutes: CLIENT_SSO_DEFAULT_MINUTES }, ctx));
  },
};

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
