import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/*
 * Every TypeScript example of docs/*.md (and of the README) compiles, strict, as jsii-rosetta compiles the README's
 * in post-compile. jsii-rosetta only compiles the assembly's README and doc comments (`extract`); its `markdown`
 * command translates other files without type-checking them. So this compiles them with the TypeScript compiler, the
 * same way: a ```ts block goes into rosetta/default.ts-fixture at `/// here`, its imports moved to the top; a
 * ```ts nofixture block stands alone. 'cdk-cloudtrail-kit' is this repository's src/.
 */

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = fs.readFileSync(path.join(ROOT, 'rosetta', 'default.ts-fixture'), 'utf-8');
const SNIPPETS_DIR = path.join(ROOT, '.docs-examples');

interface Snippet {
  readonly where: string;
  readonly source: string;
}

/** The ```ts blocks of one Markdown file, each as the program rosetta would compile. */
function snippetsOf(file: string, markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  for (const m of markdown.matchAll(/^```(ts|typescript)([^\n]*)\n([\s\S]*?)^```/gm)) {
    const line = markdown.slice(0, m.index).split('\n').length;
    snippets.push({ where: `${file}:${line}`, source: programOf(m[3], /\bnofixture\b/.test(m[2])) });
  }
  return snippets;
}

/**
 * A snippet as a module: alone, or inside the fixture with its imports and `declare` statements hoisted to the top, as
 * rosetta does (jsii-rosetta lib/fixtures.js, sidelineImports).
 */
function programOf(body: string, nofixture: boolean): string {
  if (nofixture) return /^\s*(import|export)\s/m.test(body) ? body : `${body}\nexport {};\n`;
  const parsed = ts.createSourceFile('snippet.ts', body, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let hoisted = '';
  let statements = '';
  for (const statement of parsed.statements) {
    const declared =
      ts.isVariableStatement(statement) &&
      (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || declared) {
      hoisted += statement.getFullText(parsed);
    } else {
      statements += statement.getFullText(parsed);
    }
  }
  return `${hoisted}\n${FIXTURE.replace('/// here', statements)}`;
}

/** Compiles the snippets in one program; returns the diagnostics of each, formatted, keyed by where it is. */
function compile(snippets: Snippet[]): Map<string, string[]> {
  const files = new Map(snippets.map((s, i) => [path.join(SNIPPETS_DIR, `snippet${i}.ts`), s]));
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    lib: ['lib.es2020.d.ts'],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    baseUrl: ROOT,
    paths: { 'cdk-cloudtrail-kit': ['src/index.ts'] },
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => files.get(f)?.source ?? readFile.call(host, f);
  host.getSourceFile = (f, language, onError) => {
    const snippet = files.get(f);
    return snippet ? ts.createSourceFile(f, snippet.source, language) : getSourceFile.call(host, f, language, onError);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const result = new Map<string, string[]>();
  for (const [file, snippet] of files) {
    const sourceFile = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    result.set(
      snippet.where,
      diagnostics.map((d) => {
        const at = d.start === undefined ? '' : `line ${sourceFile.getLineAndCharacterOfPosition(d.start).line + 1}: `;
        return `${at}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return result;
}

const MARKDOWN = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f)),
];
const SNIPPETS = MARKDOWN.flatMap((f) => snippetsOf(f, fs.readFileSync(path.join(ROOT, f), 'utf-8')));
const BROKEN: Snippet = {
  where: 'negative control',
  source: programOf("new trails.SecureTrail(this, 'Trail', { trailNme: 'typo' });", false),
};

let DIAGNOSTICS: Map<string, string[]>;
beforeAll(() => {
  DIAGNOSTICS = compile([...SNIPPETS, BROKEN]);
}, 240_000);

test('the docs hold TypeScript examples, in the README and in docs/', () => {
  expect(SNIPPETS.filter((s) => s.where.startsWith('docs')).length).toBeGreaterThan(25);
  expect(SNIPPETS.filter((s) => s.where.startsWith('README')).length).toBeGreaterThan(5);
});

test('every TypeScript example compiles, strict, against the rosetta fixture', () => {
  const failing = SNIPPETS.filter((s) => DIAGNOSTICS.get(s.where)!.length > 0).map(
    (s) => `${s.where}\n  ${DIAGNOSTICS.get(s.where)!.join('\n  ')}`,
  );
  expect(failing).toEqual([]);
});

test('an example that does not compile is caught', () => {
  expect(DIAGNOSTICS.get('negative control')!.join('\n')).toMatch(/trailNme/);
});
