/**
 * `Custom::CognitoUserPoolMfa`: pool MFA settings CloudFormation cannot express (for example
 * email OTP as the only factor) through SetUserPoolMfaConfig. Update sends the configuration
 * only when it changed.
 */
import { SetUserPoolMfaConfigCommand, SetUserPoolMfaConfigCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, parseBoolean, parseOptionalObject, PropertyError, requireString, optionalString } from '../shared/cfn-values';
import { sameValue } from '../shared/diff';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';

export const POOL_MFA_RESOURCE_TYPE = 'Custom::CognitoUserPoolMfa';

export interface PoolMfaSpec {
  readonly userPoolId: string;
  readonly mfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  readonly totp: boolean;
  readonly email?: { message?: string; subject?: string };
  readonly sms?: { message?: string; snsCallerArn: string; externalId?: string; snsRegion?: string };
}

const MODES = ['OFF', 'ON', 'OPTIONAL'];
/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = ['UserPoolId', 'MfaConfiguration', 'Totp', 'Email', 'Sms'] as const;
const EMAIL_PROPERTIES = ['Subject', 'Message'] as const;
const SMS_PROPERTIES = ['SnsCallerArn', 'ExternalId', 'SnsRegion', 'Message'] as const;

export const poolMfaModule: ResourceModule<PoolMfaSpec> = {
  resourceType: POOL_MFA_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  async onCreate(props, ctx) {
    await apply(props, ctx);
    return { physicalId: `${props.userPoolId}/mfa` };
  },

  async onUpdate(props, oldProps, physicalId, ctx) {
    // Unknown previous settings: SetUserPoolMfaConfig sets everything, so send the declaration.
    if (oldProps !== undefined && sameValue(props, oldProps)) return { physicalId };
    await apply(props, ctx);
    return { physicalId: `${props.userPoolId}/mfa` };
  },

  // The settings belong to the pool: removing the construct leaves them as they are.
  async onDelete(_props, _physicalId, ctx) {
    ctx.log.info('MFA settings stay as they are in the pool');
  },
};

async function apply(props: PoolMfaSpec, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserPoolResourceUpdate', new SetUserPoolMfaConfigCommand(toInput(props)));
}

/** The full configuration: SetUserPoolMfaConfig replaces what it is given. */
export function toInput(props: PoolMfaSpec): SetUserPoolMfaConfigCommandInput {
  return {
    UserPoolId: props.userPoolId,
    MfaConfiguration: props.mfaConfiguration,
    SoftwareTokenMfaConfiguration: { Enabled: props.totp },
    EmailMfaConfiguration: props.email ? { Message: props.email.message, Subject: props.email.subject } : undefined,
    SmsMfaConfiguration: props.sms ? {
      SmsAuthenticationMessage: props.sms.message,
      SmsConfiguration: { SnsCallerArn: props.sms.snsCallerArn, ExternalId: props.sms.externalId, SnsRegion: props.sms.snsRegion },
    } : undefined,
  };
}

function parseSpec(raw: RawProperties, strict: boolean): PoolMfaSpec {
  checkKnown(strict, raw, PROPERTIES);
  const mode = requireString(raw, 'MfaConfiguration');
  if (!MODES.includes(mode)) throw new PropertyError('MfaConfiguration', mode, MODES.join(', '));
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    mfaConfiguration: mode as PoolMfaSpec['mfaConfiguration'],
    totp: parseBoolean('Totp', raw.Totp, false),
    email: parseEmail(parseOptionalObject('Email', raw.Email), strict),
    sms: parseSms(parseOptionalObject('Sms', raw.Sms), strict),
  };
}

function parseEmail(raw: RawProperties | undefined, strict: boolean): PoolMfaSpec['email'] {
  if (raw === undefined) return undefined;
  checkKnown(strict, raw, EMAIL_PROPERTIES, 'Email');
  return { message: optionalString(raw, 'Message', 'Email'), subject: optionalString(raw, 'Subject', 'Email') };
}

function parseSms(raw: RawProperties | undefined, strict: boolean): PoolMfaSpec['sms'] {
  if (raw === undefined) return undefined;
  checkKnown(strict, raw, SMS_PROPERTIES, 'Sms');
  return {
    message: optionalString(raw, 'Message', 'Sms'),
    snsCallerArn: requireString(raw, 'SnsCallerArn', 'Sms'),
    externalId: optionalString(raw, 'ExternalId', 'Sms'),
    snsRegion: optionalString(raw, 'SnsRegion', 'Sms'),
  };
}
