import { App, Aws, CfnParameter, Fn, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { messagesOf, RobustnessCase } from './harness';
import {
  AggregationTemplate,
  DataResourceType,
  EventCategory,
  FieldCondition,
  ManagementEventSource,
  NetworkActivitySource,
  SecureTrail,
  SelectorField,
} from '../../src';

const env = { account: '111111111111', region: 'us-east-1' };
const N = null as any;

const ADV =
  'CloudTrail API Reference, AdvancedFieldSelector (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html)';
const ADV_SEL =
  'CloudTrail API Reference, AdvancedEventSelector Name 1-1000 (CloudFormation AWS::CloudTrail::Trail AdvancedEventSelector)';
const DATA = 'CloudTrail User Guide, logging-data-events-with-cloudtrail (data events, basic and advanced selectors)';
const NETWORK =
  'CloudTrail User Guide, logging-network-events-with-cloudtrail (eventSource values; errorCode: only VpceAccessDenied, Equals)';
const MGMT =
  'CloudTrail User Guide, logging-management-events-with-cloudtrail; API EventSelector ExcludeManagementEventSources (kms, rdsdata only)';
const INSIGHTS = 'CloudTrail API Reference, InsightSelector / PutInsightSelectors (InsightType, EventCategories)';
const AGG =
  'CloudTrail API Reference, AggregationConfiguration (Templates: API_ACTIVITY, RESOURCE_ACCESS, USER_ACTIONS)';
const LIMITS =
  'CloudTrail User Guide, WhatIsCloudTrail-Limits (500 values across advanced selectors) and issue 14 linear time';

function trail(app: App, props: Record<string, unknown> = {}): SecureTrail {
  return new SecureTrail(new Stack(app, 'Stack', { env }), 'Trail', props);
}

function advancedOf(app: App): any[] {
  const t = app.synth().getStackByName('Stack').template;
  const res = Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::CloudTrail::Trail');
  return res.Properties.AdvancedEventSelectors ?? [];
}

function s3Data(conditions: FieldCondition[]) {
  return { eventCategory: EventCategory.DATA, resourceType: DataResourceType.S3_OBJECT, conditions };
}

const nullCases: RobustnessCase[] = [
  {
    name: 'logAllS3DataEvents(null) logs all S3 data events',
    source: DATA,
    make: (app) => trail(app).logAllS3DataEvents(N),
    then: (app) => expect(JSON.stringify(advancedOf(app))).toContain('AWS::S3::Object'),
  },
  {
    name: 'logAllLambdaInvocations(null) and logAllDynamoDbDataEvents(null)',
    source: DATA,
    make: (app) => {
      const t = trail(app);
      t.logAllLambdaInvocations(N);
      t.logAllDynamoDbDataEvents(N);
    },
  },
  {
    name: 'logS3DataEvents with objectPrefix null and options null',
    source: DATA,
    make: (app) => {
      const t = trail(app);
      t.logS3DataEvents([{ bucket: s3.Bucket.fromBucketName(t, 'B', 'reports-bucket'), objectPrefix: N }], N);
    },
  },
  {
    name: 'logS3DataEvents(null) selects nothing and synthesizes',
    source: DATA,
    make: (app) => trail(app).logS3DataEvents(N),
  },
  {
    name: 'logS3DataEvents with a null entry is our error',
    source: DATA,
    make: (app) => trail(app).logS3DataEvents([N]),
    rejects: { path: 'Stack/Trail', prop: 'buckets[0]', fix: 'remove the null entries' },
  },
  {
    name: 'logLambdaInvocations with a null function is our error',
    source: DATA,
    make: (app) => trail(app).logLambdaInvocations([N]),
    rejects: { path: 'Stack/Trail', prop: 'functions', value: 'null', fix: 'remove the null entries' },
  },
  {
    name: 'logLambdaInvocations and logDynamoDbDataEvents with options null',
    source: DATA,
    make: (app) => {
      const t = trail(app);
      t.logLambdaInvocations(
        [lambda.Function.fromFunctionArn(t, 'F', 'arn:aws:lambda:us-east-1:111111111111:function:f')],
        N,
      );
      t.logDynamoDbDataEvents([dynamodb.Table.fromTableName(t, 'T', 'orders')], N);
    },
  },
  {
    name: 'logManagementEvents(null) is all management events',
    source: MGMT,
    make: (app) => trail(app).logManagementEvents(N),
  },
  {
    name: 'logManagementEvents with readWriteType and excludeEventSources null',
    source: MGMT,
    make: (app) => trail(app).logManagementEvents({ readWriteType: N, excludeEventSources: N }),
  },
  {
    name: 'an advanced selector with name, conditions and resourceType null',
    source: ADV_SEL,
    make: (app) =>
      trail(app).addAdvancedEventSelector({
        name: N,
        eventCategory: EventCategory.MANAGEMENT,
        resourceType: N,
        conditions: N,
      }),
    then: (app) => expect(advancedOf(app)[0].Name).toMatch(/Management events/),
  },
  {
    name: 'an advanced selector with eventCategory null is our error',
    source: ADV,
    make: (app) => trail(app).addAdvancedEventSelector({ eventCategory: N }),
    rejects: { path: 'Stack/Trail', prop: 'eventCategory', fix: 'EventCategory.DATA' },
  },
  {
    name: 'logNetworkActivityEvents with sources null is our error',
    source: NETWORK,
    make: (app) => trail(app).logNetworkActivityEvents({ sources: N }),
    rejects: { path: 'Stack/Trail', prop: 'sources', fix: 'at least one source' },
  },
  {
    name: 'logNetworkActivityEvents(null) is our error',
    source: NETWORK,
    make: (app) => trail(app).logNetworkActivityEvents(N),
    rejects: { path: 'Stack/Trail', prop: 'sources', fix: 'at least one source' },
  },
  {
    name: 'logNetworkActivityEvents with vpcEndpoints, eventNames and accessDeniedOnly null',
    source: NETWORK,
    make: (app) =>
      trail(app).logNetworkActivityEvents({
        sources: [NetworkActivitySource.KMS],
        vpcEndpoints: N,
        eventNames: N,
        accessDeniedOnly: N,
      }),
  },
  {
    name: 'addInsight with insightType null is our error',
    source: INSIGHTS,
    make: (app) => trail(app).addInsight({ insightType: N }),
    rejects: { path: 'Stack/Trail', prop: 'insightType', fix: 'InsightType.API_CALL_RATE' },
  },
  {
    name: 'addInsight with eventCategories null is management events',
    source: INSIGHTS,
    make: (app) => trail(app).addInsight({ insightType: cloudtrail.InsightType.API_CALL_RATE, eventCategories: N }),
  },
  {
    name: 'aggregateDataEvents(null) is our error',
    source: AGG,
    make: (app) => trail(app).aggregateDataEvents(N),
    rejects: { path: 'Stack/Trail', prop: 'templates', fix: 'at least one template' },
  },
  {
    name: 'a FieldCondition with values null is our error naming the field',
    source: ADV,
    make: (app) => trail(app).addAdvancedEventSelector(s3Data([FieldCondition.equalTo(SelectorField.EVENT_NAME, N)])),
    // A FieldCondition is made before any trail sees it: the trail's rules report the empty list it renders, with its
    // path.
    rejects: { path: 'Stack/Trail', prop: '.FieldSelectors[2].Equals', fix: 'give the operator a value' },
  },
];

const messageCases: RobustnessCase[] = [
  {
    name: 'a selector name of 1001 characters names the trail, the prop and the fix',
    source: ADV_SEL,
    make: (app) => trail(app).addAdvancedEventSelector({ ...s3Data([]), name: 'n'.repeat(1001) }),
    rejects: {
      path: 'Stack/Trail',
      prop: '].Name (prop addAdvancedEventSelector',
      value: 'nnnnnnnn',
      fix: 'use a name of 1 to 1000 characters',
    },
  },
  {
    name: 'an empty selector name is our error',
    source: ADV_SEL,
    make: (app) => trail(app).addAdvancedEventSelector({ ...s3Data([]), name: '' }),
    rejects: {
      path: 'Stack/Trail',
      prop: '].Name (prop addAdvancedEventSelector',
      fix: 'leave it out for a derived one',
    },
  },
  {
    name: 'a selector name from a CfnParameter synthesizes',
    source: ADV_SEL,
    make: (app) => {
      const t = trail(app);
      t.addAdvancedEventSelector({
        ...s3Data([]),
        name: new CfnParameter(t.stack, 'SelectorName', { default: 'objects' }).valueAsString,
      });
    },
  },
  {
    name: 'a condition on eventCategory names the trail and the fix',
    source: ADV,
    make: (app) =>
      trail(app).addAdvancedEventSelector({
        eventCategory: EventCategory.MANAGEMENT,
        conditions: [FieldCondition.equalTo(SelectorField.EVENT_CATEGORY, ['Management'])],
      }),
    rejects: {
      path: 'Stack/Trail',
      prop: 'conditions',
      value: 'eventCategory',
      fix: "use the selector's eventCategory",
    },
  },
  {
    name: 'data events with readWriteType NONE name the trail and the fix',
    source: DATA,
    make: (app) => trail(app).logAllS3DataEvents({ readWriteType: cloudtrail.ReadWriteType.NONE }),
    rejects: { path: 'Stack/Trail', prop: 'readWriteType', value: 'NONE', fix: 'leave the resources out' },
  },
  {
    name: 'a data selector without resourceType names the trail',
    source: ADV,
    make: (app) => trail(app).addAdvancedEventSelector({ eventCategory: EventCategory.DATA }),
    rejects: { path: 'Stack/Trail', prop: 'resourceType', fix: 'DataResourceType.S3_OBJECT' },
  },
  {
    name: 'the info note of logAllS3DataEvents says how to acknowledge it',
    source: DATA,
    make: (app) => trail(app).logAllS3DataEvents(),
    then: (app) =>
      expect(messagesOf(app, 'info').join('\n')).toContain("acknowledge({ id: 'cdk-cloudtrail-kit:eventSelectionNote'"),
  },
  {
    name: 'the info note of logAllS3DataEvents can be acknowledged on the stack',
    source: DATA,
    make: (app) => {
      const t = trail(app);
      t.logAllS3DataEvents();
      Validations.of(t.stack).acknowledge({
        id: 'cdk-cloudtrail-kit:eventSelectionNote',
        reason: 'own buckets excluded on purpose',
      });
    },
    then: (app) => expect(messagesOf(app, 'info').filter((m) => m.includes('are not logged'))).toEqual([]),
  },
];

const valueCases: RobustnessCase[] = [
  {
    name: 'a management selector with eventSource Equals is our error',
    source: ADV,
    make: (app) =>
      trail(app).addAdvancedEventSelector({
        eventCategory: EventCategory.MANAGEMENT,
        conditions: [FieldCondition.equalTo(SelectorField.EVENT_SOURCE, ['iam.amazonaws.com'])],
      }),
    rejects: { path: 'Stack/Trail', prop: 'addAdvancedEventSelector', value: 'eventSource', fix: 'with NotEquals' },
  },
  {
    name: 'a management selector excluding s3.amazonaws.com is our error',
    source: ADV,
    make: (app) =>
      trail(app).addAdvancedEventSelector({
        eventCategory: EventCategory.MANAGEMENT,
        conditions: [FieldCondition.notEquals(SelectorField.EVENT_SOURCE, ['s3.amazonaws.com'])],
      }),
    rejects: {
      path: 'Stack/Trail',
      prop: 'addAdvancedEventSelector',
      value: 's3.amazonaws.com',
      fix: 'kms.amazonaws.com or rdsdata.amazonaws.com',
    },
  },
  {
    name: 'a management selector excluding KMS and RDS Data API synthesizes',
    source: ADV,
    make: (app) =>
      trail(app).addAdvancedEventSelector({
        eventCategory: EventCategory.MANAGEMENT,
        conditions: [
          FieldCondition.notEquals(SelectorField.EVENT_SOURCE, ['kms.amazonaws.com', 'rdsdata.amazonaws.com']),
        ],
      }),
  },
  {
    name: 'ManagementEventSource.of(s3) in advanced form (beside network activity) is our error',
    source: MGMT,
    make: (app) => {
      const t = trail(app);
      t.logManagementEvents({ excludeEventSources: [ManagementEventSource.of('s3.amazonaws.com')] });
      t.logNetworkActivityEvents({ sources: [NetworkActivitySource.EC2] });
    },
    rejects: {
      path: 'Stack/Trail',
      prop: 'addAdvancedEventSelector',
      value: 's3.amazonaws.com',
      fix: 'exclude only kms.amazonaws.com',
    },
  },
  {
    name: 'ManagementEventSource.of(s3) in basic form is our error',
    source: MGMT,
    make: (app) =>
      trail(app).logManagementEvents({ excludeEventSources: [ManagementEventSource.of('s3.amazonaws.com')] }),
    rejects: {
      path: 'Stack/Trail',
      prop: 'managementEvents',
      value: 's3.amazonaws.com',
      fix: "exclude only 'kms.amazonaws.com'",
    },
  },
  {
    name: 'a network activity errorCode other than VpceAccessDenied is our error',
    source: NETWORK,
    make: (app) =>
      trail(app).addAdvancedEventSelector({
        eventCategory: EventCategory.NETWORK_ACTIVITY,
        conditions: [
          FieldCondition.equalTo(SelectorField.EVENT_SOURCE, ['kms.amazonaws.com']),
          FieldCondition.equalTo(SelectorField.ERROR_CODE, ['AccessDenied']),
        ],
      }),
    rejects: {
      path: 'Stack/Trail',
      prop: 'addAdvancedEventSelector',
      value: 'AccessDenied',
      fix: "Equals: ['VpceAccessDenied']",
    },
  },
  {
    name: 'accessDeniedOnly network activity events synthesize with VpceAccessDenied',
    source: NETWORK,
    make: (app) =>
      trail(app).logNetworkActivityEvents({ sources: [NetworkActivitySource.KMS], accessDeniedOnly: true }),
    then: (app) => expect(JSON.stringify(advancedOf(app))).toContain('VpceAccessDenied'),
  },
  {
    name: 'network activity of the services AWS added in 2025 (S3, Lambda, DynamoDB, SQS, SNS)',
    source: NETWORK,
    make: (app) =>
      trail(app).logNetworkActivityEvents({
        sources: [
          NetworkActivitySource.S3,
          NetworkActivitySource.LAMBDA,
          NetworkActivitySource.DYNAMODB,
          NetworkActivitySource.SQS,
          NetworkActivitySource.SNS,
        ],
      }),
    // One selector per source, and the management events selector: a trail takes one kind of selector.
    then: (app) => expect(advancedOf(app).length).toBe(6),
  },
  {
    name: 'NetworkActivitySource.of a listed service not named here synthesizes (an open set)',
    source: NETWORK,
    make: (app) =>
      trail(app).logNetworkActivityEvents({ sources: [NetworkActivitySource.of('bedrock.amazonaws.com')] }),
  },
  {
    name: 'AggregationTemplate.of(FOO) is our error (a closed set)',
    source: AGG,
    make: (app) => {
      const t = trail(app);
      t.logAllS3DataEvents();
      t.aggregateDataEvents([AggregationTemplate.of('FOO')]);
    },
    rejects: {
      path: 'Stack/Trail',
      prop: 'dataEventAggregation',
      value: 'FOO',
      fix: 'AggregationTemplate.API_ACTIVITY',
    },
  },
  {
    name: 'USER_ACTIONS and RESOURCE_ACCESS aggregation of data events synthesizes',
    source: AGG,
    make: (app) => {
      const t = trail(app);
      t.logAllLambdaInvocations();
      t.aggregateDataEvents([AggregationTemplate.USER_ACTIONS, AggregationTemplate.RESOURCE_ACCESS]);
    },
  },
  {
    name: 'Insights with empty eventCategories is our error',
    source: INSIGHTS,
    make: (app) => trail(app).addInsight({ insightType: cloudtrail.InsightType.API_ERROR_RATE, eventCategories: [] }),
    rejects: { path: 'Stack/Trail', prop: 'eventCategories', fix: 'leave it out' },
  },
  {
    name: 'the README role exclusion, corrected: NotStartsWith the assumed-role session ARN prefix',
    source:
      'CloudTrail User Guide, cloudtrail-event-reference-user-identity (assumed-role ARN arn:aws:sts::<acct>:assumed-role/<role>/<session>); ' +
      'logging-data-events-with-cloudtrail (userIdentity.arn takes any operator)',
    make: (app) => {
      const t = trail(app);
      const reports = s3.Bucket.fromBucketName(t, 'Reports', 'reports-bucket');
      const role = new iam.Role(t.stack, 'Retention', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      t.addAdvancedEventSelector({
        name: 'Deletes in the reports bucket, except by the retention job',
        eventCategory: EventCategory.DATA,
        resourceType: DataResourceType.S3_OBJECT,
        conditions: [
          FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [`${reports.bucketArn}/`]),
          FieldCondition.equalTo(SelectorField.EVENT_NAME, ['DeleteObject', 'DeleteObjects']),
          FieldCondition.notStartsWith(SelectorField.USER_IDENTITY_ARN, [
            `arn:${Aws.PARTITION}:sts::${Aws.ACCOUNT_ID}:assumed-role/${role.roleName}/`,
          ]),
        ],
      });
    },
    then: (app) => {
      const selector = advancedOf(app).find((a) => a.Name.startsWith('Deletes in the reports bucket'));
      const user = selector.FieldSelectors.find((f: any) => f.Field === 'userIdentity.arn');
      expect(JSON.stringify(user.NotStartsWith)).toContain(':assumed-role/');
    },
  },
];

const tokenCases: RobustnessCase[] = [
  {
    name: 'an S3 object prefix from Lazy.string synthesizes',
    source: DATA,
    make: (app) => {
      const t = trail(app);
      t.logS3DataEvents([
        {
          bucket: s3.Bucket.fromBucketName(t, 'B', 'reports-bucket'),
          objectPrefix: Lazy.string({ produce: () => 'daily/' }),
        },
      ]);
    },
  },
  {
    name: 'a bucket ARN from Fn.importValue synthesizes',
    source: DATA,
    make: (app) => {
      const t = trail(app);
      t.logS3DataEvents([{ bucket: s3.Bucket.fromBucketArn(t, 'B', Fn.importValue('ReportsBucketArn')) }]);
    },
  },
  {
    name: 'condition values from Fn.join and a CfnParameter synthesize',
    source: ADV,
    make: (app) => {
      const t = trail(app);
      const prefix = new CfnParameter(t.stack, 'Prefix', { default: 'arn:aws:s3:::reports-bucket/' }).valueAsString;
      t.addAdvancedEventSelector(
        s3Data([FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [Fn.join('', [prefix, 'x/']), prefix])]),
      );
    },
  },
  {
    name: 'logAllS3DataEvents in an env-agnostic stack synthesizes',
    source: DATA,
    make: (app) => new SecureTrail(new Stack(app, 'Stack'), 'Trail').logAllS3DataEvents(),
  },
  {
    name: 'two trails in one stack, each with its own selectors',
    source: DATA,
    make: (app) => {
      const stack = new Stack(app, 'Stack', { env });
      new SecureTrail(stack, 'A', { trailName: 'trail-a' }).logAllS3DataEvents();
      new SecureTrail(stack, 'B', { trailName: 'trail-b' }).logNetworkActivityEvents({
        sources: [NetworkActivitySource.EC2],
      });
    },
  },
  {
    name: 'logAllS3DataEvents in eu-west-1 synthesizes',
    source: DATA,
    make: (app) =>
      new SecureTrail(new Stack(app, 'Stack', { env: { ...env, region: 'eu-west-1' } }), 'Trail').logAllS3DataEvents(),
  },
];

const TEN_THOUSAND = 10_000;

/** Outcomes at 10,000; their time is held by linear-time.test.ts, in a fresh process as `cdk synth` runs. */
const tenThousandCases: RobustnessCase[] = [
  {
    name: '10,000 distinct advanced selectors are rejected (500 values)',
    source: LIMITS,
    make: (app) => {
      const t = trail(app);
      for (let i = 0; i < TEN_THOUSAND; i++) {
        t.addAdvancedEventSelector(
          s3Data([
            FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [`arn:aws:s3:::b${i}/`]),
            FieldCondition.equalTo(SelectorField.EVENT_NAME, [`E${i}`]),
          ]),
        );
      }
    },
    rejects: { path: 'Stack/Trail', prop: 'addAdvancedEventSelector', value: '40001 values', fix: 'use fewer values' },
  },
  {
    name: '10,000 selectors that pool into one are rejected (500 values)',
    source: LIMITS,
    make: (app) => {
      const t = trail(app);
      for (let i = 0; i < TEN_THOUSAND; i++) {
        t.addAdvancedEventSelector(
          s3Data([FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [`arn:aws:s3:::b${i}/`])]),
        );
      }
    },
    rejects: { path: 'Stack/Trail', prop: 'addAdvancedEventSelector', value: '10003 values', fix: 'StartsWith' },
  },
  {
    name: '10,000 values in one condition are rejected',
    source: LIMITS,
    make: (app) => {
      const t = trail(app);
      t.addAdvancedEventSelector(
        s3Data([
          FieldCondition.startsWith(
            SelectorField.RESOURCES_ARN,
            Array.from({ length: TEN_THOUSAND }, (_, i) => `arn:aws:s3:::b${i}/`),
          ),
        ]),
      );
    },
    rejects: { path: 'Stack/Trail', prop: 'addAdvancedEventSelector', value: '10003 values', fix: 'fewer values' },
  },
  {
    name: '10,000 identical selectors are accepted as one',
    source: LIMITS,
    make: (app) => {
      const t = trail(app);
      for (let i = 0; i < TEN_THOUSAND; i++) {
        t.addAdvancedEventSelector(s3Data([FieldCondition.equalTo(SelectorField.EVENT_NAME, ['DeleteObject'])]));
      }
    },
    then: (app) => expect(advancedOf(app).filter((a) => JSON.stringify(a).includes('DeleteObject')).length).toBe(1),
  },
  {
    name: '10,000 buckets under logAllS3DataEvents are accepted',
    source: LIMITS,
    make: (app) => {
      const t = trail(app);
      const buckets = Array.from({ length: TEN_THOUSAND }, (_, i) => ({
        bucket: { bucketArn: `arn:aws:s3:::bucket-${i}`, node: t.node } as any,
      }));
      t.logAllS3DataEvents();
      t.logS3DataEvents(buckets);
    },
  },
];

export const SELECTORS_CASES: RobustnessCase[] = [
  ...nullCases,
  ...messageCases,
  ...valueCases,
  ...tokenCases,
  ...tenThousandCases,
];
