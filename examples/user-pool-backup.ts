import * as path from 'path';
import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cloudwatch_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { UserPool, UserPoolBackup, UserPoolRestore } from '../lib';

/**
 * Nightly user backups of a pool to a KMS-encrypted bucket, kept 90 days, with both alarms sent
 * to a topic; and a second pool restored from a local copy of one backup.
 */
export class UserPoolBackupStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool');
    const key = new kms.Key(this, 'BackupKey', { enableKeyRotation: true, description: 'Encrypts the user backups' });
    const backup = new UserPoolBackup(this, 'Backup', {
      userPool,
      encryptionKey: key,
      retention: Duration.days(90),
      schedule: events.Schedule.cron({ hour: '3', minute: '0' }),
      lateAfter: Duration.hours(26),
      expectedUsers: 50000,
    });
    const topic = new sns.Topic(this, 'Alarms', { enforceSSL: true, masterKey: key });
    backup.alarms.forEach((a) => a.addAlarmAction(new cloudwatch_actions.SnsAction(topic)));

    // A copy of one backup folder (aws s3 cp --recursive s3://<bucket>/user-pool-backups/<date>/ ...).
    const restored = new UserPool(this, 'Restored');
    new UserPoolRestore(this, 'Restore', { userPool: restored, backupDirectory: path.join(__dirname, 'files', 'user-pool-backup') });

    for (const pool of [userPool, restored]) {
      Validations.of(pool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: 'The example runs on Essentials to show backups; ThreatProtectionAndLogs shows the Plus tier.',
      });
    }
  }
}

export function addUserPoolBackup(app: App): Stack {
  return new UserPoolBackupStack(app, 'UserPoolBackup', { env: { account: '123456789012', region: 'us-east-1' } });
}
