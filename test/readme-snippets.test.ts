// Every TypeScript snippet of README.md type-checks against this library's sources, so the
// README cannot drift from the API. Each snippet is compiled as its own module; the names
// snippets use without declaring them (a stack, a pool, a client, ...) are declared once below.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const LIBRARY = path.join(ROOT, 'lib', 'index');

/** What the snippets take as given: the context a reader's own code would provide. */
const GIVEN = `
type Lib = typeof import('${LIBRARY}');
declare const app: import('aws-cdk-lib').App;
declare const stack: import('aws-cdk-lib').Stack;
declare const primaryStack: import('aws-cdk-lib').Stack;
declare const euStack: import('aws-cdk-lib').Stack;
declare const pool: InstanceType<Lib['UserPool']>;
declare const userPool: InstanceType<Lib['UserPool']>;
declare const client: InstanceType<Lib['UserPoolClient']>;
declare const mobile: InstanceType<Lib['UserPoolClient']>;
declare const backend: InstanceType<Lib['UserPoolClient']>;
declare const webClient: InstanceType<Lib['UserPoolClient']>;
declare const group: InstanceType<Lib['UserPoolGroup']>;
declare const adminRole: import('aws-cdk-lib/aws-iam').IRole;
declare const backendFn: import('aws-cdk-lib/aws-lambda').IFunction;
declare const euFunction: import('aws-cdk-lib/aws-lambda').IFunction;
declare const bucket: import('aws-cdk-lib/aws-s3').IBucket;
declare const topic: import('aws-cdk-lib/aws-sns').ITopic;
declare const certArn: string;
declare const healthCheckId: string;
declare const hostedZoneId: string;
declare const poolId: string;
declare const oldPool: InstanceType<Lib['UserPool']>;
declare const newPool: InstanceType<Lib['UserPool']>;
declare const migrationClient: InstanceType<Lib['UserPoolClient']>;
`;

interface Snippet {
  readonly line: number;
  readonly code: string;
}

function readmeSnippets(): Snippet[] {
  const lines = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  let start: number | undefined;
  lines.forEach((line, i) => {
    if (start === undefined && line.trim() === '```ts') start = i + 1;
    else if (start !== undefined && line.trim() === '```') {
      snippets.push({ line: start + 1, code: lines.slice(start, i).join('\n') });
      start = undefined;
    }
  });
  return snippets;
}

/**
 * Type-checks the snippets as modules next to the tests (so that aws-cdk-lib resolves as it
 * does for them), served from memory: nothing is written to disk.
 */
function typeErrors(snippets: Snippet[]): string[] {
  const files = new Map<string, string>();
  const givenFile = path.join(ROOT, 'test', '__readme_given__.d.ts');
  files.set(givenFile, GIVEN);
  const snippetFiles = snippets.map((snippet) => {
    const file = path.join(ROOT, 'test', `__readme_line_${snippet.line}__.ts`);
    const code = snippet.code.replace(/from 'cdk-cognito-userpools'/g, `from '${LIBRARY}'`);
    // `export {}` keeps a snippet without imports a module, so its names stay its own.
    files.set(file, `${code}\nexport {};\n`);
    return file;
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    lib: ['lib.es2022.d.ts'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.getSourceFile = (f, languageVersion, ...rest) => files.has(f)
    ? ts.createSourceFile(f, files.get(f)!, languageVersion)
    : getSourceFile(f, languageVersion, ...rest);
  const program = ts.createProgram([givenFile, ...snippetFiles], options, host);
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.has(d.file.fileName))
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return message;
      const snippet = snippets[snippetFiles.indexOf(d.file.fileName)];
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return `README.md:${snippet ? snippet.line + line : '(given)'}: ${message}`;
    });
}

test('README.md has TypeScript snippets, and every one of them type-checks', () => {
  const snippets = readmeSnippets();
  expect(snippets.length).toBeGreaterThanOrEqual(20);
  expect(typeErrors(snippets)).toEqual([]);
});

test('every in-page link of README.md points to a heading', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
  const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)]
    .map(([, title]) => title.toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s/g, '-')));
  const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor);
  expect(links.length).toBeGreaterThanOrEqual(10);
  expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
});
