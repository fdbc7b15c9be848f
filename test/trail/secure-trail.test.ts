import { App, Aws, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureTrail, TrailBucket, TrailKey, TrailObjectLock } from '../../src';
import { ACCOUNT, onlyResource, REGION, resourcesOfType, testStack } from '../helpers';

const TRAIL_ARN = {
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${REGION}:${ACCOUNT}:trail/TestStackTrail52B51D8C`],
  ],
};

function defaultTrail(props = {}): { stack: Stack; trail: SecureTrail; template: Template } {
  const stack = testStack();
  const trail = new SecureTrail(stack, 'Trail', props);
  return { stack, trail, template: Template.fromStack(stack) };
}

describe('SecureTrail defaults', () => {
  test('the trail is multi-Region, logs global events, validates log files, logs, and uses KMS, CloudWatch Logs and the created bucket', () => {
    const { template } = defaultTrail();
    const trail = onlyResource(template, 'AWS::CloudTrail::Trail');
    expect(trail.Properties).toEqual({
      TrailName: 'TestStackTrail52B51D8C',
      S3BucketName: { Ref: 'TrailBucket6C1E344E' },
      KMSKeyId: { 'Fn::GetAtt': ['TrailKey31F874A3', 'Arn'] },
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['TrailCloudWatchLogsLogGroup7BE41466', 'Arn'] },
      CloudWatchLogsRoleArn: { 'Fn::GetAtt': ['TrailCloudWatchLogsRole28C36317', 'Arn'] },
    });
  });

  test('the trail is created after every policy it depends on, and depends on nothing it already refers to', () => {
    const { template } = defaultTrail();
    const trail = onlyResource(template, 'AWS::CloudTrail::Trail');
    // The key (with its policy), the log group and the role are ordered by the trail's GetAtt on them (cfn-lint W3005).
    expect(trail.DependsOn).toEqual(['TrailBucketPolicy053FC86D', 'TrailCloudWatchLogsPolicyB20F52AB']);
    expect(trail.Properties.KMSKeyId).toEqual({ 'Fn::GetAtt': ['TrailKey31F874A3', 'Arn'] });
    expect(trail.Properties.CloudWatchLogsLogGroupArn).toEqual({
      'Fn::GetAtt': ['TrailCloudWatchLogsLogGroup7BE41466', 'Arn'],
    });
    expect(trail.Properties.CloudWatchLogsRoleArn).toEqual({
      'Fn::GetAtt': ['TrailCloudWatchLogsRole28C36317', 'Arn'],
    });
    expect(onlyResource(template, 'AWS::Logs::LogGroup').DependsOn).toBeUndefined();
  });

  test('the trail name and ARN are known at synth and the ARN names the generated name', () => {
    const { stack, trail } = defaultTrail();
    expect(trail.trailName).toBe('TestStackTrail52B51D8C');
    expect(stack.resolve(trail.trailArn)).toEqual(TRAIL_ARN);
  });

  test('the generated name is stable, unique per construct path and satisfies every CloudTrail name rule', () => {
    const names = new Set<string>();
    for (const [stackId, id] of [
      ['A', 'Trail'],
      ['A', 'Other'],
      ['Stack-With--Dashes', 'x.y_z'],
      ['B1', '2'],
    ]) {
      const stack = new Stack(new App(), stackId);
      const name = new SecureTrail(stack, id).trailName;
      const again = new SecureTrail(new Stack(new App(), stackId), id).trailName;
      expect(again).toBe(name);
      expect(name).toMatch(/^[A-Za-z0-9]{3,128}$/);
      expect(name).not.toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      names.add(name);
    }
    expect(names.size).toBe(4);
  });

  test('a long construct path still gives a name of at most 128 characters', () => {
    const stack = new Stack(new App(), 'S'.repeat(120));
    const trail = new SecureTrail(stack, 'T'.repeat(200));
    expect(trail.trailName.length).toBeLessThanOrEqual(128);
    expect(trail.trailName).toMatch(/^[A-Za-z0-9]+$/);
  });

  test('the given name is used as is', () => {
    const { template, trail } = defaultTrail({ trailName: 'org.audit-trail' });
    expect(trail.trailName).toBe('org.audit-trail');
    template.hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'org.audit-trail' });
    // '.' is not allowed in a KMS alias: it becomes '-'.
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/cloudtrail/org-audit-trail' });
  });

  test('exposes the bucket, key, log group, role, and no topic', () => {
    const { trail } = defaultTrail();
    expect(trail.bucket).toBeInstanceOf(TrailBucket);
    expect(trail.encryptionKey).toBeInstanceOf(TrailKey);
    expect(trail.logGroup).toBeInstanceOf(logs.LogGroup);
    expect(trail.logsRole).toBeInstanceOf(iam.Role);
    expect(trail.topic).toBeUndefined();
    expect(trail.node.defaultChild).toBe(trail.cfnTrail);
  });

  test('construct ids are stable', () => {
    const { trail } = defaultTrail({ sendSnsNotifications: true });
    expect(trail.node.children.map((c) => c.node.id).sort()).toEqual([
      'Bucket',
      'CloudWatchLogs',
      'Key',
      'Resource',
      'Topic',
    ]);
    expect(trail.logBucket.node.tryFindChild('AccessLogs')).toBeDefined();
  });

  test('data is never lost by default: bucket, access-log bucket, key and log group are retained', () => {
    const { template } = defaultTrail();
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
      for (const [, resource] of resourcesOfType(template, type)) {
        expect(resource.DeletionPolicy).toBe('Retain');
        expect(resource.UpdateReplacePolicy).toBe('Retain');
      }
    }
    expect(resourcesOfType(template, 'AWS::S3::Bucket')).toHaveLength(2);
  });

  test('removalPolicy DESTROY reaches the bucket, access-log bucket, key and log group', () => {
    const { template } = defaultTrail({ removalPolicy: RemovalPolicy.DESTROY });
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
      for (const [, resource] of resourcesOfType(template, type)) {
        expect(resource.DeletionPolicy).toBe('Delete');
      }
    }
  });

  test('no Lambda function or custom resource is deployed', () => {
    const { template } = defaultTrail({ sendSnsNotifications: true });
    const types = Object.values(template.toJSON().Resources).map((r: any) => r.Type);
    expect(types.filter((t) => t.startsWith('AWS::Lambda') || t.startsWith('Custom::'))).toEqual([]);
  });

  test('a default trail has no warning and no error annotation', () => {
    const { stack } = defaultTrail({ sendSnsNotifications: true });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});

describe('logBucket and logEncryptionKey: the bucket and key, typed as always set', () => {
  test('made here: the bucket and key the trail writes with, the same as bucket and encryptionKey', () => {
    const { trail, template } = defaultTrail();
    // Type-level: compiles under strict TypeScript (test/tsconfig.json) without a non-null assertion.
    const bucket: s3.IBucket = trail.logBucket;
    const key: kms.IKey = trail.logEncryptionKey;
    expect(bucket).toBe(trail.node.findChild('Bucket'));
    expect(key).toBe(trail.node.findChild('Key'));
    expect([trail.bucket, trail.encryptionKey]).toEqual([bucket, key]);
    const props = onlyResource(template, 'AWS::CloudTrail::Trail').Properties;
    expect(props.S3BucketName).toEqual({ Ref: trail.stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) });
    expect(props.KMSKeyId).toEqual({
      'Fn::GetAtt': [trail.stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'],
    });
  });

  test('given: the bucket and key given', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs');
    const key = kms.Key.fromKeyArn(
      stack,
      'Key',
      `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    );
    const trail = new SecureTrail(stack, 'Trail', { bucket, encryptionKey: key });
    expect([trail.logBucket, trail.logEncryptionKey]).toEqual([bucket, key]);
  });
});

describe('SecureTrail props', () => {
  test('API-mirroring props reach the trail', () => {
    const { template } = defaultTrail({
      s3KeyPrefix: 'audit',
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      enableLogFileValidation: false,
      isLogging: false,
    });
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      S3KeyPrefix: 'audit',
      IsMultiRegionTrail: false,
      IncludeGlobalServiceEvents: false,
      EnableLogFileValidation: false,
      IsLogging: false,
    });
  });

  test('the prefix is in the bucket policy write path', () => {
    const { template } = defaultTrail({ s3KeyPrefix: 'audit/trails' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AWSCloudTrailWrite',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] }, `/audit/trails/AWSLogs/${ACCOUNT}/*`],
              ],
            },
          }),
        ]),
      },
    });
  });

  test('sendToCloudWatchLogs false makes no log group and role and leaves the trail properties unset', () => {
    const { template } = defaultTrail({ sendToCloudWatchLogs: false });
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const trail = onlyResource(template, 'AWS::CloudTrail::Trail');
    expect(trail.Properties.CloudWatchLogsLogGroupArn).toBeUndefined();
    expect(trail.Properties.CloudWatchLogsRoleArn).toBeUndefined();
  });

  test('cloudWatchLogsRetention sets the retention of the created log group', () => {
    const { template } = defaultTrail({ cloudWatchLogsRetention: logs.RetentionDays.TWO_YEARS });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });

  test('bucket options reach the created bucket', () => {
    const { template } = defaultTrail({
      objectLockRetention: TrailObjectLock.compliance(Duration.days(30)),
      logFileTransitions: [{ storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(180) }],
      logFileExpiration: Duration.days(3650),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } },
      },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Transitions: [{ StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 180 }],
            ExpirationInDays: 3650,
          }),
        ],
      },
    });
  });

  test('accessLogsExpiration expires the access logs (current and noncurrent versions)', () => {
    const { template } = defaultTrail({ accessLogsExpiration: Duration.days(400) });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 400 } })],
      },
    });
  });

  test('accessLogsExpiration with a given access-log bucket is an error', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs', {
      accessLogsBucket: s3.Bucket.fromBucketName(stack, 'A', 'access-logs'),
      accessLogsExpiration: Duration.days(1),
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[S3_ACCESS_LOGS_EXPIRATION_CONFLICT\] TestStack\/Logs: prop accessLogsExpiration applies to the access-log bucket this construct makes/,
    );
  });

  test('tags reach the trail and every resource made', () => {
    const { template } = defaultTrail({ tags: { Owner: 'security', CostCenter: '42' }, sendSnsNotifications: true });
    const taggable = [
      'AWS::CloudTrail::Trail',
      'AWS::S3::Bucket',
      'AWS::KMS::Key',
      'AWS::Logs::LogGroup',
      'AWS::IAM::Role',
      'AWS::SNS::Topic',
    ];
    for (const type of taggable) {
      for (const [id, resource] of resourcesOfType(template, type)) {
        expect({ id, tags: resource.Properties.Tags }).toEqual({
          id,
          tags: expect.arrayContaining([
            { Key: 'Owner', Value: 'security' },
            { Key: 'CostCenter', Value: '42' },
          ]),
        });
      }
    }
  });

  test('Tags.of() on the stack reaches the trail too', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail');
    Tags.of(stack).add('Env', 'prod');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', {
      Tags: [{ Key: 'Env', Value: 'prod' }],
    });
  });

  test('an env-agnostic stack gets a trail ARN built from pseudo parameters', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const trail = new SecureTrail(stack, 'Trail');
    expect(stack.resolve(trail.trailArn)).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cloudtrail:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:trail/${trail.trailName}`,
        ],
      ],
    });
    expect(Aws.ACCOUNT_ID).toBeDefined();
  });
});

describe('SecureTrail rejects props it would otherwise ignore', () => {
  const bucket = (stack: Stack) => s3.Bucket.fromBucketName(stack, `B${stack.node.children.length}`, 'my-bucket');
  test.each([
    ['accessLogsBucket', (stack: Stack) => ({ accessLogsBucket: bucket(stack) })],
    ['accessLogsExpiration', () => ({ accessLogsExpiration: Duration.days(90) })],
    ['objectLockRetention', () => ({ objectLockRetention: TrailObjectLock.governance(Duration.days(1)) })],
    ['logFileTransitions', () => ({ logFileTransitions: [] })],
    ['logFileExpiration', () => ({ logFileExpiration: Duration.days(1) })],
  ])('%s with a given bucket', (name, extra) => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', { bucket: bucket(stack), ...extra(stack) });
    expect(() => Template.fromStack(stack)).toThrow(
      new RegExp(
        `\\[BUCKET_PROPS_WITH_OWN_BUCKET\\] TestStack/Trail: prop ${name} configures the log bucket this construct makes, but 'bucket' is given`,
      ),
    );
  });

  test.each([
    ['cloudWatchLogGroup', (stack: Stack) => ({ cloudWatchLogGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'g') })],
    ['cloudWatchLogsRole', (stack: Stack) => ({ cloudWatchLogsRole: iam.Role.fromRoleName(stack, 'R', 'r') })],
    ['cloudWatchLogsRetention', () => ({ cloudWatchLogsRetention: logs.RetentionDays.ONE_DAY })],
  ])('%s with sendToCloudWatchLogs false', (name, extra) => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', { sendToCloudWatchLogs: false, ...extra(stack) });
    expect(() => Template.fromStack(stack)).toThrow(
      new RegExp(
        `\\[LOGS_PROPS_WITHOUT_CLOUDWATCH_LOGS\\] TestStack/Trail: prop ${name} .*is set but 'sendToCloudWatchLogs' is false`,
      ),
    );
  });

  test('cloudWatchLogsRetention with a given log group', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', {
      cloudWatchLogGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'g'),
      cloudWatchLogsRetention: logs.RetentionDays.ONE_DAY,
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[LOG_GROUP_PROPS_WITH_OWN_LOG_GROUP\] TestStack\/Trail: prop cloudWatchLogsRetention '1' applies to a log group this construct makes/,
    );
  });

  test('snsTopic with sendSnsNotifications false', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', {
      sendSnsNotifications: false,
      snsTopic: sns.Topic.fromTopicArn(stack, 'T', `arn:aws:sns:${REGION}:${ACCOUNT}:t`),
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[TOPIC_WITHOUT_NOTIFICATIONS\] TestStack\/Trail: prop snsTopic .*is given but 'sendSnsNotifications' is false/,
    );
  });

  test('every such error is listed together, at synth', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', {
      sendSnsNotifications: false,
      snsTopic: sns.Topic.fromTopicArn(stack, 'T', `arn:aws:sns:${REGION}:${ACCOUNT}:t`),
      sendToCloudWatchLogs: false,
      cloudWatchLogsRetention: logs.RetentionDays.ONE_DAY,
      managementAccountId: '1234',
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[ACCOUNT_ID\] TestStack\/Trail: prop managementAccountId '1234'[^]*\[LOGS_PROPS_WITHOUT_CLOUDWATCH_LOGS\][^]*\[TOPIC_WITHOUT_NOTIFICATIONS\][^]*\[MANAGEMENT_ACCOUNT_WITHOUT_ORGANIZATION\]/,
    );
  });
});

describe('bring your own resources', () => {
  test('an owned bucket, key and topic get the statements in their own policies, and the trail depends on them', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'MyKey');
    const bucket = new s3.Bucket(stack, 'MyBucket');
    const topic = new sns.Topic(stack, 'MyTopic');
    new SecureTrail(stack, 'Trail', { bucket, encryptionKey: key, snsTopic: topic });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    const keyPolicy = onlyResource(template, 'AWS::KMS::Key').Properties.KeyPolicy.Statement.map((s: any) => s.Sid);
    expect(keyPolicy).toEqual(
      expect.arrayContaining([
        'AllowCloudTrailToEncryptLogs',
        'AllowCloudTrailToDescribeKey',
        'AllowCloudTrailToDecryptWithBucketKeys',
        'AllowCloudWatchLogsToEncryptTrailLogGroup',
      ]),
    );
    const bucketPolicy = onlyResource(template, 'AWS::S3::BucketPolicy').Properties.PolicyDocument.Statement.map(
      (s: any) => s.Sid,
    );
    expect(bucketPolicy).toEqual(['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite']);
    const topicPolicy = onlyResource(template, 'AWS::SNS::TopicPolicy').Properties.PolicyDocument.Statement.map(
      (s: any) => s.Sid,
    );
    expect(topicPolicy).toEqual(['AWSCloudTrailSNSPolicy']);
    const trail = onlyResource(template, 'AWS::CloudTrail::Trail');
    // The key and the topic are ordered by the trail's reference to them; their policies are not.
    expect(trail.DependsOn).toEqual([
      'MyBucketPolicyE7FBAC7B',
      'MyTopicPolicy12A5EC17',
      'TrailCloudWatchLogsPolicyB20F52AB',
    ]);
    expect(trail.Properties.SnsTopicName).toEqual({ Ref: 'MyTopic86869434' });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('a given log group and role are used, the role gets the scoped managed policy and the CloudTrail trust', () => {
    const stack = testStack();
    const logGroup = new logs.LogGroup(stack, 'MyGroup', { logGroupName: 'my-group' });
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com') });
    const trail = new SecureTrail(stack, 'Trail', { cloudWatchLogGroup: logGroup, cloudWatchLogsRole: role });
    expect(trail.logGroup).toBe(logGroup);
    expect(trail.logsRole).toBe(role);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: 'MyRoleF48FFE04' }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Resource: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  `:logs:${REGION}:${ACCOUNT}:log-group:`,
                  { Ref: 'MyGroupCBA54B1B' },
                  `:log-stream:${ACCOUNT}_CloudTrail_${REGION}*`,
                ],
              ],
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } }],
      },
    });
    // The trail's log group ARN is the one given.
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['MyGroupCBA54B1B', 'Arn'] },
    });
  });

  test('an owned role without the CloudTrail trust gets it added', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.AccountRootPrincipal() });
    new SecureTrail(stack, 'Trail', { cloudWatchLogsRole: role });
    const trust = onlyResource(Template.fromStack(stack), 'AWS::IAM::Role').Properties.AssumeRolePolicyDocument
      .Statement;
    expect(trust).toContainEqual({
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
    });
  });
});

describe('limits broken through SecureTrail name the prop the user wrote', () => {
  test("logFileExpiration, not the bucket's expiration", () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', { logFileExpiration: Duration.hours(36) });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[S3_EXPIRATION_DAYS\] TestStack\/Trail\/Bucket: prop logFileExpiration '1\.5 days'/,
    );
  });
});
