import { Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { AggregationTemplate, EventCategory } from './categories';
import {
  AdvancedEventSelector,
  DataEventOptions,
  ManagementEventOptions,
  NetworkActivityEventOptions,
  S3ObjectSelection,
  TrailInsight,
} from './options';
import { definedProps } from '../private/props';
import {
  requireRule,
  SELECTION_ADVANCED_SELECTOR,
  SELECTION_DATA_EVENTS_NONE,
  SELECTION_EXCLUDES_WITHOUT_MANAGEMENT_EVENTS,
  SELECTION_INSIGHT,
  SELECTION_LIST_ITEMS,
} from '../validation/rules/selection';

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
    requireRule(SELECTION_EXCLUDES_WITHOUT_MANAGEMENT_EVENTS, { none: access === 'None', excludes });
    this._management = { access, excludes };
  }

  public addS3ObjectEvents(selections: S3ObjectSelection[], options?: DataEventOptions): void {
    const access = dataAccess(options);
    requireRule(SELECTION_LIST_ITEMS, {
      name: 'buckets',
      items: (selections ?? []).map((s) => (s === null ? s : definedProps(s))),
      field: 'bucket',
    });
    for (const { bucket, objectPrefix = '' } of (selections ?? []).map(definedProps)) {
      this.data.push({
        kind: 's3',
        value: `${bucket.bucketArn}/${objectPrefix}`,
        access,
        label: labelOf(bucket, objectPrefix),
      });
    }
  }

  public addAllS3ObjectEvents(options?: DataEventOptions): void {
    this.data.push({ kind: 's3', access: dataAccess(options) });
  }

  public addLambdaInvocations(functions: lambda.IFunction[], options?: DataEventOptions): void {
    const access = dataAccess(options);
    for (const fn of present(functions, 'functions')) {
      this.data.push({ kind: 'lambda', value: fn.functionArn, access, label: labelOf(fn) });
    }
  }

  public addAllLambdaInvocations(options?: DataEventOptions): void {
    this.data.push({ kind: 'lambda', access: dataAccess(options) });
  }

  public addDynamoDbTables(tables: dynamodb.ITable[], options?: DataEventOptions): void {
    const access = dataAccess(options);
    for (const table of present(tables, 'tables')) {
      this.data.push({ kind: 'dynamodb', value: table.tableArn, access, label: labelOf(table) });
    }
  }

  public addAllDynamoDbTables(options?: DataEventOptions): void {
    this.data.push({ kind: 'dynamodb', access: dataAccess(options) });
  }

  public addAdvancedSelector(given: AdvancedEventSelector): void {
    const selector = definedProps(given);
    const conditions = selector.conditions ?? [];
    requireRule(SELECTION_ADVANCED_SELECTOR, {
      eventCategory: selector.eventCategory?.value,
      resourceType: selector.resourceType?.value,
      conditionFields: conditions.map((c) => c.field.name),
    });
    const category = selector.eventCategory!.value;
    // Its length is the rendered template's to check (ADVANCED_SELECTORS_NAME_LENGTH), like any selector's name.
    const name = selector.name;
    const head: Condition[] = [{ field: 'eventCategory', operator: 'Equals', values: [category] }];
    if (selector.resourceType) {
      head.push({ field: 'resources.type', operator: 'Equals', values: [selector.resourceType.value] });
    }
    const rest = conditions.map((c) => ({
      field: c.field.name,
      operator: c.comparison as string,
      values: [...c.values],
    }));
    const summary = unique(rest.map((c) => `${c.field} ${c.operator}`)).join(', ');
    const title = `${category} events${selector.resourceType ? ` of ${selector.resourceType.value}` : ''}${summary ? ` where ${summary}` : ''}`;
    this.advanced.push({
      name,
      title: readable(title, 'Advanced event selector'),
      labels: [],
      conditions: [...head, ...rest],
    });
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
      if (options.accessDeniedOnly) {
        conditions.push({ field: 'errorCode', operator: 'Equals', values: ['VpceAccessDenied'] });
      }
      if (names.length > 0) conditions.push({ field: 'eventName', operator: 'Equals', values: names });
      if (endpoints.length > 0) {
        conditions.push({
          field: 'vpcEndpointId',
          operator: 'Equals',
          values: unique(endpoints.map((e) => e.vpcEndpointId)),
        });
      }
      const what = options.accessDeniedOnly
        ? 'Network activity denied by VPC endpoint policies'
        : 'Network activity events';
      const title = readable(`${what} for ${source}`, `${what} for a service`);
      this.advanced.push({
        title: endpoints.length > 0 ? `${title} via` : title,
        labels: endpoints.map((e) => labelOf(e)),
        conditions,
      });
    }
  }

  public addInsight(given: TrailInsight): void {
    const insight = definedProps(given);
    const categories = insight.eventCategories?.map((c) => c.value);
    requireRule(SELECTION_INSIGHT, { insightType: insight.insightType?.value, eventCategories: categories });
    this.insights.push({ type: insight.insightType!.value, categories: categories && unique(categories) });
  }

  public aggregateDataEvents(templates: AggregationTemplate[]): void {
    for (const template of listOf(
      templates,
      'templates',
      'name at least one template, e.g. [AggregationTemplate.API_ACTIVITY]',
    )) {
      if (!this.aggregationTemplates.includes(template.value)) this.aggregationTemplates.push(template.value);
    }
  }
}

/** The items of an optional list; `null` (from JavaScript) is no list, and a `null` item an error. */
function present<T>(items: T[] | null | undefined, name: string): T[] {
  requireRule(SELECTION_LIST_ITEMS, { name, items });
  return items ?? [];
}

/** A list argument that must hold something; `null` from JavaScript counts as empty. */
function listOf<T>(items: T[] | null | undefined, name: string, fix: string): T[] {
  requireRule(SELECTION_LIST_ITEMS, { name, items, required: fix });
  return items!;
}

function toAccess(type: cloudtrail.ReadWriteType): Access {
  if (type === cloudtrail.ReadWriteType.READ_ONLY) return 'ReadOnly';
  if (type === cloudtrail.ReadWriteType.WRITE_ONLY) return 'WriteOnly';
  return 'All';
}

function dataAccess(options: DataEventOptions | undefined): Access {
  const { readWriteType = cloudtrail.ReadWriteType.ALL } = definedProps(options);
  requireRule(SELECTION_DATA_EVENTS_NONE, { none: readWriteType === cloudtrail.ReadWriteType.NONE });
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
