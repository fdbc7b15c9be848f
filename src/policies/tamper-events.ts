/*
 * The calls that switch off or weaken a trail or where its logs go: one list, read by the tamper alert's event pattern
 * and by the guardrail service control policy that denies these calls (and by whatever else must agree with them:
 * queries that look for them). Event names are as CloudTrail records them; they are not always the IAM action's name
 * (S3's PutBucketLifecycleConfiguration is recorded as PutBucketLifecycle and allowed by s3:PutLifecycleConfiguration),
 * so each entry carries both.
 */

/** What a tamper call acts on. */
export type TamperTarget = 'trail' | 'bucket' | 'key' | 'keyAlias' | 'logGroup';

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
   * target it may hold: `name` (the trail name, bucket name, key id, alias name `alias/...` or log group name) and
   * `arn`.
   */
  readonly parameter: string;
  readonly identifiers: ReadonlyArray<'name' | 'arn'>;
}

type Identifiers = ReadonlyArray<'name' | 'arn'>;

function trail(eventName: string, parameter: string, identifiers: Identifiers = ['name', 'arn']): TamperEvent {
  return {
    eventSource: 'cloudtrail.amazonaws.com',
    eventName,
    action: `cloudtrail:${eventName}`,
    target: 'trail',
    parameter,
    identifiers,
  };
}

function bucket(eventName: string, action: string): TamperEvent {
  return {
    eventSource: 's3.amazonaws.com',
    eventName,
    action: `s3:${action}`,
    target: 'bucket',
    parameter: 'bucketName',
    identifiers: ['name'],
  };
}

// requestParameters.keyId holds whichever of the key id and ARN the caller passed.
function key(eventName: string): TamperEvent {
  return {
    eventSource: 'kms.amazonaws.com',
    eventName,
    action: `kms:${eventName}`,
    target: 'key',
    parameter: 'keyId',
    identifiers: ['name', 'arn'],
  };
}

// A key known by its alias stays protected only while the alias points at it.
function keyAlias(eventName: string): TamperEvent {
  return {
    eventSource: 'kms.amazonaws.com',
    eventName,
    action: `kms:${eventName}`,
    target: 'keyAlias',
    parameter: 'aliasName',
    identifiers: ['name'],
  };
}

function logGroup(eventName: string): TamperEvent {
  return {
    eventSource: 'logs.amazonaws.com',
    eventName,
    action: `logs:${eventName}`,
    target: 'logGroup',
    parameter: 'logGroupName',
    identifiers: ['name'],
  };
}

/** Every tamper call, in the order the alert's pattern and the guardrail policy list them. */
export const TAMPER_EVENTS: readonly TamperEvent[] = [
  trail('StopLogging', 'name'),
  trail('DeleteTrail', 'name'),
  trail('UpdateTrail', 'name'),
  trail('PutEventSelectors', 'trailName'),
  trail('PutInsightSelectors', 'trailName'),
  // Data event aggregation of a trail.
  trail('PutEventConfiguration', 'trailName'),
  // AddTags/RemoveTags take the trail's ARN only.
  trail('RemoveTags', 'resourceId', ['arn']),
  bucket('PutBucketPolicy', 'PutBucketPolicy'),
  bucket('DeleteBucketPolicy', 'DeleteBucketPolicy'),
  // Both lifecycle calls are allowed by one action; a new rule can expire every log file.
  bucket('PutBucketLifecycle', 'PutLifecycleConfiguration'),
  bucket('DeleteBucketLifecycle', 'PutLifecycleConfiguration'),
  bucket('PutBucketVersioning', 'PutBucketVersioning'),
  bucket('PutObjectLockConfiguration', 'PutBucketObjectLockConfiguration'),
  // Control Tower's mandatory controls also protect the log archive's encryption, access logging and existence.
  bucket('PutBucketEncryption', 'PutEncryptionConfiguration'),
  bucket('DeleteBucketEncryption', 'PutEncryptionConfiguration'),
  bucket('PutBucketLogging', 'PutBucketLogging'),
  bucket('DeleteBucket', 'DeleteBucket'),
  key('PutKeyPolicy'),
  key('DisableKey'),
  key('ScheduleKeyDeletion'),
  keyAlias('DeleteAlias'),
  keyAlias('UpdateAlias'),
  logGroup('DeleteLogGroup'),
  logGroup('DeleteLogStream'),
  // Retention changes either way: a shorter one drops events, removing it changes what was decided.
  logGroup('PutRetentionPolicy'),
  logGroup('DeleteRetentionPolicy'),
  logGroup('DisassociateKmsKey'),
];

/** The IAM actions of the tamper calls on one kind of target, each once, in list order. */
export function tamperActions(target: TamperTarget): string[] {
  return [...new Set(TAMPER_EVENTS.filter((event) => event.target === target).map((event) => event.action))];
}
