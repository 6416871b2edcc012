/**
 * Entry point of the custom-resource provider: routes each CloudFormation event to the
 * module that owns its resource type.
 */
export async function handler(event: { RequestType: string; ResourceType: string }): Promise<unknown> {
  throw new Error(`Unsupported resource type ${event.ResourceType} (${event.RequestType})`);
}
