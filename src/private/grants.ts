import { Token, TokenComparison } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * One grant of several statements. With a resource, a grantee of another account (or without an identity policy)
 * also gets each statement in the resource's policy, conditions included: iam.Grant.addToPrincipalOrResource would
 * drop them there, and so allow listing the whole bucket or decrypting anything with the key.
 */
export function grantAll(
  grantee: iam.IGrantable,
  statements: iam.PolicyStatement[],
  resource?: iam.IResourceWithPolicyV2,
  resourceSelfArns?: string[],
): iam.Grant {
  return statements
    .map((statement) => {
      const options = {
        grantee,
        actions: statement.actions,
        resourceArns: statement.resources,
        conditions: Object.keys(statement.conditions).length > 0 ? statement.conditions : undefined,
      };
      const onPrincipal = iam.Grant.addToPrincipal(options);
      if (resource === undefined || (onPrincipal.success && sameAccount(resource, grantee))) return onPrincipal;
      const onResource = iam.Grant.addStatementToResourcePolicy({
        ...options,
        resource,
        statement: statement.copy({
          principals: [grantee.grantPrincipal],
          resources: resourceSelfArns ?? statement.resources,
        }),
      });
      return onPrincipal.combine(onResource);
    })
    .reduce((all, grant) => all.combine(grant));
}

/** Whether the grantee is of the resource's account, as iam.Grant decides it. */
function sameAccount(resource: iam.IResourceWithPolicyV2, grantee: iam.IGrantable): boolean {
  const principalAccount = grantee.grantPrincipal.principalAccount;
  if (principalAccount === undefined) return false;
  const comparison = Token.compareStrings(resource.env.account, principalAccount);
  return comparison === TokenComparison.SAME || comparison === TokenComparison.BOTH_UNRESOLVED;
}
