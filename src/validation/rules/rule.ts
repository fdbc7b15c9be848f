import { TrailRuleInfo } from '../rule-info';
import { TrailView } from '../view';

/** One thing a rule found wrong. */
export interface RuleFinding {
  /**
   * Where, when narrower than the rule's property: `EventSelectors[2].ReadWriteType` under a CloudFormation property,
   * or the prop itself (`organizationId`, `lifecycleRules[1].transitions`) for a rule over props (`cfnProperty` '-').
   */
  readonly at?: string;
  /** The offending value, shown shortened in the message. Leave out when the problem is an absence. */
  readonly value?: unknown;
  /** What is wrong and what the service does about it, as the middle of a sentence. */
  readonly problem: string;
  /** A fix for this case, when more precise than the rule's. */
  readonly fix?: string;
}

/**
 * One AWS constraint, written once: its catalog data (id, constraint, source, fix, severity) and one check. The same
 * shape whatever it reads: a trail's view, a resource's final template properties, or a construct's props. A check
 * reports only what values known at synth settle (a token is never wrong); a check that throws is reported as a
 * warning by the runner, never as a crash. Being plain functions, rules are tested without a synth.
 */
export interface Rule<T> extends TrailRuleInfo {
  check(input: T): RuleFinding[];
}

/** A rule over one trail's view (the final `AWS::CloudTrail::Trail` properties and what the construct knows). */
export interface TrailRule extends Rule<TrailView> {}

/** The final `Properties` of one resource, as the template holds them. */
export type Properties = Readonly<Record<string, unknown>>;

/**
 * A constraint that cannot be checked at synth, and why (it depends on the account, on AWS data, or on deploy time).
 */
export interface UncheckedConstraint {
  readonly id: string;
  readonly resourceType: string;
  readonly constraint: string;
  readonly source: string;
  /** Why it cannot be checked at synth, and what happens instead (who reports it, when). */
  readonly unchecked: string;
}

/** Lists characters for a message: `'$', ' ' and '/'`. */
export function quoteChars(chars: readonly string[]): string {
  const quoted = chars.map((c) => `'${c}'`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
