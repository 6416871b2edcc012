import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { MfaEnforcement, UserPool, UserPoolMfaSettings } from '../lib';

/** A pool whose only MFA factor is an email one-time password, which CloudFormation cannot create. */
export class EmailOnlyMfaStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool', {
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      signInAliases: { email: true },
      // Email MFA needs Amazon SES; the MFA itself is set by UserPoolMfaSettings below.
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'us-east-1', sesVerifiedDomain: 'example.com' }),
      mfa: cognito.Mfa.OFF,
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show email MFA, which Essentials includes; ThreatProtectionAndLogs shows the Plus tier.',
    }, {
      id: 'AwsSolutions-COG2',
      reason: 'MFA is required: email OTP, set through SetUserPoolMfaConfig by UserPoolMfaSettings (CloudFormation cannot express it).',
    });
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
