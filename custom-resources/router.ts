/**
 * Routes a provider-framework event to the module that owns its resource type, and enforces
 * what every module must respect: physical ids, Data under 4 KB, errors without secrets.
 */
import { PropertyError } from './shared/cfn-values';
import type { HandlerContext, OnEventRequest, OnEventResponse, RawProperties, ResourceModule } from './shared/types';

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
  switch (event.RequestType) {
    case 'Create': {
      const props = mod.parse(withoutServiceToken(event.ResourceProperties));
      const result = await mod.onCreate(props, ctx);
      return respond(result.physicalId, result.data);
    }
    case 'Update': {
      const physicalId = requirePhysicalId(event);
      const props = mod.parse(withoutServiceToken(event.ResourceProperties));
      const oldProps = parseLeniently(mod, event.OldResourceProperties, 'Old properties', ctx);
      const result = await mod.onUpdate(props, oldProps, physicalId, ctx);
      return respond(result.physicalId, result.data);
    }
    case 'Delete': {
      // A Delete may carry an older version's properties, or a rejected update's (the delete of
      // the resource a failed replacement created): it must never fail on them.
      const physicalId = requirePhysicalId(event);
      const props = parseLeniently(mod, event.ResourceProperties, 'Properties of the Delete', ctx);
      await mod.onDelete(props, physicalId, ctx);
      return { PhysicalResourceId: physicalId };
    }
    default:
      throw new Error(`Unsupported request type ${(event as { RequestType: string }).RequestType}`);
  }
}

/**
 * Old properties (a rollback's rejected ones, an older library version's) are parsed leniently;
 * if even that fails, the module gets `undefined` and works from the live state. The log names
 * the property, never its value (old properties may hold what the new parse refused).
 */
function parseLeniently<P>(mod: ResourceModule<P>, raw: RawProperties | undefined, what: string, ctx: HandlerContext): P | undefined {
  try {
    const clean = withoutServiceToken(raw ?? {});
    return mod.parseOld ? mod.parseOld(clean) : mod.parse(clean);
  } catch (error) {
    const property = error instanceof PropertyError ? error.property : undefined;
    ctx.log.info(`${what} unusable${property ? ` (property ${property})` : ''}: converging from the live state`,
      { property, error: (error as Error)?.name });
    return undefined;
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
