import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { CisControl } from './cis-controls';
import { allowServicesToPublish, CLOUDWATCH_SERVICE, newAlertTopic } from './private/alert-topic';
import { checkAlertTopic, checkSameRegion } from './private/checks';
import { ITrail } from '../interfaces/itrail';
import { definedProps } from '../private/props';
import { formatFinding } from '../validation/messages';
import { checkProps, checkResources, reportRules } from '../validation/report';
import { CIS_CONTROLS, CIS_LOG_GROUP_REQUIRED, CLOUDWATCH_TEMPLATE_RULES } from '../validation/rules/cloudwatch';
import {
  LOGS_METRIC_FILTERS_PER_LOG_GROUP,
  LOGS_METRIC_NAMESPACE,
  LOGS_TEMPLATE_RULES,
} from '../validation/rules/logs';

/** Metric filters per log group (CloudWatch Logs quotas: 100, not adjustable). */

/**
 * Properties of `CisAlarms`.
 */
export interface CisAlarmsProps {
  /**
   * The log group the trail delivers to, which the metric filters read.
   *
   * @default - the log group of `trail`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * The trail whose CloudWatch Logs log group the metric filters read: a `SecureTrail` delivering to CloudWatch Logs,
   * or a trail imported with `fromTrailAttributes` and its `logGroup`. Ignored when `logGroup` is given.
   *
   * @default - `logGroup` must be given
   */
  readonly trail?: ITrail;

  /**
   * The controls to alarm on.
   *
   * @default CisControl.all(): 4.1 to 4.15
   */
  readonly controls?: CisControl[];

  /**
   * The SNS topic every alarm notifies. Security Hub also checks that it has a subscription. Its KMS key, if any,
   * gets a statement letting CloudWatch use it, and its policy one letting this account's alarms publish; if either
   * is not managed by this app, a warning lists the statement to add.
   *
   * @default - a new topic encrypted with a new rotated KMS key and refusing publishes without TLS
   */
  readonly topic?: sns.ITopic;

  /**
   * The CloudWatch namespace of the metrics.
   *
   * @default 'LogMetrics'
   */
  readonly metricNamespace?: string;
}

/** Marks a CisAlarms of any copy of this library: `isCisAlarms` reads it. */
const CIS_ALARMS_SYMBOL = Symbol.for('cdk-cloudtrail-kit.CisAlarms');

/**
 * The CIS AWS Foundations Benchmark monitoring controls (4.1 to 4.15) on a trail's CloudWatch Logs log group: per
 * control, a metric filter with the exact pattern AWS Security Hub checks (controls CloudWatch.1 to .14) and an alarm
 * that notifies an SNS topic as soon as one matching event is logged.
 */
export class CisAlarms extends Construct {
  /**
   * Whether `x` is a `CisAlarms`, also one made by another copy of this library (an app and a library it uses each
   * depending on this one), where `instanceof` is false.
   */
  public static isCisAlarms(x: any): x is CisAlarms {
    return x !== null && typeof x === 'object' && CIS_ALARMS_SYMBOL in x;
  }

  /** The topic the alarms notify. */
  public readonly topic: sns.ITopic;
  /** The log group the metric filters read. */
  public readonly logGroup: logs.ILogGroup;
  /** The CloudWatch namespace of the metrics. */
  public readonly metricNamespace: string;

  private readonly filters = new Map<string, logs.MetricFilter>();
  private readonly alarms = new Map<string, cloudwatch.Alarm>();

  constructor(scope: Construct, id: string, props: CisAlarmsProps = {}) {
    super(scope, id);
    Object.defineProperty(this, CIS_ALARMS_SYMBOL, { value: true });
    // null from JavaScript counts as unset (jsii keeps the parameter's name: Python callers pass props=).
    props = definedProps(props);
    const logGroup = props.logGroup ?? props.trail?.logGroup;
    if (logGroup === undefined) {
      // Nothing can be built without a log group (the filters are on it): the rule's finding, now, as the one error.
      const [finding] = CIS_LOG_GROUP_REQUIRED.check({ logGroup });
      throw new Error(formatFinding(CIS_LOG_GROUP_REQUIRED, finding, this.node.path));
    }
    this.logGroup = logGroup;
    checkSameRegion(this, props.logGroup ? { logGroup } : { trail: props.trail });
    // Controls a rule rejects (none, or one twice) are left out: all controls, each once, are built and synthesis
    // fails.
    const controlsOk = checkProps(this, [CIS_CONTROLS], { controls: props.controls });
    const controls = controlsOk
      ? (props.controls ?? CisControl.all())
      : [...new Map((props.controls?.length ? props.controls : CisControl.all()).map((c) => [c.cisId, c])).values()];
    const namespaceOk = checkProps(this, [LOGS_METRIC_NAMESPACE], { metricNamespace: props.metricNamespace });
    this.metricNamespace = (namespaceOk ? props.metricNamespace : undefined) ?? 'LogMetrics';
    this.node.addValidation({ validate: () => this.checkFilterCount() });

    // A topic a rule rejects is left out: a new one is made, and synthesis fails naming the given one.
    if (props.topic && checkAlertTopic(this, props.topic)) {
      this.topic = props.topic;
    } else {
      this.topic = newAlertTopic(this, 'Encrypts the CIS monitoring alarm topic');
    }
    allowServicesToPublish(this, this.topic, [CLOUDWATCH_SERVICE]);
    const action = new cloudwatchActions.SnsAction(this.topic);

    for (const control of controls) {
      const filter = new logs.MetricFilter(this, `${control.metricName}Filter`, {
        logGroup,
        filterPattern: logs.FilterPattern.literal(control.filterPattern),
        metricNamespace: this.metricNamespace,
        metricName: control.metricName,
        metricValue: '1',
      });
      this.filters.set(control.cisId, filter);
      const alarm = new cloudwatch.Alarm(this, `${control.metricName}Alarm`, {
        metric: this.metricOf(filter),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription:
          `CIS ${control.cisId}${control.securityHubControlId ? ` (Security Hub ${control.securityHubControlId})` : ''}: ` +
          `${control.description}`,
      });
      alarm.addAlarmAction(action);
      this.alarms.set(control.cisId, alarm);
    }
    checkResources(this, { ...LOGS_TEMPLATE_RULES, ...CLOUDWATCH_TEMPLATE_RULES });
  }

  /**
   * The alarm of one control. Throws if the control was not selected.
   */
  public alarm(control: CisControl): cloudwatch.Alarm {
    return this.selected(this.alarms, control);
  }

  /**
   * The metric of one control: matching events per 5 minutes (Sum), for dashboards. Throws if the control was not
   * selected.
   */
  public metric(control: CisControl, options?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metricOf(this.selected(this.filters, control), options);
  }

  /**
   * CloudWatch Logs allows 100 metric filters per log group (CloudWatch Logs quotas); counted over the app, by the
   * first CisAlarms of the log group only, so the error appears once.
   */
  private checkFilterCount(): string[] {
    const key = (c: IConstruct) =>
      JSON.stringify(Stack.of(c).resolve((c as logs.CfnMetricFilter).logGroupName)) + Stack.of(c).stackName;
    const mine = key(this.filters.values().next().value!.node.defaultChild!);
    const all = this.node.root.node.findAll();
    const filters = all.filter((c) => c instanceof logs.CfnMetricFilter && key(c) === mine);
    const first = all.find(
      (c) =>
        CisAlarms.isCisAlarms(c) &&
        c.filters.size > 0 &&
        key(c.filters.values().next().value!.node.defaultChild!) === mine,
    );
    // One error per log group, from the first CisAlarms on it.
    if (first !== this) return [];
    return reportRules(this, [LOGS_METRIC_FILTERS_PER_LOG_GROUP], {
      logGroup: this.logGroup.node.path,
      filterCount: filters.length,
    });
  }

  private metricOf(filter: logs.MetricFilter, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5), ...options });
  }

  private selected<T>(items: Map<string, T>, control: CisControl): T {
    const item = items.get(control.cisId);
    if (item === undefined) {
      throw new Error(
        `${this.node.path}: CIS ${control.cisId} (${control.metricName}) is not monitored here; ` +
          `the controls are ${[...items.keys()].join(', ')}. Add it to 'controls'.`,
      );
    }
    return item;
  }
}
