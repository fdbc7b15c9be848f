import { App, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { GUIDE_DDL, GUIDE_TIMESTAMP_PROJECTION } from './athena-guide';
import { ddlColumns, Hive, parseHiveType } from './hive';
import { SecureTrail, TrailBucket, TrailLogTable } from '../../src';
import { ACCOUNT, onlyResource, testStack } from '../helpers';

const ORG = 'o-abcdefghij';
// The commercial Regions, from aws-cdk-lib's own list of the version the tests run (it grows: 2.276 added me-west-1);
// the literal below holds the Regions every supported version knows, and must be among them.
const KNOWN_REGIONS =
  'af-south-1,ap-east-1,ap-east-2,ap-northeast-1,ap-northeast-2,ap-northeast-3,ap-south-1,ap-south-2,' +
  'ap-southeast-1,ap-southeast-2,ap-southeast-3,ap-southeast-4,ap-southeast-5,ap-southeast-6,ap-southeast-7,ca-central-1,' +
  'ca-west-1,eu-central-1,eu-central-2,eu-north-1,eu-south-1,eu-south-2,eu-west-1,eu-west-2,eu-west-3,il-central-1,' +
  'me-central-1,me-south-1,mx-central-1,sa-east-1,us-east-1,us-east-2,us-west-1,us-west-2';
const AWS_REGIONS = RegionInfo.regions
  .filter((r) => r.partition === 'aws')
  .map((r) => r.name)
  .join(',');

test('the Regions of the commercial partition include every Region the oldest supported aws-cdk-lib knows', () => {
  expect(AWS_REGIONS.split(',')).toEqual(expect.arrayContaining(KNOWN_REGIONS.split(',')));
});

function tableOf(stack: Stack): any {
  return onlyResource(Template.fromStack(stack), 'AWS::Glue::Table').Properties;
}

/** A canonical text of a Hive type, to compare two column lists. */
function canonical(type: Hive): string {
  switch (type.kind) {
    case 'string':
      return 'string';
    case 'array':
      return `array<${canonical(type.of)}>`;
    case 'map':
      return `map<${canonical(type.key)},${canonical(type.value)}>`;
    case 'struct':
      return `struct<${[...type.fields].map(([name, t]) => `${name}:${canonical(t)}`).join(',')}>`;
  }
}

const bucketRef = (stack: Stack) => ({
  Ref: stack.getLogicalId(stack.node.findChild('Trail').node.findChild('Bucket').node.defaultChild as any),
});

describe('a table over a SecureTrail (account trail), defaults', () => {
  const stack = testStack();
  const trail = new SecureTrail(stack, 'Trail');
  const table = new TrailLogTable(stack, 'Logs', { trail });
  const template = Template.fromStack(stack);
  const props = tableOf(stack);

  test('a Glue database of this account, with a lowercase name derived from the path', () => {
    template.hasResourceProperties(
      'AWS::Glue::Database',
      Match.objectEquals({
        CatalogId: ACCOUNT,
        DatabaseInput: { Name: table.databaseName, Description: 'AWS CloudTrail log files, for Amazon Athena' },
      }),
    );
    expect(table.databaseName).toMatch(/^teststack_logs_[0-9a-f]{8}$/);
    expect(template.findResources('AWS::Glue::Table')[stack.getLogicalId(table.cfnTable)].DependsOn).toEqual([
      stack.getLogicalId(table.cfnDatabase),
    ]);
  });

  test("an external table with the guide's SerDe and formats, over [prefix/]AWSLogs/", () => {
    expect(props.CatalogId).toBe(ACCOUNT);
    expect(props.DatabaseName).toBe(table.databaseName);
    expect(props.TableInput.Name).toBe('cloudtrail_logs');
    expect(props.TableInput.TableType).toBe('EXTERNAL_TABLE');
    expect(props.TableInput.StorageDescriptor).toMatchObject({
      InputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
      Location: { 'Fn::Join': ['', ['s3://', bucketRef(stack), '/AWSLogs/']] },
    });
    expect(Object.keys(props.TableInput.StorageDescriptor).sort()).toEqual([
      'Columns',
      'InputFormat',
      'Location',
      'OutputFormat',
      'SerdeInfo',
    ]);
  });

  test("the columns are exactly the Athena User Guide's, in its order, with its types", () => {
    const guide = [...ddlColumns(GUIDE_DDL)].map(([name, type]) => `${name} ${canonical(type)}`);
    const ours = props.TableInput.StorageDescriptor.Columns.map(
      (c: any) => `${c.Name} ${canonical(parseHiveType(c.Type))}`,
    );
    expect(ours).toEqual(guide);
    expect(guide).toHaveLength(29);
  });

  test('partitioned by account, Region and day, each projected; the day as the guide projects it', () => {
    expect(props.TableInput.PartitionKeys.map((k: any) => [k.Name, k.Type])).toEqual([
      ['account', 'string'],
      ['region', 'string'],
      ['timestamp', 'string'],
    ]);
    expect(props.TableInput.Parameters).toEqual({
      ...GUIDE_TIMESTAMP_PROJECTION,
      EXTERNAL: 'TRUE',
      'projection.account.type': 'enum',
      'projection.account.values': ACCOUNT,
      'projection.region.type': 'enum',
      'projection.region.values': AWS_REGIONS,
      'projection.timestamp.range': '2013/11/01,NOW',
      'storage.location.template': {
        'Fn::Join': ['', ['s3://', bucketRef(stack), '/AWSLogs/${account}/CloudTrail/${region}/${timestamp}/']],
      },
    });
    expect(table.accountRequiredInQueries).toBe(false);
  });

  test('its facts for queries and grants', () => {
    expect(table.bucket).toBe(trail.bucket);
    expect(table.encryptionKey).toBe(trail.encryptionKey);
    expect(table.s3KeyPrefix).toBeUndefined();
    expect(table.organizationId).toBeUndefined();
    expect(stack.resolve(table.tableArn)).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, `:glue:us-east-1:${ACCOUNT}:table/${table.databaseName}/cloudtrail_logs`],
      ],
    });
    expect([TrailLogTable.ACCOUNT_COLUMN, TrailLogTable.REGION_COLUMN, TrailLogTable.DATE_COLUMN]).toEqual([
      'account',
      'region',
      'timestamp',
    ]);
  });
});

describe('organization trails', () => {
  test('a SecureTrail organization trail with a prefix: [prefix/]AWSLogs/<o-id>/${account}/..., the account given in each query', () => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail', {
      organizationId: ORG,
      managementAccountId: ACCOUNT,
      s3KeyPrefix: 'org',
    });
    const table = new TrailLogTable(stack, 'Logs', { trail, organizationId: ORG });
    const props = tableOf(stack);
    expect(props.TableInput.StorageDescriptor.Location).toEqual({
      'Fn::Join': ['', ['s3://', bucketRef(stack), `/org/AWSLogs/${ORG}/`]],
    });
    expect(props.TableInput.Parameters['storage.location.template']).toEqual({
      'Fn::Join': [
        '',
        ['s3://', bucketRef(stack), `/org/AWSLogs/${ORG}/\${account}/CloudTrail/\${region}/\${timestamp}/`],
      ],
    });
    expect(props.TableInput.Parameters['projection.account.type']).toBe('injected');
    expect(props.TableInput.Parameters['projection.account.values']).toBeUndefined();
    expect(table.accountRequiredInQueries).toBe(true);
  });

  test('listed accounts of an organization trail are projected as an enum', () => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail', { organizationId: ORG, managementAccountId: ACCOUNT });
    new TrailLogTable(stack, 'Logs', { trail, organizationId: ORG, accounts: [ACCOUNT, '222222222222'] });
    expect(tableOf(stack).TableInput.Parameters).toMatchObject({
      'projection.account.type': 'enum',
      'projection.account.values': `${ACCOUNT},222222222222`,
    });
  });

  test('given only an organization trail, the table reads its organization: the template of the id repeated', () => {
    const build = (repeat: boolean) => {
      const stack = testStack(new App());
      const trail = new SecureTrail(stack, 'Trail', { organizationId: ORG, managementAccountId: ACCOUNT });
      const table = new TrailLogTable(stack, 'Logs', { trail, organizationId: repeat ? ORG : undefined });
      return { table, template: Template.fromStack(stack).toJSON() };
    };
    const alone = build(false);
    expect(alone.template).toEqual(build(true).template);
    expect(alone.table.organizationId).toBe(ORG);
    expect(JSON.stringify(alone.template)).toContain(`/AWSLogs/${ORG}/`);
  });

  test('an imported trail: its organizationId is read, or given to the table when the import does not know it', () => {
    const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`;
    const locationOf = (attrs: object, tableOrganizationId?: string) => {
      const stack = testStack(new App());
      const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'org-logs');
      const trail = SecureTrail.fromTrailAttributes(stack, 'Trail', { trailArn: arn, bucket, ...attrs });
      new TrailLogTable(stack, 'Logs', { trail, organizationId: tableOrganizationId });
      return tableOf(stack).TableInput.StorageDescriptor.Location;
    };
    const expected = `s3://org-logs/AWSLogs/${ORG}/`;
    expect(locationOf({ organizationId: ORG })).toBe(expected);
    expect(locationOf({ isOrganizationTrail: true }, ORG)).toBe(expected);
    expect(locationOf({}, ORG)).toBe(expected);
    expect(locationOf({})).toBe('s3://org-logs/AWSLogs/');
  });

  test('an organization trail whose organization is not known, or an account trail with one, fails at synth', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'org-logs');
    const org = SecureTrail.fromTrailAttributes(stack, 'Org', {
      trailArn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`,
      bucket,
      isOrganizationTrail: true,
    });
    new TrailLogTable(stack, 'A', { trail: org });
    const account = new SecureTrail(stack, 'Account');
    new TrailLogTable(stack, 'B', { trail: account, organizationId: ORG });
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(
      /\[QUERY_ORGANIZATION_TRAIL\] TestStack\/A: prop trail 'TestStack\/Org' is an organization trail, which writes under \[prefix\/\]AWSLogs\/<organization id>\/<account>\/. Fix: give its organizationId/,
    );
    expect(synth).toThrow(
      /\[QUERY_ORGANIZATION_TRAIL\] TestStack\/B: prop organizationId 'o-abcdefghij' is given, but TestStack\/Account is not an organization trail.*Fix: remove organizationId/,
    );
  });

  test("an organization id that is not the trail's fails at synth, naming both", () => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail', { organizationId: ORG, managementAccountId: ACCOUNT });
    new TrailLogTable(stack, 'Logs', { trail, organizationId: 'o-zzzzzzzzzz' });
    expect(() => Template.fromStack(stack)).toThrow(
      "[TRAIL_ORGANIZATION_ID] TestStack/Logs: prop organizationId 'o-zzzzzzzzzz' is not the organization 'o-abcdefghij' " +
        "of the trail TestStack/Trail. Fix: leave organizationId out: it is read from the trail's organizationId.",
    );
  });

  test('the log-archive side: a TrailBucket, prefix and organization, no trail in this app', () => {
    const stack = testStack();
    const bucket = new TrailBucket(stack, 'Archive', { bucketName: 'org-trail-logs' });
    const table = new TrailLogTable(stack, 'Logs', {
      bucket,
      s3KeyPrefix: 'cloudtrail',
      organizationId: ORG,
      regions: ['eu-west-1', 'us-east-1'],
      logsSince: '2024/01/31',
    });
    const props = tableOf(stack);
    expect(props.TableInput.StorageDescriptor.Location).toEqual({
      'Fn::Join': [
        '',
        ['s3://', { Ref: stack.getLogicalId(bucket.node.defaultChild as any) }, `/cloudtrail/AWSLogs/${ORG}/`],
      ],
    });
    expect(props.TableInput.Parameters).toMatchObject({
      'projection.account.type': 'injected',
      'projection.region.values': 'eu-west-1,us-east-1',
      'projection.timestamp.range': '2024/01/31,NOW',
    });
    expect(table.encryptionKey).toBe(bucket.trailKey);
  });
});

describe('adversarial', () => {
  test('tokens for the bucket, prefix and organization id are rendered, never checked', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'B', Fn.importValue('LogBucket'));
    new TrailLogTable(stack, 'Logs', {
      bucket,
      s3KeyPrefix: Fn.importValue('Prefix'),
      organizationId: Fn.importValue('Org'),
      accounts: [Fn.importValue('Acct')],
    });
    const params = tableOf(stack).TableInput.Parameters;
    expect(params['storage.location.template']).toEqual({
      'Fn::Join': [
        '',
        [
          's3://',
          { 'Fn::ImportValue': 'LogBucket' },
          '/',
          { 'Fn::ImportValue': 'Prefix' },
          '/AWSLogs/',
          { 'Fn::ImportValue': 'Org' },
          '/${account}/CloudTrail/${region}/${timestamp}/',
        ],
      ],
    });
    expect(params['projection.account.values']).toEqual({ 'Fn::ImportValue': 'Acct' });
  });

  test('null from a JavaScript caller counts as not given', () => {
    const a = testStack(new App(), 'A');
    new TrailLogTable(a, 'Logs', { trail: new SecureTrail(a, 'Trail') });
    const b = testStack(new App(), 'A');
    const names = [
      'regions',
      'accounts',
      'logsSince',
      'databaseName',
      'tableName',
      'organizationId',
      'bucket',
      's3KeyPrefix',
      'encryptionKey',
    ];
    const nulls: any = Object.fromEntries(names.map((name) => [name, null]));
    new TrailLogTable(b, 'Logs', { trail: new SecureTrail(b, 'Trail'), ...nulls });
    expect(Template.fromStack(b).toJSON()).toEqual(Template.fromStack(a).toJSON());
    const c = testStack(new App(), 'A');
    new TrailLogTable(c, 'Nothing', null as any);
    expect(() => Template.fromStack(c)).toThrow(
      /\[QUERY_LOG_SOURCE\] A\/Nothing: prop trail is not given, nor is bucket.*Fix: give 'trail' .* or 'bucket'/,
    );
  });

  test('two tables in one app get two databases', () => {
    const app = new App();
    const one = testStack(app, 'One');
    const two = testStack(app, 'Two');
    const names = [one, two]
      .flatMap((s) => [
        new TrailLogTable(s, 'Logs', { trail: new SecureTrail(s, 'Trail') }),
        new TrailLogTable(s, 'Again', { trail: s.node.findChild('Trail') as SecureTrail }),
      ])
      .map((t) => t.databaseName);
    expect(new Set(names).size).toBe(4);
  });

  test('two tables of one name in one account and Region fail at synth; in other accounts, or unknown ones, they do not', () => {
    const app = new App();
    const bucketIn = (stack: Stack) => new TrailBucket(stack, 'Bucket');
    const a = new Stack(app, 'A', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const b = new Stack(app, 'B', { env: { account: ACCOUNT, region: 'us-east-1' } });
    new TrailLogTable(a, 'Logs', { bucket: bucketIn(a), databaseName: 'cloudtrail' });
    new TrailLogTable(b, 'Logs', { bucket: bucketIn(b), databaseName: 'cloudtrail' });
    expect(() => app.synth()).toThrow(
      /\[QUERY_NAME_UNIQUE\] A\/Logs: prop databaseName 'cloudtrail' is also the name of B\/Logs in the same account and Region; CloudFormation would fail to create the second/,
    );
    const fine = new App();
    for (const [id, env] of [
      ['C', { account: ACCOUNT, region: 'us-east-1' }],
      ['D', { account: '222222222222', region: 'us-east-1' }],
      ['E', undefined],
      ['F', undefined],
    ] as const) {
      const stack = new Stack(fine, id, { env });
      new TrailLogTable(stack, 'Logs', { bucket: bucketIn(stack), databaseName: 'cloudtrail' });
    }
    expect(() => fine.synth()).not.toThrow();
  });

  test("other Regions and partitions: the Regions of the stack's partition, or all when the Region is not known", () => {
    const regionsOf = (env?: { account: string; region: string }) => {
      const stack = new Stack(new App(), 'S', { env });
      new TrailLogTable(stack, 'Logs', { trail: new SecureTrail(stack, 'Trail') });
      return tableOf(stack).TableInput.Parameters;
    };
    expect(regionsOf({ account: ACCOUNT, region: 'eu-west-1' })['projection.region.values']).toBe(AWS_REGIONS);
    expect(regionsOf({ account: ACCOUNT, region: 'cn-north-1' })['projection.region.values']).toBe(
      'cn-north-1,cn-northwest-1',
    );
    expect(regionsOf({ account: ACCOUNT, region: 'us-gov-west-1' })['projection.region.values']).toBe(
      'us-gov-east-1,us-gov-west-1',
    );
    const unknown = regionsOf({ account: ACCOUNT, region: 'xx-newplace-1' })['projection.region.values'].split(',');
    expect(unknown).toEqual(expect.arrayContaining([...AWS_REGIONS.split(','), 'cn-north-1', 'xx-newplace-1']));
    const agnostic = regionsOf();
    expect(agnostic['projection.region.values'].split(',')).toEqual(
      expect.arrayContaining([...AWS_REGIONS.split(','), 'cn-north-1', 'us-gov-west-1']),
    );
    expect(agnostic['projection.account.values']).toEqual({ Ref: 'AWS::AccountId' });
  });

  test('an imported trail without its bucket fails at synth with the fix', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailArn(stack, 'Imported', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`);
    const other = testStack(new App(), 'Other');
    new TrailLogTable(other, 'Logs', {
      trail: SecureTrail.fromTrailArn(other, 'Imported', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`),
    });
    expect(() => Template.fromStack(other)).toThrow(
      /\[QUERY_LOG_SOURCE\] Other\/Logs: prop trail 'Other\/Imported' was imported without its bucket.*SecureTrail.fromTrailAttributes\(scope, id, \{ trailArn, bucket, s3KeyPrefix, encryptionKey \}\)/,
    );
    expect(trail).toBeDefined();
    const withBucket = SecureTrail.fromTrailAttributes(stack, 'WithBucket', {
      trailArn: 'arn:aws:cloudtrail:us-east-1:222222222222:trail/main',
      bucket: s3.Bucket.fromBucketName(stack, 'B', 'logs'),
      s3KeyPrefix: 'p',
    });
    new TrailLogTable(stack, 'Imported2', { trail: withBucket });
    const params = Template.fromStack(stack).findResources('AWS::Glue::Table');
    expect(Object.values(params)[0].Properties.TableInput.Parameters).toMatchObject({
      'projection.account.values': '222222222222',
      'storage.location.template': 's3://logs/p/AWSLogs/${account}/CloudTrail/${region}/${timestamp}/',
    });
  });

  test('a trail and its bucket, prefix or key given twice, or neither, fail at synth', () => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail');
    new TrailLogTable(stack, 'A', { trail, bucket: trail.bucket, s3KeyPrefix: 'x' });
    new TrailLogTable(stack, 'B', { trail, encryptionKey: trail.encryptionKey });
    new TrailLogTable(stack, 'C', {});
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(
      /\[QUERY_LOG_SOURCE\] TestStack\/A: prop bucket cannot be given with 'trail': it is read from the trail/,
    );
    expect(synth).toThrow(/\[QUERY_LOG_SOURCE\] TestStack\/A: prop s3KeyPrefix cannot be given with 'trail'/);
    expect(synth).toThrow(/\[QUERY_LOG_SOURCE\] TestStack\/B: prop encryptionKey cannot be given with 'trail'/);
    expect(synth).toThrow(/\[QUERY_LOG_SOURCE\] TestStack\/C: prop trail is not given/);
  });

  test.each([
    [
      'an uppercase database name',
      { databaseName: 'Logs' },
      /\[GLUE_DATABASE_NAME\] TestStack\/Logs: DatabaseInput.Name \(prop databaseName\) 'Logs' contains characters other than lowercase letters.*e.g. 'logs'/,
    ],
    [
      'a database name with a hyphen',
      { databaseName: 'my-logs' },
      /\[GLUE_DATABASE_NAME\] .*'my-logs'.*e.g. 'my_logs'/,
    ],
    [
      'a 256-character database name',
      { databaseName: 'a'.repeat(256) },
      /\[GLUE_DATABASE_NAME\] .*'a{79}…' is 256 characters long, outside 1 to 255/,
    ],
    [
      'an empty table name',
      { tableName: '' },
      /\[GLUE_TABLE_NAME\] TestStack\/Logs: TableInput.Name \(prop tableName\) '' is 0 characters long/,
    ],
    [
      'no account',
      { accounts: [] },
      /\[QUERY_PROJECTED_VALUES\] TestStack\/Logs: prop accounts '\[\]' is empty, so the table would find no log files/,
    ],
    [
      'an account id of 4 digits',
      { accounts: ['1234'] },
      /\[ACCOUNT_ID\] TestStack\/Logs: prop accounts\[0\] '1234' is not a 12-digit AWS account id/,
    ],
    [
      'an account twice',
      { accounts: [ACCOUNT, ACCOUNT] },
      /\[QUERY_PROJECTED_VALUES\] .*prop accounts\[1\] '111111111111' is listed twice/,
    ],
    [
      'a Region that is not one',
      { regions: ['us-east-1', 'mars-1'] },
      /\[REGION_NAME\] TestStack\/Logs: prop regions\[1\] 'mars-1' is not a Region code/,
    ],
    ['no Region', { regions: [] }, /\[QUERY_PROJECTED_VALUES\] .*prop regions '\[\]' is empty/],
    [
      'a value with a comma',
      { regions: ['us-east-1,eu-west-1'] },
      /\[QUERY_PROJECTED_VALUES\] .*prop regions\[0\] 'us-east-1,eu-west-1' contains ','/,
    ],
    [
      'a day with hyphens',
      { logsSince: '2024-01-31' },
      /\[QUERY_LOGS_SINCE\] TestStack\/Logs: prop logsSince '2024-01-31' is not a day written as yyyy\/MM\/dd/,
    ],
    ['a day that does not exist', { logsSince: '2023/02/29' }, /\[QUERY_LOGS_SINCE\] .*'2023\/02\/29' is not a day/],
    [
      'a short organization id',
      { organizationId: 'o-123' },
      /\[ORGANIZATION_ID\] TestStack\/Logs: prop organizationId 'o-123' is not an AWS Organizations organization id/,
    ],
    [
      'a 201-character prefix',
      { s3KeyPrefix: 'p'.repeat(201) },
      /\[QUERY_S3_KEY_PREFIX_LENGTH\] TestStack\/Logs: prop s3KeyPrefix 'p+…' has 201 characters, over 200/,
    ],
  ])('%s is refused at synth, with the fix', (_label, props, message) => {
    const stack = testStack();
    const bucket = new TrailBucket(stack, 'Bucket');
    new TrailLogTable(stack, 'Logs', { bucket, ...props });
    expect(() => Template.fromStack(stack)).toThrow(message);
  });

  test('a database or table name overridden with an escape hatch is checked as the template holds it', () => {
    const stack = testStack();
    const table = new TrailLogTable(stack, 'Logs', { bucket: new TrailBucket(stack, 'Bucket') });
    table.cfnDatabase.addPropertyOverride('DatabaseInput.Name', 'CloudTrail-Logs');
    table.cfnTable.addPropertyOverride('TableInput.Name', 'Events');
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(
      /\[GLUE_DATABASE_NAME\] TestStack\/Logs: DatabaseInput.Name \(prop databaseName\) 'CloudTrail-Logs' .*e.g. 'cloudtrail_logs'/,
    );
    expect(synth).toThrow(/\[GLUE_TABLE_NAME\] TestStack\/Logs: TableInput.Name \(prop tableName\) 'Events'/);
  });

  test('every error of a table is listed together, each once, at synth', () => {
    const stack = testStack();
    new TrailLogTable(stack, 'Logs', {
      bucket: new TrailBucket(stack, 'Bucket'),
      databaseName: 'Bad-Name',
      accounts: ['1'],
      logsSince: 'yesterday',
    });
    let message = '';
    try {
      Template.fromStack(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/\[[A-Z_]+\]/g)).toEqual(['[ACCOUNT_ID]', '[QUERY_LOGS_SINCE]', '[GLUE_DATABASE_NAME]']);
  });

  test('names at the limits and tokens are accepted', () => {
    const stack = testStack();
    const bucket = new TrailBucket(stack, 'Bucket');
    new TrailLogTable(stack, 'Long', {
      bucket,
      databaseName: 'a'.repeat(255),
      tableName: 'b'.repeat(255),
      logsSince: '2024/02/29',
    });
    new TrailLogTable(stack, 'Tokens', {
      bucket,
      databaseName: Fn.importValue('Db'),
      tableName: Fn.importValue('T'),
      logsSince: Fn.importValue('Since'),
      regions: Fn.split(',', Fn.importValue('R')),
    });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
