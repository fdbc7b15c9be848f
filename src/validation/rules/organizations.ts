import { TrailRuleSeverity } from '../rule-info';
import { asList, asLiteral, asObject, isUnknown } from '../values';
import { grammarFindings, literalJson, literalStrings, parseDocument, resourceRule, statementsOf } from './iam';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';

/*
 * AWS Organizations' constraints on a policy, as rules over the rendered `AWS::Organizations::Policy` properties
 * (`{ Name, Content, Type, TargetIds, Description }`): they serve TrailGuardrails, and any CfnPolicy, the same way.
 */

const POLICY = 'AWS::Organizations::Policy';
const SCP = 'SERVICE_CONTROL_POLICY';
const RCP = 'RESOURCE_CONTROL_POLICY';
const QUOTAS = 'Organizations User Guide, quotas and service limits (maximum size of policy documents)';
const SCP_SYNTAX = 'Organizations User Guide, SCP syntax (orgs_manage_policies_scps_syntax)';
const RCP_SYNTAX =
  'Organizations User Guide, RCP syntax (orgs_manage_policies_rcps_syntax) and the list of AWS services that support RCPs';

/** The most characters of a policy's Content, by policy type (the types whose maximum the quotas page gives). */
const SIZE_LIMITS: Readonly<Record<string, number>> = {
  [SCP]: 5120,
  [RCP]: 5120,
  DECLARATIVE_POLICY_EC2: 10000,
  TAG_POLICY: 10000,
  BACKUP_POLICY: 10000,
  AISERVICES_OPT_OUT_POLICY: 2500,
};

const type = (props: Properties) => asLiteral(props.Type);

/**
 * The characters of a policy's Content as Organizations counts them: every character, white space included. An object
 * Content is serialized minified by CloudFormation's handler, so its size is that of JSON.stringify; a value not known
 * at
 * synth counts for nothing, so the size is the fewest characters the deployed policy can have.
 */
export function contentSize(content: unknown): number {
  if (typeof content === 'string' && !isUnknown(content)) return content.length;
  return literalJson(content).length;
}

export const ORGANIZATIONS_POLICY_NAME = resourceRule(
  {
    id: 'ORGANIZATIONS_POLICY_NAME',
    resourceType: POLICY,
    constraint: 'A policy name is 1 to 128 characters.',
    source: 'Organizations API CreatePolicy Name (1-128) / CloudFormation AWS::Organizations::Policy Name',
    cfnProperty: 'Name',
    prop: 'name',
    fix: 'give a name of 1 to 128 characters',
  },
  (props) => {
    const name = asLiteral(props.Name);
    if (name === undefined) {
      return props.Name === undefined ? [{ problem: 'is missing; CloudFormation requires it' }] : [];
    }
    const length = [...name].length;
    return length >= 1 && length <= 128
      ? []
      : [{ value: name, problem: `is ${length} characters long, outside 1 to 128; Organizations rejects it` }];
  },
);

export const ORGANIZATIONS_POLICY_DESCRIPTION = resourceRule(
  {
    id: 'ORGANIZATIONS_POLICY_DESCRIPTION',
    resourceType: POLICY,
    constraint: 'A policy description is at most 512 characters.',
    source:
      'Organizations API CreatePolicy Description (0-512) / CloudFormation AWS::Organizations::Policy Description',
    cfnProperty: 'Description',
    prop: 'description',
    fix: 'shorten the description to 512 characters',
  },
  (props) => {
    const text = asLiteral(props.Description);
    return text === undefined || text.length <= 512
      ? []
      : [{ value: text, problem: `is ${text.length} characters long, over 512; Organizations rejects it` }];
  },
);

export const ORGANIZATIONS_POLICY_SIZE = resourceRule(
  {
    id: 'ORGANIZATIONS_POLICY_SIZE',
    resourceType: POLICY,
    constraint:
      "A policy's content is at most 5,120 characters for an SCP or RCP, white space included (10,000 for declarative, tag and backup " +
      'policies; 2,500 for AI services opt-out policies).',
    source: `${QUOTAS} / ${SCP_SYNTAX}: "all characters in your SCP count against its maximum size"`,
    cfnProperty: 'Content',
    prop: 'content',
    fix: 'split the statements across policies (each attached counts towards the five a target holds), or shorten repeated ARNs with wildcards',
  },
  (props) => {
    const limit = SIZE_LIMITS[type(props) ?? ''];
    if (limit === undefined || props.Content === undefined) return [];
    const size = contentSize(props.Content);
    return size <= limit
      ? []
      : [
          {
            value: `at least ${size} characters`,
            problem: `is over ${limit.toLocaleString('en-US')} for a ${type(props)}; Organizations rejects it (ConstraintViolationException, POLICY_CONTENT_LIMIT_EXCEEDED)`,
          },
        ];
  },
);

/** Every statement of a policy of these types, when its Content is known. */
function statementsOfType(props: Properties, types: string[]) {
  const t = type(props);
  return t !== undefined && types.includes(t) ? statementsOf(props.Content) : [];
}

export const ORGANIZATIONS_SCP_GRAMMAR = resourceRule(
  {
    id: 'ORGANIZATIONS_SCP_GRAMMAR',
    resourceType: POLICY,
    constraint:
      'An SCP has Version 2012-10-17 and statements with Effect Allow or Deny, Action or NotAction, a Resource or NotResource, and no ' +
      'Principal or NotPrincipal (an SCP applies to the principals of the accounts it is attached to).',
    source: `${SCP_SYNTAX}: elements summary (Principal and NotPrincipal not supported)`,
    cfnProperty: 'Content',
    prop: 'content',
    fix: 'write the statements with iam.PolicyStatement, without principals, each with actions and resources',
  },
  (props) => {
    if (type(props) !== SCP || parseDocument(props.Content) === undefined) return [];
    // SCPs share IAM's grammar for identity-based policies: Resource needed, Principal refused.
    return grammarFindings(props.Content, 'Content', 'identity').map((f) => ({
      ...f,
      problem: f.problem.replace('an identity-based policy', 'an SCP'),
    }));
  },
);

/**
 * Service prefixes RCPs apply to today (the Organizations User Guide list grows: a prefix not here is warned about, not
 * refused).
 */
export const RCP_SERVICES: readonly string[] = [
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'cognito-idp',
  'ecr',
  'aoss',
  'dynamodb',
  'logs',
];

export const ORGANIZATIONS_RCP_GRAMMAR = resourceRule(
  {
    id: 'ORGANIZATIONS_RCP_GRAMMAR',
    resourceType: POLICY,
    constraint:
      'An RCP has Version 2012-10-17 and statements with Effect Deny (Allow only in RCPFullAWSAccess), Principal "*", Action (NotAction ' +
      'and NotPrincipal are not supported) and Resource or NotResource.',
    source: `${RCP_SYNTAX}: elements summary; Principal element ("you must specify * ... use conditions to narrow")`,
    cfnProperty: 'Content',
    prop: 'content',
    fix: "write Deny statements with Principal '*', actions and resources, and narrow the principals with conditions (aws:PrincipalArn)",
  },
  (props) => {
    if (type(props) !== RCP || parseDocument(props.Content) === undefined) return [];
    const findings: RuleFinding[] = [];
    const doc = parseDocument(props.Content)!;
    if (asLiteral(doc.Version) !== undefined && doc.Version !== '2012-10-17') {
      findings.push({
        at: 'Content.Version',
        value: doc.Version,
        problem: 'is not 2012-10-17, the only version an RCP takes',
      });
    }
    if (doc.Version === undefined) {
      findings.push({ at: 'Content.Version', problem: 'is missing; an RCP needs Version 2012-10-17' });
    }
    for (const { at, statement } of statementsOfType(props, [RCP])) {
      const path = `Content.${at}`;
      const effect = asLiteral(statement.Effect);
      if (statement.Effect === undefined) {
        findings.push({ at: `${path}.Effect`, problem: 'is missing; an RCP statement denies' });
      } else if (effect !== undefined && effect !== 'Deny') {
        findings.push({
          at: `${path}.Effect`,
          value: effect,
          problem: 'is not Deny; only the AWS managed RCPFullAWSAccess allows',
        });
      }
      const principal = statement.Principal;
      if (principal === undefined) {
        findings.push({ at: `${path}.Principal`, problem: "is missing; an RCP statement needs Principal '*'" });
      } else if (!isUnknown(principal) && principal !== '*') {
        findings.push({
          at: `${path}.Principal`,
          value: principal,
          problem: "is not '*', the only principal an RCP takes",
        });
      }
      if (statement.NotPrincipal !== undefined) {
        findings.push({ at: `${path}.NotPrincipal`, problem: 'is not supported in an RCP' });
      }
      if (statement.NotAction !== undefined) {
        findings.push({ at: `${path}.NotAction`, problem: 'is not supported in an RCP' });
      }
      if (statement.Action === undefined && statement.NotAction === undefined) {
        findings.push({ at: path, problem: 'has no Action' });
      }
      if (statement.Resource === undefined && statement.NotResource === undefined) {
        findings.push({ at: path, problem: 'has neither Resource nor NotResource' });
      }
    }
    return findings;
  },
);

export const ORGANIZATIONS_RCP_SERVICES = resourceRule(
  {
    id: 'ORGANIZATIONS_RCP_SERVICES',
    resourceType: POLICY,
    constraint:
      'An RCP applies only to the services that support RCPs (Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager, Amazon Cognito, ' +
      'Amazon ECR, OpenSearch Serverless, DynamoDB, CloudWatch Logs, as AWS lists them today).',
    source: `${RCP_SYNTAX}; Organizations User Guide, resource control policies: list of AWS services that support RCPs`,
    cfnProperty: 'Content',
    prop: 'content',
    fix: 'deny actions of the services RCPs support (an SCP covers the others), or acknowledge if AWS has added the service since',
    severity: TrailRuleSeverity.WARNING,
  },
  (props) =>
    statementsOfType(props, [RCP]).flatMap(({ at, statement }) =>
      literalStrings(statement.Action).flatMap((action): RuleFinding[] => {
        const service = action.split(':')[0].toLowerCase();
        return action === '*' || RCP_SERVICES.includes(service)
          ? []
          : [
              {
                at: `Content.${at}.Action`,
                value: action,
                problem: 'is of a service RCPs do not apply to; Organizations rejects it or it has no effect',
              },
            ];
      }),
    ),
);

const OPERATOR =
  /^(ForAllValues:|ForAnyValue:)?(String(Not)?Equals(IgnoreCase)?|String(Not)?Like|Numeric(Not)?Equals|Numeric(Less|Greater)Than(Equals)?|Date(Not)?Equals|Date(Less|Greater)Than(Equals)?|Bool|BinaryEquals|(Not)?IpAddress|Arn(Not)?(Equals|Like))(IfExists)?$|^Null$/;

export const ORGANIZATIONS_CONDITION_OPERATORS = resourceRule(
  {
    id: 'ORGANIZATIONS_CONDITION_OPERATORS',
    resourceType: POLICY,
    constraint:
      'A condition of an SCP or RCP uses an IAM condition operator (StringEquals, ArnNotLike, Bool, Null, ... with IfExists and ' +
      'ForAllValues:/ForAnyValue:).',
    source:
      'IAM User Guide, IAM JSON policy elements: condition operators / Organizations User Guide, SCP and RCP syntax (Condition element)',
    cfnProperty: 'Content',
    prop: 'content',
    fix: 'use an IAM condition operator, spelled as IAM spells it (case-sensitive)',
  },
  (props) =>
    statementsOfType(props, [SCP, RCP]).flatMap(({ at, statement }) =>
      Object.keys(asObject(statement.Condition) ?? {})
        .filter((operator) => !OPERATOR.test(operator))
        .map((operator) => ({
          at: `Content.${at}.Condition`,
          value: operator,
          problem:
            'is not an IAM condition operator; Organizations rejects the policy (MalformedPolicyDocumentException)',
        })),
    ),
);

const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;

export const ORGANIZATIONS_TARGET_ID = resourceRule(
  {
    id: 'ORGANIZATIONS_TARGET_ID',
    resourceType: POLICY,
    constraint:
      'A policy target is a root (r-...), an organizational unit (ou-...-...) or a 12-digit account id, each given once.',
    source:
      'Organizations API AttachPolicy TargetId (pattern ^(r-[0-9a-z]{4,32})|(\\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$) / CloudFormation ' +
      'AWS::Organizations::Policy TargetIds (uniqueItems)',
    cfnProperty: 'TargetIds',
    prop: 'targetIds',
    fix: "give the ids AWS Organizations shows for the root, OUs and accounts, e.g. 'r-abcd', 'ou-abcd-12345678', '111122223333'",
  },
  (props) => {
    const seen = new Set<string>();
    return (asList(props.TargetIds) ?? []).flatMap((id, i): RuleFinding[] => {
      const text = asLiteral(id);
      if (text === undefined) return [];
      const found: RuleFinding[] = [];
      if (!ROOT_ID.test(text) && !OU_ID.test(text) && !ACCOUNT_ID.test(text)) {
        found.push({
          at: `TargetIds[${i}]`,
          value: text,
          problem: 'is not a root id (r-abcd), an organizational unit id (ou-abcd-12345678) or a 12-digit account id',
        });
      } else if (seen.has(text)) {
        found.push({
          at: `TargetIds[${i}]`,
          value: text,
          problem: 'is given twice; CloudFormation requires unique targets',
        });
      }
      seen.add(text);
      return found;
    });
  },
);

/** The partitions whose ARNs may appear in one policy: the stack's, when known. */
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** Every literal ARN in a policy's Resource, NotResource and Condition values. */
function literalArns(props: Properties): Array<{ at: string; arn: string }> {
  return statementsOf(props.Content).flatMap(({ at, statement }) => {
    const conditionValues = Object.values(asObject(statement.Condition) ?? {}).flatMap((byKey) =>
      Object.values(asObject(byKey) ?? {}).flatMap(literalStrings),
    );
    return [...literalStrings(statement.Resource), ...literalStrings(statement.NotResource), ...conditionValues]
      .filter((v) => v.startsWith('arn:'))
      .map((arn) => ({ at: `Content.${at}`, arn }));
  });
}

/**
 * A policy's ARNs name the partition of the organization it is attached to. `partition` is the stack's when known;
 * without it, the ARNs of one policy must at least agree with each other.
 */
export function policyPartitionRule(partition?: string): Rule<Properties> {
  return resourceRule(
    {
      id: 'ORGANIZATIONS_POLICY_PARTITION',
      resourceType: POLICY,
      constraint:
        'The ARNs in a policy name the partition of the organization (aws, aws-cn, aws-us-gov, ...): an organization lives in one partition.',
      source:
        'AWS General Reference, Amazon Resource Names (partition) / Organizations User Guide, organizations in the AWS GovCloud (US) and China Regions',
      cfnProperty: 'Content',
      prop: 'content',
      fix: "write ARNs with the stack's partition (Aws.PARTITION, or Stack.of(this).partition)",
      // Organizations accepts such a policy; its statement just never matches: a warning, not a refusal.
      severity: TrailRuleSeverity.WARNING,
    },
    (props) => {
      const arns = literalArns(props);
      const expected = partition ?? arns.map(({ arn }) => arn.split(':')[1]).find((p) => p !== '' && !p.includes('*'));
      return arns.flatMap(({ at, arn }): RuleFinding[] => {
        const p = arn.split(':')[1] ?? '';
        if (p === '' || p.includes('*') || p.includes('?')) return [];
        if (!PARTITIONS.includes(p)) {
          return [{ at, value: arn, problem: `names partition '${p}', which is none of AWS's` }];
        }
        return expected !== undefined && p !== expected
          ? [
              {
                at,
                value: arn,
                problem: `names partition '${p}' where the organization is in '${expected}'; the statement never matches`,
              },
            ]
          : [];
      });
    },
  );
}

export const ORGANIZATIONS_POLICY_PARTITION = policyPartitionRule();

/** The rules over one policy's rendered properties, with the partition rule for `partition` when it is known. */
export function organizationsRules(partition?: string): Rule<Properties>[] {
  return [
    ORGANIZATIONS_POLICY_NAME,
    ORGANIZATIONS_POLICY_DESCRIPTION,
    ORGANIZATIONS_POLICY_SIZE,
    ORGANIZATIONS_SCP_GRAMMAR,
    ORGANIZATIONS_RCP_GRAMMAR,
    ORGANIZATIONS_RCP_SERVICES,
    ORGANIZATIONS_CONDITION_OPERATORS,
    ORGANIZATIONS_TARGET_ID,
    partition === undefined ? ORGANIZATIONS_POLICY_PARTITION : policyPartitionRule(partition),
  ];
}

export const ORGANIZATIONS_RULES: readonly Rule<Properties>[] = organizationsRules();

/** How many SCPs, and how many RCPs, a target holds at most (quotas), one being the AWS managed full-access policy. */
export const POLICIES_PER_TARGET = 5;

export const ORGANIZATIONS_POLICIES_PER_TARGET: Rule<readonly Properties[]> = {
  id: 'ORGANIZATIONS_POLICIES_PER_TARGET',
  resourceType: POLICY,
  constraint:
    'A root, OU or account holds at most 5 SCPs and 5 RCPs, FullAWSAccess / RCPFullAWSAccess among them (RCPFullAWSAccess cannot be ' +
    'detached; a target whose SCPs allow nothing denies everything).',
  source: `${QUOTAS}: maximum number of policies attached to a root, OU or account (SCP 5, RCP 5)`,
  cfnProperty: 'TargetIds',
  prop: 'targetIds',
  fix: 'attach fewer policies to the target (merge statements into fewer policies, or attach some at the OU above)',
  // Organizations accepts it; the statement just never matches: worth a warning, not a refusal.
  severity: TrailRuleSeverity.WARNING,
  check: (policies) => {
    const byTarget = new Map<string, number>();
    for (const props of policies) {
      const t = type(props);
      if (t !== SCP && t !== RCP) continue;
      for (const id of new Set(
        (asList(props.TargetIds) ?? []).flatMap((v) => (asLiteral(v) !== undefined ? [v as string] : [])),
      )) {
        byTarget.set(`${t} ${id}`, (byTarget.get(`${t} ${id}`) ?? 0) + 1);
      }
    }
    return [...byTarget]
      .filter(([, n]) => n > POLICIES_PER_TARGET - 1)
      .map(([key, n]) => {
        const [t, id] = key.split(' ');
        return {
          at: 'TargetIds',
          value: id,
          problem: `would hold ${n} ${t === SCP ? 'SCPs' : 'RCPs'} of this app and the full-access policy, over ${POLICIES_PER_TARGET}; Organizations refuses the attachment (ConstraintViolationException, POLICY_NUMBER_LIMIT_EXCEEDED)`,
        };
      });
  },
};

export const ORGANIZATIONS_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'ORGANIZATIONS_POLICY_TYPE_ENABLED',
    resourceType: POLICY,
    constraint:
      'A policy of a type is attached only in an organization with all features and that policy type enabled on the root (PolicyTypeNotEnabledException).',
    source: 'Organizations API AttachPolicy errors PolicyTypeNotEnabledException / EnablePolicyType',
    unchecked: "the organization's settings are not known at synth; AWS reports it at deploy",
  },
  {
    id: 'ORGANIZATIONS_POLICIES_ALREADY_ATTACHED',
    resourceType: POLICY,
    constraint: 'The 5-per-target quota counts policies attached outside this app too.',
    source: `${QUOTAS}: maximum number of policies attached to a root, OU or account`,
    unchecked:
      "policies attached by other means are the organization's state; this app's own are counted (ORGANIZATIONS_POLICIES_PER_TARGET)",
  },
  {
    id: 'ORGANIZATIONS_MANAGEMENT_ACCOUNT_CALLER',
    resourceType: POLICY,
    constraint:
      'Policies are created and attached from the management account or a delegated administrator for policy management.',
    source: 'Organizations API CreatePolicy, AttachPolicy (AccessDeniedException, AWSOrganizationsNotInUseException)',
    unchecked:
      'which account deploys the stack, and its role in the organization, are not known at synth; TrailGuardrails warns when its ' +
      "stack's account is not the management account it is told of",
  },
];
