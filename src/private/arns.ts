import { Token } from 'aws-cdk-lib';

/*
 * Reading literal ARNs. A token is never parsed: each reader returns undefined for what is known only at deploy time.
 */

/** The parts of a literal ARN, or undefined for a token or something that is not an ARN. */
export function arnParts(
  arn: string,
): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  if (Token.isUnresolved(arn)) return undefined;
  const [prefix, partition, service, region, account, ...resource] = arn.split(':');
  if (prefix !== 'arn' || resource.length === 0) return undefined;
  return { partition, service, region, account, resource: resource.join(':') };
}

/** The account of a literal ARN (empty for an S3 bucket ARN), or undefined. */
export function arnAccount(arn: string): string | undefined {
  const account = arnParts(arn)?.account;
  return account ? account : undefined;
}

/** The alias name (`alias/...`) of a literal KMS alias ARN, or undefined for a key ARN or a token. */
export function kmsAliasOf(keyArn: string): string | undefined {
  const parts = arnParts(keyArn);
  return parts?.service === 'kms' && parts.resource.startsWith('alias/') ? parts.resource : undefined;
}
