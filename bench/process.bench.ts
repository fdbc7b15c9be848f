/*
 * Whole-process synth time of N default SecureTrail stacks against aws-cdk-lib's Trail wired by hand to the same
 * hardening, as `cdk synth` runs an app: one node process per synth, the library as compiled JavaScript. Not a test:
 * `npm run bench` prints it. For each N, pairs of runs alternate their order (A B, B A, ...), so the drift of a
 * shared machine lands on both; the median of the pair ratios is what counts. Target: at most 1.05.
 *
 * Knobs: BENCH_SIZES=100,300 BENCH_PAIRS=7 npm run bench
 */
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const TARGET = 1.05;
const ROOT = path.join(__dirname, '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The benchmark app and the library compiled to JavaScript once, as an app's `cdk synth` loads them. */
function compile(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cloudtrail-kit-bench-js-'));
  childProcess.execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsc'),
    [
      '-p',
      path.join(ROOT, 'bench', 'tsconfig.json'),
      '--noEmit',
      'false',
      '--outDir',
      out,
      '--rootDir',
      ROOT,
      '--isolatedModules',
      'false',
      '--declaration',
      'false',
      '--inlineSourceMap',
      'false',
      '--inlineSources',
      'false',
    ],
    { stdio: 'inherit' },
  );
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'));
  return path.join(out, 'bench', 'stacks-app.js');
}

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function run(app: string, variant: string, stacks: number): Run {
  const start = process.hrtime.bigint();
  const result = childProcess.spawnSync(process.execPath, [app, variant, String(stacks)], { encoding: 'utf-8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${variant} ${stacks}: ${result.stderr}`);
  return { wallMs, cpuMs: JSON.parse(result.stdout.trim().split('\n').pop()!).cpuMs };
}

function bench(app: string, stacks: number, pairs: number): { ratios: number[]; secure: Run[]; hand: Run[] } {
  const ratios: number[] = [];
  const secure: Run[] = [];
  const hand: Run[] = [];
  for (let pair = -1; pair < pairs; pair++) {
    // Pair -1 warms the disk cache and is not counted.
    const order = pair % 2 === 0 ? ['secure', 'hand'] : ['hand', 'secure'];
    const runs = Object.fromEntries(order.map((variant) => [variant, run(app, variant, stacks)]));
    if (pair < 0) continue;
    secure.push(runs.secure);
    hand.push(runs.hand);
    ratios.push(runs.secure.wallMs / runs.hand.wallMs);
  }
  return { ratios, secure, hand };
}

if (require.main === module) {
  const sizes = (process.env.BENCH_SIZES ?? '100,300').split(',').map(Number);
  const pairs = Number(process.env.BENCH_PAIRS ?? 7);
  const app = compile();
  console.log(
    `process benchmark: node ${process.version}, ${os.cpus().length} CPUs, ${pairs} alternating pairs per size`,
  );
  console.log(childProcess.execFileSync(process.execPath, [app, 'describe'], { encoding: 'utf-8' }).trim());
  console.log('\n  N  wall s SecureTrail  wall s hand-wired  ratio (median; min-max)  cpu ratio  <= ' + TARGET);
  let met = true;
  for (const stacks of sizes) {
    const { ratios, secure, hand } = bench(app, stacks, pairs);
    const ratio = median(ratios);
    const cpu = median(secure.map((s, i) => s.cpuMs / hand[i].cpuMs));
    met &&= ratio <= TARGET;
    console.log(
      `${String(stacks).padStart(3)}  ${(median(secure.map((r) => r.wallMs)) / 1000).toFixed(2).padStart(18)}  ` +
        `${(median(hand.map((r) => r.wallMs)) / 1000).toFixed(2).padStart(17)}  ` +
        `${ratio.toFixed(3)} (${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)})`.padStart(23) +
        `  ${cpu.toFixed(3).padStart(9)}  ${ratio <= TARGET ? 'yes' : 'NO'}`,
    );
  }
  console.log(`\ntarget <= ${TARGET}: ${met ? 'met' : 'NOT met'}`);
}
