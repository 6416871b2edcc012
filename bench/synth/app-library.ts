/** The synth app built with this library. */
import { App, Stack, Tags } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  ResourceServerScope, UserPool, UserPoolClient, UserPoolDomain, UserPoolGroup,
  UserPoolIdentityProviderGoogle, UserPoolIdentityProviderOidc, UserPoolResourceServer,
} from '../../lib';
import { ENV, GROUPS, OIDC_ISSUER, SCOPES, TAGS, TOKEN_VALIDITY, googleSecret, oidcSecret, poolProps, webOAuth } from './config';

export function buildLibraryApp(pools: number, outdir: string): App {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Pools', { env: ENV });
  for (let i = 0; i < pools; i++) {
    // The same resources as the aws-cdk-lib app: the immutable-settings guard (on by default) adds
    // the stack's custom-resource provider, whose cost the footprint benchmark reports.
    const userPool = new UserPool(stack, `Pool${i}`, { ...poolProps(i), immutableSettingsGuard: false });
    const google = new UserPoolIdentityProviderGoogle(stack, `Google${i}`, {
      userPool, clientId: 'google-client-id', clientSecretValue: googleSecret(i), scopes: ['openid', 'email', 'profile'],
    });
    const oidc = new UserPoolIdentityProviderOidc(stack, `Oidc${i}`, {
      userPool, name: 'Partner', clientId: 'partner-client', clientSecretValue: oidcSecret(i), issuerUrl: OIDC_ISSUER,
      scopes: ['openid', 'email'],
    });
    const scopes = SCOPES.map((s) => new ResourceServerScope(s));
    const api = new UserPoolResourceServer(stack, `Api${i}`, { userPool, identifier: `https://api${i}.example.com`, userPoolResourceServerName: `api${i}`, scopes });
    const apiScopes = scopes.map((s) => cognito.OAuthScope.resourceServer(api, s));
    const providers = [
      cognito.UserPoolClientIdentityProvider.COGNITO,
      cognito.UserPoolClientIdentityProvider.custom(google.providerName),
      cognito.UserPoolClientIdentityProvider.custom(oidc.providerName),
    ];
    const web = new UserPoolClient(stack, `Web${i}`, {
      userPool, supportedIdentityProviders: providers, oAuth: webOAuth(apiScopes), ...TOKEN_VALIDITY,
    });
    web.node.addDependency(google, oidc);
    new UserPoolClient(stack, `Mobile${i}`, { userPool, oAuth: webOAuth([]), ...TOKEN_VALIDITY });
    new UserPoolClient(stack, `Machine${i}`, {
      userPool, generateSecret: true, authFlows: {}, oAuth: { flows: { clientCredentials: true }, scopes: apiScopes },
    });
    new UserPoolDomain(stack, `Domain${i}`, {
      userPool, cognitoDomain: { domainPrefix: `bench-${i}-auth` }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    for (const group of GROUPS) new UserPoolGroup(stack, `${group}${i}`, { userPool, groupName: group });
  }
  for (const [key, value] of Object.entries(TAGS)) Tags.of(app).add(key, value);
  return app;
}
