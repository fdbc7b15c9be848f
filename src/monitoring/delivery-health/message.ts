import { lookupError } from './catalog';
import { Change } from './changes';
import { Channel } from './types';

/** An SNS message: Subject at most 100 printable ASCII characters (SNS's limit), and a plain-text body. */
export interface Notification {
  readonly subject: string;
  readonly body: string;
}

const CHANNEL_NAME: Readonly<Record<Channel, string>> = {
  S3: 'S3 log file delivery (LatestDeliveryError)',
  Digest: 'S3 digest file delivery (LatestDigestDeliveryError)',
  CloudWatchLogs: 'CloudWatch Logs delivery (LatestCloudWatchLogsDeliveryError)',
  Sns: 'SNS notification (LatestNotificationError)',
};

const SUBJECT_MAX = 100;

/** Printable ASCII only, one line, at most 100 characters: what SNS accepts as a Subject. */
export function asciiSubject(text: string): string {
  const ascii = text
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.length <= SUBJECT_MAX ? ascii : `${ascii.slice(0, SUBJECT_MAX - 3)}...`;
}

function shortSummary(change: Change): string {
  switch (change.kind) {
    case 'error-appeared':
      return `${change.channel} delivery error ${change.error} in ${change.region}`;
    case 'error-changed':
      return `${change.channel} delivery error now ${change.error} in ${change.region}`;
    case 'error-cleared':
      return `${change.channel} delivery recovered in ${change.region}`;
    case 'logging-stopped':
      return `logging stopped in ${change.region}`;
    case 'logging-started':
      return `logging started again in ${change.region}`;
    case 'trail-not-found':
      return `trail not found in ${change.region}`;
    case 'trail-found':
      return `trail found again in ${change.region}`;
  }
}

function errorLines(channel: Channel, error: string): string[] {
  const entry = lookupError(channel, error);
  return [
    `   Error (as AWS returned it): ${error}`,
    `   Likely cause: ${entry.cause}`,
    `   Fix: ${entry.fix}`,
    `   Source: ${entry.source}`,
  ];
}

/** The body lines of one change. */
export function changeLines(change: Change, trailArn: string): string[] {
  const where = `Region ${change.region}`;
  switch (change.kind) {
    case 'error-appeared':
      return [
        `NEW ERROR - ${where}, channel ${CHANNEL_NAME[change.channel]}`,
        ...errorLines(change.channel, change.error),
      ];
    case 'error-changed':
      return [
        `ERROR CHANGED - ${where}, channel ${CHANNEL_NAME[change.channel]} (was: ${change.from})`,
        ...errorLines(change.channel, change.error),
      ];
    case 'error-cleared':
      return [
        `RECOVERED - ${where}, channel ${CHANNEL_NAME[change.channel]}`,
        `   The error ${change.from} is no longer present.`,
      ];
    case 'logging-stopped':
      return [
        `LOGGING STOPPED - ${where}: IsLogging is false, so the trail records and delivers nothing there.`,
        '   Likely cause: someone called StopLogging (look for it in CloudTrail event history).',
        `   Fix: aws cloudtrail start-logging --name ${trailArn} (in the trail's home Region), or redeploy the stack.`,
      ];
    case 'logging-started':
      return [`LOGGING STARTED - ${where}: IsLogging is true again.`];
    case 'trail-not-found':
      return [
        `TRAIL NOT FOUND - ${where}: GetTrailStatus returned TrailNotFoundException.`,
        '   Likely cause: the trail was deleted, or it is not a multi-Region trail and does not exist in this Region.',
        "   Fix: redeploy the stack that defines the trail, or remove this Region from the monitor's REGIONS.",
      ];
    case 'trail-found':
      return [`TRAIL FOUND AGAIN - ${where}: GetTrailStatus answers for the trail again.`];
  }
}

/** ONE message for all the changes of a run. */
export function buildNotification(
  trailName: string,
  trailArn: string,
  changes: readonly Change[],
  now: Date,
): Notification {
  const summary = changes.length === 1 ? shortSummary(changes[0]) : `${changes.length} delivery health changes`;
  const body = [
    `CloudTrail delivery health changed for trail ${trailName} (${trailArn}), checked at ${now.toISOString()}.`,
    '',
    ...changes.flatMap((change, i) => [
      `${i + 1}. ${changeLines(change, trailArn)[0]}`,
      ...changeLines(change, trailArn).slice(1),
      '',
    ]),
    "Each Region is checked with GetTrailStatus by the trail's ARN. See docs/delivery-health.md in cdk-cloudtrail-kit.",
  ].join('\n');
  return { subject: asciiSubject(`CloudTrail ${trailName}: ${summary}`), body };
}
