import { Tags } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { rawTrail, rule, synthError } from './util';

const insight = (insightType: string, eventCategories?: string[]): CfnTrail.InsightSelectorProperty => ({
  insightType,
  eventCategories,
});

describe('INSIGHT_TYPE', () => {
  test.each(['ApiCallRateInsight', 'ApiErrorRateInsight'])('%p passes', (t) => {
    expect(rawTrail({ insightSelectors: [insight(t)] }).synth).not.toThrow();
  });
  test.each(['ApiCallRate', 'apiCallRateInsight', 'Insight'])('%p fails', (t) => {
    expect(rawTrail({ insightSelectors: [insight(t)] }).synth).toThrow(rule('INSIGHT_TYPE'));
  });
});

describe('INSIGHT_EVENT_CATEGORY', () => {
  test('Management and Data pass', () => {
    const dataSelector = { dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::b/'] }] };
    expect(
      rawTrail({
        eventSelectors: [dataSelector],
        insightSelectors: [insight('ApiCallRateInsight', ['Management', 'Data'])],
      }).synth,
    ).not.toThrow();
  });
  test('another category fails', () => {
    expect(rawTrail({ insightSelectors: [insight('ApiCallRateInsight', ['NetworkActivity'])] }).synth).toThrow(
      rule('INSIGHT_EVENT_CATEGORY'),
    );
  });
});

describe('INSIGHT_PREREQUISITES', () => {
  const callRate = [insight('ApiCallRateInsight')];
  const errorRate = [insight('ApiErrorRateInsight')];
  test('with no selectors all management events are logged', () => {
    expect(rawTrail({ insightSelectors: [...callRate, ...errorRate] }).synth).not.toThrow();
  });
  test('call rate on read-only management events fails', () => {
    expect(rawTrail({ eventSelectors: [{ readWriteType: 'ReadOnly' }], insightSelectors: callRate }).synth).toThrow(
      /\[INSIGHT_PREREQUISITES\].*needs write management events/,
    );
  });
  test('call rate on write-only management events passes', () => {
    expect(
      rawTrail({ eventSelectors: [{ readWriteType: 'WriteOnly' }], insightSelectors: callRate }).synth,
    ).not.toThrow();
  });
  test('error rate on read-only management events passes', () => {
    expect(
      rawTrail({ eventSelectors: [{ readWriteType: 'ReadOnly' }], insightSelectors: errorRate }).synth,
    ).not.toThrow();
  });
  test('error rate without management events fails', () => {
    const eventSelectors = [
      { includeManagementEvents: false, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::b/'] }] },
    ];
    expect(rawTrail({ eventSelectors, insightSelectors: errorRate }).synth).toThrow(
      /\[INSIGHT_PREREQUISITES\].*needs read or write management events/,
    );
  });
  test('advanced selectors: call rate on readOnly=true management events fails', () => {
    const advancedEventSelectors = [
      {
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Management'] },
          { field: 'readOnly', equalTo: ['true'] },
        ],
      },
    ];
    expect(rawTrail({ advancedEventSelectors, insightSelectors: callRate }).synth).toThrow(
      rule('INSIGHT_PREREQUISITES'),
    );
  });
  test('advanced selectors: call rate on readOnly=false management events passes', () => {
    const advancedEventSelectors = [
      {
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Management'] },
          { field: 'readOnly', equalTo: ['false'] },
        ],
      },
    ];
    expect(rawTrail({ advancedEventSelectors, insightSelectors: callRate }).synth).not.toThrow();
  });
  test('advanced selectors: a readOnly filter with another operator than Equals is not read as read-only', () => {
    // EQUALS_ONLY reports the operator; what the filter keeps is then unknown, so the prerequisite is not reported.
    const advancedEventSelectors = [
      {
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Management'] },
          { field: 'readOnly', equalTo: ['true'], notEquals: ['false'] },
        ],
      },
    ];
    const message = synthError(rawTrail({ advancedEventSelectors, insightSelectors: callRate }).synth);
    expect(message).toMatch(rule('ADVANCED_SELECTORS_EQUALS_ONLY'));
    expect(message).not.toMatch(rule('INSIGHT_PREREQUISITES'));
  });
  test('Data insights without data events fail', () => {
    expect(rawTrail({ insightSelectors: [insight('ApiCallRateInsight', ['Data'])] }).synth).toThrow(
      /\[INSIGHT_PREREQUISITES\].*needs data events/,
    );
  });
  test('Data insights with advanced Data selectors pass', () => {
    const advancedEventSelectors = [
      { fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
      {
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        ],
      },
    ];
    expect(
      rawTrail({ advancedEventSelectors, insightSelectors: [insight('ApiErrorRateInsight', ['Data'])] }).synth,
    ).not.toThrow();
  });
});

describe('TAGS_COUNT', () => {
  const tagStack = (n: number) => {
    const f = rawTrail();
    for (let i = 0; i < n; i++) Tags.of(f.stack).add(`tag-${i}`, 'v');
    return f;
  };
  test('50 tags added with Tags.of(stack) pass', () => {
    expect(tagStack(50).synth).not.toThrow();
  });
  test('51 tags added with Tags.of(stack) fail', () => {
    expect(tagStack(51).synth).toThrow(/\[TAGS_COUNT\] TestStack\/Trail: Tags \(prop tags\) '51 tags'/);
  });
  test('tags on the trail and from the stack add up', () => {
    const f = rawTrail({ tags: Array.from({ length: 26 }, (_, i) => ({ key: `own-${i}`, value: 'v' })) });
    for (let i = 0; i < 25; i++) Tags.of(f.stack).add(`stack-${i}`, 'v');
    expect(f.synth).toThrow(rule('TAGS_COUNT'));
  });
});

describe('TAG_KEY_LENGTH', () => {
  test('1 and 128 characters pass', () => {
    expect(
      rawTrail({
        tags: [
          { key: 'k', value: 'v' },
          { key: 'k'.repeat(128), value: 'v' },
        ],
      }).synth,
    ).not.toThrow();
  });
  test('0 and 129 characters fail', () => {
    expect(rawTrail({ tags: [{ key: '', value: 'v' }] }).synth).toThrow(rule('TAG_KEY_LENGTH'));
    expect(rawTrail({ tags: [{ key: 'k'.repeat(129), value: 'v' }] }).synth).toThrow(rule('TAG_KEY_LENGTH'));
  });
});

describe('TAG_VALUE_LENGTH', () => {
  test('256 characters pass, 257 fail', () => {
    expect(rawTrail({ tags: [{ key: 'k', value: 'v'.repeat(256) }] }).synth).not.toThrow();
    expect(rawTrail({ tags: [{ key: 'k', value: 'v'.repeat(257) }] }).synth).toThrow(rule('TAG_VALUE_LENGTH'));
  });
  test('an empty value passes', () => {
    expect(rawTrail({ tags: [{ key: 'k', value: '' }] }).synth).not.toThrow();
  });
});

describe('TAG_KEY_RESERVED_PREFIX', () => {
  test.each(['aws:owner', 'AWS:owner', 'Aws:owner'])('%p fails', (key) => {
    expect(rawTrail({ tags: [{ key, value: 'v' }] }).synth).toThrow(rule('TAG_KEY_RESERVED_PREFIX'));
  });
  test.each(['awsowner', 'aws-owner', 'my:aws:owner'])('%p passes', (key) => {
    expect(rawTrail({ tags: [{ key, value: 'v' }] }).synth).not.toThrow();
  });
  test('a reserved key added with Tags.of fails', () => {
    const f = rawTrail();
    Tags.of(f.stack).add('aws:cost-center', 'x');
    expect(f.synth).toThrow(rule('TAG_KEY_RESERVED_PREFIX'));
  });
});

describe('TAG_KEY_DUPLICATE', () => {
  test('a repeated key (written with an escape hatch; the tag manager keeps keys unique) fails', () => {
    const f = rawTrail();
    f.trail.addPropertyOverride('Tags', [
      { Key: 'a', Value: '1' },
      { Key: 'a', Value: '2' },
    ]);
    expect(f.synth).toThrow(
      /\[TAG_KEY_DUPLICATE\] TestStack\/Trail: Tags\[1\]\.Key \(prop tags\) 'a' repeats the key of Tags\[0\]/,
    );
  });
  test('keys differing in case pass', () => {
    const f = rawTrail();
    f.trail.addPropertyOverride('Tags', [
      { Key: 'a', Value: '1' },
      { Key: 'A', Value: '2' },
    ]);
    expect(f.synth).not.toThrow();
  });
});
