import { Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { InsightType, ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AggregationTemplate, EventCategory, ManagementEventSource, SecureTrail } from '../../src';
import { onlyResource, testStack } from '../helpers';

const BUCKET_ARN = { 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] };
const ACCESS_LOGS_ARN = { 'Fn::GetAtt': ['TrailBucketAccessLogs05227313', 'Arn'] };

function trailProps(make: (trail: SecureTrail) => void, props = {}) {
  const stack = testStack();
  const trail = new SecureTrail(stack, 'Trail', props);
  make(trail);
  const template = Template.fromStack(stack);
  return { stack, props: onlyResource(template, 'AWS::CloudTrail::Trail').Properties };
}

test('by default no selector is rendered: CloudTrail logs all management events', () => {
  const { props } = trailProps(() => undefined);
  expect(props.EventSelectors).toBeUndefined();
  expect(props.AdvancedEventSelectors).toBeUndefined();
  expect(props.InsightSelectors).toBeUndefined();
});

test('managementEvents, insights and aggregation props reach the trail', () => {
  const { props } = trailProps((trail) => trail.logAllS3DataEvents(), {
    managementEvents: { readWriteType: ReadWriteType.WRITE_ONLY, excludeEventSources: [ManagementEventSource.KMS] },
    insights: [{ insightType: InsightType.API_CALL_RATE }],
    dataEventAggregation: [AggregationTemplate.API_ACTIVITY],
  });
  expect(props.InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight' }]);
  expect(props.AggregationConfigurations).toEqual([{ EventCategory: 'Data', Templates: ['API_ACTIVITY'] }]);
  const management = props.AdvancedEventSelectors.find((s: any) => JSON.stringify(s).includes('"Management"'));
  expect(management.FieldSelectors).toEqual(
    expect.arrayContaining([
      { Field: 'eventCategory', Equals: ['Management'] },
      { Field: 'readOnly', Equals: ['false'] },
      { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
    ]),
  );
});

test("all-bucket S3 data events exclude the trail's own log bucket and access-log bucket, with a note", () => {
  const { stack, props } = trailProps((trail) => trail.logAllS3DataEvents());
  expect(props.EventSelectors).toBeUndefined();
  const data = props.AdvancedEventSelectors.find((s: any) => JSON.stringify(s).includes('AWS::S3::Object'));
  const arn = data.FieldSelectors.find((f: any) => f.Field === 'resources.ARN');
  expect(arn.NotStartsWith).toEqual([
    { 'Fn::Join': ['', [BUCKET_ARN, '/']] },
    { 'Fn::Join': ['', [ACCESS_LOGS_ARN, '/']] },
  ]);
  expect(
    Annotations.fromStack(stack).findInfo(
      '*',
      Match.stringLikeRegexp("S3 data events of the trail's own .* are not logged"),
    ),
  ).toHaveLength(1);
});

test('allowLogBucketDataEvents turns the guard off: basic selectors suffice again', () => {
  const { props } = trailProps((trail) => trail.logAllS3DataEvents(), { allowLogBucketDataEvents: true });
  expect(props.AdvancedEventSelectors).toBeUndefined();
  expect(props.EventSelectors).toEqual([
    {
      DataResources: [
        { Type: 'AWS::S3::Object', Values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3']] }] },
      ],
      IncludeManagementEvents: true,
      ReadWriteType: 'All',
    },
  ]);
});

test('a DynamoDB table alone renders a basic selector with all management events kept', () => {
  const stack = testStack();
  const table = dynamodb.Table.fromTableArn(stack, 'T', 'arn:aws:dynamodb:us-east-1:111111111111:table/orders');
  const trail = new SecureTrail(stack, 'Trail');
  trail.logDynamoDbDataEvents([table]);
  const props = onlyResource(Template.fromStack(stack), 'AWS::CloudTrail::Trail').Properties;
  expect(props.EventSelectors).toEqual([
    expect.objectContaining({
      DataResources: [
        { Type: 'AWS::DynamoDB::Table', Values: ['arn:aws:dynamodb:us-east-1:111111111111:table/orders'] },
      ],
    }),
  ]);
});

test('an impossible selection fails synth with the construct path', () => {
  const stack = testStack();
  const trail = new SecureTrail(stack, 'Trail', { managementEvents: { readWriteType: ReadWriteType.NONE } });
  expect(() => Template.fromStack(stack)).toThrow(
    /\[SELECTION_LOGS_NOTHING\] TestStack\/Trail: prop managementEvents 'NONE' with no data or network activity events selected would log nothing/,
  );
  expect(trail.trailName).toBeDefined();
});

test('advanced selectors for any resource type can be mixed with the simple forms', () => {
  const { props } = trailProps((trail) => {
    trail.logAllLambdaInvocations();
    trail.addAdvancedEventSelector({
      eventCategory: EventCategory.DATA,
      resourceType: { value: 'AWS::SNS::Topic' } as any,
    });
  });
  expect(props.EventSelectors).toBeUndefined();
  const types = props.AdvancedEventSelectors.flatMap((s: any) =>
    s.FieldSelectors.filter((f: any) => f.Field === 'resources.type').map((f: any) => f.Equals[0]),
  );
  expect(types).toEqual(expect.arrayContaining(['AWS::Lambda::Function', 'AWS::SNS::Topic']));
});

test("naming the trail's own log bucket explicitly warns, and the warning can be acknowledged", () => {
  const warnings = (acknowledge: boolean) => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail');
    trail.logS3DataEvents([{ bucket: trail.logBucket }]);
    if (acknowledge) {
      Validations.of(stack).acknowledge({ id: 'cdk-cloudtrail-kit:eventSelection', reason: 'we want these events' });
    }
    return Annotations.fromStack(stack)
      .findWarning('*', Match.anyValue())
      .map((w) => String(w.entry.data));
  };
  expect(warnings(false)).toEqual([expect.stringMatching(/\[ack: annotation::cdk-cloudtrail-kit:eventSelection\]$/i)]);
  expect(warnings(true)).toEqual([]);
});
