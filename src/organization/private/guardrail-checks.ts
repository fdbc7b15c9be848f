import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { IConstruct } from 'constructs';
import { ITrail } from '../../interfaces/itrail';

/*
 * Values of the guardrail props that AWS Organizations would reject, checked at synth. Patterns from the
 * Organizations API reference (AttachPolicy TargetId, Organization Id) and IAM (role and user ARNs).
 */

/** Whether a literal ARN matches an `ArnLike` pattern (`*` any characters, `?` one). */
export function arnLike(pattern: string, arn: string): boolean {
  const regex = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`).test(arn);
}

/**
 * Whether the trail is an organization trail, read from its `AWS::CloudTrail::Trail` (a SecureTrail's or an
 * aws-cdk-lib Trail's default child). Unknown (false) for an imported trail.
 */
export function isOrganizationTrail(trail: ITrail): boolean {
  const child: IConstruct | undefined = trail.node.defaultChild;
  if (!child || !CfnResource.isCfnResource(child) || child.cfnResourceType !== CfnTrail.CFN_RESOURCE_TYPE_NAME) {
    return false;
  }
  return Stack.of(child).resolve((child as CfnTrail).isOrganizationTrail) === true;
}

/** True for two literal values that are equal. */
export function sameLiteral(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && !Token.isUnresolved(a) && !Token.isUnresolved(b) && a === b;
}
