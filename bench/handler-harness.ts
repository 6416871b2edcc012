/**
 * Drives the bundled handler (assets/handler/index.js) with CloudFormation-style events, as
 * the provider framework's onEvent would, with the handler's log lines kept out of the
 * benchmark's output (the last ones are shown if a call fails).
 */
import * as path from 'path';

type Handler = (event: unknown) => Promise<{ PhysicalResourceId?: string; Data?: unknown }>;

const SERVICE_TOKEN = 'arn:aws:lambda:us-east-1:111111111111:function:provider';
let seq = 0;

export function bundledHandler(): Handler {
  return require(path.join(__dirname, '..', 'assets', 'handler', 'index.js')).handler;
}

/** Calls the handler with its console output captured; rethrows with the last lines on failure. */
export async function invoke(handler: Handler, event: object): Promise<{ PhysicalResourceId?: string }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => { lines.push(args.join(' ')); };
  try {
    return await handler(event);
  } catch (error) {
    (error as Error).message += `\nlast handler log lines:\n${lines.slice(-5).join('\n')}`;
    throw error;
  } finally {
    console.log = original;
  }
}

export function createEvent(resourceType: string, props: object): object {
  return baseEvent('Create', resourceType, props);
}

export function updateEvent(resourceType: string, physicalId: string, oldProps: object, props: object): object {
  return {
    ...baseEvent('Update', resourceType, props),
    PhysicalResourceId: physicalId,
    OldResourceProperties: { ServiceToken: SERVICE_TOKEN, ...oldProps },
  };
}

function baseEvent(requestType: string, resourceType: string, props: object) {
  return {
    RequestType: requestType,
    ResourceType: resourceType,
    RequestId: `bench-${++seq}`,
    LogicalResourceId: 'Users',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Bench/1',
    ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned',
    ResourceProperties: { ServiceToken: SERVICE_TOKEN, ...props },
  };
}

/** `count` declared users `prefix0..`, as the `Users` construct renders them (no invitation). */
export function declaredUsers(prefix: string, count: number): object[] {
  return Array.from({ length: count }, (_, i) => ({
    Username: `${prefix}${i}`,
    Attributes: { email: `${prefix}${i}@example.com`, email_verified: 'true' },
    MessageAction: 'SUPPRESS',
  }));
}
