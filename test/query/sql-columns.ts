import { Parser } from 'node-sql-parser';

/*
 * Reads an Athena (Trino) query with node-sql-parser's `trino` dialect and lists the columns it names.
 *
 * Why this parser and what it does not do: node-sql-parser (maintained, Apache-2.0) is the one npm parser found that
 * parses these queries as Trino: execution parameters (`?`), struct dereference (`a.b.c`), BETWEEN, IN lists,
 * json_extract_scalar, approx_distinct, GROUP BY ordinals. Its `athena` dialect rejects `?`. dt-sql-parser has a
 * grammar generated from Trino's own, but ships ESM that Node cannot load without a bundler. Known gaps of the
 * `trino` dialect, handled here: it reads a double-quoted identifier ("timestamp") as a string literal, so
 * double-quoted text counts as an identifier, as it is in Trino (Trino has no double-quoted strings); it misreads
 * `CROSS JOIN UNNEST` as a table alias (the saved queries do not use it). It checks syntax, not types or functions.
 */

const parser = new Parser();
const DIALECT = { database: 'trino' };

export type Ast = any;

/** The statement, or a syntax error. */
export function parseQuery(sql: string): Ast {
  const ast = parser.astify(sql, DIALECT);
  if (Array.isArray(ast)) {
    if (ast.length !== 1) throw new Error(`expected one statement, found ${ast.length}`);
    return ast[0];
  }
  return ast;
}

function pathOf(node: Ast): string[] {
  if (typeof node === 'string') return [node];
  if (node.type === 'binary_expr' && node.operator === '.') return [...pathOf(node.left), ...pathOf(node.right)];
  if (typeof node.value === 'string') return [node.value];
  throw new Error(`unexpected column part ${JSON.stringify(node)}`);
}

/** Every column the statement names, as a path: `['useridentity', 'sessioncontext', 'sessionissuer', 'arn']`. */
export function columnPaths(ast: Ast): string[][] {
  const paths: string[][] = [];
  const visit = (node: Ast): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (node.type === 'column_ref') {
      const inner = typeof node.column === 'string' ? [node.column] : pathOf(node.column.expr);
      paths.push(node.table ? [node.table, ...inner] : inner);
      return;
    }
    if (node.type === 'double_quote_string') {
      paths.push([node.value]);
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit({ columns: ast.columns, where: ast.where, groupby: ast.groupby, having: ast.having, orderby: ast.orderby });
  return paths;
}

/** The names the SELECT list gives its expressions (ORDER BY may name them). */
export function aliases(ast: Ast): string[] {
  return (ast.columns as Ast[]).map((c) => c.as).filter((a): a is string => typeof a === 'string');
}

/** The tables of the FROM clause, as `db.table`. */
export function tablesOf(ast: Ast): string[] {
  return (ast.from as Ast[]).map((f) => `${f.db}.${f.table}`);
}

/** The conditions joined by AND at the top of WHERE. */
export function conjuncts(where: Ast): Ast[] {
  if (where?.type === 'binary_expr' && where.operator === 'AND') {
    return [...conjuncts(where.left), ...conjuncts(where.right)];
  }
  return where ? [where] : [];
}

/** The column an expression is, if it is one: `"timestamp"` or `timestamp`. */
function columnOf(node: Ast): string | undefined {
  if (node?.type === 'double_quote_string') return node.value;
  if (node?.type === 'column_ref') {
    return [...(node.table ? [node.table] : []), ...pathOf(node.column.expr ?? node.column)].join('.');
  }
  return undefined;
}

/** Whether a condition is `"<column>" BETWEEN ? AND ?`. */
export function isParameterRange(condition: Ast, column: string): boolean {
  return (
    condition.type === 'binary_expr' &&
    condition.operator === 'BETWEEN' &&
    columnOf(condition.left) === column &&
    condition.right.value.length === 2 &&
    condition.right.value.every((v: Ast) => v.type === 'origin' && v.value === '?')
  );
}

/** Whether a condition is `"<column>" = ?`. */
export function isParameterEquality(condition: Ast, column: string): boolean {
  return (
    condition.type === 'binary_expr' &&
    condition.operator === '=' &&
    columnOf(condition.left) === column &&
    condition.right.type === 'origin' &&
    condition.right.value === '?'
  );
}
