import * as path from 'path';
import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UICustomization, UICustomizationCss, UserPool } from '../lib';

const TYPE = 'AWS::Cognito::UserPoolUICustomizationAttachment';

describe('UICustomization', () => {
  test('pool-wide CSS from a file', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    const css = UICustomizationCss.fromFile(path.join(__dirname, 'fixtures', 'hosted-ui.css'));
    // WHEN
    new UICustomization(stack, 'Ui', { userPool: pool, css });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      ClientId: 'ALL',
      CSS: Match.stringLikeRegexp('\\.banner-customizable \\{ padding: 25px 0px 25px 0px; background-color: #1f2937; \\}'),
    });
  });

  test('per-client CSS from a string, every documented class accepted', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    const client = pool.addClient('Client');
    const css = [
      '.label-customizable { font-weight: 400; }',
      '.textDescription-customizable, .idpDescription-customizable { display: block; font-size: 14px; }',
      '.idpButton-customizable { text-align: center; height: 40px; }',
      '.inputField-customizable:focus { border-color: #000; outline: 1px; }',
      '.logo-customizable { max-width: 60%; max-height: 30%; }',
      '.passwordCheck-valid-customizable { color: green; } .passwordCheck-notValid-customizable { color: red; }',
      '.socialButton-customizable { margin-bottom: 4px; } .legalText-customizable { color: #777; }',
      '.errorMessage-customizable { box-sizing: border-box; } .background-customizable { background-color: #fafafa; }',
      '.submitButton-customizable { font-weight: bold; } .idpButton-customizable:hover { color: #fff; }',
      '.inputField-customizable { border: 1px solid #ccc; } .redirect-customizable { color: #333; }',
    ].join('\n');
    // WHEN
    new UICustomization(stack, 'Ui', { userPool: pool, client, css: UICustomizationCss.fromString(css) });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      ClientId: { Ref: Match.stringLikeRegexp('^PoolClient') },
      CSS: css,
    });
  });

  test('a token CSS is passed through unchecked', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const pool = new UserPool(stack, 'Pool');
    // WHEN
    new UICustomization(stack, 'Ui', { userPool: pool, css: UICustomizationCss.fromString(Lazy.string({ produce: () => '.x {}' })) });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, { CSS: '.x {}' });
  });
});
