import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Statement ids must be unique within a policy; the n-th statement of a kind gets `n` appended
 * (the first keeps the plain id).
 */
export function numberedSid(statement: iam.PolicyStatement, n: number): iam.PolicyStatement {
  if (n <= 1 || !statement.sid) return statement;
  return statement.copy({ sid: `${statement.sid}${n}` });
}
