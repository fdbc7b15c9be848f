import { ACCOUNT, PARTITION, REGION } from '../arn';
import { TrailRuleSeverity } from '../rule-info';
import { isUnknown } from '../values';
import { Rule } from './rule';
import { trailNameProblems } from './trail';

/*
 * What an imported trail is known by: a trail ARN (fromTrailArn, fromTrailAttributes) or a trail name (fromTrailName).
 * CloudTrail's rules for names apply; an ARN names its partition, Region, account and trail.
 */

const TRAIL_ARN_FORM = 'arn:<partition>:cloudtrail:<region>:<account>:trail/<name>';
const NAME_FORM =
  "a trail name is 3 to 128 ASCII letters, digits, '.', '_' and '-', starts and ends with a letter or digit, has no two of " +
  "'.', '_', '-' in a row and is not an IP address";

/** What is wrong with a literal trail ARN, or undefined. */
export function trailArnProblem(trailArn: string): string | undefined {
  const [arn, partition, service, region, account, resource, ...rest] = String(trailArn).split(':');
  if (arn !== 'arn' || resource === undefined || rest.length > 0) {
    return "does not have the six ':'-separated parts of an ARN";
  }
  if (!PARTITION.test(partition)) return `has partition '${partition}', not one such as 'aws' or 'aws-cn'`;
  if (service !== 'cloudtrail') return `is an ARN of service '${service}', not 'cloudtrail'`;
  if (!REGION.test(region)) return `has Region '${region}', not one such as 'us-east-1'`;
  if (!ACCOUNT.test(account)) return `has account '${account}', not a 12-digit account id`;
  if (!resource.startsWith('trail/')) return `has resource '${resource}', not 'trail/<name>'`;
  const name = resource.slice('trail/'.length);
  return (
    trailNameProblems(name)
      .map((p) => `has trail name '${name}', which ${p}`)
      .join('; ') || undefined
  );
}

export const IMPORTED_TRAIL_ARN: Rule<{ readonly trailArn: unknown }> = {
  id: 'IMPORTED_TRAIL_ARN',
  constraint: `A trail is imported by its ARN: ${TRAIL_ARN_FORM}, with a valid trail name.`,
  source:
    'CloudTrail API Trail.TrailARN / CloudTrailARNInvalidException / User Guide cloudtrail-trail-naming-requirements',
  cfnProperty: '-',
  prop: 'trailArn',
  fix: `give the trail's ARN, ${TRAIL_ARN_FORM}, e.g. 'arn:aws:cloudtrail:us-east-1:111122223333:trail/my-trail'`,
  severity: TrailRuleSeverity.ERROR,
  check: ({ trailArn }) => {
    if (typeof trailArn !== 'string') return [{ value: String(trailArn), problem: 'is not a trail ARN' }];
    if (isUnknown(trailArn)) return [];
    const problem = trailArnProblem(trailArn);
    return problem === undefined ? [] : [{ value: trailArn, problem }];
  },
};

export const IMPORTED_TRAIL_NAME: Rule<{ readonly trailName: unknown }> = {
  id: 'IMPORTED_TRAIL_NAME',
  constraint: `A trail imported by name has a name CloudTrail accepts: ${NAME_FORM}.`,
  source: 'CloudTrail User Guide cloudtrail-trail-naming-requirements / InvalidTrailNameException',
  cfnProperty: '-',
  prop: 'trailName',
  fix: `give the trail's name (${NAME_FORM}); import a trail by ARN with fromTrailArn`,
  severity: TrailRuleSeverity.ERROR,
  check: ({ trailName }) => {
    if (isUnknown(trailName)) return [];
    if (typeof trailName !== 'string') return [{ value: String(trailName), problem: 'is not a trail name' }];
    if (trailName.startsWith('arn:')) {
      return [{ value: trailName, problem: 'is an ARN, not a name', fix: 'import it with fromTrailArn instead' }];
    }
    const problems = trailNameProblems(trailName);
    return problems.length === 0
      ? []
      : [{ value: trailName, problem: `is not a valid trail name: it ${problems.join('; it ')}` }];
  },
};

/** What grantReadLogs needs: the imported trail's bucket. */
export const GRANT_READ_LOGS_BUCKET: Rule<{ readonly bucketKnown: boolean }> = {
  id: 'GRANT_READ_LOGS_BUCKET',
  constraint:
    "grantReadLogs grants on the trail's log bucket (and key): a trail imported without them has nothing to grant on.",
  source: 'This library: TrailBase.grantReadLogs (S3 and KMS permissions are granted on the bucket and key ARNs)',
  cfnProperty: '-',
  prop: 'grantReadLogs()',
  fix:
    'import the trail with SecureTrail.fromTrailAttributes(scope, id, { trailArn, bucket, encryptionKey }) (encryptionKey when the log files are ' +
    'encrypted with KMS)',
  severity: TrailRuleSeverity.ERROR,
  check: ({ bucketKnown }) =>
    bucketKnown ? [] : [{ problem: "needs the trail's log bucket, and this trail was imported without it" }],
};

/** What an imported trail says of its organization, consistent with itself. */
export const IMPORTED_TRAIL_ORGANIZATION: Rule<{
  readonly isOrganizationTrail?: boolean;
  readonly organizationId?: string;
}> = {
  id: 'IMPORTED_TRAIL_ORGANIZATION',
  constraint:
    'Only an organization trail has an organization id: an account trail writes under AWSLogs/<account>/ only.',
  source: 'CloudTrail User Guide creating-trail-organization / This library: TrailAttributes',
  cfnProperty: '-',
  prop: 'organizationId',
  fix: 'leave organizationId out for an account trail, or leave isOrganizationTrail out (true with organizationId)',
  severity: TrailRuleSeverity.ERROR,
  check: ({ isOrganizationTrail, organizationId }) =>
    isOrganizationTrail === false && organizationId !== undefined
      ? [{ value: organizationId, problem: 'is given, but isOrganizationTrail is false' }]
      : [],
};

export const IMPORTED_TRAIL_RULES = [
  IMPORTED_TRAIL_ARN,
  IMPORTED_TRAIL_NAME,
  GRANT_READ_LOGS_BUCKET,
  IMPORTED_TRAIL_ORGANIZATION,
] as const;
