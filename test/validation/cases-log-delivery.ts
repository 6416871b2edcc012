import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LogDelivery, UserPool, UserPoolLogDestination, UserPoolLogLevel } from '../../lib';
import { plusPool } from '../helpers/pools';
import { ValidationCase } from './case';

export const cases: ValidationCase[] = [
  {
    name: 'no log source',
    build: (s) => new LogDelivery(s, 'Logs', { userPool: plusPool(s) }),
    error: '[Stack/Logs] props: received "no log source"; allowed: at least one of userNotification, userAuthEvents.',
  },
  {
    name: 'user-notification logs to S3',
    build: (s) => new LogDelivery(s, 'Logs', { userPool: plusPool(s), userNotification: { destination: UserPoolLogDestination.s3(new s3.Bucket(s, 'B')) } }),
    error: '[Stack/Logs] userNotification.destination: received "S3"; allowed: CLOUDWATCH_LOGS for userNotification logs.',
  },
  {
    name: 'user-notification logs at INFO level',
    build: (s) => new LogDelivery(s, 'Logs', { userPool: plusPool(s), userNotification: { level: UserPoolLogLevel.INFO } }),
    error: '[Stack/Logs] userNotification.level: received "INFO"; allowed: ERROR for userNotification logs.',
  },
  {
    name: 'user-activity logs at ERROR level',
    build: (s) => new LogDelivery(s, 'Logs', { userPool: plusPool(s), userAuthEvents: { level: UserPoolLogLevel.ERROR } }),
    error: '[Stack/Logs] userAuthEvents.level: received "ERROR"; allowed: INFO for userAuthEvents logs.',
  },
  {
    name: 'user-activity logs on an Essentials pool',
    build: (s) => new LogDelivery(s, 'Logs', { userPool: new UserPool(s, 'Pool'), userAuthEvents: {} }),
    error: '[Stack/Logs] userAuthEvents: received "feature plan ESSENTIALS"; allowed: a pool on the PLUS feature plan (user-activity logs come from threat protection).',
  },
  {
    name: 'retention with a given destination',
    build: (s) => new LogDelivery(s, 'Logs', {
      userPool: plusPool(s),
      userNotification: { destination: UserPoolLogDestination.cloudWatchLogs(new logs.LogGroup(s, 'G')), retention: logs.RetentionDays.ONE_DAY },
    }),
    error: '[Stack/Logs] userNotification.retention: received 1; allowed: no retention when a destination is given',
  },
  {
    name: 'Firehose destination that is not a stream ARN',
    build: (s) => new LogDelivery(s, 'Logs', { userPool: plusPool(s), userAuthEvents: { destination: UserPoolLogDestination.firehose('arn:aws:s3:::bucket') } }),
    error: '[Stack/Logs] userAuthEvents.destination.streamArn: received "arn:aws:s3:::bucket"; allowed: a Firehose delivery stream ARN',
  },
  {
    name: 'two log delivery configurations for one pool',
    build: (s) => {
      const pool = plusPool(s);
      new LogDelivery(s, 'A', { userPool: pool, userNotification: {} });
      new LogDelivery(s, 'B', { userPool: pool, userAuthEvents: {} });
    },
    error: '[Stack/B] userPool: received "Stack/Pool"; allowed: one log delivery configuration per user pool (Stack/A already exists; put both sources in it).',
  },
];

cases.push({
  name: 'a KMS-encrypted log group',
  build: (s) => {
    const key = new kms.Key(s, 'Key');
    new LogDelivery(s, 'Logs', {
      userPool: plusPool(s),
      userNotification: { destination: UserPoolLogDestination.cloudWatchLogs(new logs.LogGroup(s, 'G', { encryptionKey: key })) },
    });
  },
  error: '[Stack/Logs] userNotification.destination: received "Stack/G"; allowed: a log group without KMS encryption (Cognito cannot deliver to encrypted log groups).',
});
