import { Token } from 'aws-cdk-lib';

/**
 * Safe readers over resolved CloudFormation values. Rules run on whatever the template holds (and, in
 * tests, on anything at all), so none of these ever throws, coerces an object to a string, or trusts a
 * prototype.
 */

/** True for a CloudFormation intrinsic (`{ Ref }`, `{ 'Fn::...' }`) or a CDK token: a value not known at synth. */
export function isUnknown(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return true;
  }
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
  const obj = asObject(value);
  if (!obj || !Object.prototype.hasOwnProperty.call(obj, key)) return undefined;
  return obj[key];
}

/** An array (its items may still be unknown), or undefined when absent or not known at synth. */
export function asList(value: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(value) || isUnknown(value)) return undefined;
  return value;
}

/**
 * The items of a list that are certainly present. `Fn::If` may yield `AWS::NoValue` and drop the item, so
 * it is left out of counts (a count is then a lower bound, which is what a maximum needs).
 */
export function presentItems(value: unknown): readonly unknown[] {
  const list = asList(value);
  if (!list) return [];
  return list.filter((item) => item !== null && item !== undefined && !isConditional(item));
}

function isConditional(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'Fn::If');
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
