import { App, Aws, CfnParameter, Fn, Lazy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fc from 'fast-check';
import { pinnedStack, VALID } from './util';
import { referenceTarget, resolvedProperties } from '../../src/validation/resolve';

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
});
