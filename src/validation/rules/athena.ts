import { Duration, Size, Token } from 'aws-cdk-lib';
import { TrailRuleSeverity } from '../rule-info';
import { asBoolean, asLiteral, asNumber, isUnknown } from '../values';
import { at, literalHead, nameRule, resourceRule } from './iam';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';

/*
 * Athena's constraints on the workgroup and saved queries the query constructs make, over each resource's final
 * template
 * properties; and the constraints on the query constructs' props that no template shows (where each part is deployed,
 * units CloudFormation cannot convert), as rules over props.
 */

const WORKGROUP = 'AWS::Athena::WorkGroup';
const NAMED_QUERY = 'AWS::Athena::NamedQuery';
const WORKGROUP_NAME = /^[a-zA-Z0-9._-]+$/;

export const ATHENA_WORKGROUP_NAME = nameRule(
  {
    id: 'ATHENA_WORKGROUP_NAME',
    resourceType: `${WORKGROUP}, ${NAMED_QUERY}`,
    constraint: 'An Athena workgroup name is 1 to 128 letters, digits, periods, underscores and hyphens.',
    source:
      'Athena API CreateWorkGroup Name (pattern [a-zA-Z0-9._-]{1,128}) / CloudFormation AWS::Athena::WorkGroup Name, AWS::Athena::NamedQuery WorkGroup',
    cfnProperty: 'Name',
    prop: 'workGroupName',
    fix: "use 1 to 128 letters, digits, '.', '_' and '-', e.g. 'incident-response'",
    min: 1,
    max: 128,
    pattern: WORKGROUP_NAME,
    chars: "letters, digits, '.', '_' and '-'",
    rejected: 'Athena rejects it (InvalidRequestException)',
  },
  (props) =>
    props.WorkGroupConfiguration !== undefined || props.State !== undefined || props.QueryString === undefined
      ? [{ value: props.Name }]
      : [{ at: 'WorkGroup', value: props.WorkGroup }],
);

export const ATHENA_WORKGROUP_DESCRIPTION = resourceRule(
  {
    id: 'ATHENA_WORKGROUP_DESCRIPTION',
    resourceType: WORKGROUP,
    constraint: 'A workgroup description is at most 1,024 characters.',
    source: 'Athena API CreateWorkGroup Description (0-1024) / CloudFormation AWS::Athena::WorkGroup Description',
    cfnProperty: 'Description',
    prop: 'description',
    fix: 'shorten the description to 1,024 characters',
  },
  (props) => {
    const text = asLiteral(props.Description);
    return text === undefined || text.length <= 1024
      ? []
      : [{ value: text, problem: `is ${text.length} characters long, over 1,024; Athena rejects it` }];
  },
);

export const ATHENA_RESULT_LOCATION = resourceRule(
  {
    id: 'ATHENA_RESULT_LOCATION',
    resourceType: WORKGROUP,
    constraint: "A workgroup's query result location is an Amazon S3 URI, s3://bucket/prefix/.",
    source:
      'Athena API ResultConfiguration.OutputLocation ("the location in Amazon S3 ... s3://amzn-s3-demo-bucket/path/") / Athena User Guide, ' +
      'specifying a query result location',
    cfnProperty: 'WorkGroupConfiguration',
    prop: 'resultsBucket',
    fix: 'give the result location as s3://<bucket>/<prefix>/',
  },
  (props) => {
    const location = at(props, 'WorkGroupConfiguration.ResultConfiguration.OutputLocation');
    const head = literalHead(location);
    if (head === undefined) return [];
    const wrong =
      asLiteral(location) !== undefined
        ? !/^s3:\/\/[^/\s]+(\/.*)?$/.test(head)
        : !('s3://'.startsWith(head) || head.startsWith('s3://'));
    return wrong
      ? [
          {
            at: 'WorkGroupConfiguration.ResultConfiguration.OutputLocation',
            value: head,
            problem: 'is not an s3:// URI; Athena rejects it',
          },
        ]
      : [];
  },
);

export const ATHENA_ENFORCE_WORKGROUP_CONFIGURATION = resourceRule(
  {
    id: 'ATHENA_ENFORCE_WORKGROUP_CONFIGURATION',
    resourceType: WORKGROUP,
    constraint:
      'Unless a workgroup enforces its configuration, each client may send query results elsewhere, unencrypted, and lift the bytes ' +
      'scanned cutoff.',
    source:
      'Athena User Guide, override client-side settings (EnforceWorkGroupConfiguration) / Athena API WorkGroupConfiguration',
    cfnProperty: 'WorkGroupConfiguration',
    prop: 'enforceWorkGroupConfiguration',
    fix: 'set WorkGroupConfiguration.EnforceWorkGroupConfiguration to true (TrailQueryWorkGroup does), or acknowledge',
    severity: TrailRuleSeverity.WARNING,
  },
  (props) =>
    asBoolean(at(props, 'WorkGroupConfiguration.EnforceWorkGroupConfiguration')) === false
      ? [
          {
            at: 'WorkGroupConfiguration.EnforceWorkGroupConfiguration',
            value: false,
            problem: 'lets clients override the result location, its encryption and the cutoff',
          },
        ]
      : [],
);

export const ATHENA_BYTES_SCANNED_CUTOFF = resourceRule(
  {
    id: 'ATHENA_BYTES_SCANNED_CUTOFF',
    resourceType: WORKGROUP,
    constraint: "A workgroup's bytes scanned cutoff per query is at least 10,000,000 bytes (10 MB).",
    source:
      'Athena API WorkGroupConfiguration.BytesScannedCutoffPerQuery (minimum 10000000) / CloudFormation AWS::Athena::WorkGroup',
    cfnProperty: 'WorkGroupConfiguration',
    prop: 'bytesScannedCutoffPerQuery',
    fix: 'use Size.mebibytes(10) or more',
  },
  (props) => {
    const value = at(props, 'WorkGroupConfiguration.BytesScannedCutoffPerQuery');
    const bytes = asNumber(value);
    return bytes === undefined || Number.isNaN(bytes) || bytes >= 10_000_000
      ? []
      : [
          {
            at: 'WorkGroupConfiguration.BytesScannedCutoffPerQuery',
            value: `${bytes} bytes`,
            problem: 'is under 10,000,000 (10 MB); Athena rejects it',
          },
        ];
  },
);

/** A length limit on a literal string property of a named query. */
function queryLength(
  id: string,
  cfnProperty: string,
  prop: string,
  min: number,
  max: number,
  unit: 'characters' | 'bytes',
  source: string,
  fix: string,
) {
  return resourceRule(
    {
      id,
      resourceType: NAMED_QUERY,
      cfnProperty,
      prop,
      fix,
      source,
      constraint: `A saved query's ${cfnProperty} is ${min} to ${max.toLocaleString('en-US')} ${unit}.`,
    },
    (props) => {
      const text = asLiteral(props[cfnProperty]);
      if (text === undefined) return [];
      const size = unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : [...text].length;
      return size >= min && size <= max
        ? []
        : [
            {
              value: text,
              problem: `is ${size} ${unit}, outside ${min} to ${max.toLocaleString('en-US')}; Athena rejects it`,
            },
          ];
    },
  );
}

export const ATHENA_NAMED_QUERY_NAME = queryLength(
  'ATHENA_NAMED_QUERY_NAME',
  'Name',
  'name',
  1,
  128,
  'characters',
  'Athena API CreateNamedQuery Name (1-128) / CloudFormation AWS::Athena::NamedQuery Name',
  'give a name of 1 to 128 characters',
);
export const ATHENA_NAMED_QUERY_DESCRIPTION = queryLength(
  'ATHENA_NAMED_QUERY_DESCRIPTION',
  'Description',
  'description',
  1,
  1024,
  'characters',
  'Athena API CreateNamedQuery Description (1-1024) / CloudFormation AWS::Athena::NamedQuery Description',
  'give a description of 1 to 1,024 characters',
);
export const ATHENA_QUERY_STRING_SIZE = queryLength(
  'ATHENA_QUERY_STRING_SIZE',
  'QueryString',
  'queryString',
  1,
  262144,
  'bytes',
  'Athena API CreateNamedQuery QueryString (1-262144) / Athena service quotas: query string length 262,144 bytes',
  'shorten the query to 262,144 bytes',
);

export const ATHENA_RESOURCE_RULES_BY_TYPE: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  [WORKGROUP]: [
    ATHENA_WORKGROUP_NAME,
    ATHENA_WORKGROUP_DESCRIPTION,
    ATHENA_RESULT_LOCATION,
    ATHENA_ENFORCE_WORKGROUP_CONFIGURATION,
    ATHENA_BYTES_SCANNED_CUTOFF,
  ],
  [NAMED_QUERY]: [
    ATHENA_WORKGROUP_NAME,
    ATHENA_NAMED_QUERY_NAME,
    ATHENA_NAMED_QUERY_DESCRIPTION,
    ATHENA_QUERY_STRING_SIZE,
  ],
};

/* ---- Rules over the query constructs' props: what the template does not show. ---- */

/** Where a construct (or a construct it is given) is deployed: its stack's account and Region, literal or a token. */
export interface Placement {
  readonly path: string;
  readonly account: string;
  readonly region: string;
}

/** A query construct and the constructs it is given, each by the prop that holds it. */
export interface PlacementInput {
  readonly own: Placement;
  readonly given: Readonly<Record<string, Placement | undefined>>;
}

const literal = (value: string) => !Token.isUnresolved(value);

export const QUERY_SAME_ENVIRONMENT: Rule<PlacementInput> = {
  id: 'QUERY_SAME_ENVIRONMENT',
  resourceType: `${WORKGROUP}, ${NAMED_QUERY}`,
  constraint:
    'A workgroup, its saved queries and the Glue table they query are in one account and Region: a saved query names its database ' +
    'in the Data Catalog of its own account and Region.',
  source:
    'Athena API CreateNamedQuery (Database: "the database to which the query belongs", in the caller\'s Data Catalog) / Athena User Guide, ' +
    'cross-account access to Glue data catalogs (needs a registered catalog, which these constructs do not make)',
  cfnProperty: '-',
  prop: '-',
  fix:
    'make the TrailLogTable, TrailQueryWorkGroup and TrailInvestigations in stacks of the same account and Region (a table in the ' +
    'log-archive account is queried from a workgroup in that account)',
  severity: TrailRuleSeverity.ERROR,
  check: ({ own, given }) =>
    Object.entries(given).flatMap(([prop, other]): RuleFinding[] => {
      if (other === undefined) return [];
      const differs = (a: string, b: string) => literal(a) && literal(b) && a !== b;
      const keys = [
        ...(differs(own.account, other.account) ? ['account'] : []),
        ...(differs(own.region, other.region) ? ['region'] : []),
      ] as const;
      if (keys.length === 0) return [];
      const where = (p: Placement) =>
        keys.map((k) => (k === 'account' ? `account ${p.account}` : `Region ${p.region}`)).join(' and ');
      return [
        {
          at: prop,
          value: other.path,
          problem: `is in ${where(other)}, but this construct is in ${where(own)}; Athena would look for it in the wrong Data Catalog`,
        },
      ];
    }),
};

/** The props whose lists a table projects as enums. */
export type ProjectedLists = Readonly<Record<string, readonly string[] | undefined | null>>;

export const QUERY_PROJECTED_VALUES: Rule<ProjectedLists> = {
  id: 'QUERY_PROJECTED_VALUES',
  resourceType: 'AWS::Glue::Table',
  constraint:
    'An enum partition projection lists at least one value, each once, none holding a comma (projection.<key>.values is comma-separated).',
  source: 'Athena User Guide, partition projection: enum type (projection.columnName.values, a comma-separated list)',
  cfnProperty: '-',
  prop: '-',
  fix: 'list each value once, without commas, or leave the prop out for the default',
  severity: TrailRuleSeverity.ERROR,
  check: (lists) =>
    Object.entries(lists).flatMap(([prop, values]): RuleFinding[] => {
      if (values === undefined || values === null || isUnknown(values)) return [];
      if (values.length === 0) {
        return [{ at: prop, value: '[]', problem: 'is empty, so the table would find no log files' }];
      }
      const seen = new Set<string>();
      return values.flatMap((v, i): RuleFinding[] => {
        if (typeof v !== 'string' || isUnknown(v)) return [];
        const found: RuleFinding[] = [];
        if (v.includes(',')) {
          found.push({
            at: `${prop}[${i}]`,
            value: v,
            problem: "contains ',', which separates the values Athena projects",
          });
        }
        if (seen.has(v)) found.push({ at: `${prop}[${i}]`, value: v, problem: 'is listed twice' });
        seen.add(v);
        return found;
      });
    }),
};

const DAY = /^(\d{4})\/(\d{2})\/(\d{2})$/;

export const QUERY_LOGS_SINCE: Rule<{ logsSince?: string | null }> = {
  id: 'QUERY_LOGS_SINCE',
  resourceType: 'AWS::Glue::Table',
  constraint:
    'The first day of a date projection is a day written in its format, yyyy/MM/dd (the folders CloudTrail writes).',
  source:
    'Athena User Guide, partition projection: date type (projection.columnName.range in projection.columnName.format) / CloudTrail ' +
    'User Guide, finding your CloudTrail log files (YYYY/MM/DD folders)',
  cfnProperty: '-',
  prop: 'logsSince',
  fix: "give a day that exists, as yyyy/MM/dd, e.g. '2024/01/31'",
  severity: TrailRuleSeverity.ERROR,
  check: ({ logsSince }) => {
    if (logsSince === undefined || logsSince === null || isUnknown(logsSince)) return [];
    const match = DAY.exec(logsSince);
    const valid =
      match !== null &&
      (() => {
        const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
        const date = new Date(Date.UTC(year, month - 1, day));
        return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
      })();
    return valid
      ? []
      : [
          {
            value: logsSince,
            problem:
              "is not a day written as yyyy/MM/dd (the format of CloudTrail's folders); Athena fails every query",
          },
        ];
  },
};

export const QUERY_S3_KEY_PREFIX_LENGTH: Rule<{ s3KeyPrefix?: string | null }> = {
  id: 'QUERY_S3_KEY_PREFIX_LENGTH',
  resourceType: 'AWS::Glue::Table',
  constraint:
    "A table reads the prefix a trail writes under, and a trail's S3 key prefix has at most 200 characters (as S3_KEY_PREFIX_LENGTH).",
  source: 'CloudTrail API CreateTrail S3KeyPrefix (maximum 200), InvalidS3PrefixException',
  cfnProperty: '-',
  prop: 's3KeyPrefix',
  fix: 'give the prefix exactly as the trail has it',
  severity: TrailRuleSeverity.ERROR,
  check: ({ s3KeyPrefix }) =>
    s3KeyPrefix === undefined || s3KeyPrefix === null || isUnknown(s3KeyPrefix) || s3KeyPrefix.length <= 200
      ? []
      : [{ value: s3KeyPrefix, problem: `has ${s3KeyPrefix.length} characters, over 200, so no trail writes there` }],
};

export const QUERY_RESULTS_EXPIRATION: Rule<{ resultsExpiration?: Duration | null }> = {
  id: 'QUERY_RESULTS_EXPIRATION',
  resourceType: 'AWS::S3::Bucket',
  constraint:
    'S3 expires objects after a whole number of days, one at least (LifecycleConfiguration Rule ExpirationInDays).',
  source:
    'S3 API LifecycleExpiration Days ("must be a non-zero positive integer") / CloudFormation AWS::S3::Bucket Rule ExpirationInDays',
  cfnProperty: '-',
  prop: 'resultsExpiration',
  fix: 'give whole days, e.g. Duration.days(30)',
  severity: TrailRuleSeverity.ERROR,
  check: ({ resultsExpiration }) => {
    if (resultsExpiration === undefined || resultsExpiration === null || resultsExpiration.isUnresolved()) return [];
    const days = resultsExpiration.toDays({ integral: false });
    return Number.isInteger(days) && days >= 1
      ? []
      : [{ value: resultsExpiration.toHumanString(), problem: 'is not a whole number of days, one at least' }];
  },
};

export const QUERY_SIZE_IN_BYTES: Rule<{ bytesScannedCutoffPerQuery?: Size | null }> = {
  id: 'QUERY_SIZE_IN_BYTES',
  resourceType: WORKGROUP,
  constraint:
    'BytesScannedCutoffPerQuery is a number of bytes; a size known only at deploy time cannot be converted to bytes at synth.',
  source: 'CloudFormation AWS::Athena::WorkGroup WorkGroupConfiguration.BytesScannedCutoffPerQuery (integer, bytes)',
  cfnProperty: '-',
  prop: 'bytesScannedCutoffPerQuery',
  fix: 'give a size known only at deploy time in bytes: Size.bytes(parameter.valueAsNumber)',
  severity: TrailRuleSeverity.ERROR,
  check: ({ bytesScannedCutoffPerQuery: size }) => {
    if (size === undefined || size === null || !size.isUnresolved()) return [];
    try {
      size.toBytes();
      return [];
    } catch {
      return [
        {
          problem:
            'is a size known only at deploy time in a unit other than bytes, which CloudFormation cannot convert',
        },
      ];
    }
  },
};

/**
 * A name a construct gives its resource, and the other constructs of the app that give theirs the same in the same
 * account and Region.
 */
export interface NameClash {
  readonly name?: string;
  readonly others: readonly string[];
}

export const QUERY_NAME_UNIQUE: Rule<NameClash> = {
  id: 'QUERY_NAME_UNIQUE',
  resourceType: 'AWS::Glue::Database, AWS::Athena::WorkGroup',
  constraint:
    'A Glue database name, and an Athena workgroup name, is unique in an account and Region (AlreadyExistsException, InvalidRequestException).',
  source:
    'Glue API CreateDatabase errors AlreadyExistsException / Athena API CreateWorkGroup errors InvalidRequestException',
  cfnProperty: '-',
  prop: 'name',
  fix: "give one of them another name, or leave the names out for names derived from each construct's path",
  severity: TrailRuleSeverity.ERROR,
  check: ({ name, others }) =>
    name === undefined || isUnknown(name)
      ? []
      : others.map((other) => ({
          value: name,
          problem: `is also the name of ${other} in the same account and Region; CloudFormation would fail to create the second`,
        })),
};

export const ATHENA_RULES: readonly Rule<any>[] = [
  QUERY_NAME_UNIQUE,
  ATHENA_WORKGROUP_NAME,
  ATHENA_WORKGROUP_DESCRIPTION,
  ATHENA_RESULT_LOCATION,
  ATHENA_ENFORCE_WORKGROUP_CONFIGURATION,
  ATHENA_BYTES_SCANNED_CUTOFF,
  ATHENA_NAMED_QUERY_NAME,
  ATHENA_NAMED_QUERY_DESCRIPTION,
  ATHENA_QUERY_STRING_SIZE,
  QUERY_SAME_ENVIRONMENT,
  QUERY_PROJECTED_VALUES,
  QUERY_LOGS_SINCE,
  QUERY_S3_KEY_PREFIX_LENGTH,
  QUERY_RESULTS_EXPIRATION,
  QUERY_SIZE_IN_BYTES,
];

export const ATHENA_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'ATHENA_RESULT_LOCATION_REGION',
    resourceType: WORKGROUP,
    constraint:
      "The query result bucket is in the workgroup's Region (Athena writes results only to a bucket of its Region).",
    source: 'Athena User Guide, specifying a query result location ("must be in the same Region as the workgroup")',
    unchecked:
      "an S3 URI does not say the bucket's Region; TrailQueryWorkGroup makes its results bucket in its own stack, so in its Region, " +
      'and a location overridden to an imported bucket is reported by Athena at the first query',
  },
  {
    id: 'ATHENA_WORKGROUP_NAME_UNIQUE',
    resourceType: WORKGROUP,
    constraint:
      'A workgroup name is unique in the account and Region (InvalidRequestException: WorkGroup is already created).',
    source: 'Athena API CreateWorkGroup errors InvalidRequestException',
    unchecked:
      'workgroups the account already holds are not known at synth; two TrailQueryWorkGroups of one app in one account and Region are ' +
      'reported (QUERY_NAME_UNIQUE)',
  },
  {
    id: 'ATHENA_NAMED_QUERIES_PER_WORKGROUP',
    resourceType: NAMED_QUERY,
    constraint: 'An account holds at most 1,000 saved queries per workgroup by default.',
    source: 'Athena User Guide, service quotas (saved queries)',
    unchecked: 'the saved queries a workgroup already holds are not known at synth; TrailInvestigations saves eight',
  },
];
