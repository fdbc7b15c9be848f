import { DefaultStackSynthesizer, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { arnLike } from './guardrail-checks';

/*
 * The roles that deploy the stacks the guardrails protect. Every update of those stacks rewrites the guarded bucket,
 * key and log group policies, so the service control policy must exempt their CloudFormation execution roles; these
 * helpers name CDK's default one and read the one a stack's synthesizer uses, through aws-cdk-lib's public API.
 */

/** CDK's bootstrap CloudFormation execution role of the default qualifier, in every partition and account. */
export const DEFAULT_DEPLOY_ROLE = `arn:*:iam::*:role/cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-cfn-exec-role-*`;

/**
 * Whether a deploy role pattern adds nothing to the break-glass patterns: it is one of them, or a break-glass pattern
 * matches its example in the commercial partition (a list that already names CDK's role keeps its policy unchanged).
 */
export function covered(role: string, breakGlass: string[]): boolean {
  if (Token.isUnresolved(role)) return breakGlass.includes(role);
  const example = role.replace(/^arn:\*:/, 'arn:aws:').replace(/\*/g, '123456789012');
  return breakGlass.some((arn) => arn === role || (!Token.isUnresolved(arn) && arnLike(arn, example)));
}

/** The stack a construct is deployed with: a nested stack's resources are deployed by its top-level stack's role. */
export function topStack(construct: IConstruct): Stack {
  let stack = Stack.of(construct);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
}

/** A role ARN of a synthesizer as a literal example (the stack's account and Region, or stand-ins), or undefined. */
export function exampleArn(stack: Stack, arn: string): string | undefined {
  const literal = (value: string, standIn: string) => (Token.isUnresolved(value) ? standIn : value);
  const text = arn
    .replace(/\$\{AWS::Partition\}/g, 'aws')
    .replace(/\$\{AWS::AccountId\}/g, literal(stack.account, '123456789012'))
    .replace(/\$\{AWS::Region\}/g, literal(stack.region, 'us-east-1'));
  if (!Token.isUnresolved(text)) return text;
  // The partition is a token once the synthesizer has specialized the ARN for the stack.
  const resolved = stack.resolve(text);
  return typeof resolved === 'string' ? resolved : resolvedJoin(resolved);
}

/** `Fn::Join` of literals and `AWS::Partition`, as a literal. */
function resolvedJoin(value: any): string | undefined {
  const parts = value?.['Fn::Join']?.[1];
  if (!Array.isArray(parts)) return undefined;
  const texts = parts.map((p) => {
    if (typeof p === 'string') return p;
    return p?.Ref === 'AWS::Partition' ? 'aws' : undefined;
  });
  return texts.every((t) => t !== undefined) ? texts.join('') : undefined;
}

/** The pattern to exempt a synthesizer's role in every account: account, Region and partition as wildcards. */
export function patternFor(stack: Stack, arn: string): string {
  let pattern = arn.replace(/^arn:[^:]+:/, 'arn:*:');
  for (const value of [stack.account, stack.region]) {
    if (!Token.isUnresolved(value)) pattern = pattern.split(value).join('*');
  }
  return pattern;
}
