import { arnDefinitelyInvalid, arnRegion, ArnSpec } from './arn';
import { PartialString } from './partial-string';
import { contextString, quoteChars, shown, stringProp, TrailRule } from './rule';
import { field, intrinsicArgument } from './values';

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

/** True when `value` certainly is no ARN matching `spec`. */
function notAnArnOf(value: PartialString, spec: ArnSpec): boolean {
  return value.cannotStartWith('arn:') || arnDefinitelyInvalid(value, spec);
}

/** `true` present, `false` absent, undefined when a condition decides. */
function presence(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  if (intrinsicArgument(value, 'Fn::If') !== undefined) return undefined;
  return true;
}

export const DELIVERY_RULES: TrailRule[] = [
  {
    id: 'SNS_TOPIC_LENGTH',
    constraint: 'The SNS topic (name or ARN) is at most 256 characters long.',
    source: SNS_SOURCE,
    cfnProperty: 'SnsTopicName',
    prop: 'snsTopicName',
    fix: 'use a shorter topic name',
    severity: 'error',
    check(props, context) {
      const topic = stringProp(props, 'SnsTopicName', context);
      if (topic === undefined) return [];
      const length = topic.text?.length ?? topic.minLength;
      if (length <= 256) return [];
      const atLeast = topic.text === undefined ? 'at least ' : '';
      return [{ value: shown(topic), problem: `is ${atLeast}${length} characters long, over 256; CloudTrail rejects it with InvalidSnsTopicNameException` }];
    },
  },
  {
    id: 'SNS_TOPIC_FORMAT',
    constraint: 'The SNS topic is a topic name (1 to 256 ASCII letters, digits, \'_\' and \'-\'; no FIFO topics) '
      + 'or a topic ARN (arn:<partition>:sns:<region>:<account>:<name>).',
    source: SNS_SOURCE,
    cfnProperty: 'SnsTopicName',
    prop: 'snsTopicName',
    fix: 'pass the topic name or ARN of a standard topic (topic.topicArn)',
    severity: 'error',
    check(props, context) {
      const topic = stringProp(props, 'SnsTopicName', context);
      if (topic === undefined) return [];
      const text = topic.text;
      if (text !== undefined) {
        const invalid = text.startsWith('arn:') ? arnDefinitelyInvalid(topic, SNS_ARN) : !TOPIC_NAME.test(text);
        return invalid ? [{ value: text, problem: 'is neither a topic name nor a topic ARN; CloudTrail rejects it with InvalidSnsTopicNameException' }] : [];
      }
      if (topic.head.startsWith('arn:')) {
        return arnDefinitelyInvalid(topic, SNS_ARN)
          ? [{ value: shown(topic), problem: 'is not a topic ARN; CloudTrail rejects it with InvalidSnsTopicNameException' }] : [];
      }
      const bad = topic.cannotStartWith('arn:') ? topic.badCharacters(/^[A-Za-z0-9_-]$/) : [];
      return bad.length === 0 ? [] : [{ value: shown(topic), problem: `contains ${quoteChars(bad)}, not allowed in a topic name` }];
    },
  },
  {
    id: 'CLOUDWATCH_LOGS_PAIRING',
    constraint: 'CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn are given together or not at all.',
    source: `${CWL_SOURCE}, InvalidCloudWatchLogsRoleArnException / InvalidCloudWatchLogsLogGroupArnException`,
    cfnProperty: 'CloudWatchLogsRoleArn',
    prop: 'cloudWatchLogsRoleArn',
    fix: 'give both the log group ARN and the ARN of a role CloudTrail can assume to write to it, or neither',
    severity: 'error',
    checksAbsence: true,
    check(props) {
      const group = presence(field(props, 'CloudWatchLogsLogGroupArn'));
      const role = presence(field(props, 'CloudWatchLogsRoleArn'));
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
  {
    id: 'CLOUDWATCH_LOGS_GROUP_ARN',
    constraint: 'The log group is given as its ARN: arn:<partition>:logs:<region>:<account>:log-group:<name>[:*], '
      + 'the name 1 to 512 of a-z, A-Z, 0-9, \'_\', \'-\', \'/\', \'.\' and \'#\'.',
    source: `${CWL_SOURCE}, InvalidCloudWatchLogsLogGroupArnException`,
    cfnProperty: 'CloudWatchLogsLogGroupArn',
    prop: 'cloudWatchLogsLogGroupArn',
    fix: 'pass the log group\'s ARN (logGroup.logGroupArn), not its name',
    severity: 'error',
    check(props, context) {
      const group = stringProp(props, 'CloudWatchLogsLogGroupArn', context);
      if (group === undefined || !notAnArnOf(group, LOG_GROUP_ARN)) return [];
      return [{ value: shown(group), problem: 'is not a log group ARN; CloudTrail rejects it with InvalidCloudWatchLogsLogGroupArnException' }];
    },
  },
  {
    id: 'CLOUDWATCH_LOGS_GROUP_REGION',
    constraint: 'The log group is in the trail\'s Region (its home Region).',
    source: 'CloudTrail User Guide send-cloudtrail-events-to-cloudwatch-logs / cloudwatch-log-group-log-stream-naming-for-cloudtrail',
    cfnProperty: 'CloudWatchLogsLogGroupArn',
    prop: 'cloudWatchLogsLogGroupArn',
    fix: 'use a log group in the trail\'s Region',
    severity: 'error',
    check(props, context) {
      const group = stringProp(props, 'CloudWatchLogsLogGroupArn', context);
      const groupRegion = arnRegion(group);
      const region = contextString(context, 'region');
      if (group === undefined || groupRegion === undefined || region === undefined || region === '' || region === groupRegion) return [];
      return [{
        value: shown(group),
        problem: `is in Region ${groupRegion} but the trail is in ${region}; CloudTrail rejects it with InvalidCloudWatchLogsLogGroupArnException`,
      }];
    },
  },
  {
    id: 'CLOUDWATCH_LOGS_ROLE_ARN',
    constraint: 'The CloudWatch Logs role is given as its ARN: arn:<partition>:iam::<account>:role/<path/name>.',
    source: `${CWL_SOURCE}, InvalidCloudWatchLogsRoleArnException`,
    cfnProperty: 'CloudWatchLogsRoleArn',
    prop: 'cloudWatchLogsRoleArn',
    fix: 'pass the role\'s ARN (role.roleArn), not its name',
    severity: 'error',
    check(props, context) {
      const role = stringProp(props, 'CloudWatchLogsRoleArn', context);
      if (role === undefined || !notAnArnOf(role, ROLE_ARN)) return [];
      return [{ value: shown(role), problem: 'is not an IAM role ARN; CloudTrail rejects it with InvalidCloudWatchLogsRoleArnException' }];
    },
  },
];
