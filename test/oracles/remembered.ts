import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './templates';

/*
 * An oracle's findings for a template depend only on the template and the oracle: each kept template is named by its
 * content (./templates.ts), so its findings are remembered under that name and the oracle's version, and a later run
 * checks only the templates it has not seen. A fresh clone remembers nothing (node_modules/.cache goes with
 * node_modules), so CI checks every template.
 */

const CACHE = path.join(ROOT, 'node_modules', '.cache', 'cdk-cloudtrail-kit-oracles');
const PLACEHOLDER = '<template>';

/** Where the findings of one version of an oracle are remembered for a template file. */
function memoryOf(name: string, version: string): (file: string) => string {
  const dir = path.join(CACHE, `${name}-${createHash('sha256').update(version).digest('hex').slice(0, 16)}`);
  fs.mkdirSync(dir, { recursive: true });
  return (file) => path.join(dir, `${path.basename(file).replace(/\.template\.json$/, '')}.json`);
}

/** The files whose findings this version of the oracle has not remembered. */
export function unremembered(name: string, version: string, files: string[]): string[] {
  const memory = memoryOf(name, version);
  return files.filter((file) => !fs.existsSync(memory(file)));
}

/** An oracle over template files: one finding a line, each starting with the path of the file it is about. */
export type Oracle = (files: string[]) => Promise<string[]>;

/**
 * The findings of `oracle` over `files`, running it only on the files whose findings this version of it has not
 * remembered. A finding that names no file (the oracle's own failure) is returned, never remembered.
 */
export async function rememberedFindings(
  name: string,
  version: string,
  files: string[],
  oracle: Oracle,
): Promise<string[]> {
  const memory = memoryOf(name, version);
  const findings: string[] = [];
  const unseen: string[] = [];
  for (const file of files) {
    if (!fs.existsSync(memory(file))) {
      unseen.push(file);
      continue;
    }
    const remembered: string[] = JSON.parse(fs.readFileSync(memory(file), 'utf-8'));
    findings.push(...remembered.map((line) => line.replace(PLACEHOLDER, file)));
  }
  const fresh = unseen.length > 0 ? await oracle(unseen) : [];
  for (const file of unseen) {
    const mine = fresh.filter((line) => line.startsWith(`${file}:`));
    // Written aside and renamed: the checker and the follower (./follow.ts) never read half a memory.
    fs.writeFileSync(
      `${memory(file)}.${process.pid}`,
      JSON.stringify(mine.map((line) => PLACEHOLDER + line.slice(file.length))),
    );
    fs.renameSync(`${memory(file)}.${process.pid}`, memory(file));
  }
  return [...findings, ...fresh];
}
