import { TrailRuleInfo } from '../rule-info';
import { TrailView } from '../view';

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
 * One CloudTrail constraint, written once: what `TrailValidator.rules()` lists, and one check over the trail's view.
 * A check reports only what values known at synth settle; the runner reports a check that throws as a warning.
 */
export interface TrailRule extends TrailRuleInfo {
  check(view: TrailView): RuleFinding[];
}

/** Lists characters for a message: `'$', ' ' and '/'`. */
export function quoteChars(chars: readonly string[]): string {
  const quoted = chars.map((c) => `'${c}'`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
