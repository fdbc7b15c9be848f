import { App, CfnParameter, Duration, Fn, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SecureTrail, TrailLogTable, TrailQueryWorkGroup } from '../../src';
import { ACCOUNT, onlyResource, resourcesOfType, testStack } from '../helpers';

function setUp(stack: Stack = testStack()) {
  const trail = new SecureTrail(stack, 'Trail');
  const table = new TrailLogTable(stack, 'Logs', { trail });
  return { stack, trail, table };
}

describe('defaults', () => {
  const { stack, table } = setUp();
  const workGroup = new TrailQueryWorkGroup(stack, 'Queries', { table });
  const template = Template.fromStack(stack);
  const id = (c: any) => stack.getLogicalId(c.node.defaultChild ?? c);
  const resultsBucket = id(workGroup.resultsBucket);
  const resultsKey = id(workGroup.resultsKey);

  test('engine version 3, enforced, SSE-KMS results with the results key, a 100 GiB cutoff, CloudWatch metrics', () => {
    template.hasResourceProperties(
      'AWS::Athena::WorkGroup',
      Match.objectEquals({
        Name: workGroup.workGroupName,
        Description: 'Queries of AWS CloudTrail log files',
        State: 'ENABLED',
        WorkGroupConfiguration: {
          EnforceWorkGroupConfiguration: true,
          EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
          PublishCloudWatchMetricsEnabled: true,
          RequesterPaysEnabled: false,
          BytesScannedCutoffPerQuery: 100 * 1024 ** 3,
          ResultConfiguration: {
            OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: resultsBucket }, '/']] },
            ExpectedBucketOwner: ACCOUNT,
            EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: { 'Fn::GetAtt': [resultsKey, 'Arn'] } },
          },
        },
      }),
    );
    expect(workGroup.workGroupName).toMatch(/^TestStackQueries[0-9A-F]{8}$/);
    expect(stack.resolve(workGroup.workGroupArn)).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, `:athena:us-east-1:${ACCOUNT}:workgroup/${workGroup.workGroupName}`],
      ],
    });
  });

  test('results in a private, KMS-encrypted, versioned, Object Lock, EventBridge, access-logged bucket that expires them after 30 days, kept on delete', () => {
    const bucket = template.toJSON().Resources[resultsBucket];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toEqual({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [resultsKey, 'Arn'] },
            },
          },
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'QueryResults',
            Status: 'Enabled',
            ExpirationInDays: 30,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
      },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: id(workGroup.resultsBucket.node.findChild('AccessLogs')) },
      },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      ObjectLockEnabled: true,
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  test('the results bucket refuses plain HTTP and TLS below 1.2', () => {
    const policy = resourcesOfType(template, 'AWS::S3::BucketPolicy').find(
      ([, p]) => p.Properties.Bucket.Ref === resultsBucket,
    )![1];
    const denies = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Deny');
    expect(denies.map((s: any) => s.Condition)).toEqual([
      { Bool: { 'aws:SecureTransport': 'false' } },
      { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    ]);
  });

  test('a rotated customer managed key, kept on delete, that denies grants except for AWS resources', () => {
    const key = template.toJSON().Resources[resultsKey];
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.Properties).toMatchObject({
      EnableKeyRotation: true,
      PendingWindowInDays: 30,
      Description: `Encrypts the query results of the Athena workgroup ${workGroup.workGroupName}`,
    });
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Sid: 'DenyCreateGrantExceptForAwsResources', Effect: 'Deny' }),
    );
  });

  test('the access-log bucket of the results bucket is a TrailAccessLogsBucket that S3 delivers to for it only', () => {
    const accessLogs = id(workGroup.resultsBucket.node.findChild('AccessLogs'));
    const policy = resourcesOfType(template, 'AWS::S3::BucketPolicy').find(
      ([, p]) => p.Properties.Bucket.Ref === accessLogs,
    )![1];
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'S3ServerAccessLogsPolicy',
        Condition: {
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [resultsBucket, 'Arn'] } },
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
        },
      }),
    );
  });
});

describe('options and adversarial values', () => {
  test('name, description, cutoff, expiration and removal policy', () => {
    const { stack, table } = setUp();
    new TrailQueryWorkGroup(stack, 'Queries', {
      table,
      workGroupName: 'incident-response.v2_cloudtrail',
      description: 'IR',
      bytesScannedCutoffPerQuery: Size.bytes(10_000_000),
      resultsExpiration: Duration.days(1),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'incident-response.v2_cloudtrail',
      Description: 'IR',
      WorkGroupConfiguration: Match.objectLike({ BytesScannedCutoffPerQuery: 10_000_000 }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 1 })] },
    });
    expect(Object.values(template.findResources('AWS::KMS::Key')).map((k: any) => k.DeletionPolicy)).toContain(
      'Delete',
    );
  });

  test.each([
    [
      'a name of 129 characters',
      { workGroupName: 'w'.repeat(129) },
      /\[ATHENA_WORKGROUP_NAME\] TestStack\/Queries: Name \(prop workGroupName\) 'w{79}…' is 129 characters long, outside 1 to 128/,
    ],
    [
      'a name with a space',
      { workGroupName: 'incident response' },
      /\[ATHENA_WORKGROUP_NAME\] .*'incident response' contains characters other than letters, digits/,
    ],
    ['an empty name', { workGroupName: '' }, /\[ATHENA_WORKGROUP_NAME\] .*'' is 0 characters long/],
    [
      'a description of 1,025 characters',
      { description: 'd'.repeat(1025) },
      /\[ATHENA_WORKGROUP_DESCRIPTION\] TestStack\/Queries: Description \(prop description\) 'd+…' is 1025 characters long, over 1,024/,
    ],
    [
      'a cutoff under 10 MB',
      { bytesScannedCutoffPerQuery: Size.mebibytes(9) },
      /\[ATHENA_BYTES_SCANNED_CUTOFF\] TestStack\/Queries: WorkGroupConfiguration.BytesScannedCutoffPerQuery \(prop bytesScannedCutoffPerQuery\) '9437184 bytes' is under 10,000,000.*Fix: use Size.mebibytes\(10\) or more/,
    ],
    [
      'an expiration of hours',
      { resultsExpiration: Duration.hours(12) },
      /\[QUERY_RESULTS_EXPIRATION\] TestStack\/Queries: prop resultsExpiration '12 hours' is not a whole number of days/,
    ],
    ['an expiration of zero', { resultsExpiration: Duration.days(0) }, /\[QUERY_RESULTS_EXPIRATION\] .*'0 days'/],
  ])('%s is refused at synth, with the fix', (_label, props, message) => {
    const { stack, table } = setUp();
    new TrailQueryWorkGroup(stack, 'Queries', { table, ...props });
    expect(() => Template.fromStack(stack)).toThrow(message);
  });

  test('a name overridden with an escape hatch is checked as the template holds it, and so is the enforced configuration', () => {
    const { stack, table } = setUp();
    const workGroup = new TrailQueryWorkGroup(stack, 'Queries', { table });
    workGroup.cfnWorkGroup.addPropertyOverride('Name', 'incident response');
    workGroup.cfnWorkGroup.addPropertyOverride(
      'WorkGroupConfiguration.ResultConfiguration.OutputLocation',
      'https://example.com/results/',
    );
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(
      /\[ATHENA_WORKGROUP_NAME\] TestStack\/Queries: Name \(prop workGroupName\) 'incident response'/,
    );
    expect(synth).toThrow(
      /\[ATHENA_RESULT_LOCATION\] TestStack\/Queries: WorkGroupConfiguration.ResultConfiguration.OutputLocation .*'https:\/\/example.com\/results\/' is not an s3:\/\/ URI/,
    );
    const other = setUp(testStack(new App(), 'Other'));
    new TrailQueryWorkGroup(other.stack, 'Queries', { table: other.table }).cfnWorkGroup.addPropertyOverride(
      'WorkGroupConfiguration.EnforceWorkGroupConfiguration',
      false,
    );
    const warnings = Annotations.fromStack(other.stack).findWarning(
      '*',
      Match.stringLikeRegexp('\\[ATHENA_ENFORCE_WORKGROUP_CONFIGURATION\\]'),
    );
    expect(warnings).toHaveLength(1);
  });

  test('tokens: a name, a cutoff in bytes and an expiration known only at deploy time; a cutoff in GiB from a token is refused', () => {
    const { stack, table } = setUp();
    const bytes = new CfnParameter(stack, 'Bytes', { type: 'Number' }).valueAsNumber;
    new TrailQueryWorkGroup(stack, 'A', {
      table,
      workGroupName: Fn.importValue('Name'),
      bytesScannedCutoffPerQuery: Size.bytes(bytes),
    });
    expect(() => Template.fromStack(stack)).not.toThrow();
    const other = setUp(testStack(new App(), 'Other'));
    new TrailQueryWorkGroup(other.stack, 'B', {
      table: other.table,
      bytesScannedCutoffPerQuery: Size.gibibytes(bytes),
    });
    expect(() => Template.fromStack(other.stack)).toThrow(
      /\[QUERY_SIZE_IN_BYTES\] Other\/B: prop bytesScannedCutoffPerQuery is a size known only at deploy time in a unit other than bytes.*Fix: give a size known only at deploy time in bytes/,
    );
  });

  test('null optional props count as not given; a missing table is refused', () => {
    const a = setUp(testStack(new App(), 'S'));
    new TrailQueryWorkGroup(a.stack, 'Q', { table: a.table });
    const b = setUp(testStack(new App(), 'S'));
    const nulls: any = {
      workGroupName: null,
      description: null,
      bytesScannedCutoffPerQuery: null,
      resultsExpiration: null,
      removalPolicy: null,
    };
    new TrailQueryWorkGroup(b.stack, 'Q', { table: b.table, ...nulls });
    expect(Template.fromStack(b.stack).toJSON()).toEqual(Template.fromStack(a.stack).toJSON());
    const c = setUp(testStack(new App(), 'S'));
    new TrailQueryWorkGroup(c.stack, 'None', null as any);
    expect(() => Template.fromStack(c.stack)).toThrow(
      /\[QUERY_REQUIRED_PROP\] S\/None: prop table is required: the TrailLogTable this workgroup queries. Fix: give table./,
    );
  });

  test('two workgroups of one name in one account and Region fail at synth', () => {
    const app = new App();
    for (const id of ['A', 'B']) {
      const { stack, table } = setUp(testStack(app, id));
      new TrailQueryWorkGroup(stack, 'Queries', { table, workGroupName: 'incident-response' });
    }
    expect(() => app.synth()).toThrow(
      /\[QUERY_NAME_UNIQUE\] A\/Queries: prop workGroupName 'incident-response' is also the name of B\/Queries in the same account and Region/,
    );
  });

  test('two workgroups in one app have two names, results buckets and keys', () => {
    const app = new App();
    const names = ['One', 'Two'].flatMap((name) => {
      const { stack, table } = setUp(testStack(app, name));
      return [new TrailQueryWorkGroup(stack, 'Q', { table }), new TrailQueryWorkGroup(stack, 'R', { table })];
    });
    expect(new Set(names.map((w) => w.workGroupName)).size).toBe(4);
    const template = Template.fromStack(names[0].node.scope as Stack);
    expect(Object.keys(template.findResources('AWS::S3::Bucket')).length).toBe(2 + 2 * 2);
    expect(onlyResource(template, 'AWS::Glue::Table')).toBeDefined();
  });
});
