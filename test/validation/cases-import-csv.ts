// User import CSV rows that Cognito's import job cannot import, refused at synth.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { STANDARD_IMPORT_COLUMNS, UserImportJob, UserPool } from '../../lib';
import { ValidationCase } from './case';

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'import-csv-cases-'));

/** Writes a CSV file with the standard header (plus `extra` columns) and the given rows. */
export function csvFile(name: string, rows: Array<{ [column: string]: string }>, extra: string[] = [], header?: string[]): string {
  const columns = header ?? [...STANDARD_IMPORT_COLUMNS, ...extra];
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))];
  const file = path.join(DIR, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A row with a verified email: importable as it is. */
export function good(username: string, more: { [column: string]: string } = {}): { [column: string]: string } {
  return { 'cognito:username': username, 'cognito:mfa_enabled': 'false', 'email': `${username}@example.com`, 'email_verified': 'true', ...more };
}

const imported = (s: Stack) => cognito.UserPool.fromUserPoolId(s, 'Pool', 'us-east-1_abc');
const job = (file: string, userPool = imported) => (s: Stack) => new UserImportJob(s, 'I', { userPool: userPool(s), csvFile: file });

export const cases: ValidationCase[] = [
  {
    name: 'a CSV file with a header and no user',
    build: job(csvFile('empty.csv', [])),
    error: '[Stack/I] csvFile: received "empty.csv with 0 user rows"; allowed: 1 to 500000 user rows (one import job\'s limit).',
  },
  {
    name: 'a CSV file over one job\'s 500,000 users',
    build: (s) => {
      const file = path.join(DIR, 'huge.csv');
      fs.writeFileSync(file, STANDARD_IMPORT_COLUMNS.join(',') + '\n' + 'x\n'.repeat(500001));
      new UserImportJob(s, 'I', { userPool: imported(s), csvFile: file });
    },
    error: '[Stack/I] csvFile: received "huge.csv with 500001 user rows"; allowed: 1 to 500000 user rows (one import job\'s limit).',
  },
  {
    name: 'a row with an unescaped comma in a value',
    build: job(csvFile('comma.csv', [good('alice'), good('bob', { address: 'Main St, 1' })])),
    error: '[Stack/I] csvFile line 3 (fields): received "22 fields"; allowed: 21 fields, one per header column (write a comma inside a value as \\, or quote the value).',
  },
  {
    name: 'a row without a username',
    build: job(csvFile('no-username.csv', [good('alice'), good('', { email: 'x@example.com' })])),
    error: '[Stack/I] csvFile line 3 (cognito:username): received ""; allowed: a username.',
  },
  {
    name: 'the same username on two rows',
    build: job(csvFile('twice.csv', [good('alice'), good('bob'), good('alice')])),
    error: '[Stack/I] csvFile line 4 (cognito:username): received "alice"; allowed: a username no earlier row has (csvFile line 2 (cognito:username) has it).',
  },
  {
    name: 'cognito:mfa_enabled neither true nor false',
    build: job(csvFile('mfa-yes.csv', [good('alice', { 'cognito:mfa_enabled': 'yes' })])),
    error: '[Stack/I] csvFile line 2 (cognito:mfa_enabled): received "yes"; allowed: true, false.',
  },
  {
    name: 'cognito:mfa_enabled empty',
    build: job(csvFile('mfa-empty.csv', [good('alice', { 'cognito:mfa_enabled': '' })])),
    error: '[Stack/I] csvFile line 2 (cognito:mfa_enabled): received ""; allowed: true, false.',
  },
  {
    name: 'email_verified that is not a boolean',
    build: job(csvFile('verified-1.csv', [good('alice', { email_verified: '1' })])),
    error: '[Stack/I] csvFile line 2 (email_verified): received "1"; allowed: true, false, empty.',
  },
  {
    name: 'a verified email without an email',
    build: job(csvFile('no-email.csv', [good('alice', { email: '' })])),
    error: '[Stack/I] csvFile line 2 (email): received ""; allowed: a value when email_verified is true.',
  },
  {
    name: 'a verified phone number without a phone number',
    build: job(csvFile('no-phone.csv', [good('alice', { phone_number_verified: 'true' })])),
    error: '[Stack/I] csvFile line 2 (phone_number): received ""; allowed: a value when phone_number_verified is true.',
  },
  {
    name: 'SMS MFA without a phone number',
    build: job(csvFile('mfa-no-phone.csv', [good('alice', { 'cognito:mfa_enabled': 'true' })])),
    error: '[Stack/I] csvFile line 2 (phone_number): received ""; allowed: a phone number when cognito:mfa_enabled is true (SMS MFA).',
  },
  {
    name: 'a user with neither a verified email nor a verified phone number',
    build: job(csvFile('unverified.csv', [good('alice'), good('bob', { email_verified: 'false' })])),
    error: '[Stack/I] csvFile line 3 (email_verified): received "false"; allowed: true, or phone_number_verified true (Cognito imports a user only with a verified email address or phone number).',
  },
  {
    name: 'a row without an attribute the pool in the app requires',
    build: job(csvFile('no-given-name.csv', [good('alice', { given_name: 'Alice' }), good('bob')]),
      (s) => new UserPool(s, 'Pool', { standardAttributes: { givenName: { required: true } } })),
    error: '[Stack/I] csvFile line 3 (given_name): received ""; allowed: a value (the pool requires this attribute).',
  },
  {
    name: 'a header with a column twice',
    build: job(csvFile('twice-column.csv', [good('alice')], ['email'])),
    error: '[Stack/I] csvFile: received "a header with the column email twice"; allowed: each column once.',
  },
  {
    name: 'a header without a standard column, pool not in the app',
    build: job(csvFile('no-locale.csv', [good('alice')], [], STANDARD_IMPORT_COLUMNS.filter((c) => c !== 'locale'))),
    error: '[Stack/I] csvFile: received "a header with missing columns [locale] and unknown columns []"; allowed: the standard columns of the pool\'s CSV header (GetCSVHeader; custom: columns are checked at deploy).',
  },
  {
    name: 'a declared user with neither a verified email nor a verified phone number',
    build: (s) => new UserImportJob(s, 'I', { userPool: imported(s), users: [{ username: 'alice', attributes: { email: 'alice@example.com' } }] }),
    error: '[Stack/I] users[0].attributes.email_verified: received ""; allowed: true, or phone_number_verified true (Cognito imports a user only with a verified email address or phone number).',
  },
  {
    name: 'a declared user with SMS MFA and no phone number',
    build: (s) => new UserImportJob(s, 'I', {
      userPool: imported(s),
      users: [{ username: 'alice', mfaEnabled: true, attributes: { email: 'alice@example.com', email_verified: 'true' } }],
    }),
    error: '[Stack/I] users[0].attributes.phone_number: received ""; allowed: a phone number when cognito:mfa_enabled is true (SMS MFA).',
  },
];
