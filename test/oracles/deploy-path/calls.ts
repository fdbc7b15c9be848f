import { cloudFormationActions, Phase, PhasePermissions, sdkCallActions } from './actions';
import { AppModel, PARTITION, StackModel } from './model';

/*
 * Every call a deployment of an app makes, and that the app's services make once it runs, read from the synthesized
 * templates: CloudFormation's execution role on each resource, each AwsCustomResource call by its provider's role,
 * and the deliveries of CloudTrail, S3 server access logging, CloudWatch Logs, EventBridge and CloudWatch alarms, and
 * the queries `grantQuery` allows. Each call carries what IAM would see: principal, action, resource, the resource's
 * account and the request context.
 */

export interface Call {
  /** The stack whose deployment (or whose resources, once running) make the call. */
  readonly stack: string;
  /**
   * What makes it: `CloudFormation create AWS::S3::Bucket Bucket`, `custom resource X create`, `CloudTrail delivery`.
   */
  readonly source: string;
  readonly principal: string;
  /** The principal's account, for an IAM principal (whose account's SCPs apply); none for a service principal. */
  readonly principalAccount?: string;
  /** The identity policies of an IAM principal. */
  readonly identityPolicies?: any[];
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Record<string, string | string[]>;
  /**
   * A handler permission for a feature the resource may not use: dropped when the resource is of none of the types
   * IAM authorizes the action on (iam:GetGroupPolicy for a policy attached to roles only).
   */
  readonly ifApplicable?: boolean;
}

/** A call the oracle cannot evaluate: its resource is not in the app (its policy is someone else's). */
export interface Unchecked {
  readonly stack: string;
  readonly source: string;
  readonly reason: string;
}

export interface LayoutFacts {
  /** The organization the accounts belong to (sets aws:PrincipalOrgID and aws:SourceOrgID). */
  readonly organizationId?: string;
  /** The trail whose files a bucket not made by the app holds (a verifier of an imported trail reads them). */
  readonly trailArn?: string;
  /** A member account whose logs an organization trail delivers (its folder and log stream). */
  readonly memberAccount: string;
  /** The handler-permission table (a test may swap it). */
  readonly handlerPermissions?: Record<string, PhasePermissions>;
}

export const ADMINISTRATOR_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
/** CDK's default bootstrap gives the CloudFormation execution role AdministratorAccess. */
export const cfnExecRole = (account: string, region: string) =>
  `arn:${PARTITION}:iam::${account}:role/cdk-hnb659fds-cfn-exec-role-${account}-${region}`;

const DAY = '2026/12/07';
const arnAccount = (arn: string) => arn.split(':')[4];
const arnService = (arn: string) => arn.split(':')[2];

export class CallLister {
  public readonly calls: Call[] = [];
  public readonly unchecked: Unchecked[] = [];

  constructor(
    private readonly model: AppModel,
    private readonly facts: LayoutFacts,
  ) {
    for (const stack of model.stacks) {
      this.cloudFormation(stack);
      this.customResources(stack);
      this.trails(stack);
      this.accessLogging(stack);
      this.eventRules(stack);
      this.alarms(stack);
      this.queries(stack);
      this.monitors(stack);
    }
  }

  // ---------------------------------------------------------------------------------------------- IAM principals

  private iamContext(principal: string): Record<string, string> {
    return {
      'aws:PrincipalArn': principal,
      'aws:PrincipalAccount': arnAccount(principal),
      'aws:PrincipalIsAWSService': 'false',
      ...(this.facts.organizationId ? { 'aws:PrincipalOrgID': this.facts.organizationId } : {}),
      ...this.principalTagsOf(principal),
    };
  }

  /** A role of the app's tags as IAM puts them in the request (`aws:PrincipalTag/<key>`): guardrails exempt by tag. */
  private principalTagsOf(roleArn: string): Record<string, string> {
    const roleName = roleArn.split('/').pop();
    for (const stack of this.model.stacks) {
      if (stack.account !== arnAccount(roleArn)) continue;
      const roleId = Object.keys(stack.resources).find(
        (id) => stack.resources[id].Type === 'AWS::IAM::Role' && this.model.ref(stack, id) === roleName,
      );
      if (!roleId) continue;
      const tags: Array<{ Key: string; Value: string }> = this.model.properties(stack, roleId).Tags ?? [];
      return Object.fromEntries(tags.map((t) => [`aws:PrincipalTag/${t.Key}`, String(t.Value)]));
    }
    return {};
  }

  private add(call: Omit<Call, 'resourceAccount'> & { resourceAccount?: string }) {
    const resourceAccount = call.resourceAccount ?? (arnAccount(call.resource) || this.model.stack(call.stack).account);
    const context = { ...call.context };
    if (call.action.startsWith('kms:')) {
      const key = this.keyByArn(call.resource);
      const aliases = key ? this.aliasesOf(key.stack, key.id) : [];
      if (aliases.length) context['kms:ResourceAliases'] = aliases;
    }
    this.calls.push({ ...call, resourceAccount, context });
  }

  /** The identity policies of a role of the app, by ARN: inline, customer managed and AdministratorAccess. */
  public identityPoliciesOf(roleArn: string): any[] {
    const roleName = roleArn.split('/').pop();
    for (const stack of this.model.stacks) {
      if (stack.account !== arnAccount(roleArn)) continue;
      const roleId = Object.keys(stack.resources).find(
        (id) => stack.resources[id].Type === 'AWS::IAM::Role' && this.model.ref(stack, id) === roleName,
      );
      if (!roleId) continue;
      const role = this.model.properties(stack, roleId);
      const policies: any[] = (role.Policies ?? []).map((p: any) => p.PolicyDocument);
      const managedArns: string[] = role.ManagedPolicyArns ?? [];
      if (managedArns.some((arn) => arn.endsWith(':policy/AdministratorAccess'))) policies.push(ADMINISTRATOR_ACCESS);
      for (const [id, r] of Object.entries<any>(stack.resources)) {
        if (r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::ManagedPolicy') continue;
        if (!this.model.created(stack, id)) continue;
        const p = this.model.properties(stack, id);
        const attached =
          (p.Roles ?? []).includes(roleName) ||
          (r.Type === 'AWS::IAM::ManagedPolicy' && managedArns.includes(this.model.ref(stack, id)));
        if (attached) policies.push(p.PolicyDocument);
      }
      return policies;
    }
    throw new Error(`the role ${roleArn} is not in the app`);
  }

  // ---------------------------------------------------------------------------------------------- lookups

  public bucketByName(name: string): { stack: StackModel; id: string } | undefined {
    return this.model.resourcesOfType('AWS::S3::Bucket').find((b) => this.model.ref(b.stack, b.id) === name);
  }

  /** A key of the app by its key ARN or its alias ARN (KMS authorizes a call by alias on the key it names). */
  public keyByArn(arn: string): { stack: StackModel; id: string } | undefined {
    const keys = this.model.resourcesOfType('AWS::KMS::Key');
    const byKey = keys.find((k) => this.model.getAtt(k.stack, k.id, 'Arn') === arn);
    if (byKey) return byKey;
    const match = /^arn:[^:]+:kms:([^:]+):(\d{12}):(alias\/.+)$/.exec(arn);
    if (!match) return undefined;
    const alias = this.model
      .resourcesOfType('AWS::KMS::Alias')
      .find(
        (a) =>
          a.stack.region === match[1] &&
          a.stack.account === match[2] &&
          this.model.properties(a.stack, a.id).AliasName === match[3],
      );
    if (!alias) return undefined;
    const target = this.model.properties(alias.stack, alias.id).TargetKeyId;
    return keys.find(
      (k) => k.stack === alias.stack && (k.id === target || this.model.getAtt(k.stack, k.id, 'Arn') === target),
    );
  }

  public aliasesOf(stack: StackModel, keyId: string): string[] {
    const keyArn = this.model.getAtt(stack, keyId, 'Arn');
    return Object.keys(stack.resources)
      .filter((id) => stack.resources[id].Type === 'AWS::KMS::Alias')
      .map((id) => this.model.properties(stack, id))
      .filter((p) => p.TargetKeyId === keyId || p.TargetKeyId === keyArn)
      .map((p) => p.AliasName);
  }

  private topicByArn(arn: string): { stack: StackModel; id: string } | undefined {
    return this.model.resourcesOfType('AWS::SNS::Topic').find((t) => this.model.ref(t.stack, t.id) === arn);
  }

  // ---------------------------------------------------------------------------------------------- CloudFormation

  /** The ARNs a resource's own handler acts on. */
  private ownArns(stack: StackModel, id: string): string[] {
    const type = stack.resources[id].Type;
    const p = this.model.properties(stack, id);
    const m = this.model;
    const arn = (service: string, resource: string) => m.arn(stack, service, resource);
    switch (type) {
      case 'AWS::S3::Bucket':
        return [m.getAtt(stack, id, 'Arn')];
      case 'AWS::S3::BucketPolicy':
        return [`arn:${PARTITION}:s3:::${p.Bucket}`];
      case 'AWS::KMS::Key':
        return [m.getAtt(stack, id, 'Arn')];
      case 'AWS::KMS::Alias': {
        const target = String(p.TargetKeyId);
        return [arn('kms', p.AliasName), target.startsWith('arn:') ? target : arn('kms', `key/${target}`)];
      }
      case 'AWS::SNS::Topic':
        return [m.ref(stack, id)];
      case 'AWS::SNS::TopicPolicy':
        return p.Topics;
      case 'AWS::SNS::Subscription':
        return [p.TopicArn];
      // Its Arn attribute ends in `:*`; IAM's log-group resource is the ARN without it.
      case 'AWS::Logs::LogGroup':
        return [String(m.getAtt(stack, id, 'Arn')).replace(/:\*$/, '')];
      case 'AWS::Logs::MetricFilter':
        return [arn('logs', `log-group:${p.LogGroupName}`)];
      case 'AWS::IAM::Role':
        return [m.getAtt(stack, id, 'Arn')];
      case 'AWS::IAM::Policy':
        return (p.Roles ?? []).map((r: string) => `arn:${PARTITION}:iam::${stack.account}:role/${r}`);
      case 'AWS::IAM::ManagedPolicy':
        return [
          m.ref(stack, id),
          ...(p.Roles ?? []).map((r: string) => `arn:${PARTITION}:iam::${stack.account}:role/${r}`),
        ];
      case 'AWS::Events::Rule':
        return [m.getAtt(stack, id, 'Arn')];
      case 'AWS::CloudWatch::Alarm':
        return [m.getAtt(stack, id, 'Arn')];
      case 'AWS::CloudWatch::Dashboard':
        return [`arn:${PARTITION}:cloudwatch::${stack.account}:dashboard/${p.DashboardName ?? id}`];
      case 'AWS::Glue::Database':
        return [arn('glue', 'catalog'), arn('glue', `database/${m.ref(stack, id)}`)];
      case 'AWS::Glue::Table':
        return [
          arn('glue', 'catalog'),
          arn('glue', `database/${p.DatabaseName}`),
          arn('glue', `table/${p.DatabaseName}/${m.ref(stack, id)}`),
        ];
      case 'AWS::Athena::WorkGroup':
        return [arn('athena', `workgroup/${m.ref(stack, id)}`)];
      case 'AWS::Athena::NamedQuery':
        return [arn('athena', `workgroup/${p.WorkGroup ?? 'primary'}`)];
      case 'AWS::Lambda::Function':
        return [m.getAtt(stack, id, 'Arn')];
      case 'AWS::DynamoDB::Table':
        return [m.getAtt(stack, id, 'Arn')];
      case 'AWS::SQS::Queue':
        return [m.getAtt(stack, id, 'Arn')];
      case 'AWS::SQS::QueuePolicy':
        return (p.Queues ?? []).map((url: string) => arn('sqs', String(url).split('/').pop()!));
      // An event source mapping's own ARN is made by Lambda (its UUID); the calls on it are the function's.
      case 'AWS::Lambda::EventSourceMapping':
        return [arn('lambda', `event-source-mapping:${id.toLowerCase()}`), arn('lambda', `function:${p.FunctionName}`)];
      case 'AWS::CloudTrail::Trail':
        return [m.getAtt(stack, id, 'Arn')];
      // Organizations policies live in the management account, where no SCP applies; their calls take no resource
      // there.
      case 'AWS::Organizations::Policy':
        return [
          `arn:${PARTITION}:organizations::${stack.account}:policy/${this.facts.organizationId ?? 'o-unknown'}/${String(p.Type).toLowerCase()}/p-${id.toLowerCase().slice(0, 8)}`,
        ];
      default:
        if (type.startsWith('Custom::')) return [p.ServiceToken];
        return [];
    }
  }

  private cloudFormation(stack: StackModel) {
    const principal = cfnExecRole(stack.account, stack.region);
    for (const [id, resource] of Object.entries<any>(stack.resources)) {
      if (!this.model.created(stack, id)) continue;
      const retained = resource.DeletionPolicy === 'Retain' || resource.DeletionPolicy === 'RetainExceptOnCreate';
      const phases: Phase[] = retained ? ['create', 'update'] : ['create', 'update', 'delete'];
      const own = this.ownArns(stack, id);
      const referenced = this.referencedArns(this.model.properties(stack, id));
      for (const phase of phases) {
        const seen = new Set<string>();
        for (const action of cloudFormationActions(resource.Type, phase, this.facts.handlerPermissions)) {
          for (const target of this.handlerTargets(action, own, referenced)) {
            if (seen.has(`${action} ${target}`)) continue;
            seen.add(`${action} ${target}`);
            this.add({
              stack: stack.name,
              source: `CloudFormation ${phase} ${resource.Type} ${id}`,
              principal,
              principalAccount: stack.account,
              identityPolicies: [ADMINISTRATOR_ACCESS],
              action,
              resource: target,
              context: {
                ...this.iamContext(principal),
                ...(action === 'iam:PassRole' ? { 'iam:PassedToService': passedTo(resource.Type) } : {}),
              },
              ifApplicable: true,
            });
          }
        }
      }
    }
  }

  /**
   * Which ARNs one handler action acts on: the resource's own ARNs of the action's service; else what the resource
   * references of that service (the key of an encrypted bucket, the role a trail passes). A handler lists the
   * permissions of every optional feature: an action with no such ARN is for a feature the resource does not use.
   * Organizations' reads (organization trails) take no resource.
   */
  private handlerTargets(action: string, own: string[], referenced: string[]): string[] {
    const service = action.split(':')[0];
    if (service === 'organizations' && /:(Describe|List)/.test(action)) return ['*'];
    const mine = own.filter((arn) => arnService(arn) === service);
    // S3's object actions act on an object of the bucket (a handler empties or reads it), not on the bucket.
    const s3Object =
      service === 's3' &&
      /Object|MultipartUpload$|MultipartUploadParts$/.test(action) &&
      !/Bucket|ObjectLockConfiguration/.test(action);
    if (s3Object) return mine.filter((arn) => /^arn:[^:]+:s3:::[^/]+$/.test(arn)).map((arn) => `${arn}/an-object`);
    if (mine.length) return mine;
    if (action === 'iam:PassRole') return referenced.filter((arn) => /^arn:[^:]+:iam::\d{12}:role\//.test(arn));
    if (service === 'kms') {
      return [
        ...new Set(
          referenced
            .filter((arn) => arnService(arn) === 'kms')
            .map((arn) => {
              const key = this.keyByArn(arn);
              return key ? this.model.getAtt(key.stack, key.id, 'Arn') : arn;
            }),
        ),
      ];
    }
    return [];
  }

  private referencedArns(value: any): string[] {
    const found: string[] = [];
    const walk = (v: any) => {
      if (typeof v === 'string' && /^arn:[^:]+:[a-z0-9-]+:/.test(v)) found.push(v.replace(/:\*$/, ''));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(value);
    return [...new Set(found)];
  }

  // ---------------------------------------------------------------------------------------------- custom resources

  private customResources(stack: StackModel) {
    for (const [id, resource] of Object.entries<any>(stack.resources)) {
      if (!resource.Type.startsWith('Custom::') || !this.model.created(stack, id)) continue;
      const p = this.model.properties(stack, id);
      const fn = Object.keys(stack.resources).find(
        (f) =>
          stack.resources[f].Type === 'AWS::Lambda::Function' && this.model.getAtt(stack, f, 'Arn') === p.ServiceToken,
      );
      if (!fn) {
        this.unchecked.push({
          stack: stack.name,
          source: `custom resource ${id}`,
          reason: `its provider ${p.ServiceToken} is not a function of the stack`,
        });
        continue;
      }
      const principal = this.model.properties(stack, fn).Role as string;
      const identityPolicies = this.identityPoliciesOf(principal);
      for (const [phase, key] of [
        ['create', 'Create'],
        ['update', 'Update'],
        ['delete', 'Delete'],
      ] as const) {
        if (p[key] === undefined) continue;
        const call = typeof p[key] === 'string' ? JSON.parse(p[key]) : p[key];
        for (const action of sdkCallActions(call.service, call.action, call.parameters)) {
          for (const target of this.sdkTargets(stack, action, call.parameters ?? {}, call.physicalResourceId?.id)) {
            this.add({
              // A delegated administrator's call on the organization trail (the management account's ARN) is
              // authorized with its own account's policies, as the guardrail simulation suite evaluates it.
              ...(action.startsWith('cloudtrail:') ? { resourceAccount: stack.account } : {}),
              stack: stack.name,
              source: `custom resource ${resource.Type} ${id} ${phase} (${call.service}.${call.action})`,
              principal,
              principalAccount: stack.account,
              identityPolicies,
              action,
              resource: target,
              context: { ...this.iamContext(principal), ...sdkContext(action) },
            });
          }
        }
      }
    }
  }

  private sdkTargets(stack: StackModel, action: string, parameters: any, physicalId?: string): string[] {
    const [service, name] = action.split(':');
    const slrs = ['cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail'].map(
      (r) => `arn:${PARTITION}:iam::${stack.account}:role/aws-service-role/${r}`,
    );
    if (service === 'cloudtrail') {
      const trail = parameters.Name ?? parameters.TrailName;
      if (trail === undefined) return ['*'];
      if (String(trail).startsWith('arn:')) return [trail];
      // CreateTrail names the trail; the trail it makes is the resource's physical id (the management account's ARN
      // for an organization trail created by a delegated administrator).
      if (physicalId?.startsWith('arn:') && physicalId.endsWith(`:trail/${trail}`)) return [physicalId];
      return [this.model.arn(stack, 'cloudtrail', `trail/${trail}`)];
    }
    if (action === 'organizations:RegisterDelegatedAdministrator') {
      return [
        `arn:${PARTITION}:organizations::${stack.account}:account/${this.facts.organizationId}/${parameters.MemberAccountId}`,
      ];
    }
    if (service === 'organizations') return ['*'];
    if (action === 'iam:PassRole') return [parameters.CloudWatchLogsRoleArn];
    if (name === 'GetRole' || name === 'CreateServiceLinkedRole') return slrs;
    throw new Error(`no resource known for the SDK call ${action}`);
  }

  // ---------------------------------------------------------------------------------------------- CloudTrail

  /** The trails of a stack: an AWS::CloudTrail::Trail created here, or the model of one managed by ARN. */
  private trails(stack: StackModel) {
    for (const [id, resource] of Object.entries<any>(stack.resources)) {
      if (resource.Type !== 'AWS::CloudTrail::Trail') continue;
      const p = this.model.properties(stack, id);
      const byArn = Object.keys(stack.resources)
        .filter((c) => stack.resources[c].Type.startsWith('Custom::') && this.model.created(stack, c))
        .map((c) => this.model.properties(stack, c).Create)
        .filter((c) => typeof c === 'string')
        .map((c) => JSON.parse(c))
        .find((c) => c.service === 'CloudTrail' && c.action === 'createTrail' && c.parameters?.Name === p.TrailName);
      if (!this.model.created(stack, id) && !byArn) continue;
      const trailArn: string = byArn ? byArn.physicalResourceId.id : this.model.getAtt(stack, id, 'Arn');
      this.deliveries(stack, trailArn, p);
    }
  }

  private deliveries(stack: StackModel, trailArn: string, p: any) {
    const trailAccount = arnAccount(trailArn);
    const region = trailArn.split(':')[3];
    const org = this.facts.organizationId;
    const source = 'CloudTrail delivery';
    const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
    const serviceContext = {
      'aws:PrincipalIsAWSService': 'true',
      'aws:SourceArn': trailArn,
      'aws:SourceAccount': trailAccount,
      ...(org ? { 'aws:SourceOrgID': org } : {}),
    };
    const prefix = p.S3KeyPrefix ? `${p.S3KeyPrefix}/` : '';
    const folders = [
      `AWSLogs/${trailAccount}/`,
      ...(p.IsOrganizationTrail && org ? [`AWSLogs/${org}/${this.facts.memberAccount}/`] : []),
    ];
    const day = `${region}/${DAY}`;
    const stamp = `${DAY.replace(/\//g, '')}T0000Z`;

    const bucket = this.bucketByName(p.S3BucketName);
    if (!bucket) {
      this.unchecked.push({ stack: stack.name, source, reason: `the bucket ${p.S3BucketName} is not in the app` });
    } else {
      const bucketArn = `arn:${PARTITION}:s3:::${p.S3BucketName}`;
      const account = bucket.stack.account;
      this.add({
        stack: stack.name,
        source,
        principal: CLOUDTRAIL,
        action: 's3:GetBucketAcl',
        resource: bucketArn,
        resourceAccount: account,
        context: serviceContext,
      });
      for (const folder of folders) {
        const owner = folder.split('/').slice(-2)[0];
        for (const object of [
          `${prefix}${folder}CloudTrail/${day}/${owner}_CloudTrail_${region}_${stamp}_abcdefgh.json.gz`,
          `${prefix}${folder}CloudTrail-Digest/${day}/${owner}_CloudTrail-Digest_${region}_${p.TrailName}_${region}_${stamp}.json.gz`,
        ]) {
          this.add({
            stack: stack.name,
            source,
            principal: CLOUDTRAIL,
            action: 's3:PutObject',
            resource: `${bucketArn}/${object}`,
            resourceAccount: account,
            context: { ...serviceContext, 's3:x-amz-acl': 'bucket-owner-full-control' },
          });
        }
      }
    }

    if (p.KMSKeyId) {
      const key = this.keyByArn(p.KMSKeyId);
      if (!key) {
        this.unchecked.push({ stack: stack.name, source, reason: `the key ${p.KMSKeyId} is not in the app` });
      } else {
        const keyArn = this.model.getAtt(key.stack, key.id, 'Arn');
        this.add({
          stack: stack.name,
          source,
          principal: CLOUDTRAIL,
          action: 'kms:GenerateDataKey',
          resource: keyArn,
          context: { ...serviceContext, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn },
        });
        // CloudTrail describes the key when the trail is created or updated (the User Guide's key policy has it).
        this.add({
          stack: stack.name,
          source,
          principal: CLOUDTRAIL,
          action: 'kms:DescribeKey',
          resource: keyArn,
          context: serviceContext,
        });
      }
    }

    if (p.SnsTopicName) {
      const topicArn = String(p.SnsTopicName).startsWith('arn:')
        ? p.SnsTopicName
        : this.model.arn(stack, 'sns', p.SnsTopicName);
      this.publish(stack, source, CLOUDTRAIL, topicArn, serviceContext);
    }

    if (p.CloudWatchLogsRoleArn && p.CloudWatchLogsLogGroupArn) {
      const role: string = p.CloudWatchLogsRoleArn;
      const logGroup = String(p.CloudWatchLogsLogGroupArn).replace(/:\*$/, '');
      this.add({
        stack: stack.name,
        source,
        principal: CLOUDTRAIL,
        action: 'sts:AssumeRole',
        resource: role,
        context: serviceContext,
      });
      const streams = [
        `${trailAccount}_CloudTrail_${region}`,
        ...(p.IsOrganizationTrail && org ? [`${org}_${this.facts.memberAccount}_CloudTrail_${region}`] : []),
      ];
      for (const stream of streams) {
        for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
          this.add({
            stack: stack.name,
            source: 'CloudTrail delivery to CloudWatch Logs (its role)',
            principal: role,
            principalAccount: arnAccount(role),
            identityPolicies: this.identityPoliciesOf(role),
            action,
            resource: `${logGroup}:log-stream:${stream}`,
            context: this.iamContext(role),
          });
        }
      }
    }
  }

  /** sns:Publish by a service, and the topic key's data keys when the topic is encrypted. */
  private publish(
    stack: StackModel,
    source: string,
    principal: string,
    topicArn: string,
    serviceContext: Record<string, string>,
  ) {
    const topic = this.topicByArn(topicArn);
    if (!topic) {
      this.unchecked.push({ stack: stack.name, source, reason: `the topic ${topicArn} is not in the app` });
      return;
    }
    this.add({
      stack: stack.name,
      source,
      principal,
      action: 'sns:Publish',
      resource: topicArn,
      context: serviceContext,
    });
    const keyRef = this.model.properties(topic.stack, topic.id).KmsMasterKeyId;
    if (!keyRef) return;
    const key = this.keyByArn(
      String(keyRef).startsWith('arn:')
        ? keyRef
        : this.model.arn(topic.stack, 'kms', keyRef.startsWith('alias/') ? keyRef : `key/${keyRef}`),
    );
    if (!key) {
      this.unchecked.push({ stack: stack.name, source, reason: `the key ${keyRef} of ${topicArn} is not in the app` });
      return;
    }
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
      this.add({
        stack: stack.name,
        source,
        principal,
        action,
        resource: this.model.getAtt(key.stack, key.id, 'Arn'),
        context: { ...serviceContext, 'kms:EncryptionContext:aws:sns:topicArn': topicArn },
      });
    }
  }

  // ---------------------------------------------------------------------------------------------- other services

  private accessLogging(stack: StackModel) {
    for (const [id, resource] of Object.entries<any>(stack.resources)) {
      if (resource.Type !== 'AWS::S3::Bucket' || !this.model.created(stack, id)) continue;
      const logging = this.model.properties(stack, id).LoggingConfiguration;
      if (!logging?.DestinationBucketName) continue;
      const destination = this.bucketByName(logging.DestinationBucketName);
      const source = `S3 server access logging of ${id}`;
      if (!destination) {
        this.unchecked.push({
          stack: stack.name,
          source,
          reason: `the bucket ${logging.DestinationBucketName} is not in the app`,
        });
        continue;
      }
      this.add({
        stack: stack.name,
        source,
        principal: 'logging.s3.amazonaws.com',
        action: 's3:PutObject',
        resource: `arn:${PARTITION}:s3:::${logging.DestinationBucketName}/${logging.LogFilePrefix ?? ''}2026-12-07-00-00-00-0123456789ABCDEF`,
        resourceAccount: destination.stack.account,
        context: {
          'aws:PrincipalIsAWSService': 'true',
          'aws:SourceArn': this.model.getAtt(stack, id, 'Arn'),
          'aws:SourceAccount': stack.account,
        },
      });
    }
    // CloudWatch Logs encrypts a log group with its key.
    for (const [id, resource] of Object.entries<any>(stack.resources)) {
      if (resource.Type !== 'AWS::Logs::LogGroup' || !this.model.created(stack, id)) continue;
      const keyArn = this.model.properties(stack, id).KmsKeyId;
      if (!keyArn) continue;
      const key = this.keyByArn(keyArn);
      const source = `CloudWatch Logs encryption of ${id}`;
      if (!key) {
        this.unchecked.push({ stack: stack.name, source, reason: `the key ${keyArn} is not in the app` });
        continue;
      }
      const logGroupArn = String(this.model.getAtt(stack, id, 'Arn')).replace(/:\*$/, '');
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
        this.add({
          stack: stack.name,
          source,
          principal: `logs.${stack.region}.amazonaws.com`,
          action,
          resource: this.model.getAtt(key.stack, key.id, 'Arn'),
          context: { 'aws:PrincipalIsAWSService': 'true', 'kms:EncryptionContext:aws:logs:arn': logGroupArn },
        });
      }
    }
  }

  private eventRules(stack: StackModel) {
    for (const [id, resource] of Object.entries<any>(stack.resources)) {
      if (resource.Type !== 'AWS::Events::Rule' || !this.model.created(stack, id)) continue;
      const ruleArn = this.model.getAtt(stack, id, 'Arn');
      for (const target of this.model.properties(stack, id).Targets ?? []) {
        if (arnService(target.Arn) === 'sqs') {
          this.add({
            stack: stack.name,
            source: `EventBridge rule ${id}`,
            principal: 'events.amazonaws.com',
            action: 'sqs:SendMessage',
            resource: target.Arn,
            context: {
              'aws:PrincipalIsAWSService': 'true',
              'aws:SourceArn': ruleArn,
              'aws:SourceAccount': stack.account,
              'aws:SecureTransport': 'true',
            },
          });
        }
        if (arnService(target.Arn) !== 'sns') continue;
        this.publish(stack, `EventBridge rule ${id}`, 'events.amazonaws.com', target.Arn, {
          'aws:PrincipalIsAWSService': 'true',
          'aws:SourceArn': ruleArn,
          'aws:SourceAccount': stack.account,
        });
      }
    }
  }

  private alarms(stack: StackModel) {
    for (const [id, resource] of Object.entries<any>(stack.resources)) {
      if (resource.Type !== 'AWS::CloudWatch::Alarm' || !this.model.created(stack, id)) continue;
      const p = this.model.properties(stack, id);
      const alarmArn = this.model.getAtt(stack, id, 'Arn');
      const actions = [...(p.AlarmActions ?? []), ...(p.OKActions ?? []), ...(p.InsufficientDataActions ?? [])];
      for (const topicArn of new Set(actions.filter((a: string) => arnService(a) === 'sns'))) {
        this.publish(stack, `CloudWatch alarm ${id}`, 'cloudwatch.amazonaws.com', topicArn as string, {
          'aws:PrincipalIsAWSService': 'true',
          'aws:SourceArn': alarmArn,
          'aws:SourceAccount': stack.account,
        });
      }
    }
  }

  /**
   * The calls a query makes, for each role `grantQuery` was given (a role allowed athena:StartQueryExecution on a
   * workgroup of the app): Athena in the workgroup, Glue's catalog, the log files and their key, the results.
   */
  private queries(stack: StackModel) {
    for (const [wgId, wg] of Object.entries<any>(stack.resources)) {
      if (wg.Type !== 'AWS::Athena::WorkGroup' || !this.model.created(stack, wgId)) continue;
      const workGroup = this.model.properties(stack, wgId);
      const workGroupArn = this.model.arn(stack, 'athena', `workgroup/${workGroup.Name}`);
      const tables = Object.keys(stack.resources)
        .filter((t) => stack.resources[t].Type === 'AWS::Glue::Table')
        .map((t) => this.model.properties(stack, t));
      const results = workGroup.WorkGroupConfiguration?.ResultConfiguration;
      for (const [roleId, role] of Object.entries<any>(stack.resources)) {
        if (role.Type !== 'AWS::IAM::Role') continue;
        const principal = this.model.getAtt(stack, roleId, 'Arn');
        const policies = this.identityPoliciesOf(principal);
        if (!JSON.stringify(policies).includes('athena:StartQueryExecution')) continue;
        const source = `query in ${workGroup.Name} by ${roleId}`;
        const as = (action: string, resource: string, context: Record<string, string> = {}) =>
          this.add({
            stack: stack.name,
            source,
            principal,
            principalAccount: stack.account,
            identityPolicies: policies,
            action,
            resource,
            context: { ...this.iamContext(principal), ...context },
          });
        for (const action of [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:GetNamedQuery',
        ]) {
          as(action, workGroupArn);
        }
        for (const table of tables) {
          const db = table.DatabaseName;
          const name = table.TableInput.Name;
          as('glue:GetDatabase', this.model.arn(stack, 'glue', `database/${db}`));
          for (const action of ['glue:GetTable', 'glue:GetPartitions']) {
            for (const r of ['catalog', `database/${db}`, `table/${db}/${name}`]) {
              as(action, this.model.arn(stack, 'glue', r));
            }
          }
          this.queryLogs(stack, as, table);
        }
        if (results?.OutputLocation) {
          const [bucketName, ...rest] = String(results.OutputLocation)
            .replace(/^s3:\/\//, '')
            .split('/');
          const bucketArn = `arn:${PARTITION}:s3:::${bucketName}`;
          const object = `${bucketArn}/${rest
            .filter(Boolean)
            .map((s) => `${s}/`)
            .join('')}query-id.csv`;
          as('s3:GetBucketLocation', bucketArn);
          as('s3:ListBucket', bucketArn);
          for (const action of ['s3:PutObject', 's3:GetObject']) as(action, object);
          const keyArn = results.EncryptionConfiguration?.KmsKey;
          if (keyArn) {
            for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
              as(action, keyArn, { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` });
            }
          }
        }
      }
    }
  }

  /** Reading one log file of the table's location, as Athena does in the grantee's name. */
  private queryLogs(
    stack: StackModel,
    as: (action: string, resource: string, context?: Record<string, string>) => void,
    table: any,
  ) {
    const template: string =
      table.TableInput.Parameters?.['storage.location.template'] ?? table.TableInput.StorageDescriptor.Location;
    const accountParam = table.TableInput.Parameters?.['projection.account.values'];
    const account = accountParam ? String(accountParam).split(',')[0] : stack.account;
    const folder = template
      .replace(/^s3:\/\//, '')
      .replace('${account}', account)
      .replace('${region}', stack.region)
      .replace('${timestamp}', DAY);
    const [bucketName, ...path] = folder.split('/');
    const bucketArn = `arn:${PARTITION}:s3:::${bucketName}`;
    const prefix = path.filter(Boolean).join('/');
    as('s3:GetBucketLocation', bucketArn);
    as('s3:ListBucket', bucketArn, { 's3:prefix': `${prefix}/` });
    as('s3:GetObject', `${bucketArn}/${prefix}/${account}_CloudTrail_${stack.region}_20261207T0000Z_abcdefgh.json.gz`);
    const bucket = this.bucketByName(bucketName);
    const encryption = bucket && this.model.properties(bucket.stack, bucket.id).BucketEncryption;
    const keyArn = encryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.KMSMasterKeyID;
    if (keyArn) {
      const key = this.keyByArn(keyArn);
      as('kms:Decrypt', key ? this.model.getAtt(key.stack, key.id, 'Arn') : keyArn, {
        'kms:EncryptionContext:aws:cloudtrail:arn': this.model
          .arn(stack, 'cloudtrail', `trail/${this.trailNameWriting(bucketName)}`)
          .replace(`:${stack.account}:`, `:${account}:`),
      });
    }
  }

  /**
   * The calls the monitors' functions make once running, read from each function's environment (what its handler is
   * told): the delivery monitor's status reads, publishes and state; the verifier's reads of a digest and a log file of
   * the stack's account (and of a member account under the organization id), its public keys, chain state and events;
   * the sweep's scan and status reads; and the deliveries into the verifier's queue and out of it.
   */
  private monitors(stack: StackModel) {
    for (const [id, fnResource] of Object.entries<any>(stack.resources)) {
      if (fnResource.Type !== 'AWS::Lambda::Function' || !this.model.created(stack, id)) continue;
      const p = this.model.properties(stack, id);
      const env: Record<string, string> = p.Environment?.Variables ?? {};
      if (!env.STATE_PARAMETER && !env.STATE_TABLE) continue;
      const principal = String(p.Role);
      const policies = this.identityPoliciesOf(principal);
      const as = (action: string, resource: string, context: Record<string, string> = {}) =>
        this.add({
          stack: stack.name,
          source: `function ${id}`,
          principal,
          principalAccount: stack.account,
          identityPolicies: policies,
          action,
          resource,
          context: { ...this.iamContext(principal), 'aws:SecureTransport': 'true', ...context },
        });
      // Lambda reads an SQS event source with the function's role.
      const sources = Object.entries<any>(stack.resources).filter(
        ([m, r]) =>
          r.Type === 'AWS::Lambda::EventSourceMapping' &&
          this.model.created(stack, m) &&
          this.model.properties(stack, m).FunctionName === this.model.ref(stack, id),
      );
      for (const [m] of sources) {
        const queue = String(this.model.properties(stack, m).EventSourceArn);
        for (const action of [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
        ]) {
          as(action, queue);
        }
      }
      if (env.STATE_PARAMETER) {
        this.deliveryMonitorCalls(stack, env, as);
      } else if (env.STATE_TABLE) {
        if (!this.bucketByName(env.BUCKET_NAME) && env.OVERDUE_MINUTES === undefined) {
          this.unchecked.push({
            stack: stack.name,
            source: `function ${id}`,
            reason:
              `the bucket ${env.BUCKET_NAME} and its key are not in the app: ` +
              "their policies are someone else's (the reads are evaluated under the function's identity policy only)",
          });
        }
        this.verifierCalls(stack, env, as);
      }
    }
  }

  private deliveryMonitorCalls(
    stack: StackModel,
    env: Record<string, string>,
    as: (action: string, resource: string) => void,
  ) {
    as('cloudtrail:GetTrailStatus', env.TRAIL_ARN);
    const parameter = this.model.arn(stack, 'ssm', `parameter${env.STATE_PARAMETER}`);
    as('ssm:GetParameter', parameter);
    as('ssm:PutParameter', parameter);
    as('sns:Publish', env.TOPIC_ARN);
    const topic = this.topicByArn(env.TOPIC_ARN);
    const keyRef = topic && this.model.properties(topic.stack, topic.id).KmsMasterKeyId;
    const key =
      keyRef &&
      this.keyByArn(String(keyRef).startsWith('arn:') ? keyRef : this.model.arn(topic!.stack, 'kms', `key/${keyRef}`));
    if (key) {
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
        as(action, this.model.getAtt(key.stack, key.id, 'Arn'));
      }
    }
  }

  private verifierCalls(
    stack: StackModel,
    env: Record<string, string>,
    as: (action: string, resource: string, context?: Record<string, string>) => void,
  ) {
    const table = this.model.arn(stack, 'dynamodb', `table/${env.STATE_TABLE}`);
    const bus = this.model.arn(stack, 'events', `event-bus/${env.EVENT_BUS_NAME}`);
    as('events:PutEvents', bus);
    if (env.SECURITY_HUB === 'true') {
      as('securityhub:BatchImportFindings', this.model.arn(stack, 'securityhub', `product/${stack.account}/default`));
    }
    if (env.OVERDUE_MINUTES !== undefined) {
      as('dynamodb:Scan', table);
      if (env.TRAIL_ARN) as('cloudtrail:GetTrailStatus', env.TRAIL_ARN);
      return;
    }
    as('dynamodb:GetItem', table);
    as('dynamodb:PutItem', table);
    as('cloudtrail:ListPublicKeys', '*');
    const bucketArn = `arn:${PARTITION}:s3:::${env.BUCKET_NAME}`;
    const root = `${env.LOG_PREFIX ? `${env.LOG_PREFIX}/` : ''}AWSLogs/`;
    const trail = this.model
      .resourcesOfType('AWS::CloudTrail::Trail')
      .find((t) => this.model.properties(t.stack, t.id).S3BucketName === env.BUCKET_NAME);
    const trailArn = trail
      ? this.model.getAtt(trail.stack, trail.id, 'Arn')
      : (this.facts.trailArn ?? this.model.arn(stack, 'cloudtrail', 'trail/trail'));
    const member = this.facts.organizationId
      ? [[`${this.facts.organizationId}/${this.facts.memberAccount}`, this.facts.memberAccount]]
      : [];
    const owners = [[arnAccount(trailArn), arnAccount(trailArn)], ...member];
    const bucket = this.bucketByName(env.BUCKET_NAME);
    const encryption = bucket && this.model.properties(bucket.stack, bucket.id).BucketEncryption;
    const keyArn = encryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.KMSMasterKeyID;
    for (const [folder, account] of owners) {
      const digest = `${root}${folder}/CloudTrail-Digest/${stack.region}/${DAY}/${account}_CloudTrail-Digest_${stack.region}_trail_${stack.region}_20261207T010000Z.json.gz`;
      const log = `${root}${folder}/CloudTrail/${stack.region}/${DAY}/${account}_CloudTrail_${stack.region}_20261207T0005Z_abcdefgh.json.gz`;
      for (const key of [digest, log]) as('s3:GetObject', `${bucketArn}/${key}`);
      as('s3:ListBucket', bucketArn, { 's3:prefix': `${root}${folder}/CloudTrail-Digest/${stack.region}/` });
      if (keyArn) {
        const k = this.keyByArn(keyArn);
        as('kms:Decrypt', k ? this.model.getAtt(k.stack, k.id, 'Arn') : keyArn, {
          'kms:EncryptionContext:aws:cloudtrail:arn': trailArn,
        });
      }
    }
  }

  private trailNameWriting(bucketName: string): string {
    const trail = this.model
      .resourcesOfType('AWS::CloudTrail::Trail')
      .map((t) => this.model.properties(t.stack, t.id))
      .find((t) => t.S3BucketName === bucketName);
    return trail?.TrailName ?? 'any-trail';
  }
}

function passedTo(type: string): string {
  const service: Record<string, string> = {
    'AWS::CloudTrail::Trail': 'cloudtrail.amazonaws.com',
    'AWS::Lambda::Function': 'lambda.amazonaws.com',
    'AWS::Events::Rule': 'events.amazonaws.com',
    'AWS::Athena::WorkGroup': 'athena.amazonaws.com',
  };
  return service[type] ?? `${type.split('::')[1].toLowerCase()}.amazonaws.com`;
}

function sdkContext(action: string): Record<string, string> {
  if (action === 'iam:PassRole') return { 'iam:PassedToService': 'cloudtrail.amazonaws.com' };
  if (action === 'iam:CreateServiceLinkedRole') return { 'iam:AWSServiceName': 'cloudtrail.amazonaws.com' };
  if (action === 'organizations:RegisterDelegatedAdministrator') {
    return { 'organizations:ServicePrincipal': 'cloudtrail.amazonaws.com' };
  }
  if (action === 'organizations:EnableAWSServiceAccess') {
    return { 'organizations:ServicePrincipal': 'cloudtrail.amazonaws.com' };
  }
  return {};
}
