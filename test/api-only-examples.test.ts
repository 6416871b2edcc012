// The API-only examples: each declares the custom resource it is about. cdk-nag checks them
// with every other example in examples-nag.test.ts.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addClientSecretRotation } from '../examples/client-secret-rotation';
import { addEmailOnlyMfa } from '../examples/email-only-mfa';
import { addHostedUiLogo } from '../examples/hosted-ui-logo';
import { addImmutableSettingsGuard } from '../examples/immutable-settings-guard';
import { addLiveCustomAttributes } from '../examples/live-custom-attributes';
import { addProvisionedLimits } from '../examples/provisioned-limits';
import { addSamlSigningCertificate } from '../examples/saml-signing-certificate';
import { addSessionConfiguration } from '../examples/session-configuration';
import { addUserImport } from '../examples/user-import';

const examples: Array<[string, (app: App) => Stack, string]> = [
  ['LiveCustomAttributes', addLiveCustomAttributes, 'Custom::CognitoCustomAttributes'],
  ['SamlSigningCertificate', addSamlSigningCertificate, 'Custom::CognitoSigningCertificate'],
  ['EmailOnlyMfa', addEmailOnlyMfa, 'Custom::CognitoUserPoolMfa'],
  ['HostedUiLogo', addHostedUiLogo, 'Custom::CognitoHostedUiLogo'],
  ['ImmutableSettingsGuard', addImmutableSettingsGuard, 'Custom::CognitoImmutableSettingsGuard'],
  ['ClientSecretRotation', addClientSecretRotation, 'Custom::CognitoClientSecretRotation'],
  ['SessionConfiguration', addSessionConfiguration, 'Custom::CognitoClientSessionConfiguration'],
  ['ProvisionedLimits', addProvisionedLimits, 'Custom::CognitoProvisionedLimit'],
  ['UserImport', addUserImport, 'Custom::CognitoUserImportJob'],
];

test.each(examples)('example %s declares its custom resource', (_name, add, resourceType) => {
  const template = Template.fromStack(add(new App()));
  expect(Object.keys(template.findResources(resourceType)).length).toBeGreaterThan(0);
});
