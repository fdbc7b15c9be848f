import { Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { AggregationTemplate, EventCategory } from './categories';
import { SelectorField } from './conditions';
import {
  AdvancedEventSelector,
  DataEventOptions,
  ManagementEventOptions,
  NetworkActivityEventOptions,
  S3ObjectSelection,
  TrailInsight,
} from './options';
import { definedProps } from '../private/props';
import { MAX_SELECTOR_NAME } from '../validation/constants';

/** What a selector keeps of read/write events. */
export type Access = 'ReadOnly' | 'WriteOnly' | 'All';

/** The three data resource types basic event selectors accept. */
export type SimpleKind = 's3' | 'lambda' | 'dynamodb';

/** Management events as configured; `None` logs none. */
export interface ManagementIntent {
  readonly access: Access | 'None';
  readonly excludes: readonly string[];
}

/** One simple data-event request: one resource (or all resources of a kind) with an access. */
export interface DataIntent {
  readonly kind: SimpleKind;
  /** The basic-selector value (a bucket ARN plus `/prefix`, a function or table ARN); undefined for all resources. */
  readonly value?: string;
  readonly access: Access;
  /** A token-free label (the construct path) for selector names. */
  readonly label?: string;
}

/** One condition of an advanced selector, with the wire names of field and operator. */
export interface Condition {
  readonly field: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** An advanced selector as asked for (by the user, or made from network activity options). */
export interface AdvancedIntent {
  /** The user's name, if any. */
  readonly name?: string;
  /** The name to use when the user gave none. */
  readonly title: string;
  /** Token-free labels completing `title`, e.g. the paths of the VPC endpoints. */
  readonly labels: readonly string[];
  readonly conditions: readonly Condition[];
}

export interface InsightIntent {
  readonly type: string;
  /** Undefined when CloudTrail's default (Management) applies. */
  readonly categories?: readonly string[];
}

/** What the trail is asked to log, before any decision about how to render it. */
export interface TrailEventSelectionProps {
  /**
   * Log S3 data events of the trail's own log buckets when a selection covers all buckets. Off by default,
   * because every log delivery is then itself logged and delivered again.
   */
  readonly allowLogBucketDataEvents?: boolean;
}

/**
 * The event selection of one trail, in the terms users think in. `renderEventSelection` turns it into
 * CloudFormation properties; nothing here decides between basic and advanced selectors.
 */
export class TrailEventSelection {
  public readonly allowLogBucketDataEvents: boolean;
  public readonly data: DataIntent[] = [];
  public readonly advanced: AdvancedIntent[] = [];
  public readonly insights: InsightIntent[] = [];
  public readonly aggregationTemplates: string[] = [];
  private _management?: ManagementIntent;

  constructor(props: TrailEventSelectionProps = {}) {
    this.allowLogBucketDataEvents = props.allowLogBucketDataEvents ?? false;
  }

  /** Management events as configured, or undefined when never configured (CloudTrail's default: all). */
  public get management(): ManagementIntent | undefined {
    return this._management;
  }

  /** Sets which management events are logged; a later call replaces an earlier one. */
  public logManagementEvents(options?: ManagementEventOptions): void {
    const { readWriteType = cloudtrail.ReadWriteType.ALL, excludeEventSources = [] } = definedProps(options);
    const access = readWriteType === cloudtrail.ReadWriteType.NONE ? 'None' : toAccess(readWriteType);
    const excludes = unique(excludeEventSources.map((s) => s.value));
    if (access === 'None' && excludes.length > 0) {
      throw new Error(`excludeEventSources '${excludes.join(', ')}' has no effect when readWriteType is NONE (no management events are logged). `
        + 'Fix: remove excludeEventSources, or log management events');
    }
    this._management = { access, excludes };
  }

  public addS3ObjectEvents(selections: S3ObjectSelection[], options?: DataEventOptions): void {
    const access = dataAccess(options);
    for (const { bucket, objectPrefix = '' } of (selections ?? []).map(definedProps)) {
      if (bucket === undefined) throw new Error('buckets holds an entry without a bucket. Fix: give each entry its bucket, e.g. { bucket }');
      this.data.push({ kind: 's3', value: `${bucket.bucketArn}/${objectPrefix}`, access, label: labelOf(bucket, objectPrefix) });
    }
  }

  public addAllS3ObjectEvents(options?: DataEventOptions): void {
    this.data.push({ kind: 's3', access: dataAccess(options) });
  }

  public addLambdaInvocations(functions: lambda.IFunction[], options?: DataEventOptions): void {
    const access = dataAccess(options);
    for (const fn of present(functions, 'functions')) this.data.push({ kind: 'lambda', value: fn.functionArn, access, label: labelOf(fn) });
  }

  public addAllLambdaInvocations(options?: DataEventOptions): void {
    this.data.push({ kind: 'lambda', access: dataAccess(options) });
  }

  public addDynamoDbTables(tables: dynamodb.ITable[], options?: DataEventOptions): void {
    const access = dataAccess(options);
    for (const table of present(tables, 'tables')) this.data.push({ kind: 'dynamodb', value: table.tableArn, access, label: labelOf(table) });
  }

  public addAllDynamoDbTables(options?: DataEventOptions): void {
    this.data.push({ kind: 'dynamodb', access: dataAccess(options) });
  }

  public addAdvancedSelector(given: AdvancedEventSelector): void {
    const selector = definedProps(given);
    if (selector.eventCategory === undefined) {
      throw new Error('eventCategory is missing; CloudTrail requires one. Fix: set eventCategory, e.g. EventCategory.DATA');
    }
    const category = selector.eventCategory.value;
    const conditions = selector.conditions ?? [];
    const name = selector.name;
    if (name !== undefined && !Token.isUnresolved(name) && (name.length === 0 || name.length > MAX_SELECTOR_NAME)) {
      throw new Error(`name '${name.slice(0, 40)}${name.length > 40 ? '…' : ''}' is ${name.length} characters long; CloudFormation takes 1 to `
        + `${MAX_SELECTOR_NAME}. Fix: use a shorter name, or leave name out for a derived one`);
    }
    for (const condition of conditions) {
      const field = condition.field.name;
      if (field === SelectorField.EVENT_CATEGORY.name || field === SelectorField.RESOURCES_TYPE.name) {
        throw new Error(`conditions '${field}' is set by the selector itself. Fix: use the selector's `
          + `${field === 'eventCategory' ? 'eventCategory' : 'resourceType'} instead of a condition on ${field}`);
      }
    }
    if (category === EventCategory.DATA.value && selector.resourceType === undefined) {
      throw new Error('resourceType is missing: a selector for Data events needs a resourceType (CloudTrail requires resources.type). Fix: set resourceType, e.g. DataResourceType.S3_OBJECT');
    }
    if (category !== EventCategory.DATA.value && selector.resourceType !== undefined) {
      throw new Error(`resourceType '${selector.resourceType.value}' applies to data events only, but the selector is for ${category} events. `
        + 'Fix: remove resourceType, or use EventCategory.DATA');
    }
    const head: Condition[] = [{ field: 'eventCategory', operator: 'Equals', values: [category] }];
    if (selector.resourceType) head.push({ field: 'resources.type', operator: 'Equals', values: [selector.resourceType.value] });
    const rest = conditions.map((c) => ({ field: c.field.name, operator: c.comparison as string, values: [...c.values] }));
    const summary = unique(rest.map((c) => `${c.field} ${c.operator}`)).join(', ');
    const title = `${category} events${selector.resourceType ? ` of ${selector.resourceType.value}` : ''}${summary ? ` where ${summary}` : ''}`;
    this.advanced.push({ name, title: readable(title, 'Advanced event selector'), labels: [], conditions: [...head, ...rest] });
  }

  public addNetworkActivityEvents(given: NetworkActivityEventOptions): void {
    const options = definedProps(given);
    const sources = listOf(options.sources, 'sources', 'name at least one source, e.g. [NetworkActivitySource.KMS]');
    const endpoints = options.vpcEndpoints ?? [];
    const names = unique(options.eventNames ?? []);
    for (const source of unique(sources.map((s) => s.value))) {
      // One eventSource value per selector: CloudTrail takes one per field selector, and several field
      // selectors on eventSource would have to hold at once.
      const conditions: Condition[] = [
        { field: 'eventCategory', operator: 'Equals', values: [EventCategory.NETWORK_ACTIVITY.value] },
        { field: 'eventSource', operator: 'Equals', values: [source] },
      ];
      if (options.accessDeniedOnly) conditions.push({ field: 'errorCode', operator: 'Equals', values: ['VpceAccessDenied'] });
      if (names.length > 0) conditions.push({ field: 'eventName', operator: 'Equals', values: names });
      if (endpoints.length > 0) {
        conditions.push({ field: 'vpcEndpointId', operator: 'Equals', values: unique(endpoints.map((e) => e.vpcEndpointId)) });
      }
      const what = options.accessDeniedOnly ? 'Network activity denied by VPC endpoint policies' : 'Network activity events';
      const title = readable(`${what} for ${source}`, `${what} for a service`);
      this.advanced.push({ title: endpoints.length > 0 ? `${title} via` : title, labels: endpoints.map((e) => labelOf(e)), conditions });
    }
  }

  public addInsight(given: TrailInsight): void {
    const insight = definedProps(given);
    if (insight.insightType === undefined) throw new Error('insightType is missing. Fix: set insightType, e.g. InsightType.API_CALL_RATE');
    const categories = insight.eventCategories?.map((c) => c.value);
    const bad = (categories ?? []).filter((c) => c !== EventCategory.MANAGEMENT.value && c !== EventCategory.DATA.value);
    if (bad.length > 0) throw new Error(`eventCategories '${bad.join(', ')}' are not allowed: Insights analyse Management and Data events only. Fix: use EventCategory.MANAGEMENT and/or DATA`);
    if (categories !== undefined && categories.length === 0) throw new Error('eventCategories is empty. Fix: leave it out for management events');
    this.insights.push({ type: insight.insightType.value, categories: categories && unique(categories) });
  }

  public aggregateDataEvents(templates: AggregationTemplate[]): void {
    for (const template of listOf(templates, 'templates', 'name at least one template, e.g. [AggregationTemplate.API_ACTIVITY]')) {
      if (!this.aggregationTemplates.includes(template.value)) this.aggregationTemplates.push(template.value);
    }
  }
}

/** The items of an optional list; `null` (from JavaScript) is no list, and a `null` item an error. */
function present<T>(items: T[] | null | undefined, name: string): T[] {
  const list = items ?? [];
  if (list.some((item) => item === null || item === undefined)) throw new Error(`${name} holds null. Fix: remove the null entries`);
  return list;
}

/** A list argument that must hold something; `null` from JavaScript counts as empty. */
function listOf<T>(items: T[] | null | undefined, name: string, fix: string): T[] {
  if (items === undefined || items === null || items.length === 0) throw new Error(`${name} is empty, so nothing would be selected. Fix: ${fix}`);
  return items;
}

function toAccess(type: cloudtrail.ReadWriteType): Access {
  if (type === cloudtrail.ReadWriteType.READ_ONLY) return 'ReadOnly';
  if (type === cloudtrail.ReadWriteType.WRITE_ONLY) return 'WriteOnly';
  return 'All';
}

function dataAccess(options: DataEventOptions | undefined): Access {
  const { readWriteType = cloudtrail.ReadWriteType.ALL } = definedProps(options);
  if (readWriteType === cloudtrail.ReadWriteType.NONE) {
    throw new Error('readWriteType \'NONE\' would log no data events. Fix: leave the resources out instead');
  }
  return toAccess(readWriteType);
}

function labelOf(resource: IConstruct, prefix = ''): string {
  const path = resource.node.path;
  return prefix && !Token.isUnresolved(prefix) ? `${path} (${prefix})` : path;
}

/** Text for a name, or a fallback when it holds a token (a name should read the same in the template). */
function readable(text: string, fallback: string): string {
  return Token.isUnresolved(text) ? fallback : text;
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
