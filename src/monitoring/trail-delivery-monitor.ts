import { ArnFormat, Duration, Fn, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { CheckDeliveryFunction } from './check-delivery-function';
import { monitorTopic } from './private/alert-topic';
import { ITrail } from '../interfaces/itrail';
import { trailStatusStatement, parameterStateStatement } from '../policies/monitor-statements';
import { acknowledgeWildcards, monitorFunction } from '../private/functions';
import { definedProps } from '../private/props';
import { warnOnce, WARNING_PREFIX } from '../private/warnings';
import { checkAtSynth, checkProps } from '../validation/report';
import {
  MONITOR_DELIVERY_OVERDUE,
  MONITOR_PARTITION,
  MONITOR_REGIONS,
  MONITOR_SCHEDULE,
  regionPartition,
} from '../validation/rules/monitors';

/**
 * Properties of a `TrailDeliveryMonitor`.
 */
export interface TrailDeliveryMonitorProps {
  /**
   * The trail to watch: a `SecureTrail`, or a trail imported by ARN (an account or organization trail). Its status is
   * read by its ARN, in its own account or, for an organization trail, in the delegated administrator's.
   */
  readonly trail: ITrail;

  /**
   * How often the trail's status is read (whole minutes, 1 to 1440). The alarms look at the last three runs.
   *
   * @default Duration.minutes(5)
   */
  readonly schedule?: Duration;

  /**
   * The Regions whose status is read (GetTrailStatus answers for one Region at a time). A bucket or key policy change,
   * a deleted bucket or a disabled key stops delivery from every Region at once, so the home Region sees it; list more
   * Regions of a multi-Region trail to see what only one Region meets (a Region opted out, a Region-scoped deny).
   *
   * @default - the trail's home Region
   */
  readonly regions?: string[];

  /**
   * The SNS topic that receives the monitor's messages (each names the error, its likely cause and the fix) and its
   * alarms. Its KMS key, if any, must let the function and CloudWatch use it.
   *
   * @default - a new topic encrypted with a new rotated KMS key and refusing publishes without TLS
   */
  readonly topic?: sns.ITopic;

  /**
   * How long without a new log file before the alarm: CloudTrail delivers about every 5 minutes while there are events,
   * and this monitor's own GetTrailStatus calls are events of a trail that logs read management events.
   *
   * @default Duration.hours(1)
   */
  readonly logDeliveryOverdue?: Duration;

  /**
   * How long without a new digest file before the alarm. Digests come hourly when log file validation is on. A trail
   * without it has no digest metric, and the alarm stays OK.
   *
   * @default Duration.hours(2)
   */
  readonly digestDeliveryOverdue?: Duration;

  /**
   * The VPC the function runs in (it needs a route to the CloudTrail, SNS and SSM endpoints).
   *
   * @default - not in a VPC
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets of `vpc` the function runs in.
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}

/** The CloudWatch namespace of the monitor's metrics (one dimension set: Trail and Region). */
const DELIVERY_HEALTH_NAMESPACE = 'CdkCloudTrailKit/DeliveryHealth';

/**
 * Watches a trail's delivery with a function that reads `GetTrailStatus` by the trail's ARN on a schedule.
 *
 * It publishes metrics: an error present on each channel (S3, digest, CloudWatch Logs, SNS), logging on, and minutes
 * since the last log and digest delivery. When an error appears, changes or clears, or logging stops, it sends one
 * message naming
 * the error, its likely cause and the fix; alarms report logging off, overdue deliveries and a monitor that fails.
 *
 * Delivery can stop while the trail still says it is logging (a changed key or bucket policy, a deleted bucket): no
 * AWS Config rule, Security Hub control or CloudWatch metric reports it.
 */
export class TrailDeliveryMonitor extends Construct {
  /** The function that reads the trail's status. */
  public readonly function: lambda.IFunction;
  /** The topic that receives the messages and alarms. */
  public readonly topic: sns.ITopic;
  /** In ALARM when logging is off in a watched Region. */
  public readonly loggingOffAlarm: cloudwatch.Alarm;
  /** In ALARM when no log file was delivered for `logDeliveryOverdue`. */
  public readonly logDeliveryOverdueAlarm: cloudwatch.Alarm;
  /** In ALARM when no digest file was delivered for `digestDeliveryOverdue`. */
  public readonly digestDeliveryOverdueAlarm: cloudwatch.Alarm;
  /** In ALARM when the monitor's runs fail or stop: then nothing else here can be trusted. */
  public readonly monitorFailingAlarm: cloudwatch.Alarm;

  private readonly trailName: string;
  private readonly logsKey: kms.IKey;
  private readonly regions: string[];
  private readonly regionsToRead: string;
  private readonly schedule: Duration;

  constructor(scope: Construct, id: string, props: TrailDeliveryMonitorProps) {
    super(scope, id);
    props = definedProps(props);
    const trail = props.trail;
    // The trail is required: without it there is nothing to watch.
    if (trail === undefined) {
      throw new Error(
        `${this.node.path}: trail is missing. Fix: give the trail to watch (a SecureTrail or an imported trail)`,
      );
    }
    const scheduleOk = checkProps(this, [MONITOR_SCHEDULE], { schedule: props.schedule });
    const stack = Stack.of(this);
    const trailPartition = partitionOf(trail);
    const regionsInput = () => ({
      regions: props.regions,
      partition: trailPartition,
      homeRegion: Token.isUnresolved(trail.env.region) ? undefined : trail.env.region,
      multiRegion: trail.isMultiRegionTrail ?? undefined,
    });
    const regionsOk = checkProps(this, [MONITOR_REGIONS], regionsInput());
    // Again at synth: an escape hatch on the trail may make it single-Region after the monitor is made.
    if (regionsOk) checkAtSynth(this, [MONITOR_REGIONS], regionsInput);
    checkProps(this, [MONITOR_PARTITION], {
      trailArn: trail.trailArn,
      stackPartition: Token.isUnresolved(stack.region) ? stack.partition : regionPartition(stack.region),
    });
    checkProps(this, [MONITOR_DELIVERY_OVERDUE], props);
    this.schedule = scheduleOk && props.schedule ? props.schedule : Duration.minutes(5);
    this.trailName = trail.trailName;
    const listToken = props.regions !== undefined && Token.isUnresolved(props.regions);
    // The Regions each alarm combines: those known at synth (a deploy-time list is read by the function alone).
    this.regions = regionsOk && props.regions?.length && !listToken ? [...props.regions] : [trail.env.region];
    this.regionsToRead = listToken ? Fn.join(',', props.regions!) : this.regions.join(',');
    ({ topic: this.topic, logsKey: this.logsKey } = monitorTopic(
      this,
      props.topic,
      `Messages and alarms of the delivery monitor ${this.node.path}`,
    ));
    this.warnIfOtherAccount(trail);

    const fn = this.makeFunction(trail, props);
    this.function = fn;
    new events.Rule(this, 'Schedule', {
      description: `Runs the delivery monitor ${Names.uniqueId(this)} of a CloudTrail trail`.slice(0, 512),
      schedule: events.Schedule.rate(this.schedule),
      // A failed run is not retried: the next one comes within the schedule, and failures are alarmed.
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 0 })],
    });

    this.loggingOffAlarm = this.alarm(
      'LoggingOffAlarm',
      'IsLogging',
      'MIN',
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      1,
      'Logging is off: someone called StopLogging (or the trail was deleted). Fix: StartLogging on the trail, and find who stopped it.',
    );
    this.logDeliveryOverdueAlarm = this.alarm(
      'LogDeliveryOverdueAlarm',
      'MinutesSinceLogDelivery',
      'MAX',
      cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      overdueMinutes(props.logDeliveryOverdue, Duration.hours(1)),
      "No log file delivered for too long: delivery is failing (see the monitor's messages) or the trail records nothing.",
    );
    this.digestDeliveryOverdueAlarm = this.alarm(
      'DigestDeliveryOverdueAlarm',
      'MinutesSinceDigestDelivery',
      'MAX',
      cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      overdueMinutes(props.digestDeliveryOverdue, Duration.hours(2)),
      "No digest file delivered for too long: digest delivery is failing (see the monitor's messages) or validation was turned off.",
    );
    this.monitorFailingAlarm = this.failingAlarm(fn);
  }

  private makeFunction(trail: ITrail, props: TrailDeliveryMonitorProps): lambda.Function {
    const stack = Stack.of(this);
    // The function's own state (what it last reported): a parameter it creates, since CloudFormation owning its value
    // would show as drift at every change.
    const parameterName = `/cdk-cloudtrail-kit/delivery-health/${Names.uniqueId(this)}`.slice(0, 1011);
    const fn = monitorFunction(this, this, CheckDeliveryFunction, {
      logsKey: this.logsKey,
      logName: 'check-delivery',
      description:
        "Reads a CloudTrail trail's delivery status and reports errors (cdk-cloudtrail-kit TrailDeliveryMonitor)",
      environment: {
        TRAIL_ARN: trail.trailArn,
        REGIONS: this.regionsToRead,
        METRIC_NAMESPACE: DELIVERY_HEALTH_NAMESPACE,
        TOPIC_ARN: this.topic.topicArn,
        STATE_PARAMETER: parameterName,
      },
      timeout: Duration.minutes(1),
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      noDeadLetterQueue:
        'A scheduled run that fails is repeated by the next one and alarmed (MonitorFailingAlarm); there is no event to keep.',
    });
    fn.addToRolePolicy(trailStatusStatement(trail.trailArn));
    fn.addToRolePolicy(
      parameterStateStatement(
        stack.formatArn({
          service: 'ssm',
          resource: 'parameter',
          resourceName: parameterName.slice(1),
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
      ),
    );
    this.topic.grantPublish(fn);
    acknowledgeWildcards(fn, {
      'kms:GenerateDataKey*':
        "aws-cdk-lib's grantPublish on an encrypted topic: SNS asks for a data key of the topic's key only.",
    });
    return fn;
  }

  /** One alarm over every watched Region, combined with `combine` (MIN or MAX). */
  private alarm(
    id: string,
    metricName: string,
    combine: 'MIN' | 'MAX',
    operator: cloudwatch.ComparisonOperator,
    threshold: number,
    description: string,
  ): cloudwatch.Alarm {
    const period = this.period();
    const metrics = this.regions.map(
      (region) =>
        new cloudwatch.Metric({
          namespace: DELIVERY_HEALTH_NAMESPACE,
          metricName,
          dimensionsMap: { Trail: this.trailName, Region: region },
          statistic: combine === 'MIN' ? 'Minimum' : 'Maximum',
          period,
        }),
    );
    const metric =
      metrics.length === 1
        ? metrics[0]
        : new cloudwatch.MathExpression({
            expression: `${combine}([${metrics.map((_, i) => `r${i}`).join(',')}])`,
            usingMetrics: Object.fromEntries(metrics.map((m, i) => [`r${i}`, m])),
            period,
          });
    const alarm = metric.createAlarm(this, id, {
      alarmDescription: `${description} Trail ${this.trailName}.`.slice(0, 1024),
      threshold,
      comparisonOperator: operator,
      // One run in the last three that shows it is enough.
      evaluationPeriods: 3,
      datapointsToAlarm: 1,
      // No data means no run: MonitorFailingAlarm says so, and this alarm would only repeat it.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
    alarm.addOkAction(new cloudwatchActions.SnsAction(this.topic));
    return alarm;
  }

  /**
   * Failed runs in two of the last three schedules; and no run at all, as missing data: the function's Errors metric
   * has a point for every run, so when runs stop the alarm goes to INSUFFICIENT_DATA, which notifies too. A new
   * monitor starts there and goes OK with its first run, so a deployment alarms nobody.
   */
  private failingAlarm(fn: lambda.Function): cloudwatch.Alarm {
    const alarm = fn
      .metricErrors({ period: this.period(), statistic: 'Sum' })
      .createAlarm(this, 'MonitorFailingAlarm', {
        alarmDescription:
          `The delivery monitor of trail ${this.trailName} fails (ALARM) or does not run (INSUFFICIENT_DATA), so delivery ` +
          "errors go unreported. Fix: read the function's log (AccessDenied: the trail is in another account, or a policy denies " +
          'GetTrailStatus); with no log, check that its schedule rule is enabled.',
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
      });
    const action = new cloudwatchActions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    alarm.addInsufficientDataAction(action);
    return alarm;
  }

  /** One run, and at least 5 minutes; the alarms evaluate three periods (at most 3 days, within CloudWatch's 7). */
  private period(): Duration {
    return Duration.minutes(Math.max(5, this.schedule.toMinutes()));
  }

  /** GetTrailStatus answers only in the trail's account, or its delegated administrator's for an organization trail. */
  private warnIfOtherAccount(trail: ITrail): void {
    const theirs = trail.env.account;
    const ours = Stack.of(this).account;
    if (Token.isUnresolved(theirs) || Token.isUnresolved(ours) || theirs === ours) return;
    warnOnce(
      this,
      'deliveryMonitorOtherAccount',
      `${this.node.path}: the trail ${trail.trailName} is in account ${theirs}, not this stack's (${ours}). ` +
        "GetTrailStatus answers there, or in the delegated administrator's account for an organization trail; elsewhere every run " +
        "fails with AccessDenied (MonitorFailingAlarm). Fix: create the monitor in the trail's account or the delegated administrator's, " +
        `and acknowledge this with Validations.of(scope).acknowledge({ id: '${WARNING_PREFIX}:deliveryMonitorOtherAccount', reason: '...' }).`,
    );
  }
}

/**
 * A threshold in minutes. A duration known only at deploy time stays a token when given in minutes; in another unit it
 * cannot be converted (CloudFormation has no multiplication), and the default applies.
 */
function overdueMinutes(given: Duration | undefined, fallback: Duration): number {
  if (given === undefined) return fallback.toMinutes();
  try {
    return given.toMinutes({ integral: false });
  } catch {
    return fallback.toMinutes();
  }
}

/** The trail's partition: from its ARN, or from the Region of the stack that made it; undefined when not known. */
function partitionOf(trail: ITrail): string | undefined {
  if (!Token.isUnresolved(trail.trailArn)) return trail.trailArn.split(':')[1];
  const region = trail.stack.region;
  return Token.isUnresolved(region) ? undefined : regionPartition(region);
}
