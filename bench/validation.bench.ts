import * as os from 'os';
import { AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { measure, Variant } from './synth.bench';
import { TrailValidator } from '../src';

/*
 * What the CloudTrail API rules cost: one stack with 5 trails, 5 basic event selectors and 500 advanced
 * selector values, synthesized with and without `TrailValidator`. Target: under 5 % more synth time.
 * Not a test: `npm run bench` prints it.
 */

const TARGET = 1.05;

function trails(stack: Stack): void {
  const bucket = 'bench-trail-logs';
  // One trail with 5 basic selectors of 50 data resources each (250, the trail-wide maximum).
  new cloudtrail.CfnTrail(stack, 'Basic', {
    isLogging: true, s3BucketName: bucket, trailName: 'basic-trail',
    eventSelectors: Array.from({ length: 5 }, (_, s) => ({
      readWriteType: 'All',
      dataResources: [{ type: 'AWS::S3::Object', values: Array.from({ length: 50 }, (__, v) => `arn:aws:s3:::bucket-${s}-${v}/`) }],
    })),
  });
  // One trail with 500 advanced selector values (the maximum), in 5 selectors.
  new cloudtrail.CfnTrail(stack, 'Advanced', {
    isLogging: true, s3BucketName: bucket, trailName: 'advanced-trail',
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

const variants: Record<string, Variant> = {
  'rules off': (app, i) => trails(new Stack(app, `Stack${i}`, { env: { account: '111111111111', region: 'us-east-1' } })),
  'rules on': (app, i) => {
    trails(new Stack(app, `Stack${i}`, { env: { account: '111111111111', region: 'us-east-1' } }));
    if (i === 0) Aspects.of(app).add(new TrailValidator(), { priority: AspectPriority.READONLY });
  },
};

/**
 * Runs the two variants in pairs (order alternating) and keeps each pair's ratio: a busy neighbour or heap drift
 * slows both halves of a pair alike, so the median of the pair ratios is steadier than a ratio of two medians.
 */
function pairedRatios(runs: number, warmups: number, apps: number): { ratios: number[]; off: number[]; on: number[] } {
  const ratios: number[] = [];
  const off: number[] = [];
  const on: number[] = [];
  for (let run = 0; run < warmups + runs; run++) {
    const first = run % 2 === 0 ? 'rules off' : 'rules on';
    const second = first === 'rules off' ? 'rules on' : 'rules off';
    const a = measure(variants[first], 1, apps).total;
    const b = measure(variants[second], 1, apps).total;
    if (run < warmups) continue;
    const [withoutRules, withRules] = first === 'rules off' ? [a, b] : [b, a];
    off.push(withoutRules);
    on.push(withRules);
    ratios.push(withRules / withoutRules);
  }
  return { ratios, off, on };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const pos = (sorted.length - 1) * q;
  const low = Math.floor(pos);
  return sorted[low] + (sorted[Math.ceil(pos)] - sorted[low]) * (pos - low);
}

if (require.main === module) {
  console.log(`validation benchmark: node ${process.version}, ${os.cpus().length} CPUs; one stack = 5 trails, 5 basic selectors, 500 advanced values`);
  const runs = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : 41;
  const { ratios, off, on } = pairedRatios(runs, 3, 20);
  const ratio = quantile(ratios, 0.5);
  console.log(`  ${runs} pairs of runs of 20 one-stack apps each`);
  console.log(`ms/stack without rules ${quantile(off, 0.5).toFixed(2)}, with rules ${quantile(on, 0.5).toFixed(2)}; ` +
    `ratio (median of pairs) ${ratio.toFixed(3)}, middle half ${quantile(ratios, 0.25).toFixed(3)}-${quantile(ratios, 0.75).toFixed(3)} ` +
    `(target <= ${TARGET}: ${ratio <= TARGET ? 'met' : 'NOT met'})`);
}
