import { Duration, IResource, Token } from 'aws-cdk-lib';
import { TrailRuleSeverity } from '../rule-info';
import { Rule, RuleFinding, UncheckedConstraint } from './rule';
import { propRule } from './s3';

/*
 * Constraints on the delivery-health monitor and the integrity verifier: the Lambda event source, EventBridge
 * schedules, the Regions and accounts their calls reach, and the windows their alarms need to be meaningful.
 */

/** Whole minutes of a duration known at synth; undefined for unset, null or a token (never wrong). */
function minutesOf(duration: Duration | null | undefined): number | undefined {
  if (duration === undefined || duration === null || !(duration instanceof Duration) || duration.isUnresolved()) {
    return undefined;
  }
  return duration.toMinutes({ integral: false });
}

/** A finding when a duration is not whole minutes in [min, max]. */
function minutesFinding(duration: Duration | null | undefined, min: number, max: number, why: string): RuleFinding[] {
  const minutes = minutesOf(duration);
  if (minutes === undefined) return [];
  if (!Number.isInteger(minutes)) {
    return [{ value: duration!.toHumanString(), problem: `is not a whole number of minutes (${why})` }];
  }
  if (minutes < min || minutes > max) {
    return [{ value: duration!.toHumanString(), problem: `is ${minutes} minutes, outside ${min} to ${max} (${why})` }];
  }
  return [];
}

/** The partition of a Region code (AWS General Reference, partitions). */
export function regionPartition(region: string): string {
  const prefixes: Array<[string, string]> = [
    ['cn-', 'aws-cn'],
    ['us-gov-', 'aws-us-gov'],
    ['us-isob-', 'aws-iso-b'],
    ['us-isof-', 'aws-iso-f'],
    ['eu-isoe-', 'aws-iso-e'],
    ['us-iso-', 'aws-iso'],
  ];
  return prefixes.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

export const MONITOR_SCHEDULE: Rule<{ schedule?: Duration | null }> = propRule({
  id: 'MONITOR_SCHEDULE',
  resourceType: 'AWS::Events::Rule',
  prop: 'schedule',
  constraint:
    "An EventBridge rate is a whole number of minutes, one at least; the monitor's alarms look at three runs, within the " +
    'seven days an alarm may evaluate, so a run comes at least daily.',
  source:
    'EventBridge User Guide, eb-scheduled-rule-pattern (rate(value unit), value a positive integer, minute the smallest unit) / ' +
    'CloudWatch PutMetricAlarm (Period x EvaluationPeriods at most one day, or seven days for periods of an hour or more)',
  fix: 'give whole minutes from 1 to 1440, e.g. Duration.minutes(5)',
  check: ({ schedule }) =>
    minutesFinding(schedule, 1, 1440, 'EventBridge schedules whole minutes; the alarms need a run at least daily'),
});

export interface MonitorRegionsInput {
  readonly regions?: string[] | null;
  /** The trail's partition and home Region, when known. */
  readonly partition?: string;
  readonly homeRegion?: string;
  /** false for a single-Region trail of this app. */
  readonly multiRegion?: boolean;
}

export const MONITOR_REGIONS: Rule<MonitorRegionsInput> = propRule({
  id: 'MONITOR_REGIONS',
  resourceType: 'AWS::CloudWatch::Alarm',
  prop: 'regions',
  constraint:
    "GetTrailStatus is called in each listed Region: Region codes, each once, one to ten (an alarm's metric math takes at " +
    "most ten metrics), of the trail's partition, and only its home Region for a single-Region trail (no shadow trail elsewhere).",
  source:
    'CloudTrail API GetTrailStatus ("returns trail status from a single Region"; shadow trails) / CloudWatch PutMetricAlarm Metrics ' +
    '(at most 10 metrics in an expression alarm) / AWS General Reference, partitions (credentials of one partition cannot call another)',
  fix: "list one to ten Region codes of the trail's partition such as 'us-east-1', each once, or leave regions out for the trail's home Region",
  check: ({ regions, partition, homeRegion, multiRegion }) => {
    if (regions === undefined || regions === null || Token.isUnresolved(regions)) return [];
    const findings: RuleFinding[] = [];
    if (regions.length === 0 || regions.length > 10) {
      findings.push({ value: `${regions.length} Regions`, problem: 'is not one to ten Regions' });
    }
    regions.forEach((region, i) => {
      if (Token.isUnresolved(region)) return;
      const at = `regions[${i}]`;
      if (!REGION.test(region)) {
        findings.push({ at, value: region, problem: 'is not a Region code' });
      } else if (regions.indexOf(region) !== i) {
        findings.push({ at, value: region, problem: 'is listed twice' });
      } else if (partition !== undefined && regionPartition(region) !== partition) {
        findings.push({
          at,
          value: region,
          problem: `is in partition ${regionPartition(region)}, but the trail is in ${partition}: no call reaches it`,
        });
      } else if (multiRegion === false && homeRegion !== undefined && region !== homeRegion) {
        findings.push({
          at,
          value: region,
          problem: `is not the home Region (${homeRegion}) of a single-Region trail, which has no shadow trail there`,
        });
      }
    });
    return findings;
  },
});

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const MONITOR_DELIVERY_OVERDUE: Rule<{
  logDeliveryOverdue?: Duration | null;
  digestDeliveryOverdue?: Duration | null;
}> = propRule({
  id: 'MONITOR_DELIVERY_OVERDUE',
  // Any threshold is an alarm CloudWatch takes: a shorter one only alarms on healthy trails.
  severity: TrailRuleSeverity.WARNING,
  resourceType: 'AWS::CloudWatch::Alarm',
  prop: 'logDeliveryOverdue',
  constraint:
    'CloudTrail delivers log files about every 5 minutes when there are events and digest files every hour: a shorter ' +
    'threshold than 15 minutes for logs or 90 for digests alarms on a healthy trail.',
  source:
    'CloudTrail User Guide, how-cloudtrail-works (log files about every 5 minutes) / cloudtrail-log-file-validation-intro ' +
    '(digest files every hour)',
  fix: 'give logDeliveryOverdue 15 minutes or more and digestDeliveryOverdue 90 or more, or acknowledge the warning',
  check: ({ logDeliveryOverdue, digestDeliveryOverdue }) => [
    ...shorterThan(logDeliveryOverdue, 15, 'log files come about every 5 minutes').map((f) => ({
      ...f,
      at: 'logDeliveryOverdue',
    })),
    ...shorterThan(digestDeliveryOverdue, 90, 'digests come hourly').map((f) => ({
      ...f,
      at: 'digestDeliveryOverdue',
    })),
  ],
});

/** A finding when a duration is shorter than `min` minutes. */
function shorterThan(duration: Duration | null | undefined, min: number, why: string): RuleFinding[] {
  const minutes = minutesOf(duration);
  return minutes === undefined || minutes >= min
    ? []
    : [
        {
          value: duration!.toHumanString(),
          problem: `is under ${min} minutes, so it alarms on a healthy trail (${why})`,
        },
      ];
}

export const VERIFIER_OVERDUE: Rule<{ overdueAfter?: Duration | null }> = propRule({
  id: 'VERIFIER_OVERDUE',
  resourceType: 'AWS::Lambda::Function',
  prop: 'overdueAfter',
  constraint:
    'CloudTrail writes one digest file per hour for each Region of a logging trail: the sweep takes a chain as overdue after ' +
    "a whole number of minutes over an hour (at most a week, the sweep's own bound).",
  source: 'CloudTrail User Guide, cloudtrail-log-file-validation-intro ("CloudTrail creates a digest file every hour")',
  fix: 'give whole minutes from 61 (90 or more leaves room for late deliveries), e.g. Duration.minutes(150)',
  check: ({ overdueAfter }) => minutesFinding(overdueAfter, 61, 10080, 'digests come hourly'),
});

export const VERIFIER_MAX_CONCURRENCY: Rule<{ maxConcurrency?: number | null }> = propRule({
  id: 'VERIFIER_MAX_CONCURRENCY',
  resourceType: 'AWS::Lambda::EventSourceMapping',
  prop: 'maxConcurrency',
  constraint: 'The maximum concurrency of an SQS event source is a whole number from 2 to 1,000.',
  source:
    'Lambda API ScalingConfig MaximumConcurrency (minimum 2, maximum 1000) / CloudFormation AWS::Lambda::EventSourceMapping ScalingConfig',
  fix: 'give a whole number from 2 to 1000',
  check: ({ maxConcurrency }) =>
    maxConcurrency === undefined ||
    maxConcurrency === null ||
    Token.isUnresolved(maxConcurrency) ||
    (Number.isInteger(maxConcurrency) && maxConcurrency >= 2 && maxConcurrency <= 1000)
      ? []
      : [{ value: maxConcurrency, problem: 'is not a whole number from 2 to 1,000' }],
});

export const VERIFIER_BUCKET: Rule<{ bucket?: IResource; account: string; region: string }> = propRule({
  id: 'VERIFIER_BUCKET',
  resourceType: 'AWS::Events::Rule',
  prop: 'trail',
  constraint:
    "S3 sends a bucket's events to EventBridge in the bucket owner's account and the bucket's Region only; the verifier " +
    "reads the trail's bucket, so it must be known.",
  source:
    "S3 User Guide, EventBridge (events go to the default event bus of the bucket owner's account, in the bucket's Region)",
  fix:
    'give the trail with its bucket (SecureTrail.fromTrailAttributes with bucket), and create the verifier in a stack of the ' +
    "bucket's account and Region",
  check: (values) => {
    const bucket = values.bucket;
    if (bucket === undefined) return [{ problem: 'has no bucket known to this app, so there is nothing to verify' }];
    return (['account', 'region'] as const).flatMap((part): RuleFinding[] => {
      const theirs = bucket.env[part];
      const ours = values[part];
      if (Token.isUnresolved(theirs) || Token.isUnresolved(ours) || theirs === ours) return [];
      return [
        {
          at: 'trail.bucket',
          value: theirs,
          problem:
            `is the bucket's ${part}, but the verifier's stack is in ${ours}: S3 events ` +
            `reach only the bucket's own ${part}`,
        },
      ];
    });
  },
});

export const MONITOR_PARTITION: Rule<{ trailArn: string; stackPartition: string }> = propRule({
  id: 'MONITOR_PARTITION',
  resourceType: 'AWS::Lambda::Function',
  prop: 'trail',
  constraint: "A function calls AWS in its own partition only: the trail is in the stack's partition.",
  source:
    'AWS General Reference, partitions / AWS Fault Isolation Boundaries, partitions ("you can\'t use IAM credentials from one ' +
    'partition to interact with resources in a different partition")',
  fix: "create the monitor in a stack of the trail's partition",
  check: ({ trailArn, stackPartition }) => {
    const theirs = Token.isUnresolved(trailArn) ? undefined : trailArn.split(':')[1];
    return theirs === undefined || Token.isUnresolved(stackPartition) || theirs === stackPartition
      ? []
      : [{ value: trailArn, problem: `is in partition ${theirs}, but the stack is in ${stackPartition}` }];
  },
});

export const VERIFIER_LOG_FILE_VALIDATION: Rule<{ logFileValidation?: boolean }> = propRule({
  id: 'VERIFIER_LOG_FILE_VALIDATION',
  resourceType: 'AWS::CloudTrail::Trail',
  prop: 'trail',
  constraint: 'A trail writes digest files only with log file validation on: without it there is nothing to verify.',
  source:
    'CloudTrail User Guide, cloudtrail-log-file-validation-intro ("When you enable log file integrity validation, CloudTrail creates ' +
    'a hash for every log file ... Every hour, CloudTrail also creates and delivers ... a digest file")',
  fix: 'turn log file validation on (SecureTrail does by default: leave enableLogFileValidation out)',
  check: ({ logFileValidation }) =>
    logFileValidation === false
      ? [{ value: false, problem: 'has log file validation off, so it writes no digest file to verify' }]
      : [],
});

export const MONITOR_RULES: readonly Rule<any>[] = [
  MONITOR_SCHEDULE,
  MONITOR_REGIONS,
  MONITOR_DELIVERY_OVERDUE,
  MONITOR_PARTITION,
  VERIFIER_OVERDUE,
  VERIFIER_MAX_CONCURRENCY,
  VERIFIER_BUCKET,
  VERIFIER_LOG_FILE_VALIDATION,
];

export const MONITOR_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'MONITOR_TRAIL_STATUS_ACCOUNT',
    resourceType: 'AWS::Lambda::Function',
    constraint:
      "GetTrailStatus answers in the trail's own account, or in the delegated administrator's for an organization trail.",
    source:
      'CloudTrail User Guide, cloudtrail-delegated-administrator (delegated administrators manage organization trails) / ' +
      'CloudTrail API GetTrailStatus',
    unchecked:
      "whether an account is the delegated administrator is the organization's data; the monitor warns " +
      "(deliveryMonitorOtherAccount) when the trail's account is not the stack's, and its alarm on failed runs reports AccessDenied",
  },
  {
    id: 'VERIFIER_BUCKET_EVENTS',
    resourceType: 'AWS::S3::Bucket',
    constraint:
      'A bucket sends object events to EventBridge only once its notification configuration turns EventBridge on.',
    source:
      'S3 User Guide, enable-event-notifications-eventbridge / S3 API PutBucketNotificationConfiguration EventBridgeConfiguration',
    unchecked:
      "an imported bucket's configuration is not known at synth: the verifier warns (verifierBucketEvents) with the command " +
      'that turns it on; a TrailBucket has it on',
  },
];
