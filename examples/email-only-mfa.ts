import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { MfaEnforcement, UserPoolMfaSettings } from '../lib';

/**
 * Email one-time passwords as the only MFA factor, which CloudFormation cannot create
 * (aws-cdk #32615): for a pool this app does not define, whose own manager declares no MFA.
 * On a pool the app defines, the settings are written into the pool's template, which needs
 * another factor besides email.
 */
export class EmailOnlyMfaStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // Needs the Essentials (or Plus) plan and email sent through Amazon SES.
    const userPool = cognito.UserPool.fromUserPoolId(this, 'Pool', 'us-east-1_EXAMPLE');
    new UserPoolMfaSettings(this, 'Mfa', {
      userPool,
      enforcement: MfaEnforcement.REQUIRED,
      email: { subject: 'Your sign-in code', message: 'Your sign-in code is {####}' },
    });
  }
}

export function addEmailOnlyMfa(app: App): Stack {
  return new EmailOnlyMfaStack(app, 'EmailOnlyMfa', { env: { account: '123456789012', region: 'us-east-1' } });
}
