import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { keyCreateGrantGuardStatement } from '../../policies/trail-statements';
import { HARDENED_BUCKET } from '../../private/bucket-defaults';
import { acknowledgeFindings } from '../../private/resource-policies';
import { TrailAccessLogsBucket } from '../../storage/access-logs-bucket';
import { enableEventBridge } from '../../storage/bucket-notifications';

const NOT_REPLICATED =
  'Query results are copies of what the log files hold and expire; the log bucket is the record to replicate.';

/** A rotated customer managed key for query results, kept when the stack is deleted. */
export function newResultsKey(
  scope: Construct,
  id: string,
  workGroupName: string,
  removalPolicy: RemovalPolicy,
): kms.Key {
  const key = new kms.Key(scope, id, {
    description: `Encrypts the query results of the Athena workgroup ${workGroupName}`,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy,
  });
  // Control Tower CT.KMS.PR.3: S3 and Athena use the key without grants.
  key.addToResourcePolicy(keyCreateGrantGuardStatement());
  return key;
}

/**
 * A bucket for query results only: private, SSE-KMS with the results key (S3 Bucket Keys), TLS 1.2+ only,
 * owner-enforced, versioned, Object Lock on without a default retention, EventBridge notifications, server access
 * logs to a `TrailAccessLogsBucket`, results expired after `expiration`, and kept when the stack is deleted.
 */
export function newResultsBucket(
  scope: Construct,
  id: string,
  key: kms.IKey,
  expiration: Duration,
  removalPolicy: RemovalPolicy,
): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    ...HARDENED_BUCKET,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    // On, without a default retention (Control Tower CT.S3.PR.9): results still expire, as nothing locks them.
    objectLockEnabled: true,
    lifecycleRules: [
      {
        id: 'QueryResults',
        expiration,
        noncurrentVersionExpiration: Duration.days(1),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
    removalPolicy,
  });
  // Control Tower CT.S3.PR.4, as for the log bucket, without a Lambda function.
  enableEventBridge(bucket);
  // As TrailBucket does: on the L1, because the L2's serverAccessLogsBucket grants delivery with an ACL unless an
  // app-level feature flag is set, and ACLs cannot exist on owner-enforced buckets.
  const accessLogs = new TrailAccessLogsBucket(bucket, 'AccessLogs', { removalPolicy });
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: accessLogs.bucketName };
  accessLogs.allowLogDeliveryFrom(bucket, '');
  acknowledgeFindings(bucket, {
    'HIPAA.Security-S3BucketReplicationEnabled': NOT_REPLICATED,
    'NIST.800.53.R4-S3BucketReplicationEnabled': NOT_REPLICATED,
    'NIST.800.53.R5-S3BucketReplicationEnabled': NOT_REPLICATED,
    'PCI.DSS.321-S3BucketReplicationEnabled': NOT_REPLICATED,
    'NIST.800.53.R4-S3BucketDefaultLockEnabled':
      'Query results expire after a set time, which a default retention would override; Object Lock is on without one. The log files they come from are locked.',
  });
  return bucket;
}
