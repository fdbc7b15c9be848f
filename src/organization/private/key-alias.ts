import { Resource } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';

/*
 * How the guardrails name a KMS key. KMS authorizes ScheduleKeyDeletion, DisableKey and PutKeyPolicy on the key's ARN
 * (`...:key/<id>`), never on an alias ARN, so a statement whose only Resource is an alias ARN protects nothing. A key
 * known by an alias (a `kms.Alias`, made or imported, or `kms.Key.fromKeyArn` of an alias ARN, literal or made with
 * `formatArn`) is matched by `kms:ResourceAliases` on every key of the alias's account and Region, or by the target
 * key's ARN when this app makes the alias; the alias itself is protected too.
 */

/** The key as the guardrails name it. */
export interface GuardedKey {
  /** The key's ARN, when known. */
  readonly keyArn?: string;
  /** The alias's ARN, when the key is known by an alias. */
  readonly keyAliasArn?: string;
  /** The alias name (`alias/...`, literal). */
  readonly keyAliasName?: string;
  /** Every key of the alias's account and Region (`...:key/*`), narrowed by `kms:ResourceAliases`. */
  readonly aliasedKeysArn?: string;
}

// The alias name must be literal; the partition, Region and account may be tokens (formatArn of this app).
const ALIAS_ARN = /^(arn:.+:kms:[^:]*:[^:]*:)(alias\/[a-zA-Z0-9/_-]+)$/;

export function guardedKey(key: kms.IKey): GuardedKey {
  const alias = key as Partial<kms.IAlias>;
  // An alias this app makes knows its target key (its name may be a token); one imported by name does not
  // (aliasTargetKey throws), and is matched by its name like an alias ARN.
  if (typeof alias.aliasName === 'string' && Resource.isOwnedResource(key) && alias.aliasTargetKey) {
    return { keyArn: alias.aliasTargetKey.keyArn, keyAliasArn: key.keyArn };
  }
  const match = ALIAS_ARN.exec(key.keyArn);
  if (match) return { keyAliasArn: key.keyArn, keyAliasName: match[2], aliasedKeysArn: `${match[1]}key/*` };
  return { keyArn: key.keyArn };
}
