import * as iam from 'aws-cdk-lib/aws-iam';

/*
 * The permissions the organization prerequisites' calls need, written once. Sources: the CloudTrail User Guide,
 * "Required permissions to assign a delegated administrator" (cloudtrail:Register/DeregisterOrganizationDelegatedAdmin,
 * organizations:Register/DeregisterDelegatedAdministrator, organizations:ListAWSServiceAccessForOrganization,
 * iam:CreateServiceLinkedRole, iam:GetRole, with iam:AWSServiceName naming both CloudTrail service principals) and
 * "Prepare for creating a trail for your organization" (organizations:EnableAWSServiceAccess,
 * organizations:DescribeOrganization); the resource types and condition keys from the Service Authorization Reference;
 * the service-linked role names from SRA's cloudtrail_org solution, whose deployment failed without
 * iam:CreateServiceLinkedRole (aws-security-reference-architecture-examples #305).
 */

export const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';
/** CloudTrail's second service principal, for its event-context service-linked role. */
const CLOUDTRAIL_CONTEXT_SERVICE = 'context.cloudtrail.amazonaws.com';
const SERVICE_PRINCIPAL = 'organizations:ServicePrincipal';

/**
 * Organizations: trust CloudTrail (EnableAWSServiceAccess has no resource type, so IAM grants it on `*` only; the
 * condition keeps it to CloudTrail).
 */
export function trustedAccessStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'EnableCloudTrailTrustedAccess',
    actions: ['organizations:EnableAWSServiceAccess'],
    resources: ['*'],
    conditions: { StringEquals: { [SERVICE_PRINCIPAL]: CLOUDTRAIL_SERVICE } },
  });
}

/** CloudTrail's service-linked roles in an account: the one organization trails use and the event-context one. */
export function cloudTrailServiceLinkedRoleArns(partition: string, account: string): string[] {
  return [
    `arn:${partition}:iam::${account}:role/aws-service-role/${CLOUDTRAIL_SERVICE}/AWSServiceRoleForCloudTrail`,
    `arn:${partition}:iam::${account}:role/aws-service-role/${CLOUDTRAIL_CONTEXT_SERVICE}/AWSServiceRoleForCloudTrailEventContext`,
  ];
}

/** IAM: see and, if missing, create CloudTrail's service-linked roles, and no other role. */
export function cloudTrailServiceLinkedRoleStatements(partition: string, account: string): iam.PolicyStatement[] {
  const roles = cloudTrailServiceLinkedRoleArns(partition, account);
  return [
    new iam.PolicyStatement({ sid: 'ReadCloudTrailServiceLinkedRoles', actions: ['iam:GetRole'], resources: roles }),
    new iam.PolicyStatement({
      sid: 'CreateCloudTrailServiceLinkedRoles',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: roles,
      conditions: { StringEquals: { 'iam:AWSServiceName': [CLOUDTRAIL_SERVICE, CLOUDTRAIL_CONTEXT_SERVICE] } },
    }),
  ];
}

/** Organizations: read what CloudTrail checks before it acts for the organization (no resource type: `*` only). */
export function organizationReadStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ReadOrganization',
    actions: ['organizations:DescribeOrganization', 'organizations:ListAWSServiceAccessForOrganization'],
    resources: ['*'],
  });
}

/** A member account as Organizations names it: `arn:<partition>:organizations::<management>:account/<o-id>/<id>`. */
export function organizationAccountArn(
  partition: string,
  managementAccount: string,
  organizationId: string | undefined,
  account: string,
): string {
  return `arn:${partition}:organizations::${managementAccount}:account/${organizationId ?? 'o-*'}/${account}`;
}

/**
 * Register (and, when asked, deregister) one member account as CloudTrail's delegated administrator: the CloudTrail
 * calls (no resource type), and the Organizations calls CloudTrail makes with the caller's permissions, on that account
 * only and for CloudTrail only.
 */
export function delegatedAdministratorStatements(
  partition: string,
  managementAccount: string,
  organizationId: string | undefined,
  memberAccount: string,
  deregister: boolean,
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'RegisterCloudTrailDelegatedAdministrator',
      actions: deregister
        ? ['cloudtrail:RegisterOrganizationDelegatedAdmin', 'cloudtrail:DeregisterOrganizationDelegatedAdmin']
        : ['cloudtrail:RegisterOrganizationDelegatedAdmin'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'RegisterDelegatedAdministratorForCloudTrail',
      actions: deregister
        ? ['organizations:RegisterDelegatedAdministrator', 'organizations:DeregisterDelegatedAdministrator']
        : ['organizations:RegisterDelegatedAdministrator'],
      resources: [organizationAccountArn(partition, managementAccount, organizationId, memberAccount)],
      conditions: { StringEquals: { [SERVICE_PRINCIPAL]: CLOUDTRAIL_SERVICE } },
    }),
    organizationReadStatement(),
    ...cloudTrailServiceLinkedRoleStatements(partition, managementAccount),
  ];
}

/**
 * CloudTrail: manage one trail by its ARN (an organization trail a delegated administrator makes lives under the
 * management account's ARN). The actions are the API calls of the same names.
 */
export function trailByArnStatement(sid: string, trailArn: string, actions: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    actions: actions.map((action) => `cloudtrail:${action}`),
    resources: [trailArn],
  });
}

/**
 * IAM: hand the CloudWatch Logs delivery role to CloudTrail, and to no other service, when creating or updating a
 * trail.
 */
export function passRoleToCloudTrailStatement(roleArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'PassLogsRoleToCloudTrail',
    actions: ['iam:PassRole'],
    resources: [roleArn],
    conditions: { StringEquals: { 'iam:PassedToService': CLOUDTRAIL_SERVICE } },
  });
}
