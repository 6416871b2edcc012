import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  ManagedLoginAssetCategory, ManagedLoginBranding, ManagedLoginColorMode, ManagedLoginFormHorizontalAlignment,
  ManagedLoginFormVerticalAlignment, ManagedLoginSpacingDensity, UserPool,
} from '../lib';

const TYPE = 'AWS::Cognito::ManagedLoginBranding';
const ASSETS = path.join(__dirname, '..', 'examples', 'branding-assets');

function setup() {
  const stack = new Stack(new App(), 'Stack');
  const pool = new UserPool(stack, 'Pool');
  const client = pool.addClient('Client');
  return { stack, pool, client };
}

describe('ManagedLoginBranding', () => {
  test('Cognito-provided values', () => {
    // GIVEN
    const { stack, pool, client } = setup();
    // WHEN
    new ManagedLoginBranding(stack, 'Branding', { userPool: pool, client, useCognitoProvidedValues: true });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      ClientId: { Ref: Match.stringLikeRegexp('^PoolClient') },
      UseCognitoProvidedValues: true,
      Settings: Match.absent(),
      Assets: Match.absent(),
    });
  });

  test('typed style merged over raw settings, assets from files, merged resources', () => {
    // GIVEN
    const { stack, pool, client } = setup();
    // WHEN
    new ManagedLoginBranding(stack, 'Branding', {
      userPool: pool,
      client,
      returnMergedResources: true,
      settings: {
        categories: { global: { colorSchemeMode: 'DARK', pageHeader: { enabled: true } } },
        components: { form: { borderRadius: 8 } },
      },
      style: {
        colorScheme: ManagedLoginColorMode.DYNAMIC,
        spacingDensity: ManagedLoginSpacingDensity.COMPACT,
        formHorizontalAlignment: ManagedLoginFormHorizontalAlignment.LEFT,
        formVerticalAlignment: ManagedLoginFormVerticalAlignment.CENTER,
        pageBackgroundColor: { light: '#F3F4F6', dark: '111827ff' },
        formBackgroundColor: { light: 'ffffff' },
        primaryButtonColor: { light: '#2563eb', dark: '#3b82f6' },
        primaryButtonTextColor: { light: '#ffffff' },
      },
      assets: [
        { category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'logo.png'), resourceId: 'form-logo' },
        { category: ManagedLoginAssetCategory.FAVICON_ICO, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(ASSETS, 'favicon.ico') },
        { category: ManagedLoginAssetCategory.FAVICON_SVG, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(ASSETS, 'logo.svg') },
      ],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      ReturnMergedResources: true,
      UseCognitoProvidedValues: Match.absent(),
      Settings: {
        categories: {
          global: { colorSchemeMode: 'DYNAMIC', spacingDensity: 'COMPACT', pageHeader: { enabled: true } },
          form: { location: { horizontal: 'LEFT', vertical: 'CENTER' } },
        },
        components: {
          form: { borderRadius: 8, lightMode: { backgroundColor: 'ffffffff' } },
          pageBackground: { lightMode: { color: 'f3f4f6ff' }, darkMode: { color: '111827ff' } },
          primaryButton: {
            lightMode: { defaults: { backgroundColor: '2563ebff', textColor: 'ffffffff' } },
            darkMode: { defaults: { backgroundColor: '3b82f6ff' } },
          },
        },
      },
      Assets: [
        { Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', ResourceId: 'form-logo', Bytes: fs.readFileSync(path.join(ASSETS, 'logo.png')).toString('base64') },
        { Category: 'FAVICON_ICO', ColorMode: 'DYNAMIC', Extension: 'ICO', Bytes: Match.anyValue(), ResourceId: Match.absent() },
        { Category: 'FAVICON_SVG', ColorMode: 'DYNAMIC', Extension: 'SVG', Bytes: Match.anyValue() },
      ],
    });
  });

  test('a raw L1 style for the same client counts as the one style', () => {
    // GIVEN
    const { stack, pool, client } = setup();
    new cognito.CfnManagedLoginBranding(stack, 'Default', { userPoolId: pool.userPoolId, clientId: client.userPoolClientId, useCognitoProvidedValues: true });
    // WHEN / THEN
    expect(() => new ManagedLoginBranding(stack, 'Branding', { userPool: pool, client, useCognitoProvidedValues: true }))
      .toThrow(/\[Stack\/Branding\] client: received "Stack\/Pool\/Client"; allowed: one managed login branding style per app client \(Stack\/Default already styles it\)/);
  });

  test('token settings and colors pass through', () => {
    // GIVEN
    const { stack, pool, client } = setup();
    // WHEN
    new ManagedLoginBranding(stack, 'Branding', { userPool: pool, client, style: { pageBackgroundColor: { light: pool.userPoolId } } });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      Settings: { components: { pageBackground: { lightMode: { color: { Ref: Match.stringLikeRegexp('^Pool') } } } } },
    });
  });
});

test('forClient finds the style of a client and nothing for another', () => {
  // GIVEN
  const { stack, pool, client } = setup();
  const other = pool.addClient('Other');
  // WHEN
  const branding = new ManagedLoginBranding(stack, 'Branding', { userPool: pool, client, useCognitoProvidedValues: true });
  // THEN
  expect(ManagedLoginBranding.forClient(client)).toBe(branding);
  expect(ManagedLoginBranding.forClient(other)).toBeUndefined();
});
