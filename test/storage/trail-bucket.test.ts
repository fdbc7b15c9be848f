import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SecureTrail, TrailBucket, TrailKey } from '../../src';
import { ACCOUNT, onlyResource, testStack } from '../helpers';

describe('TrailBucket', () => {
  test('is hardened: BPA, SSE-KMS with bucket keys, versioning, owner-enforced, access logs, lifecycle, Object Lock, EventBridge', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs');
    const template = Template.fromStack(stack);
    const buckets = template.findResources('AWS::S3::Bucket', {
      Properties: { ObjectLockConfiguration: Match.anyValue() },
    });
    const trailBucket = Object.entries(buckets).find(
      ([, b]: any) =>
        b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
          .SSEAlgorithm === 'aws:kms',
    )![1] as any;
    expect(trailBucket.Properties).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': ['LogsKeyA6AB43B2', 'Arn'] },
            },
          },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: 'LogsAccessLogsB83F6EB2' } },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'TrailLogFiles',
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
          },
        ],
      },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
      },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    expect(trailBucket.DeletionPolicy).toBe('Retain');
  });

  test('objectLockEnabled false turns Object Lock off', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs', { objectLockEnabled: false });
    const bucket = Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket')).find(
      (b: any) => b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].BucketKeyEnabled,
    ) as any;
    expect(bucket.Properties.ObjectLockEnabled).toBe(false);
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
  });

  test('two trails sharing one bucket and key each get their own statements, with unique Sids', () => {
    const stack = testStack();
    const key = new TrailKey(stack, 'Key');
    const bucket = new TrailBucket(stack, 'Logs', { encryptionKey: key });
    new SecureTrail(stack, 'One', { bucket, encryptionKey: key, trailName: 'one' });
    new SecureTrail(stack, 'Two', { bucket, encryptionKey: key, trailName: 'two', s3KeyPrefix: 'two' });
    const template = Template.fromStack(stack);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).map((p: any) =>
      p.Properties.PolicyDocument.Statement.map((s: any) => s.Sid).filter(Boolean),
    );
    expect(policies).toContainEqual([
      'AWSCloudTrailAclCheck',
      'AWSCloudTrailWrite',
      'AWSCloudTrailAclCheck2',
      'AWSCloudTrailWrite2',
    ]);
    const keySids = onlyResource(template, 'AWS::KMS::Key').Properties.KeyPolicy.Statement.map((s: any) => s.Sid);
    expect(keySids).toEqual(
      expect.arrayContaining([
        'AllowCloudTrailToEncryptLogs',
        'AllowCloudTrailToEncryptLogs2',
        'AllowCloudTrailToDescribeKey2',
        'AllowCloudTrailToDecryptWithBucketKeys2',
      ]),
    );
    expect(new Set(keySids.filter(Boolean)).size).toBe(keySids.filter(Boolean).length);
    const write2 = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .find((s: any) => s.Sid === 'AWSCloudTrailWrite2');
    expect(write2.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': ['Logs6819BB44', 'Arn'] }, `/two/AWSLogs/${ACCOUNT}/*`]],
    });
    expect(write2.Condition.StringEquals['aws:SourceArn']['Fn::Join'][1][2]).toMatch(/:trail\/two$/);
  });

  describe("allowTrail reads the trail's organization", () => {
    const ORG = 'o-abcdefghij';
    const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`;
    const templateOf = (attrs: object, organizationId?: string) => {
      const stack = testStack(new App());
      const bucket = new TrailBucket(stack, 'Logs');
      const trail = SecureTrail.fromTrailAttributes(stack, 'Trail', { trailArn: TRAIL_ARN, ...attrs });
      bucket.allowTrail(trail, { organizationId });
      return Template.fromStack(stack).toJSON();
    };

    test('an organization trail given alone: the policy of its organizationId repeated, its folder included', () => {
      const alone = templateOf({ organizationId: ORG });
      expect(alone).toEqual(templateOf({}, ORG));
      expect(alone).toEqual(templateOf({ organizationId: ORG }, ORG));
      expect(JSON.stringify(alone)).toContain(`/AWSLogs/${ORG}/*`);
      expect(JSON.stringify(templateOf({}))).not.toContain(ORG);
    });

    test("an organizationId that is not the trail's fails at synth, naming both", () => {
      const stack = testStack(new App());
      const trail = SecureTrail.fromTrailAttributes(stack, 'Trail', { trailArn: TRAIL_ARN, organizationId: ORG });
      new TrailBucket(stack, 'Logs').allowTrail(trail, { organizationId: 'o-zzzzzzzzzz' });
      expect(() => Template.fromStack(stack)).toThrow(
        /\[TRAIL_ORGANIZATION_ID\] TestStack\/Logs: prop organizationId 'o-zzzzzzzzzz' is not the organization 'o-abcdefghij' of the trail TestStack\/Trail/,
      );
    });
  });

  describe("allowTrail reads the trail's S3 key prefix", () => {
    const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/prefixed`;
    const templateOf = (trailPrefix?: string, s3KeyPrefix?: string) => {
      const stack = testStack(new App());
      const bucket = new TrailBucket(stack, 'Logs');
      const trail = SecureTrail.fromTrailAttributes(stack, 'Trail', { trailArn: TRAIL_ARN, s3KeyPrefix: trailPrefix });
      bucket.allowTrail(trail, { s3KeyPrefix });
      return Template.fromStack(stack).toJSON();
    };

    test('a prefixed trail given alone: the policy of its prefix repeated, writes allowed under the prefix only', () => {
      const alone = templateOf('audit');
      expect(alone).toEqual(templateOf(undefined, 'audit'));
      expect(alone).toEqual(templateOf('audit', 'audit'));
      expect(JSON.stringify(alone)).toContain(`/audit/AWSLogs/${ACCOUNT}/*`);
      expect(JSON.stringify(templateOf(undefined))).toContain(`"/AWSLogs/${ACCOUNT}/*`);
    });

    test("a prefix that is not the trail's fails at synth, naming both; nothing is allowed", () => {
      const stack = testStack(new App());
      const trail = SecureTrail.fromTrailAttributes(stack, 'Trail', { trailArn: TRAIL_ARN, s3KeyPrefix: 'audit' });
      new TrailBucket(stack, 'Logs').allowTrail(trail, { s3KeyPrefix: 'other' });
      expect(() => Template.fromStack(stack)).toThrow(
        /\[TRAIL_S3_KEY_PREFIX\] TestStack\/Logs: prop s3KeyPrefix 'other' is not the prefix 'audit' of the trail TestStack\/Trail\. Fix: leave s3KeyPrefix out/,
      );
    });
  });
});
