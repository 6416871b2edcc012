import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { POOL_MFA_ACTIONS } from './private/cognito-actions';
import { COGNITO_SERVICE, grantPassRoleTo } from './private/pass-role';
import { CognitoProvider } from './private/provider';
import { claimSetting } from './private/single-owner';
import { checkContains, checkLength, describeValue, fail } from './private/validation';
import { AN_IUSER_POOL, enumOf, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Whether users must use MFA. */
export enum MfaEnforcement {
  /** No MFA. */
  OFF = 'OFF',
  /** Users may set up MFA. */
  OPTIONAL = 'OPTIONAL',
  /** Every user must use MFA. */
  REQUIRED = 'ON',
}

/** Email one-time passwords as an MFA factor (needs the pool to send email through Amazon SES). */
export interface EmailMfaSettings {
  /**
   * The subject of the email: 1 to 140 characters.
   * @default - Cognito's default subject
   */
  readonly subject?: string;
  /**
   * The body; it must contain `{####}` (the code). 6 to 20,000 characters.
   * @default - Cognito's default message
   */
  readonly message?: string;
}

/** SMS one-time passwords as an MFA factor. */
export interface SmsMfaSettings {
  /** The role Cognito assumes to send SMS through Amazon SNS. */
  readonly snsRole: iam.IRole;
  /**
   * The external id in the role's trust policy.
   * @default - none
   */
  readonly externalId?: string;
  /**
   * The Region of Amazon SNS.
   * @default - the pool's Region
   */
  readonly snsRegion?: string;
  /**
   * The message; it must contain `{####}`. 6 to 140 characters.
   * @default - Cognito's default message
   */
  readonly message?: string;
}

/** Options of {@link UserPoolMfaSettings}. */
export interface UserPoolMfaSettingsOptions {
  /** Whether MFA is off, optional or required. */
  readonly enforcement: MfaEnforcement;
  /**
   * TOTP (authenticator apps).
   * @default false
   */
  readonly totp?: boolean;
  /**
   * Email one-time passwords (Essentials or Plus feature plan).
   * @default - no email MFA
   */
  readonly email?: EmailMfaSettings;
  /**
   * SMS one-time passwords.
   * @default - no SMS MFA
   */
  readonly sms?: SmsMfaSettings;
}

/** Properties of {@link UserPoolMfaSettings}. */
export interface UserPoolMfaSettingsProps extends UserPoolMfaSettingsOptions {
  /** The pool. */
  readonly userPool: cognito.IUserPool;
}

/**
 * A pool's MFA settings through SetUserPoolMfaConfig. One per pool in an app.
 *
 * On a pool this app defines (its `node.defaultChild` is a `CfnUserPool`), the settings are
 * also written into the pool's template (`MfaConfiguration`, `EnabledMfas`, the email and SMS
 * authentication messages, the SMS configuration), so that CloudFormation's next update of the
 * pool sends the same configuration instead of undoing it. Leave the pool's own `mfa` at its
 * default (or OFF); anything else the pool declares differently is refused. Email as the only
 * factor is refused there: CloudFormation cannot create such a pool (aws-cdk #32615).
 *
 * For a pool managed outside this app, the settings are sent by the custom resource only; the
 * pool's own manager (another app or stack) must not declare MFA. Removing the construct
 * leaves the settings in the pool.
 */
export class UserPoolMfaSettings extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolMfaSettings';

  constructor(scope: Construct, id: string, props: UserPoolMfaSettingsProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolMfaSettings.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, enforcement: enumOf(MfaEnforcement, 'MfaEnforcement') });
    const factors = [props.totp && 'totp', props.email && 'email', props.sms && 'sms'].filter(Boolean);
    if (props.enforcement !== MfaEnforcement.OFF && factors.length === 0) {
      fail(this, 'enforcement', props.enforcement, 'OFF when no factor (totp, email, sms) is enabled');
    }
    checkLength(this, 'email.subject', props.email?.subject, 1, 140);
    checkLength(this, 'email.message', props.email?.message, 6, 20000);
    checkContains(this, 'email.message', props.email?.message, ['{####}']);
    checkLength(this, 'sms.message', props.sms?.message, 6, 140);
    checkContains(this, 'sms.message', props.sms?.message, ['{####}']);
    claimSetting(this, {
      kind: 'pool MFA configuration',
      setting: `the MFA configuration of the pool ${props.userPool.node.path}`,
      key: props.userPool.userPoolId,
      property: 'userPool',
      value: props.userPool.node.path,
    });
    const cfnPool = props.userPool.node.defaultChild;
    const messages = cfnPool instanceof cognito.CfnUserPool ? writeIntoPool(this, cfnPool, props) : {};

    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, POOL_MFA_ACTIONS);
    // Cognito checks that the caller may pass the SNS role; to Cognito only.
    if (props.sms) grantPassRoleTo(props.sms.snsRole, provider.handlerRole, COGNITO_SERVICE);
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoUserPoolMfa',
      properties: {
        UserPoolId: props.userPool.userPoolId,
        MfaConfiguration: props.enforcement,
        Totp: props.totp ?? false,
        Email: props.email ? { Subject: messages.emailSubject ?? props.email.subject, Message: messages.emailMessage ?? props.email.message } : undefined,
        Sms: props.sms ? {
          SnsCallerArn: props.sms.snsRole.roleArn,
          ExternalId: props.sms.externalId,
          SnsRegion: props.sms.snsRegion,
          Message: messages.smsMessage ?? props.sms.message,
        } : undefined,
      },
    });
  }
}

/** Messages the pool declares that the settings leave unset: both sides then send the pool's. */
interface PoolMessages {
  readonly emailMessage?: string;
  readonly emailSubject?: string;
  readonly smsMessage?: string;
}

/** The factors as the pool's `EnabledMfas` names them. */
function enabledMfas(props: UserPoolMfaSettingsProps): string[] {
  return [props.sms && 'SMS_MFA', props.totp && 'SOFTWARE_TOKEN_MFA', props.email && 'EMAIL_OTP'].filter((f): f is string => !!f).sort();
}

/**
 * Makes the pool's template say what the settings say, so that the two writers of the pool's
 * MFA (CloudFormation on every pool update, SetUserPoolMfaConfig here) agree. A pool that
 * declares MFA of its own (other than the defaults) is refused rather than overwritten.
 */
function writeIntoPool(scope: Construct, cfn: cognito.CfnUserPool, props: UserPoolMfaSettingsProps): PoolMessages {
  const pool = props.userPool.node.path;
  const factors = props.enforcement === MfaEnforcement.OFF ? [] : enabledMfas(props);
  if (factors.length === 1 && factors[0] === 'EMAIL_OTP') {
    fail(scope, 'email', 'EMAIL_OTP as the only factor', `another factor as well (totp or sms) on a pool this app defines (${pool}): CloudFormation cannot create a pool whose only MFA factor is email (aws-cdk #32615), and it would undo any other setting at the pool's next update; declare the settings for a pool managed outside this app instead`);
  }
  const declaredMode = cfn.mfaConfiguration ?? 'OFF';
  const declaredFactors = [...cfn.enabledMfas ?? []].sort();
  const isDefault = (declaredMode === 'OFF' && declaredFactors.length === 0)
    || (declaredMode === 'ON' && declaredFactors.join() === 'SOFTWARE_TOKEN_MFA');
  const isSame = declaredMode === props.enforcement && declaredFactors.join() === factors.join();
  if (!isDefault && !isSame) {
    fail(scope, 'userPool', pool, `a pool whose own mfa is left at its default or OFF (${pool} declares MfaConfiguration ${declaredMode} with ${describeValue(declaredFactors)}; these settings declare ${props.enforcement} with ${describeValue(factors)})`);
  }
  cfn.mfaConfiguration = props.enforcement;
  cfn.enabledMfas = factors.length > 0 ? factors : undefined;

  const emailMessage = agree(scope, 'email.message', props.email?.message, cfn.emailAuthenticationMessage, `${pool} emailAuthenticationMessage`);
  const emailSubject = agree(scope, 'email.subject', props.email?.subject, cfn.emailAuthenticationSubject, `${pool} emailAuthenticationSubject`);
  const smsMessage = agree(scope, 'sms.message', props.sms?.message, cfn.smsAuthenticationMessage, `${pool} mfaMessage`);
  if (props.email) {
    cfn.emailAuthenticationMessage = emailMessage;
    cfn.emailAuthenticationSubject = emailSubject;
  }
  if (props.sms) {
    cfn.smsAuthenticationMessage = smsMessage;
    const sms = { snsCallerArn: props.sms.snsRole.roleArn, externalId: props.sms.externalId, snsRegion: props.sms.snsRegion };
    const stack = Stack.of(cfn);
    // SetUserPoolMfaConfig sets the pool's SMS configuration too: one role for both.
    if (cfn.smsConfiguration === undefined) {
      cfn.smsConfiguration = sms;
    } else if (JSON.stringify(stack.resolve(cfn.smsConfiguration)) !== JSON.stringify(stack.resolve(sms))) {
      fail(scope, 'sms.snsRole', props.sms.snsRole.node.path, `the SMS configuration the pool ${pool} declares (${JSON.stringify(stack.resolve(cfn.smsConfiguration))}), or a pool without one`);
    }
  }
  return props.email || props.sms ? { emailMessage, emailSubject, smsMessage } : {};
}

/** One value for a message both the settings and the pool may declare; two different ones are refused. */
function agree(scope: Construct, property: string, ours: string | undefined, pools: string | undefined, poolProperty: string): string | undefined {
  if (ours !== undefined && pools !== undefined && ours !== pools) {
    fail(scope, property, ours, `the value ${poolProperty} declares (${describeValue(pools)}), or unset on one side`);
  }
  return ours ?? pools;
}
