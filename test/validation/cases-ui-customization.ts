import { UICustomization, UICustomizationCss, UserPool } from '../../lib';
import { ValidationCase } from './case';

const ui = (s: Parameters<ValidationCase['build']>[0], css: string) =>
  new UICustomization(s, 'Ui', { userPool: new UserPool(s, 'Pool'), css: UICustomizationCss.fromString(css) });

export const cases: ValidationCase[] = [
  {
    name: 'a class Cognito does not accept',
    build: (s) => ui(s, '.header { color: red; }'),
    error: '[Stack/Ui] css: received ".header"; allowed: a selector among .background-customizable, .banner-customizable',
  },
  {
    name: 'a property the class does not accept',
    build: (s) => ui(s, '.banner-customizable { color: red; }'),
    error: '[Stack/Ui] css (.banner-customizable): received "color"; allowed: one of the properties padding, background-color.',
  },
  {
    name: 'an @import rule',
    build: (s) => ui(s, '@import url(https://example.com/x.css); .banner-customizable { padding: 1px; }'),
    error: '[Stack/Ui] css: received "@import"; allowed: no at-rules (@import, @supports, @page, @media) and no scripts.',
  },
  {
    name: 'a label font weight that is not a multiple of 100',
    build: (s) => ui(s, '.label-customizable { font-weight: 450; }'),
    error: '[Stack/Ui] css (.label-customizable font-weight): received "450"; allowed: a multiple of 100 from 100 to 900.',
  },
  {
    name: 'a description display other than block or inline',
    build: (s) => ui(s, '.textDescription-customizable { display: flex; }'),
    error: '[Stack/Ui] css (.textDescription-customizable display): received "flex"; allowed: block or inline.',
  },
  {
    name: 'text outside any rule',
    build: (s) => ui(s, '.banner-customizable { padding: 1px; } stray'),
    error: '[Stack/Ui] css: received "stray"; allowed: CSS rules of the form `.class-customizable { property: value; }`.',
  },
  {
    name: 'two pool-wide customizations',
    build: (s) => {
      const pool = new UserPool(s, 'Pool');
      new UICustomization(s, 'A', { userPool: pool, css: UICustomizationCss.fromString('.background-customizable { background-color: #fff; }') });
      new UICustomization(s, 'B', { userPool: pool, css: UICustomizationCss.fromString('.background-customizable { background-color: #000; }') });
    },
    error: '[Stack/B] client: received "ALL"; allowed: one UI customization per app client and one pool-wide; Stack/A already customizes it.',
  },
];
