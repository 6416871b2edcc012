import { App, Duration, Stack, StackProps, Tags, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { IssuerType, PasskeyFactorConfiguration, UserPool } from '../lib';
import { addFullClients } from './full/clients';
import { addFullFederationAndGroups } from './full/federation-groups';

/**
 * A pool that sets every user pool setting this library supports, through the library only.
 *
 * `pool` signs users in by username with email, phone and preferred-username aliases and
 * verifies by code; `emailSignInPool` covers what cannot share a pool with that: email as the
 * username itself and verification by link. Other examples add clients, domains, identity
 * providers, groups and resource servers to `pool`.
 */
export class FullPoolStack extends Stack {
  /** The pool with every setting. */
  public readonly pool: UserPool;
  /** A pool whose username is the email address, verified by a link. */
  public readonly emailSignInPool: UserPool;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // One function serves every trigger; its role may only write its own log group.
    const triggerLogs = new logs.LogGroup(this, 'TriggerLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const triggerRole = new iam.Role(this, 'TriggerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    triggerLogs.grantWrite(triggerRole);
    const trigger = new lambda.Function(this, 'Trigger', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
      role: triggerRole,
      logGroup: triggerLogs,
    });
    // Cognito invokes the alias, so provisioned concurrency on it applies to sign-in.
    const live = new lambda.Alias(this, 'TriggerLive', { aliasName: 'live', version: trigger.currentVersion });
    const senderKey = new kms.Key(this, 'CustomSenderKey', { enableKeyRotation: true });
    const poolKey = new kms.Key(this, 'PoolKey', { enableKeyRotation: true });
    const smsRole = new iam.Role(this, 'SnsRole', {
      assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com', { conditions: { StringEquals: { 'sts:ExternalId': 'full-pool-sns' } } }),
    });
    const email = cognito.UserPoolEmail.withSES({
      fromEmail: 'no-reply@example.com',
      fromName: 'Example',
      replyTo: 'support@example.com',
      sesVerifiedDomain: 'example.com',
      configurationSetName: 'cognito',
    });

    this.pool = new UserPool(this, 'Pool', {
      userPoolName: 'full-pool',
      featurePlan: cognito.FeaturePlan.PLUS,
      selfSignUpEnabled: true,
      signInAliases: { username: true, email: true, phone: true, preferredUsername: true },
      signInCaseSensitive: false,
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        givenName: { required: false, mutable: true },
      },
      customAttributes: {
        tier: new cognito.StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        score: new cognito.NumberAttribute({ min: 0, max: 1000, mutable: true }),
      },
      developerOnlyAttributes: ['score'],
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 12,
      },
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true, smsOtp: true, passkey: true } },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: true, email: true },
      mfaMessage: 'Your sign-in code is {####}',
      passkeyRelyingPartyId: 'auth.example.com',
      passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
      passkeyFactorConfiguration: PasskeyFactorConfiguration.MULTI_FACTOR_WITH_USER_VERIFICATION,
      email,
      emailAuthenticationMessage: 'Your one-time code is {####}',
      emailAuthenticationSubject: 'Your one-time code',
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: 'Verify your email',
        emailBody: 'Your verification code is {####}',
        smsMessage: 'Your verification code is {####}',
      },
      userInvitation: {
        emailSubject: 'Welcome',
        emailBody: 'Hello {username}, your temporary password is {####}',
        smsMessage: 'Hello {username}, your temporary password is {####}',
      },
      smsRole,
      smsRoleExternalId: 'full-pool-sns',
      snsRegion: 'us-east-1',
      endUserMessagingSms: {
        configurationSetName: 'cognito-sms',
        originationIdentity: '+15555550100',
        region: 'us-east-1',
        indiaEntityId: '1101000000000000001',
        indiaTemplateId: '1107000000000000001',
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customThreatProtectionMode: cognito.CustomThreatProtectionMode.FULL_FUNCTION,
      issuerType: IssuerType.UPDATED,
      encryptionKey: poolKey,
      customSenderKmsKey: senderKey,
      lambdaTriggers: {
        createAuthChallenge: live,
        customEmailSender: trigger,
        customMessage: live,
        customSmsSender: trigger,
        defineAuthChallenge: live,
        postAuthentication: live,
        postConfirmation: live,
        preAuthentication: live,
        preSignUp: live,
        userMigration: live,
        verifyAuthChallengeResponse: live,
      },
      inboundFederationTrigger: live,
      deletionProtection: true,
    });
    this.pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, live, cognito.LambdaVersion.V3_0);
    Tags.of(this.pool).add('data-classification', 'confidential');

    this.emailSignInPool = new UserPool(this, 'EmailSignInPool', {
      userPoolName: 'full-pool-email-sign-in',
      signInAliases: { email: true },
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.LINK,
        emailSubject: 'Confirm your email',
        emailBody: 'Confirm your email: {##Verify##}',
      },
    });
    Validations.of(this.emailSignInPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show email sign-in verified by a link; the stack\'s main pool is on Plus.',
    });
  }
}

export function addFullPool(app: App): FullPoolStack {
  const stack = new FullPoolStack(app, 'FullPool', {
    env: { account: '123456789012', region: 'us-east-1' },
    tags: { project: 'cdk-cognito-userpools-examples' },
  });
  // Clients and domains of the same pool: every UserPoolClient and UserPoolDomain property path.
  addFullClients(stack, stack.pool);
  // Identity providers, groups and a resource server: every property path of those types.
  addFullFederationAndGroups(stack, stack.pool);
  return stack;
}
