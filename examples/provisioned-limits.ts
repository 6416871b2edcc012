import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ProvisionedLimitCategory, ProvisionedLimit } from '../lib';

/** Paid sign-in and sign-up capacity above the free rates, for the stack's account and Region. */
export class ProvisionedLimitsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new ProvisionedLimit(this, 'SignIn', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 300 });
    new ProvisionedLimit(this, 'SignUp', { category: ProvisionedLimitCategory.USER_CREATION, requestsPerSecond: 100 });
  }
}

export function addProvisionedLimits(app: App): Stack {
  return new ProvisionedLimitsStack(app, 'ProvisionedLimits', { env: { account: '123456789012', region: 'us-east-1' } });
}
