import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { IConstruct } from 'constructs';
import { ITrail } from '../../interfaces/itrail';

/*
 * Values of the guardrail props that AWS Organizations would reject, checked at synth. Patterns from the
 * Organizations API reference (AttachPolicy TargetId, Organization Id) and IAM (role and user ARNs).
 */

const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
// aws:PrincipalArn of a role session is the role's ARN; wildcards are allowed (ArnNotLike).
const PRINCIPAL_ARN = /^arn:[a-z0-9*?-]+:iam::[0-9*?]*:(role|user)\/.+$/;

/** Fails on a literal target that is not a root, OU or account id, or that is given twice. */
export function checkTargetIds(path: string, targetIds: string[]): void {
  const seen = new Set<string>();
  for (const id of targetIds) {
    if (Token.isUnresolved(id)) continue;
    if (!ROOT_ID.test(id) && !OU_ID.test(id) && !ACCOUNT_ID.test(id)) {
      throw new Error(`${path}: targetIds holds '${id}', which is not a root id (r-abcd), an organizational unit id ` +
        '(ou-abcd-12345678) or a 12-digit account id. Give the ids AWS Organizations shows for the root, OUs and accounts ' +
        'the policies should apply to.');
    }
    if (seen.has(id)) throw new Error(`${path}: targetIds holds '${id}' twice. Give each target once.`);
    seen.add(id);
  }
}

/** Fails on a literal break-glass or deploy principal that is not an IAM role or user ARN (wildcards allowed). */
export function checkPrincipalArns(path: string, prop: string, arns: string[]): void {
  for (const arn of arns) {
    if (Token.isUnresolved(arn) || PRINCIPAL_ARN.test(arn)) continue;
    throw new Error(`${path}: '${prop}' '${arn}' is not an IAM role or user ARN. ` +
      'The policies compare it with aws:PrincipalArn, which for a role session is the role\'s ARN. Fix: give ' +
      '\'arn:aws:iam::111122223333:role/BreakGlass\' or a pattern such as \'arn:aws:iam::*:role/BreakGlass\'.');
  }
}

/** Whether a literal ARN matches an `ArnLike` pattern (`*` any characters, `?` one). */
export function arnLike(pattern: string, arn: string): boolean {
  const regex = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${regex}$`).test(arn);
}

/** Fails on a literal organization id of the wrong form. */
export function checkOrganizationId(path: string, organizationId: string | undefined): void {
  if (organizationId === undefined || Token.isUnresolved(organizationId) || ORGANIZATION_ID.test(organizationId)) return;
  throw new Error(`${path}: organizationId '${organizationId}' is not an organization id: 'o-' followed by 10 to 32 ` +
    'lowercase letters or digits, as `aws organizations describe-organization` shows it.');
}

/** Fails on a literal account id that is not 12 digits. */
export function checkAccountId(path: string, prop: string, account: string | undefined): void {
  if (account === undefined || Token.isUnresolved(account) || ACCOUNT_ID.test(account)) return;
  throw new Error(`${path}: ${prop} '${account}' is not a 12-digit AWS account id.`);
}

/**
 * Whether the trail is an organization trail, read from its `AWS::CloudTrail::Trail` (a SecureTrail's or an
 * aws-cdk-lib Trail's default child). Unknown (false) for an imported trail.
 */
export function isOrganizationTrail(trail: ITrail): boolean {
  const child: IConstruct | undefined = trail.node.defaultChild;
  if (!child || !CfnResource.isCfnResource(child) || child.cfnResourceType !== CfnTrail.CFN_RESOURCE_TYPE_NAME) return false;
  return Stack.of(child).resolve((child as CfnTrail).isOrganizationTrail) === true;
}

/** True for two literal values that are equal. */
export function sameLiteral(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && !Token.isUnresolved(a) && !Token.isUnresolved(b) && a === b;
}
