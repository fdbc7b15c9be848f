import { Template } from 'aws-cdk-lib/assertions';
import { TrailBucket, TrailLogTable } from '../../src';
import {
  GLUE_COLUMN_NAME,
  GLUE_COLUMN_TYPE,
  GLUE_DATABASE_NAME,
  GLUE_PARTITION_PROJECTION,
  GLUE_TABLE_LOCATION,
  GLUE_TABLE_NAME,
  isHiveType,
} from '../../src/validation/rules/glue';
import { testStack } from '../helpers';

/* The Glue rules are functions over the final properties of AWS::Glue::Database and AWS::Glue::Table. */

const table = (input: object) => ({
  CatalogId: '111111111111',
  DatabaseName: 'cloudtrail',
  TableInput: { Name: 'logs', ...input },
});
const columns = (...cols: Array<[string, string]>) => ({
  StorageDescriptor: { Columns: cols.map(([Name, Type]) => ({ Name, Type })), Location: 's3://b/AWSLogs/' },
});

describe('names', () => {
  test("GLUE_DATABASE_NAME: 1 to 255 lowercase letters, digits and _, on the database and the table's DatabaseName; tokens pass", () => {
    expect(GLUE_DATABASE_NAME.check({ DatabaseInput: { Name: 'cloudtrail_logs_2' } })).toEqual([]);
    expect(GLUE_DATABASE_NAME.check({ DatabaseInput: { Name: { 'Fn::ImportValue': 'Db' } } })).toEqual([]);
    expect(GLUE_DATABASE_NAME.check({ DatabaseInput: { Name: 'CloudTrail' } })).toEqual([
      expect.objectContaining({ at: 'DatabaseInput.Name', fix: expect.stringMatching(/e\.g\. 'cloudtrail'$/) }),
    ]);
    expect(GLUE_DATABASE_NAME.check({ DatabaseInput: { Name: 'd'.repeat(256) } })[0].problem).toMatch(
      /256 characters long, outside 1 to 255/,
    );
    expect(GLUE_DATABASE_NAME.check(table({ DatabaseName: 'x' }) as any)).toEqual([]);
    expect(GLUE_DATABASE_NAME.check({ ...table({}), DatabaseName: 'my-db' }).map((f) => f.at)).toEqual([
      'DatabaseName',
    ]);
    expect(GLUE_DATABASE_NAME.check({ Name: 'q', QueryString: 'SELECT 1', Database: 'Logs' }).map((f) => f.at)).toEqual(
      ['Database'],
    );
  });

  test('GLUE_TABLE_NAME: the same family for TableInput.Name', () => {
    expect(GLUE_TABLE_NAME.check(table({}))).toEqual([]);
    expect(GLUE_TABLE_NAME.check(table({ Name: 'Logs.2024' }))).toEqual([
      expect.objectContaining({ value: 'Logs.2024', fix: expect.stringMatching(/'logs_2024'/) }),
    ]);
  });

  test('GLUE_COLUMN_NAME: lowercase, each once across columns and partition keys', () => {
    expect(
      GLUE_COLUMN_NAME.check(
        table({ ...columns(['eventtime', 'string']), PartitionKeys: [{ Name: 'region', Type: 'string' }] }),
      ),
    ).toEqual([]);
    expect(
      GLUE_COLUMN_NAME.check(
        table({
          ...columns(['eventTime', 'string'], ['region', 'string']),
          PartitionKeys: [{ Name: 'region', Type: 'string' }],
        }),
      ).map((f) => f.at),
    ).toEqual(['TableInput.StorageDescriptor.Columns[0].Name', 'TableInput.PartitionKeys[0].Name']);
  });
});

describe('GLUE_COLUMN_TYPE', () => {
  test('Hive types Athena reads, nested; anything else is reported', () => {
    for (const good of [
      'string',
      'bigint',
      'decimal(10,2)',
      'varchar(20)',
      'array<string>',
      'map<string,string>',
      'struct<type:string,arn:string,sessioncontext:struct<attributes:struct<mfaauthenticated:string>>>',
      'array<struct<a:int, b:array<map<string,double>>>>',
    ]) {
      expect([good, isHiveType(good)]).toEqual([good, true]);
    }
    for (const bad of [
      'text',
      'array<string',
      'struct<a string>',
      'map<string>',
      'varchar',
      'struct<>',
      'string,string',
    ]) {
      expect([bad, isHiveType(bad)]).toEqual([bad, false]);
    }
    expect(GLUE_COLUMN_TYPE.check(table(columns(['a', 'string'], ['b', 'json'])))).toEqual([
      expect.objectContaining({ at: 'TableInput.StorageDescriptor.Columns[1].Type', value: 'json' }),
    ]);
  });
});

describe('GLUE_PARTITION_PROJECTION', () => {
  const projected = (parameters: object, template = 's3://b/AWSLogs/${account}/CloudTrail/${region}/${day}/') =>
    table({
      PartitionKeys: [
        { Name: 'account', Type: 'string' },
        { Name: 'region', Type: 'string' },
        { Name: 'day', Type: 'string' },
      ],
      Parameters: { 'projection.enabled': 'true', 'storage.location.template': template, ...parameters },
    });
  const complete = {
    'projection.account.type': 'injected',
    'projection.region.type': 'enum',
    'projection.region.values': 'us-east-1',
    'projection.day.type': 'date',
    'projection.day.range': '2024/01/01,NOW',
    'projection.day.format': 'yyyy/MM/dd',
    'projection.day.interval.unit': 'DAYS',
  };

  test('a complete projection passes; without projection.enabled nothing is read', () => {
    expect(GLUE_PARTITION_PROJECTION.check(projected(complete))).toEqual([]);
    expect(
      GLUE_PARTITION_PROJECTION.check(table({ PartitionKeys: [{ Name: 'x', Type: 'string' }], Parameters: {} })),
    ).toEqual([]);
  });

  test('a key without a type, an unknown type, a missing enum list or date range, a bad unit, a template without a key', () => {
    const findings = GLUE_PARTITION_PROJECTION.check(
      projected(
        {
          ...complete,
          'projection.account.type': undefined,
          'projection.region.values': undefined,
          'projection.day.interval.unit': 'DAY',
          'projection.day.range': '2024/01/01',
        },
        's3://b/AWSLogs/${account}/CloudTrail/${region}/',
      ),
    );
    expect(findings.map((f) => f.at)).toEqual([
      'TableInput.Parameters.projection.account.type',
      'TableInput.Parameters.projection.region.values',
      'TableInput.Parameters.projection.day.range',
      'TableInput.Parameters.projection.day.interval.unit',
      'TableInput.Parameters.storage.location.template',
    ]);
    expect(
      GLUE_PARTITION_PROJECTION.check(projected({ ...complete, 'projection.region.type': 'list' }))[0].problem,
    ).toMatch(/not enum, integer, date or injected/);
  });

  test('a template joined with a token is read by its literal parts', () => {
    const joined = {
      'Fn::Join': ['', ['s3://', { Ref: 'Bucket' }, '/AWSLogs/${account}/CloudTrail/${region}/${day}/']],
    };
    expect(GLUE_PARTITION_PROJECTION.check(projected(complete, joined as any))).toEqual([]);
  });
});

describe('GLUE_TABLE_LOCATION', () => {
  test('an s3:// URI, literal or starting so', () => {
    expect(GLUE_TABLE_LOCATION.check(table(columns()))).toEqual([]);
    expect(
      GLUE_TABLE_LOCATION.check(
        table({ StorageDescriptor: { Location: { 'Fn::Join': ['', ['s3://', { Ref: 'B' }, '/AWSLogs/']] } } }),
      ),
    ).toEqual([]);
    expect(
      GLUE_TABLE_LOCATION.check(
        table({ StorageDescriptor: { Location: { 'Fn::Join': ['', [{ Ref: 'B' }, '/AWSLogs/']] } } }),
      ),
    ).toEqual([]);
    for (const bad of ['https://b.s3.amazonaws.com/AWSLogs/', 'b/AWSLogs/', 's3a://b/']) {
      expect(GLUE_TABLE_LOCATION.check(table({ StorageDescriptor: { Location: bad } }))).toHaveLength(1);
    }
  });
});

test('the table TrailLogTable makes passes every Glue rule (checked at synth on its final template)', () => {
  const stack = testStack();
  new TrailLogTable(stack, 'Logs', { bucket: new TrailBucket(stack, 'Bucket'), s3KeyPrefix: 'ct' });
  expect(() => Template.fromStack(stack)).not.toThrow();
});

test('an override that breaks the projection or location is reported with its rule id', () => {
  const stack = testStack();
  const t = new TrailLogTable(stack, 'Logs', { bucket: new TrailBucket(stack, 'Bucket') });
  t.cfnTable.addPropertyOverride('TableInput.Parameters.projection\\.region\\.type', 'list');
  t.cfnTable.addPropertyOverride('TableInput.StorageDescriptor.Location', 'file:///tmp/');
  t.cfnTable.addPropertyOverride('TableInput.StorageDescriptor.Columns.0.Name', 'EventVersion');
  const synth = () => Template.fromStack(stack);
  expect(synth).toThrow(
    /\[GLUE_PARTITION_PROJECTION\] TestStack\/Logs: TableInput.Parameters.projection.region.type \(prop partitionProjection\) 'list'/,
  );
  expect(synth).toThrow(
    /\[GLUE_TABLE_LOCATION\] TestStack\/Logs: TableInput.StorageDescriptor.Location \(prop location\) 'file:\/\/\/tmp\/' is not an s3:\/\/ URI/,
  );
  expect(synth).toThrow(
    /\[GLUE_COLUMN_NAME\] TestStack\/Logs: TableInput.StorageDescriptor.Columns\[0\].Name \(prop columns\) 'EventVersion'/,
  );
});
