import { TrailRuleInfo, TrailRuleSeverity } from '../rule-info';
import { asList, asLiteral, asNumber, asObject, isUnknown } from '../values';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';

/*
 * IAM's constraints on the roles and policies this library makes (the CloudWatch Logs delivery role, grants' policies),
 * as rules over each resource's final template properties. The helpers at the top are shared with the Glue, Athena and
 * Organizations rules: they read resolved properties, where anything not known at synth is an intrinsic, and a value
 * not known at synth is never reported (a policy with intrinsics is measured by its literal characters alone, so its
 * size is reported only when even those are too many).
 */

export type ResourceRuleInfo = Omit<TrailRuleInfo, 'severity'> & {
  readonly severity?: TrailRuleSeverity;
  readonly resourceType: string;
};

/** A rule over one resource type's final properties. */
export function resourceRule(info: ResourceRuleInfo, check: (props: Properties) => RuleFinding[]): Rule<Properties> {
  // A JavaScript caller of a rule may hand it null: nothing to check.
  return {
    ...info,
    severity: info.severity ?? TrailRuleSeverity.ERROR,
    check: (props) => (props === null || props === undefined ? [] : check(props)),
  };
}

/** The value at a dotted path of plain objects (`DatabaseInput.Name`), or undefined. */
export function at(props: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    const obj = asObject(value);
    return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  }, props);
}

/** The literal characters a value starts with: all of a literal, the leading literal parts of a `Fn::Join` with ''. */
export function literalHead(value: unknown): string | undefined {
  const literal = asLiteral(value);
  if (literal !== undefined) return literal;
  const join = asObject(value)?.['Fn::Join'];
  if (!Array.isArray(join) || join.length !== 2 || !Array.isArray(join[1])) return undefined;
  let head = '';
  for (const [i, part] of join[1].entries()) {
    if (typeof part !== 'string') return head;
    head += (i > 0 ? join[0] : '') + part;
  }
  return head;
}

/** A length check on a literal string: 'is N characters long, outside MIN to MAX' or undefined. */
export function lengthProblem(value: string, min: number, max: number): string | undefined {
  const length = [...value].length;
  if (length >= min && length <= max) return undefined;
  return `is ${length} characters long, ${min > 0 ? `outside ${min} to ${max}` : `over ${max}`}`;
}

/** Checks a literal string property against a length and a pattern (a token or an absent value passes). */
export function nameRule(
  info: ResourceRuleInfo & {
    min: number;
    max: number;
    pattern: RegExp;
    chars: string;
    rejected: string;
    suggest?: (name: string) => string;
  },
  values: (props: Properties) => Array<{ at?: string; value: unknown }>,
): Rule<Properties> {
  const { suggest, ...rest } = info;
  // A fix naming a valid name close to the one given, when the rule can make one.
  const fix = (text: string) =>
    suggest === undefined ? {} : { fix: `${info.fix.replace(/, e\.g\. .*$/, '')}, e.g. '${suggest(text)}'` };
  return resourceRule(rest, (props) =>
    values(props).flatMap(({ at: where, value }): RuleFinding[] => {
      const text = asLiteral(value);
      if (text === undefined) return [];
      const length = lengthProblem(text, info.min, info.max);
      if (length !== undefined) {
        return [{ at: where, value: text, problem: `${length}; ${info.rejected}`, ...fix(text) }];
      }
      return info.pattern.test(text)
        ? []
        : [
            {
              at: where,
              value: text,
              problem: `contains characters other than ${info.chars}; ${info.rejected}`,
              ...fix(text),
            },
          ];
    }),
  );
}

/**
 * A policy document as JSON text with every value not known at synth left out: its length is the fewest characters
 * the deployed document can have. A document given as JSON text is parsed first.
 */
export function literalJson(document: unknown): string {
  const strip = (value: unknown): unknown => {
    if (isUnknown(value)) return '';
    if (Array.isArray(value)) return value.map(strip);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]));
    }
    return value;
  };
  return JSON.stringify(strip(parseDocument(document) ?? document)) ?? '';
}

/** A document as an object: itself, or parsed from JSON text; undefined when neither or not known at synth. */
export function parseDocument(document: unknown): Record<string, unknown> | undefined {
  if (typeof document === 'string' && !isUnknown(document)) {
    try {
      return asObject(JSON.parse(document));
    } catch {
      return undefined;
    }
  }
  return asObject(document);
}

/** IAM counts a policy's characters without white space (IAM User Guide, IAM and AWS STS quotas). */
export function iamPolicySize(document: unknown): number {
  return literalJson(document).replace(/\s/g, '').length;
}

/** The statements of a policy document known at synth (a single statement object counts as a list of one). */
export function statementsOf(document: unknown): Array<{ at: string; statement: Record<string, unknown> }> {
  const statement = parseDocument(document)?.Statement;
  const list = asList(statement) ?? (asObject(statement) ? [statement] : []);
  return list.flatMap((s, i) => {
    const obj = asObject(s);
    return obj ? [{ at: `Statement[${i}]`, statement: obj }] : [];
  });
}

/** One value or a list of values, as a list of literal strings (tokens left out). */
export function literalStrings(value: unknown): string[] {
  const list = asList(value) ?? (value === undefined ? [] : [value]);
  return list.flatMap((v) => (asLiteral(v) !== undefined ? [v as string] : []));
}

const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'];

/**
 * The grammar every IAM policy language document shares (IAM JSON policy element reference): a Version IAM knows, a
 * Statement, and in each statement an Effect of Allow or Deny and an Action or NotAction (not both), a Resource or
 * NotResource not both. `kind` says what else applies: identity policies need a Resource and take no Principal; trust
 * policies need a Principal and take no Resource.
 */
export function grammarFindings(document: unknown, where: string, kind: 'identity' | 'trust'): RuleFinding[] {
  const doc = parseDocument(document);
  if (doc === undefined) return [];
  const findings: RuleFinding[] = [];
  const version = asLiteral(doc.Version);
  if (doc.Version === undefined) {
    findings.push({
      at: `${where}.Version`,
      problem: 'is missing; IAM then reads the document with the 2008-10-17 language, without policy variables',
    });
  } else if (version !== undefined && !POLICY_VERSIONS.includes(version)) {
    findings.push({
      at: `${where}.Version`,
      value: version,
      problem:
        'is not a policy language version (2012-10-17 or 2008-10-17); IAM rejects the document as MalformedPolicyDocument',
    });
  }
  if (doc.Statement === undefined) {
    findings.push({ at: `${where}.Statement`, problem: 'is missing; IAM rejects a policy without statements' });
  }
  for (const { at: s, statement } of statementsOf(doc)) {
    const path = `${where}.${s}`;
    const effect = statement.Effect;
    if (effect === undefined) {
      findings.push({ at: `${path}.Effect`, problem: 'is missing; every statement needs Allow or Deny' });
    } else if (asLiteral(effect) !== undefined && effect !== 'Allow' && effect !== 'Deny') {
      findings.push({
        at: `${path}.Effect`,
        value: effect,
        problem: 'is neither Allow nor Deny (case-sensitive); IAM rejects the document as MalformedPolicyDocument',
      });
    }
    const both = (a: string, b: string) => statement[a] !== undefined && statement[b] !== undefined;
    if (both('Action', 'NotAction')) {
      findings.push({ at: path, problem: 'has both Action and NotAction; a statement takes one' });
    }
    if (statement.Action === undefined && statement.NotAction === undefined) {
      findings.push({ at: path, problem: 'has neither Action nor NotAction; IAM rejects it' });
    }
    if (both('Resource', 'NotResource')) {
      findings.push({ at: path, problem: 'has both Resource and NotResource; a statement takes one' });
    }
    if (both('Principal', 'NotPrincipal')) {
      findings.push({ at: path, problem: 'has both Principal and NotPrincipal; a statement takes one' });
    }
    if (kind === 'identity') {
      if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) {
        findings.push({
          at: path,
          problem:
            'names a Principal in an identity-based policy, which takes none (the principal is who the policy is attached to)',
        });
      }
      if (statement.Resource === undefined && statement.NotResource === undefined) {
        findings.push({
          at: path,
          problem: 'has neither Resource nor NotResource; an identity-based policy needs one',
        });
      }
    } else {
      if (statement.Principal === undefined) {
        findings.push({ at: path, problem: 'has no Principal; a role trust policy names who may assume the role' });
      }
      if (statement.NotPrincipal !== undefined) {
        findings.push({ at: path, problem: 'uses NotPrincipal, which a role trust policy cannot' });
      }
    }
  }
  return findings;
}

const IAM_ROLE = 'AWS::IAM::Role';
const IAM_POLICY = 'AWS::IAM::Policy';
const IAM_MANAGED_POLICY = 'AWS::IAM::ManagedPolicy';
const QUOTAS = 'IAM User Guide, IAM and AWS STS quotas (reference_iam-quotas)';
const NAME_CHARS = /^[\w+=,.@-]+$/;
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Each inline policy of a role: `Policies[i].PolicyDocument`. */
function inlinePolicies(props: Properties): Array<{ at: string; name: unknown; document: unknown }> {
  return (asList(props.Policies) ?? []).flatMap((p, i) => {
    const obj = asObject(p);
    return obj ? [{ at: `Policies[${i}]`, name: obj.PolicyName, document: obj.PolicyDocument }] : [];
  });
}

/** A size limit on policy text: reported only when the literal characters alone are over it. */
function sizeFinding(
  size: number,
  max: number,
  where: string | undefined,
  rejected: string,
  exact: boolean,
): RuleFinding[] {
  return size <= max
    ? []
    : [
        {
          at: where,
          value: `${exact ? '' : 'at least '}${size} characters`,
          problem: `is over ${max.toLocaleString('en-US')}; ${rejected}`,
        },
      ];
}

export const IAM_ROLE_NAME = nameRule(
  {
    id: 'IAM_ROLE_NAME',
    resourceType: IAM_ROLE,
    constraint: 'An IAM role name is 1 to 64 characters: letters, digits and + = , . @ _ -.',
    source: 'IAM API CreateRole RoleName (pattern [\\w+=,.@-]+, 1-64) / CloudFormation AWS::IAM::Role RoleName',
    cfnProperty: 'RoleName',
    prop: 'roleName',
    fix: 'give a role name of at most 64 letters, digits and + = , . @ _ -, or leave it out for a generated one',
    min: 1,
    max: 64,
    pattern: NAME_CHARS,
    chars: 'letters, digits and + = , . @ _ -',
    rejected: 'IAM rejects it (ValidationError)',
  },
  (props) => [{ value: props.RoleName }],
);

export const IAM_POLICY_NAME = nameRule(
  {
    id: 'IAM_POLICY_NAME',
    resourceType: `${IAM_ROLE}, ${IAM_POLICY}, ${IAM_MANAGED_POLICY}`,
    constraint: 'An IAM policy name (inline or managed) is 1 to 128 characters: letters, digits and + = , . @ _ -.',
    source: 'IAM API PutRolePolicy PolicyName / CreatePolicy PolicyName (pattern [\\w+=,.@-]+, 1-128)',
    cfnProperty: 'PolicyName',
    prop: 'policyName',
    fix: 'give a policy name of at most 128 letters, digits and + = , . @ _ -',
    min: 1,
    max: 128,
    pattern: NAME_CHARS,
    chars: 'letters, digits and + = , . @ _ -',
    rejected: 'IAM rejects it (ValidationError)',
  },
  (props) => [
    ...(props.PolicyName !== undefined ? [{ value: props.PolicyName }] : []),
    ...(props.ManagedPolicyName !== undefined ? [{ at: 'ManagedPolicyName', value: props.ManagedPolicyName }] : []),
    ...inlinePolicies(props).map((p) => ({ at: `${p.at}.PolicyName`, value: p.name })),
  ],
);

export const IAM_PATH = resourceRule(
  {
    id: 'IAM_PATH',
    resourceType: `${IAM_ROLE}, ${IAM_MANAGED_POLICY}`,
    constraint: 'An IAM path is / or starts and ends with /, 1 to 512 printable ASCII characters.',
    source: 'IAM API CreateRole Path / CreatePolicy Path (pattern (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F), 1-512)',
    cfnProperty: 'Path',
    prop: 'path',
    fix: "give a path such as '/' or '/cloudtrail/'",
  },
  (props) => {
    const path = asLiteral(props.Path);
    if (path === undefined) return [];
    if (path.length > 512) {
      return [{ value: path, problem: `is ${path.length} characters long, over 512; IAM rejects it` }];
    }
    return PATH.test(path)
      ? []
      : [
          {
            value: path,
            problem:
              "does not start and end with '/' or holds a space or a character outside printable ASCII; IAM rejects it",
          },
        ];
  },
);

export const IAM_ROLE_MAX_SESSION_DURATION = resourceRule(
  {
    id: 'IAM_ROLE_MAX_SESSION_DURATION',
    resourceType: IAM_ROLE,
    constraint: "A role's maximum session duration is 3,600 to 43,200 seconds (1 to 12 hours).",
    source: 'IAM API CreateRole MaxSessionDuration (3600-43200) / CloudFormation AWS::IAM::Role MaxSessionDuration',
    cfnProperty: 'MaxSessionDuration',
    prop: 'maxSessionDuration',
    fix: 'give a duration of 1 to 12 hours, e.g. Duration.hours(1)',
  },
  (props) => {
    const value = props.MaxSessionDuration;
    const seconds = asNumber(value);
    if (seconds === undefined || Number.isNaN(seconds)) return [];
    return seconds >= 3600 && seconds <= 43200 && Number.isInteger(seconds)
      ? []
      : [{ value, problem: 'seconds is not a whole number from 3,600 to 43,200; IAM rejects it' }];
  },
);

export const IAM_ROLE_DESCRIPTION = resourceRule(
  {
    id: 'IAM_ROLE_DESCRIPTION',
    resourceType: `${IAM_ROLE}, ${IAM_MANAGED_POLICY}`,
    constraint:
      "A role or managed policy description is at most 1,000 characters (a role's of Latin-1 characters without control characters).",
    source:
      'IAM API CreateRole Description (pattern [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*, 0-1000) / CreatePolicy Description',
    cfnProperty: 'Description',
    prop: 'description',
    fix: 'shorten the description to 1,000 characters of Latin-1 text',
  },
  (props) => {
    const text = asLiteral(props.Description);
    if (text === undefined) return [];
    if (text.length > 1000) {
      return [{ value: text, problem: `is ${text.length} characters long, over 1,000; IAM rejects it` }];
    }
    return /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/.test(text)
      ? []
      : [{ value: text, problem: 'holds characters outside Latin-1 (or control characters); IAM rejects it' }];
  },
);

export const IAM_INLINE_POLICY_SIZE = resourceRule(
  {
    id: 'IAM_INLINE_POLICY_SIZE',
    resourceType: `${IAM_ROLE}, ${IAM_POLICY}`,
    constraint: "A role's inline policies together hold at most 10,240 characters, white space not counted.",
    source: `${QUOTAS}: role policy size cannot exceed 10,240 characters (aggregate of inline policies)`,
    cfnProperty: 'Policies',
    prop: 'inlinePolicies',
    fix: 'move statements to a customer managed policy (up to 6,144 characters each, 10 or more per role), or merge statements on the same resources',
  },
  (props) => {
    if (props.PolicyDocument !== undefined) {
      // An AWS::IAM::Policy is one inline policy of each role it names; the aggregate with the role's others is checked
      // per role.
      return sizeFinding(
        iamPolicySize(props.PolicyDocument),
        10240,
        'PolicyDocument',
        'IAM rejects it with LimitExceeded',
        false,
      );
    }
    const policies = inlinePolicies(props);
    if (policies.length === 0) return [];
    const total = policies.reduce((sum, p) => sum + iamPolicySize(p.document), 0);
    return sizeFinding(
      total,
      10240,
      undefined,
      'IAM refuses the last policy that takes the role over it (LimitExceeded)',
      false,
    );
  },
);

export const IAM_MANAGED_POLICY_SIZE = resourceRule(
  {
    id: 'IAM_MANAGED_POLICY_SIZE',
    resourceType: IAM_MANAGED_POLICY,
    constraint: 'A managed policy holds at most 6,144 characters, white space not counted.',
    source: `${QUOTAS}: managed policy size cannot exceed 6,144 characters`,
    cfnProperty: 'PolicyDocument',
    prop: 'document',
    fix: 'split the statements across two managed policies, or merge statements on the same resources',
  },
  (props) =>
    sizeFinding(iamPolicySize(props.PolicyDocument), 6144, undefined, 'IAM rejects it with LimitExceeded', false),
);

export const IAM_TRUST_POLICY_SIZE = resourceRule(
  {
    id: 'IAM_TRUST_POLICY_SIZE',
    resourceType: IAM_ROLE,
    constraint:
      'A role trust policy holds at most 2,048 characters by default (a quota raisable to 4,096), white space not counted.',
    source: `${QUOTAS}: role trust policy length 2,048 characters (adjustable to 4,096)`,
    cfnProperty: 'AssumeRolePolicyDocument',
    prop: 'assumedBy',
    fix: 'trust fewer principals (one statement per service), or raise the quota in Service Quotas to 4,096 and acknowledge',
    severity: TrailRuleSeverity.WARNING,
  },
  (props) =>
    sizeFinding(
      iamPolicySize(props.AssumeRolePolicyDocument),
      2048,
      undefined,
      "IAM rejects it unless the account's quota was raised",
      false,
    ),
);

export const IAM_POLICY_GRAMMAR = resourceRule(
  {
    id: 'IAM_POLICY_GRAMMAR',
    resourceType: `${IAM_ROLE}, ${IAM_POLICY}, ${IAM_MANAGED_POLICY}`,
    constraint:
      'A policy has Version 2012-10-17 (or 2008-10-17) and statements with Effect Allow or Deny, Action or NotAction, and Resource ' +
      '(identity policies) or Principal (trust policies).',
    source:
      'IAM User Guide, IAM JSON policy element reference (Version, Effect, Action, Resource, Principal) / MalformedPolicyDocument',
    cfnProperty: 'PolicyDocument',
    prop: 'document',
    fix: 'write statements with iam.PolicyStatement, which renders the grammar IAM reads',
  },
  (props) => [
    ...(props.PolicyDocument !== undefined ? grammarFindings(props.PolicyDocument, 'PolicyDocument', 'identity') : []),
    ...(props.AssumeRolePolicyDocument !== undefined
      ? grammarFindings(props.AssumeRolePolicyDocument, 'AssumeRolePolicyDocument', 'trust')
      : []),
    ...inlinePolicies(props).flatMap((p) => grammarFindings(p.document, `${p.at}.PolicyDocument`, 'identity')),
  ],
);

export const IAM_ROLE_TAGS = resourceRule(
  {
    id: 'IAM_ROLE_TAGS',
    resourceType: IAM_ROLE,
    constraint:
      'A role holds at most 50 tags; a key is 1 to 128 characters and a value at most 256, of letters, digits, spaces and _ . : / = + - @; ' +
      'keys are unique (case-insensitively) and do not start with aws:.',
    source:
      'IAM User Guide, tagging IAM resources (tag naming rules) / IAM API Tag (Key 1-128, Value 0-256, pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*); quotas: 50 tags',
    cfnProperty: 'Tags',
    prop: 'tags',
    fix: 'keep 50 tags at most, with keys of 1 to 128 and values of at most 256 letters, digits, spaces and _ . : / = + - @',
  },
  (props) => {
    const tags = asList(props.Tags);
    if (tags === undefined) return [];
    const findings: RuleFinding[] = [];
    if (tags.length > 50) {
      findings.push({ value: `${tags.length} tags`, problem: 'is over 50; IAM rejects the role (LimitExceeded)' });
    }
    const seen = new Set<string>();
    tags.forEach((tag, i) => {
      const key = asLiteral(asObject(tag)?.Key);
      const value = asLiteral(asObject(tag)?.Value);
      if (key !== undefined) {
        if (key.length < 1 || key.length > 128 || !TAG_CHARS.test(key)) {
          findings.push({
            at: `Tags[${i}].Key`,
            value: key,
            problem: 'is not 1 to 128 letters, digits, spaces and _ . : / = + - @; IAM rejects it',
          });
        } else if (/^aws:/i.test(key)) {
          findings.push({ at: `Tags[${i}].Key`, value: key, problem: 'starts with aws:, which AWS reserves' });
        } else if (seen.has(key.toLowerCase())) {
          findings.push({
            at: `Tags[${i}].Key`,
            value: key,
            problem: 'is given twice (IAM tag keys are case-insensitive); IAM rejects it',
          });
        }
        seen.add(key.toLowerCase());
      }
      if (value !== undefined && (value.length > 256 || !TAG_CHARS.test(value))) {
        findings.push({
          at: `Tags[${i}].Value`,
          value,
          problem: 'is not at most 256 letters, digits, spaces and _ . : / = + - @; IAM rejects it',
        });
      }
    });
    return findings;
  },
);

export const IAM_MANAGED_POLICIES_PER_ROLE = resourceRule(
  {
    id: 'IAM_MANAGED_POLICIES_PER_ROLE',
    resourceType: IAM_ROLE,
    constraint:
      "A role has at most 10 managed policies attached by default (a quota raisable to 20, CloudFormation's maximum).",
    source: `${QUOTAS}: managed policies attached to an IAM role, 10 (adjustable to 20) / CloudFormation AWS::IAM::Role ManagedPolicyArns maxItems 20`,
    cfnProperty: 'ManagedPolicyArns',
    prop: 'managedPolicies',
    fix: 'merge managed policies, or raise the quota in Service Quotas (at most 20) and acknowledge',
    severity: TrailRuleSeverity.WARNING,
  },
  (props) => {
    const arns = asList(props.ManagedPolicyArns);
    return arns === undefined || arns.length <= 10
      ? []
      : [
          {
            value: `${arns.length} policies`,
            problem: 'is over the default quota of 10; IAM refuses the eleventh unless the quota was raised',
          },
        ];
  },
);

/** The IAM rules by the resource type each reads, for `checkResources`. */
export const IAM_RULES_BY_TYPE: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  [IAM_ROLE]: [
    IAM_ROLE_NAME,
    IAM_POLICY_NAME,
    IAM_PATH,
    IAM_ROLE_MAX_SESSION_DURATION,
    IAM_ROLE_DESCRIPTION,
    IAM_INLINE_POLICY_SIZE,
    IAM_TRUST_POLICY_SIZE,
    IAM_POLICY_GRAMMAR,
    IAM_ROLE_TAGS,
    IAM_MANAGED_POLICIES_PER_ROLE,
  ],
  [IAM_POLICY]: [IAM_POLICY_NAME, IAM_INLINE_POLICY_SIZE, IAM_POLICY_GRAMMAR],
  [IAM_MANAGED_POLICY]: [IAM_POLICY_NAME, IAM_PATH, IAM_ROLE_DESCRIPTION, IAM_MANAGED_POLICY_SIZE, IAM_POLICY_GRAMMAR],
};

export const IAM_RULES: readonly Rule<Properties>[] = [
  IAM_ROLE_NAME,
  IAM_POLICY_NAME,
  IAM_PATH,
  IAM_ROLE_MAX_SESSION_DURATION,
  IAM_ROLE_DESCRIPTION,
  IAM_INLINE_POLICY_SIZE,
  IAM_MANAGED_POLICY_SIZE,
  IAM_TRUST_POLICY_SIZE,
  IAM_POLICY_GRAMMAR,
  IAM_ROLE_TAGS,
  IAM_MANAGED_POLICIES_PER_ROLE,
];

export const IAM_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'IAM_ROLE_NAME_UNIQUE',
    resourceType: IAM_ROLE,
    constraint: 'A role name is unique in the account, case-insensitively (EntityAlreadyExists).',
    source:
      'IAM API CreateRole errors EntityAlreadyExists / IAM User Guide, IAM identifiers (friendly names are case-insensitive)',
    unchecked:
      'roles the account already has are not known at synth; this library names no role itself (CloudFormation generates unique names)',
  },
  {
    id: 'IAM_INLINE_POLICY_AGGREGATE',
    resourceType: IAM_POLICY,
    constraint:
      "The 10,240-character aggregate of a role's inline policies counts every AWS::IAM::Policy attached to it as well as its Policies.",
    source: `${QUOTAS}: role policy size (aggregate)`,
    unchecked:
      'the policies of one role may be in several stacks, or added to an imported role, and a role named by a token cannot be matched; ' +
      'each resource is checked on its own (IAM_INLINE_POLICY_SIZE), and IAM reports the aggregate at deploy (LimitExceeded)',
  },
  {
    id: 'IAM_PRINCIPALS_EXIST',
    resourceType: IAM_ROLE,
    constraint:
      'A principal a trust or resource policy names exists when the policy is saved (MalformedPolicyDocument: Invalid principal).',
    source:
      'IAM User Guide, AWS JSON policy elements: Principal (IAM checks role and user principals when the policy is saved)',
    unchecked:
      "whether a role or user exists is the account's state; service principals are written by aws-cdk-lib from its own list",
  },
  {
    id: 'IAM_ROLES_PER_ACCOUNT',
    resourceType: IAM_ROLE,
    constraint: 'An account holds at most 1,000 roles by default (raisable to 5,000).',
    source: `${QUOTAS}: roles in an AWS account`,
    unchecked: 'the roles an account already holds are not known at synth; IAM reports LimitExceeded at deploy',
  },
];
