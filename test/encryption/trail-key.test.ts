import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureTrail, TrailKey } from '../../src';
import { ACCOUNT, onlyResource, testStack } from '../helpers';

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
    const sids = onlyResource(Template.fromStack(stack), 'AWS::KMS::Key').Properties.KeyPolicy.Statement.map(
      (s: any) => s.Sid,
    );
    expect(sids.filter((sid: string) => sid?.startsWith('AllowCloudTrailToPublishToEncryptedTopic'))).toEqual([
      'AllowCloudTrailToPublishToEncryptedTopic',
      'AllowCloudTrailToPublishToEncryptedTopic2',
    ]);
  });

  test('pendingWindow, description and removalPolicy are passed through', () => {
    const stack = testStack();
    new TrailKey(stack, 'Key', {
      pendingWindow: Duration.days(7),
      description: 'd',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const key = onlyResource(Template.fromStack(stack), 'AWS::KMS::Key');
    expect(key.Properties.PendingWindowInDays).toBe(7);
    expect(key.Properties.Description).toBe('d');
    expect(key.DeletionPolicy).toBe('Delete');
  });
});
