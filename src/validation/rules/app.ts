import { TrailRuleInfo, TrailRuleSeverity } from '../rule-info';
import { RuleFinding } from './rule';

/** A trail of the app as the checks across trails see it: the path users know it by, its stack's account and Region when concrete. */
export type AppTrail = { readonly path: string; readonly account?: string; readonly region?: string };

/**
 * A constraint across the trails of an app: checked once per synth, reported once, each finding with where it applies
 * (e.g. `account 111111111111 Region us-east-1`).
 */
export interface AppRule extends TrailRuleInfo {
  check(trails: readonly AppTrail[]): Array<RuleFinding & { where: string }>;
}

const QUOTA = 5;

export const APP_RULES: AppRule[] = [
  {
    id: 'TRAILS_PER_REGION',
    constraint: 'An account has at most 5 trails per Region; the quota cannot be increased.',
    source: 'CloudTrail User Guide WhatIsCloudTrail-Limits, MaximumNumberOfTrailsExceededException',
    cfnProperty: '-',
    prop: '-',
    fix: 'use fewer trails in this account and Region: one trail can log several selectors, Regions (multi-Region) and the organization',
    severity: TrailRuleSeverity.ERROR,
    check(trails) {
      const byEnv = new Map<string, string[]>();
      for (const trail of trails) {
        if (trail.account === undefined || trail.region === undefined) continue;
        const where = `account ${trail.account} Region ${trail.region}`;
        byEnv.set(where, [...byEnv.get(where) ?? [], trail.path]);
      }
      return [...byEnv].filter(([, paths]) => paths.length > QUOTA).map(([where, paths]) => ({
        where,
        problem: `this app defines ${paths.length} trails there (${paths.join(', ')}); `
          + `CloudTrail allows ${QUOTA} per account and Region and fails the sixth with MaximumNumberOfTrailsExceededException`,
      }));
    },
  },
];
