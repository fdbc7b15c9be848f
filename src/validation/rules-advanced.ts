import { toPartial } from './partial-string';
import { knownEnv, RuleFinding, shown, TrailRule, findEach } from './rule';
import {
  AdvancedSelectorView,
  advancedSelectors,
  FIELDS_BY_CATEGORY,
  fieldsNamed,
  literalValues,
  nonEqualsOperators,
  TRAIL_EVENT_CATEGORIES,
} from './selectors';
import { asList, countPresent, field, literalFacts, mayHoldToken } from './values';

const SOURCE = 'CloudTrail API AdvancedEventSelector / AdvancedFieldSelector, InvalidEventSelectorsException';
const REJECTED = 'CloudTrail rejects it with InvalidEventSelectorsException';
const EQUALS_ONLY_FIELDS = ['eventCategory', 'resources.type', 'readOnly', 'errorCode'];
/** AWS adds services to network activity events over time (S3 and others joined these), so any service endpoint name is accepted. */
const NETWORK_EVENT_SOURCE = /^[a-z0-9-]+\.amazonaws\.com$/;
const ALL_FIELDS = [...new Set(Object.values(FIELDS_BY_CATEGORY).flat())];

function at(selector: AdvancedSelectorView, rest = ''): string {
  return `AdvancedEventSelectors[${selector.index}]${rest}`;
}

/** The valid categories of a selector when known and non-empty. */
function knownCategories(selector: AdvancedSelectorView): string[] | undefined {
  const valid = (selector.categories ?? []).filter((c) => TRAIL_EVENT_CATEGORIES.includes(c));
  return selector.categories !== undefined && valid.length > 0 ? valid : undefined;
}

/** A selector certainly about only this category. */
function onlyCategory(selector: AdvancedSelectorView, category: string): boolean {
  const categories = selector.categories;
  return categories !== undefined && categories.length > 0 && categories.every((c) => c === category);
}

export const ADVANCED_RULES: TrailRule[] = [
  {
    id: 'ADVANCED_SELECTORS_FIELD_SELECTORS_REQUIRED',
    constraint: 'Each advanced event selector has at least one field selector.',
    source: `${SOURCE} / CloudFormation FieldSelectors minItems 1`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'add field selectors, at least { Field: \'eventCategory\', Equals: [\'Management\'] } (or Data, NetworkActivity)',
    severity: 'error',
    check(props, context) {
      return findEach(advancedSelectors(props, context), (selector): RuleFinding[] => {
        const fieldSelectors = field(selector.raw, 'FieldSelectors');
        const missing = fieldSelectors === undefined || fieldSelectors === null;
        if (!missing && (asList(fieldSelectors) === undefined || countPresent(fieldSelectors) > 0)) return [];
        if (missing && (selector.raw === null || typeof selector.raw !== 'object')) return [];
        return [{ at: at(selector, '.FieldSelectors'), problem: `is ${missing ? 'missing' : 'empty'}; ${REJECTED}` }];
      });
    },
  },
  {
    id: 'ADVANCED_SELECTORS_EVENT_CATEGORY',
    constraint: 'Each advanced event selector has an eventCategory field selector, Equals Management, Data or NetworkActivity '
      + '(Insight, ConfigurationItem, Evidence and ActivityAuditLog are for event data stores only).',
    source: `${SOURCE} / API reference AdvancedFieldSelector eventCategory`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'add { Field: \'eventCategory\', Equals: [\'Management\'] } (or \'Data\', \'NetworkActivity\') to the selector',
    severity: 'error',
    check(props, context) {
      return findEach(advancedSelectors(props, context), (selector): RuleFinding[] => {
        const categoryFields = fieldsNamed(selector, 'eventCategory');
        if (selector.fieldsKnown && (selector.fields ?? []).length > 0 && categoryFields.length === 0) {
          return [{ at: at(selector, '.FieldSelectors'), problem: `has no eventCategory field selector; ${REJECTED}` }];
        }
        return findEach(categoryFields, (fs) => literalValues(field(fs.raw, 'Equals')).values
          .filter((category) => !TRAIL_EVENT_CATEGORIES.includes(category))
          .map((category) => ({
            at: at(selector, `.FieldSelectors[${fs.index}].Equals`),
            value: category,
            problem: `is not an event category a trail logs (Management, Data, NetworkActivity); ${REJECTED}`,
          })));
      });
    },
  },
  {
    id: 'ADVANCED_SELECTORS_FIELD_NOT_ALLOWED',
    constraint: 'A field selector uses a field allowed for the selector\'s event category: Management: eventCategory, eventSource, readOnly; '
      + 'Data: eventCategory, resources.type, eventName, eventSource, eventType, readOnly, resources.ARN, sessionCredentialFromConsole, '
      + 'userIdentity.arn; NetworkActivity: eventCategory, eventSource, eventName, errorCode, vpcEndpointId, userIdentity.arn.',
    source: `${SOURCE} / API reference AdvancedFieldSelector Field`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'use only the fields of the selector\'s event category, or move the condition to a selector of the right category',
    severity: 'error',
    check(props, context) {
      return findEach(advancedSelectors(props, context), (selector) => {
        const categories = knownCategories(selector);
        if (categories === undefined && selector.categories !== undefined && selector.categories.length > 0) return [];
        const allowed = (name: string) => categories === undefined
          ? ALL_FIELDS.includes(name)
          : categories.some((c) => FIELDS_BY_CATEGORY[c].includes(name));
        const scope = categories === undefined ? 'any event category' : `${categories.join('/')} events`;
        return (selector.fields ?? [])
          .filter((fs) => fs.field !== undefined && !allowed(fs.field))
          .map((fs) => ({
            at: at(selector, `.FieldSelectors[${fs.index}].Field`),
            value: fs.field,
            problem: `is not a field a trail's selector for ${scope} can use; ${REJECTED}`,
          }));
      });
    },
  },
  {
    id: 'ADVANCED_SELECTORS_EQUALS_ONLY',
    constraint: 'The fields eventCategory, resources.type, readOnly and errorCode use only the Equals operator.',
    source: `${SOURCE} / API reference AdvancedFieldSelector Equals`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'use Equals for this field (list every value you want)',
    severity: 'error',
    check(props, context) {
      return findEach(advancedSelectors(props, context), (selector) => findEach(selector.fields ?? [], (fs) => {
        if (fs.field === undefined || !EQUALS_ONLY_FIELDS.includes(fs.field)) return [];
        const operators = nonEqualsOperators(fs);
        if (operators.length === 0) return [];
        return [{
          at: at(selector, `.FieldSelectors[${fs.index}]`),
          value: fs.field,
          problem: `uses ${operators.join(', ')}; only Equals is allowed, and ${REJECTED}`,
        }];
      }));
    },
  },
  {
    id: 'ADVANCED_SELECTORS_READ_ONLY_VALUE',
    constraint: 'The readOnly field is Equals \'true\' or \'false\'.',
    source: `${SOURCE} / API reference AdvancedFieldSelector readOnly`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'use { Field: \'readOnly\', Equals: [\'true\'] } for read events or [\'false\'] for write events (leave it out for both)',
    severity: 'error',
    check(props, context) {
      return findEach(advancedSelectors(props, context), (selector) => findEach(fieldsNamed(selector, 'readOnly'), (fs) => literalValues(field(fs.raw, 'Equals')).values
        .filter((v) => v.toLowerCase() !== 'true' && v.toLowerCase() !== 'false')
        .map((v) => ({ at: at(selector, `.FieldSelectors[${fs.index}].Equals`), value: v, problem: `is not 'true' or 'false'; ${REJECTED}` }))));
    },
  },
  {
    id: 'ADVANCED_SELECTORS_DATA_RESOURCES_TYPE',
    constraint: 'An advanced selector for Data events has exactly one resources.type field selector.',
    source: `${SOURCE} / API reference AdvancedFieldSelector resources.type`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'give each Data selector one { Field: \'resources.type\', Equals: [\'AWS::S3::Object\'] } (or another type); use one selector per type',
    severity: 'error',
    check(props, context) {
      return findEach(advancedSelectors(props, context), (selector): RuleFinding[] => {
        if (!onlyCategory(selector, 'Data') || !selector.fieldsKnown) return [];
        const count = fieldsNamed(selector, 'resources.type').length;
        if (count === 1) return [];
        return [{
          at: at(selector, '.FieldSelectors'),
          problem: `${count === 0 ? 'has no' : `has ${count}`} resources.type field selectors in a Data selector; ${REJECTED}`,
        }];
      });
    },
  },
  {
    id: 'ADVANCED_SELECTORS_NETWORK_EVENT_SOURCE',
    constraint: 'An advanced selector for NetworkActivity events has an eventSource field selector with Equals a service endpoint such as '
      + 'cloudtrail.amazonaws.com, ec2.amazonaws.com, kms.amazonaws.com or secretsmanager.amazonaws.com (one value per field selector).',
    source: `${SOURCE} / API reference AdvancedFieldSelector eventSource / User Guide logging-network-events-with-cloudtrail`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'add { Field: \'eventSource\', Equals: [\'ec2.amazonaws.com\'] } (or another supported source); use one selector per source',
    severity: 'error',
    check(props, context) {
      return findEach(advancedSelectors(props, context), (selector): RuleFinding[] => {
        if (!onlyCategory(selector, 'NetworkActivity')) return [];
        const sources = fieldsNamed(selector, 'eventSource');
        if (sources.length === 0) {
          if (!selector.fieldsKnown) return [];
          return [{ at: at(selector, '.FieldSelectors'), problem: `has no eventSource field selector in a NetworkActivity selector; ${REJECTED}` }];
        }
        return findEach(sources, (fs): RuleFinding[] => {
          const where = at(selector, `.FieldSelectors[${fs.index}]`);
          const operators = nonEqualsOperators(fs);
          if (operators.length > 0) {
            return [{ at: where, value: 'eventSource', problem: `uses ${operators.join(', ')}; only Equals is allowed, and ${REJECTED}` }];
          }
          const { values } = literalValues(field(fs.raw, 'Equals'));
          const bad = values.filter((v) => !NETWORK_EVENT_SOURCE.test(v));
          if (bad.length > 0) {
            return [{ at: `${where}.Equals`, value: bad.join(', '), problem: `is not an AWS service event source (<service>.amazonaws.com); ${REJECTED}` }];
          }
          const count = countPresent(field(fs.raw, 'Equals'));
          if (count > 1) {
            return [{ at: `${where}.Equals`, value: values.join(', '), problem: `lists ${count} event sources; one per field selector is allowed, and ${REJECTED}` }];
          }
          return [];
        });
      });
    },
  },
  {
    id: 'ADVANCED_SELECTORS_EMPTY_OPERATOR',
    constraint: 'An operator of a field selector (Equals, StartsWith, ...) lists at least one value.',
    source: `${SOURCE} / CloudFormation AdvancedFieldSelector operators minItems 1`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'give the operator a value or leave it out',
    severity: 'error',
    check(props, context) {
      const findings: RuleFinding[] = [];
      for (const selector of advancedSelectors(props, context)) {
        for (const fs of selector.fields ?? []) {
          for (const op of fs.operators) {
            if (Array.isArray(op.value) && op.value.length === 0) {
              findings.push({ at: at(selector, `.FieldSelectors[${fs.index}].${op.name}`), problem: `is an empty list; ${REJECTED}` });
            }
          }
        }
      }
      return findings;
    },
  },
  {
    id: 'ADVANCED_SELECTORS_VALUE_COUNT',
    constraint: 'The advanced event selectors of a trail hold at most 500 values across all conditions and selectors.',
    source: `${SOURCE} / User Guide WhatIsCloudTrail-Limits`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'use fewer values: match by prefix (StartsWith) instead of listing resources, or merge selectors',
    severity: 'error',
    check(props, context) {
      let count = 0;
      for (const selector of advancedSelectors(props, context)) {
        for (const fs of selector.fields ?? []) {
          for (const op of fs.operators) count += countPresent(op.value);
        }
      }
      if (count <= 500) return [];
      return [{ value: `${count} values`, problem: `is over the 500 values a trail's advanced event selectors may hold; ${REJECTED}` }];
    },
  },
  {
    id: 'ADVANCED_SELECTORS_VALUE_LENGTH',
    constraint: 'Each value of a field selector is 1 to 2048 characters long.',
    source: `${SOURCE} / CloudFormation AdvancedFieldSelector values 1-2048`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'use values of 1 to 2048 characters',
    severity: 'error',
    check(props, context) {
      const env = knownEnv(context);
      const findings: RuleFinding[] = [];
      // Up to 500 values per trail: plain loops, and a finding object only for a value that fails.
      for (const selector of advancedSelectors(props, context)) {
        for (const fs of selector.fields ?? []) {
          for (const op of fs.operators) {
            // The resolver measured its literal lists while copying them.
            const facts = literalFacts(op.value);
            if (facts !== undefined && (facts.longest < 0 || (facts.shortest >= 1 && facts.longest <= 2048))) continue;
            const values = asList(op.value) ?? [];
            for (let v = 0; v < values.length; v++) {
              const raw = values[v];
              if (typeof raw === 'string' && raw.length >= 1 && raw.length <= 2048 && (facts !== undefined || !mayHoldToken(raw))) continue;
              const value = toPartial(raw, env);
              if (value === undefined) continue;
              const length = value.text?.length ?? value.minLength;
              if (value.text !== undefined ? length >= 1 && length <= 2048 : length <= 2048) continue;
              findings.push({
                at: at(selector, `.FieldSelectors[${fs.index}].${op.name}[${v}]`),
                value: shown(value),
                problem: `is ${value.text === undefined ? 'at least ' : ''}${length} characters long, outside 1 to 2048; ${REJECTED}`,
              });
            }
          }
        }
      }
      return findings;
    },
  },
  {
    id: 'ADVANCED_SELECTORS_NAME_LENGTH',
    constraint: 'An advanced event selector\'s Name is at most 1000 characters long.',
    source: `${SOURCE} / CloudFormation AdvancedEventSelector Name maxLength 1000`,
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'use a name of at most 1000 characters',
    severity: 'error',
    check(props, context) {
      const env = knownEnv(context);
      return findEach(advancedSelectors(props, context), (selector) => {
        const name = toPartial(field(selector.raw, 'Name'), env);
        const length = name === undefined ? 0 : name.text?.length ?? name.minLength;
        if (name === undefined || length <= 1000) return [];
        return [{ at: at(selector, '.Name'), value: shown(name), problem: `is ${name.text === undefined ? 'at least ' : ''}${length} characters long, over 1000; ${REJECTED}` }];
      });
    },
  },
];
