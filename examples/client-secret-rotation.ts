import { App, CfnOutput, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ClientSecretRotation, ResourceServerScope, UserPool } from '../lib';

/**
 * A confidential client whose secret rotates every 30 days on a Secrets Manager schedule (and
 * also when `generation` is raised), with a 3-day overlap. The application reads the current
 * secret from `rotation.secret` (its `AWSCURRENT` version).
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
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'client-secret-rotation-example' } });
    // Secrets Manager rotates every 30 days; its test step requests a client-credentials token at
    // the domain with the new secret before making it current. The previous secret keeps working
    // for 3 days, then the hourly clean-up removes it. Raising `generation` rotates at the next
    // deployment too.
    const rotation = new ClientSecretRotation(this, 'SecretRotation', {
      userPool, client, generation: 1, overlap: Duration.days(3),
      rotationSchedule: { automaticallyAfter: Duration.days(30), domain },
    });
    new CfnOutput(this, 'ClientSecretArn', { value: rotation.secret.secretArn });
  }
}

export function addClientSecretRotation(app: App): Stack {
  return new ClientSecretRotationStack(app, 'ClientSecretRotation');
}
