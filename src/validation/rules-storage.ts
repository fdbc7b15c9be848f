import { arnDefinitelyInvalid, arnRegion, arnSegments, ArnSpec } from './arn';
import { PartialString } from './partial-string';
import { contextString, quoteChars, shown, stringProp, TrailRule } from './rule';
import { asObject, field } from './values';

const BUCKET_SOURCE = 'CloudTrail API CreateTrail S3BucketName, InvalidS3BucketNameException / User Guide cloudtrail-s3-bucket-naming-requirements, '
  + 'S3 User Guide bucketnamingrules';
const BUCKET_REJECTED = 'CloudTrail rejects it with InvalidS3BucketNameException (and S3 would not have created it)';
const KMS_SOURCE = 'CloudTrail API CreateTrail KmsKeyId, InvalidKmsKeyIdException / User Guide encrypting-cloudtrail-log-files-with-aws-kms';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const MRK = 'mrk-[0-9a-fA-F]{32}';
const KEY_ID = new RegExp(`^(${UUID}|${MRK})$`);
const ALIAS = /^alias\/[A-Za-z0-9/_-]+$/;
const KMS_ARN: ArnSpec = {
  service: 'kms',
  resource: new RegExp(`^(key/(${UUID}|${MRK})|alias/[A-Za-z0-9/_-]+)$`),
  resourceChars: /^[A-Za-z0-9/_-]$/,
};

function bucketName(props: unknown, context: unknown): PartialString | undefined {
  return stringProp(props, 'S3BucketName', context);
}

/** True when a KMS key id can be none of the accepted forms, whatever its holes hold. */
function kmsKeyIdInvalid(value: PartialString): boolean {
  const text = value.text;
  if (text !== undefined) {
    if (text.startsWith('arn:')) return arnDefinitelyInvalid(value, KMS_ARN);
    if (text.startsWith('alias/')) return !ALIAS.test(text) || text.length > 256;
    return !KEY_ID.test(text);
  }
  if (value.head.startsWith('arn:')) return arnDefinitelyInvalid(value, KMS_ARN);
  if (value.head.startsWith('alias/')) return value.badCharacters(/^[A-Za-z0-9/_-]$/).length > 0 || value.minLength > 256;
  if (value.cannotStartWith('arn:') && value.cannotStartWith('alias/') && value.cannotStartWith('mrk-')) {
    return value.badCharacters(/^[0-9a-fA-F-]$/).length > 0 || value.minLength > 36;
  }
  return false;
}

/** The alias part of a KMS key id (`alias/...`), as far as known. */
function aliasOf(value: PartialString): PartialString | undefined {
  if (value.head.startsWith('alias/')) return value;
  if (!value.head.startsWith('arn:')) return undefined;
  const { segments } = arnSegments(value);
  return segments.length === 6 ? segments[5] : undefined;
}

export const STORAGE_RULES: TrailRule[] = [
  {
    id: 'S3_BUCKET_NAME_REQUIRED',
    constraint: 'CreateTrail needs the name of the S3 bucket log files are delivered to.',
    source: 'CloudTrail API CreateTrail S3BucketName (required) / CloudFormation AWS::CloudTrail::Trail S3BucketName (required)',
    cfnProperty: 'S3BucketName',
    prop: 's3BucketName',
    fix: 'give the log bucket (its name)',
    severity: 'error',
    checksAbsence: true,
    check(props) {
      const value = field(props, 'S3BucketName');
      const missing = value === undefined || value === null;
      // The common case first: asObject() looks at every key.
      if ((!missing && value !== '') || asObject(props) === undefined) return [];
      if (missing) return [{ problem: 'is missing; CloudFormation and CloudTrail require it' }];
      return [{ value: '', problem: 'is empty; CloudTrail rejects it with InvalidS3BucketNameException' }];
    },
  },
  {
    id: 'S3_BUCKET_NAME_LENGTH',
    constraint: 'An S3 bucket name is 3 to 63 characters long.',
    source: BUCKET_SOURCE,
    cfnProperty: 'S3BucketName',
    prop: 's3BucketName',
    fix: 'use the name of an existing bucket: 3 to 63 characters',
    severity: 'error',
    check(props, context) {
      const name = bucketName(props, context);
      const text = name?.text;
      if (name === undefined || text === '') return [];
      if (text !== undefined && (text.length < 3 || text.length > 63)) {
        return [{ value: text, problem: `is ${text.length} characters long, outside 3 to 63; ${BUCKET_REJECTED}` }];
      }
      if (text === undefined && name.minLength > 63) {
        return [{ value: shown(name), problem: `is at least ${name.minLength} characters long, over 63; ${BUCKET_REJECTED}` }];
      }
      return [];
    },
  },
  {
    id: 'S3_BUCKET_NAME_CHARACTERS',
    constraint: 'An S3 bucket name contains only lowercase letters, digits, periods (.) and hyphens (-).',
    source: BUCKET_SOURCE,
    cfnProperty: 'S3BucketName',
    prop: 's3BucketName',
    fix: 'use only lowercase letters, digits, \'.\' and \'-\' (bucket names are never uppercase)',
    severity: 'error',
    check(props, context) {
      const name = bucketName(props, context);
      const bad = name?.badCharacters(/^[a-z0-9.-]$/) ?? [];
      if (name === undefined || bad.length === 0) return [];
      return [{ value: shown(name), problem: `contains ${quoteChars(bad)}; ${BUCKET_REJECTED}` }];
    },
  },
  {
    id: 'S3_BUCKET_NAME_START_END',
    constraint: 'An S3 bucket name starts and ends with a lowercase letter or digit.',
    source: BUCKET_SOURCE,
    cfnProperty: 'S3BucketName',
    prop: 's3BucketName',
    fix: 'start and end the bucket name with a lowercase letter or digit',
    severity: 'error',
    check(props, context) {
      const name = bucketName(props, context);
      if (name === undefined) return [];
      const first = name.head.charAt(0);
      const last = name.tail.charAt(name.tail.length - 1);
      const ends: string[] = [];
      if (first !== '' && !/^[a-z0-9]$/.test(first)) ends.push(`starts with '${first}'`);
      if (last !== '' && !/^[a-z0-9]$/.test(last)) ends.push(`ends with '${last}'`);
      return ends.length === 0 ? [] : [{ value: shown(name), problem: `${ends.join(' and ')}; ${BUCKET_REJECTED}` }];
    },
  },
  {
    id: 'S3_BUCKET_NAME_ADJACENT_PERIODS',
    constraint: 'An S3 bucket name has no two adjacent periods and no period next to a hyphen (.., .- and -. are invalid).',
    source: BUCKET_SOURCE,
    cfnProperty: 'S3BucketName',
    prop: 's3BucketName',
    fix: 'separate labels with a single \'.\' and start and end each label with a letter or digit',
    severity: 'error',
    check(props, context) {
      const name = bucketName(props, context);
      const run = name?.literals.map((l) => /\.\.|\.-|-\./.exec(l)?.[0]).find((m) => m !== undefined);
      if (name === undefined || run === undefined) return [];
      return [{ value: shown(name), problem: `contains '${run}'; ${BUCKET_REJECTED}` }];
    },
  },
  {
    id: 'S3_BUCKET_NAME_IP_ADDRESS',
    constraint: 'An S3 bucket name is not in IP-address format (e.g. 192.168.5.4).',
    source: BUCKET_SOURCE,
    cfnProperty: 'S3BucketName',
    prop: 's3BucketName',
    fix: 'use a bucket name that is not four dot-separated numbers',
    severity: 'error',
    check(props, context) {
      const text = bucketName(props, context)?.text;
      if (text === undefined || !/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return [];
      return [{ value: text, problem: `is in IP-address format; ${BUCKET_REJECTED}` }];
    },
  },
  {
    id: 'S3_BUCKET_NAME_RESERVED',
    constraint: 'An S3 bucket name does not start with xn--, sthree- or amzn-s3-demo- and does not end with -s3alias or --ol-s3 (reserved by S3).',
    source: BUCKET_SOURCE,
    cfnProperty: 'S3BucketName',
    prop: 's3BucketName',
    fix: 'use a bucket name without the reserved prefix or suffix',
    severity: 'error',
    check(props, context) {
      const name = bucketName(props, context);
      if (name === undefined) return [];
      const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => name.head.startsWith(p));
      const suffix = ['-s3alias', '--ol-s3'].find((s) => name.tail.endsWith(s));
      const found = [prefix && `starts with '${prefix}'`, suffix && `ends with '${suffix}'`].filter((f): f is string => !!f);
      return found.length === 0 ? [] : [{ value: shown(name), problem: `${found.join(' and ')}, which S3 reserves; ${BUCKET_REJECTED}` }];
    },
  },
  {
    id: 'S3_KEY_PREFIX_LENGTH',
    constraint: 'An S3 key prefix is at most 200 characters long.',
    source: 'CloudTrail API CreateTrail S3KeyPrefix (maximum 200), InvalidS3PrefixException / CloudFormation S3KeyPrefix maxLength 200',
    cfnProperty: 'S3KeyPrefix',
    prop: 's3KeyPrefix',
    fix: 'use a prefix of at most 200 characters',
    severity: 'error',
    check(props, context) {
      const prefix = stringProp(props, 'S3KeyPrefix', context);
      if (prefix === undefined) return [];
      const length = prefix.text?.length ?? prefix.minLength;
      if (length <= 200) return [];
      const atLeast = prefix.text === undefined ? 'at least ' : '';
      return [{ value: shown(prefix), problem: `is ${atLeast}${length} characters long, over 200; CloudTrail rejects it with InvalidS3PrefixException` }];
    },
  },
  {
    id: 'S3_KEY_PREFIX_SLASH',
    constraint: 'An S3 key prefix should not start or end with \'/\': CloudTrail adds the separator itself, so the keys get empty segments (\'//AWSLogs\').',
    source: 'CloudTrail User Guide get-and-view-cloudtrail-log-files (object key <prefix>/AWSLogs/<account>/...)',
    cfnProperty: 'S3KeyPrefix',
    prop: 's3KeyPrefix',
    fix: 'drop the leading and trailing \'/\', e.g. \'logs\' rather than \'/logs/\'',
    severity: 'warning',
    check(props, context) {
      const prefix = stringProp(props, 'S3KeyPrefix', context);
      if (prefix === undefined) return [];
      const ends: string[] = [];
      if (prefix.head.startsWith('/')) ends.push('starts');
      if (prefix.tail.endsWith('/')) ends.push('ends');
      if (ends.length === 0) return [];
      const text = prefix.text;
      return [{
        value: shown(prefix),
        problem: `${ends.join(' and ')} with '/'; CloudTrail writes '<prefix>/AWSLogs/...', so the object keys get an empty segment (e.g. '//AWSLogs')`,
        fix: text !== undefined ? `drop the leading and trailing '/', e.g. '${text.replace(/^\/+|\/+$/g, '')}'` : undefined,
      }];
    },
  },
  {
    id: 'KMS_KEY_ID_FORMAT',
    constraint: 'A KMS key id is alias/<name>, an alias ARN, a key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), '
      + 'a key id (a UUID) or a multi-Region key id (mrk- and 32 hex digits).',
    source: KMS_SOURCE,
    cfnProperty: 'KMSKeyId',
    prop: 'kmsKeyId',
    fix: 'pass the key ARN (key.keyArn) or an alias such as \'alias/cloudtrail\'',
    severity: 'error',
    check(props, context) {
      const key = stringProp(props, 'KMSKeyId', context);
      if (key === undefined || !kmsKeyIdInvalid(key)) return [];
      return [{ value: shown(key), problem: 'is not a KMS key id, key ARN, alias or alias ARN; CloudTrail rejects it with InvalidKmsKeyIdException' }];
    },
  },
  {
    id: 'KMS_KEY_ALIAS_RESERVED',
    constraint: 'A KMS alias used by a trail does not start with alias/aws/: those name AWS managed keys, which CloudTrail cannot use.',
    source: 'KMS Developer Guide alias naming (alias/aws/ is reserved) / CloudTrail User Guide create-kms-key-policy-for-cloudtrail',
    cfnProperty: 'KMSKeyId',
    prop: 'kmsKeyId',
    fix: 'use a customer managed key whose key policy lets CloudTrail encrypt (e.g. the TrailKey of this library)',
    severity: 'error',
    check(props, context) {
      const key = stringProp(props, 'KMSKeyId', context);
      const alias = key && aliasOf(key);
      if (key === undefined || alias === undefined || !alias.head.startsWith('alias/aws/')) return [];
      return [{ value: shown(key), problem: 'names an AWS managed key (alias/aws/...), whose key policy cannot let CloudTrail encrypt log files' }];
    },
  },
  {
    id: 'KMS_KEY_REGION',
    constraint: 'The KMS key is in the same Region as the log bucket.',
    source: 'CloudTrail User Guide encrypting-cloudtrail-log-files-with-aws-kms, KmsKeyNotFoundException',
    cfnProperty: 'KMSKeyId',
    prop: 'kmsKeyId',
    fix: 'use a key in the bucket\'s Region (a multi-Region replica key works), or a bucket in the key\'s Region',
    severity: 'error',
    check(props, context) {
      if (field(props, 'KMSKeyId') === undefined) return [];
      const key = stringProp(props, 'KMSKeyId', context);
      const keyRegion = contextString(context, 'keyRegion') ?? arnRegion(key);
      const bucketRegion = contextString(context, 'bucketRegion');
      if (keyRegion === undefined || bucketRegion === undefined || keyRegion === '' || bucketRegion === '' || keyRegion === bucketRegion) return [];
      return [{
        value: key ? shown(key) : keyRegion,
        problem: `is in Region ${keyRegion} but the log bucket is in ${bucketRegion}; CloudTrail fails with KmsKeyNotFoundException`,
      }];
    },
  },
];
