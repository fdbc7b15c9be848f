import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { TrailRuleSeverity } from '../rule-info';
import { asList, asLiteral, field, isUnknown } from '../values';
import { literals, PropValues } from './identifiers';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';

/*
 * Amazon S3 constraints on the buckets this library makes (the trail bucket and its access-log bucket). Rules over
 * props read an input keyed by prop name (`{ expiration, transitions }`), so SecureTrail calls the same rule with its
 * own names; rules over AWS::S3::Bucket read the final template, so escape-hatch overrides are checked too. Helpers
 * for props shared by the other services' rules (days, removal policies, environments) live here, once.
 */

// ---- helpers shared by the prop rules of s3.ts, kms.ts, sns.ts, logs.ts, events.ts and cloudwatch.ts ----

/** A rule over props: `prop` is the input key a finding names by default. */
export function propRule<T = PropValues>(
  rule: Omit<Rule<T>, 'cfnProperty' | 'severity'> & { severity?: TrailRuleSeverity },
): Rule<T> {
  return { severity: TrailRuleSeverity.ERROR, ...rule, cfnProperty: '-' };
}

/**
 * The input keys some rule finds an error in (`transitions` for a finding at `transitions[1]`), for a construct that
 * runs
 * its rules before `super()` (when it cannot yet report on itself) to leave those values out of what it makes; it
 * reports the same rules with checkProps once it exists. A rule that throws rejects nothing: the report warns of it.
 */
export function rejectedProps<T>(rules: readonly Rule<T>[], input: T): Set<string> {
  const rejected = new Set<string>();
  for (const rule of rules) {
    if (rule.severity !== TrailRuleSeverity.ERROR) continue;
    let findings: RuleFinding[] = [];
    try {
      findings = rule.check(input);
    } catch {
      findings = [];
    }
    for (const finding of findings) rejected.add((finding.at ?? rule.prop).split(/[.[]/)[0]);
  }
  return rejected;
}

/** A rule over one resource type's final template properties. */
export function templateRule(
  rule: Omit<Rule<Properties>, 'severity'> & { severity?: TrailRuleSeverity },
): Rule<Properties> {
  return { severity: TrailRuleSeverity.ERROR, ...rule };
}

/** Days of a duration, fractions kept; undefined for unset, null or a token (never wrong). */
export function daysOf(duration: unknown): number | undefined {
  if (duration === undefined || duration === null || !(duration instanceof Duration) || duration.isUnresolved()) {
    return undefined;
  }
  return duration.toDays({ integral: false });
}

/** `1.5 days`, `8.33 days`: what a user reads for a duration. */
export function daysText(days: number, unit = 'days'): string {
  return `${Number(days.toFixed(2))} ${unit}`;
}

/** A literal number (not a token), or undefined. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && !Token.isUnresolved(value)) return value;
  const text = asLiteral(value);
  return text !== undefined && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Whole days within a range, from a prop holding a Duration. */
export function wholeDaysRule(info: {
  id: string;
  prop: string;
  constraint: string;
  source: string;
  min: number;
  max: number;
  what: string;
}): Rule<PropValues> {
  const range =
    info.max === Infinity ? `at least ${info.min} day${info.min === 1 ? '' : 's'}` : `${info.min} to ${info.max} days`;
  return propRule({
    id: info.id,
    resourceType: '-',
    prop: info.prop,
    constraint: info.constraint,
    source: info.source,
    fix: `use whole days, ${range}`,
    check: (values) => {
      const days = daysOf(values[info.prop]);
      if (days === undefined || (Number.isInteger(days) && days >= info.min && days <= info.max)) return [];
      const example = Math.min(Math.max(Math.round(days), info.min), info.max);
      return [
        {
          at: info.prop,
          value: daysText(days),
          problem: `is not a whole number of days from ${range}; ${info.what}`,
          fix: `use whole days, ${range} (e.g. Duration.days(${example}))`,
        },
      ];
    },
  });
}

/** CloudFormation's DeletionPolicy Snapshot exists only for resources with snapshots. */
export function removalPolicyRule(id: string, resourceType: string): Rule<PropValues> {
  return propRule({
    id,
    resourceType,
    prop: 'removalPolicy',
    constraint: `${resourceType} takes DeletionPolicy Retain, RetainExceptOnCreate or Delete, not Snapshot.`,
    source:
      'CloudFormation User Guide, DeletionPolicy attribute (Snapshot applies only to resources that support snapshots)',
    fix: 'use RemovalPolicy.RETAIN (the default, which keeps the logs) or RemovalPolicy.DESTROY',
    check: (values) =>
      values.removalPolicy === RemovalPolicy.SNAPSHOT
        ? [
            {
              at: 'removalPolicy',
              value: RemovalPolicy.SNAPSHOT,
              problem: `is not supported by ${resourceType}; CloudFormation rejects DeletionPolicy Snapshot on it`,
            },
          ]
        : [],
  });
}

/** What a resource's environment is known as: a literal, or undefined for a token. */
function literalEnv(value: unknown): string | undefined {
  return typeof value === 'string' && !Token.isUnresolved(value) ? value : undefined;
}

/** Something with an environment: a resource (`env`) or a plain `{ region, account }`. */
export type EnvHolder = { readonly env?: { readonly region?: string; readonly account?: string } } | undefined | null;

/** The Region or account of a resource, when known at synth. */
export function envOf(holder: unknown, what: 'region' | 'account'): string | undefined {
  const env = field(holder, 'env') ?? (holder as { env?: unknown } | undefined)?.env;
  return literalEnv(field(env, what) ?? (env as Record<string, unknown> | undefined)?.[what]);
}

/**
 * A resource that must share a Region or an account with another (`expected`, a key of the input holding an env):
 * reported when both are known at synth and differ.
 */
export function sameEnvRule(info: {
  id: string;
  resourceType: string;
  prop: string;
  constraint: string;
  source: string;
  fix: string;
  what: 'region' | 'account';
  expected: string;
  why: string;
}): Rule<PropValues> {
  return propRule({
    id: info.id,
    resourceType: info.resourceType,
    prop: info.prop,
    constraint: info.constraint,
    source: info.source,
    fix: info.fix,
    check: (values) => {
      const theirs = envOf(values[info.prop], info.what);
      const mine = envOf(values[info.expected], info.what) ?? literalEnv(values[info.expected]);
      if (theirs === undefined || mine === undefined || theirs === mine) return [];
      const label = info.what === 'region' ? 'Region' : 'account';
      return [
        {
          at: info.prop,
          value: theirs,
          problem: `is the ${label} of the ${info.prop}, but ${info.why} (${mine})`,
          fix: `${info.fix} (${label} ${mine})`,
        },
      ];
    },
  });
}

// ---- bucket names ----

const S3_NAMING = 'S3 User Guide, bucket naming rules (bucketnamingrules) / CloudFormation AWS::S3::Bucket BucketName';

/** What S3 refuses in a bucket name beyond its characters and length (S3 User Guide, bucketnamingrules). */
function bucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (!/^(?=.{3,63}$)[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    problems.push("is not 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit");
  }
  if (/\.\.|\.-|-\./.test(name)) problems.push('has two adjacent periods or a period next to a hyphen');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) problems.push('is in IP-address format');
  const reserved =
    ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => name.startsWith(p)) ??
    ['-s3alias', '--ol-s3', '.mrap', '--x-s3'].find((p) => name.endsWith(p));
  if (reserved !== undefined) problems.push(`uses '${reserved}', which S3 reserves`);
  return problems;
}

export const S3_BUCKET_NAME_FORMAT = propRule({
  id: 'S3_BUCKET_NAME_FORMAT',
  resourceType: 'AWS::S3::Bucket',
  prop: 'bucketName',
  constraint:
    "A bucket name is 3 to 63 lowercase letters, digits, '.' and '-', starts and ends with a letter or digit, has no two adjacent " +
    'periods and no period next to a hyphen, is not an IP address, and does not use a prefix or suffix S3 reserves (xn--, sthree-, ' +
    'amzn-s3-demo-; -s3alias, --ol-s3, .mrap, --x-s3).',
  source: S3_NAMING,
  fix: "use a name such as 'my-trail-logs-111111111111'",
  check: (values) =>
    literals({ bucketName: values.bucketName }).flatMap(({ at, value }) => {
      const problems = bucketNameProblems(value);
      return problems.length === 0
        ? []
        : [
            {
              at,
              value,
              problem: `is not a valid S3 bucket name: it ${problems.join('; it ')}; S3 refuses it`,
            },
          ];
    }),
});

// ---- lifecycle ----

const LIFECYCLE =
  'S3 User Guide, lifecycle-transition-general-considerations (supported transitions, minimum days) / S3 API Reference, Transition Days; ' +
  'PutBucketLifecycleConfiguration InvalidArgument';

/** The order S3 transitions objects in (the lifecycle "waterfall"); a transition goes only further down. */
const WATERFALL = ['STANDARD_IA', 'INTELLIGENT_TIERING', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'];
/** Transitions S3 refuses although they go down the list: One Zone-IA never moves to Glacier Instant Retrieval. */
const UNSUPPORTED = new Set(['ONEZONE_IA>GLACIER_IR']);
/**
 * Days an object stays in a class before a lifecycle rule may move it on, as S3 enforces it on the configuration
 * (InvalidArgument "'Days' in the 'Transition' action for StorageClass 'DEEP_ARCHIVE' ... must be 90 days more than ...
 * StorageClass 'GLACIER'"): the minimum storage duration of the infrequent-access and Glacier classes.
 */
const MINIMUM_STAY: Readonly<Record<string, number>> = { STANDARD_IA: 30, ONEZONE_IA: 30, GLACIER_IR: 90, GLACIER: 90 };
const INFREQUENT = ['STANDARD_IA', 'ONEZONE_IA'];

/** One transition as the rules read it: where it is, its class and days (undefined: a token or a date). */
export interface TransitionFacts {
  readonly at: string;
  readonly storageClass?: string;
  readonly days?: number;
}

/** The transitions of a `transitions` prop (aws-cdk-lib `s3.Transition[]`), by index. */
function transitionsOf(values: PropValues, prop = 'transitions'): TransitionFacts[] {
  const list = asList(values[prop]) ?? [];
  return list.flatMap((t, i) => {
    if (t === null || typeof t !== 'object') return [];
    const cls = (t as { storageClass?: { value?: unknown } }).storageClass?.value;
    return [
      {
        at: `${prop}[${i}]`,
        storageClass: asLiteral(cls),
        days: daysOf((t as { transitionAfter?: unknown }).transitionAfter),
      },
    ];
  });
}

/** Findings of the waterfall: order, unsupported steps, and the minimum stay in a class before the next. */
export function transitionOrderFindings(
  transitions: readonly TransitionFacts[],
  daysName: string,
): { order: RuleFinding[]; stay: RuleFinding[] } {
  const known = transitions
    .filter((t) => t.days !== undefined && t.storageClass !== undefined && WATERFALL.includes(t.storageClass))
    .slice()
    .sort((a, b) => a.days! - b.days!);
  const order: RuleFinding[] = [];
  const stay: RuleFinding[] = [];
  for (let i = 1; i < known.length; i++) {
    const before = known[i - 1];
    const after = known[i];
    const from = before.storageClass!;
    const to = after.storageClass!;
    if (WATERFALL.indexOf(to) <= WATERFALL.indexOf(from) || UNSUPPORTED.has(`${from}>${to}`)) {
      order.push({
        at: after.at,
        value: `${to} after ${after.days} days`,
        problem:
          `follows the transition to ${from} (${before.at}, after ${before.days} days), but S3 does not transition objects from ${from} to ${to}; ` +
          'it rejects the lifecycle configuration',
        fix: `order the transitions along ${WATERFALL.join(' > ')} (One Zone-IA never to GLACIER_IR), e.g. transition to ${to} before ${from} or drop one`,
      });
      continue;
    }
    const minimum = MINIMUM_STAY[from] ?? 0;
    const gap = after.days! - before.days!;
    if (gap <= 0 || gap < minimum) {
      stay.push({
        at: after.at,
        value: `${to} after ${after.days} days`,
        problem:
          `comes ${gap} days after the transition to ${from} (${before.at}); S3 requires ${minimum > 0 ? `at least ${minimum}` : 'more than 0'} ` +
          `days in ${from} before the next transition and rejects the lifecycle configuration`,
        fix: `set ${daysName} of the ${to} transition to ${before.days! + Math.max(minimum, 1)} or more`,
      });
    }
  }
  return { order, stay };
}

export const S3_EXPIRATION_DAYS = wholeDaysRule({
  id: 'S3_EXPIRATION_DAYS',
  prop: 'expiration',
  constraint: 'A lifecycle expiration is a whole number of days, at least 1.',
  source:
    'S3 API Reference, LifecycleExpiration Days (positive integer) / CloudFormation AWS::S3::Bucket Rule ExpirationInDays',
  min: 1,
  max: Infinity,
  what: 'S3 expires objects after a whole number of days, at least 1',
});

export const S3_TRANSITION_DAYS = propRule({
  id: 'S3_TRANSITION_DAYS',
  resourceType: 'AWS::S3::Bucket',
  prop: 'transitions',
  constraint: 'A lifecycle transition happens a whole number of days (0 or more) after creation.',
  source: 'S3 API Reference, Transition Days / CloudFormation AWS::S3::Bucket Transition TransitionInDays',
  fix: 'use whole days (e.g. Duration.days(90))',
  check: (values) =>
    (asList(values.transitions) ?? []).flatMap((t, i) => {
      const days = daysOf(
        t !== null && typeof t === 'object' ? (t as { transitionAfter?: unknown }).transitionAfter : undefined,
      );
      if (days === undefined || (Number.isInteger(days) && days >= 0)) return [];
      const cls = asLiteral((t as { storageClass?: { value?: unknown } }).storageClass?.value) ?? 'its class';
      return [
        {
          at: `transitions[${i}]`,
          value: daysText(days),
          problem: `is not a whole number of days; S3 transitions objects to ${cls} after whole days only`,
        },
      ];
    }),
});

export const S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM = propRule({
  id: 'S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM',
  resourceType: 'AWS::S3::Bucket',
  prop: 'transitions',
  constraint: 'Objects transition to STANDARD_IA or ONEZONE_IA at least 30 days after creation.',
  source: LIFECYCLE,
  fix: 'transition to STANDARD_IA or ONEZONE_IA after 30 days or more, or choose GLACIER_IR or GLACIER for earlier transitions',
  check: (values) =>
    transitionsOf(values)
      .filter(
        (t) =>
          INFREQUENT.includes(t.storageClass ?? '') && t.days !== undefined && Number.isInteger(t.days) && t.days < 30,
      )
      .map((t) => ({
        at: t.at,
        value: `${t.storageClass} after ${t.days} days`,
        problem:
          `is too early: S3 only transitions objects to ${t.storageClass} after 30 days or more` +
          ' and rejects the lifecycle configuration',
        fix: `transition to ${t.storageClass} after 30 days or more, or choose GLACIER_IR or GLACIER for earlier transitions`,
      })),
});

export const S3_TRANSITION_ORDER = propRule({
  id: 'S3_TRANSITION_ORDER',
  resourceType: 'AWS::S3::Bucket',
  prop: 'transitions',
  constraint:
    `Transitions go down the S3 lifecycle waterfall, by days: ${WATERFALL.join(' > ')}; One Zone-IA never moves to GLACIER_IR, and no class ` +
    'moves back to a warmer one.',
  source: LIFECYCLE,
  fix: `order the transitions along ${WATERFALL.join(' > ')}`,
  check: (values) => transitionOrderFindings(transitionsOf(values), 'transitionAfter').order,
});

export const S3_TRANSITION_MINIMUM_STAY = propRule({
  id: 'S3_TRANSITION_MINIMUM_STAY',
  resourceType: 'AWS::S3::Bucket',
  prop: 'transitions',
  constraint:
    'A transition comes at least 30 days after one to STANDARD_IA or ONEZONE_IA, and at least 90 days after one to GLACIER_IR or GLACIER ' +
    '(S3 rejects e.g. DEEP_ARCHIVE less than 90 days after GLACIER); two transitions never share a day.',
  source: LIFECYCLE,
  fix: 'space the transitions by the minimum stay of the earlier class',
  check: (values) => transitionOrderFindings(transitionsOf(values), 'transitionAfter').stay,
});

export const S3_TRANSITION_BEFORE_EXPIRATION = propRule({
  id: 'S3_TRANSITION_BEFORE_EXPIRATION',
  resourceType: 'AWS::S3::Bucket',
  prop: 'transitions',
  constraint: 'Every transition of a lifecycle rule comes before its expiration.',
  source:
    'S3 User Guide, lifecycle-configuration-examples / intro-lifecycle-rules (an expiration before a transition is rejected: InvalidArgument)',
  fix: 'transition earlier or expire later',
  check: (values) => {
    const expiration = daysOf(values.expiration);
    if (expiration === undefined || !Number.isInteger(expiration)) return [];
    return transitionsOf(values)
      .filter((t) => t.days !== undefined && Number.isInteger(t.days) && t.days >= expiration)
      .map((t) => ({
        at: t.at,
        value: `${t.storageClass} after ${t.days} days`,
        problem: `is not before expiration (${expiration} days); S3 rejects the lifecycle rule`,
      }));
  },
});

// ---- Object Lock ----

const OBJECT_LOCK =
  'S3 API Reference, DefaultRetention (Days or Years, a positive integer; not both) / S3 User Guide object-lock (up to 100 years)';

/** An Object Lock retention as the rules read it (a `TrailObjectLock`). */
interface LockFacts {
  readonly mode?: unknown;
  readonly days?: unknown;
  readonly years?: unknown;
  readonly minimumDays?: unknown;
}

export const S3_OBJECT_LOCK_RETENTION = propRule({
  id: 'S3_OBJECT_LOCK_RETENTION',
  resourceType: 'AWS::S3::Bucket',
  prop: 'objectLockRetention',
  constraint:
    'An Object Lock default retention is whole days from 1 to 36500, or whole years from 1 to 100, in GOVERNANCE or COMPLIANCE mode.',
  source: OBJECT_LOCK,
  fix: 'give whole days from 1 to 36500 or whole years from 1 to 100 (e.g. TrailObjectLock.governance(Duration.days(365)) or TrailObjectLock.governanceYears(1))',
  check: (values) => {
    const lock = values.objectLockRetention as LockFacts | undefined | null;
    if (lock === undefined || lock === null) return [];
    const findings: RuleFinding[] = [];
    const mode = asLiteral(lock.mode);
    if (mode !== undefined && !['GOVERNANCE', 'COMPLIANCE'].includes(mode)) {
      findings.push({
        at: 'objectLockRetention',
        value: mode,
        problem: 'is not an Object Lock mode (GOVERNANCE or COMPLIANCE); S3 rejects it',
      });
    }
    const [amount, unit, max] =
      lock.years !== undefined && lock.years !== null ? [lock.years, 'years', 100] : [lock.days, 'days', 36500];
    const n = literalNumber(amount);
    if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= (max as number))) {
      findings.push({
        at: 'objectLockRetention',
        value: daysText(n, unit as string),
        problem: `is not a whole number of ${unit} from 1 to ${max}; ` + 'S3 rejects the Object Lock DefaultRetention',
        fix:
          `give whole ${unit} from 1 to ${max} (e.g. TrailObjectLock.governance(Duration.days(365)) ` +
          'or TrailObjectLock.governanceYears(1))',
      });
    }
    return findings;
  },
});

export const S3_EXPIRATION_BEFORE_RETENTION = propRule({
  id: 'S3_EXPIRATION_BEFORE_RETENTION',
  resourceType: 'AWS::S3::Bucket',
  prop: 'expiration',
  constraint:
    'A lifecycle expiration does not end before the Object Lock default retention: S3 cannot delete a locked version, so the rule ' +
    'only adds delete markers and the files stay, billed, until the lock ends.',
  source: 'S3 User Guide, object-lock-overview (lifecycle cannot delete locked object versions) / managing-object-lock',
  fix: 'set the expiration to at least the retention, or shorten the retention',
  check: (values) => {
    const expiration = daysOf(values.expiration);
    const lock = values.objectLockRetention as LockFacts | undefined | null;
    const locked = lock === undefined || lock === null ? undefined : literalNumber(lock.minimumDays);
    if (expiration === undefined || locked === undefined || !Number.isInteger(expiration) || expiration >= locked) {
      return [];
    }
    return [
      {
        at: 'expiration',
        value: daysText(expiration),
        problem:
          `ends before the Object Lock retention (${locked} days, ${asLiteral(lock!.mode) ?? 'locked'}): ` +
          'locked log files cannot be deleted then',
        fix: `set the expiration to at least ${locked} days, or shorten the retention`,
      },
    ];
  },
});

// ---- server access logging and replication ----

const ACCESS_LOGS =
  'S3 User Guide, ServerLogs / enable-server-access-logging (the destination bucket is in the same Region and account as the source)';

export const S3_ACCESS_LOGS_REGION = sameEnvRule({
  id: 'S3_ACCESS_LOGS_REGION',
  resourceType: 'AWS::S3::Bucket',
  prop: 'accessLogsBucket',
  constraint: "The server access log destination is in the source bucket's Region.",
  source: ACCESS_LOGS,
  fix: "use an access-log bucket in the bucket's Region, or leave accessLogsBucket out to have one made",
  what: 'region',
  expected: 'bucket',
  why: "S3 server access logging delivers only to a bucket in the source bucket's Region",
});

export const S3_ACCESS_LOGS_ACCOUNT = sameEnvRule({
  id: 'S3_ACCESS_LOGS_ACCOUNT',
  resourceType: 'AWS::S3::Bucket',
  prop: 'accessLogsBucket',
  constraint: "The server access log destination is in the source bucket's account.",
  source: ACCESS_LOGS,
  fix: "use an access-log bucket of the bucket's account, or leave accessLogsBucket out to have one made",
  what: 'account',
  expected: 'bucket',
  why: "S3 server access logging delivers only to a bucket in the source bucket's account",
});

export const S3_ACCESS_LOGS_EXPIRATION_CONFLICT = propRule({
  id: 'S3_ACCESS_LOGS_EXPIRATION_CONFLICT',
  resourceType: 'AWS::S3::Bucket',
  prop: 'accessLogsExpiration',
  constraint:
    'An access-log expiration is a lifecycle rule of the destination bucket: TrailBucket sets it only on an access-log bucket it makes.',
  source: "S3 User Guide, ServerLogs (the destination bucket's own lifecycle configuration governs its log objects)",
  fix: 'set the expiration on your access-log bucket instead, or leave accessLogsBucket out',
  check: (values) =>
    values.accessLogsExpiration !== undefined &&
    values.accessLogsExpiration !== null &&
    values.accessLogsBucket !== undefined &&
    values.accessLogsBucket !== null
      ? [
          {
            at: 'accessLogsExpiration',
            problem: 'applies to the access-log bucket this construct makes, but accessLogsBucket is given',
          },
        ]
      : [],
});

export const S3_ACCESS_LOGS_PREFIX_SHARED = propRule({
  id: 'S3_ACCESS_LOGS_PREFIX_SHARED',
  resourceType: 'AWS::S3::Bucket',
  prop: 'logOwnAccess',
  constraint:
    "Each source bucket logs under a prefix of its own in a destination that also logs itself: S3 delivers every source's logs " +
    'as objects named by the prefix and a timestamp, so sources sharing one prefix cannot be told apart.',
  source:
    'S3 User Guide, ServerLogs (TargetPrefix; log object key format [TargetPrefix]YYYY-mm-DD-HH-MM-SS-UniqueString)',
  fix: 'give that bucket an accessLogsPrefix',
  check: (values) =>
    values.logOwnAccess === true && values.prefix === '' && values.source !== values.destination
      ? [
          {
            at: 'logOwnAccess',
            value: true,
            problem:
              `writes this bucket's own logs under 'own-access/', so the logs of ${asLiteral(values.sourcePath) ?? 'another bucket'} ` +
              'need a prefix of their own',
          },
        ]
      : [],
});

export const S3_REPLICATION_KEY_REGION = propRule({
  id: 'S3_REPLICATION_KEY_REGION',
  resourceType: 'AWS::S3::Bucket',
  prop: 'replication',
  constraint: "Replicas are encrypted with a KMS key in the destination bucket's Region.",
  source: 'S3 User Guide, replication-config-for-kms-objects (ReplicaKmsKeyID: a key in the destination Region)',
  fix: "use a key (or a multi-Region replica key) in the destination bucket's Region",
  check: (values) => {
    const replication = values.replication as { destination?: unknown; destinationKey?: unknown } | undefined | null;
    if (replication === undefined || replication === null) return [];
    const key = envOf(replication.destinationKey, 'region');
    const bucket = envOf(replication.destination, 'region');
    return key !== undefined && bucket !== undefined && key !== bucket
      ? [
          {
            at: 'replication.destinationKey',
            value: key,
            problem:
              'is the Region of the replica key, but S3 encrypts replicas only with a key in the destination ' +
              `bucket's Region (${bucket})`,
            fix: `use a key (or a multi-Region replica key) in ${bucket}`,
          },
        ]
      : [];
  },
});

export const S3_REPLICATION_DESTINATION_VERSIONING = propRule({
  id: 'S3_REPLICATION_DESTINATION_VERSIONING',
  resourceType: 'AWS::S3::Bucket',
  prop: 'replication',
  constraint: 'The replication destination has versioning enabled.',
  source: 'S3 User Guide, replication-requirements (both source and destination buckets must have versioning enabled)',
  fix: 'turn versioning on on the destination bucket (versioned: true)',
  check: (values) => {
    const destination = (values.replication as { destination?: unknown } | undefined | null)?.destination;
    // Only a bucket this app defines has a known versioning; an imported one is its owner's to configure.
    const child = (destination as { node?: { defaultChild?: unknown } } | undefined)?.node?.defaultChild as
      { cfnResourceType?: string } | undefined;
    if (child?.cfnResourceType !== 'AWS::S3::Bucket') return [];
    const status = field((child as { versioningConfiguration?: unknown }).versioningConfiguration, 'status');
    return status === 'Enabled' || isUnknown(status)
      ? []
      : [
          {
            at: 'replication.destination',
            value: (destination as { node: { path: string } }).node.path,
            problem:
              'does not have versioning enabled; S3 rejects a replication configuration whose destination is not versioned',
          },
        ];
  },
});

// ---- the trails a bucket (or key) lets write: method arguments of allowTrailArn / allowAccountTrails ----

export const TRAIL_ARN_FORMAT = propRule({
  id: 'TRAIL_ARN_FORMAT',
  resourceType: '-',
  prop: 'trailArn',
  constraint: 'A trail ARN is arn:<partition>:cloudtrail:<region>:<account>:trail/<name>.',
  source:
    'CloudTrail API Reference, Trail TrailARN / Service Authorization Reference, AWS CloudTrail resource types (trail ARN format)',
  fix: "pass the trail's ARN (trail.trailArn), not its name",
  check: (values) =>
    literals({ trailArn: values.trailArn })
      .filter(({ value }) => !/^arn:aws[a-z-]*:cloudtrail:[a-z0-9*-]+:\d{12}:trail\/.+$/.test(value))
      .map(({ at, value }) => ({
        at,
        value,
        problem:
          'is not a trail ARN (arn:<partition>:cloudtrail:<region>:<account>:trail/<name>); the aws:SourceArn ' +
          'condition would match no trail',
      })),
});

export const TRAIL_ACCOUNTS_GIVEN = propRule({
  id: 'TRAIL_ACCOUNTS_GIVEN',
  resourceType: '-',
  prop: 'accounts',
  constraint:
    'A statement allowing the trails of some accounts names at least one account (an empty aws:SourceArn list matches nothing).',
  source:
    'IAM User Guide, reference_policies_condition-single-vs-multi-valued-context-keys (a condition with no values never matches) / CloudTrail ' +
    'User Guide create-s3-bucket-policy-for-cloudtrail (multiple accounts)',
  fix: 'pass the ids of the accounts whose trails may write',
  check: (values) => {
    const accounts = values.accounts;
    if (accounts === undefined || accounts === null) return [{ at: 'accounts', problem: 'is missing' }];
    return Array.isArray(accounts) && accounts.length === 0
      ? [{ at: 'accounts', value: '[]', problem: 'is empty, so no trail could write' }]
      : [];
  },
});

export const S3_BUCKET_REMOVAL_POLICY = removalPolicyRule('S3_BUCKET_REMOVAL_POLICY', 'AWS::S3::Bucket');

/**
 * The rules over the lifecycle and Object Lock props of a trail bucket, input `{ expiration, transitions,
 * objectLockRetention }`
 * (aws-cdk-lib Duration, s3.Transition[], TrailObjectLock). A wrapping construct names its own props with
 * `propNames`, e.g. SecureTrail `{ expiration: 'logFileExpiration', transitions: 'logFileTransitions' }`.
 */
export const S3_LIFECYCLE_RULES: readonly Rule<PropValues>[] = [
  S3_EXPIRATION_DAYS,
  S3_TRANSITION_DAYS,
  S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM,
  S3_TRANSITION_ORDER,
  S3_TRANSITION_MINIMUM_STAY,
  S3_TRANSITION_BEFORE_EXPIRATION,
];

/** TrailBucket props the S3 prop rules read: its name and lifecycle. */
export const S3_BUCKET_PROP_RULES: readonly Rule<PropValues>[] = [S3_BUCKET_NAME_FORMAT, ...S3_LIFECYCLE_RULES];

// ---- rules over AWS::S3::Bucket and AWS::S3::BucketPolicy final properties ----

/** The transitions of a lifecycle rule in the template, by index. */
function templateTransitions(rule: unknown, at: string): TransitionFacts[] {
  return (asList(field(rule, 'Transitions')) ?? []).map((t, i) => ({
    at: `${at}.Transitions[${i}]`,
    storageClass: asLiteral(field(t, 'StorageClass')),
    days: literalNumber(field(t, 'TransitionInDays')),
  }));
}

function lifecycleRules(props: Properties): Array<{ rule: unknown; at: string }> {
  return (asList(field(props.LifecycleConfiguration, 'Rules')) ?? []).map((rule, i) => ({
    rule,
    at: `LifecycleConfiguration.Rules[${i}]`,
  }));
}

export const S3_LIFECYCLE_TRANSITIONS = templateRule({
  id: 'S3_LIFECYCLE_TRANSITIONS',
  resourceType: 'AWS::S3::Bucket',
  cfnProperty: 'LifecycleConfiguration',
  prop: 'lifecycleRules',
  constraint:
    "In the final template, each lifecycle rule's transitions go down the waterfall with their minimum stays, STANDARD_IA and ONEZONE_IA " +
    'come 30 days or more after creation, and the expiration comes after every transition.',
  source: LIFECYCLE,
  fix: 'order and space the transitions as S3 requires, and expire after the last one',
  check: (props) =>
    lifecycleRules(props).flatMap(({ rule, at }) => {
      const transitions = templateTransitions(rule, at);
      const { order, stay } = transitionOrderFindings(transitions, 'TransitionInDays');
      const early = transitions
        .filter((t) => INFREQUENT.includes(t.storageClass ?? '') && t.days !== undefined && t.days < 30)
        .map((t) => ({
          at: t.at,
          value: `${t.storageClass} after ${t.days} days`,
          problem: `is too early: S3 only transitions objects to ${t.storageClass} after 30 days or more`,
        }));
      const expiration = literalNumber(field(rule, 'ExpirationInDays'));
      const late =
        expiration === undefined
          ? []
          : transitions
              .filter((t) => t.days !== undefined && t.days >= expiration)
              .map((t) => ({
                at: t.at,
                value: `${t.storageClass} after ${t.days} days`,
                problem: `is not before ExpirationInDays (${expiration}); S3 rejects the lifecycle rule`,
              }));
      return [...early, ...order, ...stay, ...late];
    }),
});

export const S3_VERSIONING_REQUIRED = templateRule({
  id: 'S3_VERSIONING_REQUIRED',
  resourceType: 'AWS::S3::Bucket',
  cfnProperty: 'VersioningConfiguration',
  prop: 'versioned',
  constraint:
    'A bucket with a replication configuration or Object Lock has versioning enabled (and an Object Lock bucket cannot suspend it); ' +
    'a replication configuration names a role.',
  source:
    'S3 User Guide, replication-requirements / object-lock-overview (Object Lock works only in versioned buckets; versioning cannot be suspended) ' +
    '/ CloudFormation AWS::S3::Bucket ReplicationConfiguration Role (required)',
  fix: 'keep versioning enabled (VersioningConfiguration Status Enabled) and give the replication a role',
  check: (props) => {
    const status = field(props.VersioningConfiguration, 'Status');
    const findings: RuleFinding[] = [];
    const versioned = status === 'Enabled' || isUnknown(status) || isUnknown(props.VersioningConfiguration);
    const replication = props.ReplicationConfiguration;
    if (replication !== undefined && !isUnknown(replication)) {
      if (!versioned) {
        findings.push({
          value: status ?? 'not set',
          problem:
            'is not Enabled, but the bucket has a ReplicationConfiguration; S3 rejects replication from an unversioned bucket',
        });
      }
      if (field(replication, 'Role') === undefined) {
        findings.push({ at: 'ReplicationConfiguration.Role', problem: 'is missing; S3 replicates only with a role' });
      }
    }
    const lock = props.ObjectLockEnabled;
    if ((lock === true || lock === 'true') && status === 'Suspended') {
      findings.push({
        value: status,
        problem: 'is Suspended on a bucket with Object Lock; S3 does not let an Object Lock bucket suspend versioning',
      });
    }
    return findings;
  },
});

export const S3_OBJECT_LOCK_CONFIGURATION = templateRule({
  id: 'S3_OBJECT_LOCK_CONFIGURATION',
  resourceType: 'AWS::S3::Bucket',
  cfnProperty: 'ObjectLockConfiguration',
  prop: 'objectLockRetention',
  constraint:
    'An ObjectLockConfiguration needs ObjectLockEnabled true; its DefaultRetention has a Mode (GOVERNANCE or COMPLIANCE) and Days (1-36500) ' +
    'or Years (1-100), not both.',
  source: `${OBJECT_LOCK} / CloudFormation AWS::S3::Bucket ObjectLockConfiguration`,
  fix: 'set ObjectLockEnabled, a mode, and either whole days or whole years',
  check: (props) => {
    const config = props.ObjectLockConfiguration;
    if (config === undefined || isUnknown(config)) return [];
    const findings: RuleFinding[] = [];
    const enabled = props.ObjectLockEnabled;
    if (enabled !== true && enabled !== 'true' && !isUnknown(enabled)) {
      findings.push({
        at: 'ObjectLockEnabled',
        value: enabled ?? 'not set',
        problem: 'is not true, but the bucket has an ObjectLockConfiguration',
      });
    }
    const retention = field(field(config, 'Rule'), 'DefaultRetention');
    if (retention === undefined) return findings;
    const at = 'ObjectLockConfiguration.Rule.DefaultRetention';
    const mode = asLiteral(field(retention, 'Mode'));
    if (mode !== undefined && !['GOVERNANCE', 'COMPLIANCE'].includes(mode)) {
      findings.push({ at: `${at}.Mode`, value: mode, problem: 'is not GOVERNANCE or COMPLIANCE' });
    }
    const days = literalNumber(field(retention, 'Days'));
    const years = literalNumber(field(retention, 'Years'));
    if (field(retention, 'Days') !== undefined && field(retention, 'Years') !== undefined) {
      findings.push({ at, problem: 'gives both Days and Years; S3 takes one' });
    }
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 36500)) {
      findings.push({ at: `${at}.Days`, value: days, problem: 'is not a whole number from 1 to 36500' });
    }
    if (years !== undefined && !(Number.isInteger(years) && years >= 1 && years <= 100)) {
      findings.push({ at: `${at}.Years`, value: years, problem: 'is not a whole number from 1 to 100' });
    }
    return findings;
  },
});

/**
 * The size of a policy document as the template holds it (references count at their template length): a close estimate.
 */
export function policySizeRule(info: {
  id: string;
  resourceType: string;
  cfnProperty: string;
  prop: string;
  bytes: number;
  source: string;
  fix: string;
  what: string;
}): Rule<Properties> {
  return templateRule({
    id: info.id,
    resourceType: info.resourceType,
    cfnProperty: info.cfnProperty,
    prop: info.prop,
    constraint: `${info.what} is at most ${info.bytes} characters.`,
    source: info.source,
    fix: info.fix,
    check: (props) => {
      const doc = props[info.cfnProperty];
      if (doc === undefined) return [];
      const size = JSON.stringify(doc).length;
      return size <= info.bytes
        ? []
        : [
            {
              value: `${size} characters`,
              problem: `is over the ${info.bytes} AWS allows for ${info.what.toLowerCase()}`,
            },
          ];
    },
  });
}

export const S3_BUCKET_POLICY_SIZE = policySizeRule({
  id: 'S3_BUCKET_POLICY_SIZE',
  resourceType: 'AWS::S3::BucketPolicy',
  cfnProperty: 'PolicyDocument',
  prop: 'policy',
  bytes: 20480,
  what: 'A bucket policy',
  source: 'S3 User Guide, bucket policies (a bucket policy is limited to 20 KB)',
  fix:
    'allow an organization trail (allowTrailArn with organizationId: one path for every member account) rather than many accounts with ' +
    'allowAccountTrails, or spread the accounts over several buckets',
});

export const S3_TEMPLATE_RULES: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  'AWS::S3::Bucket': [S3_LIFECYCLE_TRANSITIONS, S3_VERSIONING_REQUIRED, S3_OBJECT_LOCK_CONFIGURATION],
  'AWS::S3::BucketPolicy': [S3_BUCKET_POLICY_SIZE],
};

export const S3_RULES: readonly Rule<any>[] = [
  ...S3_BUCKET_PROP_RULES,
  S3_BUCKET_REMOVAL_POLICY,
  S3_OBJECT_LOCK_RETENTION,
  S3_EXPIRATION_BEFORE_RETENTION,
  S3_ACCESS_LOGS_REGION,
  S3_ACCESS_LOGS_ACCOUNT,
  S3_ACCESS_LOGS_EXPIRATION_CONFLICT,
  S3_ACCESS_LOGS_PREFIX_SHARED,
  S3_REPLICATION_KEY_REGION,
  S3_REPLICATION_DESTINATION_VERSIONING,
  S3_LIFECYCLE_TRANSITIONS,
  S3_VERSIONING_REQUIRED,
  S3_OBJECT_LOCK_CONFIGURATION,
  S3_BUCKET_POLICY_SIZE,
  TRAIL_ARN_FORMAT,
  TRAIL_ACCOUNTS_GIVEN,
];

export const S3_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'S3_OBJECT_LOCK_PERMANENT',
    resourceType: 'AWS::S3::Bucket',
    constraint:
      'Object Lock, once on, cannot be turned off, and versioning of an Object Lock bucket cannot be suspended.',
    source:
      'S3 User Guide, object-lock-configure ("After you enable Object Lock, you can\'t disable Object Lock or suspend versioning")',
    unchecked:
      "whether a deployed bucket has Object Lock on is the account's state; the upgrade tests keep every earlier configuration's bucket " +
      'unchanged, and CloudFormation reports the refused update',
  },
  {
    id: 'S3_ACCESS_LOGS_TARGET_ENCRYPTION',
    resourceType: 'AWS::S3::Bucket',
    constraint:
      'A server access log destination uses SSE-S3 default encryption: the S3 User Guide states SSE-KMS is not supported on it.',
    source:
      'S3 User Guide, enable-server-access-logging ("default bucket encryption on the destination bucket can be used only if SSE-S3 is selected")',
    unchecked:
      'a given accessLogsBucket may be imported (its encryption is not known at synth); TrailAccessLogsBucket uses SSE-S3 unless encryptionKey ' +
      'is given on purpose (Control Tower CT.S3.PR.10), which its docs flag',
  },
  {
    id: 'S3_ACCESS_LOGS_TARGET_NOT_SELF',
    resourceType: 'AWS::S3::Bucket',
    constraint: 'A bucket should not deliver its server access logs to itself (each delivery is logged in turn).',
    source: 'S3 User Guide, ServerLogs (a source bucket that is its own target bucket causes a logging loop)',
    unchecked:
      'not an error: TrailAccessLogsBucket logOwnAccess does it on purpose (Control Tower CT.S3.PR.2), under its own prefix, documented',
  },
  {
    id: 'S3_REPLICATION_PERMISSIONS',
    resourceType: 'AWS::S3::Bucket',
    constraint:
      'The replication role may read the source, replicate into the destination and use both KMS keys; the destination bucket policy allows it ' +
      'when in another account.',
    source: 'S3 User Guide, setting-repl-config-perm-overview / replication-config-for-kms-objects',
    unchecked:
      'aws-cdk-lib makes the role and its grants for the buckets and keys it knows; policies of a destination in another account are that ' +
      "account's to set and not known at synth",
  },
  {
    id: 'S3_NONCURRENT_VERSIONS',
    resourceType: 'AWS::S3::Bucket',
    constraint:
      'NoncurrentVersionExpiration NoncurrentDays is a positive whole number; noncurrent transitions follow the same waterfall and minimum days.',
    source: 'S3 API Reference, NoncurrentVersionExpiration / NoncurrentVersionTransition',
    unchecked:
      'the library sets NoncurrentDays to the expiration (checked by S3_EXPIRATION_DAYS) and emits no noncurrent transitions; an escape-hatch ' +
      'override is reported by cfn-lint and S3',
  },
  {
    id: 'S3_BUCKET_NAME_UNIQUE',
    resourceType: 'AWS::S3::Bucket',
    constraint: 'A bucket name is unique in its partition (BucketAlreadyExists / BucketAlreadyOwnedByYou).',
    source: 'S3 User Guide, bucketnamingrules / S3 API CreateBucket errors',
    unchecked:
      'names taken by other accounts are not known at synth; CloudFormation reports BucketAlreadyExists at deploy',
  },
];
