// The whole-app checks of users and memberships let a consistent app through, skip what cannot
// be known at synth, and order the users after the groups, providers and live attributes they
// name. The refusals, one per rule, are rows of test/validation/cases-app-users.ts.
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  CustomAttributeDataType, DeliveryMedium, GroupMembership, User, UserImportJob, UserPool, UserPoolCustomAttributes,
  UserPoolIdentityProviderGoogle, Users,
} from '../lib';

function stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

function pool(s: Stack, props: ConstructorParameters<typeof UserPool>[2] = {}): UserPool {
  return new UserPool(s, 'Pool', {
    customAttributes: {
      site: new cognito.StringAttribute({ mutable: true, minLen: 2, maxLen: 5 }),
      seats: new cognito.NumberAttribute({ mutable: true, min: 1, max: 10 }),
      vip: new cognito.BooleanAttribute({ mutable: true }),
      joined: new cognito.DateTimeAttribute({ mutable: true }),
    },
    ...props,
  });
}

/** The DependsOn of the one resource of a type. */
function dependsOn(s: Stack, type: string): string[] {
  const resources = Object.values(Template.fromStack(s).findResources(type));
  expect(resources).toHaveLength(1);
  return (resources[0] as { DependsOn?: string[] }).DependsOn ?? [];
}

test('a consistent app passes: every attribute, value, username, group, provider and membership fits, at the boundaries', () => {
  // GIVEN a pool with custom attributes, a live one, groups and a provider
  const s = stack();
  const userPool = pool(s);
  const staff = userPool.addGroup('Staff', { groupName: 'staff' });
  new UserPoolCustomAttributes(s, 'Live', { userPool, attributes: [{ name: 'floor', dataType: CustomAttributeDataType.NUMBER, min: 0, max: 40 }] });
  new UserPoolIdentityProviderGoogle(s, 'Google', { userPool, clientId: 'id', clientSecretValue: SecretValue.secretsManager('google') });
  // WHEN users and memberships use them, values at the limits
  new User(s, 'Alice', {
    userPool, username: 'alice', email: 'alice@example.com', emailVerified: true,
    attributes: { site: 'no', seats: '10', vip: 'TRUE', joined: 'any text', floor: '0', birthdate: '1990-02-01', updated_at: '1700000000', email_verified: 'true' },
    groups: [staff],
    linkedIdentities: [{ providerName: 'Google', providerAttributeValue: '1' }],
  });
  new Users(s, 'Bulk', {
    userPool,
    users: [
      { username: 'ann', attributes: { 'custom:site': 'north', 'seats': '1', 'floor': '40' }, groups: ['staff'] },
      { username: 'ben', attributes: { vip: 'false' } },
    ],
  });
  new UserImportJob(s, 'Job', {
    userPool, users: [{ username: 'carol', attributes: { 'email': 'carol@example.com', 'email_verified': 'true', 'custom:seats': '5', 'custom:floor': '3' } }],
  });
  new GroupMembership(s, 'Members', { userPool, group: staff, usernames: ['dana', 'ben'] });
  // THEN the app synthesizes
  expect(() => Template.fromStack(s)).not.toThrow();
});

test('usernames that fit the sign-in mode pass: email and phone as username, and a plain username next to aliases', () => {
  const s = stack();
  const byEmail = new UserPool(s, 'ByEmail', { signInAliases: { email: true, phone: true } });
  new User(s, 'A', { userPool: byEmail, username: 'alice@example.com' });
  new Users(s, 'B', { userPool: byEmail, users: [{ username: '+12065550100' }] });
  const withAliases = new UserPool(s, 'WithAliases', { signInAliases: { username: true, email: true, phone: true } });
  new User(s, 'C', { userPool: withAliases, username: 'carol', email: 'carol@example.com', phoneNumber: '+12065550101' });
  expect(() => Template.fromStack(s)).not.toThrow();
});

test('the same username in two pools, and in two spellings of a case-sensitive pool, are different users', () => {
  const s = stack();
  const one = new UserPool(s, 'One', { signInCaseSensitive: true });
  const two = new UserPool(s, 'Two');
  new User(s, 'A', { userPool: one, username: 'alice' });
  new User(s, 'B', { userPool: one, username: 'Alice' });
  new User(s, 'C', { userPool: two, username: 'alice' });
  new GroupMembership(s, 'M1', { userPool: one, group: one.addGroup('G1', { groupName: 'g' }), usernames: ['dana'] });
  new GroupMembership(s, 'M2', { userPool: two, group: two.addGroup('G2', { groupName: 'g' }), usernames: ['dana'] });
  expect(() => Template.fromStack(s)).not.toThrow();
});

test('a pool imported by id is not checked: its schema, groups and providers are unknown at synth', () => {
  const s = stack();
  const imported = cognito.UserPool.fromUserPoolId(s, 'Imported', 'us-east-1_abc');
  new User(s, 'U', {
    userPool: imported, username: 'u', attributes: { team: 'anything' }, linkedIdentities: [{ providerName: 'Okta', providerAttributeValue: '1' }],
  });
  new Users(s, 'B', { userPool: imported, users: [{ username: 'b', groups: ['made-by-hand'] }] });
  expect(() => Template.fromStack(s)).not.toThrow();
});

test('groups named by string are created before the users and members: no addDependency needed', () => {
  // GIVEN groups declared after the constructs that name them
  const s = stack();
  const userPool = pool(s);
  new Users(s, 'Bulk', { userPool, users: [{ username: 'ann', groups: ['staff', 'trainers'] }] });
  new GroupMembership(s, 'Members', { userPool, group: cognito.UserPoolGroup.fromGroupName(s, 'Imported', 'trainers'), usernames: ['dana'] });
  userPool.addGroup('Staff', { groupName: 'staff' });
  userPool.addGroup('Trainers', { groupName: 'trainers' });
  userPool.addGroup('Other', { groupName: 'other' });
  // THEN each depends on exactly the groups it names
  expect(dependsOn(s, 'Custom::CognitoUsers').filter((d) => d.startsWith('Pool')).sort())
    .toEqual([expect.stringMatching(/^PoolStaff[0-9A-F]{8}$/), expect.stringMatching(/^PoolTrainers[0-9A-F]{8}$/)]);
  expect(dependsOn(s, 'Custom::CognitoGroupMembership').filter((d) => d.startsWith('Pool')))
    .toEqual([expect.stringMatching(/^PoolTrainers[0-9A-F]{8}$/)]);
});

test('a user is created after the identity provider its linked identity names and the live attribute it sets', () => {
  const s = stack();
  const userPool = pool(s);
  new User(s, 'Carol', {
    userPool, username: 'carol', attributes: { floor: '3' }, linkedIdentities: [{ providerName: 'Google', providerAttributeValue: '1' }],
  });
  new UserPoolIdentityProviderGoogle(s, 'Google', { userPool, clientId: 'id', clientSecretValue: SecretValue.secretsManager('google') });
  new UserPoolCustomAttributes(s, 'Live', { userPool, attributes: [{ name: 'floor', dataType: CustomAttributeDataType.NUMBER }] });
  new UserPoolCustomAttributes(s, 'Unused', { userPool, attributes: [{ name: 'other' }] });
  const deps = dependsOn(s, 'Custom::CognitoUser');
  expect(deps).toEqual(expect.arrayContaining([expect.stringMatching(/^Google[0-9A-F]{8}$/), expect.stringMatching(/^Live[0-9A-F]{8}$/)]));
  expect(deps.filter((d) => d.startsWith('Unused'))).toEqual([]);
});

test('a group in a stack other than the user\'s and the pool\'s gets no dependency (it could close a cycle)', () => {
  const app = new App();
  const poolStack = new Stack(app, 'PoolStack');
  const userPool = new UserPool(poolStack, 'Pool');
  const groupStack = new Stack(app, 'GroupStack');
  new cognito.UserPoolGroup(groupStack, 'Staff', { userPool, groupName: 'staff' });
  const userStack = new Stack(app, 'UserStack');
  new Users(userStack, 'Bulk', { userPool, users: [{ username: 'ann', groups: ['staff'] }] });
  expect(() => app.synth()).not.toThrow();
  expect(userStack.dependencies.map((d) => d.stackName)).toEqual(['PoolStack']);
});

test('a custom attribute added by a UserPoolCustomAttributes can be imported by a job declared after it', () => {
  const s = stack();
  const userPool = pool(s);
  new UserPoolCustomAttributes(s, 'Live', { userPool, attributes: [{ name: 'floor' }] });
  const job = new UserImportJob(s, 'Job', {
    userPool, users: [{ username: 'a', attributes: { 'email': 'a@example.com', 'email_verified': 'true', 'custom:floor': '3' } }],
  });
  expect(() => Template.fromStack(s)).not.toThrow();
  expect(job.jobId).toEqual(expect.any(String));
});

describe('invitation delivery', () => {
  test('a user whose email address is its username in an email-as-username pool is invited by EMAIL', () => {
    const s = stack();
    const userPool = new UserPool(s, 'Pool', { signInAliases: { email: true } });
    new User(s, 'U', { userPool, username: 'alice@example.com' });
    new Users(s, 'B', { userPool, users: [{ username: 'bob@example.com' }, { username: 'carol@example.com', sendInvitation: false }] });
    const template = Template.fromStack(s);
    template.hasResourceProperties('Custom::CognitoUser', { Username: 'alice@example.com', Attributes: {}, DesiredDeliveryMediums: ['EMAIL'] });
    template.hasResourceProperties('Custom::CognitoUsers', {
      Users: [
        { Username: 'bob@example.com', Attributes: {}, DesiredDeliveryMediums: ['EMAIL'] },
        { Username: 'carol@example.com', Attributes: {}, MessageAction: 'SUPPRESS', DesiredDeliveryMediums: Match.absent() },
      ],
    });
  });

  test('EMAIL may be declared for such a user (it has an address)', () => {
    const s = stack();
    const userPool = new UserPool(s, 'Pool', { signInAliases: { email: true } });
    new User(s, 'U', { userPool, username: 'alice@example.com', invitationMediums: [DeliveryMedium.EMAIL] });
    Template.fromStack(s).hasResourceProperties('Custom::CognitoUser', { DesiredDeliveryMediums: ['EMAIL'] });
  });

  test('a user with an email attribute leaves the choice to the handler (EMAIL there), keeping bulk lists small', () => {
    const s = stack();
    const userPool = new UserPool(s, 'Pool');
    new User(s, 'U', { userPool, username: 'alice', email: 'alice@example.com' });
    Template.fromStack(s).hasResourceProperties('Custom::CognitoUser', { DesiredDeliveryMediums: Match.absent() });
  });
});
