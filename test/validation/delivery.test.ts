import { rawTrail, rule } from './util';

const GROUP = 'arn:aws:logs:us-east-1:111111111111:log-group:trail-logs:*';
const ROLE = 'arn:aws:iam::111111111111:role/CloudTrailToLogs';

describe('SNS_TOPIC_LENGTH', () => {
  test('256 characters pass, 257 fail', () => {
    expect(rawTrail({ snsTopicName: 't'.repeat(256) }).synth).not.toThrow();
    expect(rawTrail({ snsTopicName: 't'.repeat(257) }).synth).toThrow(rule('SNS_TOPIC_LENGTH'));
  });
  test('an ARN over 256 characters fails', () => {
    expect(rawTrail({ snsTopicName: `arn:aws:sns:us-east-1:111111111111:${'t'.repeat(230)}` }).synth).toThrow(
      rule('SNS_TOPIC_LENGTH'),
    );
  });
});

describe('SNS_TOPIC_FORMAT', () => {
  test.each([
    'my_topic-1',
    't',
    'arn:aws:sns:us-east-1:111111111111:my-topic',
    'arn:aws-cn:sns:cn-north-1:111111111111:Topic_2',
  ])('accepts %p', (snsTopicName) => {
    expect(rawTrail({ snsTopicName }).synth).not.toThrow();
  });
  test.each([
    '',
    'my.topic',
    'my topic',
    'my-topic.fifo',
    'arn:aws:sns:us-east-1:11111111111:my-topic',
    'arn:aws:sqs:us-east-1:111111111111:my-topic',
    'arn:aws:sns:us-east-1:111111111111:',
    'arn:aws:sns:us-east-1:111111111111',
  ])('rejects %p', (snsTopicName) => {
    expect(rawTrail({ snsTopicName }).synth).toThrow(rule('SNS_TOPIC_FORMAT'));
  });
});

describe('CLOUDWATCH_LOGS_PAIRING', () => {
  test('both pass', () => {
    expect(rawTrail({ cloudWatchLogsLogGroupArn: GROUP, cloudWatchLogsRoleArn: ROLE }).synth).not.toThrow();
  });
  test('a log group without a role fails, naming the missing role', () => {
    expect(rawTrail({ cloudWatchLogsLogGroupArn: GROUP }).synth).toThrow(
      /\[CLOUDWATCH_LOGS_PAIRING\] TestStack\/Trail: CloudWatchLogsRoleArn \(prop cloudWatchLogsRoleArn\) is missing/,
    );
  });
  test('a role without a log group fails, naming the missing group', () => {
    expect(rawTrail({ cloudWatchLogsRoleArn: ROLE }).synth).toThrow(
      /\[CLOUDWATCH_LOGS_PAIRING\] TestStack\/Trail: CloudWatchLogsLogGroupArn \(prop cloudWatchLogsLogGroupArn\) is missing/,
    );
  });
});

describe('CLOUDWATCH_LOGS_GROUP_ARN', () => {
  test.each([
    GROUP,
    'arn:aws:logs:us-east-1:111111111111:log-group:/aws/cloudtrail/my.trail#1',
    `arn:aws:logs:us-east-1:111111111111:log-group:${'g'.repeat(512)}:*`,
  ])('accepts %p', (group) => {
    expect(rawTrail({ cloudWatchLogsLogGroupArn: group, cloudWatchLogsRoleArn: ROLE }).synth).not.toThrow();
  });
  test.each([
    'trail-logs',
    'arn:aws:logs:us-east-1:111111111111:trail-logs',
    'arn:aws:logs:us-east-1:111111111111:log-group:trail logs',
    'arn:aws:logs:us-east-1:111111111111:log-group:',
    `arn:aws:logs:us-east-1:111111111111:log-group:${'g'.repeat(513)}:*`,
    'arn:aws:logs:us-east-1:111111111111:log-group:trail-logs:log-stream:x',
  ])('rejects %p', (group) => {
    expect(rawTrail({ cloudWatchLogsLogGroupArn: group, cloudWatchLogsRoleArn: ROLE }).synth).toThrow(
      rule('CLOUDWATCH_LOGS_GROUP_ARN'),
    );
  });
});

describe('CLOUDWATCH_LOGS_GROUP_REGION', () => {
  test('a log group in another Region than the trail fails', () => {
    const group = 'arn:aws:logs:us-west-2:111111111111:log-group:trail-logs:*';
    expect(rawTrail({ cloudWatchLogsLogGroupArn: group, cloudWatchLogsRoleArn: ROLE }).synth).toThrow(
      /\[CLOUDWATCH_LOGS_GROUP_REGION\].*is in Region us-west-2 but the trail is in us-east-1/,
    );
  });
});

describe('CLOUDWATCH_LOGS_ROLE_ARN', () => {
  test.each([
    ROLE,
    'arn:aws:iam::111111111111:role/service-role/path/Role+=,.@-_',
    `arn:aws:iam::111111111111:role/${'r'.repeat(64)}`,
  ])('accepts %p', (role) => {
    expect(rawTrail({ cloudWatchLogsLogGroupArn: GROUP, cloudWatchLogsRoleArn: role }).synth).not.toThrow();
  });
  test.each([
    'CloudTrailToLogs',
    'arn:aws:iam:us-east-1:111111111111:role/CloudTrailToLogs',
    'arn:aws:iam::111111111111:user/CloudTrailToLogs',
    'arn:aws:iam::111111111111:role/',
    `arn:aws:iam::111111111111:role/${'r'.repeat(65)}`,
  ])('rejects %p', (role) => {
    expect(rawTrail({ cloudWatchLogsLogGroupArn: GROUP, cloudWatchLogsRoleArn: role }).synth).toThrow(
      rule('CLOUDWATCH_LOGS_ROLE_ARN'),
    );
  });
});

describe('MULTI_REGION_GLOBAL_EVENTS', () => {
  test('a multi-Region trail without global service events fails', () => {
    expect(rawTrail({ isMultiRegionTrail: true, includeGlobalServiceEvents: false }).synth).toThrow(
      rule('MULTI_REGION_GLOBAL_EVENTS'),
    );
  });
  test.each([
    [true, true],
    [true, undefined],
    [false, false],
    [undefined, false],
  ])('multi-Region %p, global events %p pass', (isMultiRegionTrail, includeGlobalServiceEvents) => {
    expect(rawTrail({ isMultiRegionTrail, includeGlobalServiceEvents }).synth).not.toThrow();
  });
});
