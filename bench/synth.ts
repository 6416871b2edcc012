/**
 * Synth cost: the same configuration built with this library and with aws-cdk-lib's L2s
 * alone, each measurement in a fresh child process (so both pay module loading alike),
 * alternating which goes first; the figure is the ratio of the medians of the wall times.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Figure, median, ratioOfMedians, verdict } from './stats';

export type Variant = 'library' | 'aws-cdk-lib';
const CHILD = path.join(__dirname, 'synth', 'child.ts');
const RATIO_BUDGET = 1.15;

export interface SynthRun {
  readonly variant: Variant;
  readonly pools: number;
  /** Spawn to exit, as measured by the parent. */
  readonly wallMs: number;
  /** CPU time (user + system, all threads) of the child, start to exit. */
  readonly cpuMs: number;
  readonly startMs: number;
  readonly loadMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
  readonly resources: number;
}

/** Runs one synth in a fresh `node --import tsx` process. */
export async function synthOnce(variant: Variant, pools: number): Promise<SynthRun> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const started = process.hrtime.bigint();
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, variant, String(pools), outdir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => { out += d; });
      child.stderr.on('data', (d) => { err += d; });
      child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const line = stdout.split('\n').find((l) => l.startsWith('{'));
    if (code !== 0 || !line) throw new Error(`synth of ${variant} with ${pools} pool(s) failed (${code}): ${stderr.slice(-2000)}`);
    return { ...JSON.parse(line), wallMs };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export interface SynthResult {
  readonly figures: Figure[];
  readonly runs: SynthRun[];
}

export async function benchSynth(poolCounts: number[], runs: number, progress: (msg: string) => void): Promise<SynthResult> {
  // Warm-up (discarded): fills tsx's transform cache for both apps.
  await synthOnce('library', 1);
  await synthOnce('aws-cdk-lib', 1);
  const all: SynthRun[] = [];
  const figures: Figure[] = [];
  for (const pools of poolCounts) {
    for (let i = 0; i < runs; i++) {
      const order: Variant[] = i % 2 === 0 ? ['library', 'aws-cdk-lib'] : ['aws-cdk-lib', 'library'];
      for (const variant of order) {
        const run = await synthOnce(variant, pools);
        all.push(run);
        progress(`synth ${pools} pool(s), run ${i + 1}/${runs}, ${variant}: ${(run.wallMs / 1000).toFixed(2)} s`);
      }
    }
    const ours = all.filter((r) => r.pools === pools && r.variant === 'library');
    const peer = all.filter((r) => r.pools === pools && r.variant === 'aws-cdk-lib');
    for (const [measure, of] of [['CPU time', (r: SynthRun) => r.cpuMs], ['wall time', (r: SynthRun) => r.wallMs]] as const) {
      const ratio = ratioOfMedians(ours.map(of), peer.map(of));
      figures.push({
        section: 'Synth',
        name: `${pools} full-featured pool(s), this library / aws-cdk-lib L2s: ratio of median ${measure}s, ${runs} runs each`,
        value: `${ratio.toFixed(3)} (${(median(ours.map(of)) / 1000).toFixed(2)} s / ${(median(peer.map(of)) / 1000).toFixed(2)} s)`,
        budget: `<= ${RATIO_BUDGET}`,
        verdict: verdict(ratio <= RATIO_BUDGET),
      });
    }
  }
  return { figures, runs: all };
}

/** Per variant and pool count: the medians of the phases measured inside the child. */
export function phaseMedians(runs: readonly SynthRun[]): string[][] {
  const rows: string[][] = [];
  const keys = [...new Set(runs.map((r) => `${r.pools}|${r.variant}`))];
  for (const key of keys) {
    const of = runs.filter((r) => `${r.pools}|${r.variant}` === key);
    const m = (f: (r: SynthRun) => number) => (median(of.map(f)) / 1000).toFixed(2);
    const each = (f: (r: SynthRun) => number) => of.map((r) => (f(r) / 1000).toFixed(2)).join(', ');
    rows.push([String(of[0].pools), of[0].variant, String(of[0].resources), m((r) => r.cpuMs), m((r) => r.wallMs), m((r) => r.startMs),
      m((r) => r.loadMs), m((r) => r.buildMs), m((r) => r.synthMs), each((r) => r.cpuMs), each((r) => r.wallMs)]);
  }
  return rows;
}
