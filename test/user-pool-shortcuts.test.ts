import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  ManagedLoginBranding, TermsType, UICustomizationCss, UserPool, UserPoolClient, UserPoolDomain,
} from '../lib';

const poolRef = { Ref: Match.stringLikeRegexp('^Pool') };

function plusPool(): { stack: Stack; pool: UserPool; client: UserPoolClient } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const pool = new UserPool(stack, 'Pool', {
    featurePlan: cognito.FeaturePlan.PLUS,
    advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED,
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
