import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PasskeyFactorConfiguration, UserPool, UserPoolProps } from '../../lib';
import { ValidationCase } from './case';

const pool = (props: UserPoolProps) => (stack: Stack) => {
  new UserPool(stack, 'Pool', props);
};

const ses = () => cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesVerifiedDomain: 'example.com' });

const manyAttributes = (n: number) => Object.fromEntries(
  Array.from({ length: n }, (_, i) => [`attr${i}`, new cognito.StringAttribute()]),
);

export const cases: ValidationCase[] = [
  {
    name: 'pool name longer than 128 characters',
    build: pool({ userPoolName: 'p'.repeat(129) }),
    error: `[Stack/Pool] userPoolName: received "${'p'.repeat(129)}"; allowed: 1 to 128 characters (got 129).`,
  },
  {
    name: 'pool name with a forbidden character',
    build: pool({ userPoolName: 'my/pool' }),
    error: '[Stack/Pool] userPoolName: received "my/pool"; allowed: letters, digits, spaces and + = , . @ - _.',
  },
  {
    name: 'custom attribute named like the standard attribute email',
    build: pool({ customAttributes: { email: new cognito.StringAttribute() } }),
    error: '[Stack/Pool] customAttributes.email (name): received "email"; allowed: a name that is not a standard attribute',
  },
  {
    name: 'custom attribute named like the standard attribute phone_number',
    build: pool({ customAttributes: { phone_number: new cognito.StringAttribute() } }),
    error: '[Stack/Pool] customAttributes.phone_number (name): received "phone_number"; allowed: a name that is not a standard attribute',
  },
  {
    name: 'custom attribute name longer than 20 characters',
    build: pool({ customAttributes: { abcdefghijklmnopqrstu: new cognito.StringAttribute() } }),
    error: '[Stack/Pool] customAttributes.abcdefghijklmnopqrstu (name): received "abcdefghijklmnopqrstu"; allowed: 1 to 20 characters (got 21).',
  },
  {
    name: 'custom attribute name with a space',
    build: pool({ customAttributes: { 'my attr': new cognito.StringAttribute() } }),
    error: '[Stack/Pool] customAttributes.my attr (name): received "my attr"; allowed: a name of letters, digits, symbols and punctuation, without spaces.',
  },
  {
    name: 'custom attribute name with the custom: prefix',
    build: pool({ customAttributes: { 'custom:tier': new cognito.StringAttribute() } }),
    error: '[Stack/Pool] customAttributes.custom:tier (name): received "custom:tier"; allowed: a name without the "custom:" prefix, which Cognito adds itself.',
  },
  {
    name: 'more than 50 custom attributes',
    build: pool({ customAttributes: manyAttributes(51) }),
    error: '[Stack/Pool] customAttributes: received "51 items"; allowed: at most 50 items.',
  },
  {
    name: 'string attribute minimum length over 2048',
    build: pool({ customAttributes: { bio: new cognito.StringAttribute({ minLen: 3000 }) } }),
    error: '[Stack/Pool] customAttributes.bio.minLen: received 3000; allowed: an integer from 0 to 2048.',
  },
  {
    name: 'string attribute minimum length above its maximum',
    build: pool({ customAttributes: { bio: new cognito.StringAttribute({ minLen: 10, maxLen: 5 }) } }),
    error: '[Stack/Pool] customAttributes.bio.minLen: received 10; allowed: a minimum no greater than maxLen (5).',
  },
  {
    name: 'number attribute minimum above its maximum',
    build: pool({ customAttributes: { score: new cognito.NumberAttribute({ min: 100, max: 1 }) } }),
    error: '[Stack/Pool] customAttributes.score.min: received 100; allowed: a minimum no greater than max (1).',
  },
  {
    name: 'developer-only attribute that is not a custom attribute',
    build: pool({ customAttributes: { tier: new cognito.StringAttribute() }, developerOnlyAttributes: ['score'] }),
    error: '[Stack/Pool] developerOnlyAttributes: received "score"; allowed: the name of a custom attribute of this pool (tier).',
  },
  {
    name: 'password minimum length under 6',
    build: pool({ passwordPolicy: { minLength: 5 } }),
    error: '[Stack/Pool] passwordPolicy.minLength: received 5; allowed: an integer from 6 to 99.',
  },
  {
    name: 'password minimum length over 99',
    build: pool({ passwordPolicy: { minLength: 100 } }),
    error: '[Stack/Pool] passwordPolicy.minLength: received 100; allowed: an integer from 6 to 99.',
  },
  {
    name: 'password history size over 24',
    build: pool({ passwordPolicy: { passwordHistorySize: 25 } }),
    error: '[Stack/Pool] passwordPolicy.passwordHistorySize: received 25; allowed: an integer from 0 to 24.',
  },
  {
    name: 'temporary password validity over 365 days',
    build: pool({ passwordPolicy: { tempPasswordValidity: Duration.days(366) } }),
    error: '[Stack/Pool] passwordPolicy.tempPasswordValidity: received 366; allowed: an integer from 0 days to 365 days.',
  },
  {
    name: 'temporary password validity not a whole number of days',
    build: pool({ passwordPolicy: { tempPasswordValidity: Duration.hours(36) } }),
    error: '[Stack/Pool] passwordPolicy.tempPasswordValidity: received 1.5; allowed: an integer from 0 days to 365 days.',
  },
  {
    name: 'unused account validity over 365 days',
    build: pool({ unusedAccountValidityDays: 400 }),
    error: '[Stack/Pool] unusedAccountValidityDays: received 400; allowed: an integer from 0 days to 365 days.',
  },
  {
    name: 'unused account validity together with a temporary password validity',
    build: pool({ unusedAccountValidityDays: 7, passwordPolicy: { tempPasswordValidity: Duration.days(7) } }),
    error: '[Stack/Pool] unusedAccountValidityDays: received 7; allowed: no value when passwordPolicy.tempPasswordValidity is set',
  },
  {
    name: 'verification email body without the code placeholder',
    build: pool({ userVerification: { emailBody: 'Welcome!' } }),
    error: '[Stack/Pool] userVerification.emailBody: received "Welcome!"; allowed: a template that contains {####} (missing {####}).',
  },
  {
    name: 'verification link email without a link placeholder',
    build: pool({ userVerification: { emailStyle: cognito.VerificationEmailStyle.LINK, emailBody: 'Click the link' } }),
    error: '[Stack/Pool] userVerification.emailBody: received "Click the link"; allowed: a template that contains a link placeholder {##...##}.',
  },
  {
    name: 'verification email subject longer than 140 characters',
    build: pool({ userVerification: { emailSubject: 's'.repeat(141) } }),
    error: `[Stack/Pool] userVerification.emailSubject: received "${'s'.repeat(141)}"; allowed: 1 to 140 characters (got 141).`,
  },
  {
    name: 'verification email body longer than 20,000 characters',
    build: pool({ userVerification: { emailBody: '{####}' + 'b'.repeat(20000) } }),
    error: '[Stack/Pool] userVerification.emailBody: received "{####}bbb',
  },
  {
    name: 'verification SMS without the code placeholder',
    build: pool({ userVerification: { smsMessage: 'Welcome to the app' } }),
    error: '[Stack/Pool] userVerification.smsMessage: received "Welcome to the app"; allowed: a template that contains {####} (missing {####}).',
  },
  {
    name: 'verification SMS longer than 140 characters',
    build: pool({ userVerification: { smsMessage: '{####}' + 'x'.repeat(135) } }),
    error: '[Stack/Pool] userVerification.smsMessage: received "{####}xxx',
  },
  {
    name: 'invitation email without the username placeholder',
    build: pool({ userInvitation: { emailBody: 'Your password is {####}' } }),
    error: '[Stack/Pool] userInvitation.emailBody: received "Your password is {####}"; allowed: a template that contains {username} and {####} (missing {username}).',
  },
  {
    name: 'invitation SMS without the password placeholder',
    build: pool({ userInvitation: { smsMessage: 'Hello {username}' } }),
    error: '[Stack/Pool] userInvitation.smsMessage: received "Hello {username}"; allowed: a template that contains {username} and {####} (missing {####}).',
  },
  {
    name: 'invitation SMS of a passwordless pool without the username placeholder',
    build: pool({
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true } },
      userInvitation: { smsMessage: 'Welcome aboard' },
    }),
    error: '[Stack/Pool] userInvitation.smsMessage: received "Welcome aboard"; allowed: a template that contains {username} (missing {username}).',
  },
  {
    name: 'empty invitation email subject',
    build: pool({ userInvitation: { emailSubject: '' } }),
    error: '[Stack/Pool] userInvitation.emailSubject: received ""; allowed: 1 to 140 characters (got 0).',
  },
  {
    name: 'MFA SMS message without the code placeholder',
    build: pool({ mfaMessage: 'Your code follows' }),
    error: '[Stack/Pool] mfaMessage: received "Your code follows"; allowed: a template that contains {####} (missing {####}).',
  },
  {
    name: 'MFA SMS message longer than 140 characters',
    build: pool({ mfaMessage: '{####}' + 'm'.repeat(140) }),
    error: '[Stack/Pool] mfaMessage: received "{####}mmm',
  },
  {
    name: 'email OTP message without the code placeholder',
    build: pool({ email: ses(), emailAuthenticationMessage: 'Sign in now' }),
    error: '[Stack/Pool] emailAuthenticationMessage: received "Sign in now"; allowed: a template that contains {####} (missing {####}).',
  },
  {
    name: 'email OTP subject longer than 140 characters',
    build: pool({ email: ses(), emailAuthenticationSubject: 'o'.repeat(141) }),
    error: `[Stack/Pool] emailAuthenticationSubject: received "${'o'.repeat(141)}"; allowed: 1 to 140 characters (got 141).`,
  },
  {
    name: 'email OTP message without Amazon SES sending',
    build: pool({ emailAuthenticationMessage: 'Your code is {####}' }),
    error: '[Stack/Pool] emailAuthenticationMessage: received "Your code is {####}"; allowed: a custom email OTP message only with Amazon SES sending',
  },
  {
    name: 'passkey relying party id with a scheme',
    build: pool({ passkeyRelyingPartyId: 'https://auth.example.com' }),
    error: '[Stack/Pool] passkeyRelyingPartyId: received "https://auth.example.com"; allowed: a domain name such as auth.example.com (no scheme, port or path).',
  },
  {
    name: 'passkey relying party id longer than 63 characters',
    build: pool({ passkeyRelyingPartyId: 'a'.repeat(64) }),
    error: `[Stack/Pool] passkeyRelyingPartyId: received "${'a'.repeat(64)}"; allowed: 1 to 63 characters (got 64).`,
  },
  {
    name: 'passkeys as MFA without required user verification',
    build: pool({
      passkeyFactorConfiguration: PasskeyFactorConfiguration.MULTI_FACTOR_WITH_USER_VERIFICATION,
      passkeyUserVerification: cognito.PasskeyUserVerification.PREFERRED,
    }),
    error: '[Stack/Pool] passkeyUserVerification: received "preferred"; allowed: "required" when passkeyFactorConfiguration is MULTI_FACTOR_WITH_USER_VERIFICATION',
  },
  {
    name: 'passkey factor configuration on the Lite plan',
    build: pool({ passkeyFactorConfiguration: PasskeyFactorConfiguration.SINGLE_FACTOR, featurePlan: cognito.FeaturePlan.LITE }),
    error: '[Stack/Pool] featurePlan: received "LITE"; allowed: ESSENTIALS or PLUS when passkeyFactorConfiguration is set.',
  },
  {
    name: 'encryption key given by an alias ARN',
    build: (stack) => new UserPool(stack, 'Pool', {
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111111111111:alias/pool'),
    }),
    error: '[Stack/Pool] encryptionKey: received "arn:aws:kms:us-east-1:111111111111:alias/pool"; allowed: the ARN of a KMS key',
  },
  {
    name: 'SNS Region that is not a Region code',
    build: pool({ snsRegion: 'Virginia' }),
    error: '[Stack/Pool] snsRegion: received "Virginia"; allowed: an AWS Region code such as us-east-1.',
  },
  {
    name: 'End User Messaging SMS Region that is not a Region code',
    build: pool({ endUserMessagingSms: { region: 'mumbai' } }),
    error: '[Stack/Pool] endUserMessagingSms.region: received "mumbai"; allowed: an AWS Region code such as ap-south-1.',
  },
  {
    name: 'End User Messaging SMS with a DLT entity id but no template id',
    build: pool({ endUserMessagingSms: { indiaEntityId: '1101' } }),
    error: '[Stack/Pool] endUserMessagingSms.indiaTemplateId: received undefined; allowed: both indiaEntityId and indiaTemplateId',
  },
  {
    name: 'End User Messaging SMS with an empty external id',
    build: pool({ endUserMessagingSms: { externalId: '' } }),
    error: '[Stack/Pool] endUserMessagingSms.externalId: received ""; allowed: 1 to 1224 characters (got 0).',
  },
];
