/*
 * Adversarial cases written from AWS documentation and the library's public API (API.md, README.md) alone.
 * Each case cites the AWS page and the constraint it tests.
 *
 * - invalid: AWS documents the value as rejected; the library must fail synth with `[RULE_ID] <path>: ... Fix: ...`,
 *   and must not throw from the constructor (errors are collected and thrown at synthesis).
 * - valid: AWS documents the value as accepted (or it is a token / null for an optional prop); synth must succeed.
 */
import { App, CfnParameter, Duration, Fn, Lazy, Size, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  CisAlarms,
  DataResourceType,
  FieldCondition,
  OrganizationTrailPrerequisites,
  SecureTrail,
  SelectorField,
  EventCategory,
  TrailBucket,
  TrailGuardrails,
  TrailKey,
  TrailLogTable,
  TrailObjectLock,
  TrailQueryWorkGroup,
  TrailTamperAlert,
  TrailTopic,
} from '../../src';
import { uncheckedTemplates } from '../oracles/templates';

const RULE_MESSAGE = /\[[A-Z0-9_]+\] \S+: [\s\S]*Fix: /;
const ENV = { account: '111111111111', region: 'us-east-1' };

function invalidApp(): App {
  return new App({ context: uncheckedTemplates('adversarial: invalid on purpose') });
}

/** Builds in a fresh stack (the build itself must not throw), then expects synth to fail with a rule message. */
function expectRejected(build: (stack: Stack) => void, env: StackProps['env'] = ENV): void {
  const app = invalidApp();
  const stack = new Stack(app, 'Adv', { env });
  build(stack); // constructors must not throw: errors are collected and thrown at synth
  expect(() => app.synth({ force: true })).toThrow(RULE_MESSAGE);
}

/** Builds in a fresh stack and expects synth to succeed. */
function expectAccepted(build: (stack: Stack) => void, env: StackProps['env'] = ENV): void {
  const app = new App();
  const stack = env ? new Stack(app, 'Adv', { env }) : new Stack(app, 'Adv');
  build(stack);
  expect(() => app.synth({ force: true })).not.toThrow();
}

// NAME_RULES = https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html

describe('CloudTrail trail name (invalid)', () => {
  // NAME_RULES: "Not be in IP address format (for example, 192.168.5.4)"
  test('trailName in IP address format', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { trailName: '192.168.5.4' }));
  });
  // NAME_RULES: "Have no adjacent periods, underscores or dashes. Names like my-_namespace and my--namespace are not
  // valid."
  test('trailName my--trail', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { trailName: 'my--trail' }));
  });
  // NAME_RULES: same constraint, mixed adjacent punctuation
  test('trailName my-_trail', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { trailName: 'my-_trail' }));
  });
  // NAME_RULES: "Be between 3 and 128 characters"
  test('trailName of 2 characters', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { trailName: 'ab' }));
  });
  // NAME_RULES: "Be between 3 and 128 characters"
  test('trailName of 129 characters', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { trailName: 'a'.repeat(129) }));
  });
  // NAME_RULES: "Start with a letter or number, and end with a letter or number"
  test('trailName ending with a period', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { trailName: 'trail.' }));
  });
  // NAME_RULES: "Contain only ASCII letters (a-z, A-Z), numbers (0-9), periods (.), underscores (_), or dashes (-)"
  test('trailName with a space', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { trailName: 'my trail' }));
  });
});

describe('CloudTrail trail name (valid edges)', () => {
  // NAME_RULES: "Be between 3 and 128 characters" (3 is allowed)
  test('trailName of exactly 3 characters', () => {
    expectAccepted((s) => new SecureTrail(s, 'T', { trailName: 'abc' }));
  });
  // NAME_RULES: "Be between 3 and 128 characters" (128 is allowed)
  test('trailName of exactly 128 characters', () => {
    expectAccepted((s) => new SecureTrail(s, 'T', { trailName: 'a'.repeat(128) }));
  });
  // NAME_RULES: upper case ASCII letters, periods, underscores and dashes, not adjacent, are allowed
  test('trailName My.Trail_name-1', () => {
    expectAccepted((s) => new SecureTrail(s, 'T', { trailName: 'My.Trail_name-1' }));
  });
});

describe('S3 key prefix', () => {
  // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html
  // S3KeyPrefix: "The maximum length is 200 characters." (Length Constraints in the API reference)
  test('s3KeyPrefix of 201 characters is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { s3KeyPrefix: 'a'.repeat(201) }));
  });
  // same page: 200 characters is the maximum, so allowed
  test('s3KeyPrefix of exactly 200 characters is accepted', () => {
    expectAccepted((s) => new SecureTrail(s, 'T', { s3KeyPrefix: 'a'.repeat(200) }));
  });
});

describe('SNS topics', () => {
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/getting_notifications_top_level.html
  // the trail's SNS topic name must "Contain uppercase and lowercase ASCII letters, numbers, underscores, or hyphens":
  // a FIFO topic's name ends in ".fifo", so CloudTrail cannot deliver to it
  test('a FIFO topic made in the app is rejected as the trail topic', () => {
    expectRejected((s) => {
      const topic = new sns.Topic(s, 'Fifo', { fifo: true, topicName: 'trail-notes' });
      new SecureTrail(s, 'T', { snsTopic: topic });
    });
  });
  // same page: an imported FIFO topic (name ends in .fifo) cannot receive CloudTrail notifications either
  // (the library rejects it, with SNS_TOPIC_FORMAT "is neither a topic name nor a topic ARN", which misnames the cause)
  test('an imported FIFO topic is rejected as the trail topic', () => {
    expectRejected((s) => {
      const topic = sns.Topic.fromTopicArn(s, 'Fifo', 'arn:aws:sns:us-east-1:111111111111:trail-notes.fifo');
      new SecureTrail(s, 'T', { snsTopic: topic });
    });
  });
  // https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
  // Name: "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and
  // hyphens, and must be between 1 and 256 characters long."
  test('TrailTopic topicName of 257 characters is rejected', () => {
    expectRejected(
      (s) => new TrailTopic(s, 'Topic', { masterKey: new TrailKey(s, 'Key'), topicName: 'a'.repeat(257) }),
    );
  });
  // same page: a period is not allowed in a standard topic name
  test('TrailTopic topicName with a period is rejected', () => {
    expectRejected((s) => new TrailTopic(s, 'Topic', { masterKey: new TrailKey(s, 'Key'), topicName: 'trail.notes' }));
  });
  // same page: 256 characters is allowed
  test('TrailTopic topicName of exactly 256 characters is accepted', () => {
    expectAccepted(
      (s) => new TrailTopic(s, 'Topic', { masterKey: new TrailKey(s, 'Key'), topicName: 'a'.repeat(256) }),
    );
  });
});

describe('S3 lifecycle', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html
  // Days: "If the specified storage class is STANDARD_IA or ONEZONE_IA, valid values are positive integers greater than
  // 30." and https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
  // "you must store objects for at least 30 days before transitioning them to S3 Standard-IA or S3 One Zone-IA"
  test('STANDARD_IA after 29 days is rejected', () => {
    expectRejected(
      (s) =>
        new SecureTrail(s, 'T', {
          logFileTransitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(29) }],
        }),
    );
  });
  // lifecycle-transition-general-considerations.html: the supported-transitions waterfall: from S3 Glacier Flexible
  // Retrieval an object can only go to S3 Glacier Deep Archive, never back to S3 Standard-IA
  test('GLACIER then STANDARD_IA is rejected', () => {
    expectRejected(
      (s) =>
        new SecureTrail(s, 'T', {
          logFileTransitions: [
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) },
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(60) },
          ],
        }),
    );
  });
  // lifecycle-transition-general-considerations.html: a transition from S3 Glacier Flexible Retrieval to S3 Glacier
  // Deep Archive must come at least 90 days after the transition to S3 Glacier Flexible Retrieval (S3 refuses the
  // configuration: "'Days' in the Transition action for StorageClass 'DEEP_ARCHIVE' ... must be 90 days more than ...")
  test('DEEP_ARCHIVE 60 days after GLACIER is rejected', () => {
    expectRejected(
      (s) =>
        new SecureTrail(s, 'T', {
          logFileTransitions: [
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) },
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(90) },
          ],
        }),
    );
  });
  // lifecycle-transition-general-considerations.html: objects must stay 30 days in S3 Standard-IA before a further
  // transition (S3: "'Days' in the Transition action for StorageClass 'GLACIER' ... must be 30 days more than ...
  // 'STANDARD_IA'")
  test('GLACIER 15 days after STANDARD_IA is rejected', () => {
    expectRejected(
      (s) =>
        new SecureTrail(s, 'T', {
          logFileTransitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(45) },
          ],
        }),
    );
  });
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html (lifecycle rules with
  // transition and expiration): the expiration days must be greater than the transition days
  // (S3: "'Days' in the Expiration action ... must be greater than 'Days' in the Transition action")
  test('expiration before the transition is rejected', () => {
    expectRejected(
      (s) =>
        new SecureTrail(s, 'T', {
          logFileTransitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }],
          logFileExpiration: Duration.days(60),
        }),
    );
  });
  // same constraint: equal days are not "greater"
  test('expiration on the same day as the transition is rejected', () => {
    expectRejected(
      (s) =>
        new SecureTrail(s, 'T', {
          logFileTransitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }],
          logFileExpiration: Duration.days(90),
        }),
    );
  });
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html
  // Days: "The value must be a non-zero positive integer."
  test('logFileExpiration of 0 days is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { logFileExpiration: Duration.days(0) }));
  });
  // API_LifecycleExpiration.html: the access-log bucket's expiration is a lifecycle expiration too
  test('accessLogsExpiration of 0 days is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { accessLogsExpiration: Duration.days(0) }));
  });
  // API_Transition.html: 30 days for STANDARD_IA; lifecycle-transition-general-considerations.html: +30 days before
  // GLACIER, +90 days before DEEP_ARCHIVE; expiration after the last transition
  test('the full waterfall at its minimum spacing is accepted', () => {
    expectAccepted(
      (s) =>
        new SecureTrail(s, 'T', {
          logFileTransitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(60) },
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(150) },
          ],
          logFileExpiration: Duration.days(2555),
        }),
    );
  });
  // API_Transition.html: "If the specified storage class is INTELLIGENT_TIERING, GLACIER_IR, GLACIER, or
  // DEEP_ARCHIVE, valid values are 0 or positive integers."
  test('GLACIER at day 0 is accepted', () => {
    expectAccepted(
      (s) =>
        new SecureTrail(s, 'T', {
          logFileTransitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(0) }],
        }),
    );
  });
});

describe('S3 Object Lock', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_DefaultRetention.html
  // Days: "The number of days that you want to specify for the default retention period. Must be a positive integer."
  test('objectLockRetention of 0 days is rejected', () => {
    expectRejected(
      (s) => new SecureTrail(s, 'T', { objectLockRetention: TrailObjectLock.compliance(Duration.days(0)) }),
    );
  });
});

describe('KMS', () => {
  // ALIAS = https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
  // ALIAS: "The AliasName value must be string of 1-256 characters. It can contain only alphanumeric characters,
  // forward slashes (/), underscores (_), and dashes (-). The alias name cannot begin with alias/aws/."
  test('alias alias/aws/... is rejected', () => {
    expectRejected((s) => new TrailKey(s, 'Key', { alias: 'alias/aws/cloudtrail' }));
  });
  // ALIAS: only alphanumeric, /, _ and -
  test('alias with a space and ! is rejected', () => {
    expectRejected((s) => new TrailKey(s, 'Key', { alias: 'alias/bad alias!' }));
  });
  // ALIAS: "string of 1-256 characters"
  test('alias of 257 characters is rejected', () => {
    expectRejected((s) => new TrailKey(s, 'Key', { alias: 'alias/' + 'a'.repeat(251) }));
  });
  // ALIAS: the name after alias/ must hold at least one character (Pattern ^alias/[a-zA-Z0-9/_-]+$)
  test('alias of just alias/ is rejected', () => {
    expectRejected((s) => new TrailKey(s, 'Key', { alias: 'alias/' }));
  });
  // ALIAS: 256 characters is allowed
  test('alias of exactly 256 characters is accepted', () => {
    expectAccepted((s) => new TrailKey(s, 'Key', { alias: 'alias/' + 'a'.repeat(250) }));
  });
  // https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
  // PendingWindowInDays: "Valid Range: Minimum value of 7. Maximum value of 30."
  test('pendingWindow of 6 days is rejected', () => {
    expectRejected((s) => new TrailKey(s, 'Key', { pendingWindow: Duration.days(6) }));
  });
  // same page
  test('pendingWindow of 31 days is rejected', () => {
    expectRejected((s) => new TrailKey(s, 'Key', { pendingWindow: Duration.days(31) }));
  });
  // same page: 7 and 30 are the bounds
  test('pendingWindow of 7 and 30 days are accepted', () => {
    expectAccepted((s) => {
      new TrailKey(s, 'Key7', { pendingWindow: Duration.days(7) });
      new TrailKey(s, 'Key30', { pendingWindow: Duration.days(30) });
    });
  });
});

describe('CloudWatch Logs retention', () => {
  // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
  // retentionInDays: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
  // 1827, 2192, 2557, 2922, 3288, and 3653."
  const ALLOWED = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
  ];
  test('retention of 45 days is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { cloudWatchLogsRetention: 45 as logs.RetentionDays }));
  });
  test('retention of 366 days is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { cloudWatchLogsRetention: 366 as logs.RetentionDays }));
  });
  test('every allowed retention value is accepted', () => {
    // a fresh app per value: CloudTrail allows 5 trails per account and Region
    for (const days of ALLOWED) {
      expectAccepted((s) => new SecureTrail(s, 'T', { cloudWatchLogsRetention: days as logs.RetentionDays }));
    }
  });
});

describe('S3 bucket names', () => {
  // BUCKET = https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  // BUCKET: "Bucket names can consist only of lowercase letters, numbers, periods (.), and hyphens (-)."
  test('uppercase bucket name is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'MyTrailBucket' }));
  });
  // BUCKET: "Bucket names must not contain two adjacent periods."
  test('bucket name a..b is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'my..bucket' }));
  });
  // BUCKET: "Bucket names must not be formatted as an IP address (for example, 192.168.5.4)."
  test('bucket name in IP format is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: '192.168.5.4' }));
  });
  // BUCKET: "Bucket names must not start with the prefix xn--."
  test('bucket name with xn-- prefix is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'xn--trail-logs' }));
  });
  // BUCKET: "Bucket names must not end with the suffix -s3alias."
  test('bucket name with -s3alias suffix is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'trail-logs-s3alias' }));
  });
  // BUCKET: "Bucket names must not end with the suffix --ol-s3."
  test('bucket name with --ol-s3 suffix is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'trail-logs--ol-s3' }));
  });
  // BUCKET: "Bucket names must not start with the prefix sthree-."
  test('bucket name with sthree- prefix is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'sthree-trail-logs' }));
  });
  // BUCKET: "Bucket names must not start with the prefix amzn-s3-demo-."
  test('bucket name with amzn-s3-demo- prefix is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'amzn-s3-demo-trail-logs' }));
  });
  // BUCKET: "Bucket names must not end with the suffix --x-s3." (reserved for directory buckets)
  test('bucket name with --x-s3 suffix is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'trail-logs--x-s3' }));
  });
  // BUCKET: "Bucket names must begin and end with a letter or number."
  test('bucket name ending with a hyphen is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'trail-logs-' }));
  });
  // BUCKET: "Bucket names must be between 3 (min) and 63 (max) characters long."
  test('bucket name of 64 characters is rejected', () => {
    expectRejected((s) => new TrailBucket(s, 'B', { bucketName: 'a'.repeat(64) }));
  });
  // BUCKET: 63 and 3 characters are the bounds
  test('bucket names of exactly 63 and 3 characters are accepted', () => {
    expectAccepted((s) => {
      new TrailBucket(s, 'B63', { bucketName: 'a'.repeat(63) });
      new TrailBucket(s, 'B3', { bucketName: 'abc' });
    });
  });
});

describe('AWS Organizations ids and accounts', () => {
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html
  // Id: "The regex pattern for an organization ID string requires "o-" followed by from 10 to 32 lowercase letters or
  // digits."
  test('organizationId o- plus 9 characters is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { organizationId: 'o-a1b2c3d4e' }));
  });
  // same page: lowercase letters only
  test('organizationId in uppercase is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { organizationId: 'o-A1B2C3D4E5' }));
  });
  // same page: at most 32 characters after o-
  test('organizationId o- plus 33 characters is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { organizationId: 'o-' + 'a'.repeat(33) }));
  });
  // same page: 10 and 32 characters are the bounds
  test('organizationId o- plus 10 and o- plus 32 characters are accepted', () => {
    expectAccepted((s) => {
      new SecureTrail(s, 'T10', { organizationId: 'o-a1b2c3d4e5' });
      new SecureTrail(s, 'T32', { organizationId: 'o-' + 'a1'.repeat(16) });
    });
  });
  // https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html
  // "The AWS account ID is a 12-digit number"
  test('managementAccountId of 11 digits is rejected', () => {
    expectRejected(
      (s) => new SecureTrail(s, 'T', { organizationId: 'o-a1b2c3d4e5', managementAccountId: '11111111111' }),
    );
  });
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_RegisterDelegatedAdministrator.html
  // AccountId: "Pattern: ^\d{12}$"
  test('delegatedAdministratorAccountId of 11 digits is rejected', () => {
    expectRejected(
      (s) => new OrganizationTrailPrerequisites(s, 'P', { delegatedAdministratorAccountId: '33333333333' }),
    );
  });
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html
  // TargetId: "Root - A string that begins with "r-" followed by from 4 to 32 lowercase letters or digits."
  test('guardrail target root id with uppercase is rejected', () => {
    expectRejected((s) => {
      const trail = new SecureTrail(s, 'T', { trailName: 'guarded' });
      new TrailGuardrails(s, 'G', {
        trail,
        breakGlassPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'],
        targetIds: ['r-AB12'],
      });
    });
  });
});

describe('EventBridge rule names', () => {
  // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
  // Name: "Length Constraints: Minimum length of 1. Maximum length of 64. Pattern: [\.\-_A-Za-z0-9]+"
  test('TrailTamperAlert ruleName of 65 characters is rejected', () => {
    expectRejected((s) => new TrailTamperAlert(s, 'A', { trail: new SecureTrail(s, 'T'), ruleName: 'a'.repeat(65) }));
  });
  // same page: pattern [\.\-_A-Za-z0-9]+
  test('TrailTamperAlert ruleName with a space is rejected', () => {
    expectRejected((s) => new TrailTamperAlert(s, 'A', { trail: new SecureTrail(s, 'T'), ruleName: 'tamper alert' }));
  });
  // same page: onCloudTrailEvent ruleName is a PutRule Name too
  test('onCloudTrailEvent ruleName of 65 characters is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T').onCloudTrailEvent('E', { ruleName: 'r'.repeat(65) }));
  });
  // same page: 64 characters of the allowed set is accepted
  test('TrailTamperAlert ruleName of exactly 64 characters is accepted', () => {
    expectAccepted(
      (s) => new TrailTamperAlert(s, 'A', { trail: new SecureTrail(s, 'T'), ruleName: 'a.b-c_' + 'd'.repeat(58) }),
    );
  });
});

describe('Glue and Athena', () => {
  // https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html "Use lower case for table names
  // and table column names in Athena" / database names: "lowercase letters, numbers, and the underscore character"; and
  // the library's own API doc for databaseName: "1 to 255 lowercase letters, digits and _"
  test('uppercase databaseName is rejected', () => {
    expectRejected(
      (s) => new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T'), databaseName: 'CloudTrailLogs' }),
    );
  });
  // https://docs.aws.amazon.com/glue/latest/webapi/API_DatabaseInput.html Name: "Length Constraints: Minimum length of
  // 1. Maximum length of 255."
  test('databaseName of 256 characters is rejected', () => {
    expectRejected(
      (s) => new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T'), databaseName: 'a'.repeat(256) }),
    );
  });
  // https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html: table names take lowercase
  // letters, numbers and underscore only; the library documents tableName as "1 to 255 lowercase letters, digits and _"
  test('tableName with a hyphen is rejected', () => {
    expectRejected((s) => new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T'), tableName: 'trail-logs' }));
  });
  // same page: 255 is the maximum
  test('databaseName of exactly 255 characters is accepted', () => {
    expectAccepted(
      (s) => new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T'), databaseName: 'a'.repeat(255) }),
    );
  });
  // https://docs.aws.amazon.com/athena/latest/APIReference/API_CreateWorkGroup.html
  // Name: "Pattern: [a-zA-Z0-9._-]{1,128}"
  test('workGroupName with a space is rejected', () => {
    expectRejected((s) => {
      const table = new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T') });
      new TrailQueryWorkGroup(s, 'WG', { table, workGroupName: 'cloudtrail queries' });
    });
  });
  // same page: at most 128
  test('workGroupName of 129 characters is rejected', () => {
    expectRejected((s) => {
      const table = new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T') });
      new TrailQueryWorkGroup(s, 'WG', { table, workGroupName: 'w'.repeat(129) });
    });
  });
  // same page: 128 characters of the allowed set
  test('workGroupName of exactly 128 characters is accepted', () => {
    expectAccepted((s) => {
      const table = new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T') });
      new TrailQueryWorkGroup(s, 'WG', { table, workGroupName: 'A.b_c-' + 'w'.repeat(122) });
    });
  });
  // https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html
  // BytesScannedCutoffPerQuery: "Valid Range: Minimum value of 10000000."
  test('bytesScannedCutoffPerQuery of 9 MiB (below 10,000,000 bytes) is rejected', () => {
    expectRejected((s) => {
      const table = new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T') });
      new TrailQueryWorkGroup(s, 'WG', { table, bytesScannedCutoffPerQuery: Size.mebibytes(9) });
    });
  });
  // same page: exactly 10,000,000 bytes is the minimum
  test('bytesScannedCutoffPerQuery of exactly 10,000,000 bytes is accepted', () => {
    expectAccepted((s) => {
      const table = new TrailLogTable(s, 'Table', { trail: new SecureTrail(s, 'T') });
      new TrailQueryWorkGroup(s, 'WG', { table, bytesScannedCutoffPerQuery: Size.bytes(10_000_000) });
    });
  });
});

describe('advanced event selectors', () => {
  // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedEventSelector.html
  // Name: "Length Constraints: Minimum length of 0. Maximum length of 1000."
  test('selector name of 1001 characters is rejected', () => {
    expectRejected((s) =>
      new SecureTrail(s, 'T').addAdvancedEventSelector({
        name: 'n'.repeat(1001),
        eventCategory: EventCategory.MANAGEMENT,
      }),
    );
  });
  // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
  // Equals: "Length Constraints: Minimum length of 1. Maximum length of 2048." (each value)
  test('an empty equalTo value is rejected', () => {
    expectRejected((s) =>
      new SecureTrail(s, 'T').addAdvancedEventSelector({
        eventCategory: EventCategory.DATA,
        resourceType: DataResourceType.S3_OBJECT,
        conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, [''])],
      }),
    );
  });
  // same page: each value at most 2048 characters
  test('a startsWith value of 2049 characters is rejected', () => {
    expectRejected((s) =>
      new SecureTrail(s, 'T').addAdvancedEventSelector({
        eventCategory: EventCategory.DATA,
        resourceType: DataResourceType.S3_OBJECT,
        conditions: [FieldCondition.startsWith(SelectorField.EVENT_NAME, ['x'.repeat(2049)])],
      }),
    );
  });
  // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutInsightSelectors.html and
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html:
  // "ApiCallRateInsight ... analyzes write-only management API calls" — the trail must log write management events
  test('API call rate insight on a trail that logs only read management events is rejected', () => {
    expectRejected(
      (s) =>
        new SecureTrail(s, 'T', {
          managementEvents: { readWriteType: cloudtrail.ReadWriteType.READ_ONLY },
          insights: [{ insightType: cloudtrail.InsightType.API_CALL_RATE }],
        }),
    );
  });
});

describe('CloudWatch metric filters and tags', () => {
  // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html
  // metricNamespace: "Length Constraints: Maximum length of 255. Pattern: [^:*$]*"
  test('metricNamespace with a colon is rejected', () => {
    expectRejected(
      (s) => new CisAlarms(s, 'Cis', { trail: new SecureTrail(s, 'T'), metricNamespace: 'Cis:Benchmark' }),
    );
  });
  // same page: at most 255
  test('metricNamespace of 256 characters is rejected', () => {
    expectRejected(
      (s) => new CisAlarms(s, 'Cis', { trail: new SecureTrail(s, 'T'), metricNamespace: 'n'.repeat(256) }),
    );
  });
  // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Tag.html
  // Key: "Length Constraints: Minimum length of 1. Maximum length of 128."
  test('a tag key of 129 characters is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { tags: { ['k'.repeat(129)]: 'v' } }));
  });
  // https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html (tag naming limits):
  // "The aws: prefix is prohibited for tags; it's reserved for AWS use."
  test('a tag key with the aws: prefix is rejected', () => {
    expectRejected((s) => new SecureTrail(s, 'T', { tags: { 'aws:owner': 'security' } }));
  });
});

describe('partitions, tokens and null', () => {
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-supported-regions.html: CloudTrail is
  // available in the China (cn-north-1) and AWS GovCloud (US) (us-gov-west-1) Regions
  test('a default trail in cn-north-1 is accepted', () => {
    expectAccepted((s) => new SecureTrail(s, 'T'), { account: '111111111111', region: 'cn-north-1' });
  });
  test('a default trail in us-gov-west-1 is accepted', () => {
    expectAccepted((s) => new SecureTrail(s, 'T'), { account: '111111111111', region: 'us-gov-west-1' });
  });
  // An environment-agnostic stack (account and Region known only at deploy time) is a valid CDK configuration
  test('a default trail in an environment-agnostic stack is accepted', () => {
    expectAccepted((s) => new SecureTrail(s, 'T'), undefined);
  });
  // Tokens stand for values CloudFormation resolves at deploy time; they cannot be judged at synth
  test('tokens in every SecureTrail string prop are accepted', () => {
    expectAccepted((s) => {
      const org = new CfnParameter(s, 'Org', { type: 'String' });
      // A management account known only at deploy time is its own case: the trail is then the stack account's, with a
      // warning (managementAccount), so that token is not in the template.
      new SecureTrail(s, 'T', {
        trailName: Lazy.string({ produce: () => 'lazy-trail' }),
        s3KeyPrefix: Fn.importValue('TrailPrefix'),
        organizationId: org.valueAsString,
        tags: { Owner: Fn.importValue('Owner') },
      });
    });
  });
  test('tokens in TrailKey, TrailBucket and TrailTopic names are accepted', () => {
    expectAccepted((s) => {
      const key = new TrailKey(s, 'Key', { alias: new CfnParameter(s, 'Alias', { type: 'String' }).valueAsString });
      new TrailBucket(s, 'B', { bucketName: Fn.importValue('BucketName'), encryptionKey: key });
      new TrailTopic(s, 'Topic', { masterKey: key, topicName: Lazy.string({ produce: () => 'trail-topic' }) });
    });
  });
  test('tokens in Glue, Athena, EventBridge and metric namespace names are accepted', () => {
    expectAccepted((s) => {
      const trail = new SecureTrail(s, 'T');
      const table = new TrailLogTable(s, 'Table', {
        trail,
        databaseName: new CfnParameter(s, 'Db', { type: 'String' }).valueAsString,
        tableName: Lazy.string({ produce: () => 'trail_logs' }),
      });
      new TrailQueryWorkGroup(s, 'WG', { table, workGroupName: Fn.importValue('WorkGroup') });
      new TrailTamperAlert(s, 'A', { trail, ruleName: new CfnParameter(s, 'Rule', { type: 'String' }).valueAsString });
      new CisAlarms(s, 'Cis', { trail, metricNamespace: Lazy.string({ produce: () => 'CIS' }) });
    });
  });
  test('null for every optional SecureTrail prop is accepted', () => {
    expectAccepted(
      (s) =>
        new SecureTrail(s, 'T', {
          trailName: null,
          s3KeyPrefix: null,
          tags: null,
          organizationId: null,
          managementAccountId: null,
          cloudWatchLogsRetention: null,
          logFileExpiration: null,
          logFileTransitions: null,
          accessLogsExpiration: null,
          objectLockRetention: null,
          insights: null,
          dataEventAggregation: null,
          managementEvents: null,
          bucket: null,
          encryptionKey: null,
          snsTopic: null,
          sendSnsNotifications: null,
          sendToCloudWatchLogs: null,
          cloudWatchLogGroup: null,
          cloudWatchLogsRole: null,
          cloudWatchLogsEncryptionKey: null,
          isMultiRegionTrail: null,
          includeGlobalServiceEvents: null,
          enableLogFileValidation: null,
          isLogging: null,
          removalPolicy: null,
          allowLogBucketDataEvents: null,
          accessLogsBucket: null,
        } as any),
    );
  });
  test('null for every optional prop of the building blocks is accepted', () => {
    expectAccepted((s) => {
      const key = new TrailKey(s, 'Key', {
        alias: null,
        description: null,
        pendingWindow: null,
        removalPolicy: null,
      } as any);
      new TrailBucket(s, 'B', {
        bucketName: null,
        encryptionKey: key,
        expiration: null,
        transitions: null,
        objectLockRetention: null,
        organizationId: null,
        accessLogsBucket: null,
        accessLogsExpiration: null,
        accessLogsPrefix: null,
        replication: null,
      } as any);
      new TrailTopic(s, 'Topic', { masterKey: key, topicName: null } as any);
      const trail = new SecureTrail(s, 'T');
      const table = new TrailLogTable(s, 'Table', {
        trail,
        databaseName: null,
        tableName: null,
        regions: null,
        accounts: null,
      } as any);
      new TrailQueryWorkGroup(s, 'WG', {
        table,
        workGroupName: null,
        description: null,
        bytesScannedCutoffPerQuery: null,
      } as any);
      new TrailTamperAlert(s, 'A', { trail, ruleName: null, topic: null, alarm: null } as any);
    });
  });
});
