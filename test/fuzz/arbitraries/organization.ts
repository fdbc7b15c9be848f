import * as fc from 'fast-check';
import { accountId, organizationId } from './trail';
import { maybeToken, Opt, optional, valueOf } from './values';

/*
 * OrganizationTrailPrerequisites (in the management account, optionally naming a delegated administrator) and
 * TrailGuardrails (SCP + RCP protecting the trail, its bucket, key and log group).
 */
export interface PrerequisitesSpec {
  readonly delegatedAdministratorAccountId: Opt<string>;
  readonly deregisterOnDelete: Opt<boolean>;
  readonly organizationId: Opt<string>;
}
export const prerequisites: fc.Arbitrary<PrerequisitesSpec> = fc.record({
  delegatedAdministratorAccountId: optional(accountId),
  deregisterOnDelete: optional(fc.boolean()),
  organizationId: optional(organizationId),
});

export interface GuardrailsSpec {
  readonly on: 'secureTrail' | 'importedTrail';
  readonly breakGlassPrincipalArns: string[];
  readonly targetIds: Opt<string[]>;
  readonly organizationId: Opt<string>;
  readonly managementAccountId: Opt<string>;
  readonly policyName: Opt<string>;
  /** Give the imported resources explicitly (bucket, key, log group by ARN). */
  readonly explicitResources: boolean;
}
const breakGlass = maybeToken(
  fc.oneof(
    {
      arbitrary: fc.constantFrom(
        'arn:aws:iam::*:role/BreakGlass',
        'arn:aws:iam::111111111111:role/Admin',
        'arn:aws:iam::*:role/cdk-hnb659fds-cfn-exec-role-*',
      ),
      weight: 5,
    },
    { arbitrary: fc.constantFrom('not-an-arn', '*'), weight: 1 },
  ),
);
const targetId = maybeToken(
  fc.oneof(
    { arbitrary: fc.constantFrom('333333333333', 'r-ab12', 'ou-ab12-cdefghij'), weight: 5 },
    { arbitrary: fc.constantFrom('x', 'ou-'), weight: 1 },
  ),
);
export const guardrails: fc.Arbitrary<GuardrailsSpec> = fc.record({
  on: fc.constantFrom<'secureTrail' | 'importedTrail'>('secureTrail', 'importedTrail'),
  breakGlassPrincipalArns: fc.uniqueArray(breakGlass, { maxLength: 3 }),
  targetIds: optional(fc.uniqueArray(targetId, { maxLength: 2 })),
  organizationId: optional(organizationId),
  managementAccountId: optional(accountId),
  policyName: optional(
    maybeToken(
      fc.oneof(
        { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,30}$/), weight: 4 },
        { arbitrary: fc.constantFrom('', 'p'.repeat(129)), weight: 1 },
      ),
    ),
  ),
  explicitResources: fc.boolean(),
});

export const isBreakGlassArn = (a: string) => /^arn:aws[\w-]*:(iam|sts)::(\d{12}|\*):/.test(valueOf(a));
export const isTargetId = (t: string) =>
  /^(\d{12}|r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(valueOf(t));
