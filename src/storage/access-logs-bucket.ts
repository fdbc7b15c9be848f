import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { enableEventBridge } from './bucket-notifications';
import { accessLogDeliveryStatement } from '../policies/trail-statements';
import { checkRemovalPolicy, wholeDays } from '../private/prop-checks';
import { definedProps } from '../private/props';
import { acknowledgeFindings } from '../private/resource-policies';
import { addWithUniqueSid } from '../private/sids';

/**
 * Properties of a `TrailAccessLogsBucket`.
 */
export interface TrailAccessLogsBucketProps {
  /**
   * A physical name for the bucket.
   *
   * @default - CloudFormation generates one
   */
  readonly bucketName?: string;

  /**
   * Delete access logs this long after they are written.
   *
   * @default - access logs are kept
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
 * A bucket for the S3 server access logs of trail buckets: private, versioned, TLS-only, Object Lock on
 * (without a default retention, which S3 does not allow on a log destination), owner-enforced, and
 * written only by the S3 logging service on behalf of the buckets you allow.
 *
 * It is encrypted with SSE-S3 because S3 server access logging cannot deliver to an SSE-KMS bucket.
 */
export class TrailAccessLogsBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, given: TrailAccessLogsBucketProps = {}) {
    const props = definedProps(given);
    const path = `${scope.node.path}/${id}`;
    wholeDays(path, 'expiration', props.expiration, 1, Infinity, 'S3 expires objects after a whole number of days, at least 1');
    checkRemovalPolicy(path, props.removalPolicy, 'AWS::S3::Bucket');
    super(scope, id, {
      bucketName: props.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      objectLockEnabled: true,
      lifecycleRules: [{
        id: 'AbortIncompleteUploads',
        abortIncompleteMultipartUploadAfter: Duration.days(7),
        expiration: props.expiration,
        noncurrentVersionExpiration: props.expiration,
      }],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    enableEventBridge(this);
    acknowledgeFindings(this, {
      'HIPAA.Security-S3DefaultEncryptionKMS': 'S3 server access logging delivers only to buckets encrypted with SSE-S3.',
      'NIST.800.53.R5-S3DefaultEncryptionKMS': 'S3 server access logging delivers only to buckets encrypted with SSE-S3.',
      'PCI.DSS.321-S3DefaultEncryptionKMS': 'S3 server access logging delivers only to buckets encrypted with SSE-S3.',
      'NIST.800.53.R4-S3BucketDefaultLockEnabled':
        'S3 server access logging cannot deliver to a bucket with an Object Lock default retention; Object Lock is on without one.',
      'HIPAA.Security-S3BucketReplicationEnabled': 'Access logs of the trail bucket are not replicated; replicate the trail bucket instead.',
      'NIST.800.53.R4-S3BucketReplicationEnabled': 'Access logs of the trail bucket are not replicated; replicate the trail bucket instead.',
      'NIST.800.53.R5-S3BucketReplicationEnabled': 'Access logs of the trail bucket are not replicated; replicate the trail bucket instead.',
      'PCI.DSS.321-S3BucketReplicationEnabled': 'Access logs of the trail bucket are not replicated; replicate the trail bucket instead.',
    });
  }

  /**
   * Lets S3 deliver the server access logs of `source` under `prefix` in this bucket, and only those
   * (`aws:SourceArn` is the source bucket, `aws:SourceAccount` its account).
   */
  public allowLogDeliveryFrom(source: s3.IBucket, prefix: string): void {
    addWithUniqueSid(this, accessLogDeliveryStatement(this.bucketArn, prefix, source.bucketArn, Stack.of(source).account));
  }
}
