// Plain JavaScript (and the other jsii languages) reach the constructors without TypeScript's
// checks. Every construct is built here from input cast through `any`: missing required props,
// a wrong type, a string where a SecretValue is expected, a string that is no member of an enum.
// Each must get the library's own error (path, property, value, what is allowed), never a
// TypeError from deep inside and never a bad value written into the template.
import * as path from 'path';
import { App, CfnParameter, Lazy, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import * as lib from '../lib';
import {
  ClientSecretRotation, ClientSessionConfiguration, GroupMembership, HostedUiLogo, ImmutableSettingsGuard, LogDelivery,
  ManagedLoginBranding, MfaEnforcement, ProvisionedLimit, ProvisionedLimitCategory, ReplicaStatus, RiskConfiguration,
  AccountTakeoverEventAction, CompromisedCredentialsAction, CompromisedCredentialsEvent, ManagedLoginAssetCategory,
  ManagedLoginColorMode, SamlMetadata, SigningCertificate, Terms, TermsType, UICustomization, UICustomizationCss,
  User, UserImportJob, UserPool, UserPoolAlarms, UserPoolClient, UserPoolCustomAttributes, UserPoolDomain, UserPoolGroup,
  UserPoolIdentityProviderAmazon, UserPoolIdentityProviderApple, UserPoolIdentityProviderFacebook,
  UserPoolIdentityProviderGoogle, UserPoolIdentityProviderOidc, UserPoolIdentityProviderSaml, UserPoolMfaSettings,
  UserPoolRegionalConfiguration, UserPoolReplica, UserPoolResourceServer, UserPoolSessionConfiguration, UserPoolTriggers, Users,
} from '../lib';
import { plusPool } from './helpers/pools';
import { propsInventory } from './helpers/props-inventory';

const LOGO = path.join(__dirname, 'fixtures', 'logo.png');
const CSS = path.join(__dirname, 'fixtures', 'hosted-ui.css');

const POOL = 'an IUserPool (a UserPool, or one imported with UserPool.fromUserPoolId)';
const CLIENT = 'an IUserPoolClient (a UserPoolClient, or one imported with UserPoolClient.fromUserPoolClientId)';
const STRING = 'a string';
const SECRET = 'a SecretValue (e.g. SecretValue.secretsManager(...))';

/** This library's enums: the exact list each error gives. */
const OWN_ENUMS = {
  PasskeyFactorConfiguration: 'one of PasskeyFactorConfiguration.SINGLE_FACTOR ("SINGLE_FACTOR"), PasskeyFactorConfiguration.MULTI_FACTOR_WITH_USER_VERIFICATION ("MULTI_FACTOR_WITH_USER_VERIFICATION")',
  IssuerType: 'one of IssuerType.ORIGINAL ("ORIGINAL"), IssuerType.UPDATED ("UPDATED")',
  DomainSecurityPolicy: 'one of DomainSecurityPolicy.TLS_V1_3_2025 ("TLS_V1_3_2025"), DomainSecurityPolicy.TLS_V1_2_2021 ("TLS_V1_2_2021"), DomainSecurityPolicy.TLS_V1 ("TLS_V1")',
  DeliveryMedium: 'one of DeliveryMedium.EMAIL ("EMAIL"), DeliveryMedium.SMS ("SMS")',
  UserMfaMethod: 'one of UserMfaMethod.SMS ("SMS"), UserMfaMethod.EMAIL ("EMAIL")',
  OidcAttributeRequestMethod: 'one of OidcAttributeRequestMethod.GET ("GET"), OidcAttributeRequestMethod.POST ("POST")',
  SamlRequestSigningAlgorithm: 'one of SamlRequestSigningAlgorithm.RSA_SHA256 ("rsa-sha256")',
  AccountTakeoverEventAction: 'one of AccountTakeoverEventAction.BLOCK ("BLOCK"), AccountTakeoverEventAction.MFA_IF_CONFIGURED ("MFA_IF_CONFIGURED"), AccountTakeoverEventAction.MFA_REQUIRED ("MFA_REQUIRED"), AccountTakeoverEventAction.NO_ACTION ("NO_ACTION")',
  CompromisedCredentialsAction: 'one of CompromisedCredentialsAction.BLOCK ("BLOCK"), CompromisedCredentialsAction.NO_ACTION ("NO_ACTION")',
  CompromisedCredentialsEvent: 'one of CompromisedCredentialsEvent.SIGN_IN ("SIGN_IN"), CompromisedCredentialsEvent.PASSWORD_CHANGE ("PASSWORD_CHANGE"), CompromisedCredentialsEvent.SIGN_UP ("SIGN_UP")',
  UserPoolLogLevel: 'one of UserPoolLogLevel.ERROR ("ERROR"), UserPoolLogLevel.INFO ("INFO")',
  ManagedLoginAssetCategory: 'one of ManagedLoginAssetCategory.FAVICON_ICO ("FAVICON_ICO"), ManagedLoginAssetCategory.FAVICON_SVG ("FAVICON_SVG"), ManagedLoginAssetCategory.EMAIL_GRAPHIC ("EMAIL_GRAPHIC"), ManagedLoginAssetCategory.SMS_GRAPHIC ("SMS_GRAPHIC"), ManagedLoginAssetCategory.AUTH_APP_GRAPHIC ("AUTH_APP_GRAPHIC"), ManagedLoginAssetCategory.PASSWORD_GRAPHIC ("PASSWORD_GRAPHIC"), ManagedLoginAssetCategory.PASSKEY_GRAPHIC ("PASSKEY_GRAPHIC"), ManagedLoginAssetCategory.PAGE_HEADER_LOGO ("PAGE_HEADER_LOGO"), ManagedLoginAssetCategory.PAGE_HEADER_BACKGROUND ("PAGE_HEADER_BACKGROUND"), ManagedLoginAssetCategory.PAGE_FOOTER_LOGO ("PAGE_FOOTER_LOGO"), ManagedLoginAssetCategory.PAGE_FOOTER_BACKGROUND ("PAGE_FOOTER_BACKGROUND"), ManagedLoginAssetCategory.PAGE_BACKGROUND ("PAGE_BACKGROUND"), ManagedLoginAssetCategory.FORM_BACKGROUND ("FORM_BACKGROUND"), ManagedLoginAssetCategory.FORM_LOGO ("FORM_LOGO"), ManagedLoginAssetCategory.IDP_BUTTON_ICON ("IDP_BUTTON_ICON")',
  ManagedLoginColorMode: 'one of ManagedLoginColorMode.LIGHT ("LIGHT"), ManagedLoginColorMode.DARK ("DARK"), ManagedLoginColorMode.DYNAMIC ("DYNAMIC")',
  ManagedLoginAssetExtension: 'one of ManagedLoginAssetExtension.ICO ("ICO"), ManagedLoginAssetExtension.JPEG ("JPEG"), ManagedLoginAssetExtension.PNG ("PNG"), ManagedLoginAssetExtension.SVG ("SVG"), ManagedLoginAssetExtension.WEBP ("WEBP")',
  ManagedLoginSpacingDensity: 'one of ManagedLoginSpacingDensity.COMPACT ("COMPACT"), ManagedLoginSpacingDensity.REGULAR ("REGULAR"), ManagedLoginSpacingDensity.SPACIOUS ("SPACIOUS")',
  ManagedLoginFormHorizontalAlignment: 'one of ManagedLoginFormHorizontalAlignment.LEFT ("LEFT"), ManagedLoginFormHorizontalAlignment.CENTER ("CENTER"), ManagedLoginFormHorizontalAlignment.RIGHT ("RIGHT")',
  ManagedLoginFormVerticalAlignment: 'one of ManagedLoginFormVerticalAlignment.TOP ("TOP"), ManagedLoginFormVerticalAlignment.CENTER ("CENTER"), ManagedLoginFormVerticalAlignment.BOTTOM ("BOTTOM")',
  TermsType: 'one of TermsType.TERMS_OF_USE ("terms-of-use"), TermsType.PRIVACY_POLICY ("privacy-policy")',
  TermsEnforcement: 'one of TermsEnforcement.NONE ("NONE")',
  ReplicaStatus: 'one of ReplicaStatus.ACTIVE ("ACTIVE"), ReplicaStatus.INACTIVE ("INACTIVE")',
  RegionalEmailSendingAccount: 'one of RegionalEmailSendingAccount.COGNITO_DEFAULT ("COGNITO_DEFAULT"), RegionalEmailSendingAccount.DEVELOPER ("DEVELOPER")',
  PreTokenGenerationVersion: 'one of PreTokenGenerationVersion.V1_0 ("V1_0"), PreTokenGenerationVersion.V2_0 ("V2_0"), PreTokenGenerationVersion.V3_0 ("V3_0")',
  CustomAttributeDataType: 'one of CustomAttributeDataType.STRING ("String"), CustomAttributeDataType.NUMBER ("Number"), CustomAttributeDataType.DATE_TIME ("DateTime"), CustomAttributeDataType.BOOLEAN ("Boolean")',
  MfaEnforcement: 'one of MfaEnforcement.OFF ("OFF"), MfaEnforcement.OPTIONAL ("OPTIONAL"), MfaEnforcement.REQUIRED ("ON")',
  AmplifyMfaConfiguration: 'one of AmplifyMfaConfiguration.NONE ("NONE"), AmplifyMfaConfiguration.OPTIONAL ("OPTIONAL"), AmplifyMfaConfiguration.REQUIRED ("REQUIRED")',
};

/**
 * aws-cdk-lib's enums gain members across releases (CI runs the oldest and the newest), so their
 * lists are read from the enum; one exact message per enum kind is pinned below.
 */
function cdkEnum(enumObject: Record<string, string | number>, name: string): string {
  const members = Object.entries(enumObject).filter(([key]) => !/^\d+$/.test(key));
  return `one of ${members.map(([k, v]) => `${name}.${k} (${JSON.stringify(v)})`).join(', ')}`;
}
const CDK_ENUMS = {
  RemovalPolicy: cdkEnum(RemovalPolicy as any, 'RemovalPolicy'),
  RetentionDays: cdkEnum(logs.RetentionDays as any, 'RetentionDays'),
  FeaturePlan: cdkEnum(cognito.FeaturePlan as any, 'FeaturePlan'),
  Mfa: cdkEnum(cognito.Mfa as any, 'Mfa'),
  AccountRecovery: cdkEnum(cognito.AccountRecovery as any, 'AccountRecovery'),
  StandardThreatProtectionMode: cdkEnum(cognito.StandardThreatProtectionMode as any, 'StandardThreatProtectionMode'),
  CustomThreatProtectionMode: cdkEnum(cognito.CustomThreatProtectionMode as any, 'CustomThreatProtectionMode'),
  AdvancedSecurityMode: cdkEnum(cognito.AdvancedSecurityMode as any, 'AdvancedSecurityMode'),
  PasskeyUserVerification: cdkEnum(cognito.PasskeyUserVerification as any, 'PasskeyUserVerification'),
  VerificationEmailStyle: cdkEnum(cognito.VerificationEmailStyle as any, 'VerificationEmailStyle'),
  ManagedLoginVersion: cdkEnum(cognito.ManagedLoginVersion as any, 'ManagedLoginVersion'),
  LambdaVersion: cdkEnum(cognito.LambdaVersion as any, 'LambdaVersion'),
  ParameterTier: cdkEnum(ssm.ParameterTier as any, 'ParameterTier'),
};
const ENUMS: Record<string, string> = { ...OWN_ENUMS, ...CDK_ENUMS };

/** One construct: how to build it from untyped props, props that are valid, and what it checks. */
interface Spec {
  readonly build: (scope: Construct, props: any) => unknown;
  readonly valid: (stack: Stack) => Record<string, any>;
  /** Required props, in the order they are checked, with what the error allows. */
  readonly required: Record<string, string>;
  /** Enum-typed props (paths as the inventory writes them) and the enum's name. */
  readonly enums: Record<string, keyof typeof ENUMS>;
  /** Props whose lists and structs are filled in, for the enum rows; default `valid`. */
  readonly enumBase?: (stack: Stack) => Record<string, any>;
}

const pool = (s: Stack) => new UserPool(s, 'Pool');
const withClient = (s: Stack, options: cognito.UserPoolClientOptions = {}) => {
  const userPool = pool(s);
  return { userPool, client: userPool.addClient('Client', options) };
};
const secret = (name: string) => SecretValue.secretsManager(name);

const SPECS: Record<string, Spec> = {
  UserPool: {
    build: (s, p) => new UserPool(s, 'C', p),
    valid: () => ({}),
    required: {},
    enums: {
      'featurePlan': 'FeaturePlan',
      'mfa': 'Mfa',
      'accountRecovery': 'AccountRecovery',
      'standardThreatProtectionMode': 'StandardThreatProtectionMode',
      'customThreatProtectionMode': 'CustomThreatProtectionMode',
      'advancedSecurityMode': 'AdvancedSecurityMode',
      'passkeyUserVerification': 'PasskeyUserVerification',
      'passkeyFactorConfiguration': 'PasskeyFactorConfiguration',
      'issuerType': 'IssuerType',
      'userVerification.emailStyle': 'VerificationEmailStyle',
      'removalPolicy': 'RemovalPolicy',
    },
  },
  UserPoolClient: {
    build: (s, p) => new UserPoolClient(s, 'C', p),
    valid: (s) => ({ userPool: pool(s) }),
    required: { userPool: POOL },
    enums: {},
  },
  UserPoolDomain: {
    build: (s, p) => new UserPoolDomain(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), cognitoDomain: { domainPrefix: 'runtime-types-test' } }),
    required: { userPool: POOL },
    enums: { managedLoginVersion: 'ManagedLoginVersion', securityPolicy: 'DomainSecurityPolicy' },
  },
  UserPoolGroup: {
    build: (s, p) => new UserPoolGroup(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), groupName: 'admins' }),
    required: { userPool: POOL },
    enums: {},
  },
  UserPoolResourceServer: {
    build: (s, p) => new UserPoolResourceServer(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), identifier: 'api' }),
    required: { userPool: POOL, identifier: STRING },
    enums: {},
  },
  UserPoolShare: {
    build: (s, p) => new lib.UserPoolShare(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), parameterPrefix: '/runtime-types' }),
    required: { userPool: POOL, parameterPrefix: STRING },
    enums: { tier: 'ParameterTier' },
  },
  SharedUserPool: {
    build: (s, p) => new lib.SharedUserPool(s, 'C', p),
    valid: () => ({ parameterPrefix: '/runtime-types' }),
    required: { parameterPrefix: STRING },
    enums: {},
  },
  UserPoolIdentityProviderAmazon: {
    build: (s, p) => new UserPoolIdentityProviderAmazon(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), clientId: 'amzn1.application-oa2-client.abc', clientSecretValue: secret('amazon') }),
    required: { userPool: POOL, clientId: STRING },
    enums: {},
  },
  UserPoolIdentityProviderApple: {
    build: (s, p) => new UserPoolIdentityProviderApple(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), clientId: 'com.example.app', teamId: 'ABCDE12345', keyId: 'ABCDE12345', privateKeyValue: secret('apple') }),
    required: { userPool: POOL, clientId: STRING, teamId: STRING, keyId: STRING },
    enums: {},
  },
  UserPoolIdentityProviderFacebook: {
    build: (s, p) => new UserPoolIdentityProviderFacebook(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), clientId: '1234567890', clientSecretValue: secret('facebook') }),
    required: { userPool: POOL, clientId: STRING },
    enums: {},
  },
  UserPoolIdentityProviderGoogle: {
    build: (s, p) => new UserPoolIdentityProviderGoogle(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), clientId: 'abc.apps.googleusercontent.com', clientSecretValue: secret('google') }),
    required: { userPool: POOL, clientId: STRING },
    enums: {},
  },
  UserPoolIdentityProviderOidc: {
    build: (s, p) => new UserPoolIdentityProviderOidc(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), clientId: 'client', clientSecretValue: secret('oidc'), issuerUrl: 'https://issuer.example.com' }),
    required: { userPool: POOL, clientId: STRING, issuerUrl: STRING },
    enums: { attributeRequestMethod: 'OidcAttributeRequestMethod' },
  },
  UserPoolIdentityProviderSaml: {
    build: (s, p) => new UserPoolIdentityProviderSaml(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), metadata: SamlMetadata.url('https://idp.example.com/metadata') }),
    required: { userPool: POOL, metadata: 'a UserPoolIdentityProviderSamlMetadata (SamlMetadata.url, file or fromFilePath)' },
    enums: { requestSigningAlgorithm: 'SamlRequestSigningAlgorithm' },
  },
  User: {
    build: (s, p) => new User(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), username: 'alice' }),
    required: { userPool: POOL, username: STRING },
    enums: { 'invitationMediums[]': 'DeliveryMedium', 'mfa.preferred': 'UserMfaMethod', 'removalPolicy': 'RemovalPolicy' },
  },
  Users: {
    build: (s, p) => new Users(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), users: [{ username: 'alice' }] }),
    required: { userPool: POOL, users: 'a list of BulkUser' },
    enums: { 'users[].invitationMediums[]': 'DeliveryMedium', 'removalPolicy': 'RemovalPolicy' },
  },
  GroupMembership: {
    build: (s, p) => new GroupMembership(s, 'C', p),
    valid: (s) => {
      const userPool = pool(s);
      return { userPool, group: new UserPoolGroup(s, 'Group', { userPool, groupName: 'admins' }), usernames: ['alice'] };
    },
    required: { userPool: POOL, group: 'an IUserPoolGroup', usernames: 'a list of strings' },
    enums: { removalPolicy: 'RemovalPolicy' },
  },
  UserImportJob: {
    build: (s, p) => new UserImportJob(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), users: [{ username: 'alice', attributes: { email: 'alice@example.com', email_verified: 'true' } }] }),
    required: { userPool: POOL },
    enums: {},
  },
  UserPoolBackup: {
    build: (s, p) => new lib.UserPoolBackup(s, 'C', p),
    valid: (s) => ({ userPool: pool(s) }),
    required: { userPool: POOL },
    enums: {},
  },
  UserPoolRestore: {
    build: (s, p) => new lib.UserPoolRestore(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), backupDirectory: path.join(__dirname, 'fixtures', 'user-pool-backup') }),
    required: { userPool: POOL, backupDirectory: STRING },
    enums: {},
  },
  UserPoolMigration: {
    build: (s, p) => new lib.UserPoolMigration(s, 'C', p),
    valid: (s) => {
      const sourceUserPool = new UserPool(s, 'OldPool');
      return {
        sourceUserPool,
        sourceUserPoolClient: sourceUserPool.addClient('Migration', { authFlows: { adminUserPassword: true } }),
        targetUserPool: pool(s),
      };
    },
    required: { sourceUserPool: POOL, sourceUserPoolClient: CLIENT, targetUserPool: POOL },
    enums: {},
  },
  RiskConfiguration: {
    build: (s, p) => new RiskConfiguration(s, 'C', p),
    valid: (s) => ({ userPool: plusPool(s), accountTakeover: { highRisk: { action: AccountTakeoverEventAction.BLOCK } } }),
    required: { userPool: POOL },
    enumBase: (s) => ({
      userPool: plusPool(s),
      compromisedCredentials: { action: CompromisedCredentialsAction.BLOCK, events: [CompromisedCredentialsEvent.SIGN_IN] },
    }),
    enums: {
      'accountTakeover.lowRisk.action': 'AccountTakeoverEventAction',
      'accountTakeover.mediumRisk.action': 'AccountTakeoverEventAction',
      'accountTakeover.highRisk.action': 'AccountTakeoverEventAction',
      'compromisedCredentials.action': 'CompromisedCredentialsAction',
      'compromisedCredentials.events[]': 'CompromisedCredentialsEvent',
    },
  },
  LogDelivery: {
    build: (s, p) => new LogDelivery(s, 'C', p),
    valid: (s) => ({ userPool: plusPool(s), userNotification: {} }),
    required: { userPool: POOL },
    enums: {
      'userNotification.level': 'UserPoolLogLevel',
      'userNotification.retention': 'RetentionDays',
      'userAuthEvents.level': 'UserPoolLogLevel',
      'userAuthEvents.retention': 'RetentionDays',
      'removalPolicy': 'RemovalPolicy',
    },
  },
  UICustomization: {
    build: (s, p) => new UICustomization(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), css: UICustomizationCss.fromFile(CSS) }),
    required: { userPool: POOL, css: 'a UICustomizationCss (UICustomizationCss.fromString or fromFile)' },
    enums: {},
  },
  ManagedLoginBranding: {
    build: (s, p) => new ManagedLoginBranding(s, 'C', p),
    valid: (s) => ({ ...withClient(s), useCognitoProvidedValues: true }),
    required: { userPool: POOL, client: CLIENT },
    enumBase: (s) => ({
      ...withClient(s),
      assets: [{ category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: LOGO }],
    }),
    enums: {
      'assets[].category': 'ManagedLoginAssetCategory',
      'assets[].colorMode': 'ManagedLoginColorMode',
      'assets[].extension': 'ManagedLoginAssetExtension',
      'style.colorScheme': 'ManagedLoginColorMode',
      'style.spacingDensity': 'ManagedLoginSpacingDensity',
      'style.formHorizontalAlignment': 'ManagedLoginFormHorizontalAlignment',
      'style.formVerticalAlignment': 'ManagedLoginFormVerticalAlignment',
    },
  },
  Terms: {
    build: (s, p) => new Terms(s, 'C', p),
    valid: (s) => ({ ...withClient(s), termsType: TermsType.TERMS_OF_USE, links: { 'cognito:default': 'https://example.com/terms' } }),
    required: {
      userPool: POOL,
      client: CLIENT,
      termsType: OWN_ENUMS.TermsType,
      links: 'a map of language to https URL, e.g. { "cognito:default": "https://example.com/terms" }',
    },
    enums: { termsType: 'TermsType', enforcement: 'TermsEnforcement' },
  },
  UserPoolReplica: {
    build: (s, p) => new UserPoolReplica(s, 'C', p),
    valid: (s) => ({ userPool: new UserPool(s, 'Pool', { encryptionKey: new kms.Key(s, 'Key', { multiRegion: true }) }), region: 'eu-west-1' }),
    required: { userPool: POOL, region: STRING },
    enums: {},
  },
  UserPoolRegionalConfiguration: {
    build: (s, p) => new UserPoolRegionalConfiguration(s, 'C', p),
    valid: (s) => ({ userPool: cognito.UserPool.fromUserPoolId(s, 'Pool', 'eu-west-1_abc123'), status: ReplicaStatus.ACTIVE }),
    required: { userPool: POOL },
    enums: {
      'status': 'ReplicaStatus',
      'email.emailSendingAccount': 'RegionalEmailSendingAccount',
      'triggers.preTokenGenerationVersion': 'PreTokenGenerationVersion',
    },
  },
  UserPoolCustomAttributes: {
    build: (s, p) => new UserPoolCustomAttributes(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), attributes: [{ name: 'team' }] }),
    required: { userPool: POOL, attributes: 'a list of LiveCustomAttribute' },
    enums: { 'attributes[].dataType': 'CustomAttributeDataType' },
  },
  SigningCertificate: {
    build: (s, p) => new SigningCertificate(s, 'C', p),
    valid: (s) => ({ userPool: pool(s) }),
    required: { userPool: POOL },
    enums: {},
  },
  UserPoolMfaSettings: {
    build: (s, p) => new UserPoolMfaSettings(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), enforcement: MfaEnforcement.OPTIONAL, totp: true }),
    required: { userPool: POOL, enforcement: OWN_ENUMS.MfaEnforcement },
    enums: { enforcement: 'MfaEnforcement' },
  },
  UserPoolTriggers: {
    build: (s, p) => new UserPoolTriggers(s, 'C', p),
    valid: (s) => ({
      userPool: cognito.UserPool.fromUserPoolId(s, 'Elsewhere', 'us-east-1_elsewhere'),
      triggers: { preSignUp: new lambda.Function(s, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') }) },
    }),
    required: { userPool: POOL, triggers: 'an object of trigger functions (UserPoolTriggerFunctions)' },
    enums: { preTokenGenerationVersion: 'LambdaVersion' },
  },
  HostedUiLogo: {
    build: (s, p) => new HostedUiLogo(s, 'C', p),
    valid: (s) => ({ userPool: pool(s), imagePath: LOGO }),
    required: { userPool: POOL, imagePath: STRING },
    enums: { removalPolicy: 'RemovalPolicy' },
  },
  ImmutableSettingsGuard: {
    build: (s, p) => new ImmutableSettingsGuard(s, 'C', p),
    valid: (s) => ({ userPool: pool(s) }),
    required: { userPool: 'a UserPool' },
    enums: {},
  },
  ClientSecretRotation: {
    build: (s, p) => new ClientSecretRotation(s, 'C', p),
    valid: (s) => withClient(s, { generateSecret: true }),
    required: { userPool: POOL, client: CLIENT },
    enums: { secretRemovalPolicy: 'RemovalPolicy' },
  },
  UserPoolSessionConfiguration: {
    build: (s, p) => new UserPoolSessionConfiguration(s, 'C', p),
    valid: (s) => ({ userPool: pool(s) }),
    required: { userPool: POOL },
    enums: { removalPolicy: 'RemovalPolicy' },
  },
  ClientSessionConfiguration: {
    build: (s, p) => new ClientSessionConfiguration(s, 'C', p),
    valid: (s) => withClient(s),
    required: { userPool: POOL, client: CLIENT },
    enums: { removalPolicy: 'RemovalPolicy' },
  },
  ProvisionedLimit: {
    build: (s, p) => new ProvisionedLimit(s, 'C', p),
    valid: () => ({ category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 200 }),
    required: { category: 'a ProvisionedLimitCategory (e.g. ProvisionedLimitCategory.USER_AUTHENTICATION)', requestsPerSecond: 'a number' },
    enums: { removalPolicy: 'RemovalPolicy' },
  },
  UserPoolAlarms: {
    build: (s, p) => new UserPoolAlarms(s, 'C', p),
    valid: (s) => ({ userPool: pool(s) }),
    required: { userPool: POOL },
    enums: {},
  },
  AmplifyOutputs: {
    build: (s, p) => new lib.AmplifyOutputs(s, 'C', p),
    valid: (s) => {
      const { userPool, client } = withClient(s, { disableOAuth: true });
      return { userPool, userPoolClient: client };
    },
    required: { userPool: POOL, userPoolClient: CLIENT },
    enums: { 'facts.mfaConfiguration': 'AmplifyMfaConfiguration' },
  },
};

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

/**
 * A copy of `props` with `value` at `path` (`a.b`, `list[]` for the first entry of a list),
 * copying only the objects on the way; returns the property name the error uses (`list[0]`).
 */
function setPath(props: Record<string, any>, pathText: string, value: unknown): [Record<string, any>, string] {
  const parts = pathText.split('.');
  const root = { ...props };
  let node: any = root;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const name = part.replace(/\[\]$/g, '');
    const lists = (part.match(/\[\]/g) ?? []).length;
    if (lists === 0) {
      node[name] = last ? value : { ...(node[name] ?? {}) };
      node = node[name];
    } else {
      const entry = last ? value : { ...(node[name]?.[0] ?? {}) };
      node[name] = [entry];
      node = entry;
    }
  });
  return [root, pathText.replace(/\[\]/g, '[0]')];
}

const missingRows = Object.entries(SPECS).flatMap(([name, spec]) =>
  Object.entries(spec.required).map(([prop, allowed]) => [name, prop, `[Stack/C] ${prop}: received undefined; allowed: ${allowed}.`] as const));

const wrongTypeRows = Object.entries(SPECS).flatMap(([name, spec]) =>
  Object.entries(spec.required).map(([prop, allowed]) => [name, prop,
    allowed === SECRET ? `[Stack/C] ${prop}: received a number (value not shown); allowed: ${allowed}.`
      : allowed === 'a number' ? `[Stack/C] ${prop}: received "42"; allowed: ${allowed}.`
        : `[Stack/C] ${prop}: received 42; allowed: ${allowed}.`] as const));

const noPropsRows = Object.entries(SPECS).filter(([, spec]) => Object.keys(spec.required).length > 0).map(([name, spec]) =>
  [name, `[Stack/C] props: received undefined; allowed: an object with ${Object.keys(spec.required).join(', ')}.`] as const);

const enumRows = Object.entries(SPECS).flatMap(([name, spec]) =>
  Object.entries(spec.enums).map(([prop, enumName]) => [name, prop, ENUMS[enumName]] as const));

describe('plain JavaScript input', () => {
  test.each(missingRows)('%s without %s', (name, prop, message) => {
    const stack = newStack();
    const spec = SPECS[name];
    const props = { ...spec.valid(stack) };
    delete props[prop];
    expect(() => spec.build(stack, props)).toThrow(exact(message));
  });

  test.each(wrongTypeRows)('%s with a wrong type for %s', (name, prop, message) => {
    const stack = newStack();
    const spec = SPECS[name];
    const wrong = message.includes('received "42"') ? '42' : 42;
    expect(() => spec.build(stack, { ...spec.valid(stack), [prop]: wrong })).toThrow(exact(message));
  });

  test.each(noPropsRows)('%s without any props', (name, message) => {
    const stack = newStack();
    expect(() => SPECS[name].build(stack, undefined)).toThrow(exact(message));
  });

  test.each(enumRows)('%s with "block" for the enum %s', (name, prop, allowed) => {
    const stack = newStack();
    const spec = SPECS[name];
    const [props, property] = setPath((spec.enumBase ?? spec.valid)(stack), prop, 'block');
    expect(() => spec.build(stack, props)).toThrow(exact(`[Stack/C] ${property}: received "block"; allowed: ${allowed}.`));
  });

  test.each(Object.keys(SPECS))('%s with valid props builds and synthesizes', (name) => {
    const stack = newStack();
    const spec = SPECS[name];
    spec.build(stack, spec.valid(stack));
    expect(() => (stack.node.root as App).synth()).not.toThrow();
  });
});

describe('exact messages', () => {
  // The issue's example: 'block' was written into the template as is.
  test('a lower-case action for account takeover', () => {
    const stack = newStack();
    expect(() => new RiskConfiguration(stack, 'Risk', { userPool: plusPool(stack), accountTakeover: { highRisk: { action: 'block' as any } } }))
      .toThrow(exact('[Stack/Risk] accountTakeover.highRisk.action: received "block"; allowed: one of AccountTakeoverEventAction.BLOCK ("BLOCK"), '
        + 'AccountTakeoverEventAction.MFA_IF_CONFIGURED ("MFA_IF_CONFIGURED"), AccountTakeoverEventAction.MFA_REQUIRED ("MFA_REQUIRED"), '
        + 'AccountTakeoverEventAction.NO_ACTION ("NO_ACTION").'));
  });

  test('an aws-cdk-lib enum passed through: the threat-protection mode', () => {
    const stack = newStack();
    expect(() => new UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: 'block' as any }))
      .toThrow(exact('[Stack/Pool] standardThreatProtectionMode: received "block"; allowed: one of StandardThreatProtectionMode.FULL_FUNCTION ("ENFORCED"), '
        + 'StandardThreatProtectionMode.AUDIT_ONLY ("AUDIT"), StandardThreatProtectionMode.NO_ENFORCEMENT ("OFF").'));
  });

  test('a numeric enum names its members with their numbers', () => {
    const stack = newStack();
    expect(() => new UserPool(stack, 'Pool', { accountRecovery: 'EMAIL_ONLY' as any }))
      .toThrow(exact('[Stack/Pool] accountRecovery: received "EMAIL_ONLY"; allowed: one of AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA (0), '
        + 'AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL (1), AccountRecovery.EMAIL_ONLY (2), AccountRecovery.PHONE_ONLY_WITHOUT_MFA (3), '
        + 'AccountRecovery.PHONE_AND_EMAIL (4), AccountRecovery.NONE (5).'));
  });

  test('a missing user pool on an aws-cdk-lib subclass is refused before aws-cdk-lib reads it', () => {
    const stack = newStack();
    expect(() => new UserPoolClient(stack, 'Web', {} as any))
      .toThrow(exact('[Stack/Web] userPool: received undefined; allowed: an IUserPool (a UserPool, or one imported with UserPool.fromUserPoolId).'));
  });

  test('a wrong entry of a list is named by its index', () => {
    const stack = newStack();
    expect(() => new User(stack, 'Alice', { userPool: pool(stack), username: 'alice', invitationMediums: ['EMAIL', 'email'] as any }))
      .toThrow(exact('[Stack/Alice] invitationMediums[1]: received "email"; allowed: one of DeliveryMedium.EMAIL ("EMAIL"), DeliveryMedium.SMS ("SMS").'));
  });

  test('a user of a bulk list without a username', () => {
    const stack = newStack();
    expect(() => new Users(stack, 'Team', { userPool: pool(stack), users: [{ username: 'alice' }, { email: 'bob@example.com' }] as any }))
      .toThrow(exact('[Stack/Team] users[1].username: received undefined; allowed: a string.'));
  });

  test('a required enum field of a struct left out', () => {
    const stack = newStack();
    expect(() => new RiskConfiguration(stack, 'Risk', { userPool: plusPool(stack), compromisedCredentials: {} as any }))
      .toThrow(exact('[Stack/Risk] compromisedCredentials.action: received undefined; allowed: one of CompromisedCredentialsAction.BLOCK ("BLOCK"), '
        + 'CompromisedCredentialsAction.NO_ACTION ("NO_ACTION").'));
  });
});

describe('tokens', () => {
  test('an unresolved enum, string or number passes and reaches the template', () => {
    const stack = newStack();
    const plan = new CfnParameter(stack, 'Plan', { allowedValues: ['ESSENTIALS', 'PLUS'] });
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number' });
    new UserPool(stack, 'Pool', { featurePlan: plan.valueAsString as any });
    new UserPoolReplica(stack, 'Replica', {
      userPool: new UserPool(stack, 'Encrypted', { encryptionKey: new kms.Key(stack, 'Key', { multiRegion: true }) }),
      region: Lazy.string({ produce: () => 'eu-west-1' }),
    });
    new ProvisionedLimit(stack, 'Limit', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: rate.valueAsNumber });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: { Ref: 'Plan' } });
  });
});

describe('secrets as plain strings', () => {
  const SECRET_TEXT = 'my-client-secret-1234';
  const cases: Array<[string, (s: Stack) => unknown, string]> = [
    ['Google', (s) => new UserPoolIdentityProviderGoogle(s, 'Google', { userPool: pool(s), clientId: 'abc.apps.googleusercontent.com', clientSecretValue: SECRET_TEXT as any }),
      '[Stack/Google] clientSecretValue: received a string (value not shown); allowed: a SecretValue (e.g. SecretValue.secretsManager(...)).'],
    ['Facebook', (s) => new UserPoolIdentityProviderFacebook(s, 'Facebook', { userPool: pool(s), clientId: '1234567890', clientSecretValue: SECRET_TEXT as any }),
      '[Stack/Facebook] clientSecretValue: received a string (value not shown); allowed: a SecretValue (e.g. SecretValue.secretsManager(...)).'],
    ['Amazon', (s) => new UserPoolIdentityProviderAmazon(s, 'Amazon', { userPool: pool(s), clientId: 'amzn1.application-oa2-client.abc', clientSecretValue: SECRET_TEXT as any }),
      '[Stack/Amazon] clientSecretValue: received a string (value not shown); allowed: a SecretValue (e.g. SecretValue.secretsManager(...)).'],
    ['OIDC', (s) => new UserPoolIdentityProviderOidc(s, 'Oidc', { userPool: pool(s), clientId: 'client', clientSecretValue: SECRET_TEXT as any, issuerUrl: 'https://issuer.example.com' }),
      '[Stack/Oidc] clientSecretValue: received a string (value not shown); allowed: a SecretValue (e.g. SecretValue.secretsManager(...)).'],
    ['Apple', (s) => new UserPoolIdentityProviderApple(s, 'Apple', { userPool: pool(s), clientId: 'com.example.app', teamId: 'ABCDE12345', keyId: 'ABCDE12345', privateKeyValue: SECRET_TEXT as any }),
      '[Stack/Apple] privateKeyValue: received a string (value not shown); allowed: a SecretValue (e.g. SecretValue.secretsManager(...)).'],
    ['a user password', (s) => new User(s, 'Alice', { userPool: pool(s), username: 'alice', password: SECRET_TEXT as any }),
      '[Stack/Alice] password: received a string (value not shown); allowed: a UserPassword (UserPassword.fromSecret, temporaryFromSecret or generate).'],
  ];

  test.each(cases)('%s: refused without showing the value', (_name, build, message) => {
    const stack = newStack();
    let error: unknown;
    try { build(stack); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ValidationError');
    expect((error as Error).message).toBe(message);
    expect((error as Error).message).not.toContain(SECRET_TEXT);
  });
});

describe('coverage', () => {
  const inventory = propsInventory();

  test('every public construct of lib/index.ts has a row set', () => {
    const constructs = Object.entries(lib)
      .filter(([, value]) => typeof value === 'function' && Construct.prototype.isPrototypeOf((value as any).prototype))
      .map(([name]) => name)
      .sort();
    expect(constructs).toEqual(Object.keys(SPECS).sort());
  });

  test.each(Object.keys(SPECS))('%s: every required prop and every enum-typed prop has a row', (name) => {
    const declared = inventory.get(name)!;
    expect(Object.keys(SPECS[name].required).sort()).toEqual(declared.required);
    expect(Object.keys(SPECS[name].enums).sort()).toEqual(declared.enums);
  });
});

/** Matches the whole message, not a part of it. */
function exact(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
