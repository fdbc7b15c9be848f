import { App, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureTrail, TrailDeliveryMonitor, TrailIntegrityVerifier } from '../../src';

/**
 * Options of the example: the account layout (default), or an organization trail's logs verified in the log-archive
 * account.
 */
export interface RecordHealthOptions {
  readonly logArchive?: boolean;
}

/**
 * A trail whose record keeps proving itself: a monitor that reads its delivery status every 5 minutes and says which
 * error stopped delivery and how to fix it, and a verifier that checks each new digest file, the log files it lists
 * and the chain of digests, alarming when a file is missing, altered or overdue.
 */
export function createApp(app: App = new App(), options: RecordHealthOptions = {}): App {
  if (options.logArchive) return logArchive(app);
  // No `env`: the stack synthesizes without credentials and deploys to whatever account and Region the CLI uses.
  const stack = new Stack(app, 'CloudTrailRecordHealth', {
    description: 'A CloudTrail trail with a delivery-health monitor and a continuous log-file integrity verifier',
  });
  const trail = new SecureTrail(stack, 'Trail');

  // GetTrailStatus every 5 minutes: a message naming the error, its cause and the fix when delivery fails; alarms
  // when logging stops, when log or digest files are overdue, and when the monitor itself fails.
  const health = new TrailDeliveryMonitor(stack, 'DeliveryMonitor', { trail });

  // Each digest verified as it arrives (signature, location, every log file's SHA-256, the chain); an hourly sweep
  // for chains whose newest digest is overdue. One topic for both: a single subscription receives every alarm.
  const integrity = new TrailIntegrityVerifier(stack, 'IntegrityVerifier', { trail, topic: health.topic });

  new CfnOutput(stack, 'AlarmTopicArn', { value: health.topic.topicArn });
  new CfnOutput(stack, 'ChainStateTable', { value: integrity.stateTable.tableName });
  return app;
}

/**
 * The log-archive account owns the bucket an organization trail of the management account writes to: the verifier
 * runs there (S3 sends the bucket's events to its owner), reading every member account's files.
 */
function logArchive(app: App): App {
  const stack = new Stack(app, 'LogArchiveIntegrity', {
    env: { account: '222222222222', region: 'us-east-1' },
    description: "Continuous integrity verification of an organization trail's logs, in the log-archive account",
  });
  const bucket = s3.Bucket.fromBucketName(stack, 'OrganizationLogs', 'org-cloudtrail-logs-222222222222');
  const key = kms.Key.fromKeyArn(
    stack,
    'OrganizationKey',
    'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  );
  const trail = SecureTrail.fromTrailAttributes(stack, 'OrganizationTrail', {
    trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail',
    bucket,
    encryptionKey: key,
  });
  new TrailIntegrityVerifier(stack, 'IntegrityVerifier', { trail, securityHub: true });
  // The bucket was made elsewhere, so this app cannot turn on its EventBridge notifications: the warning gives the
  // command, run once in this account, and is acknowledged here (so `cdk synth --strict` passes).
  Validations.of(stack).acknowledge({
    id: 'cdk-cloudtrail-kit:verifierBucketEvents',
    reason:
      'EventBridge notifications turned on with aws s3api put-bucket-notification-configuration by the log-archive team',
  });
  return app;
}

if (require.main === module) createApp(new App(), { logArchive: process.env.LOG_ARCHIVE === '1' }).synth();
