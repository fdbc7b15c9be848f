import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { enableEventBridge } from './bucket-notifications';
import { accessLogDeliveryStatement, accessLogKeyStatement } from '../policies/trail-statements';
import { HARDENED_BUCKET } from '../private/bucket-defaults';
import { definedProps } from '../private/props';
import { acknowledgeFindings, addStatementsOrWarn } from '../private/resource-policies';
import { addWithUniqueSid } from '../private/sids';
import { propNamesOf } from '../validation/prop-checks';
import { checkProps, checkResources } from '../validation/report';
import { KMS_KEY_SYMMETRIC } from '../validation/rules/kms';
import {
  rejectedProps,
  S3_ACCESS_LOGS_PREFIX_SHARED,
  S3_BUCKET_NAME_FORMAT,
  S3_BUCKET_REMOVAL_POLICY,
  S3_EXPIRATION_DAYS,
  S3_TEMPLATE_RULES,
} from '../validation/rules/s3';

/** Every rule over the props of a TrailAccessLogsBucket. */
const ACCESS_LOGS_RULES = [S3_BUCKET_NAME_FORMAT, S3_EXPIRATION_DAYS, S3_BUCKET_REMOVAL_POLICY];

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

  /**
   * Encrypt access logs with this customer managed KMS key (SSE-KMS) instead of SSE-S3. Its policy gets a statement
   * letting the S3 logging service (logging.s3.amazonaws.com) generate data keys for this account's buckets. For
   * accounts whose Control Tower proactive control CT.S3.PR.10 (SSE-KMS) runs as a CloudFormation hook. The S3 User
   * Guide states SSE-KMS is not supported on a server access log destination; aws-cdk PR #25350 reports that it works
   * with this key policy. Verify delivery in your account before relying on it.
   *
   * @default - SSE-S3 (the encryption the S3 User Guide documents for log destinations)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Log this bucket's own server access under `logOwnAccessPrefix`: CloudFormation then writes a `LoggingConfiguration`
   * with no destination, which S3 delivers to this bucket. For accounts whose Control Tower proactive control
   * CT.S3.PR.2
   * (server access logging) runs as a CloudFormation hook: any destination would itself need logging. S3 recommends
   * against it (each delivery is logged in turn, a slow loop); set `expiration` to bound what it keeps.
   *
   * @default false
   */
  readonly logOwnAccess?: boolean;
}

/** Where `logOwnAccess` puts the bucket's own access logs. */
const OWN_ACCESS_PREFIX = 'own-access/';

/** Marks a TrailAccessLogsBucket of any copy of this library: `isTrailAccessLogsBucket` reads it. */
const TRAIL_ACCESS_LOGS_BUCKET_SYMBOL = Symbol.for('cdk-cloudtrail-kit.TrailAccessLogsBucket');

/**
 * A bucket for the S3 server access logs of trail buckets: private, versioned, TLS-only, Object Lock on
 * (without a default retention, which S3 does not allow on a log destination), owner-enforced, and
 * written only by the S3 logging service on behalf of the buckets you allow.
 *
 * It is encrypted with SSE-S3, the encryption the S3 User Guide documents for log destinations. Accounts that enforce
 * Control Tower's CT.S3.PR.10 and CT.S3.PR.2 as hooks can opt in to `encryptionKey` and `logOwnAccess`.
 */
export class TrailAccessLogsBucket extends s3.Bucket {
  /**
   * Whether `x` is a `TrailAccessLogsBucket`, also one made by another copy of this library (an app and a library it
   * uses each depending on this one), where `instanceof` is false.
   */
  public static isTrailAccessLogsBucket(x: any): x is TrailAccessLogsBucket {
    return x !== null && typeof x === 'object' && TRAIL_ACCESS_LOGS_BUCKET_SYMBOL in x;
  }

  private readonly logsOwnAccess: boolean;

  constructor(scope: Construct, id: string, props: TrailAccessLogsBucketProps = {}) {
    // The props as written (their names, for messages), then with JavaScript nulls as unset.
    const given = props;
    props = definedProps(given);
    const input = { bucketName: props.bucketName, expiration: props.expiration, removalPolicy: props.removalPolicy };
    // Values a rule rejects are left out, so aws-cdk-lib does not fail first on them in its own words.
    const rejected = rejectedProps(ACCESS_LOGS_RULES, input);
    const expiration = rejected.has('expiration') ? undefined : props.expiration;
    super(scope, id, {
      ...HARDENED_BUCKET,
      bucketName: rejected.has('bucketName') ? undefined : props.bucketName,
      encryption: props.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: props.encryptionKey ? true : undefined,
      objectLockEnabled: true,
      lifecycleRules: [
        {
          id: 'AbortIncompleteUploads',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          expiration,
          noncurrentVersionExpiration: expiration,
        },
      ],
      removalPolicy: (rejected.has('removalPolicy') ? undefined : props.removalPolicy) ?? RemovalPolicy.RETAIN,
    });
    Object.defineProperty(this, TRAIL_ACCESS_LOGS_BUCKET_SYMBOL, { value: true });
    const propNames = propNamesOf(given);
    checkProps(this, ACCESS_LOGS_RULES, input, { propNames });
    checkProps(this, [KMS_KEY_SYMMETRIC], { encryptionKey: props.encryptionKey }, { propNames });
    this.logsOwnAccess = props.logOwnAccess ?? false;
    enableEventBridge(this);
    if (props.encryptionKey) {
      addStatementsOrWarn(this, props.encryptionKey, [accessLogKeyStatement(Stack.of(this).account)], {
        id: 'accessLogsKeyPolicy',
        what: 'The KMS key of the access-log bucket',
        consequence: 'S3 cannot deliver server access logs',
      });
    }
    if (props.logOwnAccess) {
      (this.node.defaultChild as s3.CfnBucket).loggingConfiguration = { logFilePrefix: OWN_ACCESS_PREFIX };
      this.allowLogDeliveryFrom(this, OWN_ACCESS_PREFIX);
    }
    checkResources(this, S3_TEMPLATE_RULES);
    acknowledgeFindings(this, {
      'HIPAA.Security-S3DefaultEncryptionKMS':
        'S3 server access logging delivers only to buckets encrypted with SSE-S3.',
      'NIST.800.53.R5-S3DefaultEncryptionKMS':
        'S3 server access logging delivers only to buckets encrypted with SSE-S3.',
      'PCI.DSS.321-S3DefaultEncryptionKMS': 'S3 server access logging delivers only to buckets encrypted with SSE-S3.',
      'NIST.800.53.R4-S3BucketDefaultLockEnabled':
        'S3 server access logging cannot deliver to a bucket with an Object Lock default retention; Object Lock is on without one.',
      'HIPAA.Security-S3BucketReplicationEnabled':
        'Access logs of the trail bucket are not replicated; replicate the trail bucket instead.',
      'NIST.800.53.R4-S3BucketReplicationEnabled':
        'Access logs of the trail bucket are not replicated; replicate the trail bucket instead.',
      'NIST.800.53.R5-S3BucketReplicationEnabled':
        'Access logs of the trail bucket are not replicated; replicate the trail bucket instead.',
      'PCI.DSS.321-S3BucketReplicationEnabled':
        'Access logs of the trail bucket are not replicated; replicate the trail bucket instead.',
    });
  }

  /**
   * Lets S3 deliver the server access logs of `source` under `prefix` in this bucket, and only those
   * (`aws:SourceArn` is the source bucket, `aws:SourceAccount` its account).
   */
  public allowLogDeliveryFrom(source: s3.IBucket, prefix: string): void {
    // The statement is still added: only the source bucket's logs are mixed with this bucket's own.
    const input = { prefix, logOwnAccess: this.logsOwnAccess, source, destination: this, sourcePath: source.node.path };
    checkProps(this, [S3_ACCESS_LOGS_PREFIX_SHARED], input);
    addWithUniqueSid(
      this,
      accessLogDeliveryStatement(this.bucketArn, prefix, source.bucketArn, Stack.of(source).account),
    );
  }
}
