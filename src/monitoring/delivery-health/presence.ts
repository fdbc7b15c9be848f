import { Channel, CHANNELS, TrailStatus } from './types';

/**
 * How long after a channel's last successful delivery an error string in GetTrailStatus still counts as possibly
 * stale. No AWS document says whether the Latest*Error fields are cleared after a later successful delivery, and the
 * API gives no time for the error itself, so an error string is taken as current only when the channel has not
 * delivered within this window (or never has). Log files arrive about every 5 minutes while there is activity (the
 * check's own GetTrailStatus calls are activity) and digest files hourly, hence 30 and 120 minutes. The cost is a
 * detection delay of at most the window; the benefit is no alarm that never clears. See docs/delivery-health.md.
 */
export const FRESH_MINUTES: Readonly<Record<Channel, number>> = { S3: 30, Digest: 120, CloudWatchLogs: 30, Sns: 30 };

/** A channel's error string and last successful delivery time, as GetTrailStatus reports them. */
export interface ChannelReport {
  readonly error?: string;
  readonly lastDelivery?: Date;
}

/** The error and time fields of one channel. */
export function channelReport(status: TrailStatus, channel: Channel): ChannelReport {
  switch (channel) {
    case 'S3':
      return { error: status.LatestDeliveryError, lastDelivery: status.LatestDeliveryTime };
    case 'Digest':
      return { error: status.LatestDigestDeliveryError, lastDelivery: status.LatestDigestDeliveryTime };
    case 'CloudWatchLogs':
      return { error: status.LatestCloudWatchLogsDeliveryError, lastDelivery: status.LatestCloudWatchLogsDeliveryTime };
    case 'Sns':
      return { error: status.LatestNotificationError, lastDelivery: status.LatestNotificationTime };
  }
}

/** Whole minutes from `time` to `now`, never negative (the two clocks are not the same clock). */
export function minutesSince(time: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - time.getTime()) / 60_000));
}

/** The error string of a channel when it counts as present (see FRESH_MINUTES), else undefined. */
export function presentError(status: TrailStatus, channel: Channel, now: Date): string | undefined {
  const { error, lastDelivery } = channelReport(status, channel);
  // Empty strings are what some tools and emulators return for "no error".
  if (error === undefined || error.trim() === '') return undefined;
  if (lastDelivery !== undefined && minutesSince(lastDelivery, now) < FRESH_MINUTES[channel]) return undefined;
  return error;
}

/**
 * The errors present per channel. A trail that is not logging delivers nothing, so its error fields say nothing
 * current: the logging-off notification stands for them until logging is back on.
 */
export function presentErrors(status: TrailStatus, now: Date): Partial<Record<Channel, string>> {
  const errors: Partial<Record<Channel, string>> = {};
  if (status.IsLogging !== true) return errors;
  for (const channel of CHANNELS) {
    const error = presentError(status, channel, now);
    if (error !== undefined) errors[channel] = error;
  }
  return errors;
}
