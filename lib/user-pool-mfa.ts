import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { POOL_MFA_ACTIONS } from './private/cognito-actions';
import { COGNITO_SERVICE, grantPassRoleTo } from './private/pass-role';
import { CognitoProvider } from './private/provider';
import { checkContains, checkLength, fail } from './private/validation';

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
 * A pool's MFA settings through SetUserPoolMfaConfig, for what CloudFormation cannot express
 * (a pool whose only factor is email OTP, aws-cdk #32615). Sent again only when they change.
 * Leave the pool's own `mfa` settings at their defaults when you use this construct; removing
 * the construct leaves the settings in the pool.
 */
export class UserPoolMfaSettings extends Construct {
  constructor(scope: Construct, id: string, props: UserPoolMfaSettingsProps) {
    super(scope, id);
    const factors = [props.totp && 'totp', props.email && 'email', props.sms && 'sms'].filter(Boolean);
    if (props.enforcement !== MfaEnforcement.OFF && factors.length === 0) {
      fail(this, 'enforcement', props.enforcement, 'OFF when no factor (totp, email, sms) is enabled');
    }
    checkLength(this, 'email.subject', props.email?.subject, 1, 140);
    checkLength(this, 'email.message', props.email?.message, 6, 20000);
    checkContains(this, 'email.message', props.email?.message, ['{####}']);
    checkLength(this, 'sms.message', props.sms?.message, 6, 140);
    checkContains(this, 'sms.message', props.sms?.message, ['{####}']);

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
        Email: props.email ? { Subject: props.email.subject, Message: props.email.message } : undefined,
        Sms: props.sms ? {
          SnsCallerArn: props.sms.snsRole.roleArn,
          ExternalId: props.sms.externalId,
          SnsRegion: props.sms.snsRegion,
          Message: props.sms.message,
        } : undefined,
      },
    });
  }
}
