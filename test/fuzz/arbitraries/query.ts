import * as fc from 'fast-check';
import { organizationId } from './trail';
import { account, days, maybeToken, nameChars, Opt, optional, region, StrSpec, strOrToken } from './values';

/*
 * TrailLogTable (over the app's SecureTrail, a TrailBucket made here, or an imported bucket), with a
 * TrailQueryWorkGroup over it and, sometimes, TrailInvestigations saved in that workgroup.
 */
export interface QuerySpec {
  readonly source: 'secureTrail' | 'trailBucket' | 'importedBucket' | 'importedTrail';
  /** With a bucket: the key prefix and key the trail writes with (a token prefix sometimes). */
  readonly s3KeyPrefix: Opt<StrSpec>;
  readonly withKey: boolean;
  readonly organizationId: Opt<string>;
  readonly accounts: Opt<string[]>;
  readonly regions: Opt<string[]>;
  readonly logsSince: Opt<string>;
  readonly databaseName: Opt<string>;
  readonly tableName: Opt<string>;
  readonly workGroup: Opt<{
    readonly workGroupName: Opt<string>;
    readonly cutoffMegabytes: Opt<number>;
    readonly resultsExpirationDays: Opt<number>;
    readonly investigations: boolean;
  }>;
}

export const query: fc.Arbitrary<QuerySpec> = fc.record({
  source: fc.constantFrom<QuerySpec['source']>('secureTrail', 'trailBucket', 'importedBucket', 'importedTrail'),
  s3KeyPrefix: optional(strOrToken(fc.constantFrom('org', 'audit/logs', '/bad'))),
  withKey: fc.boolean(),
  organizationId: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: organizationId, weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  ),
  accounts: optional(
    fc.uniqueArray(fc.oneof({ arbitrary: account, weight: 5 }, { arbitrary: fc.constant('12'), weight: 1 }), {
      maxLength: 2,
    }),
  ),
  regions: optional(
    fc.uniqueArray(fc.oneof({ arbitrary: region, weight: 5 }, { arbitrary: fc.constant('mars-1'), weight: 1 }), {
      maxLength: 2,
    }),
  ),
  logsSince: optional(
    maybeToken(
      fc.oneof(
        { arbitrary: fc.constantFrom('2024/01/01', '2026/12/07'), weight: 3 },
        { arbitrary: fc.constantFrom('2024-01-01', 'yesterday'), weight: 1 },
      ),
    ),
  ),
  databaseName: optional(
    maybeToken(
      fc.oneof(
        { arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), weight: 4 },
        { arbitrary: fc.constantFrom('Has-Dash', ''), weight: 1 },
      ),
    ),
  ),
  tableName: optional(
    maybeToken(
      fc.oneof(
        { arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), weight: 4 },
        { arbitrary: fc.constantFrom('bad table', ''), weight: 1 },
      ),
    ),
  ),
  workGroup: optional(
    fc.record({
      workGroupName: optional(
        maybeToken(
          fc.oneof(
            { arbitrary: nameChars(1, 30, 'abcXYZ019._-'), weight: 4 },
            { arbitrary: fc.constantFrom('', 'w'.repeat(129), 'bad name!'), weight: 1 },
          ),
        ),
      ),
      cutoffMegabytes: optional(
        fc.oneof(
          { arbitrary: fc.integer({ min: 10, max: 1_000_000 }), weight: 4 },
          {
            arbitrary: fc.constantFrom(0, 1, 9),
            weight: 1,
          },
        ),
      ),
      resultsExpirationDays: optional(days),
      investigations: fc.boolean(),
    }),
  ),
});
