import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TrailAccessLogsBucket } from './access-logs-bucket';
import { enableEventBridge } from './bucket-notifications';
import { TrailKey } from '../encryption/trail-key';
import { accessLogDeliveryStatement, bucketAclCheckStatement, bucketWriteStatement, TrailIdentity } from '../policies/trail-statements';
import { acknowledgeFindings, addStatementsOrWarn } from '../private/resource-policies';
import { addWithUniqueSid } from '../private/sids';
import { ITrail } from '../trail/trail-base';

/**
 * Properties of a `TrailBucket`.
 */
export interface TrailBucketProps {
  /**
   * A physical name for the bucket.
   *
   * @default - CloudFormation generates one
   */
  readonly bucketName?: string;

  /**
   * The KMS key the bucket encrypts objects with by default (with S3 Bucket Keys).
   *
   * @default - a new `TrailKey`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where S3 server access logs of this bucket go. If the bucket is not managed by this app, a warning
   * lists the statement its policy needs.
   *
   * @default - a new `TrailAccessLogsBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * The key prefix of this bucket's server access logs in the access-log bucket.
   *
   * @default - no prefix when the access-log bucket is made here, `<bucket name>/` otherwise
   */
  readonly accessLogsPrefix?: string;

  /**
   * The Object Lock default retention applied to every log file.
   *
   * @default s3.ObjectLockRetention.governance(Duration.days(365))
   */
  readonly objectLockRetention?: s3.ObjectLockRetention;

  /**
   * Turn Object Lock on. It can only be turned on when the bucket is created.
   *
   * @default true
   */
  readonly objectLockEnabled?: boolean;

  /**
   * Transitions of log files to colder storage classes.
   *
   * @default - to S3 Glacier Flexible Retrieval after 90 days
   */
  readonly transitions?: s3.Transition[];

  /**
   * Delete log files this long after they are written. Must not be shorter than the Object Lock retention.
   *
   * @default - log files are kept
   */
  readonly expiration?: Duration;

  /**
   * What happens to the bucket when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Options for `TrailBucket.allowTrail`.
 */
export interface AllowTrailOptions {
  /**
   * The S3 key prefix the trail writes under.
   *
   * @default - no prefix
   */
  readonly s3KeyPrefix?: string;
}

/**
 * An S3 bucket hardened for CloudTrail log files: Block Public Access, SSE-KMS with S3 Bucket Keys,
 * versioning, bucket-owner-enforced ownership, TLS 1.2+ only, server access logs to a separate bucket,
 * lifecycle rules, Object Lock with a default retention, EventBridge notifications, and kept when the
 * stack is deleted.
 *
 * CloudTrail can write only where `allowTrail` says, and only for that trail (`aws:SourceArn`).
 */
export class TrailBucket extends s3.Bucket {
  /** The key objects are encrypted with by default. */
  public readonly trailKey: kms.IKey;

  /** The bucket that receives this bucket's S3 server access logs. */
  public readonly accessLogsBucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: TrailBucketProps = {}) {
    const objectLockEnabled = props.objectLockEnabled ?? true;
    super(scope, id, {
      bucketName: props.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey ?? new TrailKey(scope, `${id}Key`),
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      objectLockEnabled,
      objectLockDefaultRetention: objectLockEnabled
        ? props.objectLockRetention ?? s3.ObjectLockRetention.governance(Duration.days(365))
        : undefined,
      lifecycleRules: [{
        id: 'TrailLogFiles',
        abortIncompleteMultipartUploadAfter: Duration.days(7),
        transitions: props.transitions ?? [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }],
        expiration: props.expiration,
        noncurrentVersionExpiration: props.expiration,
      }],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.trailKey = this.encryptionKey!;
    enableEventBridge(this);

    // Server access logs are wired on the L1: the L2's `serverAccessLogsBucket` grants delivery with an
    // ACL unless an app-level feature flag is set, and ACLs cannot exist on owner-enforced buckets.
    const madeHere = !props.accessLogsBucket;
    this.accessLogsBucket = props.accessLogsBucket ?? new TrailAccessLogsBucket(this, 'AccessLogs', {
      removalPolicy: props.removalPolicy,
    });
    const prefix = props.accessLogsPrefix ?? (madeHere ? '' : `${this.bucketName}/`);
    (this.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: this.accessLogsBucket.bucketName,
      logFilePrefix: prefix || undefined,
    };
    if (this.accessLogsBucket instanceof TrailAccessLogsBucket) {
      this.accessLogsBucket.allowLogDeliveryFrom(this, prefix);
    } else {
      addStatementsOrWarn(this, this.accessLogsBucket, [
        accessLogDeliveryStatement(this.accessLogsBucket.bucketArn, prefix, this.bucketArn, Stack.of(this).account),
      ], { id: 'accessLogsBucketPolicy', what: `The access-log bucket of ${this.node.path}` });
    }

    acknowledgeFindings(this, {
      'HIPAA.Security-S3BucketReplicationEnabled': REPLICATION_REASON,
      'NIST.800.53.R4-S3BucketReplicationEnabled': REPLICATION_REASON,
      'NIST.800.53.R5-S3BucketReplicationEnabled': REPLICATION_REASON,
      'PCI.DSS.321-S3BucketReplicationEnabled': REPLICATION_REASON,
    });
  }

  /**
   * Lets one trail write its log files to `[prefix/]AWSLogs/<trail account>/*` and check the bucket ACL,
   * each only when `aws:SourceArn` is that trail.
   */
  public allowTrail(trail: ITrail, options: AllowTrailOptions = {}): void {
    const identity: TrailIdentity = { trailArns: [trail.trailArn], encryptionContexts: [] };
    addWithUniqueSid(this, bucketAclCheckStatement(this.bucketArn, identity));
    addWithUniqueSid(this, bucketWriteStatement(this.bucketArn, options.s3KeyPrefix, [trail.env.account], identity));
  }
}

const REPLICATION_REASON = 'Cross-Region replication is opt-in: it needs a destination bucket in another Region and doubles storage cost.';

