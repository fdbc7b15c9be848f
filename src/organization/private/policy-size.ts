import { Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/*
 * AWS Organizations limits a service or resource control policy to 5,120 characters, counting every character of the
 * `Content` it is given ("All characters in your SCP count against its maximum size", Organizations User Guide,
 * quotas). CloudFormation's AWS::Organizations::Policy handler serializes an object Content with a default Jackson
 * ObjectMapper (aws-cloudformation-resource-providers-organizations, Translator.convertObjectToString): minified, so
 * the
 * size is the length of JSON.stringify. A value known only at deploy time counts as the longest value it can take.
 */

/** The most characters Organizations accepts in one SCP or RCP. */
export const POLICY_SIZE_LIMIT = 5120;

/**
 * The most policies of one type of this library a root, OU or account can hold: Organizations attaches at most five
 * SCPs, and five RCPs, to a target (quotas), and one of them is the full-access policy. These policies only deny, and a
 * target whose SCPs allow nothing denies everything, so FullAWSAccess (or an allow of your own) stays; RCPFullAWSAccess
 * cannot be detached. (An RCP of this library has at most six short statements, so it never reaches this.)
 */
export const DENY_POLICIES_PER_TARGET = 4;

/** What a value is, which bounds how long it can be once deployed. */
export type ValueKind = 'trailArn' | 'bucketArn' | 'keyArn' | 'logGroupArn' | 'principalArn' | 'organizationId';

// The longest values of the pseudo parameters: `aws-us-gov`; Region names are at most 14 characters today
// (ap-southeast-5, us-isof-south-1 has 15), 20 leaves room; account ids are 12 digits; `amazonaws.com.cn` and the
// ISO suffixes are under 20.
const PSEUDO: Record<string, number> = {
  'AWS::Partition': 10,
  'AWS::Region': 20,
  'AWS::AccountId': 12,
  'AWS::URLSuffix': 20,
};
const P = PSEUDO['AWS::Partition'];
const R = PSEUDO['AWS::Region'];
const A = PSEUDO['AWS::AccountId'];

/** The longest value of each kind: its ARN format with every part at its longest. */
const LONGEST: Record<ValueKind, number> = {
  // arn:<p>:cloudtrail:<r>:<a>:trail/<name of up to 128>
  trailArn: 'arn::cloudtrail:::trail/'.length + P + R + A + 128,
  // arn:<p>:s3:::<bucket of up to 63>
  bucketArn: 'arn::s3:::'.length + P + 63,
  // arn:<p>:kms:<r>:<a>:key/<36-character id, mrk- included>
  keyArn: 'arn::kms:::key/'.length + P + R + A + 36,
  // arn:<p>:logs:<r>:<a>:log-group:<name of up to 512>:*
  logGroupArn: 'arn::logs:::log-group::*'.length + P + R + A + 512,
  // arn:<p>:iam::<a>:role/<path of up to 512><name of up to 64>
  principalArn: 'arn::iam:::role'.length + P + A + 512 + 64,
  // o- and up to 32 characters
  organizationId: 2 + 32,
};

/**
 * The longest literal a value can become: a literal as it is, a pseudo parameter as its longest value, any other
 * token as the longest value of its kind.
 */
export function longestValue(scope: IConstruct, value: string, kind: ValueKind): string {
  if (!Token.isUnresolved(value)) return value;
  const stack = Stack.of(scope);
  let other = false;
  const rendered = Tokenization.reverseString(value)
    .mapTokens({
      mapToken: (token) => {
        const resolved = stack.resolve(token);
        const pseudo = typeof resolved?.Ref === 'string' ? PSEUDO[resolved.Ref] : undefined;
        if (pseudo === undefined) other = true;
        return 'x'.repeat(pseudo ?? 0);
      },
    })
    .join({ join: (left, right) => `${left}${right}` });
  return other ? 'x'.repeat(LONGEST[kind]) : String(rendered);
}

/** The characters one statement takes in a minified policy. */
export function statementSize(statement: iam.PolicyStatement): number {
  return JSON.stringify(statement.toStatementJson()).length;
}

/** The characters of a minified policy with no statement: `{"Version":"2012-10-17","Statement":[]}`. */
const EMPTY_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [] }).length;

/** The size of a minified policy of statements of these sizes. */
export function policySize(statementSizes: number[]): number {
  return EMPTY_POLICY + statementSizes.reduce((sum, size) => sum + size, 0) + Math.max(0, statementSizes.length - 1);
}

/**
 * Groups statements, in order, into as few policies as fit the limit. Returns the statement indexes of each policy,
 * or the index of a statement that does not fit even alone.
 */
export function packStatements(
  sizes: number[],
  limit = POLICY_SIZE_LIMIT,
): { policies: number[][] } | { tooLarge: number } {
  const policies: number[][] = [];
  for (let i = 0; i < sizes.length; i++) {
    if (policySize([sizes[i]]) > limit) return { tooLarge: i };
    const current = policies[policies.length - 1];
    if (current && policySize([...current.map((j) => sizes[j]), sizes[i]]) <= limit) current.push(i);
    else policies.push([i]);
  }
  return { policies };
}

/** The policy document, as the object `AWS::Organizations::Policy` takes (aws-cdk-lib checks Content is one). */
export function policyContent(statements: iam.PolicyStatement[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements.map((s) => s.toStatementJson()) };
}
