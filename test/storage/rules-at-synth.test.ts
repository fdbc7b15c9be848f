import { App, CfnParameter, Duration, Fn, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { TrailAccessLogsBucket, TrailBucket, TrailObjectLock } from '../../src';
import { withPropNames } from '../../src/validation/prop-checks';
import { synthErrors, testStack } from '../helpers';

/*
 * What outsiders found the bucket accepting, and the checks it had, now fail synthesis (not the constructor), each
 * naming [RULE_ID], the construct path, the prop, the value and the fix, with every other error of the app.
 */

describe('TrailBucket rules report at synth', () => {
  test('lifecycle transitions in an order S3 refuses: GLACIER before STANDARD_IA', () => {
    const stack = testStack();
    expect(
      () =>
        new TrailBucket(stack, 'Logs', {
          objectLockEnabled: false,
          transitions: [
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) },
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
          ],
        }),
    ).not.toThrow();
    expect(synthErrors(stack)).toContain(
      "[S3_TRANSITION_ORDER] TestStack/Logs: prop transitions[1] 'STANDARD_IA after 90 days' follows the transition to GLACIER " +
        '(transitions[0], after 30 days), but S3 does not transition objects from GLACIER to STANDARD_IA; it rejects the lifecycle configuration. Fix: order the ' +
        'transitions along STANDARD_IA > INTELLIGENT_TIERING > ONEZONE_IA > GLACIER_IR > GLACIER > DEEP_ARCHIVE',
    );
  });

  test('DEEP_ARCHIVE less than 90 days after GLACIER', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs', {
      transitions: [
        { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) },
        { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(120) },
      ],
    });
    expect(synthErrors(stack)).toMatch(
      /\[S3_TRANSITION_MINIMUM_STAY\] TestStack\/Logs: prop transitions\[1\] 'DEEP_ARCHIVE after 120 days' comes 30 days after the transition to GLACIER .*Fix: set transitionAfter of the DEEP_ARCHIVE transition to 180 or more\./,
    );
  });

  test('a transition not before expiration, or to an infrequent-access class before 30 days, is an error; the bad values are left out', () => {
    const stack = testStack();
    new TrailBucket(stack, 'B', {
      objectLockEnabled: false,
      expiration: Duration.days(100),
      transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(100) }],
    });
    new TrailBucket(stack, 'C', {
      transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(29) }],
    });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[S3_TRANSITION_BEFORE_EXPIRATION] TestStack/B: prop transitions[0] 'GLACIER after 100 days' is not before expiration (100 days)",
    );
    expect(errors).toContain(
      "[S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM] TestStack/C: prop transitions[0] 'STANDARD_IA after 29 days' is too early: S3 only " +
        'transitions objects to STANDARD_IA after 30 days or more and rejects the lifecycle configuration. Fix: transition to STANDARD_IA after 30 days or more',
    );
  });

  test('expiration before the Object Lock retention ends (a year counts as 365 days)', () => {
    const stack = testStack();
    new TrailBucket(stack, 'B', { expiration: Duration.days(364) });
    new TrailBucket(stack, 'Y', {
      objectLockRetention: TrailObjectLock.governanceYears(2),
      expiration: Duration.days(729),
    });
    new TrailBucket(stack, 'Fine', {
      objectLockRetention: TrailObjectLock.governanceYears(2),
      expiration: Duration.days(730),
    });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[S3_EXPIRATION_BEFORE_RETENTION] TestStack/B: prop expiration '364 days' ends before the Object Lock retention (365 days, GOVERNANCE)",
    );
    expect(errors).toContain(
      "[S3_EXPIRATION_BEFORE_RETENTION] TestStack/Y: prop expiration '729 days' ends before the Object Lock retention (730 days, GOVERNANCE)",
    );
    expect(errors).not.toContain('TestStack/Fine');
  });

  test("an Object Lock retention of 1.5 days and an expiration of 36 hours are our errors, not aws-cdk-lib's, and left out", () => {
    const stack = testStack();
    new TrailBucket(stack, 'B', {
      objectLockRetention: TrailObjectLock.compliance(Duration.hours(36)),
      expiration: Duration.hours(36),
    });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[S3_OBJECT_LOCK_RETENTION] TestStack/B: prop objectLockRetention '1.5 days' is not a whole number of days from 1 to 36500",
    );
    expect(errors).toContain(
      "[S3_EXPIRATION_DAYS] TestStack/B: prop expiration '1.5 days' is not a whole number of days from at least 1 day",
    );
    expect(errors).not.toMatch(/cannot be converted into a whole number/);
  });

  test('replication to an unversioned bucket, or with a replica key of another Region', () => {
    const app = new App();
    const stack = testStack(app);
    const other = new Stack(app, 'Replica', { env: { account: '111111111111', region: 'us-west-2' } });
    const destination = new s3.Bucket(other, 'Destination', { bucketName: 'replica-logs' });
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/abc');
    new TrailBucket(stack, 'Logs', { replication: { destination, destinationKey: key } });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[S3_REPLICATION_DESTINATION_VERSIONING] TestStack/Logs: prop replication.destination 'Replica/Destination' does not have versioning " +
        'enabled; S3 rejects a replication configuration whose destination is not versioned. Fix: turn versioning on on the destination bucket (versioned: true).',
    );
    expect(errors).toContain("[S3_REPLICATION_KEY_REGION] TestStack/Logs: prop replication.destinationKey 'eu-west-1'");
  });

  test('a KMS key that cannot encrypt is named by its prop', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Signing', {
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
    });
    new TrailBucket(stack, 'Logs', { encryptionKey: key });
    expect(synthErrors(stack)).toContain(
      "[KMS_KEY_SYMMETRIC] TestStack/Logs: prop encryptionKey 'ECC_NIST_P256 / SIGN_VERIFY' is not a symmetric encryption key, " +
        'so it cannot encrypt',
    );
  });

  test('bucket name, removal policy, organization id and access-log props', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs', {
      bucketName: 'Bad_Name',
      removalPolicy: RemovalPolicy.SNAPSHOT,
      organizationId: 'org-1',
      accessLogsBucket: s3.Bucket.fromBucketAttributes(stack, 'A', { bucketName: 'access-logs', region: 'eu-west-1' }),
      accessLogsExpiration: Duration.days(1),
    });
    const errors = synthErrors(stack);
    for (const id of [
      'S3_BUCKET_NAME_FORMAT',
      'S3_BUCKET_REMOVAL_POLICY',
      'ORGANIZATION_ID',
      'S3_ACCESS_LOGS_REGION',
      'S3_ACCESS_LOGS_EXPIRATION_CONFLICT',
    ]) {
      expect(errors).toContain(`[${id}] TestStack/Logs: prop `);
    }
    expect(errors).toContain(
      '[S3_ACCESS_LOGS_EXPIRATION_CONFLICT] TestStack/Logs: prop accessLogsExpiration applies to the access-log bucket this construct makes, ' +
        'but accessLogsBucket is given.',
    );
  });

  test('accessLogsExpiration and removalPolicy are reported once, on the prop the user wrote, not again by the access-log bucket', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs', { accessLogsExpiration: Duration.hours(36), removalPolicy: RemovalPolicy.SNAPSHOT });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[S3_EXPIRATION_DAYS] TestStack/Logs: prop accessLogsExpiration '1.5 days' is not a whole number of days",
    );
    expect(errors.match(/\[S3_BUCKET_REMOVAL_POLICY\]/g)).toHaveLength(1);
    expect(errors).not.toContain('TestStack/Logs/AccessLogs');
  });

  test('allowTrailArn and allowAccountTrails arguments', () => {
    const stack = testStack();
    const bucket = new TrailBucket(stack, 'Logs');
    bucket.allowTrailArn('my-trail');
    bucket.allowAccountTrails([]);
    bucket.allowAccountTrails(['12345']);
    const errors = synthErrors(stack);
    expect(errors).toContain("[TRAIL_ARN_FORMAT] TestStack/Logs: prop trailArn 'my-trail' is not a trail ARN");
    expect(errors).toContain("[TRAIL_ACCOUNTS_GIVEN] TestStack/Logs: prop accounts '[]' is empty");
    expect(errors).toContain("[ACCOUNT_ID] TestStack/Logs: prop accounts[0] '12345'");
  });

  test('a bucket policy over 20 KB names allowAccountTrails and the accounts it lists', () => {
    const stack = testStack();
    new TrailBucket(stack, 'Logs').allowAccountTrails(Array.from({ length: 200 }, (_, i) => String(200000000000 + i)));
    expect(synthErrors(stack)).toMatch(
      /\[S3_BUCKET_POLICY_SIZE\] TestStack\/Logs\/Policy: PolicyDocument \(prop policy: allowAccountTrails lists 200 accounts\) '\d+ characters' is over the 20480/,
    );
  });

  test('an escape-hatch override is checked as the template holds it', () => {
    const stack = testStack();
    const bucket = new TrailBucket(stack, 'Logs');
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('LifecycleConfiguration.Rules.0.Transitions', [
      { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 30 },
      { StorageClass: 'GLACIER', TransitionInDays: 200 },
    ]);
    expect(synthErrors(stack)).toContain(
      '[S3_LIFECYCLE_TRANSITIONS] TestStack/Logs: LifecycleConfiguration.Rules[0].Transitions[1] (prop lifecycleRules) ' +
        "'GLACIER after 200 days' follows the transition to DEEP_ARCHIVE",
    );
  });
});

describe("a wrapping construct's prop names", () => {
  test("withPropNames: the bucket reports once, at its own path, under the names the wrapping construct's user wrote", () => {
    const stack = testStack();
    new TrailBucket(
      stack,
      'Bucket',
      withPropNames(
        {
          transitions: [
            { storageClass: s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS, transitionAfter: Duration.days(10) },
          ],
          accessLogsExpiration: Duration.days(0),
        },
        { transitions: 'logFileTransitions', expiration: 'logFileExpiration' },
      ),
    );
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM] TestStack/Bucket: prop logFileTransitions[0] 'ONEZONE_IA after 10 days' is too early",
    );
    expect(errors).toContain("[S3_EXPIRATION_DAYS] TestStack/Bucket: prop accessLogsExpiration '0 days'");
    expect(errors.match(/\[S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM\]/g)).toHaveLength(1);
  });
});

describe('null and tokens', () => {
  test('JavaScript null for every optional prop synthesizes; tokens are never reported', () => {
    const app = new App();
    const stack = testStack(app);
    const N = null as any;
    const days = new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber;
    new TrailBucket(stack, 'Nulls', {
      bucketName: N,
      encryptionKey: N,
      accessLogsBucket: N,
      accessLogsExpiration: N,
      accessLogsPrefix: N,
      objectLockRetention: N,
      objectLockEnabled: N,
      transitions: N,
      expiration: N,
      removalPolicy: N,
      organizationId: N,
      replication: N,
    });
    new TrailBucket(stack, 'Tokens', {
      // Known only at deploy time: never reported, whatever it will hold.
      bucketName: Fn.importValue('LogBucketName'),
      expiration: Duration.days(days),
      // A token is not reported by the prop rules; a Lazy resolves to a literal by synth, and the template rules then
      // check that literal.
      transitions: [
        { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(days) },
        {
          storageClass: s3.StorageClass.GLACIER,
          transitionAfter: Duration.days(Token.asNumber(Lazy.number({ produce: () => 400 }))),
        },
      ],
      objectLockRetention: TrailObjectLock.governance(Duration.days(days)),
    });
    new TrailAccessLogsBucket(stack, 'Access', {
      bucketName: N,
      expiration: N,
      removalPolicy: N,
      encryptionKey: N,
      logOwnAccess: N,
    });
    expect(synthErrors(stack)).toBe('');
  });
});

describe('TrailAccessLogsBucket rules report at synth', () => {
  test('expiration, removal policy, name, and a shared prefix with logOwnAccess', () => {
    const stack = testStack();
    const access = new TrailAccessLogsBucket(stack, 'Access', {
      expiration: Duration.hours(36),
      bucketName: 'UPPER',
      removalPolicy: RemovalPolicy.SNAPSHOT,
      logOwnAccess: true,
    });
    access.allowLogDeliveryFrom(s3.Bucket.fromBucketName(stack, 'Source', 'source-bucket'), '');
    const errors = synthErrors(stack);
    for (const id of ['S3_EXPIRATION_DAYS', 'S3_BUCKET_NAME_FORMAT', 'S3_BUCKET_REMOVAL_POLICY']) {
      expect(errors).toContain(`[${id}] TestStack/Access: prop `);
    }
    expect(errors).toContain(
      "[S3_ACCESS_LOGS_PREFIX_SHARED] TestStack/Access: prop logOwnAccess 'true' writes this bucket's own logs under 'own-access/', so the " +
        'logs of TestStack/Source need a prefix of their own. Fix: give that bucket an accessLogsPrefix.',
    );
  });
});
