import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/*
 * The structure of src/, read with TypeScript's own parser (ts.preProcessFile): every relative import of every file.
 * No folder imports a folder that imports it back (directly or through others), and no file does either.
 */

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

/** File → the files of src it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const imports = ts
      .preProcessFile(fs.readFileSync(file, 'utf-8'), true, true)
      .importedFiles.map((ref) => resolveImport(file, ref.fileName))
      .filter((target): target is string => target !== undefined);
    graph.set(
      path.relative(SRC, file),
      imports.map((target) => path.relative(SRC, target)),
    );
  }
  return graph;
}

/** The top folder of a file under src (`trail`, `validation`, ...); files at the root belong to none. */
function folderOf(file: string): string | undefined {
  const parts = file.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** The cycles of a graph (strongly connected components with more than one node, or a node importing itself). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1 || edges.get(node)?.has(node)) found.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

const graph = importGraph();

test('the graph is read: every folder of src, and the imports SecureTrail is made of', () => {
  expect(new Set([...graph.keys()].map(folderOf).filter((f) => f !== undefined))).toEqual(
    new Set([
      'delivery',
      'encryption',
      'integrity',
      'interfaces',
      'monitoring',
      'organization',
      'policies',
      'private',
      'query',
      'selectors',
      'storage',
      'trail',
      'validation',
    ]),
  );
  expect(graph.get(path.join('trail', 'secure-trail.ts'))).toEqual(
    expect.arrayContaining([
      path.join('storage', 'trail-bucket.ts'),
      path.join('encryption', 'trail-key.ts'),
      path.join('validation', 'register.ts'),
    ]),
  );
});

test('no file imports a file that imports it back', () => {
  const edges = new Map([...graph].map(([file, imports]) => [file, new Set(imports)]));
  expect(cycles(edges)).toEqual([]);
});

test('no folder imports a folder that imports it back', () => {
  const edges = new Map<string, Set<string>>();
  for (const [file, imports] of graph) {
    const from = folderOf(file);
    if (from === undefined) continue;
    const targets = edges.get(from) ?? new Set<string>();
    for (const to of imports.map(folderOf)) if (to !== undefined && to !== from) targets.add(to);
    edges.set(from, targets);
  }
  expect(cycles(edges)).toEqual([]);
});

test('the types-only folder imports nothing of the library', () => {
  const interfaces = [...graph].filter(([file]) => folderOf(file) === 'interfaces');
  expect(interfaces.length).toBeGreaterThan(0);
  for (const [, imports] of interfaces) expect(imports).toEqual([]);
});

test('the cycle finder finds a folder cycle (a check that cannot fail would prove nothing)', () => {
  const edges = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a'])],
    ['d', new Set(['a'])],
  ]);
  expect(cycles(edges)).toEqual([['a', 'b', 'c']]);
});
