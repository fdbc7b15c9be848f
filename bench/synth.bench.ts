/*
 * Synth time of a default SecureTrail against aws-cdk-lib's Trail wired by hand to the same hardening
 * (./hand-wired.ts). Not a test: `npm run bench` prints a table and whether the target ratio is met.
 *
 * For each N, one App holds N stacks of one variant; a run times constructing them plus `app.synth()`
 * (which writes the cloud assembly to a temp dir), divided by N; for N=1 a run is ten such apps in a row (see
 * `Size.apps`). Runs of the variants are interleaved and their order alternates, so drift (JIT, heap growth, a busy
 * neighbour) lands on both; the median of the runs is kept.
 *
 * Knobs, for a quick look or a slow machine: BENCH_SIZES=1,20 BENCH_RUNS=3 npm run bench
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { App, Stack } from 'aws-cdk-lib';
import { handWiredTrail } from './hand-wired';
import { SecureTrail } from '../src';

/** Builds stack `i` of one variant in `app`. Add a variant here to get a column (and a ratio) for it. */
export type Variant = (app: App, i: number) => void;

/** The variant every other one is compared with. */
const BASELINE = 'hand-wired';

export const variants: Record<string, Variant> = {
  SecureTrail: (app, i) => {
    new SecureTrail(new Stack(app, `Stack${i}`), 'Trail');
  },
  [BASELINE]: (app, i) => {
    handWiredTrail(new Stack(app, `Stack${i}`), 'Trail', { trailName: `HandWiredTrail${i}` });
  },
};

/** The ratio to the baseline a variant must stay under. */
const TARGET_RATIO = 1.1;

export interface Size {
  /** Stacks in one App. */
  readonly stacks: number;
  /**
   * Apps built one after another in one run. A one-stack app synthesizes in a few ms, so one app per run would
   * measure disk and timer noise; the garbage collection before each run (about 0.3 s) is also paid once per run.
   */
  readonly apps: number;
  readonly warmups: number;
  readonly runs: number;
}

/** Sized to stay near a minute on 2 cores: fewer runs where one run is long. */
const PLAN: Size[] = [
  { stacks: 1, apps: 10, warmups: 3, runs: 15 },
  { stacks: 20, apps: 1, warmups: 2, runs: 11 },
  { stacks: 100, apps: 1, warmups: 1, runs: 7 },
];

interface Sample {
  /** Milliseconds per stack, constructing + synth. */
  readonly total: number;
  readonly construct: number;
  readonly synth: number;
}

interface Row {
  readonly stacks: number;
  /** Median sample per variant. */
  readonly medians: Record<string, Sample>;
}

const collectGarbage = exposeGc();

/** One run: `apps` fresh Apps of `stacks` stacks of one variant, each built and synthesized; ms per stack. */
export function measure(variant: Variant, stacks: number, apps = 1): Sample {
  const outdirs = Array.from({ length: apps }, () => fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cloudtrail-kit-bench-')));
  try {
    collectGarbage?.();
    let construct = 0n;
    let synth = 0n;
    for (const outdir of outdirs) {
      const start = process.hrtime.bigint();
      const app = new App({ outdir });
      for (let i = 0; i < stacks; i++) variant(app, i);
      const built = process.hrtime.bigint();
      app.synth();
      const end = process.hrtime.bigint();
      construct += built - start;
      synth += end - built;
    }
    const ms = (ns: bigint) => Number(ns) / 1e6 / (stacks * apps);
    return { total: ms(construct + synth), construct: ms(construct), synth: ms(synth) };
  } finally {
    for (const outdir of outdirs) fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export function runBench(all: Record<string, Variant>, plan: Size[] = PLAN): Row[] {
  const names = Object.keys(all);
  const rows: Row[] = [];
  for (const { stacks, apps, warmups, runs } of plan) {
    const samples: Record<string, Sample[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (let run = 0; run < warmups + runs; run++) {
      const order = run % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const sample = measure(all[name], stacks, apps);
        if (run >= warmups) samples[name].push(sample);
      }
    }
    rows.push({ stacks, medians: Object.fromEntries(names.map((name) => [name, medianSample(samples[name])])) });
    process.stderr.write(`  N=${stacks}: ${warmups} warm-up + ${runs} runs of ${apps} app${apps > 1 ? 's' : ''} per variant done\n`);
  }
  return rows;
}

function medianSample(samples: Sample[]): Sample {
  return {
    total: median(samples.map((s) => s.total)),
    construct: median(samples.map((s) => s.construct)),
    synth: median(samples.map((s) => s.synth)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What one stack of each variant deploys, so a reader can judge whether the comparison is fair. */
function describeTemplates(all: Record<string, Variant>): string[] {
  return Object.entries(all).map(([name, variant]) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cloudtrail-kit-bench-')) });
    try {
      variant(app, 0);
      const template = app.synth().stacks[0].template;
      const resources = Object.values<any>(template.Resources ?? {});
      const statements = resources.reduce((sum, r) => {
        const document = r.Properties?.PolicyDocument ?? r.Properties?.KeyPolicy;
        return sum + (document ? [document.Statement].flat().length : 0);
      }, 0);
      return `  ${name}: ${resources.length} resources, ${statements} policy statements`;
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });
}

function printTable(rows: Row[], names: string[]): boolean {
  const others = names.filter((name) => name !== BASELINE);
  const header = ['N', ...names.map((name) => `ms/stack ${name}`), ...others.map((name) => `ratio ${name}`), `<= ${TARGET_RATIO}`];
  const body = rows.map((row) => {
    const ratios = others.map((name) => row.medians[name].total / row.medians[BASELINE].total);
    return [
      String(row.stacks),
      ...names.map((name) => row.medians[name].total.toFixed(2)),
      ...ratios.map((ratio) => ratio.toFixed(3)),
      ratios.every((ratio) => ratio <= TARGET_RATIO) ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((line) => line[i].length)));
  const format = (line: string[]) => line.map((cell, i) => cell.padStart(widths[i])).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  body.forEach((line) => console.log(format(line)));

  console.log('\nmedian ms/stack split into constructing + app.synth():');
  for (const row of rows) {
    console.log(`  N=${String(row.stacks).padEnd(4)}` + names.map((name) =>
      `${name} ${row.medians[name].construct.toFixed(2)} + ${row.medians[name].synth.toFixed(2)}`).join('   '));
  }
  return body.every((line) => line[line.length - 1] === 'yes');
}

/**
 * `global.gc` when node runs with --expose-gc; otherwise the same function fetched by turning the flag on now,
 * so `npm run bench` (plain ts-node) still starts every run with a collected heap.
 */
export function exposeGc(): (() => void) | undefined {
  if (typeof global.gc === 'function') return global.gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function planFromEnv(): Size[] {
  const sizes = process.env.BENCH_SIZES?.split(',').map(Number);
  const runs = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : undefined;
  const plan = sizes ? sizes.map((stacks) => PLAN.find((p) => p.stacks === stacks) ?? { stacks, apps: 1, warmups: 1, runs: 5 }) : PLAN;
  return plan.map((p) => ({ ...p, runs: runs ?? p.runs }));
}

if (require.main === module) {
  const started = process.hrtime.bigint();
  const names = Object.keys(variants);
  console.log(`synth benchmark: node ${process.version}, ${os.cpus().length} CPUs, gc between runs: ${collectGarbage ? 'yes' : 'no'}`);
  console.log(describeTemplates(variants).join('\n'));
  console.log('');
  const met = printTable(runBench(variants, planFromEnv()), names);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`\ntarget ratio <= ${TARGET_RATIO} against ${BASELINE}: ${met ? 'met' : 'NOT met'} (${seconds.toFixed(0)} s)`);
}
