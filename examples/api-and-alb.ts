import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as actions from 'aws-cdk-lib/aws-elasticloadbalancingv2-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { UserPool, UserPoolClient, UserPoolDomain } from '../lib';

const APP_DOMAIN = 'app.example.com';

/**
 * The library's pool, client and domain plugged into aws-cdk-lib integrations that take
 * `IUserPool`, `IUserPoolClient` and `IUserPoolDomain`: an API Gateway Cognito authorizer
 * and an Application Load Balancer that authenticates users before forwarding.
 */
export class ApiAndAlbStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const pool = new UserPool(this, 'Pool', { featurePlan: cognito.FeaturePlan.ESSENTIALS });
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show the API Gateway and load balancer integrations; ThreatProtectionAndLogs shows the Plus tier.',
    });
    const domain = new UserPoolDomain(this, 'Domain', {
      userPool: pool,
      cognitoDomain: { domainPrefix: 'api-and-alb-example' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    // API Gateway: callers send the ID token of a user of the pool.
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
      reason: 'The example shows the Cognito authorizer; put a WAF web ACL in front of a production API.',
    }, {
      id: 'AwsSolutions-APIG6',
      reason: 'Access logs record every request; execution logging needs the account-wide API Gateway CloudWatch role, which an example should not change.',
    });
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [pool] });
    api.root.addMethod('GET', new apigateway.MockIntegration({
      integrationResponses: [{ statusCode: '200' }],
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }), {
      authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
      methodResponses: [{ statusCode: '200' }],
      requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true },
    });

    // ALB: the load balancer runs the OAuth code flow itself, so its client needs a secret.
    const albClient = new UserPoolClient(this, 'AlbClient', {
      userPool: pool,
      generateSecret: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID],
        callbackUrls: [`https://${APP_DOMAIN}/oauth2/idpresponse`],
      },
    });

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 0, flowLogs: { Rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } } });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    Validations.of(alb).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason: 'The example shows Cognito authentication on the listener; access logs need a Region-bound log bucket, left to a real deployment.',
    }, {
      id: 'AwsSolutions-EC23',
      reason: 'An internet-facing load balancer takes HTTPS from anyone; the listener makes every request sign in with Cognito.',
    });
    alb.addListener('Https', {
      port: 443,
      certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate',
        'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555')],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultAction: new actions.AuthenticateCognitoAction({
        userPool: pool,
        userPoolClient: albClient,
        userPoolDomain: domain,
        next: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'signed in' }),
      }),
    });
  }
}

export function addApiAndAlb(app: App): Stack {
  // Environment-agnostic: nothing here needs a concrete account or Region.
  return new ApiAndAlbStack(app, 'ApiAndAlb');
}
