import * as fs from 'fs';
import * as path from 'path';
import { TrailRuleInfo, TrailValidator } from '../../src';

/*
 * docs/rules.md, the table of every validation rule, made from `TrailValidator.rules()` so the two cannot drift.
 * `--write` regenerates the page; without it, the page is printed.
 */

export const RULES_DOC = path.join(__dirname, '..', '..', 'docs', 'rules.md');

/** The table alone: one row per rule, in the order `TrailValidator.rules()` gives them. */
export function rulesTable(rules: TrailRuleInfo[] = TrailValidator.rules()): string {
  const where = (r: TrailRuleInfo) => {
    if (r.cfnProperty === '-' && r.prop === '-') return '(whole app)';
    return `${r.cfnProperty === '-' ? '(context)' : `\`${r.cfnProperty}\``} / \`${r.prop}\``;
  };
  return [
    '| Rule id | What CloudTrail requires | CloudFormation property / construct prop | Source | Level |',
    '|---|---|---|---|---|',
    ...rules.map((r) => `| \`${r.id}\` | ${r.constraint} | ${where(r)} | ${r.source} | ${r.severity} |`),
  ].join('\n');
}

/** The whole page. */
export function rulesMarkdown(rules: TrailRuleInfo[] = TrailValidator.rules()): string {
  return [
    '# Trail rules',
    '',
    '<!-- Generated from TrailValidator.rules() by `TS_NODE_TRANSPILE_ONLY=1 npx ts-node --project test/tsconfig.json test/validation/rules-table.ts --write`; do not edit. -->',
    '',
    `The ${rules.length} rules every \`SecureTrail\` runs at synth, and \`TrailValidator\` runs for aws-cdk-lib's \`Trail\` and`,
    'raw `CfnTrail`s. How they report, and how to acknowledge a warning: [validation.md](validation.md). The constraints',
    'of the other resource types this library emits are in [constraints.md](constraints.md).',
    '',
    rulesTable(rules),
    '',
    '"(context)" means the value is not a CloudFormation property. The construct that creates the trail passes it',
    "(for example `SecureTrail`'s organization id).",
    '',
  ].join('\n');
}

if (require.main === module) {
  if (process.argv.includes('--write')) fs.writeFileSync(RULES_DOC, rulesMarkdown());
  else console.log(rulesMarkdown());
}
