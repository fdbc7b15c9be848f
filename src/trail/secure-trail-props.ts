import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AggregationTemplate } from '../selectors/categories';
import { ManagementEventOptions, TrailInsight } from '../selectors/options';
import { TrailObjectLock } from '../storage/trail-object-lock';

/**
 * Properties of a `SecureTrail`.
 */
export interface SecureTrailProps {
  /**
   * The name of the trail.
   *
   * @default - a name derived from the construct path: stable across deploys and valid for CloudTrail
   */
  readonly trailName?: string;

  /**
   * The S3 key prefix log files are written under (`<prefix>/AWSLogs/<account>/...`).
   *
   * @default - no prefix
   */
  readonly s3KeyPrefix?: string;

  /**
   * Log events of every Region, not only the trail's own.
   *
   * @default true
   */
  readonly isMultiRegionTrail?: boolean;

  /**
   * Log events of global services such as IAM. A multi-Region trail must include them.
   *
   * @default true
   */
  readonly includeGlobalServiceEvents?: boolean;

  /**
   * Deliver digest files so you can prove log files were not changed or deleted.
   *
   * @default true
   */
  readonly enableLogFileValidation?: boolean;

  /**
   * Start logging as soon as the trail is created.
   *
   * @default true
   */
  readonly isLogging?: boolean;

  /**
   * Make an organization trail for this AWS Organizations organization (`o-` followed by 10 to 32
   * lowercase letters or digits). Create it in the management account. The bucket policy then also
   * allows `[prefix/]AWSLogs/<organization id>/*`, and the CloudWatch Logs role the member accounts'
   * `<organization id>_*` streams.
   *
   * @default - a trail of this account only
   */
  readonly organizationId?: string;

  /**
   * The organization's management account. If it differs from this stack's account, the stack is deployed
   * from a CloudTrail delegated administrator account: the trail then belongs to the management account (its
   * ARN and every policy name that account), and, since CloudFormation's own handler cannot manage such a
   * trail (aws-cdk #26840), it is created, updated, started and deleted by ARN through a Lambda-backed custom
   * resource, with the same settings, selectors and checks.
   *
   * @default - the stack's account is taken to be the management account
   */
  readonly managementAccountId?: string;

  /**
   * The bucket log files are delivered to. This library adds the statements CloudTrail needs to its
   * policy; if the bucket is imported, a warning lists them for you to add.
   *
   * @default - a new `TrailBucket`, hardened and kept when the stack is deleted
   */
  readonly bucket?: s3.IBucket;

  /**
   * The KMS key that encrypts log files (and, when made here, the log bucket, log group and topic).
   * If the key is imported, a warning lists the key policy statements to add.
   *
   * @default - a new `TrailKey` with rotation on, kept when the stack is deleted
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where the created log bucket's S3 server access logs go. Only for a bucket made here.
   *
   * @default - a new `TrailAccessLogsBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * Delete the created log bucket's S3 server access logs this long after they are written. Only for an
   * access-log bucket made here.
   *
   * @default - access logs are kept
   */
  readonly accessLogsExpiration?: Duration;

  /**
   * The Object Lock default retention of the created log bucket. Only for a bucket made here.
   *
   * @default TrailObjectLock.governance(Duration.days(365))
   */
  readonly objectLockRetention?: TrailObjectLock;

  /**
   * Transitions of log files to colder storage in the created log bucket. Only for a bucket made here.
   *
   * @default - to S3 Glacier Flexible Retrieval after 90 days
   */
  readonly logFileTransitions?: s3.Transition[];

  /**
   * Delete log files this long after delivery, in the created log bucket. Only for a bucket made here.
   *
   * @default - log files are kept
   */
  readonly logFileExpiration?: Duration;

  /**
   * Send a notification to an SNS topic for every log file delivered.
   *
   * @default - false, or true when `snsTopic` is given
   */
  readonly sendSnsNotifications?: boolean;

  /**
   * The SNS topic for log-delivery notifications. Its policy gets a statement allowing only this trail
   * to publish; if the topic is imported, a warning lists the statements to add.
   *
   * @default - when notifications are on, a new KMS-encrypted, TLS-only `TrailTopic`
   */
  readonly snsTopic?: sns.ITopic;

  /**
   * Deliver events to CloudWatch Logs as well as S3.
   *
   * @default true
   */
  readonly sendToCloudWatchLogs?: boolean;

  /**
   * The CloudWatch Logs log group to deliver to, in the trail's Region.
   *
   * @default - a new log group `/aws/cloudtrail/<trail name>`, encrypted with the trail key
   */
  readonly cloudWatchLogGroup?: logs.ILogGroup;

  /**
   * The role CloudTrail assumes to deliver to CloudWatch Logs. A managed policy scoped to the log
   * group's CloudTrail streams is attached to it.
   *
   * @default - a new role
   */
  readonly cloudWatchLogsRole?: iam.IRole;

  /**
   * The KMS key that encrypts a log group made here. Useful when the trail key is in another account.
   *
   * @default - the trail key
   */
  readonly cloudWatchLogsEncryptionKey?: kms.IKey;

  /**
   * How long a log group made here keeps events.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: logs.RetentionDays;

  /**
   * What happens to the log bucket, access-log bucket, key and log group made here when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Which management events are logged. More event selection: the `log...` methods.
   *
   * @default - all management events, read and write
   */
  readonly managementEvents?: ManagementEventOptions;

  /**
   * Insights to turn on. Their prerequisites are checked at synth.
   *
   * @default - no Insights
   */
  readonly insights?: TrailInsight[];

  /**
   * Aggregate data events with these templates.
   *
   * @default - data events are not aggregated
   */
  readonly dataEventAggregation?: AggregationTemplate[];

  /**
   * Let S3 data events of all buckets include the trail's own log bucket and access-log bucket. Without it
   * those buckets are excluded, because a trail that logs the writes of its own log files feeds itself
   * (one landing zone logged about 1.5 billion such events).
   *
   * @default false
   */
  readonly allowLogBucketDataEvents?: boolean;

  /**
   * Tags for the trail and every resource this construct makes.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}
