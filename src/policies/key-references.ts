/*
 * IAM evaluates every KMS key call against the key's ARN (`...:key/<id>`), never an alias ARN: a statement whose
 * Resource is an alias ARN matches no request. A key known only by its alias (`kms.Key.fromKeyArn` of an alias ARN,
 * as a log-archive key is often referred to) is matched instead by every key of the alias's account and Region that
 * carries the alias (`kms:ResourceAliases`; KMS Developer Guide, "Using aliases to control access to KMS keys").
 */

const ALIAS_ARN = /^(arn:[^:]+:kms:[^:]*:[^:]*:)(alias\/.+)$/;

/** Statement resources and condition that match the key an alias ARN names. */
export interface AliasedKeys {
  readonly keys: string;
  readonly condition: Record<string, Record<string, string>>;
}

/** The keys an alias ARN names, or undefined when the value is not a literal alias ARN. */
export function aliasedKeys(arn: string): AliasedKeys | undefined {
  const match = ALIAS_ARN.exec(arn);
  if (!match) return undefined;
  return { keys: `${match[1]}key/*`, condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': match[2] } } };
}
