import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { expectAllAllowed, reportOf } from './layouts';
import {
  CisAlarms,
  OrganizationTrailPrerequisites,
  SecureTrail,
  TrailBucket,
  TrailGuardrails,
  TrailInvestigations,
  TrailKey,
  TrailIntegrityVerifier,
  TrailLogTable,
  TrailQueryWorkGroup,
  TrailTamperAlert,
} from '../../src';

/*
 * The layouts README.md documents, each built as the README writes it (its snippets, with the accounts they name:
 * management 111111111111, log archive 222222222222, audit 333333333333, us-east-1). Where a snippet leaves a value to
 * the reader (`declare const`), the comment says what stands in for it.
 */

const ORG = 'o-a1b2c3d4e5';
const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
const AUDIT = '333333333333';
const REGION = 'us-east-1';
const env = (account: string) => ({ env: { account, region: REGION } });
const BREAK_GLASS = ['arn:aws:iam::*:role/BreakGlass', 'arn:aws:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'];
const CFN = /:role\/cdk-hnb659fds-cfn-exec-role-/;
const CLOUDTRAIL = /^cloudtrail\.amazonaws\.com$/;
const PROVIDER = /:role\/AWS679f53fac002430cb0da5b7982bd2287ServiceRole/;

/** "Organization trails and a central log archive": the log archive's side, and the trail pointing at it by name. */
function logArchiveStack(app: App, withPrefix = true): Stack {
  const s3KeyPrefix = withPrefix ? 'cloudtrail' : undefined;
  const stack = new Stack(app, 'LogArchive', env(LOG_ARCHIVE));
  const trailArn = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail';
  const key = new TrailKey(stack, 'Key', { alias: 'alias/cloudtrail/organization-trail' });
  key.allowTrailArn(trailArn);
  const bucket = new TrailBucket(stack, 'Bucket', {
    bucketName: 'example-org-cloudtrail-logs',
    encryptionKey: key,
    organizationId: ORG,
  });
  bucket.allowTrailArn(trailArn, { organizationId: ORG, s3KeyPrefix });
  bucket.grantReadLogs(new iam.AccountPrincipal(AUDIT), { s3KeyPrefix, ownerIds: [ORG] });
  return stack;
}

function centralLogArchive(): App {
  const app = new App();
  logArchiveStack(app);
  const management = new Stack(app, 'Management', env(MANAGEMENT));
  new SecureTrail(management, 'OrganizationTrail', {
    trailName: 'organization-trail',
    organizationId: ORG,
    bucket: s3.Bucket.fromBucketName(management, 'LogArchiveBucket', 'example-org-cloudtrail-logs'),
    encryptionKey: kms.Key.fromKeyArn(
      management,
      'LogArchiveKey',
      'arn:aws:kms:us-east-1:222222222222:alias/cloudtrail/organization-trail',
    ),
    s3KeyPrefix: 'cloudtrail',
    cloudWatchLogsEncryptionKey: new TrailKey(management, 'LogGroupKey', {
      alias: 'alias/cloudtrail/organization-trail-logs',
    }),
  });
  return app;
}

/** "Organization audit in a box": prerequisites, an organization trail, guardrails at the root and a tamper alert. */
function auditInABox(): App {
  const app = new App();
  const stack = new Stack(app, 'Management', env(MANAGEMENT));
  const prerequisites = new OrganizationTrailPrerequisites(stack, 'Prerequisites', {
    delegatedAdministratorAccountId: AUDIT,
    organizationId: ORG,
  });
  const trail = new SecureTrail(stack, 'OrgTrail', { trailName: 'organization-trail', organizationId: ORG });
  prerequisites.orderBefore(trail);
  new TrailGuardrails(stack, 'Guardrails', {
    trail,
    breakGlassPrincipalArns: BREAK_GLASS,
    targetIds: ['r-a1b2'],
    organizationId: ORG,
  });
  new TrailTamperAlert(stack, 'TamperAlert', { trail, alarm: true });
  return app;
}

/**
 * "An organization trail created by the delegated administrator": the audit account's snippet, writing to the central
 * log archive above; the management account keeps the prerequisites and the guardrails (over the trail known by its
 * ARN, bucket and key, as examples/organization does: the README's guardrail snippet needs a trail object).
 * As the README writes them, the two snippets do not synthesize together (the library's own synth check refuses it):
 * the log archive allows the trail under `cloudtrail/` and the audit snippet gives no prefix, and its log group would
 * be encrypted with the log archive's key, which allows no CloudWatch Logs. Here the log archive allows no prefix and
 * the log group has a key of its own (`cloudWatchLogsEncryptionKey`, as the log-archive section recommends).
 */
function delegatedAdministratorTrail(): App {
  const app = new App();
  const archive = logArchiveStack(app, false);
  const management = new Stack(app, 'Management', env(MANAGEMENT));
  new OrganizationTrailPrerequisites(management, 'Prerequisites', {
    delegatedAdministratorAccountId: AUDIT,
    organizationId: ORG,
  });
  const known = SecureTrail.fromTrailAttributes(management, 'Trail', {
    trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail',
    bucket: s3.Bucket.fromBucketName(management, 'Archive', 'example-org-cloudtrail-logs'),
    encryptionKey: kms.Key.fromKeyArn(
      management,
      'ArchiveKey',
      'arn:aws:kms:us-east-1:222222222222:alias/cloudtrail/organization-trail',
    ),
  });
  new TrailGuardrails(management, 'Guardrails', {
    trail: known,
    breakGlassPrincipalArns: BREAK_GLASS,
    targetIds: ['r-a1b2'],
    organizationId: ORG,
    managementAccountId: MANAGEMENT,
  });
  management.node.addDependency(archive);
  const audit = new Stack(app, 'Audit', env(AUDIT));
  new SecureTrail(audit, 'OrgTrail', {
    trailName: 'organization-trail',
    organizationId: ORG,
    managementAccountId: MANAGEMENT,
    bucket: s3.Bucket.fromBucketName(audit, 'Archive', 'example-org-cloudtrail-logs'),
    encryptionKey: kms.Key.fromKeyArn(
      audit,
      'ArchiveKey',
      'arn:aws:kms:us-east-1:222222222222:alias/cloudtrail/organization-trail',
    ),
    cloudWatchLogsEncryptionKey: new TrailKey(audit, 'LogGroupKey'),
  });
  audit.node.addDependency(management);
  return app;
}

/** "Query the logs", and "Organization logs in the log-archive account" (a responder given grantQuery there too). */
function queryTheLogs(): App {
  const app = new App();
  const stack = new Stack(app, 'Query', env(MANAGEMENT));
  const trail = new SecureTrail(stack, 'Trail');
  const table = new TrailLogTable(stack, 'LogTable', { trail });
  const workGroup = new TrailQueryWorkGroup(stack, 'Queries', { table });
  new TrailInvestigations(stack, 'Investigations', { workGroup });
  const responder = new iam.Role(stack, 'Responder', { assumedBy: new iam.AccountRootPrincipal() });
  workGroup.grantQuery(responder);
  return app;
}

function organizationLogsQuery(): App {
  const app = new App();
  const stack = new Stack(app, 'ArchiveQuery', env(LOG_ARCHIVE));
  const organizationId = ORG;
  const archive = new TrailBucket(stack, 'Archive', { organizationId });
  archive.allowTrailArn('arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail', {
    organizationId,
    s3KeyPrefix: 'cloudtrail',
  });
  const orgLogs = new TrailLogTable(stack, 'OrgLogs', { bucket: archive, s3KeyPrefix: 'cloudtrail', organizationId });
  const orgQueries = new TrailQueryWorkGroup(stack, 'OrgQueries', { table: orgLogs });
  new TrailInvestigations(stack, 'OrgInvestigations', { workGroup: orgQueries });
  // Not in the snippet: the responder the section speaks of, so that its queries are evaluated too.
  orgQueries.grantQuery(new iam.Role(stack, 'Responder', { assumedBy: new iam.AccountRootPrincipal() }));
  return app;
}

/** "Alert when someone tampers with the trail" and "CIS AWS Foundations Benchmark alarms". */
function alerts(): App {
  const app = new App();
  const stack = new Stack(app, 'Alerts', env(MANAGEMENT));
  const trail = new SecureTrail(stack, 'Trail');
  new TrailTamperAlert(stack, 'TamperAlert', { trail, alarm: true });
  new CisAlarms(stack, 'Cis', { trail });
  return app;
}

describe('README: Organization trails and a central log archive', () => {
  const report = reportOf(centralLogArchive, { layout: 'central log archive', memberAccount: AUDIT });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [CLOUDTRAIL, 's3:PutObject'],
      [CLOUDTRAIL, 'kms:GenerateDataKey'],
      [CFN, 's3:PutBucketPolicy'],
      [/^logs\./, 'kms:GenerateDataKey'],
    ]);
    // Both folders of the organization trail are delivered to.
    expect(
      report().findings.filter(
        (f) => f.action === 's3:PutObject' && /AWSLogs\/o-a1b2c3d4e5\/333333333333\//.test(f.resource),
      ),
    ).not.toHaveLength(0);
  });
});

describe('README: Organization audit in a box', () => {
  const report = reportOf(auditInABox, { layout: 'audit in a box', memberAccount: AUDIT });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [PROVIDER, 'organizations:EnableAWSServiceAccess'],
      [PROVIDER, 'cloudtrail:RegisterOrganizationDelegatedAdmin'],
      [CFN, 'organizations:CreatePolicy'],
      [CLOUDTRAIL, 's3:PutObject'],
      [/^events\.amazonaws\.com$/, 'sns:Publish'],
    ]);
  });
});

describe('README: An organization trail created by the delegated administrator', () => {
  const report = reportOf(delegatedAdministratorTrail, {
    layout: 'delegated administrator trail',
    memberAccount: AUDIT,
  });
  // The provider role is exempt from the trail statement through its tag (read from the template as aws:PrincipalTag).
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [PROVIDER, 'cloudtrail:PutEventSelectors'],
      [CLOUDTRAIL, 's3:PutObject'],
      [CLOUDTRAIL, 'kms:GenerateDataKey'],
    ]);
  });
});

describe('README: Query the logs', () => {
  const report = reportOf(queryTheLogs, { layout: 'query the logs' });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [/Responder/, 'athena:StartQueryExecution'],
      [/Responder/, 'glue:GetPartitions'],
      [/Responder/, 's3:GetObject'],
      [/Responder/, 'kms:Decrypt'],
      [/Responder/, 's3:PutObject'],
      [/Responder/, 'kms:GenerateDataKey'],
    ]);
  });
});

/**
 * "Trust the record": the integrity verifier in the log-archive account (which owns the bucket), over the organization
 * trail of "Organization trails and a central log archive", imported with the bucket and key of the log archive.
 */
function logArchiveVerifier(): App {
  const app = centralLogArchive();
  const stack = app.node.findChild('LogArchive') as Stack;
  const trail = SecureTrail.fromTrailAttributes(stack, 'OrganizationTrail', {
    trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail',
    bucket: stack.node.findChild('Bucket') as TrailBucket,
    encryptionKey: stack.node.findChild('Key') as TrailKey,
    s3KeyPrefix: 'cloudtrail',
  });
  new TrailIntegrityVerifier(stack, 'IntegrityVerifier', { trail });
  return app;
}

describe('README: Trust the record, the verifier in the log-archive account', () => {
  const report = reportOf(logArchiveVerifier, {
    layout: 'log-archive verifier',
    organizationId: ORG,
    memberAccount: AUDIT,
  });
  test("every call is allowed: the verifier reads and decrypts the member accounts' files under the log archive's own policies", () => {
    expectAllAllowed(report(), [
      [/VerifyFunctionRole/, 's3:GetObject'],
      [/VerifyFunctionRole/, 's3:ListBucket'],
      [/VerifyFunctionRole/, 'kms:Decrypt'],
      [/^events\.amazonaws\.com$/, 'sqs:SendMessage'],
      [CLOUDTRAIL, 's3:PutObject'],
    ]);
    expect(
      report().findings.filter(
        (f) =>
          /VerifyFunctionRole/.test(f.principal) &&
          f.action === 's3:GetObject' &&
          /cloudtrail\/AWSLogs\/o-a1b2c3d4e5\/333333333333\/CloudTrail-Digest\//.test(f.resource),
      ),
    ).not.toHaveLength(0);
  });
});

describe('README: Organization logs in the log-archive account', () => {
  const report = reportOf(organizationLogsQuery, { layout: 'organization logs query', memberAccount: AUDIT });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [/Responder/, 's3:GetObject'],
      [/Responder/, 'kms:Decrypt'],
      [/Responder/, 'athena:StartQueryExecution'],
      [CFN, 'glue:CreateTable'],
    ]);
  });
});

describe('README: Alert when someone tampers with the trail, and CIS alarms', () => {
  const report = reportOf(alerts, { layout: 'alerts' });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [/^events\.amazonaws\.com$/, 'sns:Publish'],
      [/^events\.amazonaws\.com$/, 'kms:GenerateDataKey'],
      [/^cloudwatch\.amazonaws\.com$/, 'sns:Publish'],
      [/^cloudwatch\.amazonaws\.com$/, 'kms:Decrypt'],
      [CFN, 'logs:PutMetricFilter'],
    ]);
  });
});
