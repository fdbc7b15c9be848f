import {
  EQUALS_ONLY_FIELDS,
  EXCLUDABLE_SOURCES,
  FIELDS_BY_CATEGORY,
  MAX_ADVANCED_VALUES,
  MAX_SELECTOR_NAME,
  TRAIL_EVENT_CATEGORIES,
} from '../constants';
import { toPartial } from '../partial-string';
import { TrailRuleSeverity } from '../rule-info';
import { AdvancedSelectorView, fieldsNamed } from '../selector-views';
import { countPresent, isPresent } from '../values';
import { TrailView } from '../view';
import { countRule, enumRule, lengthRule } from './factories';
import { RuleFinding, TrailRule } from './rule';

const SOURCE = 'CloudTrail API AdvancedEventSelector / AdvancedFieldSelector, InvalidEventSelectorsException';
const REJECTED = 'CloudTrail rejects it with InvalidEventSelectorsException';
/**
 * AWS adds services to network activity events over time (S3 and others joined these), so any service endpoint name is
 * accepted.
 */
const NETWORK_EVENT_SOURCE = /^[a-z0-9-]+\.amazonaws\.com$/;

const COMMON = {
  cfnProperty: 'AdvancedEventSelectors',
  prop: 'advancedEventSelectors',
  severity: TrailRuleSeverity.ERROR,
} as const;

const at = (selector: AdvancedSelectorView, rest = '') => `AdvancedEventSelectors[${selector.index}]${rest}`;

/** A selector certainly about only this category. */
const onlyCategory = ({ categories: c }: AdvancedSelectorView, category: string) =>
  !!c && c.length > 0 && c.every((v) => v === category);

/** The literal Equals values of every field selector on `name`, each with where it is. */
const equalsOf = (view: TrailView, name: string) =>
  view.advancedFields
    .filter(({ fs }) => fs.field === name)
    .flatMap(({ fs, where }) => fs.equals.map((value) => ({ at: `${where}.Equals`, value })));

export const ADVANCED_RULES: TrailRule[] = [
  {
    ...COMMON,
    id: 'ADVANCED_SELECTORS_FIELD_SELECTORS_REQUIRED',
    constraint: 'Each advanced event selector has at least one field selector.',
    source: `${SOURCE} / CloudFormation FieldSelectors minItems 1`,
    fix: "add field selectors, at least { Field: 'eventCategory', Equals: ['Management'] } (or Data, NetworkActivity)",
    check: (view) =>
      view.advancedSelectors
        .filter(
          (selector) =>
            selector.known && (selector.fieldSelectorsState === 'missing' || selector.fieldSelectorsState === 'empty'),
        )
        .map((selector) => ({
          at: at(selector, '.FieldSelectors'),
          problem: `is ${selector.fieldSelectorsState}; ${REJECTED}`,
        })),
  },
  {
    ...COMMON,
    id: 'ADVANCED_SELECTORS_EVENT_CATEGORY',
    constraint:
      'Each advanced event selector has an eventCategory field selector, Equals Management, Data or NetworkActivity ' +
      '(Insight, ConfigurationItem, Evidence and ActivityAuditLog are for event data stores only).',
    source: `${SOURCE} / API reference AdvancedFieldSelector eventCategory`,
    fix: "add { Field: 'eventCategory', Equals: ['Management'] } (or 'Data', 'NetworkActivity') to the selector",
    check: (view) =>
      view.advancedSelectors.flatMap((selector): RuleFinding[] => {
        const categoryFields = fieldsNamed(selector, 'eventCategory');
        if (selector.fieldsKnown && selector.fields.length > 0 && categoryFields.length === 0) {
          return [{ at: at(selector, '.FieldSelectors'), problem: `has no eventCategory field selector; ${REJECTED}` }];
        }
        return categoryFields.flatMap((fs) =>
          fs.equals
            .filter((category) => !TRAIL_EVENT_CATEGORIES.includes(category))
            .map((category) => ({
              at: at(selector, `.FieldSelectors[${fs.index}].Equals`),
              value: category,
              problem: `is not an event category a trail logs (Management, Data, NetworkActivity); ${REJECTED}`,
            })),
        );
      }),
  },
  {
    ...COMMON,
    id: 'ADVANCED_SELECTORS_FIELD_NOT_ALLOWED',
    constraint:
      "A field selector uses a field allowed for the selector's event category: Management: eventCategory, eventSource, readOnly; " +
      'Data: eventCategory, resources.type, eventName, eventSource, eventType, readOnly, resources.ARN, sessionCredentialFromConsole, ' +
      'userIdentity.arn; NetworkActivity: eventCategory, eventSource, eventName, errorCode, vpcEndpointId, userIdentity.arn.',
    source: `${SOURCE} / API reference AdvancedFieldSelector Field`,
    fix: "use only the fields of the selector's event category, or move the condition to a selector of the right category",
    check: (view) =>
      view.advancedSelectors.flatMap((selector) => {
        const categories = (selector.categories ?? []).filter((c) => TRAIL_EVENT_CATEGORIES.includes(c));
        // Categories that are known but none a trail logs are ADVANCED_SELECTORS_EVENT_CATEGORY's to report.
        if (categories.length === 0 && (selector.categories ?? []).length > 0) return [];
        const scoped = categories.length > 0 ? categories : TRAIL_EVENT_CATEGORIES;
        const allowed = (name: string) => scoped.some((c) => FIELDS_BY_CATEGORY[c].includes(name));
        const scope = categories.length === 0 ? 'any event category' : `${categories.join('/')} events`;
        return selector.fields
          .filter((fs) => fs.field !== undefined && !allowed(fs.field))
          .map((fs) => ({
            at: at(selector, `.FieldSelectors[${fs.index}].Field`),
            value: fs.field,
            problem: `is not a field a trail's selector for ${scope} can use; ${REJECTED}`,
          }));
      }),
  },
  {
    ...COMMON,
    id: 'ADVANCED_SELECTORS_EQUALS_ONLY',
    constraint: 'The fields eventCategory, resources.type, readOnly and errorCode use only the Equals operator.',
    source: `${SOURCE} / API reference AdvancedFieldSelector Equals`,
    fix: 'use Equals for this field (list every value you want)',
    check: (view) =>
      view.advancedFields
        .filter(({ fs }) => fs.field !== undefined && EQUALS_ONLY_FIELDS.includes(fs.field) && fs.nonEquals.length > 0)
        .map(({ fs, where }) => ({
          at: where,
          value: fs.field,
          problem: `uses ${fs.nonEquals.join(', ')}; only Equals is allowed, and ${REJECTED}`,
        })),
  },
  enumRule(
    {
      ...COMMON,
      id: 'ADVANCED_SELECTORS_READ_ONLY_VALUE',
      constraint: "The readOnly field is Equals 'true' or 'false'.",
      source: `${SOURCE} / API reference AdvancedFieldSelector readOnly`,
      fix: "use { Field: 'readOnly', Equals: ['true'] } for read events or ['false'] for write events (leave it out for both)",
      allowed: /^(true|false)$/i,
      problem: `is not 'true' or 'false'; ${REJECTED}`,
    },
    (view) => equalsOf(view, 'readOnly'),
  ),
  {
    ...COMMON,
    id: 'ADVANCED_SELECTORS_DATA_RESOURCES_TYPE',
    constraint: 'An advanced selector for Data events has exactly one resources.type field selector.',
    source: `${SOURCE} / API reference AdvancedFieldSelector resources.type`,
    fix: "give each Data selector one { Field: 'resources.type', Equals: ['AWS::S3::Object'] } (or another type); use one selector per type",
    check: (view) =>
      view.advancedSelectors.flatMap((selector): RuleFinding[] => {
        if (!onlyCategory(selector, 'Data') || !selector.fieldsKnown) return [];
        const count = fieldsNamed(selector, 'resources.type').length;
        if (count === 1) return [];
        return [
          {
            at: at(selector, '.FieldSelectors'),
            problem: `${count === 0 ? 'has no' : `has ${count}`} resources.type field selectors in a Data selector; ${REJECTED}`,
          },
        ];
      }),
  },
  {
    ...COMMON,
    id: 'ADVANCED_SELECTORS_NETWORK_EVENT_SOURCE',
    constraint:
      'An advanced selector for NetworkActivity events has an eventSource field selector with Equals a service endpoint such as ' +
      'cloudtrail.amazonaws.com, ec2.amazonaws.com, kms.amazonaws.com or secretsmanager.amazonaws.com (one value per field selector).',
    source: `${SOURCE} / API reference AdvancedFieldSelector eventSource / User Guide logging-network-events-with-cloudtrail`,
    fix: "add { Field: 'eventSource', Equals: ['ec2.amazonaws.com'] } (or another supported source); use one selector per source",
    check: (view) =>
      view.advancedSelectors.flatMap((selector): RuleFinding[] => {
        if (!onlyCategory(selector, 'NetworkActivity')) return [];
        const sources = fieldsNamed(selector, 'eventSource');
        if (sources.length === 0) {
          return selector.fieldsKnown
            ? [
                {
                  at: at(selector, '.FieldSelectors'),
                  problem: `has no eventSource field selector in a NetworkActivity selector; ${REJECTED}`,
                },
              ]
            : [];
        }
        return sources.flatMap((fs): RuleFinding[] => {
          const where = at(selector, `.FieldSelectors[${fs.index}]`);
          if (fs.nonEquals.length > 0) {
            return [
              {
                at: where,
                value: 'eventSource',
                problem: `uses ${fs.nonEquals.join(', ')}; only Equals is allowed, and ${REJECTED}`,
              },
            ];
          }
          const bad = fs.equals.filter((v) => !NETWORK_EVENT_SOURCE.test(v));
          const count = countPresent(fs.operators.find((op) => op.name === 'Equals')?.value);
          if (bad.length > 0) {
            return [
              {
                at: `${where}.Equals`,
                value: bad.join(', '),
                problem: `is not an AWS service event source (<service>.amazonaws.com); ${REJECTED}`,
              },
            ];
          }
          return count <= 1
            ? []
            : [
                {
                  at: `${where}.Equals`,
                  value: fs.equals.join(', '),
                  problem: `lists ${count} event sources; one per field selector is allowed, and ${REJECTED}`,
                },
              ];
        });
      }),
  },
  {
    ...COMMON,
    id: 'ADVANCED_SELECTORS_MANAGEMENT_EVENT_SOURCE',
    constraint:
      'In a Management selector, eventSource takes only NotEquals, with kms.amazonaws.com and/or rdsdata.amazonaws.com.',
    source: `${SOURCE} / API reference AdvancedFieldSelector eventSource / User Guide logging-management-events-with-cloudtrail`,
    fix: 'exclude only kms.amazonaws.com or rdsdata.amazonaws.com, with NotEquals (ManagementEventSource.KMS, RDS_DATA_API)',
    check: (view) =>
      view.advancedFields
        .filter(({ selector, fs }) => fs.field === 'eventSource' && onlyCategory(selector, 'Management'))
        .flatMap(({ fs, where }) =>
          fs.operators.flatMap((op) =>
            op.name !== 'NotEquals'
              ? [
                  {
                    at: `${where}.${op.name}`,
                    value: 'eventSource',
                    problem: `uses ${op.name}; management events take only NotEquals, and ${REJECTED}`,
                  },
                ]
              : op.literals
                  .filter((v) => !EXCLUDABLE_SOURCES.includes(v))
                  .map((v) => ({
                    at: `${where}.NotEquals`,
                    value: v,
                    problem: `is not a source a trail can exclude from management events; ${REJECTED}`,
                  })),
          ),
        ),
  },
  enumRule(
    {
      ...COMMON,
      id: 'ADVANCED_SELECTORS_ERROR_CODE',
      constraint:
        'The errorCode field (network activity events) is Equals VpceAccessDenied, the only error code CloudTrail filters on.',
      source: `${SOURCE} / User Guide logging-network-events-with-cloudtrail (errorCode)`,
      fix: "use { Field: 'errorCode', Equals: ['VpceAccessDenied'] } (accessDeniedOnly of logNetworkActivityEvents), or leave errorCode out",
      allowed: ['VpceAccessDenied'],
      problem: `is not VpceAccessDenied; ${REJECTED}`,
    },
    (view) => equalsOf(view, 'errorCode'),
  ),
  {
    ...COMMON,
    id: 'ADVANCED_SELECTORS_EMPTY_OPERATOR',
    constraint: 'An operator of a field selector (Equals, StartsWith, ...) lists at least one value.',
    source: `${SOURCE} / CloudFormation AdvancedFieldSelector operators minItems 1`,
    fix: 'give the operator a value or leave it out',
    check: (view) =>
      view.advancedFields.flatMap(({ fs, where }) =>
        fs.operators
          .filter((op) => op.items !== undefined && op.items.length === 0)
          .map((op) => ({ at: `${where}.${op.name}`, problem: `is an empty list; ${REJECTED}` })),
      ),
  },
  countRule(
    {
      ...COMMON,
      id: 'ADVANCED_SELECTORS_VALUE_COUNT',
      constraint: `The advanced event selectors of a trail hold at most ${MAX_ADVANCED_VALUES} values across all conditions and selectors.`,
      source: `${SOURCE} / User Guide WhatIsCloudTrail-Limits`,
      fix: 'use fewer values: match by prefix (StartsWith) instead of listing resources, or merge selectors',
      max: MAX_ADVANCED_VALUES,
      what: 'values',
      problem: `is over the ${MAX_ADVANCED_VALUES} values a trail's advanced event selectors may hold; ${REJECTED}`,
    },
    (view) =>
      view.advancedFields.reduce(
        (sum, { fs }) => sum + fs.operators.reduce((n, op) => n + (op.items?.filter(isPresent).length ?? 0), 0),
        0,
      ),
  ),
  lengthRule(
    {
      ...COMMON,
      id: 'ADVANCED_SELECTORS_VALUE_LENGTH',
      constraint: 'Each value of a field selector is 1 to 2048 characters long.',
      source: `${SOURCE} / CloudFormation AdvancedFieldSelector values 1-2048`,
      fix: 'use values of 1 to 2048 characters',
      min: 1,
      max: 2048,
      rejected: REJECTED,
    },
    (view) =>
      view.advancedFields.flatMap(({ fs, where }) =>
        fs.operators.flatMap((op) =>
          (op.items ?? []).map((item, v) => ({ at: `${where}.${op.name}[${v}]`, value: toPartial(item, view.env) })),
        ),
      ),
  ),
  lengthRule(
    {
      ...COMMON,
      id: 'ADVANCED_SELECTORS_NAME_LENGTH',
      constraint: `An advanced event selector's Name is 1 to ${MAX_SELECTOR_NAME} characters long (the API takes an empty one; CloudFormation does not).`,
      source: `${SOURCE} / CloudFormation AdvancedEventSelector Name minLength 1, maxLength 1000`,
      fix: `use a name of 1 to ${MAX_SELECTOR_NAME} characters, or leave it out for a derived one`,
      min: 1,
      max: MAX_SELECTOR_NAME,
      rejected: REJECTED,
    },
    (view) => view.advancedSelectors.map((selector) => ({ at: at(selector, '.Name'), value: selector.name })),
  ),
];
