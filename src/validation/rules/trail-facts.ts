import { TrailRuleSeverity } from '../rule-info';
import { isUnknown } from '../values';
import { Rule } from './rule';

/*
 * What a construct given a trail reads from it (ITrail.organizationId) and may also be given explicitly: the two must
 * agree, or the construct would build for a layout or an organization the trail does not write.
 */

/** An organization id given to a construct beside the trail it reads one from. */
export interface TrailOrganizationInput {
  /** The organization id given explicitly. */
  readonly organizationId?: string;
  /** The path of the trail. */
  readonly trailPath: string;
  /** The trail's `organizationId`, when it knows one. */
  readonly trailOrganizationId?: string;
  /**
   * The trail's `isOrganizationTrail`, given only where an organization id beside an account trail would widen what is
   * made (a bucket policy opening `AWSLogs/<organization id>/` to a trail that never writes there).
   */
  readonly trailIsOrganizationTrail?: boolean;
}

export const TRAIL_ORGANIZATION_ID: Rule<TrailOrganizationInput> = {
  id: 'TRAIL_ORGANIZATION_ID',
  resourceType: '-',
  constraint:
    "An organization id given beside a trail is the trail's own: an organization trail writes under [prefix/]AWSLogs/<its " +
    'organization id>/, and its guardrails and bucket policy name that organization.',
  source:
    'CloudTrail User Guide creating-trail-organization (log files of member accounts under AWSLogs/<organization id>/) / ' +
    'This library: ITrail.organizationId',
  cfnProperty: '-',
  prop: 'organizationId',
  fix: "leave organizationId out: it is read from the trail's organizationId",
  severity: TrailRuleSeverity.ERROR,
  check: ({ organizationId, trailPath, trailOrganizationId, trailIsOrganizationTrail }) => {
    if (typeof organizationId === 'string' && !isUnknown(organizationId) && trailIsOrganizationTrail === false) {
      return [{ at: 'organizationId', value: organizationId, problem: `is given for ${trailPath}, an account trail` }];
    }
    if (typeof organizationId !== 'string' || typeof trailOrganizationId !== 'string') return [];
    if (isUnknown(organizationId) || isUnknown(trailOrganizationId) || organizationId === trailOrganizationId) {
      return [];
    }
    return [
      {
        at: 'organizationId',
        value: organizationId,
        problem: `is not the organization '${trailOrganizationId}' of the trail ${trailPath}`,
      },
    ];
  },
};

export const TRAIL_FACT_RULES = [TRAIL_ORGANIZATION_ID] as const;
