/**
 * One synth measurement, in its own process: `node --import tsx bench/synth/child.ts <library|aws-cdk-lib> <pools> <outdir>`.
 * Prints, as the process exits, one JSON line with the time spent loading modules, building the
 * app and synthesizing (measured from the start of the process) and the CPU time of the whole
 * process (all threads, start-up and exit included).
 */
import * as fs from 'fs';
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
const result = {
  variant,
  pools,
  // performance.now() counts from process start: node and tsx start-up are in `startMs`.
  startMs: loadStart,
  loadMs: loaded - loadStart,
  buildMs: built - loaded,
  synthMs: synthesized - built,
  totalMs: synthesized,
  resources: Object.keys(template.Resources).length,
};
process.on('exit', () => {
  const cpu = process.cpuUsage();
  fs.writeSync(1, `${JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
});
