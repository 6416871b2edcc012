import { CognitoIdentityProviderClient, GetSigningCertificateCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { dispatch } from '../../custom-resources/router';
import { signingCertificateModule, toPem } from '../../custom-resources/signing-certificate';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const TYPE = 'Custom::CognitoSigningCertificate';
const DER = 'A'.repeat(70);
const PEM = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n${'A'.repeat(6)}\n-----END CERTIFICATE-----`;
const run = (event: any) => dispatch(event, testContext(), [signingCertificateModule]);

beforeEach(() => {
  cognito.reset();
  cognito.on(GetSigningCertificateCommand).resolves({ Certificate: DER });
});

describe('Custom::CognitoSigningCertificate', () => {
  test('create returns the certificate in PEM as the Certificate attribute', async () => {
    await expect(run(createEvent(TYPE, { UserPoolId: 'us-east-1_a' }))).resolves.toEqual({
      PhysicalResourceId: 'us-east-1_a/signing-certificate', Data: { Certificate: PEM },
    });
    expect(cognito.commandCalls(GetSigningCertificateCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: 'us-east-1_a' }]);
  });

  test('an update (another pool, or its rollback) reads the certificate of the new pool once', async () => {
    const res = await run(updateEvent(TYPE, 'us-east-1_a/signing-certificate', { UserPoolId: 'us-east-1_a' }, { UserPoolId: 'us-east-1_b' }));
    expect(res).toEqual({ PhysicalResourceId: 'us-east-1_b/signing-certificate', Data: { Certificate: PEM } });
    expect(cognito.calls()).toHaveLength(1);
  });

  test('a pool without a certificate fails with a message', async () => {
    cognito.on(GetSigningCertificateCommand).resolves({});
    await expect(run(createEvent(TYPE, { UserPoolId: 'us-east-1_a' }))).rejects.toThrow('User pool us-east-1_a returned no signing certificate');
  });

  test('delete (the pool there or gone) makes no call', async () => {
    await run(deleteEvent(TYPE, 'us-east-1_a/signing-certificate', { UserPoolId: 'us-east-1_a' }));
    expect(cognito.calls()).toHaveLength(0);
  });

  test('toPem keeps an already armoured certificate intact', () => {
    expect(toPem(PEM)).toEqual(PEM);
  });
});
