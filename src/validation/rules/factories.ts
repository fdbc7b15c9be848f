import { arnDefinitelyInvalid, ArnSpec } from '../arn';
import { PartialString } from '../partial-string';
import { TrailRuleInfo, TrailRuleSeverity } from '../rule-info';
import { TrailView } from '../view';
import { quoteChars, RuleFinding, TrailRule } from './rule';

/*
 * The shapes several rules share, each written once: the name families (trail name, bucket name), length and count
 * limits, closed sets of values and ARN formats.
 */

type Info = Omit<TrailRuleInfo, 'severity'> & { readonly severity?: TrailRuleSeverity };

function rule(info: Info, check: (view: TrailView) => RuleFinding[]): TrailRule {
  return { ...info, severity: info.severity ?? TrailRuleSeverity.ERROR, check };
}

/**
 * A length limit on each string `each` gives (with where it is, when narrower than the rule's property). A string with
 * holes is reported only when its literal parts alone are too long.
 * `rejected` ends the problem (e.g. 'CloudTrail rejects it with InvalidS3PrefixException').
 */
export function lengthRule(
  info: Info & { min?: number; max: number; rejected: string },
  each: (view: TrailView) => ReadonlyArray<{ value?: PartialString; at?: string }>,
): TrailRule {
  const min = info.min ?? 0;
  const range = min > 0 ? `outside ${min} to ${info.max}` : `over ${info.max}`;
  return rule(info, (view) =>
    each(view).flatMap(({ value, at }): RuleFinding[] => {
      if (value === undefined) return [];
      const exact = value.text !== undefined;
      const length = value.text?.length ?? value.minLength;
      if (exact ? length >= min && length <= info.max : length <= info.max) return [];
      return [
        {
          at,
          value: value.display(),
          problem: `is ${exact ? '' : 'at least '}${length} characters long, ${exact ? range : `over ${info.max}`}; ${info.rejected}`,
        },
      ];
    }),
  );
}

/** A limit on how many of something a trail holds: reported with the count (`<count> <what>`) when over `max`. */
export function countRule(
  info: Info & { max: number; what: string; problem: string },
  count: (view: TrailView) => number,
): TrailRule {
  return rule(info, (view) => {
    const n = count(view);
    return n <= info.max ? [] : [{ value: `${n} ${info.what}`, problem: info.problem }];
  });
}

/**
 * A closed set of values: each literal value `each` gives that is not `allowed` (one of a list, or matching) is
 * reported.
 */
export function enumRule(
  info: Info & { allowed: readonly string[] | RegExp; problem: string },
  each: (view: TrailView) => ReadonlyArray<{ at: string; value?: string }>,
): TrailRule {
  const allowed = (value: string) =>
    info.allowed instanceof RegExp ? info.allowed.test(value) : info.allowed.includes(value);
  return rule(info, (view) =>
    each(view)
      .filter((item) => item.value !== undefined && !allowed(item.value))
      .map((item) => ({ ...item, problem: info.problem })),
  );
}

/**
 * A check on one string of the view (nothing to check when absent), reported with the string as the value: what is
 * wrong, with a fix when more precise than the rule's, or undefined.
 */
export function stringRule(
  info: Info,
  get: (view: TrailView) => PartialString | undefined,
  check: (value: PartialString) => string | { problem: string; fix?: string } | undefined,
): TrailRule {
  return rule(info, (view) => {
    const value = get(view);
    const found = value === undefined ? undefined : check(value);
    return found === undefined
      ? []
      : [{ value: value!.display(), ...(typeof found === 'string' ? { problem: found } : found) }];
  });
}

/** An ARN of one kind: reported when it certainly is none, whatever its holes hold. */
export function arnRule(
  info: Info & { spec: ArnSpec; problem: string },
  get: (view: TrailView) => PartialString | undefined,
): TrailRule {
  return stringRule(info, get, (value) =>
    value.cannotStartWith('arn:') || arnDefinitelyInvalid(value, info.spec) ? info.problem : undefined,
  );
}

/** Two resources that must be in one Region: reported when both Regions are known and differ. */
export function regionRule(
  info: Info & { other: string; rejected: string },
  get: (view: TrailView) => { value?: PartialString; region?: string; expected?: string },
): TrailRule {
  return rule(info, (view) => {
    const { value, region, expected } = get(view);
    if (value === undefined || region === undefined || expected === undefined || region === expected) return [];
    return [
      {
        value: value.display(),
        problem: `is in Region ${region} but ${info.other} is in ${expected}; ${info.rejected}`,
      },
    ];
  });
}

const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/** What differs between the trail-name and bucket-name rule families. */
export interface NameFamily {
  /** Rule id prefix: `TRAIL_NAME`, `S3_BUCKET_NAME`. */
  readonly prefix: string;
  readonly cfnProperty: string;
  readonly prop: string;
  readonly source: string;
  /** Ends every problem, e.g. 'CloudTrail rejects it with InvalidTrailNameException'. */
  readonly rejected: string;
  /** The name, when the family applies to it. */
  readonly get: (view: TrailView) => PartialString | undefined;
  /** An empty name is left to a rule of its own (the required-property rule). */
  readonly emptyReportedElsewhere?: boolean;
}

/**
 * The five rules every name family has: characters, first and last character, length, adjacent punctuation, IP form.
 */
export function nameRules(
  family: NameFamily,
  spec: {
    characters: { constraint: string; fix: string; allowed: RegExp };
    ends: { constraint: string; fix: string; allowed: RegExp; what: string };
    length: { constraint: string; fix: string; min: number; max: number };
    adjacent: {
      id: string;
      constraint: string;
      fix: string;
      pattern: RegExp;
      problem: (run: string) => string;
      fixFor?: (text: string) => string;
    };
    ipAddress: { constraint: string; fix: string; fixFor?: (text: string) => string };
  },
) {
  const info = (id: string, text: { constraint: string; fix: string }): Info => ({
    id: `${family.prefix}_${id}`,
    constraint: text.constraint,
    fix: text.fix,
    source: family.source,
    cfnProperty: family.cfnProperty,
    prop: family.prop,
  });
  const get = family.get;
  return {
    characters: stringRule(info('CHARACTERS', spec.characters), get, (name) => {
      const bad = name.badCharacters(spec.characters.allowed);
      return bad.length === 0 ? undefined : `contains ${quoteChars(bad)}; ${family.rejected}`;
    }),
    startEnd: stringRule(info('START_END', spec.ends), get, (name) => {
      const first = name.head.charAt(0);
      const last = name.tail.charAt(name.tail.length - 1);
      const ends = [
        ...(first !== '' && !spec.ends.allowed.test(first) ? [`starts with '${first}'`] : []),
        ...(last !== '' && !spec.ends.allowed.test(last) ? [`ends with '${last}'`] : []),
      ];
      return ends.length === 0 ? undefined : `${ends.join(' and ')}, not ${spec.ends.what}; ${family.rejected}`;
    }),
    length: lengthRule(
      { ...info('LENGTH', spec.length), min: spec.length.min, max: spec.length.max, rejected: family.rejected },
      (view) => [{ value: family.emptyReportedElsewhere && get(view)?.text === '' ? undefined : get(view) }],
    ),
    adjacent: stringRule(info(spec.adjacent.id, spec.adjacent), get, ({ literals, text }) => {
      const run = literals.map((l) => spec.adjacent.pattern.exec(l)?.[0]).find((m) => m !== undefined);
      if (run === undefined) return undefined;
      return {
        problem: `${spec.adjacent.problem(run)}; ${family.rejected}`,
        fix: text !== undefined ? spec.adjacent.fixFor?.(text) : undefined,
      };
    }),
    ipAddress: stringRule(info('IP_ADDRESS', spec.ipAddress), get, ({ text }) =>
      text === undefined || !IP_ADDRESS.test(text)
        ? undefined
        : { problem: `is in IP-address format; ${family.rejected}`, fix: spec.ipAddress.fixFor?.(text) },
    ),
  };
}
