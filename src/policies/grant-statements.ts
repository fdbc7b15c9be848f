import * as iam from 'aws-cdk-lib/aws-iam';
import { aliasedKeys } from './key-references';
import { ownerLogPath } from './log-layout';
import { CLOUDTRAIL_CONTEXT, logObjectArn, oneOrMany } from './trail-statements';

/*
 * Identity-policy statements for the grants of a trail (`ITrail.grantXxx`). Resource-level permissions follow the
 * Service Authorization Reference for CloudTrail: DescribeTrails, LookupEvents and ListPublicKeys have no resource
 * type, so IAM requires `*` for them; every other action here takes the trail's ARN.
 */

/** IAM: read one trail's settings, status, selectors and tags; DescribeTrails only works on `*`. */
export function trailReadConfigurationStatements(trailArn: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ actions: ['cloudtrail:DescribeTrails'], resources: ['*'] }),
    new iam.PolicyStatement({
      actions: [
        'cloudtrail:GetTrail',
        'cloudtrail:GetTrailStatus',
        'cloudtrail:GetEventSelectors',
        'cloudtrail:GetInsightSelectors',
        'cloudtrail:ListTags',
      ],
      resources: [trailArn],
    }),
  ];
}

/** IAM: look up the account's management events (event history); LookupEvents only works on `*`. */
export function trailLookupEventsStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['cloudtrail:LookupEvents'], resources: ['*'] });
}

/** IAM: start and stop logging of one trail. */
export function trailStartStopLoggingStatement(trailArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['cloudtrail:StartLogging', 'cloudtrail:StopLogging'],
    resources: [trailArn],
  });
}

/** IAM: add, remove and list the tags of one trail. */
export function trailManageTagsStatement(trailArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['cloudtrail:AddTags', 'cloudtrail:RemoveTags', 'cloudtrail:ListTags'],
    resources: [trailArn],
  });
}

/** IAM: list the public keys that validate digest files; ListPublicKeys only works on `*`. */
export function trailListPublicKeysStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['cloudtrail:ListPublicKeys'], resources: ['*'] });
}

/**
 * IAM: read the log and digest files of one account in a trail's bucket, `[prefix/]AWSLogs/<account>/*`, and list
 * only under that path.
 */
export function logFilesReadStatements(
  bucketArn: string,
  keyPrefix: string | undefined,
  ownerId: string,
): iam.PolicyStatement[] {
  const objects = logObjectArn(bucketArn, keyPrefix, ownerId);
  const listPrefix = `${ownerLogPath(keyPrefix, ownerId)}*`;
  return [
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }),
    new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucketArn],
      conditions: { StringLike: { 's3:prefix': listPrefix } },
    }),
  ];
}

/**
 * IAM: decrypt with a trail key, only data whose encryption context names a CloudTrail trail of the given pattern. A
 * key known by its alias ARN is matched through `kms:ResourceAliases` (an alias ARN as Resource would match nothing).
 */
export function logFilesDecryptStatement(keyArn: string, encryptionContexts: string[]): iam.PolicyStatement {
  const aliased = aliasedKeys(keyArn);
  return new iam.PolicyStatement({
    actions: ['kms:Decrypt'],
    resources: [aliased?.keys ?? keyArn],
    conditions: { StringLike: { [CLOUDTRAIL_CONTEXT]: oneOrMany(encryptionContexts) }, ...aliased?.condition },
  });
}
