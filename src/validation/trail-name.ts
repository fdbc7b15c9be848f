import { TRAIL_RULES } from './rules-trail';

/** Why CloudTrail would reject a trail name: the trail-name rules, run on the name alone. */
export function trailNameProblems(name: string): string[] {
  return TRAIL_RULES
    .filter((rule) => rule.cfnProperty === 'TrailName' && rule.id !== 'TRAIL_NAME_NOT_ARN')
    .flatMap((rule) => rule.check({ TrailName: name }, {}))
    .map((finding) => finding.problem);
}
