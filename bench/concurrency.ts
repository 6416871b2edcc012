/**
 * Concurrency: four `Users` of 250 in one stack, created at once (CloudFormation runs
 * independent custom resources concurrently), each by its own invocation of the bundled handler
 * with the function's environment and the resource's properties from the synthesized template,
 * against a proxy that throttles the UserCreation operations above Cognito's 50 a second
 * across all callers.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Users } from '../lib';
import { DEFAULT_STACK_QUOTA_SHARE } from '../lib/private/quota';
import { startCognitoLocal, testCognitoClient, useLocalEndpoints } from '../test/emulator/emulator';
import { startCountingProxy } from './counting-proxy';
import { bundledHandler } from './handler-harness';
import { Figure, verdict } from './stats';
import { countUsers } from './throughput';

const USER_CREATION = new Set(['SignUp', 'ConfirmSignUp', 'AdminCreateUser', 'AdminConfirmSignUp']);
const QUOTA = 50;

export interface ConcurrencyResult {
  readonly figures: Figure[];
  readonly notes: string[];
}

/** The handler's environment and each `Custom::CognitoUsers`'s properties, from a synthesized stack. */
export function synthesizeConcurrentUsers(resourceCount: number, usersEach: number) {
  const stack = new Stack(new App(), 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
  const pool = new cognito.UserPool(stack, 'Pool');
  for (let k = 0; k < resourceCount; k++) {
    new Users(stack, `Team${k}`, {
      userPool: pool,
      users: Array.from({ length: usersEach }, (_, i) => ({ username: `team${k}-user${i}`, email: `team${k}-user${i}@example.com`, sendInvitation: false })),
    });
  }
  const template = Template.fromStack(stack);
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } }));
  const resources = Object.entries(template.findResources('Custom::CognitoUsers')).map(([logicalId, r]) => {
    const { ServiceToken: _token, ...props } = r.Properties;
    return { logicalId, props: asDelivered(props) as { [key: string]: unknown } };
  });
  return { environment: fn.Properties.Environment.Variables as { [name: string]: string }, resources };
}

/** Scalars as CloudFormation delivers them to a custom resource: strings. */
function asDelivered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asDelivered);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asDelivered(v)]));
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

export async function benchConcurrency(resourceCount = 4, usersEach = 250): Promise<ConcurrencyResult> {
  const total = resourceCount * usersEach;
  const { environment, resources } = synthesizeConcurrentUsers(resourceCount, usersEach);
  const emulator = await startCognitoLocal();
  const proxy = await startCountingProxy(emulator.endpoint, { rate: QUOTA, operations: USER_CREATION });
  const cognitoClient = testCognitoClient(emulator.endpoint);
  try {
    const poolId = (await cognitoClient.send(new CreateUserPoolCommand({ PoolName: 'bench-concurrency' }))).UserPool!.Id!;
    useLocalEndpoints(proxy.endpoint, 'http://127.0.0.1:9');
    Object.assign(process.env, environment);
    const handler = bundledHandler();
    // The handler's log lines stay out of the output (one capture for all the invocations).
    const original = console.log;
    console.log = () => undefined;
    const started = Date.now();
    const results = await Promise.allSettled(resources.map((r) => handler({
      RequestType: 'Create',
      ResourceType: 'Custom::CognitoUsers',
      RequestId: `bench-${r.logicalId}`,
      LogicalResourceId: r.logicalId,
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Bench/1',
      ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned',
      ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider', ...r.props, UserPoolId: poolId },
    }))).finally(() => { console.log = original; });
    const seconds = (Date.now() - started) / 1000;
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String(((r as PromiseRejectedResult).reason as Error).message).split('\n')[0]);
    const inPool = await countUsers(cognitoClient, poolId);
    const throttled = proxy.throttled.get('AdminCreateUser') ?? 0;
    const share = total / seconds / QUOTA;
    const target = DEFAULT_STACK_QUOTA_SHARE;
    const figures: Figure[] = [
      {
        section: 'Concurrency', name: `${resourceCount} Users of ${usersEach} created at once: aggregate rate as a share of ${QUOTA}/s`,
        value: `${(share * 100).toFixed(1)}% (${(total / seconds).toFixed(1)} users/s, ${seconds.toFixed(1)} s)`,
        budget: `<= ${target * 100}% (the stack's share), >= ${target * 85}%`, verdict: verdict(share <= target && share >= target * 0.85),
      },
      {
        section: 'Concurrency', name: 'Failed users (Creates that threw; users missing from the pool)',
        value: `${failed.length} Create(s) failed${failed.length ? ` (${failed[0]})` : ''}; ${total - inPool} missing`,
        budget: '0', verdict: verdict(failed.length === 0 && inPool === total),
      },
      {
        section: 'Concurrency', name: 'Requests the proxy throttled (more than 50 AdminCreateUser a second)', value: String(throttled),
        budget: '0', verdict: verdict(throttled === 0),
      },
    ];
    const notes = [
      `Concurrency: the handler's environment from the template: COGNITO_QUOTA_SHARE=${environment.COGNITO_QUOTA_SHARE}, `
        + `COGNITO_QUOTA_CONCURRENCY=${environment.COGNITO_QUOTA_CONCURRENCY}; AdminCreateUser forwarded: ${proxy.forwarded.get('AdminCreateUser') ?? 0}; throttled: ${throttled}.`,
    ];
    return { figures, notes };
  } finally {
    cognitoClient.destroy();
    await proxy.stop();
    await emulator.stop();
  }
}

if (require.main === module) {
  benchConcurrency().then((r) => console.log(JSON.stringify(r, undefined, 2)));
}
