import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  PreTokenGenerationVersion, RegionalEmailSendingAccount, ReplicaStatus, UserPool, UserPoolRegionalConfiguration, UserPoolReplica,
} from '../lib';

const ENV = { account: '111111111111', region: 'us-east-1' };

function encryptedPool(stack: Stack, multiRegion = true): UserPool {
  const key = new kms.Key(stack, 'Key', { multiRegion });
  const pool = new UserPool(stack, 'Pool');
  (pool.node.defaultChild as cognito.CfnUserPool).keyConfiguration = { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: key.keyArn };
  return pool;
}

describe('UserPoolReplica', () => {
  test('renders the Region and the tags at creation', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const pool = encryptedPool(stack);
    // WHEN
    new UserPoolReplica(stack, 'Replica', { userPool: pool, region: 'eu-west-1', tagsAtCreate: { team: 'identity' } });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolReplica', {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      RegionName: 'eu-west-1',
      UserPoolTagsAtCreate: { team: 'identity' },
    });
  });

  test('a single-Region key is refused at synth', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const pool = encryptedPool(stack, false);
    // WHEN
    new UserPoolReplica(stack, 'Replica', { userPool: pool, region: 'eu-west-1' });
    // THEN
    expect(() => app.synth()).toThrow('[Stack/Replica] userPool.keyConfiguration.kmsKeyArn: received "Stack/Key"; allowed: a multi-Region key');
  });

  test('a literal multi-Region key ARN and a token Region pass', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const pool = new UserPool(stack, 'Pool');
    (pool.node.defaultChild as cognito.CfnUserPool).keyConfiguration = {
      keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab',
    };
    // WHEN
    new UserPoolReplica(stack, 'Replica', { userPool: pool, region: Lazy.string({ produce: () => 'eu-west-1' }) });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolReplica', { RegionName: 'eu-west-1' });
  });
});

describe('UserPoolRegionalConfiguration', () => {
  test('renders every regional setting and lets the replica invoke its triggers', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Replica', { env: { account: '111111111111', region: 'eu-west-1' } });
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_abc123');
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e;') });
    const key = new kms.Key(stack, 'SenderKey');
    const role = new iam.Role(stack, 'SmsRole', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    // WHEN
    new UserPoolRegionalConfiguration(stack, 'Regional', {
      userPool: pool,
      status: ReplicaStatus.ACTIVE,
      email: {
        emailSendingAccount: RegionalEmailSendingAccount.DEVELOPER,
        sourceArn: 'arn:aws:ses:eu-west-1:111111111111:identity/example.com',
        fromEmail: 'noreply@example.com',
        replyTo: 'support@example.com',
        configurationSet: 'cognito',
      },
      sms: {
        snsCallerRole: role,
        externalId: 'cognito-sms',
        snsRegion: 'eu-west-1',
        eumsSms: {
          callerRole: role, externalId: 'eums', configurationSetName: 'otp', originationIdentity: 'pool-1',
          region: 'eu-west-1', inEntityId: '1101', inTemplateId: '2202',
        },
      },
      triggers: {
        preSignUp: fn,
        preTokenGeneration: fn,
        preTokenGenerationVersion: PreTokenGenerationVersion.V2_0,
        customEmailSender: fn,
        kmsKey: key,
      },
      tags: { region: 'eu-west-1' },
    });
    // THEN
    const template = Template.fromStack(stack);
    const fnArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] };
    template.hasResourceProperties('AWS::Cognito::UserPoolRegionalConfigurationAttachment', {
      UserPoolId: 'us-east-1_abc123',
      Status: 'ACTIVE',
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:eu-west-1:111111111111:identity/example.com',
        From: 'noreply@example.com', ReplyToEmailAddress: 'support@example.com', ConfigurationSet: 'cognito',
      },
      SmsConfiguration: {
        SnsCallerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SmsRole'), 'Arn'] },
        ExternalId: 'cognito-sms',
        SnsRegion: 'eu-west-1',
        EumsSms: {
          CallerArn: Match.anyValue(), ExternalId: 'eums', ConfigurationSetName: 'otp', OriginationIdentity: 'pool-1',
          Region: 'eu-west-1', InEntityId: '1101', InTemplateId: '2202',
        },
      },
      LambdaConfig: {
        PreSignUp: fnArn,
        PreTokenGeneration: fnArn,
        PreTokenGenerationConfig: { LambdaArn: fnArn, LambdaVersion: 'V2_0' },
        CustomEmailSender: { LambdaArn: fnArn, LambdaVersion: 'V1_0' },
        KMSKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SenderKey'), 'Arn'] },
        CustomSMSSender: Match.absent(),
        UserMigration: Match.absent(),
      },
      UserPoolTags: { region: 'eu-west-1' },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cognito-idp:eu-west-1:111111111111:userpool/us-east-1_abc123']] },
    });
  });
});
