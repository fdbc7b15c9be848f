import { Names, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * What the names a trail derives for its key alias and topic are built on. A valid literal trail name, with '.' as
 * '-' (neither a KMS alias nor an SNS topic name takes '.'), keeps the names deployed trails have. A token cannot be
 * edited at synth (CloudFormation has no replace function), and a name with other characters (or an ARN) would make
 * the alias or topic throw before the trail-name rules report it: both use the trail's unique construct id.
 */
export function derivedNameBase(trail: IConstruct, trailName: string): string {
  if (Token.isUnresolved(trailName) || !/^[A-Za-z0-9._-]{1,128}$/.test(trailName)) {
    return Names.uniqueResourceName(trail, { maxLength: 128 });
  }
  return trailName.replace(/\./g, '-');
}

/** The alias of the key a trail makes for itself. */
export function derivedKeyAlias(base: string): string {
  return `alias/cloudtrail/${base}`;
}

/** The name of the topic a trail makes for its log-delivery notifications. */
export function derivedTopicName(base: string): string {
  return `${base}-deliveries`;
}
