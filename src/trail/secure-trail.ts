import { Annotations, IResolvable, Lazy, Names, Tags, Token, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { importTrail, importTrailByName } from './imported-trail';
import { delegatedManagementAccount, manageTrailByArn, undecidedManagementAccount } from './private/by-arn';
import { aliasOf, checkSecureTrailProps, usableAccount } from './private/checks';
import { derivedKeyAlias, derivedNameBase, derivedTopicName } from './private/names';
import { allowTrailIn } from './private/policy-wiring';
import { SecureTrailProps } from './secure-trail-props';
import { TrailBase } from './trail-base';
import { CloudWatchLogsDelivery } from '../delivery/cloudwatch-logs-delivery';
import { TrailTopic } from '../delivery/trail-topic';
import { TrailKey } from '../encryption/trail-key';
import { ITrail, TrailAttributes } from '../interfaces/itrail';
import {
  bucketAclCheckStatement,
  bucketWriteStatement,
  keySnsPublishStatement,
  keyTrailStatements,
  topicPublishStatement,
  trailEncryptionContext,
  TrailIdentity,
} from '../policies/trail-statements';
import { dependOnUnreferenced } from '../private/dependencies';
import { findBucketNamed, findKeyByAlias } from '../private/log-archive-check';
import { definedProps } from '../private/props';
import { isAcknowledged, WARNING_PREFIX } from '../private/resource-policies';
import { AggregationTemplate } from '../selectors/categories';
import {
  AdvancedEventSelector,
  DataEventOptions,
  ManagementEventOptions,
  NetworkActivityEventOptions,
  S3ObjectSelection,
  TrailInsight,
} from '../selectors/options';
import { renderEventSelection, RenderedEventSelection } from '../selectors/render';
import { TrailEventSelection } from '../selectors/selection';
import { TrailBucket } from '../storage/trail-bucket';
import { withPropNames } from '../validation/prop-checks';
import { registerTrailValidation } from '../validation/register';
import { checkProps, reportRules } from '../validation/report';
import { SELECTION_LOGS_NOTHING, SelectionRejected } from '../validation/rules/selection';

/** Marks a SecureTrail of any copy of this library: `isSecureTrail` reads it. */
const SECURE_TRAIL_SYMBOL = Symbol.for('cdk-cloudtrail-kit.SecureTrail');

/**
 * An AWS CloudTrail trail that deploys the first time and is secure by default.
 *
 * With no props it makes a multi-Region trail with log file validation, a hardened log bucket (and its
 * access-log bucket), a rotated KMS key, and KMS-encrypted CloudWatch Logs delivery; every bucket,
 * key, topic and role policy names this trail in `aws:SourceArn` where AWS supports it.
 *
 * Its events are chosen with management, data and network activity selectors, Insights and data-event
 * aggregation. Simple and advanced forms mix freely: they are rendered once, at synth, as basic selectors when
 * those suffice and otherwise as equivalent advanced selectors.
 */
export class SecureTrail extends TrailBase {
  /**
   * Whether `x` is a `SecureTrail`, also one made by another copy of this library (an app and a library it uses each
   * depending on this one), where `instanceof` is false.
   */
  public static isSecureTrail(x: any): x is SecureTrail {
    return x !== null && typeof x === 'object' && SECURE_TRAIL_SYMBOL in x;
  }

  /**
   * Imports a trail by ARN. Its account and Region are read from the ARN.
   *
   * Only the trail is known: `grantReadLogs` needs `fromTrailAttributes` with the bucket.
   */
  public static fromTrailArn(scope: Construct, id: string, trailArn: string): ITrail {
    return importTrail(scope, id, { trailArn });
  }

  /**
   * Imports a trail of this stack's account and Region by name.
   *
   * Only the trail is known: `grantReadLogs` needs `fromTrailAttributes` with the bucket.
   */
  public static fromTrailName(scope: Construct, id: string, trailName: string): ITrail {
    return importTrailByName(scope, id, trailName);
  }

  /**
   * Imports a trail by ARN, with where it delivers its log files. Its account and Region are read from the ARN.
   */
  public static fromTrailAttributes(scope: Construct, id: string, attrs: TrailAttributes): ITrail {
    return importTrail(scope, id, attrs);
  }

  public readonly trailArn: string;
  public readonly trailName: string;

  /**
   * The bucket log files are delivered to. Always set, but optional in type as `ITrail.bucket` is (jsii keeps an
   * implementation as optional as its interface): `logBucket` is the same bucket, typed as set.
   */
  public readonly bucket?: s3.IBucket;
  /** The bucket log files are delivered to, made here or given as `bucket`. */
  public readonly logBucket: s3.IBucket;
  /** The S3 key prefix of the log files, if any. */
  public readonly s3KeyPrefix?: string;
  /**
   * The KMS key that encrypts log files. Always set, but optional in type as `ITrail.encryptionKey` is:
   * `logEncryptionKey` is the same key, typed as set.
   */
  public readonly encryptionKey?: kms.IKey;
  /** The KMS key that encrypts log files, made here or given as `encryptionKey`. */
  public readonly logEncryptionKey: kms.IKey;
  /** The CloudWatch Logs log group, when delivery to CloudWatch Logs is on. */
  public readonly logGroup?: logs.ILogGroup;
  /** Whether this is an organization trail (true with `organizationId`): always set. */
  public readonly isOrganizationTrail?: boolean;
  /** The organization of an organization trail. */
  public readonly organizationId?: string;
  /** The role CloudTrail assumes to deliver to CloudWatch Logs, when that delivery is on. */
  public readonly logsRole?: iam.IRole;
  /** The SNS topic notified of log-file deliveries, when notifications are on. */
  public readonly topic?: sns.ITopic;
  /** The underlying `AWS::CloudTrail::Trail`. */
  public readonly cfnTrail: cloudtrail.CfnTrail;

  private readonly selection: TrailEventSelection;
  /** What the derived key alias and topic name are built on (see private/names.ts). */
  private readonly nameBase: string;
  private rendered?: RenderedEventSelection;

  constructor(scope: Construct, id: string, props: SecureTrailProps = {}) {
    // A JavaScript caller's null counts as unset, for every prop and for the props themselves.
    props = definedProps(props);
    // A management account id that is not one is reported (by checkSecureTrailProps), and not used.
    const management = usableAccount(props.managementAccountId);
    // An organization trail made from a delegated administrator belongs to the management account.
    super(scope, id, {
      physicalName: props.trailName,
      account: delegatedManagementAccount(scope, props.organizationId, management),
    });
    Object.defineProperty(this, SECURE_TRAIL_SYMBOL, { value: true });
    checkSecureTrailProps(this, props);
    props = { ...props, managementAccountId: management };
    warnUndecidedManagementAccount(this, props);

    // The name (and so the ARN) is known before any resource exists, so every policy can name this
    // trail in aws:SourceArn without a dependency on the trail itself.
    this.trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: 128 });
    this.nameBase = derivedNameBase(this, this.trailName);
    this.trailArn = this.stack.formatArn({
      service: 'cloudtrail',
      resource: 'trail',
      resourceName: this.trailName,
      account: this.env.account,
    });
    this.s3KeyPrefix = props.s3KeyPrefix;
    this.isOrganizationTrail = Boolean(props.organizationId);
    this.organizationId = props.organizationId || undefined;
    this.selection = new TrailEventSelection({ allowLogBucketDataEvents: props.allowLogBucketDataEvents });
    this.node.addValidation({ validate: () => this.validateSelection() });
    const identity: TrailIdentity = {
      trailArns: [this.trailArn],
      encryptionContexts: [trailEncryptionContext(this.stack.partition, this.env.account)],
    };

    this.logEncryptionKey = this.encryptionKey = this.useKey(props, identity);
    this.logBucket = this.bucket = this.useBucket(props, identity);
    const delivery =
      (props.sendToCloudWatchLogs ?? true)
        ? new CloudWatchLogsDelivery(
            this,
            'CloudWatchLogs',
            withPropNames(
              {
                trail: this,
                logGroup: props.cloudWatchLogGroup,
                role: props.cloudWatchLogsRole,
                retention: props.cloudWatchLogsRetention,
                encryptionKey: props.cloudWatchLogsEncryptionKey ?? this.logEncryptionKey,
                removalPolicy: props.removalPolicy,
                organizationId: this.organizationId,
              },
              {
                retention: 'cloudWatchLogsRetention',
                encryptionKey: 'cloudWatchLogsEncryptionKey',
                logGroup: 'cloudWatchLogGroup',
              },
            ),
          )
        : undefined;
    this.logGroup = delivery?.logGroup;
    this.logsRole = delivery?.role;
    this.topic =
      (props.sendSnsNotifications ?? props.snsTopic !== undefined) ? this.useTopic(props, identity) : undefined;

    if (props.managementEvents) this.logManagementEvents(props.managementEvents);
    for (const insight of props.insights ?? []) this.addInsight(insight);
    if (props.dataEventAggregation) this.aggregateDataEvents(props.dataEventAggregation);

    this.cfnTrail = this.makeCfnTrail(props);
    // CloudTrail checks every policy when the trail is created: create them first (the bucket policy, the delivery
    // role's policy, the topic policy). What the trail refers to (the key and its policy, the log group, the role, the
    // topic) is ordered by the reference.
    const t = this.cfnTrail;
    const targets: Array<IConstruct | undefined> = [this.logBucket.policy, delivery, this.topic];
    dependOnUnreferenced(
      t,
      targets.filter((d): d is IConstruct => d !== undefined),
      [t.s3BucketName, t.kmsKeyId, t.snsTopicName, t.cloudWatchLogsLogGroupArn, t.cloudWatchLogsRoleArn],
    );
    if (this.env.account !== this.stack.account) {
      manageTrailByArn(this, this.cfnTrail, {
        trailArn: this.trailArn,
        managementAccountId: this.env.account,
        aggregation: !!props.dataEventAggregation,
      });
    }

    for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(this).add(key, value);
  }

  /**
   * Whether this trail logs every Region; undefined when known only at deploy time.
   *
   * Read from its `AWS::CloudTrail::Trail`, so an escape-hatch change counts.
   */
  public get isMultiRegionTrail(): boolean | undefined {
    return knownFlag(this.cfnTrail.isMultiRegionTrail);
  }

  /**
   * Whether log file validation is on; undefined when known only at deploy time.
   *
   * Read from its `AWS::CloudTrail::Trail`, so an escape-hatch change counts.
   */
  public get logFileValidationEnabled(): boolean | undefined {
    return knownFlag(this.cfnTrail.enableLogFileValidation);
  }

  /** Chooses which management events are logged (by default all, read and write). */
  public logManagementEvents(options?: ManagementEventOptions): void {
    this.select((s) => s.logManagementEvents(options));
  }

  /** Logs S3 object-level data events of these buckets (optionally under a prefix). */
  public logS3DataEvents(buckets: S3ObjectSelection[], options?: DataEventOptions): void {
    this.select((s) => s.addS3ObjectEvents(buckets, options));
  }

  /**
   * Logs S3 object-level data events of all buckets (CIS 3.8 and 3.9). The trail's own log bucket and
   * access-log bucket are excluded unless `allowLogBucketDataEvents` is set: logging the writes of its own
   * log files makes a trail feed itself.
   */
  public logAllS3DataEvents(options?: DataEventOptions): void {
    this.select((s) => s.addAllS3ObjectEvents(options));
  }

  /** Logs invocations of these Lambda functions. */
  public logLambdaInvocations(functions: lambda.IFunction[], options?: DataEventOptions): void {
    this.select((s) => s.addLambdaInvocations(functions, options));
  }

  /** Logs invocations of all Lambda functions. */
  public logAllLambdaInvocations(options?: DataEventOptions): void {
    this.select((s) => s.addAllLambdaInvocations(options));
  }

  /** Logs data events of these DynamoDB tables. */
  public logDynamoDbDataEvents(tables: dynamodb.ITable[], options?: DataEventOptions): void {
    this.select((s) => s.addDynamoDbTables(tables, options));
  }

  /** Logs data events of all DynamoDB tables. */
  public logAllDynamoDbDataEvents(options?: DataEventOptions): void {
    this.select((s) => s.addAllDynamoDbTables(options));
  }

  /** Adds an advanced event selector: any selector the CloudTrail API accepts. */
  public addAdvancedEventSelector(selector: AdvancedEventSelector): void {
    this.select((s) => s.addAdvancedSelector(selector));
  }

  /** Logs network activity events (calls through VPC endpoints) of the given event sources. */
  public logNetworkActivityEvents(options: NetworkActivityEventOptions): void {
    this.select((s) => s.addNetworkActivityEvents(options));
  }

  /** Turns on an Insights type. Its prerequisites are checked at synth. */
  public addInsight(insight: TrailInsight): void {
    this.select((s) => s.addInsight(insight));
  }

  /** Aggregates data events with these templates. */
  public aggregateDataEvents(templates: AggregationTemplate[]): void {
    this.select((s) => s.aggregateDataEvents(templates));
  }

  /** The key, made here or given, with the statements this trail needs. */
  private useKey(props: SecureTrailProps, identity: TrailIdentity): kms.IKey {
    const key =
      props.encryptionKey ??
      new TrailKey(this, 'Key', { alias: derivedKeyAlias(this.nameBase), removalPolicy: props.removalPolicy });
    allowTrailIn(this, {
      resource: key,
      arn: key.keyArn,
      statementsFor: () => keyTrailStatements(identity),
      warningId: 'keyPolicy',
      what: `The KMS key ${key.keyArn}`,
      allow: TrailKey.isTrailKey(key) ? () => key.allowTrail(this) : undefined,
      // A key known by its alias ARN may be a TrailKey of this app (the log-archive side): check it.
      lookup: {
        name: aliasOf(key.keyArn),
        find: findKeyByAlias,
        fix: "On that key call allowTrailArn(<this trail's ARN>).",
      },
    });
    return key;
  }

  /** The log bucket, made here or given, with the statements this trail needs. */
  private useBucket(props: SecureTrailProps, identity: TrailIdentity): s3.IBucket {
    const bucket =
      props.bucket ??
      new TrailBucket(
        this,
        'Bucket',
        withPropNames(
          {
            encryptionKey: this.logEncryptionKey,
            accessLogsBucket: props.accessLogsBucket,
            accessLogsExpiration: props.accessLogsExpiration,
            objectLockRetention: props.objectLockRetention,
            transitions: props.logFileTransitions,
            expiration: props.logFileExpiration,
            removalPolicy: props.removalPolicy,
          },
          { transitions: 'logFileTransitions', expiration: 'logFileExpiration' },
        ),
      );
    const owners = this.organizationId ? [this.env.account, this.organizationId] : [this.env.account];
    allowTrailIn(this, {
      resource: bucket,
      arn: bucket.bucketArn,
      statementsFor: (bucketArn) => [
        bucketAclCheckStatement(bucketArn, identity),
        bucketWriteStatement(bucketArn, props.s3KeyPrefix, owners, identity),
      ],
      warningId: 'bucketPolicy',
      what: `The S3 bucket ${bucket.bucketName}`,
      allow: TrailBucket.isTrailBucket(bucket)
        ? () => bucket.allowTrail(this, { s3KeyPrefix: props.s3KeyPrefix })
        : undefined,
      lookup: {
        name: bucket.bucketName,
        find: findBucketNamed,
        fix: "On that bucket call allowTrailArn(<this trail's ARN>, { s3KeyPrefix, organizationId }) with the same prefix and organization.",
      },
    });
    return bucket;
  }

  /** The notification topic, made here or given, with the statements this trail needs in it and its key. */
  private useTopic(props: SecureTrailProps, identity: TrailIdentity): sns.ITopic {
    // A topic made here has a known name, so the key policy can name its ARN without a key <-> topic cycle.
    const topicName = props.snsTopic ? undefined : derivedTopicName(this.nameBase);
    const topic = props.snsTopic ?? new TrailTopic(this, 'Topic', { masterKey: this.logEncryptionKey, topicName });
    allowTrailIn(this, {
      resource: topic,
      arn: topic.topicArn,
      statementsFor: (topicArn) => [topicPublishStatement(topicArn, identity)],
      warningId: 'topicPolicy',
      what: `The SNS topic ${topic.topicArn}`,
    });
    if (topic.masterKey) {
      let topicArn = topic.topicArn;
      if (topicName) {
        topicArn = this.stack.formatArn({ service: 'sns', resource: topicName });
      } else if (Token.isUnresolved(topicArn)) {
        // A given topic known only as a reference could be the other half of such a cycle: name its account's topics.
        topicArn = this.stack.formatArn({ service: 'sns', resource: '*' });
      }
      allowTrailIn(this, {
        resource: topic.masterKey,
        arn: topic.masterKey.keyArn,
        statementsFor: () => [keySnsPublishStatement(identity, topicArn)],
        warningId: 'topicKeyPolicy',
        what: `The KMS key of the SNS topic ${topic.topicArn}`,
      });
    }
    return topic;
  }

  /** The `AWS::CloudTrail::Trail`, checked at synth against every CloudTrail API constraint. */
  private makeCfnTrail(props: SecureTrailProps): cloudtrail.CfnTrail {
    const rendered = (pick: (selection: RenderedEventSelection) => unknown) =>
      Lazy.any({ produce: () => pick(this.renderSelection()) });
    const trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      s3BucketName: this.logBucket.bucketName,
      s3KeyPrefix: props.s3KeyPrefix,
      kmsKeyId: this.logEncryptionKey.keyArn,
      isLogging: props.isLogging ?? true,
      isMultiRegionTrail: props.isMultiRegionTrail ?? true,
      isOrganizationTrail: props.organizationId ? true : undefined,
      includeGlobalServiceEvents: props.includeGlobalServiceEvents ?? true,
      enableLogFileValidation: props.enableLogFileValidation ?? true,
      cloudWatchLogsLogGroupArn: this.logGroup?.logGroupArn,
      cloudWatchLogsRoleArn: this.logsRole?.roleArn,
      // The ARN, not the name: CloudTrail accepts both, and only the ARN works for a topic in another account.
      snsTopicName: this.topic?.topicArn,
      // Rendered at synth, after every log...() call.
      eventSelectors: rendered((s) => s.eventSelectors),
      advancedEventSelectors: rendered((s) => s.advancedEventSelectors),
      insightSelectors: rendered((s) => s.insightSelectors),
      aggregationConfigurations: rendered((s) => s.aggregationConfigurations),
    });
    // Every CloudTrail API constraint, on the final properties (after selectors and tags), at synth.
    registerTrailValidation(trail, {
      bucketRegion: this.logBucket.env.region,
      keyRegion: this.logEncryptionKey.env.region,
      organizationId: props.organizationId,
      propNames: PROP_NAMES,
      // The names made from the trail name, unique per account and Region: checked across the app.
      derivedNames: [
        ...(props.encryptionKey ? [] : [`KMS alias '${derivedKeyAlias(this.nameBase)}'`]),
        ...(this.topic && !props.snsTopic ? [`SNS topic '${derivedTopicName(this.nameBase)}'`] : []),
      ],
    });
    return trail;
  }

  /**
   * What CloudTrail would reject in the selection (errors), what was done on the user's behalf and what may not be
   * meant.
   */
  private validateSelection(): string[] {
    const result = this.renderSelection();
    // Acknowledgeable like the warnings, though only information: a user who chose this should not read it on every
    // synth.
    const id = `${WARNING_PREFIX}:eventSelectionNote`;
    for (const note of isAcknowledged(this, id) ? [] : result.notes) {
      Annotations.of(this).addInfo(
        `${note} Acknowledge: Validations.of(scope).acknowledge({ id: '${id}', reason: '...' }).`,
      );
    }
    // Through Validations, like every warning of this library, so `Validations.acknowledge` finds it.
    for (const warning of result.warnings) Validations.of(this).addWarning(`${WARNING_PREFIX}:eventSelection`, warning);
    return reportRules(this, [SELECTION_LOGS_NOTHING], result.whole);
  }

  /**
   * Changes the selection. A call a rule refuses is reported with the app's other errors at synth, naming this trail,
   * and left out of the selection.
   */
  private select(change: (selection: TrailEventSelection) => void): void {
    this.rendered = undefined;
    try {
      change(this.selection);
    } catch (e) {
      if (!(e instanceof SelectionRejected)) throw e;
      checkProps(this, [e.rule], e.input);
    }
  }

  /** Renders once per change, not once per property and validation. */
  private renderSelection(): RenderedEventSelection {
    const bucket = this.logBucket;
    const ownBuckets = TrailBucket.isTrailBucket(bucket) ? [bucket, bucket.accessLogsBucket] : [bucket];
    this.rendered ??= renderEventSelection(this.selection, { partition: this.stack.partition, ownBuckets });
    return this.rendered;
  }
}

/** The props messages name, per CloudFormation property of the trail. */
const PROP_NAMES: Record<string, string> = {
  S3BucketName: 'bucket',
  KMSKeyId: 'encryptionKey',
  SnsTopicName: 'snsTopic',
  CloudWatchLogsLogGroupArn: 'cloudWatchLogGroup',
  CloudWatchLogsRoleArn: 'cloudWatchLogsRole',
  IsOrganizationTrail: 'organizationId',
  InsightSelectors: 'insights',
  AggregationConfigurations: 'dataEventAggregation',
  EventSelectors: 'managementEvents / log...() methods',
  AdvancedEventSelectors: 'addAdvancedEventSelector / log...() methods',
};

/** A flag of the trail's L1 as known at synth: unset is CloudTrail's default, false; a token is not known. */
function knownFlag(value: boolean | IResolvable | undefined): boolean | undefined {
  if (value === undefined) return false;
  return typeof value === 'boolean' && !Token.isUnresolved(value) ? value : undefined;
}

/**
 * A trail that may be deployed from a delegated administrator, where only calls by ARN work, made as an ordinary one.
 */
function warnUndecidedManagementAccount(trail: SecureTrail, props: SecureTrailProps): void {
  const undecided = undecidedManagementAccount(trail, props.organizationId, props.managementAccountId);
  const id = `${WARNING_PREFIX}:managementAccount`;
  if (undecided === undefined || isAcknowledged(trail, id)) return;
  Validations.of(trail).addWarning(
    id,
    `${trail.node.path}: ${undecided}, so this organization trail is an AWS::CloudTrail::Trail of the stack's ` +
      'account. Deployed from a delegated administrator account, it would fail: the trail belongs to the management account, and ' +
      "CloudFormation calls it by name. Fix: give 'managementAccountId' and the stack's env.account as literals (the trail is then " +
      `managed by its ARN when they differ), or, if this stack deploys in the management account, acknowledge '${id}'.`,
  );
}
