/**
 * `Custom::CognitoSigningCertificate`: the pool's SAML signing certificate (GetSigningCertificate)
 * as the `Certificate` attribute, in PEM. Read-only: delete makes no call.
 */
import { GetSigningCertificateCommand } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, requireString } from '../shared/cfn-values';
import type { HandlerContext, RawProperties, ResourceModule, ResourceResult } from '../shared/types';

export const SIGNING_CERTIFICATE_RESOURCE_TYPE = 'Custom::CognitoSigningCertificate';

export interface SigningCertificateSpec {
  readonly userPoolId: string;
}

export const signingCertificateModule: ResourceModule<SigningCertificateSpec> = {
  resourceType: SIGNING_CERTIFICATE_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  onCreate: (props, ctx) => read(props, ctx),

  // CloudFormation keeps only the attributes of the latest response, so an update reads again.
  onUpdate: (props, _oldProps, _physicalId, ctx) => read(props, ctx),

  async onDelete() {
    // Nothing was created.
  },
};

/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = ['UserPoolId'] as const;

function parseSpec(raw: RawProperties, strict: boolean): SigningCertificateSpec {
  checkKnown(strict, raw, PROPERTIES);
  return { userPoolId: requireString(raw, 'UserPoolId') };
}

async function read(props: SigningCertificateSpec, ctx: HandlerContext): Promise<ResourceResult> {
  const res = await ctx.cognito.send('UserPoolResourceRead', new GetSigningCertificateCommand({ UserPoolId: props.userPoolId }));
  if (!res.Certificate) throw new Error(`User pool ${props.userPoolId} returned no signing certificate`);
  return {
    physicalId: `${props.userPoolId}/signing-certificate`,
    data: { Certificate: toPem(res.Certificate) },
  };
}

/** Cognito returns the DER certificate in base64 without PEM armour. */
export function toPem(base64: string): string {
  const body = base64.replace(/-----[A-Z ]+-----|\s/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----'].join('\n');
}
