import { PartialString, toPartial } from './partial-string';
import { findEach, knownEnv, memoized, shown, TrailRule } from './rule';
import { asList, countPresent, field } from './values';

const SOURCE = 'CloudTrail API AddTags / Tag (TagKey 1-128, TagValue up to 256; 50 tags per trail), TagsLimitExceededException, '
  + 'InvalidTagParameterException / AWS tagging rules (aws: prefix reserved)';

interface TagView {
  readonly index: number;
  /** The key and value as partial strings, or undefined when absent or not strings. */
  readonly key?: PartialString;
  readonly value?: PartialString;
}

/** Each tag with its index, parsed once per trail check; `Tags` is read after `Tags.of()` aspects rendered it. */
function eachTag(props: unknown, context: unknown): readonly TagView[] {
  return memoized(props, context, 'Tags (views)', () => {
    const env = knownEnv(context);
    return (asList(field(props, 'Tags')) ?? []).map((tag, index) => ({
      index,
      key: toPartial(field(tag, 'Key'), env),
      value: toPartial(field(tag, 'Value'), env),
    }));
  });
}

export const TAG_RULES: TrailRule[] = [
  {
    id: 'TAGS_COUNT',
    constraint: 'A trail has at most 50 tags (the 2015 API allowed 10).',
    source: SOURCE,
    cfnProperty: 'Tags',
    prop: 'tags',
    fix: 'use at most 50 tags on the trail, counting tags added with Tags.of() on its scopes (exclude some with excludeResourceTypes)',
    severity: 'error',
    check(props) {
      const count = countPresent(field(props, 'Tags'));
      if (count <= 50) return [];
      return [{ value: `${count} tags`, problem: 'is over the 50 tags a trail may have; CloudTrail rejects it with TagsLimitExceededException' }];
    },
  },
  {
    id: 'TAG_KEY_LENGTH',
    constraint: 'A tag key is 1 to 128 characters long.',
    source: SOURCE,
    cfnProperty: 'Tags',
    prop: 'tags',
    fix: 'use a tag key of 1 to 128 characters',
    severity: 'error',
    check(props, context) {
      return findEach(eachTag(props, context), ({ index, key }) => {
        if (key === undefined) return [];
        const text = key.text;
        const bad = text !== undefined ? text.length < 1 || text.length > 128 : key.minLength > 128;
        if (!bad) return [];
        const length = text?.length ?? key.minLength;
        return [{
          at: `Tags[${index}].Key`,
          value: shown(key),
          problem: `is ${text === undefined ? 'at least ' : ''}${length} characters long, outside 1 to 128; CloudTrail rejects it with InvalidTagParameterException`,
        }];
      });
    },
  },
  {
    id: 'TAG_VALUE_LENGTH',
    constraint: 'A tag value is at most 256 characters long.',
    source: SOURCE,
    cfnProperty: 'Tags',
    prop: 'tags',
    fix: 'use a tag value of at most 256 characters',
    severity: 'error',
    check(props, context) {
      return findEach(eachTag(props, context), ({ index, value }) => {
        if (value === undefined) return [];
        const length = value.text?.length ?? value.minLength;
        if (length <= 256) return [];
        return [{
          at: `Tags[${index}].Value`,
          value: shown(value),
          problem: `is ${value.text === undefined ? 'at least ' : ''}${length} characters long, over 256; CloudTrail rejects it with InvalidTagParameterException`,
        }];
      });
    },
  },
  {
    id: 'TAG_KEY_RESERVED_PREFIX',
    constraint: 'A tag key does not start with aws: in any case (reserved for AWS).',
    source: SOURCE,
    cfnProperty: 'Tags',
    prop: 'tags',
    fix: 'use a key without the aws: prefix',
    severity: 'error',
    check(props, context) {
      return findEach(eachTag(props, context), ({ index, key }) => {
        if (key === undefined || !key.head.toLowerCase().startsWith('aws:')) return [];
        return [{ at: `Tags[${index}].Key`, value: shown(key), problem: 'starts with the reserved prefix aws:; CloudTrail rejects it with InvalidTagParameterException' }];
      });
    },
  },
  {
    id: 'TAG_KEY_DUPLICATE',
    constraint: 'Tag keys of a trail are unique.',
    source: SOURCE,
    cfnProperty: 'Tags',
    prop: 'tags',
    fix: 'give each key once',
    severity: 'error',
    check(props, context) {
      const seen = new Map<string, number>();
      const reported = new Set<string>();
      return findEach(eachTag(props, context), ({ index, key: partial }) => {
        const key = partial?.text;
        if (key === undefined) return [];
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, index);
          return [];
        }
        if (reported.has(key)) return [];
        reported.add(key);
        return [{
          at: `Tags[${index}].Key`,
          value: key,
          problem: `repeats the key of Tags[${first}]; CloudTrail rejects it with InvalidTagParameterException`,
        }];
      });
    },
  },
];
