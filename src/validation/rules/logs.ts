import { asLiteral, field } from '../values';
import { literals, PropValues } from './identifiers';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';
import { literalNumber, propRule, removalPolicyRule, sameEnvRule, templateRule } from './s3';

/*
 * Amazon CloudWatch Logs constraints on the log group CloudTrail delivers to and on the metric filters of the CIS
 * monitoring. Prop rules read an input keyed by prop name; template rules read the final AWS::Logs::* properties.
 */

/** The retentions CloudWatch Logs offers (PutRetentionPolicy retentionInDays). */
export const LOG_RETENTIONS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
/** aws-cdk-lib's logs.RetentionDays.INFINITE: no RetentionInDays in the template. */
const INFINITE = 9999;

export const LOGS_RETENTION_DAYS = propRule({
  id: 'LOGS_RETENTION_DAYS',
  resourceType: 'AWS::Logs::LogGroup',
  prop: 'retention',
  constraint: `A log group retention is one of ${LOG_RETENTIONS.join(', ')} days (or none, to keep events forever).`,
  source:
    'CloudWatch Logs API Reference, PutRetentionPolicy retentionInDays / CloudFormation AWS::Logs::LogGroup RetentionInDays (enum)',
  fix: `use a logs.RetentionDays value (days: ${LOG_RETENTIONS.join(', ')}), or INFINITE`,
  check: (values) => {
    const days = literalNumber(values.retention);
    return days === undefined || days === INFINITE || LOG_RETENTIONS.includes(days)
      ? []
      : [
          {
            at: 'retention',
            value: days,
            problem: 'is not a retention CloudWatch Logs offers; CloudFormation rejects it',
          },
        ];
  },
});

export const LOGS_LOG_GROUP_REMOVAL_POLICY = removalPolicyRule('LOGS_LOG_GROUP_REMOVAL_POLICY', 'AWS::Logs::LogGroup');

export const LOGS_KMS_KEY_REGION = sameEnvRule({
  id: 'LOGS_KMS_KEY_REGION',
  resourceType: 'AWS::Logs::LogGroup',
  prop: 'encryptionKey',
  constraint: 'A log group is encrypted with a KMS key of its own Region.',
  source:
    'CloudWatch Logs User Guide, encrypt-log-data-kms ("The KMS key must be in the same Region as the log group") / AssociateKmsKey',
  fix: "use a key in the log group's Region (a multi-Region replica key works)",
  what: 'region',
  expected: 'stack',
  why: 'CloudWatch Logs encrypts a log group only with a key of its own Region',
});

export const LOGS_LOG_GROUP_ACCOUNT = sameEnvRule({
  id: 'LOGS_LOG_GROUP_ACCOUNT',
  resourceType: 'AWS::Logs::LogGroup',
  prop: 'logGroup',
  constraint: "CloudTrail delivers to a log group of the trail's account.",
  source:
    "CloudTrail User Guide, send-cloudtrail-events-to-cloudwatch-logs (the log group is in the trail's account) / CreateTrail " +
    'InvalidCloudWatchLogsLogGroupArnException',
  fix: "use a log group of the trail's account",
  what: 'account',
  expected: 'trail',
  why: "CloudTrail delivers only to a log group of the trail's account",
});

export const LOGS_METRIC_NAMESPACE = propRule({
  id: 'LOGS_METRIC_NAMESPACE',
  resourceType: 'AWS::Logs::MetricFilter',
  prop: 'metricNamespace',
  constraint:
    "A metric namespace is 1 to 255 characters without ':', '*' or '$', not only spaces, and not under the reserved AWS/.",
  source:
    'CloudWatch Logs API Reference, MetricTransformation metricNamespace (1-255, [^:*$]*) / CloudWatch User Guide cloudwatch_concepts Namespaces',
  fix: "use letters, digits and . - _ / # (e.g. 'CISBenchmark'), 1 to 255 characters, not starting with 'AWS/'",
  check: (values) =>
    literals({ metricNamespace: values.metricNamespace }).flatMap(({ at, value }): RuleFinding[] => {
      if (value.trim().length === 0 || value.length > 255) {
        return [
          {
            at,
            value,
            problem: `is ${value.length} characters long, outside 1 to 255 (or only spaces); CloudWatch Logs rejects it`,
          },
        ];
      }
      const bad = [...new Set(value.match(/[:*$]|[^\x20-\x7e]/g) ?? [])];
      if (bad.length > 0) {
        return [{ at, value, problem: `holds ${bad.map((c) => `'${c}'`).join(', ')}, which metric filters reject` }];
      }
      return /^aws\//i.test(value) ? [{ at, value, problem: 'is under AWS/, which is reserved for AWS services' }] : [];
    }),
});

export const LOGS_METRIC_FILTERS_PER_LOG_GROUP = propRule({
  id: 'LOGS_METRIC_FILTERS_PER_LOG_GROUP',
  resourceType: 'AWS::Logs::MetricFilter',
  prop: 'logGroup',
  constraint: 'A log group has at most 100 metric filters.',
  source:
    'CloudWatch Logs User Guide, cloudwatch_limits_cwl (metric filters: 100 per log group; cannot be raised) / PutMetricFilter LimitExceededException',
  fix: 'monitor each control once per log group (one CisAlarms), or pick fewer controls',
  check: (values) => {
    const count = literalNumber(values.filterCount);
    return count === undefined || count <= 100
      ? []
      : [
          {
            at: 'logGroup',
            value: asLiteral(values.logGroup) ?? 'log group',
            problem: `would hold ${count} metric filters, over the 100 CloudWatch Logs allows per log group`,
          },
        ];
  },
});

export const LOGS_LOG_GROUP_NAME = propRule({
  id: 'LOGS_LOG_GROUP_NAME',
  resourceType: 'AWS::Logs::LogGroup',
  prop: 'logGroupName',
  constraint: "A log group name is 1 to 512 characters from a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'.",
  source:
    'CloudWatch Logs API Reference, CreateLogGroup logGroupName (1-512, [\\.\\-_/#A-Za-z0-9]+) / CloudFormation AWS::Logs::LogGroup LogGroupName',
  fix: "use at most 512 letters, digits, '_', '-', '/', '.' and '#'",
  check: (values) =>
    literals({ logGroupName: values.logGroupName })
      .filter(({ value }) => !/^[.\-_/#A-Za-z0-9]{1,512}$/.test(value))
      .map(({ at, value }) => ({ at, value, problem: 'is not a log group name; CloudWatch Logs rejects it' })),
});

export const LOGS_METRIC_FILTER_PATTERN_LENGTH = templateRule({
  id: 'LOGS_METRIC_FILTER_PATTERN_LENGTH',
  resourceType: 'AWS::Logs::MetricFilter',
  cfnProperty: 'FilterPattern',
  prop: 'filterPattern',
  constraint: 'A metric filter pattern is at most 1,024 characters.',
  source:
    'CloudWatch Logs API Reference, PutMetricFilter filterPattern (0-1024) / CloudFormation AWS::Logs::MetricFilter FilterPattern maxLength 1024',
  fix: 'split the pattern over several metric filters',
  check: (props) => {
    const pattern = asLiteral(props.FilterPattern);
    return pattern === undefined || pattern.length <= 1024
      ? []
      : [{ value: pattern, problem: `is ${pattern.length} characters, over the 1,024 CloudWatch Logs takes` }];
  },
});

export const LOGS_LOG_GROUP_TEMPLATE = templateRule({
  id: 'LOGS_LOG_GROUP_TEMPLATE',
  resourceType: 'AWS::Logs::LogGroup',
  cfnProperty: 'RetentionInDays',
  prop: 'retention',
  constraint:
    "In the final template, a log group's RetentionInDays is one CloudWatch Logs offers and its LogGroupName is 1 to 512 allowed characters.",
  source:
    'CloudFormation AWS::Logs::LogGroup RetentionInDays (enum) and LogGroupName (pattern ^[.\\-_/#A-Za-z0-9]{1,512})',
  fix: `use a retention of ${LOG_RETENTIONS.join(', ')} days and a name of allowed characters`,
  check: (props) => {
    const findings: RuleFinding[] = [];
    const days = literalNumber(props.RetentionInDays);
    if (days !== undefined && !LOG_RETENTIONS.includes(days)) {
      findings.push({ value: days, problem: 'is not a retention CloudWatch Logs offers' });
    }
    const name = asLiteral(field(props, 'LogGroupName'));
    if (name !== undefined && !/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name)) {
      findings.push({ at: 'LogGroupName', value: name, problem: 'is not a log group name' });
    }
    return findings;
  },
});

export const LOGS_TEMPLATE_RULES: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  'AWS::Logs::LogGroup': [LOGS_LOG_GROUP_TEMPLATE],
  'AWS::Logs::MetricFilter': [LOGS_METRIC_FILTER_PATTERN_LENGTH],
};

/**
 * CloudWatchLogsDelivery props the rules read: `{ removalPolicy, retention, encryptionKey, stack, logGroup, trail }`.
 */
export const LOGS_DELIVERY_RULES: readonly Rule<PropValues>[] = [
  LOGS_LOG_GROUP_REMOVAL_POLICY,
  LOGS_RETENTION_DAYS,
  LOGS_KMS_KEY_REGION,
  LOGS_LOG_GROUP_ACCOUNT,
];

export const LOGS_RULES: readonly Rule<any>[] = [
  ...LOGS_DELIVERY_RULES,
  LOGS_METRIC_NAMESPACE,
  LOGS_METRIC_FILTERS_PER_LOG_GROUP,
  LOGS_LOG_GROUP_NAME,
  LOGS_METRIC_FILTER_PATTERN_LENGTH,
  LOGS_LOG_GROUP_TEMPLATE,
];

export const LOGS_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'LOGS_KMS_KEY_POLICY',
    resourceType: 'AWS::Logs::LogGroup',
    constraint:
      'The key of an encrypted log group lets logs.<region>.amazonaws.com use it, with the log group ARN as encryption context.',
    source: 'CloudWatch Logs User Guide, encrypt-log-data-kms (key policy for CloudWatch Logs)',
    unchecked:
      "a TrailKey gets the statement from the construct; an imported key's policy is not known at synth, so the construct looks it up or warns " +
      'with the statement to add (logGroupKeyPolicy)',
  },
  {
    id: 'LOGS_LOG_GROUP_EXISTS',
    resourceType: 'AWS::Logs::LogGroup',
    constraint: "A given log group exists in the trail's Region before the trail delivers to it.",
    source: 'CloudTrail API CreateTrail, InvalidCloudWatchLogsLogGroupArnException',
    unchecked:
      "existence is the account's state; a log group this app defines is created before the trail (the trail depends on it)",
  },
  {
    id: 'LOGS_METRIC_FILTERS_OUTSIDE_APP',
    resourceType: 'AWS::Logs::MetricFilter',
    constraint: 'The 100 metric filters of a log group include those other apps or the console added.',
    source: 'CloudWatch Logs User Guide, cloudwatch_limits_cwl (metric filters per log group)',
    unchecked:
      "filters defined outside this app are not known at synth; LOGS_METRIC_FILTERS_PER_LOG_GROUP counts the app's own, and CloudFormation " +
      'reports LimitExceededException for the rest',
  },
];
