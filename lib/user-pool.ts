import { RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * Properties of a {@link UserPool}: everything aws-cdk-lib's `UserPoolProps` offers, with
 * secure defaults.
 */
export interface UserPoolProps extends cognito.UserPoolProps {
}

/**
 * A Cognito user pool with secure defaults: MFA required (TOTP), a strong password policy,
 * deletion protection on and the pool retained when the stack is deleted.
 *
 * Extends aws-cdk-lib's `UserPool`, so every CDK integration that takes an `IUserPool`
 * accepts it.
 */
export class UserPool extends cognito.UserPool {
  constructor(scope: Construct, id: string, props: UserPoolProps = {}) {
    super(scope, id, {
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: props.mfa === undefined ? { otp: true, sms: false } : props.mfaSecondFactor,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...props,
    });
  }
}
