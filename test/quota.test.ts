// The stack's rate budget at synth: the quota share, how it is divided among the custom
// resources that may run at once, and the refusal of work that cannot finish in time.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { BulkUser, GroupMembership, User, Users } from '../lib';
import { CognitoProvider } from '../lib/private/provider';
import { CATEGORIES_BY_TYPE, QUOTA_RATES } from '../lib/private/quota';

function newStack(context: { [key: string]: unknown } = {}): { app: App; stack: Stack; pool: cognito.UserPool } {
  const app = new App({ context });
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const pool = new cognito.UserPool(stack, 'Pool');
  // The groups the bulk lists below name (groups of a pool of the app must be declared in it).
  for (const g of ['g0', 'g1', 'g2']) pool.addGroup(g, { groupName: g });
  return { app, stack, pool };
}

function handlerVariables(stack: Stack): { [name: string]: string } {
  const fns = Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } });
  return Object.values(fns)[0].Properties.Environment.Variables;
}

// The user resources also read the pool (and add the owner-record attribute once).
const USER_FAMILY = ['UserPoolRead', 'UserPoolResourceUpdate', 'UserCreation', 'UserUpdate', 'UserAccountRecovery', 'UserRead', 'UserList', 'SecretsManager'];
const family = (n: number) => Object.fromEntries([['*', n], ...USER_FAMILY.map((c) => [c, n])]);
const bulk = (prefix: string, count: number, groups = 0): BulkUser[] =>
  Array.from({ length: count }, (_, i) => ({ username: `${prefix}${i}`, groups: Array.from({ length: groups }, (__, g) => `g${g}`) }));

describe('the stack quota share', () => {
  test('by default the stack spends half of each quota, divided among the four Users that run at once', () => {
    // GIVEN four independent Users
    const { stack, pool } = newStack();
    // WHEN
    for (let k = 0; k < 4; k++) new Users(stack, `Users${k}`, { userPool: pool, users: bulk(`u${k}-`, 250) });
    // THEN
    expect(handlerVariables(stack)).toEqual({
      COGNITO_QUOTA_SHARE: '0.5',
      COGNITO_QUOTA_CONCURRENCY: JSON.stringify(family(4)),
    });
    expect(CognitoProvider.of(stack).quotaShareOf('UserCreation')).toBe(0.125);
  });

  test('resources ordered by a dependency do not run at once: they share less', () => {
    // GIVEN Users 0 → 1 → 2 in a chain (on the constructs), and 3 on its own
    const { stack, pool } = newStack();
    const users = [0, 1, 2, 3].map((k) => new Users(stack, `Users${k}`, { userPool: pool, users: bulk(`u${k}-`, 10) }));
    // WHEN
    users[1].node.addDependency(users[0]);
    users[2].node.addDependency(users[1]);
    // THEN at most two run at once
    expect(JSON.parse(handlerVariables(stack).COGNITO_QUOTA_CONCURRENCY)).toEqual(family(2));
  });

  test('a reference in the properties orders two resources as well', () => {
    // GIVEN a resource whose properties name another one's physical id
    const { stack, pool } = newStack();
    const provider = CognitoProvider.of(stack);
    const first = provider.createResource(stack, 'First', { resourceType: 'Custom::CognitoGroupMembership', properties: { UserPoolId: pool.userPoolId } });
    // WHEN
    provider.createResource(stack, 'Second', { resourceType: 'Custom::CognitoGroupMembership', properties: { After: first.ref } });
    // THEN
    expect(JSON.parse(handlerVariables(stack).COGNITO_QUOTA_CONCURRENCY)).toEqual({ '*': 1, 'UserUpdate': 1, 'UserRead': 1, 'UserList': 1 });
  });

  test('resources that spend other categories do not dilute the users\' share; an unknown type counts everywhere', () => {
    // GIVEN one Users (which also reads the pool), a resource of pool settings and one of a type the table does not know
    const { stack, pool } = newStack();
    new Users(stack, 'Users', { userPool: pool, users: bulk('u', 10) });
    const provider = CognitoProvider.of(stack);
    provider.createResource(stack, 'Mfa', { resourceType: 'Custom::CognitoUserPoolMfa', properties: { UserPoolId: pool.userPoolId } });
    // WHEN
    provider.createResource(stack, 'Thing', { resourceType: 'Custom::CognitoThing', properties: { UserPoolId: pool.userPoolId } });
    // THEN user categories count the Users and the unknown one; pool categories the MFA one and the unknown one
    expect(JSON.parse(handlerVariables(stack).COGNITO_QUOTA_CONCURRENCY)).toEqual({
      ...Object.fromEntries(Object.keys(QUOTA_RATES).map((c) => [c, 1])),
      ...family(2),
      'UserPoolRead': 3,
      'UserPoolResourceUpdate': 3,
      '*': 3,
    });
  });

  test('the context key sets the stack share', () => {
    const { stack, pool } = newStack({ 'cdk-cognito-userpools:quotaShare': 0.2 });
    new User(stack, 'Alice', { userPool: pool, username: 'alice' });
    expect(handlerVariables(stack)).toEqual({ COGNITO_QUOTA_SHARE: '0.2', COGNITO_QUOTA_CONCURRENCY: JSON.stringify(family(1)) });
  });

  test.each([0, 1.5, 'half'])('a context share of %p is refused', (value) => {
    const { stack, pool } = newStack({ 'cdk-cognito-userpools:quotaShare': value });
    expect(() => new User(stack, 'Alice', { userPool: pool, username: 'alice' })).toThrow(
      `[Stack] context cdk-cognito-userpools:quotaShare: received ${typeof value === 'string' ? `"${value}"` : value}; allowed: a number greater than 0 and at most 1.`);
  });

  test('adding a resource changes no property of the existing ones (no Update event, no Cognito call)', () => {
    // GIVEN a stack with one Users, synthesized
    const before = newStack();
    new Users(before.stack, 'Staff', { userPool: before.pool, users: bulk('s', 20, 1) });
    const after = newStack();
    new Users(after.stack, 'Staff', { userPool: after.pool, users: bulk('s', 20, 1) });
    // WHEN the next version adds a second Users
    new Users(after.stack, 'Guests', { userPool: after.pool, users: bulk('g', 20) });
    // THEN the first one's resource is the same; only the function's environment differs
    const staff = (s: Stack) => Template.fromStack(s).findResources('Custom::CognitoUsers');
    const [id] = Object.keys(staff(before.stack));
    expect(staff(after.stack)[id]).toEqual(staff(before.stack)[id]);
    expect(JSON.parse(handlerVariables(after.stack).COGNITO_QUOTA_CONCURRENCY).UserCreation).toBe(2);
  });

  test('every category a handler spends is listed for its resource type', () => {
    // The categories in each module's code (ctx.cognito.send('Category', ...)), users and
    // user-import-job sharing the modules they call, and Secrets Manager where they read secrets.
    const dir = path.join(__dirname, '..', 'custom-resources');
    const spent = (module: string) => {
      const source = fs.readdirSync(path.join(dir, module)).map((f) => fs.readFileSync(path.join(dir, module, f), 'utf8')).join('\n');
      const categories = new Set([...source.matchAll(/\.send\('([A-Za-z]+)'/g)].map((m) => m[1]));
      if (/ctx\.secrets\./.test(source)) categories.add('SecretsManager');
      return categories;
    };
    const modules: { [type: string]: string[] } = {
      'Custom::CognitoUser': ['user'],
      'Custom::CognitoUsers': ['users', 'user'],
      'Custom::CognitoGroupMembership': ['group-membership'],
      'Custom::CognitoCustomAttributes': ['custom-attributes'],
      'Custom::CognitoClientSecretRotation': ['client-secret-rotation'],
      'Custom::CognitoUserPoolMfa': ['pool-mfa'],
      'Custom::CognitoUserPoolSessionConfiguration': ['session-configuration'],
      'Custom::CognitoClientSessionConfiguration': ['session-configuration'],
      'Custom::CognitoSigningCertificate': ['signing-certificate'],
      'Custom::CognitoProvisionedLimit': ['provisioned-limit'],
      'Custom::CognitoUserImportJob': ['user-import-job'],
      'Custom::CognitoHostedUiLogo': ['hosted-ui-logo'],
      'Custom::CognitoImmutableSettingsGuard': ['immutable-guard'],
      'Custom::CognitoUserPoolTriggers': ['pool-triggers'],
    };
    expect(Object.keys(CATEGORIES_BY_TYPE).sort()).toEqual(Object.keys(modules).sort());
    for (const [type, dirs] of Object.entries(modules)) {
      const missing = dirs.flatMap((d) => [...spent(d)]).filter((c) => !CATEGORIES_BY_TYPE[type].includes(c as keyof typeof QUOTA_RATES));
      expect({ type, missing }).toEqual({ type, missing: [] });
    }
  });
});

describe('work that cannot finish before the handler times out is refused at synth', () => {
  // At the default 50%, UserUpdate (25/s) runs at 12.5/s: 600 s hold 7,500 calls. A Users of n
  // users in m memberships makes m + n of them (the adds, and the deletes of a failed Create).
  test('one Users: 2,500 users in 2 groups each is exactly the most that fits', () => {
    const { app, stack, pool } = newStack();
    new Users(stack, 'Staff', { userPool: pool, users: bulk('s', 2500, 2) });
    expect(() => app.synth()).not.toThrow();
  });

  test('one Users: one membership more is refused with the estimate, the limit and what to do', () => {
    const { app, stack, pool } = newStack();
    const users = bulk('s', 2500, 2);
    users[0] = { ...users[0], groups: ['g0', 'g1', 'g2'] };
    new Users(stack, 'Staff', { userPool: pool, users });
    expect(() => app.synth()).toThrow(
      '[Stack/Staff] users: received 2500 users in 5001 group memberships: an estimated 7501 UserUpdate calls at 12.5 a second '
      + '(the stack\'s 50% of Cognito\'s default 25/s) take 600.08 s; allowed: work that takes at most 600 s (the handler times out '
      + 'after 14 minutes). Split the users over several Users made to run one after another (`next.node.addDependency(previous)`), '
      + 'or raise the context key cdk-cognito-userpools:quotaShare.');
  });

  test('two Users at once each get half: 1,250 users in 2 groups fit, one membership more does not, and ordering them fixes it', () => {
    // GIVEN two Users that may run at once: 6.25 UserUpdate calls a second each, 3,750 calls in 600 s
    const fits = newStack();
    new Users(fits.stack, 'A', { userPool: fits.pool, users: bulk('a', 1250, 2) });
    new Users(fits.stack, 'B', { userPool: fits.pool, users: bulk('b', 1250, 2) });
    expect(() => fits.app.synth()).not.toThrow();

    const over = newStack();
    const a = new Users(over.stack, 'A', { userPool: over.pool, users: bulk('a', 1250, 2) });
    const users = bulk('b', 1250, 2);
    users[0] = { ...users[0], groups: ['g0', 'g1', 'g2'] };
    const b = new Users(over.stack, 'B', { userPool: over.pool, users });
    expect(() => over.app.synth()).toThrow(
      '[Stack/B] users: received 1250 users in 2501 group memberships: an estimated 3751 UserUpdate calls at 6.25 a second '
      + '(the stack\'s 50% of Cognito\'s default 25/s, divided among the 2 resources of the stack that spend it and may run at once) take 600.16 s;');

    // WHEN B runs after A, it spends the whole share again
    b.node.addDependency(a);
    expect(() => over.app.synth()).not.toThrow();
  });

  test('GroupMembership: 3,750 usernames fit (adds and the removes of a failed Create), 3,751 do not', () => {
    const ok = newStack();
    const group = ok.pool.addGroup('G', { groupName: 'g' });
    new GroupMembership(ok.stack, 'Members', { userPool: ok.pool, group, usernames: bulk('m', 3750).map((u) => u.username) });
    expect(() => ok.app.synth()).not.toThrow();

    const over = newStack();
    const group2 = over.pool.addGroup('G', { groupName: 'g' });
    new GroupMembership(over.stack, 'Members', { userPool: over.pool, group: group2, usernames: bulk('m', 3751).map((u) => u.username) });
    expect(() => over.app.synth()).toThrow(
      '[Stack/Members] usernames: received 3751 usernames: an estimated 7502 UserUpdate calls at 12.5 a second (the stack\'s 50% of '
      + 'Cognito\'s default 25/s) take 600.16 s; allowed: work that takes at most 600 s (the handler times out after 14 minutes). '
      + 'Split the list over several GroupMembership made to run one after another (`next.node.addDependency(previous)`), '
      + 'or raise the context key cdk-cognito-userpools:quotaShare.');
  });

  test('User: many users at once each spend little; 100 groups fit beside 73 others but not beside 74', () => {
    // 100 groups + the cleanup delete = 101 UserUpdate calls; at 12.5/s shared by n users: 101 n / 12.5 <= 600 for n <= 74
    const build = (others: number) => {
      const { app, stack, pool } = newStack();
      const groups = Array.from({ length: 100 }, (_, g) => pool.addGroup(`G${g}`, { groupName: `many${g}` }));
      new User(stack, 'Busy', { userPool: pool, username: 'busy', groups });
      for (let i = 0; i < others; i++) new User(stack, `U${i}`, { userPool: pool, username: `u${i}` });
      return app;
    };
    expect(() => build(73).synth()).not.toThrow();
    expect(() => build(74).synth()).toThrow(
      '[Stack/Busy] groups: received 100 groups: an estimated 101 UserUpdate calls at 0.17 a second (the stack\'s 50% of Cognito\'s default 25/s, '
      + 'divided among the 75 resources of the stack that spend it and may run at once) take 606 s;');
  });
});
