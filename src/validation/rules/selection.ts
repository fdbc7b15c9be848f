import { TrailRuleSeverity } from '../rule-info';
import { Rule, RuleFinding } from './rule';

/*
 * Constraints on the event selection methods' arguments (logManagementEvents, logS3DataEvents,
 * addAdvancedEventSelector,
 * addInsight, ...): what CloudTrail would refuse, or what would select nothing, checked on the call. The selection
 * throws a `SelectionRejected` with the findings; the trail reports them with the app's other errors.
 */

const SOURCE =
  'CloudTrail API PutEventSelectors / PutInsightSelectors / PutEventConfiguration, and the User Guide pages they link';

function selectionRule<T>(
  rule: Omit<Rule<T>, 'check' | 'cfnProperty' | 'severity' | 'source'> & { source?: string },
  check: (input: T) => RuleFinding[],
): Rule<T> {
  return { source: SOURCE, ...rule, cfnProperty: '-', severity: TrailRuleSeverity.ERROR, check };
}

export const SELECTION_EXCLUDES_WITHOUT_MANAGEMENT_EVENTS = selectionRule<{
  readonly none: boolean;
  readonly excludes: readonly string[];
}>(
  {
    id: 'SELECTION_EXCLUDES_WITHOUT_MANAGEMENT_EVENTS',
    constraint: 'Event sources are excluded from management events only when management events are logged.',
    prop: 'managementEvents.excludeEventSources',
    fix: 'remove excludeEventSources, or log management events',
  },
  ({ none, excludes }) =>
    none && excludes.length > 0
      ? [
          {
            value: excludes.join(', '),
            problem: 'has no effect when readWriteType is NONE (no management events are logged)',
          },
        ]
      : [],
);

export const SELECTION_DATA_EVENTS_NONE = selectionRule<{ readonly none: boolean }>(
  {
    id: 'SELECTION_DATA_EVENTS_NONE',
    constraint: 'Data events are logged with ReadOnly, WriteOnly or All: NONE would log none of them.',
    prop: 'readWriteType',
    fix: 'leave the resources out instead',
  },
  ({ none }) => (none ? [{ value: 'NONE', problem: 'would log no data events' }] : []),
);

/** A list argument: its name, whether it must hold something, and its items (null and incomplete ones are refused). */
export interface SelectionList {
  readonly name: string;
  readonly items: readonly unknown[] | null | undefined;
  readonly required?: string;
  /** An item's field that must be set, such as the bucket of an S3 selection. */
  readonly field?: string;
}

export const SELECTION_LIST_ITEMS = selectionRule<SelectionList>(
  {
    id: 'SELECTION_LIST_ITEMS',
    constraint:
      'A list of resources to select holds what it selects, without null entries, and is not empty where nothing would be selected.',
    prop: '-',
    fix: 'give each entry, and remove null ones',
  },
  ({ name, items, required, field }) => {
    const list = items ?? [];
    if (list.length === 0) {
      return required === undefined
        ? []
        : [{ at: name, problem: 'is empty, so nothing would be selected', fix: required }];
    }
    return list.flatMap((item, i): RuleFinding[] => {
      if (item === null || item === undefined) {
        return [{ at: `${name}[${i}]`, problem: 'is null', fix: 'remove the null entries' }];
      }
      const value = field === undefined ? item : (item as Record<string, unknown>)[field];
      return value === null || value === undefined
        ? [{ at: `${name}[${i}]`, problem: `has no ${field}`, fix: `give each entry its ${field}, e.g. { ${field} }` }]
        : [];
    });
  },
);

/** An advanced selector as given: its category, resource type and the fields its conditions name. */
export interface GivenAdvancedSelector {
  readonly eventCategory?: string;
  readonly resourceType?: string;
  readonly conditionFields: readonly string[];
}

export const SELECTION_ADVANCED_SELECTOR = selectionRule<GivenAdvancedSelector>(
  {
    id: 'SELECTION_ADVANCED_SELECTOR',
    constraint:
      'An advanced selector names its event category, a resource type exactly for Data events, and leaves eventCategory and ' +
      'resources.type to those props rather than conditions.',
    source:
      'CloudTrail API AdvancedEventSelector / AdvancedFieldSelector (eventCategory required; resources.type for data events)',
    prop: 'selector',
    fix: 'set eventCategory (e.g. EventCategory.DATA), and resourceType for Data events only',
  },
  ({ eventCategory, resourceType, conditionFields }) => {
    const found: RuleFinding[] = [];
    if (eventCategory === undefined) {
      found.push({
        at: 'selector.eventCategory',
        problem: 'is missing; CloudTrail requires one',
        fix: 'set eventCategory, e.g. EventCategory.DATA',
      });
    }
    for (const field of conditionFields.filter((f) => f === 'eventCategory' || f === 'resources.type')) {
      found.push({
        at: 'selector.conditions',
        value: field,
        problem: 'is set by the selector itself',
        fix: `use the selector's ${field === 'eventCategory' ? 'eventCategory' : 'resourceType'} instead of a condition on ${field}`,
      });
    }
    if (eventCategory === 'Data' && resourceType === undefined) {
      found.push({
        at: 'selector.resourceType',
        problem: 'is missing: a selector for Data events needs one (CloudTrail requires resources.type)',
        fix: 'set resourceType, e.g. DataResourceType.S3_OBJECT',
      });
    }
    if (eventCategory !== undefined && eventCategory !== 'Data' && resourceType !== undefined) {
      found.push({
        at: 'selector.resourceType',
        value: resourceType,
        problem: `applies to data events only, but the selector is for ${eventCategory} events`,
        fix: 'remove resourceType, or use EventCategory.DATA',
      });
    }
    return found;
  },
);

/** An Insights selector as given: its type, and its event categories when given. */
export interface GivenInsight {
  readonly insightType?: string;
  readonly eventCategories?: readonly string[];
}

export const SELECTION_INSIGHT = selectionRule<GivenInsight>(
  {
    id: 'SELECTION_INSIGHT',
    constraint:
      'An Insights selector names its type, and analyses Management and/or Data events (an empty list analyses nothing).',
    source: 'CloudTrail API InsightSelector (InsightType required; EventCategories Management, Data)',
    prop: 'insights',
    fix: 'set insightType (e.g. InsightType.API_CALL_RATE), and eventCategories Management and/or Data, or leave them out',
  },
  ({ insightType, eventCategories }) => {
    const found: RuleFinding[] = [];
    if (insightType === undefined) {
      found.push({
        at: 'insights.insightType',
        problem: 'is missing',
        fix: 'set insightType, e.g. InsightType.API_CALL_RATE',
      });
    }
    const bad = (eventCategories ?? []).filter((c) => c !== 'Management' && c !== 'Data');
    if (bad.length > 0) {
      found.push({
        at: 'insights.eventCategories',
        value: bad.join(', '),
        problem: 'are not allowed: Insights analyse Management and Data events only',
        fix: 'use EventCategory.MANAGEMENT and/or DATA',
      });
    }
    if (eventCategories !== undefined && eventCategories.length === 0) {
      found.push({ at: 'insights.eventCategories', problem: 'is empty', fix: 'leave it out for management events' });
    }
    return found;
  },
);

/** What the selection asks for as a whole: management events NONE, and whether anything else is selected. */
export interface WholeSelection {
  readonly managementNone: boolean;
  readonly otherEvents: boolean;
}

export const SELECTION_LOGS_NOTHING = selectionRule<WholeSelection>(
  {
    id: 'SELECTION_LOGS_NOTHING',
    constraint:
      'A trail\'s selection logs something: event selectors cannot say "nothing" (a trail without selectors logs all management events).',
    source:
      'CloudTrail API PutEventSelectors (no selectors: all management events) / User Guide logging-management-events-with-cloudtrail',
    prop: 'managementEvents',
    fix: 'select some data or network activity events, or log management events',
  },
  ({ managementNone, otherEvents }) =>
    managementNone && !otherEvents
      ? [
          {
            value: 'NONE',
            problem:
              'with no data or network activity events selected would log nothing, which event selectors cannot express',
          },
        ]
      : [],
);

export const SELECTION_RULES = [
  SELECTION_LOGS_NOTHING,
  SELECTION_EXCLUDES_WITHOUT_MANAGEMENT_EVENTS,
  SELECTION_DATA_EVENTS_NONE,
  SELECTION_LIST_ITEMS,
  SELECTION_ADVANCED_SELECTOR,
  SELECTION_INSIGHT,
] as const;

/** A selection call refused by a rule: the trail reports its findings at synth and leaves the call out. */
export class SelectionRejected extends Error {
  constructor(
    public readonly rule: Rule<any>,
    public readonly input: unknown,
    findings: readonly RuleFinding[],
  ) {
    super(`[${rule.id}] ${findings.map((f) => `${f.at ?? rule.prop} ${f.problem}`).join('; ')}`);
  }
}

/** Throws `SelectionRejected` when the rule finds anything in the call's input. */
export function requireRule<T>(rule: Rule<T>, input: T): void {
  const findings = rule.check(input);
  if (findings.length > 0) throw new SelectionRejected(rule, input, findings);
}
