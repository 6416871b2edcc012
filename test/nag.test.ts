// Secure defaults: cdk-nag's AwsSolutions pack over pools built with this library.
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPool, UserPoolProps } from '../lib';
import { awsSolutionsFindingsOf } from './helpers/nag';

/** Synthesizes a pool under the AwsSolutions pack and returns the rules it violates. */
function awsSolutionsFindings(props?: UserPoolProps, addToPool?: (pool: UserPool) => void): string[] {
  return awsSolutionsFindingsOf((app) => {
    const pool = new UserPool(new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } }), 'Pool', props);
    addToPool?.(pool);
  });
}

test('a pool with no props has no AwsSolutions finding but the Plus-tier rule', () => {
  expect(awsSolutionsFindings()).toEqual(['AwsSolutions-COG8 Stack/Pool/Resource']);
});

test('a Plus-tier pool has no AwsSolutions finding at all', () => {
  expect(awsSolutionsFindings({ featurePlan: cognito.FeaturePlan.PLUS })).toEqual([]);
});

test('the pack does flag a weak pool (so the checks above can fail)', () => {
  const findings = awsSolutionsFindings({
    featurePlan: cognito.FeaturePlan.PLUS,
    mfa: cognito.Mfa.OFF,
    passwordPolicy: { minLength: 6, requireSymbols: false },
  });
  expect(findings).toEqual(expect.arrayContaining(['AwsSolutions-COG1 Stack/Pool/Resource', 'AwsSolutions-COG2 Stack/Pool/Resource']));
});

test('the End User Messaging SMS role and an exported client secret acknowledge what is inherent to them', () => {
  // GIVEN a Plus pool that sends SMS through End User Messaging, WHEN a client exports its secret
  const findings = awsSolutionsFindings({
    featurePlan: cognito.FeaturePlan.PLUS,
    endUserMessagingSms: { originationIdentity: '+15555550100' },
  }, (pool) => {
    pool.addResourceServer('Api', { identifier: 'api', scopes: [{ scopeName: 'read', scopeDescription: 'Read' }] });
    pool.addClient('Machine', {
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read')] },
    }).exportSecretToSecretsManager('Secret', { tokenEndpoint: 'https://auth.example.com/oauth2/token' });
  });
  // THEN neither the role's sms-voice:SendTextMessage on * nor the secret's missing rotation is a finding
  expect(findings).toEqual([]);
});
