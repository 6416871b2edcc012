import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { CognitoProvider } from '../lib/private/provider';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

describe('CognitoProvider', () => {
  test('one provider per stack: two functions however many custom resources', () => {
    // GIVEN
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    // WHEN
    for (let i = 0; i < 5; i++) {
      const provider = CognitoProvider.of(pool);
      provider.createResource(stack, `Thing${i}`, { resourceType: 'Custom::CognitoThing', properties: { UserPoolId: pool.userPoolId, Index: i } });
      provider.grantCognito(pool, ['AdminCreateUser']);
    }
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.resourceCountIs('Custom::CognitoThing', 5);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: Match.stringLikeRegexp('^nodejs(2[0-9])\\.x$'),
      Timeout: 840,
    });
  });

  test('the handler role gets exactly the granted actions on the pool ARN, one statement per pool', () => {
    // GIVEN
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const provider = CognitoProvider.of(stack);
    // WHEN
    provider.grantCognito(pool, ['AdminCreateUser', 'AdminDeleteUser']);
    provider.grantCognito(pool, ['AdminDeleteUser', 'AdminAddUserToGroup']);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('HandlerRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminAddUserToGroup'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'Arn'] },
        }]),
      },
    });
  });

  test('secret read is granted on the referenced secret only, GetSecretValue only', () => {
    // GIVEN
    const stack = newStack();
    const imported = secretsmanager.Secret.fromSecretNameV2(stack, 'Imported', 'admins/password');
    // WHEN
    CognitoProvider.of(stack).grantSecretRead(imported);
    CognitoProvider.of(stack).grantSecretRead(imported);
    // THEN
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('HandlerRole') }] },
    });
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const secretStatements = statements.filter((s: any) => JSON.stringify(s.Action).includes('secretsmanager'));
    expect(secretStatements).toEqual([{
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:111111111111:secret:admins/password-??????']] },
    }]);
  });

  test('no managed policy and no wildcard action on the handler role', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    CognitoProvider.of(stack).grantCognito(pool, ['AdminCreateUser']);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: Match.stringLikeRegexp('cdk-cognito-userpools'),
      ManagedPolicyArns: Match.absent(),
    });
    const text = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(text).not.toMatch(/"cognito-idp:\*"|"\*"/);
  });

  test('the Cognito and Secrets Manager grants are a policy of their own, which the resources wait for and the function does not', () => {
    // GIVEN
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const provider = CognitoProvider.of(stack);
    // WHEN a resource is declared before the grants and another after them
    provider.createResource(stack, 'Early', { resourceType: 'Custom::CognitoThing', properties: {} });
    provider.grantCognito(pool, ['AdminCreateUser']);
    provider.grantSecretRead(secret);
    provider.createResource(stack, 'Late', { resourceType: 'Custom::CognitoThing', properties: {} });
    // THEN
    const template = Template.fromStack(stack);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^CognitoUserPoolsProviderCognitoPermissions') } });
    const [permissionsId] = Object.keys(policies);
    expect(Object.keys(policies)).toHaveLength(1);
    expect(policies[permissionsId].Properties).toEqual({
      PolicyName: expect.any(String),
      Roles: [{ Ref: expect.stringMatching(/^CognitoUserPoolsProviderHandlerRole/) }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'cognito-idp:AdminCreateUser', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Pool/), 'Arn'] } },
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: expect.stringMatching(/^Secret/) } },
        ],
      },
    });
    const things = template.findResources('Custom::CognitoThing');
    expect(Object.values(things).map((r: any) => r.DependsOn)).toEqual([[permissionsId], [permissionsId]]);
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } }));
    expect(fn.DependsOn).not.toContain(permissionsId);
    // The role's default policy keeps only the log-group write: nothing that names the pool
    const defaults = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^CognitoUserPoolsProviderHandlerRoleDefaultPolicy') } });
    expect(JSON.stringify(defaults)).not.toMatch(/cognito-idp|secretsmanager|"Pool/);
  });

  test('a secret encrypted with a customer key: decrypt on that key, in the permissions policy', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    CognitoProvider.of(stack).grantSecretRead(new secretsmanager.Secret(stack, 'Secret', { encryptionKey: key }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^CognitoUserPoolsProviderCognitoPermissions'),
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } }]) },
    });
  });

  test('without grants there is no permissions policy (an empty one fails synth), and no resource depends on one', () => {
    // GIVEN a stack whose only resource needs no permission
    const stack = newStack();
    // WHEN
    CognitoProvider.of(stack).createResource(stack, 'Guardish', { resourceType: 'Custom::CognitoThing', properties: {}, needsPermissions: false });
    CognitoProvider.of(stack).createResource(stack, 'Plain', { resourceType: 'Custom::CognitoThing', properties: {} });
    // THEN
    const template = Template.fromStack(stack);
    expect(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('CognitoPermissions') } })).toEqual({});
    template.allResources('Custom::CognitoThing', { DependsOn: Match.absent() });
    template.resourceCountIs('AWS::Lambda::Function', 2);
  });

  test('a resource that needs no permission does not wait for the permissions policy', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const provider = CognitoProvider.of(stack);
    provider.grantCognito(pool, ['AdminCreateUser']);
    provider.createResource(stack, 'Free', { resourceType: 'Custom::CognitoFree', properties: {}, needsPermissions: false });
    Template.fromStack(stack).hasResource('Custom::CognitoFree', { DependsOn: Match.absent() });
  });

  test('custom resources default to DESTROY and honour RETAIN', () => {
    const stack = newStack();
    const provider = CognitoProvider.of(stack);
    provider.createResource(stack, 'Kept', { resourceType: 'Custom::CognitoThing', properties: {}, removalPolicy: RemovalPolicy.RETAIN });
    provider.createResource(stack, 'Gone', { resourceType: 'Custom::CognitoThing', properties: {} });
    const template = Template.fromStack(stack);
    template.hasResource('Custom::CognitoThing', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('Custom::CognitoThing', { DeletionPolicy: 'Delete' });
  });
});
