/**
 * `Custom::CognitoHostedUiLogo`: the classic hosted UI's logo, through SetUICustomization
 * (CloudFormation's UICustomizationAttachment takes CSS only). The image is re-sent only when
 * its hash changes; the CSS in place is read first and sent back unchanged.
 */
import { GetUICustomizationCommand, SetUICustomizationCommand } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, optionalString, requireString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { readS3Object } from '../shared/s3-object';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';

export const HOSTED_UI_LOGO_RESOURCE_TYPE = 'Custom::CognitoHostedUiLogo';

export interface HostedUiLogoSpec {
  readonly userPoolId: string;
  /** An app client id, or `ALL` for the pool-wide default. */
  readonly clientId: string;
  readonly imageBucket: string;
  readonly imageKey: string;
  readonly imageHash: string;
  /** Changes when the logo must be sent again though the image did not (e.g. new CSS sent without it). */
  readonly refresh?: string;
}

export const hostedUiLogoModule: ResourceModule<HostedUiLogoSpec> = {
  resourceType: HOSTED_UI_LOGO_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  async onCreate(props, ctx) {
    await setLogo(props, await readS3Object({ bucket: props.imageBucket, key: props.imageKey }), ctx);
    return { physicalId: physicalId(props) };
  },

  async onUpdate(props, oldProps, currentId, ctx) {
    const target = physicalId(props);
    // Same pool and client, same image (a new asset location alone is no change): nothing to send.
    // Unknown previous image (unusable old properties): send the declared one.
    if (oldProps !== undefined && target === currentId && props.imageHash === oldProps.imageHash && props.refresh === oldProps.refresh) {
      return { physicalId: currentId };
    }
    await setLogo(props, await readS3Object({ bucket: props.imageBucket, key: props.imageKey }), ctx);
    // Another client is a replacement: CloudFormation then deletes the logo of the old one.
    return { physicalId: target };
  },

  async onDelete(props, currentId, ctx) {
    // Unusable properties: the physical id names the pool and the client.
    const target = props ?? fromPhysicalId(currentId);
    if (target === undefined) {
      ctx.log.info(`No logo to remove: ${currentId} names no pool and client`);
      return;
    }
    try {
      await removeLogo(target, ctx);
    } catch (error) {
      if (!isNotFound(error) && !isDomainGone(error)) throw error;
    }
  },
};

/**
 * SetUICustomization needs a domain on the pool. On stack deletion the domain may go first:
 * without it there is no hosted UI, so no logo left to remove.
 */
function isDomainGone(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'InvalidParameterException' && /existing domain/i.test(message ?? '');
}

/** Sets the logo, keeping the CSS already in place. */
async function setLogo(props: HostedUiLogoSpec, image: Uint8Array, ctx: HandlerContext): Promise<void> {
  const current = await ctx.cognito.send('UserPoolResourceRead', new GetUICustomizationCommand({
    UserPoolId: props.userPoolId, ClientId: props.clientId,
  }));
  await ctx.cognito.send('UserPoolResourceUpdate', new SetUICustomizationCommand({
    UserPoolId: props.userPoolId,
    ClientId: props.clientId,
    CSS: current.UICustomization?.CSS,
    ImageFile: image,
  }));
}

/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = ['UserPoolId', 'ClientId', 'ImageBucket', 'ImageKey', 'ImageHash', 'Refresh'] as const;

function parseSpec(raw: RawProperties, strict: boolean): HostedUiLogoSpec {
  checkKnown(strict, raw, PROPERTIES);
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    clientId: requireString(raw, 'ClientId'),
    imageBucket: requireString(raw, 'ImageBucket'),
    imageKey: requireString(raw, 'ImageKey'),
    imageHash: requireString(raw, 'ImageHash'),
    refresh: optionalString(raw, 'Refresh'),
  };
}

/** The pool and client named by a physical id `<pool>/<client>/hosted-ui-logo`. */
function fromPhysicalId(id: string): Pick<HostedUiLogoSpec, 'userPoolId' | 'clientId'> | undefined {
  const match = /^([^/]+)\/([^/]+)\/hosted-ui-logo$/.exec(id);
  return match ? { userPoolId: match[1], clientId: match[2] } : undefined;
}

/**
 * Removes the logo, keeping the CSS. With no logo in place, or when the client shows the pool's
 * customization (it has none of its own: the answer names another client), there is nothing of
 * this resource's to remove, and a write would change what the client shows.
 */
async function removeLogo(props: Pick<HostedUiLogoSpec, 'userPoolId' | 'clientId'>, ctx: HandlerContext): Promise<void> {
  const current = await ctx.cognito.send('UserPoolResourceRead', new GetUICustomizationCommand({
    UserPoolId: props.userPoolId, ClientId: props.clientId,
  }));
  const shown = current.UICustomization;
  if (!shown?.ImageUrl || (shown.ClientId !== undefined && shown.ClientId !== props.clientId)) {
    ctx.log.info(`Hosted-UI logo of ${props.clientId}: none of its own in place, nothing to remove`);
    return;
  }
  await ctx.cognito.send('UserPoolResourceUpdate', new SetUICustomizationCommand({
    UserPoolId: props.userPoolId,
    ClientId: props.clientId,
    CSS: shown.CSS,
  }));
}

function physicalId(props: HostedUiLogoSpec): string {
  return `${props.userPoolId}/${props.clientId}/hosted-ui-logo`;
}
