// Test helpers for handler modules: a context whose waits are instant and whose log lines are
// captured, and builders for provider-framework events.
import { Logger } from '../../custom-resources/shared/log';
import { createContext } from '../../custom-resources/shared/context';
import type { Clock } from '../../custom-resources/shared/rate-budget';
import type { HandlerContext, OnEventRequest, RawProperties } from '../../custom-resources/shared/types';

export interface TestContext extends HandlerContext {
  readonly lines: string[];
  readonly sleeps: number[];
}

/** A context with a virtual clock: sleeps advance time instead of waiting. */
export function testContext(): TestContext {
  const lines: string[] = [];
  const sleeps: number[] = [];
  let now = 0;
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => { sleeps.push(ms); now += ms; },
  };
  const ctx = createContext({ clock, logger: new Logger((line) => lines.push(line)) });
  return { ...ctx, lines, sleeps };
}

export function createEvent(resourceType: string, props: RawProperties): OnEventRequest {
  return { ...base(resourceType), RequestType: 'Create', ResourceProperties: { ServiceToken: 'arn:token', ...props } };
}

export function updateEvent(resourceType: string, physicalId: string, oldProps: RawProperties, props: RawProperties): OnEventRequest {
  return {
    ...base(resourceType),
    RequestType: 'Update',
    PhysicalResourceId: physicalId,
    ResourceProperties: { ServiceToken: 'arn:token', ...props },
    OldResourceProperties: { ServiceToken: 'arn:token', ...oldProps },
  };
}

export function deleteEvent(resourceType: string, physicalId: string, props: RawProperties): OnEventRequest {
  return { ...base(resourceType), RequestType: 'Delete', PhysicalResourceId: physicalId, ResourceProperties: { ServiceToken: 'arn:token', ...props } };
}

function base(resourceType: string) {
  return {
    ResourceType: resourceType,
    LogicalResourceId: 'Resource',
    RequestId: 'request-1',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1',
    ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned?X-Amz-Signature=abc',
  };
}
