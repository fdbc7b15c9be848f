import { arnDefinitelyInvalid, arnRegion, ArnSpec } from '../arn';
import { TrailRuleSeverity } from '../rule-info';
import { arnRule, lengthRule, regionRule } from './factories';
import { quoteChars, TrailRule } from './rule';

const SNS_SOURCE = 'CloudTrail API CreateTrail SnsTopicName (name or ARN, maximum 256), InvalidSnsTopicNameException '
  + '/ User Guide configure-sns-notifications-for-cloudtrail';
const CWL_SOURCE = 'CloudTrail API CreateTrail CloudWatchLogsLogGroupArn / CloudWatchLogsRoleArn / User Guide send-cloudtrail-events-to-cloudwatch-logs';

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const SNS_ARN: ArnSpec = { service: 'sns', resource: TOPIC_NAME, resourceChars: /^[A-Za-z0-9_-]$/ };
const LOG_GROUP_ARN: ArnSpec = {
  service: 'logs',
  resource: /^log-group:[A-Za-z0-9_\-/.#]{1,512}(:\*)?$/,
  resourceChars: /^[A-Za-z0-9_\-/.#:*]$/,
  resourcePrefix: 'log-group:',
};
const ROLE_ARN: ArnSpec = {
  service: 'iam',
  global: true,
  resource: /^role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/,
  resourceChars: /^[\x21-\x7e]$/,
  resourcePrefix: 'role/',
};

/** `true` present, `false` absent, undefined when a condition decides. */
function presence(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  return typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'Fn::If') ? undefined : true;
}

const SNS = { source: SNS_SOURCE, cfnProperty: 'SnsTopicName', prop: 'snsTopicName', severity: TrailRuleSeverity.ERROR } as const;
const GROUP = { cfnProperty: 'CloudWatchLogsLogGroupArn', prop: 'cloudWatchLogsLogGroupArn', severity: TrailRuleSeverity.ERROR } as const;
const ROLE = { cfnProperty: 'CloudWatchLogsRoleArn', prop: 'cloudWatchLogsRoleArn', severity: TrailRuleSeverity.ERROR } as const;

export const DELIVERY_RULES: TrailRule[] = [
  lengthRule({
    ...SNS,
    id: 'SNS_TOPIC_LENGTH',
    constraint: 'The SNS topic (name or ARN) is at most 256 characters long.',
    fix: 'use a shorter topic name',
    max: 256,
    rejected: 'CloudTrail rejects it with InvalidSnsTopicNameException',
  }, (view) => [{ value: view.snsTopic }]),
  {
    ...SNS,
    id: 'SNS_TOPIC_FORMAT',
    constraint: 'The SNS topic is a topic name (1 to 256 ASCII letters, digits, \'_\' and \'-\'; no FIFO topics) '
      + 'or a topic ARN (arn:<partition>:sns:<region>:<account>:<name>).',
    fix: 'pass the topic name or ARN of a standard topic (topic.topicArn)',
    check({ snsTopic: topic }) {
      if (topic === undefined) return [];
      const text = topic.text;
      if (text !== undefined) {
        const invalid = text.startsWith('arn:') ? arnDefinitelyInvalid(topic, SNS_ARN) : !TOPIC_NAME.test(text);
        return invalid ? [{ value: text, problem: 'is neither a topic name nor a topic ARN; CloudTrail rejects it with InvalidSnsTopicNameException' }] : [];
      }
      if (topic.head.startsWith('arn:')) {
        return arnDefinitelyInvalid(topic, SNS_ARN)
          ? [{ value: topic.display(), problem: 'is not a topic ARN; CloudTrail rejects it with InvalidSnsTopicNameException' }] : [];
      }
      const bad = topic.cannotStartWith('arn:') ? topic.badCharacters(/^[A-Za-z0-9_-]$/) : [];
      return bad.length === 0 ? [] : [{ value: topic.display(), problem: `contains ${quoteChars(bad)}, not allowed in a topic name` }];
    },
  },
  {
    id: 'CLOUDWATCH_LOGS_PAIRING',
    constraint: 'CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn are given together or not at all.',
    source: `${CWL_SOURCE}, InvalidCloudWatchLogsRoleArnException / InvalidCloudWatchLogsLogGroupArnException`,
    ...ROLE,
    fix: 'give both the log group ARN and the ARN of a role CloudTrail can assume to write to it, or neither',
    severity: TrailRuleSeverity.ERROR,
    check({ props }) {
      const group = presence(props.CloudWatchLogsLogGroupArn);
      const role = presence(props.CloudWatchLogsRoleArn);
      if (group === true && role === false) {
        return [{
          at: 'CloudWatchLogsRoleArn',
          problem: 'is missing while CloudWatchLogsLogGroupArn is set; CloudTrail rejects this with InvalidCloudWatchLogsRoleArnException '
            + '"You must specify a role ARN as well as a log group"',
        }];
      }
      if (role === true && group === false) {
        return [{
          at: 'CloudWatchLogsLogGroupArn',
          problem: 'is missing while CloudWatchLogsRoleArn is set; CloudTrail rejects this with InvalidCloudWatchLogsLogGroupArnException',
        }];
      }
      return [];
    },
  },
  arnRule({
    id: 'CLOUDWATCH_LOGS_GROUP_ARN',
    constraint: 'The log group is given as its ARN: arn:<partition>:logs:<region>:<account>:log-group:<name>[:*], '
      + 'the name 1 to 512 of a-z, A-Z, 0-9, \'_\', \'-\', \'/\', \'.\' and \'#\'.',
    source: `${CWL_SOURCE}, InvalidCloudWatchLogsLogGroupArnException`,
    ...GROUP,
    fix: 'pass the log group\'s ARN (logGroup.logGroupArn), not its name',
    spec: LOG_GROUP_ARN,
    problem: 'is not a log group ARN; CloudTrail rejects it with InvalidCloudWatchLogsLogGroupArnException',
  }, (view) => view.logGroupArn),
  regionRule({
    ...GROUP,
    id: 'CLOUDWATCH_LOGS_GROUP_REGION',
    constraint: 'The log group is in the trail\'s Region (its home Region).',
    source: 'CloudTrail User Guide send-cloudtrail-events-to-cloudwatch-logs / cloudwatch-log-group-log-stream-naming-for-cloudtrail',
    fix: 'use a log group in the trail\'s Region',
    other: 'the trail',
    rejected: 'CloudTrail rejects it with InvalidCloudWatchLogsLogGroupArnException',
  }, (view) => ({ value: view.logGroupArn, region: arnRegion(view.logGroupArn), expected: view.env.region })),
  arnRule({
    id: 'CLOUDWATCH_LOGS_ROLE_ARN',
    constraint: 'The CloudWatch Logs role is given as its ARN: arn:<partition>:iam::<account>:role/<path/name>.',
    source: `${CWL_SOURCE}, InvalidCloudWatchLogsRoleArnException`,
    ...ROLE,
    fix: 'pass the role\'s ARN (role.roleArn), not its name',
    spec: ROLE_ARN,
    problem: 'is not an IAM role ARN; CloudTrail rejects it with InvalidCloudWatchLogsRoleArnException',
  }, (view) => view.roleArn),
];
