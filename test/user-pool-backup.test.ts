import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { STANDARD_IMPORT_COLUMNS, UserPool, UserPoolBackup, UserPoolRestore } from '../lib';
import { backupCapacity } from '../lib/migration/backup-capacity';
import { backupFolder, csvField, importable, userRow } from '../lib/migration/backup-format';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const pool = new UserPool(stack, 'Pool', { customAttributes: { team: new cognito.StringAttribute({ mutable: true }) } });
  return { app, stack, pool };
}
const poolArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'Arn'] };

describe('UserPoolBackup', () => {
  test('creates an encrypted, SSL-only, private, versioned bucket whose backups expire after the retention', () => {
    const { stack, pool } = setup();
    new UserPoolBackup(stack, 'Backup', { userPool: pool });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: {
        Rules: [{ Id: 'BackupRetention', Status: 'Enabled', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
      },
    });
    t.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('a KMS key and a retention of 90 days', () => {
    const { stack, pool } = setup();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new UserPoolBackup(stack, 'Backup', { userPool: pool, encryptionKey: key, retention: Duration.days(90) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
        }],
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 90 } })] },
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'kms:GenerateDataKey', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } }]) },
    });
  });

  test('the function: 15 minutes, its own quota share, the pool, bucket and prefix in its environment; the daily rule', () => {
    const { stack, pool } = setup();
    new UserPoolBackup(stack, 'Backup', { userPool: pool });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Timeout: 900,
      MemorySize: 1024,
      Environment: {
        Variables: {
          USER_POOL_ID: { Ref: Match.stringLikeRegexp('^Pool') },
          BACKUP_BUCKET: { Ref: Match.stringLikeRegexp('^BackupBucket') },
          BACKUP_PREFIX: 'user-pool-backups/',
          METRICS_NAMESPACE: 'CdkCognitoUserPools/Backup',
          COGNITO_QUOTA_SHARE: '0.25',
        },
      },
    });
    const [fnLogs] = Object.values(t.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler', Timeout: 900 } }))
      .map((r: any) => r.Properties.LoggingConfig.LogGroup.Ref);
    expect(fnLogs).toMatch(/^BackupHandlerLogs/);
    expect(t.toJSON().Resources[fnLogs].Properties).toEqual({ RetentionInDays: 30 });
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 day)',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupHandler'), 'Arn'] }, Id: 'Target0' }],
    });
  });

  test('IAM: the four list and header actions on the pool, PutObject under the prefix only', () => {
    const { stack, pool } = setup();
    new UserPoolBackup(stack, 'Backup', { userPool: pool, prefix: 'pools/main/' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^BackupHandlerRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: [
          { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupHandlerLogs'), 'Arn'] } },
          { Action: ['cognito-idp:GetCSVHeader', 'cognito-idp:ListUsers', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup'], Effect: 'Allow', Resource: poolArn },
          {
            Action: 's3:PutObject', Effect: 'Allow',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupBucket'), 'Arn'] }, '/pools/main/*']] },
          },
        ],
        Version: '2012-10-17',
      },
    });
  });

  test('a bucket of your own: no bucket created, PutObject on it under the prefix', () => {
    const { stack, pool } = setup();
    const bucket = s3.Bucket.fromBucketName(stack, 'Mine', 'my-backups');
    new UserPoolBackup(stack, 'Backup', { userPool: pool, bucket });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::S3::Bucket', 0);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-backups/user-pool-backups/*']] } }]) },
    });
  });

  test('the alarms: a failed run (reported or a function error) and no success within the rate plus one hour', () => {
    const { stack, pool } = setup();
    new UserPoolBackup(stack, 'Backup', { userPool: pool, schedule: events.Schedule.rate(Duration.hours(6)) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'No user backup succeeded in the last 7 hours.',
      Namespace: 'CdkCognitoUserPools/Backup',
      MetricName: 'BackupSucceeded',
      Dimensions: [{ Name: 'UserPool', Value: { Ref: Match.stringLikeRegexp('^Pool') } }],
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 7,
      DatapointsToAlarm: 7,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'A user backup failed: no manifest was written for that run.',
      Metrics: [
        { Expression: 'FILL(failed, 0) + FILL(errors, 0)', Id: 'expr_1', Label: 'Failed backups', ReturnData: true },
        {
          Id: 'failed', ReturnData: false,
          MetricStat: { Metric: { Dimensions: [{ Name: 'UserPool', Value: { Ref: Match.stringLikeRegexp('^Pool') } }], MetricName: 'BackupFailed', Namespace: 'CdkCognitoUserPools/Backup' }, Period: 3600, Stat: 'Sum' },
        },
        {
          Id: 'errors', ReturnData: false,
          MetricStat: { Metric: { Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^BackupHandler') } }], MetricName: 'Errors', Namespace: 'AWS/Lambda' }, Period: 3600, Stat: 'Sum' },
        },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  test('a cron schedule with lateAfter', () => {
    const { stack, pool } = setup();
    new UserPoolBackup(stack, 'Backup', { userPool: pool, schedule: events.Schedule.cron({ hour: '3', minute: '0' }), lateAfter: Duration.hours(26) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 3 * * ? *)' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'BackupSucceeded', EvaluationPeriods: 26, DatapointsToAlarm: 26 });
  });

  test('the metrics', () => {
    const { stack, pool } = setup();
    const backup = new UserPoolBackup(stack, 'Backup', { userPool: pool });
    const m = backup.metricDuration();
    expect([m.namespace, m.metricName, m.statistic, m.period.toSeconds()]).toEqual(['CdkCognitoUserPools/Backup', 'DurationSeconds', 'Maximum', 3600]);
    expect([backup.metricUsersExported().metricName, backup.metricSucceeded().metricName, backup.metricFailed().metricName])
      .toEqual(['UsersExported', 'BackupSucceeded', 'BackupFailed']);
    expect(backup.alarms).toEqual([backup.failedAlarm, backup.lateAlarm]);
  });

  test('capacity: 324,000 users and memberships at the default share, 1,296,000 at the whole quota', () => {
    expect([backupCapacity(0.25), UserPoolBackup.capacity(1)]).toEqual([324000, 1296000]);
  });

  test('expectedUsers: the capacity passes, one more is refused', () => {
    const { stack, pool } = setup();
    new UserPoolBackup(stack, 'Ok', { userPool: pool, expectedUsers: 324000 });
    expect(() => new UserPoolBackup(stack, 'Big', { userPool: pool, expectedUsers: 324001 })).toThrow(
      '[Stack/Big] expectedUsers: received 324001; allowed: at most 324000 users plus group memberships at quotaShare 0.25: one run lists 60 a call at '
      + "7.5 ListUsers calls a second (25% of Cognito's 30/s) for 720 s of the function's 15 minutes. Raise quotaShare.");
    new UserPoolBackup(stack, 'Shared', { userPool: pool, expectedUsers: 648000, quotaShare: 0.5 });
  });

  test.each([
    [{ quotaShare: 0 }, '[Stack/Backup] quotaShare: received 0; allowed: a number greater than 0 and at most 1.'],
    [{ quotaShare: 1.5 }, '[Stack/Backup] quotaShare: received 1.5; allowed: a number greater than 0 and at most 1.'],
    [{ prefix: 'backups' }, '[Stack/Backup] prefix: received "backups"; allowed: empty, or at most 512 of the characters A-Z a-z 0-9 ! _ . * \' ( ) - in segments each ending with /.'],
    [{ prefix: '/backups/' }, '[Stack/Backup] prefix: received "/backups/"; allowed: empty, or at most 512 of the characters A-Z a-z 0-9 ! _ . * \' ( ) - in segments each ending with /.'],
    [{ lateAfter: Duration.minutes(90) }, '[Stack/Backup] lateAfter: received "1 hour 30 minutes"; allowed: whole hours from 1 hour to 7 days (168 hours).'],
    [{ lateAfter: Duration.hours(169) }, '[Stack/Backup] lateAfter: received "7 days 1 hour"; allowed: whole hours from 1 hour to 7 days (168 hours).'],
    [{ schedule: events.Schedule.cron({ hour: '3', minute: '0' }) },
      '[Stack/Backup] lateAfter: received undefined; allowed: a duration with the schedule cron(0 3 * * ? *) (the alarm cannot derive it from a cron expression).'],
    [{ retention: Duration.hours(36) }, '[Stack/Backup] retention: received "1 day 12 hours"; allowed: whole days, at least 1.'],
  ])('refuses %p', (props, message) => {
    const { stack, pool } = setup();
    expect(() => new UserPoolBackup(stack, 'Backup', { userPool: pool, ...props })).toThrow(message);
  });

  test('the boundaries pass: lateAfter 1 hour and 168 hours, prefix empty', () => {
    const { stack, pool } = setup();
    new UserPoolBackup(stack, 'A', { userPool: pool, lateAfter: Duration.hours(1), prefix: '' });
    new UserPoolBackup(stack, 'B', { userPool: pool, lateAfter: Duration.hours(168) });
  });

  test('retention or a key with a bucket of your own is refused', () => {
    const { stack, pool } = setup();
    const bucket = s3.Bucket.fromBucketName(stack, 'Mine', 'my-backups');
    expect(() => new UserPoolBackup(stack, 'Backup', { userPool: pool, bucket, retention: Duration.days(7) })).toThrow(
      '[Stack/Backup] retention: received "7 days"; allowed: only without bucket (the construct configures the bucket it creates; configure your own bucket yourself).');
  });
});

describe('backup format', () => {
  test('the dated folder', () => {
    expect(backupFolder('b/', new Date('2026-11-27T03:04:05.678Z'))).toBe('b/2026-11-27T030405Z/');
  });
  test('fields with commas, quotes and line breaks are quoted', () => {
    expect([csvField('a'), csvField('a,b'), csvField('say "hi"'), csvField('x\ny')]).toEqual(['a', '"a,b"', '"say ""hi"""', '"x\ny"']);
  });
  test('a row: attributes in their columns, sub left out, SMS MFA as cognito:mfa_enabled', () => {
    expect(userRow(['email', 'custom:team', 'cognito:mfa_enabled', 'cognito:username'], {
      Username: 'ann', Attributes: [{ Name: 'sub', Value: 'x' }, { Name: 'email', Value: 'a@example.com' }], MFAOptions: [{ DeliveryMedium: 'SMS' }],
    })).toBe('a@example.com,,true,ann');
  });
  test.each([
    [['true', 'a@example.com', 'false', ''], true],
    [['false', 'a@example.com', 'true', '+15555550100'], true],
    [['false', 'a@example.com', 'false', '+15555550100'], false],
    [['true', '', 'false', ''], false],
  ])('importable %p: %p', (fields, expected) => {
    expect(importable(['email_verified', 'email', 'phone_number_verified', 'phone_number'], fields)).toBe(expected);
  });
});

/** A backup folder as the function writes it. */
function writeBackup(rows: string[][], pool: object, change?: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'restore-test-'));
  const header = [...STANDARD_IMPORT_COLUMNS, 'custom:team'];
  const csv = [header.join(','), ...rows.map((r) => header.map((c) => r[['cognito:username', 'email', 'email_verified', 'custom:team'].indexOf(c)] ?? (c === 'cognito:mfa_enabled' ? 'false' : '')).join(','))].join('\n') + '\n';
  const json = JSON.stringify(pool);
  fs.writeFileSync(path.join(dir, 'users.csv'), csv);
  fs.writeFileSync(path.join(dir, 'pool.json'), json);
  const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    formatVersion: 1, userPoolId: 'us-east-1_x', startedAt: '', finishedAt: '', users: rows.length, groups: 1, memberships: 2,
    files: { 'users.csv': { bytes: csv.length, sha256: sha(csv) }, 'pool.json': { bytes: json.length, sha256: sha(json) } },
  }));
  change?.(dir);
  return dir;
}

describe('UserPoolRestore', () => {
  const rows = [['ann', 'ann@example.com', 'true', 'red'], ['bob', 'bob@example.com', 'true', 'blue'], ['cid', 'cid@example.com', 'false', 'red']];
  const pool = {
    formatVersion: 1, userPoolId: 'us-east-1_x',
    groups: [{ name: 'admins', description: 'Admins', precedence: 1, roleArn: 'arn:aws:iam::111111111111:role/admins', members: ['ann', 'cid'] }],
    users: [{ username: 'ann', status: 'CONFIRMED', enabled: true }, { username: 'bob', status: 'CONFIRMED', enabled: false }, { username: 'cid', status: 'UNCONFIRMED', enabled: true }],
  };

  test('groups, an import job of the importable enabled users, Users for the others, memberships of the imported ones', () => {
    const { stack, pool: userPool } = setup();
    const restore = new UserPoolRestore(stack, 'Restore', { userPool, backupDirectory: writeBackup(rows, pool) });
    expect([restore.importedUsernames, restore.createdUsernames]).toEqual([['ann'], ['bob', 'cid']]);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'admins', Description: 'Admins', Precedence: 1, RoleArn: 'arn:aws:iam::111111111111:role/admins', UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
    });
    t.resourceCountIs('Custom::CognitoUserImportJob', 1);
    t.hasResourceProperties('Custom::CognitoUsers', {
      Users: [
        { Username: 'bob', Attributes: { 'email': 'bob@example.com', 'email_verified': 'true', 'custom:team': 'blue' }, Enabled: false, MessageAction: 'SUPPRESS' },
        { Username: 'cid', Attributes: { 'email': 'cid@example.com', 'email_verified': 'false', 'custom:team': 'red' }, Groups: ['admins'], MessageAction: 'SUPPRESS' },
      ],
    });
    t.hasResource('Custom::CognitoUsers', { DeletionPolicy: 'Retain' });
    t.hasResourceProperties('Custom::CognitoGroupMembership', { GroupName: { Ref: Match.stringLikeRegexp('^RestoreGroup0') }, Usernames: ['ann'] });
  });

  test('a folder without a manifest (an incomplete backup) is refused', () => {
    const { stack, pool: userPool } = setup();
    const dir = writeBackup(rows, pool, (d) => fs.rmSync(path.join(d, 'manifest.json')));
    expect(() => new UserPoolRestore(stack, 'Restore', { userPool, backupDirectory: dir })).toThrow(
      `[Stack/Restore] backupDirectory: received "${dir}"; allowed: the folder of a complete backup (it has no manifest.json, which a backup writes last).`);
  });

  test('a file changed since the backup is refused', () => {
    const { stack, pool: userPool } = setup();
    const dir = writeBackup(rows, pool, (d) => fs.appendFileSync(path.join(d, 'users.csv'), 'x'));
    expect(() => new UserPoolRestore(stack, 'Restore', { userPool, backupDirectory: dir })).toThrow(
      `[Stack/Restore] backupDirectory: received "${dir} with users.csv changed since the backup"; allowed: a backup whose files match its manifest.json (SHA-256).`);
  });

  test('createGroups false: the groups of the pool are used, none created', () => {
    const { stack, pool: userPool } = setup();
    userPool.addGroup('Admins', { groupName: 'admins' });
    new UserPoolRestore(stack, 'Restore', { userPool, backupDirectory: writeBackup(rows, pool), createGroups: false });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Cognito::UserPoolGroup', 1);
    t.hasResourceProperties('Custom::CognitoGroupMembership', { GroupName: 'admins', Usernames: ['ann'] });
  });

  test('large backups are split: 2,501 short users in two Users, 3,751 members in two GroupMembership, all one after another', () => {
    // GIVEN 2,501 users without a verified email (created) and 3,751 importable members of one group
    const created = Array.from({ length: 2501 }, (_, i) => [`c${i}`, '', '', '']);
    const imported = Array.from({ length: 3751 }, (_, i) => [`i${i}`, `i${i}@example.com`, 'true', 'red']);
    const big = {
      formatVersion: 1, userPoolId: 'us-east-1_x',
      groups: [{ name: 'staff', members: imported.map((r) => r[0]) }],
      users: [...created, ...imported].map((r) => ({ username: r[0], status: 'CONFIRMED', enabled: true })),
    };
    const { app, stack, pool: userPool } = setup();
    new UserPoolRestore(stack, 'Restore', { userPool, backupDirectory: writeBackup([...created, ...imported], big) });

    // THEN the synth-time estimates pass
    app.synth();
    const t = Template.fromStack(stack);
    const users = t.findResources('Custom::CognitoUsers');
    expect(Object.values(users).map((r: any) => r.Properties.Users.length)).toEqual([2500, 1]);
    const [first, second] = Object.keys(users);
    expect(users[second].DependsOn).toContain(first);
    const members = t.findResources('Custom::CognitoGroupMembership');
    expect(Object.values(members).map((r: any) => r.Properties.Usernames.length)).toEqual([3750, 1]);
    const [m1, m2] = Object.keys(members);
    expect(members[m1].DependsOn).toEqual(expect.arrayContaining([second, Object.keys(t.findResources('Custom::CognitoUserImportJob'))[0]]));
    expect(members[m2].DependsOn).toContain(m1);
  });

  test('Users are split by size too: each within the 200,000 characters of one Users', () => {
    const long = 'x'.repeat(300);
    const created = Array.from({ length: 1000 }, (_, i) => [`c${i}`, `${long}${i}@example.com`, 'false', 'red']);
    const { app, stack, pool: userPool } = setup();
    new UserPoolRestore(stack, 'Restore', {
      userPool,
      backupDirectory: writeBackup(created, { formatVersion: 1, userPoolId: 'x', groups: [], users: created.map((r) => ({ username: r[0], status: 'CONFIRMED', enabled: true })) }),
    });
    app.synth();
    const users = Object.values(Template.fromStack(stack).findResources('Custom::CognitoUsers')).map((r: any) => r.Properties.Users);
    expect(users.map((u) => u.length)).toEqual([445, 445, 110]);
    expect(users.map((u) => JSON.stringify(u).length <= 200000)).toEqual([true, true, true]);
  });
});
