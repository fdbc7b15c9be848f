import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Prefix of every warning id this library emits; acknowledge with `Validations.of(scope).acknowledge(...)`. */
export const WARNING_PREFIX = 'cdk-cloudtrail-kit';

/**
 * The warnings this library emits besides its rules' (a rule's warning is acknowledged by its rule id), each with what
 * it is about. Ids are a public contract: users acknowledge them by name. An acknowledgement of an id that is neither
 * here nor a rule's is itself reported, so a typo does not silently leave a warning standing.
 */
export const WARNINGS = {
  bucketPolicy: 'the policy of a log bucket not managed by this app must grant CloudTrail',
  keyPolicy: 'the policy of a KMS key not managed by this app must let CloudTrail encrypt',
  topicPolicy: 'the policy of an SNS topic not managed by this app must let CloudTrail publish',
  topicKeyPolicy: 'the key of an SNS topic not managed by this app must let CloudTrail use it',
  logGroupKeyPolicy: 'the key of the CloudWatch Logs log group must let CloudWatch Logs use it',
  logsRoleTrust: 'the trust policy of a CloudWatch Logs role not managed by this app must trust CloudTrail',
  accessLogsBucketPolicy: 'the policy of an access-log bucket not managed by this app must let S3 deliver',
  accessLogsKeyPolicy: 'the key of an access-log bucket not managed by this app must let S3 deliver',
  alarmTopicPolicy: 'the policy of an alarm topic not managed by this app must let CloudWatch or EventBridge publish',
  alertTopicKeyPolicy: 'the key of an alert topic not managed by this app must let CloudWatch or EventBridge use it',
  eventSelection: 'the event selection logs something other than what was probably meant',
  eventSelectionNote: 'how the event selection was rendered (selectors pooled or rewritten)',
  managementAccount: 'an organization trail whose management account is not known at synth',
  guardrailNoBreakGlass: 'guardrails without a break-glass principal',
  guardrailNoResourceControlPolicy: 'guardrails without the organization id, so without a resource control policy',
  guardrailNoStorage:
    'guardrails given an organization id but no known log storage, so without a resource control policy',
  guardrailPolicySize: 'guardrail policies whose size is not known at synth',
  guardrailManagementAccount: 'what service control policies cannot do in the management account',
  guardrailDeployRoleDenied: 'a stack guarded by the policies that deploys with a role they do not exempt',
  deliveryMonitorOtherAccount:
    'a delivery monitor of a trail of another account, which only its delegated administrator can watch',
  monitorPublicSubnet: "a monitor's function in public subnets, which reaches AWS APIs only through VPC endpoints",
  verifierBucketEvents:
    'an integrity verifier of a bucket not managed by this app, which must send its events to EventBridge',
} as const;

/** A warning id of `WARNINGS`. */
export type WarningId = keyof typeof WARNINGS;

/**
 * Whether a warning is acknowledged on the construct or any scope above it, the app included.
 * `Validations.acknowledge()`
 * records acknowledgements as metadata; aws-cdk-lib consults only the scopes below the app when a warning is added (its
 * search paths never include the app's empty path), and none made after a warning added at synth. The namespace is
 * `annotation::` in aws-cdk-lib 2.257, `Annotation::` later.
 */
export function isAcknowledged(construct: IConstruct, id: string): boolean {
  const qualified = `annotation::${id}`.toLowerCase();
  return construct.node.scopes.some((scope) => acknowledgedIds(scope).some((key) => key.toLowerCase() === qualified));
}

/** The ids acknowledged on one construct itself (`annotation::<id>`, as `Validations.acknowledge()` records them). */
export function acknowledgedIds(construct: IConstruct): string[] {
  return construct.node.metadata
    .filter(
      (m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && m.data !== null && typeof m.data === 'object',
    )
    .flatMap((m) => Object.keys(m.data));
}

/**
 * Adds a warning unless acknowledged on the construct or any scope above it. Once: aws-cdk-lib's annotations never add
 * a message the construct already holds, so a second synth adds nothing.
 */
export function warnOnce(scope: IConstruct, id: string, message: string): void {
  const qualified = `${WARNING_PREFIX}:${id}`;
  if (!isAcknowledged(scope, qualified)) Validations.of(scope).addWarning(qualified, message);
}
