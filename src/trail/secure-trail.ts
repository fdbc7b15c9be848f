import { Duration, Names, RemovalPolicy, Resource, Tags, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { EventSelectingTrail } from './event-selecting-trail';
import { TrailLogFiles } from './imported-trail';
import { ITrail } from './trail-base';
import { CloudWatchLogsDelivery } from '../delivery/cloudwatch-logs-delivery';
import { TrailTopic } from '../delivery/trail-topic';
import { TrailKey } from '../encryption/trail-key';
import {
  bucketAclCheckStatement,
  bucketWriteStatement,
  keySnsPublishStatement,
  keyTrailStatements,
  topicPublishStatement,
  trailEncryptionContext,
  TrailIdentity,
} from '../policies/trail-statements';
import { checkExternalResource, findBucketNamed, findKeyByAlias } from '../private/log-archive-check';
import { addStatementsOrWarn } from '../private/resource-policies';
import { AggregationTemplate } from '../selectors/categories';
import { ManagementEventOptions, TrailInsight } from '../selectors/options';
import { TrailBucket } from '../storage/trail-bucket';
import { registerTrailValidation } from '../validation/index-internal';

/**
 * Properties of a `SecureTrail`.
 */
export interface SecureTrailProps {
  /**
   * The name of the trail.
   *
   * @default - a name derived from the construct path: stable across deploys and valid for CloudTrail
   */
  readonly trailName?: string;

  /**
   * The S3 key prefix log files are written under (`<prefix>/AWSLogs/<account>/...`).
   *
   * @default - no prefix
   */
  readonly s3KeyPrefix?: string;

  /**
   * Log events of every Region, not only the trail's own.
   *
   * @default true
   */
  readonly isMultiRegionTrail?: boolean;

  /**
   * Log events of global services such as IAM. A multi-Region trail must include them.
   *
   * @default true
   */
  readonly includeGlobalServiceEvents?: boolean;

  /**
   * Deliver digest files so you can prove log files were not changed or deleted.
   *
   * @default true
   */
  readonly enableLogFileValidation?: boolean;

  /**
   * Start logging as soon as the trail is created.
   *
   * @default true
   */
  readonly isLogging?: boolean;

  /**
   * Make an organization trail for this AWS Organizations organization (`o-` followed by 10 to 32
   * lowercase letters or digits). Create it in the management account. The bucket policy then also
   * allows `[prefix/]AWSLogs/<organization id>/*`, and the CloudWatch Logs role the member accounts'
   * `<organization id>_*` streams.
   *
   * @default - a trail of this account only
   */
  readonly organizationId?: string;

  /**
   * The organization's management account. If it differs from this stack's account, the stack would be
   * deployed from a delegated administrator account, where CloudFormation cannot start logging for an
   * organization trail (aws-cdk #26840): synthesis fails and says what to do instead.
   *
   * @default - the stack's account is taken to be the management account
   */
  readonly managementAccountId?: string;

  /**
   * The bucket log files are delivered to. This library adds the statements CloudTrail needs to its
   * policy; if the bucket is imported, a warning lists them for you to add.
   *
   * @default - a new `TrailBucket`, hardened and kept when the stack is deleted
   */
  readonly bucket?: s3.IBucket;

  /**
   * The KMS key that encrypts log files (and, when made here, the log bucket, log group and topic).
   * If the key is imported, a warning lists the key policy statements to add.
   *
   * @default - a new `TrailKey` with rotation on, kept when the stack is deleted
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where the created log bucket's S3 server access logs go. Only for a bucket made here.
   *
   * @default - a new `TrailAccessLogsBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * The Object Lock default retention of the created log bucket. Only for a bucket made here.
   *
   * @default s3.ObjectLockRetention.governance(Duration.days(365))
   */
  readonly objectLockRetention?: s3.ObjectLockRetention;

  /**
   * Transitions of log files to colder storage in the created log bucket. Only for a bucket made here.
   *
   * @default - to S3 Glacier Flexible Retrieval after 90 days
   */
  readonly logFileTransitions?: s3.Transition[];

  /**
   * Delete log files this long after delivery, in the created log bucket. Only for a bucket made here.
   *
   * @default - log files are kept
   */
  readonly logFileExpiration?: Duration;

  /**
   * Send a notification to an SNS topic for every log file delivered.
   *
   * @default - false, or true when `snsTopic` is given
   */
  readonly sendSnsNotifications?: boolean;

  /**
   * The SNS topic for log-delivery notifications. Its policy gets a statement allowing only this trail
   * to publish; if the topic is imported, a warning lists the statements to add.
   *
   * @default - when notifications are on, a new KMS-encrypted, TLS-only `TrailTopic`
   */
  readonly snsTopic?: sns.ITopic;

  /**
   * Deliver events to CloudWatch Logs as well as S3.
   *
   * @default true
   */
  readonly sendToCloudWatchLogs?: boolean;

  /**
   * The CloudWatch Logs log group to deliver to, in the trail's Region.
   *
   * @default - a new log group `/aws/cloudtrail/<trail name>`, encrypted with the trail key
   */
  readonly cloudWatchLogGroup?: logs.ILogGroup;

  /**
   * The role CloudTrail assumes to deliver to CloudWatch Logs. A managed policy scoped to the log
   * group's CloudTrail streams is attached to it.
   *
   * @default - a new role
   */
  readonly cloudWatchLogsRole?: iam.IRole;

  /**
   * The KMS key that encrypts a log group made here. Useful when the trail key is in another account.
   *
   * @default - the trail key
   */
  readonly cloudWatchLogsEncryptionKey?: kms.IKey;

  /**
   * How long a log group made here keeps events.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: logs.RetentionDays;

  /**
   * What happens to the log bucket, access-log bucket, key and log group made here when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Which management events are logged. More event selection: the `log...` methods.
   *
   * @default - all management events, read and write
   */
  readonly managementEvents?: ManagementEventOptions;

  /**
   * Insights to turn on; their prerequisites are checked at synth.
   *
   * @default - no Insights
   */
  readonly insights?: TrailInsight[];

  /**
   * Aggregate data events with these templates.
   *
   * @default - data events are not aggregated
   */
  readonly dataEventAggregation?: AggregationTemplate[];

  /**
   * Let S3 data events of all buckets include the trail's own log bucket and access-log bucket. Without it
   * those buckets are excluded, because a trail that logs the writes of its own log files feeds itself
   * (one landing zone logged about 1.5 billion such events).
   *
   * @default false
   */
  readonly allowLogBucketDataEvents?: boolean;

  /**
   * Tags for the trail and every resource this construct makes.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * An AWS CloudTrail trail that deploys the first time and is secure by default.
 *
 * With no props it makes a multi-Region trail with log file validation, a hardened log bucket (and its
 * access-log bucket), a rotated KMS key, and KMS-encrypted CloudWatch Logs delivery; every bucket,
 * key, topic and role policy names this trail in `aws:SourceArn` where AWS supports it.
 */
export class SecureTrail extends EventSelectingTrail {
  public readonly trailArn: string;
  public readonly trailName: string;

  /** The bucket log files are delivered to. */
  public readonly bucket: s3.IBucket;
  /** The S3 key prefix of the log files, if any. */
  public readonly s3KeyPrefix?: string;
  /** The KMS key that encrypts log files. */
  public readonly encryptionKey: kms.IKey;
  /** The CloudWatch Logs log group, when delivery to CloudWatch Logs is on. */
  public readonly logGroup?: logs.ILogGroup;
  /** The role CloudTrail assumes to deliver to CloudWatch Logs, when that delivery is on. */
  public readonly logsRole?: iam.IRole;
  /** The SNS topic notified of log-file deliveries, when notifications are on. */
  public readonly topic?: sns.ITopic;
  /** The underlying `AWS::CloudTrail::Trail`. */
  public readonly cfnTrail: cloudtrail.CfnTrail;

  constructor(scope: Construct, id: string, props: SecureTrailProps = {}) {
    super(scope, id, { physicalName: props.trailName }, props.allowLogBucketDataEvents);
    checkProps(this, props);
    checkOrganizationTrail(this, props);

    // The name (and so the ARN) is known before any resource exists, so every policy can name this
    // trail in aws:SourceArn without a dependency on the trail itself.
    this.trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: 128 });
    this.trailArn = this.stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: this.trailName });
    const identity: TrailIdentity = {
      trailArns: [this.trailArn],
      encryptionContexts: [trailEncryptionContext(this.stack.partition, this.env.account)],
    };
    const dependencies: IConstruct[] = [];
    this.s3KeyPrefix = props.s3KeyPrefix;

    this.encryptionKey = props.encryptionKey ?? new TrailKey(this, 'Key', {
      alias: `alias/cloudtrail/${this.trailName.replace(/\./g, '-')}`,
      removalPolicy: props.removalPolicy,
    });
    if (this.encryptionKey instanceof TrailKey) {
      this.encryptionKey.allowTrail(this);
    } else if (Resource.isOwnedResource(this.encryptionKey)) {
      addStatementsOrWarn(this, this.encryptionKey, keyTrailStatements(identity), {
        id: 'keyPolicy', what: `The KMS key ${this.encryptionKey.keyArn}`,
      });
    } else {
      // A key known by its alias ARN may be a TrailKey of this app (the log-archive side): check it.
      checkExternalResource(this, {
        warningId: 'keyPolicy',
        what: `The KMS key ${this.encryptionKey.keyArn}`,
        lookupName: aliasOf(this.encryptionKey.keyArn),
        find: findKeyByAlias,
        statementsFor: () => keyTrailStatements(identity),
        knownArn: this.encryptionKey.keyArn,
        fix: 'On that key call allowTrailArn(<this trail\'s ARN>).',
      });
    }
    if (Resource.isOwnedResource(this.encryptionKey)) dependencies.push(this.encryptionKey);

    this.bucket = props.bucket ?? new TrailBucket(this, 'Bucket', {
      encryptionKey: this.encryptionKey,
      accessLogsBucket: props.accessLogsBucket,
      objectLockRetention: props.objectLockRetention,
      transitions: props.logFileTransitions,
      expiration: props.logFileExpiration,
      removalPolicy: props.removalPolicy,
    });
    if (this.bucket instanceof TrailBucket) {
      this.bucket.allowTrail(this, { s3KeyPrefix: props.s3KeyPrefix, organizationId: props.organizationId });
    } else {
      const owners = props.organizationId ? [this.env.account, props.organizationId] : [this.env.account];
      const statementsFor = (bucketArn: string) => [
        bucketAclCheckStatement(bucketArn, identity),
        bucketWriteStatement(bucketArn, props.s3KeyPrefix, owners, identity),
      ];
      if (Resource.isOwnedResource(this.bucket)) {
        addStatementsOrWarn(this, this.bucket, statementsFor(this.bucket.bucketArn), {
          id: 'bucketPolicy', what: `The S3 bucket ${this.bucket.bucketName}`,
        });
      } else {
        checkExternalResource(this, {
          warningId: 'bucketPolicy',
          what: `The S3 bucket ${this.bucket.bucketName}`,
          lookupName: this.bucket.bucketName,
          find: findBucketNamed,
          statementsFor,
          knownArn: this.bucket.bucketArn,
          fix: 'On that bucket call allowTrailArn(<this trail\'s ARN>, { s3KeyPrefix, organizationId }) with the same prefix and organization.',
        });
      }
    }
    if (this.bucket.policy) dependencies.push(this.bucket.policy);

    if (props.sendToCloudWatchLogs ?? true) {
      const delivery = new CloudWatchLogsDelivery(this, 'CloudWatchLogs', {
        trail: this,
        logGroup: props.cloudWatchLogGroup,
        role: props.cloudWatchLogsRole,
        retention: props.cloudWatchLogsRetention,
        encryptionKey: props.cloudWatchLogsEncryptionKey ?? this.encryptionKey,
        removalPolicy: props.removalPolicy,
        organizationId: props.organizationId,
      });
      this.logGroup = delivery.logGroup;
      this.logsRole = delivery.role;
      dependencies.push(delivery);
    }

    if (props.sendSnsNotifications ?? props.snsTopic !== undefined) {
      // A topic made here has a known name, so the key policy can name its ARN without a key <-> topic cycle.
      const topicName = props.snsTopic ? undefined : `${this.trailName.replace(/\./g, '-')}-deliveries`;
      this.topic = props.snsTopic ?? new TrailTopic(this, 'Topic', { masterKey: this.encryptionKey, topicName });
      addStatementsOrWarn(this, this.topic, [topicPublishStatement(this.topic.topicArn, identity)], {
        id: 'topicPolicy', what: `The SNS topic ${this.topic.topicArn}`,
      });
      if (this.topic.masterKey) {
        // A given topic known only as a reference could be the other half of such a cycle: name its account's topics.
        const topicArn = topicName ? this.stack.formatArn({ service: 'sns', resource: topicName })
          : Token.isUnresolved(this.topic.topicArn) ? this.stack.formatArn({ service: 'sns', resource: '*' }) : this.topic.topicArn;
        addStatementsOrWarn(this, this.topic.masterKey, [keySnsPublishStatement(identity, topicArn)], {
          id: 'topicKeyPolicy', what: `The KMS key of the SNS topic ${this.topic.topicArn}`,
        });
      }
      dependencies.push(this.topic);
    }

    if (props.managementEvents) this.logManagementEvents(props.managementEvents);
    for (const insight of props.insights ?? []) this.addInsight(insight);
    if (props.dataEventAggregation) this.aggregateDataEvents(props.dataEventAggregation);
    const selectors = this.renderedSelectors();

    this.cfnTrail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      s3BucketName: this.bucket.bucketName,
      s3KeyPrefix: props.s3KeyPrefix,
      kmsKeyId: this.encryptionKey.keyArn,
      isLogging: props.isLogging ?? true,
      isMultiRegionTrail: props.isMultiRegionTrail ?? true,
      isOrganizationTrail: props.organizationId ? true : undefined,
      includeGlobalServiceEvents: props.includeGlobalServiceEvents ?? true,
      enableLogFileValidation: props.enableLogFileValidation ?? true,
      cloudWatchLogsLogGroupArn: this.logGroup?.logGroupArn,
      cloudWatchLogsRoleArn: this.logsRole?.roleArn,
      // The ARN, not the name: CloudTrail accepts both, and only the ARN works for a topic in another account.
      snsTopicName: this.topic?.topicArn,
      eventSelectors: selectors.eventSelectors,
      advancedEventSelectors: selectors.advancedEventSelectors,
      insightSelectors: selectors.insightSelectors,
      aggregationConfigurations: selectors.aggregationConfigurations,
    });
    // Every CloudTrail API constraint, on the final properties (after selectors and tags), at synth.
    registerTrailValidation(this.cfnTrail, {
      bucketRegion: this.bucket.env.region,
      keyRegion: this.encryptionKey.env.region,
      organizationId: props.organizationId,
      propNames: {
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
      },
    });

    // CloudTrail checks every policy when the trail is created: create them first.
    for (const dependency of dependencies) this.cfnTrail.node.addDependency(dependency);

    for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(this).add(key, value);
  }

  protected ownLogBuckets(): s3.IBucket[] {
    return this.bucket instanceof TrailBucket ? [this.bucket, this.bucket.accessLogsBucket] : [this.bucket];
  }

  protected trailLogFiles(): TrailLogFiles {
    return { bucket: this.bucket, s3KeyPrefix: this.s3KeyPrefix, encryptionKey: this.encryptionKey, logGroup: this.logGroup };
  }
}

/** The alias name (`alias/...`) in a KMS alias ARN, or the ARN itself when it is a token or a key ARN (never found). */
function aliasOf(keyArn: string): string {
  if (Token.isUnresolved(keyArn)) return keyArn;
  const match = /^arn:[^:]+:kms:[^:]*:[^:]*:(alias\/.+)$/.exec(keyArn);
  return match ? match[1] : keyArn;
}

/**
 * CloudFormation starts logging with the trail's name, which only works in the account that owns the
 * trail; a delegated administrator's organization trail is owned by the management account.
 */
function checkOrganizationTrail(scope: ITrail, props: SecureTrailProps): void {
  const stackAccount = scope.env.account;
  const management = props.managementAccountId;
  if (management === undefined || Token.isUnresolved(management) || Token.isUnresolved(stackAccount)) return;
  if (!props.organizationId) {
    throw new Error(`${scope.node.path}: 'managementAccountId' only applies to an organization trail; set 'organizationId' or remove it.`);
  }
  if (management !== stackAccount) {
    throw new Error(`${scope.node.path}: this organization trail would be created from account ${stackAccount}, a delegated ` +
      `administrator of management account ${management}. CloudFormation cannot start logging for an organization trail ` +
      'created from a delegated administrator: it calls StartLogging with the trail name, which only the management account ' +
      'can use (aws-cdk #26840). Deploy this stack to the management account instead; or create the trail with ' +
      "'isLogging: false' and no 'managementAccountId', then start it once with " +
      '`aws cloudtrail start-logging --name <trail ARN>` from the delegated administrator account.');
  }
}

/** Props that only apply to resources made here are an error, not silently ignored, when those are brought. */
function checkProps(scope: ITrail, props: SecureTrailProps): void {
  const path = scope.node.path;
  if (props.bucket) {
    for (const name of ['accessLogsBucket', 'objectLockRetention', 'logFileTransitions', 'logFileExpiration'] as const) {
      if (props[name] !== undefined) {
        throw new Error(`${path}: '${name}' configures the log bucket this construct makes, but 'bucket' is given. ` +
          `Configure '${name}' on your bucket instead, or remove 'bucket'.`);
      }
    }
  }
  if (props.sendToCloudWatchLogs === false) {
    for (const name of ['cloudWatchLogGroup', 'cloudWatchLogsRole', 'cloudWatchLogsRetention', 'cloudWatchLogsEncryptionKey'] as const) {
      if (props[name] !== undefined) {
        throw new Error(`${path}: '${name}' is set but 'sendToCloudWatchLogs' is false. ` +
          `Remove '${name}', or set 'sendToCloudWatchLogs' to true.`);
      }
    }
  }
  for (const name of ['cloudWatchLogsRetention', 'cloudWatchLogsEncryptionKey'] as const) {
    if (props.cloudWatchLogGroup && props[name] !== undefined) {
      throw new Error(`${path}: '${name}' applies to a log group this construct makes, but ` +
        '\'cloudWatchLogGroup\' is given. Configure your log group instead.');
    }
  }
  if (props.sendSnsNotifications === false && props.snsTopic) {
    throw new Error(`${path}: 'snsTopic' is given but 'sendSnsNotifications' is false. Remove one of them.`);
  }
}
