/**
 * The one configuration both synth apps declare: per pool, 3 app clients (web, mobile,
 * machine-to-machine), a managed-login (v2) prefix domain with default branding for the clients
 * that show login pages, 5 groups, 2 identity providers (Google and OIDC, client secrets from
 * Secrets Manager) and a resource server with 2 scopes. Every stack is tagged.
 */
import { Duration, SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

export const GROUPS = ['admins', 'editors', 'viewers', 'support', 'billing'];
export const ENV = { account: '123456789012', region: 'us-east-1' };
export const TAGS = { team: 'identity', 'cost-center': 'bench' };

export const poolProps = (i: number): cognito.UserPoolProps => ({
  userPoolName: `bench-pool-${i}`,
  signInAliases: { email: true },
  autoVerify: { email: true },
  mfa: cognito.Mfa.REQUIRED,
  mfaSecondFactor: { otp: true, sms: false },
  passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
  accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  deletionProtection: true,
  customAttributes: { tenant: new cognito.StringAttribute({ mutable: true }) },
});

export const googleSecret = (i: number) => SecretValue.secretsManager(`bench/google-${i}`, { jsonField: 'clientSecret' });
export const oidcSecret = (i: number) => SecretValue.secretsManager(`bench/oidc-${i}`, { jsonField: 'clientSecret' });

export const OIDC_ISSUER = 'https://login.partner.example.net';
export const SCOPES = [
  { scopeName: 'read', scopeDescription: 'Read access' },
  { scopeName: 'write', scopeDescription: 'Write access' },
];

export function webOAuth(scopes: cognito.OAuthScope[]): cognito.OAuthSettings {
  return {
    flows: { authorizationCodeGrant: true },
    scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE, ...scopes],
    callbackUrls: ['https://app.example.com/callback'],
    logoutUrls: ['https://app.example.com/signed-out'],
  };
}

export const TOKEN_VALIDITY = { accessTokenValidity: Duration.minutes(30), idTokenValidity: Duration.minutes(30) };
