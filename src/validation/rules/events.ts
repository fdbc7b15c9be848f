import { TrailRuleSeverity } from '../rule-info';
import { asLiteral, countPresent } from '../values';
import { literals } from './identifiers';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';
import { propRule, templateRule } from './s3';

/*
 * Amazon EventBridge constraints on the rules of the tamper alert and of trail event subscriptions.
 */

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

export const EVENTS_RULE_NAME = propRule({
  id: 'EVENTS_RULE_NAME',
  resourceType: 'AWS::Events::Rule',
  prop: 'ruleName',
  constraint: "A rule name is 1 to 64 letters, digits, '.', '-' and '_'.",
  source: 'EventBridge API Reference, PutRule Name (1-64, [\\.\\-_A-Za-z0-9]+) / CloudFormation AWS::Events::Rule Name',
  fix: 'use a shorter name of those characters, or leave ruleName out',
  check: (values) =>
    literals({ ruleName: values.ruleName })
      .filter(({ value }) => !NAME.test(value))
      .map(({ at, value }) => ({
        at,
        value,
        problem: "is not 1 to 64 letters, digits, '.', '-' or '_' (EventBridge rule names)",
      })),
});

export const EVENTS_RULE_TEMPLATE = templateRule({
  id: 'EVENTS_RULE_TEMPLATE',
  resourceType: 'AWS::Events::Rule',
  cfnProperty: 'Description',
  prop: 'description',
  constraint:
    "In the final template, a rule's Name is 1 to 64 allowed characters, its Description at most 512 characters, it has at most 5 " +
    'targets, and its EventPattern is at most 4,096 characters.',
  source:
    'EventBridge API Reference, PutRule Name / Description (0-512) / EventPattern (maximum 4096), PutTargets (5 targets per rule: ' +
    'LimitExceededException) / EventBridge User Guide eb-quota',
  fix: 'shorten the name, description or pattern, or split the targets over several rules',
  check: (props) => {
    const findings: RuleFinding[] = [];
    const name = asLiteral(props.Name);
    if (name !== undefined && !NAME.test(name)) {
      findings.push({ at: 'Name', value: name, problem: "is not 1 to 64 letters, digits, '.', '-' or '_'" });
    }
    const description = asLiteral(props.Description);
    if (description !== undefined && description.length > 512) {
      findings.push({
        value: description,
        problem: `is ${description.length} characters, over the 512 EventBridge takes`,
      });
    }
    const targets = countPresent(props.Targets);
    if (targets > 5) {
      findings.push({
        at: 'Targets',
        value: `${targets} targets`,
        problem: 'is over the 5 targets EventBridge allows per rule',
      });
    }
    const pattern = props.EventPattern;
    const size = pattern === undefined ? 0 : (typeof pattern === 'string' ? pattern : JSON.stringify(pattern)).length;
    if (size > 4096) {
      findings.push({
        at: 'EventPattern',
        value: `${size} characters`,
        problem: 'is over the 4,096 characters PutRule takes',
      });
    }
    return findings;
  },
});

export const EVENTS_TEMPLATE_RULES: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  'AWS::Events::Rule': [EVENTS_RULE_TEMPLATE],
};

export const EVENTS_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'EVENTS_TARGET_REGION',
    resourceType: 'AWS::Events::Rule',
    constraint: "An SNS target is in the rule's Region (cross-Region targets are event buses only).",
    source: 'EventBridge User Guide, eb-targets / knowledge-center sns-not-getting-eventbridge-notification',
    unchecked: "checked for the alert topic by MONITOR_SAME_REGION; targets added by users later are aws-cdk-lib's",
  },
];

/** The filters of an API-call rule (onCloudTrailEvent): the services (event sources) and event names it matches. */
export interface ApiCallFilters {
  readonly services?: readonly string[];
  readonly eventNames?: readonly string[];
}

/** CloudTrail's eventSource: a service's endpoint name, e.g. `s3.amazonaws.com`. */
const EVENT_SOURCE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

export const EVENTS_API_CALL_FILTERS: Rule<ApiCallFilters> = {
  id: 'EVENTS_API_CALL_FILTERS',
  resourceType: 'AWS::Events::Rule',
  constraint:
    "A rule on API calls recorded by CloudTrail filters on event sources as CloudTrail records them (a service's endpoint name) and " +
    'on at least one service or event name when it filters at all.',
  source:
    'EventBridge User Guide, events from AWS services via CloudTrail (detail.eventSource, detail.eventName) / CloudTrail record contents eventSource',
  cfnProperty: '-',
  prop: '-',
  fix: "give services as endpoint names such as 's3.amazonaws.com', or leave services and eventNames out to match every call",
  severity: TrailRuleSeverity.ERROR,
  check: ({ services, eventNames }) => [
    ...(services !== undefined && services !== null && services.length === 0
      ? [
          {
            at: 'services',
            problem: 'is empty, so the rule could match nothing',
            fix: 'leave it out to match every service',
          },
        ]
      : []),
    ...(eventNames !== undefined && eventNames !== null && eventNames.length === 0
      ? [
          {
            at: 'eventNames',
            problem: 'is empty, so the rule could match nothing',
            fix: 'leave it out to match every event',
          },
        ]
      : []),
    ...literals({ services: services ?? undefined })
      .filter(({ value }) => !EVENT_SOURCE.test(value))
      .map(({ at, value }) => ({
        at,
        value,
        problem: 'is not a CloudTrail event source',
        fix: "give the service's endpoint name as CloudTrail records it in eventSource, e.g. 's3.amazonaws.com'",
      })),
  ],
};

export const EVENTS_RULES: readonly Rule<any>[] = [EVENTS_RULE_NAME, EVENTS_RULE_TEMPLATE, EVENTS_API_CALL_FILTERS];
