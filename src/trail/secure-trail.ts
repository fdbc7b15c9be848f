import { Names, Resource, Tags, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { EventSelectingTrail } from './event-selecting-trail';
import { TrailLogFiles } from './imported-trail';
import { aliasOf, checkOrganizationTrail, checkProps } from './private/checks';
import { SecureTrailProps } from './secure-trail-props';
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
import { TrailBucket } from '../storage/trail-bucket';
import { registerTrailValidation } from '../validation/index-internal';

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
      accessLogsExpiration: props.accessLogsExpiration,
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
