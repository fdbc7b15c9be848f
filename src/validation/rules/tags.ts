import { TrailRuleSeverity } from '../rule-info';
import { countRule, lengthRule } from './factories';
import { TrailRule } from './rule';

const COMMON = {
  source:
    'CloudTrail API AddTags / Tag (TagKey 1-128, TagValue up to 256; 50 tags per trail), TagsLimitExceededException, ' +
    'InvalidTagParameterException / AWS tagging rules (aws: prefix reserved)',
  cfnProperty: 'Tags',
  prop: 'tags',
  severity: TrailRuleSeverity.ERROR,
} as const;
const REJECTED = 'CloudTrail rejects it with InvalidTagParameterException';

// `Tags` is read after `Tags.of()` aspects rendered it.
export const TAG_RULES: TrailRule[] = [
  countRule(
    {
      ...COMMON,
      id: 'TAGS_COUNT',
      constraint: 'A trail has at most 50 tags (the 2015 API allowed 10).',
      fix: 'use at most 50 tags on the trail, counting tags added with Tags.of() on its scopes (exclude some with excludeResourceTypes)',
      max: 50,
      what: 'tags',
      problem: 'is over the 50 tags a trail may have; CloudTrail rejects it with TagsLimitExceededException',
    },
    (view) => view.tagCount,
  ),
  lengthRule(
    {
      ...COMMON,
      id: 'TAG_KEY_LENGTH',
      constraint: 'A tag key is 1 to 128 characters long.',
      fix: 'use a tag key of 1 to 128 characters',
      min: 1,
      max: 128,
      rejected: REJECTED,
    },
    (view) => view.tags.map((tag) => ({ at: `Tags[${tag.index}].Key`, value: tag.key })),
  ),
  lengthRule(
    {
      ...COMMON,
      id: 'TAG_VALUE_LENGTH',
      constraint: 'A tag value is at most 256 characters long.',
      fix: 'use a tag value of at most 256 characters',
      max: 256,
      rejected: REJECTED,
    },
    (view) => view.tags.map((tag) => ({ at: `Tags[${tag.index}].Value`, value: tag.value })),
  ),
  {
    ...COMMON,
    id: 'TAG_KEY_RESERVED_PREFIX',
    constraint: 'A tag key does not start with aws: in any case (reserved for AWS).',
    fix: 'use a key without the aws: prefix',
    check: (view) =>
      view.tags
        .filter(({ key }) => key?.head.toLowerCase().startsWith('aws:'))
        .map(({ index, key }) => ({
          at: `Tags[${index}].Key`,
          value: key!.display(),
          problem: `starts with the reserved prefix aws:; ${REJECTED}`,
        })),
  },
  {
    ...COMMON,
    id: 'TAG_KEY_DUPLICATE',
    constraint: 'Tag keys of a trail are unique.',
    fix: 'give each key once',
    check(view) {
      // The first index of each key, and -1 once its first repeat is reported.
      const first = new Map<string, number>();
      return view.tags.flatMap(({ index, key: { text: key } = {} }) => {
        const seen = key === undefined ? -1 : (first.get(key) ?? (first.set(key, index), -1));
        if (seen === -1) return [];
        first.set(key!, -1);
        return [{ at: `Tags[${index}].Key`, value: key, problem: `repeats the key of Tags[${seen}]; ${REJECTED}` }];
      });
    },
  },
];
