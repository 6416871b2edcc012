import { App, Aws, ContextProvider, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as actions from 'aws-cdk-lib/aws-elasticloadbalancingv2-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { ResourceServerScope, UserPool, UserPoolClient, UserPoolShare } from '../lib';

const PLATFORM = '111111111111';
const TEAM = '222222222222';
const REGION = 'eu-west-1';
const PREFIX = '/platform/auth';

/** A platform stack with a pool, a domain, a confidential client (secret exported) and a resource server. */
function platform(app = new App()) {
  const stack = new Stack(app, 'Platform', { env: { account: PLATFORM, region: REGION } });
  const pool = new UserPool(stack, 'Pool');
  const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'acme-login' } });
  const key = new kms.Key(stack, 'SecretKey');
  const web = new UserPoolClient(stack, 'Web', {
    userPool: pool, generateSecret: true, exportSecret: { domain, encryptionKey: key },
  });
  const orders = pool.addResourceServer('Orders', {
    identifier: 'orders',
    scopes: [
      new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' }),
      new ResourceServerScope({ scopeName: 'write', scopeDescription: 'Change orders' }),
    ],
  });
  return { app, stack, pool, domain, key, web, orders };
}

/** The ARN the platform stack renders for one of its parameters. */
function parameterArn(parameterLogicalIdPrefix: string) {
  return {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ssm:${REGION}:${PLATFORM}:parameter`, { Ref: Match.stringLikeRegexp(`^${parameterLogicalIdPrefix}`) }]],
  };
}

function message(path: string, property: string, received: string, allowed: string): string {
  return `[${path}] ${property}: received ${received}; allowed: ${allowed}.`;
}

describe('UserPoolShare (publishing)', () => {
  test('writes the pool id, ARN, provider name and URL as standard parameters, with no resource share', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Platform', { env: { account: PLATFORM, region: REGION } });
    const pool = new UserPool(stack, 'Pool', { immutableSettingsGuard: false });
    // WHEN
    pool.share('Share', { parameterPrefix: PREFIX });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/platform/auth/user-pool/id', Type: 'String', Tier: 'Standard',
      Value: { Ref: Match.stringLikeRegexp('^Pool') }, Description: 'The user pool id',
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/platform/auth/user-pool/arn', Tier: 'Standard', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/platform/auth/user-pool/provider-name', Tier: 'Standard', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'ProviderName'] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/platform/auth/user-pool/provider-url', Tier: 'Standard', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pool'), 'ProviderURL'] },
    });
    expect(Object.values(template.findResources('AWS::SSM::Parameter')).map((r) => r.Properties.Name).sort()).toEqual([
      '/platform/auth/user-pool/arn', '/platform/auth/user-pool/id', '/platform/auth/user-pool/provider-name', '/platform/auth/user-pool/provider-url',
    ]);
    template.resourceCountIs('AWS::RAM::ResourceShare', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('writes the domain name and base URL, client ids and secret ARNs, resource server identifiers and scopes; never a secret value', () => {
    // GIVEN
    const { stack, pool, domain, web, orders } = platform();
    // WHEN
    const share = pool.share('Share', {
      parameterPrefix: PREFIX, domain,
      clients: [{ name: 'web', client: web, secret: web.exportedSecret }],
      resourceServers: [{ name: 'orders', resourceServer: orders }],
    });
    share.addClient({ name: 'spa', client: pool.addClient('Spa') });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/platform/auth/domain/name', Value: { Ref: Match.stringLikeRegexp('^PoolDomain') } });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/platform/auth/domain/base-url',
      Value: { 'Fn::Join': ['', ['https://', { Ref: Match.stringLikeRegexp('^PoolDomain') }, `.auth.${REGION}.amazoncognito.com`]] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/platform/auth/clients/web/id', Value: { Ref: Match.stringLikeRegexp('^Web') } });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/platform/auth/clients/web/secret-arn', Value: { Ref: Match.stringLikeRegexp('^WebExportedSecret') } });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/platform/auth/clients/spa/id', Value: { Ref: Match.stringLikeRegexp('^PoolSpa') } });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/platform/auth/resource-servers/orders/identifier', Value: { Ref: Match.stringLikeRegexp('^PoolOrders') } });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/platform/auth/resource-servers/orders/scopes', Value: 'read,write' });
    expect(JSON.stringify(template.findResources('AWS::SSM::Parameter'))).not.toContain('ClientSecret');
    expect(stack.resolve(share.parameter('clients/web/id').parameterName)).toEqual({ Ref: stack.getLogicalId(share.node.findChild('clients.web.id').node.defaultChild as ssm.CfnParameter) });
    expect(share.parameterName('clients/web/id')).toBe('/platform/auth/clients/web/id');
    expect(() => share.parameter('clients/none/id')).toThrow(message('Platform/Pool/Share', 'parameter', '"clients/none/id"',
      'one of user-pool/id, user-pool/arn, user-pool/provider-name, user-pool/provider-url, domain/name, domain/base-url, clients/web/id, clients/web/secret-arn, resource-servers/orders/identifier, resource-servers/orders/scopes, clients/spa/id'));
  });

  test('a resource server without scopes publishes "-" as its scope list', () => {
    const { stack, pool } = platform();
    const bare = pool.addResourceServer('Bare', { identifier: 'bare' });
    pool.share('Share', { parameterPrefix: PREFIX, resourceServers: [{ name: 'bare', resourceServer: bare }] });
    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', { Name: '/platform/auth/resource-servers/bare/scopes', Value: '-' });
  });

  test('shareWith: advanced parameters in a RAM resource share naming the accounts, and the secret readable by them', () => {
    // GIVEN
    const { stack, pool, web } = platform();
    // WHEN
    pool.share('Share', {
      parameterPrefix: PREFIX, clients: [{ name: 'web', client: web, secret: web.exportedSecret }], shareWith: [TEAM],
    });
    // THEN
    const template = Template.fromStack(stack);
    expect(Object.values(template.findResources('AWS::SSM::Parameter')).map((r) => r.Properties.Tier)).toEqual(Array(6).fill('Advanced'));
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      Name: 'user-pool-share-platform-auth',
      AllowExternalPrincipals: false,
      Principals: [TEAM],
      ResourceArns: [
        parameterArn('PoolShareuserpoolid'), parameterArn('PoolShareuserpoolarn'), parameterArn('PoolShareuserpoolprovidername'),
        parameterArn('PoolShareuserpoolproviderurl'), parameterArn('PoolShareclientswebid'), parameterArn('PoolShareclientswebsecretarn'),
      ],
    });
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      SecretId: { Ref: Match.stringLikeRegexp('^WebExportedSecret') },
      ResourcePolicy: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: '*',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${TEAM}:root`]] } },
        }],
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${TEAM}:root`]] } },
          Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', [`secretsmanager.${REGION}.`, { Ref: 'AWS::URLSuffix' }]] } } },
        }]),
      },
    });
  });

  test('grantRead adds an account later, once; a secret shared after the grant is readable by it; external principals on request', () => {
    const { stack, pool, web } = platform();
    const share = pool.share('Share', { parameterPrefix: PREFIX, tier: ssm.ParameterTier.ADVANCED, allowExternalPrincipals: true });
    share.grantRead(TEAM);
    share.grantRead(TEAM);
    share.grantRead('333333333333');
    share.addClient({ name: 'web', client: web, secret: web.exportedSecret });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::RAM::ResourceShare', { AllowExternalPrincipals: true, Principals: [TEAM, '333333333333'] });
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: {
        Statement: [
          Match.objectLike({ Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${TEAM}:root`]] } } }),
          Match.objectLike({ Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::333333333333:root']] } } }),
        ],
      },
    });
  });

  test('new UserPoolShare takes any IUserPool; its provider URL is built from the provider name', () => {
    const stack = new Stack(new App(), 'S');
    const imported = UserPool.fromUserPoolId(stack, 'Imported', 'eu-west-1_abc123');
    new UserPoolShare(stack, 'Share', { userPool: imported, parameterPrefix: '/imported' });
    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/imported/user-pool/provider-url',
      Value: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/eu-west-1_abc123']] },
    });
  });

  const twelveLevels = '/' + Array.from({ length: 12 }, (_, i) => `l${i}`).join('/');
  test('a prefix of 12 levels passes (Systems Manager allows 15; the shared names add 3)', () => {
    const { stack, pool } = platform();
    pool.share('Share', { parameterPrefix: twelveLevels });
    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', { Name: `${twelveLevels}/user-pool/id` });
  });

  const ALLOWED_PATH = 'a parameter path such as /platform/auth/main: starting with /, levels of a-zA-Z0-9_.- separated by single /, no trailing /';
  test.each([
    ['platform/auth', ALLOWED_PATH],
    ['/platform/auth/', ALLOWED_PATH],
    ['/platform//auth', ALLOWED_PATH],
    ['/platform/au th', ALLOWED_PATH],
    ['/', ALLOWED_PATH],
    ['/aws/auth', 'a path whose first level does not start with "aws" or "ssm" (reserved by Systems Manager)'],
    ['/SSMconfig/auth', 'a path whose first level does not start with "aws" or "ssm" (reserved by Systems Manager)'],
    [`${twelveLevels}/l12`, 'at most 12 levels (Systems Manager allows 15, and the shared names add 3); got 13'],
  ])('refuses the prefix %j', (prefix, allowed) => {
    const { pool } = platform();
    expect(() => pool.share('Share', { parameterPrefix: prefix })).toThrow(message('Platform/Pool/Share', 'parameterPrefix', JSON.stringify(prefix), allowed));
  });

  test('the longest parameter ARN may be 1011 characters; one more is refused', () => {
    const head = `arn:aws:ssm:${REGION}:123456789012:parameter`;
    const room = 1011 - head.length - PREFIX.length - '/resource-servers//identifier'.length;
    const { pool, orders } = platform();
    const share = pool.share('Share', { parameterPrefix: PREFIX });
    share.addResourceServer({ name: 'o'.repeat(room), resourceServer: orders });
    const longer = 'p'.repeat(room + 1);
    expect(() => share.addResourceServer({ name: longer, resourceServer: orders })).toThrow(message('Platform/Pool/Share', 'resourceServers.name', JSON.stringify(longer),
      `a name whose longest parameter ARN (${head}${PREFIX}/resource-servers/${longer}/identifier) is at most 1011 characters; it would be 1012`));
  });

  test('refuses bad names, a name shared twice, and a client, server or domain of another pool', () => {
    const { stack, pool, web, orders } = platform();
    const share = pool.share('Share', { parameterPrefix: PREFIX });
    const path = 'Platform/Pool/Share';
    expect(() => share.addClient({ name: 'web/app', client: web })).toThrow(message(path, 'clients.name', '"web/app"', 'letters, digits and _ . - only (one level of the parameter path)'));
    share.addClient({ name: 'web', client: web });
    expect(() => share.addClient({ name: 'web', client: web })).toThrow(message(path, 'clients.name', '"web"', 'a name not already shared by this share'));
    const other = new UserPool(stack, 'Other');
    const otherClient = other.addClient('C');
    expect(() => share.addClient({ name: 'other', client: otherClient })).toThrow(message(path, 'clients.client', '"Platform/Other/C"',
      'a client of the shared pool Platform/Pool (this client belongs to Platform/Other)'));
    const otherServer = other.addResourceServer('S', { identifier: 'other' });
    expect(() => share.addResourceServer({ name: 'other', resourceServer: otherServer })).toThrow(message(path, 'resourceServers.resourceServer', '"Platform/Other/S"',
      'a resource server of the shared pool Platform/Pool (this one belongs to Platform/Other)'));
    const otherDomain = other.addDomain('D', { cognitoDomain: { domainPrefix: 'other-login' } });
    expect(() => pool.share('Share2', { parameterPrefix: '/other', domain: otherDomain })).toThrow(message('Platform/Pool/Share2', 'domain', '"Platform/Other/D"',
      'a domain of the shared pool Platform/Pool (this domain serves Platform/Other)'));
    share.addResourceServer({ name: 'orders', resourceServer: orders });
  });

  test('refuses a bad account, its own account, a standard tier with accounts, and a secret without a customer-managed key', () => {
    const { stack, pool, web } = platform();
    expect(() => pool.share('A', { parameterPrefix: '/a', shareWith: ['12345'] })).toThrow(message('Platform/Pool/A', 'shareWith', '"12345"', 'a 12-digit AWS account id'));
    expect(() => pool.share('B', { parameterPrefix: '/b', shareWith: [PLATFORM] })).toThrow(message('Platform/Pool/B', 'shareWith', `"${PLATFORM}"`,
      'another account than the share\'s own (its own account reads the parameters by name)'));
    expect(() => pool.share('C', { parameterPrefix: '/c', shareWith: [TEAM], tier: ssm.ParameterTier.STANDARD })).toThrow(message('Platform/Pool/C', 'tier', '"Standard"',
      'ParameterTier.ADVANCED when shareWith names accounts (only advanced parameters can be shared through AWS RAM)'));
    const standard = pool.share('D', { parameterPrefix: '/d' });
    expect(() => standard.grantRead(TEAM)).toThrow(message('Platform/Pool/D', 'shareWith', `"${TEAM}"`,
      'an account only on a share whose tier is ParameterTier.ADVANCED (only advanced parameters can be shared through AWS RAM)'));
    const plain = new secretsmanager.Secret(stack, 'PlainSecret');
    expect(() => pool.share('E', { parameterPrefix: '/e', shareWith: [TEAM], clients: [{ name: 'web', client: web, secret: plain }] })).toThrow(message('Platform/Pool/E', 'clients.secret', '"Platform/PlainSecret"',
      'a secret encrypted with a customer-managed KMS key when other accounts read it (the AWS-managed key aws/secretsmanager cannot be used from another account)'));
  });

  test('from plain JavaScript: missing props and a tier that is no ParameterTier are refused', () => {
    const { pool } = platform();
    expect(() => new UserPoolShare(pool, 'X', {} as any)).toThrow(message('Platform/Pool/X', 'userPool', 'undefined',
      'an IUserPool (a UserPool, or one imported with UserPool.fromUserPoolId)'));
    expect(() => new UserPoolShare(pool, 'Y', { userPool: pool, parameterPrefix: '/y', tier: 'Gold' } as any)).toThrow(/\[Platform\/Pool\/Y\] tier: received "Gold"; allowed: one of ParameterTier\./);
  });
});

describe('UserPool.fromSharedParameters (consuming)', () => {
  function team(account = PLATFORM) {
    const app = new App();
    const stack = new Stack(app, 'Team', { env: { account, region: REGION } });
    return { app, stack };
  }
  const byName = (name: string) => ({ Type: 'AWS::SSM::Parameter::Value<String>', Default: `${PREFIX}/${name}` });
  const refByName = (name: string) => ({ Ref: `SsmParameterValue${`${PREFIX}/${name}`.replace(/[^A-Za-z0-9]/g, '')}C96584B6F00A464EAD1953AFF4B05118Parameter` });

  test('same account: addClient creates this library\'s client in the shared pool, read by parameter name at deploy time', () => {
    // GIVEN
    const { stack } = team();
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX });
    // WHEN
    const client = shared.addClient('App', { oAuth: { callbackUrls: ['https://app.example.com/callback'], scopes: [shared.resourceServer('orders').oauthScope('read')] } });
    // THEN
    expect(client).toBeInstanceOf(UserPoolClient);
    const template = Template.fromStack(stack);
    template.templateMatches({
      Parameters: {
        [refByName('user-pool/id').Ref]: byName('user-pool/id'),
        [refByName('resource-servers/orders/identifier').Ref]: byName('resource-servers/orders/identifier'),
      },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: refByName('user-pool/id'),
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [refByName('resource-servers/orders/identifier'), '/read']] }],
      CallbackURLs: ['https://app.example.com/callback'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AllowedOAuthFlows: ['code'],
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });

  test('same account: addResourceServer, addGroup and addDomain create this library\'s constructs in the shared pool', () => {
    const { stack } = team();
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX });
    shared.addResourceServer('Catalog', { identifier: 'catalog', scopes: [new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' })] });
    shared.addGroup('Admins', { groupName: 'admins' });
    shared.addDomain('Custom', { cognitoDomain: { domainPrefix: 'team-login' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      UserPoolId: refByName('user-pool/id'), Identifier: 'catalog', Name: 'catalog', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { UserPoolId: refByName('user-pool/id'), GroupName: 'admins' });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { UserPoolId: refByName('user-pool/id'), Domain: 'team-login' });
  });

  test('a consumer synthesizes in an app without the producer', () => {
    const { app, stack } = team(TEAM);
    UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX, account: PLATFORM }).client('web');
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['Team']);
    expect(assembly.getStackByName('Team').template.Parameters[`SharedSsmParameter${`arn:aws:ssm:${REGION}:${PLATFORM}:parameter${PREFIX}/clients/web/id`.replace(/[^A-Za-z0-9]/g, '')}`])
      .toEqual({ Type: 'AWS::SSM::Parameter::Value<String>', Default: `arn:aws:ssm:${REGION}:${PLATFORM}:parameter${PREFIX}/clients/web/id` });
  });

  test('only the values a stack uses become its parameters', () => {
    const { stack } = team();
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX });
    new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal(), inlinePolicies: {} });
    expect(Object.keys(Template.fromStack(stack).toJSON().Parameters ?? {})).toEqual(['BootstrapVersion']);
    expect(shared.parameterPrefix).toBe(PREFIX);
  });

  test('API Gateway CognitoUserPoolsAuthorizer takes the shared pool', () => {
    const { stack } = team();
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX });
    const api = new apigw.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigw.MockIntegration(), {
      authorizer: new apigw.CognitoUserPoolsAuthorizer(stack, 'Authorizer', { cognitoUserPools: [shared] }),
      authorizationType: apigw.AuthorizationType.COGNITO,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS', ProviderARNs: [refByName('user-pool/arn')], IdentitySource: 'method.request.header.Authorization',
    });
  });

  test('ALB AuthenticateCognitoAction takes the shared pool, a shared client and the shared domain', () => {
    const { stack } = team();
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
    lb.addListener('Http', {
      port: 80,
      defaultAction: new actions.AuthenticateCognitoAction({
        userPool: shared, userPoolClient: shared.client('web'), userPoolDomain: shared.domain, next: elbv2.ListenerAction.fixedResponse(200),
      }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      DefaultActions: [
        {
          Type: 'authenticate-cognito', Order: 1,
          AuthenticateCognitoConfig: { UserPoolArn: refByName('user-pool/arn'), UserPoolClientId: refByName('clients/web/id'), UserPoolDomain: refByName('domain/name') },
        },
        { Type: 'fixed-response', Order: 2, FixedResponseConfig: { StatusCode: '200' } },
      ],
    });
  });

  test('grant, the client secret, the domain base URL and the scope list', () => {
    const { stack } = team();
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    shared.grant(role, 'cognito-idp:AdminGetUser');
    shared.clientSecret('web').grantRead(role);
    expect(shared.client('web')).toBe(shared.client('web'));
    expect(shared.clientSecret('web')).toBe(shared.clientSecret('web'));
    expect(stack.resolve(shared.domainBaseUrl)).toEqual(refByName('domain/base-url'));
    expect(stack.resolve(shared.resourceServer('orders').scopeNames)).toEqual(refByName('resource-servers/orders/scopes'));
    expect(stack.resolve(shared.userPoolProviderName)).toEqual(refByName('user-pool/provider-name'));
    expect(stack.resolve(shared.userPoolProviderUrl)).toEqual(refByName('user-pool/provider-url'));
    expect(stack.resolve(shared.userPoolRef)).toEqual({ userPoolId: refByName('user-pool/id'), userPoolArn: refByName('user-pool/arn') });
    expect(shared.isCrossAccount).toBe(false);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'cognito-idp:AdminGetUser', Resource: refByName('user-pool/arn') },
          { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: refByName('clients/web/secret-arn') },
        ],
      },
    });
  });

  test('another account: every value read by the parameter\'s full ARN; authorizers and ALB actions work, nothing is created in the pool', () => {
    // GIVEN
    const { stack } = team(TEAM);
    // WHEN
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX, account: PLATFORM });
    const api = new apigw.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigw.MockIntegration(), {
      authorizer: new apigw.CognitoUserPoolsAuthorizer(stack, 'Authorizer', { cognitoUserPools: [shared] }),
      authorizationType: apigw.AuthorizationType.COGNITO,
      authorizationScopes: [shared.resourceServer('orders').oauthScope('read').scopeName],
    });
    // THEN
    const arnOf = (name: string) => `arn:aws:ssm:${REGION}:${PLATFORM}:parameter${PREFIX}/${name}`;
    const idOf = (name: string) => `SharedSsmParameter${arnOf(name).replace(/[^A-Za-z0-9]/g, '')}`;
    const template = Template.fromStack(stack);
    template.templateMatches({
      Parameters: {
        [idOf('user-pool/arn')]: { Type: 'AWS::SSM::Parameter::Value<String>', Default: arnOf('user-pool/arn') },
        [idOf('resource-servers/orders/identifier')]: { Type: 'AWS::SSM::Parameter::Value<String>', Default: arnOf('resource-servers/orders/identifier') },
      },
    });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { ProviderARNs: [{ Ref: idOf('user-pool/arn') }] });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      AuthorizationScopes: [{ 'Fn::Join': ['', [{ Ref: idOf('resource-servers/orders/identifier') }, '/read']] }],
    });
    expect(shared.isCrossAccount).toBe(true);
    expect(shared.env.account).toBe(PLATFORM);
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });

  test('another account: clients, servers, domains, groups and grants are refused at synth', () => {
    const { stack } = team(TEAM);
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: PREFIX, account: PLATFORM });
    const allowed = `nothing that writes to or calls the pool from this account: the pool is in account ${PLATFORM} and Cognito has no resource policy, so CloudFormation and IAM in account ${TEAM} cannot create clients, servers, domains or groups in it nor grant its API; declare them in a stack deployed to account ${PLATFORM}`;
    expect(() => shared.addClient('App')).toThrow(message('Team/Pool', 'addClient', '"App"', allowed));
    expect(() => shared.addResourceServer('Api', { identifier: 'api' })).toThrow(message('Team/Pool', 'addResourceServer', '"Api"', allowed));
    expect(() => shared.addDomain('D', { cognitoDomain: { domainPrefix: 'x' } })).toThrow(message('Team/Pool', 'addDomain', '"D"', allowed));
    expect(() => shared.addGroup('G', {})).toThrow(message('Team/Pool', 'addGroup', '"G"', allowed));
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => shared.grant(role, 'cognito-idp:AdminGetUser')).toThrow(message('Team/Pool', 'grant', '"cognito-idp:AdminGetUser"', allowed));
  });

  test('refuses a bad prefix, a bad or token account, another account in a Region-agnostic stack, and a bad client name', () => {
    const { stack } = team(TEAM);
    expect(() => UserPool.fromSharedParameters(stack, 'A', { parameterPrefix: 'platform' })).toThrow(message('Team/A', 'parameterPrefix', '"platform"', ALLOWED));
    expect(() => UserPool.fromSharedParameters(stack, 'B', { parameterPrefix: PREFIX, account: '1234' })).toThrow(message('Team/B', 'account', '"1234"', 'a 12-digit AWS account id'));
    expect(() => UserPool.fromSharedParameters(stack, 'C', { parameterPrefix: PREFIX, account: Aws.ACCOUNT_ID }))
      .toThrow(message('Team/C', 'account', JSON.stringify(Aws.ACCOUNT_ID), 'a literal 12-digit account id (the parameters\' ARNs are CloudFormation parameter defaults, which take no tokens)'));
    const agnostic = new Stack(new App(), 'Agnostic');
    expect(() => UserPool.fromSharedParameters(agnostic, 'D', { parameterPrefix: PREFIX, account: PLATFORM })).toThrow(message('Agnostic/D', 'account', `"${PLATFORM}"`,
      'another account only in a stack with a literal Region (env.region): shared parameters are read by ARN in the stack\'s Region'));
    const shared = UserPool.fromSharedParameters(stack, 'E', { parameterPrefix: PREFIX });
    expect(() => shared.client('a/b')).toThrow(message('Team/E', 'client', '"a/b"', 'letters, digits and _ . - only (one level of the parameter path)'));
  });
});
const ALLOWED = 'a parameter path such as /platform/auth/main: starting with /, levels of a-zA-Z0-9_.- separated by single /, no trailing /';

describe('UserPool.fromLookup (by name, at synth)', () => {
  const env = { account: PLATFORM, region: REGION };
  function contextKey(name: string): string {
    const probe = new Stack(new App(), 'Platform', { env });
    return ContextProvider.getKey(probe, {
      provider: cxschema.ContextProvider.CC_API_PROVIDER,
      props: { typeName: 'AWS::Cognito::UserPool', propertyMatch: { UserPoolName: name }, propertiesToReturn: [], expectedMatchCount: 'exactly-one' },
    }).key;
  }
  function lookUp(name: string, cached?: unknown) {
    const app = new App({ context: cached === undefined ? {} : { [contextKey(name)]: cached } });
    const stack = new Stack(app, 'Platform', { env });
    return { app, stack, find: () => UserPool.fromLookup(stack, 'Pool', { userPoolName: name }) };
  }

  test('the cached answer gives a pool with a literal id and ARN', () => {
    const { stack, find } = lookUp('main', [{ Identifier: 'eu-west-1_AbCd1234' }]);
    const pool = find();
    expect(pool.userPoolId).toBe('eu-west-1_AbCd1234');
    expect(pool.userPoolArn).toBe(`arn:aws:cognito-idp:${REGION}:${PLATFORM}:userpool/eu-west-1_AbCd1234`);
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    pool.grant(role, 'cognito-idp:ListUsers');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'cognito-idp:ListUsers', Resource: `arn:aws:cognito-idp:${REGION}:${PLATFORM}:userpool/eu-west-1_AbCd1234` }] },
    });
  });

  test('without a cached answer the CLI is asked for it (the Cloud Control query) and a placeholder is used meanwhile', () => {
    const { app, find } = lookUp('main');
    expect(find().userPoolId).toBe('us-east-1_DUMMYPOOL');
    const missing = app.synth().manifest.missing ?? [];
    expect(missing.map((m) => ({ key: m.key, provider: m.provider, props: { ...m.props, lookupRoleArn: undefined } }))).toEqual([{
      key: contextKey('main'),
      provider: 'cc-api-provider',
      props: {
        account: PLATFORM, region: REGION, lookupRoleArn: undefined,
        typeName: 'AWS::Cognito::UserPool', propertyMatch: { UserPoolName: 'main' }, propertiesToReturn: [], expectedMatchCount: 'exactly-one',
        dummyValue: [{ Identifier: 'us-east-1_DUMMYPOOL' }],
      },
    }]);
  });

  test.each([
    [[], `the name of a user pool in account ${PLATFORM}, Region ${REGION} (none has it)`],
    [[{ Identifier: 'eu-west-1_a1' }, { Identifier: 'eu-west-1_b2' }], 'a name that exactly one user pool has (2 pools have it: eu-west-1_a1, eu-west-1_b2; import one by id with UserPool.fromUserPoolId)'],
    [[{ Identifier: 42 }], 'a cached lookup result with a user pool id (got 42; remove it with cdk context --reset)'],
    [{ Identifier: 'eu-west-1_a1' }, 'a cached lookup result that is a list of pools (cdk.context.json holds {"Identifier":"eu-west-1_a1"}; remove it with cdk context --reset)'],
  ])('a cached answer of %j is refused', (cached, allowed) => {
    const { find } = lookUp('main', cached);
    expect(find).toThrow(message('Platform/Pool', 'userPoolName', '"main"', allowed));
  });

  test('needs a literal account and Region, and a name of 1 to 128 characters', () => {
    const stack = new Stack(new App(), 'Agnostic');
    expect(() => UserPool.fromLookup(stack, 'Pool', { userPoolName: 'main' })).toThrow(message('Agnostic/Pool', 'userPoolName', '"main"',
      'a lookup only in a stack with a literal account and Region (env: { account, region })'));
    const { stack: s2 } = lookUp('x');
    expect(() => UserPool.fromLookup(s2, 'Long', { userPoolName: 'n'.repeat(129) })).toThrow(message('Platform/Long', 'userPoolName', JSON.stringify('n'.repeat(129)), '1 to 128 characters (got 129)'));
  });
});
