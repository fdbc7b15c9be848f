import { arnSegments } from '../arn';
import { EXCLUDABLE_SOURCES, MAX_BASIC_DATA_RESOURCES } from '../constants';
import { KnownEnv, toPartial } from '../partial-string';
import { TrailRuleSeverity } from '../rule-info';
import { isPresent } from '../values';
import { countRule, enumRule } from './factories';
import { TrailRule } from './rule';

const SOURCE =
  'CloudTrail API PutEventSelectors / EventSelector, InvalidEventSelectorsException / User Guide logging-data-events-with-cloudtrail';
const REJECTED = 'CloudTrail rejects it with InvalidEventSelectorsException';

/** Values that log all resources of a type (`arn:aws:s3`, `arn:aws:s3:::`, `arn:aws:lambda`, `arn:aws:dynamodb`). */
const ALL_RESOURCES = /^arn:[a-z-]+:(s3|s3:::|lambda|dynamodb)$/;

/** True when a data resource value certainly names specific resources (and so counts towards the 250). */
function namesSpecificResources(value: unknown, env: KnownEnv): boolean {
  const partial = toPartial(value, env);
  if (partial === undefined) return false;
  const text = partial.text;
  if (text !== undefined) return !ALL_RESOURCES.test(text);
  if (partial.cannotStartWith('arn:')) return true;
  const { segments } = arnSegments(partial);
  const resource = segments.length === 6 ? segments[5] : undefined;
  return resource !== undefined && resource.literals.join('').length > 0;
}

const BASIC = { cfnProperty: 'EventSelectors', prop: 'eventSelectors', severity: TrailRuleSeverity.ERROR } as const;

export const SELECTOR_RULES: TrailRule[] = [
  {
    id: 'EVENT_SELECTORS_BASIC_AND_ADVANCED',
    constraint: 'A trail uses basic event selectors or advanced event selectors, never both.',
    source: 'CloudTrail API PutEventSelectors (EventSelectors or AdvancedEventSelectors, not both)',
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'express the basic selectors as advanced ones (advanced selectors can do all that basic ones do) and drop EventSelectors',
    severity: TrailRuleSeverity.ERROR,
    check({ eventSelectorCount, advancedSelectorCount }) {
      if (eventSelectorCount === 0 || advancedSelectorCount === 0) return [];
      return [{ problem: `is set together with EventSelectors; a trail takes one kind of selector, and ${REJECTED}` }];
    },
  },
  countRule(
    {
      ...BASIC,
      id: 'EVENT_SELECTORS_COUNT',
      constraint: 'A trail has at most 5 basic event selectors.',
      source: `${SOURCE} / CloudFormation EventSelectors maxItems 5`,
      fix: 'merge selectors (one selector can list several data resources), or use advanced event selectors',
      max: 5,
      what: 'selectors',
      problem: `is over the 5 event selectors a trail allows; ${REJECTED}`,
    },
    (view) => view.eventSelectorCount,
  ),
  countRule(
    {
      ...BASIC,
      id: 'EVENT_SELECTORS_DATA_RESOURCE_VALUES',
      constraint:
        `The basic event selectors of a trail name at most ${MAX_BASIC_DATA_RESOURCES} data resources in all; values that log all resources ` +
        'of a type (arn:aws:s3, arn:aws:s3:::, arn:aws:lambda, arn:aws:dynamodb) do not count.',
      source: `${SOURCE} / User Guide WhatIsCloudTrail-Limits`,
      fix: "log all resources of the type (e.g. 'arn:aws:s3:::') or whole buckets, or use advanced event selectors (StartsWith on resources.ARN)",
      max: MAX_BASIC_DATA_RESOURCES,
      what: 'data resources',
      problem: `is over the ${MAX_BASIC_DATA_RESOURCES} data resources a trail's event selectors may name; ${REJECTED}`,
    },
    ({ eventSelectors, env }) =>
      eventSelectors
        .flatMap((selector) => selector.dataResources ?? [])
        .flatMap((resource) => resource.values ?? [])
        .filter((value) => isPresent(value) && namesSpecificResources(value, env)).length,
  ),
  enumRule(
    {
      ...BASIC,
      id: 'EVENT_SELECTORS_DATA_RESOURCE_TYPE',
      constraint:
        "A basic selector's data resource type is AWS::S3::Object, AWS::Lambda::Function or AWS::DynamoDB::Table.",
      source: 'CloudTrail API DataResource Type / User Guide logging-data-events-with-cloudtrail',
      fix: 'use one of AWS::S3::Object, AWS::Lambda::Function, AWS::DynamoDB::Table, or advanced event selectors for other types',
      allowed: ['AWS::S3::Object', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table'],
      problem: `is not a data resource type basic event selectors accept; ${REJECTED}`,
    },
    ({ eventSelectors }) =>
      eventSelectors.flatMap((selector) =>
        (selector.dataResources ?? []).map((resource) => ({
          at: `EventSelectors[${selector.index}].DataResources[${resource.index}].Type`,
          value: resource.type,
        })),
      ),
  ),
  enumRule(
    {
      ...BASIC,
      id: 'EVENT_SELECTORS_READ_WRITE_TYPE',
      constraint: "A basic selector's ReadWriteType is ReadOnly, WriteOnly or All.",
      source: 'CloudTrail API EventSelector ReadWriteType / CloudFormation ReadWriteType enum',
      fix: "use 'ReadOnly', 'WriteOnly' or 'All' (aws_cloudtrail.ReadWriteType)",
      allowed: ['ReadOnly', 'WriteOnly', 'All'],
      problem: `is not ReadOnly, WriteOnly or All; ${REJECTED}`,
    },
    ({ eventSelectors }) =>
      eventSelectors.map((s) => ({ at: `EventSelectors[${s.index}].ReadWriteType`, value: s.readWriteType })),
  ),
  enumRule(
    {
      ...BASIC,
      id: 'EVENT_SELECTORS_EXCLUDED_SOURCES',
      constraint: 'ExcludeManagementEventSources holds only kms.amazonaws.com and rdsdata.amazonaws.com.',
      source: 'CloudTrail API EventSelector ExcludeManagementEventSources',
      fix: "exclude only 'kms.amazonaws.com' or 'rdsdata.amazonaws.com'; filter other sources with advanced event selectors",
      allowed: EXCLUDABLE_SOURCES,
      problem: `is not an event source a trail can exclude (only kms.amazonaws.com and rdsdata.amazonaws.com); ${REJECTED}`,
    },
    ({ eventSelectors }) =>
      eventSelectors.flatMap((selector) =>
        selector.excludedSources.map(({ index, value }) => ({
          at: `EventSelectors[${selector.index}].ExcludeManagementEventSources[${index}]`,
          value,
        })),
      ),
  ),
];
