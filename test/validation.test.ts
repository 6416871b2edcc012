// One table of bad input for the whole library: every `test/validation/cases-*.ts` file
// contributes rows. Each row builds something invalid and names the exact error expected.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { ValidationCase } from './validation/case';

const dir = path.join(__dirname, 'validation');
const rows: Array<[string, ValidationCase]> = fs.readdirSync(dir)
  .filter((f) => /^cases-.*\.ts$/.test(f))
  .sort()
  .flatMap((f) => {
    const family = f.replace(/^cases-|\.ts$/g, '');
    const { cases } = require(path.join(dir, f)) as { cases: ValidationCase[] };
    return cases.map((c): [string, ValidationCase] => [`${family}: ${c.name}`, c]);
  });

test('the table holds at least 60 bad-input cases', () => {
  expect(rows.length).toBeGreaterThanOrEqual(MIN_CASES);
});

const MIN_CASES = 60;

(rows.length > 0 ? test.each(rows) : test.skip.each([['none', undefined as unknown as ValidationCase]]))('%s', (_name, c) => {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  expect(() => {
    c.build(stack);
    app.synth();
  }).toThrow(c.error);
});
