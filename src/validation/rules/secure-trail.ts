import { TrailRuleSeverity } from '../rule-info';
import { isUnknown } from '../values';
import { PropValues } from './identifiers';
import { Rule, RuleFinding } from './rule';

/*
 * Constraints on SecureTrail's props themselves: props that configure something this construct does not make (and
 * so would be silently ignored), and tag text that a service the tags reach refuses. Each reads the props by name.
 */

const SOURCE = 'SecureTrail props (this library): props that apply only to resources it makes';
const set = (props: PropValues, name: string) => props[name] !== undefined && props[name] !== null;
/** A value worth quoting in a message: a literal; a construct or other object is named by its prop alone. */
const shown = (value: unknown) =>
  ['string', 'number', 'boolean'].includes(typeof value) && !isUnknown(value) ? value : undefined;

/** A rule that some props are set only when another prop is, or is not, set. */
function conflictRule(
  rule: Omit<Rule<PropValues>, 'check' | 'cfnProperty' | 'severity' | 'source'> & { source?: string },
  names: readonly string[],
  applies: (props: PropValues) => boolean,
  problem: (name: string) => string,
): Rule<PropValues> {
  return {
    source: SOURCE,
    ...rule,
    cfnProperty: '-',
    severity: TrailRuleSeverity.ERROR,
    check: (props) =>
      applies(props)
        ? names
            .filter((name) => set(props, name))
            .map((name): RuleFinding => ({
              at: name,
              value: shown(props[name]),
              problem: problem(name),
            }))
        : [],
  };
}

export const BUCKET_PROPS_WITH_OWN_BUCKET = conflictRule(
  {
    id: 'BUCKET_PROPS_WITH_OWN_BUCKET',
    resourceType: 'AWS::S3::Bucket',
    constraint:
      'Props that configure the log bucket SecureTrail makes are not given with a bucket of your own, which they would not configure.',
    prop: 'bucket',
    fix: "configure your bucket itself (TrailBucket takes the same settings), or remove 'bucket'",
  },
  ['accessLogsBucket', 'accessLogsExpiration', 'objectLockRetention', 'logFileTransitions', 'logFileExpiration'],
  (props) => set(props, 'bucket'),
  () => "configures the log bucket this construct makes, but 'bucket' is given, so it would be ignored",
);

export const LOGS_PROPS_WITHOUT_LOGS = conflictRule(
  {
    id: 'LOGS_PROPS_WITHOUT_CLOUDWATCH_LOGS',
    resourceType: 'AWS::Logs::LogGroup',
    constraint: 'CloudWatch Logs props are given only when the trail sends to CloudWatch Logs.',
    prop: 'sendToCloudWatchLogs',
    fix: "remove the CloudWatch Logs props, or set 'sendToCloudWatchLogs' to true",
  },
  ['cloudWatchLogGroup', 'cloudWatchLogsRole', 'cloudWatchLogsRetention', 'cloudWatchLogsEncryptionKey'],
  (props) => props.sendToCloudWatchLogs === false,
  () => "is set but 'sendToCloudWatchLogs' is false, so it would be ignored",
);

export const LOG_GROUP_PROPS_WITH_OWN_LOG_GROUP = conflictRule(
  {
    id: 'LOG_GROUP_PROPS_WITH_OWN_LOG_GROUP',
    resourceType: 'AWS::Logs::LogGroup',
    constraint: 'Props that configure the log group SecureTrail makes are not given with a log group of your own.',
    prop: 'cloudWatchLogGroup',
    fix: "configure your log group itself, or remove 'cloudWatchLogGroup'",
  },
  ['cloudWatchLogsRetention', 'cloudWatchLogsEncryptionKey'],
  (props) => set(props, 'cloudWatchLogGroup'),
  () => "applies to a log group this construct makes, but 'cloudWatchLogGroup' is given, so it would be ignored",
);

export const TOPIC_WITHOUT_NOTIFICATIONS = conflictRule(
  {
    id: 'TOPIC_WITHOUT_NOTIFICATIONS',
    resourceType: 'AWS::SNS::Topic',
    constraint: 'An SNS topic is given only when the trail sends notifications.',
    prop: 'sendSnsNotifications',
    fix: "remove 'snsTopic', or set 'sendSnsNotifications' to true",
  },
  ['snsTopic'],
  (props) => props.sendSnsNotifications === false,
  () => "is given but 'sendSnsNotifications' is false, so no notification would be sent",
);

export const MANAGEMENT_ACCOUNT_WITHOUT_ORGANIZATION = conflictRule(
  {
    id: 'MANAGEMENT_ACCOUNT_WITHOUT_ORGANIZATION',
    constraint: 'managementAccountId applies only to an organization trail (one with organizationId).',
    source:
      'CloudTrail User Guide creating-trail-organization (an organization trail belongs to the management account)',
    prop: 'managementAccountId',
    fix: "set 'organizationId' for an organization trail, or remove 'managementAccountId'",
  },
  ['managementAccountId'],
  (props) => !set(props, 'organizationId'),
  () => "only applies to an organization trail, and 'organizationId' is not set",
);

/** The characters every service the trail's tags reach accepts in a tag (IAM and S3 are the strictest). */
export const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TAG_CHARACTERS = 'letters, digits, spaces and _ . : / = + - @';

export const TAG_CHARACTERS_OF_EVERY_RESOURCE: Rule<PropValues> = {
  id: 'TAG_CHARACTERS_OF_EVERY_RESOURCE',
  resourceType: 'AWS::IAM::Role',
  constraint: `A SecureTrail's tags go to every resource it makes, so they use only what IAM and S3 accept in a tag: ${TAG_CHARACTERS}.`,
  source: 'IAM API Tag (Key and Value pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*) / S3 User Guide tagging restrictions',
  cfnProperty: '-',
  prop: 'tags',
  fix: `use only ${TAG_CHARACTERS}`,
  severity: TrailRuleSeverity.ERROR,
  check: ({ tags }) => {
    if (tags === undefined || tags === null || typeof tags !== 'object' || isUnknown(tags)) return [];
    return Object.entries(tags as Record<string, unknown>).flatMap(([key, value]) =>
      [
        ['key', key, `tags.${key}`],
        ['value', value, `tags.${key}`],
      ]
        .filter(([, text]) => typeof text === 'string' && !isUnknown(text) && !TAG_TEXT.test(text))
        .map(([what, text, at]) => ({
          at: String(at),
          value: text,
          problem: `(a tag ${what}) has a character IAM and S3 refuse in a tag, and the trail's tags go to its role and buckets too`,
        })),
    );
  },
};

/** Whether a delegated administrator's organization trail got data event aggregation after construction. */
export interface LateAggregation {
  readonly aggregationAfterConstruction: boolean;
}

export const AGGREGATION_GIVEN_AT_CONSTRUCTION: Rule<LateAggregation> = {
  id: 'AGGREGATION_GIVEN_AT_CONSTRUCTION',
  constraint:
    'An organization trail made from a delegated administrator sets data event aggregation with PutEventConfiguration, a call it ' +
    'makes only when the aggregation is given at construction.',
  source:
    'CloudTrail API PutEventConfiguration (AggregationConfigurations) / this library: trails managed by ARN (aws-cdk #26840)',
  cfnProperty: 'AggregationConfigurations',
  prop: 'dataEventAggregation',
  fix: "pass 'dataEventAggregation' in the props instead of calling aggregateDataEvents()",
  severity: TrailRuleSeverity.ERROR,
  check: ({ aggregationAfterConstruction }) =>
    aggregationAfterConstruction
      ? [
          {
            problem:
              'was added by aggregateDataEvents() after construction, and this trail (made from a delegated administrator) would not set it',
          },
        ]
      : [],
};

export const SECURE_TRAIL_RULES: readonly Rule<PropValues>[] = [
  BUCKET_PROPS_WITH_OWN_BUCKET,
  LOGS_PROPS_WITHOUT_LOGS,
  LOG_GROUP_PROPS_WITH_OWN_LOG_GROUP,
  TOPIC_WITHOUT_NOTIFICATIONS,
  MANAGEMENT_ACCOUNT_WITHOUT_ORGANIZATION,
  TAG_CHARACTERS_OF_EVERY_RESOURCE,
];
