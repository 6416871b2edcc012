// UserPoolMigration: the template it writes (trigger, function, its own policy, schedule, alarm,
// groups, bucket, final import) and the refusals at synth.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPool, UserPoolMigration, UserPoolMigrationProps, UserPoolTriggers } from '../lib';
import { awsSolutionsFindingsOf } from './helpers/nag';

const ENV = { account: '111111111111', region: 'us-east-1' };

function setup(props: Partial<UserPoolMigrationProps> = {}, clientOptions: cognito.UserPoolClientOptions = { authFlows: { adminUserPassword: true } }) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const oldPool = new UserPool(stack, 'OldPool', { customAttributes: { tenant: new cognito.StringAttribute({ mutable: true }) } });
  const client = oldPool.addClient('Migration', clientOptions);
  const newPool = new UserPool(stack, 'NewPool', {
    signInAliases: { email: true }, customAttributes: { org: new cognito.StringAttribute({ mutable: true }) },
  });
  const migration = new UserPoolMigration(stack, 'Migration', {
    sourceUserPool: oldPool, sourceUserPoolClient: client, targetUserPool: newPool,
    attributeMapping: { 'custom:tenant': 'custom:org' }, groups: ['admins', 'editors'], ...props,
  });
  return { stack, oldPool, client, newPool, migration };
}

const id = (template: Template, type: string, prefix: string) => {
  const ids = Object.keys(template.findResources(type)).filter((k) => k.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0];
};

describe('UserPoolMigration template', () => {
  const { stack, migration } = setup({ migrationEndsAt: '2027-03-31T00:00:00Z' });
  const template = Template.fromStack(stack);
  const fn = id(template, 'AWS::Lambda::Function', 'MigrationHandler');
  const oldPool = id(template, 'AWS::Cognito::UserPool', 'OldPool');
  const newPool = id(template, 'AWS::Cognito::UserPool', 'NewPool');
  const client = id(template, 'AWS::Cognito::UserPoolClient', 'OldPoolMigration');
  const bucket = id(template, 'AWS::S3::Bucket', 'MigrationExportBucket');

  test('the new pool\'s user-migration trigger is the function, which Cognito may invoke from that pool only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      LambdaConfig: { UserMigration: { 'Fn::GetAtt': [fn, 'Arn'] } },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [newPool, 'Arn'] },
    });
  });

  test('the function: the bundled trigger, its settings in MIGRATION_CONFIG', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Timeout: 900,
      Description: 'User migration from Stack/OldPool to Stack/NewPool',
      Environment: {
        Variables: {
          COGNITO_QUOTA_SHARE: '0.5',
          MIGRATION_CONFIG: {
            'Fn::Join': ['', [
              '{"sourceUserPoolId":"', { Ref: oldPool }, '","sourceClientId":"', { Ref: client },
              '","attributeMapping":{"custom:tenant":"custom:org"},"groups":["admins","editors"],"lookupAttribute":"email",'
              + '"endsAt":"2027-03-31T00:00:00Z","metricNamespace":"CdkCognitoUserPools/Migration","migrationName":"Stack/Migration","exportBucket":"',
              { Ref: bucket }, '"}',
            ]],
          },
        },
      },
    });
  });

  test('its own policy: reads and sign-in checks on the old pool, memberships and links on the new one, itself, the export folder; the function does not wait for it', () => {
    const policy = id(template, 'AWS::IAM::Policy', 'MigrationPolicy');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['AdminGetUser', 'AdminInitiateAuth', 'AdminListGroupsForUser', 'ListUsers', 'ListUsersInGroup', 'DescribeUserPool'].map((a) => `cognito-idp:${a}`),
            Effect: 'Allow', Resource: { 'Fn::GetAtt': [oldPool, 'Arn'] },
          },
          {
            Action: ['AdminGetUser', 'AdminAddUserToGroup', 'AdminLinkProviderForUser', 'DescribeIdentityProvider', 'ListUsers', 'DescribeUserPool'].map((a) => `cognito-idp:${a}`),
            Effect: 'Allow', Resource: { 'Fn::GetAtt': [newPool, 'Arn'] },
          },
          { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [fn, 'Arn'] } },
          { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/exports/*']] } },
        ],
      },
      Roles: [{ Ref: id(template, 'AWS::IAM::Role', 'MigrationHandlerRole') }],
    });
    // The pool depends on the function (its trigger): the function must not depend on the policy naming the pool.
    expect(template.toJSON().Resources[fn].DependsOn).not.toContain(policy);
  });

  test('hourly progress, an alarm on failed migrations, metrics by this migration\'s path', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [{
        Arn: { 'Fn::GetAtt': [fn, 'Arn'] },
        Id: 'Target0',
        Input: { 'Fn::Join': ['', ['{"command":"progress","targetUserPoolId":"', { Ref: newPool }, '"}']] },
        RetryPolicy: { MaximumRetryAttempts: 2 },
      }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CdkCognitoUserPools/Migration',
      MetricName: 'FailedMigrations',
      Dimensions: [{ Name: 'Migration', Value: 'Stack/Migration' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(stack.resolve(migration.metricRemainingUsers().toMetricConfig().metricStat)).toEqual({
      namespace: 'CdkCognitoUserPools/Migration', metricName: 'RemainingUsers', dimensions: [{ name: 'Migration', value: 'Stack/Migration' }],
      period: { amount: 1, unit: { label: 'hours', isoLabel: 'H', inMillis: 3600000 } }, statistic: 'Minimum', account: undefined, region: undefined,
    });
    expect(migration.metricMigratedUsers().metricName).toBe('MigratedUsers');
    expect(migration.metricRefusedMigrations().metricName).toBe('RefusedMigrations');
  });

  test('the groups, created in the new pool', () => {
    for (const groupName of ['admins', 'editors']) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { UserPoolId: { Ref: newPool }, GroupName: groupName, Description: 'Migrated from Stack/OldPool' });
    }
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
  });

  test('the export bucket: encrypted, private, TLS only, retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Effect: 'Deny' })] },
    });
  });
});

test('the function spends the stack\'s quota share (context cdk-cognito-userpools:quotaShare)', () => {
  const stack = new Stack(new App({ context: { 'cdk-cognito-userpools:quotaShare': '0.2' } }), 'Stack', { env: ENV });
  const oldPool = new UserPool(stack, 'OldPool');
  new UserPoolMigration(stack, 'Migration', {
    sourceUserPool: oldPool, sourceUserPoolClient: oldPool.addClient('C', { authFlows: { adminUserPassword: true } }), targetUserPool: new UserPool(stack, 'NewPool'),
  });
  Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
    Description: 'User migration from Stack/OldPool to Stack/NewPool', Environment: { Variables: { COGNITO_QUOTA_SHARE: '0.2' } },
  });
});

test('createGroups false: no group is created', () => {
  const template = Template.fromStack(setup({ createGroups: false }).stack);
  template.resourceCountIs('AWS::Cognito::UserPoolGroup', 0);
});

test('a new pool not in the app: no trigger attached, a warning says where to attach it; no lookup attribute', () => {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const oldPool = new UserPool(stack, 'OldPool');
  const migration = new UserPoolMigration(stack, 'Migration', {
    sourceUserPool: oldPool, sourceUserPoolClient: oldPool.addClient('Migration', { authFlows: { adminUserPassword: true } }),
    targetUserPool: cognito.UserPool.fromUserPoolId(stack, 'NewPool', 'us-east-1_new'),
  });
  Annotations.fromStack(stack).hasWarning('/Stack/Migration',
    'The new pool Stack/NewPool is not a UserPool of this app: attach triggerFunction as its user-migration trigger, with a UserPoolTriggers '
    + '(triggers: { userMigration: triggerFunction }) or where the pool is defined (LambdaConfig.UserMigration). '
    + '[ack: cdk-cognito-userpools:migrationTriggerNotAttached]');
  const template = Template.fromStack(stack);
  const env = template.toJSON().Resources[stack.getLogicalId(migration.triggerFunction.node.defaultChild as any)].Properties.Environment.Variables;
  expect(env.MIGRATION_CONFIG['Fn::Join'][1][4]).toBe(
    '","attributeMapping":{},"groups":[],"metricNamespace":"CdkCognitoUserPools/Migration","migrationName":"Stack/Migration","exportBucket":"');
  template.resourceCountIs('AWS::Lambda::Permission', 1);
});

test('a new pool not in the app: a UserPoolTriggers attaches the function as its user-migration trigger', () => {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const oldPool = new UserPool(stack, 'OldPool');
  const newPool = cognito.UserPool.fromUserPoolId(stack, 'NewPool', 'us-east-1_new');
  const migration = new UserPoolMigration(stack, 'Migration', {
    sourceUserPool: oldPool, sourceUserPoolClient: oldPool.addClient('C', { authFlows: { adminUserPassword: true } }), targetUserPool: newPool,
  });
  new UserPoolTriggers(stack, 'Triggers', { userPool: newPool, triggers: { userMigration: migration.triggerFunction } });
  const template = Template.fromStack(stack);
  const fn = stack.getLogicalId(migration.triggerFunction.node.defaultChild as any);
  template.hasResourceProperties('Custom::CognitoUserPoolTriggers', {
    UserPoolId: 'us-east-1_new',
    Triggers: { UserMigration: Match.objectLike({ LambdaArn: { 'Fn::GetAtt': [fn, 'Arn'] } }) },
  });
  template.hasResourceProperties('AWS::Lambda::Permission', {
    FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] }, Principal: 'cognito-idp.amazonaws.com',
    SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cognito-idp:us-east-1:111111111111:userpool/us-east-1_new']] },
  });
});

describe('final import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-test-'));
  const csv = path.join(dir, 'users.csv');
  const header = 'profile,address,birthdate,gender,preferred_username,updated_at,website,picture,phone_number,phone_number_verified,zoneinfo,locale,'
    + 'email,email_verified,given_name,family_name,middle_name,name,nickname,cognito:mfa_enabled,cognito:username,custom:org';
  fs.writeFileSync(csv, `${header}\n${',,,,,,,,,,,,'}bob@example.com,true,,,,,,false,bob@example.com,acme\n`);
  const groupsFile = (groups: object) => {
    const file = path.join(dir, `groups-${Math.random()}.json`);
    fs.writeFileSync(file, JSON.stringify({ groups }));
    return file;
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an import job of the export, and memberships one after another after it: 2,000 usernames in one resource, 2,001 in two', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `u${i}@example.com`);
    const { stack } = setup({ finalImport: { csvFile: csv, membershipsFile: groupsFile([{ name: 'admins', usernames: many(2000) }, { name: 'editors', usernames: many(2001) }]) } });
    const template = Template.fromStack(stack);
    const job = id(template, 'Custom::CognitoUserImportJob', 'MigrationFinalImport');
    template.hasResourceProperties('Custom::CognitoUserImportJob', { UserPoolId: { Ref: id(template, 'AWS::Cognito::UserPool', 'NewPool') } });
    const memberships = Object.entries<any>(template.findResources('Custom::CognitoGroupMembership'));
    const short = (key: string) => key.replace(/[0-9A-F]{8}$/, '');
    const admins = { Ref: id(template, 'AWS::Cognito::UserPoolGroup', 'MigrationGroup0') };
    const editors = { Ref: id(template, 'AWS::Cognito::UserPoolGroup', 'MigrationGroup1') };
    expect(memberships.map(([key, r]) => [short(key), r.Properties.GroupName, r.Properties.Usernames.length, r.DependsOn.filter((d: string) => d.startsWith('Migration'))])).toEqual([
      ['MigrationMembers0x0', admins, 2000, [expect.stringMatching(/^MigrationFinalImportLogsRoleDefaultPolicy/), expect.stringMatching(/^MigrationFinalImportLogsRole/), job]],
      ['MigrationMembers1x0', editors, 2000, [memberships[0][0]]],
      ['MigrationMembers1x1', editors, 1, [memberships[1][0]]],
    ]);
  });

  test('a memberships file naming a group the migration does not copy is refused', () => {
    expect(() => setup({ finalImport: { csvFile: csv, membershipsFile: groupsFile([{ name: 'owners', usernames: [] }]) } }))
      .toThrow('[Stack/Migration] finalImport.membershipsFile groups[0].name: received "owners"; allowed: one of the migration\'s groups (admins, editors).');
  });
});

describe('refused at synth', () => {
  test.each<[string, () => unknown, string]>([
    ['a client without ADMIN_USER_PASSWORD_AUTH', () => setup({}, { authFlows: { userSrp: true } }),
      '[Stack/Migration] sourceUserPoolClient: received "Stack/OldPool/Migration with the auth flows [\\"ALLOW_USER_SRP_AUTH\\", \\"ALLOW_REFRESH_TOKEN_AUTH\\"]"; '
      + 'allowed: a client whose authFlows include adminUserPassword (ALLOW_ADMIN_USER_PASSWORD_AUTH): the trigger checks passwords with AdminInitiateAuth.'],
    ['a client with a secret', () => setup({}, { authFlows: { adminUserPassword: true }, generateSecret: true }),
      '[Stack/Migration] sourceUserPoolClient: received "Stack/OldPool/Migration with a client secret"; allowed: a client without a secret (the trigger sends no SECRET_HASH).'],
    ['a client of another pool', () => {
      const stack = new Stack(new App(), 'Stack', { env: ENV });
      const oldPool = new UserPool(stack, 'OldPool');
      const newPool = new UserPool(stack, 'NewPool');
      return new UserPoolMigration(stack, 'Migration', {
        sourceUserPool: oldPool, targetUserPool: newPool,
        sourceUserPoolClient: newPool.addClient('Other', { authFlows: { adminUserPassword: true } }),
      });
    }, '[Stack/Migration] sourceUserPoolClient: received "Stack/NewPool/Other"; allowed: a client of the old pool Stack/OldPool.'],
    ['the same pool twice', () => {
      const stack = new Stack(new App(), 'Stack', { env: ENV });
      const p = new UserPool(stack, 'Pool');
      return new UserPoolMigration(stack, 'Migration', { sourceUserPool: p, targetUserPool: p, sourceUserPoolClient: p.addClient('C', { authFlows: { adminUserPassword: true } }) });
    }, '[Stack/Migration] targetUserPool: received "Stack/Pool"; allowed: a pool other than sourceUserPool.'],
    ['a mapping to an attribute the new pool lacks', () => setup({ attributeMapping: { 'custom:tenant': 'custom:team' } }),
      '[Stack/Migration] attributeMapping.custom:tenant: received "custom:team"; allowed: a standard attribute or a custom attribute of the new pool Stack/NewPool (custom:org).'],
    ['a mapping to sub', () => setup({ attributeMapping: { 'custom:tenant': 'sub' } }),
      '[Stack/Migration] attributeMapping.custom:tenant: received "sub"; allowed: an attribute other than sub and identities (Cognito sets them).'],
    ['a mapping of identities', () => setup({ attributeMapping: { identities: 'custom:org' } }),
      '[Stack/Migration] attributeMapping.identities: received "custom:org"; allowed: no entry: Cognito sets sub and identities in the new pool.'],
    ['two attributes mapped to one', () => setup({ attributeMapping: { 'custom:tenant': 'custom:org', 'nickname': 'custom:org' } }),
      '[Stack/Migration] attributeMapping.nickname: received "custom:org"; allowed: a new name no other attribute maps to (custom:tenant does).'],
    ['the new pool\'s username attribute dropped', () => setup({ attributeMapping: { email: '' } }),
      '[Stack/Migration] attributeMapping: received {"email":""}; allowed: a mapping that gives email, a username attribute of the new pool Stack/NewPool (its users sign in with it).'],
    ['a lookup attribute ListUsers cannot search', () => setup({ lookupAttribute: 'custom:tenant' }),
      '[Stack/Migration] lookupAttribute: received "custom:tenant"; allowed: an attribute ListUsers can search by '
      + '(username, email, phone_number, name, given_name, family_name, preferred_username, sub).'],
    ['the username attribute from an attribute ListUsers cannot search, without a lookup attribute', () => setup({ attributeMapping: { 'email': '', 'custom:tenant': 'email' } }),
      '[Stack/Migration] lookupAttribute: received undefined; allowed: an attribute ListUsers can search by (username, email, phone_number, name, '
      + 'given_name, family_name, preferred_username, sub): the new pool\'s username attribute comes from custom:tenant, which ListUsers cannot search, '
      + 'so the old users must be found by another attribute.'],
    ['a group twice', () => setup({ groups: ['admins', 'admins'] }),
      '[Stack/Migration] groups[1]: received "admins"; allowed: a group not listed before.'],
    ['a group name of 129 characters', () => setup({ groups: ['g'.repeat(129)] }),
      `[Stack/Migration] groups[0]: received "${'g'.repeat(129)}"; allowed: 1 to 128 characters (got 129).`],
    ['a group name with a space', () => setup({ groups: ['two words'] }),
      '[Stack/Migration] groups[0]: received "two words"; allowed: letters, marks, symbols, digits and punctuation (no spaces).'],
    ['a window end without a time zone', () => setup({ migrationEndsAt: '2027-03-31T00:00:00' }),
      '[Stack/Migration] migrationEndsAt: received "2027-03-31T00:00:00"; allowed: an ISO 8601 time with a time zone, e.g. 2027-03-31T00:00:00Z.'],
  ])('%s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  test('the same mapping with a searchable lookup attribute passes', () => {
    expect(() => setup({ attributeMapping: { 'email': '', 'custom:tenant': 'email' }, lookupAttribute: 'preferred_username' })).not.toThrow();
  });

  test('the boundaries pass: a group name of 128 characters, another attribute mapped to the username attribute, a time with an offset', () => {
    const { stack } = setup({ groups: ['g'.repeat(128)], attributeMapping: { email: '', preferred_username: 'email' }, migrationEndsAt: '2027-03-31T02:00:00+02:00' });
    expect(JSON.stringify(stack.resolve((stack.node.findChild('Migration').node.findChild('Handler').node.defaultChild as any).environment)))
      .toContain('\\"lookupAttribute\\":\\"preferred_username\\"');
  });
});

test('cdk-nag\'s AwsSolutions pack finds nothing in the migration\'s own resources (function, roles, policy, bucket, rule, alarm)', () => {
  const findings = awsSolutionsFindingsOf((app) => {
    const stack = new Stack(app, 'Stack', { env: ENV });
    const oldPool = new UserPool(stack, 'OldPool');
    new UserPoolMigration(stack, 'Migration', {
      sourceUserPool: oldPool, sourceUserPoolClient: oldPool.addClient('C', { authFlows: { adminUserPassword: true } }),
      targetUserPool: new UserPool(stack, 'NewPool', { signInAliases: { email: true } }), groups: ['admins'],
    });
  });
  // The pools' own finding (the Plus plan) is the pool's, not the migration's.
  expect(findings.filter((f) => f.includes('/Migration'))).toEqual([]);
  expect(findings).toEqual(['AwsSolutions-COG8 Stack/OldPool/Resource', 'AwsSolutions-COG8 Stack/NewPool/Resource']);
});
