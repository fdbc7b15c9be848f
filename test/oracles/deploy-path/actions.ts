import { HANDLER_PERMISSIONS } from './handler-permissions';

/*
 * What each resource type makes CloudFormation's execution role call, and what each SDK call of a custom resource
 * needs. The registry types come from handler-permissions.ts (generated from the registry schemas); the rest are
 * written here, each with its source. A type in neither is refused: an oracle that silently allowed what it does not
 * know would prove nothing about it.
 */

export type Phase = 'create' | 'update' | 'delete';

export interface PhasePermissions {
  readonly create: string[];
  readonly update?: string[];
  readonly delete: string[];
}

/** Types outside the registry (no handler schema): the actions their legacy handlers call. */
const LEGACY: Record<string, PhasePermissions> = {
  // AWS::Glue::Table is not a registry type; the Service Authorization Reference lists these for its API calls.
  'AWS::Glue::Table': {
    create: ['glue:CreateTable', 'glue:GetTable'],
    update: ['glue:UpdateTable', 'glue:GetTable'],
    delete: ['glue:DeleteTable'],
  },
  // AWS::IAM::User is a registry type whose schema in that snapshot lists no handler permissions: IAM's calls for a
  // user and its policies (the generated configurations make users as grantees).
  'AWS::IAM::User': {
    create: [
      'iam:CreateUser',
      'iam:GetUser',
      'iam:PutUserPolicy',
      'iam:AttachUserPolicy',
      'iam:TagUser',
      'iam:AddUserToGroup',
    ],
    update: [
      'iam:UpdateUser',
      'iam:PutUserPolicy',
      'iam:DeleteUserPolicy',
      'iam:AttachUserPolicy',
      'iam:DetachUserPolicy',
      'iam:TagUser',
      'iam:UntagUser',
    ],
    delete: [
      'iam:DeleteUser',
      'iam:DeleteUserPolicy',
      'iam:DetachUserPolicy',
      'iam:ListUserPolicies',
      'iam:ListAttachedUserPolicies',
      'iam:RemoveUserFromGroup',
    ],
  },
  // Nor is AWS::SNS::Subscription: the SNS API calls of a subscription.
  'AWS::SNS::Subscription': {
    create: ['sns:Subscribe', 'sns:SetSubscriptionAttributes'],
    update: ['sns:SetSubscriptionAttributes'],
    delete: ['sns:Unsubscribe'],
  },
};

/**
 * The registry schemas name some S3 permissions by their API operation; IAM authorizes them as these actions (the
 * Service Authorization Reference for S3, "Actions defined by Amazon S3", column "Action" vs the API it maps).
 */
const IAM_ACTION_OF_API: Record<string, string> = {
  's3:GetObjectMetadata': 's3:GetObject', // HeadObject
  's3:REST.PUT.OBJECT': 's3:PutObject',
  's3:PutBucketReplication': 's3:PutReplicationConfiguration',
  's3:PutObjectLockConfiguration': 's3:PutBucketObjectLockConfiguration',
  's3:DeleteBucketAnalyticsConfiguration': 's3:PutAnalyticsConfiguration',
  's3:DeleteBucketCors': 's3:PutBucketCORS',
  's3:DeleteBucketEncryption': 's3:PutEncryptionConfiguration',
  's3:DeleteBucketLifecycle': 's3:PutLifecycleConfiguration',
  's3:DeleteBucketMetricsConfiguration': 's3:PutMetricsConfiguration',
  's3:DeleteBucketReplication': 's3:PutReplicationConfiguration',
};

/** Custom resources: CloudFormation invokes the ServiceToken function; what the function calls is listed apart. */
const CUSTOM: PhasePermissions = {
  create: ['lambda:InvokeFunction'],
  update: ['lambda:InvokeFunction'],
  delete: ['lambda:InvokeFunction'],
};

/** Metadata-only types: CloudFormation makes no call for them. */
const NO_CALLS = new Set(['AWS::CDK::Metadata']);

/** The actions CloudFormation's execution role calls for one phase of a resource type; throws for an unknown type. */
export function cloudFormationActions(
  type: string,
  phase: Phase,
  table: Record<string, PhasePermissions> = HANDLER_PERMISSIONS,
): string[] {
  if (NO_CALLS.has(type)) return [];
  const entry =
    type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource'
      ? CUSTOM
      : (table[type] ?? LEGACY[type]);
  if (!entry) {
    throw new Error(
      `the deploy-path oracle has no handler permissions for ${type}: add it to generate-handler-permissions.py`,
    );
  }
  // A type without an update handler is replaced: created anew, then the old one deleted.
  const actions = phase === 'update' ? (entry.update ?? [...entry.create, ...entry.delete]) : entry[phase];
  return [...new Set(actions.map((a) => IAM_ACTION_OF_API[a] ?? a))];
}

/**
 * The IAM action of an AwsCustomResource SDK call (`{ service: 'CloudTrail', action: 'putEventSelectors' }`), and the
 * actions the service checks in the caller's name besides (the CloudTrail User Guide's permissions for an
 * organization trail and for CloudWatch Logs delivery; Organizations' for delegated administrators).
 */
export function sdkCallActions(service: string, action: string, parameters: any): string[] {
  const prefix = SERVICE_PREFIXES[service.toLowerCase()] ?? service.toLowerCase();
  const name = action.charAt(0).toUpperCase() + action.slice(1);
  const actions = [`${prefix}:${name}`];
  if (prefix === 'cloudtrail' && (name === 'CreateTrail' || name === 'UpdateTrail')) {
    if (parameters?.IsOrganizationTrail || name === 'UpdateTrail') {
      actions.push(
        'organizations:DescribeOrganization',
        'organizations:ListAWSServiceAccessForOrganization',
        'iam:GetRole',
      );
    }
    if (name === 'CreateTrail' && parameters?.TagsList?.length) actions.push('cloudtrail:AddTags');
    if (parameters?.CloudWatchLogsRoleArn) actions.push('iam:PassRole');
  }
  if (prefix === 'cloudtrail' && name === 'RegisterOrganizationDelegatedAdmin') {
    actions.push(
      'organizations:RegisterDelegatedAdministrator',
      'organizations:DescribeOrganization',
      'organizations:ListAWSServiceAccessForOrganization',
      'iam:GetRole',
      'iam:CreateServiceLinkedRole',
    );
  }
  return actions;
}

const SERVICE_PREFIXES: Record<string, string> = {
  cloudtrail: 'cloudtrail',
  organizations: 'organizations',
  cloudwatchlogs: 'logs',
  s3: 's3',
  kms: 'kms',
  iam: 'iam',
  sts: 'sts',
};
