import { App, Duration, Lazy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { UserPoolClient } from '../lib/user-pool-client';
import { UserPoolDomain } from '../lib/user-pool-domain';

function stackWithPool(): { stack: Stack; pool: cognito.UserPool } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const pool = new cognito.UserPool(stack, 'Pool');
  return { stack, pool };
}

describe('UserPoolClient secure defaults', () => {
  test('a client with no options prevents user-existence errors, revokes tokens and offers only the code grant over SRP', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', { userPool: pool });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenRotation: Match.absent(),
      GenerateSecret: Match.absent(),
    });
  });

  test('explicit choices override the defaults', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      preventUserExistenceErrors: false,
      enableTokenRevocation: false,
      authFlows: { userPassword: true },
      oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: false,
      AllowedOAuthFlows: ['implicit'],
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: ['https://app.example.com/cb'],
    });
  });

  test('disableOAuth leaves every OAuth property out', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', { userPool: pool, disableOAuth: true });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: Match.absent(),
      AllowedOAuthScopes: Match.absent(),
      CallbackURLs: Match.absent(),
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });
});

describe('UserPoolClient refresh token rotation', () => {
  test('refreshTokenRotation: true enables rotation with no grace period and drops ALLOW_REFRESH_TOKEN_AUTH', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', { userPool: pool, refreshTokenRotation: true });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
  });

  test('a grace period is written in seconds', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      refreshTokenRotation: true,
      refreshTokenRotationGracePeriod: Duration.seconds(45),
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 45 },
    });
  });

  test('refreshTokenRotation: false writes Feature DISABLED and keeps refresh-token auth', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', { userPool: pool, refreshTokenRotation: false });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      RefreshTokenRotation: { Feature: 'DISABLED' },
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });
});

describe('UserPoolClient token validity', () => {
  test('validities are written in minutes with their units', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      accessTokenValidity: Duration.minutes(5),
      idTokenValidity: Duration.days(1),
      refreshTokenValidity: Duration.days(3650),
      authSessionValidity: Duration.minutes(15),
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 5,
      IdTokenValidity: 1440,
      RefreshTokenValidity: 5256000,
      AuthSessionValidity: 15,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });
});

describe('UserPoolClient secret', () => {
  test('userPoolClientSecret is a GetAtt of ClientSecret and creates no Lambda or custom resource', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const client = new UserPoolClient(stack, 'Client', { userPool: pool, generateSecret: true });
    // WHEN
    const secret = client.userPoolClientSecret;
    // THEN
    const logicalId = stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient);
    expect(stack.resolve(secret)).toEqual({ 'Fn::GetAtt': [logicalId, 'ClientSecret'] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('Custom::DescribeCognitoUserPoolClient', 0);
    expect(Object.values(template.toJSON().Resources as Record<string, { Type: string }>)
      .filter((r) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource')).toEqual([]);
  });

  test('userPoolClientSecret of a client without a secret is an error', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const client = new UserPoolClient(stack, 'Client', { userPool: pool });
    // THEN
    expect(() => client.userPoolClientSecret).toThrow(
      '[Stack/Client] userPoolClientSecret: received "a client without a secret"; allowed: only with generateSecret: true.');
  });

  test('exportSecret stores client id, secret and the domain token endpoint as JSON built from references only', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const domain = new UserPoolDomain(stack, 'Domain', { userPool: pool, cognitoDomain: { domainPrefix: 'my-app-login' } });
    const key = new kms.Key(stack, 'Key');
    pool.addResourceServer('Api', { identifier: 'api', scopes: [{ scopeName: 'read', scopeDescription: 'Read' }] });
    // WHEN
    const client = new UserPoolClient(stack, 'Client', {
      userPool: pool,
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read')] },
      exportSecret: { domain, secretName: 'app/client', description: 'M2M client', encryptionKey: key },
    });
    // THEN
    const clientId = stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient);
    const domainId = stack.getLogicalId(domain.node.defaultChild as cognito.CfnUserPoolDomain);
    expect(client.exportedSecret).toBeDefined();
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'app/client',
      Description: 'M2M client',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      SecretString: {
        'Fn::Join': ['', [
          '{"clientId":"', { Ref: clientId },
          '","clientSecret":"', { 'Fn::GetAtt': [clientId, 'ClientSecret'] },
          '","tokenEndpoint":"https://', { Ref: domainId },
          '.auth.us-east-1.amazoncognito.com/oauth2/token"}',
        ]],
      },
    });
  });

  test('exportSecretToSecretsManager takes an explicit token endpoint', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const client = new UserPoolClient(stack, 'Client', { userPool: pool, generateSecret: true });
    // WHEN
    client.exportSecretToSecretsManager('Secret', { tokenEndpoint: 'https://auth.example.com/oauth2/token' });
    // THEN
    const clientId = stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient);
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: {
        'Fn::Join': ['', [
          '{"clientId":"', { Ref: clientId },
          '","clientSecret":"', { 'Fn::GetAtt': [clientId, 'ClientSecret'] },
          '","tokenEndpoint":"https://auth.example.com/oauth2/token"}',
        ]],
      },
    });
  });
});

describe('UserPoolClient properties passed through', () => {
  test('names, URLs, scopes, providers, attributes, context data and analytics reach the template', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      userPoolClientName: 'web app',
      generateSecret: true,
      enablePropagateAdditionalUserContextData: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        callbackUrls: ['https://app.example.com/cb', 'http://localhost:3000/cb', 'myapp://cb'],
        logoutUrls: ['https://app.example.com/bye'],
        defaultRedirectUri: 'https://app.example.com/cb',
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('tenant'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true }),
      analytics: { applicationId: 'abc123', externalId: 'ext', role: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::111111111111:role/pinpoint'), shareUserData: true },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web app',
      GenerateSecret: true,
      EnablePropagateAdditionalUserContextData: true,
      CallbackURLs: ['https://app.example.com/cb', 'http://localhost:3000/cb', 'myapp://cb'],
      LogoutURLs: ['https://app.example.com/bye'],
      DefaultRedirectURI: 'https://app.example.com/cb',
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      ReadAttributes: ['custom:tenant', 'email'],
      WriteAttributes: ['given_name'],
      AnalyticsConfiguration: {
        ApplicationId: 'abc123',
        ExternalId: 'ext',
        RoleArn: 'arn:aws:iam::111111111111:role/pinpoint',
        UserDataShared: true,
      },
    });
  });

  test('analytics warns that Amazon Pinpoint is shut down', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      analytics: { applicationId: 'abc123', externalId: 'ext', role: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::111111111111:role/p') },
    });
    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Client', Match.stringLikeRegexp('Amazon Pinpoint, which AWS shut down'));
  });

  test('unresolved tokens pass validation', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // The values are bad on purpose: only CloudFormation's own schema check sees them.
    Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::F3031', reason: 'bad values behind tokens, on purpose' });
    const url = Lazy.string({ produce: () => 'http://not-checked.example.com' });
    // WHEN
    new UserPoolClient(stack, 'Client', {
      userPool: pool,
      userPoolClientName: Lazy.string({ produce: () => '!!bad name!!' }),
      oAuth: { callbackUrls: [url], logoutUrls: [url], defaultRedirectUri: url, scopes: [cognito.OAuthScope.custom(Lazy.string({ produce: () => 'a b' }))] },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: '!!bad name!!',
      CallbackURLs: ['http://not-checked.example.com'],
      DefaultRedirectURI: 'http://not-checked.example.com',
    });
  });
});
