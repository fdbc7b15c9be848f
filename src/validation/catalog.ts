import { TrailRuleInfo } from './rule-info';
import { ALL_RULES } from './rules/all';
import { APP_WIDE_RULES } from './rules/app-wide';
import { ATHENA_RULES, ATHENA_UNCHECKED } from './rules/athena';
import { CLOUDWATCH_RULES, CLOUDWATCH_UNCHECKED } from './rules/cloudwatch';
import { EVENTS_RULES, EVENTS_UNCHECKED } from './rules/events';
import { GLUE_RULES, GLUE_UNCHECKED } from './rules/glue';
import { GUARDRAIL_RULES } from './rules/guardrails';
import { IAM_RULES, IAM_UNCHECKED } from './rules/iam';
import { IDENTIFIER_RULES } from './rules/identifiers';
import { IMPORTED_TRAIL_RULES } from './rules/imported-trail';
import { KMS_RULES, KMS_UNCHECKED } from './rules/kms';
import { LOGS_RULES, LOGS_UNCHECKED } from './rules/logs';
import { MONITOR_RULES, MONITOR_UNCHECKED } from './rules/monitors';
import { ORGANIZATIONS_POLICIES_PER_TARGET, ORGANIZATIONS_RULES, ORGANIZATIONS_UNCHECKED } from './rules/organizations';
import { Rule, UncheckedConstraint } from './rules/rule';
import { S3_RULES, S3_UNCHECKED } from './rules/s3';
import { AGGREGATION_GIVEN_AT_CONSTRUCTION, SECURE_TRAIL_RULES } from './rules/secure-trail';
import { SELECTION_RULES } from './rules/selection';
import { SNS_RULES, SNS_UNCHECKED } from './rules/sns';
import { TRAIL_FACT_RULES } from './rules/trail-facts';

/*
 * The constraints catalog: every AWS constraint on a resource this library emits, each once, with its source. An entry
 * is either a rule (checked at synth, with a test) or a constraint this library cannot check at synth, with the reason.
 * docs/constraints.md is generated from it, and `npm test` prints its coverage.
 */

export type { UncheckedConstraint } from './rules/rule';

/** One service's part of the catalog. */
export interface CatalogSection {
  readonly service: string;
  readonly rules: readonly (TrailRuleInfo | Rule<any>)[];
  readonly unchecked: readonly UncheckedConstraint[];
}

const CLOUDTRAIL_UNCHECKED: UncheckedConstraint[] = [
  {
    id: 'CLOUDTRAIL_RESOURCES_EXIST',
    resourceType: 'AWS::CloudTrail::Trail',
    constraint: 'The bucket, key, topic, log group and role a trail names exist when it is created or updated.',
    source:
      'CloudTrail API CreateTrail errors S3BucketDoesNotExistException, KmsKeyNotFoundException, InsufficientSnsTopicPolicyException, ' +
      'InvalidCloudWatchLogsLogGroupArnException',
    unchecked:
      "existence is the account's state; resources this app defines are created first (the trail depends on them), imported ones " +
      "are the owner's to create",
  },
  {
    id: 'CLOUDTRAIL_ORGANIZATION_STATE',
    resourceType: 'AWS::CloudTrail::Trail',
    constraint:
      'An organization trail needs all features, trusted access for CloudTrail, its service-linked role, and the management ' +
      'account or a delegated administrator as caller.',
    source:
      'CloudTrail API CreateTrail errors OrganizationNotInAllFeaturesModeException, CloudTrailAccessNotEnabledException, ' +
      'NoManagementAccountSLRExistsException, NotOrganizationMasterAccountException',
    unchecked:
      "the organization's state is not known at synth; OrganizationTrailPrerequisites sets it up, and an organization trail in an " +
      'app without it is warned about (ORGANIZATION_TRAIL_PREREQUISITES)',
  },
  {
    id: 'CLOUDTRAIL_HOME_REGION',
    resourceType: 'AWS::CloudTrail::Trail',
    constraint: 'A trail is updated, deleted and started from its home Region (InvalidHomeRegionException).',
    source: 'CloudTrail API UpdateTrail, DeleteTrail, StartLogging: InvalidHomeRegionException',
    unchecked: "CloudFormation always calls from the stack's Region, which is the trail's home Region by construction",
  },
];

/** The catalog, by service, in documentation order. */
export const CATALOG: readonly CatalogSection[] = [
  { service: 'AWS CloudTrail', rules: ALL_RULES, unchecked: CLOUDTRAIL_UNCHECKED },
  { service: 'Identifiers (all services)', rules: IDENTIFIER_RULES, unchecked: [] },
  { service: 'This library (the app as a whole)', rules: APP_WIDE_RULES, unchecked: [] },
  {
    service: 'This library (SecureTrail props)',
    rules: [...SECURE_TRAIL_RULES, AGGREGATION_GIVEN_AT_CONSTRUCTION],
    unchecked: [],
  },
  { service: 'This library (guardrails and prerequisites)', rules: GUARDRAIL_RULES, unchecked: [] },
  { service: 'This library (event selection calls)', rules: SELECTION_RULES, unchecked: [] },
  { service: 'This library (imported trails)', rules: IMPORTED_TRAIL_RULES, unchecked: [] },
  { service: 'This library (what a construct reads from its trail)', rules: TRAIL_FACT_RULES, unchecked: [] },
  // IAM, Glue, Athena and Organizations: the resources of the query layer, the delivery role and the guardrails.
  { service: 'AWS Identity and Access Management (IAM)', rules: IAM_RULES, unchecked: IAM_UNCHECKED },
  { service: 'AWS Glue (Data Catalog, as Athena reads it)', rules: GLUE_RULES, unchecked: GLUE_UNCHECKED },
  { service: 'Amazon Athena', rules: ATHENA_RULES, unchecked: ATHENA_UNCHECKED },
  {
    service: 'AWS Organizations',
    rules: [...ORGANIZATIONS_RULES, ORGANIZATIONS_POLICIES_PER_TARGET],
    unchecked: ORGANIZATIONS_UNCHECKED,
  },
  // S3, KMS, SNS, CloudWatch Logs, EventBridge and CloudWatch: the storage, encryption, delivery and monitoring
  // resources.
  { service: 'Amazon S3', rules: S3_RULES, unchecked: S3_UNCHECKED },
  { service: 'AWS KMS', rules: KMS_RULES, unchecked: KMS_UNCHECKED },
  { service: 'Amazon SNS', rules: SNS_RULES, unchecked: SNS_UNCHECKED },
  { service: 'Amazon CloudWatch Logs', rules: LOGS_RULES, unchecked: LOGS_UNCHECKED },
  { service: 'Amazon EventBridge', rules: EVENTS_RULES, unchecked: EVENTS_UNCHECKED },
  { service: 'Amazon CloudWatch', rules: CLOUDWATCH_RULES, unchecked: CLOUDWATCH_UNCHECKED },
  {
    service: 'This library (delivery monitor and integrity verifier: Lambda, SQS, EventBridge schedules)',
    rules: MONITOR_RULES,
    unchecked: MONITOR_UNCHECKED,
  },
];
