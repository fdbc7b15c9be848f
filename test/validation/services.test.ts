import { App, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CisControl } from '../../src';
import { formatFinding } from '../../src/validation/messages';
import {
  CIS_CONTROLS,
  CIS_LOG_GROUP_REQUIRED,
  CLOUDWATCH_ALARM_TEMPLATE,
  MONITOR_SAME_REGION,
} from '../../src/validation/rules/cloudwatch';
import { EVENTS_RULE_NAME, EVENTS_RULE_TEMPLATE } from '../../src/validation/rules/events';
import {
  KMS_ALIAS_NAME,
  KMS_ALIAS_RESERVED,
  KMS_DESCRIPTION_LENGTH,
  KMS_KEY_POLICY_SIZE,
  KMS_KEY_REMOVAL_POLICY,
  KMS_KEY_SYMMETRIC,
  KMS_PENDING_WINDOW,
} from '../../src/validation/rules/kms';
import {
  LOGS_KMS_KEY_REGION,
  LOGS_LOG_GROUP_ACCOUNT,
  LOGS_LOG_GROUP_NAME,
  LOGS_LOG_GROUP_REMOVAL_POLICY,
  LOGS_LOG_GROUP_TEMPLATE,
  LOGS_METRIC_FILTER_PATTERN_LENGTH,
  LOGS_METRIC_FILTERS_PER_LOG_GROUP,
  LOGS_METRIC_NAMESPACE,
  LOGS_RETENTION_DAYS,
} from '../../src/validation/rules/logs';
import { S3_ACCESS_LOGS_ACCOUNT, S3_TRANSITION_DAYS } from '../../src/validation/rules/s3';
import {
  SNS_TOPIC_AWS_MANAGED_KEY,
  SNS_TOPIC_FIFO,
  SNS_TOPIC_MASTER_KEY_REQUIRED,
  SNS_TOPIC_NAME,
  SNS_TOPIC_POLICY_SIZE,
} from '../../src/validation/rules/sns';

/*
 * The KMS, SNS, CloudWatch Logs, EventBridge and CloudWatch rules as plain functions.
 */

const values = (findings: Array<{ value?: unknown }>) => findings.map((f) => f.value);
const token = Lazy.string({ produce: () => 'x' });

describe('KMS rules', () => {
  test('KMS_KEY_SYMMETRIC: a key that cannot encrypt is named with its spec and usage; imported keys and tokens pass', () => {
    const stack = new Stack(new App(), 'S');
    expect(KMS_KEY_SYMMETRIC.check({ encryptionKey: new kms.Key(stack, 'Symmetric') })).toEqual([]);
    expect(
      KMS_KEY_SYMMETRIC.check({
        encryptionKey: kms.Key.fromKeyArn(stack, 'I', 'arn:aws:kms:us-east-1:111111111111:key/abc'),
      }),
    ).toEqual([]);
    expect(KMS_KEY_SYMMETRIC.check({ encryptionKey: undefined, other: null })).toEqual([]);
    const rsa = new kms.Key(stack, 'Rsa', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });
    const hmac = new kms.Key(stack, 'Hmac', {
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
    });
    expect(KMS_KEY_SYMMETRIC.check({ encryptionKey: rsa, masterKey: hmac }).map((f) => [f.at, f.value])).toEqual([
      ['encryptionKey', 'RSA_2048 / SIGN_VERIFY'],
      ['masterKey', 'HMAC_256 / GENERATE_VERIFY_MAC'],
    ]);
  });

  test('KMS_ALIAS_NAME and KMS_ALIAS_RESERVED: alias/ and allowed characters, never alias/aws/', () => {
    expect([
      ...KMS_ALIAS_NAME.check({ alias: 'cloudtrail/my-trail' }),
      ...KMS_ALIAS_NAME.check({ alias: 'alias/a:b_c-d' }),
      ...KMS_ALIAS_NAME.check({ alias: token }),
    ]).toEqual([]);
    expect(values(KMS_ALIAS_NAME.check({ alias: 'my alias' }))).toEqual(['alias/my alias']);
    expect(KMS_ALIAS_NAME.check({ alias: `alias/${'a'.repeat(251)}` }).length).toBe(1);
    expect(KMS_ALIAS_RESERVED.check({ alias: 'alias/cloudtrail' })).toEqual([]);
    expect(values(KMS_ALIAS_RESERVED.check({ alias: 'aws/cloudtrail' }))).toEqual(['aws/cloudtrail']);
  });

  test('KMS_PENDING_WINDOW, KMS_DESCRIPTION_LENGTH and KMS_KEY_REMOVAL_POLICY', () => {
    expect(KMS_PENDING_WINDOW.check({ pendingWindow: Duration.hours(168) })).toEqual([]);
    expect(values(KMS_PENDING_WINDOW.check({ pendingWindow: Duration.days(31) }))).toEqual(['31 days']);
    expect(KMS_DESCRIPTION_LENGTH.check({ description: 'd'.repeat(8192) })).toEqual([]);
    expect(KMS_DESCRIPTION_LENGTH.check({ description: 'd'.repeat(8193) }).length).toBe(1);
    expect(KMS_KEY_REMOVAL_POLICY.check({ removalPolicy: RemovalPolicy.SNAPSHOT }).length).toBe(1);
  });

  test('KMS_KEY_POLICY_SIZE: 32 KB', () => {
    expect(KMS_KEY_POLICY_SIZE.check({ KeyPolicy: { Statement: [] } })).toEqual([]);
    expect(values(KMS_KEY_POLICY_SIZE.check({ KeyPolicy: 'x'.repeat(32768) }))).toEqual(['32770 characters']);
  });
});

describe('SNS rules', () => {
  test('SNS_TOPIC_NAME: 1-256 of letters, digits, _ and -, or a .fifo name', () => {
    expect([
      ...SNS_TOPIC_NAME.check({ topicName: 'trail-topic_1' }),
      ...SNS_TOPIC_NAME.check({ topicName: 'x.fifo' }),
    ]).toEqual([]);
    expect(values(SNS_TOPIC_NAME.check({ topicName: 'my.topic' }))).toEqual(['my.topic']);
    expect(SNS_TOPIC_NAME.check({ topicName: 'a'.repeat(257) }).length).toBe(1);
  });

  test('SNS_TOPIC_FIFO: a FIFO topic (by fifo, name or ARN) is rejected; standard topics and tokens pass', () => {
    const stack = new Stack(new App(), 'S');
    const fifo = new sns.Topic(stack, 'Fifo', { fifo: true, topicName: 'alerts' });
    expect(SNS_TOPIC_FIFO.check({ topic: new sns.Topic(stack, 'Standard'), topicName: token })).toEqual([]);
    expect(SNS_TOPIC_FIFO.check({ topic: fifo }).map((f) => f.at)).toEqual(['topic']);
    expect(
      values(
        SNS_TOPIC_FIFO.check({
          topic: sns.Topic.fromTopicArn(stack, 'I', 'arn:aws:sns:us-east-1:111111111111:a.fifo'),
        }),
      ),
    ).toEqual(['arn:aws:sns:us-east-1:111111111111:a.fifo']);
    expect(values(SNS_TOPIC_FIFO.check({ topicName: 'notify.fifo' }))).toEqual(['notify.fifo']);
  });

  test('SNS_TOPIC_MASTER_KEY_REQUIRED and SNS_TOPIC_AWS_MANAGED_KEY', () => {
    const stack = new Stack(new App(), 'S');
    expect(SNS_TOPIC_MASTER_KEY_REQUIRED.check({ masterKey: null }).length).toBe(1);
    expect(SNS_TOPIC_MASTER_KEY_REQUIRED.check({ masterKey: new kms.Key(stack, 'K') })).toEqual([]);
    const managed = new sns.Topic(stack, 'Managed', {
      masterKey: kms.Alias.fromAliasName(stack, 'A', 'alias/aws/sns'),
    });
    expect(SNS_TOPIC_AWS_MANAGED_KEY.check({ topic: managed }).length).toBe(1);
    expect(SNS_TOPIC_AWS_MANAGED_KEY.check({ topic: new sns.Topic(stack, 'Plain') })).toEqual([]);
  });

  test('SNS_TOPIC_POLICY_SIZE: 30 KB', () => {
    expect(SNS_TOPIC_POLICY_SIZE.check({ PolicyDocument: 'x'.repeat(30719) }).length).toBe(1);
    expect(SNS_TOPIC_POLICY_SIZE.check({ PolicyDocument: 'x'.repeat(100) })).toEqual([]);
  });
});

describe('CloudWatch Logs rules', () => {
  test('LOGS_RETENTION_DAYS: the offered set, or INFINITE', () => {
    expect([
      ...LOGS_RETENTION_DAYS.check({ retention: 365 }),
      ...LOGS_RETENTION_DAYS.check({ retention: 9999 }),
    ]).toEqual([]);
    expect(values(LOGS_RETENTION_DAYS.check({ retention: 8 }))).toEqual([8]);
  });

  test('LOGS_KMS_KEY_REGION and LOGS_LOG_GROUP_ACCOUNT', () => {
    const stack = { env: { region: 'us-east-1' } };
    expect(LOGS_KMS_KEY_REGION.check({ encryptionKey: { env: { region: 'us-east-1' } }, stack })).toEqual([]);
    expect(values(LOGS_KMS_KEY_REGION.check({ encryptionKey: { env: { region: 'us-west-2' } }, stack }))).toEqual([
      'us-west-2',
    ]);
    expect(
      values(
        LOGS_LOG_GROUP_ACCOUNT.check({
          logGroup: { env: { account: '222222222222' } },
          trail: { env: { account: '111111111111' } },
        }),
      ),
    ).toEqual(['222222222222']);
  });

  test('LOGS_METRIC_NAMESPACE, LOGS_METRIC_FILTERS_PER_LOG_GROUP, LOGS_LOG_GROUP_NAME and LOGS_LOG_GROUP_REMOVAL_POLICY', () => {
    expect(LOGS_METRIC_NAMESPACE.check({ metricNamespace: 'CISBenchmark' })).toEqual([]);
    expect(LOGS_METRIC_NAMESPACE.check({ metricNamespace: 'AWS/Mine' }).map((f) => f.problem)).toEqual([
      'is under AWS/, which is reserved for AWS services',
    ]);
    expect(LOGS_METRIC_NAMESPACE.check({ metricNamespace: 'a:b' }).length).toBe(1);
    expect(LOGS_METRIC_FILTERS_PER_LOG_GROUP.check({ logGroup: 'g', filterCount: 100 })).toEqual([]);
    expect(LOGS_METRIC_FILTERS_PER_LOG_GROUP.check({ logGroup: 'g', filterCount: 101 }).length).toBe(1);
    expect(LOGS_LOG_GROUP_NAME.check({ logGroupName: '/aws/cloudtrail/my-trail' })).toEqual([]);
    expect(LOGS_LOG_GROUP_NAME.check({ logGroupName: 'a b' }).length).toBe(1);
    expect(LOGS_LOG_GROUP_REMOVAL_POLICY.check({ removalPolicy: RemovalPolicy.SNAPSHOT }).length).toBe(1);
  });

  test('LOGS_LOG_GROUP_TEMPLATE and LOGS_METRIC_FILTER_PATTERN_LENGTH on final properties', () => {
    expect(LOGS_LOG_GROUP_TEMPLATE.check({ RetentionInDays: 365, LogGroupName: '/aws/cloudtrail/t' })).toEqual([]);
    expect(LOGS_LOG_GROUP_TEMPLATE.check({ RetentionInDays: 8, LogGroupName: 'a b' }).length).toBe(2);
    expect(LOGS_METRIC_FILTER_PATTERN_LENGTH.check({ FilterPattern: 'x'.repeat(1024) })).toEqual([]);
    expect(LOGS_METRIC_FILTER_PATTERN_LENGTH.check({ FilterPattern: 'x'.repeat(1025) }).length).toBe(1);
  });
});

describe('EventBridge and CloudWatch rules', () => {
  test('EVENTS_RULE_NAME and EVENTS_RULE_TEMPLATE', () => {
    expect([
      ...EVENTS_RULE_NAME.check({ ruleName: 'a.b-c_1' }),
      ...EVENTS_RULE_NAME.check({ ruleName: token }),
    ]).toEqual([]);
    expect(values(EVENTS_RULE_NAME.check({ ruleName: 'a b' }))).toEqual(['a b']);
    expect(
      EVENTS_RULE_TEMPLATE.check({
        Name: 'r',
        Description: 'd',
        Targets: [{}, {}],
        EventPattern: { source: ['aws.s3'] },
      }),
    ).toEqual([]);
    expect(
      EVENTS_RULE_TEMPLATE.check({
        Name: 'x'.repeat(65),
        Description: 'd'.repeat(513),
        Targets: [{}, {}, {}, {}, {}, {}],
        EventPattern: 'p'.repeat(4097),
      }).map((f) => f.at ?? '-'),
    ).toEqual(['Name', '-', 'Targets', 'EventPattern']);
  });

  test('CLOUDWATCH_ALARM_TEMPLATE: 5 actions per state, name and description lengths, at most one day of periods', () => {
    expect(CLOUDWATCH_ALARM_TEMPLATE.check({ AlarmActions: ['a'], EvaluationPeriods: 288, Period: 300 })).toEqual([]);
    expect(
      CLOUDWATCH_ALARM_TEMPLATE.check({
        OKActions: ['1', '2', '3', '4', '5', '6'],
        EvaluationPeriods: 289,
        Period: 300,
        AlarmName: '',
        AlarmDescription: 'd'.repeat(1025),
      }).map((f) => f.at),
    ).toEqual(['OKActions', 'AlarmName', 'AlarmDescription', 'EvaluationPeriods']);
  });

  test('MONITOR_SAME_REGION: resources of another Region are named; unknown Regions pass', () => {
    const stack = { env: { region: 'us-east-1' } };
    expect(
      MONITOR_SAME_REGION.check({ topic: { env: { region: 'us-east-1' } }, trail: { env: { region: token } }, stack }),
    ).toEqual([]);
    const [finding] = MONITOR_SAME_REGION.check({
      topic: { env: { region: 'eu-west-1' }, topicArn: 'arn:aws:sns:eu-west-1:111111111111:a' },
      stack,
    });
    expect(finding).toMatchObject({ at: 'topic', value: 'arn:aws:sns:eu-west-1:111111111111:a' });
  });

  test('CIS_CONTROLS and CIS_LOG_GROUP_REQUIRED', () => {
    expect(CIS_CONTROLS.check({ controls: undefined })).toEqual([]);
    expect(CIS_CONTROLS.check({ controls: [CisControl.ROOT_USAGE, CisControl.ORGANIZATIONS_CHANGES] })).toEqual([]);
    expect(CIS_CONTROLS.check({ controls: [] }).map((f) => f.value)).toEqual(['[]']);
    expect(CIS_CONTROLS.check({ controls: [CisControl.ROOT_USAGE, CisControl.ROOT_USAGE] }).map((f) => f.at)).toEqual([
      'controls[1]',
    ]);
    expect(CIS_LOG_GROUP_REQUIRED.check({ logGroup: null }).length).toBe(1);
  });
});

describe('each finding is one message: [RULE_ID] path: prop or property, value, problem and fix', () => {
  const stack = { env: { region: 'us-east-1', account: '111111111111' } };
  test.each([
    [
      'S3_TRANSITION_DAYS',
      () =>
        formatFinding(
          S3_TRANSITION_DAYS,
          S3_TRANSITION_DAYS.check({
            transitions: [{ storageClass: { value: 'GLACIER' }, transitionAfter: Duration.hours(1) }],
          })[0],
          'App/B',
        ),
      /^\[S3_TRANSITION_DAYS\] App\/B: prop transitions\[0\] '0\.04 days' is not a whole number of days; .* Fix: use whole days/,
    ],
    [
      'S3_ACCESS_LOGS_ACCOUNT',
      () =>
        formatFinding(
          S3_ACCESS_LOGS_ACCOUNT,
          S3_ACCESS_LOGS_ACCOUNT.check({ accessLogsBucket: { env: { account: '2' } }, bucket: stack })[0],
          'App/B',
        ),
      /^\[S3_ACCESS_LOGS_ACCOUNT\] App\/B: prop accessLogsBucket '2' is the account of the accessLogsBucket, but S3 server access logging delivers only/,
    ],
    [
      'KMS_ALIAS_NAME',
      () => formatFinding(KMS_ALIAS_NAME, KMS_ALIAS_NAME.check({ alias: 'a*b' })[0], 'App/K'),
      /^\[KMS_ALIAS_NAME\] App\/K: prop alias 'alias\/a\*b' is not a KMS alias name/,
    ],
    [
      'LOGS_METRIC_FILTERS_PER_LOG_GROUP',
      () =>
        formatFinding(
          LOGS_METRIC_FILTERS_PER_LOG_GROUP,
          LOGS_METRIC_FILTERS_PER_LOG_GROUP.check({ logGroup: 'App/G', filterCount: 130 })[0],
          'App/Cis',
        ),
      /^\[LOGS_METRIC_FILTERS_PER_LOG_GROUP\] App\/Cis: prop logGroup 'App\/G' would hold 130 metric filters, over the 100/,
    ],
    [
      'LOGS_LOG_GROUP_NAME',
      () => formatFinding(LOGS_LOG_GROUP_NAME, LOGS_LOG_GROUP_NAME.check({ logGroupName: 'a:b' })[0], 'App/D'),
      /^\[LOGS_LOG_GROUP_NAME\] App\/D: prop logGroupName 'a:b' is not a log group name/,
    ],
    [
      'LOGS_METRIC_FILTER_PATTERN_LENGTH',
      () =>
        formatFinding(
          LOGS_METRIC_FILTER_PATTERN_LENGTH,
          LOGS_METRIC_FILTER_PATTERN_LENGTH.check({ FilterPattern: 'x'.repeat(2000) })[0],
          'App/F',
        ),
      /^\[LOGS_METRIC_FILTER_PATTERN_LENGTH\] App\/F: FilterPattern \(prop filterPattern\) 'x+…' is 2000 characters/,
    ],
    [
      'LOGS_LOG_GROUP_TEMPLATE',
      () => formatFinding(LOGS_LOG_GROUP_TEMPLATE, LOGS_LOG_GROUP_TEMPLATE.check({ RetentionInDays: 8 })[0], 'App/G'),
      /^\[LOGS_LOG_GROUP_TEMPLATE\] App\/G: RetentionInDays \(prop retention\) '8' is not a retention CloudWatch Logs offers/,
    ],
    [
      'EVENTS_RULE_TEMPLATE',
      () =>
        formatFinding(
          EVENTS_RULE_TEMPLATE,
          EVENTS_RULE_TEMPLATE.check({ Description: 'd'.repeat(600) })[0],
          'App/Rule',
        ),
      /^\[EVENTS_RULE_TEMPLATE\] App\/Rule: Description \(prop description\) 'd+…' is 600 characters, over the 512 EventBridge takes/,
    ],
  ])('%s', (_id, message, expected) => {
    expect(message()).toMatch(expected);
  });
});
