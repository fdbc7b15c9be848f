import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { kmsAliasOf } from '../../private/arns';
import { checkProps } from '../../validation/report';
import { ACCOUNT_ID, ORGANIZATION_ID, PropValues } from '../../validation/rules/identifiers';
import { SECURE_TRAIL_RULES, TAG_CHARACTERS, TAG_TEXT } from '../../validation/rules/secure-trail';
import { SNS_TOPIC_FIFO } from '../../validation/rules/sns';
import { SecureTrailProps } from '../secure-trail-props';

/** The alias name (`alias/...`) in a KMS alias ARN, or the ARN itself when it is a token or a key ARN (never found). */
export function aliasOf(keyArn: string): string {
  return kmsAliasOf(keyArn) ?? keyArn;
}

/**
 * The resource types made for a trail whose service refuses more in a tag than CloudTrail does: IAM (its Tag
 * pattern, in the API reference and the CloudFormation schema). S3 documents no pattern for bucket tags.
 */
const STRICT_TAG_TYPES = ['AWS::IAM::Role'];

/**
 * Tags added with `Tags.of()` on any scope above the trail reach its delivery role too, after the props are checked:
 * checked at synth on the tags it ends up with.
 */
export function checkAppliedTags(trail: IConstruct): void {
  trail.node.addValidation({
    validate: () =>
      trail.node.findAll().flatMap((c) => {
        if (!CfnResource.isCfnResource(c) || !STRICT_TAG_TYPES.includes(c.cfnResourceType)) return [];
        // Each tag as the L1 takes it ({ key, value }, or Key and Value): its key and value are what IAM checks.
        const tags = (Stack.of(c).resolve(TagManager.of(c)?.renderTags()) ?? []) as Array<Record<string, unknown>>;
        return tags
          .flatMap((tag) => Object.values(tag))
          .filter((t): t is string => typeof t === 'string' && !TAG_TEXT.test(t))
          .map(
            (text) =>
              `${trail.node.path}: Tags.of() puts '${text}' in a tag of ${c.node.path} (${c.cfnResourceType}), a character ` +
              `${c.cfnResourceType.split('::')[1]} refuses in a tag (it accepts ${TAG_CHARACTERS}). Fix: use only those characters, or leave ` +
              `the type out: Tags.of(scope).add(key, value, { excludeResourceTypes: ['${c.cfnResourceType}'] }).`,
          );
      }),
  });
}

/** An account id to build with: the given one when it is one (or a token), else none (its error is reported). */
export function usableAccount(account: string | undefined): string | undefined {
  return ACCOUNT_ID.check({ account }).length === 0 ? account : undefined;
}

/** Every check of SecureTrail's props, reported together at synth with the app's other errors. */
export function checkSecureTrailProps(trail: IConstruct, props: SecureTrailProps): void {
  checkProps(trail, [ACCOUNT_ID], { managementAccountId: props.managementAccountId });
  checkProps(trail, [ORGANIZATION_ID], { organizationId: props.organizationId });
  checkProps(trail, SECURE_TRAIL_RULES, props as PropValues);
  // CloudTrail cannot publish to a FIFO topic; a topic this construct makes is never one.
  checkProps(trail, [SNS_TOPIC_FIFO], { snsTopic: props.snsTopic });
  checkAppliedTags(trail);
}
