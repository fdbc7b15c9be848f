import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureTrail, TrailObjectLock } from '../../src';
import { ACCOUNT, REGION, testStack } from '../helpers';

// A safety net only: every default and statement has its own assertion elsewhere.
// Snapshots never update on their own (jest --ci); run `npx projen test:update` after reading the diff.

test('default', () => {
  const stack = testStack();
  new SecureTrail(stack, 'Trail');
  expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
});

test('bring your own bucket, key and topic', () => {
  const stack = testStack();
  new SecureTrail(stack, 'Trail', {
    trailName: 'byo-trail',
    bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-trail-logs'),
    encryptionKey: kms.Key.fromKeyArn(
      stack,
      'Key',
      `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
    ),
    snsTopic: sns.Topic.fromTopicArn(stack, 'Topic', `arn:aws:sns:${REGION}:${ACCOUNT}:trail-deliveries`),
    cloudWatchLogGroup: logs.LogGroup.fromLogGroupName(stack, 'Group', 'existing-trail-group'),
  });
  expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
});

test('everything on', () => {
  const stack = testStack();
  new SecureTrail(stack, 'Trail', {
    trailName: 'everything-trail',
    s3KeyPrefix: 'audit',
    sendSnsNotifications: true,
    cloudWatchLogsRetention: logs.RetentionDays.FIVE_YEARS,
    objectLockRetention: TrailObjectLock.compliance(Duration.days(400)),
    logFileTransitions: [
      { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) },
    ],
    logFileExpiration: Duration.days(2555),
    tags: { Owner: 'security' },
  });
  expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
});
