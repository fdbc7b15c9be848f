import { arnSegments } from './arn';
import { KnownEnv, toPartial } from './partial-string';
import { memoized } from './rule';
import { asBoolean, asList, asLiteral, asObject, countPresent, field, isUnknown, mayHoldToken } from './values';

/** The operators of an advanced field selector. */
export const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'];

/** Event categories a trail's advanced selectors accept. */
export const TRAIL_EVENT_CATEGORIES = ['Management', 'Data', 'NetworkActivity'];

/** Advanced selector fields a trail accepts, per event category. */
export const FIELDS_BY_CATEGORY: Record<string, readonly string[]> = {
  Management: ['eventCategory', 'eventSource', 'readOnly'],
  Data: ['eventCategory', 'resources.type', 'eventName', 'eventSource', 'eventType', 'readOnly', 'resources.ARN',
    'sessionCredentialFromConsole', 'userIdentity.arn'],
  NetworkActivity: ['eventCategory', 'eventSource', 'eventName', 'errorCode', 'vpcEndpointId', 'userIdentity.arn'],
};

/** One operator of a field selector that is set (neither absent nor null). */
export interface OperatorView {
  /** `Equals`, `StartsWith`, ... */
  readonly name: string;
  /** Its value as the template holds it: a list, or anything else when the template is wrong or not known. */
  readonly value: unknown;
}

/** One advanced selector's field selector, as read from the template. */
export interface FieldSelectorView {
  readonly index: number;
  /** The field name, or undefined when not known at synth. */
  readonly field?: string;
  readonly raw: unknown;
  /** The operators set, in OPERATORS order: read once here for the rules that look at every operator. */
  readonly operators: readonly OperatorView[];
}

/** One advanced selector, as read from the template. */
export interface AdvancedSelectorView {
  readonly index: number;
  readonly raw: unknown;
  /** Field selectors, or undefined when the list itself is not known at synth (or not a list). */
  readonly fields?: readonly FieldSelectorView[];
  /** True when every field name is known. */
  readonly fieldsKnown: boolean;
  /**
   * The literal `eventCategory` Equals values, or undefined when some category is not known at synth.
   * Empty when the selector certainly has none.
   */
  readonly categories?: readonly string[];
}

/** The literal items of an operator list and whether every item is literal. */
export function literalValues(list: unknown): { values: string[]; complete: boolean } {
  const items = asList(list);
  if (items === undefined) return { values: [], complete: list === undefined || list === null };
  const values = items.map(asLiteral).filter((v): v is string => v !== undefined);
  return { values, complete: values.length === items.length };
}

/** Reads the advanced selectors of a trail (once per trail check); an empty array when absent or not known. */
export function advancedSelectors(props: unknown, context?: unknown): readonly AdvancedSelectorView[] {
  if (props === null || typeof props !== 'object') return [];
  return memoized(props, context, 'AdvancedEventSelectors (views)', () => readAdvancedSelectors(props));
}

function readAdvancedSelectors(props: unknown): AdvancedSelectorView[] {
  const list = asList(field(props, 'AdvancedEventSelectors')) ?? [];
  return list.map((raw, index) => {
    const rawFields = asObject(raw) === undefined ? undefined : asList(field(raw, 'FieldSelectors'));
    const fields = rawFields?.map((fs, i) => ({ index: i, raw: fs, field: asLiteral(field(fs, 'Field')), operators: operatorsOf(fs) }));
    const fieldsKnown = fields !== undefined && fields.every((f) => f.field !== undefined || f.raw === null || f.raw === undefined);
    let categories: string[] | undefined = fields && fieldsKnown ? [] : undefined;
    for (const fs of fields ?? []) {
      if (fs.field !== 'eventCategory' || categories === undefined) continue;
      const { values, complete } = literalValues(field(fs.raw, 'Equals'));
      categories = complete ? [...categories, ...values] : undefined;
    }
    return { index, raw, fields, fieldsKnown, categories };
  });
}

function operatorsOf(fieldSelector: unknown): OperatorView[] {
  const operators: OperatorView[] = [];
  for (const name of OPERATORS) {
    const value = field(fieldSelector, name);
    if (value !== undefined && value !== null) operators.push({ name, value });
  }
  return operators;
}

/** The operators a field selector uses, other than Equals. */
export function nonEqualsOperators(fs: FieldSelectorView): string[] {
  const names: string[] = [];
  for (const op of fs.operators) if (op.name !== 'Equals') names.push(op.name);
  return names;
}

/** The field selectors of a selector with this field name. */
export function fieldsNamed(selector: AdvancedSelectorView, name: string): FieldSelectorView[] {
  return (selector.fields ?? []).filter((f) => f.field === name);
}

/** Three-valued: true, false, or undefined when it depends on values not known at synth. */
export type Tri = boolean | undefined;

function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return undefined;
}

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return undefined;
}

/** Which events the trail logs, as far as the selectors settle it. */
export interface LoggedEvents {
  readonly managementRead: Tri;
  readonly managementWrite: Tri;
  readonly data: Tri;
}

/** Whether a selector list is absent, empty, present with items, or not known at synth. */
function selectorListState(value: unknown): 'none' | 'some' | 'unknown' {
  if (value === undefined || value === null) return 'none';
  if (isUnknown(value) || !Array.isArray(value)) return 'unknown';
  return value.length === 0 ? 'none' : 'some';
}

/**
 * Decides from EventSelectors / AdvancedEventSelectors which events are logged. With neither, CloudTrail logs
 * all management events and no data events.
 */
export function loggedEvents(props: unknown, context?: unknown): LoggedEvents {
  const basic = selectorListState(field(props, 'EventSelectors'));
  const advanced = selectorListState(field(props, 'AdvancedEventSelectors'));
  if (basic === 'none' && advanced === 'none') return { managementRead: true, managementWrite: true, data: false };
  let read: Tri = false;
  let write: Tri = false;
  let data: Tri = false;
  if (basic === 'unknown' || advanced === 'unknown') {
    read = write = data = undefined;
  }
  for (const selector of asList(field(props, 'EventSelectors')) ?? []) {
    if (asObject(selector) === undefined) {
      read = or(read, undefined);
      write = or(write, undefined);
      data = or(data, undefined);
      continue;
    }
    const includeRaw = field(selector, 'IncludeManagementEvents');
    const include: Tri = includeRaw === undefined || includeRaw === null ? true : asBoolean(includeRaw);
    const rwRaw = field(selector, 'ReadWriteType');
    const rw = rwRaw === undefined || rwRaw === null ? 'All' : asLiteral(rwRaw);
    const rwRead: Tri = rw === undefined ? undefined : rw === 'All' || rw === 'ReadOnly';
    const rwWrite: Tri = rw === undefined ? undefined : rw === 'All' || rw === 'WriteOnly';
    read = or(read, and(include, rwRead));
    write = or(write, and(include, rwWrite));
    data = or(data, basicSelectorLogsData(selector));
  }
  for (const selector of advancedSelectors(props, context)) {
    const categories = selector.categories;
    if (categories === undefined) {
      read = or(read, undefined);
      write = or(write, undefined);
      data = or(data, undefined);
      continue;
    }
    if (categories.includes('Data')) data = true;
    if (!categories.includes('Management')) continue;
    const readOnly = readOnlyFilter(selector);
    read = or(read, readOnly === undefined ? undefined : readOnly !== 'write');
    write = or(write, readOnly === undefined ? undefined : readOnly !== 'read');
  }
  return { managementRead: read, managementWrite: write, data };
}

function basicSelectorLogsData(selector: unknown): Tri {
  const resources = field(selector, 'DataResources');
  if (resources === undefined || resources === null) return false;
  const list = asList(resources);
  if (list === undefined) return undefined;
  let logs: Tri = false;
  for (const resource of list) {
    const values = field(resource, 'Values');
    const items = asList(values);
    logs = or(logs, asObject(resource) === undefined || (values !== undefined && items === undefined) ? undefined : countPresent(items) > 0);
  }
  return logs;
}

/** What a management selector's readOnly field keeps: 'read', 'write', 'both', or undefined when not known. */
function readOnlyFilter(selector: AdvancedSelectorView): 'read' | 'write' | 'both' | undefined {
  const fields = fieldsNamed(selector, 'readOnly');
  if (fields.length === 0) return 'both';
  let keep: 'read' | 'write' | 'both' = 'both';
  for (const fs of fields) {
    if (nonEqualsOperators(fs).length > 0) return undefined;
    const { values, complete } = literalValues(field(fs.raw, 'Equals'));
    if (!complete) return undefined;
    const lower = new Set(values.map((v) => v.toLowerCase()));
    if (lower.size !== 1) continue;
    if (!lower.has('true') && !lower.has('false')) return undefined;
    const only = lower.has('true') ? 'read' : 'write';
    if (keep !== 'both' && keep !== only) return undefined;
    keep = only;
  }
  return keep;
}

/**
 * True when a data resource value certainly names specific resources (and so counts towards the 250): not one
 * of the values that log all resources of a type (`arn:aws:s3`, `arn:aws:s3:::`, `arn:aws:lambda`,
 * `arn:aws:dynamodb`). `literal` says the value is already known to hold no token.
 */
const ALL_RESOURCES = /^arn:[a-z-]+:(s3|s3:::|lambda|dynamodb)$/;

export function namesSpecificResources(value: unknown, env: KnownEnv, literal = false): boolean {
  // Hundreds of plain strings per trail: test them without building a partial string.
  if (typeof value === 'string' && (literal || !mayHoldToken(value))) return value.length > 40 || !ALL_RESOURCES.test(value);
  const partial = toPartial(value, env);
  if (partial === undefined) return false;
  const text = partial.text;
  if (text !== undefined) return !ALL_RESOURCES.test(text);
  if (partial.cannotStartWith('arn:')) return true;
  const { segments } = arnSegments(partial);
  const resource = segments.length === 6 ? segments[5] : undefined;
  return resource !== undefined && resource.literals.join('').length > 0;
}
