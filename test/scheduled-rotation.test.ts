/**
 * Scheduled client-secret rotation and identity-provider secret sync: the stack's secret-rotation
 * function (one per stack, only where needed), its exact permissions, the rotation schedule, the
 * clean-up and sync rules, and the synth-time checks.
 */
import { App, CfnResource, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance, rules } from 'cdk-nag';
import {
  ClientSecretRotation, ClientSecretRotationProps, UserPool, UserPoolDomain, UserPoolIdentityProviderApple, UserPoolIdentityProviderGoogle,
  UserPoolIdentityProviderOidc,
} from '../lib';
import { awsSolutionsFindingsOf } from './helpers/nag';

function setup() {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const userPool = new UserPool(stack, 'Pool');
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
  const api = userPool.addResourceServer('Api', { identifier: 'api', scopes: [read] });
  const client = userPool.addClient('Backend', {
    generateSecret: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(api, read)] },
  });
  return { stack, userPool, client };
}

function rotation(extra: Partial<ClientSecretRotationProps> = {}) {
  const { stack, userPool, client } = setup();
  new ClientSecretRotation(stack, 'Rotation', {
    userPool, client, overlap: Duration.days(2), rotationSchedule: { automaticallyAfter: Duration.days(30) }, ...extra,
  });
  return { stack, template: Template.fromStack(stack) };
}

function onlyId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('rotationSchedule', () => {
  test('a RotationSchedule on the secret, backed by the stack\'s function, no rotation at creation, after the first export', () => {
    const { template } = rotation();
    const secret = onlyId(template, 'AWS::SecretsManager::Secret', 'RotationSecret');
    const func = onlyId(template, 'AWS::Lambda::Function', 'CognitoSecretRotationFunction');
    template.hasResource('AWS::SecretsManager::RotationSchedule', {
      Properties: {
        SecretId: { Ref: secret },
        RotationLambdaARN: { 'Fn::GetAtt': [func, 'Arn'] },
        RotationRules: { ScheduleExpression: 'rate(30 days)' },
        RotateImmediatelyOnUpdate: false,
      },
      DependsOn: Match.arrayWith([onlyId(template, 'Custom::CognitoClientSecretRotation', 'Rotation')]),
    });
  });

  test('the function: its bundle, the rotation\'s target in its environment, no IdP variable', () => {
    const { template } = rotation({ rotationSchedule: { automaticallyAfter: Duration.days(30), tokenEndpoint: 'https://auth.example.com/oauth2/token' } });
    const secret = onlyId(template, 'AWS::SecretsManager::Secret', 'RotationSecret');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Timeout: 120,
      Environment: {
        Variables: {
          CLIENT_SECRET_ROTATIONS: {
            'Fn::Join': ['', [
              '[{"secretArn":"', { Ref: secret }, '","userPoolId":"', { Ref: Match.stringLikeRegexp('^Pool') }, '","clientId":"',
              { Ref: Match.stringLikeRegexp('^PoolBackend') }, '","overlapSeconds":172800,"tokenEndpoint":"https://auth.example.com/oauth2/token"}]',
            ]],
          },
        },
      },
    });
    const vars = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler', Timeout: 120 } }))[0].Properties.Environment.Variables;
    expect(Object.keys(vars)).toEqual(['CLIENT_SECRET_ROTATIONS']);
  });

  test('least privilege: the function may use only the rotated secret and the client-secret actions on its pool', () => {
    const { template } = rotation();
    const secret = onlyId(template, 'AWS::SecretsManager::Secret', 'RotationSecret');
    const pool = onlyId(template, 'AWS::Cognito::UserPool', 'Pool');
    const policy = onlyId(template, 'AWS::IAM::Policy', 'CognitoSecretRotationPermissions');
    expect(template.toJSON().Resources[policy].Properties.PolicyDocument.Statement).toEqual([
      {
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        Effect: 'Allow', Resource: { Ref: secret },
      },
      {
        Action: ['cognito-idp:ListUserPoolClientSecrets', 'cognito-idp:AddUserPoolClientSecret', 'cognito-idp:DeleteUserPoolClientSecret'],
        Effect: 'Allow', Resource: { 'Fn::GetAtt': [pool, 'Arn'] },
      },
    ]);
    // The role's own policy only writes its logs: no GetRandomPassword on *, nothing else.
    const defaultPolicy = onlyId(template, 'AWS::IAM::Policy', 'CognitoSecretRotationRoleDefaultPolicy');
    expect(template.toJSON().Resources[defaultPolicy].Properties.PolicyDocument.Statement).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [onlyId(template, 'AWS::Logs::LogGroup', 'CognitoSecretRotationLogs'), 'Arn'] } },
    ]);
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'secretsmanager.amazonaws.com', Action: 'lambda:InvokeFunction' });
  });

  test('footprint: exactly what a schedule adds to a stack that rotates by generation only', () => {
    const count = (schedule: boolean) => {
      const { stack, userPool, client } = setup();
      new ClientSecretRotation(stack, 'Rotation', { userPool, client, rotationSchedule: schedule ? { automaticallyAfter: Duration.days(30) } : undefined });
      const byType: { [type: string]: number } = {};
      for (const r of Object.values<any>(Template.fromStack(stack).toJSON().Resources)) byType[r.Type] = (byType[r.Type] ?? 0) + 1;
      return byType;
    };
    const without = count(false);
    const added = Object.fromEntries(Object.entries(count(true)).map(([t, n]) => [t, n - (without[t] ?? 0)]).filter(([, n]) => n !== 0));
    expect(added).toEqual({
      'AWS::Lambda::Function': 1, 'AWS::IAM::Role': 1, 'AWS::IAM::Policy': 2, 'AWS::Logs::LogGroup': 1, 'AWS::Events::Rule': 1,
      'AWS::Lambda::Permission': 2, 'AWS::SecretsManager::RotationSchedule': 1, 'AWS::SecretsManager::ResourcePolicy': 1,
    });
  });

  test('the secret gets aws-cdk-lib\'s resource policy that denies its deletion to the account root', () => {
    const { template } = rotation();
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      SecretId: { Ref: onlyId(template, 'AWS::SecretsManager::Secret', 'RotationSecret') },
      ResourcePolicy: {
        Statement: [{
          Action: 'secretsmanager:DeleteSecret', Effect: 'Deny', Resource: '*',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
        }],
        Version: '2012-10-17',
      },
    });
  });

  test('the hourly clean-up rule invokes the function with its action', () => {
    const { template } = rotation();
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Input: '{"action":"removeSupersededClientSecrets"}', RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
  });

  test('two rotations in one stack share one function and one clean-up rule; their grants add up', () => {
    const { stack, userPool, client } = setup();
    const other = userPool.addClient('Other', { generateSecret: true });
    new ClientSecretRotation(stack, 'A', { userPool, client, rotationSchedule: { automaticallyAfter: Duration.days(30) } });
    new ClientSecretRotation(stack, 'B', { userPool, client: other, rotationSchedule: { automaticallyAfter: Duration.days(60) } });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('CognitoSecretRotation'))).toHaveLength(1);
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 2);
    template.resourcePropertiesCountIs('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' }, 1);
  });

  test('without a schedule: no function, no schedule, and cdk-nag\'s SMG4 rule would flag the secret (hence its acknowledgement)', () => {
    const { stack, userPool, client } = setup();
    const unscheduled = new ClientSecretRotation(stack, 'Rotation', { userPool, client });
    expect(rules.secretsmanager.SecretsManagerRotationEnabled(unscheduled.secret.node.defaultChild as CfnResource)).toBe(NagRuleCompliance.NON_COMPLIANT);
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('CognitoSecretRotation'))).toEqual([]);
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    template.resourceCountIs('AWS::Events::Rule', 0);
  });

  test('the domain gives the token endpoint of the test step', () => {
    const { stack, userPool, client } = setup();
    const domain = new UserPoolDomain(stack, 'Domain', { userPool, cognitoDomain: { domainPrefix: 'my-app' } });
    new ClientSecretRotation(stack, 'Rotation', { userPool, client, rotationSchedule: { automaticallyAfter: Duration.days(30), domain } });
    const vars = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { Timeout: 120 } }))[0].Properties.Environment.Variables;
    expect(JSON.stringify(vars.CLIENT_SECRET_ROTATIONS)).toContain('\\"tokenEndpoint\\":\\"https://');
    expect(JSON.stringify(vars.CLIENT_SECRET_ROTATIONS)).toContain('.auth.us-east-1.amazoncognito.com/oauth2/token');
  });

  test.each([
    [{ automaticallyAfter: Duration.hours(3) }, Duration.hours(0), 'rotationSchedule.automaticallyAfter', '"3 hours"', 'a whole number of hours, from 4 hours to 1000 days'],
    [{ automaticallyAfter: Duration.days(1001) }, Duration.hours(0), 'rotationSchedule.automaticallyAfter', '"1001 days"', 'a whole number of hours, from 4 hours to 1000 days'],
    [{ automaticallyAfter: Duration.minutes(270) }, Duration.hours(0), 'rotationSchedule.automaticallyAfter', '"4 hours 30 minutes"', 'a whole number of hours, from 4 hours to 1000 days'],
    [{ automaticallyAfter: Duration.days(7) }, Duration.hours(145), 'overlap', '"6 days 1 hour"',
      'at most rotationSchedule.automaticallyAfter (7 days) minus Secrets Manager\'s rotation window (1 day), i.e. 144 hours: the previous secret must be removable when the next rotation comes'],
    [{ automaticallyAfter: Duration.hours(12) }, Duration.hours(12), 'overlap', '"12 hours"',
      'at most rotationSchedule.automaticallyAfter (12 hours) minus Secrets Manager\'s rotation window (1 hour), i.e. 11 hours: the previous secret must be removable when the next rotation comes'],
    [{ automaticallyAfter: Duration.days(30), tokenEndpoint: 'http://auth.example.com/oauth2/token' }, Duration.days(1), 'rotationSchedule.tokenEndpoint',
      '"http://auth.example.com/oauth2/token"', 'an https URL ending in /oauth2/token, e.g. https://auth.example.com/oauth2/token'],
  ])('refused at synth: %j with overlap %s', (schedule, overlap, property, value, allowed) => {
    const { stack, userPool, client } = setup();
    expect(() => new ClientSecretRotation(stack, 'Rotation', { userPool, client, overlap, rotationSchedule: schedule }))
      .toThrow(`[Stack/Rotation] ${property}: received ${value}; allowed: ${allowed}.`);
  });

  test.each([
    [Duration.days(7), Duration.hours(144)],
    [Duration.hours(4), Duration.hours(3)],
    [Duration.days(1000), Duration.days(365)],
  ])('the limits pass: every %s with an overlap of %s', (automaticallyAfter, overlap) => {
    const { stack, userPool, client } = setup();
    expect(() => new ClientSecretRotation(stack, 'Rotation', { userPool, client, overlap, rotationSchedule: { automaticallyAfter } })).not.toThrow();
  });

  test.each([
    [{ automaticallyAfter: 30 }, 'rotationSchedule.automaticallyAfter', '30', 'a Duration, e.g. Duration.days(30)'],
    [{}, 'rotationSchedule.automaticallyAfter', 'undefined', 'a Duration, e.g. Duration.days(30)'],
    ['monthly', 'rotationSchedule', '"monthly"', 'an object with automaticallyAfter (a Duration)'],
  ])('from plain JavaScript, a malformed rotationSchedule %j is refused at synth', (schedule, property, value, allowed) => {
    const { stack, userPool, client } = setup();
    expect(() => new ClientSecretRotation(stack, 'Rotation', { userPool, client, rotationSchedule: schedule as any }))
      .toThrow(`[Stack/Rotation] ${property}: received ${value}; allowed: ${allowed}.`);
  });

  test('cdk-nag\'s AwsSolutions pack finds nothing in a stack that schedules a rotation and syncs an identity provider', () => {
    const findings = awsSolutionsFindingsOf((app) => {
      const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
      const userPool = new UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS });
      const client = userPool.addClient('Backend', { generateSecret: true });
      new ClientSecretRotation(stack, 'Rotation', { userPool, client, rotationSchedule: { automaticallyAfter: Duration.days(30) } });
      new UserPoolIdentityProviderOidc(stack, 'Partner', {
        userPool, name: 'Partner', clientId: 'cognito-federation', issuerUrl: 'https://login.partner.example.net',
        clientSecretValue: SecretValue.secretsManager('federation/partner-oidc', { jsonField: 'clientSecret' }), syncSecretOnRotation: true,
      });
    });
    expect(findings).toEqual([]);
  });

  test('a token request for a client without the client-credentials grant is refused at synth', () => {
    const { stack, userPool } = setup();
    const web = userPool.addClient('Web', { generateSecret: true, oAuth: { callbackUrls: ['https://app.example.com/cb'] } });
    expect(() => new ClientSecretRotation(stack, 'Rotation', {
      userPool, client: web, rotationSchedule: { automaticallyAfter: Duration.days(30), tokenEndpoint: 'https://auth.example.com/oauth2/token' },
    })).toThrow('[Stack/Rotation] rotationSchedule.tokenEndpoint: received "https://auth.example.com/oauth2/token"; allowed: a token request only for a client '
      + 'that allows the client-credentials grant (Stack/Pool/Web allows ["code"]).');
  });
});

describe('syncSecretOnRotation', () => {
  test('OIDC with a named secret and a JSON key: a rule on the secret\'s change events, the target in the environment, least privilege', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const userPool = new UserPool(stack, 'Pool');
    new UserPoolIdentityProviderOidc(stack, 'Partner', {
      userPool, name: 'Partner', clientId: 'cognito-federation', issuerUrl: 'https://login.partner.example.net',
      clientSecretValue: SecretValue.secretsManager('federation/partner-oidc', { jsonField: 'clientSecret' }),
      syncSecretOnRotation: true,
    });
    const template = Template.fromStack(stack);
    const func = onlyId(template, 'AWS::Lambda::Function', 'CognitoSecretRotationFunction');
    const rule = onlyId(template, 'AWS::Events::Rule', 'CognitoSecretRotationSecretSyncStackPartner');
    expect(template.toJSON().Resources[rule].Properties).toEqual({
      Description: 'Pushes a changed Secrets Manager secret to a Cognito identity provider (cdk-cognito-userpools)',
      EventPattern: {
        'source': ['aws.secretsmanager'],
        'detail-type': ['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail'],
        'detail': {
          eventSource: ['secretsmanager.amazonaws.com'],
          eventName: ['PutSecretValue', 'UpdateSecret', 'UpdateSecretVersionStage', 'RotationSucceeded'],
          $or: [
            { responseElements: { arn: [{ wildcard: 'arn:*:secretsmanager:*:*:secret:federation/partner-oidc-*' }] } },
            { responseElements: { aRN: [{ wildcard: 'arn:*:secretsmanager:*:*:secret:federation/partner-oidc-*' }] } },
            { additionalEventData: { SecretId: [{ wildcard: 'arn:*:secretsmanager:*:*:secret:federation/partner-oidc-*' }] } },
          ],
        },
      },
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': [func, 'Arn'] }, Id: 'Target0', RetryPolicy: { MaximumRetryAttempts: 2 } }],
    });
    const idp = onlyId(template, 'AWS::Cognito::UserPoolIdentityProvider', 'Partner');
    const pool = onlyId(template, 'AWS::Cognito::UserPool', 'Pool');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          IDP_SECRET_SYNCS: {
            'Fn::Join': ['', ['[{"userPoolId":"', { Ref: pool }, '","providerName":"', { Ref: idp },
              '","detailKey":"client_secret","secretId":"federation/partner-oidc","jsonField":"clientSecret"}]']],
          },
        },
      },
    });
    const policy = onlyId(template, 'AWS::IAM::Policy', 'CognitoSecretRotationPermissions');
    expect(template.toJSON().Resources[policy].Properties.PolicyDocument.Statement).toEqual([
      {
        Action: 'secretsmanager:GetSecretValue', Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:111111111111:secret:federation/partner-oidc-??????']] },
      },
      { Action: ['cognito-idp:DescribeIdentityProvider', 'cognito-idp:UpdateIdentityProvider'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [pool, 'Arn'] } },
    ]);
    // Syncing alone: no clean-up rule, no rotation variable.
    template.resourcePropertiesCountIs('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' }, 0);
  });

  test('Apple with a secret of the app: the private key follows the secret\'s full ARN', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const userPool = new UserPool(stack, 'Pool');
    const key = new secretsmanager.Secret(stack, 'AppleKey');
    new UserPoolIdentityProviderApple(stack, 'Apple', {
      userPool, clientId: 'com.example.signin', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKeyValue: key.secretValue, syncSecretOnRotation: true,
    });
    const template = Template.fromStack(stack);
    const keyId = onlyId(template, 'AWS::SecretsManager::Secret', 'AppleKey');
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { detail: { $or: [{ responseElements: { arn: [{ Ref: keyId }] } }, { responseElements: { aRN: [{ Ref: keyId }] } }, { additionalEventData: { SecretId: [{ Ref: keyId }] } }] } },
    });
    const vars = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Timeout: 120 } }))[0].Properties.Environment.Variables;
    expect(vars.IDP_SECRET_SYNCS).toEqual({
      'Fn::Join': ['', ['[{"userPoolId":"', { Ref: onlyId(template, 'AWS::Cognito::UserPool', 'Pool') }, '","providerName":"',
        { Ref: onlyId(template, 'AWS::Cognito::UserPoolIdentityProvider', 'Apple') }, '","detailKey":"private_key","secretId":"', { Ref: keyId }, '"}]']],
    });
  });

  test('a client that depends on the provider and has a scheduled rotation: no dependency cycle', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const userPool = new UserPool(stack, 'Pool');
    const idp = new UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool, clientId: 'id.apps.googleusercontent.com', clientSecretValue: SecretValue.secretsManager('google'), syncSecretOnRotation: true,
    });
    const client = userPool.addClient('Web', { generateSecret: true, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE] });
    client.node.addDependency(idp);
    new ClientSecretRotation(stack, 'Rotation', { userPool, client, rotationSchedule: { automaticallyAfter: Duration.days(30) } });
    const resources = Template.fromStack(stack).toJSON().Resources as { [id: string]: any };
    const refs = (v: unknown): string[] => typeof v !== 'object' || v === null ? []
      : Object.entries(v).flatMap(([k, x]) => k === 'Ref' && typeof x === 'string' ? [x] : k === 'Fn::GetAtt' ? [(x as string[])[0]] : refs(x));
    const deps = (id: string) => new Set([...refs(resources[id].Properties), ...[].concat(resources[id].DependsOn ?? [])].filter((d) => d in resources));
    // Depth-first search for a cycle over references and DependsOn.
    const state: { [id: string]: 'open' | 'done' } = {};
    const cycleFrom = (id: string): boolean => {
      if (state[id] === 'done') return false;
      if (state[id] === 'open') return true;
      state[id] = 'open';
      for (const d of deps(id)) if (cycleFrom(d)) return true;
      state[id] = 'done';
      return false;
    };
    expect(Object.keys(resources).filter(cycleFrom)).toEqual([]);
  });

  test('a plain-text secret cannot be followed: refused at synth', () => {
    const stack = new Stack(new App(), 'Stack');
    const userPool = new UserPool(stack, 'Pool');
    expect(() => new UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool, clientId: 'id.apps.googleusercontent.com', clientSecret: 'plain-text-secret', syncSecretOnRotation: true,
    })).toThrow('[Stack/Google] syncSecretOnRotation: received true; allowed: only with clientSecretValue from Secrets Manager '
      + '(e.g. SecretValue.secretsManager(\'my-secret\') or secret.secretValueFromJson(\'key\')): a plain-text or parameter secret has no Secrets Manager secret to follow.');
  });

  test('not set: no function, no rule', () => {
    const stack = new Stack(new App(), 'Stack');
    const userPool = new UserPool(stack, 'Pool');
    new UserPoolIdentityProviderGoogle(stack, 'Google', { userPool, clientId: 'id.apps.googleusercontent.com', clientSecretValue: SecretValue.secretsManager('google') });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Events::Rule', 0);
    expect(Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('CognitoSecretRotation'))).toEqual([]);
  });
});
