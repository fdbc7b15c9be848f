import { App, Aws, Fn, Lazy, Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import * as fc from 'fast-check';
import { pinnedStack, VALID } from './util';
import { formatFinding } from '../../src/validation/messages';
import { registerTrailValidation, checkView } from '../../src/validation/register';
import { asLiteral } from '../../src/validation/values';
import { KnownContext, trailView } from '../../src/validation/view';
import { uncheckedTemplates } from '../oracles/templates';

/** Keys the rules look for, so random trees reach deep into every rule. */
const KEYS = [
  'TrailName',
  'S3BucketName',
  'S3KeyPrefix',
  'SnsTopicName',
  'KMSKeyId',
  'CloudWatchLogsLogGroupArn',
  'CloudWatchLogsRoleArn',
  'IsMultiRegionTrail',
  'IncludeGlobalServiceEvents',
  'EventSelectors',
  'AdvancedEventSelectors',
  'InsightSelectors',
  'Tags',
  'ReadWriteType',
  'IncludeManagementEvents',
  'ExcludeManagementEventSources',
  'DataResources',
  'Type',
  'Values',
  'Name',
  'FieldSelectors',
  'Field',
  'Equals',
  'StartsWith',
  'EndsWith',
  'NotEquals',
  'NotStartsWith',
  'NotEndsWith',
  'InsightType',
  'EventCategories',
  'Key',
  'Value',
  'Ref',
  'Fn::Join',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::If',
  '__proto__',
  'toString',
];
const WORDS = [
  '',
  'arn:',
  'arn:aws:kms:us-east-1:111111111111:key/',
  'alias/',
  'alias/aws/',
  'mrk-',
  'o-',
  'log-group:',
  'role/',
  ':',
  '/',
  '.',
  '-',
  '_',
  'Management',
  'Data',
  'NetworkActivity',
  'Insight',
  'eventCategory',
  'resources.type',
  'readOnly',
  'eventSource',
  'errorCode',
  'true',
  'ApiCallRateInsight',
  'ApiErrorRateInsight',
  'All',
  'ReadOnly',
  'WriteOnly',
  'AWS::S3::Object',
  'AWS::Region',
  'AWS::Partition',
  'AWS::AccountId',
  'arn:aws:s3:::',
  'arn:aws:s3',
  'us-east-1',
  '111111111111',
  '${AWS::Region}',
  '${!Literal}',
  '${Token[TOKEN.1]}',
  'aws:',
  '192.168.5.4',
  'xn--',
  '-1.8881545897087626e+289',
];

/** CDK tokens of every kind, unresolved (as they would reach a rule called directly). */
const token = fc
  .constantFrom(
    () => Lazy.string({ produce: () => 'lazy' }),
    () => Lazy.string({ produce: () => undefined }),
    () => Lazy.any({ produce: () => ({ Ref: 'X' }) }),
    () => Lazy.list({ produce: () => ['a'] }),
    () => Lazy.number({ produce: () => 3 }),
    () => Aws.REGION,
    () => Aws.PARTITION,
    () => Fn.join('', ['arn:', Aws.PARTITION, ':kms:', Aws.REGION]),
    () => Fn.join('-', ['a', Lazy.string({ produce: () => 'b' })]),
    () => Token.asString({ Ref: 'Y' }),
  )
  .map((make) => make());

const leaf = fc.oneof(
  fc.anything({
    withNullPrototype: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.string(),
  fc.constantFrom(...WORDS),
  fc.tuple(fc.constantFrom(...WORDS), fc.string(), fc.constantFrom(...WORDS)).map(([a, b, c]) => a + b + c),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(undefined),
  fc.constant(null),
  token,
);

const { value } = fc.letrec<{ value: unknown; list: unknown[]; object: Record<string, unknown>; intrinsic: unknown }>(
  (tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('object'), tie('intrinsic')),
    list: fc.array(tie('value'), { maxLength: 5 }),
    object: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie('value'), { maxKeys: 5 }),
    intrinsic: fc.oneof(
      fc.record({
        Ref: fc.oneof(
          fc.constantFrom('AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'X'),
          tie('value'),
        ),
      }),
      fc.record({ 'Fn::Join': fc.tuple(fc.oneof(fc.string(), tie('value')), tie('list')) }),
      fc.record({ 'Fn::Join': tie('value') }),
      fc.record({ 'Fn::Sub': fc.oneof(fc.string(), fc.constantFrom(...WORDS), tie('value')) }),
      fc.record({ 'Fn::Sub': fc.tuple(fc.string(), tie('object')) }),
      fc.record({ 'Fn::GetAtt': tie('value') }),
      fc.record({ 'Fn::If': tie('list') }),
      fc.record({ 'Fn::Select': tie('list') }),
    ),
  }),
);

/**
 * Trail properties (the runner reads them from a rendered template: always an object): the real keys with random
 * values.
 */
const props = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS.slice(0, 13)), value, { maxKeys: 13 }),
  fc.dictionary(fc.string(), value, { maxKeys: 5 }),
);
/**
 * What the runner knows besides: concrete strings or nothing for the Regions and account, anything for the
 * organization.
 */
const maybeString = fc.oneof(fc.constantFrom('us-east-1', 'eu-west-1', '111111111111'), value).map((v) => asLiteral(v));
const context = fc.record({
  region: maybeString,
  account: maybeString,
  bucketRegion: maybeString,
  keyRegion: maybeString,
  organizationId: value,
});

/** Every rule on the view of `p`; fails the test when building the view or a rule throws. */
function check(p: Record<string, unknown>, c: KnownContext & { region?: string; account?: string }) {
  const results = checkView(trailView(p, { region: c.region, account: c.account }, c));
  expect(results.filter((r) => r.failure !== undefined).map((r) => [r.rule.id, r.failure])).toEqual([]);
  return results;
}

describe('no rule ever throws', () => {
  test('every check, on any properties and context, returns findings with a message', () => {
    fc.assert(
      fc.property(props, context, value, (p, c, propNames) => {
        for (const { rule, findings } of check(p, c)) {
          for (const finding of findings) {
            expect(typeof finding.problem).toBe('string');
            const message = formatFinding(
              rule,
              finding,
              'TestStack/Trail',
              propNames !== null && typeof propNames === 'object' ? (propNames as never) : undefined,
            );
            expect(message.startsWith(`[${rule.id}] TestStack/Trail: `)).toBe(true);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('every check, on well-shaped selectors with random leaves', () => {
    const fieldSelector = fc.record(
      {
        Field: fc.oneof(
          fc.constantFrom('eventCategory', 'resources.type', 'readOnly', 'eventSource', 'errorCode', 'eventName'),
          value,
        ),
        Equals: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...WORDS), value), { maxLength: 3 }), value),
        NotEquals: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...WORDS), value), { maxLength: 3 }), value),
        StartsWith: fc.oneof(fc.array(value, { maxLength: 3 }), value),
      },
      { requiredKeys: ['Field'] },
    );
    const shaped = fc.record(
      {
        TrailName: value,
        EventSelectors: fc.array(
          fc.record(
            {
              ReadWriteType: fc.oneof(fc.constantFrom('All', 'ReadOnly', 'WriteOnly'), value),
              IncludeManagementEvents: fc.oneof(fc.boolean(), value),
              DataResources: fc.array(
                fc.record({
                  Type: value,
                  Values: fc.array(fc.oneof(fc.constantFrom(...WORDS), value), { maxLength: 4 }),
                }),
                { maxLength: 3 },
              ),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 7 },
        ),
        AdvancedEventSelectors: fc.array(
          fc.record(
            { Name: value, FieldSelectors: fc.oneof(fc.array(fieldSelector, { maxLength: 4 }), value) },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
        InsightSelectors: fc.array(
          fc.record(
            {
              InsightType: fc.oneof(fc.constantFrom('ApiCallRateInsight', 'ApiErrorRateInsight'), value),
              EventCategories: fc.oneof(fc.array(fc.constantFrom('Management', 'Data', 'X')), value),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        Tags: fc.array(fc.record({ Key: value, Value: value }, { requiredKeys: [] }), { maxLength: 5 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(shaped, context, (p, c) => {
        for (const { rule, findings } of check(p, c)) {
          for (const finding of findings) expect(typeof formatFinding(rule, finding, 'P')).toBe('string');
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('through a CfnTrail with random property values, validation returns messages', () => {
    const overrides = fc.dictionary(fc.constantFrom(...KEYS.slice(0, 13)), value, { minKeys: 1, maxKeys: 6 });
    const contextStrings = fc.record(
      {
        bucketRegion: fc.oneof(fc.constantFrom('us-east-1', 'eu-west-1'), token, fc.string()),
        keyRegion: fc.oneof(fc.constantFrom('us-east-1', 'eu-west-1'), token, fc.string()),
        organizationId: fc.oneof(fc.constant('o-a1b2c3d4e5'), token, fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(overrides, contextStrings, (o, c) => {
        const app = new App();
        const trail = new CfnTrail(pinnedStack(app), 'Trail', VALID);
        for (const [key, v] of Object.entries(o)) trail.addPropertyOverride(key, v);
        registerTrailValidation(trail, c as never);
        const messages = trail.node.validate();
        for (const message of messages) expect(message).toMatch(/^\[[A-Z0-9_]+\] TestStack\/Trail: /);
      }),
      { numRuns: 300 },
    );
  });

  test('through synthesis with random JSON property values, only validation errors are thrown', () => {
    // Values CloudFormation can hold; fake token markers (which aws-cdk-lib itself refuses to resolve) are left out.
    const templateValue = value.filter((v) => {
      try {
        const json = JSON.stringify(v);
        return json !== undefined && !/Token\[TOKEN\.1\]|e\+289/.test(json);
      } catch {
        return false;
      }
    });
    const overrides = fc.dictionary(fc.constantFrom(...KEYS.slice(0, 13)), fc.oneof(fc.jsonValue(), templateValue), {
      minKeys: 1,
      maxKeys: 6,
    });
    const synthWith = (o: Record<string, unknown>, rules: boolean): string | undefined => {
      const app = new App({
        context: uncheckedTemplates(
          'random property values make templates CloudFormation would reject; this is about the rules',
        ),
      });
      const trail = new CfnTrail(pinnedStack(app), 'Trail', VALID);
      for (const [key, v] of Object.entries(o)) trail.addPropertyOverride(key, v);
      if (rules) registerTrailValidation(trail);
      try {
        app.synth();
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    };
    fc.assert(
      fc.property(overrides, (o) => {
        const error = synthWith(o, true);
        if (
          error === undefined ||
          /^Validation failed with the following errors:\n {2}\[TestStack\/Trail\] \[[A-Z0-9_]+\] /.test(error)
        ) {
          return;
        }
        // Any other error must be aws-cdk-lib's own (some values cannot even be written as a template, such as an
        // object whose own `__proto__` is a Date): the same synth without the rules fails the same way.
        expect(synthWith(o, false)).toBe(error);
      }),
      { numRuns: 200 },
    );
  });
});

test('an override aws-cdk-lib itself cannot write (found by the property test) fails the same with and without the rules', () => {
  const synth = (rules: boolean) => {
    const app = new App();
    const trail = new CfnTrail(pinnedStack(app), 'Trail', VALID);
    const date = new Date(0);
    const odd = {};
    Object.defineProperty(odd, '__proto__', { value: date, enumerable: true, configurable: true, writable: true });
    trail.addPropertyOverride('TrailName', { '': { 'Fn::Select': [[odd]] } });
    if (rules) registerTrailValidation(trail);
    return () => app.synth();
  };
  expect(synth(false)).toThrow('this is not a Date object.');
  expect(synth(true)).toThrow('this is not a Date object.');
});

describe('partly known values are reported only when every completion would be', () => {
  const CHARS = ['a', 'z', 'A', '0', '9', '.', '-', '_', '/', ':', '$', ' ', '*', '#', 'é'];
  const text = fc.oneof(
    fc
      .array(fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom(...WORDS)), { maxLength: 12 })
      .map((parts) => parts.join('')),
    fc.constantFrom(...WORDS),
  );
  const placements: Array<[string, (v: unknown) => Record<string, unknown>]> = [
    ['TrailName', (v) => ({ S3BucketName: 'logs', TrailName: v })],
    ['S3BucketName', (v) => ({ S3BucketName: v })],
    ['S3KeyPrefix', (v) => ({ S3BucketName: 'logs', S3KeyPrefix: v })],
    ['SnsTopicName', (v) => ({ S3BucketName: 'logs', SnsTopicName: v })],
    ['KMSKeyId', (v) => ({ S3BucketName: 'logs', KMSKeyId: v })],
    [
      'CloudWatchLogsLogGroupArn',
      (v) => ({
        S3BucketName: 'logs',
        CloudWatchLogsLogGroupArn: v,
        CloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/R',
      }),
    ],
    [
      'CloudWatchLogsRoleArn',
      (v) => ({
        S3BucketName: 'logs',
        CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:g',
        CloudWatchLogsRoleArn: v,
      }),
    ],
    ['Tags.Key', (v) => ({ S3BucketName: 'logs', Tags: [{ Key: v, Value: 'v' }] })],
    ['Tags.Value', (v) => ({ S3BucketName: 'logs', Tags: [{ Key: 'k', Value: v }] })],
    [
      'DataResources.Values',
      (v) => ({
        S3BucketName: 'logs',
        EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: [v] }] }],
      }),
    ],
    [
      'AdvancedEventSelectors.Value',
      (v) => ({
        S3BucketName: 'logs',
        AdvancedEventSelectors: [
          {
            Name: v,
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.ARN', StartsWith: [v] },
            ],
          },
        ],
      }),
    ],
  ];
  const pinned = { region: 'us-east-1', account: '111111111111', bucketRegion: 'us-east-1' };
  const reported = (p: Record<string, unknown>) =>
    new Set(
      check(p, pinned)
        .filter((r) => r.findings.length > 0)
        .map((r) => r.rule.id),
    );

  test.each(placements)('%s', (_name, place) => {
    fc.assert(
      fc.property(
        text,
        text,
        text,
        fc.constantFrom('AWS::Partition', 'AWS::AccountId', 'Param', 'AWS::URLSuffix'),
        (head, middle, tail, hole) => {
          // The hole stands for `middle`; a pseudo parameter can only stand for what it can hold.
          const completion =
            hole === 'AWS::Partition'
              ? 'aws'
              : hole === 'AWS::AccountId'
                ? '111111111111'
                : hole === 'AWS::URLSuffix'
                  ? 'amazonaws.com'
                  : middle;
          const partial = reported(place({ 'Fn::Join': ['', [head, { Ref: hole }, tail]] }));
          const complete = reported(place(head + completion + tail));
          // A name rule yields to TRAIL_NAME_NOT_ARN when the completion turns out to be an ARN: still an error, by
          // that rule.
          const covered = (id: string) =>
            complete.has(id) || (id.startsWith('TRAIL_NAME_') && complete.has('TRAIL_NAME_NOT_ARN'));
          for (const id of partial) expect([id, covered(id)]).toEqual([id, true]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
