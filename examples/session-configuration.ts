import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ClientSessionConfiguration, UserPool, UserPoolSessionConfiguration } from '../lib';

/** Session tracking with 5 sessions per user, and a client that reuses the SSO session for 8 hours. */
export class SessionConfigurationStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool');
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show session configuration; ThreatProtectionAndLogs shows the Plus tier.',
    });
    const client = userPool.addClient('Web');
    new UserPoolSessionConfiguration(this, 'Sessions', { userPool, sessionTracking: true, maxSessionsPerUser: 5 });
    new ClientSessionConfiguration(this, 'WebSessions', { userPool, client, ssoSessionReuse: Duration.hours(8) });
  }
}

export function addSessionConfiguration(app: App): Stack {
  return new SessionConfigurationStack(app, 'SessionConfiguration');
}
