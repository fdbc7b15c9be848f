import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import {
  CLOUDTRAIL_SERVICE,
  delegatedAdministratorStatements,
  organizationAccountArn,
  trustedAccessStatement,
} from '../policies/organization-statements';
import { apiCalls } from '../private/custom-resources';
import { nagResourceText } from '../private/intrinsics';
import { checkProps } from '../validation/report';
import { DELEGATED_ADMINISTRATOR_NOT_MANAGEMENT, ORDER_BEFORE_OWN_TRAIL } from '../validation/rules/guardrails';
import { ACCOUNT_ID, ORGANIZATION_ID } from '../validation/rules/identifiers';

/**
 * Properties of `OrganizationTrailPrerequisites`.
 */
export interface OrganizationTrailPrerequisitesProps {
  /**
   * A member account to register as CloudTrail's delegated administrator (an audit or security account), which may
   * then create and manage the organization's trails. An organization has at most three.
   *
   * @default - no delegated administrator is registered
   */
  readonly delegatedAdministratorAccountId?: string;

  /**
   * Deregister the delegated administrator when this resource is deleted, or when `delegatedAdministratorAccountId`
   * changes (then the previous account is deregistered). Organization trails it created stay: the management account
   * owns them.
   *
   * @default false - the account stays registered
   */
  readonly deregisterOnDelete?: boolean;

  /**
   * The organization id (`o-...`), to narrow the Organizations permissions to this organization's accounts.
   *
   * @default - the permissions name the account in any organization (`o-*`)
   */
  readonly organizationId?: string;

  /**
   * A VPC for the Lambda function that makes the calls (aws-cdk-lib's AwsCustomResource provider, shared by the stack),
   * as Control Tower's CT.LAMBDA.PR.3 requires. It must reach the Organizations and CloudTrail APIs (a NAT gateway or
   * VPC endpoints).
   *
   * @default - the function runs outside any VPC
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets of `vpc` the function runs in.
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}

/** Marks an OrganizationTrailPrerequisites of any copy of this library: `isOrganizationTrailPrerequisites` reads it. */
const ORGANIZATION_TRAIL_PREREQUISITES_SYMBOL = Symbol.for('cdk-cloudtrail-kit.OrganizationTrailPrerequisites');

/**
 * What an organization trail needs first, which CloudFormation has no resource for: trusted access for CloudTrail in
 * AWS Organizations (`EnableAWSServiceAccess`) and, optionally, a delegated administrator
 * (`RegisterOrganizationDelegatedAdmin`, which also creates CloudTrail's service-linked role in the management
 * account). Deploy it in the management account, then order the trail after it: `prerequisites.orderBefore(trail)`.
 *
 * Both calls are made by aws-cdk-lib's `AwsCustomResource` (a Lambda function) with exactly the permissions they need.
 * Running them again succeeds: enabling trusted access that is enabled changes nothing, and an account already
 * registered is accepted. Trusted access is left enabled on delete, since every organization trail depends on it.
 */
export class OrganizationTrailPrerequisites extends Construct {
  /**
   * Whether `x` is an `OrganizationTrailPrerequisites`, also one made by another copy of this library (an app and a
   * library it uses each depending on this one), where `instanceof` is false.
   */
  public static isOrganizationTrailPrerequisites(x: any): x is OrganizationTrailPrerequisites {
    return x !== null && typeof x === 'object' && ORGANIZATION_TRAIL_PREREQUISITES_SYMBOL in x;
  }

  /** The call that enables trusted access for CloudTrail. */
  public readonly trustedAccess: cr.AwsCustomResource;
  /** The call that registers the delegated administrator, when one is given. */
  public readonly delegatedAdministrator?: cr.AwsCustomResource;
  /** The organization id given, which `TrailGuardrails` of the same stack must name too. */
  public readonly organizationId?: string;

  constructor(scope: Construct, id: string, props: OrganizationTrailPrerequisitesProps = {}) {
    super(scope, id);
    Object.defineProperty(this, ORGANIZATION_TRAIL_PREREQUISITES_SYMBOL, { value: true });
    const stack = Stack.of(this);
    const member = props.delegatedAdministratorAccountId ?? undefined;
    const organizationId = (this.organizationId = props.organizationId ?? undefined);
    checkProps(this, [ACCOUNT_ID], { delegatedAdministratorAccountId: member });
    checkProps(this, [ORGANIZATION_ID], { organizationId });
    checkProps(this, [DELEGATED_ADMINISTRATOR_NOT_MANAGEMENT], {
      delegatedAdministratorAccountId: member,
      stackAccount: stack.account,
    });

    // EnableAWSServiceAccess is an Organizations call, served in us-east-1 for the commercial partition (cn-northwest-1
    // in China, us-gov-west-1 in GovCloud) whichever Region calls it.
    const enable: cr.AwsSdkCall = {
      service: 'Organizations',
      action: 'enableAWSServiceAccess',
      parameters: { ServicePrincipal: CLOUDTRAIL_SERVICE },
      physicalResourceId: cr.PhysicalResourceId.of(`${CLOUDTRAIL_SERVICE}-trusted-access`),
      region: organizationsRegion(stack.region),
    };
    this.trustedAccess = apiCalls(this, 'TrustedAccess', {
      resourceType: 'Custom::CloudTrailTrustedAccess',
      onCreate: enable,
      onUpdate: enable,
      statements: [trustedAccessStatement()],
      wildcards: {
        'AwsSolutions-IAM5[Resource::*]':
          'organizations:EnableAWSServiceAccess has no resource type, so IAM grants it on * ' +
          'only; the organizations:ServicePrincipal condition keeps it to cloudtrail.amazonaws.com.',
      },
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
    });

    if (member === undefined) return;
    this.delegatedAdministrator = this.registerDelegatedAdministrator(member, organizationId, props);
    // Registering checks trusted access.
    this.delegatedAdministrator.node.addDependency(this.trustedAccess);
  }

  /**
   * Makes the creation of a trail of this app wait for trusted access and the delegated administrator. Only the
   * trail itself waits (its `AWS::CloudTrail::Trail`, and the calls that create it by ARN from a delegated
   * administrator), not its bucket, key and log group: `trail.node.addDependency(prerequisites)` would make those wait
   * too, a dependency cycle (cfn-lint E3004) when the prerequisites sit in a nested stack with resources that refer to
   * them, such as `TrailGuardrails`.
   */
  public orderBefore(trail: IConstruct): void {
    const waiting = [trail.node.defaultChild, trail.node.tryFindChild('ByArn')].filter(
      (c): c is IConstruct => c !== undefined,
    );
    checkProps(this, [ORDER_BEFORE_OWN_TRAIL], { path: trail.node.path, hasTrailResource: waiting.length > 0 });
    for (const resource of waiting) resource.node.addDependency(this);
  }

  /** The call that registers (and, when asked, on delete deregisters) the delegated administrator. */
  private registerDelegatedAdministrator(
    member: string,
    organizationId: string | undefined,
    props: OrganizationTrailPrerequisitesProps,
  ): cr.AwsCustomResource {
    const stack = Stack.of(this);
    const deregister = props.deregisterOnDelete ?? false;
    const statements = delegatedAdministratorStatements(
      stack.partition,
      stack.account,
      organizationId,
      member,
      deregister,
    );
    const accountArn = organizationAccountArn(stack.partition, stack.account, organizationId, member);
    const register: cr.AwsSdkCall = {
      service: 'CloudTrail',
      action: 'registerOrganizationDelegatedAdmin',
      parameters: { MemberAccountId: member },
      // The account is the identity: a new account replaces the resource, and deletes (deregisters) the previous one.
      physicalResourceId: cr.PhysicalResourceId.of(`cloudtrail-delegated-administrator-${member}`),
      ignoreErrorCodesMatching: '^AccountRegisteredException$',
    };
    return apiCalls(this, 'DelegatedAdministrator', {
      resourceType: 'Custom::CloudTrailDelegatedAdministrator',
      onCreate: register,
      onUpdate: register,
      onDelete: deregister
        ? {
            service: 'CloudTrail',
            action: 'deregisterOrganizationDelegatedAdmin',
            parameters: { DelegatedAdminAccountId: member },
            ignoreErrorCodesMatching: '^AccountNotRegisteredException$',
          }
        : undefined,
      statements,
      wildcards: {
        'AwsSolutions-IAM5[Resource::*]':
          'cloudtrail:RegisterOrganizationDelegatedAdmin, DeregisterOrganizationDelegatedAdmin, ' +
          'organizations:DescribeOrganization and ListAWSServiceAccessForOrganization have no resource type, so IAM ' +
          'grants them on * only.',
        ...(organizationId === undefined
          ? {
              [`AwsSolutions-IAM5[Resource::${nagResourceText(this, accountArn)}]`]:
                'Without organizationId the account is ' +
                'named in any organization (o-*); give organizationId to name this organization only.',
            }
          : {}),
      },
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
    });
  }
}

/** The Region the Organizations API is called in, for a stack's Region (undefined when not known at synth). */
function organizationsRegion(region: string): string | undefined {
  if (Token.isUnresolved(region)) return undefined;
  if (region.startsWith('cn-')) return 'cn-northwest-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}
