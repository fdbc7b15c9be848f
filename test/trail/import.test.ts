import { Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ITrail, SecureTrail, TrailBase } from '../../src';
import { ACCOUNT, REGION, testStack } from '../helpers';

const OTHER = '222222222222';
const ARN = `arn:aws:cloudtrail:eu-west-1:${OTHER}:trail/org-trail`;
const ARN_FORM = "Fix: give the trail's ARN, arn:<partition>:cloudtrail:<region>:<account>:trail/<name>";

describe('fromTrailArn', () => {
  test('the name, account and Region come from the ARN, not the stack', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailArn(stack, 'Imported', ARN);
    expect(trail.trailArn).toBe(ARN);
    expect(trail.trailName).toBe('org-trail');
    expect(trail.env).toEqual({ account: OTHER, region: 'eu-west-1' });
  });

  test('SecureTrail inherits it: SecureTrail.fromTrailArn imports the same way', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailArn(stack, 'Imported', ARN);
    expect(trail.trailName).toBe('org-trail');
    expect(trail.env.account).toBe(OTHER);
    expect(trail).toBeInstanceOf(TrailBase);
  });

  test('other partitions are accepted', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailArn(
      stack,
      'Imported',
      `arn:aws-cn:cloudtrail:cn-north-1:${OTHER}:trail/cn-trail`,
    );
    expect(trail.env).toEqual({ account: OTHER, region: 'cn-north-1' });
  });

  test('an ARN known only at deploy time is accepted unchecked; the name is cut from it by CloudFormation', () => {
    const stack = testStack();
    const arn = Fn.importValue('TrailArn');
    const trail = SecureTrail.fromTrailArn(stack, 'Imported', arn);
    expect(Token.isUnresolved(trail.trailName)).toBe(true);
    expect(stack.resolve(trail.trailName)).toEqual({
      'Fn::Select': [
        1,
        { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::ImportValue': 'TrailArn' }] }] }] },
      ],
    });
  });

  test.each([
    ['not-an-arn', /does not have the six ':'-separated parts of an ARN/],
    [`arn:aws:cloudtrail:us-east-1:${OTHER}:trail/a:b`, /does not have the six ':'-separated parts of an ARN/],
    [`arn:AWS:cloudtrail:us-east-1:${OTHER}:trail/my-trail`, /has partition 'AWS', not one such as 'aws' or 'aws-cn'/],
    ['arn:aws:s3:::my-bucket', /is an ARN of service 's3', not 'cloudtrail'/],
    [`arn:aws:cloudtrail:useast1:${OTHER}:trail/my-trail`, /has Region 'useast1', not one such as 'us-east-1'/],
    ['arn:aws:cloudtrail:us-east-1:2222:trail/my-trail', /has account '2222', not a 12-digit account id/],
    [
      `arn:aws:cloudtrail:us-east-1:${OTHER}:eventdatastore/abc`,
      /has resource 'eventdatastore\/abc', not 'trail\/<name>'/,
    ],
    [
      `arn:aws:cloudtrail:us-east-1:${OTHER}:trail/ab`,
      /has trail name 'ab', which is 2 characters long, outside 3 to 128/,
    ],
    [`arn:aws:cloudtrail:us-east-1:${OTHER}:trail/my--trail`, /has trail name 'my--trail', which has two adjacent/],
  ])('%s fails at synth, naming the construct, the value and the expected form', (arn, problem) => {
    const expectMessage = (make: (stack: Stack) => unknown) => {
      const stack = testStack();
      make(stack);
      const fn = () => Template.fromStack(stack);
      expect(fn).toThrow(problem);
      expect(fn).toThrow(`[IMPORTED_TRAIL_ARN] TestStack/Imported: prop trailArn '${arn}'`);
      expect(fn).toThrow(ARN_FORM);
    };
    expectMessage((stack) => SecureTrail.fromTrailArn(stack, 'Imported', arn));
    expectMessage((stack) => SecureTrail.fromTrailAttributes(stack, 'Imported', { trailArn: arn }));
  });
});

describe('fromTrailName', () => {
  test("the ARN is built in the stack's account and Region, and the trail is in them", () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailName(stack, 'Imported', 'my-trail');
    expect(trail.trailName).toBe('my-trail');
    expect(stack.resolve(trail.trailArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${REGION}:${ACCOUNT}:trail/my-trail`]],
    });
    expect(trail.env).toEqual({ account: ACCOUNT, region: REGION });
  });

  test('a name known only at deploy time is accepted unchecked', () => {
    const stack = testStack();
    const name = Lazy.string({ produce: () => 'x' });
    expect(SecureTrail.fromTrailName(stack, 'Imported', name).trailName).toBe(name);
  });

  test.each([
    ['too short', 'ab', /is 2 characters long, outside 3 to 128/],
    ['too long', 't'.repeat(129), /is 129 characters long, outside 3 to 128/],
    ['a space', 'my trail', /contains ' '/],
    ['a leading dash', '-trail', /starts with '-'/],
    ['a trailing underscore', 'trail_', /ends with '_'/],
    ['adjacent periods', 'my..trail', /has two adjacent/],
    ['an IP address', '192.168.5.4', /is in IP-address format/],
  ])(
    'a name with %s fails at synth, naming the construct, the value and what a name must be',
    (_what, name, problem) => {
      const stack = testStack();
      SecureTrail.fromTrailName(stack, 'Imported', name);
      const fn = () => Template.fromStack(stack);
      expect(fn).toThrow(problem);
      // Values over 80 characters are shown shortened.
      expect(fn).toThrow(
        `[IMPORTED_TRAIL_NAME] TestStack/Imported: prop trailName '${name.length > 80 ? `${name.slice(0, 79)}…` : name}' is not a valid trail name`,
      );
      expect(fn).toThrow('a trail name is 3 to 128 ASCII letters');
    },
  );

  test('an ARN given as a name fails and points to fromTrailArn', () => {
    const stack = testStack();
    SecureTrail.fromTrailName(stack, 'Imported', ARN);
    expect(() => Template.fromStack(stack)).toThrow(
      `[IMPORTED_TRAIL_NAME] TestStack/Imported: prop trailName '${ARN}' is an ARN, not a name. Fix: import it with fromTrailArn instead.`,
    );
  });
});

describe('fromTrailAttributes', () => {
  test('keeps where the log files are, for grants and monitoring', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs');
    const encryptionKey = kms.Key.fromKeyArn(
      stack,
      'Key',
      `arn:aws:kms:eu-west-1:${OTHER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    );
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Group', 'org-trail-logs');
    const trail = SecureTrail.fromTrailAttributes(stack, 'Imported', {
      trailArn: ARN,
      bucket,
      s3KeyPrefix: 'org',
      encryptionKey,
      logGroup,
    });
    expect(trail.trailName).toBe('org-trail');
    expect(trail.env).toEqual({ account: OTHER, region: 'eu-west-1' });
    expect({
      bucket: trail.bucket,
      s3KeyPrefix: trail.s3KeyPrefix,
      encryptionKey: trail.encryptionKey,
      logGroup: trail.logGroup,
    }).toEqual({ bucket, s3KeyPrefix: 'org', encryptionKey, logGroup });
  });

  test('a SecureTrail, seen as an ITrail, reports what it made: bucket, prefix, key and log group', () => {
    const stack = testStack();
    const made = new SecureTrail(stack, 'Trail', { s3KeyPrefix: 'audit' });
    const trail: ITrail = made;
    expect(trail.bucket).toBe(made.node.findChild('Bucket'));
    expect(trail.s3KeyPrefix).toBe('audit');
    expect(trail.encryptionKey).toBe(made.node.findChild('Key'));
    expect(trail.logGroup).toBe(made.node.findChild('CloudWatchLogs').node.findChild('LogGroup'));
  });

  test('what it says of its organization: isOrganizationTrail follows organizationId unless given', () => {
    const facts = (attrs: object) => {
      const trail = SecureTrail.fromTrailAttributes(testStack(), 'Imported', { trailArn: ARN, ...attrs });
      return { isOrganizationTrail: trail.isOrganizationTrail, organizationId: trail.organizationId };
    };
    expect(facts({})).toEqual({ isOrganizationTrail: undefined, organizationId: undefined });
    expect(facts({ organizationId: 'o-abcdefghij' })).toEqual({
      isOrganizationTrail: true,
      organizationId: 'o-abcdefghij',
    });
    expect(facts({ isOrganizationTrail: true })).toEqual({ isOrganizationTrail: true, organizationId: undefined });
    expect(facts({ isOrganizationTrail: false })).toEqual({ isOrganizationTrail: false, organizationId: undefined });
    const byArn = SecureTrail.fromTrailArn(testStack(), 'ByArn', ARN);
    expect([byArn.isOrganizationTrail, byArn.organizationId]).toEqual([undefined, undefined]);
  });

  test('a SecureTrail says whether it is an organization trail, and of which organization', () => {
    const stack = testStack();
    const org: ITrail = new SecureTrail(stack, 'Org', { organizationId: 'o-abcdefghij', managementAccountId: ACCOUNT });
    const account: ITrail = new SecureTrail(stack, 'Account');
    expect([org.isOrganizationTrail, org.organizationId]).toEqual([true, 'o-abcdefghij']);
    expect([account.isOrganizationTrail, account.organizationId]).toEqual([false, undefined]);
  });

  test('an organization id of the wrong form, or one for an account trail, fails at synth', () => {
    const stack = testStack();
    SecureTrail.fromTrailAttributes(stack, 'Short', { trailArn: ARN, organizationId: 'o-short' });
    SecureTrail.fromTrailAttributes(stack, 'Account', {
      trailArn: ARN,
      isOrganizationTrail: false,
      organizationId: 'o-abcdefghij',
    });
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(
      /\[ORGANIZATION_ID\] TestStack\/Short: prop organizationId 'o-short' is not an AWS Organizations/,
    );
    expect(synth).toThrow(
      /\[IMPORTED_TRAIL_ORGANIZATION\] TestStack\/Account: prop organizationId 'o-abcdefghij' is given, but isOrganizationTrail is false/,
    );
  });

  test('what it says of its Regions and log file validation: as given, otherwise not known', () => {
    const stack = testStack();
    const known = SecureTrail.fromTrailAttributes(stack, 'Known', {
      trailArn: ARN,
      isMultiRegionTrail: false,
      logFileValidationEnabled: true,
    });
    const unknown = SecureTrail.fromTrailArn(stack, 'Unknown', ARN);
    expect([known.isMultiRegionTrail, known.logFileValidationEnabled]).toEqual([false, true]);
    expect([unknown.isMultiRegionTrail, unknown.logFileValidationEnabled]).toEqual([undefined, undefined]);
  });

  test('a SecureTrail says what its AWS::CloudTrail::Trail holds: defaults, props, escape hatches, tokens', () => {
    const stack = testStack();
    const facts = (trail: ITrail) => [trail.isMultiRegionTrail, trail.logFileValidationEnabled];
    expect(facts(new SecureTrail(stack, 'Default'))).toEqual([true, true]);
    const off = new SecureTrail(stack, 'Off', { isMultiRegionTrail: false, enableLogFileValidation: false });
    expect(facts(off)).toEqual([false, false]);
    const changed = new SecureTrail(stack, 'Changed');
    changed.cfnTrail.isMultiRegionTrail = false;
    changed.cfnTrail.enableLogFileValidation = undefined;
    expect(facts(changed)).toEqual([false, false]);
    const deployTime = new SecureTrail(stack, 'DeployTime');
    deployTime.cfnTrail.isMultiRegionTrail = Token.asAny(Fn.importValue('MultiRegion')) as any;
    expect(facts(deployTime)).toEqual([undefined, true]);
  });
});
