// Checks what the release workflow publishes, locally: its build step is `npm run package`, and
// after that command dist/ holds every target (npm tarball; Python, Java, .NET and Go sources),
// each carrying the one version (the argument, else package.json's), a LICENSE and the package
// names of package.json's jsii targets; and `npm run package` left no untracked .npmignore.
// Usage: node .github/scripts/check-dist.mjs [version]   (after `npm run package`)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const targets = pkg.jsii.targets;
const version = process.argv[2] ?? pkg.version;
// A prerelease's spelling per target (Python's is PEP 440: 1.0.0-rc.1 is 1.0.0rc1), as jsii-pacmak writes it.
const { toReleaseVersion } = createRequire(import.meta.url)('jsii-pacmak/lib/targets/version-utils.js');
const pythonVersion = toReleaseVersion(version, 'python');

const problems = [];
const check = (ok, message) => { if (!ok) problems.push(message); };
const read = (rel) => {
  const file = path.join(DIST, rel);
  if (!fs.existsSync(file)) { problems.push(`dist/${rel} is missing`); return ''; }
  return fs.readFileSync(file, 'utf8');
};
const exists = (rel) => check(fs.existsSync(path.join(DIST, rel)), `dist/${rel} is missing`);
const apacheLicense = (rel) => check(read(rel).startsWith('Apache License\nVersion 2.0'), `dist/${rel} is not the Apache-2.0 text`);

// The workflow: one stamp of the version, the build step is the local command, publishing reads dist/.
const workflow = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
const runs = [...workflow.matchAll(/^\s*run:\s*(.+)$/gm)].map((m) => m[1].trim());
check(runs.includes('npm run package'), 'release.yml has no step `run: npm run package`');
check(runs.includes('npm ci && npm test'), 'release.yml has no step `run: npm ci && npm test`');
check((workflow.match(/npm version /g) ?? []).length === 1, 'release.yml must stamp the version exactly once (`npm version`)');
check(workflow.includes('node .github/scripts/check-dist.mjs'), 'release.yml does not run this check');
for (const published of ['dist/js/*.jsii.tgz', 'dist/python', 'dist/java/pom.xml', 'dist/dotnet/CdkCognitoUserPools/CdkCognitoUserPools.csproj', 'dist/go/cdkcognitouserpools']) {
  check(workflow.includes(published), `release.yml does not publish from ${published}`);
}

// npm: the tarball jsii-pacmak packed.
const tarballName = `${pkg.name}@${version}.jsii.tgz`;
exists(`js/${tarballName}`);
if (fs.existsSync(path.join(DIST, 'js', tarballName))) {
  const entries = execFileSync('tar', ['-tzf', path.join(DIST, 'js', tarballName)], { encoding: 'utf8' }).split('\n');
  for (const f of ['LICENSE', 'README.md', 'package.json', '.jsii', 'lib/index.js', 'lib/index.d.ts', 'assets/handler/index.js']) {
    check(entries.includes(`package/${f}`), `dist/js/${tarballName} lacks ${f}`);
  }
  check(!entries.some((e) => e.startsWith('package/dist/') || e.endsWith('.ts') && !e.endsWith('.d.ts')), `dist/js/${tarballName} holds dist/ or TypeScript sources`);
  const packed = JSON.parse(execFileSync('tar', ['-xzOf', path.join(DIST, 'js', tarballName), 'package/package.json'], { encoding: 'utf8' }));
  check(packed.version === version, `dist/js package.json version is ${packed.version}, expected ${version}`);
  check(typeof packed.homepage === 'string' && packed.homepage.length > 0, 'dist/js package.json has no homepage');
  check(typeof packed.bugs?.url === 'string', 'dist/js package.json has no bugs.url');
  const license = execFileSync('tar', ['-xzOf', path.join(DIST, 'js', tarballName), 'package/LICENSE'], { encoding: 'utf8' });
  check(license.startsWith('Apache License\nVersion 2.0'), `dist/js/${tarballName}: LICENSE is not the Apache-2.0 text`);
}

// Python sources (built into a wheel and sdist by the workflow).
const setup = read('python/setup.py');
check(setup.includes(`"name": "${targets.python.distName}"`), `dist/python/setup.py does not name ${targets.python.distName}`);
check(setup.includes(`"version": "${pythonVersion}"`), `dist/python/setup.py does not carry version ${pythonVersion}`);
exists(`python/src/${targets.python.module}/_jsii/${tarballName}`);
apacheLicense('python/LICENSE');

// Java sources (built, signed and bundled by the workflow).
const pom = read('java/pom.xml');
check(pom.includes(`<groupId>${targets.java.maven.groupId}</groupId>\n  <artifactId>${targets.java.maven.artifactId}</artifactId>\n  <version>${version}</version>`),
  `dist/java/pom.xml is not ${targets.java.maven.groupId}:${targets.java.maven.artifactId}:${version}`);
apacheLicense('java/LICENSE');

// .NET sources (packed into a .nupkg by the workflow).
const id = targets.dotnet.packageId;
const csproj = read(`dotnet/${id}/${id}.csproj`);
check(csproj.includes(`<PackageId>${id}</PackageId>`), `dist/dotnet csproj does not name ${id}`);
check(csproj.includes(`<PackageVersion>${version}</PackageVersion>`), `dist/dotnet csproj does not carry version ${version}`);
apacheLicense(`dotnet/${id}/LICENSE`);

// Go module (pushed to the module repository by the workflow).
const goPackage = targets.go.packageName;
const goMod = read(`go/${goPackage}/go.mod`);
check(goMod.startsWith(`module ${targets.go.moduleName}/${goPackage}\n`), `dist/go/${goPackage}/go.mod is not module ${targets.go.moduleName}/${goPackage}`);
check(read(`go/${goPackage}/version`).trim() === version, `dist/go/${goPackage}/version is not ${version}`);
exists(`go/${goPackage}/jsii/${pkg.name}-${version}.tgz`);
apacheLicense(`go/${goPackage}/LICENSE`);

// README and docstring examples translated by jsii-rosetta (`npm run rosetta` writes the tablet
// .jsii.tabl.json next to .jsii, where jsii-pacmak reads it): every TypeScript block of README.md is
// a block of the target language in each package's README, none is left in TypeScript, and a known
// snippet reads as the language's code. Java sources carry no README (jsii-pacmak writes the README
// into package-info.java only for an assembly with package-level docs), so for Java, as for every
// other language, the docstrings' examples are checked.
const fence = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
const sourceBlocks = [...fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').matchAll(fence)]
  .map((m) => ({ lang: m[1].trim().split(/\s+/)[0], code: m[2] }));
const isTypeScript = (lang) => lang === 'ts' || lang === 'typescript';
const snippetCount = sourceBlocks.filter((b) => isTypeScript(b.lang)).length;
// Code that only TypeScript writes this way, once comments are dropped (a comment may quote TypeScript).
const TS_MARKERS = [
  [/^\s*import\s*(\{|\*\s*as\b)/m, '`import {` / `import * as`'],
  [/\bfrom\s+'[^'\n]*'/, "`from '...'`"],
  [/^\s*(const|let)\s+\w+\s*[:=]/m, '`const`/`let` declaration'],
  [/\bnew\s+[A-Z]\w*\([^)\n]*'/, "`new X(..., '...')`"],
  [/'[^'\n]{2,}'/, 'a single-quoted string'],
  [/=>/, 'an arrow function'],
];
const PYTHON_ONLY_MARKERS = [[/\bnew\s+[A-Z]\w*\(/, '`new X(`'], [/;\s*$/m, 'a statement ending in `;`'], [/\b(true|false)\b/, '`true`/`false`']];
const withoutComments = (code, comment) => code.split('\n').map((line) => line.replace(comment, '')).join('\n');
const typeScriptIn = (code, lang) => {
  const bare = withoutComments(code, lang === 'python' ? /(^|\s)#(\s.*)?$/ : /(^|\s)\/\/(\s.*)?$/)
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  return [...TS_MARKERS, ...(lang === 'python' ? PYTHON_ONLY_MARKERS : [])].filter(([re]) => re.test(bare)).map(([, what]) => what);
};
const blocksChecked = { python: 0, java: 0, csharp: 0, go: 0 };
const checkBlocks = (where, blocks, lang) => {
  blocksChecked[lang] += blocks.length;
  blocks.forEach((code, i) => {
    const found = typeScriptIn(code, lang);
    check(found.length === 0, `${where}: ${lang} example ${i + 1} still holds TypeScript (${found.join(', ')}):\n${code.split('\n').slice(0, 6).join('\n')}`);
  });
};
/** A markdown README: one block of `lang` per TypeScript block of README.md, none left in TypeScript. */
const checkMarkdownReadme = (where, markdown, lang, known) => {
  const blocks = [...markdown.matchAll(fence)].map((m) => ({ lang: m[1].trim().split(/\s+/)[0], code: m[2] }));
  const left = blocks.filter((b) => isTypeScript(b.lang)).length;
  check(left === 0, `${where}: ${left} code block(s) still marked TypeScript`);
  const translated = blocks.filter((b) => b.lang === lang).map((b) => b.code);
  check(translated.length === snippetCount, `${where}: ${translated.length} ${lang} code blocks, expected ${snippetCount} (one per TypeScript block of README.md)`);
  checkBlocks(where, translated, lang);
  for (const k of known) check(markdown.includes(k), `${where} does not hold the translated snippet \`${k}\``);
  return translated.length;
};
const translatedCounts = {};
check(snippetCount >= 20, `README.md has ${snippetCount} TypeScript blocks, expected at least 20`);
if (fs.existsSync(path.join(ROOT, '.jsii.tabl.json'))) {
  const tablet = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii.tabl.json'), 'utf8'));
  const snippets = Object.values(tablet.snippets ?? {});
  const failed = snippets.filter((s) => !s.didCompile).map((s) => JSON.stringify(s.location));
  check(failed.length === 0, `.jsii.tabl.json: snippets that did not compile: ${failed.join(', ')}`);
} else {
  problems.push('.jsii.tabl.json is missing: `npm run package` runs `npm run rosetta` first');
}

// Python: the README is the package's long description (PyPI page) and the module docstring.
const pyModule = targets.python.module;
translatedCounts.python = checkMarkdownReadme('dist/python/README.md', read('python/README.md'), 'python', [
  'from cdk_cognito_userpools import UserPool\n', 'pool = UserPool(stack, "Pool")\n', 'pool.add_client("Web")\n']);
check(setup.includes('long_description=') || setup.includes('"long_description"'), 'dist/python/setup.py has no long_description');
const pyFiles = [];
const walk = (dir, ext, out) => {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) walk(f, ext, out);
    else if (f.endsWith(ext)) out.push(f);
  }
  return out;
};
walk(path.join(DIST, 'python', 'src', pyModule), '.py', pyFiles);
check(pyFiles.length > 0, `dist/python/src/${pyModule} holds no .py file`);
let pyDocExamples = 0;
for (const f of pyFiles) {
  const text = fs.readFileSync(f, 'utf8');
  const rel = path.relative(ROOT, f);
  const md = [...text.matchAll(fence)].map((m) => ({ lang: m[1].trim().split(/\s+/)[0], code: m[2] }));
  const leftTs = md.filter((b) => isTypeScript(b.lang)).length;
  check(leftTs === 0, `${rel}: ${leftTs} docstring code block(s) still marked TypeScript`);
  const pyBlocks = md.filter((b) => b.lang === 'python').map((b) => b.code);
  // jsii-pacmak writes an `@example` as `Example::` and the code indented by 4.
  const examples = [...text.matchAll(/^(\s*)Example::\n\n((?:\1 {4}.*\n|\s*\n)+)/gm)].map((m) => m[2]);
  pyDocExamples += pyBlocks.length + examples.length;
  checkBlocks(rel, [...pyBlocks, ...examples], 'python');
}
const initPy = read(`python/src/${pyModule}/__init__.py`);
check(initPy.includes('pool = UserPool(stack, "Pool")\n'), `dist/python/src/${pyModule}/__init__.py: the module docstring does not hold the translated README`);

// Go: the README next to the module.
translatedCounts.go = checkMarkdownReadme(`dist/go/${goPackage}/README.md`, read(`go/${goPackage}/README.md`), 'go', [
  `pool := ${goPackage}.NewUserPool(stack, jsii.String("Pool"))\n`]);
for (const f of walk(path.join(DIST, 'go', goPackage), '.go', [])) {
  // jsii-pacmak writes an `@example` as `// Example:` and the code as `//   ` comment lines.
  const text = fs.readFileSync(f, 'utf8');
  const examples = [...text.matchAll(/^\s*\/\/ Example:\n((?:\s*\/\/(?: {3}.*)?\n)+)/gm)].map((m) => m[1].replace(/^\s*\/\/ {0,3}/gm, ''));
  checkBlocks(path.relative(ROOT, f), examples, 'go');
}

const unescapeHtml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
// .NET: the README is the namespace's doc comment, code blocks as <code><![CDATA[ ... ]]></code>, in README.md's order.
const cdata = (text) => [...text.matchAll(/<code><!\[CDATA\[\n([\s\S]*?)\]\]><\/code>/g)].map((m) => m[1].replace(/^\s*\/\/\/ ?/gm, ''));
const namespaceDoc = read(`dotnet/${id}/${id}/NamespaceDoc.cs`);
const csBlocks = cdata(namespaceDoc);
check(csBlocks.length === sourceBlocks.length, `dist/dotnet NamespaceDoc.cs: ${csBlocks.length} code blocks, expected README.md's ${sourceBlocks.length}`);
const csTranslated = csBlocks.filter((_, i) => isTypeScript(sourceBlocks[i]?.lang));
translatedCounts.csharp = csTranslated.length;
checkBlocks(`dist/dotnet/${id}/${id}/NamespaceDoc.cs`, csTranslated, 'csharp');
for (const k of [`using ${targets.dotnet.namespace};\n`, 'var pool = new UserPool(stack, "Pool");\n', 'pool.AddClient("Web");\n']) {
  check(namespaceDoc.includes(`/// ${k}`), `dist/dotnet NamespaceDoc.cs does not hold the translated snippet \`${k.trim()}\``);
}
for (const f of walk(path.join(DIST, 'dotnet', id), '.cs', [])) {
  if (f.endsWith('NamespaceDoc.cs')) continue;
  // jsii-pacmak writes an `@example` as `<example><code>` (XML-escaped), README-style blocks as CDATA.
  const text = fs.readFileSync(f, 'utf8');
  const examples = [...text.matchAll(/<example>\s*\/\/\/ <code>([\s\S]*?)<\/code>/g)]
    .map((m) => unescapeHtml(m[1].replace(/^\s*\/\/\/ ?/gm, '')));
  checkBlocks(path.relative(ROOT, f), [...cdata(text), ...examples], 'csharp');
}

// Java: examples in the Javadoc (`<blockquote><pre>`, HTML-escaped).
for (const f of walk(path.join(DIST, 'java', 'src'), '.java', [])) {
  const text = fs.readFileSync(f, 'utf8');
  const examples = [...text.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => unescapeHtml(m[1].replace(/^\s*\* ?/gm, '')));
  checkBlocks(path.relative(ROOT, f), examples, 'java');
}
const countsLine = `README snippets: ${snippetCount} TypeScript blocks; translated: ${Object.entries(translatedCounts).map(([l, n]) => `${l} ${n}`).join(', ')}; Python docstring code blocks: ${pyDocExamples} (the module docstring is the README); code blocks checked for TypeScript (READMEs and docstrings): ${Object.entries(blocksChecked).map(([l, n]) => `${l} ${n}`).join(', ')}`;

// Nothing left behind in the working tree.
check(!fs.existsSync(path.join(ROOT, '.npmignore')), '`npm run package` left a .npmignore behind');

if (problems.length > 0) {
  console.error(`check-dist: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`check-dist: dist/ holds the npm, Python, Java, .NET and Go packages of ${pkg.name} ${version}`);
console.log(`check-dist: ${countsLine}`);
