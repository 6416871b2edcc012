import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { BulkUser, DeliveryMedium, UserPool, Users } from '../lib';

/**
 * Five hundred users in one custom resource: on every deployment the handler diffs the list
 * per user and applies only the changes, within Cognito's rate quotas.
 */
export class BulkUsersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool', {
      customAttributes: { site: new cognito.StringAttribute({ mutable: true, maxLen: 32 }) },
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show users declared in bulk; ThreatProtectionAndLogs shows the Plus tier.',
    });
    // The Users below names these groups: it is created after them by itself.
    userPool.addGroup('Staff', { groupName: 'staff' });
    userPool.addGroup('Trainers', { groupName: 'trainers' });

    const users: BulkUser[] = Array.from({ length: 500 }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return {
        username: `staff${n}`,
        email: `staff${n}@example.com`,
        emailVerified: true,
        attributes: { site: i % 2 === 0 ? 'north' : 'south' },
        groups: i < 10 ? ['staff', 'trainers'] : ['staff'],
        invitationMediums: [DeliveryMedium.EMAIL],
      };
    });
    // Two kiosk accounts sign in with permanent passwords kept in one JSON secret.
    users.push(
      { username: 'kiosk-north', passwordFromSecret: true, groups: ['staff'] },
      { username: 'kiosk-south', passwordFromSecret: true, groups: ['staff'], enabled: false },
    );

    new Users(this, 'Staff', {
      userPool,
      users,
      passwords: secretsmanager.Secret.fromSecretNameV2(this, 'KioskPasswords', 'bulk-users/kiosks'),
      retainRemovedUsers: false,
      concurrency: 10,
    });
  }
}

export function addBulkUsers(app: App): Stack {
  return new BulkUsersStack(app, 'BulkUsers', { env: { account: '123456789012', region: 'us-east-1' } });
}
