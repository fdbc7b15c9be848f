import { App, CfnOutput, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  ITrail,
  OrganizationTrailPrerequisites,
  SecureTrail,
  TrailBucket,
  TrailGuardrails,
  TrailKey,
  TrailTamperAlert,
} from '../../src';

/** Ids and names every account agrees on before anything is deployed. */
export const ORGANIZATION = {
  organizationId: 'o-exampleorg1',
  rootId: 'r-exam',
  managementAccount: '111111111111',
  logArchiveAccount: '222222222222',
  auditAccount: '333333333333',
  region: 'us-east-1',
  trailName: 'organization-trail',
  bucketName: 'example-org-cloudtrail-logs-222222222222',
  keyAlias: 'alias/cloudtrail/organization-trail',
  s3KeyPrefix: 'cloudtrail',
  // Who may still change the trail and its storage in member accounts: a break-glass role, and the role that deploys
  // the log-archive stack (its bucket and key policies are the guarded resources).
  breakGlassPrincipalArns: ['arn:aws:iam::*:role/BreakGlass', 'arn:aws:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'],
};

const TRAIL_ARN = `arn:aws:cloudtrail:${ORGANIZATION.region}:${ORGANIZATION.managementAccount}:trail/${ORGANIZATION.trailName}`;
const KEY_ALIAS_ARN = `arn:aws:kms:${ORGANIZATION.region}:${ORGANIZATION.logArchiveAccount}:${ORGANIZATION.keyAlias}`;

/** How the example is laid out. */
export interface OrganizationAppOptions {
  /**
   * Create the organization trail from the audit account, registered as CloudTrail's delegated administrator, instead
   * of from the management account. The trail still belongs to the management account.
   *
   * @default false
   */
  readonly trailInAuditAccount?: boolean;
}

/** Deployed first, in the log-archive account: the bucket and key the organization trail writes to. */
export class LogArchiveStack extends Stack {
  public readonly bucket: TrailBucket;
  public readonly key: TrailKey;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { ...props, env: { account: ORGANIZATION.logArchiveAccount, region: ORGANIZATION.region } });
    this.key = new TrailKey(this, 'Key', { alias: ORGANIZATION.keyAlias });
    this.key.allowTrailArn(TRAIL_ARN);
    this.bucket = new TrailBucket(this, 'Bucket', {
      bucketName: ORGANIZATION.bucketName,
      encryptionKey: this.key,
      organizationId: ORGANIZATION.organizationId,
    });
    this.bucket.allowTrailArn(TRAIL_ARN, {
      s3KeyPrefix: ORGANIZATION.s3KeyPrefix,
      organizationId: ORGANIZATION.organizationId,
    });
    new CfnOutput(this, 'KeyArn', { value: this.key.keyArn });
  }
}

/** The organization trail, for the management account, pointing at the log archive by name and alias ARN. */
function organizationTrail(scope: Construct): SecureTrail {
  return new SecureTrail(scope, 'Trail', {
    trailName: ORGANIZATION.trailName,
    organizationId: ORGANIZATION.organizationId,
    managementAccountId: ORGANIZATION.managementAccount,
    s3KeyPrefix: ORGANIZATION.s3KeyPrefix,
    bucket: s3.Bucket.fromBucketName(scope, 'LogArchiveBucket', ORGANIZATION.bucketName),
    encryptionKey: kms.Key.fromKeyArn(scope, 'LogArchiveKey', KEY_ALIAS_ARN),
    // The log group stays in the account that creates the trail, encrypted with a key of its own account.
    cloudWatchLogsEncryptionKey: new TrailKey(scope, 'LogsKey'),
  });
}

/**
 * Deployed second, in the management account: trusted access for CloudTrail and the delegated administrator, the
 * organization trail (unless the audit account creates it), the guardrails of every member account, and an alert.
 */
export class ManagementStack extends Stack {
  public readonly prerequisites: OrganizationTrailPrerequisites;
  /** The organization trail, made here or known by its ARN. */
  public readonly trail: ITrail;
  public readonly guardrails: TrailGuardrails;

  constructor(scope: Construct, id: string, options: OrganizationAppOptions = {}, props?: StackProps) {
    super(scope, id, { ...props, env: { account: ORGANIZATION.managementAccount, region: ORGANIZATION.region } });
    this.prerequisites = new OrganizationTrailPrerequisites(this, 'Prerequisites', {
      delegatedAdministratorAccountId: ORGANIZATION.auditAccount,
      organizationId: ORGANIZATION.organizationId,
    });

    if (options.trailInAuditAccount) {
      this.trail = SecureTrail.fromTrailAttributes(this, 'Trail', {
        trailArn: TRAIL_ARN,
        s3KeyPrefix: ORGANIZATION.s3KeyPrefix,
        bucket: s3.Bucket.fromBucketName(this, 'LogArchiveBucket', ORGANIZATION.bucketName),
        encryptionKey: kms.Key.fromKeyArn(this, 'LogArchiveKey', KEY_ALIAS_ARN),
        logGroup: logs.LogGroup.fromLogGroupArn(
          this,
          'AuditLogGroup',
          `arn:aws:logs:${ORGANIZATION.region}:${ORGANIZATION.auditAccount}:log-group:/aws/cloudtrail/${ORGANIZATION.trailName}:*`,
        ),
      });
    } else {
      const trail = organizationTrail(this);
      // Only the trail waits for trusted access, not its storage: no cycle wherever the prerequisites are placed.
      this.prerequisites.orderBefore(trail);
      this.trail = trail;
    }

    // Policies apply to the member accounts: the log archive's bucket and key, the audit account's log group and the
    // delegated administrator's rights on the trail. They do not apply to this account.
    this.guardrails = new TrailGuardrails(this, 'Guardrails', {
      trail: this.trail,
      breakGlassPrincipalArns: ORGANIZATION.breakGlassPrincipalArns,
      targetIds: [ORGANIZATION.rootId],
      organizationId: ORGANIZATION.organizationId,
      managementAccountId: ORGANIZATION.managementAccount,
    });
    // Calls made in this account are seen here only.
    new TrailTamperAlert(this, 'TamperAlert', { trail: this.trail, alarm: true });
    Validations.of(this.guardrails).acknowledge({
      id: 'cdk-cloudtrail-kit:guardrailManagementAccount',
      reason:
        'The trail (and its log group, when made here) belongs to the management account: the tamper alert watches ' +
        'it, and few administrators have access to this account.',
    });
  }
}

/** With `trailInAuditAccount`, deployed last, in the audit account (the delegated administrator): the trail. */
export class AuditStack extends Stack {
  public readonly trail: SecureTrail;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { ...props, env: { account: ORGANIZATION.auditAccount, region: ORGANIZATION.region } });
    this.trail = organizationTrail(this);
    new TrailTamperAlert(this, 'TamperAlert', { trail: this.trail, alarm: true });
  }
}

export function createApp(app: App = new App(), options: OrganizationAppOptions = {}): App {
  const archive = new LogArchiveStack(app, 'LogArchive');
  const management = new ManagementStack(app, 'Management', options);
  management.node.addDependency(archive);
  if (options.trailInAuditAccount) new AuditStack(app, 'Audit').node.addDependency(management);
  return app;
}

if (require.main === module)
  createApp(new App(), { trailInAuditAccount: process.env.TRAIL_IN_AUDIT_ACCOUNT === 'true' }).synth();
