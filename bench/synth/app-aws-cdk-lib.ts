/** The same configuration with aws-cdk-lib's L2s alone (and the L1 branding they lack). */
import { App, Stack, Tags } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ENV, GROUPS, OIDC_ISSUER, SCOPES, TAGS, TOKEN_VALIDITY, googleSecret, oidcSecret, poolProps, webOAuth } from './config';

export function buildAwsCdkLibApp(pools: number, outdir: string): App {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Pools', { env: ENV });
  for (let i = 0; i < pools; i++) {
    const userPool = new cognito.UserPool(stack, `Pool${i}`, poolProps(i));
    const google = new cognito.UserPoolIdentityProviderGoogle(stack, `Google${i}`, {
      userPool, clientId: 'google-client-id', clientSecretValue: googleSecret(i), scopes: ['openid', 'email', 'profile'],
    });
    const oidc = new cognito.UserPoolIdentityProviderOidc(stack, `Oidc${i}`, {
      // aws-cdk-lib takes the OIDC secret as a string: the dynamic reference, unwrapped.
      userPool, name: 'Partner', clientId: 'partner-client', clientSecret: oidcSecret(i).unsafeUnwrap(), issuerUrl: OIDC_ISSUER,
      scopes: ['openid', 'email'],
    });
    const scopes = SCOPES.map((s) => new cognito.ResourceServerScope(s));
    const api = new cognito.UserPoolResourceServer(stack, `Api${i}`, { userPool, identifier: `https://api${i}.example.com`, userPoolResourceServerName: `api${i}`, scopes });
    const apiScopes = scopes.map((s) => cognito.OAuthScope.resourceServer(api, s));
    const providers = [
      cognito.UserPoolClientIdentityProvider.COGNITO,
      cognito.UserPoolClientIdentityProvider.custom(google.providerName),
      cognito.UserPoolClientIdentityProvider.custom(oidc.providerName),
    ];
    const secure = { preventUserExistenceErrors: true, enableTokenRevocation: true, authFlows: { userSrp: true } };
    const web = new cognito.UserPoolClient(stack, `Web${i}`, {
      userPool, supportedIdentityProviders: providers, oAuth: webOAuth(apiScopes), ...TOKEN_VALIDITY, ...secure,
    });
    web.node.addDependency(google, oidc);
    const mobile = new cognito.UserPoolClient(stack, `Mobile${i}`, { userPool, oAuth: webOAuth([]), ...TOKEN_VALIDITY, ...secure });
    new cognito.UserPoolClient(stack, `Machine${i}`, {
      userPool, generateSecret: true, preventUserExistenceErrors: true, enableTokenRevocation: true, authFlows: {},
      oAuth: { flows: { clientCredentials: true }, scopes: apiScopes },
    });
    const domain = new cognito.UserPoolDomain(stack, `Domain${i}`, {
      userPool, cognitoDomain: { domainPrefix: `bench-${i}-auth` }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    for (const client of [web, mobile]) {
      new cognito.CfnManagedLoginBranding(domain, `Branding${client.node.id}`, {
        userPoolId: userPool.userPoolId, clientId: client.userPoolClientId, useCognitoProvidedValues: true,
      });
    }
    for (const group of GROUPS) new cognito.UserPoolGroup(stack, `${group}${i}`, { userPool, groupName: group });
  }
  for (const [key, value] of Object.entries(TAGS)) Tags.of(app).add(key, value);
  return app;
}
