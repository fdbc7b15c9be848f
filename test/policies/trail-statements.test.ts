import { Template } from 'aws-cdk-lib/assertions';
import { SecureTrail } from '../../src';
import { ACCOUNT, onlyResource, REGION, statementsOf, statementWithSid, testStack } from '../helpers';

const NAME = 'TestStackTrail52B51D8C';
const PARTITION = { Ref: 'AWS::Partition' };
const TRAIL_ARN = { 'Fn::Join': ['', ['arn:', PARTITION, `:cloudtrail:${REGION}:${ACCOUNT}:trail/${NAME}`]] };
const ACCOUNT_TRAILS = { 'Fn::Join': ['', ['arn:', PARTITION, `:cloudtrail:*:${ACCOUNT}:trail/*`]] };
const BUCKET_ARN = { 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] };
const CLOUDTRAIL = { Service: 'cloudtrail.amazonaws.com' };

function synth(props = {}): Template {
  const stack = testStack();
  new SecureTrail(stack, 'Trail', props);
  return Template.fromStack(stack);
}

describe('log bucket policy', () => {
  const statements = () => onlyBucketPolicy(synth());
  function onlyBucketPolicy(template: Template): any[] {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter(
      (p: any) => p.Properties.Bucket.Ref === 'TrailBucket6C1E344E',
    );
    return (policies[0] as any).Properties.PolicyDocument.Statement;
  }

  test('CloudTrail may read the bucket ACL, only for this trail', () => {
    expect(statementWithSid(statements(), 'AWSCloudTrailAclCheck')).toEqual({
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 's3:GetBucketAcl',
      Resource: BUCKET_ARN,
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  test('CloudTrail may write only under AWSLogs/<account>/, with bucket-owner-full-control, only for this trail', () => {
    expect(statementWithSid(statements(), 'AWSCloudTrailWrite')).toEqual({
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [BUCKET_ARN, `/AWSLogs/${ACCOUNT}/*`]] },
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  test('plain HTTP and TLS below 1.2 are refused for everyone', () => {
    const denies = statements().filter((s) => s.Effect === 'Deny');
    expect(denies).toEqual([
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [BUCKET_ARN, { 'Fn::Join': ['', [BUCKET_ARN, '/*']] }],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [BUCKET_ARN, { 'Fn::Join': ['', [BUCKET_ARN, '/*']] }],
        Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      },
    ]);
  });

  test('nothing else is allowed', () => {
    expect(
      statements()
        .filter((s) => s.Effect === 'Allow')
        .map((s) => s.Sid),
    ).toEqual(['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite']);
  });
});

describe('KMS key policy', () => {
  const statements = () => onlyResource(synth(), 'AWS::KMS::Key').Properties.KeyPolicy.Statement as any[];

  test('CloudTrail may generate data keys only with a CloudTrail encryption context of this account and only for this trail', () => {
    expect(statementWithSid(statements(), 'AllowCloudTrailToEncryptLogs')).toEqual({
      Sid: 'AllowCloudTrailToEncryptLogs',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': ACCOUNT_TRAILS },
        StringEquals: { 'aws:SourceArn': TRAIL_ARN },
      },
    });
  });

  test('CloudTrail may describe the key, only for this trail', () => {
    expect(statementWithSid(statements(), 'AllowCloudTrailToDescribeKey')).toEqual({
      Sid: 'AllowCloudTrailToDescribeKey',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  test('CloudTrail may decrypt (needed with S3 Bucket Keys), only for this trail', () => {
    expect(statementWithSid(statements(), 'AllowCloudTrailToDecryptWithBucketKeys')).toEqual({
      Sid: 'AllowCloudTrailToDecryptWithBucketKeys',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  test('principals of this account may decrypt CloudTrail log files only, when IAM allows them', () => {
    expect(statementWithSid(statements(), 'AllowAccountsToDecryptCloudTrailLogs')).toEqual({
      Sid: 'AllowAccountsToDecryptCloudTrailLogs',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', PARTITION, `:iam::${ACCOUNT}:root`]] } },
      Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:CallerAccount': ACCOUNT },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [ACCOUNT_TRAILS] },
      },
    });
  });

  test('CloudWatch Logs of this Region may use the key only for this trail log group', () => {
    expect(statementWithSid(statements(), 'AllowCloudWatchLogsToEncryptTrailLogGroup')).toEqual({
      Sid: 'AllowCloudWatchLogsToEncryptTrailLogGroup',
      Effect: 'Allow',
      Principal: { Service: `logs.${REGION}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Join': ['', ['arn:', PARTITION, `:logs:${REGION}:${ACCOUNT}:log-group:/aws/cloudtrail/${NAME}`]],
          },
        },
      },
    });
  });

  test('grants may be created only for AWS resources (Control Tower CT.KMS.PR.3)', () => {
    expect(statementWithSid(statements(), 'DenyCreateGrantExceptForAwsResources')).toEqual({
      Sid: 'DenyCreateGrantExceptForAwsResources',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    });
  });

  test('the account administers the key through IAM and nothing else is in the policy', () => {
    const all = statements();
    expect(all[0]).toEqual({
      Effect: 'Allow',
      Action: 'kms:*',
      Resource: '*',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', PARTITION, `:iam::${ACCOUNT}:root`]] } },
    });
    expect(all.map((s) => s.Sid)).toEqual([
      undefined,
      'DenyCreateGrantExceptForAwsResources',
      'AllowAccountsToDecryptCloudTrailLogs',
      'AllowCloudTrailToEncryptLogs',
      'AllowCloudTrailToDescribeKey',
      'AllowCloudTrailToDecryptWithBucketKeys',
      'AllowCloudWatchLogsToEncryptTrailLogGroup',
    ]);
  });

  test('rotation is on, deletion waits 30 days, and the key has an alias', () => {
    const template = synth();
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, PendingWindowInDays: 30 });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/cloudtrail/${NAME}` });
  });

  test('with SNS on, CloudTrail may use the key for the encrypted topic only, only for this trail', () => {
    const key = onlyResource(synth({ sendSnsNotifications: true }), 'AWS::KMS::Key').Properties.KeyPolicy.Statement;
    expect(statementWithSid(key, 'AllowCloudTrailToPublishToEncryptedTopic')).toEqual({
      Sid: 'AllowCloudTrailToPublishToEncryptedTopic',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'aws:SourceArn': TRAIL_ARN,
          // The topic's ARN from its known name: a reference to the topic would make a key <-> topic cycle.
          'kms:EncryptionContext:aws:sns:topicArn': {
            'Fn::Join': ['', ['arn:', PARTITION, `:sns:${REGION}:${ACCOUNT}:${NAME}-deliveries`]],
          },
        },
      },
    });
  });
});

describe('CloudWatch Logs delivery', () => {
  test('the role is trusted by CloudTrail without aws:SourceArn or aws:SourceAccount (AWS documents they break delivery)', () => {
    const role = onlyResource(synth(), 'AWS::IAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: CLOUDTRAIL },
    ]);
    expect(role.Properties.Policies).toBeUndefined();
  });

  test('a managed policy (no inline policy) allows only creating and writing CloudTrail streams of this log group', () => {
    const template = synth();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const streams = {
      'Fn::Join': [
        '',
        [
          'arn:',
          PARTITION,
          `:logs:${REGION}:${ACCOUNT}:log-group:`,
          { Ref: 'TrailCloudWatchLogsLogGroup7BE41466' },
          `:log-stream:${ACCOUNT}_CloudTrail_${REGION}*`,
        ],
      ],
    };
    expect(statementsOf(template, 'AWS::IAM::ManagedPolicy')).toEqual([
      { Sid: 'AWSCloudTrailCreateLogStream', Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: streams },
      { Sid: 'AWSCloudTrailPutLogEvents', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: streams },
    ]);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: 'TrailCloudWatchLogsRole28C36317' }] });
  });

  test('the log group is KMS-encrypted with the trail key and keeps events a year', () => {
    synth().hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/cloudtrail/${NAME}`,
      KmsKeyId: { 'Fn::GetAtt': ['TrailKey31F874A3', 'Arn'] },
      RetentionInDays: 365,
    });
  });
});

describe('SNS notifications', () => {
  test('off by default', () => {
    synth().resourceCountIs('AWS::SNS::Topic', 0);
  });

  test('the created topic is KMS-encrypted with the trail key and the trail notifies it by ARN', () => {
    const template = synth({ sendSnsNotifications: true });
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': ['TrailKey31F874A3', 'Arn'] },
    });
    template.hasResourceProperties('AWS::CloudTrail::Trail', { SnsTopicName: { Ref: 'TrailTopicA2324151' } });
  });

  test('the topic policy lets only this trail publish and refuses plain HTTP', () => {
    const statements = statementsOf(synth({ sendSnsNotifications: true }), 'AWS::SNS::TopicPolicy');
    expect(statementWithSid(statements, 'AWSCloudTrailSNSPolicy')).toEqual({
      Sid: 'AWSCloudTrailSNSPolicy',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 'sns:Publish',
      Resource: { Ref: 'TrailTopicA2324151' },
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
    expect(statements.find((s) => s.Effect === 'Deny')).toMatchObject({
      Action: 'sns:Publish',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });
});
