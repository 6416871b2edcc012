import * as path from 'path';
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  ManagedLoginAssetCategory, ManagedLoginAssetExtension, ManagedLoginBranding, ManagedLoginColorMode,
  ManagedLoginFormHorizontalAlignment, ManagedLoginFormVerticalAlignment, ManagedLoginSpacingDensity, Terms,
  TermsEnforcement, TermsType, UICustomization, UICustomizationCss, UserPool,
} from '../lib';

const ASSETS = path.join(__dirname, 'branding-assets');

/**
 * Look and feel: managed login branding (a custom style for the web client, Cognito's default
 * style for the mobile client), terms documents, and the classic hosted UI CSS of a second pool.
 */
export class BrandingStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const pool = new UserPool(this, 'Pool');
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show managed login branding, which Essentials includes; ThreatProtectionAndLogs shows the Plus tier.',
    });
    pool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: 'example-branding-123456789012' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const callback = { oAuth: { callbackUrls: ['https://app.example.com/callback'] } };
    const web = pool.addClient('Web', callback);
    const mobile = pool.addClient('Mobile', callback);

    new ManagedLoginBranding(this, 'WebBranding', {
      userPool: pool,
      client: web,
      style: {
        colorScheme: ManagedLoginColorMode.DYNAMIC,
        spacingDensity: ManagedLoginSpacingDensity.REGULAR,
        formHorizontalAlignment: ManagedLoginFormHorizontalAlignment.CENTER,
        formVerticalAlignment: ManagedLoginFormVerticalAlignment.CENTER,
        pageBackgroundColor: { light: '#f3f4f6', dark: '#111827' },
        formBackgroundColor: { light: '#ffffff', dark: '#1f2937' },
        primaryButtonColor: { light: '#2563eb', dark: '#3b82f6' },
        primaryButtonTextColor: { light: '#ffffff', dark: '#ffffff' },
      },
      // Anything the typed style does not cover goes in the raw settings document.
      settings: { components: { form: { borderRadius: 8 } } },
      assets: [
        { category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'logo.png'), resourceId: 'form-logo-light' },
        { category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.DARK, file: path.join(ASSETS, 'logo.svg') },
        { category: ManagedLoginAssetCategory.PAGE_BACKGROUND, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'background.png') },
        { category: ManagedLoginAssetCategory.FAVICON_ICO, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(ASSETS, 'favicon.ico'), extension: ManagedLoginAssetExtension.ICO },
        { category: ManagedLoginAssetCategory.FAVICON_SVG, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(ASSETS, 'logo.svg') },
      ],
      returnMergedResources: true,
    });
    new ManagedLoginBranding(this, 'MobileBranding', { userPool: pool, client: mobile, useCognitoProvidedValues: true });

    // Cognito shows the links on the sign-up page once the client has both documents.
    new Terms(this, 'TermsOfUse', {
      userPool: pool,
      client: web,
      termsType: TermsType.TERMS_OF_USE,
      enforcement: TermsEnforcement.NONE,
      links: { 'cognito:default': 'https://example.com/terms', 'cognito:french': 'https://example.com/fr/conditions' },
    });
    new Terms(this, 'PrivacyPolicy', {
      userPool: pool,
      client: web,
      termsType: TermsType.PRIVACY_POLICY,
      links: { 'cognito:default': 'https://example.com/privacy' },
    });

    // A pool that still uses the classic hosted UI: CSS for all clients, and one client's own.
    const classicPool = new UserPool(this, 'ClassicPool');
    Validations.of(classicPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show the classic hosted UI customization; ThreatProtectionAndLogs shows the Plus tier.',
    });
    classicPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: 'example-classic-123456789012' },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    const partner = classicPool.addClient('Partner', callback);
    new UICustomization(this, 'ClassicUi', {
      userPool: classicPool,
      css: UICustomizationCss.fromFile(path.join(__dirname, 'hosted-ui.css')),
    });
    new UICustomization(this, 'PartnerUi', {
      userPool: classicPool,
      client: partner,
      css: UICustomizationCss.fromString('.banner-customizable { padding: 10px 0px 10px 0px; background-color: #7c3aed; }'),
    });
  }
}

export function addBranding(app: App): Stack {
  return new BrandingStack(app, 'Branding', { env: { account: '123456789012', region: 'us-east-1' } });
}
