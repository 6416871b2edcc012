import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addFederation } from '../examples/federation';
import { addFullFederationAndGroups } from '../examples/full/federation-groups';
import { UserPool } from '../lib';

/** Every property path of each resource type, as the CloudFormation resource docs list them. */
const PROPERTY_PATHS: { [type: string]: string[] } = {
  'AWS::Cognito::UserPoolIdentityProvider': ['AttributeMapping', 'IdpIdentifiers', 'ProviderDetails', 'ProviderName', 'ProviderType', 'UserPoolId'],
  'AWS::Cognito::UserPoolGroup': ['Description', 'GroupName', 'Precedence', 'RoleArn', 'UserPoolId'],
  'AWS::Cognito::UserPoolResourceServer': ['Identifier', 'Name', 'Scopes', 'Scopes.ScopeDescription', 'Scopes.ScopeName', 'UserPoolId'],
};

/** The property paths set on any resource of the type (list items flattened). */
function pathsSet(template: Template, type: string): Set<string> {
  const paths = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    paths.add(prefix);
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item && typeof item === 'object' && !Array.isArray(item) && !Object.keys(item).some((k) => k.startsWith('Fn::') || k === 'Ref')) {
        if (['AttributeMapping', 'ProviderDetails'].includes(prefix)) continue; // free-form maps
        for (const [k, v] of Object.entries(item)) walk(v, `${prefix}.${k}`);
      }
    }
  };
  for (const resource of Object.values(template.findResources(type))) {
    for (const [k, v] of Object.entries((resource as any).Properties ?? {})) walk(v, k);
  }
  return paths;
}

describe('examples', () => {
  test('the full federation and groups example sets every property path of the three resource types', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Full', { env: { account: '123456789012', region: 'us-east-1' } });
    // WHEN
    addFullFederationAndGroups(stack, new UserPool(stack, 'Pool'));
    // THEN
    const template = Template.fromStack(stack);
    for (const [type, expected] of Object.entries(PROPERTY_PATHS)) {
      expect([...pathsSet(template, type)].sort()).toEqual(expect.arrayContaining(expected));
    }
    template.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 7);
  });

  test('the federation example: one client supports the SAML and the OIDC provider; no secret in the template', () => {
    // WHEN
    const stack = addFederation(new App());
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      SupportedIdentityProviders: [{ Ref: 'CorporateSaml38DFC487' }, { Ref: 'PartnerOidcF3666600' }],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderType: 'OIDC',
      ProviderDetails: { client_secret: '{{resolve:secretsmanager:federation/partner-oidc:SecretString:clientSecret::}}' },
    });
    // The OIDC secret is followed after deployment: a rule on the secret's change events invokes the stack's secret-rotation function.
    const [rotationFunction] = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('CognitoSecretRotationFunction'));
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.secretsmanager'] }),
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [rotationFunction, 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ IDP_SECRET_SYNCS: Match.anyValue() }) },
    });
  });
});
