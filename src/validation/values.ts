import { Token } from 'aws-cdk-lib';

/**
 * Safe readers over resolved CloudFormation values. Rules run on whatever the template holds (and, in
 * tests, on anything at all), so none of these ever throws, coerces an object to a string, or trusts a
 * prototype.
 */

/** True for a CloudFormation intrinsic (`{ Ref }`, `{ 'Fn::...' }`) or a CDK token: a value not known at synth. */
export function isUnknown(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return mayHoldToken(value) && unresolved(value);
  if (typeof value === 'boolean') return false;
  if (typeof value === 'number') return unresolved(value);
  // aws-cdk-lib encodes a list token as a one-item array holding a marked string.
  if (Array.isArray(value)) return value.length === 1 && typeof value[0] === 'string' && mayHoldToken(value[0]) && unresolved(value);
  if (typeof value === 'object') {
    if (typeof (value as { resolve?: unknown }).resolve === 'function') return true;
    return isIntrinsic(value);
  }
  return unresolved(value);
}

/** True for an object with exactly one own key, `Ref` or `Fn::...`; stops at the second key, as rules ask this a lot. */
export function isIntrinsic(value: object): boolean {
  let only: string | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (only !== undefined) return false;
    only = key;
  }
  return only !== undefined && (only === 'Ref' || only.startsWith('Fn::'));
}

/**
 * False when a string certainly holds no encoded CDK token: every encoding has `Token[` or the `e+289` of a
 * number token. Resolved template strings never do, so the costly token scan is skipped for them.
 */
export function mayHoldToken(value: string): boolean {
  // A one-character search first: most strings (ARNs, names) have neither '[' nor '+'.
  return (value.includes('[') && value.includes('Token[')) || (value.includes('+') && value.includes('e+289'));
}

function unresolved(value: unknown): boolean {
  try {
    return Token.isUnresolved(value);
  } catch {
    return true;
  }
}

/** A plain object that is not an intrinsic, or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isUnknown(value)) return undefined;
  return value as Record<string, unknown>;
}

/** The own property `key` of a plain object; undefined for anything else. */
export function field(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
  // An object holding `key` can only be an intrinsic when `key` is its single intrinsic key: skip the key scan
  // otherwise. A CDK token object's own fields are camelCase, never the PascalCase keys rules read.
  if ((key === 'Ref' || key.startsWith('Fn::')) && isIntrinsic(value)) return undefined;
  return (value as Record<string, unknown>)[key];
}

/** The argument of an intrinsic (`intrinsicArgument({ Ref: 'X' }, 'Ref')` is `'X'`), or undefined. */
export function intrinsicArgument(value: unknown, fn: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, fn) ? (value as Record<string, unknown>)[fn] : undefined;
}

// Lists the resolver found to hold only plain strings (no tokens), booleans and nulls carry what it learnt while
// copying them, so rules need not walk their hundreds of items again. The mark is a hidden symbol on the resolver's
// own copy (a WeakSet entry cost more, once per list per synth).
const LITERAL = Symbol('cdk-cloudtrail-kit.literalList');

/** What the resolver learnt about a token-free list while copying it. */
export interface LiteralListFacts {
  /** Items that are not null. */
  readonly present: number;
  /** The length of the shortest string item (Infinity when there is none). */
  readonly shortest: number;
  /** The length of the longest string item (-1 when there is none). */
  readonly longest: number;
}

/**
 * A copy of `list`, marked as literal, when every item is a token-free string (with `scalars`, a boolean or null
 * too); undefined otherwise. One pass: the token check, the copy and the facts.
 */
export function literalCopy(list: readonly unknown[], scalars: boolean): unknown[] | undefined {
  const copy = new Array<unknown>(list.length);
  let present = 0;
  let shortest = Infinity;
  let longest = -1;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item === 'string') {
      if (mayHoldToken(item)) return undefined;
      if (item.length < shortest) shortest = item.length;
      if (item.length > longest) longest = item.length;
      present++;
    } else if (!scalars || (item !== null && typeof item !== 'boolean')) {
      return undefined;
    } else if (item !== null) {
      present++;
    }
    copy[i] = item;
  }
  const facts: LiteralListFacts = { present, shortest, longest };
  // Not enumerable, so deep comparisons and copies of the list do not see it.
  Object.defineProperty(copy, LITERAL, { value: facts });
  return copy;
}

/** The facts of a list `literalCopy` made, or undefined for any other value. */
export function literalFacts(value: unknown): LiteralListFacts | undefined {
  return Array.isArray(value) ? (value as unknown as Record<symbol, LiteralListFacts | undefined>)[LITERAL] : undefined;
}

/** True for a list `literalCopy` made. */
export function isLiteralList(value: unknown): value is readonly unknown[] {
  return literalFacts(value) !== undefined;
}

/** An array (its items may still be unknown), or undefined when absent or not known at synth. */
export function asList(value: unknown): readonly unknown[] | undefined {
  if (isLiteralList(value)) return value;
  if (!Array.isArray(value) || isUnknown(value)) return undefined;
  // A sparse array's holes become undefined items, so map and filter visit every item and skip none.
  return value.includes(undefined) ? Array.from(value) : value;
}

/**
 * How many items of a list are certainly present. `Fn::If` may yield `AWS::NoValue` and drop the item, so it is
 * not counted (a count is then a lower bound, which is what a maximum needs).
 */
export function countPresent(value: unknown): number {
  const facts = literalFacts(value);
  if (facts !== undefined) return facts.present;
  const list = asList(value);
  if (!list) return 0;
  let count = 0;
  for (const item of list) if (isPresent(item)) count++;
  return count;
}

/** False for an item that may not be there: absent, null, or decided by `Fn::If`. */
export function isPresent(item: unknown): boolean {
  return item !== null && item !== undefined && !isConditional(item);
}

function isConditional(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'Fn::If');
}

/** A literal string (not a token), or undefined. */
export function asLiteral(value: unknown): string | undefined {
  if (typeof value !== 'string' || isUnknown(value)) return undefined;
  return value;
}

/** A boolean as CloudFormation reads it (`true`, `'true'`, `'false'`, ...), or undefined when not known. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && !isUnknown(value)) {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** A plain-text rendering of any value for messages; never throws. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  try {
    const json = JSON.stringify(value);
    return json === undefined ? typeof value : json;
  } catch {
    return typeof value;
  }
}

/** Shortens text for a message, keeping its start, with an ellipsis. */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
