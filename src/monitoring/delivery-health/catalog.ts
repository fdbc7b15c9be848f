import { Channel } from './types';

/** What an error string most likely means, what to do about it, and where that comes from. */
export interface CatalogEntry {
  readonly code: string;
  readonly cause: string;
  readonly fix: string;
  readonly source: string;
}

const API_REF =
  'GetTrailStatus API reference, https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html';
const S3_ERRORS =
  'Amazon S3 API Reference, Error responses, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html';
const TROUBLESHOOTING =
  'CloudTrail User Guide, Troubleshooting, https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-troubleshooting.html';
const KMS_POLICY =
  'CloudTrail User Guide, Configure AWS KMS key policies for CloudTrail, ' +
  'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html';
const SNS_POLICY =
  'CloudTrail User Guide, Amazon SNS topic policy for CloudTrail, ' +
  'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-permissions-for-sns-notifications.html';
const SNS_ERRORS =
  'Amazon SNS API Reference, Publish, Errors, https://docs.aws.amazon.com/sns/latest/api/API_Publish.html';
const CWL_ROLE =
  'CloudTrail User Guide, Role policy document for CloudTrail to use CloudWatch Logs, ' +
  'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html';
// Not confirmed as the exact strings CloudTrail stores: these are the codes S3 returns when SSE-KMS fails.
const S3_KMS = `${S3_ERRORS} (SSE-KMS codes; that CloudTrail stores them verbatim is inferred, not documented)`;

const REDEPLOY = 'redeploy the stack that defines the trail (cdk deploy) so the library writes its statements again';

/** Entries for the two channels that write objects to the bucket (log files and digest files). */
function bucketEntries(what: string): CatalogEntry[] {
  return [
    {
      code: 'KMS.DisabledException',
      cause: `The KMS key that encrypts the ${what} is disabled.`,
      fix: 'Enable the key (aws kms enable-key).',
      source: S3_KMS,
    },
    {
      code: 'KMS.KMSInvalidStateException',
      cause: `The KMS key that encrypts the ${what} is pending deletion or otherwise unusable.`,
      fix: 'Cancel the key deletion (aws kms cancel-key-deletion), then enable the key.',
      source: S3_KMS,
    },
    {
      code: 'KMS.NotFoundException',
      cause: 'The KMS key the trail names no longer exists.',
      fix: `Point the trail at an existing key, or ${REDEPLOY}.`,
      source: S3_KMS,
    },
    {
      code: 'AccessDenied',
      cause:
        `The bucket policy or the KMS key policy no longer lets cloudtrail.amazonaws.com write the ${what} ` +
        '(s3:GetBucketAcl and s3:PutObject on the bucket, kms:GenerateDataKey* on the key), or the key is disabled.',
      fix: `Restore the statements the library wrote to the bucket policy and the key policy: ${REDEPLOY}. Check the key is enabled.`,
      source: `${API_REF}; ${TROUBLESHOOTING}; ${KMS_POLICY}`,
    },
    {
      code: 'NoSuchBucket',
      cause: `The bucket the trail writes ${what} to was deleted.`,
      fix: `Recreate the bucket (${REDEPLOY}) or point the trail at another bucket (aws cloudtrail update-trail --s3-bucket-name).`,
      source: `${API_REF}; ${S3_ERRORS}`,
    },
  ];
}

const CLOUDWATCH_LOGS: CatalogEntry[] = [
  {
    code: 'ResourceNotFoundException',
    cause: 'The CloudWatch Logs log group the trail sends events to was deleted.',
    fix: `Recreate the log group (${REDEPLOY}) or point the trail at another one (update-trail --cloud-watch-logs-log-group-arn).`,
    source: `${TROUBLESHOOTING} (the string is CloudWatch Logs' own error code; that CloudTrail stores it is inferred)`,
  },
  {
    code: 'AccessDenied',
    cause:
      'CloudTrail cannot assume the CloudWatch Logs role (its trust policy no longer names cloudtrail.amazonaws.com, or the role ' +
      'was deleted), or the role policy no longer allows logs:CreateLogStream and logs:PutLogEvents on the log group.',
    fix: `Restore the role, its trust policy and its policy as the library wrote them: ${REDEPLOY}.`,
    source: `${TROUBLESHOOTING}; ${CWL_ROLE}`,
  },
];

const SNS: CatalogEntry[] = [
  {
    code: 'KMSAccessDenied',
    cause: 'The topic is encrypted and its KMS key policy no longer lets cloudtrail.amazonaws.com use it.',
    fix: `Restore the key policy statement for CloudTrail (kms:GenerateDataKey*, kms:Decrypt): ${REDEPLOY}.`,
    source: `${SNS_ERRORS}; ${SNS_POLICY}`,
  },
  {
    code: 'KMSDisabled',
    cause: 'The KMS key that encrypts the topic is disabled.',
    fix: 'Enable the key (aws kms enable-key).',
    source: SNS_ERRORS,
  },
  {
    code: 'KMSInvalidState',
    cause: 'The KMS key that encrypts the topic is pending deletion or otherwise unusable.',
    fix: 'Cancel the key deletion, then enable the key.',
    source: SNS_ERRORS,
  },
  {
    code: 'KMSNotFound',
    cause: 'The KMS key that encrypts the topic no longer exists.',
    fix: `Give the topic an existing key, or ${REDEPLOY}.`,
    source: SNS_ERRORS,
  },
  {
    code: 'AuthorizationError',
    cause: 'The topic policy no longer lets cloudtrail.amazonaws.com publish (SNS:Publish).',
    fix: `Restore the topic policy statement the library wrote: ${REDEPLOY}.`,
    source: `${SNS_ERRORS}; ${SNS_POLICY}`,
  },
  {
    code: 'NotFound',
    cause: 'The SNS topic the trail notifies was deleted.',
    fix: `Recreate the topic (${REDEPLOY}) or point the trail at another one (update-trail --sns-topic-name).`,
    source: SNS_ERRORS,
  },
];

const CATALOG: Readonly<Record<Channel, readonly CatalogEntry[]>> = {
  S3: bucketEntries('log files'),
  Digest: bucketEntries('digest files'),
  CloudWatchLogs: CLOUDWATCH_LOGS,
  Sns: SNS,
};

const GENERIC: Readonly<Record<Channel, string>> = {
  S3: 'the bucket policy, the KMS key policy and the key state',
  Digest: 'the bucket policy, the KMS key policy and the key state',
  CloudWatchLogs: 'the CloudWatch Logs role (trust and policy) and the log group',
  Sns: 'the topic, its policy and its KMS key',
};

/** Every entry of a channel (for the docs and tests). */
export function catalogEntries(channel: Channel): readonly CatalogEntry[] {
  return CATALOG[channel];
}

/**
 * The entry for an error string. AWS returns a bare code (e.g. `AccessDenied`) but may wrap it, so an entry matches
 * when
 * its code is the string or appears in it; longer codes are tried first, so `KMS.AccessDeniedException` is not read as
 * `AccessDenied` when a KMS entry fits. An unknown string gets a generic entry.
 */
export function lookupError(channel: Channel, error: string): CatalogEntry {
  const entries = [...CATALOG[channel]].sort((a, b) => b.code.length - a.code.length);
  const found = entries.find((e) => error === e.code) ?? entries.find((e) => error.includes(e.code));
  if (found) return found;
  return {
    code: error,
    cause: 'CloudTrail reported an error this monitor has no entry for.',
    fix:
      `Look the string up in the service's error codes and compare ${GENERIC[channel]} with what the library deployed; ` +
      "redeploying the stack restores the library's statements.",
    source: API_REF,
  };
}
