import { TrailRuleSeverity } from '../rule-info';
import { isUnknown } from '../values';
import { literals, PropValues } from './identifiers';
import { Rule } from './rule';

/*
 * Constraints on TrailGuardrails' and OrganizationTrailPrerequisites' props that AWS Organizations, IAM or CloudTrail
 * would refuse at deploy, or that would make the guardrails refuse the trail's own delivery.
 */

/** aws:PrincipalArn of a role session is the role's ARN; wildcards are allowed (ArnLike). */
const PRINCIPAL_ARN = /^arn:[a-z0-9*?-]+:iam::[0-9*?]*:(role|user)\/.+$/;

export const GUARDRAIL_PRINCIPAL_ARN: Rule<PropValues> = {
  id: 'GUARDRAIL_PRINCIPAL_ARN',
  resourceType: 'AWS::Organizations::Policy',
  constraint:
    'A principal the guardrails exempt is an IAM role or user ARN, or a pattern of one: the policies compare it with aws:PrincipalArn.',
  source:
    "IAM User Guide reference_policies_condition-keys (aws:PrincipalArn: a role session's is the role's ARN) / ARN condition operators",
  cfnProperty: '-',
  prop: '-',
  fix: "give 'arn:aws:iam::111122223333:role/BreakGlass' or a pattern such as 'arn:aws:iam::*:role/BreakGlass'",
  severity: TrailRuleSeverity.ERROR,
  check: (values) =>
    literals(values)
      .filter(({ value }) => !PRINCIPAL_ARN.test(value))
      .map(({ at, value }) => ({
        at,
        value,
        problem:
          "is not an IAM role or user ARN; the policies compare it with aws:PrincipalArn, which for a role session is the role's ARN, so nothing would match it",
      })),
};

/** The guardrails' organization, and those the app's OrganizationTrailPrerequisites name (path and id). */
export interface GuardrailOrganizations {
  readonly organizationId?: string;
  readonly prerequisites: ReadonlyArray<{ readonly path: string; readonly organizationId?: string }>;
}

export const GUARDRAIL_SAME_ORGANIZATION: Rule<GuardrailOrganizations> = {
  id: 'GUARDRAIL_SAME_ORGANIZATION',
  resourceType: 'AWS::Organizations::Policy',
  constraint:
    "The guardrails name the organization of the trail's prerequisites: their resource control policy lets AWS services act only " +
    'for accounts of the organization it names.',
  source:
    'Organizations User Guide orgs_manage_policies_rcps (aws:SourceOrgID, aws:PrincipalOrgID) / CloudTrail User Guide creating-trail-organization',
  cfnProperty: '-',
  prop: 'organizationId',
  fix: "give both the same organization id, the one 'aws organizations describe-organization' shows",
  severity: TrailRuleSeverity.ERROR,
  check: ({ organizationId, prerequisites }) => {
    if (organizationId === undefined || organizationId === null || isUnknown(organizationId)) return [];
    return prerequisites
      .filter(
        (p) =>
          typeof p.organizationId === 'string' && !isUnknown(p.organizationId) && p.organizationId !== organizationId,
      )
      .map((p) => ({
        at: 'organizationId',
        value: organizationId,
        problem:
          `is not the organization id '${p.organizationId}' of ${p.path}: the resource control policy would refuse the organization's own ` +
          `principals (it lets them act only as accounts of '${organizationId}')`,
      }));
  },
};

/**
 * How the guardrails' statements pack into policies: the statement too large for one, or how many policies a type
 * takes.
 */
export interface GuardrailPacking {
  readonly type: string;
  readonly limit: number;
  readonly tooLarge?: { readonly sid: string; readonly size: number };
  readonly policies: number;
  readonly attached: boolean;
  readonly perTarget: number;
}

const FEWER = "match breakGlassPrincipalArns with fewer, wider patterns (such as 'arn:aws:iam::*:role/BreakGlass*')";

export const GUARDRAIL_STATEMENT_SIZE: Rule<GuardrailPacking> = {
  id: 'GUARDRAIL_STATEMENT_SIZE',
  resourceType: 'AWS::Organizations::Policy',
  constraint:
    'Each guardrail statement fits in one policy: AWS Organizations refuses an SCP or RCP over 5,120 characters.',
  source: 'Organizations User Guide orgs_reference_limits (maximum policy size 5,120 characters for SCPs and RCPs)',
  cfnProperty: '-',
  prop: 'breakGlassPrincipalArns',
  fix: `${FEWER}, or give the storage by shorter names`,
  severity: TrailRuleSeverity.ERROR,
  check: ({ type, limit, tooLarge }) =>
    tooLarge === undefined
      ? []
      : [
          {
            value: tooLarge.sid,
            problem: `(a statement of the ${type}) can take ${tooLarge.size} characters, over the ${limit} AWS Organizations allows in one policy`,
          },
        ],
};

export const GUARDRAIL_POLICIES_PER_TARGET: Rule<GuardrailPacking> = {
  id: 'GUARDRAIL_POLICIES_PER_TARGET',
  resourceType: 'AWS::Organizations::Policy',
  constraint:
    'The guardrail policies of a type that targetIds attaches fit beside the full-access policy: five policies of a type per root, OU or account.',
  source:
    'Organizations User Guide orgs_reference_limits (maximum policies attached per root, OU or account: 5 of a type)',
  cfnProperty: '-',
  prop: 'targetIds',
  fix: `${FEWER}, or leave targetIds out and attach the policies at different levels`,
  severity: TrailRuleSeverity.ERROR,
  check: ({ type, limit, policies, attached, perTarget }) =>
    !attached || policies <= perTarget
      ? []
      : [
          {
            problem:
              `attaches all ${policies} policies the ${type} takes (to fit in ${limit} characters each) to each target, which holds at most ` +
              `${perTarget} besides the full-access policy it needs`,
          },
        ],
};

/** The delegated administrator and the stack's (management) account. */
export interface DelegatedAdministrator {
  readonly delegatedAdministratorAccountId?: string;
  readonly stackAccount?: string;
}

export const DELEGATED_ADMINISTRATOR_NOT_MANAGEMENT: Rule<DelegatedAdministrator> = {
  id: 'DELEGATED_ADMINISTRATOR_NOT_MANAGEMENT',
  resourceType: 'Custom::CloudTrailDelegatedAdministrator',
  constraint:
    'The delegated administrator is a member account: CloudTrail refuses to make the management account its own ' +
    '(CannotDelegateManagementAccountException).',
  source: 'CloudTrail API RegisterOrganizationDelegatedAdmin, CannotDelegateManagementAccountException',
  cfnProperty: '-',
  prop: 'delegatedAdministratorAccountId',
  fix: 'give a member account, such as the audit account',
  severity: TrailRuleSeverity.ERROR,
  check: ({ delegatedAdministratorAccountId: member, stackAccount }) =>
    typeof member === 'string' &&
    typeof stackAccount === 'string' &&
    !isUnknown(member) &&
    !isUnknown(stackAccount) &&
    member === stackAccount
      ? [
          {
            value: member,
            problem: "is this stack's account, which must be the management account",
          },
        ]
      : [],
};

/** What orderBefore() was given: its path, and whether it has a trail resource of its own. */
export interface OrderedTrail {
  readonly path: string;
  readonly hasTrailResource: boolean;
}

export const ORDER_BEFORE_OWN_TRAIL: Rule<OrderedTrail> = {
  id: 'ORDER_BEFORE_OWN_TRAIL',
  resourceType: 'Custom::CloudTrailTrustedAccess',
  constraint: 'orderBefore() orders a trail this app creates: an imported trail has no resource to wait.',
  source:
    'This library: OrganizationTrailPrerequisites.orderBefore (CloudFormation DependsOn needs a resource of the app)',
  cfnProperty: '-',
  prop: 'orderBefore()',
  fix: 'pass the SecureTrail or aws-cdk-lib Trail this app creates',
  severity: TrailRuleSeverity.ERROR,
  check: ({ path, hasTrailResource }) =>
    hasTrailResource ? [] : [{ value: path, problem: 'has no trail resource of its own (an imported trail)' }],
};

export const GUARDRAIL_RULES = [
  GUARDRAIL_PRINCIPAL_ARN,
  GUARDRAIL_SAME_ORGANIZATION,
  GUARDRAIL_STATEMENT_SIZE,
  GUARDRAIL_POLICIES_PER_TARGET,
  DELEGATED_ADMINISTRATOR_NOT_MANAGEMENT,
  ORDER_BEFORE_OWN_TRAIL,
] as const;
