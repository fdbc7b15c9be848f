import * as fc from 'fast-check';
import { nameChars, Opt, optional } from './values';

/*
 * What an app does with a trail after making or importing it: grants to a role, user or imported role, and an
 * EventBridge rule for its API calls (onCloudTrailEvent), on the app's SecureTrail or an imported trail.
 */
export type GrantKind =
  'readLogs' | 'readConfiguration' | 'lookupEvents' | 'startStopLogging' | 'manageTags' | 'listPublicKeys';
export interface UsesSpec {
  readonly on: 'secureTrail' | 'importedTrail';
  readonly grantee: 'role' | 'user' | 'importedRole';
  readonly grants: GrantKind[];
  readonly onEvent: Opt<{
    readonly services: Opt<string[]>;
    readonly eventNames: Opt<string[]>;
    readonly ruleName: Opt<string>;
  }>;
}
export const uses: fc.Arbitrary<UsesSpec> = fc.record({
  on: fc.constantFrom<'secureTrail' | 'importedTrail'>('secureTrail', 'importedTrail'),
  grantee: fc.constantFrom<'role' | 'user' | 'importedRole'>('role', 'user', 'importedRole'),
  grants: fc.uniqueArray(
    fc.constantFrom<GrantKind>(
      'readLogs',
      'readConfiguration',
      'lookupEvents',
      'startStopLogging',
      'manageTags',
      'listPublicKeys',
    ),
    { maxLength: 3 },
  ),
  onEvent: optional(
    fc.record({
      services: optional(
        fc.array(
          fc.oneof(
            {
              arbitrary: fc.constantFrom('s3.amazonaws.com', 'iam.amazonaws.com', 'cloudtrail.amazonaws.com'),
              weight: 4,
            },
            { arbitrary: fc.constantFrom('S3', 'not a service'), weight: 1 },
          ),
          { maxLength: 2 },
        ),
      ),
      eventNames: optional(fc.array(fc.constantFrom('PutObject', 'StopLogging', 'DeleteTrail'), { maxLength: 2 })),
      ruleName: optional(
        fc.oneof(
          { arbitrary: nameChars(1, 30), weight: 4 },
          { arbitrary: fc.constantFrom('', 'r'.repeat(65), 'bad name'), weight: 1 },
        ),
      ),
    }),
  ),
});
