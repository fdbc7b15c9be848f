import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/*
 * Where a test run writes, and the templates it hands to the checker step (test/oracles/check-templates.ts).
 *
 * Unit tests synthesize without aws-cdk-lib's per-synth template validation (test/setup.ts): each test file would
 * otherwise start its WebAssembly engine again. Instead every template a successful synthesis writes is kept here once
 * (by content), and the checker runs aws-cdk-lib's validation and cfn-lint once over all of them after jest.
 */

export const ROOT = path.join(__dirname, '..', '..');
/** Everything a test run writes; removed by the next run's global setup, and by the checker when all is clean. */
export const TEST_OUT = path.join(ROOT, '.test-out');
/** The distinct templates of every successful synthesis: `<sha256>.template.json`, with `<sha256>.origin` beside. */
export const TEMPLATES = path.join(TEST_OUT, 'templates');
/** Each worker's temporary folder (the apps' `cdk.out` folders, cfn-lint's inputs); removed after the run. */
export const TMP = path.join(TEST_OUT, 'tmp');

/** The context key that keeps an app's templates away from the checker, with the reason as its value. */
export const UNCHECKED_TEMPLATES = 'cdk-cloudtrail-kit:test:uncheckedTemplates';

/**
 * Context for an App whose templates are deliberately not valid CloudFormation (random property values, an override
 * made to prove a rule fires), so the checker does not lint them. The reason is required and kept in the context.
 */
export function uncheckedTemplates(reason: string): Record<string, string> {
  if (reason.trim().length < 10) throw new Error('say why these templates are not checked');
  return { [UNCHECKED_TEMPLATES]: reason };
}

function templateFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return templateFiles(file);
    return entry.name.endsWith('.template.json') ? [file] : [];
  });
}

/** Keeps each template of a cloud assembly directory (nested stages and nested stacks too) once, by content. */
export function keepTemplates(assemblyDirectory: string, origin: string): void {
  keepTemplateFiles(templateFiles(assemblyDirectory), origin);
}

/** Keeps each template file once, by content. */
export function keepTemplateFiles(files: string[], origin: string): void {
  fs.mkdirSync(TEMPLATES, { recursive: true });
  for (const file of files) {
    const body = fs.readFileSync(file);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 32);
    const target = path.join(TEMPLATES, `${hash}.template.json`);
    if (fs.existsSync(target)) continue;
    // Two workers may keep the same template at once: write aside, then rename (atomic on one file system).
    const aside = `${target}.${process.pid}`;
    fs.writeFileSync(aside, body);
    fs.writeFileSync(path.join(TEMPLATES, `${hash}.origin`), `${origin} (${path.basename(file)})\n`);
    fs.renameSync(aside, target);
  }
}

/** The kept templates. */
export function keptTemplates(): string[] {
  return fs.existsSync(TEMPLATES)
    ? fs
        .readdirSync(TEMPLATES)
        .filter((f) => f.endsWith('.template.json'))
        .sort()
        .map((f) => path.join(TEMPLATES, f))
    : [];
}

/** Where a kept template came from: the test file, the test and the template's file name. */
export function originOf(templateFile: string): string {
  const file = templateFile.replace(/\.template\.json$/, '.origin');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf-8').trim() : path.basename(templateFile);
}
