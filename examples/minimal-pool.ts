import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { UserPool } from '../lib';

/** The smallest useful stack: a user pool with the library's secure defaults. */
export class MinimalPoolStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const pool = new UserPool(this, 'Pool');
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example shows the library\'s defaults, which keep aws-cdk-lib\'s default Essentials tier; ThreatProtectionAndLogs shows the Plus tier.',
    });
  }
}

export function addMinimalPool(app: App): Stack {
  return new MinimalPoolStack(app, 'MinimalPool');
}
