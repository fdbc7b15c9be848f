import { IResource } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';

/*
 * Types only: every folder may import this file, and it imports nothing else of this library, so no folder that
 * needs a trail (storage, encryption, delivery, monitoring) depends on the folder that makes one.
 */

/**
 * A CloudTrail trail, made by this library or imported.
 *
 * `env.account` is the account that owns the trail (the management account for an organization trail).
 */
export interface ITrail extends IResource {
  /**
   * The ARN of the trail, e.g. `arn:aws:cloudtrail:us-east-1:111122223333:trail/my-trail`.
   *
   * @attribute
   */
  readonly trailArn: string;

  /**
   * The name of the trail.
   *
   * @attribute
   */
  readonly trailName: string;

  /**
   * The bucket the trail delivers log files to, when this app knows it. `grantReadLogs` and the bucket part of
   * `TrailTamperAlert` need it.
   */
  readonly bucket?: s3.IBucket;

  /**
   * The S3 key prefix the trail writes under (`<prefix>/AWSLogs/<account>/...`), if any.
   */
  readonly s3KeyPrefix?: string;

  /**
   * The KMS key that encrypts the log files, when this app knows it. `grantReadLogs` grants decryption with it; the
   * key part of `TrailTamperAlert` watches it.
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The CloudWatch Logs log group the trail delivers to, when this app knows it. `CisAlarms` puts its metric filters
   * on it.
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * Whether the trail logs every account of its organization (an organization trail), when this app knows it.
   * Undefined when not known, e.g. a trail imported by ARN or name.
   */
  readonly isOrganizationTrail?: boolean;

  /**
   * The organization id of an organization trail, when this app knows it; undefined for an account trail.
   *
   * The trail also writes its member accounts' log files under `[prefix/]AWSLogs/<organization id>/`;
   * `TrailLogTable`, `TrailGuardrails` and `TrailBucket.allowTrail` read it from the trail.
   */
  readonly organizationId?: string;

  /**
   * Whether the trail logs every Region (a multi-Region trail), when this app knows it.
   *
   * `TrailDeliveryMonitor` checks its `regions` against it: a single-Region trail delivers for its home Region only.
   */
  readonly isMultiRegionTrail?: boolean;

  /**
   * Whether log file validation is on (the trail delivers digest files), when this app knows it.
   *
   * `TrailIntegrityVerifier` needs it on: without digest files there is nothing to verify.
   */
  readonly logFileValidationEnabled?: boolean;

  /**
   * Lets the grantee read this trail's settings, status, event and Insights selectors and tags
   * (`GetTrail`, `GetTrailStatus`, `GetEventSelectors`, `GetInsightSelectors`, `ListTags` on this trail), and
   * `DescribeTrails`, which IAM only grants on `*`.
   */
  grantReadConfiguration(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee look up the account's management events of the last 90 days (`LookupEvents`, which IAM only
   * grants on `*`: it reads event history, not this trail).
   */
  grantLookupEvents(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee start and stop logging of this trail (`StartLogging`, `StopLogging`).
   */
  grantStartStopLogging(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee add, remove and list the tags of this trail (`AddTags`, `RemoveTags`, `ListTags`).
   */
  grantManageTags(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee list the public keys that validate digest files (`ListPublicKeys`, which IAM only grants on
   * `*`), as `aws cloudtrail validate-logs` needs.
   */
  grantListPublicKeys(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee read this trail's log and digest files: `s3:GetObject` under `[prefix/]AWSLogs/<trail account>/`
   * (and, with `organizationId`, `[prefix/]AWSLogs/<organization id>/`), `s3:ListBucket` of those paths only, and
   * `kms:Decrypt` with the trail key only for data encrypted by a CloudTrail trail of the trail's account.
   *
   * Throws when the bucket is not known (a trail imported by ARN or name): import it with
   * `SecureTrail.fromTrailAttributes` and its `bucket` (and `encryptionKey`).
   */
  grantReadLogs(grantee: iam.IGrantable): iam.Grant;

  /**
   * An EventBridge rule, in this trail's stack, for API calls recorded by CloudTrail (`AWS API Call via CloudTrail`)
   * in that stack's Region. It is not limited to calls about this trail.
   */
  onCloudTrailEvent(id: string, options?: OnCloudTrailEventOptions): events.Rule;
}

/**
 * A trail that exists outside this app, with what is known of where its log files go.
 */
export interface TrailAttributes {
  /**
   * The ARN of the trail: `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`. The account and Region of
   * the trail are read from it.
   */
  readonly trailArn: string;

  /**
   * The bucket the trail delivers log files to. `grantReadLogs` and the bucket part of `TrailTamperAlert` need it.
   *
   * @default - not known
   */
  readonly bucket?: s3.IBucket;

  /**
   * The S3 key prefix the trail writes under (`<prefix>/AWSLogs/<account>/...`).
   *
   * @default - no prefix
   */
  readonly s3KeyPrefix?: string;

  /**
   * The KMS key that encrypts the log files. `grantReadLogs` grants decryption with it; the key part of
   * `TrailTamperAlert` watches it.
   *
   * @default - not known, or the log files are not encrypted with KMS
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The CloudWatch Logs log group the trail delivers to. `CisAlarms` puts its metric filters on it.
   *
   * @default - not known, or the trail does not deliver to CloudWatch Logs
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * Whether the trail is an organization trail.
   *
   * @default - true when `organizationId` is given, otherwise not known
   */
  readonly isOrganizationTrail?: boolean;

  /**
   * The organization id (`o-...`) of an organization trail.
   *
   * `grantReadLogs` then also grants its member accounts' log files, and `TrailLogTable`, `TrailGuardrails` and
   * `TrailBucket.allowTrail` read it from the trail.
   *
   * @default - not known, or an account trail
   */
  readonly organizationId?: string;

  /**
   * Whether the trail logs every Region. `TrailDeliveryMonitor` checks its `regions` against it.
   *
   * @default - not known
   */
  readonly isMultiRegionTrail?: boolean;

  /**
   * Whether log file validation is on. `TrailIntegrityVerifier` needs it on.
   *
   * @default - not known
   */
  readonly logFileValidationEnabled?: boolean;
}

/**
 * Options of `ITrail.onCloudTrailEvent`: which API calls the rule matches and where they go.
 */
export interface OnCloudTrailEventOptions {
  /**
   * Match calls to these services only, given as CloudTrail event sources (`s3.amazonaws.com`, `iam.amazonaws.com`).
   * The rule then matches `source` (`aws.s3`) and `detail.eventSource`.
   *
   * @default - calls to every service
   */
  readonly services?: string[];

  /**
   * Match these API calls only, by name as CloudTrail records it (`PutBucketPolicy`, `StopLogging`).
   *
   * @default - every API call
   */
  readonly eventNames?: string[];

  /**
   * Further conditions, merged into the pattern (lists are joined, objects merged).
   *
   * @default - no further conditions
   */
  readonly eventPattern?: events.EventPattern;

  /**
   * Where matching events go.
   *
   * @default - no target; add one with `rule.addTarget()`
   */
  readonly target?: events.IRuleTarget;

  /**
   * A physical name for the rule.
   *
   * @default - CloudFormation generates one
   */
  readonly ruleName?: string;

  /**
   * A description of the rule.
   *
   * @default - no description
   */
  readonly description?: string;
}
