import { Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ITrail, SecureTrail } from '../../src';
import { onlyResource, testStack } from '../helpers';

const ARN = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/org-trail';

function ruleOf(stack: Stack): any {
  return onlyResource(Template.fromStack(stack), 'AWS::Events::Rule').Properties;
}

describe.each([
  ['a SecureTrail', (stack: Stack): ITrail => new SecureTrail(stack, 'Trail')],
  ['a trail imported by ARN', (stack: Stack): ITrail => SecureTrail.fromTrailArn(stack, 'Trail', ARN)],
  ['a trail imported by name', (stack: Stack): ITrail => SecureTrail.fromTrailName(stack, 'Trail', 'my-trail')],
])('onCloudTrailEvent on %s', (_name, make) => {
  test('services and event names select source, event source and event name; target, name and description are set', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    make(stack).onCloudTrailEvent('BucketPolicyChanges', {
      services: ['s3.amazonaws.com'],
      eventNames: ['PutBucketPolicy', 'DeleteBucketPolicy'],
      target: new targets.SnsTopic(topic),
      ruleName: 'bucket-policy-changes',
      description: 'Bucket policy changes',
    });
    expect(ruleOf(stack)).toEqual({
      Name: 'bucket-policy-changes',
      Description: 'Bucket policy changes',
      State: 'ENABLED',
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['s3.amazonaws.com'], eventName: ['PutBucketPolicy', 'DeleteBucketPolicy'] },
      },
      Targets: [{ Arn: { Ref: 'TopicBFC7AF6E' }, Id: 'Target0' }],
    });
  });

  test('with no options, every API call recorded by CloudTrail and no target', () => {
    const stack = testStack();
    make(stack).onCloudTrailEvent('AllCalls');
    expect(ruleOf(stack)).toEqual({
      State: 'ENABLED',
      EventPattern: { 'detail-type': ['AWS API Call via CloudTrail'] },
    });
  });
});

describe('onCloudTrailEvent filters', () => {
  test('several services: one source each, once', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail').onCloudTrailEvent('Keys', {
      services: ['kms.amazonaws.com', 's3.amazonaws.com', 'kms.amazonaws.com'],
    });
    expect(ruleOf(stack).EventPattern).toEqual({
      source: ['aws.kms', 'aws.s3'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['kms.amazonaws.com', 's3.amazonaws.com', 'kms.amazonaws.com'] },
    });
  });

  test('event names alone match them in every service', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail').onCloudTrailEvent('Logins', { eventNames: ['ConsoleLogin'] });
    expect(ruleOf(stack).EventPattern).toEqual({
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventName: ['ConsoleLogin'] },
    });
  });

  test('a further pattern is merged into the CloudTrail one', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail').onCloudTrailEvent('OneBucket', {
      services: ['s3.amazonaws.com'],
      eventPattern: { detail: { requestParameters: { bucketName: ['my-bucket'] } } },
    });
    expect(ruleOf(stack).EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['s3.amazonaws.com'], requestParameters: { bucketName: ['my-bucket'] } },
    });
  });

  test('a service known only at deploy time: no source, the event source alone selects it', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail').onCloudTrailEvent('Any', { services: [Fn.importValue('Service')] });
    expect(ruleOf(stack).EventPattern).toEqual({
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: [{ 'Fn::ImportValue': 'Service' }] },
    });
  });

  test.each([
    [
      { services: ['s3'] },
      /\[EVENTS_API_CALL_FILTERS\] TestStack\/Trail\/Rule: prop services\[0\] 's3' is not a CloudTrail event source.*'s3.amazonaws.com'/,
    ],
    [{ services: [] }, /\[EVENTS_API_CALL_FILTERS\] TestStack\/Trail\/Rule: prop services is empty/],
    [{ eventNames: [] }, /\[EVENTS_API_CALL_FILTERS\] TestStack\/Trail\/Rule: prop eventNames is empty/],
    [
      { ruleName: 'r'.repeat(65) },
      /\[EVENTS_RULE_NAME\] TestStack\/Trail\/Rule: prop ruleName 'r+' is not 1 to 64 letters/,
    ],
  ])('%j fails at synth with a clear message', (options, message) => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail');
    trail.onCloudTrailEvent('Rule', options);
    expect(() => Template.fromStack(stack)).toThrow(message);
  });
});
