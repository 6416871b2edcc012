import { Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { DomainSecurityPolicy, UserPoolClient, UserPoolDomain } from '../../lib';

/** What {@link addFullClients} created, for stacks that build on it. */
export interface FullClients {
  readonly webClient: UserPoolClient;
  readonly machineClient: UserPoolClient;
  readonly mobileClient: UserPoolClient;
  readonly prefixDomain: UserPoolDomain;
  readonly customDomain: UserPoolDomain;
}

/**
 * App clients and domains that together set every property path of
 * AWS::Cognito::UserPoolClient and AWS::Cognito::UserPoolDomain through this library, except
 * AnalyticsConfiguration: it sends events to Amazon Pinpoint, which AWS shut down on 2026-10-30
 * (see the README for its replacement).
 * The pool must be on the Essentials or Plus feature plan (managed login v2).
 */
export function addFullClients(stack: Stack, pool: cognito.IUserPool): FullClients {
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read access' });
  const api = pool.addResourceServer('ClientsApi', { identifier: 'clients-api', scopes: [read] });
  const readScope = cognito.OAuthScope.resourceServer(api, read);

  // A custom domain on managed login v2, failing over to a pool replica in us-west-2.
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  const customDomain = new UserPoolDomain(stack, 'CustomDomain', {
    userPool: pool,
    customDomain: {
      domainName: 'auth.example.com',
      certificate: acm.Certificate.fromCertificateArn(stack, 'AuthCertificate',
        'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'),
    },
    securityPolicy: DomainSecurityPolicy.TLS_V1_3_2025,
    managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    failover: {
      primaryHealthCheck: new route53.HealthCheck(stack, 'AuthHealthCheck', {
        type: route53.HealthCheckType.HTTPS,
        fqdn: 'app.example.com',
        resourcePath: '/health',
      }),
      secondaryRegion: 'us-west-2',
    },
  });
  customDomain.addAliasRecord(zone, { ipv6: true });

  // A prefix domain on the classic hosted UI.
  const prefixDomain = new UserPoolDomain(stack, 'PrefixDomain', {
    userPool: pool,
    cognitoDomain: { domainPrefix: 'full-example-login' },
    managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
  });

  // A web app: code grant, every token setting, attributes, context data.
  const webClient = new UserPoolClient(stack, 'WebClient', {
    userPool: pool,
    userPoolClientName: 'web app',
    generateSecret: true,
    authFlows: { userSrp: true, user: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      callbackUrls: ['https://app.example.com/callback', 'http://localhost:3000/callback'],
      logoutUrls: ['https://app.example.com/signed-out'],
      defaultRedirectUri: 'https://app.example.com/callback',
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: Duration.minutes(30),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    authSessionValidity: Duration.minutes(5),
    refreshTokenRotation: true,
    refreshTokenRotationGracePeriod: Duration.seconds(10),
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    enablePropagateAdditionalUserContextData: true,
    readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, givenName: true }),
    writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true }),
  });

  // A machine-to-machine client: client credentials, secret exported to Secrets Manager.
  const machineClient = new UserPoolClient(stack, 'MachineClient', {
    userPool: pool,
    userPoolClientName: 'backend job',
    generateSecret: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [readScope] },
    accessTokenValidity: Duration.minutes(15),
    refreshTokenRotation: false,
    exportSecret: {
      domain: customDomain,
      secretName: 'full-example/backend-job',
      description: 'Client credentials of the backend job',
      encryptionKey: new kms.Key(stack, 'ClientSecretKey', { enableKeyRotation: true }),
    },
  });

  // A mobile app: implicit grant to an app scheme.
  const mobileClient = new UserPoolClient(stack, 'MobileClient', {
    userPool: pool,
    userPoolClientName: 'mobile app',
    authFlows: { userPassword: true, adminUserPassword: true, custom: true, userSrp: true },
    oAuth: {
      flows: { implicitCodeGrant: true },
      callbackUrls: ['myapp://callback'],
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.PHONE, cognito.OAuthScope.COGNITO_ADMIN],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: false,
    enableTokenRevocation: false,
  });

  // A client that signs in only through the API, with OAuth off.
  new UserPoolClient(stack, 'ApiOnlyClient', { userPool: pool, disableOAuth: true });

  return { webClient, machineClient, mobileClient, prefixDomain, customDomain };
}
