import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { DomainSecurityPolicy, UserPoolClient, UserPoolDomain } from '../lib';

const CERT_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/abc';

function stackWithPool(): { stack: Stack; pool: cognito.UserPool } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const pool = new cognito.UserPool(stack, 'Pool');
  return { stack, pool };
}

function customDomain(stack: Stack, domainName = 'auth.example.com'): cognito.CustomDomainOptions {
  return { domainName, certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN) };
}

describe('UserPoolDomain custom domains', () => {
  test('a custom domain gets the TLS 1.2 (2021) security policy by default', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolDomain(stack, 'Domain', { userPool: pool, customDomain: customDomain(stack) });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'auth.example.com',
      CustomDomainConfig: { CertificateArn: CERT_ARN, SecurityPolicy: 'TLS_V1_2_2021' },
    });
  });

  test.each([DomainSecurityPolicy.TLS_V1_3_2025, DomainSecurityPolicy.TLS_V1])('securityPolicy %s is written', (policy) => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolDomain(stack, 'Domain', { userPool: pool, customDomain: customDomain(stack), securityPolicy: policy });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      CustomDomainConfig: { CertificateArn: CERT_ARN, SecurityPolicy: policy },
    });
  });

  test('a prefix domain has no custom domain config and no routing', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    // WHEN
    new UserPoolDomain(stack, 'Domain', { userPool: pool, cognitoDomain: { domainPrefix: 'my-app-login' } });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'my-app-login',
      CustomDomainConfig: Match.absent(),
      Routing: Match.absent(),
      ManagedLoginVersion: Match.absent(),
    });
  });
});

describe('UserPoolDomain failover', () => {
  test('failover writes Routing.Failover with the health check id and the secondary Region', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const healthCheck = new route53.HealthCheck(stack, 'Health', {
      type: route53.HealthCheckType.HTTPS, fqdn: 'app.example.com', resourcePath: '/health',
    });
    // WHEN
    new UserPoolDomain(stack, 'Domain', {
      userPool: pool,
      customDomain: customDomain(stack),
      failover: { primaryHealthCheck: healthCheck, secondaryRegion: 'us-west-2' },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Routing: {
        Failover: {
          PrimaryRoute53HealthCheckId: { Ref: Match.stringLikeRegexp('^Health') },
          SecondaryRegion: 'us-west-2',
        },
      },
    });
  });
});

describe('UserPoolDomain alias record', () => {
  test('addAliasRecord points an A record at the CloudFront distribution through GetAtt, without a custom resource', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z123', zoneName: 'example.com' });
    const domain = new UserPoolDomain(stack, 'Domain', { userPool: pool, customDomain: customDomain(stack) });
    // WHEN
    domain.addAliasRecord(zone, { ipv6: true });
    // THEN
    const domainId = stack.getLogicalId(domain.node.defaultChild as cognito.CfnUserPoolDomain);
    const template = Template.fromStack(stack);
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'auth.example.com.',
        Type: type,
        HostedZoneId: 'Z123',
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': [domainId, 'CloudFrontDistribution'] },
          HostedZoneId: { 'Fn::FindInMap': Match.anyValue() },
        },
      });
    }
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('Custom::UserPoolCloudFrontDomainName', 0);
  });

  test('a record name can be given and IPv6 is off by default', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z123', zoneName: 'example.com' });
    const domain = new UserPoolDomain(stack, 'Domain', { userPool: pool, customDomain: customDomain(stack) });
    // WHEN
    domain.addAliasRecord(zone, { recordName: 'login' });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'login.example.com.', Type: 'A' });
    template.resourceCountIs('AWS::Route53::RecordSet', 1);
  });

  test('cloudFrontDomainName is the GetAtt too', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const domain = new UserPoolDomain(stack, 'Domain', { userPool: pool, customDomain: customDomain(stack) });
    // WHEN
    const name = domain.cloudFrontDomainName;
    // THEN
    expect(stack.resolve(name)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(domain.node.defaultChild as cognito.CfnUserPoolDomain), 'CloudFrontDistribution'] });
    Template.fromStack(stack).resourceCountIs('Custom::UserPoolCloudFrontDomainName', 0);
  });

  test('addAliasRecord on a prefix domain is an error', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z123', zoneName: 'example.com' });
    const domain = new UserPoolDomain(stack, 'Domain', { userPool: pool, cognitoDomain: { domainPrefix: 'my-app-login' } });
    // THEN
    expect(() => domain.addAliasRecord(zone)).toThrow(
      '[Stack/Domain] addAliasRecord: received "a prefix domain"; allowed: a custom domain (customDomain).');
  });
});

describe('UserPoolDomain managed login branding', () => {
  function brandings(stack: Stack): Array<{ ClientId: unknown; UseCognitoProvidedValues?: boolean }> {
    return Object.values(Template.fromStack(stack).findResources('AWS::Cognito::ManagedLoginBranding'))
      .map((r) => r.Properties);
  }
  const clientRef = (stack: Stack, client: cognito.UserPoolClient) =>
    ({ Ref: stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient) });

  test('a v2 domain brands every client of its pool with Cognito-provided values, clients created before or after it', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const before = new UserPoolClient(stack, 'Before', { userPool: pool });
    // WHEN
    new UserPoolDomain(stack, 'Domain', {
      userPool: pool,
      cognitoDomain: { domainPrefix: 'my-app-login' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const after = pool.addClient('After');
    // THEN
    const poolRef = { Ref: stack.getLogicalId(pool.node.defaultChild as cognito.CfnUserPool) };
    expect(brandings(stack)).toEqual(expect.arrayContaining([
      { UserPoolId: poolRef, ClientId: clientRef(stack, before), UseCognitoProvidedValues: true },
      { UserPoolId: poolRef, ClientId: clientRef(stack, after), UseCognitoProvidedValues: true },
    ]));
    expect(brandings(stack)).toHaveLength(2);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
  });

  test('clients of another pool, clients already branded and clients that never show login pages are left alone', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const otherPool = new cognito.UserPool(stack, 'OtherPool');
    const branded = new UserPoolClient(stack, 'Branded', { userPool: pool });
    new cognito.CfnManagedLoginBranding(stack, 'OwnBranding', {
      userPoolId: pool.userPoolId, clientId: branded.userPoolClientId, settings: { categories: {} },
    });
    new UserPoolClient(stack, 'Other', { userPool: otherPool });
    new UserPoolClient(stack, 'ApiOnly', { userPool: pool, disableOAuth: true });
    pool.addResourceServer('Api', { identifier: 'api', scopes: [{ scopeName: 'read', scopeDescription: 'Read' }] });
    new UserPoolClient(stack, 'Machine', {
      userPool: pool, generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read')] },
    });
    const plain = new UserPoolClient(stack, 'Plain', { userPool: pool });
    // WHEN
    new UserPoolDomain(stack, 'Domain', {
      userPool: pool,
      cognitoDomain: { domainPrefix: 'my-app-login' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // THEN
    const defaults = brandings(stack).filter((b) => b.UseCognitoProvidedValues === true);
    expect(defaults.map((b) => b.ClientId)).toEqual([clientRef(stack, plain)]);
  });

  test('two v2 domains of one pool brand each client once', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    new UserPoolClient(stack, 'Client', { userPool: pool });
    // WHEN
    for (const [id, prefix] of [['A', 'my-app-a'], ['B', 'my-app-b']]) {
      new UserPoolDomain(stack, id, {
        userPool: pool,
        cognitoDomain: { domainPrefix: prefix },
        managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      });
    }
    // THEN
    expect(brandings(stack)).toHaveLength(1);
  });

  test('defaultBranding: false and classic (v1) domains create no branding', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    new UserPoolClient(stack, 'Client', { userPool: pool });
    // WHEN
    new UserPoolDomain(stack, 'V2', {
      userPool: pool,
      cognitoDomain: { domainPrefix: 'my-app-v2' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      defaultBranding: false,
    });
    new UserPoolDomain(stack, 'V1', {
      userPool: pool,
      customDomain: customDomain(stack),
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    // THEN
    expect(brandings(stack)).toHaveLength(0);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 1 });
  });
});

describe('UserPoolDomain tokens', () => {
  test('unresolved prefix, domain name and Region skip the checks their literal values would fail', () => {
    // GIVEN
    const { stack, pool } = stackWithPool();
    const healthCheck = route53.HealthCheck.fromHealthCheckId(stack, 'Health', 'hc-1');
    // WHEN
    new UserPoolDomain(stack, 'Prefix', { userPool: pool, cognitoDomain: { domainPrefix: Lazy.string({ produce: () => 'my-aws-login' }) } });
    new UserPoolDomain(stack, 'Custom', {
      userPool: pool,
      customDomain: customDomain(stack, Lazy.string({ produce: () => 'login.example.com' })),
      failover: { primaryHealthCheck: healthCheck, secondaryRegion: Lazy.string({ produce: () => 'us-east-1' }) },
    });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'my-aws-login' });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'login.example.com',
      Routing: { Failover: { PrimaryRoute53HealthCheckId: 'hc-1', SecondaryRegion: 'us-east-1' } },
    });
  });
});
