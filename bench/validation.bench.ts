import * as os from 'os';
import { App, AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { runBench, Variant } from './synth.bench';
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

if (require.main === module) {
  console.log(`validation benchmark: node ${process.version}, ${os.cpus().length} CPUs; one stack = 5 trails, 5 basic selectors, 500 advanced values`);
  const rows = runBench(variants, [{ stacks: 1, apps: 20, warmups: 3, runs: 15 }]);
  for (const row of rows) {
    const off = row.medians['rules off'].total;
    const on = row.medians['rules on'].total;
    const ratio = on / off;
    console.log(`ms/stack without rules ${off.toFixed(2)}, with rules ${on.toFixed(2)}: ratio ${ratio.toFixed(3)} ` +
      `(target <= ${TARGET}: ${ratio <= TARGET ? 'met' : 'NOT met'})`);
  }
  void App;
}
