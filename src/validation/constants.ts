/*
 * CloudTrail API facts more than one part of the library needs: the rules check them, the selector model builds
 * with them. Each is written here once.
 */

/** The operators of an advanced field selector, in the order they are written out; the first three include. */
export const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Event categories a trail's advanced selectors accept. */
export const TRAIL_EVENT_CATEGORIES = ['Management', 'Data', 'NetworkActivity'];

/** Advanced selector fields a trail accepts, per event category. */
export const FIELDS_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  Management: ['eventCategory', 'eventSource', 'readOnly'],
  Data: [
    'eventCategory',
    'resources.type',
    'eventName',
    'eventSource',
    'eventType',
    'readOnly',
    'resources.ARN',
    'sessionCredentialFromConsole',
    'userIdentity.arn',
  ],
  NetworkActivity: ['eventCategory', 'eventSource', 'eventName', 'errorCode', 'vpcEndpointId', 'userIdentity.arn'],
};

/**
 * The only event sources a trail can leave out of management events (basic: ExcludeManagementEventSources; advanced:
 * NotEquals).
 */
export const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];

/** Fields that take the Equals operator only. */
export const EQUALS_ONLY_FIELDS = ['eventCategory', 'resources.type', 'readOnly', 'errorCode'];

/** The longest name of an advanced event selector (CloudFormation AdvancedEventSelector Name maxLength). */
export const MAX_SELECTOR_NAME = 1000;

/** Values a trail's advanced event selectors may hold in all. */
export const MAX_ADVANCED_VALUES = 500;

/** Data resources a trail's basic event selectors may name in all. */
export const MAX_BASIC_DATA_RESOURCES = 250;
