// One rate budget per stack: four `Users` of one stack, created at once (as CloudFormation runs
// independent custom resources) by the bundled handler with the environment and the properties
// of the synthesized template, against a proxy that throttles AdminCreateUser above Cognito's
// 50 a second across all callers.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cdkCognito from 'aws-cdk-lib/aws-cognito';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Users } from '../../lib';
import { bundledHandler, FaultProxy, seededRandom, Service, startCognitoLocal, startFaultProxy, testCognitoClient, useLocalEndpoints } from './emulator';

/** The default share of each quota the stack's custom resources spend together. */
const STACK_SHARE = 0.5;
const QUOTA = 50;

let cognitoLocal: Service;
let proxy: FaultProxy;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  cognitoLocal = await startCognitoLocal();
  proxy = await startFaultProxy(cognitoLocal.endpoint, {
    faultRate: 0,
    random: seededRandom(10),
    rateLimit: { operations: new Set(['AdminCreateUser']), perSecond: QUOTA },
  });
  cognito = testCognitoClient(cognitoLocal.endpoint);
});

afterAll(async () => {
  cognito?.destroy();
  await Promise.all([proxy?.stop(), cognitoLocal?.stop()]);
});

/** Scalars as CloudFormation delivers them to a custom resource: strings. */
function asDelivered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asDelivered);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asDelivered(v)]));
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

async function listUsernames(userPoolId: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
    names.push(...(page.Users ?? []).map((u) => u.Username!));
    token = page.PaginationToken;
  } while (token);
  return names.sort();
}

test('four Users of 250 created at once stay within the stack\'s share together: no throttling, no failed user', async () => {
  // GIVEN a stack (default quota share) with four independent Users of 250
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const pool = new cdkCognito.UserPool(stack, 'Pool');
  const declared: string[] = [];
  for (let k = 0; k < 4; k++) {
    const users = Array.from({ length: 250 }, (_, i) => ({ username: `team${k}-user${i}`, email: `team${k}-user${i}@example.com`, sendInvitation: false }));
    declared.push(...users.map((u) => u.username));
    new Users(stack, `Team${k}`, { userPool: pool, users });
  }
  const template = Template.fromStack(stack);
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } }));
  const resources = template.findResources('Custom::CognitoUsers');
  expect(fn.Properties.Environment.Variables.COGNITO_QUOTA_CONCURRENCY).toBe(JSON.stringify({
    '*': 4, 'UserPoolRead': 4, 'UserPoolResourceUpdate': 4, 'UserCreation': 4, 'UserUpdate': 4, 'UserAccountRecovery': 4, 'UserRead': 4,
    'UserList': 4, 'SecretsManager': 4,
  }));

  // WHEN CloudFormation creates the four at once, each in its own invocation with the function's environment
  const userPoolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'concurrency' }))).UserPool!.Id!;
  useLocalEndpoints(proxy.endpoint, 'http://127.0.0.1:9');
  Object.assign(process.env, fn.Properties.Environment.Variables);
  const handler = bundledHandler();
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const started = Date.now();
  const results = await Promise.allSettled(Object.entries(resources).map(([logicalId, resource]) => {
    const { ServiceToken: _token, ...props } = resource.Properties;
    return handler({
      RequestType: 'Create',
      ResourceType: 'Custom::CognitoUsers',
      RequestId: `req-${logicalId}`,
      LogicalResourceId: logicalId,
      StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Stack/1',
      ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned',
      ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:provider', ...(asDelivered(props) as object), UserPoolId: userPoolId },
    });
  }));
  const seconds = (Date.now() - started) / 1000;
  log.mockRestore();

  // THEN every Create succeeded and the pool holds exactly the 1,000 declared users
  expect(results.map((r) => r.status === 'fulfilled' ? r.value : String(r.reason))).toEqual(
    Array.from({ length: 4 }, () => ({ PhysicalResourceId: `${userPoolId}/users` })));
  expect(await listUsernames(userPoolId)).toEqual(declared.sort());
  // no request was throttled: in no second did more than 50 arrive (each invocation alone would
  // have spent 90% of 50 a second before the budget was shared: 180 together)
  expect(proxy.faults.rateLimited).toBe(0);
  const times = proxy.rateLimitedForwards;
  expect(times).toHaveLength(1000);
  const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
  expect(busiest).toBeLessThanOrEqual(QUOTA);
  // and over the whole Create, the aggregate rate stayed within the stack's share
  expect(1000 / seconds).toBeLessThanOrEqual(STACK_SHARE * QUOTA);
}, 180_000);
