import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { MODULES } from '../../custom-resources/modules';
import { dispatch } from '../../custom-resources/router';
import { encodedForms, isSecretKey, Logger, loggableUsername } from '../../custom-resources/shared/log';
import type { ResourceModule } from '../../custom-resources/shared/types';
import { createEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const secrets = mockClient(SecretsManagerClient);

beforeEach(() => {
  cognito.reset();
  secrets.reset();
  cognito.onAnyCommand().resolves({});
});

function logger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: new Logger((l) => lines.push(l)), lines };
}

describe('secret-like keys', () => {
  test.each([
    'client_secret', 'ClientSecret', 'clientSecret', 'CLIENT_SECRET', 'client-secret',
    'private_key', 'PrivateKey', 'privateKey', 'private-key', 'PrivateKeyPem',
    'secret', 'Secret', 'password', 'Password', 'TemporaryPassword', 'temporary_password', 'NewPassword',
    'SecretString', 'ClientSecretValue', 'SessionToken', 'refresh_token', 'api_key', 'x-api-key', 'Authorization',
  ])('%s: its string value is redacted', (key) => {
    const { log, lines } = logger();
    log.info('props', { [key]: 'value-of-the-key', Other: 'kept' });
    expect(JSON.parse(lines[0]).details).toEqual({ [key]: '*****', Other: 'kept' });
  });

  test.each([
    'SecretArn', 'PasswordsSecretArn', 'PasswordSecretId', 'JsonKey', 'ClientSecretName', 'PasswordPolicy', 'ClientId', 'TokenValidityUnits',
  ])('%s names or points at a secret without holding it: kept', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  test('flags and numbers under secret-like keys are no secrets; an object under one is judged key by key', () => {
    const { log, lines } = logger();
    log.info('props', {
      GenerateSecret: true,
      TemporaryPasswordValidityDays: 7,
      Password: { SecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:pw', JsonKey: 'alice', Permanent: 'true' },
    });
    expect(JSON.parse(lines[0]).details).toEqual({
      GenerateSecret: true,
      TemporaryPasswordValidityDays: 7,
      Password: { SecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:pw', JsonKey: 'alice', Permanent: 'true' },
    });
  });
});

describe('registered secret values, in every encoding', () => {
  // Quotes, a backslash, a space, a slash, URL-reserved characters and a non-ASCII letter:
  // each encoding below changes some of them.
  const SECRET = 'Pa ss/"w\\0rd"+&é=?';
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

  const url = encodeURIComponent(SECRET);
  const form = new URLSearchParams({ client_secret: SECRET }).toString().slice('client_secret='.length);
  test.each([
    // [form, the secret as the message carries it, the message]
    ['as is', SECRET, (e: string) => `the secret ${e} here`],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1), (e: string) => `{"clientSecret":"${e}","note":"x"}`],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify(SECRET)).slice(3, -3), (e: string) => `"{\\"value\\":\\"${e}\\"}"`],
    ['URL-encoded', url, (e: string) => `https://example.com/cb?code=1&v=${e}&w=2`],
    ['URL-encoded, lower-case hex', url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), (e: string) => `v=${e}`],
    ['form-encoded', form, (e: string) => `client_id=abc&client_secret=${e}`],
    ['base64 on its own', b64(SECRET), (e: string) => `value ${e} end`],
    ['base64url on its own', b64url(SECRET), (e: string) => `value ${e} end`],
    ['base64 after 2 bytes (offset 2)', b64(`c:${SECRET}`), (e: string) => `Basic ${e}`],
    ['base64 after 3 bytes (offset 0)', b64(`cl:${SECRET}`), (e: string) => `Basic ${e}`],
    ['base64 after 7 bytes (offset 1, Basic client:secret)', b64(`client:${SECRET}`), (e: string) => `Basic ${e}`],
    ['base64url inside a longer value', b64url(`{"id":"abc","secret":"${SECRET}","n":1}`), (e: string) => `token=${e}`],
  ])('%s: not in the log line', (_form, encoded, wrap) => {
    const message = wrap(encoded);
    expect(message).toContain(encoded);
    const { log, lines } = logger();
    log.addSecret(SECRET);
    log.error(message, { message });
    const line = lines[0];
    expect(line).not.toContain(encoded);
    expect(line).not.toContain(JSON.stringify(encoded).slice(1, -1));
    for (const f of encodedForms(SECRET)) expect(line).not.toContain(f);
    expect(line).toContain('*****');
  });

  test('the redacted text keeps what surrounds the secret', () => {
    const { log } = logger();
    log.addSecret(SECRET);
    expect(log.redactText(JSON.stringify({ clientSecret: SECRET, note: 'x' }))).toBe('{"clientSecret":"*****","note":"x"}');
    expect(log.redactText(`a=${encodeURIComponent(SECRET)}&b=2`)).toBe('a=*****&b=2');
    expect(log.redactText(`Basic ${b64(`client:${SECRET}`)}`).startsWith('Basic Y2xpZW50O')).toBe(true);
  });

  test('a secret read from Secrets Manager is redacted from a failure message in any encoding (through dispatch)', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ alice: SECRET }) });
    const ctx = testContext();
    const mod: ResourceModule<object> = {
      resourceType: 'Custom::CognitoThing',
      parse: () => ({}),
      onCreate: async (_p, c) => {
        const value = await c.secrets.read({ secretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:pw', jsonKey: 'alice' });
        throw new Error(`rejected ${encodeURIComponent(value)} and ${b64(`id:${value}`)}`);
      },
      onUpdate: async () => { throw new Error('unused'); },
      onDelete: async () => undefined,
    };
    const failure = dispatch(createEvent('Custom::CognitoThing', {}), ctx, [mod]);
    await expect(failure).rejects.toThrow(/^rejected \*\*\*\*\* and aWQ6\*\*\*\*\*/);
    const text = ctx.lines.join('\n');
    for (const form of encodedForms(SECRET)) expect(text).not.toContain(form);
  });
});

describe('the logged event', () => {
  test('drops the ResponseURL and keeps the envelope', () => {
    const { log, lines } = logger();
    log.event({
      RequestType: 'Update',
      ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned?X-Amz-Signature=abc',
      ResourceType: 'Custom::CognitoThing',
      LogicalResourceId: 'Thing',
      PhysicalResourceId: 'thing/1',
      ResourceProperties: { UserPoolId: 'us-east-1_pool', Size: '3' },
    });
    expect(JSON.parse(lines[0])).toEqual({
      level: 'INFO',
      message: 'event',
      details: {
        RequestType: 'Update',
        ResourceType: 'Custom::CognitoThing',
        LogicalResourceId: 'Thing',
        PhysicalResourceId: 'thing/1',
        ResourceProperties: { UserPoolId: 'us-east-1_pool', Size: '3' },
      },
    });
  });

  test('attribute values, passwords and federated subjects are replaced; names, usernames, groups and flags stay', () => {
    const { log, lines } = logger();
    log.event({
      RequestType: 'Create',
      ResourceProperties: {
        UserPoolId: 'us-east-1_pool',
        Username: 'alice',
        Attributes: { 'email': 'alice@example.com', 'phone_number': '+15555550100', 'custom:tier': 'gold' },
        Password: 'Temp0rary!',
        TemporaryPassword: 'Temp0rary!',
        Groups: ['admins'],
        Enabled: 'true',
        LinkedIdentities: [{ ProviderName: 'Google', ProviderAttributeValue: '1234567890' }],
      },
      OldResourceProperties: { UserAttributes: [{ Name: 'email', Value: 'old@example.com' }] },
    });
    expect(JSON.parse(lines[0]).details).toEqual({
      RequestType: 'Create',
      ResourceProperties: {
        UserPoolId: 'us-east-1_pool',
        Username: 'alice',
        Attributes: { 'email': '(not logged)', 'phone_number': '(not logged)', 'custom:tier': '(not logged)' },
        Password: '*****',
        TemporaryPassword: '*****',
        Groups: ['admins'],
        Enabled: 'true',
        LinkedIdentities: [{ ProviderName: 'Google', ProviderAttributeValue: '(not logged)' }],
      },
      OldResourceProperties: { UserAttributes: [{ Name: 'email', Value: '(not logged)' }] },
    });
  });

  test('custom attribute definitions (a list without values) are logged as declared', () => {
    const { log, lines } = logger();
    const definitions = [{ Name: 'tier', AttributeDataType: 'String', Mutable: 'true' }];
    log.event({ RequestType: 'Create', ResourceProperties: { UserPoolId: 'us-east-1_pool', Attributes: definitions } });
    expect(JSON.parse(lines[0]).details.ResourceProperties.Attributes).toEqual(definitions);
  });

  test('a username that is an email address or a phone number is logged as a hash', () => {
    expect(loggableUsername('alice')).toBe('alice');
    expect(loggableUsername('0042')).toBe('0042');
    expect(loggableUsername('alice@example.com')).toBe('sha256:ff8d9819fc0e');
    expect(loggableUsername('+15555550100')).toMatch(/^sha256:[0-9a-f]{12}$/);
    const { log, lines } = logger();
    log.event({ ResourceProperties: { Usernames: ['bob', 'alice@example.com'] } });
    expect(JSON.parse(lines[0]).details.ResourceProperties.Usernames).toEqual(['bob', 'sha256:ff8d9819fc0e']);
  });

  test('long lists are cut to their first 20 items and say how many there are', () => {
    const { log, lines } = logger();
    log.event({ ResourceProperties: { Users: Array.from({ length: 2000 }, (_, i) => ({ Username: `u${i}` })) } });
    const users = JSON.parse(lines[0]).details.ResourceProperties.Users;
    expect(users).toEqual([...Array.from({ length: 20 }, (_, i) => ({ Username: `u${i}` })), '... 1980 more (2000 in all)']);
    expect(lines[0].length).toBeLessThan(2000);
  });

  test('20 users with emails and phone numbers: usernames and count logged, none of their values (through dispatch)', async () => {
    const ctx = testContext();
    const users = (tag: string) => Array.from({ length: 20 }, (_, i) => ({
      Username: `user${i}`,
      Attributes: { email: `user${i}.${tag}@example.com`, phone_number: `+1555${tag === 'old' ? '1' : '2'}${String(i).padStart(6, '0')}`, name: `Person ${tag} ${i}` },
    }));
    const props = (list: object[]) => ({ UserPoolId: 'us-east-1_pool', Users: list });
    await dispatch(createEvent('Custom::CognitoUsers', props(users('new'))), ctx, MODULES);
    await dispatch(updateEvent('Custom::CognitoUsers', 'us-east-1_pool/users', props(users('old')), props(users('new'))), ctx, MODULES);

    const text = ctx.lines.join('\n');
    for (const tag of ['new', 'old']) {
      for (const u of users(tag)) {
        const attributes = (u as { Attributes: { [k: string]: string } }).Attributes;
        for (const value of Object.values(attributes)) expect(text).not.toContain(value);
      }
    }
    const events = ctx.lines.map((l) => JSON.parse(l)).filter((e) => e.message === 'event');
    expect(events).toHaveLength(2);
    const loggedUsers = events[1].details.ResourceProperties.Users;
    expect(loggedUsers).toEqual(Array.from({ length: 20 }, (_, i) => ({
      Username: `user${i}`,
      Attributes: { email: '(not logged)', phone_number: '(not logged)', name: '(not logged)' },
    })));
    expect(events[1].details.OldResourceProperties.Users.map((u: { Username: string }) => u.Username))
      .toEqual(Array.from({ length: 20 }, (_, i) => `user${i}`));
  });
});
