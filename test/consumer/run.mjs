// Consumer test: packs this package with `npm pack`, installs the tarball into a fresh CDK app in
// a temp folder (aws-cdk-lib and constructs from the registry, at the versions of this package's
// devDependencies) and synthesizes the README's install-section snippets, in TypeScript
// (type-checked with this project's tsc, run with its tsx) and in plain JavaScript.
// Run after `npm run build` (CI: `.ci/run`, after `npm run package`). It installs packages, so it is
// not part of the jest suite.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function run(cmd, args, cwd, env = {}) {
  try {
    return execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) {
    fail(`${path.basename(cmd)} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}`);
  }
}

function fail(message) {
  console.error(`consumer test: ${message}`);
  process.exit(1);
}

/** The first ```<lang> block of the README's "## Installing" section. */
function installSnippet(lang) {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Installing\n'));
  if (!section) fail('README.md has no "## Installing" section');
  const match = section.match(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'm'));
  if (!match) fail(`README.md's "## Installing" section has no \`\`\`${lang} block`);
  return match[1];
}

/** Checks the synthesized stack: the pool, its client, and the provider whose handler came from the tarball. */
function checkAssembly(outdir, label) {
  const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Auth.template.json'), 'utf8'));
  const resources = Object.values(template.Resources);
  const ofType = (type) => resources.filter((r) => r.Type === type);
  const pools = ofType('AWS::Cognito::UserPool');
  if (pools.length !== 1) fail(`${label}: expected 1 AWS::Cognito::UserPool, found ${pools.length}`);
  // The library's secure defaults, not aws-cdk-lib's: proof that this package's class was used.
  if (pools[0].Properties.DeletionProtection !== 'ACTIVE') fail(`${label}: the pool's DeletionProtection is ${pools[0].Properties.DeletionProtection}, expected ACTIVE`);
  if (pools[0].DeletionPolicy !== 'Retain') fail(`${label}: the pool's DeletionPolicy is ${pools[0].DeletionPolicy}, expected Retain`);
  if (ofType('AWS::Cognito::UserPoolClient').length !== 1) fail(`${label}: expected 1 AWS::Cognito::UserPoolClient`);
  // The built-in immutable-settings guard runs in the provider: its handler asset ships in the tarball.
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'Auth.assets.json'), 'utf8'));
  const handlerAssets = Object.values(manifest.files ?? {}).filter((a) => a.source.packaging === 'zip'
    && fs.existsSync(path.join(outdir, a.source.path, 'index.js'))
    && fs.readFileSync(path.join(outdir, a.source.path, 'index.js'), 'utf8').includes('cognito-idp'));
  if (handlerAssets.length === 0) fail(`${label}: no staged custom-resource handler asset (assets/handler missing from the package?)`);
  console.log(`consumer test: ${label}: synthesized Auth (${resources.length} resources, handler asset staged)`);
}

const started = Date.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cognito-userpools-consumer-'));
try {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], ROOT));
  const tarball = path.join(tmp, packed.filename);
  const files = packed.files.map((f) => f.path);
  for (const required of ['LICENSE', 'README.md', 'package.json', '.jsii', 'lib/index.js', 'lib/index.d.ts', 'assets/handler/index.js']) {
    if (!files.includes(required)) fail(`the packed tarball lacks ${required}`);
  }

  const app = path.join(tmp, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', version: '0.0.0', private: true }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball,
    `aws-cdk-lib@${pkg.devDependencies['aws-cdk-lib']}`, `constructs@${pkg.devDependencies.constructs}`], app);

  const cdk = path.join(BIN, 'cdk');
  const synth = (appCommand, outdir) => run(cdk, ['synth', '--app', appCommand, '--output', outdir, '--quiet', '--no-notices', '--no-version-reporting'], app,
    { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ?? '20' });

  // TypeScript: type-checked strictly as a consumer would, then run with tsx.
  fs.writeFileSync(path.join(app, 'app.ts'), installSnippet('ts'));
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'commonjs', lib: ['es2022'], strict: true, skipLibCheck: true, noEmit: true, types: [] },
    files: ['app.ts'],
  }, null, 2));
  run(path.join(BIN, 'tsc'), ['-p', 'tsconfig.json'], app);
  synth(`${path.join(BIN, 'tsx')} app.ts`, 'out-ts');
  checkAssembly(path.join(app, 'out-ts'), 'TypeScript');

  // Plain JavaScript, run by node.
  fs.writeFileSync(path.join(app, 'app.js'), installSnippet('js'));
  synth('node app.js', 'out-js');
  checkAssembly(path.join(app, 'out-js'), 'JavaScript');

  console.log(`consumer test: passed in ${Math.round((Date.now() - started) / 1000)} s`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
