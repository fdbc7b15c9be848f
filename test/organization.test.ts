import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createApp, ORGANIZATION } from '../examples/organization/app';
import { SecureTrail, TrailBucket, TrailKey, TrailObjectLock } from '../src';
import { ACCOUNT, onlyResource, REGION, statementWithSid, testStack } from './helpers';

const ORG = 'o-abcdefghij';
const PARTITION = { Ref: 'AWS::Partition' };

function bucketStatements(template: Template, logicalId: string): any[] {
  const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
    (p: any) => p.Properties.Bucket.Ref === logicalId,
  ) as any;
  return policy.Properties.PolicyDocument.Statement;
}

describe('organization trail', () => {
  const make = (props = {}) => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail', { organizationId: ORG, s3KeyPrefix: 'org', ...props });
    return { stack, trail, template: Template.fromStack(stack) };
  };

  test('is an organization trail, with no trail name needed', () => {
    const { template } = make();
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsOrganizationTrail: true,
      TrailName: 'TestStackTrail52B51D8C',
    });
  });

  test('the bucket policy allows the management account path and the organization path, with the prefix and aws:SourceArn', () => {
    const { template } = make();
    const write = statementWithSid(bucketStatements(template, 'TrailBucket6C1E344E'), 'AWSCloudTrailWrite');
    const bucketArn = { 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] };
    expect(write.Resource).toEqual([
      { 'Fn::Join': ['', [bucketArn, `/org/AWSLogs/${ACCOUNT}/*`]] },
      { 'Fn::Join': ['', [bucketArn, `/org/AWSLogs/${ORG}/*`]] },
    ]);
    expect(write.Condition.StringEquals['aws:SourceArn']).toEqual({
      'Fn::Join': ['', ['arn:', PARTITION, `:cloudtrail:${REGION}:${ACCOUNT}:trail/TestStackTrail52B51D8C`]],
    });
  });

  test("the CloudWatch Logs role may also write the member accounts' <o-id>_* streams of this log group", () => {
    const { template } = make();
    const resources = onlyResource(template, 'AWS::IAM::ManagedPolicy').Properties.PolicyDocument.Statement[0].Resource;
    expect(resources).toHaveLength(2);
    expect(resources[1]['Fn::Join'][1].slice(-1)[0]).toBe(`:log-stream:${ORG}_*`);
  });

  test('the key policy encryption context covers the organization trail (owned by the management account)', () => {
    const { template } = make();
    const encrypt = statementWithSid(
      onlyResource(template, 'AWS::KMS::Key').Properties.KeyPolicy.Statement,
      'AllowCloudTrailToEncryptLogs',
    );
    expect(encrypt.Condition.StringLike['kms:EncryptionContext:aws:cloudtrail:arn']).toEqual({
      'Fn::Join': ['', ['arn:', PARTITION, `:cloudtrail:*:${ACCOUNT}:trail/*`]],
    });
  });

  test('from a delegated administrator account, the trail belongs to the management account and is managed by ARN (test/trail/delegated-administrator.test.ts)', () => {
    const { trail, template } = make({ managementAccountId: '999999999999' });
    expect(trail.env.account).toBe('999999999999');
    template.resourceCountIs('Custom::CloudTrailOrganizationTrail', 1);
  });

  test('the management account itself makes an ordinary AWS::CloudTrail::Trail', () => {
    const { template } = make({ managementAccountId: ACCOUNT });
    expect(onlyResource(template, 'AWS::CloudTrail::Trail').Condition).toBeUndefined();
    template.resourceCountIs('Custom::CloudTrailOrganizationTrail', 0);
  });

  test('managementAccountId without organizationId is an error', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', { managementAccountId: ACCOUNT });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[MANAGEMENT_ACCOUNT_WITHOUT_ORGANIZATION\] TestStack\/Trail: prop managementAccountId '111111111111' only applies to an organization trail/,
    );
  });
});

describe('log archive: TrailBucket and TrailKey on their own', () => {
  const TRAIL = `arn:aws:cloudtrail:${REGION}:333333333333:trail/central`;

  test('allowTrailArn: one trail of another account, with its organization path', () => {
    const stack = testStack();
    const bucket = new TrailBucket(stack, 'Bucket', { bucketName: 'archive' });
    bucket.allowTrailArn(TRAIL, { organizationId: ORG });
    const statements = bucketStatements(Template.fromStack(stack), 'Bucket83908E77');
    expect(statementWithSid(statements, 'AWSCloudTrailAclCheck').Condition).toEqual({
      StringEquals: { 'aws:SourceArn': TRAIL },
    });
    const write = statementWithSid(statements, 'AWSCloudTrailWrite');
    expect(write.Condition).toEqual({
      StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL },
    });
    expect(write.Resource.map((r: any) => r['Fn::Join'][1][1])).toEqual([
      '/AWSLogs/333333333333/*',
      `/AWSLogs/${ORG}/*`,
    ]);
  });

  test("allowAccountTrails: every trail of the given accounts, on their accounts' paths, in one statement", () => {
    const stack = testStack();
    const bucket = new TrailBucket(stack, 'Bucket');
    bucket.allowAccountTrails(['333333333333', '444444444444'], { s3KeyPrefix: 'p' });
    const statements = bucketStatements(Template.fromStack(stack), 'Bucket83908E77');
    const write = statementWithSid(statements, 'AWSCloudTrailWrite');
    expect(write.Resource.map((r: any) => r['Fn::Join'][1][1])).toEqual([
      '/p/AWSLogs/333333333333/*',
      '/p/AWSLogs/444444444444/*',
    ]);
    expect(write.Condition).toEqual({
      StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' },
      ArnLike: {
        'aws:SourceArn': ['333333333333', '444444444444'].map((a) => ({
          'Fn::Join': ['', ['arn:', PARTITION, `:cloudtrail:*:${a}:trail/*`]],
        })),
      },
    });
    expect(statements.filter((s: any) => /^AWSCloudTrail(Write|AclCheck)\d/.test(s.Sid ?? ''))).toEqual([]);
    // An app synthesizes once: the empty list goes to a bucket of its own.
    const other = testStack();
    new TrailBucket(other, 'Bucket').allowAccountTrails([]);
    expect(() => Template.fromStack(other)).toThrow(
      /\[TRAIL_ACCOUNTS_GIVEN\] TestStack\/Bucket: prop accounts '\[\]' is empty/,
    );
  });

  test('an organization boundary denies principals outside the organization, AWS services excepted', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Bucket', { organizationId: ORG });
    const deny = statementWithSid(
      bucketStatements(Template.fromStack(stack), 'Bucket83908E77'),
      'DenyPrincipalsOutsideOrganization',
    );
    const arn = { 'Fn::GetAtt': ['Bucket83908E77', 'Arn'] };
    expect(deny).toEqual({
      Sid: 'DenyPrincipalsOutsideOrganization',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [arn, { 'Fn::Join': ['', [arn, '/*']] }],
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG }, Bool: { 'aws:PrincipalIsAWSService': 'false' } },
    });
  });

  test('TrailKey: a trail by ARN, all trails of an account, and a cross-account reader limited to CloudTrail log files', () => {
    const stack = testStack();
    const key = new TrailKey(stack, 'Key');
    key.allowTrailArn(TRAIL);
    key.allowAccountTrails(['444444444444']);
    key.grantDecryptLogs(new iam.AccountPrincipal('555555555555'));
    const statements = onlyResource(Template.fromStack(stack), 'AWS::KMS::Key').Properties.KeyPolicy.Statement;
    expect(statementWithSid(statements, 'AllowCloudTrailToEncryptLogs').Condition).toEqual({
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': {
          'Fn::Join': ['', ['arn:', PARTITION, ':cloudtrail:*:333333333333:trail/*']],
        },
      },
      StringEquals: { 'aws:SourceArn': TRAIL },
    });
    expect(statementWithSid(statements, 'AllowCloudTrailToEncryptLogs2').Condition.ArnLike).toEqual({
      'aws:SourceArn': { 'Fn::Join': ['', ['arn:', PARTITION, ':cloudtrail:*:444444444444:trail/*']] },
    });
    const reader = statements.find((s: any) => s.Principal?.AWS?.['Fn::Join']?.[1]?.[2] === ':iam::555555555555:root');
    expect(reader).toEqual({
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', PARTITION, ':iam::555555555555:root']] } },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': [
            { 'Fn::Join': ['', ['arn:', PARTITION, `:cloudtrail:*:${ACCOUNT}:trail/*`]] },
            { 'Fn::Join': ['', ['arn:', PARTITION, ':cloudtrail:*:333333333333:trail/*']] },
            { 'Fn::Join': ['', ['arn:', PARTITION, ':cloudtrail:*:444444444444:trail/*']] },
          ],
        },
      },
    });
  });
});

describe('retention and immutability', () => {
  test('a retention in years counts as 365 days a year against the expiration', () => {
    const stack = testStack();
    new TrailBucket(stack, 'B', {
      objectLockRetention: TrailObjectLock.governanceYears(2),
      expiration: Duration.days(729),
    });
    new TrailBucket(stack, 'C', {
      objectLockRetention: TrailObjectLock.governanceYears(2),
      expiration: Duration.days(730),
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[S3_EXPIRATION_BEFORE_RETENTION\] TestStack\/B: prop expiration '729 days' ends before the Object Lock retention \(730 days, GOVERNANCE\)/,
    );
    expect(() => Template.fromStack(stack)).not.toThrow(/TestStack\/C:/);
  });

  test('expiration before the Object Lock retention ends is an error', () => {
    const stack = testStack();
    new TrailBucket(stack, 'B', { expiration: Duration.days(364) });
    new TrailBucket(stack, 'C', { expiration: Duration.days(365) });
    new TrailBucket(stack, 'D', { objectLockEnabled: false, expiration: Duration.days(1) });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[S3_EXPIRATION_BEFORE_RETENTION\] TestStack\/B: prop expiration '364 days' ends before the Object Lock retention \(365 days, GOVERNANCE\)/,
    );
    expect(() => Template.fromStack(stack)).not.toThrow(/TestStack\/[CD]:/);
  });

  test('a transition not before expiration, or to an infrequent-access class before 30 days, is an error', () => {
    const stack = testStack();
    new TrailBucket(stack, 'B', {
      objectLockEnabled: false,
      expiration: Duration.days(100),
      transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(100) }],
    });
    new TrailBucket(stack, 'C', {
      transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(29) }],
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[S3_TRANSITION_BEFORE_EXPIRATION\] TestStack\/B: prop transitions\[0\] 'GLACIER after 100 days' is not before expiration \(100 days\)/,
    );
    expect(() => Template.fromStack(stack)).toThrow(
      /\[S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM\] TestStack\/C: prop transitions\[0\] 'STANDARD_IA after 29 days' is too early: S3 only transitions objects to STANDARD_IA after 30 days or more .* Fix:/,
    );
  });

  test('compliance mode retention in years and replication to another Region', () => {
    const app = new App();
    const replica = new Stack(app, 'Replica', {
      env: { account: ACCOUNT, region: 'eu-west-1' },
      crossRegionReferences: true,
    });
    const destination = new s3.Bucket(replica, 'Dest', { bucketName: 'replica-logs', versioned: true });
    const destinationKey = kms.Key.fromKeyArn(
      replica,
      'K',
      `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
    );
    const stack = testStack(app);
    new TrailBucket(stack, 'B', {
      objectLockRetention: TrailObjectLock.complianceYears(7),
      replication: { destination, destinationKey },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } },
      },
      ReplicationConfiguration: {
        Rules: [
          Match.objectLike({
            Destination: Match.objectLike({
              Bucket: Match.anyValue(),
              EncryptionConfiguration: { ReplicaKmsKeyID: destinationKey.keyArn },
            }),
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
            Status: 'Enabled',
          }),
        ],
      },
    });
  });
});

describe('examples/organization: management account and log-archive account', () => {
  const app = createApp(new App());
  const archive = Template.fromStack(app.node.findChild('LogArchive') as Stack);
  const management = Template.fromStack(app.node.findChild('Management') as Stack);
  const trailArn = `arn:aws:cloudtrail:${ORGANIZATION.region}:${ORGANIZATION.managementAccount}:trail/${ORGANIZATION.trailName}`;

  test('the log-archive bucket lets only the organization trail write, to both its paths, under the prefix', () => {
    const statements = Object.values(archive.findResources('AWS::S3::BucketPolicy'))
      .map((p: any) => p.Properties.PolicyDocument.Statement)
      .find((s: any[]) => s.some((x) => x.Sid === 'AWSCloudTrailWrite'))!;
    const write = statementWithSid(statements, 'AWSCloudTrailWrite');
    expect(write.Condition).toEqual({
      StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn },
    });
    expect(write.Resource.map((r: any) => r['Fn::Join'][1][1])).toEqual([
      `/cloudtrail/AWSLogs/${ORGANIZATION.managementAccount}/*`,
      `/cloudtrail/AWSLogs/${ORGANIZATION.organizationId}/*`,
    ]);
    expect(statementWithSid(statements, 'AWSCloudTrailAclCheck').Condition).toEqual({
      StringEquals: { 'aws:SourceArn': trailArn },
    });
    expect(statementWithSid(statements, 'DenyPrincipalsOutsideOrganization').Condition.StringNotEquals).toEqual({
      'aws:PrincipalOrgID': ORGANIZATION.organizationId,
    });
  });

  test('the log-archive key lets only the organization trail encrypt', () => {
    const statements = onlyResource(archive, 'AWS::KMS::Key').Properties.KeyPolicy.Statement;
    expect(statementWithSid(statements, 'AllowCloudTrailToEncryptLogs').Condition).toEqual({
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': {
          'Fn::Join': ['', ['arn:', PARTITION, `:cloudtrail:*:${ORGANIZATION.managementAccount}:trail/*`]],
        },
      },
      StringEquals: { 'aws:SourceArn': trailArn },
    });
    archive.hasResourceProperties('AWS::KMS::Alias', { AliasName: ORGANIZATION.keyAlias });
  });

  test('the management trail is an organization trail pointing at the log archive by name and alias ARN', () => {
    management.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: ORGANIZATION.trailName,
      IsOrganizationTrail: true,
      S3BucketName: ORGANIZATION.bucketName,
      S3KeyPrefix: ORGANIZATION.s3KeyPrefix,
      KMSKeyId: `arn:aws:kms:${ORGANIZATION.region}:${ORGANIZATION.logArchiveAccount}:${ORGANIZATION.keyAlias}`,
    });
    management.resourceCountIs('AWS::S3::Bucket', 0);
  });

  test('the bucket (by name) and the key (by alias) are checked against the log-archive side: no warning', () => {
    app.synth();
    expect(Annotations.fromStack(app.node.findChild('Management') as Stack).findWarning('*', Match.anyValue())).toEqual(
      [],
    );
  });

  test('a log-archive key that does not allow the trail fails synth', () => {
    const broken = new App();
    const archiveStack = new Stack(broken, 'LogArchive', {
      env: { account: ORGANIZATION.logArchiveAccount, region: REGION },
    });
    new TrailKey(archiveStack, 'Key', { alias: ORGANIZATION.keyAlias });
    const stack = new Stack(broken, 'Management', { env: { account: ORGANIZATION.managementAccount, region: REGION } });
    new SecureTrail(stack, 'Trail', {
      encryptionKey: kms.Key.fromKeyArn(
        stack,
        'K',
        `arn:aws:kms:${REGION}:${ORGANIZATION.logArchiveAccount}:${ORGANIZATION.keyAlias}`,
      ),
      sendToCloudWatchLogs: false,
    });
    expect(() => broken.synth()).toThrow(
      /The KMS key arn:aws:kms:us-east-1:222222222222:alias\/cloudtrail\/organization-trail \(LogArchive\/Key\) does not allow this trail: its policy lacks AllowCloudTrailToEncryptLogs, AllowCloudTrailToDescribeKey, AllowCloudTrailToDecryptWithBucketKeys\. On that key call allowTrailArn/,
    );
  });

  test('a log-archive bucket that does not allow the trail fails synth', () => {
    const broken = new App();
    const archiveStack = new Stack(broken, 'LogArchive', {
      env: { account: ORGANIZATION.logArchiveAccount, region: REGION },
    });
    new TrailBucket(archiveStack, 'Bucket', { bucketName: ORGANIZATION.bucketName });
    const stack = new Stack(broken, 'Management', { env: { account: ORGANIZATION.managementAccount, region: REGION } });
    new SecureTrail(stack, 'Trail', {
      organizationId: ORGANIZATION.organizationId,
      bucket: s3.Bucket.fromBucketName(stack, 'B', ORGANIZATION.bucketName),
      sendToCloudWatchLogs: false,
    });
    expect(() => broken.synth()).toThrow(
      /The S3 bucket example-org-cloudtrail-logs-222222222222 \(LogArchive\/Bucket\) does not allow this trail: its policy lacks AWSCloudTrailAclCheck, AWSCloudTrailWrite\. On that bucket call allowTrailArn/,
    );
  });
});

describe('examples/organization: the landing-zone path', () => {
  const management = Template.fromStack(createApp(new App()).node.findChild('Management') as Stack);

  test('the management stack holds the prerequisites, the trail after them, the guardrails on the root and the alert', () => {
    management.resourceCountIs('Custom::CloudTrailTrustedAccess', 1);
    management.hasResourceProperties('Custom::CloudTrailDelegatedAdministrator', {
      Create: Match.stringLikeRegexp(`"MemberAccountId":"${ORGANIZATION.auditAccount}"`),
    });
    const [trail] = Object.values(management.findResources('AWS::CloudTrail::Trail')) as any[];
    expect(trail.DependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PrerequisitesTrustedAccess/),
        expect.stringMatching(/^PrerequisitesDelegatedAdministrator/),
      ]),
    );
    const policies = Object.values(management.findResources('AWS::Organizations::Policy')) as any[];
    expect(policies.map((p) => [p.Properties.Type, p.Properties.TargetIds])).toEqual([
      ['SERVICE_CONTROL_POLICY', [ORGANIZATION.rootId]],
      ['RESOURCE_CONTROL_POLICY', [ORGANIZATION.rootId]],
    ]);
    management.resourceCountIs('AWS::Events::Rule', 1);
  });

  test('with trailInAuditAccount, the audit account creates the trail by ARN, and the management stack knows it by ARN', () => {
    const app = createApp(new App(), { trailInAuditAccount: true });
    const audit = Template.fromStack(app.node.findChild('Audit') as Stack);
    audit.resourceCountIs('Custom::CloudTrailOrganizationTrail', 1);
    expect(onlyResource(audit, 'AWS::CloudTrail::Trail').Condition).toBeDefined();
    const managementOfAudit = Template.fromStack(app.node.findChild('Management') as Stack);
    managementOfAudit.resourceCountIs('AWS::CloudTrail::Trail', 0);
    managementOfAudit.resourceCountIs('AWS::Organizations::Policy', 2);
    expect((app.node.findChild('Audit') as Stack).dependencies.map((d) => d.stackName)).toEqual(['Management']);
  });
});

describe('log archive readers', () => {
  test('TrailBucket.grantReadLogs lets an audit account read and decrypt the log files of chosen owners, and nothing else', () => {
    const stack = testStack();
    const key = new TrailKey(stack, 'Key');
    const bucket = new TrailBucket(stack, 'Bucket', { encryptionKey: key });
    bucket.grantReadLogs(new iam.AccountPrincipal('333333333333'), { s3KeyPrefix: 'cloudtrail', ownerIds: [ORG] });
    const template = Template.fromStack(stack);
    const statements = bucketStatements(template, 'Bucket83908E77');
    const auditor = { AWS: { 'Fn::Join': ['', ['arn:', PARTITION, ':iam::333333333333:root']] } };
    const arn = { 'Fn::GetAtt': ['Bucket83908E77', 'Arn'] };
    expect(statements).toEqual(
      expect.arrayContaining([
        {
          Effect: 'Allow',
          Principal: auditor,
          Action: 's3:GetObject',
          Resource: { 'Fn::Join': ['', [arn, `/cloudtrail/AWSLogs/${ORG}/*`]] },
        },
        {
          Effect: 'Allow',
          Principal: auditor,
          Action: 's3:ListBucket',
          Resource: arn,
          Condition: { StringLike: { 's3:prefix': `cloudtrail/AWSLogs/${ORG}/*` } },
        },
      ]),
    );
    const keyStatements = onlyResource(template, 'AWS::KMS::Key').Properties.KeyPolicy.Statement;
    expect(keyStatements).toContainEqual(
      expect.objectContaining({
        Principal: auditor,
        Action: 'kms:Decrypt',
        Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': expect.anything() } },
      }),
    );
  });
});
