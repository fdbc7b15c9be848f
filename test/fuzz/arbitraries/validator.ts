import * as fc from 'fast-check';
import { trailNameProblem } from './trail';
import { nameChars, Opt, optional } from './values';

/*
 * aws-cdk-lib's own cloudtrail.Trail with the TrailValidator aspect on the app: the validator must report invalid
 * props as this library's errors, and never crash on what aws-cdk-lib lets a user write (tokens, null, selectors).
 */
export interface PlainTrailSpec {
  readonly trailName: Opt<string>;
  readonly isMultiRegionTrail: Opt<boolean>;
  readonly includeGlobalServiceEvents: Opt<boolean>;
  readonly sendToCloudWatchLogs: Opt<boolean>;
  readonly s3DataEvents: boolean;
  readonly insight: boolean;
  readonly snsTopic: boolean;
  readonly kmsAlias: Opt<string>;
}
export const plainTrail: fc.Arbitrary<PlainTrailSpec> = fc.record({
  trailName: optional(
    fc.oneof(
      { arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{2,20}[a-z0-9]$/).filter((n) => !n.includes('--')), weight: 3 },
      { arbitrary: nameChars(0, 6), weight: 1 },
    ),
  ),
  isMultiRegionTrail: optional(fc.boolean()),
  includeGlobalServiceEvents: optional(fc.boolean()),
  sendToCloudWatchLogs: optional(fc.boolean()),
  s3DataEvents: fc.boolean(),
  insight: fc.boolean(),
  snsTopic: fc.boolean(),
  kmsAlias: optional(fc.constantFrom('alias/trail-key', 'alias/aws/s3')),
});

export function plainTrailProblems(t: PlainTrailSpec): string[] {
  const problems: string[] = [];
  if (typeof t.trailName === 'string') {
    const p = trailNameProblem(t.trailName);
    if (p) problems.push(p);
  }
  if (t.isMultiRegionTrail !== false && t.includeGlobalServiceEvents === false) {
    problems.push('multi-Region without global service events');
  }
  if (t.kmsAlias === 'alias/aws/s3') problems.push('AWS managed key alias');
  return problems;
}
