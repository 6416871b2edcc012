import * as path from 'path';
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HostedUiLogo, UserPool } from '../lib';

/** The classic hosted UI's logo for one app client, re-sent only when the image changes. */
export class HostedUiLogoStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool');
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show the classic hosted UI logo; ThreatProtectionAndLogs shows the Plus tier.',
    });
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-logo' } });
    const client = userPool.addClient('Web', { oAuth: { callbackUrls: ['https://app.example.com/callback'] } });
    const logo = new HostedUiLogo(this, 'Logo', { userPool, client, imagePath: path.join(__dirname, 'files', 'logo.png') });
    // SetUICustomization needs the hosted UI's domain.
    logo.node.addDependency(domain);
  }
}

export function addHostedUiLogo(app: App): Stack {
  return new HostedUiLogoStack(app, 'HostedUiLogo');
}
