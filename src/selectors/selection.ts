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
  public logManagementEvents(options: ManagementEventOptions = {}): void {
    const readWriteType = options.readWriteType ?? cloudtrail.ReadWriteType.ALL;
    const access = readWriteType === cloudtrail.ReadWriteType.NONE ? 'None' : toAccess(readWriteType);
    const excludes = unique((options.excludeEventSources ?? []).map((s) => s.value));
    if (access === 'None' && excludes.length > 0) {
      throw new Error('excludeEventSources has no effect when readWriteType is NONE (no management events are logged); remove one of them');
    }
    this._management = { access, excludes };
  }

  public addS3ObjectEvents(selections: S3ObjectSelection[], options: DataEventOptions = {}): void {
    const access = dataAccess(options);
    for (const { bucket, objectPrefix } of selections) {
      const prefix = objectPrefix ?? '';
      this.data.push({ kind: 's3', value: `${bucket.bucketArn}/${prefix}`, access, label: labelOf(bucket, prefix) });
    }
  }

  public addAllS3ObjectEvents(options: DataEventOptions = {}): void {
    this.data.push({ kind: 's3', access: dataAccess(options) });
  }

  public addLambdaInvocations(functions: lambda.IFunction[], options: DataEventOptions = {}): void {
    const access = dataAccess(options);
    for (const fn of functions) this.data.push({ kind: 'lambda', value: fn.functionArn, access, label: labelOf(fn) });
  }

  public addAllLambdaInvocations(options: DataEventOptions = {}): void {
    this.data.push({ kind: 'lambda', access: dataAccess(options) });
  }

  public addDynamoDbTables(tables: dynamodb.ITable[], options: DataEventOptions = {}): void {
    const access = dataAccess(options);
    for (const table of tables) this.data.push({ kind: 'dynamodb', value: table.tableArn, access, label: labelOf(table) });
  }

  public addAllDynamoDbTables(options: DataEventOptions = {}): void {
    this.data.push({ kind: 'dynamodb', access: dataAccess(options) });
  }

  public addAdvancedSelector(selector: AdvancedEventSelector): void {
    const category = selector.eventCategory.value;
    const conditions = selector.conditions ?? [];
    const name = selector.name;
    if (name !== undefined && !Token.isUnresolved(name) && (name.length === 0 || name.length > MAX_SELECTOR_NAME)) {
      throw new Error(`the selector name is ${name.length} characters long; CloudFormation takes 1 to ${MAX_SELECTOR_NAME}`);
    }
    for (const condition of conditions) {
      if (condition.field.name === SelectorField.EVENT_CATEGORY.name) {
        throw new Error('set the event category with the selector\'s eventCategory, not with a condition on eventCategory');
      }
      if (condition.field.name === SelectorField.RESOURCES_TYPE.name) {
        throw new Error('set the resource type with the selector\'s resourceType, not with a condition on resources.type');
      }
    }
    if (category === EventCategory.DATA.value && selector.resourceType === undefined) {
      throw new Error('a selector for data events needs a resourceType (e.g. DataResourceType.S3_OBJECT); CloudTrail requires resources.type');
    }
    if (category !== EventCategory.DATA.value && selector.resourceType !== undefined) {
      throw new Error(`resourceType applies to data events only, but the selector is for ${category} events`);
    }
    const head: Condition[] = [{ field: 'eventCategory', operator: 'Equals', values: [category] }];
    if (selector.resourceType) head.push({ field: 'resources.type', operator: 'Equals', values: [selector.resourceType.value] });
    const rest = conditions.map((c) => ({ field: c.field.name, operator: c.comparison as string, values: [...c.values] }));
    const summary = unique(rest.map((c) => `${c.field} ${c.operator}`)).join(', ');
    const title = `${category} events${selector.resourceType ? ` of ${selector.resourceType.value}` : ''}${summary ? ` where ${summary}` : ''}`;
    this.advanced.push({ name: selector.name, title: readable(title, 'Advanced event selector'), labels: [], conditions: [...head, ...rest] });
  }

  public addNetworkActivityEvents(options: NetworkActivityEventOptions): void {
    if (options.sources.length === 0) throw new Error('addNetworkActivityEvents needs at least one source');
    const endpoints = options.vpcEndpoints ?? [];
    const names = unique(options.eventNames ?? []);
    for (const source of unique(options.sources.map((s) => s.value))) {
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

  public addInsight(insight: TrailInsight): void {
    const categories = insight.eventCategories?.map((c) => c.value);
    const bad = (categories ?? []).filter((c) => c !== EventCategory.MANAGEMENT.value && c !== EventCategory.DATA.value);
    if (bad.length > 0) throw new Error(`Insights analyse Management and Data events only, not ${bad.join(', ')}`);
    if (categories !== undefined && categories.length === 0) throw new Error('eventCategories is empty; leave it out for management events');
    this.insights.push({ type: insight.insightType.value, categories: categories && unique(categories) });
  }

  public aggregateDataEvents(templates: AggregationTemplate[]): void {
    if (templates.length === 0) throw new Error('aggregateDataEvents needs at least one template');
    for (const template of templates) {
      if (!this.aggregationTemplates.includes(template.value)) this.aggregationTemplates.push(template.value);
    }
  }
}

function toAccess(type: cloudtrail.ReadWriteType): Access {
  if (type === cloudtrail.ReadWriteType.READ_ONLY) return 'ReadOnly';
  if (type === cloudtrail.ReadWriteType.WRITE_ONLY) return 'WriteOnly';
  return 'All';
}

function dataAccess(options: DataEventOptions): Access {
  if (options.readWriteType === cloudtrail.ReadWriteType.NONE) {
    throw new Error('readWriteType NONE would log no data events; leave the resources out instead');
  }
  return toAccess(options.readWriteType ?? cloudtrail.ReadWriteType.ALL);
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
