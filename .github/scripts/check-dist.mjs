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

// Nothing left behind in the working tree.
check(!fs.existsSync(path.join(ROOT, '.npmignore')), '`npm run package` left a .npmignore behind');

if (problems.length > 0) {
  console.error(`check-dist: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`check-dist: dist/ holds the npm, Python, Java, .NET and Go packages of ${pkg.name} ${version}`);
