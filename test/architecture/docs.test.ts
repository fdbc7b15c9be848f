import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/*
 * The summaries API.md and every language's reference show are cut by jsii itself: the first paragraph when it is
 * short, else the first sentence, which ends at the first '.', '!', '?' or ';' followed by white space. A summary cut
 * at a semicolon reads as half a sentence. This test reads the public API's doc comments with TypeScript and cuts them
 * with jsii's own function, so it agrees with API.md without compiling.
 */

// jsii's summary cutter (jsii/lib/docs.js, exported there; the package's export map hides the path, so by file).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { splitSummary } = require(path.join(path.dirname(require.resolve('jsii/package.json')), 'lib', 'docs.js')) as {
  splitSummary(doc: string | undefined): [string | undefined, string | undefined];
};

const INDEX = path.join(__dirname, '..', '..', 'src', 'index.ts');

/** Every documented public symbol reachable from src/index.ts, with its doc comment. */
function publicDocs(): Array<{ name: string; doc: string }> {
  const program = ts.createProgram([INDEX], {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!;
  const docs: Array<{ name: string; doc: string }> = [];
  const add = (name: string, symbol: ts.Symbol) => {
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker));
    if (doc.trim() !== '') docs.push({ name, doc });
  };
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    // eslint-disable-next-line no-bitwise
    const symbol = (exported.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(exported) : exported;
    add(symbol.name, symbol);
    const members = [...(symbol.members?.values() ?? []), ...(symbol.exports?.values() ?? [])];
    for (const member of members) {
      const declaration = member.declarations?.[0];
      const modifiers = declaration && ts.canHaveModifiers(declaration) ? (ts.getModifiers(declaration) ?? []) : [];
      if (member.name.startsWith('_') || modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
      add(`${symbol.name}.${member.name}`, member);
    }
  }
  return docs;
}

const DOCS = publicDocs();

test('the public API has doc comments to check', () => {
  expect(DOCS.length).toBeGreaterThan(300);
  expect(DOCS.map((d) => d.name)).toEqual(
    expect.arrayContaining(['SecureTrail', 'SecureTrailProps.trailName', 'TrailBucket.grantReadLogs']),
  );
});

test('no summary jsii makes is cut at a semicolon', () => {
  const cut = DOCS.map(({ name, doc }) => ({ name, summary: splitSummary(doc)[0] ?? '' }))
    .filter(({ summary }) => summary.endsWith(';'))
    .map(({ name, summary }) => `${name}: ${summary}`);
  expect(cut).toEqual([]);
});

test('the README starts with the install command and the import line, before any other example', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8');
  const blocks = [...readme.matchAll(/```(\w*)[^\n]*\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
  // Until the first release, the install builds the tarball from a clone (what .ci/consumer-test.sh installs).
  expect(blocks[0].lang).toBe('sh');
  expect(blocks[0].body).toMatch(
    /^git clone \S+cdk-cloudtrail-kit\.git[^]*npx projen compile && npx projen package:js[^]*npm install \S+\/dist\/js\/cdk-cloudtrail-kit@0\.0\.0\.jsii\.tgz\n$/,
  );
  expect(readme).toMatch(/Once released: `npm install cdk-cloudtrail-kit`/);
  expect(blocks[1].lang).toBe('ts');
  expect(blocks[1].body).toContain("import * as trails from 'cdk-cloudtrail-kit';");
  expect(blocks[1].body).toContain('new trails.SecureTrail(');
});
