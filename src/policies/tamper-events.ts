/*
 * The calls that switch off or weaken a trail or where its logs go: one list, read by the tamper alert's event pattern
 * (and by whatever else must agree with it: guardrails that deny these calls, queries that look for them). Event names
 * are as CloudTrail records them; they are not always the IAM action's name, so each entry carries both.
 */

/** What a tamper call acts on. */
export type TamperTarget = 'trail' | 'bucket' | 'key' | 'logGroup';

/** One call that weakens a trail, its storage or its key. */
export interface TamperEvent {
  /** The service's event source, e.g. `cloudtrail.amazonaws.com`. */
  readonly eventSource: string;
  /** The event name CloudTrail records, e.g. `StopLogging`. */
  readonly eventName: string;
  /** The IAM action that allows the call, e.g. `cloudtrail:StopLogging`. */
  readonly action: string;
  /** What the call acts on. */
  readonly target: TamperTarget;
  /**
   * The request parameter CloudTrail records the target in (`requestParameters.<name>`), and which identifiers of the
   * target it may hold: `name` (the trail name, bucket name, key id or log group name) and `arn`.
   */
  readonly parameter: string;
  readonly identifiers: ReadonlyArray<'name' | 'arn'>;
}

function trail(eventName: string, parameter: string, identifiers: ReadonlyArray<'name' | 'arn'> = ['name', 'arn']): TamperEvent {
  return { eventSource: 'cloudtrail.amazonaws.com', eventName, action: `cloudtrail:${eventName}`, target: 'trail', parameter, identifiers };
}

/** Every tamper call, in the order the alert's pattern lists them. */
export const TAMPER_EVENTS: readonly TamperEvent[] = [
  trail('StopLogging', 'name'),
  trail('DeleteTrail', 'name'),
  trail('UpdateTrail', 'name'),
  trail('PutEventSelectors', 'trailName'),
  trail('PutInsightSelectors', 'trailName'),
  // AddTags/RemoveTags take the trail's ARN only.
  trail('RemoveTags', 'resourceId', ['arn']),
  { eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', action: 's3:PutBucketPolicy', target: 'bucket', parameter: 'bucketName', identifiers: ['name'] },
  { eventSource: 's3.amazonaws.com', eventName: 'DeleteBucketPolicy', action: 's3:DeleteBucketPolicy', target: 'bucket', parameter: 'bucketName', identifiers: ['name'] },
  // requestParameters.keyId holds whichever of the key id and ARN the caller passed.
  { eventSource: 'kms.amazonaws.com', eventName: 'DisableKey', action: 'kms:DisableKey', target: 'key', parameter: 'keyId', identifiers: ['name', 'arn'] },
  { eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', action: 'kms:ScheduleKeyDeletion', target: 'key', parameter: 'keyId', identifiers: ['name', 'arn'] },
];
