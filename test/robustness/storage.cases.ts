import { App, Aws, CfnParameter, Duration, Fn, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { messagesOf, RobustnessCase } from './harness';
import {
  CloudWatchLogsDelivery,
  SecureTrail,
  TrailAccessLogsBucket,
  TrailBucket,
  TrailKey,
  TrailObjectLock,
  TrailTopic,
} from '../../src';
import { guardFindings } from '../helpers';

const env = { account: '111111111111', region: 'us-east-1' };
const N = null as any;

function stack(app: App, id = 'Stack', e: { account?: string; region?: string } | 'agnostic' = env): Stack {
  return new Stack(app, id, e === 'agnostic' ? undefined : { env: e });
}
function accounts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(200000000000 + i));
}
function policyOf(app: App, type: string, key: string): string {
  const template = app.synth().getStackByName('Stack').template as {
    Resources: Record<string, { Type: string; Properties: any }>;
  };
  return JSON.stringify(Object.values(template.Resources).find((r) => r.Type === type)!.Properties[key]);
}

const OBJECT_LOCK =
  'S3 API Reference, DefaultRetention: Days or Years, a positive whole number; S3 User Guide object-lock (up to 100 years)';
const LIFECYCLE =
  'S3 API Reference, LifecycleExpiration Days / Transition Days (positive whole numbers); S3 User Guide lifecycle-transition-general-considerations';
const DELETION =
  'CloudFormation User Guide, DeletionPolicy attribute: Snapshot applies only to resources that support snapshots (not AWS::S3::Bucket, AWS::KMS::Key, AWS::Logs::LogGroup)';
const SIZES =
  'S3 User Guide bucket policies (20 KB) / KMS Developer Guide quotas, key policy document size 32 KB / IAM quotas managed policy 6,144 characters';
const REGIONS =
  "CloudWatch Logs User Guide encrypt-log-data-kms (the key must be in the log group's Region) / S3 User Guide ServerLogs (target bucket in the same Region and account)";
const RETENTION =
  'CloudWatch Logs API Reference, PutRetentionPolicy retentionInDays: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653';
const KMS_WINDOW = 'KMS API Reference, ScheduleKeyDeletion PendingWindowInDays: 7 to 30';
const NULLS =
  'jsii runtime: a JavaScript caller may pass null for an optional property; CloudFormation resource schemas (optional properties)';

function templateOf(app: App, name = 'Stack'): string {
  return JSON.stringify(app.synth().getStackByName(name).template);
}

const OBJECT_LOCK_CASES: RobustnessCase[] = [
  {
    name: 'Object Lock of 0 days is rejected',
    source: OBJECT_LOCK,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockRetention: TrailObjectLock.governance(Duration.days(0)) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'objectLockRetention', value: '0 days', fix: 'Fix:' },
  },
  {
    name: 'Object Lock of 1.5 years is rejected',
    source: OBJECT_LOCK,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockRetention: TrailObjectLock.complianceYears(1.5) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'objectLockRetention', value: '1.5 years', fix: 'whole' },
  },
  {
    name: 'Object Lock of 101 years is rejected',
    source: OBJECT_LOCK,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockRetention: TrailObjectLock.governanceYears(101) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'objectLockRetention', value: '101 years', fix: '100' },
  },
  {
    name: 'Object Lock of 36501 days is rejected',
    source: OBJECT_LOCK,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockRetention: TrailObjectLock.governance(Duration.days(36501)) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'objectLockRetention', value: '36501 days', fix: '36500' },
  },
  {
    name: "Object Lock of 36 hours is our error, not aws-cdk-lib's",
    source: OBJECT_LOCK,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockRetention: TrailObjectLock.compliance(Duration.hours(36)) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'objectLockRetention', value: '1.5 days', fix: 'whole days' },
  },
  {
    name: 'Object Lock of 48 hours is two days',
    source: OBJECT_LOCK,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockRetention: TrailObjectLock.governance(Duration.hours(48)) });
    },
    then: (app) => expect(templateOf(app)).toContain('"DefaultRetention":{"Days":2,"Mode":"GOVERNANCE"}'),
  },
  {
    name: 'Object Lock of 100 years synthesizes',
    source: OBJECT_LOCK,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockRetention: TrailObjectLock.complianceYears(100) });
    },
  },
  {
    name: 'a SecureTrail with Object Lock of 0 days names its bucket',
    source: OBJECT_LOCK,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail', { objectLockRetention: TrailObjectLock.governance(Duration.days(0)) });
    },
    rejects: { path: 'Stack/Trail/Bucket', prop: 'objectLockRetention', value: '0 days', fix: 'Fix:' },
  },
  {
    name: 'Object Lock off ignores no retention given',
    source: OBJECT_LOCK,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockEnabled: false });
    },
    then: (app) => expect(templateOf(app)).not.toContain('DefaultRetention'),
  },
];

const LIFECYCLE_CASES: RobustnessCase[] = [
  {
    name: 'an expiration of 0 days is rejected',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockEnabled: false, expiration: Duration.days(0) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'expiration', value: '0 days', fix: 'at least 1 day' },
  },
  {
    name: 'an expiration of 36 hours is our error',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockEnabled: false, expiration: Duration.hours(36) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'expiration', value: '1.5 days', fix: 'whole days' },
  },
  {
    name: 'a 60-day expiration drops the default 90-day transition',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { objectLockEnabled: false, expiration: Duration.days(60) });
    },
    then: (app) => {
      const t = templateOf(app);
      expect(t).toContain('"ExpirationInDays":60');
      expect(t).not.toContain('"TransitionInDays":90');
    },
  },
  {
    name: 'a 90-day expiration drops the default 90-day transition',
    source: LIFECYCLE,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail', {
        objectLockRetention: TrailObjectLock.governance(Duration.days(30)),
        logFileExpiration: Duration.days(90),
      });
    },
    then: (app) => expect(templateOf(app)).not.toContain('"TransitionInDays":90'),
  },
  {
    name: 'a 400-day expiration keeps the default transition',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { expiration: Duration.days(400) });
    },
    then: (app) => expect(templateOf(app)).toContain('"TransitionInDays":90'),
  },
  {
    name: 'STANDARD_IA after 29 days names the prop and the fix',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', {
        transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(29) }],
      });
    },
    rejects: {
      path: 'Stack/Bucket',
      prop: 'transitions',
      value: '29',
      fix: 'Fix: transition to STANDARD_IA after 30 days or more',
    },
  },
  {
    name: 'SecureTrail logFileTransitions ONEZONE_IA after 10 days names logFileTransitions',
    source: LIFECYCLE,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail', {
        logFileTransitions: [
          { storageClass: s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS, transitionAfter: Duration.days(10) },
        ],
      });
    },
    rejects: { path: 'Stack/Trail/Bucket', prop: 'logFileTransitions', value: '10', fix: '30 days' },
  },
  {
    name: 'a transition after 12 hours is our error',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', {
        transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.hours(12) }],
      });
    },
    rejects: { path: 'Stack/Bucket', prop: 'transitions', value: '0.5 days', fix: 'whole days' },
  },
  {
    name: 'a transition not before the expiration names both',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', {
        objectLockEnabled: false,
        expiration: Duration.days(100),
        transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(100) }],
      });
    },
    rejects: { path: 'Stack/Bucket', prop: 'transitions', value: '100', fix: 'expire later' },
  },
  {
    name: 'an expiration before the Object Lock retention is rejected',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { expiration: Duration.days(100) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'expiration', value: '100 days', fix: 'at least 365 days' },
  },
  {
    name: 'no transitions at all synthesizes',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { transitions: [] });
    },
    then: (app) => expect(templateOf(app)).not.toContain('Transitions'),
  },
  {
    name: 'a token expiration synthesizes',
    source: LIFECYCLE,
    make: (app) => {
      const s = stack(app);
      new TrailBucket(s, 'Bucket', {
        objectLockEnabled: false,
        expiration: Duration.days(new CfnParameter(s, 'Days', { type: 'Number' }).valueAsNumber),
      });
    },
  },
  {
    name: 'an access-log expiration of 0 days is rejected',
    source: LIFECYCLE,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { accessLogsExpiration: Duration.days(0) });
    },
    rejects: { path: 'Stack/Bucket', prop: 'accessLogsExpiration', value: '0 days', fix: 'at least 1 day' },
  },
  {
    name: 'an access-log bucket expiring after 36 hours is our error',
    source: LIFECYCLE,
    make: (app) => {
      new TrailAccessLogsBucket(stack(app), 'AccessLogs', { expiration: Duration.hours(36) });
    },
    rejects: { path: 'Stack/AccessLogs', prop: 'expiration', value: '1.5 days', fix: 'whole days' },
  },
  {
    name: 'replication with an expiration synthesizes',
    source: 'S3 User Guide replication-requirements (versioning on both buckets; lifecycle actions are not replicated)',
    make: (app) => {
      const s = stack(app);
      const destination = s3.Bucket.fromBucketAttributes(s, 'Dest', {
        bucketName: 'replica-bucket',
        region: 'us-west-2',
      });
      new TrailBucket(s, 'Bucket', { expiration: Duration.days(400), replication: { destination } });
    },
  },
  {
    name: 'a replica key in another Region than the destination is rejected',
    source:
      "S3 User Guide replication-config-for-kms-objects: ReplicaKmsKeyID is a key in the destination bucket's Region",
    make: (app) => {
      const s = stack(app);
      const destination = s3.Bucket.fromBucketAttributes(s, 'Dest', {
        bucketName: 'replica-bucket',
        region: 'us-west-2',
      });
      const destinationKey = kms.Key.fromKeyArn(
        s,
        'DestKey',
        'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555',
      );
      new TrailBucket(s, 'Bucket', { replication: { destination, destinationKey } });
    },
    rejects: { path: 'Stack/Bucket', prop: 'replication', value: 'eu-west-1', fix: 'us-west-2' },
  },
  {
    name: 'replication with a multi-Region replica key in the destination Region synthesizes',
    source: 'S3 User Guide replication-config-for-kms-objects / KMS Developer Guide multi-region-keys-overview',
    make: (app) => {
      const s = stack(app);
      const destination = s3.Bucket.fromBucketAttributes(s, 'Dest', {
        bucketName: 'replica-bucket',
        region: 'us-west-2',
      });
      const destinationKey = kms.Key.fromKeyArn(
        s,
        'DestKey',
        'arn:aws:kms:us-west-2:111111111111:key/mrk-0123456789abcdef0123456789abcdef',
      );
      new TrailBucket(s, 'Bucket', { replication: { destination, destinationKey } });
    },
  },
];

const REMOVAL_CASES: RobustnessCase[] = [
  {
    name: 'RemovalPolicy.SNAPSHOT on a TrailBucket is rejected',
    source: DELETION,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { removalPolicy: RemovalPolicy.SNAPSHOT });
    },
    rejects: { path: 'Stack/Bucket', prop: 'removalPolicy', value: 'snapshot', fix: 'RETAIN' },
  },
  {
    name: 'RemovalPolicy.SNAPSHOT on a TrailAccessLogsBucket is rejected',
    source: DELETION,
    make: (app) => {
      new TrailAccessLogsBucket(stack(app), 'Logs', { removalPolicy: RemovalPolicy.SNAPSHOT });
    },
    rejects: { path: 'Stack/Logs', prop: 'removalPolicy', value: 'snapshot', fix: 'RETAIN' },
  },
  {
    name: 'RemovalPolicy.SNAPSHOT on a TrailKey is rejected',
    source: DELETION,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { removalPolicy: RemovalPolicy.SNAPSHOT });
    },
    rejects: { path: 'Stack/Key', prop: 'removalPolicy', value: 'snapshot', fix: 'RETAIN' },
  },
  {
    name: 'RemovalPolicy.SNAPSHOT on a SecureTrail is rejected',
    source: DELETION,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail', { removalPolicy: RemovalPolicy.SNAPSHOT });
    },
    rejects: { path: 'Stack/Trail', prop: 'removalPolicy', value: 'snapshot', fix: 'RETAIN' },
  },
  {
    name: 'RemovalPolicy.SNAPSHOT on CloudWatchLogsDelivery is rejected',
    source: DELETION,
    make: (app) => {
      const s = stack(app);
      const trail = new SecureTrail(s, 'Trail', { sendToCloudWatchLogs: false });
      new CloudWatchLogsDelivery(s, 'Delivery', { trail, removalPolicy: RemovalPolicy.SNAPSHOT });
    },
    rejects: { path: 'Stack/Delivery', prop: 'removalPolicy', value: 'snapshot', fix: 'RETAIN' },
  },
  {
    name: 'RemovalPolicy.DESTROY on a SecureTrail synthesizes',
    source: DELETION,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail', { removalPolicy: RemovalPolicy.DESTROY });
    },
  },
];

const NULL_CASES: RobustnessCase[] = [
  {
    name: 'null for every optional prop of TrailBucket',
    source: NULLS,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', {
        bucketName: N,
        encryptionKey: N,
        accessLogsBucket: N,
        accessLogsExpiration: N,
        accessLogsPrefix: N,
        objectLockRetention: N,
        objectLockEnabled: N,
        transitions: N,
        expiration: N,
        removalPolicy: N,
        organizationId: N,
        replication: N,
      });
    },
    then: (app) => expect(templateOf(app)).toContain('"TransitionInDays":90'),
  },
  {
    name: 'null replication destinationKey',
    source: NULLS,
    make: (app) => {
      const s = stack(app);
      const destination = s3.Bucket.fromBucketAttributes(s, 'Dest', {
        bucketName: 'replica-bucket',
        region: 'us-west-2',
      });
      new TrailBucket(s, 'Bucket', { replication: { destination, destinationKey: N } });
    },
  },
  {
    name: 'null for every optional prop of TrailKey',
    source: NULLS,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { alias: N, description: N, removalPolicy: N, pendingWindow: N });
    },
  },
  {
    name: 'null props of TrailKey, TrailBucket and TrailAccessLogsBucket',
    source: NULLS,
    make: (app) => {
      const s = stack(app);
      new TrailKey(s, 'Key', N);
      new TrailBucket(s, 'Bucket', N);
      new TrailAccessLogsBucket(s, 'Logs', N);
    },
  },
  {
    name: 'null for every optional prop of TrailAccessLogsBucket',
    source: NULLS,
    make: (app) => {
      new TrailAccessLogsBucket(stack(app), 'Logs', { bucketName: N, expiration: N, removalPolicy: N });
    },
  },
  {
    name: 'null for every optional prop of CloudWatchLogsDelivery',
    source: NULLS,
    make: (app) => {
      const s = stack(app);
      const trail = new SecureTrail(s, 'Trail', { sendToCloudWatchLogs: false });
      new CloudWatchLogsDelivery(s, 'Delivery', {
        trail,
        logGroup: N,
        role: N,
        retention: N,
        encryptionKey: N,
        removalPolicy: N,
        organizationId: N,
      });
    },
  },
  {
    name: 'null topicName of TrailTopic',
    source: NULLS,
    make: (app) => {
      const s = stack(app);
      new TrailTopic(s, 'Topic', { masterKey: new TrailKey(s, 'Key'), topicName: N });
    },
  },
  {
    name: 'a TrailTopic without a masterKey (JavaScript) is our error',
    source: 'CloudTrail User Guide configure-sns-notifications-for-cloudtrail (SSE topics need a customer managed key)',
    make: (app) => {
      new TrailTopic(stack(app), 'Topic', { masterKey: N });
    },
    rejects: { path: 'Stack/Topic', prop: 'masterKey', fix: 'customer managed key' },
  },
  {
    name: 'null options of allowTrail, allowAccountTrails, allowTrailArn and grantReadLogs',
    source: NULLS,
    make: (app) => {
      const s = stack(app);
      const bucket = new TrailBucket(s, 'Bucket');
      const trail = new SecureTrail(s, 'Trail', { bucket, encryptionKey: bucket.trailKey });
      bucket.allowTrail(trail, N);
      bucket.allowAccountTrails(['222222222222'], N);
      bucket.allowTrailArn('arn:aws:cloudtrail:us-east-1:333333333333:trail/other', N);
      bucket.allowTrail(trail, { s3KeyPrefix: N, organizationId: N });
      bucket.grantReadLogs(new iam.AccountRootPrincipal(), N);
      bucket.grantReadLogs(new iam.AccountRootPrincipal(), { s3KeyPrefix: N, ownerIds: N });
    },
  },
];

const TOKEN_CASES: RobustnessCase[] = [
  {
    name: 'a TrailBucket named by a parameter',
    source: 'CloudFormation User Guide parameters-section-structure; S3 bucket naming rules',
    make: (app) => {
      const s = stack(app);
      new TrailBucket(s, 'Bucket', { bucketName: new CfnParameter(s, 'Name').valueAsString });
    },
  },
  {
    name: 'a TrailBucket with an imported access-log prefix',
    source: 'S3 API Reference, LoggingEnabled TargetPrefix',
    make: (app) => {
      const s = stack(app);
      const accessLogsBucket = s3.Bucket.fromBucketName(s, 'Logs', 'access-logs-bucket');
      new TrailBucket(s, 'Bucket', { accessLogsBucket, accessLogsPrefix: Fn.importValue('Prefix') });
    },
  },
  {
    name: 'a TrailKey with a lazy alias',
    source: 'KMS API Reference, CreateAlias AliasName',
    make: (app) => {
      new TrailKey(stack(app), 'Key', { alias: Lazy.string({ produce: () => 'alias/lazy-trail-key' }) });
    },
  },
  {
    name: 'a TrailTopic named by Fn.join',
    source: 'SNS API Reference, CreateTopic Name',
    make: (app) => {
      const s = stack(app);
      new TrailTopic(s, 'Topic', {
        masterKey: new TrailKey(s, 'Key'),
        topicName: Fn.join('-', ['trail', s.stackName]),
      });
    },
  },
  {
    name: 'allowAccountTrails with an account parameter',
    source: 'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail (aws:SourceArn)',
    make: (app) => {
      const s = stack(app);
      const account = new CfnParameter(s, 'Account').valueAsString;
      new TrailBucket(s, 'Bucket').allowAccountTrails([account]);
      new TrailKey(s, 'Key').allowAccountTrails([account]);
    },
  },
  {
    name: 'a TrailBucket in an env-agnostic stack',
    source: 'CDK Developer Guide environments (env-agnostic stacks)',
    make: (app) => {
      new TrailBucket(stack(app, 'Stack', 'agnostic'), 'Bucket').allowAccountTrails(['222222222222']);
    },
  },
];

const POLICY_CASES: RobustnessCase[] = [
  {
    name: 'allowAccountTrails with 40 accounts keeps the bucket policy under 20 KB',
    source: SIZES,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket').allowAccountTrails(accounts(40));
    },
    then: (app) => expect(policyOf(app, 'AWS::S3::BucketPolicy', 'PolicyDocument').length).toBeLessThan(20480),
  },
  {
    name: 'allowAccountTrails with 40 accounts keeps the key policy under 32 KB',
    source: SIZES,
    make: (app) => {
      new TrailKey(stack(app), 'Key').allowAccountTrails(accounts(40));
    },
    then: (app) => expect(policyOf(app, 'AWS::KMS::Key', 'KeyPolicy').length).toBeLessThan(32768),
  },
  {
    name: 'allowAccountTrails with 200 accounts on a bucket fails with the fix',
    source: SIZES,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket').allowAccountTrails(accounts(200));
    },
    rejects: { path: 'Stack/Bucket', prop: 'allowAccountTrails', value: '200 accounts', fix: 'organization trail' },
  },
  {
    name: 'allowAccountTrails with 200 accounts on a key fails with the fix',
    source: SIZES,
    make: (app) => {
      new TrailKey(stack(app), 'Key').allowAccountTrails(accounts(200));
    },
    rejects: { path: 'Stack/Key', prop: 'allowAccountTrails', value: '200 accounts', fix: 'organization trail' },
  },
  {
    name: 'allowAccountTrails with no account names the argument',
    source: 'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail',
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket').allowAccountTrails([]);
    },
    rejects: { path: 'Stack/Bucket', prop: 'accounts', fix: 'Fix:' },
  },
  {
    name: 'allowAccountTrails with an 11-digit account is rejected',
    source: 'AWS Account Management Reference, account identifiers: 12 digits',
    make: (app) => {
      new TrailKey(stack(app), 'Key').allowAccountTrails(['22222222222']);
    },
    rejects: { path: 'Stack/Key', prop: 'accounts', value: '22222222222', fix: '12-digit' },
  },
  {
    name: 'allowAccountTrails with null accounts is our error',
    source: NULLS,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket').allowAccountTrails(N);
    },
    rejects: { path: 'Stack/Bucket', prop: 'accounts', fix: 'Fix:' },
  },
  {
    name: 'the same account twice in allowAccountTrails writes it once',
    source: SIZES,
    make: (app) => {
      const s = stack(app);
      new TrailBucket(s, 'Bucket').allowAccountTrails(['222222222222', '222222222222']);
    },
    then: (app) =>
      expect(policyOf(app, 'AWS::S3::BucketPolicy', 'PolicyDocument').split('AWSLogs/222222222222').length).toBe(2),
  },
  {
    name: 'two trails sharing one TrailBucket and TrailKey',
    source: 'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail (one statement per trail via aws:SourceArn)',
    make: (app) => {
      const s = stack(app);
      const bucket = new TrailBucket(s, 'Bucket');
      new SecureTrail(s, 'One', { bucket, encryptionKey: bucket.trailKey });
      new SecureTrail(s, 'Two', { bucket, encryptionKey: bucket.trailKey });
    },
  },
];

const OTHER_REGION_KEY = 'arn:aws:kms:us-west-2:111111111111:key/11111111-2222-3333-4444-555555555555';

const REGION_CASES: RobustnessCase[] = [
  {
    name: 'a log-group key in another Region is rejected',
    source: REGIONS,
    make: (app) => {
      const s = stack(app);
      new SecureTrail(s, 'Trail', { cloudWatchLogsEncryptionKey: kms.Key.fromKeyArn(s, 'Key', OTHER_REGION_KEY) });
    },
    rejects: {
      path: 'Stack/Trail/CloudWatchLogs',
      prop: 'cloudWatchLogsEncryptionKey',
      value: 'us-west-2',
      fix: 'us-east-1',
    },
  },
  {
    name: 'a CloudWatchLogsDelivery key in another Region is rejected',
    source: REGIONS,
    make: (app) => {
      const s = stack(app);
      const trail = new SecureTrail(s, 'Trail', { sendToCloudWatchLogs: false });
      new CloudWatchLogsDelivery(s, 'Delivery', {
        trail,
        encryptionKey: kms.Key.fromKeyArn(s, 'Key', OTHER_REGION_KEY),
      });
    },
    rejects: { path: 'Stack/Delivery', prop: 'encryptionKey', value: 'us-west-2', fix: 'us-east-1' },
  },
  {
    name: 'a log-group key of another stack in another Region is rejected',
    source: REGIONS,
    make: (app) => {
      const key = new TrailKey(stack(app, 'KeyStack', { account: env.account, region: 'eu-west-1' }), 'Key');
      new SecureTrail(stack(app, 'Stack', { ...env }), 'Trail', { cloudWatchLogsEncryptionKey: key });
    },
    rejects: {
      path: 'Stack/Trail/CloudWatchLogs',
      prop: 'cloudWatchLogsEncryptionKey',
      value: 'eu-west-1',
      fix: 'us-east-1',
    },
  },
  {
    name: 'an access-log bucket in another Region is rejected',
    source: REGIONS,
    make: (app) => {
      const s = stack(app);
      const accessLogsBucket = s3.Bucket.fromBucketAttributes(s, 'Logs', {
        bucketName: 'access-logs-bucket',
        region: 'eu-west-1',
      });
      new TrailBucket(s, 'Bucket', { accessLogsBucket });
    },
    rejects: { path: 'Stack/Bucket', prop: 'accessLogsBucket', value: 'eu-west-1', fix: 'us-east-1' },
  },
  {
    name: 'a SecureTrail access-log bucket in another Region is rejected',
    source: REGIONS,
    make: (app) => {
      const s = stack(app);
      const accessLogsBucket = s3.Bucket.fromBucketAttributes(s, 'Logs', {
        bucketName: 'access-logs-bucket',
        region: 'eu-west-1',
      });
      new SecureTrail(s, 'Trail', { accessLogsBucket });
    },
    rejects: { path: 'Stack/Trail/Bucket', prop: 'accessLogsBucket', value: 'eu-west-1', fix: 'us-east-1' },
  },
  {
    name: 'an access-log bucket of another account is rejected',
    source: REGIONS,
    make: (app) => {
      const s = stack(app);
      const accessLogsBucket = s3.Bucket.fromBucketAttributes(s, 'Logs', {
        bucketName: 'access-logs-bucket',
        account: '222222222222',
      });
      new TrailBucket(s, 'Bucket', { accessLogsBucket });
    },
    rejects: { path: 'Stack/Bucket', prop: 'accessLogsBucket', value: '222222222222', fix: '111111111111' },
  },
  {
    name: 'a log group of another account is rejected',
    source:
      "CloudTrail User Guide send-cloudtrail-events-to-cloudwatch-logs (the log group belongs to the trail's account)",
    make: (app) => {
      const s = stack(app);
      const cloudWatchLogGroup = logs.LogGroup.fromLogGroupArn(
        s,
        'Group',
        'arn:aws:logs:us-east-1:222222222222:log-group:trail',
      );
      new SecureTrail(s, 'Trail', { cloudWatchLogGroup });
    },
    rejects: { path: 'Stack/Trail', prop: 'cloudWatchLogGroup', value: '222222222222', fix: '111111111111' },
  },
  {
    name: 'a log group in another Region is rejected',
    source: 'CloudTrail User Guide send-cloudtrail-events-to-cloudwatch-logs',
    make: (app) => {
      const s = stack(app);
      const cloudWatchLogGroup = logs.LogGroup.fromLogGroupArn(
        s,
        'Group',
        'arn:aws:logs:eu-west-1:111111111111:log-group:trail',
      );
      new SecureTrail(s, 'Trail', { cloudWatchLogGroup });
    },
    rejects: { path: 'Stack/Trail', prop: 'cloudWatchLogGroup', value: 'eu-west-1', fix: 'Region' },
  },
  {
    name: 'the trail key in another Region than the bucket is rejected',
    source: 'CloudTrail User Guide encrypting-cloudtrail-log-files-with-aws-kms (KmsKeyNotFoundException)',
    make: (app) => {
      const s = stack(app);
      new SecureTrail(s, 'Trail', { encryptionKey: kms.Key.fromKeyArn(s, 'Key', OTHER_REGION_KEY) });
    },
    rejects: { path: 'Stack/Trail', prop: 'encryptionKey', value: 'us-west-2', fix: 'Region' },
  },
  {
    name: "a multi-Region key in the trail's Region synthesizes",
    source: 'CloudTrail User Guide encrypting-cloudtrail-log-files-with-aws-kms (multi-Region keys are supported)',
    make: (app) => {
      const s = stack(app);
      const encryptionKey = kms.Key.fromKeyArn(
        s,
        'Key',
        'arn:aws:kms:us-east-1:111111111111:key/mrk-0123456789abcdef0123456789abcdef',
      );
      new SecureTrail(s, 'Trail', { encryptionKey });
    },
  },
  {
    name: 'a key known by its alias synthesizes',
    source: 'CloudTrail API CreateTrail KmsKeyId (alias/<name> accepted)',
    make: (app) => {
      const s = stack(app);
      new SecureTrail(s, 'Trail', { encryptionKey: kms.Alias.fromAliasName(s, 'Alias', 'alias/log-archive') });
    },
  },
  {
    name: 'a log-group key in the same Region of another stack synthesizes',
    source: REGIONS,
    make: (app) => {
      const key = new TrailKey(stack(app, 'KeyStack'), 'Key');
      new SecureTrail(stack(app, 'Stack'), 'Trail', { cloudWatchLogsEncryptionKey: key });
    },
  },
  {
    name: 'an env-agnostic SecureTrail with an imported log-group key synthesizes',
    source: REGIONS,
    make: (app) => {
      const s = stack(app, 'Stack', 'agnostic');
      new SecureTrail(s, 'Trail', { cloudWatchLogsEncryptionKey: kms.Key.fromKeyArn(s, 'Key', OTHER_REGION_KEY) });
    },
  },
];

const RETENTION_CASES: RobustnessCase[] = [
  {
    name: 'cloudWatchLogsRetention of 8 days is rejected',
    source: RETENTION,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail', { cloudWatchLogsRetention: 8 as logs.RetentionDays });
    },
    rejects: { path: 'Stack/Trail', prop: 'cloudWatchLogsRetention', value: '8', fix: '7, 14' },
  },
  {
    name: 'CloudWatchLogsDelivery retention of 0 days is rejected',
    source: RETENTION,
    make: (app) => {
      const s = stack(app);
      new CloudWatchLogsDelivery(s, 'Delivery', {
        trail: new SecureTrail(s, 'Trail', { sendToCloudWatchLogs: false }),
        retention: 0 as logs.RetentionDays,
      });
    },
    rejects: { path: 'Stack/Delivery', prop: 'retention', value: '0', fix: '1, 3' },
  },
  {
    name: 'cloudWatchLogsRetention INFINITE synthesizes',
    source: RETENTION,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail', { cloudWatchLogsRetention: logs.RetentionDays.INFINITE });
    },
  },
  {
    name: 'cloudWatchLogsRetention TEN_YEARS synthesizes',
    source: RETENTION,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail', { cloudWatchLogsRetention: logs.RetentionDays.TEN_YEARS });
    },
  },
  {
    name: 'a TrailKey pending window of 6 days is rejected',
    source: KMS_WINDOW,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { pendingWindow: Duration.days(6) });
    },
    rejects: { path: 'Stack/Key', prop: 'pendingWindow', value: '6 days', fix: '7 to 30' },
  },
  {
    name: 'a TrailKey pending window of 200 hours is our error',
    source: KMS_WINDOW,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { pendingWindow: Duration.hours(200) });
    },
    rejects: { path: 'Stack/Key', prop: 'pendingWindow', value: '8.33 days', fix: 'whole days' },
  },
  {
    name: 'a TrailKey pending window of 168 hours is 7 days',
    source: KMS_WINDOW,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { pendingWindow: Duration.hours(168) });
    },
    then: (app) => expect(templateOf(app)).toContain('"PendingWindowInDays":7'),
  },
];

const LOG_ARCHIVE_CASES: RobustnessCase[] = [
  {
    name: 'no logGroupKeyPolicy warning when the log-archive TrailKey holds the statement',
    source: 'CloudWatch Logs User Guide encrypt-log-data-kms (key policy statement for logs.<region>.amazonaws.com)',
    make: (app) => {
      const archive = stack(app, 'Archive');
      const key = new TrailKey(archive, 'Key', { alias: 'alias/log-archive' });
      const s = stack(app);
      key.allowCloudWatchLogs('arn:aws:logs:us-east-1:111111111111:log-group:/aws/cloudtrail/audit');
      key.allowTrailArn('arn:aws:cloudtrail:us-east-1:111111111111:trail/audit');
      const alias = kms.Alias.fromAliasName(s, 'Alias', 'alias/log-archive');
      new SecureTrail(s, 'Trail', { trailName: 'audit', encryptionKey: alias, cloudWatchLogsEncryptionKey: alias });
    },
    then: (app) => expect(messagesOf(app, 'warning').filter((m) => m.includes('logGroupKeyPolicy'))).toEqual([]),
  },
  {
    name: 'a log-archive bucket allowing another prefix names both prefixes',
    source:
      'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail (Resource [optionalPrefix]/AWSLogs/<account>/*)',
    make: (app) => {
      const archive = stack(app, 'Archive');
      const bucket = new TrailBucket(archive, 'Bucket', { bucketName: 'log-archive-bucket' });
      bucket.allowTrailArn('arn:aws:cloudtrail:us-east-1:111111111111:trail/audit', { s3KeyPrefix: 'other' });
      const s = stack(app);
      new SecureTrail(s, 'Trail', {
        trailName: 'audit',
        s3KeyPrefix: 'audit',
        bucket: s3.Bucket.fromBucketName(s, 'B', 'log-archive-bucket'),
        encryptionKey: kms.Key.fromKeyArn(
          s,
          'K',
          'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555',
        ),
      });
    },
    rejects: {
      path: 'Stack/Trail',
      prop: 'AWSCloudTrailWrite',
      value: 'audit/AWSLogs/111111111111',
      fix: 'allowTrailArn',
    },
  },
  {
    name: 'a log-archive bucket allowing the trail by allowAccountTrails passes the check',
    source:
      'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail (aws:SourceArn patterns for every trail of an account)',
    make: (app) => {
      const archive = stack(app, 'Archive');
      const bucket = new TrailBucket(archive, 'Bucket', { bucketName: 'log-archive-bucket' });
      bucket.allowAccountTrails(['111111111111', '222222222222']);
      const s = stack(app);
      new SecureTrail(s, 'Trail', {
        trailName: 'audit',
        bucket: s3.Bucket.fromBucketName(s, 'B', 'log-archive-bucket'),
        encryptionKey: kms.Key.fromKeyArn(
          s,
          'K',
          'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555',
        ),
      });
    },
    then: (app) => expect(messagesOf(app, 'warning').filter((m) => m.includes('bucketPolicy'))).toEqual([]),
  },
  ...logArchiveFromEnvAgnosticCases(),
];

/**
 * A trail in an env-agnostic stack writing to a log archive of this app that allows `allowed` by allowAccountTrails.
 */
function envAgnosticMember(app: App, allowed: string[] | undefined, archiveEnv: typeof env | 'agnostic' = env): void {
  const archive = stack(app, 'Archive', archiveEnv);
  const bucket = new TrailBucket(archive, 'Bucket', { bucketName: 'log-archive-bucket' });
  if (allowed) bucket.allowAccountTrails(allowed);
  const s = stack(app, 'Member', 'agnostic');
  new SecureTrail(s, 'Trail', {
    trailName: 'member',
    bucket: s3.Bucket.fromBucketName(s, 'B', 'log-archive-bucket'),
    encryptionKey: kms.Key.fromKeyArn(
      s,
      'K',
      'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555',
    ),
  });
}

function logArchiveFromEnvAgnosticCases(): RobustnessCase[] {
  const source =
    'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail (aws:SourceArn of the trail, in its account and Region)';
  const bucketWarnings = (app: App) =>
    messagesOf(app, 'warning').filter((m) => m.includes('does not allow this trail'));
  return [
    {
      // Its account is not known at synth: the archive allowing 222222222222 may be right, so no error, but a warning.
      name: 'a trail of an env-agnostic stack and a log archive allowing other accounts is a warning, not an error',
      source,
      make: (app) => envAgnosticMember(app, ['222222222222']),
      then: (app) =>
        expect(bucketWarnings(app)).toEqual([
          expect.stringMatching(
            /The S3 bucket log-archive-bucket \(Archive\/Bucket\) does not allow this trail: .*222222222222.*\$\{AWS::AccountId\}.*not known at synth.*acknowledge/,
          ),
        ]),
    },
    {
      name: "that warning can be acknowledged on the trail's stack",
      source,
      make: (app) => {
        envAgnosticMember(app, ['222222222222']);
        Validations.of(app.node.findChild('Member')).acknowledge({
          id: 'cdk-cloudtrail-kit:bucketPolicy',
          reason: 'deployed in 222222222222',
        });
      },
      then: (app) => expect(bucketWarnings(app)).toEqual([]),
    },
    {
      // A statement it lacks altogether is missing whatever the account: still an error.
      name: 'a trail of an env-agnostic stack and a log archive with no CloudTrail statements is an error',
      source,
      make: (app) => envAgnosticMember(app, undefined),
      rejects: { path: 'Member/Trail', prop: 'AWSCloudTrailWrite', value: 'log-archive-bucket', fix: 'allowTrailArn' },
    },
    {
      name: "a trail and a log archive both in env-agnostic stacks, the archive allowing its own account's trails",
      source,
      make: (app) => envAgnosticMember(app, [Aws.ACCOUNT_ID], 'agnostic'),
      then: (app) => expect(bucketWarnings(app)).toEqual([]),
    },
  ];
}

const CONTROL_TOWER =
  'Control Tower proactive controls CT.S3.PR.2 / CT.S3.PR.10 (cfn-guard rules of @cdklabs/cdk-validator-cfnguard); ' +
  'S3 User Guide enable-server-access-logging; aws-cdk PR #25350 (SSE-KMS log destination with logging.s3.amazonaws.com in the key policy)';

/** A SecureTrail whose access-log bucket passes the Control Tower S3 hooks: SSE-KMS and logging of its own. */
function controlTowerTrail(app: App): void {
  const s = stack(app);
  const key = new TrailKey(s, 'AccessLogsKey');
  const accessLogsBucket = new TrailAccessLogsBucket(s, 'AccessLogs', {
    encryptionKey: key,
    logOwnAccess: true,
    expiration: Duration.days(400),
  });
  new SecureTrail(s, 'Trail', { accessLogsBucket });
}
/** The cfn-guard rules of CT.S3.PR.10 and CT.S3.PR.2. */
const S3_CONTROLS = /^(s3_bucket_default_encryption_kms_check|s3_bucket_logging_enabled_check)$/;

const CONTROL_TOWER_CASES: RobustnessCase[] = [
  {
    name: 'the default access-log bucket fails CT.S3.PR.2 and CT.S3.PR.10',
    source: CONTROL_TOWER,
    make: (app) => {
      new SecureTrail(stack(app), 'Trail');
    },
    then: () => {
      const found = guardFindings((a) => {
        new SecureTrail(stack(a), 'Trail');
      }).filter((f) => S3_CONTROLS.test(f.rule));
      expect(found.map((f) => f.path).every((p) => p.includes('AccessLogs'))).toBe(true);
      expect(found.map((f) => f.rule).sort()).toEqual([
        's3_bucket_default_encryption_kms_check',
        's3_bucket_logging_enabled_check',
      ]);
    },
  },
  {
    name: 'an SSE-KMS access-log bucket logging its own access passes CT.S3.PR.2 and CT.S3.PR.10',
    source: CONTROL_TOWER,
    make: controlTowerTrail,
    then: (app) => {
      expect(guardFindings(controlTowerTrail)).toEqual([]);
      const t = templateOf(app);
      expect(t).toContain('"LoggingConfiguration":{"LogFilePrefix":"own-access/"}');
      expect(t).toContain('AllowS3ServerAccessLogsToEncrypt');
    },
  },
  {
    name: 'an imported access-log key warns with the statement',
    source: CONTROL_TOWER,
    make: (app) => {
      const s = stack(app);
      new TrailAccessLogsBucket(s, 'AccessLogs', {
        encryptionKey: kms.Key.fromKeyArn(s, 'K', OTHER_REGION_KEY.replace('us-west-2', 'us-east-1')),
      });
    },
    then: (app) =>
      expect(
        messagesOf(app, 'warning').filter(
          (m) => m.includes('accessLogsKeyPolicy') && m.includes('logging.s3.amazonaws.com'),
        ),
      ).toHaveLength(1),
  },
  {
    name: 'logOwnAccess with a source bucket without prefix is rejected',
    source: 'S3 API Reference, LoggingEnabled TargetPrefix (distinguish source buckets by prefix)',
    make: (app) => {
      const s = stack(app);
      const accessLogsBucket = new TrailAccessLogsBucket(s, 'AccessLogs', { logOwnAccess: true });
      new TrailBucket(s, 'Bucket', { accessLogsBucket, accessLogsPrefix: '' });
    },
    rejects: { path: 'Stack/AccessLogs', prop: 'logOwnAccess', fix: 'accessLogsPrefix' },
  },
];

const NAMES =
  'S3 User Guide bucketnamingrules / KMS API Reference CreateAlias AliasName (alias/aws/ reserved) / SNS API Reference CreateTopic Name ' +
  '/ Organizations API Reference Organization Id (^o-[a-z0-9]{10,32}$) / KMS CreateKey Description (0 to 8192)';

const NAME_CASES: RobustnessCase[] = [
  {
    name: 'a TrailKey alias under alias/aws/ is our error',
    source: NAMES,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { alias: 'alias/aws/trail' });
    },
    rejects: { path: 'Stack/Key', prop: 'alias', value: 'alias/aws/trail', fix: 'alias/cloudtrail/' },
  },
  {
    name: 'a TrailKey alias with a space is our error',
    source: NAMES,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { alias: 'my alias' });
    },
    rejects: { path: 'Stack/Key', prop: 'alias', value: 'alias/my alias', fix: 'Fix:' },
  },
  {
    name: 'an empty TrailKey alias is our error',
    source: NAMES,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { alias: 'alias/' });
    },
    rejects: { path: 'Stack/Key', prop: 'alias', value: 'alias/', fix: 'Fix:' },
  },
  {
    name: 'a TrailKey description over 8192 characters is our error',
    source: NAMES,
    make: (app) => {
      new TrailKey(stack(app), 'Key', { description: 'd'.repeat(8193) });
    },
    rejects: { path: 'Stack/Key', prop: 'description', value: 'dddd', fix: 'shorten' },
  },
  {
    name: 'a TrailBucket name with uppercase and underscore is our error',
    source: NAMES,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { bucketName: 'My_Bucket' });
    },
    rejects: { path: 'Stack/Bucket', prop: 'bucketName', value: 'My_Bucket', fix: 'Fix:' },
  },
  {
    name: 'a TrailAccessLogsBucket name of 2 characters is our error',
    source: NAMES,
    make: (app) => {
      new TrailAccessLogsBucket(stack(app), 'Logs', { bucketName: 'ab' });
    },
    rejects: { path: 'Stack/Logs', prop: 'bucketName', value: 'ab', fix: 'Fix:' },
  },
  {
    name: 'a TrailTopic name with a period is rejected',
    source: NAMES,
    make: (app) => {
      const s = stack(app);
      new TrailTopic(s, 'Topic', { masterKey: new TrailKey(s, 'Key'), topicName: 'trail.topic' });
    },
    rejects: { path: 'Stack/Topic', prop: 'topicName', value: 'trail.topic', fix: 'letters, digits' },
  },
  {
    name: 'a TrailBucket organizationId that is not an organization id is rejected',
    source: NAMES,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket', { organizationId: 'org-1' });
    },
    rejects: { path: 'Stack/Bucket', prop: 'organizationId', value: 'org-1', fix: 'o-a1b2c3d4e5' },
  },
  {
    name: 'allowTrailArn with an invalid organizationId is rejected',
    source: NAMES,
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket').allowTrailArn('arn:aws:cloudtrail:us-east-1:111111111111:trail/t', {
        organizationId: 'nope',
      });
    },
    rejects: { path: 'Stack/Bucket', prop: 'organizationId', value: 'nope', fix: 'o-' },
  },
  {
    name: 'TrailBucket.allowTrailArn with a trail name is our error',
    source: 'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail (aws:SourceArn is the trail ARN)',
    make: (app) => {
      new TrailBucket(stack(app), 'Bucket').allowTrailArn('my-trail');
    },
    rejects: { path: 'Stack/Bucket', prop: 'trailArn', value: 'my-trail', fix: 'trail.trailArn' },
  },
  {
    name: 'TrailKey.allowTrailArn with a trail name is our error',
    source: 'CloudTrail User Guide create-kms-key-policy-for-cloudtrail (aws:SourceArn is the trail ARN)',
    make: (app) => {
      new TrailKey(stack(app), 'Key').allowTrailArn('my-trail');
    },
    rejects: { path: 'Stack/Key', prop: 'trailArn', value: 'my-trail', fix: 'trail.trailArn' },
  },
  {
    name: 'allowTrailArn with a trail ARN of a parameter synthesizes',
    source: 'CloudTrail User Guide create-s3-bucket-policy-for-cloudtrail',
    make: (app) => {
      const s = stack(app);
      const arn = new CfnParameter(s, 'TrailArn').valueAsString;
      new TrailBucket(s, 'Bucket').allowTrailArn(Fn.join('', [arn]));
    },
  },
];

export const STORAGE_CASES: RobustnessCase[] = [
  ...OBJECT_LOCK_CASES,
  ...LIFECYCLE_CASES,
  ...REMOVAL_CASES,
  ...NULL_CASES,
  ...TOKEN_CASES,
  ...POLICY_CASES,
  ...REGION_CASES,
  ...RETENTION_CASES,
  ...LOG_ARCHIVE_CASES,
  ...CONTROL_TOWER_CASES,
  ...NAME_CASES,
];
