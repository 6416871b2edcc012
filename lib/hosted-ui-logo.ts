import * as fs from 'fs';
import * as path from 'path';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Lazy, RemovalPolicy } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { HOSTED_UI_LOGO_ACTIONS } from './private/cognito-actions';
import { describeImageContent, imageTypeOf } from './private/image-type';
import { CognitoProvider } from './private/provider';
import { checkClientOfPool } from './private/same-pool';
import { claimSetting } from './private/single-owner';
import { checkOneOf, fail } from './private/validation';
import { A_STRING, AN_IUSER_POOL, checkRemovalPolicy, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Options of {@link HostedUiLogo}. */
export interface HostedUiLogoOptions {
  /** A PNG or JPEG file, at most 100 KB. */
  readonly imagePath: string;
  /**
   * The app client whose hosted UI shows the logo.
   * @default - every client of the pool (`ALL`)
   */
  readonly client?: cognito.IUserPoolClient;
  /**
   * What removing this construct (or moving it to another client) does to the logo: DESTROY
   * removes it (the CSS stays), RETAIN leaves it in place (set it before handing the logo over
   * to another construct or stack).
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of {@link HostedUiLogo}. */
export interface HostedUiLogoProps extends HostedUiLogoOptions {
  /** The pool; it needs a domain for the hosted UI. */
  readonly userPool: cognito.IUserPool;
}

/** SetUICustomization's limit on the image file. */
const MAX_IMAGE_BYTES = 100 * 1024;
const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

/**
 * The classic hosted UI's logo, through SetUICustomization (CloudFormation's UI customization
 * attachment takes CSS only). The image is uploaded as an asset and sent again only when its
 * content changes; the CSS in place is kept. One per client (or pool-wide default) in an app.
 */
export class HostedUiLogo extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.HostedUiLogo';
  /** The hash of the image content: the logo is sent again when it changes. */
  public readonly imageHash: string;
  private readonly refreshes: string[] = [];

  constructor(scope: Construct, id: string, props: HostedUiLogoProps) {
    props = applyPropertyInjectors(scope, id, props, HostedUiLogo.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, imagePath: A_STRING });
    checkRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    checkOneOf(this, 'imagePath extension', path.extname(props.imagePath).toLowerCase(), IMAGE_EXTENSIONS);
    if (!fs.existsSync(props.imagePath)) fail(this, 'imagePath', props.imagePath, 'an existing PNG or JPEG file');
    const size = fs.statSync(props.imagePath).size;
    if (size > MAX_IMAGE_BYTES) fail(this, 'imagePath', `${props.imagePath} (${size} bytes)`, `an image of at most ${MAX_IMAGE_BYTES} bytes`);
    const named = path.extname(props.imagePath).toLowerCase() === '.png' ? 'PNG' : 'JPEG';
    const content = imageTypeOf(fs.readFileSync(props.imagePath));
    if (content !== named) {
      fail(this, 'imagePath', `${path.basename(props.imagePath)} (${describeImageContent(content)})`, `a ${named} image, as the file name says`);
    }

    if (props.client) checkClientOfPool(this, props.client, props.userPool);
    claimSetting(this, {
      kind: 'hosted-UI logo',
      setting: props.client ? `the hosted-UI logo of the client ${props.client.node.path}` : `the pool-wide hosted-UI logo of the pool ${props.userPool.node.path}`,
      key: `${props.userPool.userPoolId}\n${props.client?.userPoolClientId ?? 'ALL'}`,
      property: props.client ? 'client' : 'userPool',
      value: (props.client ?? props.userPool).node.path,
    });
    const image = new s3assets.Asset(this, 'Image', { path: props.imagePath });
    this.imageHash = image.assetHash;
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, HOSTED_UI_LOGO_ACTIONS);
    // GetObject of this one object only (grantRead would add List/GetBucket wildcards).
    provider.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [image.bucket.arnForObjects(image.s3ObjectKey)] }));
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoHostedUiLogo',
      removalPolicy: props.removalPolicy,
      properties: {
        UserPoolId: props.userPool.userPoolId,
        ClientId: props.client?.userPoolClientId ?? 'ALL',
        ImageBucket: image.s3BucketName,
        ImageKey: image.s3ObjectKey,
        ImageHash: image.assetHash,
        Refresh: Lazy.string({ produce: () => (this.refreshes.length > 0 ? this.refreshes.join('|') : undefined) }),
      },
    });
  }

  /**
   * Applies the logo after `other` (for example the hosted-UI CSS attachment, which calls
   * SetUICustomization without the image) and sends it again whenever `fingerprint` changes
   * (for example a hash of that CSS).
   */
  public reapplyAfter(other: IConstruct, fingerprint: string): void {
    this.node.addDependency(other);
    this.refreshes.push(fingerprint);
  }
}
