import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { DeliveryMedium, GroupMembership, User, UserMfaMethod, UserPassword, Users } from '../../lib';
import { ValidationCase } from './case';

function pool(stack: Stack) {
  return cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_abc');
}
function secret(stack: Stack) {
  return secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:pw-AbCdEf');
}

export const cases: ValidationCase[] = [
  {
    name: 'empty username',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: '' }),
    error: '[Stack/U] username: received ""; allowed: 1 to 128 characters (got 0).',
  },
  {
    name: 'username with a space',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'john doe' }),
    error: '[Stack/U] username: received "john doe"; allowed: letters, numbers, symbols and punctuation without spaces.',
  },
  {
    name: 'custom attribute name over 20 characters',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { abcdefghijklmnopqrstu: 'x' } }),
    error: '[Stack/U] attributes.abcdefghijklmnopqrstu: received "abcdefghijklmnopqrstu"; allowed: 1 to 20 characters (got 21).',
  },
  {
    name: 'phone number not in E.164',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', phoneNumber: '206-555-0100' }),
    error: '[Stack/U] phoneNumber: received "206-555-0100"; allowed: an E.164 phone number such as +12065550100.',
  },
  {
    name: 'email without @',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', email: 'alice.example.com' }),
    error: '[Stack/U] email: received "alice.example.com"; allowed: an email address.',
  },
  {
    name: 'TOTP MFA declared',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', mfa: { totp: true } }),
    error: '[Stack/U] mfa.totp: received true; allowed: unset: a TOTP token must be registered by the user (AssociateSoftwareToken) and cannot be declared.',
  },
  {
    name: 'SMS MFA without a phone number',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', mfa: { sms: true } }),
    error: '[Stack/U] mfa.sms: received true; allowed: true only for a user with a phone number.',
  },
  {
    name: 'email MFA without an email address',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', mfa: { email: true } }),
    error: '[Stack/U] mfa.email: received true; allowed: true only for a user with an email address.',
  },
  {
    name: 'preferred MFA method not enabled',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', email: 'u@example.com', mfa: { email: true, preferred: UserMfaMethod.SMS } }),
    error: '[Stack/U] mfa.preferred: received "SMS"; allowed: a method that is enabled (set sms: true).',
  },
  {
    name: 'invitation with a permanent password',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', password: UserPassword.fromSecret(secret(s)), sendInvitation: true }),
    error: '[Stack/U] sendInvitation: received true; allowed: false or unset with a permanent password (the invitation carries a temporary one).',
  },
  {
    name: 'invitation by email without an email address',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', invitationMediums: [DeliveryMedium.EMAIL] }),
    error: '[Stack/U] invitationMediums: received ["EMAIL"]; allowed: EMAIL only for a user with an email address.',
  },
  {
    name: 'invitation mediums without an invitation',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', email: 'u@example.com', sendInvitation: false, invitationMediums: [DeliveryMedium.EMAIL] }),
    error: '[Stack/U] invitationMediums: received ["EMAIL"]; allowed: unset when no invitation is sent (sendInvitation false or a permanent password).',
  },
  {
    name: 'generated password too short',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', password: UserPassword.generate({ length: 6 }) }),
    error: '[Stack/U] password.length: received 6; allowed: an integer from 8 to 256.',
  },
  {
    name: 'bulk user declared twice',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: [{ username: 'a' }, { username: 'a' }] }),
    error: '[Stack/B] users[1].username: received "a"; allowed: a username declared once.',
  },
  {
    name: 'bulk password from secret without the secret',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: [{ username: 'a', passwordFromSecret: true }] }),
    error: '[Stack/B] users[0].passwordFromSecret: received true; allowed: true only with the passwords secret set.',
  },
  {
    name: 'more than 2,500 bulk users',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: Array.from({ length: 2501 }, (_, i) => ({ username: `u${i}` })) }),
    error: '[Stack/B] users: received "2501 items"; allowed: at most 2500 items.',
  },
  {
    name: 'bulk users over the property size cap',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: Array.from({ length: 900 }, (_, i) => ({ username: `u${i}`, attributes: { bio: 'x'.repeat(250) } })) }),
    error: /\[Stack\/B\] users: received "\d+ characters"; allowed: at most 200000 characters of user properties per Users \(split the list\)\./,
  },
  {
    name: 'bulk invitation by SMS without a phone number',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: [{ username: 'a', email: 'a@example.com', invitationMediums: [DeliveryMedium.SMS] }] }),
    error: '[Stack/B] users[0].invitationMediums: received ["SMS"]; allowed: SMS only for a user with a phone number.',
  },
  {
    name: 'bulk invitation with a password from the secret',
    build: (s) => new Users(s, 'B', { userPool: pool(s), passwords: secret(s), users: [{ username: 'a', passwordFromSecret: true, sendInvitation: true }] }),
    error: '[Stack/B] users[0].sendInvitation: received true; allowed: false or unset with a password from the secret (the invitation carries a temporary one).',
  },
  {
    name: 'bulk user with a bad email',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: [{ username: 'a' }, { username: 'b', email: 'nope' }] }),
    error: '[Stack/B] users[1].email: received "nope"; allowed: an email address.',
  },
  {
    name: 'bulk user in more than 100 groups',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: [{ username: 'a', groups: Array.from({ length: 101 }, (_, i) => `g${i}`) }] }),
    error: '[Stack/B] users[0].groups: received "101 items"; allowed: at most 100 items.',
  },
  {
    name: 'more than 5,000 group members',
    build: (s) => new GroupMembership(s, 'M', {
      userPool: pool(s), group: cognito.UserPoolGroup.fromGroupName(s, 'G', 'g'), usernames: Array.from({ length: 5001 }, (_, i) => `u${i}`),
    }),
    error: '[Stack/M] usernames: received "5001 items"; allowed: at most 5000 items.',
  },
  {
    name: 'bulk concurrency 0',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: [], concurrency: 0 }),
    error: '[Stack/B] concurrency: received 0; allowed: an integer from 1 to 32.',
  },
  {
    name: 'group member username with a space',
    build: (s) => new GroupMembership(s, 'M', { userPool: pool(s), group: cognito.UserPoolGroup.fromGroupName(s, 'G', 'g'), usernames: ['a b'] }),
    error: '[Stack/M] usernames[0]: received "a b"; allowed: letters, numbers, symbols and punctuation without spaces.',
  },
];
