import * as path from 'path';
import { MODULES } from '../../custom-resources/modules';
import { WAITERS } from '../../custom-resources/waiter';

test.each([
  'Custom::CognitoCustomAttributes', 'Custom::CognitoSigningCertificate', 'Custom::CognitoUserPoolMfa', 'Custom::CognitoHostedUiLogo',
  'Custom::CognitoImmutableSettingsGuard', 'Custom::CognitoClientSecretRotation', 'Custom::CognitoUserPoolSessionConfiguration',
  'Custom::CognitoClientSessionConfiguration', 'Custom::CognitoProvisionedLimit', 'Custom::CognitoUserImportJob',
])('the handler routes %s', (resourceType) => {
  expect(MODULES.filter((m) => m.resourceType === resourceType)).toHaveLength(1);
});

test('the waiter serves user import jobs, and its bundle exports isComplete', () => {
  expect(WAITERS.map((w) => w.resourceType)).toEqual(['Custom::CognitoUserImportJob']);
  const bundle = require(path.join(__dirname, '..', '..', 'assets', 'waiter', 'index.js'));
  expect(typeof bundle.isComplete).toBe('function');
});
