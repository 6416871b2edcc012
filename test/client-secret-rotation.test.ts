/**
 * ClientSecretRotation construct: what it declares and exactly what its handler may do with
 * the Secrets Manager secret.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ClientSecretRotation, UserPool } from '../lib';

function synth() {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const userPool = new UserPool(stack, 'Pool');
  const client = userPool.addClient('Backend', { generateSecret: true });
  new ClientSecretRotation(stack, 'Rotation', { userPool, client, generation: 3, overlap: Duration.days(2) });
  return Template.fromStack(stack);
}

function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('ClientSecretRotation permissions', () => {
  test('the handler may read and put versions of the rotation\'s secret, nothing more (no grantWrite)', () => {
    const template = synth();
    const secret = logicalId(template, 'AWS::SecretsManager::Secret', 'RotationSecret');
    const policies = template.findResources('AWS::IAM::Policy');
    const secretStatements = Object.entries(policies).flatMap(([id, p]: [string, any]) => p.Properties.PolicyDocument.Statement
      .filter((s: any) => [].concat(s.Action).some((a: string) => a.startsWith('secretsmanager:')))
      .map((s: any) => ({ policy: id.replace(/[0-9A-F]{8}$/, ''), ...s })))
      .sort((a, b) => a.Action.localeCompare(b.Action));
    expect(secretStatements).toEqual([
      { policy: 'CognitoUserPoolsProviderCognitoPermissions', Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: { Ref: secret } },
      { policy: 'CognitoUserPoolsProviderHandlerRoleDefaultPolicy', Action: 'secretsmanager:PutSecretValue', Effect: 'Allow', Resource: { Ref: secret } },
    ]);
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });

  test('the handler runs only once both policies are attached', () => {
    const template = synth();
    const permissions = logicalId(template, 'AWS::IAM::Policy', 'CognitoUserPoolsProviderCognitoPermissions');
    const defaultPolicy = logicalId(template, 'AWS::IAM::Policy', 'CognitoUserPoolsProviderHandlerRoleDefaultPolicy');
    const handler = logicalId(template, 'AWS::Lambda::Function', 'CognitoUserPoolsProviderHandler');
    template.hasResource('Custom::CognitoClientSecretRotation', { DependsOn: Match.arrayWith([permissions]) });
    template.hasResource('AWS::Lambda::Function', { DependsOn: Match.arrayWith([defaultPolicy]) });
    expect(Object.keys(template.findResources('AWS::Lambda::Function', { DependsOn: Match.arrayWith([defaultPolicy]) }))).toEqual([handler]);
  });
});
