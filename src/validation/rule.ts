import { KnownEnv, PartialString, toPartial } from './partial-string';
import type { TrailRuleInfo } from './trail-validator';
import { asLiteral, field } from './values';

/**
 * What a rule knows besides the trail's properties. Every field is optional: a rule with nothing to go on
 * reports nothing.
 */
export interface RuleCheckContext {
  /** The Region the trail is deployed to, when concrete. */
  readonly region?: string;
  /** The account the trail is deployed to, when concrete. */
  readonly account?: string;
  /** The Region of the log bucket, when known at synth. */
  readonly bucketRegion?: string;
  /** The Region of the KMS key, when known at synth (otherwise read from the key ARN). */
  readonly keyRegion?: string;
  /** The organization id the trail is for (resolved; may be an intrinsic). */
  readonly organizationId?: unknown;
  /**
   * Paths of every trail the app defines in the same concrete account and Region, this one included.
   * Undefined when the trail's environment is not concrete.
   */
  readonly trailsInAccountRegion?: readonly string[];
  /** Set by the runner: what several rules read from the properties, worked out once. */
  readonly memo?: RuleMemo;
}

export type RuleSeverity = 'error' | 'warning';

/** One thing a rule found wrong. */
export interface RuleFinding {
  /** Where, when narrower than the rule's property, e.g. `EventSelectors[2].ReadWriteType`. */
  readonly at?: string;
  /** The offending value, shown shortened in the message. Leave out when the problem is an absence. */
  readonly value?: unknown;
  /** What is wrong and what CloudTrail does about it, as the middle of a sentence. */
  readonly problem: string;
  /** A fix for this case, when more precise than the rule's. */
  readonly fix?: string;
}

/**
 * One CloudTrail constraint, written once: the public description (`TrailRuleInfo`, as `TrailValidator.rules()`
 * lists it) plus the check.
 */
export interface TrailRule extends Omit<TrailRuleInfo, 'severity'> {
  readonly severity: RuleSeverity;
  /**
   * True when the rule reports on an absent `cfnProperty` (a required or paired property). Otherwise a trail
   * without the property has nothing for the rule to check, and the runner does not call it.
   */
  readonly checksAbsence?: boolean;
  /**
   * Checks the resolved `Properties` of one `AWS::CloudTrail::Trail`. Never throws, whatever `props` and
   * `context` hold; values not known at synth are never reported.
   */
  check(props: unknown, context: RuleCheckContext): RuleFinding[];
}

/**
 * What several rules read from the same properties (a parsed name, the selector views), worked out once per check
 * of a trail. The runner puts one in the context it gives every rule; a context made any other way (a test's)
 * works the same without it.
 */
export class RuleMemo {
  public readonly env: KnownEnv;
  private readonly values = new Map<string, unknown>();

  /** `context` gives the environment: its concrete `region` and `account`. */
  constructor(public readonly props: unknown, context: unknown) {
    this.env = envOf(context);
  }

  /** `compute()` the first time `key` is asked for, the same value after. */
  public get<T>(key: string, compute: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = compute();
    this.values.set(key, value);
    return value;
  }
}

function memoOf(context: unknown): RuleMemo | undefined {
  const memo = field(context, 'memo');
  return memo instanceof RuleMemo ? memo : undefined;
}

/** `compute()`, worked out once per trail check when `context` carries the memo for `props`. */
export function memoized<T>(props: unknown, context: unknown, key: string, compute: () => T): T {
  const memo = memoOf(context);
  return memo === undefined || memo.props !== props ? compute() : memo.get(key, compute);
}

function envOf(context: unknown): KnownEnv {
  return { region: asLiteral(field(context, 'region')), account: asLiteral(field(context, 'account')) };
}

/** The environment a rule may read pseudo parameters from. */
export function knownEnv(context: unknown): KnownEnv {
  return memoOf(context)?.env ?? envOf(context);
}

/** A string property of the trail as a partial string, or undefined when absent or not a string. */
export function stringProp(props: unknown, key: string, context: unknown): PartialString | undefined {
  return memoized(props, context, key, () => toPartial(field(props, key), knownEnv(context)));
}

/** A string field of the context as a partial string, or undefined. */
export function toPartialContext(context: unknown, key: string): PartialString | undefined {
  return toPartial(field(context, key), knownEnv(context));
}

/** A string field of the context when concrete, or undefined. */
export function contextString(context: unknown, key: string): string | undefined {
  return toPartialContext(context, key)?.text;
}

/** Quotes a partial string for a finding's `value`. */
export function shown(value: PartialString): string {
  return value.display();
}

/** Lists characters for a message: `'$', ' ' and '/'`. */
export function quoteChars(chars: readonly string[]): string {
  const quoted = chars.map((c) => `'${c}'`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * `items.flatMap(check)` as a plain loop. V8 does not optimize `flatMap`, and in a synth, where the rules run once
 * per trail among everything else, it cost several times the checks themselves.
 */
export function findEach<T>(items: readonly T[], check: (item: T, index: number) => readonly RuleFinding[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (let i = 0; i < items.length; i++) {
    const found = check(items[i], i);
    for (let j = 0; j < found.length; j++) findings.push(found[j]);
  }
  return findings;
}
