import { TrailRuleInfo, TrailRuleSeverity } from '../rule-info';
import { RuleFinding } from './rule';

/**
 * A trail as the checks across trails see it: path, stack, concrete account and Region, literal name, names made from
 * it.
 */
export type AppTrail = Readonly<{
  path: string;
  stack: string;
  name?: string;
  multiRegion: boolean;
  derived: readonly string[];
}> &
  Readonly<{ account?: string; region?: string }>;

/** A constraint across the trails of an app, each finding with where it applies; `warn` when only likely. */
export interface AppRule extends TrailRuleInfo {
  check(trails: readonly AppTrail[]): Array<RuleFinding & { where: string; warn?: boolean }>;
}

const QUOTA = 5;
const home = (t: AppTrail) =>
  t.account && t.region ? `account ${t.account} Region ${t.region}` : `stack ${t.stack} (env-agnostic)`;
const paths = (ts: readonly AppTrail[]) => ts.map((t) => t.path).join(', ');

/**
 * The trails sharing a key `<place>\n<what>`, in app order. A multi-Region trail is in every Region its account has
 * trails in.
 */
function groups(
  trails: readonly AppTrail[],
  whats: (t: AppTrail, places: string[]) => string[],
): Array<[string, string, AppTrail[]]> {
  const regions = new Map<string, Set<string>>();
  for (const { account, region } of trails) {
    if (account && region) regions.set(account, (regions.get(account) ?? new Set()).add(region));
  }
  const byKey = new Map<string, Set<AppTrail>>();
  for (const t of trails) {
    const places =
      !t.account || !t.region || !t.multiRegion
        ? [home(t)]
        : [...regions.get(t.account)!].map((r) => `account ${t.account} Region ${r}`);
    for (const key of whats(t, places)) byKey.set(key, (byKey.get(key) ?? new Set()).add(t));
  }
  return [...byKey].map(([key, set]) => [...key.split('\n'), [...set]] as [string, string, AppTrail[]]);
}

export const APP_RULES: AppRule[] = [
  {
    id: 'TRAILS_PER_REGION',
    constraint:
      'An account has at most 5 trails per Region, a multi-Region trail counting in every Region; the quota cannot be increased.',
    source: 'CloudTrail User Guide WhatIsCloudTrail-Limits, MaximumNumberOfTrailsExceededException',
    cfnProperty: '-',
    prop: '-',
    fix: 'use fewer trails in this account and Region: one trail can log several selectors, Regions (multi-Region) and the organization',
    severity: TrailRuleSeverity.ERROR,
    check(trails) {
      const found = groups(trails, (_, places) => places.map((p) => `${p}\n`))
        .filter(([, , ts]) => ts.length > QUOTA)
        .map(([where, , ts]) => ({
          where,
          problem: `this app defines ${ts.length} trails there (${paths(ts)}); CloudTrail allows ${QUOTA} per account and Region and fails the sixth`,
        }));
      // Env-agnostic stacks are often deployed to one account and Region: more than 5 trails across them likely fail.
      const agnostic = trails.filter((t) => !t.account || !t.region);
      return found.length > 0 || agnostic.length <= QUOTA
        ? found
        : [
            {
              where: 'env-agnostic stacks',
              warn: true,
              problem:
                `this app defines ${agnostic.length} trails in stacks without a concrete account and Region (${paths(agnostic)}), ` +
                `over the ${QUOTA} one account and Region allows`,
              fix: 'give the stacks an env, or deploy at most 5 of these trails to one account and Region',
            },
          ];
    },
  },
  {
    id: 'TRAIL_NAMES_UNIQUE',
    constraint:
      "A trail name is unique in its account and Region (a multi-Region trail's in every Region), and so are the KMS alias and SNS topic " +
      "names a SecureTrail derives from it ('.' as '-').",
    source:
      'CloudTrail API CreateTrail Name, TrailAlreadyExistsException / KMS API CreateAlias AliasName / SNS API CreateTopic Name',
    cfnProperty: 'TrailName',
    prop: 'trailName',
    fix: "give each trail its own trailName, one that differs from the others after '.' becomes '-' (or pass encryptionKey and snsTopic)",
    severity: TrailRuleSeverity.ERROR,
    check(trails) {
      const reported = new Set<string>();
      // The name counts in every Region of a multi-Region trail; an alias and a topic in the trail's own Region.
      return groups(trails, (t, places) => [
        ...(t.name ? places.map((p) => `${p}\ntrail name '${t.name}'`) : []),
        ...t.derived.map((d) => `${home(t)}\n${d}`),
      ])
        .map(([where, what, [first, ...rest]]) => ({
          where,
          what,
          first,
          others: what.startsWith('trail name') ? rest : rest.filter((t) => t.name !== first.name),
        }))
        .filter(
          ({ what, first, others }) =>
            others.length > 0 && !reported.has(`${first.path}\n${what}`) && reported.add(`${first.path}\n${what}`),
        )
        .map(({ where, what, first, others }) => ({
          where: first.path,
          value: first.name,
          problem:
            `gives the ${what}, as ${others.map((t) => `${t.path} ('${t.name}')`).join(', ')} does, in ${where}; ` +
            'the second fails to create (TrailAlreadyExistsException or AlreadyExistsException)',
        }));
    },
  },
];
