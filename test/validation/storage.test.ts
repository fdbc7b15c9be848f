import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { pinnedStack, rawTrail, rule, synthError, VALID, validatedApp } from './util';
import { registerTrailValidation } from '../../src/validation/register';

describe('S3_BUCKET_NAME_REQUIRED', () => {
  test('a missing bucket name fails', () => {
    const f = rawTrail();
    f.trail.addPropertyDeletionOverride('S3BucketName');
    expect(f.synth).toThrow(
      /\[S3_BUCKET_NAME_REQUIRED\] TestStack\/Trail: S3BucketName \(prop s3BucketName\) is missing/,
    );
  });
  test('an empty bucket name fails', () => {
    expect(rawTrail({ s3BucketName: '' }).synth).toThrow(rule('S3_BUCKET_NAME_REQUIRED'));
  });
});

describe('S3_BUCKET_NAME_LENGTH', () => {
  test('3 and 63 characters pass', () => {
    expect(rawTrail({ s3BucketName: 'abc' }).synth).not.toThrow();
    expect(rawTrail({ s3BucketName: 'a'.repeat(63) }).synth).not.toThrow();
  });
  test('2 and 64 characters fail', () => {
    expect(rawTrail({ s3BucketName: 'ab' }).synth).toThrow(rule('S3_BUCKET_NAME_LENGTH'));
    expect(rawTrail({ s3BucketName: 'a'.repeat(64) }).synth).toThrow(rule('S3_BUCKET_NAME_LENGTH'));
  });
});

describe('S3_BUCKET_NAME_CHARACTERS', () => {
  test.each(['my.bucket-1', 'a1b2', 'my--bucket'])('accepts %p', (s3BucketName) => {
    expect(rawTrail({ s3BucketName }).synth).not.toThrow();
  });
  test.each(['My-bucket', 'my_bucket', 'my bucket'])('rejects %p', (s3BucketName) => {
    expect(rawTrail({ s3BucketName }).synth).toThrow(rule('S3_BUCKET_NAME_CHARACTERS'));
  });
});

describe('S3_BUCKET_NAME_START_END', () => {
  test.each(['-bucket', 'bucket-', '.bucket', 'bucket.'])('rejects %p', (s3BucketName) => {
    expect(rawTrail({ s3BucketName }).synth).toThrow(rule('S3_BUCKET_NAME_START_END'));
  });
  test.each(['0bucket9', 'bucket'])('accepts %p', (s3BucketName) => {
    expect(rawTrail({ s3BucketName }).synth).not.toThrow();
  });
});

describe('S3_BUCKET_NAME_ADJACENT_PERIODS', () => {
  test.each(['my..bucket', 'my.-bucket', 'my-.bucket'])('rejects %p', (s3BucketName) => {
    expect(rawTrail({ s3BucketName }).synth).toThrow(rule('S3_BUCKET_NAME_ADJACENT_PERIODS'));
  });
  test.each(['my.b-ucket', 'a.b.c'])('accepts %p', (s3BucketName) => {
    expect(rawTrail({ s3BucketName }).synth).not.toThrow();
  });
});

describe('S3_BUCKET_NAME_IP_ADDRESS', () => {
  test('an IP-address name fails', () => {
    expect(rawTrail({ s3BucketName: '192.168.5.4' }).synth).toThrow(rule('S3_BUCKET_NAME_IP_ADDRESS'));
  });
  test('five numbers pass', () => {
    expect(rawTrail({ s3BucketName: '192.168.5.4.1' }).synth).not.toThrow();
  });
});

describe('S3_BUCKET_NAME_RESERVED', () => {
  test.each(['xn--bucket', 'sthree-bucket', 'amzn-s3-demo-bucket', 'bucket-s3alias', 'bucket--ol-s3'])(
    'rejects %p',
    (s3BucketName) => {
      expect(rawTrail({ s3BucketName }).synth).toThrow(rule('S3_BUCKET_NAME_RESERVED'));
    },
  );
  test.each(['xn-bucket', 'sthree', 'amzn-s3-demo', 'bucket-s3alia', 'bucket-ol-s3'])('accepts %p', (s3BucketName) => {
    expect(rawTrail({ s3BucketName }).synth).not.toThrow();
  });
});

describe('S3_KEY_PREFIX_LENGTH', () => {
  test('200 characters pass, 201 fail', () => {
    expect(rawTrail({ s3KeyPrefix: 'p'.repeat(200) }).synth).not.toThrow();
    expect(rawTrail({ s3KeyPrefix: 'p'.repeat(201) }).synth).toThrow(rule('S3_KEY_PREFIX_LENGTH'));
  });
  test('a long value is shortened in the message', () => {
    const message = synthError(rawTrail({ s3KeyPrefix: 'p'.repeat(201) }).synth);
    expect(message).toContain(`'${'p'.repeat(79)}…'`);
    expect(message).not.toContain('p'.repeat(81));
  });
});

describe('S3_KEY_PREFIX_SLASH (warning)', () => {
  const warnings = (f: ReturnType<typeof rawTrail>) =>
    Annotations.fromStack(f.stack).findWarning('*', Match.stringLikeRegexp('S3_KEY_PREFIX_SLASH'));

  test.each(['/logs', 'logs/', '/logs/'])('%p warns but synthesizes', (s3KeyPrefix) => {
    const f = rawTrail({ s3KeyPrefix });
    expect(f.synth).not.toThrow();
    const found = warnings(f);
    expect(found).toHaveLength(1);
    expect(found[0].entry.data).toMatch(/\[ack: annotation::cdk-cloudtrail-kit:S3_KEY_PREFIX_SLASH\]/i);
    expect(found[0].entry.data).toContain('//AWSLogs');
  });
  test('a slash inside the prefix is fine', () => {
    expect(warnings(rawTrail({ s3KeyPrefix: 'a/b' }))).toHaveLength(0);
  });
  test('acknowledged on the trail, it is not reported', () => {
    const f = rawTrail({ s3KeyPrefix: '/logs' });
    Validations.of(f.trail).acknowledge({ id: 'cdk-cloudtrail-kit:S3_KEY_PREFIX_SLASH', reason: 'legacy layout' });
    expect(warnings(f)).toHaveLength(0);
  });
  test('acknowledged on the stack, it is not reported', () => {
    const f = rawTrail({ s3KeyPrefix: '/logs' });
    Validations.of(f.stack).acknowledge({ id: 'cdk-cloudtrail-kit:S3_KEY_PREFIX_SLASH', reason: 'legacy layout' });
    expect(warnings(f)).toHaveLength(0);
  });
});

const UUID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK = `mrk-${'0123456789abcdef'.repeat(2)}`;

describe('KMS_KEY_ID_FORMAT', () => {
  test.each([
    'alias/my-key',
    'alias/a/b_c-D9',
    'arn:aws:kms:us-east-1:111111111111:alias/my-key',
    `arn:aws:kms:us-east-1:111111111111:key/${UUID}`,
    `arn:aws-us-gov:kms:us-gov-west-1:111111111111:key/${MRK}`,
    UUID,
    MRK,
  ])('accepts %p', (kmsKeyId) => {
    expect(rawTrail({ kmsKeyId }).synth).not.toThrow();
  });
  test.each([
    'alias/',
    'alias/my key',
    UUID.slice(1),
    MRK.slice(0, -1),
    'my-key',
    'arn:aws:kms:us-east-1:111111111111:key/not-a-uuid',
    `arn:aws:kms:us-east-1:11111111111:key/${UUID}`,
    `arn:aws:s3:us-east-1:111111111111:key/${UUID}`,
    'arn:aws:kms:us-east-1:111111111111',
  ])('rejects %p', (kmsKeyId) => {
    expect(rawTrail({ kmsKeyId }).synth).toThrow(rule('KMS_KEY_ID_FORMAT'));
  });
});

describe('KMS_KEY_ALIAS_RESERVED', () => {
  test.each(['alias/aws/s3', 'arn:aws:kms:us-east-1:111111111111:alias/aws/cloudtrail'])('rejects %p', (kmsKeyId) => {
    expect(rawTrail({ kmsKeyId }).synth).toThrow(rule('KMS_KEY_ALIAS_RESERVED'));
  });
  test.each(['alias/awsome', 'alias/aws-key', 'alias/my/aws/key'])('accepts %p', (kmsKeyId) => {
    expect(rawTrail({ kmsKeyId }).synth).not.toThrow();
  });
});

describe('KMS_KEY_REGION', () => {
  const keyIn = (region: string) => `arn:aws:kms:${region}:111111111111:key/${UUID}`;

  test('a key ARN in another Region than a bucket of the stack fails', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    const bucket = new s3.Bucket(stack, 'Logs');
    new CfnTrail(stack, 'Trail', { ...VALID, s3BucketName: bucket.bucketName, kmsKeyId: keyIn('eu-west-1') });
    const message = synthError(() => app.synth());
    expect(message).toMatch(
      /\[KMS_KEY_REGION\] TestStack\/Trail: KMSKeyId \(prop kmsKeyId\) '.*' is in Region eu-west-1 but the log bucket is in us-east-1/,
    );
  });
  test('a key ARN in the Region of a bucket of the stack passes', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    const bucket = new s3.Bucket(stack, 'Logs');
    new CfnTrail(stack, 'Trail', { ...VALID, s3BucketName: bucket.bucketName, kmsKeyId: keyIn('us-east-1') });
    expect(() => app.synth()).not.toThrow();
  });
  test('a bucket of unknown Region is not judged', () => {
    expect(rawTrail({ kmsKeyId: keyIn('eu-west-1') }).synth).not.toThrow();
  });
  test('the bucket Region given in the context is compared with the key ARN', () => {
    const f = rawTrail({ kmsKeyId: keyIn('us-east-1') });
    registerTrailValidation(f.trail, { bucketRegion: 'eu-west-1' });
    expect(f.synth).toThrow(rule('KMS_KEY_REGION'));
  });
  test('a key of the stack is in the stack Region', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    const key = new kms.Key(stack, 'Key');
    const trail = new CfnTrail(stack, 'Trail', { ...VALID, kmsKeyId: key.keyArn });
    registerTrailValidation(trail, { bucketRegion: 'eu-west-1' });
    expect(() => app.synth()).toThrow(/\[KMS_KEY_REGION\].*is in Region us-east-1 but the log bucket is in eu-west-1/);
  });
  test('the key Region given in the context wins over nothing known', () => {
    const f = rawTrail({ kmsKeyId: 'alias/my-key' });
    registerTrailValidation(f.trail, { bucketRegion: 'us-east-1', keyRegion: 'us-west-2' });
    expect(f.synth).toThrow(rule('KMS_KEY_REGION'));
  });
  test('same Regions in the context pass', () => {
    const f = rawTrail({ kmsKeyId: 'alias/my-key' });
    registerTrailValidation(f.trail, { bucketRegion: 'us-west-2', keyRegion: 'us-west-2' });
    expect(f.synth).not.toThrow();
  });
});
