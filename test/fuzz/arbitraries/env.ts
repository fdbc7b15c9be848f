import * as fc from 'fast-check';
import { account, region } from './values';

/*
 * The environment of a generated app's stacks: concrete (any of three accounts, five Regions over three partitions)
 * or environment-agnostic (account and Region are deploy-time tokens, which every ARN this library writes must
 * survive). A second stack, when a configuration has one, shares the first one's environment: cross-stack references
 * between environments are aws-cdk-lib's to refuse, not this library's.
 */
export type EnvSpec =
  { readonly agnostic: true } | { readonly agnostic: false; readonly account: string; readonly region: string };

export const env: fc.Arbitrary<EnvSpec> = fc.oneof(
  { arbitrary: fc.constant<EnvSpec>({ agnostic: true }), weight: 1 },
  { arbitrary: fc.record({ agnostic: fc.constant<false>(false), account, region }), weight: 3 },
);
