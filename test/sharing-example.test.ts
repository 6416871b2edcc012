// The shared-pool example: the team stacks read the platform's pool from SSM parameters at
// deploy time, so they hold no Fn::ImportValue and no reference to the platform stack, and each
// synthesizes (and deploys) on its own.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addSharedPool, PLATFORM_ACCOUNT, SHARED_POOL_PREFIX } from '../examples/shared-pool';

function exampleApp(): App {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'cdk.json'), 'utf8'));
  return new App({ context: cdkJson.context });
}

/** Every `Ref`, `Fn::GetAtt` target and `Fn::ImportValue` anywhere in a template. */
function references(value: unknown, found: { refs: Set<string>; imports: number }): void {
  if (Array.isArray(value)) { value.forEach((v) => references(v, found)); return; }
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'Ref' && typeof v === 'string') found.refs.add(v);
    else if (key === 'Fn::GetAtt' && Array.isArray(v)) found.refs.add(String(v[0]));
    else if (key === 'Fn::ImportValue') found.imports++;
    references(v, found);
  }
}

describe('examples/shared-pool', () => {
  const app = exampleApp();
  const stacks = addSharedPool(app);
  const assembly = app.synth();
  const teams: Array<[string, Stack]> = [
    ['SharedPoolTeamA', stacks.teamA], ['SharedPoolTeamBPoolResources', stacks.teamBPoolResources], ['SharedPoolTeamBApi', stacks.teamBApi],
  ];

  test.each(teams)('%s holds no Fn::ImportValue, no reference to the platform stack, and depends on no stack', (name, stack) => {
    // GIVEN the team stack's template
    const template = assembly.getStackByName(name).template;
    const own = new Set([...Object.keys(template.Resources), ...Object.keys(template.Parameters ?? {})]);
    // WHEN its references are collected
    const found = { refs: new Set<string>(), imports: 0 };
    references(template, found);
    // THEN every reference is to the stack's own resources and parameters (or a pseudo parameter):
    // nothing of the platform stack, whose template shares only the provider's logical ids.
    expect(found.imports).toBe(0);
    expect([...found.refs].filter((ref) => !own.has(ref) && !ref.startsWith('AWS::'))).toEqual([]);
    expect(stack.dependencies).toEqual([]);
    expect(assembly.getStackByName(name).dependencies.map((d) => d.id)).toEqual([`${name}.assets`]);
  });

  test('the platform publishes the pool, the domain, the back-office client (secret by ARN) and the orders server, shared with team B\'s account', () => {
    const template = Template.fromStack(stacks.platform);
    const names = Object.values(template.findResources('AWS::SSM::Parameter')).map((r) => r.Properties.Name).sort();
    expect(names).toEqual([
      'clients/back-office/id', 'clients/back-office/secret-arn', 'domain/base-url', 'domain/name',
      'resource-servers/orders/identifier', 'resource-servers/orders/scopes',
      'user-pool/arn', 'user-pool/id', 'user-pool/provider-name', 'user-pool/provider-url',
    ].map((n) => `${SHARED_POOL_PREFIX}/${n}`));
    template.hasResourceProperties('AWS::RAM::ResourceShare', { Principals: ['222222222222'], AllowExternalPrincipals: false });
  });

  test('team A reads the pool by name and adds a resource server and a client with its own and the platform\'s scopes', () => {
    const template = Template.fromStack(stacks.teamA);
    template.hasParameter('*', { Type: 'AWS::SSM::Parameter::Value<String>', Default: `${SHARED_POOL_PREFIX}/user-pool/id` });
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'team-a-catalog' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://team-a.example.com/callback'],
      AllowedOAuthScopes: ['openid', { 'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('^SharedPoolCatalog') }, '/read']] }, { 'Fn::Join': ['', [{ Ref: 'SsmParameterValueplatformauthmainresourceserversordersidentifierC96584B6F00A464EAD1953AFF4B05118Parameter' }, '/read']] }],
    });
  });

  test('team B\'s API, in its own account, reads the pool by the parameters\' ARNs', () => {
    const template = Template.fromStack(stacks.teamBApi);
    const arn = `arn:aws:ssm:eu-west-1:${PLATFORM_ACCOUNT}:parameter${SHARED_POOL_PREFIX}/user-pool/arn`;
    template.hasParameter('*', { Type: 'AWS::SSM::Parameter::Value<String>', Default: arn });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', ProviderARNs: [{ Ref: `SharedSsmParameter${arn.replace(/[^A-Za-z0-9]/g, '')}` }] });
    expect(stacks.teamBApi.account).toBe('222222222222');
  });

  test('team B\'s pool resources, in the platform account, add a resource server and a client', () => {
    const template = Template.fromStack(stacks.teamBPoolResources);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'team-b-reports' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: ['com.example.teamb://callback'] });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: { Ref: 'SsmParameterValueplatformauthmainuserpoolidC96584B6F00A464EAD1953AFF4B05118Parameter' },
      ClientId: { Ref: Match.stringLikeRegexp('^SharedPoolMobile') },
      UseCognitoProvidedValues: true,
    });
  });

  test.each([
    ['teamA', 'PostConfirmation', 'WelcomeUser'],
    ['teamBPoolResources', 'PreTokenGeneration', 'AddTeamClaims'],
  ] as const)('%s adds its own %s trigger to the shared pool, read from the shared pool id', (team, slot, fn) => {
    const template = Template.fromStack(stacks[team]);
    const [functionId] = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler', Code: { ZipFile: Match.anyValue() } } }))
      .filter((id) => id.startsWith(fn));
    template.hasResourceProperties('Custom::CognitoUserPoolTriggers', {
      UserPoolId: { Ref: 'SsmParameterValueplatformauthmainuserpoolidC96584B6F00A464EAD1953AFF4B05118Parameter' },
      Triggers: { [slot]: { LambdaArn: { 'Fn::GetAtt': [functionId, 'Arn'] } } },
      ReplaceExisting: false,
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { Ref: 'SsmParameterValueplatformauthmainuserpoolarnC96584B6F00A464EAD1953AFF4B05118Parameter' },
    });
  });

  test('team A\'s frontend configuration holds the shared pool\'s id, its own client, the shared domain\'s host and every scope, resolved at deploy', () => {
    const template = Template.fromStack(stacks.teamA);
    const json = {
      'Fn::Join': ['', [
        '{"version":"1.4","auth":{"aws_region":"eu-west-1","user_pool_id":"',
        { Ref: 'SsmParameterValueplatformauthmainuserpoolidC96584B6F00A464EAD1953AFF4B05118Parameter' },
        '","user_pool_client_id":"',
        { Ref: Match.stringLikeRegexp('^SharedPoolWeb') },
        '","oauth":{"identity_providers":[],"domain":"',
        { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'SsmParameterValueplatformauthmaindomainbaseurlC96584B6F00A464EAD1953AFF4B05118Parameter' }] }] },
        '","scopes":["openid","',
        { Ref: Match.stringLikeRegexp('^SharedPoolCatalog') },
        '/read","',
        { Ref: 'SsmParameterValueplatformauthmainresourceserversordersidentifierC96584B6F00A464EAD1953AFF4B05118Parameter' },
        '/read"],"redirect_sign_in_uri":["https://team-a.example.com/callback"],"redirect_sign_out_uri":["https://team-a.example.com/signed-out"],"response_type":"code"}}}',
      ]],
    };
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/team-a/web/amplify_outputs', Value: json });
    template.hasOutput('WebFrontend', { Value: json });
  });
});
