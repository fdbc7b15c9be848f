import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataResourceType, EventCategory, FieldCondition, SecureTrail, SelectorField } from '../src';

/*
 * Selections of n selectors, buckets or values, each in a fresh app: the time from the first selection call to the end
 * of `app.synth()`, as a user's `cdk synth` spends it (rejected at synth for more than 500 values, as CloudTrail
 * would). Without aws-cdk-lib's template validation (CDK_VALIDATION=false): it starts a WebAssembly engine on the first
 * synth of any process (about 2 s, with or without this library), and its memory then makes V8 collect garbage far more
 * often, so it would time aws-cdk-lib, not the selection. `npm run bench` prints each scenario against a bound of 2 s
 * of
 * CPU at 10,000 (a quadratic pass took 15 s at 2,000); test/robustness/large-selections.test.ts asserts each outcome,
 * never a time (a timing in a test fails CI on a busy machine).
 * Run: npx ts-node --project test/tsconfig.json bench/selectors.bench.ts [n] [--json]
 */

export interface SelectionTiming {
  readonly scenario: string;
  readonly n: number;
  /** Wall seconds. */
  readonly seconds: number;
  /** CPU seconds of this process (user + system), which a busy machine does not inflate. */
  readonly cpuSeconds: number;
  /** `accepted`, or `rejected (N values)`, or the start of any other error. */
  readonly outcome: string;
}

function s3Data(conditions: FieldCondition[]) {
  return { eventCategory: EventCategory.DATA, resourceType: DataResourceType.S3_OBJECT, conditions };
}

export const SCENARIOS: Record<string, (t: SecureTrail, stack: Stack, n: number) => void> = {
  'distinct advanced selectors': (t, _, n) => {
    for (let i = 0; i < n; i++) {
      t.addAdvancedEventSelector(
        s3Data([
          FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [`arn:aws:s3:::b${i}/`]),
          FieldCondition.equalTo(SelectorField.EVENT_NAME, [`E${i}`]),
        ]),
      );
    }
  },
  'selectors that pool into one': (t, _, n) => {
    for (let i = 0; i < n; i++)
      t.addAdvancedEventSelector(
        s3Data([FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [`arn:aws:s3:::b${i}/`])]),
      );
  },
  'identical selectors': (t, _, n) => {
    for (let i = 0; i < n; i++)
      t.addAdvancedEventSelector(s3Data([FieldCondition.equalTo(SelectorField.EVENT_NAME, ['DeleteObject'])]));
  },
  'values in one condition': (t, _, n) => {
    t.addAdvancedEventSelector(
      s3Data([
        FieldCondition.startsWith(
          SelectorField.RESOURCES_ARN,
          Array.from({ length: n }, (_v, i) => `arn:aws:s3:::b${i}/`),
        ),
      ]),
    );
  },
  buckets: (t, stack, n) => {
    t.logS3DataEvents(
      Array.from({ length: n }, (_, i) => ({ bucket: s3.Bucket.fromBucketName(stack, `B${i}`, `bucket-${i}`) })),
    );
  },
  'buckets under all S3 data events': (t, stack, n) => {
    t.logAllS3DataEvents();
    t.logS3DataEvents(
      Array.from({ length: n }, (_, i) => ({ bucket: s3.Bucket.fromBucketName(stack, `B${i}`, `bucket-${i}`) })),
    );
  },
};

export function time(scenario: string, n: number): SelectionTiming {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const trail = new SecureTrail(stack, 'Trail');
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let outcome = 'accepted';
  try {
    SCENARIOS[scenario](trail, stack, n);
    app.synth();
  } catch (e) {
    outcome = `rejected (${/'(\d+ values)'/.exec(String(e))?.[1] ?? String(e).slice(0, 200)})`;
  }
  const used = process.cpuUsage(cpu);
  return {
    scenario,
    n,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    cpuSeconds: (used.user + used.system) / 1e6,
    outcome,
  };
}

if (require.main === module) {
  process.env.CDK_VALIDATION = 'false';
  const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
  const timings = Object.keys(SCENARIOS).map((scenario) => time(scenario, n));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(timings));
  } else {
    // The bound scales with n: linear work, 2 s of CPU at 10,000.
    const bound = (2 * n) / 10_000;
    for (const t of timings) {
      const verdict = t.cpuSeconds < bound ? `within ${bound} s` : `OVER the ${bound} s bound`;
      console.log(
        `${t.n} ${t.scenario}: ${t.seconds.toFixed(2)} s (${t.cpuSeconds.toFixed(2)} s CPU, ${verdict}), ${t.outcome}`,
      );
    }
  }
}
