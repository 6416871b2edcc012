// The API-only examples: each synthesizes, passes cdk-nag's AwsSolutions pack for what this
// library adds (the pool's own findings belong to UserPool), and puts no secret in a template.
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
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

/** The paths and rules of the cdk-nag errors of a synth (none: an empty list). */
function nagFindings(app: App): string[] {
  try {
    app.synth();
    return [];
  } catch (error) {
    const lines = String((error as Error).message).split('\n');
    const findings: string[] = [];
    lines.forEach((line, i) => {
      const rule = /Acknowledge with 'AwsSolutions::(AwsSolutions-[A-Z0-9]+)/.exec(line);
      if (rule) findings.push(`${lines[i - 1].trim().split(' ')[0]} ${rule[1]}`);
    });
    if (findings.length === 0) throw error;
    return findings;
  }
}

describe.each(examples)('example %s', (_name, add, resourceType) => {
  test('declares its custom resource and passes cdk-nag for everything but the pool itself', () => {
    const template = Template.fromStack(add(new App()));
    expect(Object.keys(template.findResources(resourceType)).length).toBeGreaterThan(0);
    const checked = new App();
    Validations.of(checked).addPlugins(new AwsSolutionsChecks(checked));
    add(checked);
    // The pool's password policy and feature plan are UserPool's defaults, reviewed with it.
    const ours = nagFindings(checked).filter((f) => !/\/Pool\/Resource AwsSolutions-COG[18]$/.test(f));
    expect(ours).toEqual([]);
  });
});
