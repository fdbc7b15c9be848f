/*
 * The shapes the delivery-health check works on, and the ports it is given. The check itself imports no AWS SDK: the
 * Lambda entry (../check-delivery.lambda.ts) adapts the SDK clients to these ports, and the tests hand in fakes.
 */

/** The four places a trail delivers to, each with its own error field in GetTrailStatus. */
export type Channel = 'S3' | 'Digest' | 'CloudWatchLogs' | 'Sns';

/** Every channel, in the order metrics and messages list them. */
export const CHANNELS: readonly Channel[] = ['S3', 'Digest', 'CloudWatchLogs', 'Sns'];

/**
 * The GetTrailStatus fields the check reads, named as the API (and SDK v3) names them, so the adapter passes the SDK's
 * output through unchanged. The fields the API reference marks "no longer in use" (LatestDeliveryAttemptTime,
 * LatestDeliveryAttemptSucceeded, LatestNotificationAttemptTime, LatestNotificationAttemptSucceeded,
 * TimeLoggingStarted,
 * TimeLoggingStopped) are left out on purpose: nothing is promised about them.
 */
export interface TrailStatus {
  readonly IsLogging?: boolean;
  readonly LatestDeliveryError?: string;
  readonly LatestDeliveryTime?: Date;
  readonly LatestDigestDeliveryError?: string;
  readonly LatestDigestDeliveryTime?: Date;
  readonly LatestCloudWatchLogsDeliveryError?: string;
  readonly LatestCloudWatchLogsDeliveryTime?: Date;
  readonly LatestNotificationError?: string;
  readonly LatestNotificationTime?: Date;
}

/** GetTrailStatus by the trail's ARN with a client in one Region; rejects with the SDK's error (its `name` is read). */
export interface TrailStatusPort {
  getTrailStatus(region: string, trailArn: string): Promise<TrailStatus>;
}

/** SNS Publish to one topic. */
export interface PublishPort {
  publish(topicArn: string, subject: string, message: string): Promise<void>;
}

/** The SSM parameter the function owns: undefined when it does not exist yet. */
export interface StatePort {
  read(name: string): Promise<string | undefined>;
  write(name: string, value: string): Promise<void>;
}

/** The check's settings, parsed from the environment (see config.ts). */
export interface CheckConfig {
  readonly trailArn: string;
  readonly trailName: string;
  readonly regions: readonly string[];
  readonly metricNamespace: string;
  readonly topicArn: string;
  readonly stateParameter: string;
}
