/**
 * A CIS AWS Foundations Benchmark monitoring control (4.1 to 4.15; 5.x in CIS v6.0): a CloudWatch Logs metric
 * filter on a trail's log group, and an alarm on it.
 *
 * The filter patterns are the exact strings AWS Security Hub checks for controls CloudWatch.1 to CloudWatch.14
 * (which fail when the pattern differs in any way), and the CIS text for 4.15, which has no Security Hub control.
 */
export class CisControl {
  // Each pattern is one literal, character for character as Security Hub gives it, so it can be compared at a glance.

  /** 4.1: unauthorized API calls (Security Hub CloudWatch.2). */
  public static readonly UNAUTHORIZED_API_CALLS = new CisControl(
    '4.1',
    'UnauthorizedApiCalls',
    'Unauthorized API calls',
    '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    'CloudWatch.2',
  );

  /** 4.2: console sign-in without MFA (Security Hub CloudWatch.3). */
  public static readonly CONSOLE_SIGN_IN_WITHOUT_MFA = new CisControl(
    '4.2',
    'ConsoleSignInWithoutMfa',
    'Management Console sign-in without MFA',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    'CloudWatch.3',
  );

  /** 4.3: use of the root user (Security Hub CloudWatch.1). */
  public static readonly ROOT_USAGE = new CisControl(
    '4.3',
    'RootUsage',
    'Use of the root user',
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    'CloudWatch.1',
  );

  /** 4.4: IAM policy changes (Security Hub CloudWatch.4). */
  public static readonly IAM_POLICY_CHANGES = new CisControl(
    '4.4',
    'IamPolicyChanges',
    'IAM policy changes',
    '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
    'CloudWatch.4',
  );

  /** 4.5: CloudTrail configuration changes (Security Hub CloudWatch.5). */
  public static readonly CLOUDTRAIL_CONFIGURATION_CHANGES = new CisControl(
    '4.5',
    'CloudTrailConfigurationChanges',
    'CloudTrail configuration changes',
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
    'CloudWatch.5',
  );

  /** 4.6: Management Console authentication failures (Security Hub CloudWatch.6). */
  public static readonly CONSOLE_AUTHENTICATION_FAILURES = new CisControl(
    '4.6',
    'ConsoleAuthenticationFailures',
    'Management Console authentication failures',
    '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    'CloudWatch.6',
  );

  /** 4.7: disabling or scheduled deletion of customer managed keys (Security Hub CloudWatch.7). */
  public static readonly CMK_DISABLE_OR_DELETION = new CisControl(
    '4.7',
    'CmkDisableOrDeletion',
    'Disabling or scheduled deletion of customer managed KMS keys',
    '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
    'CloudWatch.7',
  );

  /** 4.8: S3 bucket policy changes (Security Hub CloudWatch.8). */
  public static readonly S3_BUCKET_POLICY_CHANGES = new CisControl(
    '4.8',
    'S3BucketPolicyChanges',
    'S3 bucket policy changes',
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
    'CloudWatch.8',
  );

  /** 4.9: AWS Config configuration changes (Security Hub CloudWatch.9). */
  public static readonly CONFIG_CHANGES = new CisControl(
    '4.9',
    'ConfigChanges',
    'AWS Config configuration changes',
    '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
    'CloudWatch.9',
  );

  /** 4.10: security group changes (Security Hub CloudWatch.10). */
  public static readonly SECURITY_GROUP_CHANGES = new CisControl(
    '4.10',
    'SecurityGroupChanges',
    'Security group changes',
    '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
    'CloudWatch.10',
  );

  /** 4.11: network ACL changes (Security Hub CloudWatch.11). */
  public static readonly NACL_CHANGES = new CisControl(
    '4.11',
    'NaclChanges',
    'Network ACL changes',
    '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
    'CloudWatch.11',
  );

  /** 4.12: network gateway changes (Security Hub CloudWatch.12). */
  public static readonly NETWORK_GATEWAY_CHANGES = new CisControl(
    '4.12',
    'NetworkGatewayChanges',
    'Network gateway changes',
    '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
    'CloudWatch.12',
  );

  /** 4.13: route table changes (Security Hub CloudWatch.13). */
  public static readonly ROUTE_TABLE_CHANGES = new CisControl(
    '4.13',
    'RouteTableChanges',
    'Route table changes',
    '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
    'CloudWatch.13',
  );

  /** 4.14: VPC changes (Security Hub CloudWatch.14). */
  public static readonly VPC_CHANGES = new CisControl(
    '4.14',
    'VpcChanges',
    'VPC changes',
    '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
    'CloudWatch.14',
  );

  /** 4.15: AWS Organizations changes (no Security Hub control). */
  public static readonly ORGANIZATIONS_CHANGES = new CisControl(
    '4.15',
    'OrganizationsChanges',
    'AWS Organizations changes',
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  );

  /**
   * All 15 controls, in CIS order.
   */
  public static all(): CisControl[] {
    return [
      CisControl.UNAUTHORIZED_API_CALLS,
      CisControl.CONSOLE_SIGN_IN_WITHOUT_MFA,
      CisControl.ROOT_USAGE,
      CisControl.IAM_POLICY_CHANGES,
      CisControl.CLOUDTRAIL_CONFIGURATION_CHANGES,
      CisControl.CONSOLE_AUTHENTICATION_FAILURES,
      CisControl.CMK_DISABLE_OR_DELETION,
      CisControl.S3_BUCKET_POLICY_CHANGES,
      CisControl.CONFIG_CHANGES,
      CisControl.SECURITY_GROUP_CHANGES,
      CisControl.NACL_CHANGES,
      CisControl.NETWORK_GATEWAY_CHANGES,
      CisControl.ROUTE_TABLE_CHANGES,
      CisControl.VPC_CHANGES,
      CisControl.ORGANIZATIONS_CHANGES,
    ];
  }

  /** The CIS recommendation number in CIS v1.4 to v5.0, e.g. `4.1` (5.x in CIS v6.0). */
  public readonly cisId: string;
  /** The CloudWatch metric the filter counts into, e.g. `UnauthorizedApiCalls`. */
  public readonly metricName: string;
  /** What the control watches, for alarm descriptions. */
  public readonly description: string;
  /** The CloudWatch Logs filter pattern, exactly as Security Hub (or, for 4.15, CIS) gives it. */
  public readonly filterPattern: string;
  /** The AWS Security Hub control that checks this filter and alarm, e.g. `CloudWatch.2`; none for 4.15. */
  public readonly securityHubControlId?: string;

  /**
   * @param cisId the CIS recommendation number in CIS v1.4 to v5.0 (`4.1`)
   * @param metricName the CloudWatch metric the filter counts into
   * @param description what the control watches
   * @param filterPattern the CloudWatch Logs filter pattern, verbatim
   * @param securityHubControlId the AWS Security Hub control that checks it (`CloudWatch.2`), if any
   */
  protected constructor(
    cisId: string,
    metricName: string,
    description: string,
    filterPattern: string,
    securityHubControlId?: string,
  ) {
    this.cisId = cisId;
    this.metricName = metricName;
    this.description = description;
    this.filterPattern = filterPattern;
    this.securityHubControlId = securityHubControlId;
  }
}
