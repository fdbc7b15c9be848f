import { TrailRuleSeverity } from '../rule-info';
import { Rule } from './rule';

/*
 * Rules over the app as a whole, checked once per app (../app-checks.ts registers them).
 */

const PREFIX = 'cdk-cloudtrail-kit';

/**
 * The nearest known ids to a mistyped one: the same letters ignoring case and separators, else the longest shared
 * start.
 */
function closest(id: string, known: readonly string[]): string[] {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const wanted = squash(id);
  const shared = (k: string) => {
    const other = squash(k);
    let n = 0;
    while (n < wanted.length && n < other.length && wanted[n] === other[n]) n++;
    return other === wanted ? Infinity : n;
  };
  const best = Math.max(0, ...known.map(shared));
  return best < 4 ? [] : known.filter((k) => shared(k) === best).slice(0, 3);
}

/** What one construct acknowledges under this library's prefix (the id after it), and every id a warning can carry. */
export interface Acknowledgements {
  readonly acknowledged: readonly string[];
  readonly known: readonly string[];
}

export const UNKNOWN_ACKNOWLEDGEMENT: Rule<Acknowledgements> = {
  id: 'UNKNOWN_ACKNOWLEDGEMENT',
  resourceType: '-',
  constraint: `An acknowledgement of '${PREFIX}:<id>' names a warning this library emits; otherwise it acknowledges nothing.`,
  source:
    "aws-cdk-lib Validations.acknowledge (an acknowledgement matches a warning id exactly); this library's rule ids and warning registry",
  cfnProperty: '-',
  prop: '-',
  fix: 'acknowledge the id the warning shows in its message, or remove the acknowledgement',
  severity: TrailRuleSeverity.WARNING,
  check: ({ acknowledged, known }) => {
    const lower = new Set(known.map((k) => k.toLowerCase()));
    return acknowledged
      .filter((id) => !lower.has(id.toLowerCase()))
      .map((id) => {
        const near = closest(id, known);
        return {
          value: `${PREFIX}:${id}`,
          problem: 'is acknowledged, but this library emits no warning with that id, so it acknowledges nothing',
          fix:
            near.length > 0
              ? `acknowledge ${near.map((n) => `'${PREFIX}:${n}'`).join(' or ')} if that is the warning meant, or remove it`
              : undefined,
        };
      });
  },
};

/**
 * Whether a trail is an organization trail (its final IsOrganizationTrail), and whether the app sets up the
 * prerequisites.
 */
export interface OrganizationTrailSetup {
  readonly organizationTrail: boolean;
  readonly prerequisitesInApp: boolean;
}

export const ORGANIZATION_TRAIL_PREREQUISITES: Rule<OrganizationTrailSetup> = {
  id: 'ORGANIZATION_TRAIL_PREREQUISITES',
  constraint:
    'An organization trail needs all features, trusted access for CloudTrail and its service-linked role in the management ' +
    'account, and, made from a delegated administrator, that registration.',
  source:
    'CloudTrail User Guide creating-trail-organization / CreateTrail errors CloudTrailAccessNotEnabledException, ' +
    'NoManagementAccountSLRExistsException, OrganizationNotInAllFeaturesModeException',
  cfnProperty: 'IsOrganizationTrail',
  prop: 'organizationId',
  fix:
    "add an OrganizationTrailPrerequisites to the management account's stack of this app, or, if another app or a landing zone " +
    `already set them up, acknowledge '${PREFIX}:ORGANIZATION_TRAIL_PREREQUISITES'`,
  severity: TrailRuleSeverity.WARNING,
  check: ({ organizationTrail, prerequisitesInApp }) =>
    organizationTrail && !prerequisitesInApp
      ? [
          {
            value: true,
            problem:
              'makes an organization trail, but this app sets up none of its prerequisites (OrganizationTrailPrerequisites); without them ' +
              'CloudTrail refuses to create it',
          },
        ]
      : [],
};

export const APP_WIDE_RULES = [UNKNOWN_ACKNOWLEDGEMENT, ORGANIZATION_TRAIL_PREREQUISITES] as const;
