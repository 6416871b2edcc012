import { App, CfnParameter, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  PreTokenGenerationVersion, RegionalEmailSendingAccount, ReplicaStatus, UserPool, UserPoolRegionalConfiguration, UserPoolReplica,
} from '../lib';

/** The primary Region: a pool encrypted with a multi-Region key, replicated to eu-west-1. */
export class PrimaryRegionStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, 'PoolKey', { multiRegion: true, enableKeyRotation: true });
    const pool = new UserPool(this, 'Pool');
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show a replicated pool encrypted with a multi-Region key; ThreatProtectionAndLogs shows the Plus tier.',
    });
    // Until the pool construct offers a key prop, set the key configuration on its L1.
    (pool.node.defaultChild as cognito.CfnUserPool).keyConfiguration = { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: key.keyArn };

    new UserPoolReplica(this, 'EuReplica', { userPool: pool, region: 'eu-west-1', tagsAtCreate: { replica: 'eu-west-1' } });
  }
}

/** The replica's Region: its own email and SMS senders and its own Lambda triggers. */
export class ReplicaRegionStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // The replica keeps the primary pool's ID; pass it in when deploying this stack.
    const poolId = new CfnParameter(this, 'UserPoolId', { type: 'String', description: 'ID of the primary user pool' });
    const pool = cognito.UserPool.fromUserPoolId(this, 'Pool', poolId.valueAsString);

    // One function serves every trigger here; its role may only write its own log group.
    const triggerLogs = new logs.LogGroup(this, 'TriggerLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const triggerRole = new iam.Role(this, 'TriggerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    triggerLogs.grantWrite(triggerRole);
    const trigger = new lambda.Function(this, 'Trigger', {
      runtime: lambda.determineLatestNodeRuntime(this),
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
      role: triggerRole,
      logGroup: triggerLogs,
    });
    const senderKey = new kms.Key(this, 'SenderKey', { enableKeyRotation: true });
    const smsRole = new iam.Role(this, 'SmsRole', {
      assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com', { conditions: { StringEquals: { 'sts:ExternalId': 'cognito-sms-eu' } } }),
    });

    new UserPoolRegionalConfiguration(this, 'EuSettings', {
      userPool: pool,
      status: ReplicaStatus.ACTIVE,
      email: {
        emailSendingAccount: RegionalEmailSendingAccount.DEVELOPER,
        sourceArn: `arn:aws:ses:eu-west-1:${this.account}:identity/example.com`,
        fromEmail: 'Example <no-reply@example.com>',
        replyTo: 'support@example.com',
        configurationSet: 'cognito-eu',
      },
      sms: {
        snsCallerRole: smsRole,
        externalId: 'cognito-sms-eu',
        snsRegion: 'eu-west-1',
        eumsSms: {
          callerRole: smsRole,
          externalId: 'cognito-sms-eu',
          configurationSetName: 'otp-messages',
          originationIdentity: 'pool-otp-eu',
          region: 'eu-west-1',
          inEntityId: '1101234567890123456',
          inTemplateId: '1107123456789012345',
        },
      },
      triggers: {
        createAuthChallenge: trigger,
        customMessage: trigger,
        defineAuthChallenge: trigger,
        postAuthentication: trigger,
        postConfirmation: trigger,
        preAuthentication: trigger,
        preSignUp: trigger,
        preTokenGeneration: trigger,
        preTokenGenerationVersion: PreTokenGenerationVersion.V2_0,
        userMigration: trigger,
        verifyAuthChallengeResponse: trigger,
        inboundFederation: trigger,
        customEmailSender: trigger,
        customSmsSender: trigger,
        kmsKey: senderKey,
      },
      tags: { region: 'eu-west-1' },
    });
  }
}

export function addMultiRegion(app: App): Stack {
  new ReplicaRegionStack(app, 'MultiRegionReplica', { env: { account: '123456789012', region: 'eu-west-1' } });
  return new PrimaryRegionStack(app, 'MultiRegionPrimary', { env: { account: '123456789012', region: 'us-east-1' } });
}
