import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { HostedUiLogo, ManagedLoginAssetCategory, ManagedLoginBranding, ManagedLoginColorMode, StandardAttributeConstraints, UserPool, UserPoolProps } from '../../lib';
import { ValidationCase } from './case';

const pool = (props: UserPoolProps) => (stack: Stack) => {
  new UserPool(stack, 'Pool', props);
};

const FIXTURES = path.join(__dirname, '..', 'fixtures');

export const cases: ValidationCase[] = [
  {
    name: 'standard attribute minimum length above its maximum',
    build: pool({ standardAttributeConstraints: { email: { minLen: 11, maxLen: 10 } } }),
    error: '[Stack/Pool] standardAttributeConstraints.email.minLen: received 11; allowed: a minimum no greater than maxLen (10).',
  },
  {
    name: 'standard attribute maximum length over 2048',
    build: pool({ standardAttributeConstraints: { givenName: { maxLen: 2049 } } }),
    error: '[Stack/Pool] standardAttributeConstraints.givenName.maxLen: received 2049; allowed: an integer from 0 to 2048.',
  },
  {
    name: 'standard attribute negative minimum length',
    build: pool({ standardAttributeConstraints: { nickname: { minLen: -1 } } }),
    error: '[Stack/Pool] standardAttributeConstraints.nickname.minLen: received -1; allowed: an integer from 0 to 2048.',
  },
  {
    name: 'updated_at minimum above its maximum',
    build: pool({ standardAttributeConstraints: { lastUpdateTime: { min: 10, max: 1 } } }),
    error: '[Stack/Pool] standardAttributeConstraints.lastUpdateTime.min: received 10; allowed: a minimum no greater than max (1).',
  },
  {
    name: 'constraints on a Boolean standard attribute (plain JavaScript)',
    build: pool({ standardAttributeConstraints: { emailVerified: { minLen: 1 } } as StandardAttributeConstraints }),
    error: '[Stack/Pool] standardAttributeConstraints.emailVerified: received "emailVerified"; allowed: a standard attribute of type String (address, birthdate, email, familyName, gender, givenName, locale, middleName, fullname, nickname, phoneNumber, profilePicture, preferredUsername, profilePage, timezone, website) or lastUpdateTime (Number).',
  },
  {
    name: 'code verification email without the code placeholder',
    build: pool({ verificationEmails: { code: { body: 'Welcome aboard' } } }),
    error: '[Stack/Pool] verificationEmails.code.body: received "Welcome aboard"; allowed: a template that contains {####} (missing {####}).',
  },
  {
    name: 'link verification email without the link placeholder',
    build: pool({ verificationEmails: { link: { body: 'Click the link below' } } }),
    error: '[Stack/Pool] verificationEmails.link.body: received "Click the link below"; allowed: a template that contains a link placeholder {##...##}.',
  },
  {
    name: 'link verification subject over 140 characters',
    build: pool({ verificationEmails: { link: { subject: 's'.repeat(141) } } }),
    error: `[Stack/Pool] verificationEmails.link.subject: received "${'s'.repeat(141)}"; allowed: 1 to 140 characters (got 141).`,
  },
  {
    name: 'code verification body under 6 characters',
    build: pool({ verificationEmails: { code: { body: '{####}'.slice(0, 5) } } }),
    error: '[Stack/Pool] verificationEmails.code.body: received "{####"; allowed: 6 to 20000 characters (got 5).',
  },
  {
    name: 'the chosen style\'s body set both in userVerification and in verificationEmails',
    build: pool({
      userVerification: { emailStyle: cognito.VerificationEmailStyle.LINK, emailBody: 'Verify: {##Verify##}' },
      verificationEmails: { link: { body: 'Confirm: {##Confirm##}' } },
    }),
    error: '[Stack/Pool] verificationEmails.link.body: received "Confirm: {##Confirm##}"; allowed: no value when userVerification.emailBody is set (both set the LINK style\'s email; set it in one place).',
  },
  {
    name: 'the default (code) style\'s subject set both in userVerification and in verificationEmails',
    build: pool({ userVerification: { emailSubject: 'Verify' }, verificationEmails: { code: { subject: 'Your code' } } }),
    error: '[Stack/Pool] verificationEmails.code.subject: received "Your code"; allowed: no value when userVerification.emailSubject is set (both set the CODE style\'s email; set it in one place).',
  },
  {
    name: 'a hosted-UI logo named .png whose content is a GIF',
    build: (s) => new HostedUiLogo(s, 'Logo', { userPool: new UserPool(s, 'Pool'), imagePath: path.join(FIXTURES, 'gif-content.png') }),
    error: '[Stack/Logo] imagePath: received "gif-content.png (content of a GIF image)"; allowed: a PNG image, as the file name says.',
  },
  {
    name: 'a hosted-UI logo named .jpg whose content is a PNG',
    build: (s) => new HostedUiLogo(s, 'Logo', { userPool: new UserPool(s, 'Pool'), imagePath: path.join(FIXTURES, 'png-content.jpg') }),
    error: '[Stack/Logo] imagePath: received "png-content.jpg (content of a PNG image)"; allowed: a JPEG image, as the file name says.',
  },
  {
    name: 'a hosted-UI logo named .png that is no image',
    build: (s) => new HostedUiLogo(s, 'Logo', { userPool: new UserPool(s, 'Pool'), imagePath: path.join(FIXTURES, 'text-content.png') }),
    error: '[Stack/Logo] imagePath: received "text-content.png (content of no known image type)"; allowed: a PNG image, as the file name says.',
  },
  {
    name: 'a branding asset named .svg whose content is a PNG',
    build: (s) => {
      const userPool = new UserPool(s, 'Pool');
      new ManagedLoginBranding(s, 'Branding', {
        userPool,
        client: userPool.addClient('Client'),
        assets: [{ category: ManagedLoginAssetCategory.FAVICON_SVG, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(FIXTURES, 'png-content.svg') }],
      });
    },
    error: '[Stack/Branding] assets[0].file: received "png-content.svg (content of a PNG image)"; allowed: an SVG image, as the file name says.',
  },
  {
    name: 'a branding favicon named .ico whose content is a PNG',
    build: (s) => {
      const userPool = new UserPool(s, 'Pool');
      new ManagedLoginBranding(s, 'Branding', {
        userPool,
        client: userPool.addClient('Client'),
        useCognitoProvidedValues: true,
        assets: [{ category: ManagedLoginAssetCategory.FAVICON_ICO, colorMode: ManagedLoginColorMode.DYNAMIC, file: path.join(FIXTURES, 'png-content.ico') }],
      });
    },
    error: '[Stack/Branding] assets[0].file: received "png-content.ico (content of a PNG image)"; allowed: an ICO image, as the file name says.',
  },
];

