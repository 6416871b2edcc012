import { Duration, Lazy, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { UserPoolGrants } from './grants';
import { UserPoolMetrics } from './metrics';
import { LogDelivery, LogDeliveryOptions } from './log-delivery';
import { ManagedLoginBranding, ManagedLoginBrandingOptions } from './branding';
import { UserPoolReplica, UserPoolReplicaOptions } from './replicas';
import { RiskConfiguration, RiskConfigurationOptions } from './risk-configuration';
import { Terms, TermsOptions } from './terms';
import { UICustomization, UICustomizationOptions } from './ui-customization';
import { ClientSecretRotation, ClientSecretRotationOptions } from './client-secret-rotation';
import { UserPoolCustomAttributes, UserPoolCustomAttributesOptions } from './custom-attributes';
import { HostedUiLogo, HostedUiLogoOptions } from './hosted-ui-logo';
import { ImmutableSettingsGuard, ImmutableSettingsGuardOptions } from './immutable-settings-guard';
import { UserPoolSessionConfiguration, UserPoolSessionConfigurationOptions } from './session-configuration';
import { SigningCertificate } from './signing-certificate';
import { UserImportJob, UserImportJobOptions } from './user-import-job';
import { UserPoolClient } from './user-pool-client';
import { UserPoolDomain } from './user-pool-domain';
import { UserPoolGroup } from './user-pool-group';
import { UserPoolMfaSettings, UserPoolMfaSettingsOptions } from './user-pool-mfa';
import { UserPoolResourceServer } from './user-pool-resource-server';
import { pendingScope } from './private/pending-scope';
import { usesAwsCdkLibDefaults } from './private/compat';
import { applyPoolSettings } from './private/pool-settings';
import { checkEnumMember, checkRemovalPolicy } from './private/runtime-types';
import { nagResourceName } from './private/nag';
import { sendTextMessageResources } from './private/sms-voice';
import { fail } from './private/validation';
import { User, UserOptions } from './user';
import { Users, UsersOptions } from './users';
import { SharedUserPool, SharedUserPoolOptions } from './sharing/shared-user-pool';
import { lookupUserPool, UserPoolLookupOptions } from './sharing/user-pool-lookup';
import { UserPoolShare, UserPoolShareOptions } from './sharing/user-pool-share';
import { validateEmailAuthentication, validateKeyArn, validateUserPoolProps, warnStandardNamedCustomAttributes } from './private/user-pool-validation';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * Whether a passkey (WebAuthn) sign-in counts as one factor or as two.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
 */
export enum PasskeyFactorConfiguration {
  /** A passkey is one authentication factor; MFA still asks for another. */
  SINGLE_FACTOR = 'SINGLE_FACTOR',
  /** A passkey with user verification (PIN, biometrics) satisfies MFA on its own. */
  MULTI_FACTOR_WITH_USER_VERIFICATION = 'MULTI_FACTOR_WITH_USER_VERIFICATION',
}

/**
 * The issuer (`iss`) URL format of the pool's tokens.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
 */
export enum IssuerType {
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`, served from the pool's Region. */
  ORIGINAL = 'ORIGINAL',
  /**
   * `https://issuer-cognito-idp.<region>.amazonaws.com/<poolId>`, whose keys are served from
   * several Regions; recommended, and needed for multi-Region replicas.
   */
  UPDATED = 'UPDATED',
}

/**
 * Sending SMS messages through AWS End User Messaging SMS instead of Amazon SNS.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_EumsSmsConfigurationType.html
 */
export interface EndUserMessagingSmsConfiguration {
  /**
   * The role Cognito assumes to call `sms-voice:SendTextMessage`.
   *
   * @default - a role trusted by `cognito-idp.amazonaws.com` on condition of the external id,
   * allowed `sms-voice:SendTextMessage`
   */
  readonly role?: iam.IRole;

  /**
   * The external id Cognito passes when it assumes the role (1 to 1224 characters).
   *
   * @default - a unique id derived from the pool's path when the role is created here; none
   * with a role you provide
   */
  readonly externalId?: string;

  /**
   * The End User Messaging configuration set applied to messages (for event destinations).
   *
   * @default - no configuration set
   */
  readonly configurationSetName?: string;

  /**
   * The origination identity (phone number, sender id, pool id or their ARNs) that sends messages.
   *
   * @default - End User Messaging chooses one
   */
  readonly originationIdentity?: string;

  /**
   * The Region of End User Messaging SMS, e.g. `ap-south-1`.
   *
   * @default - the pool's Region
   */
  readonly region?: string;

  /**
   * The principal entity id registered under India's DLT regulations (give it with
   * `indiaTemplateId`).
   *
   * @default - none
   */
  readonly indiaEntityId?: string;

  /**
   * The message template id registered under India's DLT regulations (give it with
   * `indiaEntityId`).
   *
   * @default - none
   */
  readonly indiaTemplateId?: string;
}

/**
 * Length limits of the standard attributes of type String, and the range of `updated_at` (the
 * one standard attribute of type Number), in the pool's schema
 * (`Schema[].StringAttributeConstraints` and `NumberAttributeConstraints`). The keys are those
 * of aws-cdk-lib's `StandardAttributes`; an attribute constrained here and not listed in
 * `standardAttributes` is added to the schema as aws-cdk-lib adds one (mutable, not required).
 */
export interface StandardAttributeConstraints {
  /**
   * `address`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly address?: cognito.StringAttributeConstraints;
  /**
   * `birthdate`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly birthdate?: cognito.StringAttributeConstraints;
  /**
   * `email`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly email?: cognito.StringAttributeConstraints;
  /**
   * `family_name`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly familyName?: cognito.StringAttributeConstraints;
  /**
   * `gender`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly gender?: cognito.StringAttributeConstraints;
  /**
   * `given_name`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly givenName?: cognito.StringAttributeConstraints;
  /**
   * `locale`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly locale?: cognito.StringAttributeConstraints;
  /**
   * `middle_name`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly middleName?: cognito.StringAttributeConstraints;
  /**
   * `name`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly fullname?: cognito.StringAttributeConstraints;
  /**
   * `nickname`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly nickname?: cognito.StringAttributeConstraints;
  /**
   * `phone_number`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly phoneNumber?: cognito.StringAttributeConstraints;
  /**
   * `picture`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly profilePicture?: cognito.StringAttributeConstraints;
  /**
   * `preferred_username`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly preferredUsername?: cognito.StringAttributeConstraints;
  /**
   * `profile`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly profilePage?: cognito.StringAttributeConstraints;
  /**
   * `zoneinfo`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly timezone?: cognito.StringAttributeConstraints;
  /**
   * `website`.
   * @default - Cognito's limits (0 to 2048 characters)
   */
  readonly website?: cognito.StringAttributeConstraints;
  /**
   * `updated_at` (seconds since the epoch, a Number).
   * @default - Cognito's limits (0 and more)
   */
  readonly lastUpdateTime?: cognito.NumberAttributeConstraints;
}

/** The subject and body of one verification email. */
export interface VerificationEmailTemplate {
  /**
   * The subject, 1 to 140 characters.
   * @default - Cognito's default subject
   */
  readonly subject?: string;
  /**
   * The body, 6 to 20,000 characters.
   * @default - Cognito's default body
   */
  readonly body?: string;
}

/**
 * Both verification emails of `VerificationMessageTemplate`: the one with a code and the one
 * with a link. `userVerification.emailStyle` chooses which one Cognito sends.
 */
export interface VerificationEmails {
  /**
   * The email with a verification code; its body contains `{####}`
   * (`EmailSubject`, `EmailMessage`).
   * @default - with the CODE style, `userVerification`'s subject and body; none otherwise
   */
  readonly code?: VerificationEmailTemplate;
  /**
   * The email with a verification link; its body contains a `{##...##}` placeholder
   * (`EmailSubjectByLink`, `EmailMessageByLink`).
   * @default - with the LINK style, `userVerification`'s subject and body; none otherwise
   */
  readonly link?: VerificationEmailTemplate;
}

/**
 * Properties of a {@link UserPool}: everything aws-cdk-lib's `UserPoolProps` offers, with
 * secure defaults, plus every CloudFormation setting aws-cdk-lib's L2 leaves out.
 */
export interface UserPoolProps extends cognito.UserPoolProps {
  /**
   * Whether a passkey sign-in counts as one factor or satisfies MFA by itself.
   * `MULTI_FACTOR_WITH_USER_VERIFICATION` needs `passkeyUserVerification: REQUIRED`.
   *
   * @default - not set; Cognito treats passkeys as a single factor
   */
  readonly passkeyFactorConfiguration?: PasskeyFactorConfiguration;

  /**
   * The body of the email with a one-time code for email MFA and email OTP sign-in; must
   * contain `{####}` (6 to 20,000 characters). Needs Amazon SES sending (`email`).
   *
   * @default - Cognito's default message
   */
  readonly emailAuthenticationMessage?: string;

  /**
   * The subject of the email with a one-time code for email MFA and email OTP sign-in
   * (1 to 140 characters). Needs Amazon SES sending (`email`).
   *
   * @default - Cognito's default subject
   */
  readonly emailAuthenticationSubject?: string;

  /**
   * The format of the issuer URL of the pool's tokens.
   *
   * @default - not set; Cognito uses ORIGINAL
   */
  readonly issuerType?: IssuerType;

  /**
   * A customer-managed KMS key that encrypts the pool's data at rest. Cognito is granted use
   * of the key (for a key defined in the same stack, in its key policy).
   *
   * @default - an AWS-owned key
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * A Lambda function invoked when a user signs in through a federated identity provider,
   * to transform the attributes the provider sent. A function alias or version is accepted:
   * Cognito then invokes exactly that alias or version.
   *
   * @default - no inbound federation trigger
   */
  readonly inboundFederationTrigger?: lambda.IFunction;

  /**
   * Names of custom attributes (keys of `customAttributes`) that only administrators may
   * change (`DeveloperOnlyAttribute`); users can't update them with their access token.
   * Cognito names them `dev:custom:<name>`. For new designs, prefer limiting the write
   * attributes of app clients.
   *
   * @default - no developer-only attributes
   */
  readonly developerOnlyAttributes?: string[];

  /**
   * Days an administrator-created account may stay unused before its temporary password
   * expires (0 to 365).
   *
   * @default - not set
   * @deprecated Cognito no longer uses this setting; use `passwordPolicy.tempPasswordValidity`.
   */
  readonly unusedAccountValidityDays?: number;

  /**
   * Sends SMS messages through AWS End User Messaging SMS instead of Amazon SNS.
   *
   * @default - SMS through Amazon SNS as aws-cdk-lib configures it
   */
  readonly endUserMessagingSms?: EndUserMessagingSmsConfiguration;

  /**
   * Length limits of standard String attributes (e.g. `email` of 5 to 64 characters) and the
   * range of `updated_at`, which aws-cdk-lib's `standardAttributes` cannot set.
   *
   * @default - Cognito's limits
   */
  readonly standardAttributeConstraints?: StandardAttributeConstraints;

  /**
   * Both the code and the link verification emails, whichever `userVerification.emailStyle`
   * chooses (`userVerification` keeps only the chosen style's email). The chosen style's
   * subject and body are set here or in `userVerification`, not in both.
   *
   * @default - only the email of the chosen style, from `userVerification`
   */
  readonly verificationEmails?: VerificationEmails;

  /**
   * Refuses, before the pool is touched, a deployment that makes a change Cognito cannot make on
   * the live pool: sign-in aliases, username attributes, username case sensitivity, required
   * attributes, a custom attribute removed or changed, a standard attribute's mutability,
   * developer-only attributes, or SMS MFA turned off while MFA stays on. Such a change would
   * otherwise fail the stack update or replace the pool with an empty one, the users staying
   * behind in the retained old pool. See `ImmutableSettingsGuard`.
   *
   * It is a custom resource of the stack's provider: with no other custom resource in the stack,
   * `false` saves the provider's two Lambda functions (see the README for the footprint).
   *
   * @default - true; false when the app sets `AwsCdkLibCompatibility.CONTEXT_KEY` (aws-cdk-lib's
   * defaults, which have no guard)
   */
  readonly immutableSettingsGuard?: boolean;

  /**
   * Lets the guard (`immutableSettingsGuard`) pass a change Cognito cannot make on the live pool,
   * for one deployment in which replacing the pool (and losing its users) is intended. Turn it
   * off again after that deployment.
   *
   * @default false
   */
  readonly allowReplacement?: boolean;
}

/**
 * The password policy applied when none is given: long, and with every character class.
 */
const STRONG_PASSWORD_POLICY: cognito.PasswordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidity: Duration.days(3),
};

const COGNITO = 'cognito-idp.amazonaws.com';

/** Cognito ignores the legacy unused-account validity once a temporary password validity is set. */
function defaultPasswordPolicy(props: UserPoolProps): cognito.PasswordPolicy {
  if (props.unusedAccountValidityDays === undefined) return STRONG_PASSWORD_POLICY;
  const { tempPasswordValidity: _ignored, ...rest } = STRONG_PASSWORD_POLICY;
  return rest;
}

/**
 * A Cognito user pool with secure defaults: MFA required (TOTP), a strong password policy,
 * deletion protection on, the pool retained when the stack is deleted, and a guard that stops a
 * deployment changing a setting Cognito cannot change on the live pool.
 * With the context key `AwsCdkLibCompatibility.CONTEXT_KEY` set, every default is aws-cdk-lib's
 * instead (no MFA, no password policy, no deletion protection, no guard, stack tags not
 * copied onto `UserPoolTags`); props set explicitly win in both modes.
 *
 * Extends aws-cdk-lib's `UserPool`, so every CDK integration that takes an `IUserPool`
 * accepts it, and adds every CloudFormation setting aws-cdk-lib leaves out.
 */
export class UserPool extends cognito.UserPool {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPool';
  /** The operation of the inbound federation trigger, for `addTrigger`. */
  public static readonly INBOUND_FEDERATION = cognito.UserPoolOperation.of('inboundFederation');

  /**
   * A pool published with `share` (a `UserPoolShare`) in another stack, app or account, read
   * from its SSM parameters when this stack deploys: no `Fn::ImportValue`, so the two stacks
   * deploy independently. From another account (`account`), the parameters must be shared with
   * this account through AWS RAM and are read by ARN in this stack's Region.
   */
  public static fromSharedParameters(scope: Construct, id: string, options: SharedUserPoolOptions): SharedUserPool {
    return new SharedUserPool(scope, id, options);
  }

  /**
   * Looks a pool up by name in the stack's account and Region at synth (Cloud Control API),
   * cached in `cdk.context.json` like aws-cdk-lib's other lookups. Exactly one pool must have
   * the name.
   */
  public static fromLookup(scope: Construct, id: string, options: UserPoolLookupOptions): cognito.IUserPool {
    return lookupUserPool(scope, id, options);
  }

  private inboundFederation?: lambda.IFunction;

  constructor(scope: Construct, id: string, props: UserPoolProps = {}) {
    props = applyPropertyInjectors(scope, id, props, UserPool.PROPERTY_INJECTION_ID, cognito.UserPool.PROPERTY_INJECTION_ID);
    const pending = pendingScope(scope, id);
    const awsCdkLibDefaults = usesAwsCdkLibDefaults(scope, id);
    checkEnumMember(pending, 'featurePlan', props.featurePlan, cognito.FeaturePlan, 'FeaturePlan');
    checkEnumMember(pending, 'mfa', props.mfa, cognito.Mfa, 'Mfa');
    checkEnumMember(pending, 'accountRecovery', props.accountRecovery, cognito.AccountRecovery, 'AccountRecovery');
    checkEnumMember(pending, 'standardThreatProtectionMode', props.standardThreatProtectionMode, cognito.StandardThreatProtectionMode, 'StandardThreatProtectionMode');
    checkEnumMember(pending, 'customThreatProtectionMode', props.customThreatProtectionMode, cognito.CustomThreatProtectionMode, 'CustomThreatProtectionMode');
    checkEnumMember(pending, 'advancedSecurityMode', props.advancedSecurityMode, cognito.AdvancedSecurityMode, 'AdvancedSecurityMode');
    checkEnumMember(pending, 'passkeyUserVerification', props.passkeyUserVerification, cognito.PasskeyUserVerification, 'PasskeyUserVerification');
    checkEnumMember(pending, 'passkeyFactorConfiguration', props.passkeyFactorConfiguration, PasskeyFactorConfiguration, 'PasskeyFactorConfiguration');
    checkEnumMember(pending, 'issuerType', props.issuerType, IssuerType, 'IssuerType');
    checkEnumMember(pending, 'userVerification.emailStyle', props.userVerification?.emailStyle, cognito.VerificationEmailStyle, 'VerificationEmailStyle');
    checkRemovalPolicy(pending, 'removalPolicy', props.removalPolicy);
    validateUserPoolProps(pendingScope(scope, id), props, awsCdkLibDefaults);
    super(scope, id, awsCdkLibDefaults ? props : withSecureDefaults(props));

    const cfn = this.node.defaultChild as cognito.CfnUserPool;
    if (awsCdkLibDefaults) warnStandardNamedCustomAttributes(this, props);
    validateEmailAuthentication(this, props, this.emailSendingAccount(cfn));

    cfn.webAuthnFactorConfiguration = props.passkeyFactorConfiguration;
    cfn.emailAuthenticationMessage = props.emailAuthenticationMessage;
    cfn.emailAuthenticationSubject = props.emailAuthenticationSubject;
    if (props.issuerType) cfn.issuerConfiguration = { type: props.issuerType };
    if (props.encryptionKey) this.encryptWith(cfn, props.encryptionKey);
    if (props.unusedAccountValidityDays !== undefined) {
      cfn.adminCreateUserConfig = {
        ...cfn.adminCreateUserConfig as cognito.CfnUserPool.AdminCreateUserConfigProperty,
        unusedAccountValidityDays: props.unusedAccountValidityDays,
      };
    }
    if (props.developerOnlyAttributes?.length) this.markDeveloperOnly(cfn, props.developerOnlyAttributes);
    if (props.endUserMessagingSms) this.sendSmsThroughEndUserMessaging(cfn, props.endUserMessagingSms);
    applyPoolSettings(cfn, props);
    this.mergeInboundFederationIntoLambdaConfig(cfn);
    if (props.inboundFederationTrigger) this.addTrigger(UserPool.INBOUND_FEDERATION, props.inboundFederationTrigger);
    if (!awsCdkLibDefaults) this.applyStackTags(cfn);
    if (guardsImmutableSettings(props, awsCdkLibDefaults)) {
      new ImmutableSettingsGuard(this, ImmutableSettingsGuard.BUILT_IN_ID, { userPool: this, allowReplacement: props.allowReplacement });
    }
  }

  /**
   * The built-in guard of the settings Cognito cannot change on the live pool
   * (`immutableSettingsGuard`), e.g. to add clients with `guardClient`; undefined when it is
   * turned off or a guard was declared in its place.
   */
  public get immutableSettingsGuard(): ImmutableSettingsGuard | undefined {
    const guard = this.node.tryFindChild(ImmutableSettingsGuard.BUILT_IN_ID);
    return guard instanceof ImmutableSettingsGuard ? guard : undefined;
  }

  /**
   * Least-privilege grant presets for this pool's runtime operations, e.g.
   * `pool.grants.grantAdminUserManagement(role)`. For an imported pool use
   * `UserPoolGrants.of(importedPool)`.
   */
  public get grants(): UserPoolGrants {
    return UserPoolGrants.of(this);
  }

  /**
   * Cognito's CloudWatch metrics for this pool and its clients, e.g.
   * `pool.metrics.forClient(client).metricSignInSuccesses()`.
   */
  public get metrics(): UserPoolMetrics {
    return UserPoolMetrics.of(this);
  }

  /**
   * Adds an app client with this library's secure defaults and validation (a
   * `UserPoolClient` of this library). Takes aws-cdk-lib's options, as the base method does;
   * for `refreshTokenRotation` or `exportSecret` use `new UserPoolClient(...)`.
   */
  public override addClient(id: string, options: cognito.UserPoolClientOptions = {}): UserPoolClient {
    return new UserPoolClient(this, id, { ...options, userPool: this });
  }

  /**
   * Adds a domain (a `UserPoolDomain` of this library: TLS policy, failover, default
   * branding, validation). Takes aws-cdk-lib's options, as the base method does.
   */
  public override addDomain(id: string, options: cognito.UserPoolDomainOptions): UserPoolDomain {
    return new UserPoolDomain(this, id, { ...options, userPool: this });
  }

  /** Adds a resource server (a `UserPoolResourceServer` of this library, validated at synth). */
  public override addResourceServer(id: string, options: cognito.UserPoolResourceServerOptions): UserPoolResourceServer {
    return new UserPoolResourceServer(this, id, { ...options, userPool: this });
  }

  /** Adds a group (a `UserPoolGroup` of this library, validated at synth). */
  public override addGroup(id: string, options: cognito.UserPoolGroupOptions): UserPoolGroup {
    return new UserPoolGroup(this, id, { ...options, userPool: this });
  }

  /**
   * Declares a user of this pool: attributes, password, enabled flag, MFA preferences,
   * groups and linked identities, kept in sync by the stack's custom-resource provider.
   */
  public addUser(id: string, options: UserOptions): User {
    return new User(this, id, { ...options, userPool: this });
  }

  /** Declares many users of this pool in one custom resource, diffed per user on update. */
  public addUsers(id: string, options: UsersOptions): Users {
    return new Users(this, id, { ...options, userPool: this });
  }

  /**
   * Publishes this pool to other stacks, apps and accounts: its id, ARN, provider name and URL,
   * and the chosen domain, clients and resource servers, in SSM parameters under a prefix
   * (see `UserPoolShare`). Consumers read it with `UserPool.fromSharedParameters`.
   */
  public share(id: string, options: UserPoolShareOptions): UserPoolShare {
    return new UserPoolShare(this, id, { ...options, userPool: this });
  }

  /** Adds threat protection (risk configuration) for the whole pool or one app client. */
  public addRiskConfiguration(id: string, options: RiskConfigurationOptions): RiskConfiguration {
    return new RiskConfiguration(this, id, { ...options, userPool: this });
  }

  /** Exports this pool's user-notification and user-auth-event logs. */
  public addLogDelivery(id: string, options: LogDeliveryOptions): LogDelivery {
    return new LogDelivery(this, id, { ...options, userPool: this });
  }

  /** Customizes the classic hosted UI (CSS) for all app clients or one. */
  public addUICustomization(id: string, options: UICustomizationOptions): UICustomization {
    return new UICustomization(this, id, { ...options, userPool: this });
  }

  /** Adds a managed-login branding style for one app client. */
  public addManagedLoginBranding(id: string, options: ManagedLoginBrandingOptions): ManagedLoginBranding {
    return new ManagedLoginBranding(this, id, { ...options, userPool: this });
  }

  /** Adds a terms-of-use or privacy-policy document shown by managed login for one app client. */
  public addTerms(id: string, options: TermsOptions): Terms {
    return new Terms(this, id, { ...options, userPool: this });
  }

  /** Replicates this pool to another Region (needs a multi-Region customer-managed key). */
  public addReplica(id: string, options: UserPoolReplicaOptions): UserPoolReplica {
    return new UserPoolReplica(this, id, { ...options, userPool: this });
  }

  /** Adds custom attributes to this deployed pool without replacing it (AddCustomAttributes). */
  public addLiveCustomAttributes(id: string, options: UserPoolCustomAttributesOptions): UserPoolCustomAttributes {
    return new UserPoolCustomAttributes(this, id, { ...options, userPool: this });
  }

  /** The pool's SAML signing certificate (PEM), as `.certificate`. */
  public addSigningCertificate(id: string): SigningCertificate {
    return new SigningCertificate(this, id, { userPool: this });
  }

  /** MFA settings CloudFormation cannot express (e.g. email OTP only); keep this pool's `mfa` off. */
  public addMfaSettings(id: string, options: UserPoolMfaSettingsOptions): UserPoolMfaSettings {
    return new UserPoolMfaSettings(this, id, { ...options, userPool: this });
  }

  /**
   * Declares the guard of the settings Cognito cannot change on the live pool (sign-in aliases,
   * username attributes, required attributes, ...), with options, in place of the built-in one.
   */
  public addImmutableSettingsGuard(id: string, options: ImmutableSettingsGuardOptions = {}): ImmutableSettingsGuard {
    return new ImmutableSettingsGuard(this, id, { ...options, userPool: this });
  }

  /** Imports users from a CSV file or declared rows with a user import job. */
  public addUserImportJob(id: string, options: UserImportJobOptions): UserImportJob {
    return new UserImportJob(this, id, { ...options, userPool: this });
  }

  /** Sets this pool's session configuration (SetUserPoolSessionConfiguration). */
  public addSessionConfiguration(id: string, options: UserPoolSessionConfigurationOptions = {}): UserPoolSessionConfiguration {
    return new UserPoolSessionConfiguration(this, id, { ...options, userPool: this });
  }

  /** Sets the classic hosted UI's logo (SetUICustomization). */
  public addHostedUiLogo(id: string, options: HostedUiLogoOptions): HostedUiLogo {
    return new HostedUiLogo(this, id, { ...options, userPool: this });
  }

  /** Rotates a confidential client's secret, exporting the current one to Secrets Manager. */
  public addClientSecretRotation(id: string, client: cognito.IUserPoolClient, options: ClientSecretRotationOptions = {}): ClientSecretRotation {
    return new ClientSecretRotation(this, id, { ...options, userPool: this, client });
  }

  /**
   * Adds a Lambda trigger, as aws-cdk-lib's `addTrigger`, plus the inbound federation
   * trigger (`UserPool.INBOUND_FEDERATION`). A function alias or version is accepted: the
   * pool then invokes that alias or version, and the invoke permission is granted on it.
   */
  public addTrigger(operation: cognito.UserPoolOperation, fn: lambda.IFunction, lambdaVersion?: cognito.LambdaVersion): void {
    if (operation.operationName !== UserPool.INBOUND_FEDERATION.operationName) {
      super.addTrigger(operation, fn, lambdaVersion);
      return;
    }
    if (this.inboundFederation) {
      fail(this, 'addTrigger', operation.operationName, 'one trigger per operation (inboundFederation is already set)');
    }
    this.inboundFederation = fn;
    fn.addPermission('InboundFederationCognito', {
      principal: new iam.ServicePrincipal(COGNITO),
      sourceArn: Lazy.string({ produce: () => this.userPoolArn }),
      scope: this,
    });
  }

  private emailSendingAccount(cfn: cognito.CfnUserPool): string | undefined {
    const email = cfn.emailConfiguration as cognito.CfnUserPool.EmailConfigurationProperty | undefined;
    return email?.emailSendingAccount;
  }

  private encryptWith(cfn: cognito.CfnUserPool, key: kms.IKey): void {
    validateKeyArn(this, 'encryptionKey', key.keyArn);
    cfn.keyConfiguration = { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: key.keyArn };
    const principal = new iam.ServicePrincipal(COGNITO).withConditions({
      StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
    });
    key.grant(principal, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:DescribeKey');
  }

  private markDeveloperOnly(cfn: cognito.CfnUserPool, names: string[]): void {
    const schema = cfn.schema as cognito.CfnUserPool.SchemaAttributeProperty[];
    cfn.schema = schema.map((attribute) => names.includes(attribute.name!)
      ? { ...attribute, developerOnlyAttribute: true }
      : attribute);
  }

  private sendSmsThroughEndUserMessaging(cfn: cognito.CfnUserPool, config: EndUserMessagingSmsConfiguration): void {
    let externalId = config.externalId;
    let role = config.role;
    if (!role) {
      externalId = externalId ?? Names.uniqueId(this).slice(0, 1223);
      // Only from the declared origination identity (see sendTextMessageResources).
      const resources = sendTextMessageResources(this, config);
      role = new iam.Role(this, 'EndUserMessagingSmsRole', {
        assumedBy: new iam.ServicePrincipal(COGNITO, { conditions: { StringEquals: { 'sts:ExternalId': externalId } } }),
        inlinePolicies: {
          'send-sms': new iam.PolicyDocument({
            statements: [new iam.PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources })],
          }),
        },
      });
      const wildcards = resources.filter((r) => nagResourceName(this, r).includes('*'));
      if (wildcards.length > 0) {
        Validations.of(role).acknowledge(...wildcards.map((r) => ({
          id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, r)}]`,
          reason: 'IAM names an origination identity by an id the configuration may not give (an E.164 number, a sender id without its country, none at all), and SendTextMessage checks the opt-out list the identity uses; sms-voice:SendTextMessage is granted to Cognito only, under an external id, in this account and Region.',
        })));
      }
    }
    cfn.smsConfiguration = {
      ...cfn.smsConfiguration as cognito.CfnUserPool.SmsConfigurationProperty | undefined,
      eumsSms: {
        callerArn: role.roleArn,
        externalId,
        configurationSetName: config.configurationSetName,
        originationIdentity: config.originationIdentity,
        region: config.region,
        inEntityId: config.indiaEntityId,
        inTemplateId: config.indiaTemplateId,
      },
    };
  }

  /** aws-cdk-lib renders LambdaConfig from its own trigger list; add ours when it resolves. */
  private mergeInboundFederationIntoLambdaConfig(cfn: cognito.CfnUserPool): void {
    const original = cfn.lambdaConfig;
    cfn.lambdaConfig = Lazy.any({
      produce: () => {
        const base = original === undefined ? undefined : Stack.of(this).resolve(original);
        if (!this.inboundFederation) return base;
        return {
          ...base,
          inboundFederation: { lambdaArn: this.inboundFederation.functionArn, lambdaVersion: 'V1_0' },
        };
      },
    }) as cognito.CfnUserPool.LambdaConfigProperty;
  }

  /**
   * CloudFormation propagates stack tags only to resources with a `Tags` list; a user pool
   * takes a `UserPoolTags` map, so the stack's tags are copied onto the pool here. Tags set
   * on the pool itself (priority 100) win over these (priority 0).
   */
  private applyStackTags(cfn: cognito.CfnUserPool): void {
    for (const [key, value] of Object.entries(Stack.of(this).tags.tagValues())) {
      cfn.tags.setTag(key, value, 0);
    }
  }
}

/**
 * The one place the guard's default is decided: on, except under aws-cdk-lib's defaults
 * (`AwsCdkLibCompatibility.CONTEXT_KEY`), which have no guard; an explicit setting wins in both.
 */
function guardsImmutableSettings(props: UserPoolProps, awsCdkLibDefaults: boolean): boolean {
  return props.immutableSettingsGuard ?? !awsCdkLibDefaults;
}

function withSecureDefaults(props: UserPoolProps): cognito.UserPoolProps {
  return {
    ...props,
    mfa: props.mfa ?? cognito.Mfa.REQUIRED,
    mfaSecondFactor: props.mfa === undefined && props.mfaSecondFactor === undefined
      ? { otp: true, sms: false }
      : props.mfaSecondFactor,
    passwordPolicy: props.passwordPolicy ?? defaultPasswordPolicy(props),
    deletionProtection: props.deletionProtection ?? true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    standardThreatProtectionMode: props.standardThreatProtectionMode ?? defaultThreatProtection(props),
  };
}

/**
 * On the Plus plan, threat protection is paid for: it is on (full function) unless a mode is
 * chosen. The deprecated `advancedSecurityMode` counts as a choice (aws-cdk-lib refuses both).
 */
function defaultThreatProtection(props: UserPoolProps): cognito.StandardThreatProtectionMode | undefined {
  const plus = props.featurePlan === cognito.FeaturePlan.PLUS;
  return plus && props.advancedSecurityMode === undefined ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : undefined;
}
