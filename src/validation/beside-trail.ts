import { IConstruct } from 'constructs';
import { checkProps } from './report';
import { ITrail } from '../interfaces/itrail';
import { TRAIL_ORGANIZATION_ID, TRAIL_S3_KEY_PREFIX } from './rules/trail-facts';

/** What a construct given a trail may also be given explicitly, which must then be the trail's own. */
export interface BesideTrail {
  readonly organizationId?: string;
  readonly s3KeyPrefix?: string;
}

/**
 * Checks the values given beside a trail against the trail's own (TRAIL_ORGANIZATION_ID, TRAIL_S3_KEY_PREFIX), reported
 * at synth with the app's other errors; says whether they agree. `accountTrailRefused`: an organization id beside an
 * account trail is refused too, where it would widen what is made (a bucket policy or a role's log streams).
 */
export function checkBesideTrail(
  scope: IConstruct,
  trail: ITrail,
  given: BesideTrail,
  accountTrailRefused: boolean = false,
): boolean {
  const trailPath = trail.node.path;
  const organizationOk = checkProps(scope, [TRAIL_ORGANIZATION_ID], {
    organizationId: given.organizationId ?? undefined,
    trailPath,
    trailOrganizationId: trail.organizationId ?? undefined,
    trailIsOrganizationTrail: accountTrailRefused ? (trail.isOrganizationTrail ?? undefined) : undefined,
  });
  const prefixOk = checkProps(scope, [TRAIL_S3_KEY_PREFIX], {
    s3KeyPrefix: given.s3KeyPrefix ?? undefined,
    trailPath,
    trailKeyPrefix: trail.s3KeyPrefix ?? undefined,
  });
  return organizationOk && prefixOk;
}
