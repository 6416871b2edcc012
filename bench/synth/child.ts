/**
 * One synth measurement, in its own process: `tsx bench/synth/child.ts <library|aws-cdk-lib> <pools> <outdir>`.
 * Prints one JSON line with the time spent loading modules, building the app and synthesizing,
 * measured from the start of the process.
 */
import { performance } from 'perf_hooks';

const [variant, poolsArg, outdir] = process.argv.slice(2);
const pools = Number(poolsArg);
const loadStart = performance.now();
const build = variant === 'library'
  ? require('./app-library').buildLibraryApp
  : require('./app-aws-cdk-lib').buildAwsCdkLibApp;
const loaded = performance.now();
const app = build(pools, outdir);
const built = performance.now();
const assembly = app.synth();
const synthesized = performance.now();

const template = assembly.getStackByName('Pools').template as { Resources: { [id: string]: { Type: string } } };
console.log(JSON.stringify({
  variant,
  pools,
  // performance.now() counts from process start: node and tsx start-up are in `startMs`.
  startMs: loadStart,
  loadMs: loaded - loadStart,
  buildMs: built - loaded,
  synthMs: synthesized - built,
  totalMs: synthesized,
  resources: Object.keys(template.Resources).length,
}));
