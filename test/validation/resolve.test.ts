import { App, Aws, CfnParameter, Fn, Lazy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fc from 'fast-check';
import { pinnedStack, VALID } from './util';
import { referenceTarget, renderedProperties, resolvedProperties } from '../../src/validation/resolve';

/** What `stack.resolve()` makes of the trail's properties: the reference the fast path must agree with. */
function fullyResolved(trail: cloudtrail.CfnTrail): unknown {
  const rendered = Stack.of(trail).resolve((trail as unknown as { _toCloudFormation: () => object })._toCloudFormation());
  return (Object.values(rendered.Resources)[0] as { Properties?: unknown }).Properties ?? {};
}

/** Equal, except that a reference placeholder stands for whatever intrinsic the reference resolves to. */
function expectEquivalent(light: unknown, full: unknown, path = 'Properties'): void {
  if (referenceTarget(light) !== undefined) {
    expect([path, Object.keys(full as object)]).toEqual([path, [expect.stringMatching(/^(Ref|Fn::GetAtt|Fn::ImportValue)$/)]]);
    return;
  }
  if (Array.isArray(light) && Array.isArray(full)) {
    expect([path, light.length]).toEqual([path, full.length]);
    light.forEach((item, i) => expectEquivalent(item, full[i], `${path}[${i}]`));
    return;
  }
  if (light !== null && typeof light === 'object' && full !== null && typeof full === 'object') {
    expect([path, Object.keys(light).sort()]).toEqual([path, Object.keys(full).sort()]);
    for (const key of Object.keys(light)) expectEquivalent((light as any)[key], (full as any)[key], `${path}.${key}`);
    return;
  }
  expect([path, light]).toEqual([path, full]);
}

function check(trail: cloudtrail.CfnTrail): void {
  expectEquivalent(resolvedProperties(trail), fullyResolved(trail));
}

describe('the fast resolution of trail properties agrees with stack.resolve()', () => {
  test('literal properties, tags from Tags.of and escape-hatch overrides', () => {
    const app = new App();
    const stack = pinnedStack(app);
    const trail = new cloudtrail.CfnTrail(stack, 'Trail', {
      ...VALID,
      trailName: 'trail',
      eventSelectors: [{ readWriteType: 'All', dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::b/', 'arn:aws:s3:::c/'] }] }],
      tags: [{ key: 'own', value: 'v' }],
    });
    Tags.of(stack).add('team', 'audit');
    trail.addPropertyOverride('EventSelectors.0.IncludeManagementEvents', false);
    trail.addPropertyOverride('InsightSelectors', [{ InsightType: 'ApiCallRateInsight' }]);
    trail.addPropertyDeletionOverride('IsLogging');
    check(trail);
  });

  test('tokens of every kind', () => {
    const app = new App();
    const stack = pinnedStack(app);
    const param = new CfnParameter(stack, 'Name');
    const bucket = new s3.Bucket(stack, 'Logs');
    const key = new kms.Key(stack, 'Key');
    const topic = new sns.Topic(stack, 'Topic');
    const trail = new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: bucket.bucketName,
      kmsKeyId: key.keyArn,
      snsTopicName: topic.topicName,
      trailName: Fn.join('-', ['trail', param.valueAsString, Aws.REGION]),
      s3KeyPrefix: Lazy.string({ produce: () => 'logs' }),
      cloudWatchLogsLogGroupArn: `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:g:*`,
      cloudWatchLogsRoleArn: Token.asString({ 'Fn::GetAtt': ['Role', 'Arn'] }),
      isMultiRegionTrail: Lazy.any({ produce: () => true }) as unknown as boolean,
      eventSelectors: Lazy.any({ produce: () => [{ DataResources: [{ Type: 'AWS::S3::Object', Values: [`${bucket.bucketArn}/`] }] }] }),
      tags: [{ key: 'k', value: param.valueAsString }],
    });
    trail.addPropertyOverride('AdvancedEventSelectors', [{ FieldSelectors: [{ Field: 'eventCategory', Equals: [Lazy.string({ produce: () => 'Data' })] }] }]);
    check(trail);
  });

  test('a CfnTrail with a token for a key, a Lazy list item and an intrinsic item', () => {
    const app = new App();
    const stack = pinnedStack(app);
    const trail = new cloudtrail.CfnTrail(stack, 'Trail', {
      ...VALID,
      advancedEventSelectors: [{
        fieldSelectors: [
          { [Lazy.string({ produce: () => 'field' })]: 'eventCategory', equalTo: ['Data'] } as unknown as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty,
          Lazy.any({ produce: () => ({ field: 'resources.type', equalTo: ['AWS::S3::Object'] }) }),
          Fn.conditionIf('Cond', { Field: 'readOnly', Equals: [Lazy.string({ produce: () => 'true' })] }, Aws.NO_VALUE),
        ],
      }],
    });
    check(trail);
    const fields = (resolvedProperties(trail) as any).AdvancedEventSelectors[0].FieldSelectors;
    expect(fields[0]).toEqual(expect.objectContaining({ Field: 'eventCategory', Equals: ['Data'] }));
    expect(fields[1]).toEqual(expect.objectContaining({ Field: 'resources.type' }));
    expect(fields[2]).toEqual({ 'Fn::If': ['Cond', { Field: 'readOnly', Equals: ['true'] }, { Ref: 'AWS::NoValue' }] });
  });

  test('an aws_cloudtrail.Trail with key, topic, logs and selectors', () => {
    const app = new App();
    const stack = pinnedStack(app);
    const trail = new cloudtrail.Trail(stack, 'Trail', {
      encryptionKey: new kms.Key(stack, 'Key'),
      snsTopic: new sns.Topic(stack, 'Topic'),
      sendToCloudWatchLogs: true,
      insightTypes: [cloudtrail.InsightType.API_ERROR_RATE],
    });
    trail.logAllS3DataEvents();
    trail.addEventSelector(cloudtrail.DataResourceType.LAMBDA_FUNCTION, ['arn:aws:lambda:us-east-1:111111111111:function:f']);
    check(trail.node.defaultChild as cloudtrail.CfnTrail);
  });

  test('a reference across stacks', () => {
    const app = new App();
    const producer = pinnedStack(app, 'Producer');
    const bucket = new s3.Bucket(producer, 'Logs');
    const trail = new cloudtrail.CfnTrail(pinnedStack(app, 'Consumer'), 'Trail', { isLogging: true, s3BucketName: bucket.bucketName });
    app.synth();
    check(trail);
  });

  test('random overrides', () => {
    const leaf = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(() => Aws.REGION, () => Aws.PARTITION, () => Lazy.string({ produce: () => 'lazy' }),
        () => Fn.join('', ['a', Aws.ACCOUNT_ID]), () => Lazy.any({ produce: () => ({ A: [1, 'b'] }) }), () => Lazy.list({ produce: () => ['x', 'y'] }))
        .map((make) => make()),
    );
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    const keys = ['TrailName', 'S3KeyPrefix', 'EventSelectors', 'AdvancedEventSelectors', 'Tags', 'InsightSelectors', 'KMSKeyId', 'Extra'];
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...keys), tree, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (overrides, deletion) => {
      const app = new App();
      const stack = pinnedStack(app);
      const trail = new cloudtrail.CfnTrail(stack, 'Trail', { ...VALID, tags: [{ key: 'k', value: 'v' }] });
      Tags.of(stack).add('team', 'audit');
      for (const [key, value] of Object.entries(overrides)) trail.addPropertyOverride(key, value);
      if (deletion) trail.addPropertyDeletionOverride('S3BucketName');
      let full: unknown;
      try {
        full = fullyResolved(trail);
      } catch {
        // aws-cdk-lib cannot resolve it either (a list token in a string, say); the fast path must not invent a value.
        expect(resolvedProperties(trail)).toBeUndefined();
        return;
      }
      expectEquivalent(resolvedProperties(trail), full);
    }), { numRuns: 300 });
  });

  test('random CfnTrail props: the CfnTrail rendering agrees with aws-cdk-lib\'s, and refuses what aws-cdk-lib refuses', () => {
    const token = fc.constantFrom(() => Aws.REGION, () => Lazy.string({ produce: () => 'lazy' }), () => Fn.join('-', ['a', Aws.ACCOUNT_ID]),
      () => '{{resolve:ssm:name}}', () => Token.asString({ Ref: 'Param' })).map((make) => make());
    const wrong = fc.oneof(fc.constant(null), fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }), fc.constant(Lazy.any({ produce: () => 7 })), fc.constant({ Ref: 'Param' }),
      fc.constant(Fn.conditionIf('Cond', 'a', Aws.NO_VALUE)));
    // Mostly the right type, sometimes anything at all.
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 60, arbitrary: arb as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: wrong });
    const text = maybe(fc.oneof(fc.string({ maxLength: 8 }), token));
    const flag = maybe(fc.oneof(fc.boolean(), fc.constant(Lazy.any({ produce: () => true }))));
    const texts = maybe(fc.oneof(fc.array(text, { maxLength: 4 }), fc.constant(Lazy.list({ produce: () => ['x', 'y'] }))));
    const record = (fields: Record<string, fc.Arbitrary<unknown>>, ...required: string[]) =>
      maybe(fc.record(fields, { requiredKeys: required as never[] }));
    const list = (item: fc.Arbitrary<unknown>) => maybe(fc.array(item, { maxLength: 3 }));
    const props = fc.record({
      advancedEventSelectors: list(record({
        name: text,
        fieldSelectors: list(record(
          { field: text, equalTo: texts, startsWith: texts, endsWith: texts, notEquals: texts, notStartsWith: texts, notEndsWith: texts },
          'field',
        )),
      }, 'fieldSelectors')),
      aggregationConfigurations: list(record({ eventCategory: text, templates: texts }, 'eventCategory', 'templates')),
      cloudWatchLogsLogGroupArn: text,
      cloudWatchLogsRoleArn: text,
      enableLogFileValidation: flag,
      eventSelectors: list(record({
        dataResources: list(record({ type: text, values: texts }, 'type')),
        excludeManagementEventSources: texts,
        includeManagementEvents: flag,
        readWriteType: text,
      })),
      includeGlobalServiceEvents: flag,
      insightSelectors: list(record({ eventCategories: texts, insightType: text })),
      isMultiRegionTrail: flag,
      isOrganizationTrail: flag,
      kmsKeyId: text,
      s3KeyPrefix: text,
      snsTopicName: text,
      tags: list(record({ key: text, value: text }, 'key', 'value')),
      trailName: text,
    }, { requiredKeys: [] });
    let agreed = 0;
    fc.assert(fc.property(props, text, flag, fc.boolean(), (rest, s3BucketName, isLogging, tagged) => {
      const app = new App();
      const stack = pinnedStack(app);
      let trail: cloudtrail.CfnTrail;
      try {
        trail = new cloudtrail.CfnTrail(stack, 'Trail', { ...rest, s3BucketName, isLogging } as unknown as cloudtrail.CfnTrailProps);
      } catch {
        return; // aws-cdk-lib refuses it at construction (a required prop missing, tags not a list)
      }
      if (tagged) Tags.of(stack).add('team', 'audit');
      try {
        app.synth({ skipValidation: true }); // runs the tagging aspect
      } catch {
        // aws-cdk-lib cannot render these props; compared below
      }
      const general = renderedProperties(trail);
      const spy = jest.spyOn(trail as unknown as { _toCloudFormation: () => object }, '_toCloudFormation');
      const fast = resolvedProperties(trail);
      if (general === undefined) {
        expect(fast).toBeUndefined();
        return;
      }
      // Whatever aws-cdk-lib renders, the CfnTrail rendering renders too, without calling it.
      expect(spy).not.toHaveBeenCalled();
      expectEquivalent(fast, general);
      expectEquivalent(fast, fullyResolved(trail));
      agreed++;
    }), { numRuns: 400 });
    // Most cases are valid props, so the comparison is not vacuous.
    expect(agreed).toBeGreaterThan(100);
  });
});
