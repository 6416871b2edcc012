import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  ManagedLoginBranding, TermsType, UICustomizationCss, UserPool, UserPoolClient, UserPoolDomain, UserPoolGroup,
  UserPoolResourceServer,
} from '../lib';

const poolRef = { Ref: Match.stringLikeRegexp('^Pool') };

function plusPool(): { stack: Stack; pool: UserPool; client: UserPoolClient } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const pool = new UserPool(stack, 'Pool', {
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
  });
  const client = new UserPoolClient(stack, 'Client', {
    userPool: pool,
    oAuth: { callbackUrls: ['https://app.example.com/callback'] },
  });
  return { stack, pool, client };
}

describe('UserPool add* shortcuts create their construct on this pool', () => {
  test('addUser, addRiskConfiguration, addLogDelivery, addUICustomization, addManagedLoginBranding, addTerms', () => {
    // GIVEN
    const { stack, pool, client } = plusPool();
    // WHEN
    pool.addUser('Alice', { username: 'alice' });
    pool.addRiskConfiguration('Risk', { blockedIpRanges: ['192.0.2.0/24'] });
    pool.addLogDelivery('Logs', { userNotification: {} });
    pool.addUICustomization('Css', { css: UICustomizationCss.fromString('.banner-customizable { background-color: #ffffff; }') });
    pool.addManagedLoginBranding('Branding', { client, useCognitoProvidedValues: true });
    pool.addTerms('Terms', { client, termsType: TermsType.TERMS_OF_USE, links: { 'cognito:default': 'https://example.com/terms' } });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('Custom::CognitoUser', { UserPoolId: poolRef, Username: 'alice' });
    t.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', { UserPoolId: poolRef, ClientId: 'ALL' });
    t.hasResourceProperties('AWS::Cognito::LogDeliveryConfiguration', { UserPoolId: poolRef });
    t.hasResourceProperties('AWS::Cognito::UserPoolUICustomizationAttachment', { UserPoolId: poolRef, ClientId: 'ALL' });
    t.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UserPoolId: poolRef, UseCognitoProvidedValues: true });
    t.hasResourceProperties('AWS::Cognito::Terms', { UserPoolId: poolRef, TermsName: 'terms-of-use' });
  });

  test('addReplica replicates a pool encrypted with a multi-Region key to another Region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const pool = new UserPool(stack, 'Pool', {
      featurePlan: cognito.FeaturePlan.PLUS,
      encryptionKey: new kms.Key(stack, 'Key', { multiRegion: true }),
    });
    pool.addReplica('Replica', { region: 'eu-west-1' });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolReplica', { UserPoolId: poolRef, RegionName: 'eu-west-1' });
  });
});

describe('managed login v2 default branding and a declared branding style', () => {
  test('a client with its own ManagedLoginBranding gets no default style; others do', () => {
    // GIVEN a v2 domain on a pool with two hosted-UI clients
    const { stack, pool, client } = plusPool();
    new UserPoolClient(stack, 'Other', {
      userPool: pool,
      oAuth: { callbackUrls: ['https://other.example.com/callback'] },
    });
    new UserPoolDomain(stack, 'Domain', {
      userPool: pool,
      cognitoDomain: { domainPrefix: 'shortcuts-test' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // WHEN one client is branded explicitly
    new ManagedLoginBranding(stack, 'Branding', { userPool: pool, client, useCognitoProvidedValues: false, settings: { components: {} } });
    // THEN each client has exactly one style: its own, and the Cognito default for the other
    const brandings = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::ManagedLoginBranding'));
    const byClient = (logicalPrefix: string) => brandings.filter((b) => JSON.stringify(b.Properties.ClientId).includes(logicalPrefix));
    expect(byClient('"Client')).toHaveLength(1);
    expect(byClient('"Client')[0].Properties.UseCognitoProvidedValues).not.toBe(true);
    expect(byClient('"Other')).toHaveLength(1);
    expect(byClient('"Other')[0].Properties.UseCognitoProvidedValues).toBe(true);
  });
});

describe('addClient, addDomain, addGroup and addResourceServer create this library\'s constructs', () => {
  function pool(): { stack: Stack; userPool: UserPool } {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    return { stack, userPool: new UserPool(stack, 'Pool') };
  }

  test('addClient: secure defaults, and the secret as a GetAtt', () => {
    // GIVEN a pool
    const { stack, userPool } = pool();
    // WHEN a client is added through aws-cdk-lib's method, with aws-cdk-lib's options
    const client = userPool.addClient('Backend', { generateSecret: true });
    // THEN it is this library's client, with this library's defaults
    expect(client).toBeInstanceOf(UserPoolClient);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: poolRef,
      GenerateSecret: true,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AllowedOAuthFlows: ['code'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const logicalId = stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient);
    expect(stack.resolve(client.userPoolClientSecret)).toEqual({ 'Fn::GetAtt': [logicalId, 'ClientSecret'] });
  });

  test('addClient: the options stay optional and the caller\'s settings win over the defaults', () => {
    const { stack, userPool } = pool();
    userPool.addClient('Web');
    userPool.addClient('Legacy', { preventUserExistenceErrors: false });
    const clients = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
    expect(Object.values(clients).map((c) => c.Properties.PreventUserExistenceErrors).sort()).toEqual(['ENABLED', 'LEGACY']);
  });

  test('addClient: this library\'s validation', () => {
    const { userPool } = pool();
    expect(() => userPool.addClient('Web', { oAuth: { callbackUrls: ['http://app.example.com/cb'] } })).toThrow(
      '[Stack/Pool/Web] oAuth.callbackUrls: received "http://app.example.com/cb"; allowed: an https URI, http://localhost, or an app scheme such as myapp://.');
  });

  test('addDomain: a custom domain gets the TLS 1.2 security policy; a bad prefix is refused', () => {
    const { stack, userPool } = pool();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
    const domain = userPool.addDomain('Domain', { customDomain: { domainName: 'auth.example.com', certificate } });
    expect(domain).toBeInstanceOf(UserPoolDomain);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'auth.example.com',
      CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc', SecurityPolicy: 'TLS_V1_2_2021' },
    });
    expect(() => userPool.addDomain('Prefix', { cognitoDomain: { domainPrefix: 'MyApp' } })).toThrow(
      '[Stack/Pool/Prefix] cognitoDomain.domainPrefix: received "MyApp"; allowed: lowercase letters, numbers and hyphens, not starting or ending with a hyphen.');
  });

  test('addGroup: this library\'s group and validation', () => {
    const { stack, userPool } = pool();
    expect(userPool.addGroup('Admins', { groupName: 'admins', precedence: 1 })).toBeInstanceOf(UserPoolGroup);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', { UserPoolId: poolRef, GroupName: 'admins', Precedence: 1 });
    expect(() => userPool.addGroup('Power', { groupName: 'power users' })).toThrow(
      '[Stack/Pool/Power] groupName: received "power users"; allowed: letters, marks, symbols, digits and punctuation, no spaces.');
  });

  test('addResourceServer: an https identifier gets a name Cognito accepts', () => {
    const { stack, userPool } = pool();
    const server = userPool.addResourceServer('Api', { identifier: 'https://api.example.com' });
    expect(server).toBeInstanceOf(UserPoolResourceServer);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'https://api.example.com',
      Name: 'https---api.example.com',
    });
    expect(() => userPool.addResourceServer('Bad', { identifier: 'a b' })).toThrow('[Stack/Pool/Bad] identifier: received "a b"');
  });
});
