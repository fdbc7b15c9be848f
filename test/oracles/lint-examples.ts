import * as fs from 'fs';
import * as path from 'path';
import { CFN_LINT, cfnLintFiles } from './cfn-lint';

/*
 * cfn-lint over the templates of every example (`examples/<name>/cdk.out/[<layout>/]*.template.json`, as `cdk synth`
 * wrote them),
 * with the exceptions of ./cfn-lint.ts. Run by .ci/run after it synthesizes the examples; exits 1 on any finding.
 */

const examples = path.join(__dirname, '..', '..', 'examples');
const templates = fs
  .readdirSync(examples, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    // An example's second layout writes into a folder of its cdk.out (examples/record-health: cdk.out/log-archive).
    const out = path.join(examples, entry.name, 'cdk.out');
    const dirs = fs.existsSync(out)
      ? [
          out,
          ...fs
            .readdirSync(out, { withFileTypes: true })
            .filter((d) => d.isDirectory() && !d.name.startsWith('asset.'))
            .map((d) => path.join(out, d.name)),
        ]
      : [];
    return dirs.flatMap((dir) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.template.json'))
        .map((f) => path.join(dir, f)),
    );
  });
if (!CFN_LINT) {
  console.error('cfn-lint is not installed: the example templates cannot be checked');
  process.exit(1);
}
if (templates.length === 0) {
  console.error('no example templates: synthesize the examples first');
  process.exit(1);
}
void cfnLintFiles(templates).then((findings) => {
  console.log(`cfn-lint: ${templates.length} example templates, ${findings.length} findings`);
  for (const finding of findings) console.log(`  ${path.relative(examples, finding)}`);
  process.exit(findings.length === 0 ? 0 : 1);
});
