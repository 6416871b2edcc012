import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { UserPool } from '../lib';

/** The smallest useful stack: a user pool with the library's secure defaults. */
export class MinimalPoolStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new UserPool(this, 'Pool');
  }
}

export function addMinimalPool(app: App): Stack {
  return new MinimalPoolStack(app, 'MinimalPool');
}
