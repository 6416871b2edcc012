import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ImmutableSettingsGuard, UserPool } from '../lib';

/**
 * A pool whose creation-time settings are guarded: change `signInAliases` here and deploy, and
 * the deployment stops before the pool is touched, listing the change.
 */
export class ImmutableSettingsGuardStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool', {
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { tenant: new cognito.StringAttribute({ mutable: true, maxLen: 64 }) },
    });
    const backend = userPool.addClient('Backend', { generateSecret: true });
    new ImmutableSettingsGuard(this, 'Guard', { userPool, clients: [backend] });
  }
}

export function addImmutableSettingsGuard(app: App): Stack {
  return new ImmutableSettingsGuardStack(app, 'ImmutableSettingsGuard');
}
