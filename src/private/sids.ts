import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** Anything with a resource policy this library may need to extend (bucket, key, topic). */
export interface IResourceWithPolicyLike extends IConstruct {
  addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;
}

interface PolicyState {
  /** How many statements of each Sid were added. */
  readonly counts: Map<string, number>;
  /** The statements added, without their Sid, so the same statement is not added twice. */
  readonly added: Set<string>;
}

const policies = new WeakMap<IConstruct, PolicyState>();

/**
 * Adds a statement to a resource policy with a statement id unique in that policy: the n-th statement
 * of a kind (two trails sharing a key, say) gets `n` appended, the first keeps the plain id. A statement
 * already added (two constructs sharing one topic, say) is not added again.
 */
export function addWithUniqueSid(resource: IResourceWithPolicyLike, statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
  const state = policies.get(resource) ?? { counts: new Map<string, number>(), added: new Set<string>() };
  policies.set(resource, state);
  // Resolved: principals and other parts render as fresh tokens each time.
  const { Sid: _sid, ...content } = Stack.of(resource).resolve(statement.toStatementJson());
  const key = JSON.stringify(content);
  if (state.added.has(key)) return { statementAdded: true };
  const sid = statement.sid;
  const n = sid ? (state.counts.get(sid) ?? 0) + 1 : 0;
  const result = resource.addToResourcePolicy(n > 1 ? statement.copy({ sid: `${sid}${n}` }) : statement);
  if (result.statementAdded) {
    state.added.add(key);
    if (sid) state.counts.set(sid, n);
  }
  return result;
}
