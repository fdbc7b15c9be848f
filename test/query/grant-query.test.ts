import { App, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureTrail, TrailBucket, TrailKey, TrailLogTable, TrailQueryWorkGroup } from '../../src';
import { TemplateResolver } from '../compliance/resolve';
import { simulate } from '../compliance/simulate';
import { ACCOUNT, REGION } from '../helpers';

/*
 * grantQuery, evaluated as IAM would (identity policy and, where there is one, the resource's policy): every call a
 * query makes is allowed; the same calls on another workgroup, table, folder or bucket, writes to the log files, and
 * decryption without the CloudTrail encryption context or outside S3 are not.
 */

const HTTPS = { 'aws:SecureTransport': 'true' };

function setUp(stack: Stack, make: (stack: Stack) => TrailLogTable) {
  const table = make(stack);
  const workGroup = new TrailQueryWorkGroup(stack, 'Queries', { table });
  const role = new iam.Role(stack, 'Responder', { assumedBy: new iam.AccountRootPrincipal() });
  workGroup.grantQuery(role);
  const template = Template.fromStack(stack);
  const resolver = new TemplateResolver(template, stack.account, REGION);
  const ids = (type: string) => Object.keys(template.findResources(type));
  const id = (construct: any) => stack.getLogicalId(construct.node.defaultChild ?? construct);
  const identity = resolver.properties(
    ids('AWS::IAM::Policy').find((p) => resolver.properties(p).Roles[0] === id(role))!,
  ).PolicyDocument;
  const bucketPolicy = (bucketId: string) =>
    resolver.properties(
      ids('AWS::S3::BucketPolicy').find((p) => resolver.properties(p).Bucket === resolver.resolve({ Ref: bucketId }))!,
    ).PolicyDocument;
  const logBucket = id(table.bucket);
  const facts = {
    principal: `arn:aws:iam::${stack.account}:role/Responder`,
    workGroup: resolver.resolve(stack.resolve(workGroup.workGroupArn)) as string,
    catalog: resolver.resolve(stack.resolve(table.catalogArn)) as string,
    database: resolver.resolve(stack.resolve(table.databaseArn)) as string,
    table: resolver.resolve(stack.resolve(table.tableArn)) as string,
    logBucket: `arn:aws:s3:::${resolver.resolve({ Ref: logBucket })}`,
    logBucketPolicy: bucketPolicy(logBucket),
    resultsBucket: `arn:aws:s3:::${resolver.resolve({ Ref: id(workGroup.resultsBucket) })}`,
    resultsBucketPolicy: bucketPolicy(id(workGroup.resultsBucket)),
    trailKey: `arn:aws:kms:${REGION}:${stack.account}:key/${id(table.encryptionKey)}`,
    trailKeyPolicy: resolver.properties(id(table.encryptionKey)).KeyPolicy,
    resultsKey: `arn:aws:kms:${REGION}:${stack.account}:key/${id(workGroup.resultsKey)}`,
    resultsKeyPolicy: resolver.properties(id(workGroup.resultsKey)).KeyPolicy,
  };
  const as = (action: string, resource: string, resourcePolicy?: any, context: Record<string, string> = {}) =>
    simulate({
      principal: facts.principal,
      action,
      resource,
      resourcePolicy,
      identityPolicies: [identity],
      resourceAccount: stack.account,
      context: { ...HTTPS, ...context },
    });
  return { facts, as, databaseName: table.databaseName };
}

describe("an account trail's table", () => {
  const stack = new Stack(new App(), 'Audit', { env: { account: ACCOUNT, region: REGION } });
  const trail = new SecureTrail(stack, 'Trail', { trailName: 'main' });
  const { facts: f, as, databaseName } = setUp(stack, (s) => new TrailLogTable(s, 'Logs', { trail }));
  const day = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/23/`;
  const logFile = `${f.logBucket}/${day}${ACCOUNT}_CloudTrail_us-east-1_20261123T0810Z_Mu0KsOhtH1ar15ZZ.json.gz`;
  const trailContext = {
    'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/main`,
    'kms:CallerAccount': ACCOUNT,
  };
  const viaS3 = { 'kms:ViaService': `s3.${REGION}.amazonaws.com` };

  test.each([
    'athena:StartQueryExecution',
    'athena:GetQueryExecution',
    'athena:GetQueryResults',
    'athena:StopQueryExecution',
    'athena:GetWorkGroup',
    'athena:GetNamedQuery',
    'athena:ListNamedQueries',
  ])('%s on its workgroup is allowed, on another workgroup it is not', async (action) => {
    expect(await as(action, f.workGroup)).toBe('Allowed');
    expect(await as(action, f.workGroup.replace(/workgroup\/.*/, 'workgroup/primary'))).toBe('ImplicitlyDenied');
  });

  test('Glue reads of its catalog, database and table are allowed; of other tables and databases, and any write, they are not', async () => {
    for (const resource of [f.catalog, f.database, f.table]) {
      expect(await as('glue:GetTable', resource)).toBe('Allowed');
    }
    for (const resource of [f.catalog, f.database]) expect(await as('glue:GetDatabase', resource)).toBe('Allowed');
    expect(await as('glue:GetPartitions', f.table)).toBe('Allowed');
    expect(await as('glue:GetTable', f.table.replace(`table/${databaseName}/`, `table/${databaseName}_other/`))).toBe(
      'ImplicitlyDenied',
    );
    expect(await as('glue:GetTable', f.table.replace(/cloudtrail_logs$/, 'payroll'))).toBe('ImplicitlyDenied');
    expect(await as('glue:GetDatabase', f.database.replace(databaseName, 'default'))).toBe('ImplicitlyDenied');
    for (const action of ['glue:DeleteTable', 'glue:UpdateTable', 'glue:CreateTable']) {
      expect(await as(action, f.table)).toBe('ImplicitlyDenied');
    }
  });

  test('the log files of its folders are read and listed; other folders, other buckets and writes are refused', async () => {
    expect(await as('s3:GetObject', logFile, f.logBucketPolicy)).toBe('Allowed');
    expect(await as('s3:ListBucket', f.logBucket, f.logBucketPolicy, { 's3:prefix': day })).toBe('Allowed');
    expect(await as('s3:GetBucketLocation', f.logBucket, f.logBucketPolicy)).toBe('Allowed');
    expect(
      await as('s3:GetObject', logFile.replace(`AWSLogs/${ACCOUNT}`, 'AWSLogs/999999999999'), f.logBucketPolicy),
    ).toBe('ImplicitlyDenied');
    expect(await as('s3:GetObject', `${f.logBucket}/exports/secret.csv`, f.logBucketPolicy)).toBe('ImplicitlyDenied');
    expect(await as('s3:ListBucket', f.logBucket, f.logBucketPolicy, { 's3:prefix': '' })).toBe('ImplicitlyDenied');
    expect(await as('s3:ListBucket', f.logBucket, f.logBucketPolicy, { 's3:prefix': 'AWSLogs/999999999999/' })).toBe(
      'ImplicitlyDenied',
    );
    expect(await as('s3:GetObject', 'arn:aws:s3:::someone-elses-bucket/AWSLogs/x.json.gz')).toBe('ImplicitlyDenied');
    for (const action of ['s3:PutObject', 's3:DeleteObject', 's3:PutObjectRetention']) {
      expect(await as(action, logFile, f.logBucketPolicy)).toBe('ImplicitlyDenied');
    }
    expect(await as('s3:GetObject', logFile, f.logBucketPolicy, { 'aws:SecureTransport': 'false' })).toBe(
      'ExplicitlyDenied',
    );
  });

  test('the trail key decrypts what a CloudTrail trail of the account encrypted, and nothing else', async () => {
    expect(await as('kms:Decrypt', f.trailKey, f.trailKeyPolicy, trailContext)).toBe('Allowed');
    expect(await as('kms:Decrypt', f.trailKey, f.trailKeyPolicy, { 'kms:CallerAccount': ACCOUNT })).toBe(
      'ImplicitlyDenied',
    );
    expect(
      await as('kms:Decrypt', f.trailKey, f.trailKeyPolicy, {
        ...trailContext,
        'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:us-east-1:999999999999:trail/x',
      }),
    ).toBe('ImplicitlyDenied');
    expect(
      await as('kms:Decrypt', f.trailKey, f.trailKeyPolicy, {
        'kms:CallerAccount': ACCOUNT,
        'kms:EncryptionContext:aws:s3:arn': `${f.logBucket}/x`,
      }),
    ).toBe('ImplicitlyDenied');
    expect(await as('kms:GenerateDataKey', f.trailKey, f.trailKeyPolicy, trailContext)).toBe('ImplicitlyDenied');
  });

  test('results are written and read in the results bucket, encrypted with the results key through S3 only', async () => {
    const result = `${f.resultsBucket}/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e.csv`;
    for (const action of ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload']) {
      expect(await as(action, result, f.resultsBucketPolicy)).toBe('Allowed');
    }
    expect(await as('s3:ListBucket', f.resultsBucket, f.resultsBucketPolicy)).toBe('Allowed');
    expect(await as('s3:GetBucketLocation', f.resultsBucket, f.resultsBucketPolicy)).toBe('Allowed');
    expect(await as('s3:DeleteObject', result, f.resultsBucketPolicy)).toBe('ImplicitlyDenied');
    expect(await as('s3:PutObject', result, f.resultsBucketPolicy, { 'aws:SecureTransport': 'false' })).toBe(
      'ExplicitlyDenied',
    );
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
      expect(await as(action, f.resultsKey, f.resultsKeyPolicy, viaS3)).toBe('Allowed');
      expect(await as(action, f.resultsKey, f.resultsKeyPolicy)).toBe('ImplicitlyDenied');
      expect(
        await as(action, f.resultsKey, f.resultsKeyPolicy, { 'kms:ViaService': `ec2.${REGION}.amazonaws.com` }),
      ).toBe('ImplicitlyDenied');
    }
    expect(await as('kms:Decrypt', f.trailKey, f.trailKeyPolicy, viaS3)).toBe('ImplicitlyDenied');
  });
});

describe("an organization's logs in the log-archive account", () => {
  const ORG = 'o-abcdefghij';
  const ARCHIVE = '222222222222';
  const MANAGEMENT = ACCOUNT;
  const orgTrail = `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org`;
  const stack = new Stack(new App(), 'LogArchive', { env: { account: ARCHIVE, region: REGION } });
  const bucket = new TrailBucket(stack, 'Archive', { bucketName: 'org-trail-logs', organizationId: ORG });
  bucket.allowTrailArn(orgTrail, { organizationId: ORG, s3KeyPrefix: 'cloudtrail' });
  (bucket.trailKey as TrailKey).allowTrailArn(orgTrail);
  const { facts: f, as } = setUp(
    stack,
    (s) => new TrailLogTable(s, 'Logs', { bucket, s3KeyPrefix: 'cloudtrail', organizationId: ORG }),
  );
  const inOrg = { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalIsAWSService': 'false' };
  const logFile = (account: string) =>
    `${f.logBucket}/cloudtrail/AWSLogs/${ORG}/${account}/CloudTrail/eu-west-1/2026/11/23/${account}_CloudTrail_eu-west-1_20261123T0810Z_Mu0KsOhtH1ar15ZZ.json.gz`;

  test("any member account's log files are read; other prefixes are not; principals outside the organization are refused", async () => {
    for (const account of [MANAGEMENT, '333333333333']) {
      expect(await as('s3:GetObject', logFile(account), f.logBucketPolicy, inOrg)).toBe('Allowed');
    }
    expect(
      await as('s3:ListBucket', f.logBucket, f.logBucketPolicy, {
        ...inOrg,
        's3:prefix': `cloudtrail/AWSLogs/${ORG}/333333333333/CloudTrail/eu-west-1/2026/11/23/`,
      }),
    ).toBe('Allowed');
    expect(
      await as(
        's3:GetObject',
        logFile('333333333333').replace('cloudtrail/AWSLogs', 'AWSLogs'),
        f.logBucketPolicy,
        inOrg,
      ),
    ).toBe('ImplicitlyDenied');
    expect(
      await as('s3:GetObject', `${f.logBucket}/cloudtrail/AWSLogs/${MANAGEMENT}/x.json.gz`, f.logBucketPolicy, inOrg),
    ).toBe('ImplicitlyDenied');
    expect(
      await as('s3:GetObject', logFile('333333333333'), f.logBucketPolicy, {
        'aws:PrincipalOrgID': 'o-someoneelse',
        'aws:PrincipalIsAWSService': 'false',
      }),
    ).toBe('ExplicitlyDenied');
  });

  test('the archive key decrypts what the organization trail encrypted', async () => {
    const context = { 'kms:CallerAccount': ARCHIVE, 'kms:EncryptionContext:aws:cloudtrail:arn': orgTrail };
    expect(await as('kms:Decrypt', f.trailKey, f.trailKeyPolicy, context)).toBe('Allowed');
    expect(await as('kms:Decrypt', f.trailKey, f.trailKeyPolicy, { 'kms:CallerAccount': ARCHIVE })).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe('accounts known only at deploy time', () => {
  test("the grant reads the organization's folder, or every account's, not one folder per token", () => {
    const stack = new Stack(new App(), 'Reader', { env: { account: ACCOUNT, region: REGION } });
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs');
    const accounts = Fn.split(',', Fn.importValue('Accounts'));
    const org = new TrailLogTable(stack, 'Org', {
      bucket,
      organizationId: 'o-abcdefghij',
      accounts,
      databaseName: 'org',
    });
    const all = new TrailLogTable(stack, 'All', { bucket, accounts, databaseName: 'all' });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    org.grantRead(role);
    all.grantRead(role);
    const statements = (Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))[0] as any).Properties
      .PolicyDocument.Statement;
    const objects = statements.filter((st: any) => st.Action === 's3:GetObject').map((st: any) => st.Resource);
    expect(new TemplateResolver(Template.fromStack(stack), ACCOUNT, REGION).resolve(objects)).toEqual([
      'arn:aws:s3:::central-logs/AWSLogs/o-abcdefghij/*',
      'arn:aws:s3:::central-logs/AWSLogs/*/*',
    ]);
  });
});

describe('a bucket and key imported by name, of listed accounts', () => {
  test("grantRead gives exactly: Glue on the table, S3 read and list of each account's folder, decryption of their trails' files", () => {
    const stack = new Stack(new App(), 'Reader', { env: { account: ACCOUNT, region: REGION } });
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs');
    const key = kms.Key.fromKeyArn(
      stack,
      'Key',
      `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
    );
    const table = new TrailLogTable(stack, 'Table', {
      bucket,
      encryptionKey: key,
      s3KeyPrefix: 'ct',
      accounts: [ACCOUNT, '222222222222'],
      databaseName: 'ct',
    });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    table.grantRead(role);
    const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))[0] as any;
    const resolver = new TemplateResolver(Template.fromStack(stack), ACCOUNT, REGION);
    const glue = (resource: string) => `arn:aws:glue:${REGION}:${ACCOUNT}:${resource}`;
    const read = (account: string) => [
      { Action: 's3:GetObject', Effect: 'Allow', Resource: `arn:aws:s3:::central-logs/ct/AWSLogs/${account}/*` },
      {
        Action: 's3:ListBucket',
        Condition: { StringLike: { 's3:prefix': `ct/AWSLogs/${account}/*` } },
        Effect: 'Allow',
        Resource: 'arn:aws:s3:::central-logs',
      },
    ];
    expect(resolver.resolve(policy.Properties.PolicyDocument.Statement)).toEqual([
      { Action: 'glue:GetDatabase', Effect: 'Allow', Resource: [glue('catalog'), glue('database/ct')] },
      {
        Action: ['glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition'],
        Effect: 'Allow',
        Resource: [glue('catalog'), glue('database/ct'), glue('table/ct/cloudtrail_logs')],
      },
      ...read(ACCOUNT),
      ...read('222222222222'),
      {
        Action: 'kms:Decrypt',
        Condition: {
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': [
              `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*`,
              'arn:aws:cloudtrail:*:222222222222:trail/*',
            ],
          },
        },
        Effect: 'Allow',
        Resource: key.keyArn,
      },
    ]);
  });
});
