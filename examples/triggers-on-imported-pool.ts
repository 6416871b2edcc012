import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { UserPoolTriggers } from '../lib';

/**
 * A product team's triggers on the platform team's pool, which another app owns: imported by
 * id, its whole configuration kept, the pre sign-up slot the platform already set taken over
 * (and put back when this stack is deleted).
 */
export class TriggersOnImportedPoolStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = cognito.UserPool.fromUserPoolId(this, 'PlatformPool', 'us-east-1_EXAMPLE');
    const signUp = this.trigger('SignUp');
    const tokens = this.trigger('Tokens');
    const emailSender = this.trigger('EmailSender');
    new UserPoolTriggers(this, 'Triggers', {
      userPool,
      triggers: {
        preSignUp: signUp,
        postConfirmation: signUp,
        preTokenGeneration: tokens,
        customEmailSender: emailSender,
      },
      // Access-token customization (needs the pool on the Essentials or Plus plan).
      preTokenGenerationVersion: cognito.LambdaVersion.V2_0,
      customSenderKmsKey: new kms.Key(this, 'SenderKey', { enableKeyRotation: true }),
      // The platform set a pre sign-up trigger of its own: take it over, put it back on delete.
      replaceExisting: true,
      // The pool sends SMS through this role: it is written back with the rest of the pool.
      smsRoles: [iam.Role.fromRoleArn(this, 'PoolSmsRole', 'arn:aws:iam::123456789012:role/platform-pool-sms', { mutable: false })],
    });
  }

  /** A function whose role may only write its own log group. */
  private trigger(id: string): lambda.Function {
    const logGroup = new logs.LogGroup(this, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR });
    const role = new iam.Role(this, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    return new lambda.Function(this, id, {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
      role,
      logGroup,
    });
  }
}

export function addTriggersOnImportedPool(app: App): Stack {
  return new TriggersOnImportedPoolStack(app, 'TriggersOnImportedPool', { env: { account: '123456789012', region: 'us-east-1' } });
}
