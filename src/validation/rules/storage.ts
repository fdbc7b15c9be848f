import { arnDefinitelyInvalid, arnRegion, kmsAlias, KMS_ARN, KMS_KEY_ID } from '../arn';
import { PartialString } from '../partial-string';
import { TrailRuleSeverity } from '../rule-info';
import { lengthRule, nameRules, regionRule, stringRule } from './factories';
import { TrailRule } from './rule';

const BUCKET_SOURCE =
  'CloudTrail API CreateTrail S3BucketName, InvalidS3BucketNameException / User Guide cloudtrail-s3-bucket-naming-requirements, ' +
  'S3 User Guide bucketnamingrules';
const BUCKET_REJECTED = 'CloudTrail rejects it with InvalidS3BucketNameException (and S3 would not have created it)';
const KMS_SOURCE =
  'CloudTrail API CreateTrail KmsKeyId, InvalidKmsKeyIdException / User Guide encrypting-cloudtrail-log-files-with-aws-kms';

const BUCKET = { cfnProperty: 'S3BucketName', prop: 's3BucketName', severity: TrailRuleSeverity.ERROR } as const;
const KMS = { cfnProperty: 'KMSKeyId', prop: 'kmsKeyId', severity: TrailRuleSeverity.ERROR } as const;
const PREFIX = { cfnProperty: 'S3KeyPrefix', prop: 's3KeyPrefix' } as const;
const ALIAS = /^alias\/[A-Za-z0-9/_-]+$/;

/** True when a KMS key id can be none of the accepted forms, whatever its holes hold. */
function kmsKeyIdInvalid(value: PartialString): boolean {
  const text = value.text;
  if (value.head.startsWith('arn:')) return arnDefinitelyInvalid(value, KMS_ARN);
  if (value.head.startsWith('alias/')) {
    return text !== undefined
      ? !ALIAS.test(text) || text.length > 256
      : value.badCharacters(/^[A-Za-z0-9/_-]$/).length > 0 || value.minLength > 256;
  }
  if (text !== undefined) return !KMS_KEY_ID.test(text);
  if (value.cannotStartWith('arn:') && value.cannotStartWith('alias/') && value.cannotStartWith('mrk-')) {
    return value.badCharacters(/^[0-9a-fA-F-]$/).length > 0 || value.minLength > 36;
  }
  return false;
}

const BUCKET_NAME = nameRules(
  {
    ...BUCKET,
    prefix: 'S3_BUCKET_NAME',
    source: BUCKET_SOURCE,
    rejected: BUCKET_REJECTED,
    get: (view) => view.bucketName,
    emptyReportedElsewhere: true,
  },
  {
    characters: {
      constraint: 'An S3 bucket name contains only lowercase letters, digits, periods (.) and hyphens (-).',
      fix: "use only lowercase letters, digits, '.' and '-' (bucket names are never uppercase)",
      allowed: /^[a-z0-9.-]$/,
    },
    ends: {
      constraint: 'An S3 bucket name starts and ends with a lowercase letter or digit.',
      fix: 'start and end the bucket name with a lowercase letter or digit',
      allowed: /^[a-z0-9]$/,
      what: 'a lowercase letter or digit',
    },
    length: {
      constraint: 'An S3 bucket name is 3 to 63 characters long.',
      fix: 'use the name of an existing bucket: 3 to 63 characters',
      min: 3,
      max: 63,
    },
    adjacent: {
      id: 'ADJACENT_PERIODS',
      constraint:
        'An S3 bucket name has no two adjacent periods and no period next to a hyphen (.., .- and -. are invalid).',
      fix: "separate labels with a single '.' and start and end each label with a letter or digit",
      pattern: /\.\.|\.-|-\./,
      problem: (run) => `contains '${run}'`,
    },
    ipAddress: {
      constraint: 'An S3 bucket name is not in IP-address format (e.g. 192.168.5.4).',
      fix: 'use a bucket name that is not four dot-separated numbers',
    },
  },
);

export const STORAGE_RULES: TrailRule[] = [
  {
    ...BUCKET,
    id: 'S3_BUCKET_NAME_REQUIRED',
    constraint: 'CreateTrail needs the name of the S3 bucket log files are delivered to.',
    source:
      'CloudTrail API CreateTrail S3BucketName (required) / CloudFormation AWS::CloudTrail::Trail S3BucketName (required)',
    fix: 'give the log bucket (its name)',
    check({ props }) {
      const value = props.S3BucketName;
      if (value === undefined || value === null) {
        return [{ problem: 'is missing; CloudFormation and CloudTrail require it' }];
      }
      return value === ''
        ? [{ value: '', problem: 'is empty; CloudTrail rejects it with InvalidS3BucketNameException' }]
        : [];
    },
  },
  BUCKET_NAME.length,
  BUCKET_NAME.characters,
  BUCKET_NAME.startEnd,
  BUCKET_NAME.adjacent,
  BUCKET_NAME.ipAddress,
  stringRule(
    {
      ...BUCKET,
      id: 'S3_BUCKET_NAME_RESERVED',
      constraint:
        'An S3 bucket name does not start with xn--, sthree- or amzn-s3-demo- and does not end with -s3alias or --ol-s3 (reserved by S3).',
      source: BUCKET_SOURCE,
      fix: 'use a bucket name without the reserved prefix or suffix',
    },
    (view) => view.bucketName,
    ({ head, tail }) => {
      const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => head.startsWith(p));
      const suffix = ['-s3alias', '--ol-s3'].find((s) => tail.endsWith(s));
      const found = [prefix && `starts with '${prefix}'`, suffix && `ends with '${suffix}'`].filter(
        (f): f is string => !!f,
      );
      return found.length === 0 ? undefined : `${found.join(' and ')}, which S3 reserves; ${BUCKET_REJECTED}`;
    },
  ),
  lengthRule(
    {
      id: 'S3_KEY_PREFIX_LENGTH',
      constraint: 'An S3 key prefix is at most 200 characters long.',
      source:
        'CloudTrail API CreateTrail S3KeyPrefix (maximum 200), InvalidS3PrefixException / CloudFormation S3KeyPrefix maxLength 200',
      ...PREFIX,
      fix: 'use a prefix of at most 200 characters',
      max: 200,
      rejected: 'CloudTrail rejects it with InvalidS3PrefixException',
    },
    (view) => [{ value: view.keyPrefix }],
  ),
  stringRule(
    {
      id: 'S3_KEY_PREFIX_SLASH',
      constraint:
        "An S3 key prefix should not start or end with '/': CloudTrail adds the separator itself, so the keys get empty segments ('//AWSLogs').",
      source: 'CloudTrail User Guide get-and-view-cloudtrail-log-files (object key <prefix>/AWSLogs/<account>/...)',
      ...PREFIX,
      fix: "drop the leading and trailing '/', e.g. 'logs' rather than '/logs/'",
      severity: TrailRuleSeverity.WARNING,
    },
    (view) => view.keyPrefix,
    ({ head, tail, text }) => {
      const ends = [...(head.startsWith('/') ? ['starts'] : []), ...(tail.endsWith('/') ? ['ends'] : [])];
      return ends.length === 0
        ? undefined
        : {
            problem: `${ends.join(' and ')} with '/'; CloudTrail writes '<prefix>/AWSLogs/...', so the object keys get an empty segment (e.g. '//AWSLogs')`,
            fix:
              text !== undefined
                ? `drop the leading and trailing '/', e.g. '${text.replace(/^\/+|\/+$/g, '')}'`
                : undefined,
          };
    },
  ),
  stringRule(
    {
      ...KMS,
      id: 'KMS_KEY_ID_FORMAT',
      constraint:
        'A KMS key id is alias/<name>, an alias ARN, a key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), ' +
        'a key id (a UUID) or a multi-Region key id (mrk- and 32 hex digits).',
      source: KMS_SOURCE,
      fix: "pass the key ARN (key.keyArn) or an alias such as 'alias/cloudtrail'",
    },
    (view) => view.kmsKeyId,
    (key) =>
      kmsKeyIdInvalid(key)
        ? 'is not a KMS key id, key ARN, alias or alias ARN; CloudTrail rejects it with InvalidKmsKeyIdException'
        : undefined,
  ),
  stringRule(
    {
      ...KMS,
      id: 'KMS_KEY_ALIAS_RESERVED',
      constraint:
        'A KMS alias used by a trail does not start with alias/aws/: those name AWS managed keys, which CloudTrail cannot use.',
      source:
        'KMS Developer Guide alias naming (alias/aws/ is reserved) / CloudTrail User Guide create-kms-key-policy-for-cloudtrail',
      fix: 'use a customer managed key whose key policy lets CloudTrail encrypt (e.g. the TrailKey of this library)',
    },
    (view) => view.kmsKeyId,
    (key) =>
      kmsAlias(key)?.head.startsWith('alias/aws/')
        ? 'names an AWS managed key (alias/aws/...), whose key policy cannot let CloudTrail encrypt log files'
        : undefined,
  ),
  regionRule(
    {
      ...KMS,
      id: 'KMS_KEY_REGION',
      constraint: 'The KMS key is in the same Region as the log bucket.',
      source: 'CloudTrail User Guide encrypting-cloudtrail-log-files-with-aws-kms, KmsKeyNotFoundException',
      fix: "use a key in the bucket's Region (a multi-Region replica key works), or a bucket in the key's Region",
      other: 'the log bucket',
      rejected: 'CloudTrail fails with KmsKeyNotFoundException',
    },
    (view) => ({
      value: view.kmsKeyId,
      region: view.keyRegion ?? arnRegion(view.kmsKeyId),
      expected: view.bucketRegion,
    }),
  ),
];
