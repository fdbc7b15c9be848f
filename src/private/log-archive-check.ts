import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { flattenIntrinsics, isIntrinsic } from './intrinsics';
import { warnStatementsToAdd } from './resource-policies';

/** A resource of this app whose policy can be read: a bucket or a key found by name or alias. */
export interface PolicyHolder {
  readonly construct: IConstruct;
  readonly arn: string;
  /** The policy document, or something that resolves to it. */
  readonly policy?: unknown;
}

/** What the trail needs from one external resource, and how to find that resource in the app. */
export interface ExternalResourceCheck {
  /** Warning id suffix, e.g. `bucketPolicy`. */
  readonly warningId: string;
  /** How the resource is named in messages. */
  readonly what: string;
  /** The name or alias the trail knows the resource by; a token cannot be looked up. */
  readonly lookupName: string;
  /** Finds the resource in the app by that name. */
  readonly find: (root: IConstruct, name: string) => PolicyHolder | undefined;
  /** The statements the trail needs, for a given resource ARN. */
  readonly statementsFor: (arn: string) => iam.PolicyStatement[];
  /** The ARN the trail knows the resource by. */
  readonly knownArn: string;
  /** What to call on the resource to add the statements. */
  readonly fix: string;
}

/**
 * A trail may use a bucket or key it knows only by name or alias (in another account, say). If such a
 * resource is defined in the same app, check at synth that its policy holds the statements the trail
 * needs; otherwise warn with them, as for any resource the app does not manage.
 */
export function checkExternalResource(trail: IConstruct, check: ExternalResourceCheck): void {
  const warn = () => warnStatementsToAdd(trail, check.warningId, check.what, check.statementsFor(check.knownArn));
  if (Token.isUnresolved(check.lookupName)) {
    warn();
    return;
  }
  trail.node.addValidation({
    validate: () => {
      const owner = check.find(trail.node.root, check.lookupName);
      if (!owner) {
        warn();
        return [];
      }
      const stack = Stack.of(owner.construct);
      const held = (owner.policy ? stack.resolve(owner.policy)?.Statement ?? [] : []) as unknown[];
      const heldKeys = new Set(held.map(withoutSid));
      const missing = check.statementsFor(owner.arn).filter((s) => !heldKeys.has(withoutSid(stack.resolve(s.toStatementJson()))));
      if (missing.length === 0) return [];
      return [`${check.what} (${owner.construct.node.path}) does not allow this trail: its policy lacks ` +
        `${missing.map((s) => s.sid ?? 'a statement').join(', ')}. ${check.fix}`];
    },
  });
}

/** Finds a bucket of this app by its physical name. */
export function findBucketNamed(root: IConstruct, bucketName: string): PolicyHolder | undefined {
  for (const construct of root.node.findAll()) {
    if (!(construct instanceof s3.Bucket)) continue;
    const name = (construct.node.defaultChild as s3.CfnBucket | undefined)?.bucketName;
    if (name === bucketName) return { construct, arn: construct.bucketArn, policy: construct.policy?.document };
  }
  return undefined;
}

/** Finds a key of this app by one of its aliases (`alias/...`). */
export function findKeyByAlias(root: IConstruct, aliasName: string): PolicyHolder | undefined {
  for (const construct of root.node.findAll()) {
    if (!(construct instanceof kms.Alias) || (construct.node.defaultChild as kms.CfnAlias).aliasName !== aliasName) continue;
    const key = construct.aliasTargetKey;
    // The L1 holds the rendered key policy (the L2 keeps its document protected).
    if (key instanceof kms.Key) return { construct: key, arn: key.keyArn, policy: (key.node.defaultChild as kms.CfnKey).keyPolicy };
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
