import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { IValidation, Node } from 'constructs';
import { exposeGc, Variant } from './synth.bench';
import { TrailValidator } from '../src';

/*
 * What the CloudTrail API rules cost: one stack with 5 trails, 5 basic event selectors and 500 advanced
 * selector values, synthesized with and without `TrailValidator`, warm (many apps in one process) and cold (one
 * synth per process, as `cdk synth` runs). Target: under 5 % more synth time in both.
 * Not a test: `npm run bench` prints it. Knobs: BENCH_RUNS (warm runs, 0 skips), BENCH_COLD_PAIRS (0 skips).
 */

const TARGET = 1.05;

function trails(stack: Stack): void {
  const bucket = 'bench-trail-logs';
  // One trail with 5 basic selectors of 50 data resources each (250, the trail-wide maximum).
  new cloudtrail.CfnTrail(stack, 'Basic', {
    isLogging: true,
    s3BucketName: bucket,
    trailName: 'basic-trail',
    eventSelectors: Array.from({ length: 5 }, (_, s) => ({
      readWriteType: 'All',
      dataResources: [{ type: 'AWS::S3::Object', values: Array.from({ length: 50 }, (__, v) => `arn:aws:s3:::bucket-${s}-${v}/`) }],
    })),
  });
  // One trail with 500 advanced selector values (the maximum), in 5 selectors.
  new cloudtrail.CfnTrail(stack, 'Advanced', {
    isLogging: true,
    s3BucketName: bucket,
    trailName: 'advanced-trail',
    advancedEventSelectors: Array.from({ length: 5 }, (_, s) => ({
      name: `selector ${s}`,
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        { field: 'resources.ARN', startsWith: Array.from({ length: 97 }, (__, v) => `arn:aws:s3:::bucket-${s}-${v}/`) },
      ],
    })),
  });
  for (const name of ['plain-one', 'plain-two', 'plain-three']) {
    new cloudtrail.CfnTrail(stack, name, { isLogging: true, s3BucketName: bucket, trailName: name, isMultiRegionTrail: true });
  }
}

const ENV = { account: '111111111111', region: 'us-east-1' };
const withoutRules: Variant = (app) => trails(new Stack(app, 'Stack', { env: ENV }));
const withRules: Variant = (app) => {
  trails(new Stack(app, 'Stack', { env: ENV }));
  Aspects.of(app).add(new TrailValidator(), { priority: AspectPriority.READONLY });
};

/** Nanoseconds spent inside construct validations (the rules run there), summed over every synth timed. */
let insideValidations = 0n;

/**
 * Times the validations themselves, to tell the rules' own cost from everything else "with rules" changes. Wraps
 * `Node.addValidation` for this process only; the variants are timed the same with or without it.
 */
function timeValidations(): void {
  const addValidation = Node.prototype.addValidation;
  Node.prototype.addValidation = function timed(this: Node, validation: IValidation) {
    addValidation.call(this, {
      validate: () => {
        const start = process.hrtime.bigint();
        try {
          return validation.validate();
        } finally {
          insideValidations += process.hrtime.bigint() - start;
        }
      },
    });
  };
}

/** Builds and synthesizes one one-stack app; nanoseconds. */
function timeApp(variant: Variant, outdir: string): bigint {
  const start = process.hrtime.bigint();
  const app = new App({ outdir });
  variant(app, 0);
  app.synth();
  return process.hrtime.bigint() - start;
}

interface Run {
  /** Synth time with the rules over synth time without, for the apps of this run. */
  readonly ratio: number;
  /** Ms per stack without and with the rules, and inside the validations. */
  readonly off: number;
  readonly on: number;
  readonly inside: number;
}

/**
 * One run: `pairs` apps of each variant, alternating app by app (the order flips every pair), so the two variants
 * meet the same machine: a busy neighbour, a slow disk or heap growth lasts longer than one app (a few ms) and
 * lands on both. Runs of one variant after the other differed by up to 10 % on the shared build machine.
 */
function run(pairs: number, collectGarbage: (() => void) | undefined): Run {
  const outdirs = Array.from({ length: 2 * pairs }, () => fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cloudtrail-kit-bench-')));
  try {
    collectGarbage?.();
    let off = 0n;
    let on = 0n;
    const insideBefore = insideValidations;
    for (let p = 0; p < pairs; p++) {
      if (p % 2 === 0) {
        off += timeApp(withoutRules, outdirs[2 * p]);
        on += timeApp(withRules, outdirs[2 * p + 1]);
      } else {
        on += timeApp(withRules, outdirs[2 * p]);
        off += timeApp(withoutRules, outdirs[2 * p + 1]);
      }
    }
    const ms = (ns: bigint) => Number(ns) / 1e6 / pairs;
    return { ratio: Number(on) / Number(off), off: ms(off), on: ms(on), inside: ms(insideValidations - insideBefore) };
  } finally {
    for (const outdir of outdirs) fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const pos = (sorted.length - 1) * q;
  const low = Math.floor(pos);
  return sorted[low] + (sorted[Math.ceil(pos)] - sorted[low]) * (pos - low);
}

function spread(values: number[], digits: number): string {
  return `${quantile(values, 0.5).toFixed(digits)} (middle half ${quantile(values, 0.25).toFixed(digits)}-${quantile(values, 0.75).toFixed(digits)})`;
}

/** Warm: many apps in one process, as in a test suite or an app of many stacks. */
function warm(runs: number): boolean {
  if (runs === 0) return true;
  const pairs = 20;
  const warmups = 3;
  timeValidations();
  const collectGarbage = exposeGc();
  const results: Run[] = [];
  for (let r = 0; r < warmups + runs; r++) {
    const result = run(pairs, collectGarbage);
    if (r >= warmups) results.push(result);
  }
  const ratio = quantile(results.map((r) => r.ratio), 0.5);
  const off = quantile(results.map((r) => r.off), 0.5);
  const inside = quantile(results.map((r) => r.inside), 0.5);
  console.log(`warm, one process: ${runs} runs of ${pairs} one-stack apps per variant, alternating app by app`);
  console.log(`  ms/stack without rules ${off.toFixed(2)}, with rules ${quantile(results.map((r) => r.on), 0.5).toFixed(2)}; `
    + `inside the validations ${inside.toFixed(3)} ms (${(100 * inside / off).toFixed(1)} % of the synth without rules)`);
  console.log(`  ratio (median of runs) ${spread(results.map((r) => r.ratio), 3)}: ${ratio <= TARGET ? 'met' : 'NOT met'}`);
  return ratio <= TARGET;
}

/** What one cold child reports: ms since the process started, ms from `new App()` to the end of `app.synth()`, ms inside the validations. */
interface ColdSample {
  readonly process: number;
  readonly synth: number;
  readonly inside: number;
}

/** A child process: one app, synthesized once, everything as cold as in `cdk synth`. */
function coldChild(variant: Variant): void {
  timeValidations();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cloudtrail-kit-bench-'));
  try {
    const synth = Number(timeApp(variant, outdir)) / 1e6;
    const sample: ColdSample = { process: process.uptime() * 1000, synth, inside: Number(insideValidations) / 1e6 };
    console.log(JSON.stringify(sample));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Cold, like `cdk synth`: a new process per synth, alternating the variants. Both load this library (as an app using
 * it does either way); the rules' code is compiled on first use, inside the synth.
 */
function cold(pairs: number): boolean {
  if (pairs === 0) return true;
  const samples: Record<'off' | 'on', ColdSample[]> = { off: [], on: [] };
  for (let p = 0; p < pairs; p++) {
    for (const variant of (p % 2 === 0 ? ['off', 'on'] : ['on', 'off']) as Array<'off' | 'on'>) {
      const child = childProcess.spawnSync(process.execPath, ['-r', 'ts-node/register', __filename], {
        env: { ...process.env, BENCH_COLD_CHILD: variant, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: path.join(__dirname, '..', 'test', 'tsconfig.json') },
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`cold child failed: ${child.stderr}`);
      samples[variant].push(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}'));
    }
  }
  const ratios = samples.on.map((on, i) => on.process / samples.off[i].process);
  const ratio = quantile(ratios, 0.5);
  const synthOff = quantile(samples.off.map((s) => s.synth), 0.5);
  const inside = quantile(samples.on.map((s) => s.inside), 0.5);
  console.log(`cold, like cdk synth: ${pairs} processes per variant, alternating; one synth each`);
  console.log(`  ms per process (start to synth done) without rules ${quantile(samples.off.map((s) => s.process), 0.5).toFixed(0)}, `
    + `with rules ${quantile(samples.on.map((s) => s.process), 0.5).toFixed(0)}; ratio (median of pairs) ${spread(ratios, 3)}: `
    + `${ratio <= TARGET ? 'met' : 'NOT met'}`);
  console.log(`  new App() to synth done: without rules ${synthOff.toFixed(1)} ms, with rules ${quantile(samples.on.map((s) => s.synth), 0.5).toFixed(1)} ms; `
    + `inside the validations ${inside.toFixed(2)} ms (${(100 * inside / synthOff).toFixed(1)} % of that window; most of it is compiling the `
    + 'rules\' code on first use)');
  return ratio <= TARGET;
}

if (require.main === module) {
  const child = process.env.BENCH_COLD_CHILD;
  if (child !== undefined) {
    coldChild(child === 'on' ? withRules : withoutRules);
  } else {
    const started = process.hrtime.bigint();
    console.log(`validation benchmark: node ${process.version}, ${os.cpus().length} CPUs; one stack = 5 trails, 5 basic selectors, `
      + `500 advanced values; target: the rules add under ${Math.round((TARGET - 1) * 100)} % to synth time`);
    const warmMet = warm(process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : 61);
    const coldMet = cold(process.env.BENCH_COLD_PAIRS ? Number(process.env.BENCH_COLD_PAIRS) : 15);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`target ${warmMet && coldMet ? 'met' : 'NOT met'} (${seconds.toFixed(0)} s)`);
  }
}
