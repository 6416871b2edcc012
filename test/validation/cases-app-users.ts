// Users, groups and memberships checked against the rest of the app at synth: the pool's
// schema, sign-in mode, groups and identity providers, and one declaration per user and
// membership. Each row declares the pool in the app (the checks skip imported pools).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  CustomAttributeDataType, GroupMembership, User, UserImportJob, UserPool, UserPoolCustomAttributes,
  UserPoolIdentityProviderGoogle, Users,
} from '../../lib';
import { ValidationCase } from './case';

/** A pool with a custom attribute of each type, and one group. */
function pool(stack: Stack, props: ConstructorParameters<typeof UserPool>[2] = {}): UserPool {
  const p = new UserPool(stack, 'Pool', {
    customAttributes: {
      site: new cognito.StringAttribute({ mutable: true, minLen: 2, maxLen: 5 }),
      seats: new cognito.NumberAttribute({ mutable: true, min: 1, max: 10 }),
      vip: new cognito.BooleanAttribute({ mutable: true }),
    },
    ...props,
  });
  p.addGroup('Staff', { groupName: 'staff' });
  return p;
}

/** A verified email address, which an imported user needs. */
const VERIFIED = { email: 'a@example.com', email_verified: 'true' };

/** An import file for pool(): the header of its CSV, and rows of [username, seats]. */
function csvFile(rows: Array<[string, string]>): string {
  const header = ['profile', 'address', 'birthdate', 'gender', 'preferred_username', 'updated_at', 'website', 'picture', 'phone_number',
    'phone_number_verified', 'zoneinfo', 'locale', 'email', 'email_verified', 'given_name', 'family_name', 'middle_name', 'name', 'nickname',
    'cognito:mfa_enabled', 'cognito:username', 'custom:site', 'custom:seats', 'custom:vip'];
  const line = ([username, seats]: [string, string]) => header.map((c) => ({
    'email': `${username}@example.com`, 'email_verified': 'true', 'cognito:mfa_enabled': 'false', 'cognito:username': username, 'custom:seats': seats,
  } as { [column: string]: string })[c] ?? '').join(',');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'app-users-')), 'users.csv');
  fs.writeFileSync(file, [header.join(','), ...rows.map(line)].join('\n') + '\n');
  return file;
}

export const cases: ValidationCase[] = [
  {
    name: 'a custom attribute the pool does not declare',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { team: 'blue' } }),
    error: '[Stack/U] attributes.team: received "custom:team"; allowed: a standard attribute or a custom attribute of the pool Stack/Pool '
      + "(custom:site, custom:seats, custom:vip); declare it in the pool's customAttributes or a UserPoolCustomAttributes.",
  },
  {
    name: 'a bulk user with a custom attribute the pool does not declare',
    build: (s) => new Users(s, 'B', { userPool: new UserPool(s, 'Pool'), users: [{ username: 'a' }, { username: 'b', attributes: { site: 'north' } }] }),
    error: '[Stack/B] users[1].attributes.site: received "custom:site"; allowed: a standard attribute or a custom attribute of the pool Stack/Pool '
      + "(none declared); declare it in the pool's customAttributes or a UserPoolCustomAttributes.",
  },
  {
    name: 'a string value longer than the attribute allows',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { site: 'north' + 'x' } }),
    error: '[Stack/U] attributes.site: received "northx"; allowed: 2 to 5 characters (got 6), the constraints of custom:site in the pool Stack/Pool.',
  },
  {
    name: 'a string value shorter than the attribute allows',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { 'custom:site': 'n' } }),
    error: '[Stack/U] attributes.custom:site: received "n"; allowed: 2 to 5 characters (got 1), the constraints of custom:site in the pool Stack/Pool.',
  },
  {
    name: 'a Number attribute given a word',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { seats: 'ten' } }),
    error: '[Stack/U] attributes.seats: received "ten"; allowed: a number (custom:seats in the pool Stack/Pool is a Number attribute).',
  },
  {
    name: 'a Number attribute over its maximum',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { seats: '11' } }),
    error: '[Stack/U] attributes.seats: received "11"; allowed: a number from 1 to 10, the constraints of custom:seats in the pool Stack/Pool.',
  },
  {
    name: 'a Number attribute under its minimum',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { seats: '0' } }),
    error: '[Stack/U] attributes.seats: received "0"; allowed: a number from 1 to 10, the constraints of custom:seats in the pool Stack/Pool.',
  },
  {
    name: 'a Boolean attribute given "yes"',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { vip: 'yes' } }),
    error: '[Stack/U] attributes.vip: received "yes"; allowed: "true" or "false" (custom:vip in the pool Stack/Pool is a Boolean attribute).',
  },
  {
    name: 'a live custom attribute (UserPoolCustomAttributes) out of its range',
    build: (s) => {
      const userPool = pool(s);
      new UserPoolCustomAttributes(s, 'Live', { userPool, attributes: [{ name: 'floor', dataType: CustomAttributeDataType.NUMBER, min: 0, max: 40 }] });
      new Users(s, 'B', { userPool, users: [{ username: 'a', attributes: { floor: '41' } }] });
    },
    error: '[Stack/B] users[0].attributes.floor: received "41"; allowed: a number from 0 to 40, the constraints of custom:floor in the pool Stack/Pool.',
  },
  {
    name: 'an import job row whose value does not fit the attribute',
    build: (s) => new UserImportJob(s, 'Job', { userPool: pool(s), users: [{ username: 'a', attributes: { ...VERIFIED, 'custom:seats': 'many' } }] }),
    error: '[Stack/Job] users[0].attributes.custom:seats: received "many"; allowed: a number (custom:seats in the pool Stack/Pool is a Number attribute).',
  },
  {
    name: 'email_verified that is not a boolean',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', email: 'u@example.com', attributes: { email_verified: 'yes' } }),
    error: '[Stack/U] attributes.email_verified: received "yes"; allowed: "true" or "false".',
  },
  {
    name: 'phone_number_verified that is not a boolean',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: [{ username: 'a', attributes: { phone_number_verified: '1' } }] }),
    error: '[Stack/B] users[0].attributes.phone_number_verified: received "1"; allowed: "true" or "false".',
  },
  {
    name: 'a birthdate not in YYYY-MM-DD',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { birthdate: '01/02/1990' } }),
    error: '[Stack/U] attributes.birthdate: received "01/02/1990"; allowed: a date in the format YYYY-MM-DD.',
  },
  {
    name: 'updated_at that is not a number of seconds',
    build: (s) => new User(s, 'U', { userPool: pool(s), username: 'u', attributes: { updated_at: '2024-01-01' } }),
    error: '[Stack/U] attributes.updated_at: received "2024-01-01"; allowed: a number of seconds since 1970-01-01 (updated_at is a Number attribute).',
  },
  {
    name: 'a username that is not an email in a pool that signs in with email as username',
    build: (s) => new User(s, 'U', { userPool: pool(s, { signInAliases: { email: true } }), username: 'alice' }),
    error: '[Stack/U] username: received "alice"; allowed: an email address (the pool Stack/Pool signs in with email as username).',
  },
  {
    name: 'a username that is not a phone number in a pool that signs in with phone as username',
    build: (s) => new Users(s, 'B', { userPool: pool(s, { signInAliases: { phone: true } }), users: [{ username: 'alice@example.com' }] }),
    error: '[Stack/B] users[0].username: received "alice@example.com"; allowed: an E.164 phone number such as +12065550100 (the pool Stack/Pool signs in with phone as username).',
  },
  {
    name: 'a username that is neither in a pool that signs in with email or phone as username',
    build: (s) => new User(s, 'U', { userPool: pool(s, { signInAliases: { email: true, phone: true } }), username: 'alice' }),
    error: '[Stack/U] username: received "alice"; allowed: an email address or an E.164 phone number (the pool Stack/Pool signs in with email or phone as username).',
  },
  {
    name: 'a username in email format in a pool with email as an alias',
    build: (s) => new User(s, 'U', { userPool: pool(s, { signInAliases: { username: true, email: true } }), username: 'alice@example.com' }),
    error: '[Stack/U] username: received "alice@example.com"; allowed: a username that is not an email address (the pool Stack/Pool has email as an alias; put the address in email).',
  },
  {
    name: 'a username in phone format in a pool with the phone number as an alias',
    build: (s) => new Users(s, 'B', { userPool: pool(s, { signInAliases: { username: true, phone: true } }), users: [{ username: '+12065550100' }] }),
    error: '[Stack/B] users[0].username: received "+12065550100"; allowed: a username that is not a phone number (the pool Stack/Pool has the phone number as an alias; put it in phoneNumber).',
  },
  {
    name: 'the same user declared by a User and a Users',
    build: (s) => {
      const userPool = pool(s);
      new User(s, 'Alice', { userPool, username: 'alice' });
      new Users(s, 'B', { userPool, users: [{ username: 'bob' }, { username: 'alice' }] });
    },
    error: '[Stack/B] users[1].username: received "alice"; allowed: a user no other construct of the app declares (Stack/Alice already declares it in the pool Stack/Pool).',
  },
  {
    name: 'the same user in two spellings in a case-insensitive pool',
    build: (s) => {
      const userPool = pool(s, { signInCaseSensitive: false });
      new User(s, 'A', { userPool, username: 'alice' });
      new User(s, 'B', { userPool, username: 'Alice' });
    },
    error: '[Stack/B] username: received "Alice"; allowed: a user no other construct of the app declares (Stack/A already declares it in the pool Stack/Pool).',
  },
  {
    name: 'a user declared by a User and imported by a job',
    build: (s) => {
      const userPool = pool(s);
      new User(s, 'Alice', { userPool, username: 'alice' });
      new UserImportJob(s, 'Job', { userPool, users: [{ username: 'alice', attributes: VERIFIED }] });
    },
    error: '[Stack/Job] users[0].username: received "alice"; allowed: a user no other construct of the app declares (Stack/Alice already declares it in the pool Stack/Pool).',
  },
  {
    name: 'a user declared by a User and a row of an import file',
    build: (s) => {
      const userPool = pool(s);
      new User(s, 'Alice', { userPool, username: 'alice' });
      new UserImportJob(s, 'Job', { userPool, csvFile: csvFile([['bob', '3'], ['alice', '4']]) });
    },
    error: '[Stack/Job] csvFile line 3 (cognito:username): received "alice"; allowed: a user no other construct of the app declares (Stack/Alice already declares it in the pool Stack/Pool).',
  },
  {
    name: 'a row of an import file whose value does not fit the attribute',
    build: (s) => new UserImportJob(s, 'Job', { userPool: pool(s), csvFile: csvFile([['bob', '12']]) }),
    error: '[Stack/Job] csvFile line 2 (custom:seats): received "12"; allowed: a number from 1 to 10, the constraints of custom:seats in the pool Stack/Pool.',
  },
  {
    name: 'a group named by string that the pool does not have',
    build: (s) => new Users(s, 'B', { userPool: pool(s), users: [{ username: 'a', groups: ['staff', 'admins'] }, { username: 'b', groups: ['admins'] }] }),
    error: '[Stack/B] users[0].groups[1]: received "admins"; allowed: a group of the pool Stack/Pool declared in the app ("staff"); declare it with a UserPoolGroup.',
  },
  {
    name: 'a member list of a group imported by a name the pool does not have',
    build: (s) => new GroupMembership(s, 'M', { userPool: pool(s), group: cognito.UserPoolGroup.fromGroupName(s, 'G', 'stafff'), usernames: ['dana'] }),
    error: '[Stack/M] group: received "stafff"; allowed: a group of the pool Stack/Pool declared in the app ("staff"); declare it with a UserPoolGroup.',
  },
  {
    name: 'a group of another pool of the app',
    build: (s) => {
      const other = new UserPool(s, 'Other');
      const group = other.addGroup('Admins', { groupName: 'admins' });
      new User(s, 'U', { userPool: pool(s), username: 'u', groups: [group] });
    },
    error: '[Stack/U] groups[0]: received "Stack/Other/Admins"; allowed: a group of the pool Stack/Pool (this group belongs to the pool Stack/Other).',
  },
  {
    name: 'a linked identity of a provider the pool does not have',
    build: (s) => {
      const userPool = pool(s);
      new UserPoolIdentityProviderGoogle(s, 'Google', { userPool, clientId: 'id', clientSecretValue: SecretValue.secretsManager('google') });
      new User(s, 'U', { userPool, username: 'u', linkedIdentities: [{ providerName: 'Facebook', providerAttributeValue: '1' }] });
    },
    error: '[Stack/U] linkedIdentities[0].providerName: received "Facebook"; allowed: an identity provider of the pool Stack/Pool declared in the app ("Google").',
  },
  {
    name: 'a membership declared by a User and a GroupMembership',
    build: (s) => {
      const userPool = pool(s);
      const admins = userPool.addGroup('Admins', { groupName: 'admins' });
      new User(s, 'Alice', { userPool, username: 'alice', groups: [admins] });
      new GroupMembership(s, 'M', { userPool, group: admins, usernames: ['dana', 'alice'] });
    },
    error: '[Stack/M] usernames[1]: received "alice"; allowed: a membership no other construct of the app declares (Stack/Alice already makes "alice" a member of the group "admins").',
  },
  {
    name: 'a membership declared by a Users and a GroupMembership of the group imported by name',
    build: (s) => {
      const userPool = pool(s);
      new Users(s, 'B', { userPool, users: [{ username: 'ann', groups: ['staff'] }] });
      new GroupMembership(s, 'M', { userPool, group: cognito.UserPoolGroup.fromGroupName(s, 'G', 'staff'), usernames: ['ann'] });
    },
    error: '[Stack/M] usernames[0]: received "ann"; allowed: a membership no other construct of the app declares (Stack/B already makes "ann" a member of the group "staff").',
  },
  {
    name: 'a membership declared by two GroupMembership',
    build: (s) => {
      const userPool = pool(s);
      const staff = cognito.UserPoolGroup.fromGroupName(s, 'G', 'staff');
      new GroupMembership(s, 'M1', { userPool, group: staff, usernames: ['dana'] });
      new GroupMembership(s, 'M2', { userPool, group: staff, usernames: ['erin', 'dana'] });
    },
    error: '[Stack/M2] usernames[1]: received "dana"; allowed: a membership no other construct of the app declares (Stack/M1 already makes "dana" a member of the group "staff").',
  },
  {
    name: 'a membership declared by a GroupMembership and then by a User (reported on the later one)',
    build: (s) => {
      const userPool = pool(s);
      const admins = userPool.addGroup('Admins', { groupName: 'admins' });
      new GroupMembership(s, 'M', { userPool, group: admins, usernames: ['alice'] });
      new User(s, 'Alice', { userPool, username: 'alice', groups: [admins] });
    },
    error: '[Stack/Alice] groups[0]: received "admins"; allowed: a membership no other construct of the app declares (Stack/M already makes "alice" a member of the group "admins").',
  },
];
