import * as fc from 'fast-check';
import { ref, RefSpec } from './resources';
import { maybeToken, nameChars, Opt, optional } from './values';

/*
 * CisAlarms and TrailTamperAlert: on the app's SecureTrail, on an imported trail, or (CisAlarms) on a log group alone.
 */
export const CIS_CONTROLS = [
  'UNAUTHORIZED_API_CALLS', 'CONSOLE_SIGN_IN_WITHOUT_MFA', 'ROOT_USAGE', 'IAM_POLICY_CHANGES', 'CLOUDTRAIL_CONFIGURATION_CHANGES',
  'CONSOLE_AUTHENTICATION_FAILURES', 'CMK_DISABLE_OR_DELETION', 'S3_BUCKET_POLICY_CHANGES', 'CONFIG_CHANGES', 'SECURITY_GROUP_CHANGES',
  'NACL_CHANGES', 'NETWORK_GATEWAY_CHANGES', 'ROUTE_TABLE_CHANGES', 'VPC_CHANGES', 'ORGANIZATIONS_CHANGES',
] as const;
export type CisControlName = typeof CIS_CONTROLS[number];

/** What a monitor watches: the app's SecureTrail, a trail imported by ARN, or (CisAlarms only) a log group. */
export type WatchSpec = 'secureTrail' | 'importedTrail' | 'logGroup';

export interface CisAlarmsSpec {
  readonly on: WatchSpec;
  readonly controls: Opt<CisControlName[]>;
  readonly topic: Opt<RefSpec>;
  readonly metricNamespace: Opt<string>;
}
export const cisAlarms: fc.Arbitrary<CisAlarmsSpec> = fc.record({
  on: fc.constantFrom<WatchSpec>('secureTrail', 'importedTrail', 'logGroup'),
  controls: optional(fc.array(fc.constantFrom(...CIS_CONTROLS), { maxLength: 4 })),
  topic: optional(ref),
  metricNamespace: optional(maybeToken(fc.oneof({ arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9/_-]{0,30}$/), weight: 4 }, { arbitrary: fc.constantFrom('', 'AWS/CloudTrail', ':bad*'), weight: 1 }))),
});

export interface TamperAlertSpec {
  readonly on: 'secureTrail' | 'importedTrail';
  readonly topic: Opt<RefSpec>;
  readonly alarm: Opt<boolean>;
  readonly ruleName: Opt<string>;
}
export const tamperAlert: fc.Arbitrary<TamperAlertSpec> = fc.record({
  on: fc.constantFrom<'secureTrail' | 'importedTrail'>('secureTrail', 'importedTrail'),
  topic: optional(ref),
  alarm: optional(fc.boolean()),
  ruleName: optional(maybeToken(fc.oneof({ arbitrary: nameChars(1, 30), weight: 4 }, { arbitrary: fc.constantFrom('', 'r'.repeat(65), 'has space'), weight: 1 }))),
});

export function ruleNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9._-]{1,64}$/.test(name) ? undefined : `ruleName '${name}'`;
}
/** CloudWatch namespaces: 1-255 of printable ASCII but ':', not starting with 'AWS/' (reserved). */
export function namespaceProblem(ns: string): string | undefined {
  if (ns.length < 1 || ns.length > 255) return 'metricNamespace length';
  if (ns.startsWith('AWS/')) return 'metricNamespace reserved';
  if (/[:*]/.test(ns)) return 'metricNamespace characters';
  return undefined;
}
