import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureTrail, TrailAccessLogsBucket, TrailBucket, TrailKey } from '../src';
import { ACCOUNT, onlyResource, testStack } from './helpers';

describe('TrailBucket', () => {
  test('is hardened: BPA, SSE-KMS with bucket keys, versioning, owner-enforced, access logs, lifecycle, Object Lock, EventBridge', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs');
    const template = Template.fromStack(stack);
    const buckets = template.findResources('AWS::S3::Bucket', { Properties: { ObjectLockConfiguration: Match.anyValue() } });
    const trailBucket = Object.entries(buckets).find(([, b]: any) => b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
      .ServerSideEncryptionByDefault.SSEAlgorithm === 'aws:kms')![1] as any;
    expect(trailBucket.Properties).toEqual({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['LogsKeyA6AB43B2', 'Arn'] } },
        }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: 'LogsAccessLogsB83F6EB2' } },
      LifecycleConfiguration: {
        Rules: [{
          Id: 'TrailLogFiles',
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        }],
      },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    expect(trailBucket.DeletionPolicy).toBe('Retain');
  });

  test('objectLockEnabled false turns Object Lock off', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs', { objectLockEnabled: false });
    const bucket = Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket'))
      .find((b: any) => b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].BucketKeyEnabled) as any;
    expect(bucket.Properties.ObjectLockEnabled).toBe(false);
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
  });

  test('two trails sharing one bucket and key each get their own statements, with unique Sids', () => {
    const stack = testStack();
    const key = new TrailKey(stack, 'Key');
    const bucket = new TrailBucket(stack, 'Logs', { encryptionKey: key });
    new SecureTrail(stack, 'One', { bucket, encryptionKey: key, trailName: 'one' });
    new SecureTrail(stack, 'Two', { bucket, encryptionKey: key, trailName: 'two', s3KeyPrefix: 'two' });
    const template = Template.fromStack(stack);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .map((p: any) => p.Properties.PolicyDocument.Statement.map((s: any) => s.Sid).filter(Boolean));
    expect(policies).toContainEqual(['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite', 'AWSCloudTrailAclCheck2', 'AWSCloudTrailWrite2']);
    const keySids = onlyResource(template, 'AWS::KMS::Key').Properties.KeyPolicy.Statement.map((s: any) => s.Sid);
    expect(keySids).toEqual(expect.arrayContaining([
      'AllowCloudTrailToEncryptLogs', 'AllowCloudTrailToEncryptLogs2', 'AllowCloudTrailToDescribeKey2', 'AllowCloudTrailToDecryptWithBucketKeys2',
    ]));
    expect(new Set(keySids.filter(Boolean)).size).toBe(keySids.filter(Boolean).length);
    const write2 = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement).find((s: any) => s.Sid === 'AWSCloudTrailWrite2');
    expect(write2.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Logs6819BB44', 'Arn'] }, `/two/AWSLogs/${ACCOUNT}/*`]] });
    expect(write2.Condition.StringEquals['aws:SourceArn']['Fn::Join'][1][2]).toMatch(/:trail\/two$/);
  });
});

describe('TrailAccessLogsBucket', () => {
  test('SSE-S3, BPA, versioned, owner-enforced, Object Lock without default retention, EventBridge, retained', () => {
    const stack = testStack();
    new TrailAccessLogsBucket(stack, 'Access', { expiration: Duration.days(400) });
    const bucket = onlyResource(Template.fromStack(stack), 'AWS::S3::Bucket');
    expect(bucket.Properties).toEqual({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      ObjectLockEnabled: true,
      LifecycleConfiguration: {
        Rules: [{
          Id: 'AbortIncompleteUploads',
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          ExpirationInDays: 400,
          NoncurrentVersionExpiration: { NoncurrentDays: 400 },
        }],
      },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  test('only S3 logging, for the allowed source bucket and its account, may write, under the prefix', () => {
    const stack = testStack();
    const access = new TrailAccessLogsBucket(stack, 'Access', { removalPolicy: RemovalPolicy.DESTROY });
    const source = s3.Bucket.fromBucketName(stack, 'Source', 'source-bucket');
    access.allowLogDeliveryFrom(source, 'source/');
    const statements = onlyResource(Template.fromStack(stack), 'AWS::S3::BucketPolicy').Properties.PolicyDocument.Statement;
    expect(statements.find((s: any) => s.Sid === 'S3ServerAccessLogsPolicy')).toEqual({
      Sid: 'S3ServerAccessLogsPolicy',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Access9901B1FF', 'Arn'] }, '/source/*']] },
      Condition: {
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::source-bucket']] } },
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
      },
    });
  });
});

describe('TrailKey', () => {
  test('allowTopicPublishFrom adds a numbered statement per topic, and a repeated one once', () => {
    const stack = testStack();
    const key = new TrailKey(stack, 'Key');
    const one = new SecureTrail(stack, 'One', { encryptionKey: key, sendToCloudWatchLogs: false });
    const topic = sns.Topic.fromTopicArn(stack, 'T', `arn:aws:sns:us-east-1:${ACCOUNT}:t`);
    const other = sns.Topic.fromTopicArn(stack, 'U', `arn:aws:sns:us-east-1:${ACCOUNT}:u`);
    key.allowTopicPublishFrom(one, topic);
    key.allowTopicPublishFrom(one, other);
    key.allowTopicPublishFrom(one, other); // the same statement again is not repeated
    const sids = onlyResource(Template.fromStack(stack), 'AWS::KMS::Key').Properties.KeyPolicy.Statement.map((s: any) => s.Sid);
    expect(sids.filter((sid: string) => sid?.startsWith('AllowCloudTrailToPublishToEncryptedTopic')))
      .toEqual(['AllowCloudTrailToPublishToEncryptedTopic', 'AllowCloudTrailToPublishToEncryptedTopic2']);
  });

  test('pendingWindow, description and removalPolicy are passed through', () => {
    const stack = testStack();
    new TrailKey(stack, 'Key', { pendingWindow: Duration.days(7), description: 'd', removalPolicy: RemovalPolicy.DESTROY });
    const key = onlyResource(Template.fromStack(stack), 'AWS::KMS::Key');
    expect(key.Properties.PendingWindowInDays).toBe(7);
    expect(key.Properties.Description).toBe('d');
    expect(key.DeletionPolicy).toBe('Delete');
  });
});
