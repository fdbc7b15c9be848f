import { Stack, Token, TokenComparison } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkProps, PropNames, reportRules } from '../../validation/report';
import { TrailRuleSeverity } from '../../validation/rule-info';
import { Placement, QUERY_NAME_UNIQUE } from '../../validation/rules/athena';
import { Rule, RuleFinding } from '../../validation/rules/rule';

/*
 * The query constructs' own contracts on their props, in the one rule shape and reported at synth with every other
 * error: which props go together, which are required. AWS's constraints are in src/validation/rules (Glue, Athena,
 * identifiers); these are this library's, so they are not in the constraints catalog.
 */

/** What a construct was given, by prop, for the rules below. */
export type GivenProps = Readonly<Record<string, unknown>>;

const given = (value: unknown) => value !== undefined && value !== null;

/** A required prop, missing (JavaScript callers can pass nothing, or null). */
export const QUERY_REQUIRED_PROP: Rule<{ prop: string; value: unknown; what: string }> = {
  id: 'QUERY_REQUIRED_PROP',
  resourceType: '-',
  constraint: 'A prop the construct cannot work without is given.',
  source: 'cdk-cloudtrail-kit API reference',
  cfnProperty: '-',
  prop: '-',
  fix: 'give it',
  severity: TrailRuleSeverity.ERROR,
  check: ({ prop, value, what }) =>
    given(value) ? [] : [{ at: prop, problem: `is required: ${what}`, fix: `give ${prop}` }],
};

/** Where a TrailLogTable's log files are: a trail (with its bucket), or a bucket, never both, never neither. */
export interface LogSourceInput {
  readonly props: GivenProps;
  /** The path of the trail, when given. */
  readonly trailPath?: string;
  /** Whether the trail given knows its bucket. */
  readonly trailHasBucket?: boolean;
}

export const QUERY_LOG_SOURCE: Rule<LogSourceInput> = {
  id: 'QUERY_LOG_SOURCE',
  resourceType: '-',
  constraint:
    'A TrailLogTable is given a trail that knows its bucket, or a bucket (with the prefix and organization the trail writes under), not both.',
  source: 'cdk-cloudtrail-kit API reference, TrailLogTableProps',
  cfnProperty: '-',
  prop: '-',
  fix: "give 'trail' alone, or leave it out and give bucket, s3KeyPrefix and encryptionKey",
  severity: TrailRuleSeverity.ERROR,
  check: ({ props, trailPath, trailHasBucket }): RuleFinding[] => {
    if (trailPath !== undefined) {
      const twice = ['bucket', 's3KeyPrefix', 'encryptionKey'].filter((p) => given(props[p]));
      return [
        ...twice.map((p) => ({ at: p, problem: "cannot be given with 'trail': it is read from the trail" })),
        ...(trailHasBucket === false
          ? [
              {
                at: 'trail',
                value: trailPath,
                problem: 'was imported without its bucket, so the table does not know where its log files are',
                fix:
                  'import it with SecureTrail.fromTrailAttributes(scope, id, { trailArn, bucket, s3KeyPrefix, encryptionKey }), or give bucket ' +
                  '(and s3KeyPrefix) instead of trail',
              },
            ]
          : []),
      ];
    }
    return given(props.bucket)
      ? []
      : [
          {
            at: 'trail',
            problem: 'is not given, nor is bucket: the table needs to know where the log files are',
            fix: "give 'trail' (a SecureTrail, or a trail imported with its bucket) or 'bucket' (with s3KeyPrefix and organizationId as the trail writes there)",
          },
        ];
  },
};

/** An organization trail writes under its organization id: the table must know it, and only then. */
export const QUERY_ORGANIZATION_TRAIL: Rule<{
  trailPath: string;
  /** What the trail says (`ITrail.isOrganizationTrail`); undefined when it does not know. */
  isOrganizationTrail?: boolean;
  organizationId?: string;
}> = {
  id: 'QUERY_ORGANIZATION_TRAIL',
  resourceType: '-',
  constraint:
    'An organization trail writes under [prefix/]AWSLogs/<organization id>/<account>/, an account trail under [prefix/]AWSLogs/<account>/.',
  source: 'CloudTrail User Guide, finding your CloudTrail log files / creating a trail for an organization',
  cfnProperty: '-',
  prop: 'organizationId',
  fix: 'give organizationId for an organization trail, and only for one',
  severity: TrailRuleSeverity.ERROR,
  check: ({ trailPath, isOrganizationTrail, organizationId }) => {
    if (isOrganizationTrail === true && !organizationId) {
      return [
        {
          at: 'trail',
          value: trailPath,
          problem: 'is an organization trail, which writes under [prefix/]AWSLogs/<organization id>/<account>/',
          fix: 'give its organizationId (to the table, or when importing the trail)',
        },
      ];
    }
    if (organizationId && !Token.isUnresolved(organizationId) && isOrganizationTrail === false) {
      return [
        {
          value: organizationId,
          problem: `is given, but ${trailPath} is not an organization trail: it writes under [prefix/]AWSLogs/<account>/`,
          fix: 'remove organizationId',
        },
      ];
    }
    return [];
  },
};

/** Where a construct is deployed, for QUERY_SAME_ENVIRONMENT. */
export function placementOf(construct: IConstruct): Placement {
  const stack = Stack.of(construct);
  return { path: construct.node.path, account: stack.account, region: stack.region };
}

/** Reports a required prop that is missing; true when it is given. */
export function checkRequired(scope: IConstruct, prop: string, value: unknown, what: string): boolean {
  return checkProps(scope, [QUERY_REQUIRED_PROP], { prop, value, what });
}

/**
 * Fails synthesis (QUERY_NAME_UNIQUE) when another construct of the same kind in the app gives its resource the same
 * final name (read from the template, overrides and all) in the same account and Region: CloudFormation would create
 * the first and fail on the second. Only names, accounts and Regions known at synth are compared.
 */
export function checkUniqueName(
  construct: IConstruct,
  propNames: PropNames,
  name: (c: IConstruct) => string | undefined,
): void {
  construct.node.addValidation({
    validate: () => {
      const own = name(construct);
      if (own === undefined || Token.isUnresolved(own)) return [];
      const stack = Stack.of(construct);
      const others = construct.node.root.node
        .findAll()
        .filter((other) => other !== construct && name(other) === own && sameEnvironment(stack, Stack.of(other)))
        .map((other) => other.node.path);
      return reportRules(construct, [QUERY_NAME_UNIQUE], { name: own, others }, { propNames });
    },
  });
}

function sameEnvironment(a: Stack, b: Stack): boolean {
  return (
    Token.compareStrings(a.account, b.account) === TokenComparison.SAME &&
    Token.compareStrings(a.region, b.region) === TokenComparison.SAME
  );
}
