/*
 * The benchmark's baseline: aws-cdk-lib's own `aws_cloudtrail.Trail`, wired by hand to the hardening a default
 * `SecureTrail` gives, with the same resources and policy statements as far as the L2 allows. Written against
 * aws-cdk-lib only (no import from ../src), so it costs what an app doing this job without the library costs.
 *
 * Where the L2 leaves no choice, the template differs from SecureTrail's:
 * - the L2 always adds its own GetBucketAcl and PutObject bucket statements without `aws:SourceArn`, so the
 *   bucket policy has 2 statements more (and the `aws:SourceArn` ones below narrow nothing);
 * - with `sendToCloudWatchLogs` the L2 makes its own role (no prop takes one) with an inline policy on the whole
 *   log group: the managed policy is attached to that role, and the inline `AWS::IAM::Policy` is extra.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface HandWiredTrailProps {
  /** Needed up front: every policy names the trail's ARN, which must not depend on the trail resource. */
  readonly trailName: string;
}

export interface HandWiredTrail {
  readonly trail: cloudtrail.Trail;
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  readonly logGroup: logs.LogGroup;
  readonly logsPolicy: iam.ManagedPolicy;
}

export function handWiredTrail(scope: Construct, id: string, props: HandWiredTrailProps): HandWiredTrail {
  const stack = Stack.of(scope);
  const construct = new Construct(scope, id);
  const { trailName } = props;
  // formatArn, not trail.trailArn: the trail depends on these policies, so they cannot reference it.
  const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
  const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const trailContext = `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*`;
  const logGroupName = `/aws/cloudtrail/${trailName}`;

  const key = new kms.Key(construct, 'Key', {
    enableKeyRotation: true,
    alias: `alias/cloudtrail/${trailName}`,
    description: 'Encrypts AWS CloudTrail log files',
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyCreateGrantExceptForAwsResources',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowAccountsToDecryptCloudTrailLogs',
      principals: [new iam.AccountPrincipal(stack.account)],
      actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:CallerAccount': stack.account },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [trailContext] },
      },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogs',
      principals: [cloudTrail],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailContext },
        StringEquals: { 'aws:SourceArn': trailArn },
      },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [cloudTrail],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDecryptWithBucketKeys',
      principals: [cloudTrail],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );

  const bucket = new s3.Bucket(construct, 'Bucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    objectLockEnabled: true,
    objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
    lifecycleRules: [
      {
        id: 'TrailLogFiles',
        abortIncompleteMultipartUploadAfter: Duration.days(7),
        transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }],
      },
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const accessLogsBucket = new s3.Bucket(bucket, 'AccessLogs', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    objectLockEnabled: true,
    lifecycleRules: [{ id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // On the L1, as SecureTrail does: `eventBridgeEnabled` deploys a Lambda-backed custom resource, and
  // `serverAccessLogsBucket` may grant delivery with an ACL, which owner-enforced buckets refuse.
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  cfnBucket.loggingConfiguration = { destinationBucketName: accessLogsBucket.bucketName };
  (accessLogsBucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };
  accessLogsBucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'S3ServerAccessLogsPolicy',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [accessLogsBucket.arnForObjects('*')],
      conditions: {
        ArnLike: { 'aws:SourceArn': bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': stack.account },
      },
    }),
  );
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailAclCheck',
      principals: [cloudTrail],
      actions: ['s3:GetBucketAcl'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailWrite',
      principals: [cloudTrail],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`AWSLogs/${stack.account}/*`)],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    }),
  );

  // The log group's name is fixed so the key policy can name it without a key <-> log group cycle.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsToEncryptTrailLogGroup',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: logGroupName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
  const logGroup = new logs.LogGroup(construct, 'LogGroup', {
    logGroupName,
    encryptionKey: key,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  logGroup.node.addDependency(key);

  const trail = new cloudtrail.Trail(construct, 'Trail', {
    trailName,
    bucket,
    encryptionKey: key,
    sendToCloudWatchLogs: true,
    cloudWatchLogGroup: logGroup,
  });

  // The L2 keeps its logs role private; it is the role the trail uses, so the stream-scoped policy goes on it.
  const logsRole = trail.node.findChild('LogsRole') as iam.Role;
  const streams = stack.formatArn({
    service: 'logs',
    resource: 'log-group',
    resourceName: `${logGroup.logGroupName}:log-stream:${stack.account}_CloudTrail_${stack.region}*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const logsPolicy = new iam.ManagedPolicy(construct, 'LogsPolicy', {
    description: `Lets CloudTrail write ${trailName} events to its CloudWatch Logs streams`,
    statements: [
      new iam.PolicyStatement({
        sid: 'AWSCloudTrailCreateLogStream',
        actions: ['logs:CreateLogStream'],
        resources: [streams],
      }),
      new iam.PolicyStatement({
        sid: 'AWSCloudTrailPutLogEvents',
        actions: ['logs:PutLogEvents'],
        resources: [streams],
      }),
    ],
    roles: [logsRole],
  });

  // CloudTrail checks every permission when the trail is created, as SecureTrail orders it.
  const cfnTrail = trail.node.defaultChild as cloudtrail.CfnTrail;
  cfnTrail.node.addDependency(key, logGroup, logsPolicy);

  return { trail, key, bucket, accessLogsBucket, logGroup, logsPolicy };
}
