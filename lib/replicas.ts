import { Arn, Names, Resource, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { allConstructs, cfnUserPoolOf, keyConfigurationOf, regionOf, sameResource, validationMessage } from './private/pool-facts';
import { checkLength, checkMaxItems, checkPattern, fail } from './private/validation';
import { A_STRING, AN_IUSER_POOL, checkEnumMember, enumOf, requireProp, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const REGION_ALLOWED = 'an AWS Region name such as eu-west-1';

/** Options of a {@link UserPoolReplica}, for `pool.addReplica(id, options)`. */
export interface UserPoolReplicaOptions {
  /** The Region of the replica; not the pool's own Region. */
  readonly region: string;
  /**
   * Tags the replica gets when it is created.
   * @default - none
   */
  readonly tagsAtCreate?: { [key: string]: string };
}

/** Properties of a {@link UserPoolReplica}. */
export interface UserPoolReplicaProps extends UserPoolReplicaOptions {
  /**
   * The primary user pool. Its key configuration must name a multi-Region customer managed
   * KMS key (checked at synth when the pool and the key are defined in the app).
   */
  readonly userPool: cognito.IUserPool;
}

/**
 * A replica of a user pool in another Region (`AWS::Cognito::UserPoolReplica`), deployed in
 * the stack of the primary pool. One replica per Region.
 */
export class UserPoolReplica extends Resource {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolReplica';
  /** The primary user pool. */
  public readonly userPool: cognito.IUserPool;
  /** The Region of the replica. */
  public readonly region: string;

  constructor(scope: Construct, id: string, props: UserPoolReplicaProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolReplica.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, region: A_STRING });
    this.userPool = props.userPool;
    this.region = props.region;
    checkPattern(this, 'region', props.region, REGION, REGION_ALLOWED);
    const home = regionOf(props.userPool) ?? regionOf(this);
    if (home && !Token.isUnresolved(props.region) && home === props.region) {
      fail(this, 'region', props.region, `a Region other than the pool's own (${home})`);
    }
    validateTags(this, 'tagsAtCreate', props.tagsAtCreate);
    const other = allConstructs(this).find((c) => c !== this && c instanceof UserPoolReplica && c.region === this.region
      && sameResource(c.userPool, c.userPool.userPoolId, this.userPool, this.userPool.userPoolId));
    if (other) fail(this, 'region', props.region, `one replica per Region (${other.node.path} already replicates there)`);

    this.node.defaultChild = new cognito.CfnUserPoolReplica(this, 'Resource', {
      userPoolId: props.userPool.userPoolId,
      regionName: props.region,
      userPoolTagsAtCreate: props.tagsAtCreate,
    });
    // The key configuration may be set on the pool after this construct: check it at synth.
    this.node.addValidation({ validate: () => validateMultiRegionKey(this, props.userPool) });
  }
}

/** Whether a replica serves requests. */
export enum ReplicaStatus {
  /** The replica serves requests. */
  ACTIVE = 'ACTIVE',
  /** The replica does not serve requests. */
  INACTIVE = 'INACTIVE',
}

/** Who sends the replica's email. */
export enum RegionalEmailSendingAccount {
  /** Cognito's own email (low quota). */
  COGNITO_DEFAULT = 'COGNITO_DEFAULT',
  /** Your Amazon SES identity. */
  DEVELOPER = 'DEVELOPER',
}

/** Email sending in the replica's Region. */
export interface RegionalEmailConfig {
  /** Cognito's email or your SES identity. */
  readonly emailSendingAccount: RegionalEmailSendingAccount;
  /**
   * ARN of the SES identity (required with DEVELOPER).
   * @default - none
   */
  readonly sourceArn?: string;
  /**
   * Sender address.
   * @default - the SES identity or Cognito's address
   */
  readonly fromEmail?: string;
  /**
   * Reply-to address.
   * @default - none
   */
  readonly replyTo?: string;
  /**
   * SES configuration set (DEVELOPER only).
   * @default - none
   */
  readonly configurationSet?: string;
}

/** SMS through AWS End User Messaging SMS in the replica's Region. */
export interface RegionalEumsSmsConfig {
  /** The role Cognito assumes to send SMS. */
  readonly callerRole: iam.IRole;
  /**
   * External ID in the role's trust policy.
   * @default - none
   */
  readonly externalId?: string;
  /**
   * End User Messaging configuration set.
   * @default - none
   */
  readonly configurationSetName?: string;
  /**
   * Origination identity (phone number, sender ID or pool).
   * @default - chosen by End User Messaging
   */
  readonly originationIdentity?: string;
  /**
   * Region of End User Messaging.
   * @default - the replica's Region
   */
  readonly region?: string;
  /**
   * Principal entity ID for India (DLT).
   * @default - none
   */
  readonly inEntityId?: string;
  /**
   * Template ID for India (DLT).
   * @default - none
   */
  readonly inTemplateId?: string;
}

/** SMS sending in the replica's Region. */
export interface RegionalSmsConfig {
  /**
   * The role Cognito assumes to publish with SNS.
   * @default - no SNS configuration
   */
  readonly snsCallerRole?: iam.IRole;
  /**
   * External ID in the SNS role's trust policy.
   * @default - none
   */
  readonly externalId?: string;
  /**
   * Region of SNS.
   * @default - the replica's Region
   */
  readonly snsRegion?: string;
  /**
   * End User Messaging SMS instead of SNS.
   * @default - none
   */
  readonly eumsSms?: RegionalEumsSmsConfig;
}

/** The event version of the pre token generation trigger. */
export enum PreTokenGenerationVersion {
  /** Version 1: ID token customization. */
  V1_0 = 'V1_0',
  /** Version 2: ID and access token customization. */
  V2_0 = 'V2_0',
  /** Version 3: also machine-to-machine access tokens. */
  V3_0 = 'V3_0',
}

/** Lambda triggers of the replica (functions in the replica's Region). */
export interface RegionalTriggers {
  /**
   * Creates the challenge of a custom authentication flow.
   * @default - none
   */
  readonly createAuthChallenge?: lambda.IFunction;
  /**
   * Customizes the messages Cognito sends.
   * @default - none
   */
  readonly customMessage?: lambda.IFunction;
  /**
   * Decides the next challenge of a custom authentication flow.
   * @default - none
   */
  readonly defineAuthChallenge?: lambda.IFunction;
  /**
   * Runs after a user signs in.
   * @default - none
   */
  readonly postAuthentication?: lambda.IFunction;
  /**
   * Runs after a user is confirmed.
   * @default - none
   */
  readonly postConfirmation?: lambda.IFunction;
  /**
   * Runs before a user signs in; can refuse the sign-in.
   * @default - none
   */
  readonly preAuthentication?: lambda.IFunction;
  /**
   * Runs before a user signs up; can refuse or auto-confirm.
   * @default - none
   */
  readonly preSignUp?: lambda.IFunction;
  /**
   * Changes the claims of the tokens Cognito issues.
   * @default - none
   */
  readonly preTokenGeneration?: lambda.IFunction;
  /**
   * Event version of `preTokenGeneration`.
   * @default - V1_0 (only the legacy trigger ARN is set)
   */
  readonly preTokenGenerationVersion?: PreTokenGenerationVersion;
  /**
   * Migrates a user from another directory at sign-in.
   * @default - none
   */
  readonly userMigration?: lambda.IFunction;
  /**
   * Checks the answer to a custom authentication challenge.
   * @default - none
   */
  readonly verifyAuthChallengeResponse?: lambda.IFunction;
  /**
   * Runs when a federated user signs in, before the user profile is updated.
   * @default - none
   */
  readonly inboundFederation?: lambda.IFunction;
  /** Custom email sender; needs `kmsKey`. @default - none */
  readonly customEmailSender?: lambda.IFunction;
  /** Custom SMS sender; needs `kmsKey`. @default - none */
  readonly customSmsSender?: lambda.IFunction;
  /**
   * The key the custom senders decrypt codes with.
   * @default - none (required with a custom sender)
   */
  readonly kmsKey?: kms.IKey;
}

/** Options of a {@link UserPoolRegionalConfiguration}. */
export interface UserPoolRegionalConfigurationOptions {
  /**
   * Whether the replica serves requests.
   * @default - Cognito's default (ACTIVE)
   */
  readonly status?: ReplicaStatus;
  /**
   * Email sending in this Region.
   * @default - as replicated from the primary
   */
  readonly email?: RegionalEmailConfig;
  /**
   * SMS sending in this Region.
   * @default - as replicated from the primary
   */
  readonly sms?: RegionalSmsConfig;
  /**
   * Lambda triggers in this Region.
   * @default - none
   */
  readonly triggers?: RegionalTriggers;
  /**
   * Tags of the replica.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** Properties of a {@link UserPoolRegionalConfiguration}. */
export interface UserPoolRegionalConfigurationProps extends UserPoolRegionalConfigurationOptions {
  /** The primary user pool (usually imported by ID in the replica's stack). */
  readonly userPool: cognito.IUserPool;
}

const SIMPLE_TRIGGERS = [
  'createAuthChallenge', 'customMessage', 'defineAuthChallenge', 'postAuthentication', 'postConfirmation',
  'preAuthentication', 'preSignUp', 'preTokenGeneration', 'userMigration', 'verifyAuthChallengeResponse',
] as const;

/**
 * Region-specific settings of a pool replica (`AWS::Cognito::UserPoolRegionalConfigurationAttachment`):
 * status, email, SMS, Lambda triggers and tags. Deploy it in a stack of the replica's Region.
 */
export class UserPoolRegionalConfiguration extends Resource {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolRegionalConfiguration';
  /** The primary user pool. */
  public readonly userPool: cognito.IUserPool;

  constructor(scope: Construct, id: string, props: UserPoolRegionalConfigurationProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolRegionalConfiguration.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL });
    checkEnumMember(this, 'status', props.status, ReplicaStatus, 'ReplicaStatus');
    if (props.email) requireProp(this, 'email.emailSendingAccount', props.email.emailSendingAccount, enumOf(RegionalEmailSendingAccount, 'RegionalEmailSendingAccount'));
    checkEnumMember(this, 'triggers.preTokenGenerationVersion', props.triggers?.preTokenGenerationVersion, PreTokenGenerationVersion, 'PreTokenGenerationVersion');
    this.userPool = props.userPool;
    const here = regionOf(this);
    const home = cfnUserPoolOf(props.userPool) ? regionOf(props.userPool) : undefined;
    if (here && home && here === home) {
      fail(this, 'region', here, `a stack in a replica Region, not the pool's own (${home})`);
    }
    this.validateEmail(props.email);
    this.validateSms(props.sms);
    validateTags(this, 'tags', props.tags);
    const t = props.triggers;
    if (t && (t.customEmailSender || t.customSmsSender) && !t.kmsKey) {
      fail(this, 'triggers.kmsKey', undefined, 'a KMS key when customEmailSender or customSmsSender is set');
    }
    if (t?.preTokenGenerationVersion && !t.preTokenGeneration) {
      fail(this, 'triggers.preTokenGenerationVersion', t.preTokenGenerationVersion, 'only with triggers.preTokenGeneration');
    }

    this.node.defaultChild = new cognito.CfnUserPoolRegionalConfigurationAttachment(this, 'Resource', {
      userPoolId: props.userPool.userPoolId,
      status: props.status,
      emailConfiguration: props.email && {
        emailSendingAccount: props.email.emailSendingAccount,
        sourceArn: props.email.sourceArn,
        from: props.email.fromEmail,
        replyToEmailAddress: props.email.replyTo,
        configurationSet: props.email.configurationSet,
      },
      smsConfiguration: props.sms && {
        snsCallerArn: props.sms.snsCallerRole?.roleArn,
        externalId: props.sms.externalId,
        snsRegion: props.sms.snsRegion,
        eumsSms: props.sms.eumsSms && {
          callerArn: props.sms.eumsSms.callerRole.roleArn,
          externalId: props.sms.eumsSms.externalId,
          configurationSetName: props.sms.eumsSms.configurationSetName,
          originationIdentity: props.sms.eumsSms.originationIdentity,
          region: props.sms.eumsSms.region,
          inEntityId: props.sms.eumsSms.inEntityId,
          inTemplateId: props.sms.eumsSms.inTemplateId,
        },
      },
      lambdaConfig: t && this.renderTriggers(t),
      userPoolTags: props.tags,
    });
  }

  private renderTriggers(t: RegionalTriggers): cognito.CfnUserPoolRegionalConfigurationAttachment.LambdaConfigProperty {
    const arn = (name: string, fn: lambda.IFunction | undefined): string | undefined => {
      if (!fn) return undefined;
      this.allowCognito(name, fn);
      return fn.functionArn;
    };
    const config: { [key: string]: any } = {};
    for (const name of SIMPLE_TRIGGERS) config[name] = arn(name, t[name]);
    if (t.preTokenGeneration && t.preTokenGenerationVersion) {
      config.preTokenGenerationConfig = { lambdaArn: config.preTokenGeneration, lambdaVersion: t.preTokenGenerationVersion };
    }
    const versioned = (name: string, fn: lambda.IFunction | undefined) => fn && { lambdaArn: arn(name, fn), lambdaVersion: 'V1_0' };
    config.customEmailSender = versioned('customEmailSender', t.customEmailSender);
    config.customSmsSender = versioned('customSmsSender', t.customSmsSender);
    config.inboundFederation = versioned('inboundFederation', t.inboundFederation);
    config.kmsKeyId = t.kmsKey?.keyArn;
    if (t.kmsKey && (t.customEmailSender || t.customSmsSender)) {
      // The custom senders receive codes encrypted by Cognito with this key.
      t.kmsKey.grantEncrypt(new iam.ServicePrincipal('cognito-idp.amazonaws.com'));
    }
    return config;
  }

  /** Lets this Region's copy of the pool invoke the trigger. */
  private allowCognito(name: string, fn: lambda.IFunction): void {
    const stack = Stack.of(this);
    fn.addPermission(`${Names.uniqueId(this)}${name}`, {
      principal: new iam.ServicePrincipal('cognito-idp.amazonaws.com'),
      sourceArn: Arn.format({ service: 'cognito-idp', resource: 'userpool', resourceName: this.userPool.userPoolId }, stack),
    });
  }

  private validateEmail(email: RegionalEmailConfig | undefined): void {
    if (!email) return;
    if (email.emailSendingAccount === RegionalEmailSendingAccount.DEVELOPER && !email.sourceArn) {
      fail(this, 'email.sourceArn', undefined, 'the ARN of an SES identity when emailSendingAccount is DEVELOPER');
    }
    if (email.emailSendingAccount === RegionalEmailSendingAccount.COGNITO_DEFAULT && email.configurationSet) {
      fail(this, 'email.configurationSet', email.configurationSet, 'no configuration set with COGNITO_DEFAULT (SES only)');
    }
    checkPattern(this, 'email.sourceArn', email.sourceArn, /^arn:[\w+=/,.@-]+:ses:[\w-]+:\d{12}:identity\/.+$/, 'an SES identity ARN');
  }

  private validateSms(sms: RegionalSmsConfig | undefined): void {
    if (!sms) return;
    if (!sms.snsCallerRole && !sms.eumsSms) {
      fail(this, 'sms', 'no sender', 'snsCallerRole or eumsSms');
    }
    checkPattern(this, 'sms.snsRegion', sms.snsRegion, REGION, REGION_ALLOWED);
    checkPattern(this, 'sms.eumsSms.region', sms.eumsSms?.region, REGION, REGION_ALLOWED);
  }
}

function validateTags(scope: IConstruct, property: string, tags: { [key: string]: string } | undefined): void {
  if (!tags || Token.isUnresolved(tags)) return;
  checkMaxItems(scope, property, Object.keys(tags), 50);
  for (const [key, value] of Object.entries(tags)) {
    checkLength(scope, `${property} key`, key, 1, 128);
    checkLength(scope, `${property}.${key}`, value, 0, 256);
  }
}

/**
 * Replicas need the pool encrypted with a multi-Region customer managed key. Checked when the
 * pool is defined in the app; a key defined in the app must be a `kms.Key` with `multiRegion`.
 */
function validateMultiRegionKey(scope: IConstruct, pool: cognito.IUserPool): string[] {
  const config = keyConfigurationOf(pool);
  if (config === 'unknown') return [];
  const need = 'a pool key configuration with keyType CUSTOMER_MANAGED_KEY and a multi-Region KMS key (kms.Key with multiRegion: true)';
  if (!config) return [validationMessage(scope, 'userPool.keyConfiguration', undefined, need)];
  if (!Token.isUnresolved(config.keyType) && config.keyType !== 'CUSTOMER_MANAGED_KEY') {
    return [validationMessage(scope, 'userPool.keyConfiguration.keyType', config.keyType, need)];
  }
  const arn = config.kmsKeyArn;
  if (arn === undefined) return [validationMessage(scope, 'userPool.keyConfiguration.kmsKeyArn', undefined, need)];
  if (!Token.isUnresolved(arn)) {
    // Multi-Region key IDs start with `mrk-`; an alias ARN cannot be checked at synth.
    if (/:key\//.test(arn) && !/:key\/mrk-/.test(arn)) {
      return [validationMessage(scope, 'userPool.keyConfiguration.kmsKeyArn', arn, 'the ARN of a multi-Region key (key ID mrk-...)')];
    }
    return [];
  }
  const key = allConstructs(scope).find((c) => keyArnMatches(c, arn));
  const cfnKey = key instanceof kms.Key ? key.node.defaultChild as kms.CfnKey : key as kms.CfnKey | undefined;
  if (cfnKey && cfnKey.multiRegion !== true) {
    return [validationMessage(scope, 'userPool.keyConfiguration.kmsKeyArn', key!.node.path, 'a multi-Region key (kms.Key with multiRegion: true)')];
  }
  return [];
}

function keyArnMatches(c: IConstruct, arn: string): boolean {
  return (c instanceof kms.Key && c.keyArn === arn) || (c instanceof kms.CfnKey && c.attrArn === arn);
}
