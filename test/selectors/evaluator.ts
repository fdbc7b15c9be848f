import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { TrailValidator } from '../../src';
import { RenderedEventSelection } from '../../src/selectors/render';
import { findingsOn } from '../validation/util';

/**
 * A model of what CloudTrail does with event selectors, for the fields this library renders. Written from
 * the User Guide (Logging data events, Logging management events) and the API reference (EventSelector,
 * DataResource, AdvancedFieldSelector): selectors are alternatives; a basic selector's ReadWriteType applies
 * to its management and data events alike, ExcludeManagementEventSources to management events only; S3
 * values are prefixes, Lambda and DynamoDB values exact ARNs or `arn:<partition>:lambda|dynamodb` for all.
 * In an advanced selector every field selector must match; in one field selector any Equals/StartsWith/
 * EndsWith value may match and no NotEquals/NotStartsWith/NotEndsWith value may.
 */
export interface TrailEvent {
  readonly eventCategory: 'Management' | 'Data' | 'NetworkActivity';
  readonly eventSource: string;
  readonly eventName: string;
  readonly readOnly: boolean;
  readonly resourcesType?: string;
  readonly resourcesArn?: string;
  readonly vpcEndpointId?: string;
  readonly errorCode?: string;
}

type Basic = cloudtrail.CfnTrail.EventSelectorProperty;
type Advanced = cloudtrail.CfnTrail.AdvancedEventSelectorProperty;
type FieldSelector = cloudtrail.CfnTrail.AdvancedFieldSelectorProperty;

function rwMatches(rw: string | undefined, readOnly: boolean): boolean {
  return rw === undefined || rw === 'All' || (rw === 'ReadOnly') === readOnly;
}

function dataValueMatches(type: string, value: string, arn: string): boolean {
  if (type === 'AWS::S3::Object') return arn.startsWith(value);
  if (/^arn:[^:]+:(lambda|dynamodb)$/.test(value)) return arn.startsWith(`${value}:`);
  return arn === value;
}

/** True when a trail with these basic selectors logs the event (no selectors: all management events). */
export function basicSelects(selectors: readonly Basic[] | undefined, event: TrailEvent): boolean {
  if (!selectors || selectors.length === 0) return event.eventCategory === 'Management';
  return selectors.some((s) => {
    if (!rwMatches(s.readWriteType, event.readOnly)) return false;
    if (event.eventCategory === 'Management') {
      const include = s.includeManagementEvents === undefined || s.includeManagementEvents === true;
      return include && !(s.excludeManagementEventSources ?? []).includes(event.eventSource);
    }
    if (event.eventCategory !== 'Data') return false;
    const resources = (s.dataResources ?? []) as cloudtrail.CfnTrail.DataResourceProperty[];
    return resources.some(
      (r) =>
        r.type === event.resourcesType &&
        (r.values ?? []).some((v) => dataValueMatches(r.type, v, event.resourcesArn ?? '')),
    );
  });
}

function fieldValue(event: TrailEvent, field: string): string {
  switch (field) {
    case 'eventCategory':
      return event.eventCategory;
    case 'eventSource':
      return event.eventSource;
    case 'eventName':
      return event.eventName;
    case 'readOnly':
      return String(event.readOnly);
    case 'resources.type':
      return event.resourcesType ?? '';
    case 'resources.ARN':
      return event.resourcesArn ?? '';
    case 'vpcEndpointId':
      return event.vpcEndpointId ?? '';
    case 'errorCode':
      return event.errorCode ?? '';
    default:
      throw new Error(`the evaluator does not model field ${field}`);
  }
}

function fieldMatches(fs: FieldSelector, event: TrailEvent): boolean {
  const value = fieldValue(event, fs.field);
  const including = [fs.equalTo, fs.startsWith, fs.endsWith].some((l) => l !== undefined);
  const included =
    (fs.equalTo ?? []).some((v) => value === v) ||
    (fs.startsWith ?? []).some((v) => value.startsWith(v)) ||
    (fs.endsWith ?? []).some((v) => value.endsWith(v));
  const excluded =
    (fs.notEquals ?? []).some((v) => value === v) ||
    (fs.notStartsWith ?? []).some((v) => value.startsWith(v)) ||
    (fs.notEndsWith ?? []).some((v) => value.endsWith(v));
  return (!including || included) && !excluded;
}

/** True when a trail with these advanced selectors logs the event (no selectors: all management events). */
export function advancedSelects(selectors: readonly Advanced[] | undefined, event: TrailEvent): boolean {
  if (!selectors || selectors.length === 0) return event.eventCategory === 'Management';
  return selectors.some((s) => (s.fieldSelectors as FieldSelector[]).every((fs) => fieldMatches(fs, event)));
}

/** True when the rendered selection logs the event, whichever kind of selectors it holds. */
export function selects(rendered: RenderedEventSelection, event: TrailEvent): boolean {
  if (rendered.eventSelectors && rendered.advancedEventSelectors) throw new Error('both kinds of selectors rendered');
  return rendered.advancedEventSelectors
    ? advancedSelects(rendered.advancedEventSelectors, event)
    : basicSelects(rendered.eventSelectors, event);
}

/** camelCase L1 keys to CloudFormation's PascalCase (`equalTo` is CloudFormation's `Equals`). */
export function toCloudFormation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCloudFormation);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k === 'equalTo' ? 'Equals' : k.charAt(0).toUpperCase() + k.slice(1), toCloudFormation(v)]),
    );
  }
  return value;
}

const SELECTION_PROPERTIES = [
  'EventSelectors',
  'AdvancedEventSelectors',
  'InsightSelectors',
  'AggregationConfigurations',
];

/** The findings of the library's trail rules about the selection properties of a rendering. */
export function ruleFindings(rendered: RenderedEventSelection): string[] {
  const props = toCloudFormation({
    s3BucketName: 'log-bucket',
    isLogging: true,
    eventSelectors: rendered.eventSelectors,
    advancedEventSelectors: rendered.advancedEventSelectors,
    insightSelectors: rendered.insightSelectors,
    aggregationConfigurations: rendered.aggregationConfigurations,
  });
  const ids = new Set(
    TrailValidator.rules()
      .filter((rule) => SELECTION_PROPERTIES.includes(rule.cfnProperty))
      .map((rule) => rule.id),
  );
  return findingsOn(props as Record<string, unknown>).filter((line) => ids.has(/^\[([A-Z0-9_]+)\]/.exec(line)![1]));
}

export const ACCOUNT = '111111111111';

/** Imported resources with literal ARNs, so renderings can be compared as plain JSON. */
export function fixtures() {
  const stack = new Stack(new App(), 'Fixtures', { env: { account: ACCOUNT, region: 'us-east-1' } });
  // One construct per name, however often asked for.
  const once = <T>(name: string, make: () => T): T => (stack.node.tryFindChild(name) as T | undefined) ?? make();
  const bucket = (name: string) =>
    once(name, () =>
      s3.Bucket.fromBucketAttributes(stack, name, {
        bucketArn: `arn:aws:s3:::${name}`,
        bucketName: name,
      }),
    );
  const fn = (name: string) =>
    once(name, () =>
      lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`),
    );
  const table = (name: string) =>
    once(name, () => dynamodb.Table.fromTableArn(stack, name, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`));
  return { stack, bucket, fn, table };
}
