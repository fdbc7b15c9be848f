import * as iam from 'aws-cdk-lib/aws-iam';
import { accountsLogPath } from './log-layout';
import { keyLogGroupsStatement } from './trail-statements';

/*
 * Identity-policy statements of the monitors' functions (TrailDeliveryMonitor, TrailIntegrityVerifier): each call their
 * handlers make, on the one resource it concerns. Reading log and digest files and the public keys reuse the trail
 * grants (grant-statements.ts).
 */

/** IAM: read one trail's status (GetTrailStatus takes the trail's ARN, in every Region it is called in). */
export function trailStatusStatement(trailArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['cloudtrail:GetTrailStatus'], resources: [trailArn] });
}

/** IAM: read and overwrite the one SSM parameter that holds a monitor's state. */
export function parameterStateStatement(parameterArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['ssm:GetParameter', 'ssm:PutParameter'], resources: [parameterArn] });
}

/** IAM: the verifier's chain state: each chain read and written conditionally (one item at a time). */
export function chainStateWriteStatement(tableArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [tableArn] });
}

/** IAM: the sweep's read of every chain's state. */
export function chainStateScanStatement(tableArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [tableArn] });
}

/** IAM: put findings on one event bus. */
export function putEventsStatement(eventBusArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [eventBusArn] });
}

/** IAM: import findings into Security Hub as this account's own product (BatchImportFindings takes the product ARN). */
export function securityHubImportStatement(productArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['securityhub:BatchImportFindings'], resources: [productArn] });
}

/**
 * IAM: read a trail's log and digest files, under every owner folder of its prefix (an organization trail writes each
 * member account's under the organization id), and list only there: `[prefix/]AWSLogs/<owner>/CloudTrail/...` and
 * `.../CloudTrail-Digest/...` (IAM's `*` spans `/`). Listing lets a deleted file read as missing (404), not as denied.
 */
export function trailFilesReadStatements(bucketArn: string, keyPrefix: string | undefined): iam.PolicyStatement[] {
  const root = accountsLogPath(keyPrefix, undefined);
  return [
    new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [`${bucketArn}/${root}*/CloudTrail/*`, `${bucketArn}/${root}*/CloudTrail-Digest/*`],
    }),
    new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucketArn],
      conditions: { StringLike: { 's3:prefix': `${root}*` } },
    }),
  ];
}

/** KMS: CloudWatch Logs of this Region encrypts the log groups of one monitor (by the ARN pattern of their folder). */
export function keyFunctionLogsStatement(region: string, logGroupArnPattern: string): iam.PolicyStatement {
  return keyLogGroupsStatement('AllowCloudWatchLogsToEncryptMonitorLogs', region, { ArnLike: logGroupArnPattern });
}
