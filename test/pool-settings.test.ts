// Pool-level defaults and settings the Terraform acceptance scenarios use: threat protection on the
// Plus plan, device tracking with any MFA setting, standard attributes' constraints, both
// verification emails, images whose content matches their names.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  CompromisedCredentialsAction, HostedUiLogo, ManagedLoginAssetCategory, ManagedLoginBranding, ManagedLoginColorMode,
  RiskConfiguration, STANDARD_IMPORT_COLUMNS, UserImportJob, UserPool, UserPoolProps,
} from '../lib';
import { imageTypeOf } from '../lib/private/image-type';

const POOL = 'AWS::Cognito::UserPool';
const ASSETS = path.join(__dirname, '..', 'examples', 'branding-assets');

function poolTemplate(props: UserPoolProps): Template {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  new UserPool(stack, 'Pool', props);
  return Template.fromStack(stack);
}

function poolProperties(props: UserPoolProps): { [key: string]: any } {
  const pools = poolTemplate(props).findResources(POOL);
  return Object.values(pools)[0].Properties;
}

describe('threat protection on the Plus plan', () => {
  test('featurePlan PLUS without a mode turns full threat protection on', () => {
    const properties = poolProperties({ featurePlan: cognito.FeaturePlan.PLUS });
    expect(properties.UserPoolTier).toEqual('PLUS');
    expect(properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  test.each([
    ['NO_ENFORCEMENT', cognito.StandardThreatProtectionMode.NO_ENFORCEMENT, 'OFF'],
    ['AUDIT_ONLY', cognito.StandardThreatProtectionMode.AUDIT_ONLY, 'AUDIT'],
    ['FULL_FUNCTION', cognito.StandardThreatProtectionMode.FULL_FUNCTION, 'ENFORCED'],
  ])('a chosen standardThreatProtectionMode (%s) is kept', (_name, mode, rendered) => {
    expect(poolProperties({ featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: mode }).UserPoolAddOns)
      .toEqual({ AdvancedSecurityMode: rendered });
  });

  test('the deprecated advancedSecurityMode counts as a choice', () => {
    expect(poolProperties({ featurePlan: cognito.FeaturePlan.PLUS, advancedSecurityMode: cognito.AdvancedSecurityMode.AUDIT }).UserPoolAddOns)
      .toEqual({ AdvancedSecurityMode: 'AUDIT' });
  });

  test('a custom-authentication mode alone keeps the standard default on', () => {
    expect(poolProperties({ featurePlan: cognito.FeaturePlan.PLUS, customThreatProtectionMode: cognito.CustomThreatProtectionMode.AUDIT_ONLY }).UserPoolAddOns)
      .toEqual({ AdvancedSecurityMode: 'ENFORCED', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'AUDIT' } });
  });

  test.each([
    ['no plan (Essentials)', undefined],
    ['Essentials', cognito.FeaturePlan.ESSENTIALS],
    ['Lite', cognito.FeaturePlan.LITE],
  ])('%s gets no threat protection setting', (_name, featurePlan) => {
    expect(poolProperties({ featurePlan }).UserPoolAddOns).toBeUndefined();
  });

  test('a risk configuration on a Plus pool without a mode synthesizes', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const pool = new UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS });
    new RiskConfiguration(stack, 'Risk', { userPool: pool, compromisedCredentials: { action: CompromisedCredentialsAction.BLOCK } });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('device tracking with any MFA setting (Cognito has no rule between them)', () => {
  test.each([
    ['off', cognito.Mfa.OFF, 'OFF'],
    ['optional', cognito.Mfa.OPTIONAL, 'OPTIONAL'],
    ['required', cognito.Mfa.REQUIRED, 'ON'],
    ['the default (required)', undefined, 'ON'],
  ])('a challenge on new devices with MFA %s', (_name, mfa, rendered) => {
    const properties = poolProperties({ mfa, deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false } });
    expect(properties.MfaConfiguration).toEqual(rendered);
    expect(properties.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
  });

  test('remembering on the user\'s prompt without a challenge, MFA off', () => {
    const properties = poolProperties({ mfa: cognito.Mfa.OFF, deviceTracking: { challengeRequiredOnNewDevice: false, deviceOnlyRememberedOnUserPrompt: true } });
    expect(properties.MfaConfiguration).toEqual('OFF');
    expect(properties.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true });
  });
});

describe('standardAttributeConstraints', () => {
  test('constraints join a standard attribute listed in standardAttributes', () => {
    const properties = poolProperties({
      standardAttributes: { email: { required: true, mutable: false } },
      standardAttributeConstraints: { email: { minLen: 5, maxLen: 10 } },
    });
    expect(properties.Schema).toEqual([
      { Name: 'email', Required: true, Mutable: false, AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '5', MaxLength: '10' } },
    ]);
  });

  test('an attribute not listed is added as aws-cdk-lib adds one, after the listed and custom ones', () => {
    const properties = poolProperties({
      standardAttributes: { familyName: { required: false } },
      customAttributes: { tier: new cognito.StringAttribute({ maxLen: 16 }) },
      standardAttributeConstraints: { givenName: { maxLen: 2048 }, lastUpdateTime: { min: 0, max: 4102444800 }, nickname: { minLen: 0 } },
    });
    expect(properties.Schema).toEqual([
      { Name: 'family_name', Required: false, Mutable: true },
      { Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: '16' } },
      { Name: 'given_name', Mutable: true, Required: false, AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: '2048' } },
      { Name: 'updated_at', Mutable: true, Required: false, AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '4102444800' } },
      { Name: 'nickname', Mutable: true, Required: false, AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '0' } },
    ]);
  });

  test('equal minimum and maximum lengths are accepted', () => {
    const properties = poolProperties({ standardAttributeConstraints: { locale: { minLen: 5, maxLen: 5 } } });
    expect(properties.Schema).toEqual([
      { Name: 'locale', Mutable: true, Required: false, AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '5', MaxLength: '5' } },
    ]);
  });
});

describe('verificationEmails', () => {
  const DEFAULT_CODE = 'The verification code to your new account is {####}';

  test('the code style (default) also carries the link email', () => {
    const properties = poolProperties({ verificationEmails: { link: { subject: 'Confirm', body: 'Confirm: {##Click##}' } } });
    expect(properties.VerificationMessageTemplate).toEqual({
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
      EmailMessage: DEFAULT_CODE,
      EmailSubject: 'Verify your new account',
      SmsMessage: DEFAULT_CODE,
      EmailMessageByLink: 'Confirm: {##Click##}',
      EmailSubjectByLink: 'Confirm',
    });
    expect(properties.EmailVerificationMessage).toEqual(DEFAULT_CODE);
    expect(properties.EmailVerificationSubject).toEqual('Verify your new account');
  });

  test('the link style also carries the code email', () => {
    const properties = poolProperties({
      userVerification: { emailStyle: cognito.VerificationEmailStyle.LINK, emailSubject: 'Confirm', emailBody: 'Confirm: {##Click##}' },
      verificationEmails: { code: { subject: 'Your code', body: 'Code: {####}' } },
    });
    expect(properties.VerificationMessageTemplate).toEqual({
      DefaultEmailOption: 'CONFIRM_WITH_LINK',
      EmailMessageByLink: 'Confirm: {##Click##}',
      EmailSubjectByLink: 'Confirm',
      SmsMessage: DEFAULT_CODE,
      EmailMessage: 'Code: {####}',
      EmailSubject: 'Your code',
    });
    expect(properties.EmailVerificationMessage).toBeUndefined();
    expect(properties.EmailVerificationSubject).toBeUndefined();
  });

  test('the chosen (code) style\'s email set here also sets the legacy top-level message', () => {
    const properties = poolProperties({
      userVerification: { smsMessage: 'SMS {####}' },
      verificationEmails: { code: { subject: 'Your code', body: 'Code: {####}' }, link: { body: 'Or click {##here##}' } },
    });
    expect(properties.VerificationMessageTemplate).toEqual({
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
      EmailMessage: 'Code: {####}',
      EmailSubject: 'Your code',
      SmsMessage: 'SMS {####}',
      EmailMessageByLink: 'Or click {##here##}',
    });
    expect(properties.EmailVerificationMessage).toEqual('Code: {####}');
    expect(properties.EmailVerificationSubject).toEqual('Your code');
  });
});

describe('RiskConfiguration IP range lists', () => {
  test('an empty list next to another setting is left out of the template', () => {
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS });
    new RiskConfiguration(stack, 'Risk', { userPool: pool, compromisedCredentials: { action: CompromisedCredentialsAction.BLOCK }, blockedIpRanges: [] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      RiskExceptionConfiguration: Match.absent(),
    });
  });

  test('a non-empty list next to an empty one keeps only the non-empty one', () => {
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS });
    new RiskConfiguration(stack, 'Risk', { userPool: pool, blockedIpRanges: [], skippedIpRanges: ['192.0.2.0/24'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      RiskExceptionConfiguration: { SkippedIPRangeList: ['192.0.2.0/24'] },
    });
    const risk = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolRiskConfigurationAttachment'))[0];
    expect(risk.Properties.RiskExceptionConfiguration).toEqual({ SkippedIPRangeList: ['192.0.2.0/24'] });
  });
});

describe('ManagedLoginBranding: Cognito\'s default style with images', () => {
  test('useCognitoProvidedValues with assets renders both, and no settings', () => {
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    new ManagedLoginBranding(stack, 'Branding', {
      userPool: pool,
      client: pool.addClient('Client'),
      useCognitoProvidedValues: true,
      assets: [{ category: ManagedLoginAssetCategory.FORM_LOGO, colorMode: ManagedLoginColorMode.LIGHT, file: path.join(ASSETS, 'logo.svg') }],
    });
    const branding = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::ManagedLoginBranding'))[0];
    expect(branding.Properties.UseCognitoProvidedValues).toBe(true);
    expect(branding.Properties.Settings).toBeUndefined();
    expect(branding.Properties.Assets).toEqual([{
      Category: 'FORM_LOGO',
      ColorMode: 'LIGHT',
      Extension: 'SVG',
      Bytes: fs.readFileSync(path.join(ASSETS, 'logo.svg')).toString('base64'),
    }]);
  });

  test('genuine PNG, ICO and SVG files pass the content check', () => {
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    new ManagedLoginBranding(stack, 'Branding', {
      userPool: pool,
      client: pool.addClient('Client'),
      assets: [
        { category: ManagedLoginAssetCategory.PAGE_BACKGROUND, colorMode: ManagedLoginColorMode.DARK, file: path.join(ASSETS, 'background.png') },
        { category: ManagedLoginAssetCategory.FAVICON_ICO, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(ASSETS, 'favicon.ico') },
        { category: ManagedLoginAssetCategory.FAVICON_SVG, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(ASSETS, 'logo.svg') },
      ],
    });
    const branding = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::ManagedLoginBranding'))[0];
    expect(branding.Properties.Assets.map((a: any) => a.Extension)).toEqual(['PNG', 'ICO', 'SVG']);
  });

  test('a genuine PNG hosted-UI logo passes the content check', () => {
    const stack = new Stack(new App(), 'Stack');
    const logo = new HostedUiLogo(stack, 'Logo', { userPool: new UserPool(stack, 'Pool'), imagePath: path.join(ASSETS, 'logo.png') });
    expect(logo.imageHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('UserImportJob CSV rows', () => {
  test('escaped and quoted commas, a phone-only user and SMS MFA with a phone number pass', () => {
    const stack = new Stack(new App(), 'Stack');
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_abc');
    const header = STANDARD_IMPORT_COLUMNS.join(',');
    const row = (values: { [column: string]: string }) => STANDARD_IMPORT_COLUMNS.map((c) => values[c] ?? '').join(',');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-ok-')), 'users.csv');
    fs.writeFileSync(file, [
      header,
      row({ 'cognito:username': 'alice', 'cognito:mfa_enabled': 'false', 'email': 'alice@example.com', 'email_verified': 'TRUE', 'address': 'Main St\\, 1' }),
      row({ 'cognito:username': 'bob', 'cognito:mfa_enabled': 'true', 'phone_number': '+15555550100', 'phone_number_verified': 'true', 'address': '"Side St, 2"' }),
      '',
    ].join('\r\n'));
    new UserImportJob(stack, 'Import', { userPool, csvFile: file });
    Template.fromStack(stack).resourceCountIs('Custom::CognitoUserImportJob', 1);
  });
});

describe('image content types', () => {
  test.each([
    ['PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ['JPEG', Buffer.from('ffd8ffe000104a464946', 'hex')],
    ['GIF', Buffer.from('GIF87a\x01\x00\x01\x00', 'latin1')],
    ['WEBP', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1')],
    ['ICO', Buffer.from('0000010001001010', 'hex')],
    ['SVG', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    [undefined, Buffer.from('just text, no image')],
  ])('%s is recognized by its first bytes', (type, bytes) => {
    expect(imageTypeOf(bytes)).toEqual(type);
  });
});
