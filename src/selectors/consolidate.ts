import { AdvSel, equalsOf, FieldSel, nameOf } from './advanced';
import { Operator, OPERATORS } from '../validation/constants';

const POSITIVE: readonly Operator[] = ['Equals', 'StartsWith', 'EndsWith'];

// Fields whose values may be pooled when two selectors differ only there: one value list of an including
// operator is a disjunction, so (A and f in V1) or (A and f in V2) is (A and f in V1 + V2). Not
// eventCategory or resources.type (one per selector), nor errorCode; eventSource only outside network
// activity, which takes one source per field selector.
const POOLABLE = [
  'resources.ARN',
  'eventName',
  'userIdentity.arn',
  'vpcEndpointId',
  'eventType',
  'readOnly',
  'eventSource',
];

function poolable(selector: AdvSel, field: string): boolean {
  if (field === 'eventSource') return !equalsOf(selector, 'eventCategory').includes('NetworkActivity');
  return POOLABLE.includes(field);
}

/** A field selector as text: its field and the sorted values of each operator, or `*` for the `except` one's. */
function fieldKey(f: FieldSel, except?: Operator): string {
  // Joined with control characters, which no field, operator or value holds (CloudTrail: printable text only).
  let text = f.field;
  for (const op of OPERATORS) {
    const values = f.ops[op];
    if (!values) continue;
    const sorted = values.length === 1 ? values[0] : [...values].sort().join('\u0002');
    text += `\u0001${op}\u0002${op === except ? '*' : sorted}`;
  }
  return text;
}

/**
 * A key equal for two selectors exactly when they select the same events by the same conditions; with `except`,
 * equal when they differ at most in that one value list.
 */
function conditionKey(fields: readonly FieldSel[], except?: { field: string; op: Operator }): string {
  return fields
    .map((f) => fieldKey(f, except?.field === f.field ? except.op : undefined))
    .sort()
    .join('\u0000');
}

/**
 * The key of the selector, and of each value list it could be pooled on (a selector with a field twice pools on none).
 */
function keysOf(selector: AdvSel): { key: string; pools: Array<{ key: string; field: string; op: Operator }> } {
  const texts = selector.fields.map((f) => fieldKey(f));
  const key = [...texts].sort().join('\u0000');
  if (new Set(selector.fields.map((f) => f.field)).size !== selector.fields.length) return { key, pools: [] };
  const pools = selector.fields.flatMap((f, i) =>
    (poolable(selector, f.field) ? POSITIVE.filter((op) => f.ops[op]) : []).map((op) => ({
      key: texts
        .map((t, j) => (j === i ? fieldKey(f, op) : t))
        .sort()
        .join('\u0000'),
      field: f.field,
      op,
    })),
  );
  return { key, pools };
}

/** A selector being built by pooling: the pooled value list grows in place, so pooling n selectors is linear. */
interface Pooled {
  fields: FieldSel[];
  naming: Pick<AdvSel, 'name' | 'title' | 'labels'>;
  /** The labels already in `naming.labels`. */
  labelSet: Set<string>;
  /** The value list pooled on, and its values, once the selector has pooled. */
  growing?: { field: string; op: Operator; values: string[]; seen: Set<string> };
  /** The keys it is registered under. */
  keys: string[];
  /** Its place in the pass's output. */
  readonly order: number;
}

function joinNames(a: Pooled, b: AdvSel): void {
  const n = a.naming;
  if (n.name === undefined && b.name === undefined && n.title === b.title) {
    const labels = n.labels as string[];
    for (const label of b.labels) if (!a.labelSet.has(label)) (labels.push(label), a.labelSet.add(label));
    return;
  }
  const na = nameOf({ ...n, fields: [] });
  const nb = nameOf(b);
  const name = na === nb ? na : `${na}; ${nb}`;
  a.naming = { name, title: name, labels: [] };
  a.labelSet = new Set();
}

/** Adds the values of `b`'s list to `a`'s; afterwards `a` is registered only under the key of that list. */
function poolInto(a: Pooled, b: AdvSel, field: string, op: Operator, index: Map<string, Pooled[]>): void {
  if (a.growing === undefined || a.growing.field !== field || a.growing.op !== op) {
    const at = a.fields.findIndex((f) => f.field === field);
    const values = [...a.fields[at].ops[op]!];
    a.growing = { field, op, values, seen: new Set(values) };
    a.fields[at] = { field, ops: { ...a.fields[at].ops, [op]: values } };
    const keep = conditionKey(a.fields, { field, op });
    for (const key of a.keys.filter((k) => k !== keep)) {
      index.set(
        key,
        index.get(key)!.filter((p) => p !== a),
      );
    }
    a.keys = [keep];
  }
  const grow = a.growing;
  for (const value of b.fields.find((f) => f.field === field)!.ops[op]!) {
    if (!grow.seen.has(value)) (grow.values.push(value), grow.seen.add(value));
  }
  joinNames(a, b);
}

/** One pass: duplicates merged, selectors differing in one value list pooled. True in `changed` when anything was. */
function pass(selectors: readonly AdvSel[]): { next: AdvSel[]; changed: boolean } {
  const seen = new Map<string, Pooled>();
  const index = new Map<string, Pooled[]>();
  const out: Pooled[] = [];
  let changed = false;
  for (const selector of selectors) {
    const { key, pools: keys } = keysOf(selector);
    const same = seen.get(key);
    if (same) {
      joinNames(same, selector);
      changed = true;
      continue;
    }
    // The earliest selector it pools with, as a search from the start would find.
    const partner = keys
      .flatMap((k) => (index.get(k.key) ?? []).map((p) => ({ p, k })))
      .sort((x, y) => x.p.order - y.p.order)[0];
    if (partner) {
      poolInto(partner.p, selector, partner.k.field, partner.k.op, index);
      changed = true;
      continue;
    }
    const naming = { name: selector.name, title: selector.title, labels: [...selector.labels] };
    const entry: Pooled = {
      fields: [...selector.fields],
      naming,
      labelSet: new Set(naming.labels),
      keys: keys.map((k) => k.key),
      order: out.length,
    };
    seen.set(key, entry);
    for (const k of keys) index.set(k.key, [...(index.get(k.key) ?? []), entry]);
    out.push(entry);
  }
  return { next: out.map((p) => simplified(p)), changed };
}

/** readOnly pooled to both true and false selects every event, as no condition does. */
function simplified(p: Pooled): AdvSel {
  const fields =
    p.growing?.field !== 'readOnly'
      ? p.fields
      : p.fields.filter(
          (f) =>
            !(
              f.field === 'readOnly' &&
              Object.keys(f.ops).length === 1 &&
              new Set(p.growing!.values.map((v) => v.toLowerCase())).size === 2
            ),
        );
  return { fields, ...p.naming };
}

/** Removes duplicate selectors and pools those that differ in one value list, until nothing changes. */
export function consolidate(selectors: readonly AdvSel[]): AdvSel[] {
  let current = [...selectors];
  for (let changed = true; changed;) ({ next: current, changed } = pass(current));
  return current;
}
