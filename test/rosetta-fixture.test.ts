// The names README snippets take as given are declared twice: in GIVEN of
// test/readme-snippets.test.ts (the type-check of every snippet) and as parameters of
// rosetta/default.ts-fixture (jsii-rosetta's strict compile, run by `npm run package`). A name
// added to one only would fail the package build late; this keeps the two lists equal.
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** name -> the type's last identifier (`UserPool`, `IRole`, `string`), as both files spell it differently. */
function declared(text: string, pattern: RegExp): Map<string, string> {
  return new Map([...text.matchAll(pattern)].map(([, name, type]) => [name, type.match(/(\w+)'?\]?>?\s*$/)![1]]));
}

test('rosetta/default.ts-fixture gives snippets the same names, of the same types, as the README type-check', () => {
  const readmeTest = fs.readFileSync(path.join(ROOT, 'test', 'readme-snippets.test.ts'), 'utf8');
  const given = readmeTest.slice(readmeTest.indexOf('const GIVEN = `'), readmeTest.indexOf('`;', readmeTest.indexOf('const GIVEN = `')));
  const fixture = fs.readFileSync(path.join(ROOT, 'rosetta', 'default.ts-fixture'), 'utf8');
  const fromGiven = declared(given, /^declare const (\w+): (.+);$/gm);
  const fromFixture = declared(fixture, /^ {2}(\w+): (.+),$/gm);
  expect(fromGiven.size).toBeGreaterThanOrEqual(20);
  expect(Object.fromEntries(fromFixture)).toEqual(Object.fromEntries(fromGiven));
  // jsii-rosetta puts each snippet at this marker, in a block of its own.
  expect(fixture).toMatch(/\{\n {4}\/\/\/ here\n {2}\}\n\}\n$/);
});
