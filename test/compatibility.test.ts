// The supported aws-cdk-lib and constructs versions the README states are the floors of the
// peer dependencies (the versions `.ci/run`'s second run installs), and the newest versions the
// main run uses (devDependencies) lie inside those ranges.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** `^2.269.0` -> [2, 269, 0]; only caret ranges are used for the peer dependencies. */
function caretFloor(range: string): number[] {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!m) throw new Error(`expected a caret range like ^2.269.0, got ${range}`);
  return m.slice(1).map(Number);
}

function parseVersion(version: string): number[] {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`expected an exact version like 2.276.0, got ${version}`);
  return m.slice(1).map(Number);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

describe.each(['aws-cdk-lib', 'constructs'])('%s', (name) => {
  const floor = caretFloor(pkg.peerDependencies[name]);

  test('the README states the peer dependency floor as the oldest supported version', () => {
    const stated = new RegExp(`Supported versions:[^]*?${name} (\\d+\\.\\d+\\.\\d+) or later ${floor[0]}\\.x`).exec(readme);
    expect(stated?.[1]).toBe(floor.join('.'));
  });

  test('the devDependency (the newest version, used by the main CI run) is inside the peer range', () => {
    const dev = parseVersion(pkg.devDependencies[name]);
    expect(dev[0]).toBe(floor[0]);
    expect(compare(dev, floor)).toBeGreaterThanOrEqual(0);
  });
});
