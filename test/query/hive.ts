/*
 * A reader of Hive column types (`struct<a:string,b:array<...>>`) and of the column list of a CREATE TABLE statement,
 * so the table's columns can be compared with the Athena User Guide's DDL, record fields and query columns.
 */

export type Hive =
  | { readonly kind: 'string' }
  | { readonly kind: 'struct'; readonly fields: ReadonlyMap<string, Hive> }
  | { readonly kind: 'array'; readonly of: Hive }
  | { readonly kind: 'map'; readonly key: Hive; readonly value: Hive };

/** Parses a Hive type, case and spaces ignored. */
export function parseHiveType(text: string): Hive {
  const s = text.toLowerCase().replace(/\s+/g, '');
  let i = 0;
  const expect = (token: string) => {
    if (!s.startsWith(token, i)) throw new Error(`expected '${token}' at ${i} of ${s}`);
    i += token.length;
  };
  const name = () => {
    const match = /^[a-z0-9_]+/.exec(s.slice(i));
    if (!match) throw new Error(`expected a name at ${i} of ${s}`);
    i += match[0].length;
    return match[0];
  };
  const type = (): Hive => {
    if (s.startsWith('string', i)) {
      i += 'string'.length;
      return { kind: 'string' };
    }
    if (s.startsWith('array<', i)) {
      i += 'array<'.length;
      const of = type();
      expect('>');
      return { kind: 'array', of };
    }
    if (s.startsWith('map<', i)) {
      i += 'map<'.length;
      const key = type();
      expect(',');
      const value = type();
      expect('>');
      return { kind: 'map', key, value };
    }
    expect('struct<');
    const fields = new Map<string, Hive>();
    do {
      const field = name();
      expect(':');
      if (fields.has(field)) throw new Error(`field ${field} twice in ${s}`);
      fields.set(field, type());
    } while (s[i] === ',' && ++i);
    expect('>');
    return { kind: 'struct', fields };
  };
  const result = type();
  if (i !== s.length) throw new Error(`trailing text at ${i} of ${s}`);
  return result;
}

/** The columns of a `CREATE EXTERNAL TABLE name( ... )` statement, in order, name to type. */
export function ddlColumns(ddl: string): Map<string, Hive> {
  const open = ddl.indexOf('(');
  let depth = 0;
  let close = -1;
  for (let i = open; i < ddl.length && close < 0; i++) {
    if (ddl[i] === '(') depth++;
    if (ddl[i] === ')' && --depth === 0) close = i;
  }
  const body = ddl.slice(open + 1, close);
  const parts: string[] = [];
  let start = 0;
  depth = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '<') depth++;
    if (body[i] === '>') depth--;
    if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  const columns = new Map<string, Hive>();
  for (const part of parts) {
    const [, column, type] = /^\s*`?(\w+)`?\s+([\s\S]+)$/.exec(part)!;
    columns.set(column.toLowerCase(), parseHiveType(type));
  }
  return columns;
}

/** The type at a dotted path below a column (struct fields only), or undefined. */
export function typeAt(columns: ReadonlyMap<string, Hive>, path: readonly string[]): Hive | undefined {
  let type = columns.get(path[0]);
  for (const field of path.slice(1)) {
    if (type?.kind !== 'struct') return undefined;
    type = type.fields.get(field);
  }
  return type;
}
