import { Aws, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { fixtures, ruleFindings, selects, TrailEvent } from './evaluator';
import { DataResourceType, EventCategory, FieldCondition, SelectorField } from '../../src/selectors';
import { renderEventSelection } from '../../src/selectors/render';
import { TrailEventSelection } from '../../src/selectors/selection';

// The feedback loop: a trail logging S3 data events of the bucket it delivers to logs each delivery, which
// is delivered and logged again. Every way of asking for all buckets must leave the trail's buckets out.

const s3Event = (arn: string, readOnly: boolean): TrailEvent => ({
  eventCategory: 'Data',
  eventSource: 's3.amazonaws.com',
  eventName: readOnly ? 'GetObject' : 'PutObject',
  readOnly,
  resourcesType: 'AWS::S3::Object',
  resourcesArn: arn,
});
const OWN_OBJECTS = [
  'arn:aws:s3:::trail-logs/AWSLogs/111111111111/CloudTrail/us-east-1/2024/01/01/x.json.gz',
  'arn:aws:s3:::trail-access-logs/2024-01-01-00-00-00-ABCDEF',
];
const OTHER_OBJECT = 'arn:aws:s3:::data-bucket/report.csv.gz';

function setup(allow = false) {
  const { bucket } = fixtures();
  const selection = new TrailEventSelection({ allowLogBucketDataEvents: allow });
  const context = { partition: 'aws', ownBuckets: [bucket('trail-logs'), bucket('trail-access-logs')] };
  return { selection, context, bucket };
}

const allS3 = (conditions: FieldCondition[]) => ({
  eventCategory: EventCategory.DATA,
  resourceType: DataResourceType.S3_OBJECT,
  conditions,
});
const arn = SelectorField.RESOURCES_ARN;

const WAYS: Array<[string, (s: TrailEventSelection) => void]> = [
  ['addAllS3ObjectEvents()', (s) => s.addAllS3ObjectEvents()],
  [
    'addAllS3ObjectEvents(read-only)',
    (s) => s.addAllS3ObjectEvents({ readWriteType: cloudtrail.ReadWriteType.READ_ONLY }),
  ],
  [
    'addAllS3ObjectEvents(write-only)',
    (s) => s.addAllS3ObjectEvents({ readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY }),
  ],
  [
    'all buckets plus one named bucket',
    (s) => {
      s.addAllS3ObjectEvents({ readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY });
      s.addS3ObjectEvents([{ bucket: fixtures().bucket('data-bucket') }]);
    },
  ],
  ['advanced, resources.type only', (s) => s.addAdvancedSelector(allS3([]))],
  [
    'advanced, with readOnly and eventName only',
    (s) =>
      s.addAdvancedSelector(
        allS3([
          FieldCondition.readOnly(false),
          FieldCondition.equalTo(SelectorField.EVENT_NAME, ['PutObject', 'GetObject']),
        ]),
      ),
  ],
  [
    'advanced, StartsWith arn:aws:s3:::',
    (s) => s.addAdvancedSelector(allS3([FieldCondition.startsWith(arn, ['arn:aws:s3:::'])])),
  ],
  [
    'advanced, StartsWith arn:aws:s3',
    (s) => s.addAdvancedSelector(allS3([FieldCondition.startsWith(arn, ['arn:aws:s3'])])),
  ],
  ['advanced, StartsWith arn:', (s) => s.addAdvancedSelector(allS3([FieldCondition.startsWith(arn, ['arn:'])]))],
  [
    'advanced, StartsWith among specific prefixes',
    (s) => s.addAdvancedSelector(allS3([FieldCondition.startsWith(arn, ['arn:aws:s3:::x/', 'arn:aws:s3:::'])])),
  ],
  ['advanced, EndsWith', (s) => s.addAdvancedSelector(allS3([FieldCondition.endsWith(arn, ['.gz'])]))],
  [
    'advanced, NotStartsWith another bucket only',
    (s) => s.addAdvancedSelector(allS3([FieldCondition.notStartsWith(arn, ['arn:aws:s3:::x/'])])),
  ],
];

describe('feedback-loop guard', () => {
  test.each(WAYS)("%s: the trail's buckets are excluded, other buckets still logged, and a note says so", (_, ask) => {
    const { selection, context } = setup();
    ask(selection);
    const rendered = renderEventSelection(selection, context);
    expect(rendered.eventSelectors).toBeUndefined();
    for (const object of OWN_OBJECTS) {
      for (const readOnly of [true, false]) expect(selects(rendered, s3Event(object, readOnly))).toBe(false);
    }
    expect([true, false].some((readOnly) => selects(rendered, s3Event(OTHER_OBJECT, readOnly)))).toBe(true);
    expect(rendered.notes).toHaveLength(1);
    expect(rendered.notes[0]).toMatch(/allowLogBucketDataEvents/);
    expect(ruleFindings(rendered)).toEqual([]);
  });

  test('a partition token works as the literal partition does', () => {
    const { bucket, stack } = fixtures();
    const selection = new TrailEventSelection();
    selection.addAdvancedSelector(allS3([FieldCondition.startsWith(arn, [`arn:${Aws.PARTITION}:s3:::`])]));
    const rendered = renderEventSelection(selection, { partition: Aws.PARTITION, ownBuckets: [bucket('trail-logs')] });
    const field = stack.resolve(rendered.advancedEventSelectors)[1].fieldSelectors[2];
    expect(field.notStartsWith).toEqual(['arn:aws:s3:::trail-logs/']);
    expect(Stack.of(stack).resolve(field.startsWith)).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::']] },
    ]);
  });

  test('the exclusion joins an existing resources.ARN field selector, and is not repeated', () => {
    const { selection, context } = setup();
    selection.addAdvancedSelector(allS3([FieldCondition.notStartsWith(arn, ['arn:aws:s3:::trail-logs/'])]));
    const rendered = renderEventSelection(selection, context);
    expect(rendered.advancedEventSelectors![1].fieldSelectors).toEqual([
      { field: 'eventCategory', equalTo: ['Data'] },
      { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
      { field: 'resources.ARN', notStartsWith: ['arn:aws:s3:::trail-logs/', 'arn:aws:s3:::trail-access-logs/'] },
    ]);
  });

  test('a selector already excluding both buckets is left alone, without a note', () => {
    const { selection, context } = setup();
    selection.addAdvancedSelector(
      allS3([FieldCondition.notStartsWith(arn, ['arn:aws:s3:::trail-logs/', 'arn:aws:s3:::trail-access-logs/'])]),
    );
    expect(renderEventSelection(selection, context).notes).toEqual([]);
  });

  test('allowLogBucketDataEvents turns the guard off: basic selectors, no note', () => {
    const { selection, context } = setup(true);
    selection.addAllS3ObjectEvents();
    const rendered = renderEventSelection(selection, context);
    expect(rendered.advancedEventSelectors).toBeUndefined();
    expect(selects(rendered, s3Event(OWN_OBJECTS[0], false))).toBe(true);
    expect(rendered.notes).toEqual([]);
  });

  test("naming the trail's bucket explicitly is a warning, not an exclusion, and keeps basic selectors", () => {
    const { selection, context, bucket } = setup();
    selection.addS3ObjectEvents([{ bucket: bucket('trail-logs'), objectPrefix: 'AWSLogs/' }]);
    const rendered = renderEventSelection(selection, context);
    expect(rendered.eventSelectors).toBeDefined();
    expect(selects(rendered, s3Event(OWN_OBJECTS[0], false))).toBe(true);
    expect(rendered.warnings).toEqual([
      expect.stringMatching(/trail's own bucket Fixtures\/trail-logs: each log delivery is logged/),
    ]);
  });

  test("naming the trail's bucket in an advanced selector is a warning too", () => {
    const { selection, context } = setup();
    selection.addAdvancedSelector(allS3([FieldCondition.startsWith(arn, ['arn:aws:s3:::trail-logs/'])]));
    expect(renderEventSelection(selection, context).warnings).toEqual([
      expect.stringMatching(/the selector 'Data events of AWS::S3::Object/),
    ]);
  });

  test('other buckets, other resource types and other categories are left alone', () => {
    const { selection, context, bucket } = setup();
    selection.addS3ObjectEvents([{ bucket: bucket('data-bucket') }]);
    expect(renderEventSelection(selection, context).eventSelectors).toBeDefined();
    selection.addAdvancedSelector({
      eventCategory: EventCategory.DATA,
      resourceType: DataResourceType.S3_EXPRESS_OBJECT,
    });
    selection.addAdvancedSelector({
      eventCategory: EventCategory.DATA,
      resourceType: DataResourceType.S3_ACCESS_POINT,
    });
    const rendered = renderEventSelection(selection, context);
    expect(rendered.notes).toEqual([]);
    expect(JSON.stringify(rendered.advancedEventSelectors)).not.toContain('notStartsWith');
  });
});
