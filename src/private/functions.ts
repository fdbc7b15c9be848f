import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeFindings } from './resource-policies';

/*
 * The library's own Lambda functions (the monitors; handlers in src/**\/*.lambda.ts, bundled at build time): each with
 * a role of its own holding exactly the statements its handler needs (no AWS managed policy, which would let it write
 * any log group), a log group of its own that is retained, and the rule-pack findings inherent to it acknowledged
 * with the reason.
 */

/** A generated function class (src/**\/*-function.ts, written by projen from the handler's file). */
export type FunctionClass = new (scope: Construct, id: string, props?: lambda.FunctionOptions) => lambda.Function;

export interface MonitorFunctionOptions {
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly vpc?: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Why the function needs no dead-letter queue of its own (rule packs ask for one). */
  readonly noDeadLetterQueue: string;
}

/** The function (`Function`), its role (`FunctionRole`) and log group (`FunctionLogs`), children of `scope`. */
export function monitorFunction(scope: Construct, make: FunctionClass, options: MonitorFunctionOptions): lambda.Function {
  const role = new iam.Role(scope, 'FunctionRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: options.description,
  });
  // A year of the monitor's own diagnostics; kept when the stack is deleted, like every log this library makes.
  const logGroup = new logs.LogGroup(scope, 'FunctionLogs', {
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  logGroup.grantWrite(role);
  const fn = new make(scope, 'Function', {
    description: options.description,
    environment: options.environment,
    timeout: options.timeout,
    memorySize: options.memorySize ?? 256,
    architecture: lambda.Architecture.ARM_64,
    role,
    logGroup,
    vpc: options.vpc,
    vpcSubnets: options.vpcSubnets,
  });
  if (options.vpc) role.addManagedPolicy(VPC_ACCESS);
  acknowledgeFindings(fn, {
    ...FUNCTION_FINDINGS,
    'HIPAA.Security-LambdaDLQ': options.noDeadLetterQueue,
    'NIST.800.53.R5-LambdaDLQ': options.noDeadLetterQueue,
    ...(options.vpc ? {} : OUTSIDE_VPC_FINDINGS),
  });
  acknowledgeFindings(logGroup, LOG_GROUP_FINDINGS);
  acknowledgeFindings(role, options.vpc ? { ...ROLE_FINDINGS, ...IN_VPC_FINDINGS } : ROLE_FINDINGS);
  return fn;
}

const VPC_ACCESS = iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole');

const NO_RESERVATION = 'Reserved concurrency would be taken from the account\'s unreserved pool, and a new account\'s '
  + 'pool of 10 cannot give any (the deployment would fail); the monitor bounds its own concurrency instead.';
const NO_VPC = 'The function calls only AWS APIs, over TLS; give a vpc to run it in one.';
const OWN_LOGS = 'The function\'s log group holds only the monitor\'s own diagnostics (object keys, error codes, counts), '
  + 'never log content; CloudWatch Logs encrypts it at rest with its service keys.';

const FUNCTION_FINDINGS: Record<string, string> = {
  'HIPAA.Security-LambdaConcurrency': NO_RESERVATION,
  'NIST.800.53.R5-LambdaConcurrency': NO_RESERVATION,
};

const OUTSIDE_VPC_FINDINGS: Record<string, string> = {
  'HIPAA.Security-LambdaInsideVPC': NO_VPC,
  'NIST.800.53.R4-LambdaInsideVPC': NO_VPC,
  'NIST.800.53.R5-LambdaInsideVPC': NO_VPC,
  'PCI.DSS.321-LambdaInsideVPC': NO_VPC,
};

const LOG_GROUP_FINDINGS: Record<string, string> = {
  'HIPAA.Security-CloudWatchLogGroupEncrypted': OWN_LOGS,
  'NIST.800.53.R4-CloudWatchLogGroupEncrypted': OWN_LOGS,
  'NIST.800.53.R5-CloudWatchLogGroupEncrypted': OWN_LOGS,
  'PCI.DSS.321-CloudWatchLogGroupEncrypted': OWN_LOGS,
};

const INLINE = 'The function\'s role holds exactly the statements its handler needs, on its own resources, as an inline '
  + 'policy of this role alone.';
const ROLE_FINDINGS: Record<string, string> = {
  'HIPAA.Security-IAMNoInlinePolicy': INLINE,
  'NIST.800.53.R4-IAMNoInlinePolicy': INLINE,
  'NIST.800.53.R5-IAMNoInlinePolicy': INLINE,
  'PCI.DSS.321-IAMNoInlinePolicy': INLINE,
};

const IN_VPC_FINDINGS: Record<string, string> = {
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]':
    'A function in a VPC needs the network-interface permissions of the AWS managed AWSLambdaVPCAccessExecutionRole.',
};
