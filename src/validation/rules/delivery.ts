import { arnDefinitelyInvalid, arnRegion, ArnSpec } from '../arn';
import { TrailRuleSeverity } from '../rule-info';
import { arnRule, lengthRule, regionRule, stringRule } from './factories';
import { quoteChars, TrailRule } from './rule';
import { isPresent } from '../values';

const SNS_SOURCE =
  'CloudTrail API CreateTrail SnsTopicName (name or ARN, maximum 256), InvalidSnsTopicNameException ' +
  '/ User Guide configure-sns-notifications-for-cloudtrail';
const CWL_SOURCE =
  'CloudTrail API CreateTrail CloudWatchLogsLogGroupArn / CloudWatchLogsRoleArn / User Guide send-cloudtrail-events-to-cloudwatch-logs';

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

const SNS = {
  source: SNS_SOURCE,
  cfnProperty: 'SnsTopicName',
  prop: 'snsTopicName',
  severity: TrailRuleSeverity.ERROR,
} as const;
const GROUP = {
  cfnProperty: 'CloudWatchLogsLogGroupArn',
  prop: 'cloudWatchLogsLogGroupArn',
  severity: TrailRuleSeverity.ERROR,
} as const;
const ROLE = {
  cfnProperty: 'CloudWatchLogsRoleArn',
  prop: 'cloudWatchLogsRoleArn',
  severity: TrailRuleSeverity.ERROR,
} as const;

export const DELIVERY_RULES: TrailRule[] = [
  lengthRule(
    {
      ...SNS,
      id: 'SNS_TOPIC_LENGTH',
      constraint: 'The SNS topic (name or ARN) is at most 256 characters long.',
      fix: 'use a shorter topic name',
      max: 256,
      rejected: 'CloudTrail rejects it with InvalidSnsTopicNameException',
    },
    (view) => [{ value: view.snsTopic }],
  ),
  stringRule(
    {
      ...SNS,
      id: 'SNS_TOPIC_FORMAT',
      constraint:
        "The SNS topic is a topic name (1 to 256 ASCII letters, digits, '_' and '-'; no FIFO topics) " +
        'or a topic ARN (arn:<partition>:sns:<region>:<account>:<name>).',
      fix: 'pass the topic name or ARN of a standard topic (topic.topicArn)',
    },
    (view) => view.snsTopic,
    (topic) => {
      const known = topic.text !== undefined;
      if (known || topic.head.startsWith('arn:')) {
        const invalid = topic.head.startsWith('arn:')
          ? arnDefinitelyInvalid(topic, SNS_ARN)
          : !TOPIC_NAME.test(topic.text!);
        const what = known ? 'is neither a topic name nor a topic ARN' : 'is not a topic ARN';
        return invalid ? `${what}; CloudTrail rejects it with InvalidSnsTopicNameException` : undefined;
      }
      const bad = topic.cannotStartWith('arn:') ? topic.badCharacters(SNS_ARN.resourceChars) : [];
      return bad.length === 0 ? undefined : `contains ${quoteChars(bad)}, not allowed in a topic name`;
    },
  ),
  {
    id: 'CLOUDWATCH_LOGS_PAIRING',
    constraint: 'CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn are given together or not at all.',
    source: `${CWL_SOURCE}, InvalidCloudWatchLogsRoleArnException / InvalidCloudWatchLogsLogGroupArnException`,
    ...ROLE,
    fix: 'give both the log group ARN and the ARN of a role CloudTrail can assume to write to it, or neither',
    check({ props }) {
      // Each way round: one given (and not decided by Fn::If) while the other is absent.
      const pairs = [
        [
          'CloudWatchLogsLogGroupArn',
          'CloudWatchLogsRoleArn',
          'InvalidCloudWatchLogsRoleArnException "You must specify a role ARN as well as a log group"',
        ],
        ['CloudWatchLogsRoleArn', 'CloudWatchLogsLogGroupArn', 'InvalidCloudWatchLogsLogGroupArnException'],
      ];
      return pairs
        .filter(([given, absent]) => isPresent(props[given]) && (props[absent] === undefined || props[absent] === null))
        .map(([given, absent, error]) => ({
          at: absent,
          problem: `is missing while ${given} is set; CloudTrail rejects this with ${error}`,
        }));
    },
  },
  arnRule(
    {
      id: 'CLOUDWATCH_LOGS_GROUP_ARN',
      constraint:
        'The log group is given as its ARN: arn:<partition>:logs:<region>:<account>:log-group:<name>[:*], ' +
        "the name 1 to 512 of a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'.",
      source: `${CWL_SOURCE}, InvalidCloudWatchLogsLogGroupArnException`,
      ...GROUP,
      fix: "pass the log group's ARN (logGroup.logGroupArn), not its name",
      spec: LOG_GROUP_ARN,
      problem: 'is not a log group ARN; CloudTrail rejects it with InvalidCloudWatchLogsLogGroupArnException',
    },
    (view) => view.logGroupArn,
  ),
  regionRule(
    {
      ...GROUP,
      id: 'CLOUDWATCH_LOGS_GROUP_REGION',
      constraint: "The log group is in the trail's Region (its home Region).",
      source:
        'CloudTrail User Guide send-cloudtrail-events-to-cloudwatch-logs / cloudwatch-log-group-log-stream-naming-for-cloudtrail',
      fix: "use a log group in the trail's Region",
      other: 'the trail',
      rejected: 'CloudTrail rejects it with InvalidCloudWatchLogsLogGroupArnException',
    },
    (view) => ({ value: view.logGroupArn, region: arnRegion(view.logGroupArn), expected: view.env.region }),
  ),
  arnRule(
    {
      id: 'CLOUDWATCH_LOGS_ROLE_ARN',
      constraint: 'The CloudWatch Logs role is given as its ARN: arn:<partition>:iam::<account>:role/<path/name>.',
      source: `${CWL_SOURCE}, InvalidCloudWatchLogsRoleArnException`,
      ...ROLE,
      fix: "pass the role's ARN (role.roleArn), not its name",
      spec: ROLE_ARN,
      problem: 'is not an IAM role ARN; CloudTrail rejects it with InvalidCloudWatchLogsRoleArnException',
    },
    (view) => view.roleArn,
  ),
];
