import { Token } from 'aws-cdk-lib';

/*
 * Values of the guardrail props that AWS Organizations would reject, checked at synth. Patterns from the
 * Organizations API reference (AttachPolicy TargetId, Organization Id) and IAM (role and user ARNs).
 */

/** The regular expressions of `ArnLike`'s wildcards. */
const ARN_LIKE_WILDCARDS: ReadonlyMap<string, string> = new Map([
  ['*', '.*'],
  ['?', '.'],
]);

/** Whether a literal ARN matches an `ArnLike` pattern (`*` any characters, `?` one). */
export function arnLike(pattern: string, arn: string): boolean {
  const regex = pattern
    .split('')
    .map((c) => ARN_LIKE_WILDCARDS.get(c) ?? c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${regex}$`).test(arn);
}

/** True for two literal values that are equal. */
export function sameLiteral(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && !Token.isUnresolved(a) && !Token.isUnresolved(b) && a === b;
}
