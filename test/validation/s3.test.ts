import { App, CfnParameter, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { TrailObjectLock } from '../../src';
import { formatFinding } from '../../src/validation/messages';
import {
  rejectedProps,
  S3_ACCESS_LOGS_ACCOUNT,
  S3_ACCESS_LOGS_EXPIRATION_CONFLICT,
  S3_ACCESS_LOGS_PREFIX_SHARED,
  S3_ACCESS_LOGS_REGION,
  S3_BUCKET_NAME_FORMAT,
  S3_BUCKET_POLICY_SIZE,
  S3_BUCKET_REMOVAL_POLICY,
  S3_EXPIRATION_BEFORE_RETENTION,
  S3_EXPIRATION_DAYS,
  S3_LIFECYCLE_TRANSITIONS,
  S3_OBJECT_LOCK_CONFIGURATION,
  S3_OBJECT_LOCK_RETENTION,
  S3_REPLICATION_DESTINATION_VERSIONING,
  S3_REPLICATION_KEY_REGION,
  S3_TRANSITION_BEFORE_EXPIRATION,
  S3_TRANSITION_DAYS,
  S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM,
  S3_TRANSITION_MINIMUM_STAY,
  S3_TRANSITION_ORDER,
  S3_VERSIONING_REQUIRED,
  TRAIL_ACCOUNTS_GIVEN,
  TRAIL_ARN_FORMAT,
} from '../../src/validation/rules/s3';

/*
 * The S3 rules as plain functions, on props keyed by prop name and on final template properties.
 */

const t = (cls: s3.StorageClass, days: number | Duration) => ({
  storageClass: cls,
  transitionAfter: typeof days === 'number' ? Duration.days(days) : days,
});
const { INFREQUENT_ACCESS: IA, ONE_ZONE_INFREQUENT_ACCESS: OZ, INTELLIGENT_TIERING: IT } = s3.StorageClass;
const { GLACIER_INSTANT_RETRIEVAL: GIR, GLACIER, DEEP_ARCHIVE: DA } = s3.StorageClass;
const ats = (findings: Array<{ at?: string }>) => findings.map((f) => f.at);

describe('S3 lifecycle rules on props', () => {
  test('S3_TRANSITION_ORDER: transitions go down the waterfall by days; GLACIER before STANDARD_IA is refused, as is ONEZONE_IA to GLACIER_IR', () => {
    expect(
      S3_TRANSITION_ORDER.check({ transitions: [t(IA, 30), t(IT, 60), t(OZ, 90), t(GLACIER, 120), t(DA, 210)] }),
    ).toEqual([]);
    expect(S3_TRANSITION_ORDER.check({ transitions: [t(IA, 30), t(GIR, 60), t(GLACIER, 150), t(DA, 240)] })).toEqual(
      [],
    );
    // Given in any order, read by days.
    expect(S3_TRANSITION_ORDER.check({ transitions: [t(GLACIER, 120), t(IA, 30)] })).toEqual([]);
    const [wrong] = S3_TRANSITION_ORDER.check({ transitions: [t(GLACIER, 30), t(IA, 90)] });
    expect(wrong).toMatchObject({ at: 'transitions[1]', value: 'STANDARD_IA after 90 days' });
    expect(wrong.problem).toMatch(/S3 does not transition objects from GLACIER to STANDARD_IA/);
    expect(ats(S3_TRANSITION_ORDER.check({ transitions: [t(OZ, 30), t(GIR, 60)] }))).toEqual(['transitions[1]']);
    expect(ats(S3_TRANSITION_ORDER.check({ transitions: [t(DA, 30), t(GLACIER, 200)] }))).toEqual(['transitions[1]']);
    expect(ats(S3_TRANSITION_ORDER.check({ transitions: [t(GLACIER, 30), t(GLACIER, 200)] }))).toEqual([
      'transitions[1]',
    ]);
  });

  test('S3_TRANSITION_MINIMUM_STAY: 30 days after an IA class, 90 after GLACIER_IR or GLACIER, never the same day', () => {
    expect(S3_TRANSITION_MINIMUM_STAY.check({ transitions: [t(IA, 30), t(GLACIER, 60), t(DA, 150)] })).toEqual([]);
    expect(S3_TRANSITION_MINIMUM_STAY.check({ transitions: [t(IT, 0), t(GLACIER, 1)] })).toEqual([]);
    const findings = S3_TRANSITION_MINIMUM_STAY.check({ transitions: [t(IA, 30), t(GLACIER, 59), t(DA, 100)] });
    expect(findings.map((f) => [f.at, f.value])).toEqual([
      ['transitions[1]', 'GLACIER after 59 days'],
      ['transitions[2]', 'DEEP_ARCHIVE after 100 days'],
    ]);
    expect(findings[1].problem).toMatch(/S3 requires at least 90 days in GLACIER/);
    expect(findings[1].fix).toBe('set transitionAfter of the DEEP_ARCHIVE transition to 149 or more');
    expect(ats(S3_TRANSITION_MINIMUM_STAY.check({ transitions: [t(GIR, 0), t(DA, 89)] }))).toEqual(['transitions[1]']);
    expect(ats(S3_TRANSITION_MINIMUM_STAY.check({ transitions: [t(IT, 10), t(GLACIER, 10)] }))).toEqual([
      'transitions[1]',
    ]);
  });

  test('S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM: STANDARD_IA and ONEZONE_IA 30 days or more after creation', () => {
    expect(
      S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM.check({ transitions: [t(IA, 30), t(OZ, 60), t(GLACIER, 1)] }),
    ).toEqual([]);
    const [early] = S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM.check({ transitions: [t(OZ, 10)] });
    expect(early).toMatchObject({ at: 'transitions[0]', value: 'ONEZONE_IA after 10 days' });
    expect(early.fix).toMatch(/^transition to ONEZONE_IA after 30 days or more/);
  });

  test('S3_TRANSITION_BEFORE_EXPIRATION and S3_TRANSITION_DAYS: every transition before the expiration, in whole days', () => {
    expect(
      S3_TRANSITION_BEFORE_EXPIRATION.check({ expiration: Duration.days(100), transitions: [t(GLACIER, 99)] }),
    ).toEqual([]);
    expect(
      ats(S3_TRANSITION_BEFORE_EXPIRATION.check({ expiration: Duration.days(100), transitions: [t(GLACIER, 100)] })),
    ).toEqual(['transitions[0]']);
    expect(S3_TRANSITION_DAYS.check({ transitions: [t(GLACIER, Duration.hours(48))] })).toEqual([]);
    expect(S3_TRANSITION_DAYS.check({ transitions: [t(GLACIER, Duration.hours(12))] }).map((f) => f.value)).toEqual([
      '0.5 days',
    ]);
  });

  test('S3_EXPIRATION_DAYS: whole days, at least 1', () => {
    expect(S3_EXPIRATION_DAYS.check({ expiration: Duration.days(1) })).toEqual([]);
    expect(S3_EXPIRATION_DAYS.check({ expiration: Duration.hours(36) }).map((f) => f.value)).toEqual(['1.5 days']);
    expect(S3_EXPIRATION_DAYS.check({ expiration: Duration.days(0) })[0].fix).toBe(
      'use whole days, at least 1 day (e.g. Duration.days(1))',
    );
  });

  test('tokens and JavaScript null are never wrong', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const days = new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber;
    const input = {
      expiration: Duration.days(Token.asNumber(Lazy.number({ produce: () => 1 }))),
      transitions: [
        t(GLACIER, Duration.days(days)),
        t(IA, Duration.days(Token.asNumber(Lazy.number({ produce: () => 1 })))),
      ],
      bucketName: Lazy.string({ produce: () => 'UPPER' }),
      objectLockRetention: null,
      replication: null,
      accessLogsBucket: null,
    };
    for (const rule of [
      S3_TRANSITION_ORDER,
      S3_TRANSITION_MINIMUM_STAY,
      S3_TRANSITION_INFREQUENT_ACCESS_MINIMUM,
      S3_TRANSITION_BEFORE_EXPIRATION,
      S3_TRANSITION_DAYS,
      S3_EXPIRATION_DAYS,
      S3_BUCKET_NAME_FORMAT,
      S3_OBJECT_LOCK_RETENTION,
      S3_EXPIRATION_BEFORE_RETENTION,
      S3_REPLICATION_KEY_REGION,
      S3_REPLICATION_DESTINATION_VERSIONING,
      S3_ACCESS_LOGS_EXPIRATION_CONFLICT,
    ]) {
      expect([rule.id, rule.check(input)]).toEqual([rule.id, []]);
    }
    expect(S3_TRANSITION_ORDER.check({ transitions: null })).toEqual([]);
  });

  test('a finding names the prop as a wrapping construct wrote it', () => {
    const [finding] = S3_TRANSITION_ORDER.check({ transitions: [t(GLACIER, 30), t(IA, 90)] });
    expect(formatFinding(S3_TRANSITION_ORDER, finding, 'App/Trail', { transitions: 'logFileTransitions' })).toMatch(
      /^\[S3_TRANSITION_ORDER\] App\/Trail: prop logFileTransitions\[1\] 'STANDARD_IA after 90 days' follows the transition to GLACIER/,
    );
    expect(
      rejectedProps([S3_TRANSITION_ORDER, S3_EXPIRATION_DAYS], {
        transitions: [t(GLACIER, 30), t(IA, 90)],
        expiration: Duration.days(2),
      }),
    ).toEqual(new Set(['transitions']));
  });
});

describe('S3 bucket, Object Lock, access-log and replication rules on props', () => {
  test('S3_BUCKET_NAME_FORMAT', () => {
    expect(S3_BUCKET_NAME_FORMAT.check({ bucketName: 'my-trail-logs-111111111111' })).toEqual([]);
    expect(S3_BUCKET_NAME_FORMAT.check({ bucketName: 'My_Bucket' }).map((f) => f.value)).toEqual(['My_Bucket']);
  });

  test('S3_OBJECT_LOCK_RETENTION: whole days 1-36500 or whole years 1-100', () => {
    expect(S3_OBJECT_LOCK_RETENTION.check({ objectLockRetention: TrailObjectLock.complianceYears(100) })).toEqual([]);
    expect(
      S3_OBJECT_LOCK_RETENTION.check({ objectLockRetention: TrailObjectLock.governance(Duration.days(36501)) }).map(
        (f) => f.value,
      ),
    ).toEqual(['36501 days']);
    expect(
      S3_OBJECT_LOCK_RETENTION.check({ objectLockRetention: TrailObjectLock.governanceYears(1.5) }).map((f) => f.value),
    ).toEqual(['1.5 years']);
    expect(
      S3_OBJECT_LOCK_RETENTION.check({ objectLockRetention: { mode: 'FOREVER', days: 1 } }).map((f) => f.value),
    ).toEqual(['FOREVER']);
  });

  test('S3_EXPIRATION_BEFORE_RETENTION: a year counts as 365 days', () => {
    const lock = TrailObjectLock.governanceYears(2);
    expect(S3_EXPIRATION_BEFORE_RETENTION.check({ expiration: Duration.days(730), objectLockRetention: lock })).toEqual(
      [],
    );
    const [finding] = S3_EXPIRATION_BEFORE_RETENTION.check({
      expiration: Duration.days(729),
      objectLockRetention: lock,
    });
    expect(finding.problem).toMatch(/ends before the Object Lock retention \(730 days, GOVERNANCE\)/);
  });

  test("S3_ACCESS_LOGS_REGION and S3_ACCESS_LOGS_ACCOUNT: the destination is in the source bucket's Region and account", () => {
    const bucket = { env: { region: 'us-east-1', account: '111111111111' } };
    expect(
      S3_ACCESS_LOGS_REGION.check({
        accessLogsBucket: { env: { region: 'us-east-1', account: '111111111111' } },
        bucket,
      }),
    ).toEqual([]);
    expect(
      S3_ACCESS_LOGS_REGION.check({ accessLogsBucket: { env: { region: 'eu-west-1' } }, bucket }).map((f) => f.value),
    ).toEqual(['eu-west-1']);
    expect(
      S3_ACCESS_LOGS_ACCOUNT.check({ accessLogsBucket: { env: { account: '222222222222' } }, bucket }).map(
        (f) => f.value,
      ),
    ).toEqual(['222222222222']);
    expect(
      S3_ACCESS_LOGS_REGION.check({
        accessLogsBucket: { env: { region: Lazy.string({ produce: () => 'x' }) } },
        bucket,
      }),
    ).toEqual([]);
  });

  test('S3_ACCESS_LOGS_EXPIRATION_CONFLICT and S3_ACCESS_LOGS_PREFIX_SHARED', () => {
    expect(S3_ACCESS_LOGS_EXPIRATION_CONFLICT.check({ accessLogsExpiration: Duration.days(1) })).toEqual([]);
    expect(
      ats(S3_ACCESS_LOGS_EXPIRATION_CONFLICT.check({ accessLogsExpiration: Duration.days(1), accessLogsBucket: {} })),
    ).toEqual(['accessLogsExpiration']);
    const destination = {};
    expect(S3_ACCESS_LOGS_PREFIX_SHARED.check({ prefix: 'a/', logOwnAccess: true, source: {}, destination })).toEqual(
      [],
    );
    expect(
      S3_ACCESS_LOGS_PREFIX_SHARED.check({ prefix: '', logOwnAccess: true, source: destination, destination }),
    ).toEqual([]);
    expect(
      ats(S3_ACCESS_LOGS_PREFIX_SHARED.check({ prefix: '', logOwnAccess: true, source: {}, destination })),
    ).toEqual(['logOwnAccess']);
  });

  test('S3_REPLICATION_KEY_REGION and S3_REPLICATION_DESTINATION_VERSIONING: replication prerequisites', () => {
    const stack = new Stack(new App(), 'S', { env: { region: 'us-west-2', account: '111111111111' } });
    const versioned = new s3.Bucket(stack, 'Versioned', { versioned: true });
    const unversioned = new s3.Bucket(stack, 'Unversioned');
    expect(S3_REPLICATION_DESTINATION_VERSIONING.check({ replication: { destination: versioned } })).toEqual([]);
    expect(
      S3_REPLICATION_DESTINATION_VERSIONING.check({
        replication: { destination: s3.Bucket.fromBucketName(stack, 'I', 'imported') },
      }),
    ).toEqual([]);
    expect(
      S3_REPLICATION_DESTINATION_VERSIONING.check({ replication: { destination: unversioned } }).map((f) => [
        f.at,
        f.value,
      ]),
    ).toEqual([['replication.destination', 'S/Unversioned']]);
    expect(
      S3_REPLICATION_KEY_REGION.check({
        replication: { destination: versioned, destinationKey: { env: { region: 'us-west-2' } } },
      }),
    ).toEqual([]);
    expect(
      S3_REPLICATION_KEY_REGION.check({
        replication: { destination: versioned, destinationKey: { env: { region: 'eu-west-1' } } },
      }).map((f) => f.value),
    ).toEqual(['eu-west-1']);
  });

  test('TRAIL_ARN_FORMAT and TRAIL_ACCOUNTS_GIVEN: the trails a bucket or key lets write', () => {
    expect(TRAIL_ARN_FORMAT.check({ trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/t' })).toEqual([]);
    expect(TRAIL_ARN_FORMAT.check({ trailArn: 'my-trail' }).map((f) => f.value)).toEqual(['my-trail']);
    expect(TRAIL_ACCOUNTS_GIVEN.check({ accounts: ['111111111111'] })).toEqual([]);
    expect(TRAIL_ACCOUNTS_GIVEN.check({ accounts: [] }).map((f) => f.problem)).toEqual([
      'is empty, so no trail could write',
    ]);
    expect(TRAIL_ACCOUNTS_GIVEN.check({ accounts: null }).map((f) => f.problem)).toEqual(['is missing']);
  });

  test('S3_BUCKET_REMOVAL_POLICY: no Snapshot', () => {
    expect(S3_BUCKET_REMOVAL_POLICY.check({ removalPolicy: RemovalPolicy.DESTROY })).toEqual([]);
    expect(S3_BUCKET_REMOVAL_POLICY.check({ removalPolicy: RemovalPolicy.SNAPSHOT }).map((f) => f.value)).toEqual([
      RemovalPolicy.SNAPSHOT,
    ]);
  });
});

describe('S3 rules on final template properties', () => {
  test('S3_LIFECYCLE_TRANSITIONS: order, minimum stays, IA minimum and expiration, as the template holds them', () => {
    const rules = (transitions: object[], expiration?: number) => ({
      LifecycleConfiguration: {
        Rules: [{ Status: 'Enabled', Transitions: transitions, ExpirationInDays: expiration }],
      },
    });
    expect(S3_LIFECYCLE_TRANSITIONS.check(rules([{ StorageClass: 'GLACIER', TransitionInDays: 90 }], 365))).toEqual([]);
    expect(
      ats(
        S3_LIFECYCLE_TRANSITIONS.check(
          rules([
            { StorageClass: 'GLACIER', TransitionInDays: 30 },
            { StorageClass: 'STANDARD_IA', TransitionInDays: 60 },
          ]),
        ),
      ),
    ).toEqual(['LifecycleConfiguration.Rules[0].Transitions[1]']);
    expect(
      S3_LIFECYCLE_TRANSITIONS.check(rules([{ StorageClass: 'STANDARD_IA', TransitionInDays: 10 }], 5)).length,
    ).toBe(2);
    expect(
      S3_LIFECYCLE_TRANSITIONS.check(rules([{ StorageClass: 'GLACIER', TransitionInDays: { Ref: 'Days' } }], 5)),
    ).toEqual([]);
  });

  test('S3_VERSIONING_REQUIRED: replication and Object Lock need versioning; replication a role', () => {
    expect(
      S3_VERSIONING_REQUIRED.check({
        VersioningConfiguration: { Status: 'Enabled' },
        ReplicationConfiguration: { Role: 'arn', Rules: [] },
      }),
    ).toEqual([]);
    expect(S3_VERSIONING_REQUIRED.check({ ReplicationConfiguration: { Rules: [] } }).map((f) => f.at ?? '-')).toEqual([
      '-',
      'ReplicationConfiguration.Role',
    ]);
    expect(
      S3_VERSIONING_REQUIRED.check({ ObjectLockEnabled: true, VersioningConfiguration: { Status: 'Suspended' } })
        .length,
    ).toBe(1);
  });

  test('S3_OBJECT_LOCK_CONFIGURATION: enabled, a mode, days or years in range', () => {
    const config = (retention: object, enabled: unknown = true) => ({
      ObjectLockEnabled: enabled,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: retention } },
    });
    expect(S3_OBJECT_LOCK_CONFIGURATION.check(config({ Mode: 'GOVERNANCE', Days: 365 }))).toEqual([]);
    expect(ats(S3_OBJECT_LOCK_CONFIGURATION.check(config({ Mode: 'GOVERNANCE', Days: 365 }, false)))).toEqual([
      'ObjectLockEnabled',
    ]);
    expect(S3_OBJECT_LOCK_CONFIGURATION.check(config({ Mode: 'LOCKED', Days: 0, Years: 101 })).length).toBe(4);
  });

  test('S3_BUCKET_POLICY_SIZE: 20 KB', () => {
    expect(S3_BUCKET_POLICY_SIZE.check({ PolicyDocument: { Statement: [] } })).toEqual([]);
    expect(S3_BUCKET_POLICY_SIZE.check({ PolicyDocument: { Statement: ['x'.repeat(20480)] } }).length).toBe(1);
  });
});
