import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ImmutableSettingsGuard, UserPool } from '../lib';

/**
 * A pool whose creation-time settings are guarded: change `signInAliases` here and deploy, and
 * the deployment stops before the pool is touched, listing the change. Every `UserPool` has the
 * guard built in; declaring one (here, to guard a client's `generateSecret` too) takes its place.
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
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show the guard on settings Cognito cannot change; ThreatProtectionAndLogs shows the Plus tier.',
    });
    const backend = userPool.addClient('Backend', { generateSecret: true });
    new ImmutableSettingsGuard(this, 'Guard', { userPool, clients: [backend] });
  }
}

export function addImmutableSettingsGuard(app: App): Stack {
  return new ImmutableSettingsGuardStack(app, 'ImmutableSettingsGuard');
}
