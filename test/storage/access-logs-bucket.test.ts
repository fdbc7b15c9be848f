import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { TrailAccessLogsBucket } from '../../src';
import { ACCOUNT, onlyResource, testStack } from '../helpers';

describe('TrailAccessLogsBucket', () => {
  test('SSE-S3, BPA, versioned, owner-enforced, Object Lock without default retention, EventBridge, retained', () => {
    const stack = testStack();
    new TrailAccessLogsBucket(stack, 'Access', { expiration: Duration.days(400) });
    const bucket = onlyResource(Template.fromStack(stack), 'AWS::S3::Bucket');
    expect(bucket.Properties).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      ObjectLockEnabled: true,
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'AbortIncompleteUploads',
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            ExpirationInDays: 400,
            NoncurrentVersionExpiration: { NoncurrentDays: 400 },
          },
        ],
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
    const statements = onlyResource(Template.fromStack(stack), 'AWS::S3::BucketPolicy').Properties.PolicyDocument
      .Statement;
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
