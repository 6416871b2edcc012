import {
  AddUserPoolClientSecretCommand, CognitoIdentityProviderClient, DeleteUserPoolClientSecretCommand, ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { clientSecretRotationModule } from '../../custom-resources/client-secret-rotation';
import { dispatch } from '../../custom-resources/router';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const sm = mockClient(SecretsManagerClient);
const TYPE = 'Custom::CognitoClientSecretRotation';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:client-abc';
const VALUE = 'new-secret-value-123456';
const DAY = 86400;
const props = (generation: string) => ({ UserPoolId: 'us-east-1_pool', ClientId: 'abc', SecretArn: SECRET_ARN, Generation: generation, OverlapSeconds: String(7 * DAY) });
const idOf = (g: number) => `us-east-1_pool/abc/client-secret/${g}`;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY * 1000);

function listReturns(...ages: Array<[string, number]>) {
  cognito.on(ListUserPoolClientSecretsCommand).resolves({
    ClientSecrets: ages.map(([id, d]) => ({ ClientSecretId: id, ClientSecretCreateDate: daysAgo(d) })),
  });
}

beforeEach(() => {
  cognito.reset();
  sm.reset();
  cognito.on(AddUserPoolClientSecretCommand).resolves({ ClientSecretDescriptor: { ClientSecretId: 's-new', ClientSecretValue: VALUE } });
  cognito.on(DeleteUserPoolClientSecretCommand).resolves({});
  sm.on(PutSecretValueCommand).resolves({});
});

describe('Custom::CognitoClientSecretRotation', () => {
  test('create adds a secret and writes it to Secrets Manager only: not in Data nor in the log', async () => {
    listReturns(['s-1', 30]);
    const ctx = testContext();
    await expect(dispatch(createEvent(TYPE, props('1')), ctx, [clientSecretRotationModule])).resolves.toEqual({ PhysicalResourceId: idOf(1) });
    expect(cognito.commandCalls(AddUserPoolClientSecretCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: 'us-east-1_pool', ClientId: 'abc' }]);
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand)).toHaveLength(0);
    expect(sm.commandCalls(PutSecretValueCommand).map((c) => c.args[0].input)).toEqual([{
      SecretId: SECRET_ARN, SecretString: JSON.stringify({ clientId: 'abc', clientSecret: VALUE, clientSecretId: 's-new' }),
    }]);
    expect(ctx.lines.join('\n')).not.toContain(VALUE);
  });

  test('a rotation removes the older secret whose overlap ran out, keeps the newest: two live at most', async () => {
    listReturns(['s-old', 20], ['s-current', 10]);
    await run(updateEvent(TYPE, idOf(1), props('1'), props('2')));
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand).map((c) => c.args[0].input.ClientSecretId)).toEqual(['s-old']);
    expect(cognito.commandCalls(AddUserPoolClientSecretCommand)).toHaveLength(1);
  });

  test('a rotation while the previous one is still in its overlap is refused before any change', async () => {
    listReturns(['s-previous', 3], ['s-current', 1]);
    await expect(run(updateEvent(TYPE, idOf(2), props('2'), props('3')))).rejects.toThrow('already has 2 live secrets and the older one\'s overlap runs until');
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand)).toHaveLength(0);
    expect(cognito.commandCalls(AddUserPoolClientSecretCommand)).toHaveLength(0);
    expect(sm.calls()).toHaveLength(0);
  });

  test('a secret that could not be stored is removed again, so that the retry is not blocked by it', async () => {
    // GIVEN a client made in the same deployment (its first secret is in its overlap) and a
    // Secrets Manager write that fails (e.g. a key policy)
    listReturns(['s-1', 0]);
    sm.on(PutSecretValueCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    // WHEN the create fails
    await expect(run(createEvent(TYPE, props('1')))).rejects.toThrow('denied');
    // THEN the added secret, whose value nobody holds, is gone: a retry does not meet two live secrets
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: 'us-east-1_pool', ClientId: 'abc', ClientSecretId: 's-new' },
    ]);
  });

  test('a no-op update makes no call', async () => {
    await expect(run(updateEvent(TYPE, idOf(2), props('2'), props('2')))).resolves.toEqual({ PhysicalResourceId: idOf(2) });
    expect(cognito.calls()).toHaveLength(0);
    expect(sm.calls()).toHaveLength(0);
  });

  test('rollback (old/new swapped: a lower generation) makes no call and keeps the rotated secret', async () => {
    await expect(run(updateEvent(TYPE, idOf(2), props('2'), props('1')))).resolves.toEqual({ PhysicalResourceId: idOf(2) });
    expect(cognito.calls()).toHaveLength(0);
  });

  test('delete, and delete of a client already gone, make no call', async () => {
    await run(deleteEvent(TYPE, idOf(2), props('2')));
    expect(cognito.calls()).toHaveLength(0);
    expect(sm.calls()).toHaveLength(0);
  });
});

function run(event: any) {
  return dispatch(event, testContext(), [clientSecretRotationModule]);
}
