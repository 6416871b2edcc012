import * as fs from 'fs';
import * as path from 'path';
import { Resource, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { anImage, describeImageContent, imageTypeOf } from './private/image-type';
import { allConstructs, sameResource } from './private/pool-facts';
import { checkMaxItems, checkPattern, fail } from './private/validation';
import { AN_IUSER_POOL, AN_IUSER_POOL_CLIENT, checkEnumMember, enumOf, requireProp, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Where an image appears in managed login. */
export enum ManagedLoginAssetCategory {
  /** Favicon in ICO format. */
  FAVICON_ICO = 'FAVICON_ICO',
  /** Favicon in SVG format. */
  FAVICON_SVG = 'FAVICON_SVG',
  /** Graphic of the email MFA page. */
  EMAIL_GRAPHIC = 'EMAIL_GRAPHIC',
  /** Graphic of the SMS MFA page. */
  SMS_GRAPHIC = 'SMS_GRAPHIC',
  /** Graphic of the authenticator-app page. */
  AUTH_APP_GRAPHIC = 'AUTH_APP_GRAPHIC',
  /** Graphic of the password page. */
  PASSWORD_GRAPHIC = 'PASSWORD_GRAPHIC',
  /** Graphic of the passkey page. */
  PASSKEY_GRAPHIC = 'PASSKEY_GRAPHIC',
  /** Logo in the page header. */
  PAGE_HEADER_LOGO = 'PAGE_HEADER_LOGO',
  /** Background of the page header. */
  PAGE_HEADER_BACKGROUND = 'PAGE_HEADER_BACKGROUND',
  /** Logo in the page footer. */
  PAGE_FOOTER_LOGO = 'PAGE_FOOTER_LOGO',
  /** Background of the page footer. */
  PAGE_FOOTER_BACKGROUND = 'PAGE_FOOTER_BACKGROUND',
  /** Background of the page. */
  PAGE_BACKGROUND = 'PAGE_BACKGROUND',
  /** Background of the sign-in form. */
  FORM_BACKGROUND = 'FORM_BACKGROUND',
  /** Logo on the sign-in form. */
  FORM_LOGO = 'FORM_LOGO',
  /** Icon of the identity-provider buttons. */
  IDP_BUTTON_ICON = 'IDP_BUTTON_ICON',
}

/** The display mode an asset or a color scheme targets. */
export enum ManagedLoginColorMode {
  /** Light mode. */
  LIGHT = 'LIGHT',
  /** Dark mode. */
  DARK = 'DARK',
  /** Follows the browser setting (assets: shown in every mode). */
  DYNAMIC = 'DYNAMIC',
}

/** The file type of an asset. */
export enum ManagedLoginAssetExtension {
  /** ICO (favicons only). */
  ICO = 'ICO',
  /** JPEG. */
  JPEG = 'JPEG',
  /** PNG. */
  PNG = 'PNG',
  /** SVG. */
  SVG = 'SVG',
  /** WebP. */
  WEBP = 'WEBP',
}

/** An image of a branding style, read from a file at synth time. */
export interface ManagedLoginAsset {
  /** Where the image appears. */
  readonly category: ManagedLoginAssetCategory;
  /** The display mode it is for. */
  readonly colorMode: ManagedLoginColorMode;
  /** Path of the image file (at most 1,000,000 characters once Base64-encoded). */
  readonly file: string;
  /**
   * The file type.
   * @default - from the file name (.ico, .jpg/.jpeg, .png, .svg, .webp)
   */
  readonly extension?: ManagedLoginAssetExtension;
  /**
   * An ID for the asset (1 to 40 letters, digits, spaces, `_` or `-`).
   * @default - none
   */
  readonly resourceId?: string;
}

/** Horizontal position of the sign-in form. */
export enum ManagedLoginFormHorizontalAlignment {
  /** Left. */
  LEFT = 'LEFT',
  /** Center. */
  CENTER = 'CENTER',
  /** Right. */
  RIGHT = 'RIGHT',
}

/** Vertical position of the sign-in form. */
export enum ManagedLoginFormVerticalAlignment {
  /** Top. */
  TOP = 'TOP',
  /** Center. */
  CENTER = 'CENTER',
  /** Bottom. */
  BOTTOM = 'BOTTOM',
}

/** Spacing between page elements. */
export enum ManagedLoginSpacingDensity {
  /** Compact. */
  COMPACT = 'COMPACT',
  /** Regular. */
  REGULAR = 'REGULAR',
  /** Spacious. */
  SPACIOUS = 'SPACIOUS',
}

/** A color for light and dark mode, as `#rrggbb`, `rrggbb` or `rrggbbaa` hex. */
export interface ManagedLoginColor {
  /**
   * The color in light mode.
   * @default - Cognito's default
   */
  readonly light?: string;
  /**
   * The color in dark mode.
   * @default - Cognito's default
   */
  readonly dark?: string;
}

/** Typed helpers for the most common branding settings. */
export interface ManagedLoginStyle {
  /**
   * Light, dark or browser-adaptive pages.
   * @default - Cognito's default
   */
  readonly colorScheme?: ManagedLoginColorMode;
  /**
   * Spacing between elements.
   * @default - Cognito's default
   */
  readonly spacingDensity?: ManagedLoginSpacingDensity;
  /**
   * Horizontal position of the form.
   * @default - Cognito's default
   */
  readonly formHorizontalAlignment?: ManagedLoginFormHorizontalAlignment;
  /**
   * Vertical position of the form.
   * @default - Cognito's default
   */
  readonly formVerticalAlignment?: ManagedLoginFormVerticalAlignment;
  /**
   * Page background color.
   * @default - Cognito's default
   */
  readonly pageBackgroundColor?: ManagedLoginColor;
  /**
   * Form background color.
   * @default - Cognito's default
   */
  readonly formBackgroundColor?: ManagedLoginColor;
  /**
   * Primary button background color.
   * @default - Cognito's default
   */
  readonly primaryButtonColor?: ManagedLoginColor;
  /**
   * Primary button text color.
   * @default - Cognito's default
   */
  readonly primaryButtonTextColor?: ManagedLoginColor;
}

/** Options of a {@link ManagedLoginBranding}, for `pool.addManagedLoginBranding(id, options)`. */
export interface ManagedLoginBrandingOptions {
  /** The app client the style is for; one style per client. */
  readonly client: cognito.IUserPoolClient;
  /**
   * Apply Cognito's default style; excludes `style` and `settings`, and may come with `assets`
   * (images on the default style).
   * @default false
   */
  readonly useCognitoProvidedValues?: boolean;
  /**
   * Typed common settings, merged over `settings`.
   * @default - none
   */
  readonly style?: ManagedLoginStyle;
  /**
   * The settings document as JSON (`components`, `categories`), for everything `style` does not cover.
   * @default - none
   */
  readonly settings?: { [key: string]: any };
  /**
   * Images: logos, backgrounds, favicons (at most 40, one per category and color mode).
   * @default - none
   */
  readonly assets?: ManagedLoginAsset[];
  /**
   * Return Cognito's default values with the customized ones in the resource's read output.
   * @default false
   */
  readonly returnMergedResources?: boolean;
}

/** Properties of a {@link ManagedLoginBranding}. */
export interface ManagedLoginBrandingProps extends ManagedLoginBrandingOptions {
  /** The user pool. */
  readonly userPool: cognito.IUserPool;
}

/** Cognito's limit for one asset's Base64 text, and for the number of assets. */
const MAX_ASSET_CHARS = 1_000_000;
const MAX_ASSETS = 40;

const EXTENSIONS_BY_SUFFIX: { [suffix: string]: ManagedLoginAssetExtension } = {
  '.ico': ManagedLoginAssetExtension.ICO,
  '.jpg': ManagedLoginAssetExtension.JPEG,
  '.jpeg': ManagedLoginAssetExtension.JPEG,
  '.png': ManagedLoginAssetExtension.PNG,
  '.svg': ManagedLoginAssetExtension.SVG,
  '.webp': ManagedLoginAssetExtension.WEBP,
};

/**
 * A managed login branding style for an app client (`AWS::Cognito::ManagedLoginBranding`):
 * Cognito's defaults, or settings and images. One style per client in the app.
 */
export class ManagedLoginBranding extends Resource {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.ManagedLoginBranding';
  /**
   * The style defined in this app for a client, if any; a default style for managed login
   * domains should be added only for clients without one.
   */
  public static forClient(client: cognito.IUserPoolClient): ManagedLoginBranding | undefined {
    return allConstructs(client).find((c): c is ManagedLoginBranding => c instanceof ManagedLoginBranding
      && sameResource(c.client, c.client.userPoolClientId, client, client.userPoolClientId));
  }

  /** The user pool. */
  public readonly userPool: cognito.IUserPool;
  /** The app client. */
  public readonly client: cognito.IUserPoolClient;
  /** The ID of the branding style. */
  public readonly managedLoginBrandingId: string;

  constructor(scope: Construct, id: string, props: ManagedLoginBrandingProps) {
    props = applyPropertyInjectors(scope, id, props, ManagedLoginBranding.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, client: AN_IUSER_POOL_CLIENT });
    props.assets?.forEach((a, i) => {
      requireProp(this, `assets[${i}].category`, a.category, enumOf(ManagedLoginAssetCategory, 'ManagedLoginAssetCategory'));
      requireProp(this, `assets[${i}].colorMode`, a.colorMode, enumOf(ManagedLoginColorMode, 'ManagedLoginColorMode'));
      checkEnumMember(this, `assets[${i}].extension`, a.extension, ManagedLoginAssetExtension, 'ManagedLoginAssetExtension');
    });
    checkEnumMember(this, 'style.colorScheme', props.style?.colorScheme, ManagedLoginColorMode, 'ManagedLoginColorMode');
    checkEnumMember(this, 'style.spacingDensity', props.style?.spacingDensity, ManagedLoginSpacingDensity, 'ManagedLoginSpacingDensity');
    checkEnumMember(this, 'style.formHorizontalAlignment', props.style?.formHorizontalAlignment, ManagedLoginFormHorizontalAlignment, 'ManagedLoginFormHorizontalAlignment');
    checkEnumMember(this, 'style.formVerticalAlignment', props.style?.formVerticalAlignment, ManagedLoginFormVerticalAlignment, 'ManagedLoginFormVerticalAlignment');
    this.userPool = props.userPool;
    this.client = props.client;

    const custom = props.style || props.settings || props.assets;
    // Cognito's default style replaces settings, but takes images with it (CreateManagedLoginBranding
    // keeps the assets sent with UseCognitoProvidedValues).
    if (props.useCognitoProvidedValues && (props.style || props.settings)) {
      fail(this, 'useCognitoProvidedValues', true, 'false when style or settings are given (Cognito\'s default style replaces them; assets may be given with it)');
    }
    if (!props.useCognitoProvidedValues && !custom) {
      fail(this, 'props', 'no style', 'useCognitoProvidedValues: true, or style, settings or assets');
    }
    this.refuseSecondForSameClient();

    const resource = new cognito.CfnManagedLoginBranding(this, 'Resource', {
      userPoolId: props.userPool.userPoolId,
      clientId: props.client.userPoolClientId,
      useCognitoProvidedValues: props.useCognitoProvidedValues,
      settings: props.style || props.settings ? this.renderSettings(props.settings, props.style) : undefined,
      assets: props.assets ? this.renderAssets(props.assets) : undefined,
      returnMergedResources: props.returnMergedResources,
    });
    this.node.defaultChild = resource;
    this.managedLoginBrandingId = resource.attrManagedLoginBrandingId;
  }

  private renderSettings(settings: { [key: string]: any } | undefined, style: ManagedLoginStyle | undefined): { [key: string]: any } | undefined {
    if (settings !== undefined && !Token.isUnresolved(settings) && (typeof settings !== 'object' || Array.isArray(settings))) {
      fail(this, 'settings', settings, 'a JSON object');
    }
    if (!style) return settings;
    const typed: { [key: string]: any } = {};
    const put = (keys: string[], value: unknown) => {
      if (value === undefined) return;
      let node = typed;
      for (const k of keys.slice(0, -1)) node = node[k] = node[k] ?? {};
      node[keys[keys.length - 1]] = value;
    };
    put(['categories', 'global', 'colorSchemeMode'], style.colorScheme);
    put(['categories', 'global', 'spacingDensity'], style.spacingDensity);
    put(['categories', 'form', 'location', 'horizontal'], style.formHorizontalAlignment);
    put(['categories', 'form', 'location', 'vertical'], style.formVerticalAlignment);
    for (const mode of ['light', 'dark'] as const) {
      const key = `${mode}Mode`;
      put(['components', 'pageBackground', key, 'color'], this.color(`style.pageBackgroundColor.${mode}`, style.pageBackgroundColor?.[mode]));
      put(['components', 'form', key, 'backgroundColor'], this.color(`style.formBackgroundColor.${mode}`, style.formBackgroundColor?.[mode]));
      put(['components', 'primaryButton', key, 'defaults', 'backgroundColor'], this.color(`style.primaryButtonColor.${mode}`, style.primaryButtonColor?.[mode]));
      put(['components', 'primaryButton', key, 'defaults', 'textColor'], this.color(`style.primaryButtonTextColor.${mode}`, style.primaryButtonTextColor?.[mode]));
    }
    return deepMerge(settings ?? {}, typed);
  }

  /** Cognito wants colors as 8 hex digits (RGBA); `#rrggbb` gets an opaque alpha. */
  private color(property: string, value: string | undefined): string | undefined {
    if (value === undefined || Token.isUnresolved(value)) return value;
    checkPattern(this, property, value, /^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'a hex color: #rrggbb, rrggbb or rrggbbaa');
    const hex = value.replace(/^#/, '').toLowerCase();
    return hex.length === 6 ? `${hex}ff` : hex;
  }

  private renderAssets(assets: ManagedLoginAsset[]): cognito.CfnManagedLoginBranding.AssetTypeProperty[] {
    checkMaxItems(this, 'assets', assets, MAX_ASSETS);
    const seen = new Set<string>();
    return assets.map((asset, i) => {
      const property = `assets[${i}]`;
      const extension = asset.extension ?? EXTENSIONS_BY_SUFFIX[path.extname(asset.file).toLowerCase()];
      if (!extension) {
        fail(this, `${property}.extension`, path.basename(asset.file), `a file named .ico, .jpg, .jpeg, .png, .svg or .webp, or an explicit extension`);
      }
      checkExtension(this, `${property}.extension`, asset.category, extension);
      const key = `${asset.category}/${asset.colorMode}`;
      if (seen.has(key)) fail(this, property, key, 'one asset per category and color mode');
      seen.add(key);
      checkPattern(this, `${property}.resourceId`, asset.resourceId, /^[\w\- ]{1,40}$/, '1 to 40 letters, digits, spaces, _ or -');

      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(asset.file);
      } catch {
        return fail(this, `${property}.file`, asset.file, 'a readable image file');
      }
      // The content must be the type the name (or the declared extension) says.
      const content = imageTypeOf(bytes);
      if (content !== extension) {
        fail(this, `${property}.file`, `${path.basename(asset.file)} (${describeImageContent(content)})`,
          `${anImage(extension)}, as ${asset.extension ? 'extension' : 'the file name'} says`);
      }
      const base64 = bytes.toString('base64');
      if (base64.length > MAX_ASSET_CHARS) {
        fail(this, `${property}.file`, `${path.basename(asset.file)} (${base64.length} Base64 characters)`, `at most ${MAX_ASSET_CHARS} Base64 characters (about 750 KB)`);
      }
      return {
        category: asset.category,
        colorMode: asset.colorMode,
        extension,
        bytes: base64,
        resourceId: asset.resourceId,
      };
    });
  }

  private refuseSecondForSameClient(): void {
    const clientId = this.client.userPoolClientId;
    const other = allConstructs(this).find((c) => {
      if (c === this || c.node.scope === this) return false;
      if (c instanceof ManagedLoginBranding) return sameResource(c.client, c.client.userPoolClientId, this.client, clientId);
      // A raw L1 for the same client (e.g. a default style) counts too.
      return c instanceof cognito.CfnManagedLoginBranding && !(c.node.scope instanceof ManagedLoginBranding)
        && c.clientId === clientId;
    });
    if (other) {
      fail(this, 'client', Token.isUnresolved(clientId) ? this.client.node.path : clientId,
        `one managed login branding style per app client (${other.node.path} already styles it)`);
    }
  }
}

/** FAVICON_ICO takes ICO only, FAVICON_SVG SVG only, and ICO serves no other category. */
function checkExtension(scope: Construct, property: string, category: ManagedLoginAssetCategory, extension: ManagedLoginAssetExtension): void {
  const allowed = category === ManagedLoginAssetCategory.FAVICON_ICO ? ['ICO']
    : category === ManagedLoginAssetCategory.FAVICON_SVG ? ['SVG']
      : ['JPEG', 'PNG', 'SVG', 'WEBP'];
  if (!allowed.includes(extension)) {
    fail(scope, property, extension, `${allowed.join(', ')} for ${category}`);
  }
}

function deepMerge(base: { [key: string]: any }, over: { [key: string]: any }): { [key: string]: any } {
  const out: { [key: string]: any } = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = b && typeof b === 'object' && !Array.isArray(b) && v && typeof v === 'object' && !Array.isArray(v) ? deepMerge(b, v) : v;
  }
  return out;
}
