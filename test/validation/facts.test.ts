import { Token } from 'aws-cdk-lib';
import { rawTrail, synthError } from './util';
import { memoized, RuleMemo, stringProp } from '../../src/validation/rule';
import { advancedSelectors } from '../../src/validation/selectors';
import { countPresent, literalCopy, literalFacts } from '../../src/validation/values';

// What the resolver learns while copying a list, and the per-trail memo, save rules from walking the same data again.
// These tests hold the shortcuts to the answers of the long way.

describe('literalCopy', () => {
  test('copies a token-free string list and records its count and string lengths', () => {
    const list = ['ab', 'a', 'abcd'];
    const copy = literalCopy(list, false);
    expect(copy).toEqual(list);
    expect(copy).not.toBe(list);
    expect(literalFacts(copy)).toEqual({ present: 3, shortest: 1, longest: 4 });
    // The caller's list is not marked, and the mark is invisible to copies and comparisons.
    expect(literalFacts(list)).toBeUndefined();
    expect(Object.keys(copy!)).toEqual(['0', '1', '2']);
    expect(literalFacts([...copy!])).toBeUndefined();
  });

  test('with scalars, booleans and nulls are kept; nulls are not present', () => {
    const copy = literalCopy(['x', null, true, null], true);
    expect(copy).toEqual(['x', null, true, null]);
    expect(literalFacts(copy)).toEqual({ present: 2, shortest: 1, longest: 1 });
    expect(literalFacts(literalCopy([true, null], true))).toEqual({ present: 1, shortest: Infinity, longest: -1 });
  });

  test.each([
    ['a string token', ['a', Token.asString({ Ref: 'X' })], true],
    ['a list token', Token.asList({ Ref: 'X' }), true],
    ['a number token', ['a', `${Token.asNumber({ Ref: 'X' })}`], true],
    ['an object', ['a', { Ref: 'X' }], true],
    ['a number', ['a', 1], true],
    ['a hole', [, 'a'], true], // eslint-disable-line no-sparse-arrays
    ['a boolean, without scalars', ['a', true], false],
    ['a null, without scalars', ['a', null], false],
  ])('refuses a list with %s', (_, list, scalars) => {
    expect(literalCopy(list as unknown[], scalars as boolean)).toBeUndefined();
  });

  test('countPresent gives the same count from the facts as from the items', () => {
    const lists: unknown[][] = [[], ['a'], ['a', null, 'b'], [null, null], [true, 'x', null, false]];
    for (const list of lists) {
      expect(countPresent(literalCopy(list, true))).toBe(countPresent([...list]));
    }
  });
});

describe('value length from the facts', () => {
  const values = (bad: string) => Array.from({ length: 120 }, (_, i) => (i === 57 ? bad : `arn:aws:s3:::bucket-${i}/`));
  const trail = (startsWith: string[]) => rawTrail({
    advancedEventSelectors: [{
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        { field: 'resources.ARN', startsWith },
      ],
    }],
  });

  test.each([['empty', ''], ['2049 characters', 'a'.repeat(2049)]])('one %s value among many is found, at its index', (_, bad) => {
    expect(synthError(trail(values(bad)).synth))
      .toMatch(/\[ADVANCED_SELECTORS_VALUE_LENGTH\] TestStack\/Trail: AdvancedEventSelectors\[0\]\.FieldSelectors\[2\]\.StartsWith\[57\]/);
  });

  test('a list of good values passes', () => {
    expect(trail(values('a'.repeat(2048))).synth).not.toThrow();
  });

  test('a list read through an escape-hatch override (the general rendering) is checked the same', () => {
    const overridden = (bad: string) => {
      const fixture = trail(['arn:aws:s3:::ok/']);
      fixture.trail.addPropertyOverride('AdvancedEventSelectors.0.FieldSelectors.2.StartsWith', values(bad));
      return fixture.synth;
    };
    expect(synthError(overridden(''))).toMatch(/\[ADVANCED_SELECTORS_VALUE_LENGTH\].*StartsWith\[57\]/);
    expect(overridden('x')).not.toThrow();
  });

  test('counting values across operators uses the facts of each list', () => {
    const arns = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::${prefix}-${i}/`);
    const withValues = (notStartsWith: number) => rawTrail({
      advancedEventSelectors: [{
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          { field: 'resources.ARN', startsWith: arns('in', 300), notStartsWith: arns('out', notStartsWith) },
        ],
      }],
    }).synth;
    expect(withValues(198)).not.toThrow();
    expect(withValues(199)).toThrow(/\[ADVANCED_SELECTORS_VALUE_COUNT\].*'501 values'/);
  });
});

describe('RuleMemo', () => {
  const props = { TrailName: 'my-trail', AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }] };

  test('work is done once per trail check', () => {
    const context = { memo: new RuleMemo(props, {}) };
    let calls = 0;
    const compute = () => ++calls;
    expect(memoized(props, context, 'k', compute)).toBe(1);
    expect(memoized(props, context, 'k', compute)).toBe(1);
    expect(memoized(props, context, 'other', compute)).toBe(2);
    expect(stringProp(props, 'TrailName', context)).toBe(stringProp(props, 'TrailName', context));
    expect(advancedSelectors(props, context)).toBe(advancedSelectors(props, context));
  });

  test('a memo made for other properties, or a look-alike, is not used', () => {
    let calls = 0;
    const compute = () => ++calls;
    const other = { memo: new RuleMemo({ TrailName: 'other' }, {}) };
    expect(memoized(props, other, 'k', compute)).toBe(1);
    expect(memoized(props, other, 'k', compute)).toBe(2);
    const lookAlike = { memo: { props, env: {}, get: () => 'forged' } };
    expect(memoized(props, lookAlike, 'k', compute)).toBe(3);
  });

  test('without a memo, rules read the same values', () => {
    const memo = { memo: new RuleMemo(props, { region: 'us-east-1' }) };
    expect(stringProp(props, 'TrailName', {})?.text).toBe('my-trail');
    expect(advancedSelectors(props, {})).toEqual(advancedSelectors(props, memo));
  });

  test('the memo carries the environment of its context', () => {
    const arn = { 'Fn::Join': ['', ['arn:aws:sns:', { Ref: 'AWS::Region' }, ':111111111111:t']] };
    const memoProps = { SnsTopicName: arn };
    const context = { region: 'eu-west-1', memo: new RuleMemo(memoProps, { region: 'eu-west-1' }) };
    expect(stringProp(memoProps, 'SnsTopicName', context)?.text).toBe('arn:aws:sns:eu-west-1:111111111111:t');
    // The memo's environment, not the context's fields, once made: it is made from the same context.
    expect(stringProp(memoProps, 'SnsTopicName', { memo: new RuleMemo(memoProps, {}) })?.text).toBeUndefined();
  });
});
