import { App, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NagPack,
  NIST80053R4Checks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { createApp } from '../../examples/organization/app';
import {
  CisAlarms,
  NetworkActivitySource,
  OrganizationTrailPrerequisites,
  SecureTrail,
  TrailBucket,
  TrailDeliveryMonitor,
  TrailGuardrails,
  TrailIntegrityVerifier,
  TrailInvestigations,
  TrailKey,
  TrailLogTable,
  TrailQueryWorkGroup,
  TrailTamperAlert,
} from '../../src';
import { logObjectArn } from '../../src/policies/trail-statements';
import { nagResourceText } from '../../src/private/intrinsics';
import { acknowledgeFindings } from '../../src/private/resource-policies';
import { guardFindingsOf } from '../oracles/cfn-guard';

/*
 * The compliance matrix: named configurations, each checked with cdk-nag 3's five packs, the Control Tower
 * proactive controls (cfn-guard) and aws-cdk-lib's own validation. Used by the test suite and by
 * `npm run compliance`, which prints it.
 */

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';

function stack(app: App, id = 'Compliance'): Stack {
  return new Stack(app, id, { env: { account: ACCOUNT, region: REGION } });
}

/**
 * A role that queries the logs. cdk-nag flags the grantee's own policy (the user's role, not the library's
 * resources), so the user acknowledges it there, as docs/queries.md says.
 */
function responder(scope: Stack, workGroup: TrailQueryWorkGroup, table: TrailLogTable): iam.Role {
  const role = new iam.Role(scope, 'Responder', { assumedBy: new iam.AccountRootPrincipal() });
  workGroup.grantQuery(role);
  const folders = [`${workGroup.resultsBucket.bucketArn}/*`, logFolder(table)];
  acknowledgeFindings(role, {
    ...Object.fromEntries(
      folders.map((arn) => [
        `AwsSolutions-IAM5[Resource::${nagResourceText(role, arn)}]`,
        "An S3 object ARN ends in /*: the objects of one folder the table reads, or the workgroup's results.",
      ]),
    ),
    ...Object.fromEntries(
      ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321'].map((pack) => [
        `${pack}-IAMNoInlinePolicy`,
        "CDK grants write the role's default (inline) policy; the role exists for this grant.",
      ]),
    ),
  });
  return role;
}

/** The log folder a table's grant reads: the organization's, or the stack account's. */
function logFolder(table: TrailLogTable): string {
  return logObjectArn(table.bucket.bucketArn, table.s3KeyPrefix, table.organizationId ?? Stack.of(table).account);
}

/** Each configuration builds its resources into a fresh app. */
export const CONFIGURATIONS: Record<string, (app: App) => void> = {
  default: (app) => {
    new SecureTrail(stack(app), 'Trail');
  },
  'SNS on': (app) => {
    new SecureTrail(stack(app), 'Trail', { sendSnsNotifications: true });
  },
  'bring your own bucket, key and topic': (app) => {
    const s = stack(app);
    const key = new TrailKey(s, 'Key');
    const bucket = new TrailBucket(s, 'Bucket', { encryptionKey: key });
    const topic = new sns.Topic(s, 'Topic', { masterKey: key, enforceSSL: true });
    new SecureTrail(s, 'Trail', { bucket, encryptionKey: key, snsTopic: topic });
  },
  'imported bucket and key (acknowledged)': (app) => {
    const s = stack(app);
    new SecureTrail(s, 'Trail', {
      bucket: s3.Bucket.fromBucketName(s, 'Logs', 'central-trail-logs'),
      encryptionKey: kms.Key.fromKeyArn(
        s,
        'Key',
        `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
      ),
      cloudWatchLogsEncryptionKey: new TrailKey(s, 'LogsKey'),
    });
    Validations.of(s).acknowledge(
      { id: 'cdk-cloudtrail-kit:bucketPolicy', reason: 'the central log archive holds these statements' },
      { id: 'cdk-cloudtrail-kit:keyPolicy', reason: 'the key owner holds these statements' },
    );
  },
  'organization trail': (app) => {
    const trail = new SecureTrail(stack(app), 'Trail', {
      organizationId: 'o-abcdefghij',
      managementAccountId: ACCOUNT,
      s3KeyPrefix: 'org',
    });
    // Set up by the 'organization prerequisites' row's stack, deployed first.
    Validations.of(trail).acknowledge({
      id: 'cdk-cloudtrail-kit:ORGANIZATION_TRAIL_PREREQUISITES',
      reason: 'set up by OrganizationTrailPrerequisites',
    });
  },
  'log-archive bucket and key (two accounts)': (app) => {
    createApp(app);
  },
  'organization audit in a box: trail from the delegated administrator': (app) => {
    createApp(app, { trailInAuditAccount: true });
  },
  'organization prerequisites': (app) => {
    new OrganizationTrailPrerequisites(stack(app), 'Prerequisites', {
      delegatedAdministratorAccountId: '222222222222',
    });
  },
  'guardrails of an account trail': (app) => {
    const s = stack(app);
    const trail = new SecureTrail(s, 'Trail');
    new TrailGuardrails(s, 'Guardrails', {
      trail,
      breakGlassPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'],
      targetIds: ['ou-abcd-12345678'],
      organizationId: 'o-abcdefghij',
    });
  },
  'data events and Insights': (app) => {
    const s = stack(app);
    const trail = new SecureTrail(s, 'Trail', { insights: [{ insightType: cloudtrail.InsightType.API_CALL_RATE }] });
    trail.logAllS3DataEvents();
    trail.logAllLambdaInvocations();
    trail.logNetworkActivityEvents({ sources: [NetworkActivitySource.KMS] });
  },
  'query: table, workgroup, investigations and a responder role': (app) => {
    const s = stack(app);
    const table = new TrailLogTable(s, 'Logs', { trail: new SecureTrail(s, 'Trail') });
    const workGroup = new TrailQueryWorkGroup(s, 'Queries', { table });
    new TrailInvestigations(s, 'Investigations', { workGroup });
    responder(s, workGroup, table);
  },
  'query: organization logs in the log-archive account': (app) => {
    const s = stack(app, 'LogArchive');
    const organizationId = 'o-abcdefghij';
    const bucket = new TrailBucket(s, 'Archive', { organizationId });
    bucket.allowTrailArn(`arn:aws:cloudtrail:${REGION}:999999999999:trail/org`, {
      organizationId,
      s3KeyPrefix: 'cloudtrail',
    });
    const table = new TrailLogTable(s, 'Logs', { bucket, s3KeyPrefix: 'cloudtrail', organizationId });
    const workGroup = new TrailQueryWorkGroup(s, 'Queries', { table });
    new TrailInvestigations(s, 'Investigations', { workGroup });
    responder(s, workGroup, table);
  },
  'CIS alarms and tamper alert': (app) => {
    const s = stack(app);
    const trail = new SecureTrail(s, 'Trail');
    const alarms = new CisAlarms(s, 'Cis', { trail });
    new TrailTamperAlert(s, 'Tamper', { trail, topic: alarms.topic, alarm: true });
  },
  'delivery monitor and integrity verifier': (app) => {
    const s = stack(app);
    const trail = new SecureTrail(s, 'Trail');
    const health = new TrailDeliveryMonitor(s, 'DeliveryMonitor', { trail });
    new TrailIntegrityVerifier(s, 'IntegrityVerifier', { trail, topic: health.topic, securityHub: true });
  },
};

export interface PackResult {
  readonly findings: string[];
  readonly acknowledged: number;
}

export type MatrixRow = Record<string, PackResult>;

const PACKS: Array<[string, (app: App) => NagPack]> = [
  ['AwsSolutions', (app) => new AwsSolutionsChecks(app)],
  ['HIPAA Security', (app) => new HIPAASecurityChecks(app)],
  ['NIST 800-53 R4', (app) => new NIST80053R4Checks(app)],
  ['NIST 800-53 R5', (app) => new NIST80053R5Checks(app)],
  ['PCI DSS 3.2.1', (app) => new PCIDSS321Checks(app)],
];

/** Findings Control Tower's controls report that are inherent to S3 server access logging (see docs/proof.md). */
export const GUARD_INHERENT = ['s3_bucket_default_encryption_kms_check', 's3_bucket_logging_enabled_check'];

/**
 * The Control Tower finding inherent to aws-cdk-lib's AwsCustomResource provider function outside a VPC
 * (CT.LAMBDA.PR.3;
 * see docs/proof.md): organization prerequisites and trails made from a delegated administrator use it.
 */
export const GUARD_PROVIDER_INHERENT = ['lambda_inside_vpc_check'];
const PROVIDER_PATH = /\/AWS679f53fac002430cb0da5b7982bd2287\/Resource$/;
/** The monitors' functions, outside a VPC unless given one (`vpc`): the same control, documented in docs/proof.md. */
const MONITOR_FUNCTION_PATH = /\/(DeliveryMonitor|IntegrityVerifier\/(Verify|Sweep))\/Function\/Resource$/;

function acknowledgedIds(app: App): string[] {
  const ids: string[] = [];
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) ids.push(...Object.keys(entry.data as object));
    }
  }
  return ids;
}

/** One configuration built, checked by the cdk-nag packs and synthesized; cfn-guard runs over all of them after. */
interface Checked {
  readonly row: MatrixRow;
  /** Present when synthesis succeeded. */
  readonly app?: App;
  readonly cdkErrors: string[];
  readonly acks: string[];
}

function checkOne(make: (app: App) => void): Checked {
  const row: MatrixRow = {};
  // Synthesis records this library's errors as messages here instead of failing, so the row shows them.
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  make(app);
  const acks = acknowledgedIds(app);
  for (const [name, pack] of PACKS) {
    const instance = pack(app);
    const findings = instance
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`));
    row[name] = {
      findings,
      acknowledged: acks.filter((id) => id.replace(/^annotation::/i, '').startsWith(instance.readPackName)).length,
    };
  }
  try {
    const cdkErrors = app
      .synth()
      .stacks.flatMap((artifact) =>
        artifact.messages
          .filter((message) => message.level === 'error' || message.level === 'warning')
          .map((message) => `${message.level}: ${message.entry.data}`),
      );
    return { row, app, cdkErrors, acks };
  } catch (e) {
    return { row, cdkErrors: [(e as Error).message], acks };
  }
}

/**
 * Runs every check over each configuration: the cdk-nag packs, Control Tower's controls (one cfn-guard run over all
 * the configurations' templates) and what synthesis reports (this library's warnings and errors; outside the tests,
 * aws-cdk-lib's template validation too).
 */
export function checkConfigurations(configurations: Record<string, (app: App) => void>): Record<string, MatrixRow> {
  const checked = Object.values(configurations).map(checkOne);
  const synthesized = checked.filter((c) => c.app !== undefined);
  const guard = guardFindingsOf(synthesized.map((c) => c.app!));
  const rows: Record<string, MatrixRow> = {};
  Object.keys(configurations).forEach((name, i) => {
    const { row, cdkErrors, acks } = checked[i];
    const found = synthesized.includes(checked[i]) ? guard[synthesized.indexOf(checked[i])] : [];
    const inherent = found.filter(
      ({ rule, path }) =>
        (/AccessLogs\/Resource$/.test(path) && GUARD_INHERENT.includes(rule)) ||
        ((PROVIDER_PATH.test(path) || MONITOR_FUNCTION_PATH.test(path)) && GUARD_PROVIDER_INHERENT.includes(rule)),
    );
    row['Control Tower (cfn-guard)'] = {
      findings: found.filter((f) => !inherent.includes(f)).map(({ rule, path }) => `${rule} @ ${path}`),
      acknowledged: inherent.length,
    };
    row['aws-cdk-lib validation'] = {
      findings: cdkErrors,
      acknowledged: acks.filter((id) => id.includes('cdk-cloudtrail-kit:')).length,
    };
    rows[name] = row;
  });
  return rows;
}

/** Prints the matrix: configuration × rule pack → unacknowledged findings (acknowledged count). */
export function printMatrix(rows: Record<string, MatrixRow>): string {
  const packs = Object.keys(Object.values(rows)[0]);
  const header = ['configuration', ...packs];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const [name, row] of Object.entries(rows)) {
    lines.push(
      `| ${[name, ...packs.map((p) => `${row[p].findings.length} (${row[p].acknowledged} ack)`)].join(' | ')} |`,
    );
  }
  const details = Object.entries(rows).flatMap(([name, row]) =>
    Object.entries(row).flatMap(([pack, result]) => result.findings.map((f) => `- ${name} / ${pack}: ${f}`)),
  );
  return [...lines, '', details.length ? 'Unacknowledged findings:' : 'No unacknowledged findings.', ...details].join(
    '\n',
  );
}

if (require.main === module) {
  const rows = checkConfigurations(CONFIGURATIONS);
  console.log(printMatrix(rows));
  console.log(
    '\nCells: unacknowledged findings (acknowledged on the resource with a reason; for cfn-guard, the two inherent',
  );
  console.log(
    'access-log bucket findings documented in docs/proof.md; for aws-cdk-lib, acknowledged warnings of this library).',
  );
  const total = Object.values(rows)
    .flatMap((r) => Object.values(r))
    .reduce((n, r) => n + r.findings.length, 0);
  process.exitCode = total === 0 ? 0 : 1;
}
