import * as path from 'path';
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { UserPool, UserPoolMigration } from '../lib';

/**
 * A pool that signed in with usernames moves to one that signs in with email (a setting Cognito
 * cannot change on a live pool): users migrate at sign-in with their password; at the end of the
 * window, the export of those left is imported (they reset their password), with their groups.
 */
export class PoolMigrationStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const oldPool = new UserPool(this, 'Pool', {
      signInAliases: { username: true },
      customAttributes: { tenant: new cognito.StringAttribute({ mutable: true }) },
    });
    // The client the trigger checks passwords through: server-side only, no secret.
    const migrationClient = oldPool.addClient('MigrationClient', { authFlows: { adminUserPassword: true } });
    const newPool = new UserPool(this, 'PoolV2', {
      signInAliases: { email: true },
      customAttributes: { organisation: new cognito.StringAttribute({ mutable: true }) },
    });
    for (const pool of [oldPool, newPool]) {
      Validations.of(pool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: 'The example runs on Essentials to show a migration; ThreatProtectionAndLogs shows the Plus tier.',
      });
    }
    new UserPoolMigration(this, 'Migration', {
      sourceUserPool: oldPool,
      sourceUserPoolClient: migrationClient,
      targetUserPool: newPool,
      attributeMapping: { 'custom:tenant': 'custom:organisation' },
      groups: ['admins', 'editors'],
      migrationEndsAt: '2027-03-31T00:00:00Z',
      // The export command's files, downloaded after the window closed.
      finalImport: {
        csvFile: path.join(__dirname, 'files', 'migration-users.csv'),
        membershipsFile: path.join(__dirname, 'files', 'migration-groups.json'),
      },
    });
  }
}

export function addPoolMigration(app: App): Stack {
  return new PoolMigrationStack(app, 'PoolMigration', { env: { account: '123456789012', region: 'us-east-1' } });
}
