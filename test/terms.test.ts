import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Terms, TermsEnforcement, TermsType, UserPool } from '../lib';

const TYPE = 'AWS::Cognito::Terms';

describe('Terms', () => {
  test('terms of use and privacy policy per language for a client', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    const client = pool.addClient('Client');
    // WHEN
    new Terms(stack, 'TermsOfUse', {
      userPool: pool,
      client,
      termsType: TermsType.TERMS_OF_USE,
      enforcement: TermsEnforcement.NONE,
      links: { 'cognito:default': 'https://example.com/terms', 'cognito:french': 'https://example.com/fr/conditions' },
    });
    new Terms(stack, 'Privacy', { userPool: pool, client, termsType: TermsType.PRIVACY_POLICY, links: { 'cognito:default': 'https://example.com/privacy' } });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties(TYPE, {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      ClientId: { Ref: Match.stringLikeRegexp('^PoolClient') },
      TermsName: 'terms-of-use',
      TermsSource: 'LINK',
      Enforcement: 'NONE',
      Links: { 'cognito:default': 'https://example.com/terms', 'cognito:french': 'https://example.com/fr/conditions' },
    });
    template.hasResourceProperties(TYPE, {
      TermsName: 'privacy-policy',
      Enforcement: 'NONE',
      Links: { 'cognito:default': 'https://example.com/privacy' },
    });
  });

  test('token URLs pass through', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    const client = pool.addClient('Client');
    // WHEN
    new Terms(stack, 'Terms', { userPool: pool, client, termsType: TermsType.TERMS_OF_USE, links: { 'cognito:default': pool.userPoolProviderUrl } });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, { Links: { 'cognito:default': { 'Fn::GetAtt': [Match.anyValue(), 'ProviderURL'] } } });
  });
});
