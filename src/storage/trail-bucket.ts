import { Arn, ArnFormat, Duration, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
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
import { accountList, BUCKET_NAME, checkPattern, checkSameEnv, checkPolicySize, checkRemovalPolicy, ORGANIZATION_ID, TRAIL_ARN, wholeDays } from '../private/prop-checks';
import { definedProps } from '../private/props';
import { acknowledgeFindings, addStatementsOrWarn } from '../private/resource-policies';
import { addWithUniqueSid } from '../private/sids';

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
   * The S3 key prefix the trails write under.
   *
   * @default - no prefix
   */
  readonly s3KeyPrefix?: string;

  /**
   * The organization of an organization trail: CloudTrail then also writes member accounts' logs under
   * `[prefix/]AWSLogs/<organization id>/*`.
   *
   * @default - not an organization trail
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

/**
 * An S3 bucket hardened for CloudTrail log files: Block Public Access, SSE-KMS with S3 Bucket Keys,
 * versioning, bucket-owner-enforced ownership, TLS 1.2+ only, server access logs to a separate bucket,
 * lifecycle rules, Object Lock with a default retention, EventBridge notifications, and kept when the
 * stack is deleted.
 *
 * CloudTrail can write only where `allowTrail` says, and only for that trail (`aws:SourceArn`).
 */
export class TrailBucket extends s3.Bucket {
  /** The key objects are encrypted with by default. */
  public readonly trailKey: kms.IKey;

  /** The bucket that receives this bucket's S3 server access logs. */
  public readonly accessLogsBucket: s3.IBucket;

  /** Accounts allowed by `allowAccountTrails`, for the size message. */
  private accounts?: Set<string>;

  constructor(scope: Construct, id: string, given: TrailBucketProps = {}) {
    const props = definedProps(given);
    const path = `${scope.node.path}/${id}`;
    const objectLockEnabled = props.objectLockEnabled ?? true;
    const retention = objectLockEnabled ? props.objectLockRetention ?? DEFAULT_RETENTION : undefined;
    const expiration = checkRetention(path, retention, props);
    checkNames(path, props);
    const replication = checkReplicaKey(path, props.replication);
    super(scope, id, {
      ...HARDENED_BUCKET,
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey ?? new TrailKey(scope, `${id}Key`),
      bucketKeyEnabled: true,
      // The default retention goes on the L1 below: the L2 takes days only, S3 takes days or years.
      objectLockEnabled,
      replicationRules: replication ? [{
        destination: replication.destination,
        kmsKey: replication.destinationKey,
        sseKmsEncryptedObjects: true,
        deleteMarkerReplication: false,
        priority: 0,
      }] : undefined,
      lifecycleRules: [{
        id: 'TrailLogFiles',
        abortIncompleteMultipartUploadAfter: Duration.days(7),
        // The default transition is left out before an expiration at or under 90 days: S3 rejects a transition that
        // is not before the expiration, and the files are deleted by then anyway.
        transitions: props.transitions ?? (expiration !== undefined && expiration <= 90 ? undefined : DEFAULT_TRANSITIONS),
        expiration: props.expiration,
        noncurrentVersionExpiration: props.expiration,
      }],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.trailKey = this.encryptionKey!;
    if (retention) {
      (this.node.defaultChild as s3.CfnBucket).objectLockConfiguration = {
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: retention.mode, days: retention.days, years: retention.years } },
      };
    }
    enableEventBridge(this);

    this.accessLogsBucket = this.logAccess(props);

    this.limitPolicySize();
    if (props.organizationId) this.addToResourcePolicy(denyOutsideOrganizationStatement(this.bucketArn, props.organizationId));
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
    this.allow([trail.trailArn], [trail.env.account], definedProps(options));
  }

  /**
   * Like `allowTrail`, for a trail known by its ARN (for example, one in another account).
   */
  public allowTrailArn(trailArn: string, options: AllowTrailOptions = {}): void {
    checkPattern(this.node.path, 'trailArn', trailArn, TRAIL_ARN);
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
    const unique = accountList(this.node.path, accounts);
    const partition = Stack.of(this).partition;
    this.accounts = new Set([...this.accounts ?? [], ...unique]);
    this.allow(unique.map((account) => `arn:${partition}:cloudtrail:*:${account}:trail/*`), unique, definedProps(options));
  }

  /**
   * Lets a principal (of this or another account, such as an audit account) read CloudTrail log files in this
   * bucket, and nothing else of it. When the bucket's key is a `TrailKey`, also decrypt them (only data whose
   * encryption context names a CloudTrail trail).
   */
  public grantReadLogs(grantee: iam.IGrantable, given: GrantReadLogsOptions = {}): iam.Grant {
    const options = definedProps(given);
    const statements = (options.ownerIds ?? ['*']).flatMap((id) => logFilesReadStatements(this.bucketArn, options.s3KeyPrefix, id));
    const grant = grantAll(grantee, statements, this);
    return this.trailKey instanceof TrailKey ? grant.combine(this.trailKey.grantDecryptLogs(grantee)) : grant;
  }

  /**
   * Server access logs, to the given bucket or one made here. Wired on the L1: the L2's `serverAccessLogsBucket`
   * grants delivery with an ACL unless an app-level feature flag is set, and ACLs cannot exist on owner-enforced buckets.
   */
  private logAccess(props: TrailBucketProps): s3.IBucket {
    const madeHere = !props.accessLogsBucket;
    if (props.accessLogsBucket && props.accessLogsExpiration) {
      throw new Error(`${this.node.path}: 'accessLogsExpiration' applies to the access-log bucket this construct makes, but ` +
        '\'accessLogsBucket\' is given. Set the expiration on your access-log bucket instead.');
    }
    if (props.accessLogsBucket) checkAccessLogsEnv(this, props.accessLogsBucket);
    const target = props.accessLogsBucket ?? new TrailAccessLogsBucket(this, 'AccessLogs', {
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
    if (target instanceof TrailAccessLogsBucket) {
      target.allowLogDeliveryFrom(this, prefix);
    } else {
      addStatementsOrWarn(this, target, [
        accessLogDeliveryStatement(target.bucketArn, prefix, this.bucketArn, Stack.of(this).account),
      ], { id: 'accessLogsBucketPolicy', what: `The access-log bucket of ${this.node.path}` });
    }
    return target;
  }

  /** S3 takes bucket policies up to 20 KB; `allowAccountTrails` with many accounts could write more. */
  private limitPolicySize(): void {
    checkPolicySize(this, () => (this.policy?.node.defaultChild as s3.CfnBucketPolicy | undefined)?.policyDocument, {
      bytes: 20480,
      what: () => `the bucket policy${this.accounts ? ` (allowAccountTrails lists ${this.accounts.size} accounts)` : ''}`,
      fix: 'allow an organization trail (allowTrailArn with organizationId: one path for every member account), or spread the accounts over several buckets',
    });
  }

  private allow(trailArns: string[], accounts: string[], options: AllowTrailOptions): void {
    checkPattern(this.node.path, 'organizationId', options.organizationId, ORGANIZATION_ID);
    const identity: TrailIdentity = { trailArns, encryptionContexts: [] };
    const owners = options.organizationId ? [...accounts, options.organizationId] : accounts;
    addWithUniqueSid(this, bucketAclCheckStatement(this.bucketArn, identity));
    addWithUniqueSid(this, bucketWriteStatement(this.bucketArn, options.s3KeyPrefix, owners, identity));
  }
}

const DEFAULT_RETENTION = TrailObjectLock.governance(Duration.days(365));
const DEFAULT_TRANSITIONS = [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }];
const TRANSITIONS = '\'transitions\' (SecureTrail: \'logFileTransitions\')';

/** S3 DefaultRetention: whole days from 1 to 36500, or whole years from 1 to 100. */
function checkLock(path: string, retention: TrailObjectLock): void {
  const [amount, unit, max] = retention.years !== undefined ? [retention.years, 'years', 100] : [retention.days ?? 0, 'days', 36500];
  if (Token.isUnresolved(amount) || (Number.isInteger(amount) && amount >= 1 && amount <= max)) return;
  throw new Error(`${path}: 'objectLockRetention' '${Number(amount.toFixed(2))} ${unit}' is not a whole number of ${unit} from 1 to ${max}; ` +
    `S3 rejects the Object Lock DefaultRetention. Fix: give whole ${unit} from 1 to ${max} (e.g. TrailObjectLock.governance(Duration.days(365)) ` +
    'or TrailObjectLock.governanceYears(1)).');
}

/**
 * Retention, transitions and expiration must agree with each other; S3 and Object Lock would otherwise reject or
 * ignore them. Returns the expiration in days, when known.
 */
function checkRetention(path: string, retention: TrailObjectLock | undefined, props: TrailBucketProps): number | undefined {
  if (retention) checkLock(path, retention);
  const expiration = wholeDays(path, 'expiration', props.expiration, 1, Infinity, 'S3 expires objects after a whole number of days, at least 1');
  const locked = retention?.minimumDays;
  if (expiration !== undefined && locked !== undefined && expiration < locked) {
    throw new Error(`${path}: 'expiration' (${expiration} days) ends before the Object Lock retention (${locked} days, ` +
      `${retention!.mode}): locked log files cannot be deleted then. Fix: set 'expiration' to at least ${locked} days, or shorten the retention.`);
  }
  for (const transition of props.transitions ?? []) {
    const cls = transition.storageClass.value;
    const after = wholeDays(path, 'transitions', transition.transitionAfter, 0, Infinity, `S3 transitions objects to ${cls} after a whole number of days`);
    if (after === undefined) continue;
    if (expiration !== undefined && after >= expiration) {
      throw new Error(`${path}: ${TRANSITIONS} to ${cls} after '${after}' days is not before 'expiration' (${expiration} days); ` +
        'S3 rejects the lifecycle rule. Fix: transition earlier or expire later.');
    }
    const infrequent = [s3.StorageClass.INFREQUENT_ACCESS.value, s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS.value];
    if (infrequent.includes(cls) && after < 30) {
      throw new Error(`${path}: ${TRANSITIONS} to ${cls} after '${after}' days: S3 only transitions objects to ${cls} after 30 days or more. ` +
        `Fix: transition to ${cls} after 30 days or more, or choose GLACIER_IR or GLACIER for earlier transitions.`);
    }
  }
  return expiration;
}

/** What CloudFormation would reject of the bucket's own settings. */
function checkNames(path: string, props: TrailBucketProps): void {
  checkRemovalPolicy(path, props.removalPolicy, 'AWS::S3::Bucket');
  checkPattern(path, 'bucketName', props.bucketName, BUCKET_NAME);
  checkPattern(path, 'organizationId', props.organizationId, ORGANIZATION_ID);
}

/** S3 server access logging delivers only to a bucket in the source bucket's Region and account. */
function checkAccessLogsEnv(source: s3.Bucket, target: s3.IBucket): void {
  const check = (what: 'Region' | 'account', theirs: string, mine: string) => checkSameEnv(source.node.path, '\'accessLogsBucket\'', what,
    { theirs, mine }, `S3 server access logging delivers only to a bucket in the source bucket's ${what}`,
    `use an access-log bucket in ${mine}, or leave 'accessLogsBucket' out to have one made.`);
  check('Region', target.env.region, source.env.region);
  check('account', target.env.account, source.env.account);
}

/** The replication as given (null counts as unset): S3 encrypts replicas with a key in the destination bucket's Region. */
function checkReplicaKey(path: string, given: TrailBucketReplication | undefined): TrailBucketReplication | undefined {
  if (!given) return undefined;
  const replication = definedProps(given);
  const bucketRegion = replication.destination.env.region;
  checkSameEnv(path, '\'replication\' destinationKey', 'Region', { theirs: replication.destinationKey?.env.region, mine: bucketRegion },
    'S3 encrypts replicas only with a key in the destination bucket\'s Region', `use a key (or a multi-Region replica key) in ${bucketRegion}.`);
  return replication;
}

const REPLICATION_REASON = 'Cross-Region replication is opt-in: it needs a destination bucket in another Region and doubles storage cost.';

