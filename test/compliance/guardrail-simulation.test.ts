import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { TemplateResolver } from './resolve';
import { FULL_AWS_ACCESS, OrgPolicies, simulate } from './simulate';
import { SecureTrail, TrailBucket, TrailGuardrails, TrailKey } from '../../src';
import { TAMPER_EVENTS, TamperTarget } from '../../src/policies/tamper-events';
import { REGION } from '../helpers';

/*
 * The guardrails as IAM evaluates them (@cloud-copilot/iam-simulate, with its SCP and RCP support): every call of the
 * tamper list is denied to an administrator of a member account, on the log-archive account's bucket and key, on the
 * organization trail from a delegated administrator, and on an account with a trail of its own; the break-glass role
 * may still make it; CloudTrail still delivers; principals outside the organization and plain HTTP are refused by the
 * RCP. Policies come from synthesized templates, resolved for pinned accounts.
 */

const ORG = 'o-abcdefghij';
const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
const MEMBER = '333333333333';
const AUDIT = '444444444444';
const OUTSIDER = '999999999999';
const ADMINISTRATOR_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const BREAK_GLASS = ['arn:aws:iam::*:role/BreakGlass', 'arn:aws:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'];
const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
const IN_ORG = { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalIsAWSService': 'false' };

/** KMS's default key policy: the account's IAM policies decide. */
function defaultKeyPolicy(account: string): any {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
    ],
  };
}

interface Resolved {
  readonly template: Template;
  readonly resolver: TemplateResolver;
  readonly ids: (type: string) => string[];
}

function resolved(stack: Stack): Resolved {
  const template = Template.fromStack(stack);
  const resolver = new TemplateResolver(template, stack.account, REGION);
  return { template, resolver, ids: (type) => Object.keys(template.findResources(type)) };
}

/** The SCPs and RCPs of a stack's guardrails, as Organizations would hold them, attached under the root. */
function guardrailPolicies(r: Resolved): { scps: OrgPolicies[]; rcps: OrgPolicies[] } {
  const policies = r.ids('AWS::Organizations::Policy').map((id) => r.resolver.properties(id));
  const of = (type: string) => policies.filter((p) => p.Type === type).map((p) => p.Content);
  return {
    scps: [
      { target: 'r-abcd', policies: [FULL_AWS_ACCESS] },
      { target: 'account', policies: [FULL_AWS_ACCESS, ...of('SERVICE_CONTROL_POLICY')] },
    ],
    rcps: [{ target: 'account', policies: of('RESOURCE_CONTROL_POLICY') }],
  };
}

function bucketPolicyOf(r: Resolved, bucketName: string): any {
  const id = r.ids('AWS::S3::BucketPolicy').find((i) => r.resolver.properties(i).Bucket === bucketName)!;
  return r.resolver.properties(id).PolicyDocument;
}

/** What one tamper call acts on, as IAM sees the request. */
interface Targets {
  readonly account: string;
  readonly trailArn: string;
  readonly bucketArn: string;
  readonly bucketPolicy: any;
  readonly keyArn: string;
  readonly keyPolicy: any;
  readonly aliasArn?: string;
  readonly aliasName?: string;
  readonly logGroupArn?: string;
}

interface TamperRequest {
  readonly resource: string;
  readonly resourcePolicy?: any;
  readonly context: Record<string, string | string[]>;
}

function requestFor(targets: Targets, target: TamperTarget, action: string): TamperRequest {
  switch (target) {
    case 'trail':
      return { resource: targets.trailArn, context: {} };
    case 'bucket':
      return { resource: targets.bucketArn, resourcePolicy: targets.bucketPolicy, context: IN_ORG };
    case 'key':
      return {
        resource: targets.keyArn,
        resourcePolicy: targets.keyPolicy,
        context: { ...IN_ORG, ...(targets.aliasName ? { 'kms:ResourceAliases': [targets.aliasName] } : {}) },
      };
    case 'keyAlias':
      return { resource: targets.aliasArn!, context: IN_ORG };
    case 'logGroup':
      return {
        resource:
          action === 'logs:DeleteLogStream'
            ? `${targets.logGroupArn}:log-stream:${targets.account}_CloudTrail_${REGION}`
            : targets.logGroupArn!,
        context: IN_ORG,
      };
  }
}

/** The attack matrix of one account: every tamper call, by an administrator and by the break-glass role. */
function attackMatrix(
  name: string,
  targets: () => Targets,
  policies: () => { scps: OrgPolicies[]; rcps: OrgPolicies[] },
  kinds: TamperTarget[],
) {
  const calls = [...new Map(TAMPER_EVENTS.filter((e) => kinds.includes(e.target)).map((e) => [e.action, e])).values()];
  const attempt = (principal: string, event: (typeof calls)[number]) => {
    const t = targets();
    const request = requestFor(t, event.target, event.action);
    return simulate({
      principal,
      action: event.action,
      resource: request.resource,
      resourceAccount: t.account,
      resourcePolicy: request.resourcePolicy,
      identityPolicies: [ADMINISTRATOR_ACCESS],
      // The simulator takes the principal's ARN from the context, as IAM fills it in.
      context: { ...request.context, 'aws:PrincipalArn': principal },
      serviceControlPolicies: policies().scps,
      resourceControlPolicies: policies().rcps,
    });
  };

  describe(name, () => {
    test.each(calls.map((e) => [e.action, e] as const))(
      'an administrator of the account is refused %s',
      async (_action, event) => {
        expect(await attempt(`arn:aws:iam::${targets().account}:role/Admin`, event)).toBe('ExplicitlyDenied');
      },
    );
    test.each(calls.map((e) => [e.action, e] as const))(
      'the break-glass role may still call %s',
      async (_action, event) => {
        expect(await attempt(`arn:aws:iam::${targets().account}:role/BreakGlass`, event)).toBe('Allowed');
      },
    );
    test('without the guardrails, the administrator could make every one of these calls', async () => {
      const t = targets();
      for (const event of calls) {
        const request = requestFor(t, event.target, event.action);
        expect(
          await simulate({
            principal: `arn:aws:iam::${t.account}:role/Admin`,
            action: event.action,
            resource: request.resource,
            resourceAccount: t.account,
            resourcePolicy: request.resourcePolicy,
            identityPolicies: [ADMINISTRATOR_ACCESS],
            context: request.context,
          }),
        ).toBe('Allowed');
      }
    });
  });
}

describe('the log-archive account: bucket and key of an organization trail, guarded from the management account', () => {
  const app = new App();
  const archiveStack = new Stack(app, 'LogArchive', { env: { account: LOG_ARCHIVE, region: REGION } });
  const trailArn = `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org-trail`;
  const key = new TrailKey(archiveStack, 'Key', { alias: 'alias/cloudtrail/org-trail' });
  key.allowTrailArn(trailArn);
  const bucket = new TrailBucket(archiveStack, 'Bucket', {
    bucketName: 'org-trail-logs',
    encryptionKey: key,
    organizationId: ORG,
  });
  bucket.allowTrailArn(trailArn, { organizationId: ORG });

  const management = new Stack(app, 'Management', { env: { account: MANAGEMENT, region: REGION } });
  const trail = new SecureTrail(management, 'Trail', {
    trailName: 'org-trail',
    organizationId: ORG,
    bucket: s3.Bucket.fromBucketName(management, 'ArchiveBucket', 'org-trail-logs'),
    encryptionKey: kms.Key.fromKeyArn(
      management,
      'ArchiveKey',
      `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:alias/cloudtrail/org-trail`,
    ),
    cloudWatchLogsEncryptionKey: new TrailKey(management, 'LogsKey'),
  });
  new TrailGuardrails(management, 'Guardrails', {
    trail,
    breakGlassPrincipalArns: BREAK_GLASS,
    organizationId: ORG,
    targetIds: ['r-abcd'],
  });

  const archive = resolved(archiveStack);
  const keyId = archive.ids('AWS::KMS::Key')[0];
  const targets = (): Targets => ({
    account: LOG_ARCHIVE,
    trailArn,
    bucketArn: 'arn:aws:s3:::org-trail-logs',
    bucketPolicy: bucketPolicyOf(archive, 'org-trail-logs'),
    keyArn: `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:key/${keyId}`,
    keyPolicy: archive.resolver.properties(keyId).KeyPolicy,
    aliasArn: `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:alias/cloudtrail/org-trail`,
    aliasName: 'alias/cloudtrail/org-trail',
  });
  const policies = () => guardrailPolicies(resolved(management));

  attackMatrix('attacks on the log archive', targets, policies, ['bucket', 'key', 'keyAlias']);

  // A delegated administrator (the audit account) calls the organization trail by the management account's ARN, and
  // CloudTrail authorizes the call with the caller's own policies, its SCPs among them: the request is evaluated as
  // one of the audit account's principals on that ARN.
  attackMatrix(
    "a delegated administrator's attacks on the organization trail",
    () => ({ ...targets(), account: AUDIT }),
    policies,
    ['trail'],
  );

  test('the key is matched by its alias: a key of the account without that alias is not guarded', async () => {
    const t = targets();
    expect(
      await simulate({
        principal: `arn:aws:iam::${LOG_ARCHIVE}:role/Admin`,
        action: 'kms:ScheduleKeyDeletion',
        resource: t.keyArn,
        resourceAccount: LOG_ARCHIVE,
        resourcePolicy: t.keyPolicy,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        context: { ...IN_ORG, 'kms:ResourceAliases': ['alias/something-else'] },
        serviceControlPolicies: policies().scps,
        resourceControlPolicies: policies().rcps,
      }),
    ).toBe('Allowed');
  });

  describe('CloudTrail still delivers, through the RCP', () => {
    const deliver = (
      action: string,
      resource: string,
      resourcePolicy: any,
      context: Record<string, string | string[]>,
    ) =>
      simulate({
        principal: CLOUDTRAIL,
        action,
        resource,
        resourceAccount: LOG_ARCHIVE,
        resourcePolicy,
        context: {
          'aws:PrincipalIsAWSService': 'true',
          'aws:SourceArn': trailArn,
          'aws:SourceAccount': MANAGEMENT,
          'aws:SourceOrgID': ORG,
          ...context,
        },
        resourceControlPolicies: policies().rcps,
      });

    test('log files to the bucket, under both paths of the organization trail', async () => {
      const t = targets();
      for (const path of [`AWSLogs/${MANAGEMENT}/f.json.gz`, `AWSLogs/${ORG}/${MEMBER}/f.json.gz`]) {
        expect(
          await deliver('s3:PutObject', `${t.bucketArn}/${path}`, t.bucketPolicy, {
            's3:x-amz-acl': 'bucket-owner-full-control',
          }),
        ).toBe('Allowed');
      }
      expect(await deliver('s3:GetBucketAcl', t.bucketArn, t.bucketPolicy, {})).toBe('Allowed');
    });

    test('data keys from the key', async () => {
      const t = targets();
      expect(
        await deliver('kms:GenerateDataKey', t.keyArn, t.keyPolicy, {
          'kms:EncryptionContext:aws:cloudtrail:arn': trailArn,
          'kms:ResourceAliases': [t.aliasName!],
        }),
      ).toBe('Allowed');
    });

    test('a trail of another organization is refused by the RCP, even if the bucket policy allowed it', async () => {
      const t = targets();
      const foreignTrail = `arn:aws:cloudtrail:${REGION}:${OUTSIDER}:trail/org-trail`;
      const allowAnyTrail = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: CLOUDTRAIL }, Action: 's3:PutObject', Resource: `${t.bucketArn}/*` },
        ],
      };
      const put = (rcps: OrgPolicies[]) =>
        simulate({
          principal: CLOUDTRAIL,
          action: 's3:PutObject',
          resource: `${t.bucketArn}/AWSLogs/${OUTSIDER}/f.json.gz`,
          resourceAccount: LOG_ARCHIVE,
          resourcePolicy: allowAnyTrail,
          context: {
            'aws:PrincipalIsAWSService': 'true',
            'aws:SourceArn': foreignTrail,
            'aws:SourceAccount': OUTSIDER,
          },
          resourceControlPolicies: rcps,
        });
      expect(await put(policies().rcps)).toBe('ExplicitlyDenied');
      expect(await put([])).toBe('Allowed');
    });
  });

  describe('the RCP keeps the storage inside the organization', () => {
    const outsider = `arn:aws:iam::${OUTSIDER}:role/Reader`;
    const openPolicy = (resource: string) => ({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: outsider }, Action: ['s3:GetObject', 'kms:Decrypt'], Resource: resource },
      ],
    });
    const read = (
      action: string,
      resource: string,
      rcps: OrgPolicies[],
      context: Record<string, string | string[]> = {},
    ) =>
      simulate({
        principal: outsider,
        action,
        resource,
        resourceAccount: LOG_ARCHIVE,
        resourcePolicy: openPolicy(resource),
        identityPolicies: [ADMINISTRATOR_ACCESS],
        context: { 'aws:PrincipalOrgID': 'o-someoneelse', 'aws:PrincipalIsAWSService': 'false', ...context },
        resourceControlPolicies: rcps,
      });

    test('a principal of another organization, allowed by a bucket or key policy, is refused by the RCP', async () => {
      const t = targets();
      const logFile = `${t.bucketArn}/AWSLogs/${ORG}/${MEMBER}/f.json.gz`;
      expect(await read('s3:GetObject', logFile, policies().rcps)).toBe('ExplicitlyDenied');
      expect(await read('s3:GetObject', logFile, [])).toBe('Allowed');
      expect(await read('kms:Decrypt', t.keyArn, policies().rcps, { 'kms:ResourceAliases': [t.aliasName!] })).toBe(
        'ExplicitlyDenied',
      );
      expect(await read('kms:Decrypt', t.keyArn, [], { 'kms:ResourceAliases': [t.aliasName!] })).toBe('Allowed');
    });

    test('plain HTTP is refused by the RCP, even to a principal of the organization', async () => {
      const t = targets();
      const decrypt = (rcps: OrgPolicies[]) =>
        simulate({
          principal: `arn:aws:iam::${LOG_ARCHIVE}:role/Reader`,
          action: 'kms:Decrypt',
          resource: t.keyArn,
          resourceAccount: LOG_ARCHIVE,
          resourcePolicy: t.keyPolicy,
          identityPolicies: [ADMINISTRATOR_ACCESS],
          context: { ...IN_ORG, 'aws:SecureTransport': 'false', 'kms:ResourceAliases': [t.aliasName!] },
          resourceControlPolicies: rcps,
        });
      expect(await decrypt(policies().rcps)).toBe('ExplicitlyDenied');
      expect(await decrypt([])).toBe('Allowed');
    });
  });
});

describe('a member account with a trail of its own', () => {
  const stack = new Stack(new App(), 'Member', { env: { account: MEMBER, region: REGION } });
  const trail = new SecureTrail(stack, 'Trail', { trailName: 'account-trail' });
  new TrailGuardrails(stack, 'Guardrails', {
    trail,
    breakGlassPrincipalArns: BREAK_GLASS,
    organizationId: ORG,
    targetIds: [MEMBER],
  });
  const r = resolved(stack);
  const keyId = r.ids('AWS::KMS::Key')[0];
  const bucketName = r.resolver.resolve({
    Ref: r.ids('AWS::S3::Bucket').find((id) => r.template.toJSON().Resources[id].Properties.LoggingConfiguration)!,
  });
  const targets = (): Targets => ({
    account: MEMBER,
    trailArn: `arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/account-trail`,
    bucketArn: `arn:aws:s3:::${bucketName}`,
    bucketPolicy: bucketPolicyOf(r, bucketName),
    keyArn: `arn:aws:kms:${REGION}:${MEMBER}:key/${keyId}`,
    keyPolicy: r.resolver.properties(keyId).KeyPolicy,
    logGroupArn: `arn:aws:logs:${REGION}:${MEMBER}:log-group:/aws/cloudtrail/account-trail`,
  });
  const policies = () => guardrailPolicies(r);

  attackMatrix('attacks on the account trail and its storage', targets, policies, [
    'trail',
    'bucket',
    'key',
    'logGroup',
  ]);

  test("what is not this trail's is not guarded: another trail, bucket and log group", async () => {
    const as = (action: string, resource: string) =>
      simulate({
        principal: `arn:aws:iam::${MEMBER}:role/Admin`,
        action,
        resource,
        resourceAccount: MEMBER,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        context: {
          ...(action.startsWith('cloudtrail') ? {} : IN_ORG),
          'aws:PrincipalArn': `arn:aws:iam::${MEMBER}:role/Admin`,
        },
        serviceControlPolicies: policies().scps,
        resourceControlPolicies: policies().rcps,
      });
    expect(await as('cloudtrail:StopLogging', `arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/other-trail`)).toBe(
      'Allowed',
    );
    expect(await as('s3:PutBucketPolicy', 'arn:aws:s3:::some-other-bucket')).toBe('Allowed');
    expect(await as('logs:DeleteLogGroup', `arn:aws:logs:${REGION}:${MEMBER}:log-group:/aws/lambda/app`)).toBe(
      'Allowed',
    );
  });

  test('reading the trail and its logs is not guarded', async () => {
    const t = targets();
    expect(
      await simulate({
        principal: `arn:aws:iam::${MEMBER}:role/Admin`,
        action: 'cloudtrail:GetTrailStatus',
        resource: t.trailArn,
        resourceAccount: MEMBER,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        serviceControlPolicies: policies().scps,
        resourceControlPolicies: policies().rcps,
      }),
    ).toBe('Allowed');
  });

  test("CloudTrail still delivers to the account's bucket and key", async () => {
    const t = targets();
    const context = {
      'aws:PrincipalIsAWSService': 'true',
      'aws:SourceArn': t.trailArn,
      'aws:SourceAccount': MEMBER,
      'aws:SourceOrgID': ORG,
    };
    expect(
      await simulate({
        principal: CLOUDTRAIL,
        action: 's3:PutObject',
        resource: `${t.bucketArn}/AWSLogs/${MEMBER}/CloudTrail/${REGION}/2026/12/01/f.json.gz`,
        resourceAccount: MEMBER,
        resourcePolicy: t.bucketPolicy,
        context: { ...context, 's3:x-amz-acl': 'bucket-owner-full-control' },
        resourceControlPolicies: policies().rcps,
      }),
    ).toBe('Allowed');
    expect(
      await simulate({
        principal: CLOUDTRAIL,
        action: 'kms:GenerateDataKey',
        resource: t.keyArn,
        resourceAccount: MEMBER,
        resourcePolicy: t.keyPolicy,
        context: { ...context, 'kms:EncryptionContext:aws:cloudtrail:arn': t.trailArn },
        resourceControlPolicies: policies().rcps,
      }),
    ).toBe('Allowed');
  });

  test('plain HTTP to the log group is refused by the RCP', async () => {
    const t = targets();
    const filter = (rcps: OrgPolicies[]) =>
      simulate({
        principal: `arn:aws:iam::${MEMBER}:role/Reader`,
        action: 'logs:FilterLogEvents',
        resource: t.logGroupArn!,
        resourceAccount: MEMBER,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        context: { ...IN_ORG, 'aws:SecureTransport': 'false' },
        resourceControlPolicies: rcps,
      });
    expect(await filter(policies().rcps)).toBe('ExplicitlyDenied');
    expect(await filter([])).toBe('Allowed');
  });
});

/*
 * The documented deployments must still go through once the guardrails are attached to the root, with a
 * break-glass list that names no deploy role: the delegated administrator's provider role (by its tag, read from the
 * audit stack's template) makes every call that creates and updates the organization trail; CDK's execution roles
 * (exempt by default) update the guarded bucket, key and log group policies; nobody else can take the provider role's
 * tag; CloudTrail and S3 server access logging still write through the RCP.
 */
describe('the documented deploy path goes through the guardrails', () => {
  const app = new App();
  const trailArn = `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org-trail`;
  const aliasArn = `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:alias/cloudtrail/org-trail`;
  const logGroupArn = `arn:aws:logs:${REGION}:${AUDIT}:log-group:/aws/cloudtrail/org-trail`;
  const audit = new Stack(app, 'Audit', { env: { account: AUDIT, region: REGION } });
  new SecureTrail(audit, 'Trail', {
    trailName: 'org-trail',
    organizationId: ORG,
    managementAccountId: MANAGEMENT,
    bucket: s3.Bucket.fromBucketName(audit, 'ArchiveBucket', 'org-trail-logs'),
    encryptionKey: kms.Key.fromKeyArn(audit, 'ArchiveKey', aliasArn),
    cloudWatchLogsEncryptionKey: new TrailKey(audit, 'LogsKey'),
  });
  const management = new Stack(app, 'Management', { env: { account: MANAGEMENT, region: REGION } });
  new TrailGuardrails(management, 'Guardrails', {
    trail: SecureTrail.fromTrailAttributes(management, 'Trail', {
      trailArn,
      bucket: s3.Bucket.fromBucketName(management, 'ArchiveBucket', 'org-trail-logs'),
      encryptionKey: kms.Key.fromKeyArn(management, 'ArchiveKey', aliasArn),
      logGroup: logs.LogGroup.fromLogGroupArn(management, 'AuditLogGroup', `${logGroupArn}:*`),
    }),
    breakGlassPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'],
    organizationId: ORG,
    targetIds: ['r-abcd'],
  });
  const policies = () => guardrailPolicies(resolved(management));
  const keyArn = `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:key/11111111-2222-3333-4444-555555555555`;
  // CloudFormation names the provider role <stack>-<logical id>-<suffix>: no pattern of it is reliable.
  const providerRole = `arn:aws:iam::${AUDIT}:role/Audit-AWS679f53fac002430cb0da5b7982bd2287S-1ABCDEFGHIJK`;
  const providerTags = (): Record<string, string> => {
    const role = resolved(audit).template.toJSON().Resources.AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2;
    return Object.fromEntries(role.Properties.Tags.map((t: any) => [`aws:PrincipalTag/${t.Key}`, t.Value]));
  };
  type Context = Record<string, string | string[]>;
  const call = (principal: string, action: string, resource: string, resourceAccount: string, context: Context = {}) =>
    simulate({
      principal,
      action,
      resource,
      resourceAccount,
      // KMS allows only what the key policy allows: the default one, which defers to IAM.
      resourcePolicy: action.startsWith('kms:') ? defaultKeyPolicy(resourceAccount) : undefined,
      identityPolicies: [ADMINISTRATOR_ACCESS],
      context: { ...IN_ORG, 'aws:PrincipalArn': principal, ...context },
      serviceControlPolicies: policies().scps,
      resourceControlPolicies: policies().rcps,
    });

  const trailCalls = [
    'CreateTrail',
    'UpdateTrail',
    'AddTags',
    'PutEventSelectors',
    'PutInsightSelectors',
    'PutEventConfiguration',
    'StartLogging',
    'StopLogging',
    'DeleteTrail',
  ];
  test.each(trailCalls)(
    "the delegated administrator's provider role may call cloudtrail:%s on the organization trail",
    async (action) => {
      expect(await call(providerRole, `cloudtrail:${action}`, trailArn, AUDIT, providerTags())).toBe('Allowed');
    },
  );

  test('the same role without its tag is refused: the tag is what exempts it', async () => {
    expect(await call(providerRole, 'cloudtrail:PutEventSelectors', trailArn, AUDIT)).toBe('ExplicitlyDenied');
  });

  test('the tag exempts from the trail statement only: not from the storage statements', async () => {
    expect(
      await call(providerRole, 's3:PutBucketPolicy', 'arn:aws:s3:::org-trail-logs', LOG_ARCHIVE, providerTags()),
    ).toBe('ExplicitlyDenied');
  });

  test("CDK's execution roles, exempt by default, update the bucket, key and log group policies", async () => {
    const execRole = (account: string) =>
      `arn:aws:iam::${account}:role/cdk-hnb659fds-cfn-exec-role-${account}-${REGION}`;
    expect(await call(execRole(LOG_ARCHIVE), 's3:PutBucketPolicy', 'arn:aws:s3:::org-trail-logs', LOG_ARCHIVE)).toBe(
      'Allowed',
    );
    expect(
      await call(execRole(LOG_ARCHIVE), 'kms:PutKeyPolicy', keyArn, LOG_ARCHIVE, {
        'kms:ResourceAliases': ['alias/cloudtrail/org-trail'],
      }),
    ).toBe('Allowed');
    expect(await call(execRole(AUDIT), 'logs:PutRetentionPolicy', logGroupArn, AUDIT)).toBe('Allowed');
    // ... and tag the provider role when they create it.
    expect(
      await call(execRole(AUDIT), 'iam:TagRole', providerRole, AUDIT, {
        'aws:TagKeys': ['cdk-cloudtrail-kit-trail-manager'],
      }),
    ).toBe('Allowed');
  });

  test('nobody else may take the tag: on a role, a user, a new role or a session', async () => {
    const admin = `arn:aws:iam::${AUDIT}:role/Admin`;
    const tagKeys = { 'aws:TagKeys': ['Cdk-CloudTrail-Kit-Trail-Manager'] };
    expect(await call(admin, 'iam:TagRole', admin, AUDIT, tagKeys)).toBe('ExplicitlyDenied');
    expect(await call(admin, 'iam:TagUser', `arn:aws:iam::${AUDIT}:user/alice`, AUDIT, tagKeys)).toBe(
      'ExplicitlyDenied',
    );
    expect(await call(admin, 'iam:CreateRole', `arn:aws:iam::${AUDIT}:role/Impostor`, AUDIT, tagKeys)).toBe(
      'ExplicitlyDenied',
    );
    expect(await call(admin, 'sts:TagSession', admin, AUDIT, tagKeys)).toBe('ExplicitlyDenied');
    expect(await call(admin, 'iam:TagRole', admin, AUDIT, { 'aws:TagKeys': ['team'] })).toBe('Allowed');
  });

  describe("the RCP lets the trail's services through", () => {
    const anyService = (service: string) => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: service },
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::org-trail-logs/*',
        },
      ],
    });
    const write = (service: string, context: Record<string, string>) =>
      simulate({
        principal: service,
        action: 's3:PutObject',
        resource: `arn:aws:s3:::org-trail-logs/AWSLogs/${ORG}/${MEMBER}/f.json.gz`,
        resourceAccount: LOG_ARCHIVE,
        resourcePolicy: anyService(service),
        context: { 'aws:PrincipalIsAWSService': 'true', ...context },
        resourceControlPolicies: policies().rcps,
      });

    test('CloudTrail writing for the trail, even without aws:SourceOrgID in the request', async () => {
      expect(await write(CLOUDTRAIL, { 'aws:SourceArn': trailArn, 'aws:SourceAccount': MANAGEMENT })).toBe('Allowed');
      expect(
        await write(CLOUDTRAIL, { 'aws:SourceArn': trailArn, 'aws:SourceAccount': MANAGEMENT, 'aws:SourceOrgID': ORG }),
      ).toBe('Allowed');
      // Another trail of an account outside the organization is still refused.
      expect(
        await write(CLOUDTRAIL, {
          'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${OUTSIDER}:trail/org-trail`,
          'aws:SourceAccount': OUTSIDER,
        }),
      ).toBe('ExplicitlyDenied');
    });

    test('S3 server access logging for a bucket of the organization', async () => {
      expect(
        await write('logging.s3.amazonaws.com', {
          'aws:SourceArn': 'arn:aws:s3:::org-trail-logs',
          'aws:SourceAccount': LOG_ARCHIVE,
          'aws:SourceOrgID': ORG,
        }),
      ).toBe('Allowed');
    });
  });
});

describe('a key given to the guardrails as an alias this app imports by name', () => {
  const stack = new Stack(new App(), 'Member', { env: { account: MEMBER, region: REGION } });
  const trail = new SecureTrail(stack, 'Trail', { trailName: 'account-trail' });
  new TrailGuardrails(stack, 'Guardrails', {
    trail,
    breakGlassPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'],
    encryptionKey: kms.Alias.fromAliasName(stack, 'Alias', 'alias/team-logs'),
  });
  const keyArn = `arn:aws:kms:${REGION}:${MEMBER}:key/11111111-2222-3333-4444-555555555555`;
  const schedule = async (aliases: string[]) =>
    simulate({
      principal: `arn:aws:iam::${MEMBER}:role/Admin`,
      action: 'kms:ScheduleKeyDeletion',
      resource: keyArn,
      resourceAccount: MEMBER,
      resourcePolicy: defaultKeyPolicy(MEMBER),
      identityPolicies: [ADMINISTRATOR_ACCESS],
      context: { ...IN_ORG, 'aws:PrincipalArn': `arn:aws:iam::${MEMBER}:role/Admin`, 'kms:ResourceAliases': aliases },
      serviceControlPolicies: guardrailPolicies(resolved(stack)).scps,
    });

  test("ScheduleKeyDeletion, authorized on the key's ARN, is refused on the key carrying the alias", async () => {
    expect(await schedule(['alias/team-logs'])).toBe('ExplicitlyDenied');
    expect(await schedule(['alias/other'])).toBe('Allowed');
  });
});
