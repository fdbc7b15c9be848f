import * as fc from 'fast-check';
import { env, EnvSpec } from './env';
import {
  cisAlarms,
  CisAlarmsSpec,
  deliveryMonitor,
  DeliveryMonitorSpec,
  integrityVerifier,
  IntegrityVerifierSpec,
  tamperAlert,
  TamperAlertSpec,
} from './monitoring';
import { guardrails, GuardrailsSpec, prerequisites, PrerequisitesSpec } from './organization';
import { query, QuerySpec } from './query';
import { standalone, StandaloneSpec } from './standalone';
import { trailSpec, TrailSpec } from './trail';
import { uses, UsesSpec } from './uses';
import { plainTrail, PlainTrailSpec } from './validator';
import { account, region } from './values';

/*
 * A whole app: its environment, an optional second stack (same environment) where some pieces go, and any mix of the
 * library's features. The standalone pieces (TrailBucket, TrailKey, TrailTopic, CloudWatchLogsDelivery) appear as
 * the resources the trail and monitors are given (test/fuzz/arbitraries/resources.ts) and on their own below.
 */
export interface AppSpec {
  readonly env: EnvSpec;
  /** Put the monitors, queries and guardrails in a second stack (cross-stack references to the trail's resources). */
  readonly splitStacks: boolean;
  readonly trail?: TrailSpec;
  /** The ARN a trail is imported by, for monitors, queries and guardrails that watch an existing trail. */
  readonly importedTrail: {
    readonly account: string;
    readonly region: string;
    readonly withBucket: boolean;
    readonly how: 'arn' | 'name' | 'attributes';
  };
  readonly cisAlarms?: CisAlarmsSpec;
  readonly tamperAlert?: TamperAlertSpec;
  readonly deliveryMonitor?: DeliveryMonitorSpec;
  readonly integrityVerifier?: IntegrityVerifierSpec;
  readonly query?: QuerySpec;
  readonly prerequisites?: PrerequisitesSpec;
  readonly guardrails?: GuardrailsSpec;
  readonly plainTrail?: PlainTrailSpec;
  /** A CloudWatchLogsDelivery of its own for the imported trail. */
  readonly delivery?: { readonly retention?: number | null; readonly organizationId?: string | null };
  /** TrailBucket, TrailKey, TrailAccessLogsBucket and TrailTopic on their own. */
  readonly standalone?: StandaloneSpec;
  /** Grants on a trail and an EventBridge rule for its events. */
  readonly uses?: UsesSpec;
  /** Several of a feature in one app: a second SecureTrail (and a table over it), named or not. */
  readonly more?: {
    readonly trailName: string | null;
    readonly organizationId: string | null;
    readonly secondTable: boolean;
    readonly secondCis: boolean;
  };
  /** Give the organization prerequisites a VPC for their provider function. */
  readonly prerequisitesVpc: boolean;
}

export const appSpec: fc.Arbitrary<AppSpec> = fc.record({
  env,
  splitStacks: fc.boolean(),
  trail: sometimes(trailSpec, 5),
  importedTrail: fc.record({
    account,
    region,
    withBucket: fc.boolean(),
    how: fc.constantFrom<'arn' | 'name' | 'attributes'>('arn', 'name', 'attributes'),
  }),
  cisAlarms: sometimes(cisAlarms),
  tamperAlert: sometimes(tamperAlert),
  deliveryMonitor: sometimes(deliveryMonitor, 1),
  integrityVerifier: sometimes(integrityVerifier, 1),
  query: sometimes(query),
  prerequisites: sometimes(prerequisites, 1),
  guardrails: sometimes(guardrails),
  plainTrail: sometimes(plainTrail, 1),
  standalone: sometimes(standalone, 3),
  uses: sometimes(uses),
  more: sometimes(
    fc.record({
      trailName: fc.constantFrom(null, 'second-trail', 'audit.trail'),
      organizationId: fc.constantFrom(null, 'o-a1b2c3d4e5'),
      secondTable: fc.boolean(),
      secondCis: fc.boolean(),
    }),
  ),
  prerequisitesVpc: fc.boolean(),
  delivery: sometimes(
    fc.record({
      retention: fc.constantFrom(undefined, null, 30, 42),
      organizationId: fc.constantFrom(undefined, null, 'o-abcdefghij'),
    }),
    1,
  ),
});

/** A feature present `weight` times in 8 (so most apps hold a trail and one or two other features, some many). */
function sometimes<T>(arb: fc.Arbitrary<T>, weight = 2): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 - weight }, { arbitrary: arb, weight });
}
