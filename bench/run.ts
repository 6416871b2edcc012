/**
 * `npm run bench`: every benchmark in one run, a table of the figures beside their budgets on
 * stdout, and the same with the machine, the date and the details in bench/RESULTS.md.
 * Budgets are reported, not enforced: the exit code is 0 whatever the verdicts.
 *
 * BENCH_SYNTH_RUNS (default 7, at least 5) sets the runs per variant and pool count.
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchBackup } from './backup';
import { benchConcurrency } from './concurrency';
import { benchFootprint } from './footprint';
import { benchSynth, phaseMedians } from './synth';
import { benchThroughput } from './throughput';
import { benchUpdateMinimality } from './update';
import { Figure, markdownTable } from './stats';

const ROOT = path.join(__dirname, '..');
const HANDLER_BUNDLE = path.join(ROOT, 'assets', 'handler', 'index.js');

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function machine(): string[][] {
  const cpus = os.cpus();
  return [
    ['CPU', `${cpus[0]?.model ?? 'unknown'} (${cpus.length} logical cores)`],
    ['Memory', `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`],
    ['OS', `${os.type()} ${os.release()} ${os.arch()}`],
    ['Node.js', process.version],
    ['Load average at start (1/5/15 min)', os.loadavg().map((l) => l.toFixed(2)).join(' / ')],
  ];
}

async function main(): Promise<void> {
  const started = new Date();
  const machineRows = machine();
  if (!fs.existsSync(HANDLER_BUNDLE) || !fs.existsSync(path.join(ROOT, 'assets', 'backup', 'index.js'))) {
    log('assets/handler is missing: npm run bundle');
    execSync('npm run bundle', { cwd: ROOT, stdio: 'inherit' });
  }
  const runs = Math.max(5, Number(process.env.BENCH_SYNTH_RUNS ?? 7));

  log('footprint');
  const footprint = benchFootprint();
  log('update minimality');
  const update = await benchUpdateMinimality(200);
  log('bulk throughput');
  const throughput = await benchThroughput(1000);
  log('concurrency (4 Users of 250 at once)');
  const concurrency = await benchConcurrency(4, 250);
  log('backup (3,000 users in a group)');
  const backup = await benchBackup(3000);
  log(`synth (${runs} runs per variant and pool count)`);
  const synth = await benchSynth([1, 25], runs, log);

  const figures: Figure[] = [...synth.figures, ...footprint.figures, ...update.figures, ...throughput.figures, ...concurrency.figures, ...backup.figures];
  const minutes = (Date.now() - started.getTime()) / 60000;
  const table = markdownTable(['Benchmark', 'Figure', 'Measured', 'Budget', 'Verdict'],
    figures.map((f) => [f.section, f.name, f.value, f.budget || '(comparison)', f.verdict]));
  console.log(table);
  console.log(`\nAll benchmarks in ${minutes.toFixed(1)} min. Details: bench/RESULTS.md`);

  const md = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${started.toISOString().replace('T', ' ').slice(0, 19)} UTC, all figures from this one run`
      + ` (${minutes.toFixed(1)} min). Budgets are reported, not enforced.`,
    '',
    '## Machine',
    '',
    markdownTable(['', ''], machineRows),
    '',
    '## Figures',
    '',
    table,
    '',
    '## Synth: each run',
    '',
    'CPU time (user + system, all threads) of each child process; wall time from spawning',
    '`node --import tsx bench/synth/child.ts` to its exit; the phases are measured inside the child',
    '(start = node and tsx start-up before the app module is required; load = requiring the app module with aws-cdk-lib and,',
    'for the library, its own sources; build = constructing the app; synth = `app.synth()`, which includes aws-cdk-lib\'s',
    'template validation). Medians in seconds; one warm-up run of each variant (discarded) fills tsx\'s transform cache.',
    '',
    markdownTable(['Pools', 'Variant', 'Resources', 'CPU', 'Wall', 'Start', 'Load', 'Build', 'Synth', 'Each run (CPU)', 'Each run (wall)'],
      phaseMedians(synth.runs)),
    '',
    '## Footprint: each stack',
    '',
    markdownTable(['Stack', 'Users', 'Lambda functions', 'Resources', 'IAM policies', 'Template KB'],
      footprint.stacks.map((s) => [s.label, String(s.users), String(s.lambdaFunctions), String(s.resources), String(s.iamPolicies), s.templateKb.toFixed(1)])),
    '',
    ...fs.readFileSync(path.join(__dirname, 'NOTES.md'), 'utf8').split('\n'),
    ...throughput.notes.map((n) => `- ${n}`),
    ...concurrency.notes.map((n) => `- ${n}`),
    ...backup.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), md);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
