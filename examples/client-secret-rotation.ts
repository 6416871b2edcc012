import { App, CfnOutput, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ClientSecretRotation, ResourceServerScope, UserPool } from '../lib';

/**
 * A confidential client whose secret is rotated by raising `generation`, with a 3-day overlap.
 * The application reads the current secret from `rotation.secret` (its `AWSCURRENT` version).
 */
export class ClientSecretRotationStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool');
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show client secret rotation; ThreatProtectionAndLogs shows the Plus tier.',
    });
    // A machine-to-machine client: the client-credentials grant needs a resource-server scope.
    const read = new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read access' });
    const api = userPool.addResourceServer('Api', { identifier: 'api', scopes: [read] });
    const client = userPool.addClient('Backend', {
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(api, read)] },
    });
    // Raise `generation` to rotate at the next deployment; the previous secret keeps working for
    // 3 days from then, and a second rotation within those 3 days is refused.
    const rotation = new ClientSecretRotation(this, 'SecretRotation', { userPool, client, generation: 1, overlap: Duration.days(3) });
    new CfnOutput(this, 'ClientSecretArn', { value: rotation.secret.secretArn });
  }
}

export function addClientSecretRotation(app: App): Stack {
  return new ClientSecretRotationStack(app, 'ClientSecretRotation');
}
