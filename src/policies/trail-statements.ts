import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ownerLogPath } from './log-layout';

/*
 * Every policy statement CloudTrail needs, written once. Each takes the ARNs and ids it names as input,
 * so SecureTrail, the log-archive constructs and the "statements you must add" warnings share one source.
 * Sources: CloudTrail User Guide, create-s3-bucket-policy-for-cloudtrail, create-kms-key-policy-for-cloudtrail,
 * cloudtrail-permissions-for-sns-notifications and send-cloudtrail-events-to-cloudwatch-logs.
 */

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
export const SOURCE_ARN = 'aws:SourceArn';
export const CLOUDTRAIL_CONTEXT = 'kms:EncryptionContext:aws:cloudtrail:arn';

/** Who writes: the trails (their ARNs go into `aws:SourceArn`) and the KMS encryption contexts they use. */
export interface TrailIdentity {
  /** ARNs of the trails allowed, or patterns such as `arn:aws:cloudtrail:*:111122223333:trail/*`; never empty. */
  readonly trailArns: string[];
  /** `kms:EncryptionContext:aws:cloudtrail:arn` patterns, see `trailEncryptionContext`. */
  readonly encryptionContexts: string[];
}

/** The encryption context pattern of every trail of one account: `arn:<partition>:cloudtrail:*:<account>:trail/*`. */
export function trailEncryptionContext(partition: string, account: string): string {
  return `arn:${partition}:cloudtrail:*:${account}:trail/*`;
}

function cloudTrail(): iam.ServicePrincipal {
  return new iam.ServicePrincipal(CLOUDTRAIL);
}

/** A condition value: one value as a string (as AWS documents it), several as a list. */
export function oneOrMany(values: string[]): string | string[] {
  // A lazy list is one encoded element until synth: keep it a list.
  return values.length === 1 && !Token.isUnresolved(values) ? values[0] : values;
}

/**
 * `aws:SourceArn` is these trails: StringEquals for exact ARNs (as AWS documents it), ArnLike when a
 * pattern stands for all trails of an account. Other StringEquals keys go beside it.
 */
function sourceArnConditions(
  trails: TrailIdentity,
  stringEquals: Record<string, unknown> = {},
): Record<string, Record<string, unknown>> {
  const value = oneOrMany(trails.trailArns);
  const pattern = trails.trailArns.some((arn) => arn.includes('*'));
  if (pattern) {
    return Object.keys(stringEquals).length > 0
      ? { StringEquals: stringEquals, ArnLike: { [SOURCE_ARN]: value } }
      : { ArnLike: { [SOURCE_ARN]: value } };
  }
  return { StringEquals: { ...stringEquals, [SOURCE_ARN]: value } };
}

function trailContexts(trails: TrailIdentity): string | string[] {
  return oneOrMany(trails.encryptionContexts);
}

/** S3: CloudTrail checks the bucket ACL before it writes. */
export function bucketAclCheckStatement(bucketArn: string, trails: TrailIdentity): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AWSCloudTrailAclCheck',
    principals: [cloudTrail()],
    actions: ['s3:GetBucketAcl'],
    resources: [bucketArn],
    conditions: sourceArnConditions(trails),
  });
}

/**
 * The object key CloudTrail writes under for one account or organization id:
 * `[prefix/]AWSLogs/<id>/*`.
 */
export function logObjectArn(bucketArn: string, keyPrefix: string | undefined, ownerId: string): string {
  return `${bucketArn}/${ownerLogPath(keyPrefix, ownerId)}*`;
}

/** S3: CloudTrail writes log files, only under the given owners' paths and with the owner-full-control ACL. */
export function bucketWriteStatement(
  bucketArn: string,
  keyPrefix: string | undefined,
  ownerIds: string[],
  trails: TrailIdentity,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AWSCloudTrailWrite',
    principals: [cloudTrail()],
    actions: ['s3:PutObject'],
    resources: ownerIds.map((id) => logObjectArn(bucketArn, keyPrefix, id)),
    conditions: sourceArnConditions(trails, { 's3:x-amz-acl': 'bucket-owner-full-control' }),
  });
}

/**
 * S3: nobody outside the organization may use the bucket; AWS services acting for a trail (CloudTrail)
 * are not principals of the organization and are let through (`aws:PrincipalIsAWSService`).
 */
export function denyOutsideOrganizationStatement(bucketArn: string, organizationId: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyPrincipalsOutsideOrganization',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:*'],
    resources: [bucketArn, `${bucketArn}/*`],
    conditions: {
      StringNotEquals: { 'aws:PrincipalOrgID': organizationId },
      Bool: { 'aws:PrincipalIsAWSService': 'false' },
    },
  });
}

/** S3 server access logs: the logging service writes to the access-log bucket for one source bucket. */
export function accessLogDeliveryStatement(
  accessLogsBucketArn: string,
  objectPrefix: string,
  sourceBucketArn: string,
  sourceAccount: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'S3ServerAccessLogsPolicy',
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [`${accessLogsBucketArn}/${objectPrefix}*`],
    conditions: {
      ArnLike: { [SOURCE_ARN]: sourceBucketArn },
      StringEquals: { 'aws:SourceAccount': sourceAccount },
    },
  });
}

/** KMS: the S3 logging service encrypts server access logs of this account's buckets (aws-cdk PR #25350). */
export function accessLogKeyStatement(sourceAccount: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowS3ServerAccessLogsToEncrypt',
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': sourceAccount } },
  });
}

/** KMS: CloudTrail encrypts log and digest files, for these trails only. */
export function keyEncryptStatement(trails: TrailIdentity): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudTrailToEncryptLogs',
    principals: [cloudTrail()],
    actions: ['kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: { StringLike: { [CLOUDTRAIL_CONTEXT]: trailContexts(trails) }, ...sourceArnConditions(trails) },
  });
}

/** KMS: CloudTrail reads the key's properties when the trail is created or updated. */
export function keyDescribeStatement(trails: TrailIdentity): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudTrailToDescribeKey',
    principals: [cloudTrail()],
    actions: ['kms:DescribeKey'],
    resources: ['*'],
    conditions: sourceArnConditions(trails),
  });
}

/**
 * KMS: with S3 Bucket Keys on the log bucket, CloudTrail needs Decrypt to create or update an encrypted trail.
 * AWS documents the statement without conditions; `aws:SourceArn` narrows it to these trails, as AWS
 * advises for every statement of a trail's key policy.
 */
export function keyBucketKeyDecryptStatement(trails: TrailIdentity): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudTrailToDecryptWithBucketKeys',
    principals: [cloudTrail()],
    actions: ['kms:Decrypt'],
    resources: ['*'],
    conditions: sourceArnConditions(trails),
  });
}

/**
 * KMS: principals of the given accounts may decrypt CloudTrail log files, and only those
 * (the encryption context names a CloudTrail trail). They still need an IAM permission:
 * the principal is the account, not `*`.
 */
export function keyDecryptLogsStatement(readerAccounts: string[], encryptionContexts: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowAccountsToDecryptCloudTrailLogs',
    principals: readerAccounts.map((account) => new iam.AccountPrincipal(account)),
    actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
    resources: ['*'],
    conditions: {
      StringEquals: { 'kms:CallerAccount': oneOrMany(readerAccounts) },
      StringLike: { [CLOUDTRAIL_CONTEXT]: oneOrMany(encryptionContexts) },
    },
  });
}

/** KMS: everything one trail needs on its key (encrypt, describe, and decrypt for S3 Bucket Keys). */
export function keyTrailStatements(trails: TrailIdentity): iam.PolicyStatement[] {
  return [keyEncryptStatement(trails), keyDescribeStatement(trails), keyBucketKeyDecryptStatement(trails)];
}

/** KMS: CloudWatch Logs encrypts one log group's data with the key. */
export function keyCloudWatchLogsStatement(region: string, logGroupArn: string): iam.PolicyStatement {
  return keyLogGroupsStatement('AllowCloudWatchLogsToEncryptTrailLogGroup', region, { ArnEquals: logGroupArn });
}

/**
 * KMS: CloudWatch Logs of this Region encrypts the log groups whose ARN matches (`ArnEquals` one, `ArnLike` a pattern).
 */
export function keyLogGroupsStatement(
  sid: string,
  region: string,
  match: { ArnEquals: string } | { ArnLike: string },
): iam.PolicyStatement {
  const [operator, arn] = Object.entries(match)[0];
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { [operator]: { 'kms:EncryptionContext:aws:logs:arn': arn } },
  });
}

/**
 * KMS: CloudTrail publishes to one SNS topic encrypted with this key, for these trails only. SNS encrypts
 * with the encryption context `aws:sns:topicArn`, so the key serves that topic and nothing else.
 */
export function keySnsPublishStatement(trails: TrailIdentity, topicArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudTrailToPublishToEncryptedTopic',
    principals: [cloudTrail()],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'],
    // A topic known only by reference is named by a pattern (every topic of its account): StringEquals would match
    // no topic at all, and CloudTrail could not publish.
    conditions: topicArn.includes('*')
      ? { ...sourceArnConditions(trails), StringLike: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } }
      : sourceArnConditions(trails, { 'kms:EncryptionContext:aws:sns:topicArn': topicArn }),
  });
}

/**
 * KMS: grants only for AWS resources or AWS services (Control Tower CT.KMS.PR.3). Nothing CloudTrail,
 * S3 or CloudWatch Logs does with this key needs a grant.
 */
export function keyCreateGrantGuardStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyCreateGrantExceptForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: {
        'kms:GrantIsForAWSResource': 'false',
        'aws:PrincipalIsAWSService': 'false',
      },
    },
  });
}

/** SNS: CloudTrail publishes log-delivery notifications, for these trails only. */
export function topicPublishStatement(topicArn: string, trails: TrailIdentity): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AWSCloudTrailSNSPolicy',
    principals: [cloudTrail()],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: sourceArnConditions(trails),
  });
}

/**
 * CloudWatch Logs role trust. AWS documents that this role does not support `aws:SourceArn` or
 * `aws:SourceAccount`: a condition here would stop delivery, so there is none.
 */
export function logsRoleTrustPrincipal(): iam.IPrincipal {
  return cloudTrail();
}

/** The ARN pattern of the log streams CloudTrail writes to in one log group, for one stream-name prefix. */
export function logStreamArn(logGroupArnPrefix: string, streamPrefix: string): string {
  return `${logGroupArnPrefix}:log-stream:${streamPrefix}*`;
}

/** CloudWatch Logs role: create streams and put events, only on CloudTrail's own streams of one log group. */
export function logsDeliveryStatements(streamArns: string[]): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailCreateLogStream',
      actions: ['logs:CreateLogStream'],
      resources: streamArns,
    }),
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailPutLogEvents',
      actions: ['logs:PutLogEvents'],
      resources: streamArns,
    }),
  ];
}
