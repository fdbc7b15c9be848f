import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { fixtures, ruleFindings } from './evaluator';
import {
  AggregationTemplate,
  DataResourceType,
  EventCategory,
  FieldCondition,
  ManagementEventSource,
} from '../../src/selectors';
import { renderEventSelection } from '../../src/selectors/render';
import { TrailEventSelection } from '../../src/selectors/selection';
import { SELECTION_LOGS_NOTHING } from '../../src/validation/rules/selection';
import { findingsOn } from '../validation/util';

const render = (selection: TrailEventSelection) => renderEventSelection(selection, { partition: 'aws' });
const { API_CALL_RATE, API_ERROR_RATE } = cloudtrail.InsightType;

describe('insights', () => {
  test("with nothing else selected, insights on management events render alone and CloudTrail's default categories stay implicit", () => {
    const selection = new TrailEventSelection();
    selection.addInsight({ insightType: API_CALL_RATE });
    selection.addInsight({ insightType: API_ERROR_RATE });
    const rendered = render(selection);
    expect(rendered.insightSelectors).toEqual([
      { insightType: 'ApiCallRateInsight' },
      { insightType: 'ApiErrorRateInsight' },
    ]);
    expect(rendered.eventSelectors).toBeUndefined();
    expect(SELECTION_LOGS_NOTHING.check(rendered.whole)).toEqual([]);
  });

  test('the categories of one type are pooled, the implicit Management made explicit', () => {
    const selection = new TrailEventSelection();
    selection.addAllLambdaInvocations();
    selection.addInsight({ insightType: API_CALL_RATE });
    selection.addInsight({ insightType: API_CALL_RATE, eventCategories: [EventCategory.DATA, EventCategory.DATA] });
    const rendered = render(selection);
    expect(rendered.insightSelectors).toEqual([
      { insightType: 'ApiCallRateInsight', eventCategories: ['Management', 'Data'] },
    ]);
    expect(SELECTION_LOGS_NOTHING.check(rendered.whole)).toEqual([]);
    expect(ruleFindings(rendered)).toEqual([]);
  });

  test.each<[string, (s: TrailEventSelection) => void, cloudtrail.InsightType, EventCategory[] | undefined, RegExp]>([
    [
      'call rate on read-only management events',
      (s) => s.logManagementEvents({ readWriteType: cloudtrail.ReadWriteType.READ_ONLY }),
      API_CALL_RATE,
      undefined,
      /InsightSelectors\[0\] needs write management events/,
    ],
    [
      'error rate without management events',
      (s) => {
        s.logManagementEvents({ readWriteType: cloudtrail.ReadWriteType.NONE });
        s.addAllLambdaInvocations();
      },
      API_ERROR_RATE,
      [EventCategory.MANAGEMENT],
      /InsightSelectors\[0\] needs read or write management events/,
    ],
    [
      'data insights without data events',
      () => undefined,
      API_ERROR_RATE,
      [EventCategory.DATA],
      /InsightSelectors\[0\] needs data events/,
    ],
  ])(
    '%s is reported once, by the validation rule on the rendered selectors',
    (_, select, insightType, eventCategories, message) => {
      const selection = new TrailEventSelection();
      select(selection);
      selection.addInsight({ insightType, eventCategories });
      const rendered = render(selection);
      expect(SELECTION_LOGS_NOTHING.check(rendered.whole)).toEqual([]);
      expect(ruleFindings(rendered)).toEqual([expect.stringMatching(/^\[INSIGHT_PREREQUISITES\]/)]);
      expect(ruleFindings(rendered)[0]).toMatch(message);
    },
  );

  test('write management events from an advanced selector satisfy call-rate insights', () => {
    const selection = new TrailEventSelection();
    selection.logManagementEvents({ readWriteType: cloudtrail.ReadWriteType.READ_ONLY });
    selection.addAdvancedSelector({
      eventCategory: EventCategory.MANAGEMENT,
      conditions: [FieldCondition.readOnly(false)],
    });
    selection.addInsight({ insightType: API_CALL_RATE });
    expect(SELECTION_LOGS_NOTHING.check(render(selection).whole)).toEqual([]);
  });
});

describe('data event aggregation', () => {
  test('renders one configuration for Data, templates without duplicates', () => {
    const selection = new TrailEventSelection();
    selection.addAdvancedSelector({ eventCategory: EventCategory.DATA, resourceType: DataResourceType.SQS_QUEUE });
    selection.aggregateDataEvents([AggregationTemplate.API_ACTIVITY, AggregationTemplate.USER_ACTIONS]);
    selection.aggregateDataEvents([AggregationTemplate.API_ACTIVITY, AggregationTemplate.RESOURCE_ACCESS]);
    const rendered = render(selection);
    expect(rendered.aggregationConfigurations).toEqual([
      { eventCategory: 'Data', templates: ['API_ACTIVITY', 'USER_ACTIONS', 'RESOURCE_ACCESS'] },
    ]);
    expect(rendered.warnings).toEqual([]);
  });

  test('without data events it warns', () => {
    const selection = new TrailEventSelection();
    selection.aggregateDataEvents([AggregationTemplate.API_ACTIVITY]);
    expect(render(selection).warnings).toEqual([expect.stringMatching(/logs no data events/)]);
  });
});

describe('through a real AWS::CloudTrail::Trail', () => {
  test('the L1 properties synthesize to what the validation rules read (Equals, not equalTo) and pass them', () => {
    const { stack, bucket } = fixtures();
    const selection = new TrailEventSelection();
    selection.logManagementEvents({ excludeEventSources: [ManagementEventSource.KMS] });
    selection.addAllS3ObjectEvents({ readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY });
    selection.addInsight({
      insightType: API_CALL_RATE,
      eventCategories: [EventCategory.MANAGEMENT, EventCategory.DATA],
    });
    selection.aggregateDataEvents([AggregationTemplate.RESOURCE_ACCESS]);
    const rendered = renderEventSelection(selection, {
      partition: Stack.of(stack).partition,
      ownBuckets: [bucket('trail-logs')],
    });
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'trail-logs',
      eventSelectors: rendered.eventSelectors,
      advancedEventSelectors: rendered.advancedEventSelectors,
      insightSelectors: rendered.insightSelectors,
      aggregationConfigurations: rendered.aggregationConfigurations,
    });
    const props = Object.values(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'))[0].Properties;
    expect(props.AdvancedEventSelectors[1].FieldSelectors).toEqual([
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      { Field: 'readOnly', Equals: ['false'] },
      { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::trail-logs/'] },
    ]);
    expect(findingsOn(props)).toEqual([]);
  });

  test('the rules this suite relies on do find what they should', () => {
    const selection = new TrailEventSelection();
    selection.addAdvancedSelector({
      eventCategory: EventCategory.DATA,
      resourceType: DataResourceType.S3_OBJECT,
      conditions: [FieldCondition.readOnly(true)],
    });
    const rendered = render(selection);
    const broken = {
      ...rendered,
      advancedEventSelectors: rendered.advancedEventSelectors!.map((s) => ({ ...s, fieldSelectors: [] })),
    };
    expect(ruleFindings(broken)).not.toEqual([]);
  });
});
