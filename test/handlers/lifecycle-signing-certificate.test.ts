// Lifecycle matrix of Custom::CognitoSigningCertificate (issue 10, "How it is proven"). It only
// reads; cognito-local has no GetSigningCertificate, so the events go through the router (real
// parse and routing) to a stateful fake that also proves no phase writes anything.
import { CognitoIdentityProviderClient, GetSigningCertificateCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { MODULES } from '../../custom-resources/modules';
import { dispatch } from '../../custom-resources/router';
import { signingCertificateModule } from '../../custom-resources/signing-certificate';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';
import { awsError, installFake } from './lifecycle-fake';

const TYPE = 'Custom::CognitoSigningCertificate';
const mock = mockClient(CognitoIdentityProviderClient);
const certificates = new Map<string, string>();
const fake = installFake(mock, [
  [GetSigningCertificateCommand, (input) => {
    const certificate = certificates.get(input.UserPoolId);
    if (!certificate) throw awsError('ResourceNotFoundException', `User pool ${input.UserPoolId} does not exist.`);
    return { Certificate: certificate };
  }],
]);
const OP = 'GetSigningCertificate';
const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
const run = (event: any) => dispatch(event, testContext(), MODULES);
const props = (pool = 'us-east-1_a') => ({ UserPoolId: pool });
const A = { PhysicalResourceId: 'us-east-1_a/signing-certificate', Data: { Certificate: pem('QUFB') } };
const B = { PhysicalResourceId: 'us-east-1_b/signing-certificate', Data: { Certificate: pem('QkJC') } };

beforeEach(() => {
  fake.reset();
  mock.resetHistory();
  certificates.clear();
  certificates.set('us-east-1_a', 'QUFB');
  certificates.set('us-east-1_b', 'QkJC');
});
// Every call any phase made was a GetSigningCertificate: nothing is ever written.
afterEach(() => expect(mock.calls().map((c) => (c.args[0] as any).constructor.name)).toEqual(fake.calls.map(() => 'GetSigningCertificateCommand')));

describe('create', () => {
  test('returns the certificate; the retried Create returns the same id and attribute', async () => {
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual(A);
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual(A);
    expect(fake.inputs(OP)).toEqual([{ UserPoolId: 'us-east-1_a' }, { UserPoolId: 'us-east-1_a' }]);
  });

  test('a 500 on the read is retried', async () => {
    fake.faults.lose = (_op, _i, nth) => nth === 1;
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual(A);
    expect(fake.operations()).toEqual([OP, OP]);
  });

  test('the failed-Create path: a Create that fails (or whose Lambda is killed) wrote nothing; the next attempt succeeds', async () => {
    fake.faults.inject = (_op, _i, nth) => (nth === 1 ? 'SimulatedLambdaTimeout' : undefined);
    await expect(run(createEvent(TYPE, props()))).rejects.toThrow('Injected SimulatedLambdaTimeout');
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual(A);
    await expect(run(createEvent(TYPE, props('us-east-1_gone')))).rejects.toThrow('User pool us-east-1_gone does not exist.');
  });
});

describe('update', () => {
  test('a no-op update reads again (CloudFormation keeps only the latest attributes) and writes nothing', async () => {
    await expect(run(updateEvent(TYPE, A.PhysicalResourceId, props(), props()))).resolves.toEqual(A);
    expect(fake.operations()).toEqual([OP]);
  });

  test('pool replacement: the new pool\'s certificate under a new id', async () => {
    await expect(run(updateEvent(TYPE, A.PhysicalResourceId, props(), props('us-east-1_b')))).resolves.toEqual(B);
  });

  test('a failure on the 1st call, then the rollback under the old id; killed, then the same update again', async () => {
    fake.faults.inject = (_op, _i, nth) => (nth === 1 ? 'InvalidParameterException' : undefined);
    await expect(run(updateEvent(TYPE, A.PhysicalResourceId, props(), props('us-east-1_b')))).rejects.toThrow('Injected InvalidParameterException');
    await expect(run(updateEvent(TYPE, A.PhysicalResourceId, props('us-east-1_b'), props()))).resolves.toEqual(A);
    fake.faults.inject = (_op, _i, nth) => (nth === 3 ? 'SimulatedLambdaTimeout' : undefined);
    await expect(run(updateEvent(TYPE, A.PhysicalResourceId, props(), props('us-east-1_b')))).rejects.toThrow('Injected SimulatedLambdaTimeout');
    await expect(run(updateEvent(TYPE, A.PhysicalResourceId, props(), props('us-east-1_b')))).resolves.toEqual(B);
  });

  test('an update from properties an older version wrote, and from unusable ones', async () => {
    // Its properties have not changed since the first version: an update from them reads again.
    await expect(run(updateEvent(TYPE, A.PhysicalResourceId, { UserPoolId: 'us-east-1_a' }, props()))).resolves.toEqual(A);
    await expect(signingCertificateModule.onUpdate(signingCertificateModule.parse(props()), undefined as any, A.PhysicalResourceId, testContext()))
      .resolves.toEqual({ physicalId: A.PhysicalResourceId, data: A.Data });
  });
});

describe('delete', () => {
  test('makes no call, with the pool there or already gone', async () => {
    await expect(run(deleteEvent(TYPE, A.PhysicalResourceId, props()))).resolves.toEqual({ PhysicalResourceId: A.PhysicalResourceId });
    certificates.delete('us-east-1_a');
    await expect(run(deleteEvent(TYPE, A.PhysicalResourceId, props()))).resolves.toEqual({ PhysicalResourceId: A.PhysicalResourceId });
    expect(fake.calls).toEqual([]);
  });
});
