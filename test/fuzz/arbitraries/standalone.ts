import * as fc from 'fast-check';
import { ref, RefSpec } from './resources';
import {
  accountId,
  objectLock,
  ObjectLockSpec,
  organizationId,
  removal,
  RemovalSpec,
  transitions,
  TransitionSpec,
} from './trail';
import { account, days, nameChars, Opt, optional, region, StrSpec, strOrToken } from './values';

/*
 * The building blocks used on their own, as a log-archive account does: TrailBucket (and its allow... methods),
 * TrailAccessLogsBucket, TrailKey (and its allow... methods) and TrailTopic, with names (literal or token) over and
 * outside their documented rules.
 */

/** S3 bucket names: 3-63 of [a-z0-9.-], edges alphanumeric, no '..', '.-', '-.', not an IP, no reserved affix. */
export function bucketNameProblem(n: string): string | undefined {
  if (n.length < 3 || n.length > 63) return `bucket name length ${n.length}`;
  if (!/^[a-z0-9.-]+$/.test(n)) return 'bucket name characters';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(n)) return 'bucket name edges';
  if (/\.\.|\.-|-\./.test(n)) return 'bucket name adjacent periods';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(n)) return 'bucket name IP';
  if (/^(xn--|sthree-|amzn-s3-demo-)|(-s3alias|--ol-s3)$/.test(n)) return 'bucket name reserved';
  return undefined;
}
const bucketName = fc.oneof(
  {
    arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/).filter((n) => bucketNameProblem(n) === undefined),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom('ab', 'Upper-Case', 'a..b', 'xn--logs', 'logs-s3alias', '192.168.5.4', 'b'.repeat(64)),
    weight: 1,
  },
);

/** KMS alias names (CreateAlias): alias/ + 1-250 of [a-zA-Z0-9:/_-], not alias/aws/. The prefix is optional here. */
export function aliasProblem(a: string): string | undefined {
  const name = a.replace(/^alias\//, '');
  if (name.length < 1 || name.length > 250) return 'alias length';
  if (!/^[a-zA-Z0-9:/_-]+$/.test(name)) return 'alias characters';
  if (/^aws\//.test(name)) return 'alias reserved';
  return undefined;
}
const alias = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom('', 'alias/'), fc.stringMatching(/^[a-zA-Z0-9_-][a-zA-Z0-9:/_-]{0,30}$/))
      .map(([p, n]) => p + n)
      .filter((a) => aliasProblem(a) === undefined),
    weight: 4,
  },
  { arbitrary: fc.constantFrom('alias/aws/cloudtrail', 'aws/s3', 'has space', 'alias/', ''), weight: 1 },
);

/** SNS topic names: 1-256 of [A-Za-z0-9_-] (no .fifo for CloudTrail). */
export const topicNameProblem = (n: string) => (/^[A-Za-z0-9_-]{1,256}$/.test(n) ? undefined : `topic name '${n}'`);
const topicName = fc.oneof(
  { arbitrary: nameChars(1, 20, 'abcXYZ019_-'), weight: 4 },
  { arbitrary: fc.constantFrom('', 'x.fifo', 'has space', 't'.repeat(257)), weight: 1 },
);

export interface TrailBucketSpec {
  readonly bucketName: Opt<StrSpec>;
  readonly encryptionKey: Opt<RefSpec>;
  readonly accessLogsBucket: Opt<RefSpec>;
  readonly accessLogsExpirationDays: Opt<number>;
  readonly accessLogsPrefix: Opt<string>;
  readonly objectLockRetention: Opt<ObjectLockSpec>;
  readonly objectLockEnabled: Opt<boolean>;
  readonly transitions: Opt<TransitionSpec[]>;
  readonly expirationDays: Opt<number>;
  readonly removalPolicy: Opt<RemovalSpec>;
  readonly organizationId: Opt<string>;
  readonly replication: Opt<{ readonly account: string; readonly region: string; readonly withKey: boolean }>;
  /** Calls made on it: trails of these ARNs (account, Region) and these accounts' trails. */
  readonly allowTrailArns: Array<{
    readonly account: string;
    readonly region: string;
    readonly prefix?: string | null;
  }>;
  readonly allowAccounts: Opt<string[]>;
}
export const trailBucket: fc.Arbitrary<TrailBucketSpec> = fc.record({
  bucketName: optional(strOrToken(bucketName)),
  encryptionKey: optional(ref),
  accessLogsBucket: optional(ref),
  accessLogsExpirationDays: optional(days),
  accessLogsPrefix: optional(fc.constantFrom('access/', 'x', '')),
  objectLockRetention: optional(objectLock),
  objectLockEnabled: optional(fc.boolean()),
  transitions: optional(transitions),
  expirationDays: optional(days),
  removalPolicy: optional(removal),
  organizationId: optional(organizationId),
  replication: optional(fc.record({ account, region, withKey: fc.boolean() })),
  allowTrailArns: fc.array(
    fc.record(
      { account, region, prefix: fc.constantFrom(undefined, null, 'org', '/bad/') },
      { requiredKeys: ['account', 'region'] },
    ),
    { maxLength: 2 },
  ),
  allowAccounts: optional(fc.array(accountId, { maxLength: 3 })),
});

export interface TrailKeySpec {
  readonly alias: Opt<StrSpec>;
  readonly description: Opt<StrSpec>;
  readonly removalPolicy: Opt<RemovalSpec>;
  readonly pendingWindowDays: Opt<number>;
  readonly allowTrailArns: Array<{ readonly account: string; readonly region: string }>;
  readonly allowAccounts: Opt<string[]>;
  readonly allowCloudWatchLogs: boolean;
}
export const trailKey: fc.Arbitrary<TrailKeySpec> = fc.record({
  alias: optional(strOrToken(alias)),
  description: optional(
    strOrToken(
      fc.oneof(
        { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
        { arbitrary: fc.constant('d'.repeat(8193)), weight: 1 },
      ),
    ),
  ),
  removalPolicy: optional(removal),
  pendingWindowDays: optional(
    fc.oneof(
      { arbitrary: fc.integer({ min: 7, max: 30 }), weight: 4 },
      { arbitrary: fc.constantFrom(6, 31, 0), weight: 1 },
    ),
  ),
  allowTrailArns: fc.array(fc.record({ account, region }), { maxLength: 2 }),
  allowAccounts: optional(fc.array(accountId, { maxLength: 3 })),
  allowCloudWatchLogs: fc.boolean(),
});

export interface AccessLogsSpec {
  readonly bucketName: Opt<StrSpec>;
  readonly expirationDays: Opt<number>;
  readonly removalPolicy: Opt<RemovalSpec>;
  readonly encryptionKey: Opt<RefSpec>;
  readonly logOwnAccess: Opt<boolean>;
}
export const accessLogs: fc.Arbitrary<AccessLogsSpec> = fc.record({
  bucketName: optional(strOrToken(bucketName)),
  expirationDays: optional(days),
  removalPolicy: optional(removal),
  encryptionKey: optional(ref),
  logOwnAccess: optional(fc.boolean()),
});

export interface TopicSpec {
  readonly topicName: Opt<StrSpec>;
  readonly masterKey: RefSpec | 'awsManaged';
}
export const topic: fc.Arbitrary<TopicSpec> = fc.record({
  topicName: optional(strOrToken(topicName)),
  masterKey: fc.oneof({ arbitrary: ref, weight: 4 }, { arbitrary: fc.constant<'awsManaged'>('awsManaged'), weight: 1 }),
});

export interface StandaloneSpec {
  readonly bucket?: TrailBucketSpec;
  readonly key?: TrailKeySpec;
  readonly accessLogs?: AccessLogsSpec;
  readonly topic?: TopicSpec;
}
export const standalone: fc.Arbitrary<StandaloneSpec> = fc.record(
  { bucket: trailBucket, key: trailKey, accessLogs, topic },
  { requiredKeys: [] },
);
