import { Stack, Token, TokenComparison } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Fails synthesis when another construct of the same kind in the app will create a resource of the same name in
 * the same account and Region: CloudFormation would create the first and fail on the second. Only names, accounts
 * and Regions known at synth are compared: a token may be anything, and is never reported.
 */
export function checkUniqueName(construct: IConstruct, prop: string, name: () => string, sameKind: (c: IConstruct) => string | undefined): void {
  construct.node.addValidation({
    validate: () => {
      const own = name();
      if (Token.isUnresolved(own)) return [];
      const stack = Stack.of(construct);
      const others = construct.node.root.node.findAll().filter((other) => other !== construct && sameKind(other) === own
        && sameEnvironment(stack, Stack.of(other)));
      return others.map((other) => `${prop} '${own}' is also the name of ${other.node.path} in the same account and Region; ` +
        `CloudFormation would fail to create the second. Give one of them another ${prop}.`);
    },
  });
}

function sameEnvironment(a: Stack, b: Stack): boolean {
  return Token.compareStrings(a.account, b.account) === TokenComparison.SAME
    && Token.compareStrings(a.region, b.region) === TokenComparison.SAME;
}
