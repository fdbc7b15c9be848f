import { CfnResource, Stack, TagManager, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ITrail } from '../../interfaces/itrail';
import { kmsAliasOf } from '../../private/arns';
import { SecureTrailProps } from '../secure-trail-props';

/** The alias name (`alias/...`) in a KMS alias ARN, or the ARN itself when it is a token or a key ARN (never found). */
export function aliasOf(keyArn: string): string {
  return kmsAliasOf(keyArn) ?? keyArn;
}

/**
 * `managementAccountId` only means something for an organization trail. (A management account other than the stack's
 * makes the trail one created from a delegated administrator: see private/by-arn.ts.)
 */
export function checkOrganizationTrail(scope: ITrail, props: SecureTrailProps): void {
  const management = props.managementAccountId;
  if (management === undefined || Token.isUnresolved(management)) return;
  // Checked here, not against the stack's account, so env-agnostic stacks are checked too.
  if (!/^\d{12}$/.test(management)) {
    throw new Error(`${scope.node.path}: managementAccountId '${management}' is not a 12-digit AWS account id. `
      + 'Fix: give the 12-digit id of the organization\'s management account (MasterAccountId in `aws organizations describe-organization`).');
  }
  if (!props.organizationId) {
    throw new Error(`${scope.node.path}: 'managementAccountId' only applies to an organization trail; set 'organizationId' or remove it.`);
  }
}

/** Props that only apply to resources made here are an error, not silently ignored, when those are brought. */
export function checkProps(scope: ITrail, props: SecureTrailProps): void {
  const path = scope.node.path;
  if (props.bucket) {
    for (const name of ['accessLogsBucket', 'accessLogsExpiration', 'objectLockRetention', 'logFileTransitions', 'logFileExpiration'] as const) {
      if (props[name] !== undefined) {
        throw new Error(`${path}: '${name}' configures the log bucket this construct makes, but 'bucket' is given. ` +
          `Configure '${name}' on your bucket instead, or remove 'bucket'.`);
      }
    }
  }
  if (props.sendToCloudWatchLogs === false) {
    for (const name of ['cloudWatchLogGroup', 'cloudWatchLogsRole', 'cloudWatchLogsRetention', 'cloudWatchLogsEncryptionKey'] as const) {
      if (props[name] !== undefined) {
        throw new Error(`${path}: '${name}' is set but 'sendToCloudWatchLogs' is false. ` +
          `Remove '${name}', or set 'sendToCloudWatchLogs' to true.`);
      }
    }
  }
  for (const name of ['cloudWatchLogsRetention', 'cloudWatchLogsEncryptionKey'] as const) {
    if (props.cloudWatchLogGroup && props[name] !== undefined) {
      throw new Error(`${path}: '${name}' applies to a log group this construct makes, but ` +
        '\'cloudWatchLogGroup\' is given. Configure your log group instead.');
    }
  }
  if (props.sendSnsNotifications === false && props.snsTopic) {
    throw new Error(`${path}: 'snsTopic' is given but 'sendSnsNotifications' is false. Remove one of them.`);
  }
}

/** The characters every service the trail's tags reach accepts in a tag (IAM and S3 are the strictest). */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_CHARACTERS = 'letters, digits, spaces and _ . : / = + - @';

/**
 * `tags` go to every resource made here (Tags.of), so a character IAM refuses on the delivery role or S3 on the
 * buckets fails the deployment even where CloudTrail would take it. Count, length and `aws:` are the trail's rules.
 */
export function checkTags(scope: ITrail, tags: { readonly [key: string]: string } = {}): void {
  for (const [key, value] of Object.entries(tags)) {
    for (const [what, text] of [['key', key], ['value', value]]) {
      if (typeof text !== 'string' || Token.isUnresolved(text) || TAG_TEXT.test(text)) continue;
      throw new Error(`${scope.node.path}: tags ${what} '${text}' has a character IAM and S3 refuse in a tag (they accept ${TAG_CHARACTERS}), `
        + `and the trail's tags go to its role and buckets too. Fix: use only ${TAG_CHARACTERS}.`);
    }
  }
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
    validate: () => trail.node.findAll().flatMap((c) => {
      if (!CfnResource.isCfnResource(c) || !STRICT_TAG_TYPES.includes(c.cfnResourceType)) return [];
      // Each tag as the L1 takes it ({ key, value }, or Key and Value): its key and value are what IAM checks.
      const tags = (Stack.of(c).resolve(TagManager.of(c)?.renderTags()) ?? []) as Array<Record<string, unknown>>;
      return tags.flatMap((tag) => Object.values(tag)).filter((t): t is string => typeof t === 'string' && !TAG_TEXT.test(t))
        .map((text) => `${trail.node.path}: Tags.of() puts '${text}' in a tag of ${c.node.path} (${c.cfnResourceType}), a character `
          + `${c.cfnResourceType.split('::')[1]} refuses in a tag (it accepts ${TAG_CHARACTERS}). Fix: use only those characters, or leave `
          + `the type out: Tags.of(scope).add(key, value, { excludeResourceTypes: ['${c.cfnResourceType}'] }).`);
    }),
  });
}
