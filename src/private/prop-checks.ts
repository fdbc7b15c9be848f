import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/*
 * Checks of props that aws-cdk-lib would otherwise reject with its own words (or pass on to CloudFormation to
 * reject): each names the construct, the prop, the value and the fix.
 */

/** This library's error for a prop: the construct, what was given, what is wrong with it, and the fix. */
export function propError(path: string, given: string, problem: string, fix: string): Error {
  return new Error(`${path}: ${given} ${problem}. Fix: ${fix}`);
}

/**
 * A resource that must share a Region or an account with another: fails when both are known at synth and differ. A
 * token is never reported (CloudFormation settles it at deploy). `why` names whose ${what} it must be; `mine` follows.
 */
export function checkSameEnv(path: string, given: string, what: 'Region' | 'account', values: { theirs?: string; mine?: string },
  why: string, fix: string): void {
  const { theirs, mine } = values;
  if (theirs === undefined || mine === undefined || Token.isUnresolved(theirs) || Token.isUnresolved(mine) || theirs === mine) return;
  throw propError(path, given, `is in ${what} '${theirs}', but ${why} (${mine})`, fix);
}

/** A number of days for display: `1.5 days`, `8.33 days`. */
function daysText(days: number): string {
  return `${Number(days.toFixed(2))} days`;
}

/**
 * The whole days of a duration, or undefined for a token. S3 and KMS take whole days, and aws-cdk-lib's own
 * conversion fails without naming the construct or prop.
 */
export function wholeDays(path: string, prop: string, duration: Duration | undefined, min: number, max: number, what: string): number | undefined {
  if (duration === undefined || duration.isUnresolved()) return undefined;
  const days = duration.toDays({ integral: false });
  if (Number.isInteger(days) && days >= min && days <= max) return days;
  const range = max === Infinity ? `at least ${min} day${min === 1 ? '' : 's'}` : `${min} to ${max} days`;
  throw new Error(`${path}: '${prop}' '${daysText(days)}' is not a whole number of days from ${range}; ${what}. ` +
    `Fix: use whole days, ${range} (e.g. Duration.days(${Math.min(Math.max(Math.round(days), min), max)})).`);
}

/** CloudFormation's `DeletionPolicy: Snapshot` exists only for resources with snapshots: not buckets, keys or log groups. */
export function checkRemovalPolicy(path: string, policy: RemovalPolicy | undefined, type: string): void {
  if (policy !== RemovalPolicy.SNAPSHOT) return;
  throw new Error(`${path}: 'removalPolicy' '${policy}' is not supported by ${type}; CloudFormation rejects DeletionPolicy Snapshot ` +
    'on it. Fix: use RemovalPolicy.RETAIN (the default, which keeps the logs) or RemovalPolicy.DESTROY.');
}

/** Accounts of `allowAccountTrails`: at least one, each 12 digits (or a token), each once. */
export function accountList(path: string, accounts: string[] | undefined): string[] {
  if (!accounts || accounts.length === 0) {
    throw new Error(`${path}: allowAccountTrails 'accounts' is ${accounts ? 'empty' : 'missing'}. Fix: pass the ids of the accounts whose trails may write.`);
  }
  const bad = accounts.find((a) => typeof a !== 'string' || (!Token.isUnresolved(a) && !/^\d{12}$/.test(a)));
  if (bad !== undefined) {
    throw new Error(`${path}: allowAccountTrails 'accounts' holds '${bad}', which is not an AWS account id. Fix: give account ids of 12 digits.`);
  }
  return [...new Set(accounts)];
}

/**
 * Fails synthesis when a policy we write is over its service's size limit (the size of the policy as the template
 * holds it, a close estimate: references count at their template length).
 */
export function checkPolicySize(scope: IConstruct, document: () => unknown, limit: { bytes: number; what: () => string; fix: string }): void {
  scope.node.addValidation({
    validate: () => {
      const doc = document();
      if (doc === undefined) return [];
      const size = JSON.stringify(Stack.of(scope).resolve(doc)).length;
      return size <= limit.bytes ? [] : [`${scope.node.path}: ${limit.what()} is ${size} characters, over the ${limit.bytes} AWS allows. Fix: ${limit.fix}`];
    },
  });
}

/** A literal string prop against its service's pattern; tokens and unset values pass. */
export function checkPattern(path: string, prop: string, value: string | undefined, rule: { pattern: RegExp; what: string; fix: string }): void {
  if (value === undefined || Token.isUnresolved(value) || rule.pattern.test(value)) return;
  throw propError(path, `'${prop}' '${value.length > 80 ? `${value.slice(0, 80)}...` : value}'`, rule.what, `${rule.fix}.`);
}

/** S3 bucket naming rules (S3 User Guide bucketnamingrules): 3 to 63 of a-z, 0-9, '.', '-', a letter or digit at each end. */
export const BUCKET_NAME = {
  pattern: /^(?=.{3,63}$)[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
  what: 'is not a valid S3 bucket name (3 to 63 lowercase letters, digits, \'.\' and \'-\', starting and ending with a letter or digit)',
  fix: 'use a name such as \'my-trail-logs-111111111111\'',
};

/** AWS Organizations organization ids: `o-` and 10 to 32 lowercase letters or digits. */
export const ORGANIZATION_ID = {
  pattern: /^o-[a-z0-9]{10,32}$/,
  what: 'is not an AWS Organizations organization id (o- and 10 to 32 lowercase letters or digits)',
  fix: 'pass the id shown by \'aws organizations describe-organization\', e.g. \'o-abcdefghij\'',
};

/** A CloudTrail trail ARN: arn:<partition>:cloudtrail:<region>:<account>:trail/<name>. */
export const TRAIL_ARN = {
  pattern: /^arn:aws[a-z-]*:cloudtrail:[a-z0-9*-]+:\d{12}:trail\/.+$/,
  what: 'is not a trail ARN (arn:<partition>:cloudtrail:<region>:<account>:trail/<name>)',
  fix: 'pass the trail\'s ARN (trail.trailArn), not its name',
};
