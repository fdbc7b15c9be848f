import { TrailRuleSeverity } from '../rule-info';
import { isUnknown } from '../values';
import { Rule, RuleFinding } from './rule';

/*
 * Identifiers every service takes in one form, written once for every construct that takes them: an account id, an
 * organization id, a Region. Each rule reads the props that hold one (`{ organizationId: ... }`), by their names, so a
 * finding names the prop as the user wrote it; a list is checked item by item (`accounts[2]`); a token is never wrong.
 */

/** Props by name, each a string, a list of strings, a token or unset. */
export type PropValues = Readonly<Record<string, unknown>>;

/** Each literal string among the props, with where it sits: `organizationId`, `accounts[2]`. */
export function literals(values: PropValues): Array<{ at: string; value: string }> {
  return Object.entries(values).flatMap(([prop, value]) => {
    if (value === undefined || value === null || isUnknown(value)) return [];
    if (Array.isArray(value)) {
      return value.flatMap((v, i) =>
        typeof v === 'string' && !isUnknown(v) ? [{ at: `${prop}[${i}]`, value: v }] : [],
      );
    }
    return typeof value === 'string' ? [{ at: prop, value }] : [];
  });
}

function formatRule(
  rule: Omit<Rule<PropValues>, 'check' | 'cfnProperty' | 'prop' | 'severity'>,
  pattern: RegExp,
  problem: string,
): Rule<PropValues> {
  return {
    ...rule,
    cfnProperty: '-',
    prop: '-',
    severity: TrailRuleSeverity.ERROR,
    check: (values): RuleFinding[] =>
      literals(values)
        .filter(({ value }) => !pattern.test(value))
        .map(({ at, value }) => ({ at, value, problem })),
  };
}

export const ACCOUNT_ID = formatRule(
  {
    id: 'ACCOUNT_ID',
    resourceType: '-',
    constraint: 'An AWS account id is 12 digits.',
    source:
      'AWS Organizations API Account.Id (pattern ^\\d{12}$) / Account Management Reference Guide, viewing account identifiers',
    fix: "give the 12-digit account id (aws sts get-caller-identity), e.g. '111122223333'",
  },
  /^\d{12}$/,
  'is not a 12-digit AWS account id; every service that takes it would reject it',
);

export const ORGANIZATION_ID = formatRule(
  {
    id: 'ORGANIZATION_ID',
    resourceType: '-',
    constraint: "An AWS Organizations organization id is 'o-' followed by 10 to 32 lowercase letters or digits.",
    source: 'AWS Organizations API Organization.Id (pattern ^o-[a-z0-9]{10,32}$)',
    fix: "pass the id shown by 'aws organizations describe-organization', e.g. 'o-a1b2c3d4e5'",
  },
  /^o-[a-z0-9]{10,32}$/,
  'is not an AWS Organizations organization id (o- and 10 to 32 lowercase letters or digits)',
);

export const REGION_NAME = formatRule(
  {
    id: 'REGION_NAME',
    resourceType: '-',
    constraint: 'A Region is written as its code: us-east-1, eu-central-2, us-gov-west-1, cn-north-1.',
    source: 'AWS General Reference, Regions and endpoints (Region codes)',
    fix: "give a Region code such as 'us-east-1'",
  },
  /^[a-z]{2,4}(-[a-z]+)+-\d+$/,
  'is not a Region code',
);

export const IDENTIFIER_RULES: readonly Rule<PropValues>[] = [ACCOUNT_ID, ORGANIZATION_ID, REGION_NAME];
