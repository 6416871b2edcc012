import { Annotations, Duration, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import type { UserPoolProps } from '../user-pool';
import { STANDARD_NUMBER_ATTRIBUTES, STANDARD_STRING_ATTRIBUTES } from './pool-settings';
import { checkContains, checkLength, checkMaxItems, checkPattern, checkRange, fail, isUnresolved } from './validation';

/**
 * Synth-time checks of a user pool's props against Cognito's documented constraints.
 *
 * They run before aws-cdk-lib's constructor, so that bad input gets this library's error
 * format (construct path, property, value received, what is allowed) rather than the L2's.
 */

/** The standard (OIDC) attributes Cognito defines; a custom attribute may not reuse their names. */
export const STANDARD_ATTRIBUTE_NAMES: readonly string[] = [
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name',
  'identities', 'locale', 'middle_name', 'name', 'nickname', 'phone_number',
  'phone_number_verified', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at',
  'website', 'zoneinfo',
];

const CODE = '{####}';
const USERNAME = '{username}';
const LINK = /\{##[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*##\}/u;
const MAX_CUSTOM_ATTRIBUTES = 50;

/** The props these checks read (a type-only import: no runtime cycle with user-pool.ts). */
type UserPoolValidationInput = UserPoolProps;

/**
 * @param awsCdkLibDefaults under aws-cdk-lib's defaults (the compatibility switch), a custom
 * attribute named like a standard one is accepted, as aws-cdk-lib and Cognito accept it (see
 * `warnStandardNamedCustomAttributes`), so that a deployed pool that has one can swap its import.
 */
export function validateUserPoolProps(scope: IConstruct, props: UserPoolValidationInput, awsCdkLibDefaults = false): void {
  checkLength(scope, 'userPoolName', props.userPoolName, 1, 128);
  checkPattern(scope, 'userPoolName', props.userPoolName, /^[\w\s+=,.@-]+$/, 'letters, digits, spaces and + = , . @ - _');
  validateCustomAttributes(scope, props, awsCdkLibDefaults);
  validateStandardConstraints(scope, props);
  validatePasswordPolicy(scope, props);
  validateMessages(scope, props);
  validatePasskeys(scope, props);
  validateMisc(scope, props);
}

/** The id under which a custom attribute named like a standard one is warned about (acknowledgeable). */
export const STANDARD_NAMED_CUSTOM_ATTRIBUTE_WARNING = 'cdk-cognito-userpools:standardNamedCustomAttribute';

/**
 * Under aws-cdk-lib's defaults, a custom attribute named like a standard attribute is written as
 * aws-cdk-lib writes it, with a warning instead of the error this library gives otherwise.
 */
export function warnStandardNamedCustomAttributes(pool: IConstruct, props: UserPoolValidationInput): void {
  for (const name of Object.keys(props.customAttributes ?? {}).filter((n) => STANDARD_ATTRIBUTE_NAMES.includes(n))) {
    Annotations.of(pool).addWarningV2(STANDARD_NAMED_CUSTOM_ATTRIBUTE_WARNING,
      `customAttributes.${name}: "${name}" is a standard attribute, so Cognito creates no custom attribute of that name; `
      + 'it is kept as aws-cdk-lib writes it because of cdk-cognito-userpools:awsCdkLibDefaults. Configure standard attributes with standardAttributes.');
  }
}

function validateCustomAttributes(scope: IConstruct, props: UserPoolValidationInput, awsCdkLibDefaults: boolean): void {
  const names = Object.keys(props.customAttributes ?? {});
  checkMaxItems(scope, 'customAttributes', names, MAX_CUSTOM_ATTRIBUTES);
  for (const name of names) {
    const property = `customAttributes.${name}`;
    checkLength(scope, `${property} (name)`, name, 1, 20);
    checkPattern(scope, `${property} (name)`, name, /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, 'a name of letters, digits, symbols and punctuation, without spaces');
    if (name.startsWith('custom:') || name.startsWith('dev:')) {
      fail(scope, `${property} (name)`, name, 'a name without the "custom:" prefix, which Cognito adds itself');
    }
    if (STANDARD_ATTRIBUTE_NAMES.includes(name) && !awsCdkLibDefaults) {
      fail(scope, `${property} (name)`, name, `a name that is not a standard attribute (${STANDARD_ATTRIBUTE_NAMES.join(', ')}); configure standard attributes with standardAttributes`);
    }
    const config = props.customAttributes![name].bind();
    checkStringConstraints(scope, property, config.stringConstraints);
    checkNumberConstraints(scope, property, config.numberConstraints);
  }
  for (const name of props.developerOnlyAttributes ?? []) {
    if (isUnresolved(name)) continue;
    if (!names.includes(name)) {
      fail(scope, 'developerOnlyAttributes', name, `the name of a custom attribute of this pool (${names.length ? names.join(', ') : 'none defined'})`);
    }
  }
}

function checkStringConstraints(scope: IConstruct, property: string, str: cognito.StringAttributeConstraints | undefined): void {
  if (!str) return;
  checkRange(scope, `${property}.minLen`, str.minLen, 0, 2048);
  checkRange(scope, `${property}.maxLen`, str.maxLen, 0, 2048);
  if (isKnown(str.minLen) && isKnown(str.maxLen) && str.minLen! > str.maxLen!) {
    fail(scope, `${property}.minLen`, str.minLen, `a minimum no greater than maxLen (${str.maxLen})`);
  }
}

function checkNumberConstraints(scope: IConstruct, property: string, num: cognito.NumberAttributeConstraints | undefined): void {
  if (num && isKnown(num.min) && isKnown(num.max) && num.min! > num.max!) {
    fail(scope, `${property}.min`, num.min, `a minimum no greater than max (${num.max})`);
  }
}

function validateStandardConstraints(scope: IConstruct, props: UserPoolValidationInput): void {
  const constraints = props.standardAttributeConstraints;
  if (!constraints) return;
  for (const [key, value] of Object.entries(constraints)) {
    const property = `standardAttributeConstraints.${key}`;
    if (value === undefined) continue;
    if (STANDARD_STRING_ATTRIBUTES[key]) {
      checkStringConstraints(scope, property, value);
    } else if (STANDARD_NUMBER_ATTRIBUTES[key]) {
      checkNumberConstraints(scope, property, value);
    } else {
      // Boolean attributes (emailVerified, phoneNumberVerified) take no constraints.
      fail(scope, property, key, `a standard attribute of type String (${Object.keys(STANDARD_STRING_ATTRIBUTES).join(', ')}) or lastUpdateTime (Number)`);
    }
  }
}

function validatePasswordPolicy(scope: IConstruct, props: UserPoolValidationInput): void {
  const policy = props.passwordPolicy;
  checkRange(scope, 'passwordPolicy.minLength', policy?.minLength, 6, 99);
  checkRange(scope, 'passwordPolicy.passwordHistorySize', policy?.passwordHistorySize, 0, 24);
  const validity = days(policy?.tempPasswordValidity);
  checkRange(scope, 'passwordPolicy.tempPasswordValidity', validity, 0, 365, 'days');
  checkRange(scope, 'unusedAccountValidityDays', props.unusedAccountValidityDays, 0, 365, 'days');
  if (props.unusedAccountValidityDays !== undefined && policy?.tempPasswordValidity !== undefined) {
    fail(scope, 'unusedAccountValidityDays', props.unusedAccountValidityDays,
      'no value when passwordPolicy.tempPasswordValidity is set (Cognito ignores the legacy setting; use tempPasswordValidity alone)');
  }
}

function validateMessages(scope: IConstruct, props: UserPoolValidationInput): void {
  const verification = props.userVerification;
  if (verification) {
    const link = verification.emailStyle === cognito.VerificationEmailStyle.LINK;
    checkLength(scope, 'userVerification.emailSubject', verification.emailSubject, 1, 140);
    checkLength(scope, 'userVerification.emailBody', verification.emailBody, 6, 20000);
    if (link) {
      checkPattern(scope, 'userVerification.emailBody', verification.emailBody, LINK, 'a template that contains a link placeholder {##...##}');
    } else {
      checkContains(scope, 'userVerification.emailBody', verification.emailBody, [CODE]);
    }
    checkLength(scope, 'userVerification.smsMessage', verification.smsMessage, 6, 140);
    checkContains(scope, 'userVerification.smsMessage', verification.smsMessage, [CODE]);
  }
  validateVerificationEmails(scope, props);
  const invitation = props.userInvitation;
  if (invitation) {
    // Cognito requires {username} in every invitation, but the temporary password {####} only
    // for users who sign in with a password: a pool with a passwordless first factor (email or
    // SMS code, passkey) may invite its users without one.
    const placeholders = allowsPasswordlessSignIn(props) ? [USERNAME] : [USERNAME, CODE];
    checkLength(scope, 'userInvitation.emailSubject', invitation.emailSubject, 1, 140);
    checkLength(scope, 'userInvitation.emailBody', invitation.emailBody, 6, 20000);
    checkContains(scope, 'userInvitation.emailBody', invitation.emailBody, placeholders);
    checkLength(scope, 'userInvitation.smsMessage', invitation.smsMessage, 6, 140);
    checkContains(scope, 'userInvitation.smsMessage', invitation.smsMessage, placeholders);
  }
  checkLength(scope, 'mfaMessage', props.mfaMessage, 6, 140);
  checkContains(scope, 'mfaMessage', props.mfaMessage, [CODE]);
  checkLength(scope, 'emailAuthenticationMessage', props.emailAuthenticationMessage, 6, 20000);
  checkContains(scope, 'emailAuthenticationMessage', props.emailAuthenticationMessage, [CODE]);
  checkLength(scope, 'emailAuthenticationSubject', props.emailAuthenticationSubject, 1, 140);
}

function validateVerificationEmails(scope: IConstruct, props: UserPoolValidationInput): void {
  const emails = props.verificationEmails;
  if (!emails) return;
  checkLength(scope, 'verificationEmails.code.subject', emails.code?.subject, 1, 140);
  checkLength(scope, 'verificationEmails.code.body', emails.code?.body, 6, 20000);
  checkContains(scope, 'verificationEmails.code.body', emails.code?.body, [CODE]);
  checkLength(scope, 'verificationEmails.link.subject', emails.link?.subject, 1, 140);
  checkLength(scope, 'verificationEmails.link.body', emails.link?.body, 6, 20000);
  checkPattern(scope, 'verificationEmails.link.body', emails.link?.body, LINK, 'a template that contains a link placeholder {##...##}');
  // The chosen style's email is also userVerification's: one place for each value.
  const style = props.userVerification?.emailStyle === cognito.VerificationEmailStyle.LINK ? 'link' : 'code';
  const chosen = emails[style];
  for (const [part, own] of [['subject', 'emailSubject'], ['body', 'emailBody']] as const) {
    if (chosen?.[part] !== undefined && props.userVerification?.[own] !== undefined) {
      fail(scope, `verificationEmails.${style}.${part}`, chosen[part],
        `no value when userVerification.${own} is set (both set the ${style === 'link' ? 'LINK' : 'CODE'} style's email; set it in one place)`);
    }
  }
}

function validatePasskeys(scope: IConstruct, props: UserPoolValidationInput): void {
  // aws-cdk-lib caps the relying party id at 63 characters (Cognito's API allows 127).
  checkLength(scope, 'passkeyRelyingPartyId', props.passkeyRelyingPartyId, 1, 63);
  checkPattern(scope, 'passkeyRelyingPartyId', props.passkeyRelyingPartyId,
    /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i,
    'a domain name such as auth.example.com (no scheme, port or path)');
  if ((props.passkeyFactorConfiguration as string | undefined) === 'MULTI_FACTOR_WITH_USER_VERIFICATION'
    && props.passkeyUserVerification !== cognito.PasskeyUserVerification.REQUIRED) {
    fail(scope, 'passkeyUserVerification', props.passkeyUserVerification,
      '"required" when passkeyFactorConfiguration is MULTI_FACTOR_WITH_USER_VERIFICATION (only a user-verified passkey counts as two factors)');
  }
  if (props.passkeyFactorConfiguration !== undefined && props.featurePlan === cognito.FeaturePlan.LITE) {
    fail(scope, 'featurePlan', props.featurePlan, 'ESSENTIALS or PLUS when passkeyFactorConfiguration is set');
  }
}

function validateMisc(scope: IConstruct, props: UserPoolValidationInput): void {
  checkPattern(scope, 'snsRegion', props.snsRegion, /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS Region code such as us-east-1');
  checkLength(scope, 'smsRoleExternalId', props.smsRoleExternalId, 1, 1224);
  // deviceTracking: Cognito accepts every combination with every MFA setting (with MFA off,
  // a remembered device has no MFA prompt to replace; MFA may also come from UserPoolMfaSettings).
  const eums = props.endUserMessagingSms;
  if (eums) {
    checkPattern(scope, 'endUserMessagingSms.region', eums.region, /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS Region code such as ap-south-1');
    checkLength(scope, 'endUserMessagingSms.externalId', eums.externalId, 1, 1224);
    checkLength(scope, 'endUserMessagingSms.configurationSetName', eums.configurationSetName, 1, 64);
    checkLength(scope, 'endUserMessagingSms.originationIdentity', eums.originationIdentity, 1, 256);
    if ((eums.indiaEntityId === undefined) !== (eums.indiaTemplateId === undefined)) {
      const missing = eums.indiaEntityId === undefined ? 'indiaEntityId' : 'indiaTemplateId';
      fail(scope, `endUserMessagingSms.${missing}`, undefined, 'both indiaEntityId and indiaTemplateId (India DLT registration needs the pair)');
    }
  }
}

/** The pool's own checks that need the constructed L1 (e.g. the resolved email configuration). */
export function validateEmailAuthentication(scope: IConstruct, props: UserPoolValidationInput, emailSendingAccount: string | undefined): void {
  const set = props.emailAuthenticationMessage !== undefined ? 'emailAuthenticationMessage'
    : props.emailAuthenticationSubject !== undefined ? 'emailAuthenticationSubject' : undefined;
  if (set && emailSendingAccount !== 'DEVELOPER') {
    fail(scope, set, (props as Record<string, unknown>)[set],
      'a custom email OTP message only with Amazon SES sending (email: UserPoolEmail.withSES(...))');
  }
}

/** The KMS key a pool is encrypted with must be a key ARN (not an alias). */
export function validateKeyArn(scope: IConstruct, property: string, arn: string): void {
  checkPattern(scope, property, arn, /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/,
    'the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>; alias ARNs are not accepted)');
}

function allowsPasswordlessSignIn(props: UserPoolValidationInput): boolean {
  const factors = props.signInPolicy?.allowedFirstAuthFactors;
  return factors !== undefined && (factors.emailOtp === true || factors.smsOtp === true || factors.passkey === true);
}

function isKnown(value: number | undefined): boolean {
  return value !== undefined && !Token.isUnresolved(value);
}

function days(duration: Duration | undefined): number | undefined {
  if (duration === undefined) return undefined;
  try {
    const value = duration.toDays({ integral: false });
    return Token.isUnresolved(value) ? undefined : value;
  } catch {
    return undefined; // a token duration in another unit cannot be converted at synth
  }
}
