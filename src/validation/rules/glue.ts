import { asList, asLiteral, asObject } from '../values';
import { at, literalHead, nameRule, resourceRule } from './iam';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';

/*
 * Glue's constraints on the database and table a TrailLogTable makes, as Athena reads them, over each resource's final
 * template properties: a name given, derived or overridden (`addPropertyOverride('DatabaseInput.Name', ...)`) is
 * checked
 * the same way.
 */

const DATABASE = 'AWS::Glue::Database';
const TABLE = 'AWS::Glue::Table';
const ATHENA_NAMES =
  'Athena User Guide, names for tables, databases and columns (lowercase letters, numbers and underscore; 255 characters)';
const ATHENA_NAME = /^[a-z0-9_]+$/;
/** A name Athena can query, close to the one given. */
const lowercase = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 255) || 'cloudtrail_logs';
const NAME_REJECTED =
  "Athena cannot query it (Glue stores names lowercase, and Athena reads only lowercase letters, digits and '_')";

export const GLUE_DATABASE_NAME = nameRule(
  {
    id: 'GLUE_DATABASE_NAME',
    resourceType: `${DATABASE}, ${TABLE}, AWS::Athena::NamedQuery`,
    constraint: 'A Glue database name Athena can query is 1 to 255 lowercase letters, digits and underscores.',
    source: `${ATHENA_NAMES} / Glue API DatabaseInput.Name (1-255) / CloudFormation AWS::Glue::Database`,
    cfnProperty: 'DatabaseInput',
    prop: 'databaseName',
    fix: "use 1 to 255 lowercase letters, digits and '_', e.g. 'cloudtrail_logs'",
    min: 1,
    max: 255,
    pattern: ATHENA_NAME,
    chars: "lowercase letters, digits and '_'",
    rejected: NAME_REJECTED,
    suggest: lowercase,
  },
  (props) => [
    ...(props.DatabaseInput !== undefined
      ? [{ at: 'DatabaseInput.Name', value: at(props, 'DatabaseInput.Name') }]
      : []),
    ...(props.DatabaseName !== undefined ? [{ at: 'DatabaseName', value: props.DatabaseName }] : []),
    // A saved query names the database it runs in; a table of another implementation of ITrailLogTable may give any
    // name.
    ...(props.QueryString !== undefined && props.Database !== undefined
      ? [{ at: 'Database', value: props.Database }]
      : []),
  ],
);

export const GLUE_TABLE_NAME = nameRule(
  {
    id: 'GLUE_TABLE_NAME',
    resourceType: TABLE,
    constraint: 'A Glue table name Athena can query is 1 to 255 lowercase letters, digits and underscores.',
    source: `${ATHENA_NAMES} / Glue API TableInput.Name (1-255)`,
    cfnProperty: 'TableInput',
    prop: 'tableName',
    fix: "use 1 to 255 lowercase letters, digits and '_', e.g. 'cloudtrail_logs'",
    min: 1,
    max: 255,
    pattern: ATHENA_NAME,
    chars: "lowercase letters, digits and '_'",
    rejected: NAME_REJECTED,
    suggest: lowercase,
  },
  (props) => [{ at: 'TableInput.Name', value: at(props, 'TableInput.Name') }],
);

/** The columns and partition keys of a table, with where each is. */
function columns(props: Properties): Array<{ at: string; name: unknown; type: unknown }> {
  const list = (path: string, where: string) =>
    (asList(at(props, path)) ?? []).flatMap((c, i) => {
      const obj = asObject(c);
      return obj ? [{ at: `${where}[${i}]`, name: obj.Name, type: obj.Type }] : [];
    });
  return [
    ...list('TableInput.StorageDescriptor.Columns', 'TableInput.StorageDescriptor.Columns'),
    ...list('TableInput.PartitionKeys', 'TableInput.PartitionKeys'),
  ];
}

export const GLUE_COLUMN_NAME = resourceRule(
  {
    id: 'GLUE_COLUMN_NAME',
    resourceType: TABLE,
    constraint:
      'A column or partition key name Athena can query is 1 to 255 lowercase letters, digits and underscores, each once in the table.',
    source: `${ATHENA_NAMES} / Glue API Column.Name (1-255)`,
    cfnProperty: 'TableInput',
    prop: 'columns',
    fix: "name each column once, in lowercase letters, digits and '_'",
  },
  (props) => {
    const seen = new Set<string>();
    return columns(props).flatMap(({ at: where, name }): RuleFinding[] => {
      const text = asLiteral(name);
      if (text === undefined) {
        return name === undefined ? [{ at: `${where}.Name`, problem: 'is missing; Glue requires a column name' }] : [];
      }
      const found: RuleFinding[] = [];
      if (text.length < 1 || text.length > 255 || !ATHENA_NAME.test(text)) {
        found.push({
          at: `${where}.Name`,
          value: text,
          problem: `is not 1 to 255 lowercase letters, digits and '_'; ${NAME_REJECTED}`,
        });
      } else if (seen.has(text)) {
        found.push({
          at: `${where}.Name`,
          value: text,
          problem: 'names a second column of the table; Athena fails on the table (HIVE_INVALID_METADATA)',
        });
      }
      seen.add(text);
      return found;
    });
  },
);

const PRIMITIVES =
  /^(boolean|tinyint|smallint|int|integer|bigint|float|double|string|binary|date|timestamp|decimal(\(\d+(,\d+)?\))?|(var)?char\(\d+\))$/;

/** Whether `type` is a Hive type Athena reads: a primitive, or array<T>, map<K,V>, struct<name:T,...>. */
export function isHiveType(type: string): boolean {
  let i = 0;
  const text = type.replace(/\s+/g, '').toLowerCase();
  const name = (): string => {
    const m = /^[a-z0-9_]+(\(\d+(,\d+)?\))?/.exec(text.slice(i));
    if (!m) return '';
    i += m[0].length;
    return m[0];
  };
  const expect = (c: string) => (text[i] === c ? (i++, true) : false);
  const parse = (): boolean => {
    const head = name();
    if (head === 'array') return expect('<') && parse() && expect('>');
    if (head === 'map') return expect('<') && parse() && expect(',') && parse() && expect('>');
    if (head === 'struct') {
      if (!expect('<')) return false;
      do {
        if (!/^[a-z0-9_]+$/.test(name()) || !expect(':') || !parse()) return false;
      } while (expect(','));
      return expect('>');
    }
    return PRIMITIVES.test(head);
  };
  return parse() && i === text.length;
}

export const GLUE_COLUMN_TYPE = resourceRule(
  {
    id: 'GLUE_COLUMN_TYPE',
    resourceType: TABLE,
    constraint:
      'A column type is a Hive data type Athena reads: a primitive (string, bigint, boolean, timestamp, ...) or array<>, map<> or struct<> of them.',
    source: 'Athena User Guide, data types in Amazon Athena / Glue API Column.Type (0-131072)',
    cfnProperty: 'TableInput',
    prop: 'columns',
    fix: "use Athena's Hive type names, e.g. 'string', 'array<string>', 'struct<name:string,id:bigint>'",
  },
  (props) =>
    columns(props).flatMap(({ at: where, type }): RuleFinding[] => {
      const text = asLiteral(type);
      if (text === undefined) return [];
      return isHiveType(text)
        ? []
        : [
            {
              at: `${where}.Type`,
              value: text,
              problem: 'is not a Hive type Athena reads; queries of the table fail (HIVE_METASTORE_ERROR)',
            },
          ];
    }),
);

/** The projection types, each with the parameters it needs besides its type. */
const PROJECTION_NEEDS: Readonly<Record<string, readonly string[]>> = {
  enum: ['values'],
  integer: ['range'],
  date: ['range', 'format'],
  injected: [],
};
const PROJECTION_TYPES = Object.keys(PROJECTION_NEEDS);
const DATE_UNITS = ['YEARS', 'MONTHS', 'WEEKS', 'DAYS', 'HOURS', 'MINUTES', 'SECONDS', 'MILLISECONDS'];

export const GLUE_PARTITION_PROJECTION = resourceRule(
  {
    id: 'GLUE_PARTITION_PROJECTION',
    resourceType: TABLE,
    constraint:
      'With projection.enabled, each partition key has a projection type (enum, integer, date, injected) and what it needs: enum values, ' +
      'integer and date ranges, a date format and interval unit; storage.location.template holds ${key} for each partition key.',
    source:
      'Athena User Guide, partition projection: supported types for partition projection, setting up partition projection (storage.location.template)',
    cfnProperty: 'TableInput',
    prop: 'partitionProjection',
    fix: 'give each partition key projection.<key>.type and its properties, and name each key in storage.location.template',
  },
  (props) => {
    const params = asObject(at(props, 'TableInput.Parameters'));
    if (params === undefined || asLiteral(params['projection.enabled'])?.toLowerCase() !== 'true') return [];
    const where = 'TableInput.Parameters';
    const findings: RuleFinding[] = [];
    const keys = (asList(at(props, 'TableInput.PartitionKeys')) ?? [])
      .map((k) => asLiteral(asObject(k)?.Name))
      .filter((k): k is string => k !== undefined);
    const present = (name: string) => params[name] !== undefined && params[name] !== '';
    for (const key of keys) {
      const p = (suffix: string) => `projection.${key}.${suffix}`;
      const type = params[p('type')];
      if (type === undefined) {
        findings.push({
          at: `${where}.${p('type')}`,
          problem: 'is missing; Athena fails every query of the table (HIVE_METASTORE_ERROR)',
        });
        continue;
      }
      const text = asLiteral(type);
      if (text === undefined) continue;
      if (!PROJECTION_TYPES.includes(text)) {
        findings.push({ at: `${where}.${p('type')}`, value: text, problem: 'is not enum, integer, date or injected' });
        continue;
      }
      for (const need of PROJECTION_NEEDS[text].filter((n) => !present(p(n)))) {
        findings.push({ at: `${where}.${p(need)}`, problem: `is missing; a ${text} projection needs it` });
      }
      const range = asLiteral(params[p('range')]);
      if (text === 'date' && range !== undefined && range.split(',').length !== 2) {
        findings.push({
          at: `${where}.${p('range')}`,
          value: range,
          problem: 'is not two dates separated by a comma (the first day, and the last or NOW)',
        });
      }
      const unit = asLiteral(params[p('interval.unit')]);
      if (unit !== undefined && !DATE_UNITS.includes(unit)) {
        findings.push({
          at: `${where}.${p('interval.unit')}`,
          value: unit,
          problem: `is not one of ${DATE_UNITS.join(', ')}`,
        });
      }
    }
    const template = literalHead(params['storage.location.template']);
    const full = asLiteral(params['storage.location.template']);
    for (const key of keys) {
      // The ${key} placeholders are literal text even in a template joined with a token, so the joined parts are read.
      const text = full ?? flatText(params['storage.location.template']);
      if (text !== undefined && !text.includes(`\${${key}}`)) {
        findings.push({
          at: `${where}.storage.location.template`,
          value: template ?? text,
          problem: `does not name the partition key \${${key}}; Athena then cannot find its partitions`,
        });
      }
    }
    return findings;
  },
);

/** The literal parts of a `Fn::Join`, joined, with every token left out; undefined for anything else. */
function flatText(value: unknown): string | undefined {
  const join = asObject(value)?.['Fn::Join'];
  if (!Array.isArray(join) || !Array.isArray(join[1])) return undefined;
  return join[1]
    .map((part: unknown) => (typeof part === 'string' ? part : ''))
    .join(typeof join[0] === 'string' ? join[0] : '');
}

export const GLUE_TABLE_LOCATION = resourceRule(
  {
    id: 'GLUE_TABLE_LOCATION',
    resourceType: TABLE,
    constraint: 'The location of a table Athena queries is an Amazon S3 URI: s3://bucket/prefix/.',
    source:
      'Athena User Guide, table location in Amazon S3 (LOCATION must be an s3:// path) / Glue API StorageDescriptor.Location',
    cfnProperty: 'TableInput',
    prop: 'location',
    fix: 'give the location as s3://<bucket>/<prefix>/',
  },
  (props) => {
    const location = at(props, 'TableInput.StorageDescriptor.Location');
    const head = literalHead(location);
    if (head === undefined) return [];
    const known = asLiteral(location) !== undefined;
    const wrong = known
      ? !/^s3:\/\/[^/\s]+(\/.*)?$/.test(head)
      : !('s3://'.startsWith(head) || head.startsWith('s3://'));
    return wrong
      ? [
          {
            at: 'TableInput.StorageDescriptor.Location',
            value: head,
            problem: 'is not an s3:// URI; Athena cannot read the table (it reads Amazon S3 only)',
          },
        ]
      : [];
  },
);

export const GLUE_RULES_BY_TYPE: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  [DATABASE]: [GLUE_DATABASE_NAME],
  [TABLE]: [
    GLUE_DATABASE_NAME,
    GLUE_TABLE_NAME,
    GLUE_COLUMN_NAME,
    GLUE_COLUMN_TYPE,
    GLUE_PARTITION_PROJECTION,
    GLUE_TABLE_LOCATION,
  ],
};

export const GLUE_RULES: readonly Rule<Properties>[] = [
  GLUE_DATABASE_NAME,
  GLUE_TABLE_NAME,
  GLUE_COLUMN_NAME,
  GLUE_COLUMN_TYPE,
  GLUE_PARTITION_PROJECTION,
  GLUE_TABLE_LOCATION,
];

export const GLUE_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'GLUE_NAME_UNIQUE_IN_CATALOG',
    resourceType: DATABASE,
    constraint:
      "A database name is unique in the account's Data Catalog in a Region, and a table name in its database (AlreadyExistsException).",
    source: 'Glue API CreateDatabase / CreateTable errors AlreadyExistsException',
    unchecked:
      'databases the catalog already holds are not known at synth; two TrailLogTables of one app in one account and Region are ' +
      'reported (QUERY_NAME_UNIQUE)',
  },
  {
    id: 'GLUE_LAKE_FORMATION_PERMISSIONS',
    resourceType: TABLE,
    constraint:
      'In an account where Lake Formation manages the Data Catalog, creating and querying a table needs Lake Formation grants as well as IAM.',
    source: 'Lake Formation Developer Guide, changing the default settings for your data lake (IAMAllowedPrincipals)',
    unchecked:
      "the account's Lake Formation settings are not known at synth; the deploy (or the first query) reports AccessDeniedException",
  },
];
