import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { ManagedLoginAssetCategory, ManagedLoginAssetExtension, ManagedLoginBranding, ManagedLoginColorMode, UserPool } from '../../lib';
import { ValidationCase } from './case';

const ASSETS = path.join(__dirname, '..', '..', 'examples', 'branding-assets');

function setup(s: Stack) {
  const pool = new UserPool(s, 'Pool');
  return { userPool: pool, client: pool.addClient('Client') };
}

export const cases: ValidationCase[] = [
  {
    name: 'Cognito defaults together with settings',
    build: (s) => new ManagedLoginBranding(s, 'Branding', { ...setup(s), useCognitoProvidedValues: true, settings: { categories: {} } }),
    error: '[Stack/Branding] useCognitoProvidedValues: received true; allowed: false when style or settings are given (Cognito\'s default style replaces them; assets may be given with it).',
  },
  {
    name: 'neither defaults nor a style',
    build: (s) => new ManagedLoginBranding(s, 'Branding', setup(s)),
    error: '[Stack/Branding] props: received "no style"; allowed: useCognitoProvidedValues: true, or style, settings or assets.',
  },
  {
    name: 'a PNG as the ICO favicon',
    build: (s) => new ManagedLoginBranding(s, 'Branding', {
      ...setup(s), assets: [{ category: ManagedLoginAssetCategory.FAVICON_ICO, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(ASSETS, 'logo.png') }],
    }),
    error: '[Stack/Branding] assets[0].extension: received "PNG"; allowed: ICO for FAVICON_ICO.',
  },
  {
    name: 'a file whose content does not match its extension',
    build: (s) => new ManagedLoginBranding(s, 'Branding', {
      ...setup(s),
      assets: [{ category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'logo.svg'), extension: ManagedLoginAssetExtension.WEBP }],
    }),
    error: '[Stack/Branding] assets[0].file: received "logo.svg (content of an SVG image)"; allowed: a WEBP image, as extension says.',
  },
  {
    name: 'two assets for one category and color mode',
    build: (s) => new ManagedLoginBranding(s, 'Branding', {
      ...setup(s),
      assets: [
        { category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'logo.png') },
        { category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'logo.svg') },
      ],
    }),
    error: '[Stack/Branding] assets[1]: received "FORM_LOGO/LIGHT"; allowed: one asset per category and color mode.',
  },
  {
    name: 'an asset file that does not exist',
    build: (s) => new ManagedLoginBranding(s, 'Branding', {
      ...setup(s), assets: [{ category: ManagedLoginAssetCategory.PAGE_BACKGROUND, colorMode: ManagedLoginColorMode.DARK, file: 'missing.png' }],
    }),
    error: '[Stack/Branding] assets[0].file: received "missing.png"; allowed: a readable image file.',
  },
  {
    name: 'a color that is not hex',
    build: (s) => new ManagedLoginBranding(s, 'Branding', { ...setup(s), style: { pageBackgroundColor: { light: 'blue' } } }),
    error: '[Stack/Branding] style.pageBackgroundColor.light: received "blue"; allowed: a hex color: #rrggbb, rrggbb or rrggbbaa.',
  },
  {
    name: 'a resource ID with a slash',
    build: (s) => new ManagedLoginBranding(s, 'Branding', {
      ...setup(s),
      assets: [{ category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'logo.png'), resourceId: 'logo/v1' }],
    }),
    error: '[Stack/Branding] assets[0].resourceId: received "logo/v1"; allowed: 1 to 40 letters, digits, spaces, _ or -.',
  },
  {
    name: 'two styles for one client',
    build: (s) => {
      const props = setup(s);
      new ManagedLoginBranding(s, 'A', { ...props, useCognitoProvidedValues: true });
      new ManagedLoginBranding(s, 'B', { ...props, useCognitoProvidedValues: true });
    },
    error: '[Stack/B] client: received "Stack/Pool/Client"; allowed: one managed login branding style per app client (Stack/A already styles it).',
  },
];

cases.push({
  name: 'an ICO file as a form logo',
  build: (s) => new ManagedLoginBranding(s, 'Branding', {
    ...setup(s), assets: [{ category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'favicon.ico') }],
  }),
  error: '[Stack/Branding] assets[0].extension: received "ICO"; allowed: JPEG, PNG, SVG, WEBP for FORM_LOGO.',
});
