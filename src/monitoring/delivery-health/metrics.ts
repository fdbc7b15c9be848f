import { channelReport, minutesSince } from './presence';
import { Channel, CHANNELS, TrailStatus } from './types';

/** The metric name of each channel's error flag. */
export const ERROR_METRIC: Readonly<Record<Channel, string>> = {
  S3: 'S3DeliveryError',
  Digest: 'DigestDeliveryError',
  CloudWatchLogs: 'CloudWatchLogsDeliveryError',
  Sns: 'SnsDeliveryError',
};

/** What one Region's metrics are made of. */
export interface RegionMetricsInput {
  readonly namespace: string;
  readonly trailName: string;
  readonly region: string;
  readonly status: TrailStatus;
  readonly errors: Partial<Record<Channel, string>>;
  readonly now: Date;
}

/** Metric name → value for one Region; the MinutesSince… ones only when the trail ever delivered that kind of file. */
export function metricValues(input: RegionMetricsInput): Record<string, number> {
  const values: Record<string, number> = {};
  for (const channel of CHANNELS) values[ERROR_METRIC[channel]] = input.errors[channel] !== undefined ? 1 : 0;
  values.IsLogging = input.status.IsLogging === true ? 1 : 0;
  const log = channelReport(input.status, 'S3').lastDelivery;
  if (log !== undefined) values.MinutesSinceLogDelivery = minutesSince(log, input.now);
  const digest = channelReport(input.status, 'Digest').lastDelivery;
  if (digest !== undefined) values.MinutesSinceDigestDelivery = minutesSince(digest, input.now);
  return values;
}

/**
 * One line of CloudWatch Embedded Metric Format: printed to stdout, CloudWatch Logs turns it into metrics, so the
 * function needs no cloudwatch:PutMetricData permission. Dimensions Trail and Region; no unit fits minutes (CloudWatch
 * has none), so every metric is 'None'.
 */
export function emfLine(input: RegionMetricsInput): string {
  const values = metricValues(input);
  return JSON.stringify({
    _aws: {
      Timestamp: input.now.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: input.namespace,
          Dimensions: [['Trail', 'Region']],
          Metrics: Object.keys(values).map((name) => ({ Name: name, Unit: 'None' })),
        },
      ],
    },
    Trail: input.trailName,
    Region: input.region,
    ...values,
  });
}
