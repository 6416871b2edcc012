import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  ProvisionedLimitCategory, ClientSecretRotation, ClientSessionConfiguration, CustomAttributeDataType, HostedUiLogo, MfaEnforcement, ProvisionedLimit,
  UserImportJob, UserPoolCustomAttributes, UserPoolMfaSettings, UserPoolSessionConfiguration,
} from '../../lib';
import { ValidationCase } from './case';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function pool(stack: Stack) {
  return cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_abc');
}
function client(stack: Stack) {
  return cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'abc123');
}
/** A pool defined in the app, with one custom attribute: its import header is known at synth. */
function declaredPool(stack: Stack) {
  return new cognito.UserPool(stack, 'Declared', { customAttributes: { tenant: new cognito.StringAttribute() } });
}

export const cases: ValidationCase[] = [
  {
    name: 'custom attribute name over 20 characters',
    build: (s) => new UserPoolCustomAttributes(s, 'A', { userPool: pool(s), attributes: [{ name: 'abcdefghijklmnopqrstu' }] }),
    error: '[Stack/A] attributes[0].name: received "abcdefghijklmnopqrstu"; allowed: 1 to 20 characters (got 21).',
  },
  {
    name: 'custom attribute named like a standard one',
    build: (s) => new UserPoolCustomAttributes(s, 'A', { userPool: pool(s), attributes: [{ name: 'email' }] }),
    error: '[Stack/A] attributes[0].name: received "email"; allowed: a name that is not a standard attribute.',
  },
  {
    name: 'custom attribute declared twice',
    build: (s) => new UserPoolCustomAttributes(s, 'A', { userPool: pool(s), attributes: [{ name: 'plan' }, { name: 'plan' }] }),
    error: '[Stack/A] attributes[1].name: received "plan"; allowed: a name not already declared.',
  },
  {
    name: 'custom attribute with its custom: prefix',
    build: (s) => new UserPoolCustomAttributes(s, 'A', { userPool: pool(s), attributes: [{ name: 'custom:plan' }] }),
    error: '[Stack/A] attributes[0].name: received "custom:plan"; allowed: a name without the custom: prefix.',
  },
  {
    name: 'custom attribute string length over 2048',
    build: (s) => new UserPoolCustomAttributes(s, 'A', { userPool: pool(s), attributes: [{ name: 'bio', max: 4096 }] }),
    error: '[Stack/A] attributes[0].max: received 4096; allowed: an integer from 0 characters to 2048 characters.',
  },
  {
    name: 'custom attribute constraints on a boolean',
    build: (s) => new UserPoolCustomAttributes(s, 'A', { userPool: pool(s), attributes: [{ name: 'vip', dataType: CustomAttributeDataType.BOOLEAN, min: 1 }] }),
    error: '[Stack/A] attributes[0].min: received 1; allowed: constraints only on STRING and NUMBER attributes.',
  },
  {
    name: 'custom attribute min above max',
    build: (s) => new UserPoolCustomAttributes(s, 'A', { userPool: pool(s), attributes: [{ name: 'score', dataType: CustomAttributeDataType.NUMBER, min: 10, max: 5 }] }),
    error: '[Stack/A] attributes[0].max: received 5; allowed: a value at least min (10).',
  },
  {
    name: 'MFA required without any factor',
    build: (s) => new UserPoolMfaSettings(s, 'M', { userPool: pool(s), enforcement: MfaEnforcement.REQUIRED }),
    error: '[Stack/M] enforcement: received "ON"; allowed: OFF when no factor (totp, email, sms) is enabled.',
  },
  {
    name: 'email MFA message without the code placeholder',
    build: (s) => new UserPoolMfaSettings(s, 'M', { userPool: pool(s), enforcement: MfaEnforcement.OPTIONAL, email: { message: 'Your code is here' } }),
    error: '[Stack/M] email.message: received "Your code is here"; allowed: a template that contains {####} (missing {####}).',
  },
  {
    name: 'hosted-UI logo in GIF',
    build: (s) => new HostedUiLogo(s, 'L', { userPool: pool(s), imagePath: path.join(FIXTURES, 'logo.gif') }),
    error: '[Stack/L] imagePath extension: received ".gif"; allowed: one of ".png", ".jpg", ".jpeg".',
  },
  {
    name: 'hosted-UI logo file missing',
    build: (s) => new HostedUiLogo(s, 'L', { userPool: pool(s), imagePath: path.join(FIXTURES, 'missing.png') }),
    error: /\[Stack\/L\] imagePath: received ".*missing\.png"; allowed: an existing PNG or JPEG file\./,
  },
  {
    name: 'client secret rotation generation 0',
    build: (s) => new ClientSecretRotation(s, 'R', { userPool: pool(s), client: client(s), generation: 0 }),
    error: '[Stack/R] generation: received 0; allowed: a whole number of at least 1.',
  },
  {
    name: 'client secret overlap over a year',
    build: (s) => new ClientSecretRotation(s, 'R', { userPool: pool(s), client: client(s), overlap: Duration.days(400) }),
    error: '[Stack/R] overlap: received "400 days"; allowed: a whole number of hours, up to 365 days.',
  },
  {
    name: 'secret rotation of a public client',
    build: (s) => {
      const p = new cognito.UserPool(s, 'Declared');
      new ClientSecretRotation(s, 'R', { userPool: p, client: p.addClient('Web') });
    },
    error: '[Stack/R] client: received "Stack/Declared/Web"; allowed: a confidential app client (generateSecret: true).',
  },
  {
    name: 'overlap not a whole number of hours',
    build: (s) => new ClientSecretRotation(s, 'R', { userPool: pool(s), client: client(s), overlap: Duration.minutes(90) }),
    error: '[Stack/R] overlap: received "1 hour 30 minutes"; allowed: a whole number of hours, up to 365 days.',
  },
  {
    name: 'no token session per user',
    build: (s) => new UserPoolSessionConfiguration(s, 'S', { userPool: pool(s), maxSessionsPerUser: 0 }),
    error: '[Stack/S] maxSessionsPerUser: received 0; allowed: an integer from 1 sessions to 100 sessions.',
  },
  {
    name: 'more than 100 token sessions per user',
    build: (s) => new UserPoolSessionConfiguration(s, 'S', { userPool: pool(s), maxSessionsPerUser: 101 }),
    error: '[Stack/S] maxSessionsPerUser: received 101; allowed: an integer from 1 sessions to 100 sessions.',
  },
  {
    name: 'SSO session reuse over 90 days',
    build: (s) => new ClientSessionConfiguration(s, 'C', { userPool: pool(s), client: client(s), ssoSessionReuse: Duration.days(91) }),
    error: '[Stack/C] ssoSessionReuse: received "91 days"; allowed: a whole number of minutes, up to 90 days (129,600 minutes).',
  },
  {
    name: 'provisioned rate under the free rate',
    build: (s) => new ProvisionedLimit(s, 'P', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 100 }),
    error: '[Stack/P] requestsPerSecond: received 100; allowed: a whole number of at least 120 (the free rate of UserAuthentication).',
  },
  {
    name: 'provisioned limit for a category already set',
    build: (s) => {
      new ProvisionedLimit(s, 'P1', { category: ProvisionedLimitCategory.USER_CREATION, requestsPerSecond: 60 });
      new ProvisionedLimit(s, 'P2', { category: ProvisionedLimitCategory.USER_CREATION, requestsPerSecond: 70 });
    },
    error: '[Stack/P2] category: received "UserCreation"; allowed: a setting no other construct of the app declares (Stack/P1 already declares the provisioned limit of UserCreation in the account and Region of Stack).',
  },
  {
    name: 'import job with both a CSV file and users',
    build: (s) => new UserImportJob(s, 'I', { userPool: pool(s), csvFile: path.join(FIXTURES, 'users.csv'), users: [{ username: 'a' }] }),
    error: /\[Stack\/I\] csvFile: received ".*users\.csv"; allowed: exactly one of csvFile and users\./,
  },
  {
    name: 'import job name with a slash',
    build: (s) => new UserImportJob(s, 'I', { userPool: pool(s), users: [{ username: 'a' }], jobName: 'seed/users' }),
    error: '[Stack/I] jobName: received "seed/users"; allowed: letters, digits, spaces and +=,.@-_.',
  },
  {
    name: 'import user with a custom attribute the pool does not declare',
    build: (s) => new UserImportJob(s, 'I', { userPool: declaredPool(s), users: [{ username: 'a', attributes: { 'custom:plan': 'x' } }] }),
    error: '[Stack/I] users[0].attributes: received "custom:plan"; allowed: a custom attribute of the pool (custom:tenant).',
  },
  {
    name: 'import user with an unknown standard attribute',
    build: (s) => new UserImportJob(s, 'I', { userPool: pool(s), users: [{ username: 'a', attributes: { colour: 'blue' } }] }),
    error: '[Stack/I] users[0].attributes: received "colour"; allowed: a standard attribute or a custom:-prefixed one.',
  },
  {
    name: 'import CSV whose header does not match the declared schema',
    build: (s) => new UserImportJob(s, 'I', { userPool: new cognito.UserPool(s, 'Plain'), csvFile: path.join(FIXTURES, 'users.csv') }),
    error: '[Stack/I] csvFile: received "a header with missing columns [] and unknown columns [custom:tenant]"; allowed: the columns of the pool\'s CSV header (GetCSVHeader).',
  },
];
