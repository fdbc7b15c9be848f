import { Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { flattenIntrinsics, isIntrinsic } from './intrinsics';
import { isAcknowledged, WARNING_PREFIX, warnStatementsToAdd } from './resource-policies';
import { WarningId } from './warnings';

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
  readonly warningId: WarningId;
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
      const held = ((owner.policy ? (stack.resolve(owner.policy)?.Statement ?? []) : []) as Json[]).map(readable);
      const needed = check.statementsFor(owner.arn).map((s) => readable(stack.resolve(s.toStatementJson())));
      const missing = needed.filter((n) => !held.some((h) => covers(h, n)));
      if (missing.length === 0) return [];
      const lacking = missing
        .filter((m) => difference(m, held) === undefined)
        .map((m) => String(m.Sid ?? 'a statement'));
      const problems = [
        ...(lacking.length > 0 ? [`its policy lacks ${lacking.join(', ')}`] : []),
        ...missing.map((m) => difference(m, held) ?? []),
      ].flat();
      const message = `${check.what} (${owner.construct.node.path}) does not allow this trail: ${problems.join('; ')}. ${check.fix}`;
      // In a stack of unknown account or Region the trail's ARN has holes, which a policy naming the account it
      // deploys to fills: a statement that differs only there is not known to be wrong.
      if (lacking.length > 0 || !/\$\{AWS::(AccountId|Region)\}/.test(JSON.stringify(missing))) return [message];
      const id = `${WARNING_PREFIX}:${check.warningId}`;
      if (!isAcknowledged(trail, id)) {
        Validations.of(trail).addWarning(
          id,
          `${message} This trail's account or Region is not known at synth, so check it yourself; then ` +
            `acknowledge: Validations.of(scope).acknowledge({ id: '${id}', reason: '...' }).`,
        );
      }
      return [];
    },
  });
}

type Json = Record<string, unknown>;

/** A statement as comparable text: intrinsics as `${...}`, one partition form, lists for single values. */
function readable(statement: Json): Json {
  const partition = (v: string) => v.replace(/arn:(\$\{AWS::Partition\}|aws[a-z-]*):/g, 'arn:<partition>:');
  const flat = (v: unknown): unknown => {
    if (isIntrinsic(v)) return partition(flattenIntrinsics(v, '${', '}'));
    if (Array.isArray(v)) return v.map(flat);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, flat(x)]));
    return typeof v === 'string' ? partition(v) : v;
  };
  return flat(statement) as Json;
}

const list = (v: unknown): string[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : canonical(x)));
const glob = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);
const LIKE = new Set(['ArnLike', 'StringLike']);

/**
 * Whether a held statement allows at least what a needed one does: the same effect and principal, every action and
 * resource (wildcards in the held one match), and each of its conditions met by the needed one's values (an ArnLike
 * pattern such as `arn:aws:cloudtrail:*:<account>:trail/*` meets the exact trail ARN).
 */
function covers(held: Json, needed: Json): boolean {
  if (held.Effect !== needed.Effect || canonical(held.Principal) !== canonical(needed.Principal)) return false;
  if (!list(needed.Action).every((a) => list(held.Action).some((h) => glob(h, a)))) return false;
  if (!list(needed.Resource).every((r) => list(held.Resource).some((h) => glob(h, r)))) return false;
  const neededValues = (key: string) =>
    Object.values((needed.Condition ?? {}) as Record<string, Json>)
      .map((c) => c[key])
      .find((v) => v !== undefined);
  return Object.entries((held.Condition ?? {}) as Record<string, Json>).every(([op, keys]) =>
    Object.entries(keys).every(([key, values]) => {
      const want = neededValues(key);
      return (
        want !== undefined && list(want).every((w) => list(values).some((h) => (LIKE.has(op) ? glob(h, w) : h === w)))
      );
    }),
  );
}

/** Where a statement of the missing one's Sid in the policy differs from it; undefined when there is none. */
function difference(needed: Json, held: Json[]): string | undefined {
  const same = held.find((h) => typeof h.Sid === 'string' && h.Sid.replace(/\d+$/, '') === needed.Sid);
  if (!same) return undefined;
  const field =
    ['Resource', 'Condition', 'Action', 'Principal'].find((f) => canonical(same[f]) !== canonical(needed[f])) ??
    'Effect';
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return `its policy has a statement ${same.Sid} but with ${field} '${text(same[field])}', where this trail needs '${text(needed[field])}'`;
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
    if (!(construct instanceof kms.Alias) || (construct.node.defaultChild as kms.CfnAlias).aliasName !== aliasName) {
      continue;
    }
    const key = construct.aliasTargetKey;
    // The L1 holds the rendered key policy (the L2 keeps its document protected).
    if (key instanceof kms.Key) {
      return { construct: key, arn: key.keyArn, policy: (key.node.defaultChild as kms.CfnKey).keyPolicy };
    }
  }
  return undefined;
}

/**
 * JSON with object keys sorted at every level and intrinsics rendered as text, so equal statements give
 * equal text. The partition is the same on both sides, written `aws` or `${AWS::Partition}`: one form.
 */
function canonical(value: unknown): string {
  if (isIntrinsic(value)) return canonical(flattenIntrinsics(value, '${', '}'));
  if (typeof value === 'string') {
    return JSON.stringify(value.replace(/arn:(\$\{AWS::Partition\}|aws[a-z-]*):/g, 'arn:<partition>:'));
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
