import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { readableJson } from './intrinsics';
import { addWithUniqueSid, IResourceWithPolicyLike } from './sids';
import { isAcknowledged, WARNING_PREFIX, WarningId } from './warnings';

export { isAcknowledged, WARNING_PREFIX } from './warnings';

const TRAIL_FAILS = 'the trail fails to create or deliver';

/**
 * Adds each statement to the resource's policy. Where the resource is not owned by this app (imported),
 * CDK cannot write its policy: instead of silently doing nothing, warn with the exact statements the
 * owner must add. Returns whether every statement was added.
 */
export function addStatementsOrWarn(
  scope: IConstruct,
  resource: IResourceWithPolicyLike,
  statements: iam.PolicyStatement[],
  warning: { id: WarningId; what: string; consequence?: string },
): boolean {
  const missing = statements.filter((statement) => !addWithUniqueSid(resource, statement).statementAdded);
  if (missing.length === 0) return true;
  warnStatementsToAdd(scope, warning.id, warning.what, missing, warning.consequence);
  return false;
}

/** Warns, acknowledgeably, with the exact statements someone outside this app must add. */
export function warnStatementsToAdd(
  scope: IConstruct,
  id: WarningId,
  what: string,
  statements: iam.PolicyStatement[],
  consequence: string = TRAIL_FAILS,
): void {
  if (isAcknowledged(scope, `${WARNING_PREFIX}:${id}`)) return;
  const json = JSON.stringify(
    readableJson(
      scope,
      statements.map((s) => s.toStatementJson()),
    ),
    undefined,
    1,
  ).replace(/\n\s*/g, ' ');
  Validations.of(scope).addWarning(
    `${WARNING_PREFIX}:${id}`,
    // `what` may name a resource by a token: render it as `${...}` text, like the statements.
    `${readableJson(scope, what)} is not managed by this app, so its policy cannot be written here. ` +
      `Add these statements to it before deploying, or ${consequence}: ${json}. ` +
      `Acknowledge once done: Validations.of(scope).acknowledge({ id: '${WARNING_PREFIX}:${id}', reason: '...' }).`,
  );
}

/**
 * Acknowledges rule-pack findings (cdk-nag ids) on a resource this library made, each with the reason
 * it is inherent. Recorded as `Validations.acknowledge` records them, under the public metadata key that
 * rule packs read; written directly because finding ids such as
 * `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:...]` contain `::`, which `acknowledge()` rejects.
 */
export function acknowledgeFindings(scope: IConstruct, findings: Record<string, string>): void {
  scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { ...findings });
}
