import * as events from 'aws-cdk-lib/aws-events';

/**
 * Options of `ITrail.onCloudTrailEvent`: which API calls the rule matches and where they go.
 */
export interface OnCloudTrailEventOptions {
  /**
   * Match calls to these services only, given as CloudTrail event sources (`s3.amazonaws.com`, `iam.amazonaws.com`).
   * The rule then matches `source` (`aws.s3`) and `detail.eventSource`.
   *
   * @default - calls to every service
   */
  readonly services?: string[];

  /**
   * Match these API calls only, by name as CloudTrail records it (`PutBucketPolicy`, `StopLogging`).
   *
   * @default - every API call
   */
  readonly eventNames?: string[];

  /**
   * Further conditions, merged into the pattern (lists are joined, objects merged).
   *
   * @default - no further conditions
   */
  readonly eventPattern?: events.EventPattern;

  /**
   * Where matching events go.
   *
   * @default - no target; add one with `rule.addTarget()`
   */
  readonly target?: events.IRuleTarget;

  /**
   * A physical name for the rule.
   *
   * @default - CloudFormation generates one
   */
  readonly ruleName?: string;

  /**
   * A description of the rule.
   *
   * @default - no description
   */
  readonly description?: string;
}
