import * as fc from 'fast-check';
import { account, ACCOUNTS, region } from './values';

/*
 * Where a resource a construct is given comes from: made by this library in the same stack, made in a second stack
 * of the same app (a cross-stack reference), or imported by ARN from any account and Region (a log-archive account's
 * bucket, a security account's key or topic). The builder makes each one; the model knows which are valid where.
 */
export type RefSpec =
  | { readonly from: 'here' }
  | { readonly from: 'otherStack' }
  | { readonly from: 'arn'; readonly account: string; readonly region: string };

export const ref: fc.Arbitrary<RefSpec> = fc.oneof(
  { arbitrary: fc.constant<RefSpec>({ from: 'here' }), weight: 2 },
  { arbitrary: fc.constant<RefSpec>({ from: 'otherStack' }), weight: 1 },
  { arbitrary: fc.record({ from: fc.constant<'arn'>('arn'), account, region }), weight: 2 },
);

/** An imported resource of the stack's own account and Region (or any, for an environment-agnostic stack). */
export const localArn: fc.Arbitrary<RefSpec> = fc.constant({ from: 'arn', account: ACCOUNTS[0], region: 'us-east-1' });
