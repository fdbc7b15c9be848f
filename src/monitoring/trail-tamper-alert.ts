import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { allowServicesToPublish, CLOUDWATCH_SERVICE, EVENTS_SERVICE, newAlertTopic } from './private/alert-topic';
import { checkAlertTopic, checkSameRegion, describe } from './private/checks';
import { tamperPattern } from './private/event-patterns';
import { ITrail } from '../interfaces/itrail';
import { kmsAliasOf } from '../private/arns';
import { definedProps } from '../private/props';
import { checkProps, checkResources } from '../validation/report';
import { CLOUDWATCH_TEMPLATE_RULES } from '../validation/rules/cloudwatch';
import { EVENTS_RULE_NAME, EVENTS_TEMPLATE_RULES } from '../validation/rules/events';

/**
 * Properties of a `TrailTamperAlert`.
 */
export interface TrailTamperAlertProps {
  /**
   * The trail to watch. Its bucket, key and CloudWatch Logs log group are watched too when known: a `SecureTrail`, or
   * a trail imported with `fromTrailAttributes` and its `bucket`, `encryptionKey` and `logGroup`.
   */
  readonly trail: ITrail;

  /**
   * The SNS topic that receives each matching event. Its KMS key, if any, gets a statement letting EventBridge (and,
   * with `alarm`, CloudWatch) use it; if the key or topic is not managed by this app, a warning lists the statement
   * to add.
   *
   * @default - a new topic encrypted with a new rotated KMS key and refusing publishes without TLS
   */
  readonly topic?: sns.ITopic;

  /**
   * Also create a CloudWatch alarm that notifies the topic when the rule fires (`AWS/Events` `TriggeredRules`), so the
   * alert shows in CloudWatch and on dashboards.
   *
   * @default false
   */
  readonly alarm?: boolean;

  /**
   * A physical name for the rule.
   *
   * @default - CloudFormation generates one
   */
  readonly ruleName?: string;
}

/**
 * An alert whenever someone switches off or weakens a trail, its log bucket, its KMS key or its log group.
 *
 * It matches StopLogging, DeleteTrail, UpdateTrail,
 * PutEventSelectors, PutInsightSelectors, PutEventConfiguration or RemoveTags on the trail; policy, lifecycle,
 * versioning, Object Lock, encryption or access-logging changes or deletion of its log bucket; PutKeyPolicy,
 * DisableKey or ScheduleKeyDeletion on its KMS key, DeleteAlias or UpdateAlias of the alias it is known by;
 * deletion, retention or encryption changes of its CloudWatch Logs log group; and nothing else. These are the calls
 * `TrailGuardrails` denies.
 *
 * The EventBridge rule must be in the trail's home Region (where these calls are made and recorded); the bucket, key
 * and log group parts only see calls made in this Region too.
 */
export class TrailTamperAlert extends Construct {
  /** The EventBridge rule that matches the calls. */
  public readonly rule: events.Rule;
  /** The topic that receives each matching event. */
  public readonly topic: sns.ITopic;
  /** The alarm on the rule, when `alarm` is true. */
  public readonly alarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: TrailTamperAlertProps) {
    super(scope, id);
    // null from JavaScript counts as unset (jsii keeps the parameter's name: Python callers pass props=).
    props = definedProps(props);
    const trail = props.trail;
    // The trail is required: without it there is nothing to watch, and no value to leave out in its place.
    if (trail === undefined) {
      throw new Error(
        `${this.node.path}: trail is missing. Fix: give the trail to watch (a SecureTrail or an imported trail)`,
      );
    }
    checkSameRegion(this, { trail });
    const ruleName = checkProps(this, [EVENTS_RULE_NAME], { ruleName: props.ruleName }) ? props.ruleName : undefined;
    // A topic a rule rejects is left out: a new one is made, and synthesis fails naming the given one.
    const givenTopic = props.topic && checkAlertTopic(this, props.topic) ? props.topic : undefined;

    this.rule = new events.Rule(this, 'Rule', {
      ruleName,
      // EventBridge takes descriptions of up to 512 characters; a long construct path is shortened at its start.
      description: describe('Calls that stop, delete or weaken the CloudTrail trail ', trail.node.path, 512),
      eventPattern: tamperPattern({
        trailName: trail.trailName,
        trailArn: trail.trailArn,
        bucketName: trail.bucket?.bucketName,
        keyId: trail.encryptionKey?.keyId,
        keyArn: trail.encryptionKey?.keyArn,
        keyAliasName: trail.encryptionKey && kmsAliasOf(trail.encryptionKey.keyArn),
        logGroupName: trail.logGroup?.logGroupName,
      }),
    });

    this.topic = givenTopic ?? newAlertTopic(this, 'Encrypts the CloudTrail tamper alert topic');
    allowServicesToPublish(this, this.topic, props.alarm ? [EVENTS_SERVICE, CLOUDWATCH_SERVICE] : [EVENTS_SERVICE]);
    this.rule.addTarget(new targets.SnsTopic(this.topic));

    if (props.alarm) {
      this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
        metric: this.metricTriggeredRules(),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: describe('Someone stopped, deleted or weakened the CloudTrail trail ', trail.node.path, 1024),
      });
      this.alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
    }
    checkResources(this, { ...EVENTS_TEMPLATE_RULES, ...CLOUDWATCH_TEMPLATE_RULES });
  }

  /**
   * How often the rule matched (`AWS/Events` `TriggeredRules`, Sum per 5 minutes).
   */
  public metricTriggeredRules(options?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Events',
      metricName: 'TriggeredRules',
      dimensionsMap: { RuleName: this.rule.ruleName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...options,
    });
  }
}
