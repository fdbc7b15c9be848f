import { Template } from 'aws-cdk-lib/assertions';
import { Hive, parseHiveType } from './hive';
import { NOT_IN_GUIDE_TABLE, SAMPLE_RECORDS } from './sample-records';
import { SecureTrail, TrailLogTable } from '../../src';
import { onlyResource, testStack } from '../helpers';

/*
 * The table's schema against CloudTrail records written from the documented record shape: every field of every
 * sample maps (case-insensitively, as the JSON SerDe reads it) to a column, or a struct field, of a kind that holds
 * it. JSON objects whose shape depends on the API are the guide's STRING columns (they hold the JSON text).
 */

const stack = testStack();
new TrailLogTable(stack, 'Logs', { trail: new SecureTrail(stack, 'Trail') });
const table = onlyResource(Template.fromStack(stack), 'AWS::Glue::Table').Properties.TableInput;
const COLUMNS = new Map<string, Hive>(table.StorageDescriptor.Columns.map((c: any) => [c.Name, parseHiveType(c.Type)]));
const JSON_TEXT = [
  'requestparameters',
  'responseelements',
  'additionaleventdata',
  'serviceeventdetails',
  'edgedevicedetails',
];

/** What does not fit, as `path: reason`. */
function misfits(path: string, value: unknown, type: Hive | undefined): string[] {
  if (type === undefined) return [`${path}: no column or field`];
  if (value === null) return [];
  if (type.kind === 'string') {
    if (typeof value !== 'object') return [];
    return JSON_TEXT.includes(path)
      ? []
      : [`${path}: an object in a string column that is not one of the JSON-text columns`];
  }
  if (type.kind === 'array') {
    return Array.isArray(value)
      ? value.flatMap((v, i) => misfits(`${path}[${i}]`, v, type.of))
      : [`${path}: not an array`];
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
  const entries = Object.entries(value as Record<string, unknown>);
  if (type.kind === 'map') return entries.flatMap(([k, v]) => misfits(`${path}.${k}`, v, type.value));
  return entries.flatMap(([k, v]) => misfits(`${path}.${k.toLowerCase()}`, v, type.fields.get(k.toLowerCase())));
}

describe.each(SAMPLE_RECORDS.map((record) => [`${record.eventName} (${record.eventType})`, record] as const))(
  '%s',
  (_name, record) => {
    test('every field maps to a column or struct field that holds it', () => {
      const problems = Object.entries(record)
        .filter(([field]) => !(field in NOT_IN_GUIDE_TABLE))
        .flatMap(([field, value]) => misfits(field.toLowerCase(), value, COLUMNS.get(field.toLowerCase())));
      expect(problems).toEqual([]);
    });
  },
);

test('the samples cover every column, and no column is a partition key', () => {
  const seen = new Set(SAMPLE_RECORDS.flatMap((r) => Object.keys(r).map((k) => k.toLowerCase())));
  expect([...COLUMNS.keys()].filter((c) => !seen.has(c))).toEqual([]);
  for (const key of table.PartitionKeys) expect(COLUMNS.has(key.Name)).toBe(false);
});

test('the fields the guide leaves out are documented ones, each with a reason, and really absent', () => {
  for (const [field, reason] of Object.entries(NOT_IN_GUIDE_TABLE)) {
    expect(COLUMNS.has(field.toLowerCase())).toBe(false);
    expect(SAMPLE_RECORDS.some((r) => field in r)).toBe(true);
    expect(reason.length).toBeGreaterThan(10);
  }
});

test('the check finds a field without a column, an object in a plain string column and a missing struct field', () => {
  expect(misfits('managementevent', true, COLUMNS.get('managementevent'))).toEqual([
    'managementevent: no column or field',
  ]);
  expect(misfits('eventname', { a: 1 }, COLUMNS.get('eventname'))).toEqual([
    'eventname: an object in a string column that is not one of the JSON-text columns',
  ]);
  expect(misfits('useridentity', { sessionContext: { sourceIdentity: 'x' } }, COLUMNS.get('useridentity'))).toEqual([
    'useridentity.sessioncontext.sourceidentity: no column or field',
  ]);
  expect(misfits('resources', { arn: 'x' }, COLUMNS.get('resources'))).toEqual(['resources: not an array']);
});
