import { Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { acknowledgeFindings } from './resource-policies';

/*
 * The one way this library calls an AWS API from CloudFormation where no resource exists: aws-cdk-lib's
 * AwsCustomResource, with exactly the statements given (never `fromSdkCalls`, which would grant `*`), the Lambda
 * runtime's own SDK (no package download at deploy time), and the rule-pack findings inherent to it acknowledged on
 * the resources they concern.
 */

export interface ApiCallsProps {
  /** The CloudFormation type, e.g. `Custom::CloudTrailTrustedAccess`. */
  readonly resourceType: string;
  readonly onCreate?: cr.AwsSdkCall;
  readonly onUpdate?: cr.AwsSdkCall;
  readonly onDelete?: cr.AwsSdkCall;
  /** Every permission the calls need, and no other. */
  readonly statements: iam.PolicyStatement[];
  /** Findings on wildcards in the statements (cdk-nag ids) and why each is needed. */
  readonly wildcards?: Record<string, string>;
  /** The VPC the provider function runs in (the first call of a stack decides, the function being shared). */
  readonly vpc?: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
}

/** aws-cdk-lib's AwsCustomResource provider: one function per stack, shared by every AwsCustomResource. */
const PROVIDER_ID = `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;

export function apiCalls(scope: IConstruct, id: string, props: ApiCallsProps): cr.AwsCustomResource {
  const resource = new cr.AwsCustomResource(scope, id, {
    resourceType: props.resourceType,
    onCreate: props.onCreate,
    onUpdate: props.onUpdate,
    onDelete: props.onDelete,
    policy: cr.AwsCustomResourcePolicy.fromStatements(props.statements),
    installLatestAwsSdk: false,
    vpc: props.vpc,
    vpcSubnets: props.vpcSubnets,
  });
  const policy = resource.node.tryFindChild('CustomResourcePolicy');
  if (policy) {
    acknowledgeFindings(policy, {
      ...props.wildcards,
      ...Object.fromEntries(INLINE_POLICY_RULES.map((rule) => [rule, INLINE_POLICY_REASON])),
    });
  }
  const provider = Stack.of(scope).node.tryFindChild(PROVIDER_ID);
  if (provider) {
    const inVpc = provider instanceof lambda.Function && provider.isBoundToVpc;
    acknowledgeFindings(provider, { ...PROVIDER_FINDINGS, ...(inVpc ? IN_VPC_FINDINGS : OUTSIDE_VPC_FINDINGS) });
  }
  return resource;
}

/**
 * Tags the role of the stack's AwsCustomResource provider function (a tag is changed in place, where a new role name
 * or path would replace the role of a deployed stack). Call it after the first `apiCalls` of the stack.
 */
export function tagProviderRole(scope: IConstruct, key: string, value: string): void {
  const provider = Stack.of(scope).node.tryFindChild(PROVIDER_ID);
  const role = provider instanceof lambda.Function ? provider.role : undefined;
  if (!role) throw new Error(`${scope.node.path}: no AwsCustomResource provider role in the stack to tag`);
  Tags.of(role).add(key, value);
}

const INLINE_POLICY_RULES = [
  'HIPAA.Security-IAMNoInlinePolicy',
  'NIST.800.53.R4-IAMNoInlinePolicy',
  'NIST.800.53.R5-IAMNoInlinePolicy',
  'PCI.DSS.321-IAMNoInlinePolicy',
];
const INLINE_POLICY_REASON =
  "aws-cdk-lib's AwsCustomResource grants each call's permissions as an inline policy of its " +
  "provider function's role, scoped to the calls of this one resource.";

const ONLY_DEPLOYMENTS = 'The provider function runs only when CloudFormation creates, updates or deletes a resource.';
const SYNCHRONOUS = 'CloudFormation invokes the provider function synchronously and receives every failure itself.';
const NO_VPC = 'The provider function calls only AWS APIs, over TLS, during deployments; give a vpc to run it in one.';

/** The findings of aws-cdk-lib's provider function itself, which this library does not configure. */
const PROVIDER_FINDINGS: Record<string, string> = {
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
    "aws-cdk-lib's AwsCustomResource provider role writes its own logs with the AWS managed AWSLambdaBasicExecutionRole.",
  'AwsSolutions-L1':
    "aws-cdk-lib picks the provider function's Node.js runtime and updates it in its releases; it runs only during deployments.",
  'HIPAA.Security-LambdaConcurrency': ONLY_DEPLOYMENTS,
  'HIPAA.Security-LambdaDLQ': SYNCHRONOUS,
  'NIST.800.53.R5-LambdaConcurrency': ONLY_DEPLOYMENTS,
  'NIST.800.53.R5-LambdaDLQ': SYNCHRONOUS,
};

const IN_VPC_FINDINGS: Record<string, string> = {
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]':
    "aws-cdk-lib's AwsCustomResource provider role attaches the function to the VPC with the AWS managed " +
    'AWSLambdaVPCAccessExecutionRole.',
};

const OUTSIDE_VPC_FINDINGS: Record<string, string> = {
  'HIPAA.Security-LambdaInsideVPC': NO_VPC,
  'NIST.800.53.R4-LambdaInsideVPC': NO_VPC,
  'NIST.800.53.R5-LambdaInsideVPC': NO_VPC,
  'PCI.DSS.321-LambdaInsideVPC': NO_VPC,
};
