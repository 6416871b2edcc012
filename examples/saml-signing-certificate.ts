import { App, CfnOutput, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SigningCertificate, UserPool } from '../lib';

/** The pool's SAML signing certificate (PEM) as a stack output, for the SAML IdP's administrator. */
export class SamlSigningCertificateStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool');
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show the SAML signing certificate; ThreatProtectionAndLogs shows the Plus tier.',
    });
    const signing = new SigningCertificate(this, 'SigningCertificate', { userPool });
    new CfnOutput(this, 'SamlSigningCertificate', { value: signing.certificate });
  }
}

export function addSamlSigningCertificate(app: App): Stack {
  return new SamlSigningCertificateStack(app, 'SamlSigningCertificate');
}
