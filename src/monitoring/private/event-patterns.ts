import { Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';

/** The `detail-type` EventBridge gives API calls recorded by CloudTrail. */
export const API_CALL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

const EVENT_SOURCE = /^([a-z0-9-]+)(\.[a-z0-9-]+)*\.amazonaws\.com$/;

/**
 * EventBridge's `source` for the CloudTrail events of one service: `aws.` and the first label of the event source
 * (`s3.amazonaws.com` → `aws.s3`), as the EventBridge event reference lists them.
 */
function sourceOf(eventSource: string): string {
  return `aws.${eventSource.split('.')[0]}`;
}

/**
 * The pattern of API calls recorded by CloudTrail, narrowed to some services (event sources such as
 * `s3.amazonaws.com`) and event names. Throws with `what` in the message when a filter is empty or a service is
 * not an event source.
 */
export function apiCallPattern(what: string, services?: string[], eventNames?: string[]): events.EventPattern {
  if (services !== undefined && services.length === 0) {
    throw new Error(`${what}: 'services' is empty, so the rule could match nothing. Leave it out to match every service.`);
  }
  if (eventNames !== undefined && eventNames.length === 0) {
    throw new Error(`${what}: 'eventNames' is empty, so the rule could match nothing. Leave it out to match every event.`);
  }
  for (const service of services ?? []) {
    if (!Token.isUnresolved(service) && !EVENT_SOURCE.test(service)) {
      throw new Error(`${what}: service '${service}' is not a CloudTrail event source. ` +
        'Give the service\'s endpoint name as CloudTrail records it in eventSource, e.g. \'s3.amazonaws.com\'.');
    }
  }
  // A service known only at deploy time has no known `source`; `detail.eventSource` alone still selects it exactly.
  const sources = services !== undefined && !services.some((s) => Token.isUnresolved(s))
    ? [...new Set(services.map(sourceOf))]
    : undefined;
  const detail: Record<string, string[]> = {};
  if (services !== undefined) detail.eventSource = services;
  if (eventNames !== undefined) detail.eventName = eventNames;
  return {
    ...(sources ? { source: sources } : {}),
    detailType: [API_CALL_DETAIL_TYPE],
    ...(Object.keys(detail).length > 0 ? { detail } : {}),
  };
}

/** What a tamper alert watches: the trail always, its bucket and key when known. */
export interface TamperTargets {
  readonly trailName: string;
  readonly trailArn: string;
  readonly bucketName?: string;
  /** The key's id and ARN: `requestParameters.keyId` holds whichever the caller passed. */
  readonly keyIds?: string[];
}

/**
 * The calls that switch off or weaken a trail, and only those: StopLogging, DeleteTrail, UpdateTrail,
 * PutEventSelectors, PutInsightSelectors and RemoveTags on this trail; PutBucketPolicy and DeleteBucketPolicy on its
 * bucket; DisableKey and ScheduleKeyDeletion on its key. Each branch pins the event source, since event names such
 * as RemoveTags also exist in other services, and the request parameter that names the resource, which differs per
 * call (CloudTrail records the API's own parameter names).
 */
export function tamperPattern(targets: TamperTargets): events.EventPattern {
  const trailIds = [targets.trailName, targets.trailArn];
  const branches: Array<Record<string, unknown>> = [
    {
      eventSource: ['cloudtrail.amazonaws.com'],
      eventName: ['StopLogging', 'DeleteTrail', 'UpdateTrail'],
      requestParameters: { name: trailIds },
    },
    {
      eventSource: ['cloudtrail.amazonaws.com'],
      eventName: ['PutEventSelectors', 'PutInsightSelectors'],
      requestParameters: { trailName: trailIds },
    },
    {
      // AddTags/RemoveTags take the trail's ARN only.
      eventSource: ['cloudtrail.amazonaws.com'],
      eventName: ['RemoveTags'],
      requestParameters: { resourceId: [targets.trailArn] },
    },
  ];
  const sources = ['aws.cloudtrail'];
  if (targets.bucketName !== undefined) {
    sources.push('aws.s3');
    branches.push({
      eventSource: ['s3.amazonaws.com'],
      eventName: ['PutBucketPolicy', 'DeleteBucketPolicy'],
      requestParameters: { bucketName: [targets.bucketName] },
    });
  }
  if (targets.keyIds !== undefined && targets.keyIds.length > 0) {
    sources.push('aws.kms');
    branches.push({
      eventSource: ['kms.amazonaws.com'],
      eventName: ['DisableKey', 'ScheduleKeyDeletion'],
      requestParameters: { keyId: targets.keyIds },
    });
  }
  return {
    source: sources,
    detailType: [API_CALL_DETAIL_TYPE],
    detail: { $or: branches },
  };
}
