import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PreTokenGenerationVersion, RegionalEmailSendingAccount, UserPool, UserPoolRegionalConfiguration, UserPoolReplica } from '../../lib';
import { ValidationCase } from './case';

function encrypted(s: Stack): UserPool {
  const pool = new UserPool(s, 'Pool');
  const key = new kms.Key(s, 'Key', { multiRegion: true });
  (pool.node.defaultChild as cognito.CfnUserPool).keyConfiguration = { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: key.keyArn };
  return pool;
}

export const cases: ValidationCase[] = [
  {
    name: 'replica of a pool without a key configuration',
    build: (s) => new UserPoolReplica(s, 'Replica', { userPool: new UserPool(s, 'Pool'), region: 'eu-west-1' }),
    error: '[Stack/Replica] userPool.keyConfiguration: received undefined; allowed: a pool key configuration with keyType CUSTOMER_MANAGED_KEY',
  },
  {
    name: 'replica of a pool on an AWS owned key',
    build: (s) => {
      const pool = new UserPool(s, 'Pool');
      (pool.node.defaultChild as cognito.CfnUserPool).keyConfiguration = { keyType: 'AWS_OWNED_KEY' };
      new UserPoolReplica(s, 'Replica', { userPool: pool, region: 'eu-west-1' });
    },
    error: '[Stack/Replica] userPool.keyConfiguration.keyType: received "AWS_OWNED_KEY"; allowed: a pool key configuration with keyType CUSTOMER_MANAGED_KEY',
  },
  {
    name: 'replica with a literal single-Region key ARN',
    build: (s) => {
      const pool = new UserPool(s, 'Pool');
      (pool.node.defaultChild as cognito.CfnUserPool).keyConfiguration = {
        keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      };
      new UserPoolReplica(s, 'Replica', { userPool: pool, region: 'eu-west-1' });
    },
    error: '[Stack/Replica] userPool.keyConfiguration.kmsKeyArn: received "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"; allowed: the ARN of a multi-Region key (key ID mrk-...).',
  },
  {
    name: 'replica in the pool\'s own Region',
    build: (s) => new UserPoolReplica(s, 'Replica', { userPool: encrypted(s), region: 'us-east-1' }),
    error: '[Stack/Replica] region: received "us-east-1"; allowed: a Region other than the pool\'s own (us-east-1).',
  },
  {
    name: 'replica Region that is not a Region name',
    build: (s) => new UserPoolReplica(s, 'Replica', { userPool: encrypted(s), region: 'Europe' }),
    error: '[Stack/Replica] region: received "Europe"; allowed: an AWS Region name such as eu-west-1.',
  },
  {
    name: 'two replicas in one Region',
    build: (s) => {
      const pool = encrypted(s);
      new UserPoolReplica(s, 'A', { userPool: pool, region: 'eu-west-1' });
      new UserPoolReplica(s, 'B', { userPool: pool, region: 'eu-west-1' });
    },
    error: '[Stack/B] region: received "eu-west-1"; allowed: one replica per Region (Stack/A already replicates there).',
  },
  {
    name: 'regional configuration in the pool\'s own Region',
    build: (s) => new UserPoolRegionalConfiguration(s, 'Regional', { userPool: encrypted(s), tags: { a: 'b' } }),
    error: '[Stack/Regional] region: received "us-east-1"; allowed: a stack in a replica Region, not the pool\'s own (us-east-1).',
  },
  {
    name: 'regional SES sending without an identity',
    build: (s) => new UserPoolRegionalConfiguration(s, 'Regional', {
      userPool: cognito.UserPool.fromUserPoolId(s, 'Pool', 'eu-west-1_abc'),
      email: { emailSendingAccount: RegionalEmailSendingAccount.DEVELOPER },
    }),
    error: '[Stack/Regional] email.sourceArn: received undefined; allowed: the ARN of an SES identity when emailSendingAccount is DEVELOPER.',
  },
];

const fn = (s: Stack) => lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:eu-west-1:111111111111:function:trigger');
const imported = (s: Stack) => cognito.UserPool.fromUserPoolId(s, 'Pool', 'eu-west-1_abc');

cases.push(
  {
    name: 'custom email sender without a KMS key',
    build: (s) => new UserPoolRegionalConfiguration(s, 'Regional', { userPool: imported(s), triggers: { customEmailSender: fn(s) } }),
    error: '[Stack/Regional] triggers.kmsKey: received undefined; allowed: a KMS key when customEmailSender or customSmsSender is set.',
  },
  {
    name: 'pre token generation version without the trigger',
    build: (s) => new UserPoolRegionalConfiguration(s, 'Regional', { userPool: imported(s), triggers: { preTokenGenerationVersion: PreTokenGenerationVersion.V2_0 } }),
    error: '[Stack/Regional] triggers.preTokenGenerationVersion: received "V2_0"; allowed: only with triggers.preTokenGeneration.',
  },
  {
    name: 'SMS configuration without a sender',
    build: (s) => new UserPoolRegionalConfiguration(s, 'Regional', { userPool: imported(s), sms: { externalId: 'x' } }),
    error: '[Stack/Regional] sms: received "no sender"; allowed: snsCallerRole or eumsSms.',
  },
  {
    name: 'replica tag value over 256 characters',
    build: (s) => new UserPoolReplica(s, 'Replica', { userPool: encrypted(s), region: 'eu-west-1', tagsAtCreate: { team: 'x'.repeat(257) } }),
    error: /\[Stack\/Replica\] tagsAtCreate\.team: received "x{257}"; allowed: 0 to 256 characters \(got 257\)\./,
  },
);
