import { App, Duration, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  AccountTakeoverEventAction, CompromisedCredentialsAction, CompromisedCredentialsEvent, LogDelivery, RiskConfiguration,
  UserPool, UserPoolLogDestination, UserPoolLogLevel,
} from '../lib';

/**
 * Threat protection on the Plus plan: a pool-wide risk configuration whose notifications go
 * out through the pool's SES identity, a stricter one for an admin client, and log export of
 * message-delivery errors and user activity to CloudWatch Logs, S3 and Firehose.
 */
export class ThreatProtectionAndLogsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const pool = new UserPool(this, 'Pool', {
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      email: cognito.UserPoolEmail.withSES({
        fromEmail: 'no-reply@example.com',
        fromName: 'Example',
        replyTo: 'support@example.com',
        sesRegion: 'us-east-1',
        sesVerifiedDomain: 'example.com',
      }),
    });
    const webClient = pool.addClient('Web');
    const adminClient = pool.addClient('Admin', { accessTokenValidity: Duration.minutes(15) });

    // Pool-wide: the sender comes from the pool's SES configuration.
    new RiskConfiguration(this, 'PoolRisk', {
      userPool: pool,
      compromisedCredentials: {
        action: CompromisedCredentialsAction.BLOCK,
        events: [CompromisedCredentialsEvent.SIGN_IN, CompromisedCredentialsEvent.PASSWORD_CHANGE, CompromisedCredentialsEvent.SIGN_UP],
      },
      accountTakeover: {
        lowRisk: { action: AccountTakeoverEventAction.NO_ACTION, notify: false },
        mediumRisk: { action: AccountTakeoverEventAction.MFA_IF_CONFIGURED, notify: true },
        highRisk: { action: AccountTakeoverEventAction.MFA_REQUIRED, notify: true },
      },
      skippedIpRanges: ['198.51.100.0/24'],
    });

    // The admin client: block risky sign-ins, with its own sender and templates.
    new RiskConfiguration(this, 'AdminRisk', {
      userPool: pool,
      client: adminClient,
      compromisedCredentials: { action: CompromisedCredentialsAction.BLOCK },
      accountTakeover: {
        lowRisk: { action: AccountTakeoverEventAction.MFA_REQUIRED, notify: true },
        mediumRisk: { action: AccountTakeoverEventAction.BLOCK, notify: true },
        highRisk: { action: AccountTakeoverEventAction.BLOCK, notify: true },
        notification: {
          sourceArn: `arn:aws:ses:us-east-1:${this.account}:identity/security@example.com`,
          fromEmail: 'Security <security@example.com>',
          replyTo: 'security@example.com',
          blockEmail: {
            subject: 'We blocked a sign-in to your account',
            htmlBody: '<p>We blocked a sign-in for {username} from {ip-address} at {login-time}.</p>',
            textBody: 'We blocked a sign-in for {username} from {ip-address} at {login-time}.',
          },
          mfaEmail: {
            subject: 'Confirm your sign-in',
            htmlBody: '<p>A sign-in for {username} from {city}, {country} needs your second factor.</p>',
            textBody: 'A sign-in for {username} from {city}, {country} needs your second factor.',
          },
          noActionEmail: {
            subject: 'New sign-in to your account',
            htmlBody: '<p>New sign-in for {username} on {device-name}.</p>',
            textBody: 'New sign-in for {username} on {device-name}.',
          },
        },
      },
      blockedIpRanges: ['203.0.113.0/24', '2001:db8:dead::/48'],
      skippedIpRanges: ['192.0.2.10/32'],
    });
    void webClient;

    // Message-delivery errors to a created vended-logs group; user activity to S3.
    const activityBucket = new s3.Bucket(this, 'ActivityLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(activityBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket is itself a log destination, written by the log delivery service only; logging its access would need another bucket.',
    });
    new LogDelivery(this, 'Logs', {
      userPool: pool,
      userNotification: { level: UserPoolLogLevel.ERROR },
      userAuthEvents: { destination: UserPoolLogDestination.s3(activityBucket), level: UserPoolLogLevel.INFO },
    });

    // A second pool streams its user activity to Firehose (one log configuration per pool).
    const partnerPool = new UserPool(this, 'PartnerPool', {
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
    });
    new LogDelivery(this, 'PartnerLogs', {
      userPool: partnerPool,
      userAuthEvents: { destination: UserPoolLogDestination.firehose(`arn:aws:firehose:us-east-1:${this.account}:deliverystream/cognito-activity`) },
    });
  }
}

export function addThreatProtectionAndLogs(app: App): Stack {
  return new ThreatProtectionAndLogsStack(app, 'ThreatProtectionAndLogs', { env: { account: '123456789012', region: 'us-east-1' } });
}
