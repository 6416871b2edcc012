import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPool } from '../../lib';

/** A pool on the Plus plan with threat protection in full-function mode, sending with SES. */
export function plusPool(stack: Stack, id = 'Pool', withSes = true): UserPool {
  return new UserPool(stack, id, {
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    email: withSes ? cognito.UserPoolEmail.withSES({
      fromEmail: 'noreply@example.com',
      fromName: 'Example',
      replyTo: 'support@example.com',
      sesRegion: 'us-east-1',
      sesVerifiedDomain: 'example.com',
    }) : undefined,
  });
}
