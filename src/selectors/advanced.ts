import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { unique } from './selection';
import { MAX_SELECTOR_NAME, Operator, OPERATORS } from '../validation/constants';

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
export function fieldsOf(
  conditions: ReadonlyArray<{ field: string; operator: string; values: readonly string[] }>,
): FieldSel[] {
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

/** The selector's name: the user's, or the title with as many labels as fit in 1000 characters. */
export function nameOf(selector: AdvSel): string {
  // The user's name as given: one the template rules refuse (ADVANCED_SELECTORS_NAME_LENGTH) is reported, not changed.
  if (selector.name !== undefined) return selector.name;
  if (selector.labels.length === 0) return clip(selector.title);
  const { labels, title } = selector;
  const all = `${title} ${labels.join(', ')}`;
  if (all.length <= MAX_SELECTOR_NAME) return all;
  // The most labels that fit with 'and N more', found by adding up lengths (one join, not one per count): each
  // label adds at least 3 characters and the count's digits shrink by at most 1, so the length only grows.
  let shown = 0;
  for (let length = title.length; shown < labels.length - 1; shown++) {
    length += labels[shown].length + (shown === 0 ? 1 : 2);
    if (length + ` and ${labels.length - shown - 1} more`.length > MAX_SELECTOR_NAME) break;
  }
  if (shown > 0) return `${title} ${labels.slice(0, shown).join(', ')} and ${labels.length - shown} more`;
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
