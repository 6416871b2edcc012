import * as path from 'path';
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { UserImportJob, UserPool } from '../lib';

/** Users imported with import jobs: one from a CSV file, one from users declared in code. */
export class UserImportStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool', {
      customAttributes: { tenant: new cognito.StringAttribute({ mutable: true }) },
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show user import jobs; ThreatProtectionAndLogs shows the Plus tier.',
    });
    new UserImportJob(this, 'FromFile', { userPool, csvFile: path.join(__dirname, 'files', 'users.csv') });
    new UserImportJob(this, 'FromCode', {
      userPool,
      jobName: 'pilot customers',
      users: [
        { username: 'bob', attributes: { 'email': 'bob@example.com', 'email_verified': 'true', 'custom:tenant': 'green' } },
        { username: 'carol', attributes: { 'email': 'carol@example.com', 'email_verified': 'true', 'custom:tenant': 'red' } },
      ],
    });
  }
}

export function addUserImport(app: App): Stack {
  return new UserImportStack(app, 'UserImport', { env: { account: '123456789012', region: 'us-east-1' } });
}
