import { TrailRuleInfo } from './rule-info';
import { RuleFinding } from './rules/rule';
import { renderValue, shorten } from './values';

/** `KMSKeyId` → `kmsKeyId`, `S3KeyPrefix` → `s3KeyPrefix`, `TrailName` → `trailName`. */
export function camelCase(cfnProperty: string): string {
  return cfnProperty.replace(/^[A-Z0-9]+(?=[A-Z][a-z])|^[A-Z]/, (m) => m.toLowerCase());
}

/**
 * One finding as a message: `[RULE_ID] <path>: <CfnProperty> (prop <prop>) '<value>' <problem>. Fix: <fix>.`
 */
export function formatFinding(rule: TrailRuleInfo, finding: RuleFinding, path: string, propNames: Readonly<Record<string, string>> = {}): string {
  const where = finding.at ?? rule.cfnProperty;
  const top = where.split(/[.[]/)[0];
  const named = Object.prototype.hasOwnProperty.call(propNames, top) ? propNames[top] : undefined;
  const prop = typeof named === 'string' ? named : top === rule.cfnProperty || where === '-' ? rule.prop : camelCase(top);
  const pieces: string[] = [];
  if (where !== '-') pieces.push(`${where} (prop ${prop})`);
  else if (prop !== '-') pieces.push(`prop ${prop}`);
  if (finding.value !== undefined) pieces.push(`'${shorten(renderValue(finding.value))}'`);
  pieces.push(finding.problem);
  return `[${rule.id}] ${path}: ${pieces.join(' ')}. Fix: ${finding.fix ?? rule.fix}.`;
}
