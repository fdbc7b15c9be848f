import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { fixtures, ruleFindings, selects, TrailEvent } from './evaluator';
import {
  AggregationTemplate,
  DataResourceType,
  EventCategory,
  FieldCondition,
  ManagementEventSource,
  NetworkActivitySource,
  SelectorField,
} from '../../src/selectors';
import { renderEventSelection } from '../../src/selectors/render';
import { TrailEventSelection } from '../../src/selectors/selection';
import { SELECTION_LOGS_NOTHING } from '../../src/validation/rules/selection';

const render = (selection: TrailEventSelection) => renderEventSelection(selection, { partition: 'aws' });
const s3Data = (conditions: FieldCondition[] = []) => ({
  eventCategory: EventCategory.DATA,
  resourceType: DataResourceType.S3_OBJECT,
  conditions,
});

describe('mistakes are errors when they are made', () => {
  test.each<[string, () => void, RegExp]>([
    [
      'data events with NONE',
      () => new TrailEventSelection().addAllLambdaInvocations({ readWriteType: cloudtrail.ReadWriteType.NONE }),
      /\[SELECTION_DATA_EVENTS_NONE\] readWriteType would log no data events/,
    ],
    [
      'NONE management events with exclusions',
      () =>
        new TrailEventSelection().logManagementEvents({
          readWriteType: cloudtrail.ReadWriteType.NONE,
          excludeEventSources: [ManagementEventSource.KMS],
        }),
      /\[SELECTION_EXCLUDES_WITHOUT_MANAGEMENT_EVENTS\] .*no effect/,
    ],
    [
      'a condition on eventCategory',
      () =>
        new TrailEventSelection().addAdvancedSelector({
          eventCategory: EventCategory.MANAGEMENT,
          conditions: [FieldCondition.equalTo(SelectorField.EVENT_CATEGORY, ['Management'])],
        }),
      /\[SELECTION_ADVANCED_SELECTOR\] selector.conditions is set by the selector itself/,
    ],
    [
      'a condition on resources.type',
      () =>
        new TrailEventSelection().addAdvancedSelector(
          s3Data([FieldCondition.equalTo(SelectorField.RESOURCES_TYPE, ['AWS::S3::Object'])]),
        ),
      /\[SELECTION_ADVANCED_SELECTOR\] selector.conditions is set by the selector itself/,
    ],
    [
      'data events without a resource type',
      () => new TrailEventSelection().addAdvancedSelector({ eventCategory: EventCategory.DATA }),
      /\[SELECTION_ADVANCED_SELECTOR\] selector.resourceType is missing: a selector for Data events needs one/,
    ],
    [
      'a resource type on management events',
      () =>
        new TrailEventSelection().addAdvancedSelector({
          eventCategory: EventCategory.MANAGEMENT,
          resourceType: DataResourceType.S3_OBJECT,
        }),
      /\[SELECTION_ADVANCED_SELECTOR\] selector.resourceType applies to data events only/,
    ],
    [
      'network activity without sources',
      () => new TrailEventSelection().addNetworkActivityEvents({ sources: [] }),
      /\[SELECTION_LIST_ITEMS\] sources is empty, so nothing would be selected/,
    ],
    [
      'insights on network activity',
      () =>
        new TrailEventSelection().addInsight({
          insightType: cloudtrail.InsightType.API_CALL_RATE,
          eventCategories: [EventCategory.NETWORK_ACTIVITY],
        }),
      /\[SELECTION_INSIGHT\] insights.eventCategories are not allowed: Insights analyse Management and Data events only/,
    ],
    [
      'aggregation without templates',
      () => new TrailEventSelection().aggregateDataEvents([]),
      /\[SELECTION_LIST_ITEMS\] templates is empty/,
    ],
  ])('%s', (_, act, message) => {
    expect(act).toThrow(message);
  });

  test('fields AWS adds later take any operator', () => {
    expect(FieldCondition.startsWith(SelectorField.of('newField'), ['x']).comparison).toBe('StartsWith');
  });

  test('values AWS adds later are spelled as given', () => {
    const selection = new TrailEventSelection();
    selection.logManagementEvents({ excludeEventSources: [ManagementEventSource.of('new.amazonaws.com')] });
    selection.addAdvancedSelector({
      eventCategory: EventCategory.of('Data'),
      resourceType: DataResourceType.of('AWS::New::Type'),
      conditions: [FieldCondition.notEndsWith(SelectorField.EVENT_NAME, ['Describe'])],
    });
    selection.addNetworkActivityEvents({ sources: [NetworkActivitySource.of('new.amazonaws.com')] });
    selection.aggregateDataEvents([AggregationTemplate.of('NEW_TEMPLATE')]);
    const rendered = render(selection);
    expect(JSON.stringify(rendered)).toEqual(expect.stringContaining('"notEquals":["new.amazonaws.com"]'));
    expect(rendered.advancedEventSelectors![1].fieldSelectors).toEqual([
      { field: 'eventCategory', equalTo: ['Data'] },
      { field: 'resources.type', equalTo: ['AWS::New::Type'] },
      { field: 'eventName', notEndsWith: ['Describe'] },
    ]);
    const network = rendered.advancedEventSelectors![2]
      .fieldSelectors as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[];
    expect(network[1]).toEqual({ field: 'eventSource', equalTo: ['new.amazonaws.com'] });
    expect(rendered.aggregationConfigurations).toEqual([{ eventCategory: 'Data', templates: ['NEW_TEMPLATE'] }]);
  });
});

describe('duplicates are merged', () => {
  test('the same simple request twice renders once', () => {
    const { fn } = fixtures();
    const selection = new TrailEventSelection();
    selection.addLambdaInvocations([fn('f1'), fn('f1')]);
    selection.addLambdaInvocations([fn('f1')]);
    expect(render(selection).eventSelectors![0].dataResources).toEqual([
      { type: 'AWS::Lambda::Function', values: ['arn:aws:lambda:us-east-1:111111111111:function:f1'] },
    ]);
  });

  test('read-only and write-only of one resource make one selector for both', () => {
    const { table } = fixtures();
    const selection = new TrailEventSelection();
    selection.addDynamoDbTables([table('t1')], { readWriteType: cloudtrail.ReadWriteType.READ_ONLY });
    selection.addDynamoDbTables([table('t1')], { readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY });
    expect(render(selection).eventSelectors).toEqual([
      {
        readWriteType: 'All',
        includeManagementEvents: true,
        dataResources: [{ type: 'AWS::DynamoDB::Table', values: ['arn:aws:dynamodb:us-east-1:111111111111:table/t1'] }],
      },
    ]);
  });

  test('the same advanced selector twice renders once, its values without duplicates', () => {
    const selection = new TrailEventSelection();
    const selector = s3Data([FieldCondition.equalTo(SelectorField.EVENT_NAME, ['PutObject', 'PutObject'])]);
    selection.addAdvancedSelector(selector);
    selection.addAdvancedSelector(selector);
    const advanced = render(selection).advancedEventSelectors!;
    expect(advanced).toHaveLength(2);
    expect(advanced[1].fieldSelectors).toEqual([
      { field: 'eventCategory', equalTo: ['Data'] },
      { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
      { field: 'eventName', equalTo: ['PutObject'] },
    ]);
  });

  test('selectors differing in one including value list are pooled; read and write pool into neither', () => {
    const selection = new TrailEventSelection();
    selection.addAdvancedSelector(
      s3Data([FieldCondition.equalTo(SelectorField.EVENT_NAME, ['PutObject']), FieldCondition.readOnly(false)]),
    );
    selection.addAdvancedSelector(
      s3Data([FieldCondition.equalTo(SelectorField.EVENT_NAME, ['DeleteObject']), FieldCondition.readOnly(false)]),
    );
    selection.addAdvancedSelector(
      s3Data([
        FieldCondition.equalTo(SelectorField.EVENT_NAME, ['PutObject', 'DeleteObject']),
        FieldCondition.readOnly(true),
      ]),
    );
    expect(render(selection).advancedEventSelectors![1]).toEqual({
      name: 'Data events of AWS::S3::Object where eventName Equals, readOnly Equals',
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        { field: 'eventName', equalTo: ['PutObject', 'DeleteObject'] },
      ],
    });
  });

  test('excluding lists, resource types and network event sources are never pooled', () => {
    const selection = new TrailEventSelection();
    selection.addAdvancedSelector(s3Data([FieldCondition.notEquals(SelectorField.EVENT_NAME, ['GetObject'])]));
    selection.addAdvancedSelector(s3Data([FieldCondition.notEquals(SelectorField.EVENT_NAME, ['HeadObject'])]));
    selection.addAdvancedSelector({ eventCategory: EventCategory.DATA, resourceType: DataResourceType.SNS_TOPIC });
    selection.addAdvancedSelector({ eventCategory: EventCategory.DATA, resourceType: DataResourceType.SQS_QUEUE });
    selection.addNetworkActivityEvents({
      sources: [NetworkActivitySource.EC2, NetworkActivitySource.KMS, NetworkActivitySource.EC2],
    });
    const rendered = render(selection);
    expect(rendered.advancedEventSelectors).toHaveLength(7);
    expect(ruleFindings(rendered)).toEqual([]);
  });
});

describe('the choice of selector kind', () => {
  test('an advanced selector makes everything advanced, management events included', () => {
    const { fn } = fixtures();
    const selection = new TrailEventSelection();
    selection.logManagementEvents({
      readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY,
      excludeEventSources: [ManagementEventSource.RDS_DATA_API],
    });
    selection.addLambdaInvocations([fn('f1')], { readWriteType: cloudtrail.ReadWriteType.READ_ONLY });
    selection.addAdvancedSelector({
      eventCategory: EventCategory.DATA,
      resourceType: DataResourceType.SNS_TOPIC,
      name: 'SNS publishes',
    });
    const rendered = render(selection);
    expect(rendered.eventSelectors).toBeUndefined();
    expect(rendered.advancedEventSelectors).toEqual([
      {
        name: 'Write-only management events except from rdsdata.amazonaws.com',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Management'] },
          { field: 'readOnly', equalTo: ['false'] },
          { field: 'eventSource', notEquals: ['rdsdata.amazonaws.com'] },
        ],
      },
      {
        name: 'Lambda invocations (read-only) of Fixtures/f1',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] },
          { field: 'readOnly', equalTo: ['true'] },
          { field: 'resources.ARN', equalTo: ['arn:aws:lambda:us-east-1:111111111111:function:f1'] },
        ],
      },
      {
        name: 'SNS publishes',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::SNS::Topic'] },
        ],
      },
    ]);
  });

  test('an advanced selector for management events replaces the default of all management events', () => {
    const selection = new TrailEventSelection();
    selection.addAdvancedSelector({
      name: 'Writes, no KMS',
      eventCategory: EventCategory.MANAGEMENT,
      conditions: [
        FieldCondition.readOnly(false),
        FieldCondition.notEquals(SelectorField.EVENT_SOURCE, ['kms.amazonaws.com']),
      ],
    });
    expect(render(selection).advancedEventSelectors).toEqual([
      {
        name: 'Writes, no KMS',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Management'] },
          { field: 'readOnly', equalTo: ['false'] },
          { field: 'eventSource', notEquals: ['kms.amazonaws.com'] },
        ],
      },
    ]);
  });

  test('more than 250 named resources switch to advanced selectors that select the same events', () => {
    const { fn } = fixtures();
    const selection = new TrailEventSelection();
    const names = Array.from({ length: 251 }, (_, i) => `fn${i}`);
    selection.addLambdaInvocations(names.map(fn));
    const rendered = render(selection);
    expect(rendered.eventSelectors).toBeUndefined();
    expect(ruleFindings(rendered)).toEqual([]);
    const invoke = (name: string): TrailEvent => ({
      eventCategory: 'Data',
      eventSource: 'lambda.amazonaws.com',
      eventName: 'Invoke',
      readOnly: false,
      resourcesType: 'AWS::Lambda::Function',
      resourcesArn: `arn:aws:lambda:us-east-1:111111111111:function:${name}`,
    });
    expect(selects(rendered, invoke('fn250'))).toBe(true);
    expect(selects(rendered, invoke('other'))).toBe(false);
    expect(rendered.advancedEventSelectors![1].name).toMatch(/^Lambda invocations of Fixtures\/fn0, .* and \d+ more$/);
    expect(rendered.advancedEventSelectors![1].name!.length).toBeLessThanOrEqual(1000);
  });

  test('more than 500 advanced values: one finding, by the validation rule (the rendering itself does not check the limit)', () => {
    const { fn } = fixtures();
    const selection = new TrailEventSelection();
    selection.addLambdaInvocations(Array.from({ length: 501 }, (_, i) => fn(`big${i}`)));
    const rendered = render(selection);
    expect(SELECTION_LOGS_NOTHING.check(rendered.whole)).toEqual([]);
    expect(ruleFindings(rendered)).toEqual([
      expect.stringMatching(/^\[ADVANCED_SELECTORS_VALUE_COUNT\] +is over the 500 values/),
    ]);
  });

  test('management events NONE and nothing else is a violation, not a silent log-everything', () => {
    const selection = new TrailEventSelection();
    selection.logManagementEvents({ readWriteType: cloudtrail.ReadWriteType.NONE });
    const rendered = render(selection);
    expect(rendered.eventSelectors).toBeUndefined();
    expect(rendered.advancedEventSelectors).toBeUndefined();
    expect(SELECTION_LOGS_NOTHING.check(rendered.whole)).toEqual([
      expect.objectContaining({ problem: expect.stringMatching(/would log nothing/) }),
    ]);
  });

  test('management events NONE with data events: data selectors only, management events left out explicitly', () => {
    const selection = new TrailEventSelection();
    selection.logManagementEvents({ readWriteType: cloudtrail.ReadWriteType.NONE });
    selection.addAllS3ObjectEvents({ readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY });
    expect(render(selection).eventSelectors).toEqual([
      {
        readWriteType: 'WriteOnly',
        includeManagementEvents: false,
        dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }],
      },
    ]);
  });
});
