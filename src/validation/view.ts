import { KnownEnv, PartialString, toPartial } from './partial-string';
import { readAdvancedSelector, AdvancedSelectorView } from './selector-views';
import { asBoolean, asList, asLiteral, asObject, countPresent, field, isUnknown } from './values';

/**
 * What the construct that made a trail knows and the template does not: the Regions of its bucket and key (otherwise
 * read from a reference or ARN), the organization id, and the construct prop to name in messages per CloudFormation
 * property (e.g. `{ KMSKeyId: 'encryptionKey' }`).
 */
export interface TrailValidationContext {
  readonly bucketRegion?: string;
  readonly keyRegion?: string;
  readonly organizationId?: string;
  readonly propNames?: { readonly [cfnProperty: string]: string };
  /** Names made from the trail name that must be unique in the account and Region, e.g. `KMS alias 'alias/x'`. */
  readonly derivedNames?: readonly string[];
}

/** The same, resolved: Regions when concrete, the organization id as resolved (a string or an intrinsic). */
export type KnownContext = {
  readonly bucketRegion?: string;
  readonly keyRegion?: string;
  readonly organizationId?: unknown;
};

/** Three-valued: true, false, or undefined when it depends on values not known at synth. */
export type Tri = boolean | undefined;

/** One trail as the rules see it: see `trailView`. */
export type TrailView = ReturnType<typeof trailView>;

/**
 * Reads a trail's resolved properties, and what its construct knows, once into the view every rule checks: strings as
 * partial strings (undefined when absent or not a string), lists as views of their items, and the environment.
 */
export function trailView(props: Readonly<Record<string, unknown>>, env: KnownEnv, context: KnownContext = {}) {
  const text = (key: string) => toPartial(props[key], env);
  const eventSelectors = (asList(props.EventSelectors) ?? []).map(readEventSelector);
  const advancedSelectors = (asList(props.AdvancedEventSelectors) ?? []).map((raw, index) =>
    readAdvancedSelector(raw, index, env),
  );
  return {
    props,
    env,
    bucketRegion: asLiteral(context.bucketRegion),
    keyRegion: asLiteral(context.keyRegion),
    organizationId: toPartial(context.organizationId, env),
    trailName: text('TrailName'),
    bucketName: text('S3BucketName'),
    keyPrefix: text('S3KeyPrefix'),
    kmsKeyId: text('KMSKeyId'),
    snsTopic: text('SnsTopicName'),
    logGroupArn: text('CloudWatchLogsLogGroupArn'),
    roleArn: text('CloudWatchLogsRoleArn'),
    isMultiRegion: asBoolean(props.IsMultiRegionTrail),
    includeGlobalEvents: asBoolean(props.IncludeGlobalServiceEvents),
    eventSelectors,
    eventSelectorCount: countPresent(props.EventSelectors),
    advancedSelectors,
    advancedSelectorCount: countPresent(props.AdvancedEventSelectors),
    // Each field selector of each selector, with where it is: read once per trail, for every rule over fields.
    advancedFields: advancedSelectors.flatMap((selector) =>
      selector.fields.map((fs) => ({
        selector,
        fs,
        where: `AdvancedEventSelectors[${selector.index}].FieldSelectors[${fs.index}]`,
      })),
    ),
    insightSelectors: (asList(props.InsightSelectors) ?? []).map(readInsightSelector),
    tags: (asList(props.Tags) ?? []).map(
      (tag, index): { index: number; key?: PartialString; value?: PartialString } => ({
        index,
        key: toPartial(field(tag, 'Key'), env),
        value: toPartial(field(tag, 'Value'), env),
      }),
    ),
    tagCount: countPresent(props.Tags),
    logged: loggedEvents(props, eventSelectors, advancedSelectors),
  };
}

/** Literal list items with their index in the template (`value` undefined where not literal). */
function literalItems(value: unknown): Array<{ index: number; value?: string }> {
  return (asList(value) ?? []).map((item, index) => ({ index, value: asLiteral(item) }));
}

/**
 * One basic selector. `IncludeManagementEvents` is true and `ReadWriteType` All when absent; each is undefined when
 * not known (or the selector is not an object known at synth). `dataResources` (and a resource's `values`) is
 * undefined when its list is not known.
 */
function readEventSelector(raw: unknown, index: number) {
  const known = asObject(raw) !== undefined;
  const read = <T>(key: string, whenAbsent: T, reader: (value: unknown) => T | undefined) =>
    known ? readOr(field(raw, key), whenAbsent, reader) : undefined;
  return {
    index,
    includeManagementEvents: read('IncludeManagementEvents', true, asBoolean),
    readWriteType: read('ReadWriteType', 'All', asLiteral),
    dataResources: read('DataResources', [], (resources) => asList(resources)?.map(readDataResource)),
    excludedSources: literalItems(field(raw, 'ExcludeManagementEventSources')),
  };
}

export type EventSelectorView = ReturnType<typeof readEventSelector>;

function readDataResource(resource: unknown, index: number) {
  const known = asObject(resource) !== undefined;
  return {
    index,
    type: asLiteral(field(resource, 'Type')),
    values: known ? readOr(field(resource, 'Values'), [], asList) : undefined,
  };
}

/** What `reader` reads in a value, or `whenAbsent` when the value is absent (undefined or null). */
function readOr<T>(value: unknown, whenAbsent: T, reader: (value: unknown) => T | undefined): T | undefined {
  return value === undefined || value === null ? whenAbsent : reader(value);
}

/** One insight selector; `categories` are Management when absent, undefined when not all literal. */
function readInsightSelector(raw: unknown, index: number) {
  const rawCategories = field(raw, 'EventCategories');
  const categoryItems = literalItems(rawCategories);
  const literal = asList(rawCategories) !== undefined && categoryItems.every((item) => item.value !== undefined);
  const categories = readOr(rawCategories, ['Management'], () =>
    literal ? categoryItems.map((item) => item.value!) : undefined,
  );
  return { index, type: asLiteral(field(raw, 'InsightType')), categories, categoryItems };
}

function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : undefined;
}

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

/** Whether a selector list is absent or empty, present with items, or not known at synth. */
function listState(value: unknown): 'none' | 'some' | 'unknown' {
  if (value === undefined || value === null) return 'none';
  if (isUnknown(value) || !Array.isArray(value)) return 'unknown';
  return value.length === 0 ? 'none' : 'some';
}

/**
 * Which events are logged (management read, management write, data), as far as the selectors settle it. With no
 * selectors, CloudTrail logs all management events and no data events.
 */
function loggedEvents(
  props: Readonly<Record<string, unknown>>,
  basic: readonly EventSelectorView[],
  advanced: readonly AdvancedSelectorView[],
) {
  const states = [listState(props.EventSelectors), listState(props.AdvancedEventSelectors)];
  if (states.every((s) => s === 'none')) {
    return { managementRead: true as Tri, managementWrite: true as Tri, data: false as Tri };
  }
  let read: Tri = states.includes('unknown') ? undefined : false;
  let write: Tri = read;
  let data: Tri = read;
  for (const selector of basic) {
    const rw = selector.readWriteType;
    read = or(
      read,
      and(selector.includeManagementEvents, rw === undefined ? undefined : rw === 'All' || rw === 'ReadOnly'),
    );
    write = or(
      write,
      and(selector.includeManagementEvents, rw === undefined ? undefined : rw === 'All' || rw === 'WriteOnly'),
    );
    data = or(
      data,
      selector.dataResources?.reduce<Tri>((logs, r) => or(logs, r.values && countPresent(r.values) > 0), false),
    );
  }
  for (const selector of advanced) {
    const categories = selector.categories;
    const readOnly = selector.readOnlyFilter;
    if (categories?.includes('Data')) data = true;
    if (categories === undefined) data = or(data, undefined);
    if (categories !== undefined && !categories.includes('Management')) continue;
    read = or(read, categories === undefined || readOnly === undefined ? undefined : readOnly !== 'write');
    write = or(write, categories === undefined || readOnly === undefined ? undefined : readOnly !== 'read');
  }
  return { managementRead: read, managementWrite: write, data };
}
