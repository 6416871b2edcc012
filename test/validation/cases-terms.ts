import { Stack } from 'aws-cdk-lib';
import { Terms, TermsType, UserPool } from '../../lib';
import { ValidationCase } from './case';

function setup(s: Stack) {
  const pool = new UserPool(s, 'Pool');
  return { userPool: pool, client: pool.addClient('Client'), termsType: TermsType.TERMS_OF_USE };
}

export const cases: ValidationCase[] = [
  {
    name: 'an unknown language key',
    build: (s) => new Terms(s, 'Terms', { ...setup(s), links: { 'en-US': 'https://example.com/terms' } }),
    error: '[Stack/Terms] links: received "en-US"; allowed: language keys among cognito:default, cognito:english',
  },
  {
    name: 'an http link',
    build: (s) => new Terms(s, 'Terms', { ...setup(s), links: { 'cognito:default': 'http://example.com/terms' } }),
    error: '[Stack/Terms] links.cognito:default: received "http://example.com/terms"; allowed: an https URL.',
  },
  {
    name: 'no link',
    build: (s) => new Terms(s, 'Terms', { ...setup(s), links: {} }),
    error: '[Stack/Terms] links: received "0 entries"; allowed: 1 to 12 languages.',
  },
  {
    name: 'two terms of use for one client',
    build: (s) => {
      const props = setup(s);
      new Terms(s, 'A', { ...props, links: { 'cognito:default': 'https://example.com/a' } });
      new Terms(s, 'B', { ...props, links: { 'cognito:default': 'https://example.com/b' } });
    },
    error: '[Stack/B] termsType: received "terms-of-use"; allowed: one terms-of-use document per app client (Stack/A already defines it).',
  },
];

cases.push({
  name: 'a link over 1024 characters',
  build: (s) => new Terms(s, 'Terms', { ...setup(s), links: { 'cognito:default': `https://example.com/${'a'.repeat(1010)}` } }),
  error: /\[Stack\/Terms\] links\.cognito:default: received "https:\/\/example\.com\/a+"; allowed: 1 to 1024 characters \(got 1030\)\./,
});
