import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkProps } from '../validation/report';
import { ACCOUNT_ID } from '../validation/rules/identifiers';
import { TRAIL_ACCOUNTS_GIVEN } from '../validation/rules/s3';

/*
 * What the constructs of several folders do with a checked prop. Every check is a rule of src/validation/rules,
 * reported at synth through checkProps; these only say which values the construct then keeps.
 */

/** The accounts of `allowAccountTrails`, each once, without those a rule rejects (reported at synth, with the others). */
export function checkedAccounts(scope: IConstruct, accounts: string[] | undefined): string[] {
  checkProps(scope, [TRAIL_ACCOUNTS_GIVEN, ACCOUNT_ID], { accounts });
  const valid = (accounts ?? []).filter((a) => typeof a === 'string' && ACCOUNT_ID.check({ account: a }).length === 0);
  return [...new Set(valid)];
}

/**
 * Fails synthesis when a policy we write is over its service's size limit (the size of the policy as the template
 * holds it, a close estimate: references count at their template length). Left for the IAM managed policy of the
 * CloudWatch Logs delivery role, until the IAM section of the catalog has its rule.
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
