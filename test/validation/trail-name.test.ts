import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { pinnedStack, rawTrail, reportedIds, rule, synthError, validatedApp } from './util';

describe('TRAIL_NAME_CHARACTERS', () => {
  test.each(['abc', 'A.b_c-d', 'Z9z', 'trail-2024.prod_x'])('accepts %p', (trailName) => {
    expect(rawTrail({ trailName }).synth).not.toThrow();
  });
  test.each(['my trail', 'my/trail', 'my$trail', 'träil', 'my:trail'])('rejects %p', (trailName) => {
    expect(rawTrail({ trailName }).synth).toThrow(rule('TRAIL_NAME_CHARACTERS'));
  });
  test('names the offending characters', () => {
    expect(synthError(rawTrail({ trailName: 'my trail$' }).synth)).toMatch(/contains ' ' and '\$'/);
  });
});

describe('TRAIL_NAME_START_END', () => {
  test.each(['a-b', '1-2', 'a_9'])('accepts %p', (trailName) => {
    expect(rawTrail({ trailName }).synth).not.toThrow();
  });
  test.each(['-ab', 'ab-', '_ab', 'ab.', '.ab'])('rejects %p', (trailName) => {
    expect(rawTrail({ trailName }).synth).toThrow(rule('TRAIL_NAME_START_END'));
  });
});

describe('TRAIL_NAME_LENGTH', () => {
  test('3 and 128 characters pass', () => {
    expect(rawTrail({ trailName: 'abc' }).synth).not.toThrow();
    expect(rawTrail({ trailName: 'a'.repeat(128) }).synth).not.toThrow();
  });
  test('2 characters fail', () => {
    expect(rawTrail({ trailName: 'ab' }).synth).toThrow(rule('TRAIL_NAME_LENGTH'));
  });
  test('129 characters fail', () => {
    expect(rawTrail({ trailName: 'a'.repeat(129) }).synth).toThrow(rule('TRAIL_NAME_LENGTH'));
  });
});

describe('TRAIL_NAME_ADJACENT_PUNCTUATION', () => {
  test.each(['a.b', 'a-b_c.d', 'my-namespace'])('accepts %p', (trailName) => {
    expect(rawTrail({ trailName }).synth).not.toThrow();
  });
  test.each(['a..b', 'my-_namespace', 'my--namespace', 'a._b', 'a__b'])('rejects %p', (trailName) => {
    expect(rawTrail({ trailName }).synth).toThrow(rule('TRAIL_NAME_ADJACENT_PUNCTUATION'));
  });
  test('the message names path, property, prop, value, rule and fix', () => {
    const message = synthError(rawTrail({ trailName: 'a..b' }).synth);
    expect(message).toContain(
      "[TRAIL_NAME_ADJACENT_PUNCTUATION] TestStack/Trail: TrailName (prop trailName) 'a..b' has two adjacent '.', '_' or '-' ('..'); " +
        'CloudTrail rejects it with InvalidTrailNameException. Fix: ',
    );
    expect(message).toContain("e.g. 'a.b'");
  });
});

describe('TRAIL_NAME_IP_ADDRESS', () => {
  test('an IP-address name fails', () => {
    expect(rawTrail({ trailName: '192.168.5.4' }).synth).toThrow(rule('TRAIL_NAME_IP_ADDRESS'));
  });
  test.each(['192.168.5', 'a192.168.5.4', '192.168.5.4a', '192.168.5.4.1'])('%p is no IP address', (trailName) => {
    expect(rawTrail({ trailName }).synth).not.toThrow();
  });
});

describe('TRAIL_NAME_NOT_ARN', () => {
  test('a trail ARN fails with this rule only', () => {
    const message = synthError(
      rawTrail({ trailName: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/MyTrail' }).synth,
    );
    expect(reportedIds(message)).toEqual(['TRAIL_NAME_NOT_ARN']);
    expect(message).toContain("e.g. 'MyTrail'");
  });
  test.each(['arnold', 'arn-trail', 'arn.trail'])('%p is a name', (trailName) => {
    expect(rawTrail({ trailName }).synth).not.toThrow();
  });
});

describe('through aws-cdk-lib aws_cloudtrail.Trail', () => {
  test("trailName 'a..b' fails, named by the L2 path", () => {
    const app = validatedApp();
    new cloudtrail.Trail(pinnedStack(app), 'Trail', { trailName: 'a..b' });
    const message = synthError(() => app.synth());
    expect(message).toMatch(/\[TRAIL_NAME_ADJACENT_PUNCTUATION\] TestStack\/Trail: TrailName/);
  });
  test('a valid name passes', () => {
    const app = validatedApp();
    new cloudtrail.Trail(pinnedStack(app), 'Trail', { trailName: 'org.audit-trail_1' });
    expect(() => app.synth()).not.toThrow();
  });
});
