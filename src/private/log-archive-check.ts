import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { flattenIntrinsics } from './intrinsics';
import { warnStatementsToAdd } from './resource-policies';

/**
 * A trail may write to a bucket it knows only by name (in another account, say). If a bucket of that
 * name is defined in the same app, check at synth that its policy holds the statements the trail needs;
 * otherwise warn with them, as for any bucket the app does not manage.
 *
 * @param statementsFor builds the needed statements for a given bucket ARN (the real bucket's, when found)
 */
export function checkExternalBucket(
  trail: IConstruct,
  bucketName: string,
  statementsFor: (bucketArn: string) => iam.PolicyStatement[],
  fallbackArn: string,
): void {
  if (Token.isUnresolved(bucketName)) {
    warnStatementsToAdd(trail, 'bucketPolicy', `The S3 bucket ${bucketName}`, statementsFor(fallbackArn));
    return;
  }
  trail.node.addValidation({
    validate: () => {
      const owner = findBucketNamed(trail.node.root, bucketName);
      if (!owner) {
        warnStatementsToAdd(trail, 'bucketPolicy', `The S3 bucket ${bucketName}`, statementsFor(fallbackArn));
        return [];
      }
      const stack = Stack.of(owner);
      const held = (owner.policy ? stack.resolve(owner.policy.document.toJSON())?.Statement ?? [] : []) as unknown[];
      const heldKeys = new Set(held.map(withoutSid));
      const missing = statementsFor(owner.bucketArn).filter((s) => !heldKeys.has(withoutSid(stack.resolve(s.toStatementJson()))));
      if (missing.length === 0) return [];
      return [`the log bucket '${bucketName}' (${owner.node.path}) does not allow this trail to write: its policy lacks ` +
        `${missing.map((s) => s.sid ?? 'a statement').join(', ')}. On that bucket call allowTrailArn(<this trail's ARN>, ` +
        '{ s3KeyPrefix, organizationId }) with the same prefix and organization as this trail.'];
    },
  });
}

function isIntrinsic(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value)
    && Object.keys(value).length === 1 && /^(Ref|Fn::)/.test(Object.keys(value)[0]);
}

function findBucketNamed(root: IConstruct, bucketName: string): s3.Bucket | undefined {
  for (const construct of root.node.findAll()) {
    if (!(construct instanceof s3.Bucket)) continue;
    const name = (construct.node.defaultChild as s3.CfnBucket | undefined)?.bucketName;
    if (name === bucketName) return construct;
  }
  return undefined;
}

/** A statement as JSON text without its Sid: statement ids differ by order of calls, not by meaning. */
function withoutSid(statement: unknown): string {
  const { Sid: _sid, ...rest } = statement as Record<string, unknown>;
  return canonical(rest);
}

/**
 * JSON with object keys sorted at every level and intrinsics rendered as text, so equal statements give
 * equal text. The partition is the same on both sides, written `aws` or `${AWS::Partition}`: one form.
 */
function canonical(value: unknown): string {
  if (isIntrinsic(value)) return canonical(flattenIntrinsics(value, '${', '}'));
  if (typeof value === 'string') return JSON.stringify(value.replace(/arn:(\$\{AWS::Partition\}|aws[a-z-]*):/g, 'arn:<partition>:'));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
