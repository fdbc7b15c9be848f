import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as fc from 'fast-check';
import { ACCOUNT, advancedSelects, basicSelects, fixtures, ruleFindings, selects, TrailEvent } from './evaluator';
import { ManagementEventSource } from '../../src/selectors';
import { renderEventSelection } from '../../src/selectors/render';
import { TrailEventSelection } from '../../src/selectors/selection';
import { SELECTION_LOGS_NOTHING } from '../../src/validation/rules/selection';

// For any mixture of the simple forms, the basic selectors rendered and their forced advanced translation
// select exactly the same events, checked on a universe of events that tells every choice apart.

const { bucket, fn, table } = fixtures();
const BUCKETS = ['bkt1', 'bkt2', 'bkt3'];
const PREFIXES = ['', 'logs/', 'logs/2024/', 'img/'];
const FUNCTIONS = ['f1', 'f2', 'f3'];
const TABLES = ['t1', 't2', 't3'];
const RW = [cloudtrail.ReadWriteType.ALL, cloudtrail.ReadWriteType.READ_ONLY, cloudtrail.ReadWriteType.WRITE_ONLY];

const UNIVERSE: TrailEvent[] = [true, false].flatMap((readOnly) => [
  ...['kms.amazonaws.com', 'rdsdata.amazonaws.com', 'ec2.amazonaws.com', 'iam.amazonaws.com'].map(
    (eventSource): TrailEvent => ({
      eventCategory: 'Management',
      eventSource,
      eventName: 'Call',
      readOnly,
    }),
  ),
  ...[...BUCKETS, 'bkt4', 'bkt10'].flatMap((b) =>
    ['logs/a', 'logs/2024/x', 'img/p', 'other/q'].map((key): TrailEvent => ({
      eventCategory: 'Data',
      eventSource: 's3.amazonaws.com',
      eventName: 'Op',
      readOnly,
      resourcesType: 'AWS::S3::Object',
      resourcesArn: `arn:aws:s3:::${b}/${key}`,
    })),
  ),
  ...[...FUNCTIONS, 'f4', 'f10'].map((f): TrailEvent => ({
    eventCategory: 'Data',
    eventSource: 'lambda.amazonaws.com',
    eventName: 'Invoke',
    readOnly,
    resourcesType: 'AWS::Lambda::Function',
    resourcesArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${f}`,
  })),
  ...[...TABLES, 't4'].map((t): TrailEvent => ({
    eventCategory: 'Data',
    eventSource: 'dynamodb.amazonaws.com',
    eventName: 'GetItem',
    readOnly,
    resourcesType: 'AWS::DynamoDB::Table',
    resourcesArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${t}`,
  })),
  {
    eventCategory: 'NetworkActivity',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'Call',
    readOnly,
    vpcEndpointId: 'vpce-1',
  },
]);

type Step = (s: TrailEventSelection) => void;
const rw = fc.constantFrom(...RW);

/** A step that shows as its call in counterexamples. */
function shown(text: string, apply: Step): Step {
  return Object.assign(apply, { [fc.toStringMethod]: () => text });
}
const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({
      type: fc.constantFrom(...RW, cloudtrail.ReadWriteType.NONE),
      excludes: fc.subarray([ManagementEventSource.KMS, ManagementEventSource.RDS_DATA_API]),
    })
    .map(({ type, excludes }) => {
      const excluded = type === cloudtrail.ReadWriteType.NONE ? [] : excludes;
      return shown(`logManagementEvents(${type}, [${excluded.map((e) => e.value)}])`, (s) =>
        s.logManagementEvents({ readWriteType: type, excludeEventSources: excluded }),
      );
    }),
  fc
    .record({
      picks: fc.array(fc.record({ b: fc.constantFrom(...BUCKETS), p: fc.constantFrom(...PREFIXES) }), {
        minLength: 1,
        maxLength: 3,
      }),
      rw,
    })
    .map(({ picks, rw: type }) =>
      shown(`addS3ObjectEvents(${picks.map(({ b, p }) => `${b}/${p}`)}, ${type})`, (s) =>
        s.addS3ObjectEvents(
          picks.map(({ b, p }) => ({ bucket: bucket(b), objectPrefix: p || undefined })),
          { readWriteType: type },
        ),
      ),
    ),
  rw.map((type) => shown(`addAllS3ObjectEvents(${type})`, (s) => s.addAllS3ObjectEvents({ readWriteType: type }))),
  fc
    .record({ names: fc.subarray(FUNCTIONS, { minLength: 1 }), rw })
    .map(({ names, rw: type }) =>
      shown(`addLambdaInvocations(${names}, ${type})`, (s) =>
        s.addLambdaInvocations(names.map(fn), { readWriteType: type }),
      ),
    ),
  rw.map((type) =>
    shown(`addAllLambdaInvocations(${type})`, (s) => s.addAllLambdaInvocations({ readWriteType: type })),
  ),
  fc
    .record({ names: fc.subarray(TABLES, { minLength: 1 }), rw })
    .map(({ names, rw: type }) =>
      shown(`addDynamoDbTables(${names}, ${type})`, (s) =>
        s.addDynamoDbTables(names.map(table), { readWriteType: type }),
      ),
    ),
  rw.map((type) => shown(`addAllDynamoDbTables(${type})`, (s) => s.addAllDynamoDbTables({ readWriteType: type }))),
);

function selectionOf(steps: Step[]): TrailEventSelection {
  const selection = new TrailEventSelection();
  for (const apply of steps) apply(selection);
  return selection;
}

describe('basic and advanced renderings select the same events', () => {
  test('for random mixtures of the simple forms', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), (steps) => {
        const selection = selectionOf(steps);
        const basic = renderEventSelection(selection, { partition: 'aws' });
        const advanced = renderEventSelection(selection, { partition: 'aws', forceAdvanced: true });
        expect(basic.advancedEventSelectors).toBeUndefined();
        expect(basic.eventSelectors?.length ?? 0).toBeLessThanOrEqual(5);
        expect(advanced.eventSelectors).toBeUndefined();
        for (const event of UNIVERSE) {
          const viaBasic = basicSelects(basic.eventSelectors, event);
          const viaAdvanced = advancedSelects(advanced.advancedEventSelectors, event);
          if (viaBasic !== viaAdvanced) {
            throw new Error(`${JSON.stringify(event)}: basic ${viaBasic}, advanced ${viaAdvanced}`);
          }
        }
        expect(SELECTION_LOGS_NOTHING.check(basic.whole)).toEqual(SELECTION_LOGS_NOTHING.check(advanced.whole));
        if (SELECTION_LOGS_NOTHING.check(basic.whole).length === 0) {
          expect(ruleFindings(basic)).toEqual([]);
          expect(ruleFindings(advanced)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('and both select what was asked for, no more', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), (steps) => {
        const selection = selectionOf(steps);
        const rendered = renderEventSelection(selection, { partition: 'aws' });
        for (const event of UNIVERSE) {
          expect(basicSelects(rendered.eventSelectors, event)).toBe(asked(selection, event));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the feedback-loop guard', () => {
  test("removes exactly the own bucket's events that only an all-buckets request selected", () => {
    const own = 'arn:aws:s3:::bkt3/';
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), (steps) => {
        const selection = selectionOf(steps);
        const rendered = renderEventSelection(selection, { partition: 'aws', ownBuckets: [bucket('bkt3')] });
        for (const event of UNIVERSE) {
          expect(selects(rendered, event)).toBe(asked(selection, event, own));
        }
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * What the requests say, read directly: the oracle the renderings are checked against. Requests for all
 * buckets leave out objects under `guarded`.
 */
function asked(selection: TrailEventSelection, event: TrailEvent, guarded?: string): boolean {
  const configured = selection.management !== undefined || selection.data.length > 0;
  const accessOk = (access: string) => access === 'All' || (access === 'ReadOnly') === event.readOnly;
  if (event.eventCategory === 'Management') {
    if (!configured) return true;
    const management = selection.management ?? { access: 'All', excludes: [] };
    if (management.access === 'None' && selection.data.length === 0) return true;
    return (
      management.access !== 'None' && accessOk(management.access) && !management.excludes.includes(event.eventSource)
    );
  }
  if (event.eventCategory !== 'Data') return false;
  const kind = { 'AWS::S3::Object': 's3', 'AWS::Lambda::Function': 'lambda', 'AWS::DynamoDB::Table': 'dynamodb' }[
    event.resourcesType!
  ];
  return selection.data.some(
    (d) =>
      d.kind === kind &&
      accessOk(d.access) &&
      (d.value === undefined
        ? !(kind === 's3' && guarded && event.resourcesArn!.startsWith(guarded))
        : kind === 's3'
          ? event.resourcesArn!.startsWith(d.value)
          : event.resourcesArn === d.value),
  );
}
