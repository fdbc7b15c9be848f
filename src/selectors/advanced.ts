import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { unique } from './selection';
import { MAX_SELECTOR_NAME, Operator, OPERATORS } from '../validation/constants';

const POSITIVE: readonly string[] = ['Equals', 'StartsWith', 'EndsWith'];

const CFN_KEYS: Record<Operator, keyof cloudtrail.CfnTrail.AdvancedFieldSelectorProperty> = {
  Equals: 'equalTo',
  StartsWith: 'startsWith',
  EndsWith: 'endsWith',
  NotEquals: 'notEquals',
  NotStartsWith: 'notStartsWith',
  NotEndsWith: 'notEndsWith',
};

/** One field selector: a field and the values of each operator used on it. */
export interface FieldSel {
  readonly field: string;
  readonly ops: Readonly<Partial<Record<Operator, readonly string[]>>>;
}

/** An advanced selector on its way to the template. */
export interface AdvSel {
  readonly fields: readonly FieldSel[];
  /** A name given by the user, kept as is. */
  readonly name?: string;
  /** Otherwise the name is `title`, completed by `labels`. */
  readonly title: string;
  readonly labels: readonly string[];
}

/** Builds field selectors from conditions, one per field, in the order fields first appear. */
export function fieldsOf(conditions: ReadonlyArray<{ field: string; operator: string; values: readonly string[] }>): FieldSel[] {
  const byField = new Map<string, Partial<Record<Operator, string[]>>>();
  for (const { field, operator, values } of conditions) {
    const ops = byField.get(field) ?? {};
    const op = operator as Operator;
    ops[op] = unique([...(ops[op] ?? []), ...values]);
    byField.set(field, ops);
  }
  return [...byField].map(([field, ops]) => ({ field, ops }));
}

export function fieldNamed(selector: AdvSel, field: string): FieldSel | undefined {
  return selector.fields.find((f) => f.field === field);
}

/** The Equals values of a field, or an empty list. */
export function equalsOf(selector: AdvSel, field: string): readonly string[] {
  return fieldNamed(selector, field)?.ops.Equals ?? [];
}

/** A key equal for two selectors exactly when they select the same events by the same conditions. */
function conditionKey(fields: readonly FieldSel[]): string {
  return JSON.stringify([...fields]
    .map((f) => [f.field, OPERATORS.filter((op) => f.ops[op]).map((op) => [op, [...f.ops[op]!].sort()])])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

// Fields whose values may be pooled when two selectors differ only there: one value list of an including
// operator is a disjunction, so (A and f in V1) or (A and f in V2) is (A and f in V1 + V2). Not
// eventCategory or resources.type (one per selector), nor errorCode; eventSource only outside network
// activity, which takes one source per field selector.
const POOLABLE = ['resources.ARN', 'eventName', 'userIdentity.arn', 'vpcEndpointId', 'eventType', 'readOnly', 'eventSource'];

function poolable(selector: AdvSel, field: string): boolean {
  if (field === 'eventSource') return !equalsOf(selector, 'eventCategory').includes('NetworkActivity');
  return POOLABLE.includes(field);
}

/** The pooled selector when `a` and `b` differ only in one including value list of one poolable field. */
function pool(a: AdvSel, b: AdvSel): AdvSel | undefined {
  if (a.fields.length !== b.fields.length) return undefined;
  if (new Set(a.fields.map((f) => f.field)).size !== a.fields.length) return undefined;
  let diff: { field: string; op: Operator } | undefined;
  for (const fa of a.fields) {
    const fb = fieldNamed(b, fa.field);
    if (!fb) return undefined;
    for (const op of OPERATORS) {
      if (JSON.stringify([...fa.ops[op] ?? []].sort()) === JSON.stringify([...fb.ops[op] ?? []].sort())) continue;
      if (diff || !POSITIVE.includes(op) || !fa.ops[op] || !fb.ops[op] || !poolable(a, fa.field)) return undefined;
      diff = { field: fa.field, op };
    }
  }
  if (!diff) return undefined;
  const { field, op } = diff;
  const fields: FieldSel[] = [];
  for (const f of a.fields) {
    if (f.field !== field) {
      fields.push(f);
      continue;
    }
    const values = unique([...f.ops[op]!, ...fieldNamed(b, field)!.ops[op]!]);
    // readOnly is always true or false: both values select every event, as no condition does.
    const everything = field === 'readOnly' && new Set(values.map((v) => v.toLowerCase())).size === 2 && Object.keys(f.ops).length === 1;
    if (!everything) fields.push({ field, ops: { ...f.ops, [op]: values } });
  }
  return { fields, ...joinNames(a, b) };
}

function joinNames(a: AdvSel, b: AdvSel): Pick<AdvSel, 'name' | 'title' | 'labels'> {
  if (a.name === undefined && b.name === undefined && a.title === b.title) {
    return { title: a.title, labels: unique([...a.labels, ...b.labels]) };
  }
  const name = nameOf(a) === nameOf(b) ? nameOf(a) : `${nameOf(a)}; ${nameOf(b)}`;
  return { name, title: name, labels: [] };
}

/** Removes duplicate selectors and pools those that differ in one value list, until nothing changes. */
export function consolidate(selectors: readonly AdvSel[]): AdvSel[] {
  let current = [...selectors];
  for (let changed = true; changed;) {
    changed = false;
    const seen = new Map<string, number>();
    const next: AdvSel[] = [];
    for (const selector of current) {
      const key = conditionKey(selector.fields);
      const at = seen.get(key);
      if (at !== undefined) {
        next[at] = { fields: next[at].fields, ...joinNames(next[at], selector) };
        changed = true;
        continue;
      }
      const partner = next.findIndex((other) => pool(other, selector) !== undefined);
      if (partner >= 0) {
        next[partner] = pool(next[partner], selector)!;
        changed = true;
        continue;
      }
      seen.set(key, next.length);
      next.push(selector);
    }
    current = next;
  }
  return current;
}

/** The selector's name: the user's, or the title with as many labels as fit in 1000 characters. */
export function nameOf(selector: AdvSel): string {
  if (selector.name !== undefined) return clip(selector.name);
  if (selector.labels.length === 0) return clip(selector.title);
  for (let shown = selector.labels.length; shown > 0; shown--) {
    const more = selector.labels.length - shown;
    const text = `${selector.title} ${selector.labels.slice(0, shown).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    if (text.length <= MAX_SELECTOR_NAME) return text;
  }
  return clip(`${selector.title} ${selector.labels.length} resources`);
}

function clip(text: string): string {
  return text.length <= MAX_SELECTOR_NAME ? text : `${text.slice(0, MAX_SELECTOR_NAME - 1)}…`;
}

export function toCfn(selector: AdvSel): cloudtrail.CfnTrail.AdvancedEventSelectorProperty {
  return {
    name: nameOf(selector),
    fieldSelectors: selector.fields.map((f) => {
      const out: Record<string, unknown> = { field: f.field };
      for (const op of OPERATORS) if (f.ops[op]) out[CFN_KEYS[op]] = [...f.ops[op]!];
      return out as unknown as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty;
    }),
  };
}
