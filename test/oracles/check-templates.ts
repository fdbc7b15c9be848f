import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { cdkValidationFindings } from './cdk-validation';
import { CFN_LINT, cfnLintFiles, cfnLintMemoryKey } from './cfn-lint';
import { stopFollower } from './follow';
import { rememberedFindings } from './remembered';
import { keepTemplateFiles, keepTemplates, keptTemplates, originOf, TEST_OUT, TMP } from './templates';
import { CONFIGURATIONS } from '../compliance/matrix';
import { integSnapshotTemplates } from '../integ/snapshots';
import { QUERY_CONFIGURATIONS } from '../query/configurations';
import { UPGRADE_CONFIGURATIONS } from '../upgrade/configurations';

/*
 * The checker step of `npm test`: the oracles this library did not write, run once over every distinct template the
 * unit tests synthesized (kept by test/setup.ts), every template of the configuration sets below, which this step
 * synthesizes itself so that they are checked whichever tests ran, and the integration tests' committed snapshots:
 * - aws-cdk-lib's CloudFormation template validation (resource schemas, circular dependencies, ...), every finding an
 *   error, as `@aws-cdk/core:validateAgainstDefaultRules` makes it in an app;
 * - cfn-lint (AWS's linter with the registry schemas), every finding but the written exceptions (./cfn-lint.ts), in
 *   two processes (one per core) while the validation runs.
 * Each oracle's findings are remembered by template content and oracle version (./remembered.ts): a second run checks
 * only the templates that changed. It exits 1 on any finding, naming the test that synthesized the template, and
 * removes the run's folder when clean.
 */

/** Configuration sets checked on every run: the compliance matrix, the upgrade safety net and the query layouts. */
const CONFIGURATION_SETS: Record<string, Record<string, (app: App) => void>> = {
  'compliance matrix': CONFIGURATIONS,
  'upgrade configurations': UPGRADE_CONFIGURATIONS,
  'query configurations': QUERY_CONFIGURATIONS,
};

/** Synthesizes every configuration of the sets once and keeps its templates; returns how many configurations. */
function synthesizeConfigurationSets(): number {
  let count = 0;
  for (const [set, configurations] of Object.entries(CONFIGURATION_SETS)) {
    for (const [name, make] of Object.entries(configurations)) {
      const app = new App();
      make(app);
      keepTemplates(app.synth().directory, `checker › ${set} › ${name}`);
      count++;
    }
  }
  return count;
}

async function main(): Promise<number> {
  if (!CFN_LINT) {
    console.log(
      'checker: cfn-lint is not installed, so no template can be checked with it: pip install cfn-lint (from PyPI)',
    );
    return 1;
  }
  // Synthesized as the unit tests do: the validation below runs once over all templates, not once per synth.
  process.env.CDK_VALIDATION = 'false';
  // Every App of this process (the configurations' own, the validation plugin's) writes under the run's folder.
  fs.mkdirSync(TMP, { recursive: true });
  process.env.TMPDIR = TMP;
  const configurations = synthesizeConfigurationSets();
  for (const file of integSnapshotTemplates()) {
    keepTemplateFiles([file], `integ snapshot › ${path.relative(process.cwd(), file)}`);
  }
  const files = keptTemplates();
  const started = Date.now();
  const findings = new Map<string, string[]>();
  const note = (line: string) => {
    const file = files.find((f) => line.startsWith(f));
    const key = file ? originOf(file) : '(template)';
    findings.set(key, [...(findings.get(key) ?? []), file ? line.slice(file.length + 1) : line]);
  };
  await stopFollower();
  const lint = rememberedFindings('cfn-lint', cfnLintMemoryKey(), files, (unseen) => cfnLintFiles(unseen));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdkVersion: string = require('aws-cdk-lib/package.json').version;
  (await rememberedFindings('aws-cdk-lib', cdkVersion, files, async (unseen) => cdkValidationFindings(unseen))).forEach(
    note,
  );
  const validated = Date.now();
  (await lint).forEach(note);
  fs.rmSync(TMP, { recursive: true, force: true });
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `checker: ${files.length} distinct templates (of the tests and ${configurations} configurations); aws-cdk-lib validation ${seconds(validated - started)} s, ` +
      `cfn-lint ${seconds(Date.now() - started)} s (both at once); ${[...findings.values()].flat().length} findings`,
  );
  for (const [origin, lines] of findings) {
    console.log(`\n${origin}`);
    for (const line of lines) console.log(`  ${line}`);
  }
  if (findings.size > 0) {
    console.log(
      `\nThe templates are kept in ${path.relative(process.cwd(), TEST_OUT)}/templates (<hash>.template.json, <hash>.origin).`,
    );
    return 1;
  }
  fs.rmSync(TEST_OUT, { recursive: true, force: true });
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
