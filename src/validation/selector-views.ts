import { OPERATORS } from './constants';
import { KnownEnv, toPartial } from './partial-string';
import { asList, asLiteral, asObject, countPresent, field } from './values';

/** Whether a selector's FieldSelectors list is missing, not known at synth, empty or has fields. */
function fieldSelectorsStateOf(known: boolean, list: unknown, items: readonly unknown[] | undefined) {
  if (!known || list === undefined || list === null) return 'missing';
  if (items === undefined) return 'unknown';
  return countPresent(items) === 0 ? 'empty' : 'some';
}

/**
 * One advanced selector. `known` is false when it is not an object known at synth. `fields` is empty when the
 * FieldSelectors list is not known; `fieldsKnown` says every field name is. `categories` are the literal
 * eventCategory Equals values, undefined when some category is not known. `readOnlyFilter` is what a Management
 * selector's readOnly fields keep (read, write or both events), undefined when not known.
 */
export function readAdvancedSelector(raw: unknown, index: number, env: KnownEnv) {
  const known = asObject(raw) !== undefined;
  const list = field(raw, 'FieldSelectors');
  const items = asList(list);
  const fieldSelectorsState = fieldSelectorsStateOf(known, list, items);
  const fields = (items ?? []).map(readField);
  const fieldsKnown = items !== undefined && fields.every((f) => f.field !== undefined || !f.present);
  let categories: string[] | undefined = items !== undefined && fieldsKnown ? [] : undefined;
  for (const fs of fields) {
    if (fs.field === 'eventCategory' && categories !== undefined) {
      categories = fs.equalsComplete ? [...categories, ...fs.equals] : undefined;
    }
  }
  return {
    index,
    known,
    name: toPartial(field(raw, 'Name'), env),
    fieldSelectorsState,
    fields,
    fieldsKnown,
    categories,
    readOnlyFilter: readOnlyFilter(fields),
  };
}
export type AdvancedSelectorView = ReturnType<typeof readAdvancedSelector>;

/**
 * One field selector: its field when literal, and each operator that is set, with its raw value, its items when a
 * known list, and its literal items (`complete` when every item is literal). `equals` are the literal Equals values.
 */
function readField(raw: unknown, index: number) {
  const obj = asObject(raw);
  const operators = OPERATORS.filter(
    (name) => obj?.[name] !== undefined && obj[name] !== null && Object.hasOwn(obj, name),
  ).map((name) => {
    const value = obj![name];
    const items = asList(value);
    const literals = (items ?? []).map(asLiteral).filter((v): v is string => v !== undefined);
    return { name, value, items, literals, complete: items !== undefined && literals.length === items.length };
  });
  const equals = operators.find((op) => op.name === 'Equals');
  return {
    index,
    field: asLiteral(field(obj, 'Field')),
    present: raw !== undefined && raw !== null,
    operators,
    nonEquals: operators.filter((op) => op.name !== 'Equals').map((op) => op.name),
    equals: equals?.literals ?? [],
    equalsComplete: equals === undefined || equals.complete,
  };
}
export type FieldSelectorView = ReturnType<typeof readField>;

function readOnlyFilter(fields: readonly FieldSelectorView[]): 'read' | 'write' | 'both' | undefined {
  let keep: 'read' | 'write' | 'both' = 'both';
  for (const fs of fields.filter((f) => f.field === 'readOnly')) {
    if (fs.nonEquals.length > 0 || !fs.equalsComplete) return undefined;
    const lower = new Set(fs.equals.map((v) => v.toLowerCase()));
    if (lower.size !== 1) continue;
    if (!lower.has('true') && !lower.has('false')) return undefined;
    const only = lower.has('true') ? 'read' : 'write';
    if (keep !== 'both' && keep !== only) return undefined;
    keep = only;
  }
  return keep;
}

/** The field selectors of a selector with this field name. */
export function fieldsNamed(selector: AdvancedSelectorView, name: string): FieldSelectorView[] {
  return selector.fields.filter((f) => f.field === name);
}
