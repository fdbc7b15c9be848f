import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** Anything with a resource policy this library may need to extend (bucket, key, topic). */
export interface IResourceWithPolicyLike extends IConstruct {
  addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;
}

const sidCounts = new WeakMap<IConstruct, Map<string, number>>();

/**
 * Adds a statement to a resource policy with a statement id unique in that policy: the n-th statement
 * of a kind (two trails sharing a key, say) gets `n` appended, the first keeps the plain id.
 */
export function addWithUniqueSid(resource: IResourceWithPolicyLike, statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
  const sid = statement.sid;
  if (!sid) return resource.addToResourcePolicy(statement);
  const counts = sidCounts.get(resource) ?? new Map<string, number>();
  sidCounts.set(resource, counts);
  const n = (counts.get(sid) ?? 0) + 1;
  const result = resource.addToResourcePolicy(n === 1 ? statement : statement.copy({ sid: `${sid}${n}` }));
  if (result.statementAdded) counts.set(sid, n);
  return result;
}
