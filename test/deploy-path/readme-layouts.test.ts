import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ts from 'typescript';
import { expectAllAllowed, reportOf } from './layouts';
import * as trails from '../../src';
import {
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
 * The layouts the README and docs/ document. The README's snippets are run as it writes them (read from README.md):
 * its organization app with the guardrails recipe added, and each stack-level recipe in a stack. The guides' snippets
 * are rebuilt here, with the accounts they name: management 111111111111, log archive 222222222222, audit
 * 333333333333, us-east-1. Where a snippet leaves a value to the reader (`declare const`), the comment says what stands
 * in for it. Each app synthesizes as `cdk synth --strict` requires (no error, no unacknowledged warning), and every
 * call of its deployment is allowed.
 */

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8');
const FIXTURE_IMPORTS = fs
  .readFileSync(path.join(__dirname, '..', '..', 'rosetta', 'default.ts-fixture'), 'utf-8')
  .split('\n')
  .filter((line) => line.startsWith('import '));

/** The first ```ts block under a README heading, as written. */
function readmeBlock(heading: string): string {
  const section = README.split(/^#{2,3} /m).find((s) => s.startsWith(`${heading}\n`));
  const block = section && /^```ts[^\n]*\n([\s\S]*?)^```/m.exec(section);
  if (!block) throw new Error(`README.md has no TypeScript block under "${heading}"`);
  return block[1];
}

/**
 * Runs README blocks in order as one program, `this` being `self` (the fixture's stack), and returns the `app` they
 * made, if any. Their imports are replaced by the fixture's, which import the same names and more (a later block may
 * use a name only the fixture imports). A `declare const` stands for a value the reader has: taken from `given`, or
 * else made by an earlier block.
 */
function runReadme(blocks: string[], self?: Stack, given: Record<string, unknown> = {}): App | undefined {
  const body = blocks
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .map((line) => {
      const declared = /^declare const (\w+)/.exec(line)?.[1];
      if (declared === undefined) return line;
      return declared in given ? `const ${declared} = given.${declared};` : '';
    })
    .join('\n');
  const source = `${FIXTURE_IMPORTS.join('\n')}\nexport function run(this: any, given: any) {\n${body}\nreturn typeof app === 'undefined' ? undefined : app;\n}\n`;
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  const exports: { run?: (this: unknown, values: Record<string, unknown>) => App | undefined } = {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (id: string) => (id === 'cdk-cloudtrail-kit' ? trails : require(id));
  new Function('require', 'exports', outputText)(load, exports);
  return exports.run!.call(self, given);
}

/** A README recipe that runs in a stack's constructor, in a stack of the management account. */
function readmeStack(heading: string, given: (stack: Stack) => Record<string, unknown> = () => ({})): App {
  const app = new App();
  const stack = new Stack(app, 'Recipe', env(MANAGEMENT));
  runReadme([readmeBlock(heading)], stack, given(stack));
  return app;
}

/** What `cdk synth --strict` refuses: an error (synth throws) or a warning left unacknowledged, in any stack. */
function strictProblems(app: App): string[] {
  const assembly = app.synth({ force: true });
  return assembly.artifacts.flatMap((artifact) =>
    artifact.messages
      .filter((m) => m.level === 'warning' || m.level === 'error')
      .map((m) => `${m.level} ${m.id}: ${String(m.entry.data)}`),
  );
}

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

/** The README's organization app, as it writes it; with `guardrails`, its guardrails recipe added to that app. */
function readmeOrganization(guardrails = true, withoutAcknowledgement = false): App {
  const blocks = [readmeBlock('An organization trail and its log archive')];
  if (guardrails) {
    const recipe = readmeBlock('Guardrails');
    blocks.push(withoutAcknowledgement ? recipe.replace(/^Validations\.of[\s\S]*?\}\);\n/m, '') : recipe);
  }
  return runReadme(blocks)!;
}

/** The log archive of the README's organization app, for the guides' snippets that write to it from another app. */
function logArchiveStack(app: App): Stack {
  const stack = new Stack(app, 'LogArchive', env(LOG_ARCHIVE));
  const trailArn = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail';
  const key = new TrailKey(stack, 'Key', { alias: 'alias/cloudtrail/organization-trail' });
  key.allowTrailArn(trailArn);
  const bucket = new TrailBucket(stack, 'Bucket', {
    bucketName: 'example-org-cloudtrail-logs',
    encryptionKey: key,
    organizationId: ORG,
  });
  bucket.allowTrailArn(trailArn, { organizationId: ORG, s3KeyPrefix: 'cloudtrail' });
  bucket.grantReadLogs(new iam.AccountPrincipal(AUDIT), { s3KeyPrefix: 'cloudtrail', ownerIds: [ORG] });
  return stack;
}
/**
 * docs/organization.md, "Organization audit in a box": prerequisites, an organization trail, guardrails at the root and
 * a tamper alert, in the management account, with the acknowledgement the snippet shows.
 */
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
    breakGlassPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'],
    targetIds: ['r-a1b2'],
    organizationId: ORG,
  });
  new TrailTamperAlert(stack, 'TamperAlert', { trail, alarm: true });
  Validations.of(stack).acknowledge({ id: 'cdk-cloudtrail-kit:guardrailManagementAccount', reason: 'watched' });
  return app;
}

/**
 * docs/organization.md, "An organization trail created by the delegated administrator": the audit account's snippet,
 * writing to the README's log archive (same prefix; its log group with a key of its own). The management account keeps
 * the prerequisites and the guardrails, over the trail known by its ARN, bucket and key, as examples/organization does
 * (and acknowledges, as it does, that the guardrails cannot guard the management account's trail).
 */
function delegatedAdministratorTrail(): App {
  const app = new App();
  const archive = logArchiveStack(app);
  const management = new Stack(app, 'Management', env(MANAGEMENT));
  new OrganizationTrailPrerequisites(management, 'Prerequisites', {
    delegatedAdministratorAccountId: AUDIT,
    organizationId: ORG,
  });
  const known = SecureTrail.fromTrailAttributes(management, 'Trail', {
    trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail',
    s3KeyPrefix: 'cloudtrail',
    bucket: s3.Bucket.fromBucketName(management, 'Archive', 'example-org-cloudtrail-logs'),
    encryptionKey: kms.Key.fromKeyArn(
      management,
      'ArchiveKey',
      'arn:aws:kms:us-east-1:222222222222:alias/cloudtrail/organization-trail',
    ),
  });
  const guardrails = new TrailGuardrails(management, 'Guardrails', {
    trail: known,
    breakGlassPrincipalArns: BREAK_GLASS,
    targetIds: ['r-a1b2'],
    organizationId: ORG,
    managementAccountId: MANAGEMENT,
  });
  Validations.of(guardrails).acknowledge({ id: 'cdk-cloudtrail-kit:guardrailManagementAccount', reason: 'watched' });
  management.node.addDependency(archive);
  const audit = new Stack(app, 'Audit', env(AUDIT));
  // The snippet, with `this` the audit account's stack.
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
    s3KeyPrefix: 'cloudtrail',
    cloudWatchLogsEncryptionKey: new TrailKey(audit, 'LogGroupKey'),
  });
  audit.node.addDependency(management);
  return app;
}

/** docs/queries.md, "Organization logs in the log-archive account" (with a responder given grantQuery). */
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

/**
 * docs/operating.md, "Trust the record": the integrity verifier in the log-archive account (which owns the bucket),
 * over the organization trail of the README's organization app, imported with the bucket and key of the log archive.
 */
function logArchiveVerifier(): App {
  const app = readmeOrganization(false);
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

describe('README: An organization trail and its log archive, with the Guardrails recipe', () => {
  test('the app synthesizes as `cdk synth --strict` requires: no error, no unacknowledged warning', () => {
    expect(strictProblems(readmeOrganization(false))).toEqual([]);
    expect(strictProblems(readmeOrganization(true))).toEqual([]);
  });
  test('without the acknowledgement the recipe shows, the guardrails warning is left standing', () => {
    expect(strictProblems(readmeOrganization(true, true)).join('\n')).toMatch(
      /guardrailManagementAccount|management account/,
    );
  });
  test('the README writes the deploy order into the app: the management stack depends on the log archive', () => {
    const assembly = readmeOrganization(false).synth({ force: true });
    expect(assembly.getStackByName('Management').dependencies.map((d) => d.id)).toContain('LogArchive');
  });
  const report = reportOf(readmeOrganization, { layout: 'README organization app', memberAccount: AUDIT });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [PROVIDER, 'organizations:EnableAWSServiceAccess'],
      [PROVIDER, 'cloudtrail:RegisterOrganizationDelegatedAdmin'],
      [CFN, 'organizations:CreatePolicy'],
      [CFN, 's3:PutBucketPolicy'],
      [CLOUDTRAIL, 's3:PutObject'],
      [CLOUDTRAIL, 'kms:GenerateDataKey'],
      [/^logs\./, 'kms:GenerateDataKey'],
      [/^events\.amazonaws\.com$/, 'sns:Publish'],
    ]);
    // Both folders of the organization trail are delivered to.
    expect(
      report().findings.filter(
        (f) => f.action === 's3:PutObject' && /AWSLogs\/o-a1b2c3d4e5\/333333333333\//.test(f.resource),
      ),
    ).not.toHaveLength(0);
  });
});

describe('docs/organization.md: Organization audit in a box', () => {
  test('no error, no unacknowledged warning', () => {
    expect(strictProblems(auditInABox())).toEqual([]);
  });
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

describe('docs/organization.md: An organization trail created by the delegated administrator', () => {
  test("with the README's log archive: no error, no unacknowledged warning", () => {
    expect(strictProblems(delegatedAdministratorTrail())).toEqual([]);
  });
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

describe('README: Queries with Athena', () => {
  test('no error, no unacknowledged warning', () => {
    expect(strictProblems(readmeStack('Queries with Athena'))).toEqual([]);
  });
  const report = reportOf(() => readmeStack('Queries with Athena'), { layout: 'query the logs' });
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

describe('README: Data events', () => {
  test('no error, no unacknowledged warning', () => {
    const ordersTable = (stack: Stack) =>
      new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    expect(strictProblems(readmeStack('Data events', (stack) => ({ ordersTable: ordersTable(stack) })))).toEqual([]);
  });
});

describe('docs/operating.md: Trust the record, the verifier in the log-archive account', () => {
  test('no error, no unacknowledged warning', () => {
    expect(strictProblems(logArchiveVerifier())).toEqual([]);
  });
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

describe('docs/queries.md: Organization logs in the log-archive account', () => {
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

describe('README: Monitors: delivery health and log-file integrity', () => {
  const monitors = () => readmeStack('Monitors: delivery health and log-file integrity');
  test('no error, no unacknowledged warning', () => {
    expect(strictProblems(monitors())).toEqual([]);
  });
  const report = reportOf(monitors, { layout: 'monitors' });
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
