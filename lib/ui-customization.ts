import * as fs from 'fs';
import { Resource, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import { allConstructs, sameResource } from './private/pool-facts';
import { fail } from './private/validation';
import { AN_IUSER_POOL, anObject, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * The CSS classes of the classic hosted UI and the properties Cognito lets each one set
 * (Amazon Cognito Developer Guide, "Customizing hosted UI (classic) branding").
 */
const CLASS_PROPERTIES: { [cssClass: string]: readonly string[] } = {
  'background-customizable': ['background-color'],
  'banner-customizable': ['padding', 'background-color'],
  'errorMessage-customizable': ['margin', 'padding', 'font-size', 'width', 'background', 'border', 'color', 'box-sizing'],
  'idpButton-customizable': ['height', 'width', 'text-align', 'margin-bottom', 'color', 'background-color', 'border-color'],
  'idpButton-customizable:hover': ['color', 'background-color'],
  'idpDescription-customizable': ['padding-top', 'padding-bottom', 'display', 'font-size'],
  'inputField-customizable': ['width', 'height', 'color', 'background-color', 'border'],
  'inputField-customizable:focus': ['border-color', 'outline'],
  'label-customizable': ['font-weight'],
  'legalText-customizable': ['color', 'font-size'],
  'logo-customizable': ['max-width', 'max-height'],
  'passwordCheck-notValid-customizable': ['color'],
  'passwordCheck-valid-customizable': ['color'],
  'redirect-customizable': ['color', 'font-size', 'font-weight', 'text-align'],
  'socialButton-customizable': ['height', 'text-align', 'width', 'margin-bottom'],
  'submitButton-customizable': ['font-size', 'font-weight', 'margin', 'width', 'height', 'color', 'background-color'],
  'submitButton-customizable:hover': ['color', 'background-color'],
  'textDescription-customizable': ['padding-top', 'padding-bottom', 'display', 'font-size'],
};

/** Values Cognito restricts for some class and property pairs. */
const VALUE_RULES: Array<{ classes: RegExp; property: string; pattern: RegExp; allowed: string }> = [
  { classes: /^label-customizable$/, property: 'font-weight', pattern: /^[1-9]00$/, allowed: 'a multiple of 100 from 100 to 900' },
  { classes: /^submitButton-customizable$/, property: 'font-weight', pattern: /^(bold|italic|normal)$/, allowed: 'bold, italic or normal' },
  { classes: /Description-customizable$/, property: 'display', pattern: /^(block|inline)$/, allowed: 'block or inline' },
  { classes: /Button-customizable$/, property: 'text-align', pattern: /^(left|right|center)$/, allowed: 'left, right or center' },
];

/** The request that carries the CSS (and later the logo) is limited to 135 KB. */
const MAX_CSS_CHARS = 131_072;

/**
 * The CSS of the classic hosted UI. Only the `*-customizable` classes Cognito documents, with
 * the properties it allows for each, are accepted; at-rules (`@import`, `@media`, ...) and
 * scripts are refused.
 */
export class UICustomizationCss {
  /** CSS given inline. */
  public static fromString(css: string): UICustomizationCss {
    return new UICustomizationCss(css);
  }

  /** CSS read from a file at synth time. */
  public static fromFile(path: string): UICustomizationCss {
    return new UICustomizationCss(fs.readFileSync(path, 'utf8'));
  }

  private constructor(
    /** The CSS text. */
    public readonly css: string,
  ) {}
}

/** Options of a {@link UICustomization}, for `pool.addUICustomization(id, options)`. */
export interface UICustomizationOptions {
  /**
   * The app client this customization applies to.
   * @default - every client without its own customization (`ALL`)
   */
  readonly client?: cognito.IUserPoolClient;
  /** The CSS. */
  readonly css: UICustomizationCss;
}

/** Properties of a {@link UICustomization}. */
export interface UICustomizationProps extends UICustomizationOptions {
  /** The user pool; the classic hosted UI needs a domain on the pool. */
  readonly userPool: cognito.IUserPool;
}

/**
 * CSS of the classic hosted UI for all clients or one client
 * (`AWS::Cognito::UserPoolUICustomizationAttachment`). One customization per client and one
 * pool-wide.
 *
 * CloudFormation cannot set the logo image (only the `SetUICustomization` API takes it); a
 * `logo` option will join `css` in {@link UICustomizationOptions} once the custom-resource
 * provider delivers it.
 */
export class UICustomization extends Resource {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UICustomization';
  /** The user pool. */
  public readonly userPool: cognito.IUserPool;
  /** The app client, or undefined for the pool-wide (`ALL`) customization. */
  public readonly client?: cognito.IUserPoolClient;

  constructor(scope: Construct, id: string, props: UICustomizationProps) {
    props = applyPropertyInjectors(scope, id, props, UICustomization.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, css: anObject('a UICustomizationCss (UICustomizationCss.fromString or fromFile)') });
    this.userPool = props.userPool;
    this.client = props.client;
    validateCss(this, props.css.css);
    this.refuseSecondForSameClient();

    this.node.defaultChild = new cognito.CfnUserPoolUICustomizationAttachment(this, 'Resource', {
      userPoolId: props.userPool.userPoolId,
      clientId: props.client?.userPoolClientId ?? 'ALL',
      css: props.css.css,
    });
  }

  private refuseSecondForSameClient(): void {
    const clientId = this.client?.userPoolClientId ?? 'ALL';
    const other = allConstructs(this).find((c) => c !== this && c instanceof UICustomization
      && sameResource(c.userPool, c.userPool.userPoolId, this.userPool, this.userPool.userPoolId)
      && sameResource(c.client, c.client?.userPoolClientId ?? 'ALL', this.client, clientId));
    if (other) {
      fail(this, 'client', this.client ? this.client.node.path : 'ALL',
        `one UI customization per app client and one pool-wide; ${other.node.path} already customizes it`);
    }
  }
}

/** Checks CSS against the classes and properties the classic hosted UI accepts. */
function validateCss(scope: IConstruct, css: string): void {
  if (Token.isUnresolved(css)) return;
  if (css.length > MAX_CSS_CHARS) {
    fail(scope, 'css', `${css.length} characters`, `at most ${MAX_CSS_CHARS} characters`);
  }
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const forbidden = text.match(/@[a-z-]+|javascript:|expression\s*\(|<\s*script/i);
  if (forbidden) {
    fail(scope, 'css', forbidden[0], 'no at-rules (@import, @supports, @page, @media) and no scripts');
  }
  const rule = /([^{}]*)\{([^{}]*)\}/g;
  let match: RegExpExecArray | null;
  let consumed = '';
  while ((match = rule.exec(text)) !== null) {
    consumed += match[0];
    const classes = match[1].split(',').map((s) => s.trim());
    for (const selector of classes) {
      const cssClass = /^\.([A-Za-z-]+(?::[a-z]+)?)$/.exec(selector)?.[1];
      if (!cssClass || !CLASS_PROPERTIES[cssClass]) {
        fail(scope, 'css', selector, `a selector among .${Object.keys(CLASS_PROPERTIES).join(', .')}`);
      }
      for (const declaration of match[2].split(';').map((d) => d.trim()).filter((d) => d)) {
        const colon = declaration.indexOf(':');
        const property = declaration.slice(0, colon).trim().toLowerCase();
        const value = declaration.slice(colon + 1).trim();
        if (colon < 0 || !value) fail(scope, 'css', declaration, 'declarations of the form `property: value;`');
        const allowed = CLASS_PROPERTIES[cssClass];
        if (!allowed.includes(property)) {
          fail(scope, `css (.${cssClass})`, property, `one of the properties ${allowed.join(', ')}`);
        }
        for (const r of VALUE_RULES) {
          if (r.classes.test(cssClass) && r.property === property && !r.pattern.test(value)) {
            fail(scope, `css (.${cssClass} ${property})`, value, r.allowed);
          }
        }
      }
    }
  }
  const leftover = text.replace(rule, '').trim();
  if (leftover || (consumed === '' && text.trim() !== '')) {
    fail(scope, 'css', leftover.slice(0, 40), 'CSS rules of the form `.class-customizable { property: value; }`');
  }
  if (text.trim() === '') {
    fail(scope, 'css', css, 'at least one rule');
  }
}
