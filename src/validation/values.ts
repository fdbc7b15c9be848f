import { Token } from 'aws-cdk-lib';
import { isIntrinsic } from '../private/intrinsics';

/*
 * Readers over resolved CloudFormation values, for the one place that reads a trail's template properties (./view.ts).
 * A raw CfnTrail may hold anything there: a list may be an intrinsic, a string a number.
 */

/** True for a CloudFormation intrinsic (`{ Ref }`, `{ 'Fn::...' }`) or a CDK token: a value not known at synth. */
export function isUnknown(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === 'boolean') return false;
  if (typeof value === 'object' && !Array.isArray(value)) {
    return isIntrinsic(value) || typeof (value as { resolve?: unknown }).resolve === 'function';
  }
  try {
    return Token.isUnresolved(value);
  } catch {
    // A list whose items cannot even be turned into text (a null-prototype object) holds no token CDK made.
    return false;
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
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A list known at synth, without holes, or undefined (absent, an intrinsic, a list token, anything else). */
export function asList(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) && !isUnknown(value) ? Array.from(value) : undefined;
}

/** A literal string (not a token), or undefined. */
export function asLiteral(value: unknown): string | undefined {
  return typeof value === 'string' && !isUnknown(value) ? value : undefined;
}

/** A boolean as CloudFormation reads it (`true`, `'true'`, `'false'`, ...), or undefined when not known. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = asLiteral(value)?.toLowerCase();
  if (text === 'true') return true;
  return text === 'false' ? false : undefined;
}

/** A number, or a literal string read as one (NaN when it is not a number); undefined when not known. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return asLiteral(value) === undefined ? undefined : Number(value);
}

/** False for an item that may not be there: absent, null, or decided by `Fn::If`. */
export function isPresent(item: unknown): boolean {
  return (
    item !== null &&
    item !== undefined &&
    !(typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, 'Fn::If'))
  );
}

/** How many items of a list are certainly there; 0 for anything that is not a known list. */
export function countPresent(value: unknown): number {
  return (asList(value) ?? []).filter(isPresent).length;
}

/** A plain-text rendering of any value for messages; never throws. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** Shortens text for a message, keeping its start, with an ellipsis. */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
