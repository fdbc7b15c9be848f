import * as fc from 'fast-check';
import { ref, RefSpec } from './resources';
import {
  account,
  days,
  literal,
  maybeToken,
  nameChars,
  Opt,
  optional,
  StrSpec,
  strOrToken,
  validDays,
  valueOf,
} from './values';

/*
 * A SecureTrail's props and the event selection calls made on it, over the documented ranges and just outside them.
 * `trailProblems` is the model: the reasons a configuration is invalid by CloudTrail's (or S3's, KMS's, CloudWatch
 * Logs') rules, as the library's docs state them. No reason: the library must accept the configuration.
 */

/** CloudTrail trail names (cloudtrail-trail-naming-requirements): 3-128 of [A-Za-z0-9._-], edges alphanumeric, no
 * two adjacent punctuation marks, not an IP address. */
export function trailNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 128) return `trailName length ${name.length}`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return 'trailName characters';
  if (!/^[A-Za-z0-9].*[A-Za-z0-9]$/.test(name)) return 'trailName edges';
  if (/[._-]{2}/.test(name)) return 'trailName adjacent punctuation';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'trailName IP address';
  return undefined;
}
const trailName = fc.oneof(
  {
    arbitrary: fc
      .stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9]|[._-][a-zA-Z0-9]){1,30}[a-zA-Z0-9]$/)
      .filter((n) => trailNameProblem(n) === undefined),
    weight: 4,
  },
  { arbitrary: nameChars(0, 12), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '192.168.5.4',
      'a'.repeat(129),
      'has space',
      'arn:aws:cloudtrail:us-east-1:111111111111:trail/t',
      'ab',
    ),
    weight: 1,
  },
);

/** CloudTrail S3KeyPrefix: at most 200 characters, not starting or ending with '/'. */
export function prefixProblem(prefix: string): string | undefined {
  if (prefix.length > 200) return 's3KeyPrefix length';
  if (prefix.startsWith('/') || prefix.endsWith('/')) return 's3KeyPrefix slash';
  return undefined;
}
const s3KeyPrefix = fc.oneof(
  {
    arbitrary: fc.stringMatching(/^[a-z0-9]([a-z0-9/_.-]{0,30}[a-z0-9])?$/).filter((p) => !p.includes('//')),
    weight: 4,
  },
  { arbitrary: fc.constantFrom('/logs', 'logs/', 'p'.repeat(201)), weight: 1 },
);

/** `o-` and 10 to 32 lowercase letters or digits. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const organizationId = maybeToken(
  fc.oneof(
    { arbitrary: fc.stringMatching(/^o-[a-z0-9]{10,32}$/), weight: 4 },
    { arbitrary: fc.constantFrom('o-ABCDEFGHIJ', 'o-short', 'org-abcdefghij', ''), weight: 1 },
  ),
);

/** An ARN-free 12-digit account, or a malformed one. */
export const accountId = maybeToken(
  fc.oneof({ arbitrary: account, weight: 5 }, { arbitrary: fc.constantFrom('12345', 'abcdefghijkl'), weight: 1 }),
);
export const accountProblem = (a: string) => (/^\d{12}$/.test(valueOf(a)) ? undefined : `account id '${a}'`);

export const RETENTIONS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export const retention = fc.oneof(
  { arbitrary: fc.constantFrom(...RETENTIONS), weight: 5 },
  { arbitrary: fc.constantFrom(0, 2, 42), weight: 1 },
);

export type RemovalSpec = 'retain' | 'destroy' | 'snapshot' | 'retainOnUpdateOrDelete';
export const removal = fc.constantFrom<RemovalSpec>('retain', 'destroy', 'snapshot', 'retainOnUpdateOrDelete');

export type ObjectLockSpec = {
  readonly mode: 'governance' | 'compliance';
  readonly unit: 'days' | 'years';
  readonly amount: number;
};
export const objectLock: fc.Arbitrary<ObjectLockSpec> = fc.record({
  mode: fc.constantFrom<'governance' | 'compliance'>('governance', 'compliance'),
  unit: fc.constantFrom<'days' | 'years'>('days', 'years'),
  amount: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 5 },
    { arbitrary: fc.constantFrom(0, 36501, 101), weight: 1 },
  ),
});
/** S3 Object Lock default retention: a positive whole number of days (<= 36500) or years (<= 100). */
export function objectLockProblem(o: ObjectLockSpec): string | undefined {
  const max = o.unit === 'days' ? 36500 : 100;
  return Number.isInteger(o.amount) && o.amount >= 1 && o.amount <= max
    ? undefined
    : `object lock ${o.amount} ${o.unit}`;
}

export type TransitionSpec = {
  readonly storageClass: 'GLACIER' | 'DEEP_ARCHIVE' | 'STANDARD_IA' | 'GLACIER_IR' | 'INTELLIGENT_TIERING';
  readonly days: number;
};
export const transitions = fc.array(
  fc.record({
    storageClass: fc.constantFrom<TransitionSpec['storageClass']>(
      'GLACIER',
      'DEEP_ARCHIVE',
      'STANDARD_IA',
      'GLACIER_IR',
      'INTELLIGENT_TIERING',
    ),
    days: fc.integer({ min: 0, max: 800 }),
  }),
  { maxLength: 2 },
);

/** One call of the event selection API, with whether CloudTrail accepts it on its own. */
export type SelectorOp =
  | {
      readonly op: 'allS3' | 'allLambda' | 'allDynamoDb';
      readonly readWrite?: 'ALL' | 'READ_ONLY' | 'WRITE_ONLY' | 'NONE';
    }
  | { readonly op: 's3Objects'; readonly bucketName: string; readonly objectPrefix?: string }
  | {
      readonly op: 'advanced';
      readonly shape: 'dataWithPrefix' | 'dataNoType' | 'managementWithType' | 'longName' | 'eventNames';
    }
  | {
      readonly op: 'network';
      readonly sources: Array<'EC2' | 'KMS' | 'S3' | 'CLOUDTRAIL'>;
      readonly accessDeniedOnly?: boolean;
    }
  | { readonly op: 'insight'; readonly type: 'API_CALL_RATE' | 'API_ERROR_RATE'; readonly data: boolean }
  | { readonly op: 'aggregate'; readonly templates: Array<'API_ACTIVITY' | 'RESOURCE_ACCESS' | 'USER_ACTIONS'> }
  | {
      readonly op: 'managementEvents';
      readonly readWrite: 'ALL' | 'READ_ONLY' | 'WRITE_ONLY' | 'NONE';
      readonly excludeKms: boolean;
    };

const readWrite = fc.constantFrom<'ALL' | 'READ_ONLY' | 'WRITE_ONLY' | 'NONE'>(
  'ALL',
  'READ_ONLY',
  'WRITE_ONLY',
  'NONE',
);
export const selectorOp: fc.Arbitrary<SelectorOp> = fc.oneof(
  fc.record(
    {
      op: fc.constantFrom<'allS3' | 'allLambda' | 'allDynamoDb'>('allS3', 'allLambda', 'allDynamoDb'),
      readWrite: fc.option(readWrite, { nil: undefined }),
    },
    { requiredKeys: ['op'] },
  ),
  fc.record(
    {
      op: fc.constant<'s3Objects'>('s3Objects'),
      bucketName: fc.constantFrom('app-data', 'other-data-bucket'),
      objectPrefix: fc.option(fc.constantFrom('uploads/', 'x'), { nil: undefined }),
    },
    { requiredKeys: ['op', 'bucketName'] },
  ),
  fc.record({
    op: fc.constant<'advanced'>('advanced'),
    shape: fc.constantFrom<'dataWithPrefix' | 'dataNoType' | 'managementWithType' | 'longName' | 'eventNames'>(
      'dataWithPrefix',
      'dataNoType',
      'managementWithType',
      'longName',
      'eventNames',
    ),
  }),
  fc.record(
    {
      op: fc.constant<'network'>('network'),
      sources: fc.uniqueArray(fc.constantFrom<'EC2' | 'KMS' | 'S3' | 'CLOUDTRAIL'>('EC2', 'KMS', 'S3', 'CLOUDTRAIL'), {
        maxLength: 3,
      }),
      accessDeniedOnly: fc.option(fc.boolean(), { nil: undefined }),
    },
    { requiredKeys: ['op', 'sources'] },
  ),
  fc.record({
    op: fc.constant<'insight'>('insight'),
    type: fc.constantFrom<'API_CALL_RATE' | 'API_ERROR_RATE'>('API_CALL_RATE', 'API_ERROR_RATE'),
    data: fc.boolean(),
  }),
  fc.record({
    op: fc.constant<'aggregate'>('aggregate'),
    templates: fc.uniqueArray(
      fc.constantFrom<'API_ACTIVITY' | 'RESOURCE_ACCESS' | 'USER_ACTIONS'>(
        'API_ACTIVITY',
        'RESOURCE_ACCESS',
        'USER_ACTIONS',
      ),
      { maxLength: 3 },
    ),
  }),
  fc.record({ op: fc.constant<'managementEvents'>('managementEvents'), readWrite, excludeKms: fc.boolean() }),
);

export interface TrailSpec {
  readonly trailName: Opt<StrSpec>;
  readonly s3KeyPrefix: Opt<StrSpec>;
  readonly isMultiRegionTrail: Opt<boolean>;
  readonly includeGlobalServiceEvents: Opt<boolean>;
  readonly enableLogFileValidation: Opt<boolean>;
  readonly isLogging: Opt<boolean>;
  readonly organizationId: Opt<string>;
  readonly managementAccountId: Opt<string>;
  readonly bucket: Opt<RefSpec>;
  readonly encryptionKey: Opt<RefSpec>;
  readonly accessLogsBucket: Opt<RefSpec>;
  readonly accessLogsExpirationDays: Opt<number>;
  readonly objectLockRetention: Opt<ObjectLockSpec>;
  readonly logFileTransitions: Opt<TransitionSpec[]>;
  readonly logFileExpirationDays: Opt<number>;
  readonly sendSnsNotifications: Opt<boolean>;
  readonly snsTopic: Opt<RefSpec>;
  readonly sendToCloudWatchLogs: Opt<boolean>;
  readonly cloudWatchLogGroup: Opt<RefSpec>;
  readonly cloudWatchLogsRole: Opt<RefSpec>;
  readonly cloudWatchLogsEncryptionKey: Opt<RefSpec>;
  readonly cloudWatchLogsRetention: Opt<number>;
  readonly removalPolicy: Opt<RemovalSpec>;
  readonly allowLogBucketDataEvents: Opt<boolean>;
  readonly tags: Opt<Record<string, string>>;
  /** Event selection calls, in order, after construction. */
  readonly selectors: SelectorOp[];
  /** Pass null (as jsii languages do) for every option a selection call leaves out, instead of omitting it. */
  readonly nullOptions: boolean;
}

const tagKey = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:/=+@-]{0,20}$/), weight: 5 },
  { arbitrary: fc.constantFrom('aws:x', 'AWS:cost', 'k'.repeat(129)), weight: 1 },
);
const tagValue = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{0,20}$/), weight: 5 },
  { arbitrary: fc.constantFrom('v'.repeat(257)), weight: 1 },
);

export const trailSpec: fc.Arbitrary<TrailSpec> = fc
  .record({
    trailName: optional(strOrToken(trailName)),
    s3KeyPrefix: optional(strOrToken(s3KeyPrefix)),
    isMultiRegionTrail: optional(fc.boolean()),
    includeGlobalServiceEvents: optional(fc.boolean()),
    enableLogFileValidation: optional(fc.boolean()),
    isLogging: optional(fc.boolean()),
    organizationId: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: organizationId, weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
    managementAccountId: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: accountId, weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
    bucket: optional(ref),
    encryptionKey: optional(ref),
    accessLogsBucket: optional(ref),
    accessLogsExpirationDays: optional(days),
    objectLockRetention: optional(objectLock),
    logFileTransitions: optional(transitions),
    logFileExpirationDays: optional(days),
    sendSnsNotifications: optional(fc.boolean()),
    snsTopic: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: ref, weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
    sendToCloudWatchLogs: optional(fc.boolean()),
    cloudWatchLogGroup: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: ref, weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
    cloudWatchLogsRole: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: ref, weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
    cloudWatchLogsEncryptionKey: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: ref, weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
    cloudWatchLogsRetention: optional(retention),
    removalPolicy: optional(removal),
    allowLogBucketDataEvents: optional(fc.boolean()),
    tags: optional(fc.dictionary(tagKey, tagValue, { maxKeys: 3 })),
    selectors: fc.array(selectorOp, { maxLength: 2 }),
    nullOptions: fc.boolean(),
  })
  // A management account is mostly given with its organization (alone, the library refuses it: still generated, via
  // null).
  .map((t) =>
    typeof t.managementAccountId === 'string' && t.organizationId === undefined
      ? { ...t, organizationId: 'o-a1b2c3d4e5' }
      : t,
  );

/** Tag rules of CloudTrail (and IAM's value pattern for the tags on the resources made with the trail). */
export function tagProblems(tags: Record<string, string>): string[] {
  return Object.entries(tags).flatMap(([k, v]) => [
    ...(k.length < 1 || k.length > 128 ? [`tag key length ${k.length}`] : []),
    ...(/^aws:/i.test(k) ? [`tag key '${k}' reserved`] : []),
    ...(v.length > 256 ? [`tag value length ${v.length}`] : []),
  ]);
}

/**
 * Reasons a trail's own props are invalid by AWS's rules (selectors and cross-construct rules are judged elsewhere).
 */
export function trailProblems(t: TrailSpec): string[] {
  const problems: string[] = [];
  const name =
    literal(t.trailName) ?? (typeof t.trailName === 'object' && t.trailName !== null ? t.trailName.sample : undefined);
  if (name !== undefined) {
    const p = trailNameProblem(name);
    if (p) problems.push(p);
  }
  const prefix =
    literal(t.s3KeyPrefix) ??
    (typeof t.s3KeyPrefix === 'object' && t.s3KeyPrefix !== null ? t.s3KeyPrefix.sample : undefined);
  if (prefix !== undefined) {
    const p = prefixProblem(prefix);
    if (p) problems.push(p);
  }
  if (t.isMultiRegionTrail !== false && t.includeGlobalServiceEvents === false) {
    problems.push('multi-Region without global service events');
  }
  if (typeof t.organizationId === 'string' && !ORGANIZATION_ID.test(valueOf(t.organizationId))) {
    problems.push(`organizationId '${t.organizationId}'`);
  }
  if (typeof t.managementAccountId === 'string') {
    const p = accountProblem(t.managementAccountId);
    if (p) problems.push(p);
  }
  for (const d of [t.accessLogsExpirationDays, t.logFileExpirationDays]) {
    if (typeof d === 'number' && !validDays(d)) problems.push(`days ${d}`);
  }
  if (t.objectLockRetention) {
    const p = objectLockProblem(t.objectLockRetention);
    if (p) problems.push(p);
  }
  if (
    typeof t.cloudWatchLogsRetention === 'number' &&
    !(RETENTIONS as readonly number[]).includes(t.cloudWatchLogsRetention)
  ) {
    problems.push(`retention ${t.cloudWatchLogsRetention}`);
  }
  if (t.tags) problems.push(...tagProblems(t.tags));
  return problems;
}
