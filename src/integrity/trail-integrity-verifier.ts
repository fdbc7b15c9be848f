import { Duration, RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { verifierAlarms } from './private/alarms';
import { digestKeyPattern } from './private/digest-keys';
import { SweepChainsFunction } from './sweep-chains-function';
import { VerifyDigestFunction } from './verify-digest-function';
import { ITrail } from '../interfaces/itrail';
import { monitorTopic } from '../monitoring/private/alert-topic';
import { logFilesDecryptStatement } from '../policies/grant-statements';
import {
  chainStateScanStatement,
  chainStateWriteStatement,
  putEventsStatement,
  securityHubImportStatement,
  trailFilesReadStatements,
  trailStatusStatement,
} from '../policies/monitor-statements';
import { acknowledgeWildcards, monitorFunction } from '../private/functions';
import { grantAll } from '../private/grants';
import { definedProps } from '../private/props';
import { acknowledgeFindings } from '../private/resource-policies';
import { warnOnce, WARNING_PREFIX } from '../private/warnings';
import { checkAtSynth, checkProps } from '../validation/report';
import {
  VERIFIER_BUCKET,
  VERIFIER_LOG_FILE_VALIDATION,
  VERIFIER_MAX_CONCURRENCY,
  VERIFIER_OVERDUE,
} from '../validation/rules/monitors';

/**
 * Properties of a `TrailIntegrityVerifier`.
 */
export interface TrailIntegrityVerifierProps {
  /**
   * The trail whose log and digest files to verify, with its bucket (in this stack's account and Region), S3 key
   * prefix and KMS key: a `SecureTrail`, or a trail imported with `SecureTrail.fromTrailAttributes` (an organization
   * trail of the management account, verified in the log-archive account that owns the bucket).
   */
  readonly trail: ITrail;

  /**
   * The SNS topic of the alarms (integrity failures, overdue chains, failed verifications).
   *
   * @default - a new topic encrypted with a new rotated KMS key and refusing publishes without TLS
   */
  readonly topic?: sns.ITopic;

  /**
   * How long after a chain's newest digest ended before the sweep reports it overdue (digests come hourly).
   *
   * @default Duration.minutes(150)
   */
  readonly overdueAfter?: Duration;

  /**
   * How many verifications run at once at most (the SQS event source's maximum concurrency, 2 to 1,000). An
   * organization trail of 1,000 accounts in 17 Regions writes about 17,000 digests an hour; 5 verify about 10 a second.
   *
   * @default 5
   */
  readonly maxConcurrency?: number;

  /**
   * Also send each finding to AWS Security Hub (BatchImportFindings, as this account's own product). Security Hub must
   * be enabled in this account and Region.
   *
   * @default false
   */
  readonly securityHub?: boolean;

  /**
   * The VPC the functions run in (they need a route to the S3, CloudTrail, DynamoDB and EventBridge endpoints).
   *
   * @default - not in a VPC
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets of `vpc` the functions run in.
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}

/**
 * Verifies a trail's log files continuously, in the account that owns its bucket: each new digest file (S3 to
 * EventBridge to a queue) is checked when it arrives (its signature with CloudTrail's public key, its own bucket and
 * key, every listed log file's SHA-256, and its link to the previous digest), and an hourly sweep reports chains whose
 * newest digest is overdue. Findings go out as CloudWatch metrics with alarms and as EventBridge events naming the file
 * and what failed (and, optionally, as Security Hub findings).
 *
 * `aws cloudtrail validate-logs` does this by hand, and misses deleted newest digests and consecutive deleted digests.
 */
export class TrailIntegrityVerifier extends Construct {
  /** The function that verifies each digest. */
  public readonly verifyFunction: lambda.IFunction;
  /** The function that reports overdue chains. */
  public readonly sweepFunction: lambda.IFunction;
  /** The state of each chain (account, Region, trail): the newest digest verified. */
  public readonly stateTable: dynamodb.ITable;
  /** The queue of new digest files. */
  public readonly queue: sqs.IQueue;
  /** The topic of the alarms. */
  public readonly topic: sns.ITopic;
  /** In ALARM when a verification found a file missing or altered. */
  public readonly integrityFailureAlarm: cloudwatch.Alarm;
  /** In ALARM when a chain's newest digest is overdue. */
  public readonly chainOverdueAlarm: cloudwatch.Alarm;
  /** In ALARM when digests could not be verified (dead letters, failing or silent functions). */
  public readonly verifierFailingAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: TrailIntegrityVerifierProps) {
    super(scope, id);
    props = definedProps(props);
    const trail = props.trail;
    // The trail is required: without it there is nothing to verify.
    if (trail === undefined) {
      throw new Error(`${this.node.path}: trail is missing. Fix: give the trail whose logs to verify`);
    }
    const stack = Stack.of(this);
    const bucketOk = checkProps(this, [VERIFIER_BUCKET], {
      bucket: trail.bucket,
      account: stack.account,
      region: stack.region,
    });
    const concurrencyOk = checkProps(this, [VERIFIER_MAX_CONCURRENCY], { maxConcurrency: props.maxConcurrency });
    const overdueOk = checkProps(this, [VERIFIER_OVERDUE], { overdueAfter: props.overdueAfter });
    // Read at synth: an escape hatch on the trail may turn validation off after the verifier is made.
    checkAtSynth(this, [VERIFIER_LOG_FILE_VALIDATION], () => ({
      logFileValidation: trail.logFileValidationEnabled ?? undefined,
    }));
    const { topic, logsKey } = monitorTopic(this, props.topic, `Alarms of the integrity verifier ${this.node.path}`);
    this.topic = topic;

    const table = new dynamodb.Table(this, 'State', {
      partitionKey: { name: 'chain', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Encrypted with KMS (Control Tower CT.DYNAMODB.PR.2) by DynamoDB's AWS managed key: the state holds object keys
      // and signatures, no log content, and a customer managed key would need grants to every reader.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // The verified state of every chain: losing it would hide a deletion made before it is rebuilt.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeFindings(table, TABLE_FINDINGS);
    this.stateTable = table;
    const environment = this.environment(trail, table, props);
    const functionProps = { ...props, logsKey };
    const verify = (this.verifyFunction = this.makeVerify(trail, table, environment, functionProps));
    const { queue, deadLetters } = this.makeQueue(verify, concurrencyOk ? props.maxConcurrency : undefined);
    this.queue = queue;
    if (bucketOk && trail.bucket) this.subscribe(trail, trail.bucket, queue);
    const overdue =
      overdueOk && props.overdueAfter && convertible(props.overdueAfter) ? props.overdueAfter : Duration.minutes(150);
    const minutes = overdue.toMinutes();
    const overdueMinutes = Token.isUnresolved(minutes) ? Token.asString(minutes) : String(minutes);
    const sweep = (this.sweepFunction = this.makeSweep(
      trail,
      table,
      { ...environment, OVERDUE_MINUTES: overdueMinutes },
      functionProps,
    ));

    for (const fn of [verify, sweep]) acknowledgeWildcards(fn, WILDCARDS);
    const alarms = verifierAlarms(this, {
      topic: this.topic,
      namespace: INTEGRITY_NAMESPACE,
      bucketName: environment.BUCKET_NAME,
      verify,
      sweep,
      deadLetters,
    });
    this.integrityFailureAlarm = alarms.integrityFailure;
    this.chainOverdueAlarm = alarms.chainOverdue;
    this.verifierFailingAlarm = alarms.verifierFailing;
  }

  /** What both functions are told: where the state, bucket, prefix and event bus are. */
  private environment(
    trail: ITrail,
    table: dynamodb.Table,
    props: TrailIntegrityVerifierProps,
  ): Record<string, string> {
    return {
      STATE_TABLE: table.tableName,
      METRIC_NAMESPACE: INTEGRITY_NAMESPACE,
      // Without a bucket VERIFIER_BUCKET fails the synth; a placeholder keeps the metric dimensions valid until then.
      BUCKET_NAME: trail.bucket?.bucketName ?? 'unknown-bucket',
      LOG_PREFIX: trail.s3KeyPrefix ?? '',
      EVENT_BUS_NAME: 'default',
      SECURITY_HUB: props.securityHub ? 'true' : 'false',
    };
  }

  private makeVerify(
    trail: ITrail,
    table: dynamodb.Table,
    environment: Record<string, string>,
    props: FunctionProps,
  ): lambda.Function {
    const scope = new Construct(this, 'Verify');
    const fn = monitorFunction(this, scope, VerifyDigestFunction, {
      logsKey: props.logsKey,
      logName: 'verify-digest',
      description:
        'Verifies each new CloudTrail digest file and the log files it lists (cdk-cloudtrail-kit TrailIntegrityVerifier)',
      environment,
      timeout: Duration.minutes(5),
      memorySize: 512,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      noDeadLetterQueue:
        'The function reads an SQS queue, whose own dead-letter queue keeps the digests it could not verify.',
    });
    this.grantReadFiles(fn, trail);
    trail.grantListPublicKeys(fn);
    fn.addToRolePolicy(chainStateWriteStatement(table.tableArn));
    this.grantFindings(fn, props);
    return fn;
  }

  private makeSweep(
    trail: ITrail,
    table: dynamodb.Table,
    environment: Record<string, string>,
    props: FunctionProps,
  ): lambda.Function {
    const scope = new Construct(this, 'Sweep');
    const sameAccount = !Token.isUnresolved(trail.env.account) && trail.env.account === Stack.of(this).account;
    const fn = monitorFunction(this, scope, SweepChainsFunction, {
      logsKey: props.logsKey,
      logName: 'sweep-chains',
      description:
        'Reports CloudTrail digest chains whose newest digest is overdue (cdk-cloudtrail-kit TrailIntegrityVerifier)',
      // The trail's status tells a stopped trail from deleted digests; only its own account can read it.
      environment:
        Resource.isOwnedResource(trail) || sameAccount ? { ...environment, TRAIL_ARN: trail.trailArn } : environment,
      timeout: Duration.minutes(5),
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      noDeadLetterQueue:
        'An hourly sweep that fails is repeated by the next one and alarmed (VerifierFailingAlarm); there is no event to keep.',
    });
    if (Resource.isOwnedResource(trail) || sameAccount) fn.addToRolePolicy(trailStatusStatement(trail.trailArn));
    fn.addToRolePolicy(chainStateScanStatement(table.tableArn));
    this.grantFindings(fn, props);
    new events.Rule(scope, 'Schedule', {
      description: 'Runs the digest chain sweep of a cdk-cloudtrail-kit TrailIntegrityVerifier',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 0 })],
    });
    return fn;
  }

  /**
   * The trail's log and digest files, of every account an organization trail writes for, and decrypting them with the
   * trail's key under the trail's own encryption context.
   */
  private grantReadFiles(fn: lambda.Function, trail: ITrail): void {
    const bucket = trail.bucket;
    if (bucket === undefined) return;
    grantAll(fn, trailFilesReadStatements(bucket.bucketArn, trail.s3KeyPrefix), bucket);
    const key = trail.encryptionKey;
    if (key === undefined) return;
    // CloudTrail encrypts each file under `aws:cloudtrail:arn` = the trail's ARN: this trail's files, and no other's.
    const decrypt = logFilesDecryptStatement(key.keyArn, [trail.trailArn]);
    // In a key policy the key is '*'.
    grantAll(fn, [decrypt], key, ['*']);
  }

  /** The default event bus and, when asked, Security Hub. */
  private grantFindings(fn: lambda.Function, props: TrailIntegrityVerifierProps): void {
    const stack = Stack.of(this);
    fn.addToRolePolicy(
      putEventsStatement(stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' })),
    );
    if (props.securityHub) {
      fn.addToRolePolicy(
        securityHubImportStatement(
          stack.formatArn({ service: 'securityhub', resource: 'product', resourceName: `${stack.account}/default` }),
        ),
      );
    }
  }

  /** The queue of new digests, with a dead-letter queue, read by the function with bounded concurrency. */
  private makeQueue(
    fn: lambda.Function,
    maxConcurrency: number | undefined,
  ): { queue: sqs.Queue; deadLetters: sqs.Queue } {
    const deadLetters = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Marks it a dead-letter queue (Control Tower CT.SQS.PR.1); naming the one source queue would make a cycle.
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    acknowledgeFindings(deadLetters, {
      'AwsSolutions-SQS3': "This queue is the dead-letter queue of the verifier's queue.",
    });
    const queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's advice for SQS event sources: six times the function's timeout, so retries are not doubled.
      visibilityTimeout: Duration.minutes(30),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    fn.addEventSource(
      new sources.SqsEventSource(queue, {
        batchSize: 10,
        maxConcurrency: maxConcurrency ?? 5,
        reportBatchItemFailures: true,
      }),
    );
    return { queue, deadLetters };
  }

  /** New digest files of this trail's prefix, from the bucket's EventBridge notifications, into the queue. */
  private subscribe(trail: ITrail, bucket: s3.IBucket, queue: sqs.Queue): void {
    this.enableBucketEvents(bucket);
    new events.Rule(this, 'DigestCreated', {
      description: 'New CloudTrail digest files, for the cdk-cloudtrail-kit TrailIntegrityVerifier',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [bucket.bucketName] },
          object: { key: events.Match.wildcard(digestKeyPattern(trail.s3KeyPrefix)) },
        },
      },
      targets: [new targets.SqsQueue(queue)],
    });
  }

  /** A bucket of this app sends its events to EventBridge; one made elsewhere must be told to (a warning says how). */
  private enableBucketEvents(bucket: s3.IBucket): void {
    if (bucket instanceof s3.Bucket && Resource.isOwnedResource(bucket)) {
      const cfn = bucket.node.defaultChild as s3.CfnBucket;
      // A TrailBucket turns them on in its own NotificationConfiguration; any other bucket through aws-cdk-lib's
      // notifications resource (calling it twice changes nothing).
      type Config = s3.CfnBucket.NotificationConfigurationProperty | undefined;
      const config = Token.isUnresolved(cfn.notificationConfiguration)
        ? undefined
        : (cfn.notificationConfiguration as Config);
      const on = config?.eventBridgeConfiguration as s3.CfnBucket.EventBridgeConfigurationProperty | undefined;
      if (on?.eventBridgeEnabled !== true) bucket.enableEventBridgeNotification();
      return;
    }
    warnOnce(
      this,
      'verifierBucketEvents',
      `${this.node.path}: the bucket ${bucket.bucketName} is not managed by this app, so this app cannot ` +
        'turn on its EventBridge notifications, and no digest reaches the verifier without them (the sweep then reports every chain ' +
        'overdue). Fix: in its account, run aws s3api put-bucket-notification-configuration --bucket <bucket> ' +
        "--notification-configuration '{\"EventBridgeConfiguration\": {}}' (this replaces the bucket's other notifications: merge " +
        `them in), then acknowledge: Validations.of(scope).acknowledge({ id: '${WARNING_PREFIX}:verifierBucketEvents', reason: '...' }).`,
    );
  }
}

/**
 * Whether a duration has minutes at synth: a token in another unit has none (CloudFormation has no multiplication),
 * and the default applies.
 */
function convertible(duration: Duration): boolean {
  try {
    duration.toMinutes();
    return true;
  } catch {
    return false;
  }
}

/** What the functions are made with: the construct's props and the key of their logs. */
interface FunctionProps extends TrailIntegrityVerifierProps {
  readonly logsKey: kms.IKey;
}

/** The CloudWatch namespace of the verifier's metrics (dimension: Bucket). */
const INTEGRITY_NAMESPACE = 'CdkCloudTrailKit/Integrity';

const WILDCARDS: Record<string, string> = {
  's3:GetObject':
    "The trail's log and digest files: every account folder (an organization's members), Region and day of the " +
    "trail's own prefix, and nothing else of the bucket.",
  's3:ListBucket': "Listing under the trail's prefix only, so a deleted digest reads as missing rather than denied.",
  'cloudtrail:ListPublicKeys': 'ListPublicKeys has no resource type: IAM grants it on * only.',
  'kms:GenerateDataKey*':
    "aws-cdk-lib's grantPublish on an encrypted topic: SNS asks for a data key of the topic's key only.",
};

const TABLE_FINDINGS: Record<string, string> = {
  'NIST.800.53.R4-DynamoDBInBackupPlan':
    'The chain state is rebuilt from the digests themselves; point-in-time recovery keeps 35 days of it.',
  'NIST.800.53.R5-DynamoDBInBackupPlan':
    'The chain state is rebuilt from the digests themselves; point-in-time recovery keeps 35 days of it.',
  'HIPAA.Security-DynamoDBInBackupPlan':
    'The chain state is rebuilt from the digests themselves; point-in-time recovery keeps 35 days of it.',
  'PCI.DSS.321-DynamoDBInBackupPlan':
    'The chain state is rebuilt from the digests themselves; point-in-time recovery keeps 35 days of it.',
};
