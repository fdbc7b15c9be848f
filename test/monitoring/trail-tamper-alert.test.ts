import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureTrail, TrailTamperAlert } from '../../src';
import { TAMPER_EVENTS } from '../../src/policies/tamper-events';
import { ACCOUNT, onlyResource, REGION, testStack } from '../helpers';

const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`;
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
const LOG_GROUP = 'aws-cloudtrail-logs-org';
const SECURE_TRAIL_ARN = {
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${REGION}:${ACCOUNT}:trail/TestStackTrail52B51D8C`],
  ],
};

/** The CloudTrail branches: the same for every trail, given its name and ARN. */
function trailBranches(name: unknown, arn: unknown): any[] {
  return [
    {
      eventSource: ['cloudtrail.amazonaws.com'],
      eventName: ['StopLogging', 'DeleteTrail', 'UpdateTrail'],
      requestParameters: { name: [name, arn] },
    },
    {
      eventSource: ['cloudtrail.amazonaws.com'],
      eventName: ['PutEventSelectors', 'PutInsightSelectors', 'PutEventConfiguration'],
      requestParameters: { trailName: [name, arn] },
    },
    {
      eventSource: ['cloudtrail.amazonaws.com'],
      eventName: ['RemoveTags'],
      requestParameters: { resourceId: [arn] },
    },
  ];
}

/** The S3, KMS and CloudWatch Logs branches, given how each resource is named. */
function bucketBranch(bucketName: unknown): any {
  return {
    eventSource: ['s3.amazonaws.com'],
    eventName: [
      'PutBucketPolicy',
      'DeleteBucketPolicy',
      'PutBucketLifecycle',
      'DeleteBucketLifecycle',
      'PutBucketVersioning',
      'PutObjectLockConfiguration',
      'PutBucketEncryption',
      'DeleteBucketEncryption',
      'PutBucketLogging',
      'DeleteBucket',
    ],
    requestParameters: { bucketName: [bucketName] },
  };
}
function keyBranch(keyId: unknown, keyArn: unknown): any {
  return {
    eventSource: ['kms.amazonaws.com'],
    eventName: ['PutKeyPolicy', 'DisableKey', 'ScheduleKeyDeletion'],
    requestParameters: { keyId: [keyId, keyArn] },
  };
}
function logGroupBranch(logGroupName: unknown): any {
  return {
    eventSource: ['logs.amazonaws.com'],
    eventName: [
      'DeleteLogGroup',
      'DeleteLogStream',
      'PutRetentionPolicy',
      'DeleteRetentionPolicy',
      'DisassociateKmsKey',
    ],
    requestParameters: { logGroupName: [logGroupName] },
  };
}

function ruleOf(stack: Stack): any {
  return onlyResource(Template.fromStack(stack), 'AWS::Events::Rule').Properties;
}

/** A trail imported with a literal bucket, key and log group, so the whole pattern is literal and can be evaluated. */
function importedWithBucketAndKey(stack: Stack) {
  return SecureTrail.fromTrailAttributes(stack, 'Imported', {
    trailArn: TRAIL_ARN,
    bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs'),
    encryptionKey: kms.Key.fromKeyArn(stack, 'Key', KEY_ARN),
    logGroup: logs.LogGroup.fromLogGroupName(stack, 'Group', LOG_GROUP),
  });
}

/**
 * EventBridge matching for the pattern features the rule uses: lists of exact values, nested fields, and `$or`.
 */
function matches(pattern: any, event: any): boolean {
  return Object.entries(pattern).every(([field, condition]) => {
    if (field === '$or') return (condition as any[]).some((branch) => matches(branch, event));
    const value = event?.[field];
    if (Array.isArray(condition)) return condition.includes(value);
    return typeof value === 'object' && value !== null && matches(condition, value);
  });
}

function apiCall(source: string, eventName: string, requestParameters: Record<string, string>): any {
  return {
    source: `aws.${source.split('.')[0]}`,
    'detail-type': 'AWS API Call via CloudTrail',
    detail: { eventSource: source, eventName, requestParameters },
  };
}

describe('the rule of a SecureTrail', () => {
  test('matches the trail by name and ARN, its bucket by name, its key by id and ARN, its log group by name, and nothing else', () => {
    const stack = testStack();
    new TrailTamperAlert(stack, 'Tamper', { trail: new SecureTrail(stack, 'Trail') });
    expect(ruleOf(stack).EventPattern).toEqual({
      source: ['aws.cloudtrail', 'aws.s3', 'aws.kms', 'aws.logs'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        $or: [
          ...trailBranches('TestStackTrail52B51D8C', SECURE_TRAIL_ARN),
          bucketBranch({ Ref: 'TrailBucket6C1E344E' }),
          keyBranch({ Ref: 'TrailKey31F874A3' }, { 'Fn::GetAtt': ['TrailKey31F874A3', 'Arn'] }),
          logGroupBranch({ Ref: 'TrailCloudWatchLogsLogGroup7BE41466' }),
        ],
      },
    });
  });

  test('without CloudWatch Logs delivery there is no log group branch', () => {
    const stack = testStack();
    new TrailTamperAlert(stack, 'Tamper', { trail: new SecureTrail(stack, 'Trail', { sendToCloudWatchLogs: false }) });
    const pattern = ruleOf(stack).EventPattern;
    expect(pattern.source).toEqual(['aws.cloudtrail', 'aws.s3', 'aws.kms']);
    expect(pattern.detail.$or.map((b: any) => b.eventSource[0])).not.toContain('logs.amazonaws.com');
  });

  test('every call of the one tamper list is in the pattern, on its own request parameter', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailAttributes(stack, 'Imported', {
      trailArn: TRAIL_ARN,
      bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs'),
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:${REGION}:${ACCOUNT}:alias/trail`),
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'Group', LOG_GROUP),
    });
    new TrailTamperAlert(stack, 'Tamper', { trail });
    const branches: any[] = ruleOf(stack).EventPattern.detail.$or;
    for (const event of TAMPER_EVENTS) {
      expect(
        branches.filter(
          (b) =>
            b.eventSource[0] === event.eventSource &&
            b.eventName.includes(event.eventName) &&
            b.requestParameters[event.parameter] !== undefined,
        ),
      ).toHaveLength(1);
    }
    expect(branches.flatMap((b) => b.eventName)).toHaveLength(TAMPER_EVENTS.length);
  });

  test('sends each matching event to a new topic, encrypted with a new rotated key that EventBridge may use', () => {
    const stack = testStack();
    const alert = new TrailTamperAlert(stack, 'Tamper', { trail: new SecureTrail(stack, 'Trail') });
    const template = Template.fromStack(stack);
    expect(ruleOf(stack).Targets).toEqual([{ Arn: { Ref: 'TamperTopic7A84BF25' }, Id: 'Target0' }]);
    expect(alert.alarm).toBeUndefined();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': ['TamperTopicKey9C1A61FF', 'Arn'] },
    });
    const key = template.toJSON().Resources.TamperTopicKey9C1A61FF.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    // Exactly one statement for EventBridge (the SNS target's), none for CloudWatch without an alarm.
    expect(key.KeyPolicy.Statement.filter((s: any) => s.Principal?.Service)).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
      },
    ]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
  });

  test("with alarm: an alarm on the rule's TriggeredRules notifies the topic, which CloudWatch may use", () => {
    const stack = testStack();
    const alert = new TrailTamperAlert(stack, 'Tamper', {
      trail: new SecureTrail(stack, 'Trail'),
      alarm: true,
      ruleName: 'trail-tamper',
    });
    const template = Template.fromStack(stack);
    expect(ruleOf(stack).Name).toBe('trail-tamper');
    expect(onlyResource(template, 'AWS::CloudWatch::Alarm').Properties).toEqual({
      AlarmActions: [{ Ref: 'TamperTopic7A84BF25' }],
      AlarmDescription: 'Someone stopped, deleted or weakened the CloudTrail trail TestStack/Trail',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'RuleName', Value: { Ref: 'TamperRule5BF95163' } }],
      EvaluationPeriods: 1,
      MetricName: 'TriggeredRules',
      Namespace: 'AWS/Events',
      Period: 300,
      Statistic: 'Sum',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(alert.alarm).toBeDefined();
    const key = template.toJSON().Resources.TamperTopicKey9C1A61FF.Properties;
    expect(key.KeyPolicy.Statement.filter((s: any) => s.Principal?.Service?.startsWith('cloudwatch'))).toEqual([
      {
        Sid: 'AllowCloudWatchToPublishToEncryptedTopic',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
      },
    ]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudWatchAlarmsToPublish' })]) },
    });
  });
});

describe('imported trails', () => {
  test("by ARN: only the trail's own calls, since its bucket, key and log group are unknown", () => {
    const stack = testStack();
    new TrailTamperAlert(stack, 'Tamper', { trail: SecureTrail.fromTrailArn(stack, 'Imported', TRAIL_ARN) });
    expect(ruleOf(stack).EventPattern).toEqual({
      source: ['aws.cloudtrail'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { $or: trailBranches('org-trail', TRAIL_ARN) },
    });
  });

  test('by attributes: the bucket, key and log group given', () => {
    const stack = testStack();
    new TrailTamperAlert(stack, 'Tamper', { trail: importedWithBucketAndKey(stack) });
    expect(ruleOf(stack).EventPattern.detail.$or.slice(3)).toEqual([
      bucketBranch('central-logs'),
      keyBranch(KEY_ID, KEY_ARN),
      logGroupBranch(LOG_GROUP),
    ]);
  });

  test('a trail of another Region cannot be watched from this one', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailArn(
      stack,
      'Imported',
      `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org-trail`,
    );
    new TrailTamperAlert(stack, 'Tamper', { trail });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[MONITOR_SAME_REGION\] TestStack\/Tamper: prop trail 'TestStack\/Imported' is in Region 'eu-west-1', but a monitor sees and notifies only in its own stack's Region \(us-east-1\)\. Fix: create the monitor in a stack of the trail's home Region \(its log group's Region\)/,
    );
  });
});

describe('what the pattern matches, evaluated', () => {
  const stack = testStack();
  new TrailTamperAlert(stack, 'Tamper', { trail: importedWithBucketAndKey(stack) });
  const pattern = ruleOf(stack).EventPattern;

  test.each([
    ['StopLogging by name', apiCall('cloudtrail.amazonaws.com', 'StopLogging', { name: 'org-trail' })],
    ['StopLogging by ARN', apiCall('cloudtrail.amazonaws.com', 'StopLogging', { name: TRAIL_ARN })],
    ['DeleteTrail', apiCall('cloudtrail.amazonaws.com', 'DeleteTrail', { name: 'org-trail' })],
    ['UpdateTrail', apiCall('cloudtrail.amazonaws.com', 'UpdateTrail', { name: TRAIL_ARN })],
    ['PutEventSelectors', apiCall('cloudtrail.amazonaws.com', 'PutEventSelectors', { trailName: 'org-trail' })],
    ['PutInsightSelectors', apiCall('cloudtrail.amazonaws.com', 'PutInsightSelectors', { trailName: TRAIL_ARN })],
    ['RemoveTags', apiCall('cloudtrail.amazonaws.com', 'RemoveTags', { resourceId: TRAIL_ARN })],
    ['PutBucketPolicy', apiCall('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'central-logs' })],
    ['DeleteBucketPolicy', apiCall('s3.amazonaws.com', 'DeleteBucketPolicy', { bucketName: 'central-logs' })],
    ['PutEventConfiguration', apiCall('cloudtrail.amazonaws.com', 'PutEventConfiguration', { trailName: TRAIL_ARN })],
    [
      'PutBucketLifecycle (PutBucketLifecycleConfiguration)',
      apiCall('s3.amazonaws.com', 'PutBucketLifecycle', { bucketName: 'central-logs' }),
    ],
    ['DeleteBucketLifecycle', apiCall('s3.amazonaws.com', 'DeleteBucketLifecycle', { bucketName: 'central-logs' })],
    ['PutBucketVersioning', apiCall('s3.amazonaws.com', 'PutBucketVersioning', { bucketName: 'central-logs' })],
    [
      'PutObjectLockConfiguration',
      apiCall('s3.amazonaws.com', 'PutObjectLockConfiguration', { bucketName: 'central-logs' }),
    ],
    ['PutBucketEncryption', apiCall('s3.amazonaws.com', 'PutBucketEncryption', { bucketName: 'central-logs' })],
    ['DeleteBucketEncryption', apiCall('s3.amazonaws.com', 'DeleteBucketEncryption', { bucketName: 'central-logs' })],
    ['PutBucketLogging', apiCall('s3.amazonaws.com', 'PutBucketLogging', { bucketName: 'central-logs' })],
    ['DeleteBucket', apiCall('s3.amazonaws.com', 'DeleteBucket', { bucketName: 'central-logs' })],
    ['PutKeyPolicy by id', apiCall('kms.amazonaws.com', 'PutKeyPolicy', { keyId: KEY_ID })],
    ['DisableKey by id', apiCall('kms.amazonaws.com', 'DisableKey', { keyId: KEY_ID })],
    ['ScheduleKeyDeletion by ARN', apiCall('kms.amazonaws.com', 'ScheduleKeyDeletion', { keyId: KEY_ARN })],
    ['DeleteLogGroup', apiCall('logs.amazonaws.com', 'DeleteLogGroup', { logGroupName: LOG_GROUP })],
    ['DeleteLogStream', apiCall('logs.amazonaws.com', 'DeleteLogStream', { logGroupName: LOG_GROUP })],
    ['PutRetentionPolicy', apiCall('logs.amazonaws.com', 'PutRetentionPolicy', { logGroupName: LOG_GROUP })],
    ['DeleteRetentionPolicy', apiCall('logs.amazonaws.com', 'DeleteRetentionPolicy', { logGroupName: LOG_GROUP })],
    ['DisassociateKmsKey', apiCall('logs.amazonaws.com', 'DisassociateKmsKey', { logGroupName: LOG_GROUP })],
  ])('matches %s', (_what, event) => {
    expect(matches(pattern, event)).toBe(true);
  });

  test.each([
    ['StopLogging of another trail', apiCall('cloudtrail.amazonaws.com', 'StopLogging', { name: 'other-trail' })],
    ['StartLogging', apiCall('cloudtrail.amazonaws.com', 'StartLogging', { name: 'org-trail' })],
    ['CreateTrail', apiCall('cloudtrail.amazonaws.com', 'CreateTrail', { name: 'org-trail' })],
    ['AddTags', apiCall('cloudtrail.amazonaws.com', 'AddTags', { resourceId: TRAIL_ARN })],
    ['GetTrailStatus', apiCall('cloudtrail.amazonaws.com', 'GetTrailStatus', { name: 'org-trail' })],
    [
      'PutEventSelectors naming the trail in the wrong field',
      apiCall('cloudtrail.amazonaws.com', 'PutEventSelectors', { name: 'org-trail' }),
    ],
    [
      'RemoveTags of a load balancer',
      apiCall('elasticloadbalancing.amazonaws.com', 'RemoveTags', { resourceId: TRAIL_ARN }),
    ],
    [
      'RemoveTags of another trail',
      apiCall('cloudtrail.amazonaws.com', 'RemoveTags', { resourceId: `${TRAIL_ARN}-2` }),
    ],
    [
      'PutBucketPolicy on another bucket',
      apiCall('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'other-bucket' }),
    ],
    ['PutBucketAcl on the bucket', apiCall('s3.amazonaws.com', 'PutBucketAcl', { bucketName: 'central-logs' })],
    [
      'DisableKey of another key',
      apiCall('kms.amazonaws.com', 'DisableKey', { keyId: 'ffffffff-12ab-34cd-56ef-1234567890ab' }),
    ],
    ['EnableKey', apiCall('kms.amazonaws.com', 'EnableKey', { keyId: KEY_ID })],
    ['GetKeyPolicy', apiCall('kms.amazonaws.com', 'GetKeyPolicy', { keyId: KEY_ID })],
    [
      'PutKeyPolicy of another key',
      apiCall('kms.amazonaws.com', 'PutKeyPolicy', { keyId: 'ffffffff-12ab-34cd-56ef-1234567890ab' }),
    ],
    [
      'PutBucketLifecycle on another bucket',
      apiCall('s3.amazonaws.com', 'PutBucketLifecycle', { bucketName: 'other-bucket' }),
    ],
    ['GetBucketVersioning', apiCall('s3.amazonaws.com', 'GetBucketVersioning', { bucketName: 'central-logs' })],
    ['PutBucketTagging', apiCall('s3.amazonaws.com', 'PutBucketTagging', { bucketName: 'central-logs' })],
    [
      'DeleteLogGroup of another group',
      apiCall('logs.amazonaws.com', 'DeleteLogGroup', { logGroupName: `${LOG_GROUP}-2` }),
    ],
    ['PutLogEvents', apiCall('logs.amazonaws.com', 'PutLogEvents', { logGroupName: LOG_GROUP })],
    ['CreateLogStream', apiCall('logs.amazonaws.com', 'CreateLogStream', { logGroupName: LOG_GROUP })],
    [
      'PutEventConfiguration of an event data store',
      apiCall('cloudtrail.amazonaws.com', 'PutEventConfiguration', { eventDataStore: TRAIL_ARN }),
    ],
    ['the log group name as a bucket name', apiCall('s3.amazonaws.com', 'DeleteBucket', { bucketName: LOG_GROUP })],
    [
      "the trail's name as a bucket name",
      apiCall('s3.amazonaws.com', 'DeleteBucketPolicy', { bucketName: 'org-trail' }),
    ],
  ])('does not match %s', (_what, event) => {
    expect(matches(pattern, event)).toBe(false);
  });

  test('events that are not API calls do not match', () => {
    const event = apiCall('cloudtrail.amazonaws.com', 'StopLogging', { name: 'org-trail' });
    expect(matches(pattern, { ...event, 'detail-type': 'AWS Console Sign In via CloudTrail' })).toBe(false);
  });
});

describe("a topic of one's own", () => {
  test('is the target; its key of this app gets the EventBridge statement once, and no topic is made', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts', { masterKey: new kms.Key(stack, 'AlertsKey') });
    new TrailTamperAlert(stack, 'Tamper', { trail: new SecureTrail(stack, 'Trail'), topic });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    expect(ruleOf(stack).Targets).toEqual([{ Arn: stack.resolve(topic.topicArn), Id: 'Target0' }]);
    const key = template.toJSON().Resources[stack.resolve((topic.masterKey as kms.Key).keyId).Ref].Properties;
    expect(key.KeyPolicy.Statement.filter((s: any) => s.Principal?.Service === 'events.amazonaws.com')).toHaveLength(1);
  });

  test('encrypted with a key not managed here: a warning lists the EventBridge key statement to add', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts', { masterKey: kms.Key.fromKeyArn(stack, 'AlertsKey', KEY_ARN) });
    new TrailTamperAlert(stack, 'Tamper', { trail: new SecureTrail(stack, 'Trail'), topic });
    const warnings = Annotations.fromStack(stack).findWarning(
      '*',
      Match.stringLikeRegexp('cdk-cloudtrail-kit:alertTopicKeyPolicy'),
    );
    expect(warnings).toHaveLength(1);
    const warning = String(warnings[0].entry.data);
    const topicRef = stack.resolve(topic.topicArn).Ref;
    expect(warning).toMatch(
      new RegExp(
        `^The KMS key ${KEY_ARN} of the SNS topic \\$\\{${topicRef}\\} is not managed by this app.*alerts sent to the topic are dropped`,
      ),
    );
    expect(JSON.parse(/dropped: (\[.*\])\. Acknowledge/.exec(warning)![1])).toEqual([
      {
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Resource: '*',
        Sid: 'AllowEventBridgeToPublishToEncryptedTopic',
      },
    ]);
  });
});

describe('a key known by its alias ARN', () => {
  const ALIAS_ARN = `arn:aws:kms:${REGION}:222222222222:alias/cloudtrail/org`;
  const stack = testStack();
  new TrailTamperAlert(stack, 'Tamper', {
    trail: SecureTrail.fromTrailAttributes(stack, 'Imported', {
      trailArn: TRAIL_ARN,
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', ALIAS_ARN),
    }),
  });
  const pattern = ruleOf(stack).EventPattern;

  test('the alias is watched too: deleting it or pointing it elsewhere', () => {
    expect(pattern.detail.$or).toContainEqual({
      eventSource: ['kms.amazonaws.com'],
      eventName: ['DeleteAlias', 'UpdateAlias'],
      requestParameters: { aliasName: ['alias/cloudtrail/org'] },
    });
    expect(matches(pattern, apiCall('kms.amazonaws.com', 'DeleteAlias', { aliasName: 'alias/cloudtrail/org' }))).toBe(
      true,
    );
    expect(matches(pattern, apiCall('kms.amazonaws.com', 'UpdateAlias', { aliasName: 'alias/cloudtrail/org' }))).toBe(
      true,
    );
    expect(matches(pattern, apiCall('kms.amazonaws.com', 'CreateAlias', { aliasName: 'alias/cloudtrail/org' }))).toBe(
      false,
    );
    expect(matches(pattern, apiCall('kms.amazonaws.com', 'DeleteAlias', { aliasName: 'alias/other' }))).toBe(false);
  });

  test('a key known by its key ARN has no alias branch', () => {
    const other = testStack();
    new TrailTamperAlert(other, 'Tamper', { trail: importedWithBucketAndKey(other) });
    expect(ruleOf(other).EventPattern.detail.$or.flatMap((b: any) => b.eventName)).not.toContain('DeleteAlias');
  });
});
