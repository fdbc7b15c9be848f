import { App, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { pinnedStack, rawTrail, reportedIds, synthError, VALID, validatedApp } from './util';
import { registerTrailValidation } from '../../src/validation/register';
import { renderedProperties } from '../../src/validation/report';
import { EACH_TRAIL_RULES } from '../../src/validation/rules/all';
import { secondCopy } from '../second-copy';

describe("the properties the rules read are the template's", () => {
  test('with tags from Tags.of(), escape-hatch overrides and deletions, resolved', () => {
    const app = new App();
    const stack = pinnedStack(app);
    const bucket = new s3.Bucket(stack, 'Logs');
    const trail = new CfnTrail(stack, 'Trail', { ...VALID, s3BucketName: bucket.bucketName, s3KeyPrefix: 'gone' });
    Tags.of(stack).add('Team', 'audit');
    trail.addPropertyOverride('TrailName', 'overridden');
    trail.addPropertyDeletionOverride('S3KeyPrefix');
    const template = Template.fromStack(stack);
    const expected = Object.values(template.findResources('AWS::CloudTrail::Trail'))[0].Properties;
    expect(renderedProperties(trail)).toEqual(expected);
    expect(expected).toEqual({
      IsLogging: true,
      S3BucketName: { Ref: 'Logs6819BB44' },
      TrailName: 'overridden',
      Tags: [{ Key: 'Team', Value: 'audit' }],
    });
  });

  test('a reference to another stack is the import the template holds', () => {
    const app = new App();
    const other = pinnedStack(app, 'Other');
    const bucket = new s3.Bucket(other, 'Logs');
    const trail = new CfnTrail(pinnedStack(app), 'Trail', { ...VALID, s3BucketName: bucket.bucketName });
    app.synth();
    expect(renderedProperties(trail)).toEqual({
      IsLogging: true,
      S3BucketName: { 'Fn::ImportValue': expect.stringContaining('Other:ExportsOutputRefLogs') },
    });
  });

  test('an override the rules then check: an invalid name put in by an escape hatch fails', () => {
    const f = rawTrail();
    f.trail.addPropertyOverride('TrailName', 'a..b');
    expect(reportedIds(synthError(f.synth))).toEqual(['TRAIL_NAME_ADJACENT_PUNCTUATION']);
  });
});

describe('a rule that throws', () => {
  test('does not stop synthesis: it is a warning naming the rule, and the other rules still run', () => {
    const broken = EACH_TRAIL_RULES.find((r) => r.id === 'S3_KEY_PREFIX_LENGTH')!;
    const spy = jest.spyOn(broken, 'check').mockImplementation(() => {
      throw new Error('unexpected shape');
    });
    try {
      expect(reportedIds(synthError(rawTrail({ trailName: 'a..b' }).synth))).toEqual([
        'TRAIL_NAME_ADJACENT_PUNCTUATION',
      ]);
      const f = rawTrail({ s3KeyPrefix: '/logs' });
      const warnings = Annotations.fromStack(f.stack)
        .findWarning('*', Match.anyValue())
        .map((w) => w.entry.data);
      expect(warnings).toEqual([
        expect.stringMatching(
          /^\[S3_KEY_PREFIX_LENGTH\] TestStack\/Trail: this rule could not check the value \(unexpected shape\)\. Check it yourself: An S3 key prefix is at most 200/,
        ),
        expect.stringMatching(/^\[S3_KEY_PREFIX_SLASH\]/),
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('checks across trails', () => {
  test('run once per app however many trails there are, and report once', () => {
    const app = validatedApp();
    const stacks = [pinnedStack(app, 'A'), pinnedStack(app, 'B')];
    for (let i = 0; i < 12; i++) new CfnTrail(stacks[i % 2], `Trail${i}`, VALID);
    const root = app.node;
    const spy = jest.spyOn(root, 'findAll');
    const message = synthError(() => app.synth());
    // aws-cdk-lib walks the tree too; the checks across trails add one walk, not one per trail.
    const ours = spy.mock.calls.length;
    spy.mockRestore();
    expect(reportedIds(message)).toEqual(['TRAILS_PER_REGION']);
    expect(message).toContain('this app defines 12 trails there');
    const single = validatedApp();
    new CfnTrail(pinnedStack(single), 'Only', VALID);
    const spySingle = jest.spyOn(single.node, 'findAll');
    single.synth();
    expect(ours).toBe(spySingle.mock.calls.length);
  });

  test('a stack without an app is its own root', () => {
    const stack = new Stack(undefined, 'Alone', { env: { account: '111111111111', region: 'us-east-1' } });
    for (let i = 0; i < 6; i++) registerTrailValidation(new CfnTrail(stack, `Trail${i}`, VALID));
    expect(() => Template.fromStack(stack)).toThrow(/\[TRAILS_PER_REGION\] account 111111111111 Region us-east-1/);
  });
});

describe('two copies of the library in one app', () => {
  const other = secondCopy<typeof import('../../src/validation/register')>('validation/register');

  test('validate a trail both register once, with the context of both', () => {
    const f = rawTrail({ trailName: 'a..b', isOrganizationTrail: true });
    registerTrailValidation(f.trail);
    other.registerTrailValidation(f.trail, { organizationId: 'nope' });
    expect(reportedIds(synthError(f.synth))).toEqual(['TRAIL_NAME_ADJACENT_PUNCTUATION', 'ORGANIZATION_ID_FORMAT']);
  });

  test('check the trails across the app once', () => {
    const stack = new Stack(undefined, 'Alone', { env: { account: '111111111111', region: 'us-east-1' } });
    for (let i = 0; i < 6; i++) {
      (i % 2 === 0 ? registerTrailValidation : other.registerTrailValidation)(new CfnTrail(stack, `Trail${i}`, VALID));
    }
    expect(reportedIds(synthError(() => Template.fromStack(stack)))).toEqual(['TRAILS_PER_REGION']);
  });
});
