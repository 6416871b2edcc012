import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AmplifyOutputs, ManagedLoginBranding, ResourceServerScope, UserPool, UserPoolClient, UserPoolTriggers } from '../lib';

/** Dummy accounts: the platform team's, and team B's own account. */
export const PLATFORM_ACCOUNT = '111111111111';
export const TEAM_B_ACCOUNT = '222222222222';
const REGION = 'eu-west-1';
/** Where the platform publishes its pool; the one thing a team needs to know. */
export const SHARED_POOL_PREFIX = '/platform/auth/main';

/**
 * The platform team owns the pool, its domain, a back-office client (its secret exported to a
 * Secrets Manager secret) and the `orders` resource server, and publishes them under
 * `SHARED_POOL_PREFIX`, shared with team B's account through AWS RAM.
 */
export class PlatformPoolStack extends Stack {
  public readonly pool: UserPool;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.pool = new UserPool(this, 'Pool', { featurePlan: cognito.FeaturePlan.ESSENTIALS });
    Validations.of(this.pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example shows sharing on Essentials; ThreatProtectionAndLogs shows the Plus tier.',
    });
    const domain = this.pool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: 'shared-pool-example' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const orders = this.pool.addResourceServer('Orders', {
      identifier: 'orders',
      scopes: [
        new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' }),
        new ResourceServerScope({ scopeName: 'write', scopeDescription: 'Create and change orders' }),
      ],
    });
    // Another account can read the secret only when a customer-managed key encrypts it.
    const secretKey = new kms.Key(this, 'ClientSecretKey', { enableKeyRotation: true });
    const backOffice = new UserPoolClient(this, 'BackOffice', {
      userPool: this.pool,
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(orders, orders.scopes[0])] },
      exportSecret: { domain, encryptionKey: secretKey },
    });

    this.pool.share('Share', {
      parameterPrefix: SHARED_POOL_PREFIX,
      domain,
      clients: [{ name: 'back-office', client: backOffice, secret: backOffice.exportedSecret }],
      resourceServers: [{ name: 'orders', resourceServer: orders }],
      shareWith: [TEAM_B_ACCOUNT],
    });
  }
}

/**
 * Team A, in the platform's account: reads the pool from the shared parameters at deploy time
 * and adds its own resource server and app client to it.
 */
export class TeamAStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const pool = UserPool.fromSharedParameters(this, 'SharedPool', { parameterPrefix: SHARED_POOL_PREFIX });
    const readCatalog = new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read the catalog' });
    const catalog = pool.addResourceServer('Catalog', { identifier: 'team-a-catalog', scopes: [readCatalog] });
    const web = pool.addClient('Web', {
      oAuth: {
        flows: { authorizationCodeGrant: true },
        callbackUrls: ['https://team-a.example.com/callback'],
        logoutUrls: ['https://team-a.example.com/signed-out'],
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.resourceServer(catalog, readCatalog),
          pool.resourceServer('orders').oauthScope('read'),
        ],
      },
      accessTokenValidity: Duration.minutes(30),
    });
    // The platform's domain is a managed-login domain: each client needs its branding, declared
    // by the team that owns the client.
    new ManagedLoginBranding(this, 'WebBranding', { userPool: pool, client: web, useCognitoProvidedValues: true });
    // Team A's own post-confirmation trigger on the platform's pool: the rest of the pool's
    // configuration is written back unchanged, and the slot is put back on delete.
    new UserPoolTriggers(this, 'Triggers', {
      userPool: pool,
      triggers: { postConfirmation: loggedFunction(this, 'WelcomeUser') },
    });
    // The web app's amplify_outputs.json, filled in at deploy time from the shared pool's values.
    new AmplifyOutputs(this, 'WebFrontend', {
      userPool: pool,
      userPoolClient: web,
      domainBaseUrl: pool.domainBaseUrl,
      parameterName: '/team-a/web/amplify_outputs',
    });
  }
}

/**
 * Team B's resources in the pool. Cognito has no resource policy, so clients and resource
 * servers of the pool are created in the pool's account: team B deploys this stack there (its
 * pipeline is trusted by the platform account's CDK bootstrap).
 */
export class TeamBPoolResourcesStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const pool = UserPool.fromSharedParameters(this, 'SharedPool', { parameterPrefix: SHARED_POOL_PREFIX });
    const readReports = new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read reports' });
    const reports = pool.addResourceServer('Reports', { identifier: 'team-b-reports', scopes: [readReports] });
    const mobile = pool.addClient('Mobile', {
      oAuth: {
        flows: { authorizationCodeGrant: true },
        callbackUrls: ['com.example.teamb://callback'],
        logoutUrls: ['com.example.teamb://signed-out'],
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.resourceServer(reports, readReports),
          pool.resourceServer('orders').oauthScope('read'),
        ],
      },
    });
    new ManagedLoginBranding(this, 'MobileBranding', { userPool: pool, client: mobile, useCognitoProvidedValues: true });
    // Team B's pre-token-generation trigger (another slot than team A's: each slot has one owner).
    new UserPoolTriggers(this, 'Triggers', {
      userPool: pool,
      triggers: { preTokenGeneration: loggedFunction(this, 'AddTeamClaims') },
    });
    // The mobile app's amplify_outputs.json.
    new AmplifyOutputs(this, 'MobileFrontend', {
      userPool: pool,
      userPoolClient: mobile,
      domainBaseUrl: pool.domainBaseUrl,
      parameterName: '/team-b/mobile/amplify_outputs',
    });
  }
}

/**
 * Team B's API in its own account: reads the pool by the shared parameters' ARNs (shared
 * through AWS RAM) and lets through callers whose access token carries `orders/read`.
 */
export class TeamBApiStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const pool = UserPool.fromSharedParameters(this, 'SharedPool', { parameterPrefix: SHARED_POOL_PREFIX, account: PLATFORM_ACCOUNT });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const api = new apigateway.RestApi(this, 'Api', {
      deployOptions: {
        stageName: 'prod',
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
    });
    Validations.of(api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason: 'The example shows a Cognito authorizer on a shared pool; put a WAF web ACL in front of a production API.',
    }, {
      id: 'AwsSolutions-APIG6',
      reason: 'Access logs record every request; execution logging needs the account-wide API Gateway CloudWatch role, which an example should not change.',
    });
    api.root.addMethod('GET', new apigateway.MockIntegration({
      integrationResponses: [{ statusCode: '200' }],
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }), {
      authorizer: new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [pool] }),
      authorizationType: apigateway.AuthorizationType.COGNITO,
      authorizationScopes: [pool.resourceServer('orders').oauthScope('read').scopeName],
      methodResponses: [{ statusCode: '200' }],
      requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true },
    });
  }
}

/** The stacks of the example: the platform's, and the teams' that consume its pool. */
export interface SharedPoolStacks {
  readonly platform: PlatformPoolStack;
  readonly teamA: TeamAStack;
  readonly teamBPoolResources: TeamBPoolResourcesStack;
  readonly teamBApi: TeamBApiStack;
}

export function addSharedPool(app: App): SharedPoolStacks {
  const platformEnv = { account: PLATFORM_ACCOUNT, region: REGION };
  return {
    platform: new PlatformPoolStack(app, 'SharedPoolPlatform', { env: platformEnv }),
    teamA: new TeamAStack(app, 'SharedPoolTeamA', { env: platformEnv }),
    teamBPoolResources: new TeamBPoolResourcesStack(app, 'SharedPoolTeamBPoolResources', { env: platformEnv }),
    teamBApi: new TeamBApiStack(app, 'SharedPoolTeamBApi', { env: { account: TEAM_B_ACCOUNT, region: REGION } }),
  };
}

/** A trigger function whose role may only write its own log group. */
function loggedFunction(scope: Construct, id: string): lambda.Function {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR });
  const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
    role,
    logGroup,
  });
}
