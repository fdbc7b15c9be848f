import * as fc from 'fast-check';

/*
 * The value domains every other arbitrary draws from. A generated configuration is plain data (JSON, so a failing one
 * prints whole and can be written out as a test); test/fuzz/build.ts turns it into constructs. Each string a user
 * may give is a literal or a token of one of the kinds a CDK app makes, and each optional prop may be left out or be
 * JavaScript `null` (what jsii languages send for "unset").
 */

/** How a string reaches the construct: as written, or as a token CDK resolves only at synth or deploy time. */
export type TokenKind = 'lazy' | 'importValue' | 'parameter' | 'join';

/** A string prop: a literal, or a token whose value at deploy time would be `sample`. */
export type StrSpec = string | { readonly token: TokenKind; readonly sample: string };

/** An optional prop as a caller may give it: left out (undefined), null, or a value. */
export type Opt<T> = T | null | undefined;

/** Left out, or null (half as often), or a value. */
export function optional<T>(arb: fc.Arbitrary<T>, nullWeight = 1): fc.Arbitrary<Opt<T>> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 10 },
    { arbitrary: fc.constant(null), weight: nullWeight },
    { arbitrary: arb, weight: 2 },
  );
}

/** A literal drawn from `arb`, or (a quarter of the time) a token of one of the kinds whose value would be one. */
export function strOrToken(arb: fc.Arbitrary<string>): fc.Arbitrary<StrSpec> {
  return fc.oneof(
    { arbitrary: arb, weight: 3 },
    {
      arbitrary: fc.record({
        token: fc.constantFrom<TokenKind>('lazy', 'importValue', 'parameter', 'join'),
        sample: arb,
      }),
      weight: 1,
    },
  );
}

export const isToken = (s: Opt<StrSpec>): s is { token: TokenKind; sample: string } =>
  typeof s === 'object' && s !== null;
/** The literal a StrSpec holds, or undefined for a token (whose value synthesis cannot know). */
export const literal = (s: Opt<StrSpec>): string | undefined => (typeof s === 'string' ? s : undefined);

/** Accounts: the stack's own (111111111111), its organization's others, and one of another partition's style. */
export const ACCOUNTS = ['111111111111', '222222222222', '333333333333'] as const;
export const account = fc.constantFrom(...ACCOUNTS);
/** Commercial, opt-in, China and GovCloud Regions: their ARNs have other partitions (aws-cn, aws-us-gov). */
export const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-5', 'cn-north-1', 'us-gov-west-1'] as const;
export const region = fc.constantFrom(...REGIONS);
export function partitionOf(r: string): string {
  return r.startsWith('cn-') ? 'aws-cn' : r.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/**
 * Whole days, valid (>= 1) mostly, or 0 / fractional (a negative Duration is refused by aws-cdk-lib's Duration itself,
 * before any construct sees it) (invalid for every retention or expiration).
 */
export const days = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 3650 }), weight: 6 },
  { arbitrary: fc.constantFrom(0, 1.5), weight: 1 },
);
export const validDays = (d: number) => Number.isInteger(d) && d >= 1;

/** An ASCII identifier-ish string: letters, digits, and the punctuation names allow or forbid. */
export function nameChars(min: number, max: number, chars = 'abcXYZ019._-'): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars.split('')), minLength: min, maxLength: max });
}

/*
 * Ids (organization, account) may be tokens too: a CfnParameter of the organization id, an imported value. They stay
 * strings in the configuration, marked `{kind}` in front of the value the token would have at deploy time, so the
 * model reads the value and the builder makes the token.
 */
const MARK = /^\{(lazy|importValue|parameter|join)\}/;

/** `arb`'s values, a fifth of them as tokens. */
export function maybeToken(arb: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: arb, weight: 4 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom<TokenKind>('lazy', 'importValue', 'parameter', 'join'), arb)
        .map(([k, v]) => `{${k}}${v}`),
      weight: 1,
    },
  );
}
/** The value a (possibly marked) id has at deploy time. */
export function valueOf<T extends string | null | undefined>(s: T): T {
  return (typeof s === 'string' ? s.replace(MARK, '') : s) as T;
}
/** Whether an id is given as a token. */
export const isMarkedToken = (s: unknown): boolean => typeof s === 'string' && MARK.test(s);
/** The StrSpec a marked id stands for. */
export function specOf(s: string): StrSpec {
  const m = MARK.exec(s);
  return m ? { token: m[1] as TokenKind, sample: s.replace(MARK, '') } : s;
}
