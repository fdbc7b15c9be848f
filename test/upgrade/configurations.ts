import * as fs from 'fs';
import * as path from 'path';
import { App, AspectPriority, Aspects, Duration, Fn, Stack, Tags } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { createApp as organizationApp } from '../../examples/organization/app';
import {
  AggregationTemplate,
  CisAlarms,
  CisControl,
  DataResourceType,
  EventCategory,
  FieldCondition,
  ManagementEventSource,
  NetworkActivitySource,
  SecureTrail,
  SelectorField,
  TrailAccessLogsBucket,
  TrailBucket,
  TrailKey,
  TrailObjectLock,
  TrailTamperAlert,
  TrailValidator,
} from '../../src';

/*
 * A spread of configurations whose deployed identity (logical ids, resource types, construct paths and physical
 * names) an upgrade of this library must never change: a change would replace a deployed trail, bucket, key, alias,
 * topic or log group. identity.test.ts snapshots that identity; `ts-node test/upgrade/configurations.ts <dir>` writes
 * each configuration's full templates, to compare a refactor before and after.
 */

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';

function pinned(app: App, id = 'Upgrade', region = REGION, account = ACCOUNT): Stack {
  return new Stack(app, id, { env: { account, region } });
}

export const UPGRADE_CONFIGURATIONS: Record<string, (app: App) => void> = {
  default: (app) => {
    new SecureTrail(pinned(app), 'Trail');
  },
  'default, environment-agnostic': (app) => {
    new SecureTrail(new Stack(app, 'Agnostic'), 'AuditTrail');
  },
  'named, prefixed, SNS, retention, Object Lock, lifecycle, tags': (app) => {
    new SecureTrail(pinned(app), 'Trail', {
      trailName: 'everything-trail',
      s3KeyPrefix: 'audit',
      sendSnsNotifications: true,
      cloudWatchLogsRetention: logs.RetentionDays.FIVE_YEARS,
      objectLockRetention: TrailObjectLock.complianceYears(2),
      logFileTransitions: [
        { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) },
      ],
      logFileExpiration: Duration.days(2555),
      accessLogsExpiration: Duration.days(400),
      tags: { Owner: 'security' },
    });
  },
  'single-Region, no CloudWatch Logs, not logging': (app) => {
    new SecureTrail(pinned(app, 'Upgrade', 'eu-west-1'), 'Trail', {
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      sendToCloudWatchLogs: false,
      isLogging: false,
    });
  },
  'bring your own bucket, key, topic, log group and role (same app)': (app) => {
    const s = pinned(app);
    const key = new TrailKey(s, 'Key', { alias: 'alias/shared-trail-key' });
    const accessLogs = new TrailAccessLogsBucket(s, 'AccessLogs');
    const bucket = new TrailBucket(s, 'Bucket', { encryptionKey: key, accessLogsBucket: accessLogs });
    const topic = new sns.Topic(s, 'Topic', { masterKey: key, enforceSSL: true });
    const logGroup = new logs.LogGroup(s, 'Group', { encryptionKey: key });
    const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com') });
    new SecureTrail(s, 'Trail', {
      bucket,
      encryptionKey: key,
      snsTopic: topic,
      cloudWatchLogGroup: logGroup,
      cloudWatchLogsRole: role,
    });
  },
  'imported bucket, key, topic and log group': (app) => {
    const s = pinned(app);
    new SecureTrail(s, 'Trail', {
      trailName: 'byo-trail',
      bucket: s3.Bucket.fromBucketName(s, 'Logs', 'central-trail-logs'),
      encryptionKey: kms.Key.fromKeyArn(
        s,
        'Key',
        `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
      ),
      snsTopic: sns.Topic.fromTopicArn(s, 'Topic', `arn:aws:sns:${REGION}:${ACCOUNT}:trail-deliveries`),
      cloudWatchLogGroup: logs.LogGroup.fromLogGroupName(s, 'Group', 'existing-trail-group'),
    });
  },
  'organization trail': (app) => {
    new SecureTrail(pinned(app), 'Trail', {
      organizationId: 'o-abcdefghij',
      managementAccountId: ACCOUNT,
      s3KeyPrefix: 'org',
    });
  },
  'log archive and management account (examples/organization)': (app) => {
    organizationApp(app);
  },
  'log archive for many accounts': (app) => {
    const s = pinned(app, 'Archive', REGION, '222222222222');
    const key = new TrailKey(s, 'Key', { alias: 'alias/archive' });
    const bucket = new TrailBucket(s, 'Bucket', {
      bucketName: 'archive-trail-logs',
      encryptionKey: key,
      organizationId: 'o-abcdefghij',
    });
    bucket.allowAccountTrails(['333333333333', '444444444444'], { s3KeyPrefix: 'accounts' });
    key.allowAccountTrails(['333333333333', '444444444444']);
    bucket.grantReadLogs(new iam.AccountPrincipal('555555555555'), { ownerIds: ['333333333333'] });
  },
  'two trails sharing a bucket and key': (app) => {
    const s = pinned(app);
    const key = new TrailKey(s, 'Key');
    const bucket = new TrailBucket(s, 'Bucket', { encryptionKey: key });
    new SecureTrail(s, 'First', { bucket, encryptionKey: key, s3KeyPrefix: 'first' });
    new SecureTrail(s, 'Second', { bucket, encryptionKey: key, s3KeyPrefix: 'second', sendToCloudWatchLogs: false });
  },
  'data events, network activity, Insights and aggregation': (app) => {
    const s = pinned(app);
    const fn = new lambda.Function(s, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    const table = new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const trail = new SecureTrail(s, 'Trail', {
      managementEvents: { excludeEventSources: [ManagementEventSource.KMS] },
      insights: [
        { insightType: cloudtrail.InsightType.API_CALL_RATE },
        { insightType: cloudtrail.InsightType.API_ERROR_RATE },
      ],
      dataEventAggregation: [AggregationTemplate.API_ACTIVITY],
    });
    trail.logAllS3DataEvents();
    trail.logLambdaInvocations([fn]);
    trail.logDynamoDbDataEvents([table]);
    trail.logNetworkActivityEvents({ sources: [NetworkActivitySource.KMS, NetworkActivitySource.SECRETS_MANAGER] });
    trail.addAdvancedEventSelector({
      name: 'Published messages',
      eventCategory: EventCategory.DATA,
      resourceType: DataResourceType.SNS_TOPIC,
      conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, ['Publish', 'PublishBatch'])],
    });
  },
  'basic data events only': (app) => {
    const s = pinned(app);
    const bucket = new s3.Bucket(s, 'Data');
    const trail = new SecureTrail(s, 'Trail', {
      managementEvents: { readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY },
    });
    trail.logS3DataEvents([{ bucket, objectPrefix: 'uploads/' }], {
      readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY,
    });
    trail.logAllLambdaInvocations();
  },
  'monitoring: CIS alarms, tamper alert, rules and grants': (app) => {
    const s = pinned(app);
    const trail = new SecureTrail(s, 'Trail');
    const cis = new CisAlarms(s, 'Cis', {
      trail,
      controls: [CisControl.ROOT_USAGE, CisControl.UNAUTHORIZED_API_CALLS],
    });
    new TrailTamperAlert(s, 'Tamper', { trail, topic: cis.topic, alarm: true });
    new TrailTamperAlert(s, 'TamperOwnTopic', { trail });
    trail.onCloudTrailEvent('IamChanges', { services: ['iam.amazonaws.com'], eventNames: ['CreateUser'] });
    const role = new iam.Role(s, 'Auditor', { assumedBy: new iam.AccountRootPrincipal() });
    trail.grantReadConfiguration(role);
    trail.grantLookupEvents(role);
    trail.grantReadLogs(role);
    trail.grantListPublicKeys(role);
    trail.grantStartStopLogging(role);
    trail.grantManageTags(role);
    new CisAlarms(s, 'CisOwnGroup', {
      logGroup: logs.LogGroup.fromLogGroupName(s, 'Other', 'other-group'),
      metricNamespace: 'Other',
    });
  },
  'imported trails with grants and alerts': (app) => {
    const s = pinned(app);
    const bucket = s3.Bucket.fromBucketName(s, 'Logs', 'central-trail-logs');
    const encryptionKey = kms.Key.fromKeyArn(
      s,
      'Key',
      `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
    );
    const logGroup = logs.LogGroup.fromLogGroupName(s, 'Group', 'org-trail-group');
    const byAttributes = SecureTrail.fromTrailAttributes(s, 'ByAttributes', {
      trailArn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`,
      bucket,
      encryptionKey,
      logGroup,
      s3KeyPrefix: 'org',
    });
    const byName = SecureTrail.fromTrailName(s, 'ByName', 'other-trail');
    const byArn = SecureTrail.fromTrailArn(s, 'ByArn', `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/third`);
    const role = new iam.Role(s, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    byAttributes.grantReadLogs(role);
    byName.grantReadConfiguration(role);
    byArn.grantStartStopLogging(role);
    new TrailTamperAlert(s, 'Tamper', { trail: byAttributes });
    new CisAlarms(s, 'Cis', { trail: byAttributes });
  },
  'token names and a stack in another partition': (app) => {
    const s = new Stack(app, 'Tokens', { env: { account: ACCOUNT, region: 'cn-north-1' } });
    new SecureTrail(s, 'Trail', { s3KeyPrefix: Fn.join('-', ['logs', s.account]) });
  },
  'raw CfnTrail and aws-cdk-lib Trail under TrailValidator': (app) => {
    Aspects.of(app).add(new TrailValidator(), { priority: AspectPriority.READONLY });
    const s = pinned(app);
    new cloudtrail.CfnTrail(s, 'Raw', { isLogging: true, s3BucketName: 'raw-trail-logs', trailName: 'raw-trail' });
    new cloudtrail.Trail(s, 'L2', { trailName: 'l2-trail' });
    Tags.of(s).add('Team', 'audit');
  },
};

/** The templates of every stack of a configuration, by stack name, with the messages synthesis gave. */
export function templatesOf(make: (app: App) => void): Record<string, any> {
  // As the CDK CLI synthesizes: with each resource's construct path in its metadata.
  const app = new App({ context: { 'aws:cdk:enable-path-metadata': true } });
  make(app);
  const assembly = app.synth();
  return Object.fromEntries(
    assembly.stacks.map((stack) => [
      stack.stackName,
      {
        template: stack.template,
        messages: stack.messages.map((m) => `${m.level} ${m.id}: ${m.entry.data}`),
      },
    ]),
  );
}

// Properties that hold a physical name: changing one replaces the resource.
const PHYSICAL_NAMES = [
  'TrailName',
  'BucketName',
  'AliasName',
  'TopicName',
  'LogGroupName',
  'RoleName',
  'ManagedPolicyName',
  'PolicyName',
  'Name',
  'AlarmName',
  'MetricName',
  'MetricNamespace',
  'FilterName',
  'DashboardName',
  'FunctionName',
  'TableName',
];

/** What identifies each deployed resource of a template: its logical id, type, construct path and physical names. */
export function identityOf(template: any): Record<string, Record<string, unknown>> {
  const identity: Record<string, Record<string, unknown>> = {};
  for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
    const names: Record<string, unknown> = {};
    for (const key of PHYSICAL_NAMES) {
      const value = resource.Properties?.[key];
      if (value !== undefined) names[key] = value;
    }
    const transforms = resource.Properties?.MetricTransformations?.map(
      (t: any) => `${t.MetricNamespace}/${t.MetricName}`,
    );
    if (transforms) names.MetricTransformations = transforms;
    identity[logicalId] = { type: resource.Type, path: resource.Metadata?.['aws:cdk:path'], ...names };
  }
  return identity;
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: configurations.ts <output directory>');
  for (const [name, make] of Object.entries(UPGRADE_CONFIGURATIONS)) {
    const file = path.join(out, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.json`);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(templatesOf(make), undefined, 1));
  }
}
