/**
 * The secret-rotation function's identity-provider sync: on a Secrets Manager change event it
 * reads the secret, reads the provider and writes the new client secret (or Apple private key)
 * back with every other provider detail, the attribute mapping and the identifiers unchanged.
 */
import {
  CognitoIdentityProviderClient, DescribeIdentityProviderCommand, UpdateIdentityProviderCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { namesSecret } from '../../custom-resources/rotation/idp-sync';
import { handle } from '../../custom-resources/rotation/index';
import { IdpSyncTarget } from '../../lib/private/rotation-contract';
import { testContext, TestContext } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const sm = mockClient(SecretsManagerClient);
const POOL = 'us-east-1_pool';
const SECRET_NAME = 'federation/partner-oidc';
const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:111111111111:secret:${SECRET_NAME}-AbCdEf`;
const OLD = 'old-client-secret-0123456789';
const NEW = 'new-client-secret-9876543210';

/** What DescribeIdentityProvider returns for an OIDC provider: the declared details and those Cognito discovered. */
const OIDC_DETAILS = {
  client_id: 'cognito-federation',
  client_secret: OLD,
  authorize_scopes: 'openid email',
  attributes_request_method: 'GET',
  oidc_issuer: 'https://login.partner.example.net',
  authorize_url: 'https://login.partner.example.net/authorize',
  token_url: 'https://login.partner.example.net/token',
  attributes_url: 'https://login.partner.example.net/userinfo',
  jwks_uri: 'https://login.partner.example.net/jwks',
  attributes_url_add_attributes: 'false',
};
const MAPPING = { email: 'email', username: 'sub' };
const IDENTIFIERS = ['partner.example.net', 'partner'];

const oidc: IdpSyncTarget = { userPoolId: POOL, providerName: 'Partner', detailKey: 'client_secret', secretId: SECRET_NAME, jsonField: 'clientSecret' };

let contexts: TestContext[];

beforeEach(() => {
  cognito.reset();
  sm.reset();
  contexts = [];
  sm.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, VersionId: 'v2', SecretString: JSON.stringify({ clientSecret: NEW, other: 'x' }) });
  cognito.on(DescribeIdentityProviderCommand).resolves({
    IdentityProvider: {
      UserPoolId: POOL, ProviderName: 'Partner', ProviderType: 'OIDC', ProviderDetails: { ...OIDC_DETAILS },
      AttributeMapping: { ...MAPPING }, IdpIdentifiers: [...IDENTIFIERS],
    },
  });
  cognito.on(UpdateIdentityProviderCommand).resolves({});
});

afterEach(() => {
  const logged = contexts.flatMap((c) => c.lines).join('\n');
  expect(logged).not.toContain(NEW);
  expect(logged).not.toContain(OLD);
});

function run(event: object, targets: IdpSyncTarget[] = [oidc]) {
  const ctx = testContext();
  contexts.push(ctx);
  return handle(event, ctx, { rotations: [], idpSyncs: targets });
}

/** An EventBridge event from CloudTrail, as Secrets Manager's calls and rotations produce them. */
function apiCall(eventName: string, detail: object) {
  return { 'source': 'aws.secretsmanager', 'detail-type': 'AWS API Call via CloudTrail', 'detail': { eventSource: 'secretsmanager.amazonaws.com', eventName, ...detail } };
}
const putSecretValue = (secretId: string, arn = SECRET_ARN) => apiCall('PutSecretValue', { requestParameters: { secretId }, responseElements: { arn } });
const rotationSucceeded = (arn: string) => ({
  'source': 'aws.secretsmanager', 'detail-type': 'AWS Service Event via CloudTrail',
  'detail': { eventSource: 'secretsmanager.amazonaws.com', eventName: 'RotationSucceeded', additionalEventData: { SecretId: arn } },
});

test('a new value: UpdateIdentityProvider with the new client secret and every other detail, the mapping and the identifiers unchanged', async () => {
  await run(putSecretValue(SECRET_NAME));

  expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([{ SecretId: SECRET_NAME, VersionStage: 'AWSCURRENT' }]);
  expect(cognito.commandCalls(DescribeIdentityProviderCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: POOL, ProviderName: 'Partner' }]);
  expect(cognito.commandCalls(UpdateIdentityProviderCommand).map((c) => c.args[0].input)).toEqual([{
    UserPoolId: POOL,
    ProviderName: 'Partner',
    ProviderDetails: { ...OIDC_DETAILS, client_secret: NEW },
    AttributeMapping: MAPPING,
    IdpIdentifiers: IDENTIFIERS,
  }]);
});

test('the value in place already (a second event for the same change): no update', async () => {
  cognito.on(DescribeIdentityProviderCommand).resolves({
    IdentityProvider: { UserPoolId: POOL, ProviderName: 'Partner', ProviderDetails: { ...OIDC_DETAILS, client_secret: NEW }, AttributeMapping: MAPPING },
  });
  await run(rotationSucceeded(SECRET_ARN));
  expect(cognito.commandCalls(UpdateIdentityProviderCommand)).toEqual([]);
});

test('Apple: the private key is replaced, team id, key id, scopes and the rest sent back as they are', async () => {
  const appleDetails = {
    client_id: 'com.example.signin', team_id: 'ABCDE12345', key_id: 'KEY1234567', private_key: OLD, authorize_scopes: 'name email',
    authorize_url: 'https://appleid.apple.com/auth/authorize', token_url: 'https://appleid.apple.com/auth/token', oidc_issuer: 'https://appleid.apple.com',
    attributes_url_add_attributes: 'false', token_request_method: 'POST',
  };
  cognito.on(DescribeIdentityProviderCommand).resolves({
    IdentityProvider: { UserPoolId: POOL, ProviderName: 'SignInWithApple', ProviderType: 'SignInWithApple', ProviderDetails: { ...appleDetails }, AttributeMapping: { email: 'email' } },
  });
  sm.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, VersionId: 'v2', SecretString: NEW });
  const apple: IdpSyncTarget = { userPoolId: POOL, providerName: 'SignInWithApple', detailKey: 'private_key', secretId: SECRET_ARN };

  await run(apiCall('UpdateSecretVersionStage', { requestParameters: { secretId: SECRET_ARN }, responseElements: { arn: SECRET_ARN } }), [apple]);

  expect(cognito.commandCalls(UpdateIdentityProviderCommand).map((c) => c.args[0].input)).toEqual([{
    UserPoolId: POOL, ProviderName: 'SignInWithApple', ProviderDetails: { ...appleDetails, private_key: NEW }, AttributeMapping: { email: 'email' }, IdpIdentifiers: undefined,
  }]);
});

test('an event about another secret: no call at all', async () => {
  await run(putSecretValue('federation/partner-oidc-staging', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:federation/partner-oidc-staging-XyZxYz'));
  expect(sm.calls()).toEqual([]);
  expect(cognito.calls()).toEqual([]);
});

test('a dynamic reference to a version stage reads that stage', async () => {
  await run(putSecretValue(SECRET_ARN), [{ ...oidc, versionStage: 'NEXT' }]);
  expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([{ SecretId: SECRET_NAME, VersionStage: 'NEXT' }]);
});

test('a secret without the JSON key fails, naming the provider, and updates nothing', async () => {
  sm.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, VersionId: 'v2', SecretString: JSON.stringify({ other: NEW }) });
  await expect(run(putSecretValue(SECRET_NAME))).rejects.toThrow('Syncing the secret of identity provider(s) Partner failed (see the log lines above)');
  expect(cognito.commandCalls(UpdateIdentityProviderCommand)).toEqual([]);
  expect(contexts[0].lines.join('\n')).toContain(`Secret ${SECRET_NAME} has no string value under the JSON key \\"clientSecret\\"`);
});

test.each([
  [SECRET_ARN, SECRET_NAME, true],
  [SECRET_ARN, SECRET_ARN, true],
  [SECRET_NAME, SECRET_ARN, true],
  [SECRET_NAME, SECRET_NAME, true],
  [`${SECRET_NAME}-staging`, SECRET_NAME, false],
  ['arn:aws:secretsmanager:us-east-1:111111111111:secret:federation/partner-oidc-staging-AbCdEf', SECRET_NAME, false],
  ['arn:aws:secretsmanager:us-east-1:111111111111:secret:other-AbCdEf', SECRET_ARN, false],
])('an event naming %s concerns the secret %s: %s', (eventId, secretId, expected) => {
  expect(namesSecret(eventId, secretId)).toBe(expected);
});
