import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AmplifyOutputs, OrganizationDefaults, UserPool } from '../lib';

/**
 * What a platform team publishes in its own package: the organisation's settings for every
 * pool and client. Product teams import it and apply it with one line.
 */
export const ACME_DEFAULTS = new OrganizationDefaults({
  passwordPolicy: { minLength: 14, passwordHistorySize: 5, tempPasswordValidity: Duration.days(3) },
  mfa: cognito.Mfa.REQUIRED,
  featurePlan: cognito.FeaturePlan.ESSENTIALS,
  deletionProtection: true,
  accessTokenValidity: Duration.minutes(30),
  idTokenValidity: Duration.minutes(30),
  refreshTokenValidity: Duration.days(7),
  allowedCallbackDomains: ['acme.example', 'localhost'],
});

/**
 * A product team's stack under the organisation's defaults: a pool that sets none of them, a
 * web client, the frontend's `amplify_outputs.json` in an SSM parameter and a stack output, and
 * a function whose grant also gives it the pool and client ids.
 */
export class OrgDefaultsAndFrontendStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // In a product team's app this is `ACME_DEFAULTS.applyTo(app)`, before any stack; here the
    // stack, because all the examples share one app.
    ACME_DEFAULTS.applyTo(this);

    const pool = new UserPool(this, 'Pool', {
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
    });
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The organisation\'s defaults choose the Essentials tier for this product; ThreatProtectionAndLogs shows the Plus tier.',
    });
    const web = pool.addClient('Web', {
      oAuth: {
        callbackUrls: ['https://app.acme.example/', 'http://localhost:5173/'],
        logoutUrls: ['https://app.acme.example/signed-out'],
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      },
    });
    const domain = pool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: 'acme-orders-example' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    pool.addGroup('Staff', { groupName: 'staff', precedence: 1 });

    new AmplifyOutputs(this, 'Frontend', {
      userPool: pool,
      userPoolClient: web,
      domain,
      parameterName: '/acme/orders/web/amplify_outputs',
    });

    // A back-office function: its grant also sets USER_POOL_ID and USER_POOL_CLIENT_ID.
    const logGroup = new logs.LogGroup(this, 'BackOfficeLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const role = new iam.Role(this, 'BackOfficeRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    const backOffice = new lambda.Function(this, 'BackOffice', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ pool: process.env.USER_POOL_ID });'),
      role,
      logGroup,
    });
    pool.grants.grantUserReads(backOffice, { environment: { userPoolClient: web } });
  }
}

export function addOrgDefaultsAndFrontend(app: App): Stack {
  return new OrgDefaultsAndFrontendStack(app, 'OrgDefaultsAndFrontend');
}
