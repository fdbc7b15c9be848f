import { Aws, CfnCondition, CfnResource, Fn, IResolveContext, Lazy, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { TRAIL_MANAGER_TAG, TRAIL_MANAGER_TAG_VALUE } from '../../policies/guardrail-statements';
import {
  cloudTrailServiceLinkedRoleStatements,
  organizationReadStatement,
  passRoleToCloudTrailStatement,
  trailByArnStatement,
} from '../../policies/organization-statements';
import { apiCalls, tagProviderRole } from '../../private/custom-resources';
import { dependOnUnreferenced } from '../../private/dependencies';
import { reportRules } from '../../validation/report';
import { AGGREGATION_GIVEN_AT_CONSTRUCTION } from '../../validation/rules/secure-trail';

/*
 * An organization trail created from a CloudTrail delegated administrator account, managed by its ARN.
 *
 * The trail belongs to the management account, so its ARN names that account, and a call that names it by its name
 * alone looks in the caller's account and fails (TrailNotFoundException). CloudFormation's AWS::CloudTrail::Trail
 * handler names it so: CloudTrail's record of the failed deployment shows StartLogging called with the name right after
 * a successful CreateTrail (cloudformation-coverage-roadmap #1932, aws-cdk #26840). `IsLogging: false` would not be
 * enough: the resource's primary identifier is TrailName (its registry schema), so its read, update and delete
 * handlers are handed the name, and the stack could neither update nor delete the trail. The Terraform provider fixed
 * the same bug by calling every API after CreateTrail with the ARN it returns (terraform-provider-aws PR #30758); SRA's
 * cloudtrail_org solution manages the trail from a Lambda. So here every call is made by ARN, through
 * AwsCustomResource: CreateTrail/UpdateTrail/DeleteTrail, PutEventSelectors, PutInsightSelectors, PutEventConfiguration
 * (data event aggregation) and StartLogging/StopLogging.
 *
 * The AWS::CloudTrail::Trail stays in the template as the model of the trail: every rule checked at synth and every
 * rule pack reads it as for any SecureTrail, and the calls take their parameters from it. A condition keeps
 * CloudFormation from creating it anywhere but in the management account, that is never for this stack.
 */

/**
 * The management account, when this organization trail is made from another account (a delegated administrator);
 * otherwise undefined, and the trail is an ordinary AWS::CloudTrail::Trail.
 */
export function delegatedManagementAccount(
  scope: IConstruct,
  organizationId: string | undefined,
  managementAccountId: string | undefined,
): string | undefined {
  const account = Stack.of(scope).account;
  const management = managementAccountId ?? undefined;
  if (!organizationId || management === undefined || Token.isUnresolved(management) || Token.isUnresolved(account)) {
    return undefined;
  }
  return management === account ? undefined : management;
}

/**
 * Why synth cannot tell whether this organization trail is made from its management account (a token management
 * account id, or a stack of unknown account), or undefined when it can.
 */
export function undecidedManagementAccount(
  scope: IConstruct,
  organizationId?: string,
  managementAccountId?: string,
): string | undefined {
  if (!organizationId || managementAccountId === undefined) return undefined;
  if (Token.isUnresolved(managementAccountId)) return "'managementAccountId' is not known at synth";
  return Token.isUnresolved(Stack.of(scope).account)
    ? "the stack's account is not known at synth (an env-agnostic stack)"
    : undefined;
}

/** What the by-ARN management needs from the SecureTrail that owns the CfnTrail. */
export interface TrailByArnProps {
  /** The trail's ARN, under the management account. */
  readonly trailArn: string;
  readonly managementAccountId: string;
  /** Whether data event aggregation is configured (given in props, so known when the calls are made). */
  readonly aggregation: boolean;
}

/**
 * Replaces the creation of `cfnTrail` by calls by ARN that give the trail the same properties, selectors, Insights,
 * aggregation and logging state. Call it once every dependency of `cfnTrail` is added: the calls wait for them.
 */
export function manageTrailByArn(trail: Construct, cfnTrail: cloudtrail.CfnTrail, props: TrailByArnProps): Construct {
  cfnTrail.cfnOptions.condition = managementAccountCondition(trail, props.managementAccountId);
  const scope = new Construct(trail, 'ByArn');
  const created = trailCall(scope, cfnTrail, props.trailArn);
  waitFor(created, cfnTrail);
  settingCalls(scope, trail, cfnTrail, props, created);
  // TrailGuardrails' service control policy exempts a role with this tag from its deny on the trail: these calls update
  // the trail on every deployment, from a member account.
  tagProviderRole(scope, TRAIL_MANAGER_TAG, TRAIL_MANAGER_TAG_VALUE);
  return scope;
}

/** Set on a stack: its "deployed in the management account" conditions, by management account. */
// On the stack, not found by id: the condition lives under whichever trail needed it first, not at a fixed path.
const CONDITIONS = Symbol.for('cdk-cloudtrail-kit.managementAccountConditions');

/**
 * "Deployed in the management account", one per stack and account: a second trail reuses the first's (two equal
 * conditions in one template draw aws-cdk-lib's W9053 warning). The first trail keeps it under its own path.
 */
function managementAccountCondition(trail: Construct, managementAccountId: string): CfnCondition {
  const stack = Stack.of(trail) as Stack & { [CONDITIONS]?: Map<string, CfnCondition> };
  if (stack[CONDITIONS] === undefined) Object.defineProperty(stack, CONDITIONS, { value: new Map() });
  const byAccount = stack[CONDITIONS]!;
  const condition =
    byAccount.get(managementAccountId) ??
    new CfnCondition(trail, 'CreatedInManagementAccount', {
      expression: Fn.conditionEquals(Aws.ACCOUNT_ID, managementAccountId),
    });
  byAccount.set(managementAccountId, condition);
  return condition;
}

const lazy = (produce: (context: IResolveContext) => unknown) => Lazy.uncachedAny({ produce });

/** CreateTrail, UpdateTrail and DeleteTrail, by ARN after the trail exists. */
function trailCall(scope: Construct, cfnTrail: cloudtrail.CfnTrail, arn: string): cr.AwsCustomResource {
  const physicalResourceId = cr.PhysicalResourceId.of(arn);
  const common = (context: IResolveContext) => trailSettings(cfnTrail, context);
  const roleArn = cfnTrail.cloudWatchLogsRoleArn;
  const stack = Stack.of(scope);
  return apiCalls(scope, 'Trail', {
    resourceType: 'Custom::CloudTrailOrganizationTrail',
    onCreate: {
      service: 'CloudTrail',
      action: 'createTrail',
      parameters: lazy((context) => ({
        Name: cfnTrail.trailName,
        ...withoutEmpty(common(context)),
        IsOrganizationTrail: true,
        TagsList: nonEmpty(apiShape(cfnTrail.tags.renderTags())),
      })),
      physicalResourceId,
    },
    // Every setting, so one removed in the app is removed from the trail (an empty string clears it).
    onUpdate: {
      service: 'CloudTrail',
      action: 'updateTrail',
      parameters: lazy((context) => ({ Name: arn, ...common(context) })),
      physicalResourceId,
    },
    onDelete: {
      service: 'CloudTrail',
      action: 'deleteTrail',
      parameters: { Name: arn },
      ignoreErrorCodesMatching: '^TrailNotFoundException$',
    },
    statements: [
      trailByArnStatement('ManageOrganizationTrail', arn, ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'AddTags']),
      ...(roleArn ? [passRoleToCloudTrailStatement(roleArn)] : []),
      organizationReadStatement(),
      ...cloudTrailServiceLinkedRoleStatements(stack.partition, stack.account),
    ],
    wildcards: {
      'AwsSolutions-IAM5[Resource::*]':
        'organizations:DescribeOrganization and ListAWSServiceAccessForOrganization, which ' +
        'CloudTrail checks before it creates an organization trail, have no resource type, so IAM grants them on * only.',
    },
  });
}

/** The selectors, Insights, aggregation and logging state, each a call by ARN, one after the other. */
function settingCalls(
  scope: Construct,
  trail: Construct,
  cfnTrail: cloudtrail.CfnTrail,
  props: TrailByArnProps,
  created: cr.AwsCustomResource,
): void {
  const arn = props.trailArn;
  const physicalResourceId = cr.PhysicalResourceId.of(arn);
  const calls: cr.AwsCustomResource[] = [created];
  const put = (id: string, action: string, parameters: (context: IResolveContext) => Record<string, unknown>) => {
    const call: cr.AwsSdkCall = { service: 'CloudTrail', action, parameters: lazy(parameters), physicalResourceId };
    const resource = apiCalls(scope, id, {
      resourceType: `Custom::CloudTrailOrganizationTrail${id}`,
      onCreate: call,
      onUpdate: call,
      statements: [trailByArnStatement(id, arn, [capitalized(action)])],
    });
    resource.node.addDependency(calls[calls.length - 1]);
    calls.push(resource);
  };
  // With no selectors a trail logs every management event: say so, so that removing them restores that.
  put('EventSelectors', 'putEventSelectors', (context) => {
    const advanced = nonEmpty(apiShape(valueOf(cfnTrail.advancedEventSelectors, context)));
    if (advanced) return { TrailName: arn, AdvancedEventSelectors: advanced };
    const basic = nonEmpty(apiShape(valueOf(cfnTrail.eventSelectors, context)));
    return { TrailName: arn, EventSelectors: basic ?? [{ ReadWriteType: 'All', IncludeManagementEvents: true }] };
  });
  // An empty list turns Insights off.
  put('InsightSelectors', 'putInsightSelectors', (context) => ({
    TrailName: arn,
    InsightSelectors: apiShape(valueOf(cfnTrail.insightSelectors, context)) ?? [],
  }));
  if (props.aggregation) {
    put('EventConfiguration', 'putEventConfiguration', (context) => ({
      TrailName: arn,
      AggregationConfigurations: apiShape(valueOf(cfnTrail.aggregationConfigurations, context)) ?? [],
    }));
  } else {
    scope.node.addValidation({
      validate: () =>
        reportRules(trail, [AGGREGATION_GIVEN_AT_CONSTRUCTION], {
          aggregationAfterConstruction:
            nonEmpty(Stack.of(cfnTrail).resolve(cfnTrail.aggregationConfigurations)) !== undefined,
        }),
    });
  }
  // Last, so the trail logs with its selection from the start.
  put('Logging', cfnTrail.isLogging === false ? 'stopLogging' : 'startLogging', () => ({ Name: arn }));
}

/**
 * Makes the CreateTrail call wait for what the trail itself waits for (CloudTrail checks every policy when it creates
 * the trail), leaving out what the call already refers to, so CloudFormation is not told twice.
 */
function waitFor(call: cr.AwsCustomResource, cfnTrail: cloudtrail.CfnTrail): void {
  const t = cfnTrail;
  dependOnUnreferenced(call.node.findChild('Resource') as CfnResource, cfnTrail.node.dependencies, [
    t.s3BucketName,
    t.kmsKeyId,
    t.snsTopicName,
    t.cloudWatchLogsLogGroupArn,
    t.cloudWatchLogsRoleArn,
  ]);
}

/** The CreateTrail/UpdateTrail settings, named as the API names them; an absent optional one as '' (cleared). */
function trailSettings(trail: cloudtrail.CfnTrail, context: IResolveContext): Record<string, unknown> {
  const logGroup = trail.cloudWatchLogsLogGroupArn;
  return {
    S3BucketName: trail.s3BucketName,
    S3KeyPrefix: trail.s3KeyPrefix ?? '',
    SnsTopicName: trail.snsTopicName ?? '',
    KmsKeyId: trail.kmsKeyId ?? '',
    // CloudTrail takes both or neither.
    CloudWatchLogsLogGroupArn: logGroup ?? '',
    CloudWatchLogsRoleArn: logGroup ? trail.cloudWatchLogsRoleArn : '',
    IncludeGlobalServiceEvents: valueOf(trail.includeGlobalServiceEvents, context) ?? true,
    IsMultiRegionTrail: valueOf(trail.isMultiRegionTrail, context) ?? false,
    EnableLogFileValidation: valueOf(trail.enableLogFileValidation, context) ?? false,
  };
}

/** The settings without the empty strings, which clear a setting on update and mean nothing on create. */
function withoutEmpty(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== ''));
}

/** A value of the CfnTrail, one level resolved: the rendered selection of a SecureTrail is a Lazy until synth. */
function valueOf(value: unknown, context: IResolveContext): any {
  if (value === undefined || !Token.isUnresolved(value)) return value;
  const token = Tokenization.reverse(value);
  return token ? token.resolve(context) : value;
}

function nonEmpty<T>(value: T[] | undefined): T[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}

/** CloudFormation's property names are the API's, in camelCase in the L1, except `equalTo` for `Equals`. */
function apiShape(value: unknown): any {
  if (Array.isArray(value)) return value.map(apiShape);
  if (value === null || typeof value !== 'object' || Token.isUnresolved(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => [key === 'equalTo' ? 'Equals' : capitalized(key), apiShape(v)]),
  );
}

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
