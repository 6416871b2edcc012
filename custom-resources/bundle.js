// Bundles the custom-resource handlers into one minified file per provider entry.
// The output folder ships in the npm package and is referenced by lib/private/provider.ts.
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

// The provider's onEvent handler, and the waiter provider's isComplete handler (import jobs).
const ENTRIES = [['index.ts', 'handler'], ['waiter.ts', 'waiter']];
// The scheduled user backup of UserPoolBackup (not a custom resource).
ENTRIES.push(['backup/index.ts', 'backup']);

for (const [entry, folder] of ENTRIES) {
  const outdir = path.join(__dirname, '..', 'assets', folder);
  fs.rmSync(outdir, { recursive: true, force: true });

  esbuild.buildSync({
    entryPoints: [path.join(__dirname, entry)],
    outfile: path.join(outdir, 'index.js'),
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The Cognito SDK is bundled (pinned by this package: it needs the newest operations), not
    // taken from the Lambda runtime. S3 (GetObject of the construct's own assets) comes from the
    // runtime's SDK v3, which keeps the bundle small.
    external: ['@aws-sdk/client-s3'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const size = fs.statSync(path.join(outdir, 'index.js')).size;
  console.log(`${folder} bundle: ${(size / 1024).toFixed(1)} KB`);
}
