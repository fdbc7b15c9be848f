import { Duration, IResource, Token } from 'aws-cdk-lib';
import { Rule, RuleFinding, UncheckedConstraint } from './rule';
import { propRule } from './s3';

/*
 * Constraints on the delivery-health monitor and the integrity verifier: the Lambda event source, EventBridge
 * schedules, the Regions and accounts their calls reach, and the windows their alarms need to be meaningful.
 */

/** Whole minutes of a duration known at synth; undefined for unset, null or a token (never wrong). */
function minutesOf(duration: Duration | null | undefined): number | undefined {
  if (duration === undefined || duration === null || !(duration instanceof Duration) || duration.isUnresolved()) return undefined;
  return duration.toMinutes({ integral: false });
}

/** A finding when a duration is not whole minutes in [min, max]. */
function minutesFinding(duration: Duration | null | undefined, min: number, max: number, why: string): RuleFinding[] {
  const minutes = minutesOf(duration);
  if (minutes === undefined) return [];
  if (Number.isInteger(minutes) && minutes >= min && minutes <= max) return [];
  return [{ value: duration!.toHumanString(), problem: `is not a whole number of minutes from ${min} to ${max} (${why})` }];
}

export const MONITOR_SCHEDULE: Rule<{ schedule?: Duration | null }> = propRule({
  id: 'MONITOR_SCHEDULE',
  resourceType: 'AWS::Events::Rule',
  prop: 'schedule',
  constraint: 'An EventBridge rate is a whole number of minutes, one at least; the monitor\'s alarms look at three runs, so a run '
    + 'comes at least hourly.',
  source: 'EventBridge User Guide, eb-scheduled-rule-pattern (rate(value unit), value a positive integer, minute the smallest unit) / '
    + 'CloudWatch PutMetricAlarm (Period x EvaluationPeriods at most one day)',
  fix: 'give whole minutes from 1 to 60, e.g. Duration.minutes(5)',
  check: ({ schedule }) => minutesFinding(schedule, 1, 60, 'EventBridge schedules whole minutes; the alarms need a run at least hourly'),
});

export const MONITOR_REGIONS: Rule<{ regions?: string[] | null }> = propRule({
  id: 'MONITOR_REGIONS',
  resourceType: 'AWS::CloudWatch::Alarm',
  prop: 'regions',
  constraint: 'GetTrailStatus is called in each listed Region: Region codes, each once, one to ten (an alarm\'s metric math takes at '
    + 'most ten metrics).',
  source: 'CloudTrail API GetTrailStatus ("returns trail status from a single Region") / CloudWatch PutMetricAlarm Metrics (at most 10 '
    + 'metrics in an expression alarm)',
  fix: 'list one to ten Region codes such as \'us-east-1\', each once, or leave regions out for the trail\'s home Region',
  check: ({ regions }) => {
    if (regions === undefined || regions === null || Token.isUnresolved(regions)) return [];
    const findings: RuleFinding[] = [];
    if (regions.length === 0 || regions.length > 10) findings.push({ value: `${regions.length} Regions`, problem: 'is not one to ten Regions' });
    regions.forEach((region, i) => {
      if (Token.isUnresolved(region)) return;
      if (!REGION.test(region)) findings.push({ at: `regions[${i}]`, value: region, problem: 'is not a Region code' });
      else if (regions.indexOf(region) !== i) findings.push({ at: `regions[${i}]`, value: region, problem: 'is listed twice' });
    });
    return findings;
  },
});

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const MONITOR_DELIVERY_OVERDUE: Rule<{ logDeliveryOverdue?: Duration | null; digestDeliveryOverdue?: Duration | null }> = propRule({
  id: 'MONITOR_DELIVERY_OVERDUE',
  resourceType: 'AWS::CloudWatch::Alarm',
  prop: 'logDeliveryOverdue',
  constraint: 'CloudTrail delivers log files about every 5 minutes when there are events and digest files every hour: a log delivery '
    + 'is overdue after 15 minutes at the earliest, a digest after 90 (whole minutes, at most a day).',
  source: 'CloudTrail User Guide, how-cloudtrail-works (log files about every 5 minutes) / cloudtrail-log-file-validation-intro '
    + '(digest files every hour)',
  fix: 'give whole minutes: logDeliveryOverdue from 15, digestDeliveryOverdue from 90, both up to Duration.days(1)',
  check: ({ logDeliveryOverdue, digestDeliveryOverdue }) => [
    ...minutesFinding(logDeliveryOverdue, 15, 1440, 'log files come about every 5 minutes').map((f) => ({ ...f, at: 'logDeliveryOverdue' })),
    ...minutesFinding(digestDeliveryOverdue, 90, 1440, 'digests come hourly').map((f) => ({ ...f, at: 'digestDeliveryOverdue' })),
  ],
});

export const VERIFIER_OVERDUE: Rule<{ overdueAfter?: Duration | null }> = propRule({
  id: 'VERIFIER_OVERDUE',
  resourceType: 'AWS::Lambda::Function',
  prop: 'overdueAfter',
  constraint: 'CloudTrail writes one digest file per hour for each Region of a logging trail: a chain is overdue after 90 minutes at '
    + 'the earliest (whole minutes, at most a week).',
  source: 'CloudTrail User Guide, cloudtrail-log-file-validation-intro ("CloudTrail creates a digest file every hour")',
  fix: 'give whole minutes from 90, e.g. Duration.minutes(150)',
  check: ({ overdueAfter }) => minutesFinding(overdueAfter, 90, 10080, 'digests come hourly'),
});

export const VERIFIER_MAX_CONCURRENCY: Rule<{ maxConcurrency?: number | null }> = propRule({
  id: 'VERIFIER_MAX_CONCURRENCY',
  resourceType: 'AWS::Lambda::EventSourceMapping',
  prop: 'maxConcurrency',
  constraint: 'The maximum concurrency of an SQS event source is a whole number from 2 to 1,000.',
  source: 'Lambda API ScalingConfig MaximumConcurrency (minimum 2, maximum 1000) / CloudFormation AWS::Lambda::EventSourceMapping ScalingConfig',
  fix: 'give a whole number from 2 to 1000',
  check: ({ maxConcurrency }) => (maxConcurrency === undefined || maxConcurrency === null || Token.isUnresolved(maxConcurrency)
    || (Number.isInteger(maxConcurrency) && maxConcurrency >= 2 && maxConcurrency <= 1000)
    ? [] : [{ value: maxConcurrency, problem: 'is not a whole number from 2 to 1,000' }]),
});

export const VERIFIER_BUCKET: Rule<{ bucket?: IResource; account: string; region: string }> = propRule({
  id: 'VERIFIER_BUCKET',
  resourceType: 'AWS::Events::Rule',
  prop: 'trail',
  constraint: 'S3 sends a bucket\'s events to EventBridge in the bucket owner\'s account and the bucket\'s Region only; the verifier '
    + 'reads the trail\'s bucket, so it must be known.',
  source: 'S3 User Guide, EventBridge (events go to the default event bus of the bucket owner\'s account, in the bucket\'s Region)',
  fix: 'give the trail with its bucket (SecureTrail.fromTrailAttributes with bucket), and create the verifier in a stack of the '
    + 'bucket\'s account and Region',
  check: (values) => {
    const bucket = values.bucket;
    if (bucket === undefined) return [{ problem: 'has no bucket known to this app, so there is nothing to verify' }];
    return (['account', 'region'] as const).flatMap((part): RuleFinding[] => {
      const theirs = bucket.env[part];
      const ours = values[part];
      if (Token.isUnresolved(theirs) || Token.isUnresolved(ours) || theirs === ours) return [];
      return [{
        at: 'trail.bucket',
        value: theirs,
        problem: `is the bucket's ${part}, but the verifier's stack is in ${ours}: S3 events `
        + `reach only the bucket's own ${part}`,
      }];
    });
  },
});

export const MONITOR_RULES: readonly Rule<any>[] = [
  MONITOR_SCHEDULE, MONITOR_REGIONS, MONITOR_DELIVERY_OVERDUE, VERIFIER_OVERDUE, VERIFIER_MAX_CONCURRENCY, VERIFIER_BUCKET,
];

export const MONITOR_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'MONITOR_TRAIL_STATUS_ACCOUNT',
    resourceType: 'AWS::Lambda::Function',
    constraint: 'GetTrailStatus answers in the trail\'s own account, or in the delegated administrator\'s for an organization trail.',
    source: 'CloudTrail User Guide, cloudtrail-delegated-administrator (delegated administrators manage organization trails) / '
      + 'CloudTrail API GetTrailStatus',
    unchecked: 'whether an account is the delegated administrator is the organization\'s data; the monitor warns '
      + '(deliveryMonitorOtherAccount) when the trail\'s account is not the stack\'s, and its alarm on failed runs reports AccessDenied',
  },
  {
    id: 'VERIFIER_BUCKET_EVENTS',
    resourceType: 'AWS::S3::Bucket',
    constraint: 'A bucket sends object events to EventBridge only once its notification configuration turns EventBridge on.',
    source: 'S3 User Guide, enable-event-notifications-eventbridge / S3 API PutBucketNotificationConfiguration EventBridgeConfiguration',
    unchecked: 'an imported bucket\'s configuration is not known at synth: the verifier warns (verifierBucketEvents) with the command '
      + 'that turns it on; a TrailBucket has it on',
  },
];
