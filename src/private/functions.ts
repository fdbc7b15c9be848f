import { ArnFormat, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { flattenIntrinsics } from './intrinsics';
import { acknowledgeFindings } from './resource-policies';
import { warnOnce, WARNING_PREFIX } from './warnings';
import { keyFunctionLogsStatement } from '../policies/monitor-statements';
import { keyCreateGrantGuardStatement } from '../policies/trail-statements';

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
  /** The key of the monitor's logs (`monitorLogsKey`). */
  readonly logsKey: kms.IKey;
  /** The last part of the log group's name, under the monitor's own folder (`logsFolder`). */
  readonly logName: string;
}

/**
 * The folder of a monitor's log groups, `/cdk-cloudtrail-kit/<unique id>/`: named, so that the key policy can name
 * them without referring to the log groups (which refer to the key).
 */
export function logsFolder(monitor: Construct): string {
  return `/cdk-cloudtrail-kit/${Names.uniqueId(monitor)}/`;
}

/**
 * The key that encrypts a monitor's logs (Control Tower CT.CLOUDWATCH.PR.6): the key of the topic the monitor made, or
 * a new rotated one; CloudWatch Logs of this Region may use it for the monitor's log groups only.
 */
export function monitorLogsKey(monitor: Construct, madeTopic: sns.ITopic | undefined): kms.IKey {
  let key = madeTopic?.masterKey;
  if (key === undefined) {
    key = new kms.Key(monitor, 'LogsKey', { enableKeyRotation: true, description: `Logs of ${monitor.node.path}` });
    key.addToResourcePolicy(keyCreateGrantGuardStatement());
  }
  const stack = Stack.of(monitor);
  key.addToResourcePolicy(
    keyFunctionLogsStatement(
      stack.region,
      stack.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: `${logsFolder(monitor)}*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    ),
  );
  return key;
}

/**
 * The function (`Function`), its role (`FunctionRole`) and log group (`FunctionLogs`), children of `scope`, the log
 * group in the folder of `monitor`.
 */
export function monitorFunction(
  monitor: Construct,
  scope: Construct,
  make: FunctionClass,
  options: MonitorFunctionOptions,
): lambda.Function {
  const role = new iam.Role(scope, 'FunctionRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: options.description,
  });
  // A year of the monitor's own diagnostics; kept when the stack is deleted, like every log this library makes.
  const logGroup = new logs.LogGroup(scope, 'FunctionLogs', {
    logGroupName: `${logsFolder(monitor)}${options.logName}`,
    encryptionKey: options.logsKey,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  logGroup.grantWrite(role);
  const publicSubnets = inPublicSubnets(options.vpc, options.vpcSubnets);
  if (publicSubnets) warnPublicSubnets(monitor);
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
    // Reported as a warning above, in this library's words, rather than thrown by aws-cdk-lib's constructor.
    allowPublicSubnet: publicSubnets ? true : undefined,
  });
  if (options.vpc) role.addManagedPolicy(VPC_ACCESS);
  acknowledgeFindings(fn, {
    ...FUNCTION_FINDINGS,
    'HIPAA.Security-LambdaDLQ': options.noDeadLetterQueue,
    'NIST.800.53.R5-LambdaDLQ': options.noDeadLetterQueue,
    ...(options.vpc ? {} : OUTSIDE_VPC_FINDINGS),
  });
  acknowledgeFindings(role, options.vpc ? { ...ROLE_FINDINGS, ...IN_VPC_FINDINGS } : ROLE_FINDINGS);
  return fn;
}

/** Whether the selected subnets include public ones (a function there gets no public IP). */
function inPublicSubnets(vpc: ec2.IVpc | undefined, selection: ec2.SubnetSelection | undefined): boolean {
  if (vpc === undefined) return false;
  const publicIds = new Set(vpc.publicSubnets.map((s) => s.subnetId));
  try {
    return vpc.selectSubnets(selection).subnets.some((s) => publicIds.has(s.subnetId));
  } catch {
    // A selection the VPC cannot satisfy is aws-cdk-lib's to report, with its own message.
    return false;
  }
}

function warnPublicSubnets(monitor: Construct): void {
  warnOnce(
    monitor,
    'monitorPublicSubnet',
    `${monitor.node.path}: vpcSubnets selects public subnets, where a Lambda function gets no ` +
      'public IP address and reaches AWS APIs only through VPC endpoints (Lambda Developer Guide, configuration-vpc-internet). ' +
      'Fix: select private subnets with a NAT gateway, or keep these with interface endpoints for the services the monitor calls ' +
      `and acknowledge: Validations.of(scope).acknowledge({ id: '${WARNING_PREFIX}:monitorPublicSubnet', reason: '...' }).`,
  );
}

const VPC_ACCESS = iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole');

const NO_RESERVATION =
  "Reserved concurrency would be taken from the account's unreserved pool, and a new account's " +
  'pool of 10 cannot give any (the deployment would fail); the monitor bounds its own concurrency instead.';
const NO_VPC = 'The function calls only AWS APIs, over TLS; give a vpc to run it in one.';

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

const INLINE =
  "The function's role holds exactly the statements its handler needs, on its own resources, as an inline " +
  'policy of this role alone.';
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

/**
 * Acknowledges the wildcard findings (cdk-nag AwsSolutions-IAM5) of a function's policy, each with the reason its
 * action needs it. Call once every statement is added. A wildcard without a reason stays reported.
 */
export function acknowledgeWildcards(fn: lambda.Function, reasons: Readonly<Record<string, string>>): void {
  const policy = fn.role?.node.tryFindChild('DefaultPolicy');
  if (!(policy instanceof iam.Policy)) return;
  const findings: Record<string, string> = {};
  for (const statement of Stack.of(fn).resolve(policy.document.toJSON())?.Statement ?? []) {
    const actions: string[] = [statement.Action].flat();
    const reason = actions.map((a) => reasons[a]).find((r) => r !== undefined);
    const wildcardActions = actions.filter((a) => a.endsWith('*'));
    const wildcardResources = [statement.Resource]
      .flat()
      .map((r) => flattenIntrinsics(r, '<', '>'))
      .filter((r) => r.includes('*') && !r.endsWith(':*'));
    if (wildcardActions.length + wildcardResources.length === 0) continue;
    if (reason === undefined) continue;
    for (const a of wildcardActions) findings[`AwsSolutions-IAM5[Action::${a}]`] = reason;
    for (const r of wildcardResources) findings[`AwsSolutions-IAM5[Resource::${r}]`] = reason;
  }
  acknowledgeFindings(policy, findings);
}
