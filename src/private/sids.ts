import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** Anything with a resource policy this library may need to extend (bucket, key, topic). */
export interface IResourceWithPolicyLike extends IConstruct {
  addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;
}

/** A statement added, and (worked out only when another of its Sid arrives) its content without the Sid. */
interface Added {
  readonly statement: iam.PolicyStatement;
  content?: string;
}

/** Set on a resource: the statements added to its policy under each Sid ('' for none). */
// On the resource, not in module state, so every loaded copy of the library numbers the same policy's Sids.
const ADDED = Symbol.for('cdk-cloudtrail-kit.addedStatements');

function addedBySid(resource: IConstruct): Map<string, Added[]> {
  const on = resource as unknown as Record<symbol, Map<string, Added[]> | undefined>;
  const existing = on[ADDED];
  if (existing) return existing;
  const bySid = new Map<string, Added[]>();
  Object.defineProperty(resource, ADDED, { value: bySid });
  return bySid;
}

function contentOf(resource: IConstruct, statement: iam.PolicyStatement): string {
  // Resolved: principals and other parts render as fresh tokens each time.
  const { Sid: _sid, ...content } = Stack.of(resource).resolve(statement.toStatementJson());
  return JSON.stringify(content);
}

/**
 * Adds a statement to a resource policy with a statement id unique in that policy: the n-th statement of a kind (two
 * trails sharing a key, say) gets `n` appended, the first keeps the plain id. A statement already added (two
 * constructs sharing one topic, say) is not added again. Statements are only compared (resolved) when a second one of
 * the same Sid arrives, so a policy of distinct statements costs nothing extra.
 */
export function addWithUniqueSid(
  resource: IResourceWithPolicyLike,
  statement: iam.PolicyStatement,
): iam.AddToResourcePolicyResult {
  const bySid = addedBySid(resource);
  const sid = statement.sid ?? '';
  const added = bySid.get(sid) ?? [];
  if (added.length > 0) {
    const content = contentOf(resource, statement);
    if (added.some((a) => (a.content ??= contentOf(resource, a.statement)) === content)) {
      return { statementAdded: true };
    }
  }
  const n = added.length + 1;
  const result = resource.addToResourcePolicy(sid && n > 1 ? statement.copy({ sid: `${sid}${n}` }) : statement);
  if (result.statementAdded) bySid.set(sid, [...added, { statement }]);
  return result;
}
