import { Arn, ArnFormat, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TrailAccessLogsBucket } from './access-logs-bucket';
import { enableEventBridge } from './bucket-notifications';
import { TrailObjectLock } from './trail-object-lock';
import { TrailKey } from '../encryption/trail-key';
import { ITrail } from '../interfaces/itrail';
import { logFilesReadStatements } from '../policies/grant-statements';
import {
  accessLogDeliveryStatement,
  bucketAclCheckStatement,
  bucketWriteStatement,
  denyOutsideOrganizationStatement,
  TrailIdentity,
} from '../policies/trail-statements';
import { HARDENED_BUCKET } from '../private/bucket-defaults';
import { grantAll } from '../private/grants';
import { definedProps } from '../private/props';
import { acknowledgeFindings, addStatementsOrWarn } from '../private/resource-policies';
import { addWithUniqueSid } from '../private/sids';
import { checkBesideTrail } from '../validation/beside-trail';
import { checkedAccounts, propNamesOf } from '../validation/prop-checks';
import { checkProps, checkResources } from '../validation/report';
import { ORGANIZATION_ID } from '../validation/rules/identifiers';
import { KMS_KEY_SYMMETRIC } from '../validation/rules/kms';
import { Rule } from '../validation/rules/rule';
import {
  rejectedProps,
  S3_ACCESS_LOGS_ACCOUNT,
  S3_ACCESS_LOGS_EXPIRATION_CONFLICT,
  S3_ACCESS_LOGS_REGION,
  S3_BUCKET_PROP_RULES,
  S3_BUCKET_REMOVAL_POLICY,
  S3_EXPIRATION_BEFORE_RETENTION,
  S3_EXPIRATION_DAYS,
  S3_OBJECT_LOCK_RETENTION,
  S3_REPLICATION_DESTINATION_VERSIONING,
  S3_REPLICATION_KEY_REGION,
  S3_TEMPLATE_RULES,
  TRAIL_ARN_FORMAT,
} from '../validation/rules/s3';

/**
 * Properties of a `TrailBucket`.
 */
export interface TrailBucketProps {
  /**
   * A physical name for the bucket.
   *
   * @default - CloudFormation generates one
   */
  readonly bucketName?: string;

  /**
   * The KMS key the bucket encrypts objects with by default (with S3 Bucket Keys).
   *
   * @default - a new `TrailKey`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where S3 server access logs of this bucket go. If the bucket is not managed by this app, a warning
   * lists the statement its policy needs.
   *
   * @default - a new `TrailAccessLogsBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * Delete this bucket's server access logs this long after they are written. Only for an access-log bucket
   * made here.
   *
   * @default - access logs are kept
   */
  readonly accessLogsExpiration?: Duration;

  /**
   * The key prefix of this bucket's server access logs in the access-log bucket.
   *
   * @default - no prefix when the access-log bucket is made here; otherwise `<bucket name>/` for a bucket given a
   * `bucketName`, and `<id unique in the stack>/` (e.g. `TrailBucket6C1E344E/`) for one CloudFormation names, since
   * its generated name cannot be part of its own properties
   */
  readonly accessLogsPrefix?: string;

  /**
   * The Object Lock default retention applied to every log file.
   *
   * @default TrailObjectLock.governance(Duration.days(365))
   */
  readonly objectLockRetention?: TrailObjectLock;

  /**
   * Turn Object Lock on. It can only be turned on when the bucket is created.
   *
   * @default true
   */
  readonly objectLockEnabled?: boolean;

  /**
   * Transitions of log files to colder storage classes.
   *
   * @default - to S3 Glacier Flexible Retrieval after 90 days
   */
  readonly transitions?: s3.Transition[];

  /**
   * Delete log files this long after they are written. Must not be shorter than the Object Lock retention.
   *
   * @default - log files are kept
   */
  readonly expiration?: Duration;

  /**
   * What happens to the bucket when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * The AWS Organizations organization the bucket belongs to. When set, the bucket policy denies every
   * request from a principal outside the organization (AWS services, such as CloudTrail, excepted).
   *
   * @default - no organization boundary
   */
  readonly organizationId?: string;

  /**
   * Replicate log files to a bucket in another Region (the destination must have versioning on).
   *
   * @default - no replication
   */
  readonly replication?: TrailBucketReplication;
}

/**
 * Replication of a `TrailBucket` to a bucket in another Region.
 */
export interface TrailBucketReplication {
  /** The destination bucket. */
  readonly destination: s3.IBucket;

  /**
   * The KMS key in the destination Region that replicas are encrypted with.
   *
   * @default - the destination bucket's default encryption
   */
  readonly destinationKey?: kms.IKey;
}

/**
 * Options for allowing trails to write to a `TrailBucket`.
 */
export interface AllowTrailOptions {
  /**
   * The S3 key prefix the trails write under. For `allowTrail`, a value that is not the trail's own `s3KeyPrefix` is
   * an error at synth.
   *
   * @default - for `allowTrail`, the trail's `s3KeyPrefix`; otherwise no prefix
   */
  readonly s3KeyPrefix?: string;

  /**
   * The organization of an organization trail: CloudTrail then also writes member accounts' logs under
   * `[prefix/]AWSLogs/<organization id>/*`. For `allowTrail`, a value that is not the trail's own `organizationId` is
   * an error at synth.
   *
   * @default - for `allowTrail`, the trail's `organizationId`; otherwise not an organization trail
   */
  readonly organizationId?: string;
}

/**
 * Options for `TrailBucket.grantReadLogs`.
 */
export interface GrantReadLogsOptions {
  /**
   * The S3 key prefix the trails write under.
   *
   * @default - no prefix
   */
  readonly s3KeyPrefix?: string;

  /**
   * The accounts (or organization id) whose log files may be read: `[prefix/]AWSLogs/<id>/*` for each.
   *
   * @default - the log files of every account and organization in the bucket
   */
  readonly ownerIds?: string[];
}

/** Marks a TrailBucket of any copy of this library: `isTrailBucket` reads it. */
const TRAIL_BUCKET_SYMBOL = Symbol.for('cdk-cloudtrail-kit.TrailBucket');

/**
 * An S3 bucket hardened for CloudTrail log files: Block Public Access, SSE-KMS with S3 Bucket Keys,
 * versioning, bucket-owner-enforced ownership, TLS 1.2+ only, server access logs to a separate bucket,
 * lifecycle rules, Object Lock with a default retention, EventBridge notifications, and kept when the
 * stack is deleted.
 *
 * CloudTrail can write only where `allowTrail` says, and only for that trail (`aws:SourceArn`).
 */
export class TrailBucket extends s3.Bucket {
  /**
   * Whether `x` is a `TrailBucket`, also one made by another copy of this library (an app and a library it uses each
   * depending on this one), where `instanceof` is false.
   */
  public static isTrailBucket(x: any): x is TrailBucket {
    return x !== null && typeof x === 'object' && TRAIL_BUCKET_SYMBOL in x;
  }

  /** The key objects are encrypted with by default. */
  public readonly trailKey: kms.IKey;

  /** The bucket that receives this bucket's S3 server access logs. */
  public readonly accessLogsBucket: s3.IBucket;

  /** Accounts allowed by `allowAccountTrails`, for the size message. */
  private accounts?: Set<string>;

  constructor(scope: Construct, id: string, props: TrailBucketProps = {}) {
    // The props as written (their names, for messages), then with JavaScript nulls as unset.
    const given = props;
    props = definedProps(given);
    const objectLockEnabled = props.objectLockEnabled ?? true;
    const givenRetention = objectLockEnabled ? (props.objectLockRetention ?? DEFAULT_RETENTION) : undefined;
    const replication = props.replication ? definedProps(props.replication) : undefined;
    const checks = bucketChecks(Stack.of(scope), props, givenRetention, replication);
    // Values a rule rejects are left out, so aws-cdk-lib (which cannot convert 1.5 days) does not fail first in its own
    // words.
    const rejected = new Set(
      checks.flatMap(({ rules, input, propNames }) =>
        [...rejectedProps(rules, input)].map((key) => propNames?.[key] ?? key),
      ),
    );
    const retention = rejected.has('objectLockRetention') ? undefined : givenRetention;
    const lifecycleOk = !rejected.has('expiration') && !rejected.has('transitions');
    super(scope, id, {
      ...HARDENED_BUCKET,
      bucketName: rejected.has('bucketName') ? undefined : props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey ?? new TrailKey(scope, `${id}Key`),
      bucketKeyEnabled: true,
      // The default retention goes on the L1 below: the L2 takes days only, S3 takes days or years.
      objectLockEnabled,
      replicationRules: replication
        ? [
            {
              destination: replication.destination,
              kmsKey: replication.destinationKey,
              sseKmsEncryptedObjects: true,
              deleteMarkerReplication: false,
              priority: 0,
            },
          ]
        : undefined,
      lifecycleRules: [logFilesLifecycle(props, lifecycleOk)],
      removalPolicy: (rejected.has('removalPolicy') ? undefined : props.removalPolicy) ?? RemovalPolicy.RETAIN,
    });
    Object.defineProperty(this, TRAIL_BUCKET_SYMBOL, { value: true });
    for (const { rules, input, propNames } of checks) {
      checkProps(this, rules, input, { propNames: propNamesOf(given, propNames) });
    }
    this.trailKey = this.encryptionKey!;
    if (retention) {
      (this.node.defaultChild as s3.CfnBucket).objectLockConfiguration = {
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: retention.mode, days: retention.days, years: retention.years } },
      };
    }
    enableEventBridge(this);

    // The access-log bucket made here gets only what the rules above accept, so its own rules do not report it again.
    this.accessLogsBucket = this.logAccess({
      ...props,
      removalPolicy: rejected.has('removalPolicy') ? undefined : props.removalPolicy,
      accessLogsExpiration: rejected.has('accessLogsExpiration') ? undefined : props.accessLogsExpiration,
    });

    if (props.organizationId && !rejected.has('organizationId')) {
      this.addToResourcePolicy(denyOutsideOrganizationStatement(this.bucketArn, props.organizationId));
    }
    this.checkFinalProperties();
    if (!props.replication) {
      acknowledgeFindings(this, {
        'HIPAA.Security-S3BucketReplicationEnabled': REPLICATION_REASON,
        'NIST.800.53.R4-S3BucketReplicationEnabled': REPLICATION_REASON,
        'NIST.800.53.R5-S3BucketReplicationEnabled': REPLICATION_REASON,
        'PCI.DSS.321-S3BucketReplicationEnabled': REPLICATION_REASON,
      });
    }
  }

  /**
   * Lets one trail write its log files to `[prefix/]AWSLogs/<trail account>/*` (and, for an organization
   * trail, `[prefix/]AWSLogs/<organization id>/*`) and check the bucket ACL, each only when
   * `aws:SourceArn` is that trail.
   */
  public allowTrail(trail: ITrail, options: AllowTrailOptions = {}): void {
    options = definedProps(options);
    // A conflicting id or prefix is reported with the app's other errors, and nothing is allowed.
    if (!checkBesideTrail(this, trail, options, true)) return;
    this.allow([trail.trailArn], [trail.env.account], {
      s3KeyPrefix: options.s3KeyPrefix ?? trail.s3KeyPrefix ?? undefined,
      organizationId: options.organizationId ?? trail.organizationId ?? undefined,
    });
  }

  /**
   * Like `allowTrail`, for a trail known by its ARN (for example, one in another account).
   */
  public allowTrailArn(trailArn: string, options: AllowTrailOptions = {}): void {
    // A value that is no ARN is left out: Arn.split would fail on it in its own words.
    if (!checkProps(this, [TRAIL_ARN_FORMAT], { trailArn })) return;
    this.allow([trailArn], [Arn.split(trailArn, ArnFormat.SLASH_RESOURCE_NAME).account!], definedProps(options));
  }

  /**
   * Lets every trail of the given accounts write to `[prefix/]AWSLogs/<account>/*` and check the bucket ACL:
   * `aws:SourceArn` must be a trail of those accounts. One statement lists every account and path, as the
   * CloudTrail User Guide's policy for multiple accounts does: one statement per account (binding each account to
   * its own path) would not fit 40 accounts in the 20 KB S3 allows. Log file validation still tells which trail
   * wrote a file.
   */
  public allowAccountTrails(accounts: string[], options: AllowTrailOptions = {}): void {
    const unique = checkedAccounts(this, accounts);
    if (unique.length === 0) return;
    const partition = Stack.of(this).partition;
    this.accounts = new Set([...(this.accounts ?? []), ...unique]);
    this.allow(
      unique.map((account) => `arn:${partition}:cloudtrail:*:${account}:trail/*`),
      unique,
      definedProps(options),
    );
  }

  /**
   * Lets a principal (of this or another account, such as an audit account) read CloudTrail log files in this
   * bucket, and nothing else of it. When the bucket's key is a `TrailKey`, also decrypt them (only data whose
   * encryption context names a CloudTrail trail).
   */
  public grantReadLogs(grantee: iam.IGrantable, options: GrantReadLogsOptions = {}): iam.Grant {
    options = definedProps(options);
    const statements = (options.ownerIds ?? ['*']).flatMap((id) =>
      logFilesReadStatements(this.bucketArn, options.s3KeyPrefix, id),
    );
    const grant = grantAll(grantee, statements, this);
    return TrailKey.isTrailKey(this.trailKey) ? grant.combine(this.trailKey.grantDecryptLogs(grantee)) : grant;
  }

  /**
   * Server access logs, to the given bucket or one made here. Wired on the L1: the L2's `serverAccessLogsBucket`
   * grants delivery with an ACL unless an app-level feature flag is set, and ACLs cannot exist on owner-enforced
   * buckets.
   */
  private logAccess(props: TrailBucketProps): s3.IBucket {
    const madeHere = !props.accessLogsBucket;
    const target =
      props.accessLogsBucket ??
      new TrailAccessLogsBucket(this, 'AccessLogs', {
        removalPolicy: props.removalPolicy,
        expiration: props.accessLogsExpiration,
      });
    // A generated name is known only once the bucket exists: a prefix made of it would refer the bucket to itself.
    const name = props.bucketName ?? Names.uniqueId(this);
    const prefix = props.accessLogsPrefix ?? (madeHere ? '' : `${name}/`);
    (this.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: target.bucketName,
      logFilePrefix: prefix || undefined,
    };
    if (TrailAccessLogsBucket.isTrailAccessLogsBucket(target)) {
      target.allowLogDeliveryFrom(this, prefix);
    } else {
      addStatementsOrWarn(
        this,
        target,
        [accessLogDeliveryStatement(target.bucketArn, prefix, this.bucketArn, Stack.of(this).account)],
        { id: 'accessLogsBucketPolicy', what: `The access-log bucket of ${this.node.path}` },
      );
    }
    return target;
  }

  /**
   * Checks every resource made so far (the bucket, its policy, the access-log bucket's) as the template holds it, at
   * each synth. The policy size names the accounts allowAccountTrails lists, read at synth (the prop name is a getter).
   */
  private checkFinalProperties(): void {
    const bucket = this;
    checkResources(this, S3_TEMPLATE_RULES, {
      get PolicyDocument() {
        return bucket.accounts ? `policy: allowAccountTrails lists ${bucket.accounts.size} accounts` : 'policy';
      },
    });
  }

  private allow(trailArns: string[], accounts: string[], options: AllowTrailOptions): void {
    if (!checkProps(this, [ORGANIZATION_ID], { organizationId: options.organizationId })) return;
    const identity: TrailIdentity = { trailArns, encryptionContexts: [] };
    const owners = options.organizationId ? [...accounts, options.organizationId] : accounts;
    addWithUniqueSid(this, bucketAclCheckStatement(this.bucketArn, identity));
    addWithUniqueSid(this, bucketWriteStatement(this.bucketArn, options.s3KeyPrefix, owners, identity));
  }
}

const DEFAULT_RETENTION = TrailObjectLock.governance(Duration.days(365));
const DEFAULT_TRANSITIONS = [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }];
/**
 * The rules over the props of a TrailBucket, with their input keyed by prop name (`bucket`: the bucket's own
 * environment).
 */
function bucketChecks(
  stack: Stack,
  props: TrailBucketProps,
  retention: TrailObjectLock | undefined,
  replication: TrailBucketReplication | undefined,
): Array<{
  rules: readonly Rule<Record<string, unknown>>[];
  input: Record<string, unknown>;
  propNames?: Record<string, string>;
}> {
  return [
    {
      rules: [
        ...S3_BUCKET_PROP_RULES,
        S3_OBJECT_LOCK_RETENTION,
        S3_EXPIRATION_BEFORE_RETENTION,
        S3_BUCKET_REMOVAL_POLICY,
        S3_ACCESS_LOGS_EXPIRATION_CONFLICT,
        S3_ACCESS_LOGS_REGION,
        S3_ACCESS_LOGS_ACCOUNT,
        S3_REPLICATION_KEY_REGION,
        S3_REPLICATION_DESTINATION_VERSIONING,
      ],
      input: {
        bucketName: props.bucketName,
        expiration: props.expiration,
        transitions: props.transitions,
        objectLockRetention: retention,
        removalPolicy: props.removalPolicy,
        accessLogsBucket: props.accessLogsBucket,
        accessLogsExpiration: props.accessLogsExpiration,
        replication,
        bucket: { env: { region: stack.region, account: stack.account } },
      },
    },
    // The expiration rule, on the access-log bucket's expiration as this construct's prop names it.
    {
      rules: [S3_EXPIRATION_DAYS],
      input: { expiration: props.accessLogsExpiration },
      propNames: { expiration: 'accessLogsExpiration' },
    },
    // Rules that read every prop of their input as an id, or a key: each gets its own.
    { rules: [ORGANIZATION_ID], input: { organizationId: props.organizationId } },
    { rules: [KMS_KEY_SYMMETRIC], input: { encryptionKey: props.encryptionKey } },
  ];
}

/** The lifecycle of log files: the user's expiration and transitions only when no rule rejects them (`kept`). */
function logFilesLifecycle(props: TrailBucketProps, kept: boolean): s3.LifecycleRule {
  const expirationDays = kept ? wholeDaysOf(props.expiration) : undefined;
  return {
    id: 'TrailLogFiles',
    abortIncompleteMultipartUploadAfter: Duration.days(7),
    // The default transition is left out before an expiration at or under 90 days: S3 rejects a transition that
    // is not before the expiration, and the files are deleted by then anyway.
    transitions:
      (kept ? props.transitions : undefined) ??
      (expirationDays !== undefined && expirationDays <= 90 ? undefined : DEFAULT_TRANSITIONS),
    expiration: kept ? props.expiration : undefined,
    noncurrentVersionExpiration: kept ? props.expiration : undefined,
  };
}

/** The whole days of a duration known at synth, or undefined. */
function wholeDaysOf(duration: Duration | undefined): number | undefined {
  if (duration === undefined || duration.isUnresolved()) return undefined;
  const days = duration.toDays({ integral: false });
  return Number.isInteger(days) ? days : undefined;
}

const REPLICATION_REASON =
  'Cross-Region replication is opt-in: it needs a destination bucket in another Region and doubles storage cost.';
