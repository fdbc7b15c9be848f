import * as fc from 'fast-check';
import { ref, RefSpec } from './resources';
import { isMarkedToken, maybeToken, nameChars, Opt, optional, valueOf } from './values';

/*
 * CisAlarms and TrailTamperAlert: on the app's SecureTrail, on an imported trail, or (CisAlarms) on a log group alone.
 */
export const CIS_CONTROLS = [
  'UNAUTHORIZED_API_CALLS',
  'CONSOLE_SIGN_IN_WITHOUT_MFA',
  'ROOT_USAGE',
  'IAM_POLICY_CHANGES',
  'CLOUDTRAIL_CONFIGURATION_CHANGES',
  'CONSOLE_AUTHENTICATION_FAILURES',
  'CMK_DISABLE_OR_DELETION',
  'S3_BUCKET_POLICY_CHANGES',
  'CONFIG_CHANGES',
  'SECURITY_GROUP_CHANGES',
  'NACL_CHANGES',
  'NETWORK_GATEWAY_CHANGES',
  'ROUTE_TABLE_CHANGES',
  'VPC_CHANGES',
  'ORGANIZATIONS_CHANGES',
] as const;
export type CisControlName = (typeof CIS_CONTROLS)[number];

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
  metricNamespace: optional(
    maybeToken(
      fc.oneof(
        { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9/_-]{0,30}$/), weight: 4 },
        { arbitrary: fc.constantFrom('', 'AWS/CloudTrail', ':bad*'), weight: 1 },
      ),
    ),
  ),
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
  ruleName: optional(
    maybeToken(
      fc.oneof(
        { arbitrary: nameChars(1, 30), weight: 4 },
        { arbitrary: fc.constantFrom('', 'r'.repeat(65), 'has space'), weight: 1 },
      ),
    ),
  ),
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

/** Durations as whole or fractional minutes: the valid range and the values around its edges. */
const minutes = (valid: fc.Arbitrary<number>, edges: number[]) =>
  fc.oneof({ arbitrary: valid, weight: 19 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });

export interface DeliveryMonitorSpec {
  readonly on: 'secureTrail' | 'importedTrail';
  readonly scheduleMinutes: Opt<number>;
  readonly regions: Opt<string[]>;
  readonly topic: Opt<RefSpec>;
  readonly logOverdueMinutes: Opt<number>;
  readonly digestOverdueMinutes: Opt<number>;
}
export const deliveryMonitor: fc.Arbitrary<DeliveryMonitorSpec> = fc.record({
  on: fc.constantFrom<'secureTrail' | 'importedTrail'>('secureTrail', 'importedTrail'),
  scheduleMinutes: optional(minutes(fc.integer({ min: 1, max: 1440 }), [0.5, 1.5, 1441, 4320])),
  regions: optional(
    fc.array(
      maybeToken(
        fc.oneof(
          { arbitrary: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-5', 'us-gov-west-1'), weight: 19 },
          { arbitrary: fc.constantFrom('Europe', 'us-east', 'US-EAST-1'), weight: 1 },
        ),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  ),
  topic: optional(ref),
  logOverdueMinutes: optional(minutes(fc.integer({ min: 15, max: 1440 }), [14, 15.5, 1441])),
  digestOverdueMinutes: optional(minutes(fc.integer({ min: 90, max: 1440 }), [60, 89, 90.5])),
});

export interface IntegrityVerifierSpec {
  readonly on: 'secureTrail' | 'importedTrail';
  readonly maxConcurrency: Opt<number>;
  readonly overdueMinutes: Opt<number>;
  readonly securityHub: Opt<boolean>;
  readonly topic: Opt<RefSpec>;
}
export const integrityVerifier: fc.Arbitrary<IntegrityVerifierSpec> = fc.record({
  // Mostly the app's own trail: a trail imported without its bucket is rejected, which the model already covers.
  on: fc.oneof(
    { arbitrary: fc.constant<'secureTrail'>('secureTrail'), weight: 5 },
    { arbitrary: fc.constant<'importedTrail'>('importedTrail'), weight: 1 },
  ),
  maxConcurrency: optional(
    fc.oneof(
      { arbitrary: fc.integer({ min: 2, max: 1000 }), weight: 19 },
      { arbitrary: fc.constantFrom(0, 1, 2.5, 1001), weight: 1 },
    ),
  ),
  overdueMinutes: optional(minutes(fc.integer({ min: 61, max: 10080 }), [30, 60, 90.5, 10081])),
  securityHub: optional(fc.boolean()),
  topic: optional(ref),
});

/** Why the model expects a delivery monitor to be rejected (literal values only: a token is never wrong). */
export function deliveryMonitorProblems(m: DeliveryMonitorSpec): string[] {
  const out: string[] = [];
  const whole = (v: Opt<number>, min: number, max: number) =>
    typeof v !== 'number' || (Number.isInteger(v) && v >= min && v <= max);
  if (!whole(m.scheduleMinutes, 1, 1440)) out.push('monitor schedule');
  // Overdue thresholds under 15 or 90 minutes are warnings (CloudWatch takes any threshold), never errors.
  if (m.regions) {
    const literals = m.regions.filter((r) => !isMarkedToken(r)).map((r) => valueOf(r));
    if (m.regions.length === 0 || m.regions.length > 10) out.push('monitor region count');
    if (literals.some((r) => !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(r))) out.push('monitor region code');
    if (new Set(literals).size < literals.length) out.push('monitor region twice');
  }
  return out;
}

/** Why the model expects an integrity verifier to be rejected. */
export function integrityVerifierProblems(v: IntegrityVerifierSpec): string[] {
  const out: string[] = [];
  if (
    typeof v.maxConcurrency === 'number' &&
    !(Number.isInteger(v.maxConcurrency) && v.maxConcurrency >= 2 && v.maxConcurrency <= 1000)
  ) {
    out.push('verifier concurrency');
  }
  if (
    typeof v.overdueMinutes === 'number' &&
    !(Number.isInteger(v.overdueMinutes) && v.overdueMinutes >= 61 && v.overdueMinutes <= 10080)
  ) {
    out.push('verifier overdue');
  }
  return out;
}
