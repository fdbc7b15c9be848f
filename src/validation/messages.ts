import { TrailRuleInfo } from './rule-info';
import { RuleFinding } from './rules/rule';
import { renderValue, shorten } from './values';

/** `KMSKeyId` → `kmsKeyId`, `S3KeyPrefix` → `s3KeyPrefix`, `TrailName` → `trailName`. */
export function camelCase(cfnProperty: string): string {
  return cfnProperty.replace(/^[A-Z0-9]+(?=[A-Z][a-z])|^[A-Z]/, (m) => m.toLowerCase());
}

/**
 * One finding as a message: `[RULE_ID] <path>: <CfnProperty> (prop <prop>) '<value>' <problem>. Fix: <fix>.` A rule
 * over
 * props (`cfnProperty` '-') names the prop alone, as the user wrote it: `[RULE_ID] <path>: prop <prop> '<value>' ...`.
 */
export function formatFinding(
  rule: TrailRuleInfo,
  finding: RuleFinding,
  path: string,
  propNames: Readonly<Record<string, string>> = {},
): string {
  const named = (key: string) =>
    Object.prototype.hasOwnProperty.call(propNames, key) && typeof propNames[key] === 'string'
      ? propNames[key]
      : undefined;
  const pieces: string[] = [];
  if (rule.cfnProperty === '-') {
    const at = finding.at ?? rule.prop;
    const top = at.split(/[.[]/)[0];
    const prop = named(top) === undefined ? at : `${named(top)}${at.slice(top.length)}`;
    if (prop !== '-') pieces.push(`prop ${prop}`);
  } else {
    const where = finding.at ?? rule.cfnProperty;
    const top = where.split(/[.[]/)[0];
    pieces.push(`${where} (prop ${named(top) ?? (top === rule.cfnProperty ? rule.prop : camelCase(top))})`);
  }
  if (finding.value !== undefined) pieces.push(`'${shorten(renderValue(finding.value))}'`);
  pieces.push(finding.problem);
  return `[${rule.id}] ${path}: ${pieces.join(' ')}. Fix: ${finding.fix ?? rule.fix}.`;
}
