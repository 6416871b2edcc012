// Every public type, struct property and method of the built library is documented, and every
// optional struct property says its default. Reads the jsii assembly written by `npm run compile`.
import * as fs from 'fs';
import * as path from 'path';

interface Docs { readonly summary?: string; readonly default?: string }
interface Member { readonly name: string; readonly optional?: boolean; readonly docs?: Docs }
interface JsiiType {
  readonly kind: string;
  readonly datatype?: boolean;
  readonly docs?: Docs;
  readonly properties?: Member[];
  readonly methods?: Member[];
}

const assemblyFile = path.join(__dirname, '..', '.jsii');
const types: Array<[string, JsiiType]> = fs.existsSync(assemblyFile)
  ? Object.entries(JSON.parse(fs.readFileSync(assemblyFile, 'utf8')).types as { [fqn: string]: JsiiType })
  : [];

test('the jsii assembly exists (npm test compiles it first)', () => {
  expect(types.length).toBeGreaterThan(100);
});

test('every public type, property and method has a summary', () => {
  const undocumented = types.flatMap(([fqn, t]) => [
    ...(t.docs?.summary ? [] : [fqn]),
    ...(t.properties ?? []).filter((p) => !p.docs?.summary).map((p) => `${fqn}.${p.name}`),
    ...(t.methods ?? []).filter((m) => !m.docs?.summary).map((m) => `${fqn}#${m.name}()`),
  ]);
  expect(undocumented).toEqual([]);
});

test('every optional property of a props struct says its default', () => {
  const withoutDefault = types
    .filter(([, t]) => t.kind === 'interface' && t.datatype)
    .flatMap(([fqn, t]) => (t.properties ?? []).filter((p) => p.optional && !p.docs?.default).map((p) => `${fqn}.${p.name}`));
  expect(withoutDefault).toEqual([]);
});
