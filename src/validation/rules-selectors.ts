import { knownEnv, TrailRule, findEach } from './rule';
import { namesSpecificResources } from './selectors';
import { asList, asLiteral, countPresent, field, isLiteralList, isPresent } from './values';

const SOURCE = 'CloudTrail API PutEventSelectors / EventSelector, InvalidEventSelectorsException / User Guide logging-data-events-with-cloudtrail';
const REJECTED = 'CloudTrail rejects it with InvalidEventSelectorsException';

const DATA_RESOURCE_TYPES = ['AWS::S3::Object', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table'];
const READ_WRITE_TYPES = ['ReadOnly', 'WriteOnly', 'All'];
const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];

/** Each basic selector that is a plain object, with its index in the template list. */
function eachSelector(props: unknown): Array<{ index: number; selector: unknown }> {
  return (asList(field(props, 'EventSelectors')) ?? []).map((selector, index) => ({ index, selector }));
}

function hasItems(value: unknown): boolean {
  return countPresent(value) > 0;
}

export const SELECTOR_RULES: TrailRule[] = [
  {
    id: 'EVENT_SELECTORS_BASIC_AND_ADVANCED',
    constraint: 'A trail uses basic event selectors or advanced event selectors, never both.',
    source: 'CloudTrail API PutEventSelectors (EventSelectors or AdvancedEventSelectors, not both)',
    cfnProperty: 'AdvancedEventSelectors',
    prop: 'advancedEventSelectors',
    fix: 'express the basic selectors as advanced ones (advanced selectors can do all that basic ones do) and drop EventSelectors',
    severity: 'error',
    check(props) {
      if (!hasItems(field(props, 'EventSelectors')) || !hasItems(field(props, 'AdvancedEventSelectors'))) return [];
      return [{ problem: `is set together with EventSelectors; a trail takes one kind of selector, and ${REJECTED}` }];
    },
  },
  {
    id: 'EVENT_SELECTORS_COUNT',
    constraint: 'A trail has at most 5 basic event selectors.',
    source: `${SOURCE} / CloudFormation EventSelectors maxItems 5`,
    cfnProperty: 'EventSelectors',
    prop: 'eventSelectors',
    fix: 'merge selectors (one selector can list several data resources), or use advanced event selectors',
    severity: 'error',
    check(props) {
      const count = countPresent(field(props, 'EventSelectors'));
      if (count <= 5) return [];
      return [{ value: `${count} selectors`, problem: `is over the 5 event selectors a trail allows; ${REJECTED}` }];
    },
  },
  {
    id: 'EVENT_SELECTORS_DATA_RESOURCE_VALUES',
    constraint: 'The basic event selectors of a trail name at most 250 data resources in all; values that log all resources '
      + 'of a type (arn:aws:s3, arn:aws:s3:::, arn:aws:lambda, arn:aws:dynamodb) do not count.',
    source: `${SOURCE} / User Guide WhatIsCloudTrail-Limits`,
    cfnProperty: 'EventSelectors',
    prop: 'eventSelectors',
    fix: 'log all resources of the type (e.g. \'arn:aws:s3:::\') or whole buckets, or use advanced event selectors (StartsWith on resources.ARN)',
    severity: 'error',
    check(props, context) {
      const env = knownEnv(context);
      let count = 0;
      for (const { selector } of eachSelector(props)) {
        for (const resource of asList(field(selector, 'DataResources')) ?? []) {
          const values = asList(field(resource, 'Values')) ?? [];
          const literal = isLiteralList(values);
          for (const value of values) {
            if (isPresent(value) && namesSpecificResources(value, env, literal)) count++;
          }
        }
      }
      if (count <= 250) return [];
      return [{ value: `${count} data resources`, problem: `is over the 250 data resources a trail's event selectors may name; ${REJECTED}` }];
    },
  },
  {
    id: 'EVENT_SELECTORS_DATA_RESOURCE_TYPE',
    constraint: 'A basic selector\'s data resource type is AWS::S3::Object, AWS::Lambda::Function or AWS::DynamoDB::Table.',
    source: 'CloudTrail API DataResource Type / User Guide logging-data-events-with-cloudtrail',
    cfnProperty: 'EventSelectors',
    prop: 'eventSelectors',
    fix: 'use one of AWS::S3::Object, AWS::Lambda::Function, AWS::DynamoDB::Table, or advanced event selectors for other types',
    severity: 'error',
    check(props) {
      return findEach(eachSelector(props), ({ index, selector }) => findEach(asList(field(selector, 'DataResources')) ?? [], (resource, r) => {
        const type = asLiteral(field(resource, 'Type'));
        if (type === undefined || DATA_RESOURCE_TYPES.includes(type)) return [];
        return [{
          at: `EventSelectors[${index}].DataResources[${r}].Type`,
          value: type,
          problem: `is not a data resource type basic event selectors accept; ${REJECTED}`,
        }];
      }));
    },
  },
  {
    id: 'EVENT_SELECTORS_READ_WRITE_TYPE',
    constraint: 'A basic selector\'s ReadWriteType is ReadOnly, WriteOnly or All.',
    source: 'CloudTrail API EventSelector ReadWriteType / CloudFormation ReadWriteType enum',
    cfnProperty: 'EventSelectors',
    prop: 'eventSelectors',
    fix: 'use \'ReadOnly\', \'WriteOnly\' or \'All\' (aws_cloudtrail.ReadWriteType)',
    severity: 'error',
    check(props) {
      return findEach(eachSelector(props), ({ index, selector }) => {
        const type = asLiteral(field(selector, 'ReadWriteType'));
        if (type === undefined || READ_WRITE_TYPES.includes(type)) return [];
        return [{ at: `EventSelectors[${index}].ReadWriteType`, value: type, problem: `is not ReadOnly, WriteOnly or All; ${REJECTED}` }];
      });
    },
  },
  {
    id: 'EVENT_SELECTORS_EXCLUDED_SOURCES',
    constraint: 'ExcludeManagementEventSources holds only kms.amazonaws.com and rdsdata.amazonaws.com.',
    source: 'CloudTrail API EventSelector ExcludeManagementEventSources',
    cfnProperty: 'EventSelectors',
    prop: 'eventSelectors',
    fix: 'exclude only \'kms.amazonaws.com\' or \'rdsdata.amazonaws.com\'; filter other sources with advanced event selectors',
    severity: 'error',
    check(props) {
      return findEach(eachSelector(props), ({ index, selector }) => findEach(asList(field(selector, 'ExcludeManagementEventSources')) ?? [], (src, s) => {
        const source = asLiteral(src);
        if (source === undefined || EXCLUDABLE_SOURCES.includes(source)) return [];
        return [{
          at: `EventSelectors[${index}].ExcludeManagementEventSources[${s}]`,
          value: source,
          problem: `is not an event source a trail can exclude (only kms.amazonaws.com and rdsdata.amazonaws.com); ${REJECTED}`,
        }];
      }));
    },
  },
];
