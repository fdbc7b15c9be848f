import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Where a trail delivers its log files, as far as this app knows. A trail made here knows all of it; an imported
 * trail knows what its attributes gave.
 */
export interface TrailLogFiles {
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
}

/**
 * A trail that exists outside this app, with what is known of where its log files go.
 */
export interface TrailAttributes extends TrailLogFiles {
  /**
   * The ARN of the trail: `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`. The account and Region of
   * the trail are read from it.
   */
  readonly trailArn: string;
}
