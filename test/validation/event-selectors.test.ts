import { Aws, Fn } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { pinnedStack, rawTrail, rule, synthError, VALID, validatedApp } from './util';

type Selector = cloudtrail.CfnTrail.EventSelectorProperty;
const s3Selector = (values: string[]): Selector => ({ dataResources: [{ type: 'AWS::S3::Object', values }] });
const buckets = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${from + i}/`);

describe('EVENT_SELECTORS_COUNT', () => {
  test('5 selectors pass, 6 fail', () => {
    const selectors = (n: number) => Array.from({ length: n }, (_, i) => s3Selector([`arn:aws:s3:::b${i}/`]));
    expect(rawTrail({ eventSelectors: selectors(5) }).synth).not.toThrow();
    expect(rawTrail({ eventSelectors: selectors(6) }).synth).toThrow(rule('EVENT_SELECTORS_COUNT'));
  });
  test('6 selectors added with aws_cloudtrail.Trail.addEventSelector fail', () => {
    const app = validatedApp();
    const trail = new cloudtrail.Trail(pinnedStack(app), 'Trail');
    for (let i = 0; i < 6; i++) {
      trail.addEventSelector(cloudtrail.DataResourceType.S3_OBJECT, [`arn:aws:s3:::bucket-${i}/`]);
    }
    expect(() => app.synth()).toThrow(
      /\[EVENT_SELECTORS_COUNT\] TestStack\/Trail: EventSelectors \(prop eventSelectors\) '6 selectors'/,
    );
  });
  test('5 selectors added with aws_cloudtrail.Trail.addEventSelector pass', () => {
    const app = validatedApp();
    const trail = new cloudtrail.Trail(pinnedStack(app), 'Trail');
    for (let i = 0; i < 5; i++) {
      trail.addEventSelector(cloudtrail.DataResourceType.S3_OBJECT, [`arn:aws:s3:::bucket-${i}/`]);
    }
    expect(() => app.synth()).not.toThrow();
  });
});

describe('EVENT_SELECTORS_DATA_RESOURCE_VALUES', () => {
  test('250 specific values pass, 251 fail', () => {
    expect(rawTrail({ eventSelectors: [s3Selector(buckets(250))] }).synth).not.toThrow();
    expect(rawTrail({ eventSelectors: [s3Selector(buckets(251))] }).synth).toThrow(
      rule('EVENT_SELECTORS_DATA_RESOURCE_VALUES'),
    );
  });
  test('the cap is across the trail, not per selector', () => {
    const eventSelectors = [s3Selector(buckets(125)), s3Selector(buckets(126, 125))];
    expect(rawTrail({ eventSelectors }).synth).toThrow(
      /\[EVENT_SELECTORS_DATA_RESOURCE_VALUES\].*'251 data resources'/,
    );
  });
  test.each(['arn:aws:s3', 'arn:aws:s3:::', 'arn:aws:lambda', 'arn:aws:dynamodb'])(
    '%p logs all resources and does not count',
    (all) => {
      expect(rawTrail({ eventSelectors: [s3Selector([...buckets(250), all])] }).synth).not.toThrow();
    },
  );
  test('all S3 objects through aws_cloudtrail.Trail (a partition token) do not count', () => {
    const app = validatedApp();
    const trail = new cloudtrail.Trail(pinnedStack(app), 'Trail');
    trail.addEventSelector(cloudtrail.DataResourceType.S3_OBJECT, buckets(250));
    trail.logAllS3DataEvents();
    expect(() => app.synth()).not.toThrow();
  });
  test('values with a partition token still count when they name a resource', () => {
    const values = Array.from({ length: 251 }, (_, i) => Fn.join('', ['arn:', Aws.PARTITION, `:s3:::bucket-${i}/`]));
    expect(rawTrail({ eventSelectors: [s3Selector(values)] }).synth).toThrow(
      rule('EVENT_SELECTORS_DATA_RESOURCE_VALUES'),
    );
  });
  test('values not known at synth do not count', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    // Imports, not parameters: a template holds at most 200 parameters.
    const unknown = Array.from({ length: 251 }, (_, i) => Fn.importValue(`BucketPrefix${i}`));
    new cloudtrail.CfnTrail(stack, 'Trail', { ...VALID, eventSelectors: [s3Selector(unknown)] });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('EVENT_SELECTORS_DATA_RESOURCE_TYPE', () => {
  test.each(['AWS::S3::Object', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table'])('accepts %p', (type) => {
    expect(
      rawTrail({ eventSelectors: [{ dataResources: [{ type, values: ['arn:aws:s3:::b/'] }] }] }).synth,
    ).not.toThrow();
  });
  test.each(['AWS::SNS::Topic', 'AWS::S3::Bucket', 'AWS::S3Express::Object'])('rejects %p', (type) => {
    expect(rawTrail({ eventSelectors: [{ dataResources: [{ type, values: ['arn:aws:s3:::b/'] }] }] }).synth).toThrow(
      /\[EVENT_SELECTORS_DATA_RESOURCE_TYPE\] TestStack\/Trail: EventSelectors\[0\]\.DataResources\[0\]\.Type \(prop eventSelectors\)/,
    );
  });
});

describe('EVENT_SELECTORS_READ_WRITE_TYPE', () => {
  test.each(['ReadOnly', 'WriteOnly', 'All'])('accepts %p', (readWriteType) => {
    expect(rawTrail({ eventSelectors: [{ readWriteType }] }).synth).not.toThrow();
  });
  test.each(['read-only', 'all', 'Read'])('rejects %p', (readWriteType) => {
    expect(rawTrail({ eventSelectors: [{ readWriteType }] }).synth).toThrow(rule('EVENT_SELECTORS_READ_WRITE_TYPE'));
  });
});

describe('EVENT_SELECTORS_EXCLUDED_SOURCES', () => {
  test('kms and rdsdata pass', () => {
    expect(
      rawTrail({ eventSelectors: [{ excludeManagementEventSources: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] }] })
        .synth,
    ).not.toThrow();
  });
  test('another source fails', () => {
    expect(rawTrail({ eventSelectors: [{ excludeManagementEventSources: ['s3.amazonaws.com'] }] }).synth).toThrow(
      rule('EVENT_SELECTORS_EXCLUDED_SOURCES'),
    );
  });
});

describe('EVENT_SELECTORS_BASIC_AND_ADVANCED', () => {
  const advanced = [{ fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] }];
  test('both kinds on one trail fail', () => {
    expect(rawTrail({ eventSelectors: [{ readWriteType: 'All' }], advancedEventSelectors: advanced }).synth).toThrow(
      rule('EVENT_SELECTORS_BASIC_AND_ADVANCED'),
    );
  });
  test('either kind alone passes', () => {
    expect(rawTrail({ eventSelectors: [{ readWriteType: 'All' }] }).synth).not.toThrow();
    expect(rawTrail({ advancedEventSelectors: advanced }).synth).not.toThrow();
  });
  test('an empty basic list beside advanced selectors passes', () => {
    expect(synthError(rawTrail({ eventSelectors: [], advancedEventSelectors: advanced }).synth)).not.toMatch(
      rule('EVENT_SELECTORS_BASIC_AND_ADVANCED'),
    );
  });
});
