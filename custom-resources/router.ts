/**
 * Routes a provider-framework event to the module that owns its resource type, and enforces
 * what every module must respect: physical ids, Data under 4 KB, errors without secrets.
 */
import type { HandlerContext, OnEventRequest, OnEventResponse, ResourceModule } from './shared/types';

/** CloudFormation rejects a custom-resource response over 4096 bytes; keep room for the envelope. */
export const MAX_DATA_BYTES = 3072;

export async function dispatch(
  event: OnEventRequest,
  ctx: HandlerContext,
  modules: ReadonlyArray<ResourceModule<any>>,
): Promise<OnEventResponse> {
  ctx.log.event(event);
  const mod = modules.find((m) => m.resourceType === event.ResourceType);
  if (!mod) throw new Error(`Unsupported resource type ${event.ResourceType}`);
  const started = Date.now();
  const scoped: HandlerContext = {
    ...ctx,
    resource: { stackId: event.StackId ?? '', logicalResourceId: event.LogicalResourceId ?? '', requestId: event.RequestId ?? '' },
  };
  try {
    const response = await run(mod, event, scoped);
    ctx.log.info(`${event.RequestType} ${event.ResourceType} done`, { ...response, ms: Date.now() - started });
    return response;
  } catch (error) {
    const err = error as Error;
    const message = ctx.log.redactText(err?.message ?? String(error));
    ctx.log.error(`${event.RequestType} ${event.ResourceType} failed`, { name: err?.name, message });
    // The framework reports the message to CloudFormation: it must not carry a secret either.
    const safe = new Error(message);
    safe.name = err?.name ?? 'Error';
    throw safe;
  }
}

async function run(mod: ResourceModule<any>, event: OnEventRequest, ctx: HandlerContext): Promise<OnEventResponse> {
  const props = mod.parse(withoutServiceToken(event.ResourceProperties));
  switch (event.RequestType) {
    case 'Create': {
      const result = await mod.onCreate(props, ctx);
      return respond(result.physicalId, result.data);
    }
    case 'Update': {
      const physicalId = requirePhysicalId(event);
      const oldProps = mod.parse(withoutServiceToken(event.OldResourceProperties ?? {}));
      const result = await mod.onUpdate(props, oldProps, physicalId, ctx);
      return respond(result.physicalId, result.data);
    }
    case 'Delete': {
      const physicalId = requirePhysicalId(event);
      await mod.onDelete(props, physicalId, ctx);
      return { PhysicalResourceId: physicalId };
    }
    default:
      throw new Error(`Unsupported request type ${(event as { RequestType: string }).RequestType}`);
  }
}

function respond(physicalId: string, data?: { [key: string]: string }): OnEventResponse {
  if (data === undefined) return { PhysicalResourceId: physicalId };
  const size = Buffer.byteLength(JSON.stringify(data), 'utf8');
  if (size > MAX_DATA_BYTES) {
    throw new Error(`Response Data is ${size} bytes; at most ${MAX_DATA_BYTES} fit CloudFormation's 4 KB response`);
  }
  return { PhysicalResourceId: physicalId, Data: data };
}

function requirePhysicalId(event: OnEventRequest): string {
  if (!event.PhysicalResourceId) throw new Error(`${event.RequestType} event without PhysicalResourceId`);
  return event.PhysicalResourceId;
}

function withoutServiceToken(props: { [key: string]: unknown }): { [key: string]: unknown } {
  const { ServiceToken: _token, ...rest } = props;
  return rest;
}
