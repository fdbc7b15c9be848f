import { asList, asLiteral } from '../values';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';
import { envOf, literalNumber, propRule, templateRule } from './s3';

/*
 * Amazon CloudWatch alarm constraints, and the props of the CIS monitoring constructs.
 */

export const CLOUDWATCH_ALARM_TEMPLATE = templateRule({
  id: 'CLOUDWATCH_ALARM_TEMPLATE',
  resourceType: 'AWS::CloudWatch::Alarm',
  cfnProperty: 'AlarmActions',
  prop: 'alarmActions',
  constraint:
    'In the final template, an alarm has at most 5 actions per state, a name of at most 255 characters, a description of at most 1,024, ' +
    'and EvaluationPeriods x Period of at most one day (86,400 seconds).',
  source:
    'CloudWatch API Reference, PutMetricAlarm AlarmActions / OKActions / InsufficientDataActions (maximum 5 items), AlarmName (1-255), ' +
    'AlarmDescription (0-1024), EvaluationPeriods ("cannot exceed one day") / CloudFormation AWS::CloudWatch::Alarm',
  fix: 'use at most 5 actions per state (one SNS topic can fan out), shorter names and descriptions, and fewer or shorter periods',
  check: (props) => {
    const findings: RuleFinding[] = [];
    for (const state of ['AlarmActions', 'OKActions', 'InsufficientDataActions']) {
      const n = (asList(props[state]) ?? []).length;
      if (n > 5) {
        findings.push({
          at: state,
          value: `${n} actions`,
          problem: 'is over the 5 actions CloudWatch allows per alarm state',
        });
      }
    }
    const name = asLiteral(props.AlarmName);
    if (name !== undefined && (name.length < 1 || name.length > 255)) {
      findings.push({ at: 'AlarmName', value: name, problem: 'is not 1 to 255 characters' });
    }
    const description = asLiteral(props.AlarmDescription);
    if (description !== undefined && description.length > 1024) {
      findings.push({ at: 'AlarmDescription', value: description, problem: 'is over 1,024 characters' });
    }
    const periods = literalNumber(props.EvaluationPeriods);
    const period = literalNumber(props.Period);
    if (periods !== undefined && period !== undefined && periods * period > 86400) {
      findings.push({
        at: 'EvaluationPeriods',
        value: `${periods} x ${period} s`,
        problem: 'covers more than one day (86,400 seconds); CloudWatch rejects the alarm',
      });
    }
    return findings;
  },
});

export const CLOUDWATCH_TEMPLATE_RULES: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  'AWS::CloudWatch::Alarm': [CLOUDWATCH_ALARM_TEMPLATE],
};

/** The fix for each prop a monitor takes from another Region. */
const SAME_REGION_FIXES: Readonly<Record<string, string>> = {
  topic: "use a topic in this stack's Region (create one per Region), or leave topic out for a new one",
  logGroup:
    "create the CIS alarms in a stack of the log group's Region: metric filters and alarms see only their own Region",
  trail:
    "create the monitor in a stack of the trail's home Region (its log group's Region): alerts, metric filters and alarms see only their own Region",
};

export const MONITOR_SAME_REGION = propRule({
  id: 'MONITOR_SAME_REGION',
  resourceType: 'AWS::CloudWatch::Alarm',
  prop: 'topic',
  constraint:
    'A metric filter, alarm or EventBridge rule reads log groups and CloudTrail calls of its own Region, and notifies SNS topics of its own Region.',
  source:
    "CloudWatch User Guide, AlarmThatSendsEmail (the topic is in the alarm's Region) / EventBridge User Guide eb-targets (targets in the rule's " +
    "Region) / CloudTrail User Guide cloudtrail-aws-service-specific-topics (EventBridge receives the Region's CloudTrail events)",
  fix: 'create the monitor in a stack of that Region, or leave the topic out for a new one',
  check: (values) => {
    const region = envOf(values.stack, 'region');
    if (region === undefined) return [];
    return Object.entries(values)
      .filter(([prop]) => prop !== 'stack')
      .flatMap(([prop, resource]): RuleFinding[] => {
        const theirs = envOf(resource, 'region');
        const arn = asLiteral((resource as { topicArn?: unknown } | null)?.topicArn);
        return theirs === undefined || theirs === region
          ? []
          : [
              {
                at: prop,
                value: arn ?? (resource as { node?: { path?: string } }).node?.path ?? theirs,
                problem:
                  `is in Region '${theirs}', but a monitor sees ` +
                  `and notifies only in its own stack's Region (${region})`,
                fix: SAME_REGION_FIXES[prop],
              },
            ];
      });
  },
});

export const CIS_CONTROLS = propRule({
  id: 'CIS_CONTROLS',
  resourceType: 'AWS::CloudWatch::Alarm',
  prop: 'controls',
  constraint:
    'The CIS controls monitored are at least one, each once: a control twice would put two identical metric filters on the log group.',
  source:
    'CIS AWS Foundations Benchmark v1.4.0 section 4 (one metric filter and alarm per control) / Security Hub CloudWatch.1-14',
  fix: 'leave controls out for all 15 controls, or list each control once',
  check: (values) => {
    const controls = asList(values.controls);
    if (controls === undefined) return [];
    if (controls.length === 0) {
      return [{ at: 'controls', value: '[]', problem: 'is empty, so nothing would be monitored' }];
    }
    const seen = new Set<string>();
    return controls.flatMap((c, i): RuleFinding[] => {
      const id = asLiteral((c as { cisId?: unknown } | null)?.cisId);
      if (id === undefined) return [];
      if (seen.has(id)) {
        return [
          {
            at: `controls[${i}]`,
            value: `${id} (${asLiteral((c as { metricName?: unknown }).metricName) ?? ''})`,
            problem: 'is listed twice',
          },
        ];
      }
      seen.add(id);
      return [];
    });
  },
});

export const CIS_LOG_GROUP_REQUIRED = propRule({
  id: 'CIS_LOG_GROUP_REQUIRED',
  resourceType: 'AWS::Logs::MetricFilter',
  prop: 'logGroup',
  constraint: 'CIS metric filters need a log group: the one the trail delivers to.',
  source:
    'CIS AWS Foundations Benchmark v1.4.0 section 4 (metric filters on the CloudTrail log group) / CloudWatch Logs PutMetricFilter logGroupName (required)',
  fix: 'give logGroup, or a trail that delivers to CloudWatch Logs (a SecureTrail with sendToCloudWatchLogs, or fromTrailAttributes with logGroup)',
  check: (values) =>
    values.logGroup === undefined || values.logGroup === null
      ? [
          {
            at: 'logGroup',
            problem:
              'is missing, and the trail delivers to no log group, so there is no log group to put the CIS metric filters on',
          },
        ]
      : [],
});

export const CLOUDWATCH_RULES: readonly Rule<any>[] = [
  CLOUDWATCH_ALARM_TEMPLATE,
  MONITOR_SAME_REGION,
  CIS_CONTROLS,
  CIS_LOG_GROUP_REQUIRED,
];

export const CLOUDWATCH_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'CLOUDWATCH_ALARM_TOPIC_POLICY',
    resourceType: 'AWS::CloudWatch::Alarm',
    constraint:
      'The topic of an alarm action lets cloudwatch.amazonaws.com publish (and its key lets CloudWatch use it).',
    source: 'CloudWatch User Guide, AlarmThatSendsEmail / SNS Developer Guide sns-key-management',
    unchecked:
      "an imported topic's policy is not known at synth: the construct warns with the statements to add (alarmTopicPolicy, alertTopicKeyPolicy)",
  },
  {
    id: 'CLOUDWATCH_METRIC_EXISTS',
    resourceType: 'AWS::CloudWatch::Alarm',
    constraint: "An alarm's metric receives data: a metric filter publishes only once a matching event arrives.",
    source: 'CloudWatch User Guide, alarms-and-missing-data',
    unchecked: 'data is a run-time matter; the alarms treat missing data as not breaching',
  },
];
