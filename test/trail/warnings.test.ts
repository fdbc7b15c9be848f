import { Fn, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureTrail, TrailBucket } from '../../src';
import { ACCOUNT, REGION, testStack } from '../helpers';

const OTHER = '222222222222';
const TRAIL_ARN_TEXT = `arn:\${AWS::Partition}:cloudtrail:${REGION}:${ACCOUNT}:trail/TestStackTrail52B51D8C`;

function warnings(stack: Stack): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.anyValue())
    .map((w) => String(w.entry.data));
}

/** The JSON statements a warning carries, parsed back. */
function statementsIn(warning: string): any[] {
  const match = /: (\[.*\])\. Acknowledge once done/.exec(warning);
  if (!match) throw new Error(`no statements in: ${warning}`);
  return JSON.parse(match[1]);
}

describe('resources the app does not own are never silently left without a policy', () => {
  test('an imported bucket: the warning carries the exact bucket statements', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', {
      bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs'),
      s3KeyPrefix: 'pfx',
    });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^The S3 bucket central-logs is not managed by this app/);
    expect(found[0]).toMatch(/\[ack: annotation::cdk-cloudtrail-kit:bucketPolicy\]/i);
    expect(statementsIn(found[0])).toEqual([
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: 'arn:${AWS::Partition}:s3:::central-logs',
        Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN_TEXT } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:\${AWS::Partition}:s3:::central-logs/pfx/AWSLogs/${ACCOUNT}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN_TEXT } },
      },
    ]);
  });

  test('an imported key: the warning carries the key statements, and the trail does not depend on it', () => {
    const stack = testStack();
    const key = kms.Key.fromKeyArn(
      stack,
      'K',
      `arn:aws:kms:${REGION}:${OTHER}:key/11111111-2222-3333-4444-555555555555`,
    );
    new SecureTrail(stack, 'Trail', { encryptionKey: key, sendToCloudWatchLogs: false });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /The KMS key arn:aws:kms:us-east-1:222222222222:key\/11111111-2222-3333-4444-555555555555 is not managed/,
    );
    expect(statementsIn(found[0]).map((s) => s.Sid)).toEqual([
      'AllowCloudTrailToEncryptLogs',
      'AllowCloudTrailToDescribeKey',
      'AllowCloudTrailToDecryptWithBucketKeys',
    ]);
    expect(statementsIn(found[0])[0].Condition).toEqual({
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': `arn:\${AWS::Partition}:cloudtrail:*:${ACCOUNT}:trail/*`,
      },
      StringEquals: { 'aws:SourceArn': TRAIL_ARN_TEXT },
    });
  });

  test('an imported key with CloudWatch Logs on: a second warning carries the log-group statement', () => {
    const stack = testStack();
    const key = kms.Key.fromKeyArn(
      stack,
      'K',
      `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
    );
    new SecureTrail(stack, 'Trail', { encryptionKey: key });
    const found = warnings(stack);
    expect(found).toHaveLength(2);
    const logs = found.find((w) => w.includes('log group'))!;
    expect(statementsIn(logs)).toEqual([
      expect.objectContaining({
        Sid: 'AllowCloudWatchLogsToEncryptTrailLogGroup',
        Principal: { Service: `logs.${REGION}.amazonaws.com` },
      }),
    ]);
  });

  test('an imported topic: the warning carries the topic statement with aws:SourceArn, and the trail uses the topic ARN', () => {
    const stack = testStack();
    const topicArn = `arn:aws:sns:${REGION}:${OTHER}:alerts`;
    new SecureTrail(stack, 'Trail', { snsTopic: sns.Topic.fromTopicArn(stack, 'T', topicArn) });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(statementsIn(found[0])).toEqual([
      {
        Sid: 'AWSCloudTrailSNSPolicy',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN_TEXT } },
      },
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', { SnsTopicName: topicArn });
  });

  test('an imported topic with a KMS key: a second warning carries the key statement for the topic', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', {
      sendToCloudWatchLogs: false,
      snsTopic: sns.Topic.fromTopicAttributes(stack, 'T', {
        topicArn: `arn:aws:sns:${REGION}:${OTHER}:alerts`,
        keyArn: `arn:aws:kms:${REGION}:${OTHER}:key/99999999-2222-3333-4444-555555555555`,
      }),
    });
    const found = warnings(stack);
    expect(found).toHaveLength(2);
    const keyWarning = found.find((w) => w.includes('The KMS key of the SNS topic'))!;
    expect(keyWarning).toMatch(/\[ack: annotation::cdk-cloudtrail-kit:topicKeyPolicy\]/i);
    expect(statementsIn(keyWarning)).toEqual([
      {
        Sid: 'AllowCloudTrailToPublishToEncryptedTopic',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        Condition: {
          StringEquals: {
            'aws:SourceArn': TRAIL_ARN_TEXT,
            'kms:EncryptionContext:aws:sns:topicArn': `arn:aws:sns:${REGION}:${OTHER}:alerts`,
          },
        },
      },
    ]);
  });

  test('an imported role: the warning carries the CloudTrail trust statement', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', { cloudWatchLogsRole: iam.Role.fromRoleName(stack, 'R', 'delivery') });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/trust policy of the CloudWatch Logs role/);
    expect(statementsIn(found[0])).toEqual([
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('an imported access-log bucket: the warning carries the S3 logging statement', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs', { accessLogsBucket: s3.Bucket.fromBucketName(stack, 'A', 'access-logs') });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    const [statement] = statementsIn(found[0]);
    expect(statement).toMatchObject({
      Sid: 'S3ServerAccessLogsPolicy',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    // Under the bucket's unique id, not its generated name: that would make the bucket's properties refer to itself
    // (a circular dependency CloudFormation rejects).
    expect(statement.Resource).toBe('arn:${AWS::Partition}:s3:::access-logs/TestStackLogs932B6516/*');
  });

  test('a resource named by a token is shown as readable text, not as a token', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketAttributes(stack, 'B', { bucketName: Fn.importValue('LogBucketName') });
    new SecureTrail(stack, 'Trail', { bucket, sendToCloudWatchLogs: false });
    const [warning] = warnings(stack);
    expect(warning).toMatch(/^The S3 bucket LogBucketName is not managed by this app/);
    expect(warning).not.toMatch(/Token\[/);
  });

  test('each warning can be acknowledged with Validations and then disappears', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', {
      bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs'),
      encryptionKey: kms.Key.fromKeyArn(
        stack,
        'K',
        `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
      ),
      snsTopic: sns.Topic.fromTopicArn(stack, 'T', `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`),
    });
    Validations.of(stack).acknowledge(
      { id: 'cdk-cloudtrail-kit:bucketPolicy', reason: 'the log archive account holds these statements' },
      { id: 'cdk-cloudtrail-kit:keyPolicy', reason: 'added by the key owner' },
      { id: 'cdk-cloudtrail-kit:logGroupKeyPolicy', reason: 'added by the key owner' },
      { id: 'cdk-cloudtrail-kit:topicPolicy', reason: 'added by the topic owner' },
    );
    expect(warnings(stack)).toEqual([]);
  });
});
