import { Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { ValidationCase } from './case';
import { DomainSecurityPolicy, UserPoolClient, UserPoolClientOptions, UserPoolDomain, UserPoolDomainOptions } from '../../lib';

function client(options: UserPoolClientOptions): (stack: Stack) => void {
  return (stack) => {
    new UserPoolClient(stack, 'Client', { userPool: new cognito.UserPool(stack, 'Pool'), ...options });
  };
}

function domain(options: UserPoolDomainOptions | ((stack: Stack) => UserPoolDomainOptions)): (stack: Stack) => void {
  return (stack) => {
    const resolved = typeof options === 'function' ? options(stack) : options;
    new UserPoolDomain(stack, 'Domain', { userPool: new cognito.UserPool(stack, 'Pool'), ...resolved });
  };
}

function custom(domainName: string): (stack: Stack) => cognito.CustomDomainOptions {
  return (stack) => ({
    domainName,
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc'),
  });
}

const oAuthUrls = (urls: string[]): UserPoolClientOptions => ({ oAuth: { callbackUrls: urls } });
const range = (min: string, max: string, unit = 'minutes') => `${min} to ${max}, in whole ${unit}`;

export const cases: ValidationCase[] = [
  // App client: name
  {
    name: 'client name over 128 characters',
    build: client({ userPoolClientName: 'a'.repeat(129) }),
    error: `[Stack/Client] userPoolClientName: received "${'a'.repeat(129)}"; allowed: 1 to 128 characters (got 129).`,
  },
  {
    name: 'client name with a forbidden character',
    build: client({ userPoolClientName: 'web/app' }),
    error: '[Stack/Client] userPoolClientName: received "web/app"; allowed: letters, numbers, spaces and the characters + = , . @ - only.',
  },
  // App client: token validity
  {
    name: 'access token validity under 5 minutes',
    build: client({ accessTokenValidity: Duration.minutes(4) }),
    error: `[Stack/Client] accessTokenValidity: received 4 minutes; allowed: ${range('5 minutes', '1 day')}.`,
  },
  {
    name: 'ID token validity over 1 day',
    build: client({ idTokenValidity: Duration.hours(25) }),
    error: `[Stack/Client] idTokenValidity: received 1 day 1 hour; allowed: ${range('5 minutes', '1 day')}.`,
  },
  {
    name: 'refresh token validity under 1 hour',
    build: client({ refreshTokenValidity: Duration.minutes(59) }),
    error: `[Stack/Client] refreshTokenValidity: received 59 minutes; allowed: ${range('1 hour', '3650 days')}.`,
  },
  {
    name: 'refresh token validity over 3650 days',
    build: client({ refreshTokenValidity: Duration.days(3651) }),
    error: `[Stack/Client] refreshTokenValidity: received 3651 days; allowed: ${range('1 hour', '3650 days')}.`,
  },
  {
    name: 'access token validity not in whole minutes',
    build: client({ accessTokenValidity: Duration.seconds(330) }),
    error: `[Stack/Client] accessTokenValidity: received 5 minutes 30 seconds; allowed: ${range('5 minutes', '1 day')}.`,
  },
  {
    name: 'ID token outliving the refresh token',
    build: client({ idTokenValidity: Duration.hours(12), refreshTokenValidity: Duration.hours(2) }),
    error: '[Stack/Client] idTokenValidity: received 12 hours; allowed: at most refreshTokenValidity (2 hours).',
  },
  {
    name: 'auth session validity under 3 minutes',
    build: client({ authSessionValidity: Duration.minutes(2) }),
    error: `[Stack/Client] authSessionValidity: received 2 minutes; allowed: ${range('3 minutes', '15 minutes')}.`,
  },
  {
    name: 'auth session validity over 15 minutes',
    build: client({ authSessionValidity: Duration.minutes(16) }),
    error: `[Stack/Client] authSessionValidity: received 16 minutes; allowed: ${range('3 minutes', '15 minutes')}.`,
  },
  // App client: refresh token rotation
  {
    name: 'rotation grace period over 60 seconds',
    build: client({ refreshTokenRotation: true, refreshTokenRotationGracePeriod: Duration.seconds(61) }),
    error: `[Stack/Client] refreshTokenRotationGracePeriod: received 1 minute 1 second; allowed: ${range('0 seconds', '1 minute', 'seconds')}.`,
  },
  {
    name: 'rotation grace period with rotation switched off',
    build: client({ refreshTokenRotation: false, refreshTokenRotationGracePeriod: Duration.seconds(10) }),
    error: '[Stack/Client] refreshTokenRotationGracePeriod: received 10 seconds; allowed: no grace period when refreshTokenRotation is false.',
  },
  // App client: URLs
  {
    name: 'more than 100 callback URLs',
    build: client(oAuthUrls(Array.from({ length: 101 }, (_, i) => `https://app.example.com/cb${i}`))),
    error: '[Stack/Client] oAuth.callbackUrls: received "101 items"; allowed: at most 100 items.',
  },
  {
    name: 'more than 100 logout URLs',
    build: client({ oAuth: { logoutUrls: Array.from({ length: 101 }, (_, i) => `https://app.example.com/bye${i}`) } }),
    error: '[Stack/Client] oAuth.logoutUrls: received "101 items"; allowed: at most 100 items.',
  },
  {
    name: 'callback URL over plain http',
    build: client(oAuthUrls(['http://app.example.com/cb'])),
    error: '[Stack/Client] oAuth.callbackUrls: received "http://app.example.com/cb"; allowed: an https URI, http://localhost, or an app scheme such as myapp://.',
  },
  {
    name: 'callback URL with a fragment',
    build: client(oAuthUrls(['https://app.example.com/cb#top'])),
    error: '[Stack/Client] oAuth.callbackUrls: received "https://app.example.com/cb#top"; allowed: a URI without a fragment (#).',
  },
  {
    name: 'callback URL that is not absolute',
    build: client(oAuthUrls(['/cb'])),
    error: '[Stack/Client] oAuth.callbackUrls: received "/cb"; allowed: an absolute URI.',
  },
  {
    name: 'logout URL over plain http',
    build: client({ oAuth: { callbackUrls: ['https://app.example.com/cb'], logoutUrls: ['http://127.0.0.1/bye'] } }),
    error: '[Stack/Client] oAuth.logoutUrls: received "http://127.0.0.1/bye"; allowed: an https URI, http://localhost, or an app scheme such as myapp://.',
  },
  {
    name: 'default redirect URI not among the callback URLs',
    build: client({ oAuth: { callbackUrls: ['https://app.example.com/cb'], defaultRedirectUri: 'https://app.example.com/other' } }),
    error: '[Stack/Client] oAuth.defaultRedirectUri: received "https://app.example.com/other"; allowed: one of oAuth.callbackUrls.',
  },
  // App client: scopes and flows
  {
    name: 'more than 50 scopes',
    build: client({ oAuth: { scopes: Array.from({ length: 51 }, (_, i) => cognito.OAuthScope.custom(`api/s${i}`)) } }),
    error: '[Stack/Client] oAuth.scopes: received "51 items"; allowed: at most 50 items.',
  },
  {
    name: 'scope with a space',
    build: client({ oAuth: { scopes: [cognito.OAuthScope.custom('api/read all')] } }),
    error: '[Stack/Client] oAuth.scopes: received "api/read all"; allowed: printable ASCII without spaces, double quotes or backslashes.',
  },
  {
    name: 'client credentials without a secret',
    build: client({ oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read')] } }),
    error: '[Stack/Client] oAuth.flows.clientCredentials: received true; allowed: only with generateSecret: true (the flow authenticates with the client secret).',
  },
  {
    name: 'client credentials with a standard scope',
    build: client({ generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read'), cognito.OAuthScope.OPENID] } }),
    error: '[Stack/Client] oAuth.scopes: received ["openid"]; allowed: resource-server scopes only when oAuth.flows.clientCredentials is set.',
  },
  {
    name: 'client credentials with no scopes',
    build: client({ generateSecret: true, oAuth: { flows: { clientCredentials: true } } }),
    error: '[Stack/Client] oAuth.scopes: received []; allowed: at least one resource-server scope when oAuth.flows.clientCredentials is set.',
  },
  // App client: identity providers and attributes
  {
    name: 'identity provider name over 32 characters',
    build: client({ supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom('p'.repeat(33))] }),
    error: `[Stack/Client] supportedIdentityProviders: received "${'p'.repeat(33)}"; allowed: 1 to 32 characters (got 33).`,
  },
  {
    name: 'custom read attribute name over 20 characters',
    build: client({ readAttributes: new cognito.ClientAttributes().withCustomAttributes('a'.repeat(21)) }),
    error: `[Stack/Client] readAttributes: received "custom:${'a'.repeat(21)}"; allowed: custom attribute names of 1 to 20 characters after "custom:".`,
  },
  // App client: secret export
  {
    name: 'exporting the secret of a client without one',
    build: client({ exportSecret: { tokenEndpoint: 'https://auth.example.com/oauth2/token' } }),
    error: '[Stack/Client] exportSecret: received "a client without a secret"; allowed: only with generateSecret: true.',
  },
  {
    name: 'exporting the secret with no token endpoint',
    build: client({ generateSecret: true, exportSecret: {} }),
    error: '[Stack/Client] exportSecret.tokenEndpoint: received undefined; allowed: a domain or a token endpoint URL.',
  },
  {
    name: 'exporting the secret with an http token endpoint',
    build: client({ generateSecret: true, exportSecret: { tokenEndpoint: 'http://auth.example.com/oauth2/token' } }),
    error: '[Stack/Client] exportSecret.tokenEndpoint: received "http://auth.example.com/oauth2/token"; allowed: an https URL.',
  },
  {
    name: 'exported secret name with a space',
    build: client({ generateSecret: true, exportSecret: { tokenEndpoint: 'https://auth.example.com/oauth2/token', secretName: 'my secret' } }),
    error: '[Stack/Client] exportSecret.secretName: received "my secret"; allowed: letters, numbers and the characters / _ + = . @ - only.',
  },
  // Domain
  {
    name: 'domain prefix with an uppercase letter',
    build: domain({ cognitoDomain: { domainPrefix: 'MyApp' } }),
    error: '[Stack/Domain] cognitoDomain.domainPrefix: received "MyApp"; allowed: lowercase letters, numbers and hyphens, not starting or ending with a hyphen.',
  },
  {
    name: 'domain prefix ending with a hyphen',
    build: domain({ cognitoDomain: { domainPrefix: 'my-app-' } }),
    error: '[Stack/Domain] cognitoDomain.domainPrefix: received "my-app-"; allowed: lowercase letters, numbers and hyphens, not starting or ending with a hyphen.',
  },
  {
    name: 'domain prefix over 63 characters',
    build: domain({ cognitoDomain: { domainPrefix: 'a'.repeat(64) } }),
    error: `[Stack/Domain] cognitoDomain.domainPrefix: received "${'a'.repeat(64)}"; allowed: 1 to 63 characters (got 64).`,
  },
  {
    name: 'domain prefix with a reserved word',
    build: domain({ cognitoDomain: { domainPrefix: 'my-cognito-login' } }),
    error: '[Stack/Domain] cognitoDomain.domainPrefix: received "my-cognito-login"; allowed: a prefix without the reserved words aws, amazon, cognito.',
  },
  {
    name: 'custom domain that is not a fully qualified name',
    build: domain((stack) => ({ customDomain: custom('localhost')(stack) })),
    error: '[Stack/Domain] customDomain.domainName: received "localhost"; allowed: a fully qualified lowercase domain name such as auth.example.com.',
  },
  {
    name: 'custom domain over 63 characters',
    build: domain((stack) => ({ customDomain: custom(`${'a'.repeat(52)}.example.com`)(stack) })),
    error: `[Stack/Domain] customDomain.domainName: received "${'a'.repeat(52)}.example.com"; allowed: 1 to 63 characters (got 64).`,
  },
  {
    name: 'security policy on a prefix domain',
    build: domain({ cognitoDomain: { domainPrefix: 'my-app' }, securityPolicy: DomainSecurityPolicy.TLS_V1_3_2025 }),
    error: '[Stack/Domain] securityPolicy: received "TLS_V1_3_2025"; allowed: only with customDomain (a prefix domain uses Cognito\'s policy).',
  },
  {
    name: 'unknown security policy',
    build: domain((stack) => ({ customDomain: custom('auth.example.com')(stack), securityPolicy: 'TLSv1.2_2021' as DomainSecurityPolicy })),
    error: '[Stack/Domain] securityPolicy: received "TLSv1.2_2021"; allowed: one of DomainSecurityPolicy.TLS_V1_3_2025 ("TLS_V1_3_2025"), DomainSecurityPolicy.TLS_V1_2_2021 ("TLS_V1_2_2021"), DomainSecurityPolicy.TLS_V1 ("TLS_V1").',
  },
  {
    name: 'unknown managed login version',
    build: domain({ cognitoDomain: { domainPrefix: 'my-app' }, managedLoginVersion: 3 as cognito.ManagedLoginVersion }),
    error: '[Stack/Domain] managedLoginVersion: received 3; allowed: one of ManagedLoginVersion.CLASSIC_HOSTED_UI (1), ManagedLoginVersion.NEWER_MANAGED_LOGIN (2).',
  },
  {
    name: 'failover to the stack\'s own Region',
    build: domain((stack) => ({
      customDomain: custom('auth.example.com')(stack),
      failover: { primaryHealthCheck: route53.HealthCheck.fromHealthCheckId(stack, 'Health', 'hc-1'), secondaryRegion: 'us-east-1' },
    })),
    error: '[Stack/Domain] failover.secondaryRegion: received "us-east-1"; allowed: a Region other than the stack\'s own.',
  },
  {
    name: 'failover to something that is not a Region',
    build: domain((stack) => ({
      customDomain: custom('auth.example.com')(stack),
      failover: { primaryHealthCheck: route53.HealthCheck.fromHealthCheckId(stack, 'Health', 'hc-1'), secondaryRegion: 'oregon' },
    })),
    error: '[Stack/Domain] failover.secondaryRegion: received "oregon"; allowed: a Region name such as us-west-2.',
  },
];
