// aws-cdk-lib's public API of every class this library extends, exercised through this library's
// classes in both modes of the switch (cdk-cognito-userpools:awsCdkLibDefaults):
// - under the key, the template equals the one aws-cdk-lib's classes write;
// - without it, it equals the one aws-cdk-lib's classes write with this library's documented
//   secure defaults applied (SECURE below, written from the README, not from lib/), plus the
//   built-in immutable-settings guard.
// Every prop of aws-cdk-lib's props interfaces is set by at least one case; the last describe
// reads the interfaces from aws-cdk-lib's type declarations, so a prop added in a new aws-cdk-lib
// release fails here until a case sets it.
import * as path from 'path';
import { AspectPriority, Aspects, CfnOutput, Duration, IAspect, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { Construct, IConstruct } from 'constructs';
import * as ts from 'typescript';
import * as lib from '../lib';
import { AWS_CDK_LIB, Build, COMPAT, Kit, THIS_LIBRARY, synth, withoutGuard } from './helpers/compat-kit';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-AbCdEf';
const POOL_ID = 'us-east-1_AbCdEfGhI';
const METADATA_XML = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

// ---------------------------------------------------------------------------------------------
// The secure defaults, as the README documents them, applied to aws-cdk-lib's own classes.
// ---------------------------------------------------------------------------------------------

/** README "UserPool": MFA required (TOTP only without mfa props), 12+ characters of every class, 3-day temporary password, deletion protection, retained, full threat protection on Plus. */
function securePoolProps(props: cognito.UserPoolProps = {}): cognito.UserPoolProps {
  const plus = props.featurePlan === cognito.FeaturePlan.PLUS && props.advancedSecurityMode === undefined;
  return {
    ...props,
    mfa: props.mfa ?? cognito.Mfa.REQUIRED,
    mfaSecondFactor: props.mfa === undefined && props.mfaSecondFactor === undefined ? { otp: true, sms: false } : props.mfaSecondFactor,
    passwordPolicy: props.passwordPolicy ?? {
      minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3),
    },
    deletionProtection: props.deletionProtection ?? true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    standardThreatProtectionMode: props.standardThreatProtectionMode ?? (plus ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : undefined),
  };
}

/** README "UserPoolClient": existence errors prevented, revocation on, only SRP (plus refresh), only the code grant, each URL once. */
function secureClientProps<P extends cognito.UserPoolClientOptions>(props: P): P {
  const unique = (urls?: string[]) => urls === undefined ? undefined : Array.from(new Set(urls));
  return {
    ...props,
    preventUserExistenceErrors: props.preventUserExistenceErrors ?? true,
    enableTokenRevocation: props.enableTokenRevocation ?? true,
    authFlows: props.authFlows ?? { userSrp: true },
    oAuth: props.disableOAuth ? props.oAuth : {
      ...props.oAuth,
      flows: props.oAuth?.flows ?? { authorizationCodeGrant: true },
      callbackUrls: unique(props.oAuth?.callbackUrls),
      logoutUrls: unique(props.oAuth?.logoutUrls),
    },
  };
}

class SecurePool extends cognito.UserPool {
  constructor(scope: Construct, id: string, props: cognito.UserPoolProps = {}) {
    super(scope, id, securePoolProps(props));
  }
  public addClient(id: string, options: cognito.UserPoolClientOptions = {}): cognito.UserPoolClient {
    return new SecureClient(this, id, { ...options, userPool: this });
  }
  public addDomain(id: string, options: cognito.UserPoolDomainOptions): cognito.UserPoolDomain {
    return new SecureDomain(this, id, { ...options, userPool: this });
  }
}

/** README: "A client depends on each provider it names" (What is checked at synth). */
class DependOnNamedProviders implements IAspect {
  constructor(private readonly client: IConstruct, private readonly pool: cognito.IUserPoolRef, private readonly names: string[]) {}
  public visit(node: IConstruct): void {
    if (node !== this.client || !('identityProviders' in this.pool)) return;
    for (const idp of (this.pool as cognito.IUserPool).identityProviders) {
      const name = (idp.node.defaultChild as cognito.CfnUserPoolIdentityProvider | undefined)?.providerName;
      if (name !== undefined && this.names.includes(name)) this.client.node.addDependency(idp);
    }
  }
}

class SecureClient extends cognito.UserPoolClient {
  private readonly secret: boolean;
  constructor(scope: Construct, id: string, props: cognito.UserPoolClientProps) {
    super(scope, id, secureClientProps(props));
    this.secret = props.generateSecret === true;
    const names = (props.supportedIdentityProviders ?? []).map((p) => p.name);
    Aspects.of(this).add(new DependOnNamedProviders(this, props.userPool, names), { priority: AspectPriority.MUTATING });
  }
  /** README: "userPoolClientSecret is Fn::GetAtt <client>.ClientSecret". */
  public get userPoolClientSecret(): SecretValue {
    if (!this.secret) throw new Error('no secret');
    return SecretValue.resourceAttribute((this.node.defaultChild as cognito.CfnUserPoolClient).attrClientSecret);
  }
}

class SecureDomain extends cognito.UserPoolDomain {
  constructor(scope: Construct, id: string, props: cognito.UserPoolDomainProps) {
    super(scope, id, props);
    // README: "the TLS security policy of custom domains (TLS_V1_2_2021 by default)".
    if (props.customDomain) {
      (this.node.defaultChild as cognito.CfnUserPoolDomain).customDomainConfig = {
        certificateArn: props.customDomain.certificate.certificateRef.certificateArn, securityPolicy: 'TLS_V1_2_2021',
      };
    }
  }
  /** README: "cloudFrontEndpoint and cloudFrontDomainName are both Fn::GetAtt CloudFrontDistribution". */
  public get cloudFrontDomainName(): string {
    return this.cloudFrontEndpoint;
  }
}

const SECURE: Kit = {
  ...AWS_CDK_LIB,
  UserPool: SecurePool,
  UserPoolClient: SecureClient,
  UserPoolDomain: SecureDomain,
};

// ---------------------------------------------------------------------------------------------
// The cases: props of each aws-cdk-lib props interface, then methods and properties.
// ---------------------------------------------------------------------------------------------

/** A case that sets props of one aws-cdk-lib props interface. */
interface PropsCase<P> {
  readonly name: string;
  readonly props: (stack: Stack, kit: Kit) => P;
}

function fn(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e;'),
  });
}

const TRIGGERS = ['createAuthChallenge', 'customMessage', 'defineAuthChallenge', 'postAuthentication', 'postConfirmation', 'preAuthentication',
  'preSignUp', 'preTokenGeneration', 'userMigration', 'verifyAuthChallengeResponse', 'customEmailSender', 'customSmsSender'] as const;

const POOL: Array<PropsCase<cognito.UserPoolProps>> = [
  { name: 'no props', props: () => ({}) },
  {
    name: 'sign-up, sign-in, verification and invitation messages, attributes',
    props: () => ({
      userPoolName: 'members',
      selfSignUpEnabled: true,
      signInAliases: { username: true, email: true, phone: true, preferredUsername: true },
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true },
      signInCaseSensitive: false,
      userVerification: { emailSubject: 'Verify', emailBody: 'Your code is {####}', emailStyle: cognito.VerificationEmailStyle.CODE, smsMessage: 'Code {####}' },
      userInvitation: { emailSubject: 'Welcome', emailBody: 'Hello {username}, your code is {####}', smsMessage: 'Hi {username}, {####}' },
      standardAttributes: {
        address: { required: false, mutable: true }, birthdate: { required: false }, email: { required: true, mutable: true },
        familyName: { mutable: true }, gender: { mutable: true }, givenName: { mutable: true }, locale: { mutable: true }, middleName: { mutable: true },
        fullname: { mutable: true }, nickname: { mutable: true }, phoneNumber: { required: true }, profilePicture: { mutable: true },
        preferredUsername: { mutable: true }, profilePage: { mutable: true }, timezone: { mutable: true }, lastUpdateTime: { mutable: true },
        website: { mutable: true }, emailVerified: { mutable: true }, phoneNumberVerified: { mutable: true },
      },
      customAttributes: {
        tier: new cognito.StringAttribute({ minLen: 1, maxLen: 10, mutable: true }),
        score: new cognito.NumberAttribute({ min: 0, max: 100, mutable: true }),
        admin: new cognito.BooleanAttribute({ mutable: false }),
        joined: new cognito.DateTimeAttribute(),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
    }),
  },
  {
    name: 'every standard attribute required and immutable',
    props: () => ({
      standardAttributes: Object.fromEntries(['address', 'birthdate', 'email', 'familyName', 'gender', 'givenName', 'locale', 'middleName', 'fullname',
        'nickname', 'phoneNumber', 'profilePicture', 'preferredUsername', 'profilePage', 'timezone', 'lastUpdateTime', 'website', 'emailVerified',
        'phoneNumberVerified'].map((name) => [name, { required: true, mutable: false }])),
    }),
  },
  {
    name: 'link verification, no aliases, phone recovery only',
    props: () => ({
      userVerification: { emailStyle: cognito.VerificationEmailStyle.LINK, emailSubject: 'Verify', emailBody: 'Verify: {##Click##}' },
      accountRecovery: cognito.AccountRecovery.PHONE_ONLY_WITHOUT_MFA,
    }),
  },
  {
    name: 'MFA with SMS through an own role, in another SNS Region',
    props: (s) => ({
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: true, otp: true },
      mfaMessage: 'Your code is {####}',
      smsRole: new iam.Role(s, 'SmsRole', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') }),
      smsRoleExternalId: 'external-id',
      snsRegion: 'us-west-2',
      accountRecovery: cognito.AccountRecovery.PHONE_AND_EMAIL,
    }),
  },
  { name: 'MFA required, SMS role turned off, TOTP only', props: () => ({ mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false }, enableSmsRole: false }) },
  { name: 'MFA off, no SMS role', props: () => ({ mfa: cognito.Mfa.OFF, enableSmsRole: false, accountRecovery: cognito.AccountRecovery.NONE }) },
  {
    name: 'email MFA with SES, the Essentials plan, choice-based sign-in and passkeys',
    props: () => ({
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      email: cognito.UserPoolEmail.withSES({
        fromEmail: 'no-reply@example.com', fromName: 'Example', replyTo: 'support@example.com', sesRegion: 'us-east-1', sesVerifiedDomain: 'example.com',
        configurationSetName: 'default',
      }),
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false, email: true },
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true, smsOtp: true, passkey: true } },
      passkeyRelyingPartyId: 'auth.example.com',
      passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
      signInAliases: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    }),
  },
  {
    name: 'a full password policy, destroyed with the stack, no deletion protection, the Lite plan',
    props: () => ({
      passwordPolicy: {
        minLength: 8, requireLowercase: false, requireUppercase: false, requireDigits: true, requireSymbols: false, tempPasswordValidity: Duration.days(7),
      },
      removalPolicy: RemovalPolicy.DESTROY,
      deletionProtection: false,
      featurePlan: cognito.FeaturePlan.LITE,
      email: cognito.UserPoolEmail.withCognito('support@example.com'),
    }),
  },
  {
    name: 'password history on Essentials, device tracking, deletion protection on',
    props: () => ({
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      passwordPolicy: { minLength: 16, passwordHistorySize: 5 },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    }),
  },
  {
    name: 'Plus plan with threat protection modes',
    props: () => ({
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
      customThreatProtectionMode: cognito.CustomThreatProtectionMode.FULL_FUNCTION,
    }),
  },
  { name: 'Plus plan, no mode chosen', props: () => ({ featurePlan: cognito.FeaturePlan.PLUS }) },
  { name: 'the deprecated advanced security mode', props: () => ({ featurePlan: cognito.FeaturePlan.PLUS, advancedSecurityMode: cognito.AdvancedSecurityMode.AUDIT }) },
  {
    name: 'every Lambda trigger, with a custom sender key',
    props: (s) => ({
      customSenderKmsKey: new kms.Key(s, 'SenderKey'),
      lambdaTriggers: Object.fromEntries(TRIGGERS.map((t) => [t, fn(s, t)])) as cognito.UserPoolTriggers,
    }),
  },
];

/** A pool of the kit, to which the cases attach their resources. */
function pool(s: Stack, k: Kit): cognito.UserPool {
  return new k.UserPool(s, 'Pool');
}

const CLIENT: Array<PropsCase<cognito.UserPoolClientProps>> = [
  { name: 'only the pool', props: (s, k) => ({ userPool: pool(s, k) }) },
  {
    name: 'every OAuth and token setting, a name, attributes',
    props: (s, k) => {
      const userPool = new k.UserPool(s, 'Pool', { customAttributes: { tier: new cognito.StringAttribute({ mutable: true }) } });
      new k.UserPoolResourceServer(s, 'Api', { userPool, identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' })] });
      return {
        userPool,
        userPoolClientName: 'web',
        authFlows: { user: true, userSrp: true, custom: true, userPassword: true, adminUserPassword: true },
        oAuth: {
          flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
          scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PHONE, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.custom('api/read')],
          callbackUrls: ['https://app.example.com/cb', 'http://localhost:3000/cb', 'myapp://cb', 'https://app.example.com/cb'],
          logoutUrls: ['https://app.example.com/out'],
          defaultRedirectUri: 'https://app.example.com/cb',
        },
        authSessionValidity: Duration.minutes(10),
        accessTokenValidity: Duration.minutes(60),
        idTokenValidity: Duration.minutes(60),
        refreshTokenValidity: Duration.days(30),
        preventUserExistenceErrors: false,
        enableTokenRevocation: false,
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
        readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes('tier'),
        writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
      };
    },
  },
  {
    name: 'a confidential client with context data and refresh-token rotation',
    props: (s, k) => ({
      userPool: pool(s, k),
      generateSecret: true,
      enablePropagateAdditionalUserContextData: true,
      refreshTokenRotationGracePeriod: Duration.seconds(30),
      authFlows: { userSrp: true },
      disableOAuth: true,
    }),
  },
  {
    name: 'client credentials with a resource server scope',
    props: (s, k) => {
      const userPool = pool(s, k);
      const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
      const server = new k.UserPoolResourceServer(s, 'Api', { userPool, identifier: 'api', scopes: [read] });
      return { userPool, generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, read)] } };
    },
  },
  {
    name: 'Pinpoint analytics by application (a retired service: a warning only)',
    props: (s, k) => ({ userPool: pool(s, k), analytics: { application: new pinpoint.CfnApp(s, 'App', { name: 'app' }), shareUserData: true } }),
  },
  {
    name: 'Pinpoint analytics by id, external id and role',
    props: (s, k) => ({
      userPool: pool(s, k),
      analytics: { applicationId: 'abcdef', externalId: 'ext', role: new iam.Role(s, 'Analytics', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') }) },
    }),
  },
  {
    name: 'providers named by constant and custom, declared in the app',
    props: (s, k) => {
      const userPool = pool(s, k);
      allProviders(s, k, userPool);
      return {
        userPool,
        supportedIdentityProviders: [
          cognito.UserPoolClientIdentityProvider.GOOGLE, cognito.UserPoolClientIdentityProvider.FACEBOOK, cognito.UserPoolClientIdentityProvider.AMAZON,
          cognito.UserPoolClientIdentityProvider.APPLE, cognito.UserPoolClientIdentityProvider.custom('CorpOidc'), cognito.UserPoolClientIdentityProvider.custom('CorpSaml'),
        ],
      };
    },
  },
];

const DOMAIN: Array<PropsCase<cognito.UserPoolDomainProps>> = [
  { name: 'a prefix domain', props: (s, k) => ({ userPool: pool(s, k), cognitoDomain: { domainPrefix: 'my-app' } }) },
  {
    name: 'a custom domain on managed login version 1',
    props: (s, k) => ({
      userPool: pool(s, k),
      customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    }),
  },
  {
    name: 'managed login version 2 on a pool without clients',
    props: (s, k) => ({
      userPool: new k.UserPool(s, 'Pool', { featurePlan: cognito.FeaturePlan.ESSENTIALS }),
      cognitoDomain: { domainPrefix: 'my-app' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    }),
  },
];

const GROUP: Array<PropsCase<cognito.UserPoolGroupProps>> = [
  { name: 'only the pool', props: (s, k) => ({ userPool: pool(s, k) }) },
  {
    name: 'every prop',
    props: (s, k) => ({
      userPool: pool(s, k), groupName: 'admins', description: 'Administrators', precedence: 0,
      role: new iam.Role(s, 'Role', { assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity') }),
    }),
  },
];

const RESOURCE_SERVER: Array<PropsCase<cognito.UserPoolResourceServerProps>> = [
  { name: 'only an identifier', props: (s, k) => ({ userPool: pool(s, k), identifier: 'orders' }) },
  {
    name: 'every prop',
    props: (s, k) => ({
      userPool: pool(s, k), identifier: 'https://api.example.com/orders', userPoolResourceServerName: 'Orders API',
      scopes: [new cognito.ResourceServerScope({ scopeName: 'orders.read', scopeDescription: 'Read orders' }),
        new cognito.ResourceServerScope({ scopeName: 'orders.write', scopeDescription: 'Write orders' })],
    }),
  },
];

const MAPPING: cognito.AttributeMapping = {
  address: cognito.ProviderAttribute.other('address'), birthdate: cognito.ProviderAttribute.other('birthdate'), email: cognito.ProviderAttribute.other('email'),
  emailVerified: cognito.ProviderAttribute.other('email_verified'), familyName: cognito.ProviderAttribute.other('family_name'),
  gender: cognito.ProviderAttribute.other('gender'), givenName: cognito.ProviderAttribute.other('given_name'), locale: cognito.ProviderAttribute.other('locale'),
  middleName: cognito.ProviderAttribute.other('middle_name'), fullname: cognito.ProviderAttribute.other('name'), nickname: cognito.ProviderAttribute.other('nickname'),
  phoneNumber: cognito.ProviderAttribute.other('phone_number'), profilePicture: cognito.ProviderAttribute.other('picture'),
  preferredUsername: cognito.ProviderAttribute.other('preferred_username'), profilePage: cognito.ProviderAttribute.other('profile'),
  timezone: cognito.ProviderAttribute.other('zoneinfo'), lastUpdateTime: cognito.ProviderAttribute.other('updated_at'), website: cognito.ProviderAttribute.other('website'),
  custom: { 'custom:tier': cognito.ProviderAttribute.other('tier') },
};

const AMAZON: Array<PropsCase<cognito.UserPoolIdentityProviderAmazonProps>> = [{
  name: 'every prop',
  props: (s, k) => ({ userPool: pool(s, k), clientId: 'amzn', clientSecret: 'amzn-secret', scopes: ['profile', 'postal_code'], attributeMapping: MAPPING }),
}];
const APPLE: Array<PropsCase<cognito.UserPoolIdentityProviderAppleProps>> = [
  {
    name: 'privateKey (plain text), every other prop',
    props: (s, k) => ({
      userPool: pool(s, k), clientId: 'com.example', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKey: 'apple-key', scopes: ['name', 'email'], attributeMapping: MAPPING,
    }),
  },
  { name: 'privateKeyValue', props: (s, k) => ({ userPool: pool(s, k), clientId: 'com.example', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKeyValue: SecretValue.secretsManager(SECRET_ARN) }) },
];
const FACEBOOK: Array<PropsCase<cognito.UserPoolIdentityProviderFacebookProps>> = [{
  name: 'every prop',
  props: (s, k) => ({ userPool: pool(s, k), clientId: 'fb', clientSecret: 'fb-secret', scopes: ['public_profile', 'email'], apiVersion: 'v17.0', attributeMapping: MAPPING }),
}];
const GOOGLE: Array<PropsCase<cognito.UserPoolIdentityProviderGoogleProps>> = [
  { name: 'clientSecret (plain text), every other prop', props: (s, k) => ({ userPool: pool(s, k), clientId: 'g', clientSecret: 'g-secret', scopes: ['openid', 'email'], attributeMapping: MAPPING }) },
  { name: 'clientSecretValue', props: (s, k) => ({ userPool: pool(s, k), clientId: 'g', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) }) },
];
const OIDC: Array<PropsCase<cognito.UserPoolIdentityProviderOidcProps>> = [
  { name: 'defaults', props: (s, k) => ({ userPool: pool(s, k), clientId: 'o', clientSecret: SecretValue.secretsManager(SECRET_ARN).unsafeUnwrap(), issuerUrl: 'https://issuer.example.com' }) },
  {
    name: 'every prop',
    props: (s, k) => ({
      userPool: pool(s, k), clientId: 'o', clientSecret: 'o-secret', issuerUrl: 'https://issuer.example.com', name: 'CorpOidc', scopes: ['openid', 'email'],
      identifiers: ['corp', 'example.com'], attributeRequestMethod: cognito.OidcAttributeRequestMethod.POST, attributeMapping: MAPPING,
      endpoints: { authorization: 'https://issuer.example.com/a', token: 'https://issuer.example.com/t', userInfo: 'https://issuer.example.com/u', jwksUri: 'https://issuer.example.com/j' },
    }),
  },
];
const SAML: Array<PropsCase<cognito.UserPoolIdentityProviderSamlProps>> = [
  { name: 'metadata URL, defaults', props: (s, k) => ({ userPool: pool(s, k), metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/metadata') }) },
  {
    name: 'metadata file, every prop',
    props: (s, k) => ({
      userPool: pool(s, k), name: 'CorpSaml', identifiers: ['saml-corp'], metadata: cognito.UserPoolIdentityProviderSamlMetadata.file(METADATA_XML),
      idpSignout: true, encryptedResponses: true, requestSigningAlgorithm: cognito.SigningAlgorithm.RSA_SHA256, idpInitiated: true, attributeMapping: MAPPING,
    }),
  },
];

/** Every provider type, in a pool, with the names the client cases use. */
function allProviders(s: Stack, k: Kit, userPool: cognito.IUserPool): void {
  new k.UserPoolIdentityProviderGoogle(s, 'Google', { userPool, clientId: 'g', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) });
  new k.UserPoolIdentityProviderFacebook(s, 'Facebook', { userPool, clientId: 'f', clientSecret: SecretValue.secretsManager(SECRET_ARN).unsafeUnwrap() });
  new k.UserPoolIdentityProviderAmazon(s, 'Amazon', { userPool, clientId: 'a', clientSecret: SecretValue.secretsManager(SECRET_ARN).unsafeUnwrap() });
  new k.UserPoolIdentityProviderApple(s, 'Apple', { userPool, clientId: 'com.example', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKeyValue: SecretValue.secretsManager(SECRET_ARN) });
  new k.UserPoolIdentityProviderOidc(s, 'Oidc', { userPool, name: 'CorpOidc', clientId: 'o', clientSecret: SecretValue.secretsManager(SECRET_ARN).unsafeUnwrap(), issuerUrl: 'https://issuer.example.com' });
  new k.UserPoolIdentityProviderSaml(s, 'Saml', { userPool, name: 'CorpSaml', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/metadata') });
}

/** The props interfaces, each with its cases and how a case's props become a construct. */
const PROPS_CASES: Array<[string, Array<PropsCase<any>>, (s: Stack, k: Kit, p: any) => unknown]> = [
  ['UserPoolProps', POOL, (s, k, p) => new k.UserPool(s, 'Subject', p)],
  ['UserPoolClientProps', CLIENT, (s, k, p) => new k.UserPoolClient(s, 'Subject', p)],
  ['UserPoolDomainProps', DOMAIN, (s, k, p) => new k.UserPoolDomain(s, 'Subject', p)],
  ['UserPoolGroupProps', GROUP, (s, k, p) => new k.UserPoolGroup(s, 'Subject', p)],
  ['UserPoolResourceServerProps', RESOURCE_SERVER, (s, k, p) => new k.UserPoolResourceServer(s, 'Subject', p)],
  ['UserPoolIdentityProviderAmazonProps', AMAZON, (s, k, p) => new k.UserPoolIdentityProviderAmazon(s, 'Subject', p)],
  ['UserPoolIdentityProviderAppleProps', APPLE, (s, k, p) => new k.UserPoolIdentityProviderApple(s, 'Subject', p)],
  ['UserPoolIdentityProviderFacebookProps', FACEBOOK, (s, k, p) => new k.UserPoolIdentityProviderFacebook(s, 'Subject', p)],
  ['UserPoolIdentityProviderGoogleProps', GOOGLE, (s, k, p) => new k.UserPoolIdentityProviderGoogle(s, 'Subject', p)],
  ['UserPoolIdentityProviderOidcProps', OIDC, (s, k, p) => new k.UserPoolIdentityProviderOidc(s, 'Subject', p)],
  ['UserPoolIdentityProviderSamlProps', SAML, (s, k, p) => new k.UserPoolIdentityProviderSaml(s, 'Subject', p)],
];

/** Public methods and properties of the extended classes (and the shortcuts that create them). */
const METHODS: Array<[string, Build]> = [
  ['UserPool.addClient, with options', (s, k) => {
    pool(s, k).addClient('Client', { generateSecret: true, oAuth: { callbackUrls: ['https://app.example.com/cb'] }, authFlows: { userPassword: true } });
  }],
  ['UserPool.addClient, no options', (s, k) => { pool(s, k).addClient('Client'); }],
  ['UserPool.addDomain: a custom domain', (s, k) => {
    pool(s, k).addDomain('Domain', { customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) } });
  }],
  ['UserPool.addGroup and addResourceServer', (s, k) => {
    const p = pool(s, k);
    p.addGroup('Group', { groupName: 'readers', precedence: 10 });
    p.addResourceServer('Api', { identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' })] });
  }],
  ['UserPool.addTrigger: V1 and a pre-token-generation V2 trigger', (s, k) => {
    const p = pool(s, k);
    p.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn(s, 'PreSignUp'));
    p.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn(s, 'PreToken'), cognito.LambdaVersion.V2_0);
  }],
  ['UserPool.grant and the pool\'s attributes', (s, k) => {
    const p = pool(s, k);
    p.grant(new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() }), 'cognito-idp:AdminGetUser', 'cognito-idp:ListUsers');
    new CfnOutput(s, 'Id', { value: p.userPoolId });
    new CfnOutput(s, 'Arn', { value: p.userPoolArn });
    new CfnOutput(s, 'ProviderName', { value: p.userPoolProviderName });
    new CfnOutput(s, 'ProviderUrl', { value: p.userPoolProviderUrl });
  }],
  ['UserPool.registerIdentityProvider and identityProviders (clients offer the registered providers)', (s, k) => {
    const p = pool(s, k);
    p.registerIdentityProvider(cognito.UserPoolIdentityProvider.fromProviderName(s, 'Existing', 'ExistingIdp'));
    new k.UserPoolIdentityProviderGoogle(s, 'Google', { userPool: p, clientId: 'g', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) });
    new CfnOutput(s, 'Count', { value: String(p.identityProviders.length) });
    p.addClient('Client');
  }],
  ['UserPoolClient: userPoolClientId, userPoolClientName and userPoolClientSecret', (s, k) => {
    const client = new k.UserPoolClient(s, 'Client', { userPool: pool(s, k), generateSecret: true, userPoolClientName: 'named' });
    new CfnOutput(s, 'Id', { value: client.userPoolClientId });
    new CfnOutput(s, 'Name', { value: client.userPoolClientName });
    new CfnOutput(s, 'Secret', { value: client.userPoolClientSecret.unsafeUnwrap() });
  }],
  ['UserPoolClient: userPoolClientName is only known when given; oAuthFlows', (s, k) => {
    const client = new k.UserPoolClient(s, 'Client', { userPool: pool(s, k) });
    expect(() => client.userPoolClientName).toThrow(/userPoolClientName is available only if specified on the UserPoolClient during initialization/);
    new CfnOutput(s, 'Flows', { value: client.oAuthFlows.authorizationCodeGrant ? 'code' : 'none' });
  }],
  ['UserPoolDomain: baseUrl, signInUrl, domainName, cloudFrontEndpoint, cloudFrontDomainName', (s, k) => {
    const p = pool(s, k);
    const client = p.addClient('Client');
    const prefix = new k.UserPoolDomain(s, 'Prefix', { userPool: p, cognitoDomain: { domainPrefix: 'my-app' } });
    const custom = new k.UserPoolDomain(s, 'Custom', {
      userPool: p, customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) },
    });
    new CfnOutput(s, 'Base', { value: prefix.baseUrl() });
    new CfnOutput(s, 'BaseFips', { value: prefix.baseUrl({ fips: true }) });
    new CfnOutput(s, 'CustomBase', { value: custom.baseUrl() });
    new CfnOutput(s, 'SignIn', { value: prefix.signInUrl(client, { redirectUri: 'https://example.com', signInPath: '/oauth2/authorize', fips: true }) });
    new CfnOutput(s, 'Name', { value: custom.domainName });
    new CfnOutput(s, 'Endpoint', { value: custom.cloudFrontEndpoint });
    new CfnOutput(s, 'CloudFront', { value: custom.cloudFrontDomainName });
  }],
  ['UserPoolGroup and UserPoolResourceServer attributes', (s, k) => {
    const p = pool(s, k);
    const group = new k.UserPoolGroup(s, 'Group', { userPool: p, groupName: 'g' });
    const server = new k.UserPoolResourceServer(s, 'Api', { userPool: p, identifier: 'api' });
    new CfnOutput(s, 'GroupName', { value: group.groupName });
    new CfnOutput(s, 'ServerId', { value: server.userPoolResourceServerId });
  }],
  ['identity providers: providerName and applyRemovalPolicy', (s, k) => {
    const idp = new k.UserPoolIdentityProviderGoogle(s, 'Google', { userPool: pool(s, k), clientId: 'g', clientSecretValue: SecretValue.secretsManager(SECRET_ARN) });
    idp.applyRemovalPolicy(RemovalPolicy.RETAIN);
    new CfnOutput(s, 'Name', { value: idp.providerName });
  }],
  ['imports: fromUserPoolId, fromUserPoolArn, fromUserPoolClientId, fromDomainName, fromGroupName, fromUserPoolResourceServerId', (s, k) => {
    const byId = lib.UserPool.fromUserPoolId(s, 'ById', POOL_ID);
    const byArn = cognito.UserPool.fromUserPoolArn(s, 'ByArn', `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${POOL_ID}`);
    new k.UserPoolClient(s, 'Client', { userPool: byId });
    new k.UserPoolDomain(s, 'Domain', { userPool: byArn, cognitoDomain: { domainPrefix: 'imported' } });
    new CfnOutput(s, 'Client2', { value: cognito.UserPoolClient.fromUserPoolClientId(s, 'C2', 'abc').userPoolClientId });
    new CfnOutput(s, 'Domain2', { value: cognito.UserPoolDomain.fromDomainName(s, 'D2', 'my-app').domainName });
    new CfnOutput(s, 'Group2', { value: cognito.UserPoolGroup.fromGroupName(s, 'G2', 'g').groupName });
    new CfnOutput(s, 'Server2', { value: cognito.UserPoolResourceServer.fromUserPoolResourceServerId(s, 'R2', 'r').userPoolResourceServerId });
  }],
];

/** Every case as a build: the props cases create their subject under id `Subject`. */
const BUILDS: Array<[string, Build]> = [
  ...PROPS_CASES.flatMap(([iface, cases, make]) => cases.map((c) => [`${iface}: ${c.name}`, (s: Stack, k: Kit) => { make(s, k, c.props(s, k)); }] as [string, Build])),
  ...METHODS,
];

describe('under the key, this library\'s classes synthesize what aws-cdk-lib\'s synthesize', () => {
  test.each(BUILDS)('%s', (_name, build) => {
    expect(synth(THIS_LIBRARY, build, { context: COMPAT })).toEqual(synth(AWS_CDK_LIB, build));
  });
});

describe('without the key, they synthesize what aws-cdk-lib\'s synthesize with the documented secure defaults (and the guard)', () => {
  test.each(BUILDS)('%s', (_name, build) => {
    const ours = synth(THIS_LIBRARY, build);
    const { template, removed } = withoutGuard(ours);
    expect(template).toEqual(synth(SECURE, build));
    // the guard is there exactly when a pool of this library is
    const pools = Object.values<any>(ours.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPool').length;
    expect(removed.filter((id) => ours.Resources[id].Type === 'Custom::CognitoImmutableSettingsGuard').length).toBe(pools);
  });
});

/**
 * Values aws-cdk-lib writes into the template and Cognito (or CloudFront) rejects at deploy time:
 * this library refuses them at synth in both modes (the README's migration section lists them).
 */
const REFUSALS: Array<{ name: string; build: Build; written: unknown; message: string }> = [
  {
    name: 'a custom OAuth scope no resource server of the pool declares',
    build: (s, k) => { new k.UserPoolClient(s, 'Client', { userPool: pool(s, k), oAuth: { scopes: [cognito.OAuthScope.custom('api/read')] } }); },
    written: 'api/read',
    message: '[Stack/Client] oAuth.scopes: received "api/read"; allowed: a standard scope (phone, email, openid, profile, aws.cognito.signin.user.admin) or a scope of a resource server of the user pool Stack/Pool (none declared).',
  },
  {
    name: 'an identity provider the pool does not have',
    build: (s, k) => { new k.UserPoolClient(s, 'Client', { userPool: pool(s, k), supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE] }); },
    written: 'Google',
    message: '[Stack/Client] supportedIdentityProviders: received ["Google"]; allowed: "COGNITO" or a provider of the user pool Stack/Pool (none declared); '
      + 'declare the provider in the app, or register one made elsewhere with pool.registerIdentityProvider(UserPoolIdentityProvider.fromProviderName(...)).',
  },
  {
    name: 'an http callback URL other than localhost',
    build: (s, k) => { new k.UserPoolClient(s, 'Client', { userPool: pool(s, k), oAuth: { callbackUrls: ['http://app.example.com/cb'] } }); },
    written: 'http://app.example.com/cb',
    message: '[Stack/Client] oAuth.callbackUrls: received "http://app.example.com/cb"; allowed: an https URI, http://localhost, or an app scheme such as myapp://.',
  },
  {
    name: 'the client-credentials grant without a client secret',
    build: (s, k) => {
      const userPool = pool(s, k);
      const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
      const server = new k.UserPoolResourceServer(s, 'Api', { userPool, identifier: 'api', scopes: [read] });
      new k.UserPoolClient(s, 'Client', { userPool, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, read)] } });
    },
    written: 'client_credentials',
    message: '[Stack/Client] oAuth.flows.clientCredentials: received true; allowed: only with generateSecret: true (the flow authenticates with the client secret).',
  },
  {
    name: 'the client-credentials grant with aws-cdk-lib\'s default (standard) scopes',
    build: (s, k) => { new k.UserPoolClient(s, 'Client', { userPool: pool(s, k), generateSecret: true, oAuth: { flows: { clientCredentials: true } } }); },
    written: 'client_credentials',
    message: '[Stack/Client] oAuth.scopes: received []; allowed: at least one resource-server scope when oAuth.flows.clientCredentials is set.',
  },
  {
    name: 'the client-credentials grant with a standard scope',
    build: (s, k) => {
      new k.UserPoolClient(s, 'Client', { userPool: pool(s, k), generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.EMAIL] } });
    },
    written: 'email',
    message: '[Stack/Client] oAuth.scopes: received ["email"]; allowed: resource-server scopes only when oAuth.flows.clientCredentials is set.',
  },
  {
    name: 'a domain prefix with a reserved word',
    build: (s, k) => { new k.UserPoolDomain(s, 'Domain', { userPool: pool(s, k), cognitoDomain: { domainPrefix: 'my-cognito-app' } }); },
    written: 'my-cognito-app',
    message: '[Stack/Domain] cognitoDomain.domainPrefix: received "my-cognito-app"; allowed: a prefix without the reserved words aws, amazon, cognito.',
  },
  {
    name: 'a custom domain\'s certificate outside us-east-1',
    build: (s, k) => {
      new k.UserPoolDomain(s, 'Domain', {
        userPool: pool(s, k),
        customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(s, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc') },
      });
    },
    written: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    message: '[Stack/Domain] customDomain.certificate: received "arn:aws:acm:eu-west-1:123456789012:certificate/abc"; '
      + 'allowed: a certificate in us-east-1 (the custom domain is served by CloudFront, which uses certificates from us-east-1 only).',
  },
  {
    name: 'an OIDC provider named like a social provider',
    build: (s, k) => { new k.UserPoolIdentityProviderOidc(s, 'Idp', { userPool: pool(s, k), name: 'Google', clientId: 'c', clientSecret: 'x', issuerUrl: 'https://issuer.example.com' }); },
    written: 'Google',
    message: '[Stack/Idp] name: received "Google"; allowed: a name other than COGNITO, Google, Facebook, LoginWithAmazon and SignInWithApple (reserved).',
  },
  {
    name: 'OIDC scopes without openid',
    build: (s, k) => { new k.UserPoolIdentityProviderOidc(s, 'Idp', { userPool: pool(s, k), clientId: 'c', clientSecret: 'x', issuerUrl: 'https://issuer.example.com', scopes: ['email'] }); },
    written: 'email',
    message: '[Stack/Idp] scopes: received ["email"]; allowed: a list that includes "openid".',
  },
  {
    name: 'two providers of one pool with the same name',
    build: (s, k) => {
      const userPool = pool(s, k);
      new k.UserPoolIdentityProviderOidc(s, 'A', { userPool, name: 'Corp', clientId: 'c', clientSecret: 'x', issuerUrl: 'https://issuer.example.com' });
      new k.UserPoolIdentityProviderSaml(s, 'B', { userPool, name: 'Corp', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.example.com/metadata') });
    },
    written: 'Corp',
    message: '[Stack/B] name: received "Corp"; allowed: a provider name unique in the user pool (Stack/A has it).',
  },
  {
    name: 'an invitation email without the temporary password',
    build: (s, k) => { new k.UserPool(s, 'Pool', { userInvitation: { emailBody: 'Welcome {username}' } }); },
    written: 'Welcome {username}',
    message: '[Stack/Pool] userInvitation.emailBody: received "Welcome {username}"; allowed: a template that contains {username} and {####} (missing {####}).',
  },
  {
    name: 'a resource server identifier with a space',
    build: (s, k) => { new k.UserPoolResourceServer(s, 'Api', { userPool: pool(s, k), identifier: 'orders api' }); },
    written: 'orders api',
    message: '[Stack/Api] identifier: received "orders api"; allowed: printable ASCII characters except space, " and \\.',
  },
];

describe('values Cognito rejects are refused at synth, also under the key', () => {
  test.each(REFUSALS.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    // GIVEN aws-cdk-lib writes the value into the template
    expect(JSON.stringify(synth(AWS_CDK_LIB, r.build).Resources)).toContain(JSON.stringify(r.written));
    // THEN this library refuses it, with and without the key
    for (const context of [COMPAT, {}]) {
      let message: string | undefined;
      try {
        synth(THIS_LIBRARY, r.build, { context });
      } catch (e) {
        message = (e as Error).message;
      }
      // checks that run once the app is built report each error on a line of their own
      expect(message?.split('\n').map((line) => line.trim())).toContain(r.message);
    }
  });
});

describe('every prop of aws-cdk-lib\'s props interfaces is set by a case', () => {
  const declared = awsCdkLibProps();

  test('the interfaces are found in aws-cdk-lib\'s type declarations', () => {
    expect([...declared.keys()].sort()).toEqual(PROPS_CASES.map(([iface]) => iface).sort());
  });

  test.each(PROPS_CASES.map(([iface, cases]) => [iface, cases] as const))('%s, nested props of its structs included', (iface, cases) => {
    const set = new Set(cases.flatMap((c) => setPaths(c.props(new Stack(), AWS_CDK_LIB), '')));
    const props = declared.get(iface)!;
    expect(props.filter((p) => !p.includes('.')).length).toBeGreaterThan(2);
    expect(props.filter((p) => !set.has(p))).toEqual([]);
  });
});

/** The paths a props object sets (`oAuth.flows.implicitCodeGrant`), into plain objects only (not class instances). */
function setPaths(value: unknown, prefix: string): string[] {
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return [];
  return Object.entries(value as object).filter(([, v]) => v !== undefined)
    .flatMap(([key, v]) => [`${prefix}${key}`, ...setPaths(v, `${prefix}${key}.`)]);
}

/**
 * The props each aws-cdk-lib props interface declares (its own and inherited), and those of the
 * structs they hold (`oAuth.flows.clientCredentials`), read from aws-cdk-lib's type declarations
 * with the TypeScript compiler API. A struct is a data interface (not `IUserPool`-like, not a
 * class); map-like structs (`customAttributes`, `attributeMapping.custom`) have no declared keys.
 */
function awsCdkLibProps(): Map<string, string[]> {
  const dir = path.join(path.dirname(require.resolve('aws-cdk-lib')), 'aws-cognito', 'lib');
  const program = ts.createProgram([path.join(dir, 'index.d.ts')], { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const wanted = new Set(PROPS_CASES.map(([iface]) => iface));
  const result = new Map<string, string[]>();
  for (const file of program.getSourceFiles()) {
    if (!path.resolve(file.fileName).startsWith(path.resolve(dir))) continue;
    ts.forEachChild(file, (node) => {
      if (ts.isInterfaceDeclaration(node) && wanted.has(node.name.text)) {
        const out: string[] = [];
        walkStruct(checker, checker.getTypeAtLocation(node), '', out, 0);
        result.set(node.name.text, out);
      }
    });
  }
  return result;
}

function isStruct(type: ts.Type): boolean {
  const symbol = type.getSymbol();
  if (!symbol || !(symbol.flags & ts.SymbolFlags.Interface) || /^I[A-Z]/.test(symbol.name)) return false;
  return type.getCallSignatures().length === 0;
}

function walkStruct(checker: ts.TypeChecker, type: ts.Type, prefix: string, out: string[], depth: number): void {
  for (const prop of checker.getPropertiesOfType(type)) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (!decl) continue;
    out.push(`${prefix}${prop.name}`);
    const t = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, decl));
    if (depth < 3 && !checker.isArrayType(t) && isStruct(t)) walkStruct(checker, t, `${prefix}${prop.name}.`, out, depth + 1);
  }
}
