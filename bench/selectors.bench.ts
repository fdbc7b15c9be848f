import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataResourceType, EventCategory, FieldCondition, SecureTrail, SelectorField } from '../src';

/*
 * Selections of n selectors, resources or values: the seconds from the first selection call to the end of synthesis
 * (rejected for more than 500 values, as CloudTrail would). Printed, not asserted: the time bounds are in
 * test/robustness/selectors.cases.ts. Run: npx ts-node --project test/tsconfig.json bench/selectors.bench.ts [n]
 */

const n = Number(process.argv[2] ?? 10_000);

function trail(): { app: App; trail: SecureTrail; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  return { app, stack, trail: new SecureTrail(stack, 'Trail') };
}

function s3Data(conditions: FieldCondition[]) {
  return { eventCategory: EventCategory.DATA, resourceType: DataResourceType.S3_OBJECT, conditions };
}

const SCENARIOS: Record<string, (t: SecureTrail, stack: Stack) => void> = {
  'distinct advanced selectors': (t) => {
    for (let i = 0; i < n; i++) {
      t.addAdvancedEventSelector(s3Data([
        FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [`arn:aws:s3:::b${i}/`]),
        FieldCondition.equalTo(SelectorField.EVENT_NAME, [`E${i}`]),
      ]));
    }
  },
  'selectors that pool into one': (t) => {
    for (let i = 0; i < n; i++) t.addAdvancedEventSelector(s3Data([FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [`arn:aws:s3:::b${i}/`])]));
  },
  'buckets': (t, stack) => {
    t.logS3DataEvents(Array.from({ length: n }, (_, i) => ({ bucket: s3.Bucket.fromBucketName(stack, `B${i}`, `bucket-${i}`) })));
  },
  'values in one condition': (t) => {
    t.addAdvancedEventSelector(s3Data([FieldCondition.startsWith(SelectorField.RESOURCES_ARN, Array.from({ length: n }, (_, i) => `arn:aws:s3:::b${i}/`))]));
  },
};

for (const [name, select] of Object.entries(SCENARIOS)) {
  const { app, stack, trail: t } = trail();
  const start = process.hrtime.bigint();
  let outcome = 'accepted';
  try {
    select(t, stack);
    app.synth();
  } catch (e) {
    outcome = `rejected (${/'(\d+ values)'/.exec(String(e))?.[1] ?? String(e).slice(0, 80)})`;
  }
  console.log(`${n} ${name}: ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)} s, ${outcome}`);
}
