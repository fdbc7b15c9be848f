import { allowedContextKeysForRequest, isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import { Call, CallLister } from './calls';
import { AppModel } from './model';
import { FULL_AWS_ACCESS, OrgPolicies, Outcome, Request, simulate } from '../../compliance/simulate';

/*
 * Each call as IAM would decide it (test/compliance/simulate.ts, @cloud-copilot/iam-simulate) under every policy the
 * app writes: the SCPs and RCPs of its AWS::Organizations::Policy resources, attached to the targets the template
 * gives, for member accounts only (never the management account, AWS Organizations User Guide); the resource's own
 * policy (bucket, key, topic, role trust policy) wherever in the app it is; the principal's identity policies.
 */

export interface Finding {
  readonly layout: string;
  readonly stack: string;
  readonly source: string;
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: Outcome;
  /** For a denied call: the policies whose removal lets it through, or why nothing allows it. */
  readonly deniedBy?: string;
}

interface OrgPolicy {
  readonly name: string;
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  readonly targets: string[];
  readonly content: any;
}

export class CallEvaluator {
  private readonly orgPolicies: OrgPolicy[];
  private readonly managementAccounts: Set<string>;
  private readonly cache = new Map<string, Promise<Outcome>>();

  constructor(
    private readonly model: AppModel,
    private readonly lister: CallLister,
    managementAccount?: string,
  ) {
    const policies = model.resourcesOfType('AWS::Organizations::Policy').filter((p) => model.created(p.stack, p.id));
    this.orgPolicies = policies.map(({ stack, id }) => {
      const p = model.properties(stack, id);
      return {
        name: p.Name ?? id,
        type: p.Type,
        targets: p.TargetIds ?? [],
        content: typeof p.Content === 'string' ? JSON.parse(p.Content) : p.Content,
      };
    });
    // Organizations policies are created in the management account (or a delegated one: given explicitly then).
    this.managementAccounts = new Set(managementAccount ? [managementAccount] : policies.map((p) => p.stack.account));
  }

  /** The policies of one type that apply to an account, root first, as Organizations holds them. */
  private levels(type: OrgPolicy['type'], account: string, without?: OrgPolicy): OrgPolicies[] {
    if (this.managementAccounts.has(account)) return [];
    const of = (match: (t: string) => boolean) =>
      this.orgPolicies.filter((p) => p !== without && p.type === type && p.targets.some(match)).map((p) => p.content);
    const base = type === 'SERVICE_CONTROL_POLICY' ? [FULL_AWS_ACCESS] : [];
    const levels: OrgPolicies[] = [{ target: 'root', policies: [...base, ...of((t) => t.startsWith('r-'))] }];
    // An OU's accounts are not known from the templates: every targeted OU is taken to hold the account (worst case).
    const ous = of((t) => t.startsWith('ou-'));
    if (ous.length) levels.push({ target: 'ou', policies: [...base, ...ous] });
    levels.push({ target: account, policies: [...base, ...of((t) => t === account)] });
    return levels;
  }

  /** The resource's own policy, wherever in the app it is written. */
  public resourcePolicyOf(call: Call): any {
    const m = this.model;
    const service = call.action.split(':')[0];
    if (call.resource.startsWith('arn:aws:s3:::')) {
      const bucketName = call.resource.slice('arn:aws:s3:::'.length).split('/')[0];
      const policy = m
        .resourcesOfType('AWS::S3::BucketPolicy')
        .find((b) => m.created(b.stack, b.id) && m.properties(b.stack, b.id).Bucket === bucketName);
      return policy && m.properties(policy.stack, policy.id).PolicyDocument;
    }
    if (service === 'kms') {
      const key = this.lister.keyByArn(call.resource);
      return key && m.properties(key.stack, key.id).KeyPolicy;
    }
    if (service === 'sns') {
      const policy = m
        .resourcesOfType('AWS::SNS::TopicPolicy')
        .find((t) => m.created(t.stack, t.id) && m.properties(t.stack, t.id).Topics.includes(call.resource));
      return policy && m.properties(policy.stack, policy.id).PolicyDocument;
    }
    if (service === 'sqs') {
      const queue = m.resourcesOfType('AWS::SQS::Queue').find((q) => m.getAtt(q.stack, q.id, 'Arn') === call.resource);
      const policy =
        queue &&
        m
          .resourcesOfType('AWS::SQS::QueuePolicy')
          .find(
            (q) =>
              m.created(q.stack, q.id) && m.properties(q.stack, q.id).Queues.includes(m.ref(queue.stack, queue.id)),
          );
      return policy && m.properties(policy.stack, policy.id).PolicyDocument;
    }
    if (call.action === 'sts:AssumeRole') {
      const role = m.resourcesOfType('AWS::IAM::Role').find((r) => m.getAtt(r.stack, r.id, 'Arn') === call.resource);
      return role && m.properties(role.stack, role.id).AssumeRolePolicyDocument;
    }
    return undefined;
  }

  private async request(
    call: Call,
    without?: { org?: OrgPolicy; resourcePolicy?: boolean; identity?: boolean },
  ): Promise<Request> {
    const [service, action] = call.action.split(':');
    // The simulator refuses context keys that the action does not take; pass only those it does (the wrapper renames
    // the encryption-context keys to stand-ins it accepts).
    const allowed = new Set(await allowedContextKeysForRequest(service, action, call.resource, false, undefined));
    const context = Object.fromEntries(
      Object.entries(call.context).filter(
        ([k]) =>
          allowed.has(k.toLowerCase()) || k.startsWith('kms:EncryptionContext:') || k.startsWith('aws:PrincipalTag/'),
      ),
    );
    return {
      principal: call.principal,
      action: call.action,
      // An action IAM authorizes only on `*` (kms:CreateKey, organizations:DescribeOrganization) is evaluated on `*`.
      resource: (await isWildcardOnlyAction(service, action)) ? '*' : call.resource,
      resourceAccount: call.resourceAccount,
      context,
      resourcePolicy: without?.resourcePolicy ? undefined : this.resourcePolicyOf(call),
      identityPolicies: without?.identity ? undefined : call.identityPolicies,
      serviceControlPolicies: call.principalAccount
        ? this.levels('SERVICE_CONTROL_POLICY', call.principalAccount, without?.org)
        : [],
      resourceControlPolicies: this.levels('RESOURCE_CONTROL_POLICY', call.resourceAccount, without?.org),
    };
  }

  public decide(
    call: Call,
    without?: { org?: OrgPolicy; resourcePolicy?: boolean; identity?: boolean },
  ): Promise<Outcome> {
    const key = JSON.stringify([
      call.principal,
      call.action,
      call.resource,
      call.resourceAccount,
      call.context,
      call.identityPolicies,
      call.principalAccount,
      without?.org?.name,
      without?.resourcePolicy,
      without?.identity,
    ]);
    let outcome = this.cache.get(key);
    if (!outcome) {
      outcome = this.request(call, without)
        .then(simulate)
        .catch((e) => {
          throw new Error(
            `${call.stack}: ${call.source}: ${call.principal} ${call.action} ${call.resource}: ${e.message}`,
          );
        });
      this.cache.set(key, outcome);
    }
    return outcome;
  }

  /** Which policies deny a call: each SCP, RCP or the resource policy whose removal changes the outcome. */
  public async explain(call: Call, decision: Outcome): Promise<string> {
    if (decision === 'ImplicitlyDenied') {
      if (!call.principalAccount) {
        return this.resourcePolicyOf(call)
          ? 'no statement of the resource policy allows it'
          : 'the resource has no policy in the app';
      }
      const sameAccount = call.principalAccount === call.resourceAccount;
      return sameAccount
        ? 'no identity or resource policy statement allows it'
        : 'a cross-account call the identity policy or the resource policy does not allow';
    }
    const culprits: string[] = [];
    for (const org of this.orgPolicies) {
      if ((await this.decide(call, { org })) !== 'ExplicitlyDenied') {
        culprits.push(`${org.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'} ${org.name}`);
      }
    }
    if ((await this.decide(call, { resourcePolicy: true })) !== 'ExplicitlyDenied') {
      culprits.push('the resource policy');
    }
    if ((await this.decide(call, { identity: true })) !== 'ExplicitlyDenied') culprits.push('the identity policy');
    return culprits.join(' + ') || 'a combination of policies';
  }
}
