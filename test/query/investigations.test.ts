import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseHiveType, typeAt } from './hive';
import { SAMPLE_RECORDS } from './sample-records';
import {
  aliases,
  columnPaths,
  conjuncts,
  isParameterEquality,
  isParameterRange,
  parseQuery,
  tablesOf,
} from './sql-columns';
import { SecureTrail, TrailBucket, TrailInvestigations, TrailLogTable, TrailQueryWorkGroup } from '../../src';
import { TAMPER_EVENTS } from '../../src/policies/tamper-events';
import { cisIamPolicyEventNames } from '../../src/query/private/investigations';
import { testStack } from '../helpers';

/*
 * The saved investigations as deployed (the QueryString of each AWS::Athena::NamedQuery), read by a SQL parser:
 * each is one SELECT over the table, names only columns the table has (struct fields included) and fields CloudTrail
 * writes, reads only a range of days (and one account when the table cannot list them), and takes as many
 * parameters as its description lists.
 */

interface Deployed {
  readonly stack: Stack;
  readonly table: TrailLogTable;
  readonly queries: Array<{
    id: string;
    name: string;
    description: string;
    sql: string;
    workGroup: unknown;
    database: string;
  }>;
}

function deploy(make: (stack: Stack) => TrailLogTable): Deployed {
  const stack = testStack();
  const table = make(stack);
  const workGroup = new TrailQueryWorkGroup(stack, 'Queries', { table });
  new TrailInvestigations(stack, 'Investigations', { workGroup });
  const resources = Template.fromStack(stack).findResources('AWS::Athena::NamedQuery');
  return {
    stack,
    table,
    queries: Object.entries(resources).map(([id, r]: [string, any]) => ({
      id,
      name: r.Properties.Name,
      description: r.Properties.Description,
      sql: r.Properties.QueryString,
      workGroup: r.Properties.WorkGroup,
      database: r.Properties.Database,
    })),
  };
}

const ACCOUNT_TRAIL = deploy((stack) => new TrailLogTable(stack, 'Logs', { trail: new SecureTrail(stack, 'Trail') }));
const ORGANIZATION = deploy(
  (stack) =>
    new TrailLogTable(stack, 'Logs', { bucket: new TrailBucket(stack, 'Archive'), organizationId: 'o-abcdefghij' }),
);

function columnsOf(deployed: Deployed) {
  const input = Template.fromStack(deployed.stack).findResources('AWS::Glue::Table');
  const tableInput = (Object.values(input)[0] as any).Properties.TableInput;
  return {
    columns: new Map(tableInput.StorageDescriptor.Columns.map((c: any) => [c.Name, parseHiveType(c.Type)])) as Map<
      string,
      any
    >,
    partitions: tableInput.PartitionKeys.map((k: any) => k.Name) as string[],
  };
}

/** Whether some sample record has this field path (names compared case-insensitively, as the SerDe reads them). */
function writtenByCloudTrail(path: string[]): boolean {
  return SAMPLE_RECORDS.some((record) => {
    let value: unknown = record;
    for (const part of path) {
      if (value === null || typeof value !== 'object') return false;
      const key = Object.keys(value as object).find((k) => k.toLowerCase() === part);
      if (key === undefined) return false;
      value = (value as Record<string, unknown>)[key];
    }
    return true;
  });
}

/** Problems of one query against one table, as text. */
function problems(sql: string, deployed: Deployed): string[] {
  const { columns, partitions } = columnsOf(deployed);
  const ast = parseQuery(sql);
  const found: string[] = [];
  if (ast.type !== 'select') found.push(`a ${ast.type}, not a SELECT`);
  const from = tablesOf(ast);
  const expected = `${deployed.table.databaseName}.${deployed.table.tableName}`;
  if (from.length !== 1 || from[0] !== expected) found.push(`reads ${from.join(', ')}, not ${expected}`);
  const names = aliases(ast);
  for (const path of columnPaths(ast)) {
    if (path.length === 1 && (partitions.includes(path[0]) || names.includes(path[0]))) continue;
    if (typeAt(columns, path) === undefined) found.push(`${path.join('.')} is not a column of the table`);
    else if (!writtenByCloudTrail(path)) found.push(`${path.join('.')} is in no CloudTrail record`);
  }
  const where = conjuncts(ast.where);
  if (!where.some((c) => isParameterRange(c, 'timestamp'))) {
    found.push('no "timestamp" BETWEEN ? AND ? at the top of WHERE');
  }
  if (deployed.table.accountRequiredInQueries && !where.some((c) => isParameterEquality(c, 'account'))) {
    found.push('no "account" = ? at the top of WHERE');
  }
  return found;
}

describe.each([
  ["an account trail's table", ACCOUNT_TRAIL],
  ["an organization's table (accounts injected)", ORGANIZATION],
])('%s', (_name, deployed) => {
  test("at least the seven investigations the issue names, each saved in the workgroup and the table's database", () => {
    expect(deployed.queries.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        'CloudTrail: Root user activity',
        'CloudTrail: Console sign-ins without MFA',
        'CloudTrail: IAM policy and permission changes',
        'CloudTrail: Trail tamper events',
        'CloudTrail: Access denied, by principal',
        'CloudTrail: Activity of one access key',
        'CloudTrail: Calls from one source IP',
      ]),
    );
    const workGroup = deployed.stack.node.findChild('Queries') as TrailQueryWorkGroup;
    for (const query of deployed.queries) {
      expect(query.workGroup).toEqual({ Ref: deployed.stack.getLogicalId(workGroup.cfnWorkGroup) });
      expect(query.database).toBe(deployed.table.databaseName);
      expect(query.description.length).toBeLessThanOrEqual(1024);
      expect(query.name.length).toBeLessThanOrEqual(128);
    }
  });

  test.each(deployed.queries.map((q) => [q.name, q] as const))(
    "%s: parses as Trino, names only the table's columns, reads a range of days",
    (_n, query) => {
      expect(problems(query.sql, deployed)).toEqual([]);
    },
  );

  test.each(deployed.queries.map((q) => [q.name, q] as const))(
    '%s: its description lists each of its parameters, in order',
    (_n, query) => {
      const count = (query.sql.match(/\?/g) ?? []).length;
      const listed = [...query.description.matchAll(/(\d+)\. /g)].map((m) => Number(m[1]));
      expect(listed).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(query.description).toContain(
        "Parameters, in order, as SQL literals: 1. the first day, e.g. '2026/11/01'; 2. the last day, e.g. '2026/11/30'",
      );
      if (deployed.table.accountRequiredInQueries) expect(query.description).toMatch(/3\. the account id/);
    },
  );
});

describe('the lists the queries share with the rest of the library', () => {
  const sqlOf = (name: string) => ACCOUNT_TRAIL.queries.find((q) => q.name === `CloudTrail: ${name}`)!.sql;

  test('the tamper query looks for exactly the calls of TAMPER_EVENTS, each with its event source', () => {
    const ast = parseQuery(sqlOf('Trail tamper events'));
    const branches: any[] = [];
    const or = (node: any): void => {
      if (node.type === 'binary_expr' && node.operator === 'OR') {
        or(node.left);
        or(node.right);
      } else {
        branches.push(node);
      }
    };
    or(conjuncts(ast.where).find((c) => c.parentheses && c.operator === 'OR'));
    const pairs = branches.flatMap((branch) => {
      const [source, names] = conjuncts(branch);
      return names.right.value.map((n: any) => `${source.right.value} ${n.value}`);
    });
    expect(pairs.sort()).toEqual(TAMPER_EVENTS.map((e) => `${e.eventSource} ${e.eventName}`).sort());
  });

  test('the IAM query has every CIS 4.4 call, read from the filter pattern the CIS alarm uses', () => {
    const names = cisIamPolicyEventNames();
    expect(names).toHaveLength(16);
    expect(names).toEqual(
      expect.arrayContaining([
        'DeleteGroupPolicy',
        'PutRolePolicy',
        'CreatePolicyVersion',
        'AttachUserPolicy',
        'DetachGroupPolicy',
      ]),
    );
    const inList = parseQuery(sqlOf('IAM policy and permission changes')).where;
    const listed = conjuncts(inList)
      .find((c) => c.operator === 'IN')
      .right.value.map((v: any) => v.value);
    expect(listed).toEqual(expect.arrayContaining(names));
    expect(listed).toEqual(
      expect.arrayContaining(['UpdateAssumeRolePolicy', 'PutRolePermissionsBoundary', 'AddUserToGroup']),
    );
  });
});

describe('the check itself finds what it must', () => {
  const good = ACCOUNT_TRAIL.queries.find((q) => q.name === 'CloudTrail: Activity of one access key')!.sql;
  test.each([
    [
      'a misspelt struct field',
      good.replace('useridentity.accesskeyid', 'useridentity.accesskey'),
      /useridentity.accesskey is not a column/,
    ],
    ['an unknown column', good.replace('useragent', 'user_agent'), /user_agent is not a column/],
    [
      'a field of a scalar column',
      good.replace('sourceipaddress', 'sourceipaddress.v4'),
      /sourceipaddress.v4 is not a column/,
    ],
    [
      'another table',
      good.replace(/FROM "[^"]+"\."[^"]+"/, 'FROM "other"."cloudtrail_logs"'),
      /reads other.cloudtrail_logs/,
    ],
    ['no date range', good.replace('"timestamp" BETWEEN ? AND ?', '"timestamp" >= ?'), /no "timestamp" BETWEEN/],
    [
      'a date range on a data column',
      good.replace('"timestamp" BETWEEN ? AND ?', 'eventtime BETWEEN ? AND ?'),
      /no "timestamp" BETWEEN/,
    ],
  ])('%s', (_name, sql, message) => {
    expect(problems(sql, ACCOUNT_TRAIL).join('\n')).toMatch(message);
  });

  test('a syntax error', () => {
    expect(() => parseQuery(good.replace('SELECT', 'SELEC'))).toThrow();
    expect(() => parseQuery(good.replace('ORDER BY eventtime', 'ORDER eventtime'))).toThrow();
  });

  test('a table that needs the account, and a query without it', () => {
    const withoutAccount = ORGANIZATION.queries[0].sql.replace('"account" = ?', 'eventname = ?');
    expect(problems(withoutAccount, ORGANIZATION)).toEqual(['no "account" = ? at the top of WHERE']);
  });
});

describe('parts in different accounts or Regions', () => {
  // Outsiders found the library accepted these: a saved query names its database in the Data Catalog of its own
  // account and Region, so each is an error naming the construct, the prop, both places and the fix.
  const inEnv = (app: App, id: string, account: string, region: string) =>
    new Stack(app, id, { env: { account, region } });

  test('QUERY_SAME_ENVIRONMENT: a workgroup over a table of another account or Region fails at synth', () => {
    const app = new App();
    const tables = inEnv(app, 'Tables', '111111111111', 'us-east-1');
    const table = new TrailLogTable(tables, 'Logs', { bucket: new TrailBucket(tables, 'Bucket') });
    const queries = inEnv(app, 'Queries', '222222222222', 'eu-west-1');
    new TrailQueryWorkGroup(queries, 'WorkGroup', { table });
    expect(() => app.synth()).toThrow(
      new RegExp(
        "\\[QUERY_SAME_ENVIRONMENT\\] Queries/WorkGroup: prop table 'Tables/Logs' is in account 111111111111 and Region us-east-1, " +
          'but this construct is in account 222222222222 and Region eu-west-1; .*Fix: make the TrailLogTable, TrailQueryWorkGroup and TrailInvestigations in stacks of the same account and Region',
      ),
    );
  });

  test("QUERY_SAME_ENVIRONMENT: investigations in another Region than their workgroup fail at synth, in the library's words, with no query made", () => {
    const app = new App();
    const home = inEnv(app, 'Home', '111111111111', 'us-east-1');
    const workGroup = new TrailQueryWorkGroup(home, 'WorkGroup', {
      table: new TrailLogTable(home, 'Logs', { bucket: new TrailBucket(home, 'Bucket') }),
    });
    const away = inEnv(app, 'Away', '111111111111', 'eu-west-1');
    const investigations = new TrailInvestigations(away, 'Investigations', { workGroup });
    expect(investigations.namedQueries).toEqual([]);
    expect(() => app.synth()).toThrow(
      /\[QUERY_SAME_ENVIRONMENT\] Away\/Investigations: prop workGroup 'Home\/WorkGroup' is in Region us-east-1, but this construct is in Region eu-west-1/,
    );
    expect(() => app.synth()).toThrow(
      /\[QUERY_SAME_ENVIRONMENT\] Away\/Investigations: prop table 'Home\/Logs' is in Region us-east-1/,
    );
  });

  test('environment-agnostic stacks (tokens) and one environment are never reported', () => {
    const app = new App();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    const table = new TrailLogTable(a, 'Logs', { bucket: new TrailBucket(a, 'Bucket') });
    new TrailQueryWorkGroup(b, 'WorkGroup', { table });
    const c = testStack(app, 'C');
    const workGroup = new TrailQueryWorkGroup(c, 'WorkGroup', {
      table: new TrailLogTable(c, 'Logs', { bucket: new TrailBucket(c, 'Bucket') }),
    });
    new TrailInvestigations(c, 'Investigations', { workGroup });
    expect(() => app.synth()).not.toThrow();
  });

  test('a missing workGroup is reported at synth (QUERY_REQUIRED_PROP), not thrown', () => {
    const stack = testStack();
    const investigations = new TrailInvestigations(stack, 'Investigations', null as any);
    expect(investigations.namedQueries).toEqual([]);
    expect(() => Template.fromStack(stack)).toThrow(
      /\[QUERY_REQUIRED_PROP\] TestStack\/Investigations: prop workGroup is required: the TrailQueryWorkGroup the queries are saved in/,
    );
  });

  test("a saved query's name, description and query string are checked as the template holds them", () => {
    const stack = testStack();
    const workGroup = new TrailQueryWorkGroup(stack, 'WorkGroup', {
      table: new TrailLogTable(stack, 'Logs', { bucket: new TrailBucket(stack, 'Bucket') }),
    });
    const [first, second, third] = new TrailInvestigations(stack, 'Investigations', { workGroup }).namedQueries;
    first.addPropertyOverride('Name', 'n'.repeat(129));
    second.addPropertyOverride('Description', '');
    third.addPropertyOverride('QueryString', `SELECT '${'é'.repeat(131072)}'`);
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(
      /\[ATHENA_NAMED_QUERY_NAME\] TestStack\/Investigations\/RootUserActivity: Name \(prop name\) 'n+…' is 129 characters, outside 1 to 128/,
    );
    expect(synth).toThrow(
      /\[ATHENA_NAMED_QUERY_DESCRIPTION\] TestStack\/Investigations\/ConsoleSignInWithoutMfa: Description \(prop description\) '' is 0 characters/,
    );
    expect(synth).toThrow(
      /\[ATHENA_QUERY_STRING_SIZE\] TestStack\/Investigations\/IamPermissionChanges: QueryString \(prop queryString\) .* is 262153 bytes, outside 1 to 262,144/,
    );
  });
});

test('GLUE_DATABASE_NAME: a table of another ITrailLogTable implementation with a name Athena refuses is reported on the saved queries', () => {
  const stack = testStack();
  const real = new TrailLogTable(stack, 'Logs', { bucket: new TrailBucket(stack, 'Bucket') });
  const table = Object.assign(Object.create(Object.getPrototypeOf(real)), real, {
    databaseName: 'My-Logs',
    node: real.node,
  });
  const workGroup = new TrailQueryWorkGroup(stack, 'WorkGroup', { table });
  new TrailInvestigations(stack, 'Investigations', { workGroup });
  expect(() => Template.fromStack(stack)).toThrow(
    /\[GLUE_DATABASE_NAME\] TestStack\/Investigations\/RootUserActivity: Database \(prop database\) 'My-Logs'/,
  );
});
