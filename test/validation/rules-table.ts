import { TrailRuleInfo, TrailValidator } from '../../src';

/** The README's table of every validation rule, made from `TrailValidator.rules()` so the two cannot drift. */
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

if (require.main === module) console.log(rulesTable());
