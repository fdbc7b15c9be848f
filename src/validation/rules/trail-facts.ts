import { TrailRuleSeverity } from '../rule-info';
import { isUnknown } from '../values';
import { Rule, RuleFinding } from './rule';

/*
 * What a construct given a trail reads from it (ITrail.organizationId) and may also be given explicitly: the two must
 * agree, or the construct would build for a layout or an organization the trail does not write.
 */

/** A value given beside a trail that differs from the trail's own, when both are known. */
function differsFromTrail(at: string, given: unknown, trails: unknown, what: string, trailPath: string): RuleFinding[] {
  if (typeof given !== 'string' || typeof trails !== 'string') return [];
  if (isUnknown(given) || isUnknown(trails) || given === trails) return [];
  return [{ at, value: given, problem: `is not ${what} '${trails}' of the trail ${trailPath}` }];
}

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
    return differsFromTrail('organizationId', organizationId, trailOrganizationId, `the organization`, trailPath);
  },
};

/** An S3 key prefix given to a construct beside the trail it reads one from. */
export interface TrailKeyPrefixInput {
  /** The prefix given explicitly. */
  readonly s3KeyPrefix?: string;
  /** The path of the trail. */
  readonly trailPath: string;
  /** The trail's `s3KeyPrefix`, when it has one. */
  readonly trailKeyPrefix?: string;
}

export const TRAIL_S3_KEY_PREFIX: Rule<TrailKeyPrefixInput> = {
  id: 'TRAIL_S3_KEY_PREFIX',
  resourceType: '-',
  constraint:
    "An S3 key prefix given beside a trail is the trail's own: CloudTrail writes only under <prefix>/AWSLogs/, and " +
    'checks at CreateTrail that the bucket policy lets it write there (InsufficientS3BucketPolicyException).',
  source:
    'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail (the Resource names the prefix) / ' +
    'This library: ITrail.s3KeyPrefix',
  cfnProperty: '-',
  prop: 's3KeyPrefix',
  fix: "leave s3KeyPrefix out: it is read from the trail's s3KeyPrefix",
  severity: TrailRuleSeverity.ERROR,
  check: ({ s3KeyPrefix, trailPath, trailKeyPrefix }) =>
    differsFromTrail('s3KeyPrefix', s3KeyPrefix, trailKeyPrefix, 'the prefix', trailPath),
};

export const TRAIL_FACT_RULES = [TRAIL_ORGANIZATION_ID, TRAIL_S3_KEY_PREFIX] as const;
