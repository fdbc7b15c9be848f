import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SecureTrail, TrailBucket, TrailKey } from '../../src';

/** Ids and names both sides agree on before anything is deployed. */
export const ORGANIZATION = {
  organizationId: 'o-exampleorg1',
  managementAccount: '111111111111',
  logArchiveAccount: '222222222222',
  region: 'us-east-1',
  trailName: 'organization-trail',
  bucketName: 'example-org-cloudtrail-logs-222222222222',
  keyAlias: 'alias/cloudtrail/organization-trail',
  s3KeyPrefix: 'cloudtrail',
};

const TRAIL_ARN = `arn:aws:cloudtrail:${ORGANIZATION.region}:${ORGANIZATION.managementAccount}:trail/${ORGANIZATION.trailName}`;

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
    this.bucket.allowTrailArn(TRAIL_ARN, { s3KeyPrefix: ORGANIZATION.s3KeyPrefix, organizationId: ORGANIZATION.organizationId });
    new CfnOutput(this, 'KeyArn', { value: this.key.keyArn });
  }
}

/** Deployed second, in the management account: the organization trail. */
export class ManagementStack extends Stack {
  public readonly trail: SecureTrail;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { ...props, env: { account: ORGANIZATION.managementAccount, region: ORGANIZATION.region } });
    // The log-archive side is known by name and alias ARN: no cross-account stack reference.
    const aliasArn = `arn:aws:kms:${ORGANIZATION.region}:${ORGANIZATION.logArchiveAccount}:${ORGANIZATION.keyAlias}`;
    this.trail = new SecureTrail(this, 'Trail', {
      trailName: ORGANIZATION.trailName,
      organizationId: ORGANIZATION.organizationId,
      managementAccountId: ORGANIZATION.managementAccount,
      s3KeyPrefix: ORGANIZATION.s3KeyPrefix,
      bucket: s3.Bucket.fromBucketName(this, 'LogArchiveBucket', ORGANIZATION.bucketName),
      encryptionKey: kms.Key.fromKeyArn(this, 'LogArchiveKey', aliasArn),
      // The log group stays in the management account, encrypted with a key of its own account.
      cloudWatchLogsEncryptionKey: new TrailKey(this, 'LogsKey'),
    });
  }
}

export function createApp(app: App = new App()): App {
  new LogArchiveStack(app, 'LogArchive');
  new ManagementStack(app, 'Management');
  return app;
}

if (require.main === module) createApp().synth();
