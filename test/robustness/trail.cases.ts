import { App, CfnOutput, CfnParameter, Fn, Lazy, Stack, Stage, Tags, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { messagesOf, RobustnessCase } from './harness';
import { SecureTrail, SecureTrailProps, TrailAttributes } from '../../src';

const env = { account: '111111111111', region: 'us-east-1' };
const NAMING = 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trail-naming-requirements.html';
const LIMITS =
  'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html (Trails per Region: 5)';
const ALIAS =
  'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html (AliasName unique per account and Region)';
const TOPIC = 'https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html (Name unique per account and Region)';
const CREATE =
  'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html (Name, TrailAlreadyExistsException)';
const TAGS =
  'https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html (Value pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*) / CloudTrail API Tag';
const ACK = 'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.Validations.html (acknowledge)';
const ORG = 'https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html (Id pattern ^\\d{12}$)';

const stackIn = (app: App, id = 'Stack', e: { account?: string; region?: string } | undefined = env) =>
  new Stack(app, id, { env: e });
const trail = (app: App, props: SecureTrailProps = {}) => new SecureTrail(stackIn(app), 'Trail', props);
const templateOf = (app: App, stack = 'Stack') => Template.fromStack(app.node.findChild(stack) as Stack);
const aliasNames = (app: App, stack = 'Stack') =>
  Object.values(templateOf(app, stack).findResources('AWS::KMS::Alias')).map((r) => r.Properties.AliasName);
const topicNames = (app: App, stack = 'Stack') =>
  Object.values(templateOf(app, stack).findResources('AWS::SNS::Topic')).map((r) => r.Properties.TopicName);
const importedBucket = (scope: Construct) => s3.Bucket.fromBucketName(scope, 'Logs', 'log-archive-bucket');
const countOf = (text: string, fragment: string) => text.split(fragment).length - 1;

/**
 * A token trail name of each kind synthesizes, with and without notifications (its derived names cannot use
 * `.replace()`).
 */
const TOKEN_NAMES: Array<[string, (stack: Stack) => string]> = [
  ['CfnParameter.valueAsString', (stack) => new CfnParameter(stack, 'Name', { default: 'audit.trail' }).valueAsString],
  ['Lazy.string', () => Lazy.string({ produce: () => 'audit.trail' })],
  ['Fn.join', (stack) => Fn.join('-', ['audit', new CfnParameter(stack, 'Suffix', { default: 'x' }).valueAsString])],
  ['Fn.importValue', () => Fn.importValue('TrailNameExport')],
  ['Fn.sub', () => Fn.sub('audit-${AWS::Region}')],
];
const tokenCases: RobustnessCase[] = TOKEN_NAMES.flatMap(([kind, name]) =>
  [false, true].map((sns) => ({
    name: `a token trail name (${kind})${sns ? ' with SNS notifications' : ''} synthesizes`,
    source: `${CREATE}; ${ALIAS}; ${TOPIC}`,
    make: (app: App) => {
      const stack = stackIn(app);
      new SecureTrail(stack, 'Trail', { trailName: name(stack), sendSnsNotifications: sns });
    },
    then: (app: App) => {
      for (const alias of aliasNames(app)) expect(alias).toMatch(/^alias\/cloudtrail\/[A-Za-z0-9/_-]+$/);
      for (const topic of topicNames(app)) {
        expect(typeof topic === 'string' ? topic : 'token').toMatch(/^[A-Za-z0-9_-]{1,256}$|^token$/);
      }
    },
  })),
);

/** Every optional prop set to null, as a JavaScript caller may: it counts as unset. */
const NULLABLE: Array<keyof SecureTrailProps> = [
  'trailName',
  's3KeyPrefix',
  'isMultiRegionTrail',
  'includeGlobalServiceEvents',
  'enableLogFileValidation',
  'isLogging',
  'organizationId',
  'managementAccountId',
  'bucket',
  'encryptionKey',
  'accessLogsBucket',
  'accessLogsExpiration',
  'objectLockRetention',
  'logFileTransitions',
  'logFileExpiration',
  'sendSnsNotifications',
  'snsTopic',
  'sendToCloudWatchLogs',
  'cloudWatchLogGroup',
  'cloudWatchLogsRole',
  'cloudWatchLogsEncryptionKey',
  'cloudWatchLogsRetention',
  'removalPolicy',
  'managementEvents',
  'insights',
  'dataEventAggregation',
  'allowLogBucketDataEvents',
  'tags',
];
const nullCases: RobustnessCase[] = NULLABLE.map((prop) => ({
  name: `${prop}: null counts as unset`,
  source:
    'https://aws.github.io/jsii/user-guides/lib-author/typescript-restrictions/ (optional props may be null from JavaScript); ' +
    CREATE,
  make: (app: App) => {
    trail(app, { [prop]: null } as unknown as SecureTrailProps);
  },
}));

const named = (stack: Stack, id: string, trailName: string, more: SecureTrailProps = {}) =>
  new SecureTrail(stack, id, { trailName, ...more });

export const TRAIL_CASES: RobustnessCase[] = [
  ...tokenCases,
  {
    name: 'a literal name keeps its derived alias and topic names',
    source: `${ALIAS}; ${TOPIC}`,
    make: (app) => {
      trail(app, { trailName: 'audit.trail', sendSnsNotifications: true });
    },
    then: (app) => {
      expect(aliasNames(app)).toEqual(['alias/cloudtrail/audit-trail']);
      expect(topicNames(app)).toEqual(['audit-trail-deliveries']);
    },
  },
  {
    name: 'a token name with a literal part CloudTrail refuses is rejected',
    source: NAMING,
    make: (app) => {
      const stack = stackIn(app);
      new SecureTrail(stack, 'Trail', {
        trailName: Fn.join('', ['audit trail-', new CfnParameter(stack, 'P').valueAsString]),
      });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', fix: 'use only ASCII letters' },
  },
  ...nullCases,
  {
    name: 'props: null counts as no props',
    source: 'https://aws.github.io/jsii/user-guides/lib-author/typescript-restrictions/',
    make: (app) => {
      new SecureTrail(stackIn(app), 'Trail', null as unknown as SecureTrailProps);
    },
  },
  {
    name: 'a given bucket with null log-bucket props is not a conflict',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
    make: (app) => {
      const stack = stackIn(app);
      const bucket = new s3.Bucket(stack, 'Logs', {
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      });
      new SecureTrail(stack, 'Trail', {
        bucket,
        logFileExpiration: null,
        accessLogsBucket: null,
        objectLockRetention: null,
      } as unknown as SecureTrailProps);
    },
  },
  {
    name: 'sendToCloudWatchLogs false with null log-group props is not a conflict',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
    make: (app) => {
      trail(app, {
        sendToCloudWatchLogs: false,
        cloudWatchLogGroup: null,
        cloudWatchLogsRetention: null,
      } as unknown as SecureTrailProps);
    },
  },
  {
    name: 'sendSnsNotifications false with snsTopic null is not a conflict',
    source: TOPIC,
    make: (app) => {
      trail(app, { sendSnsNotifications: false, snsTopic: null } as unknown as SecureTrailProps);
    },
  },
  {
    name: 'onCloudTrailEvent with null options synthesizes',
    source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html',
    make: (app) => {
      trail(app).onCloudTrailEvent('Event', null as never);
    },
  },
  // Derived names and names across the app.
  {
    name: 'audit.trail and audit-trail in one stack: their derived alias collides',
    source: `${ALIAS}; ${TOPIC}`,
    make: (app) => {
      const stack = stackIn(app);
      named(stack, 'A', 'audit.trail');
      named(stack, 'B', 'audit-trail');
    },
    rejects: { path: 'Stack/A', prop: 'trailName', value: 'alias/cloudtrail/audit-trail', fix: 'Stack/B' },
  },
  {
    name: 'audit.trail and audit-trail in two stacks of one environment collide on alias and topic',
    source: `${ALIAS}; ${TOPIC}`,
    make: (app) => {
      named(stackIn(app, 'One'), 'Trail', 'audit.trail', { sendSnsNotifications: true });
      named(stackIn(app, 'Two'), 'Trail', 'audit-trail', { sendSnsNotifications: true });
    },
    rejects: { path: 'One/Trail', prop: 'trailName', value: 'audit-trail-deliveries', fix: 'Two/Trail' },
  },
  {
    name: 'audit.trail and audit-trail in different Regions do not collide',
    source: ALIAS,
    make: (app) => {
      named(stackIn(app, 'One'), 'Trail', 'audit.trail', { isMultiRegionTrail: false });
      named(stackIn(app, 'Two', { ...env, region: 'eu-west-1' }), 'Trail', 'audit-trail', {
        isMultiRegionTrail: false,
      });
    },
  },
  {
    name: 'audit.trail and audit-trail in different accounts do not collide',
    source: ALIAS,
    make: (app) => {
      named(stackIn(app, 'One'), 'Trail', 'audit.trail');
      named(stackIn(app, 'Two', { ...env, account: '222222222222' }), 'Trail', 'audit-trail');
    },
  },
  {
    name: 'the same trail name in two stacks of one account and Region is one error',
    source: CREATE,
    make: (app) => {
      named(stackIn(app, 'One'), 'Trail', 'audit');
      named(stackIn(app, 'Two'), 'Trail', 'audit');
    },
    rejects: { path: 'One/Trail', prop: 'trailName', value: 'audit', fix: 'Two/Trail' },
  },
  {
    name: 'the same trail name twice is reported once',
    source: CREATE,
    make: (app) => {
      named(stackIn(app, 'One'), 'Trail', 'audit');
      named(stackIn(app, 'Two'), 'Trail', 'audit');
      try {
        app.synth();
      } catch (e) {
        const message = (e as Error).message;
        if (countOf(message, '[TRAIL_NAMES_UNIQUE]') === 1) {
          throw new Error("[ONCE] Stack/Trail: trailName 'audit' reported once. Fix: none");
        }
        throw e;
      }
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: 'audit', fix: '[ONCE]' },
  },
  {
    name: 'a multi-Region trail name is taken in every Region of its account',
    source: `${CREATE}; https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-trails-multiregion`,
    make: (app) => {
      named(stackIn(app, 'One'), 'Trail', 'audit');
      named(stackIn(app, 'Two', { ...env, region: 'eu-west-1' }), 'Trail', 'audit', { isMultiRegionTrail: false });
    },
    rejects: { path: 'One/Trail', prop: 'trailName', value: 'audit', fix: 'Two/Trail' },
  },
  {
    name: 'one single-Region trail name in two Regions is allowed',
    source: CREATE,
    make: (app) => {
      named(stackIn(app, 'One'), 'Trail', 'audit', { isMultiRegionTrail: false });
      named(stackIn(app, 'Two', { ...env, region: 'eu-west-1' }), 'Trail', 'audit', { isMultiRegionTrail: false });
    },
  },
  {
    name: 'the same trail name in two accounts is allowed',
    source: CREATE,
    make: (app) => {
      named(stackIn(app, 'One'), 'Trail', 'audit');
      named(stackIn(app, 'Two', { ...env, account: '222222222222' }), 'Trail', 'audit');
    },
  },
  {
    name: 'the same trail name twice in one env-agnostic stack is rejected',
    source: CREATE,
    make: (app) => {
      const stack = stackIn(app, 'Stack', {});
      named(stack, 'A', 'audit');
      named(stack, 'B', 'audit');
    },
    rejects: { path: 'Stack/A', prop: 'trailName', value: 'audit', fix: 'Stack/B' },
  },
  {
    name: 'an escape-hatch TrailName override is what the app-level check reads',
    source: CREATE,
    make: (app) => {
      const stack = stackIn(app);
      named(stack, 'A', 'audit');
      named(stack, 'B', 'other').cfnTrail.addPropertyOverride('TrailName', 'audit');
    },
    rejects: { path: 'Stack/A', prop: 'trailName', value: 'audit', fix: 'Stack/B' },
  },
  {
    name: 'two unnamed SecureTrails in one stack get distinct names',
    source: `${CREATE}; ${ALIAS}`,
    make: (app) => {
      const stack = stackIn(app);
      new SecureTrail(stack, 'A', { sendSnsNotifications: true });
      new SecureTrail(stack, 'B', { sendSnsNotifications: true });
    },
    then: (app) => {
      expect(new Set(aliasNames(app)).size).toBe(2);
      expect(new Set(topicNames(app)).size).toBe(2);
    },
  },
  {
    name: 'the same construct id in two stacks of one environment gets distinct names',
    source: CREATE,
    make: (app) => {
      new SecureTrail(stackIn(app, 'One'), 'Trail');
      new SecureTrail(stackIn(app, 'Two'), 'Trail');
    },
  },
  {
    name: 'a very long construct path keeps derived names within limits',
    source: `${CREATE} (128); https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html (256); ${TOPIC} (256)`,
    make: (app) => {
      let scope: Construct = stackIn(app, 'S'.repeat(100));
      for (let i = 0; i < 6; i++) scope = new Construct(scope, `${'Level'.repeat(20)}${i}`);
      new SecureTrail(scope, 'Trail'.repeat(20), { sendSnsNotifications: true });
    },
    then: (app) => {
      const template = templateOf(app, 'S'.repeat(100));
      const names = Object.values(template.findResources('AWS::CloudTrail::Trail')).map((r) => r.Properties.TrailName);
      expect(names[0].length).toBeLessThanOrEqual(128);
    },
  },
  {
    name: 'a 128-character name synthesizes with notifications',
    source: `${NAMING}; ${TOPIC}`,
    make: (app) => {
      trail(app, { trailName: 'a'.repeat(128), sendSnsNotifications: true });
    },
  },
  {
    name: 'a default trail in an env-agnostic stack synthesizes',
    source: 'https://docs.aws.amazon.com/cdk/v2/guide/environments.html',
    make: (app) => {
      new SecureTrail(stackIn(app, 'Stack', {}), 'Trail', { sendSnsNotifications: true });
    },
  },
  {
    name: 'a trail ARN as trailName fails with TRAIL_NAME_NOT_ARN, not in the topic',
    source: CREATE,
    make: (app) => {
      trail(app, { trailName: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/audit', sendSnsNotifications: true });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: 'arn:aws:cloudtrail', fix: "'audit'" },
  },
  {
    name: 'two token-named trails in one stack get distinct derived names',
    source: `${ALIAS}; ${TOPIC}`,
    make: (app) => {
      const stack = stackIn(app);
      new SecureTrail(stack, 'A', { trailName: Fn.importValue('NameA'), sendSnsNotifications: true });
      new SecureTrail(stack, 'B', { trailName: Fn.importValue('NameB'), sendSnsNotifications: true });
    },
    then: (app) => {
      expect(new Set(aliasNames(app)).size).toBe(2);
      expect(new Set(topicNames(app)).size).toBe(2);
    },
  },
  {
    name: 'a given encryptionKey and snsTopic leave nothing derived to collide',
    source: `${ALIAS}; ${TOPIC}`,
    make: (app) => {
      const stack = stackIn(app);
      const a = new SecureTrail(stack, 'A', { trailName: 'audit.trail', sendSnsNotifications: true });
      new SecureTrail(stack, 'B', { trailName: 'audit-trail', encryptionKey: a.encryptionKey, snsTopic: a.topic });
    },
  },
  {
    name: 'five trails in an env-agnostic stack and five in a concrete one are allowed',
    source: LIMITS,
    make: (app) => {
      for (const [id, e] of [
        ['Agnostic', {}],
        ['Concrete', env],
      ] as const) {
        const stack = stackIn(app, id, e);
        for (let i = 0; i < 5; i++) new SecureTrail(stack, `T${i}`, { isMultiRegionTrail: false });
      }
    },
    then: (app) => expect(messagesOf(app, 'warning').filter((m) => m.includes('TRAILS_PER_REGION'))).toEqual([]),
  },
  {
    name: 'an empty tag key fails with our error, not inside aws-cdk-lib',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: { '': 'v' } });
    },
    rejects: { path: 'Stack/Trail', prop: 'tags', fix: '1 to 128' },
  },
  {
    name: 'a rule warning acknowledged on the app is hidden',
    source: `${ACK}; https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html (S3KeyPrefix)`,
    make: (app) => {
      Validations.of(app).acknowledge({ id: 'cdk-cloudtrail-kit:S3_KEY_PREFIX_SLASH', reason: 'meant' });
      trail(app, { s3KeyPrefix: 'logs/' });
    },
    then: (app) => expect(messagesOf(app, 'warning').filter((m) => m.includes('S3_KEY_PREFIX_SLASH'))).toEqual([]),
  },
  {
    name: 'the env-agnostic quota warning can be acknowledged on the app',
    source: `${ACK}; ${LIMITS}`,
    make: (app) => {
      Validations.of(app).acknowledge({
        id: 'cdk-cloudtrail-kit:TRAILS_PER_REGION',
        reason: 'deployed to six accounts',
      });
      for (let i = 0; i < 6; i++) new SecureTrail(stackIn(app, `S${i}`, {}), 'Trail');
    },
    then: (app) => expect(messagesOf(app, 'warning').filter((m) => m.includes('TRAILS_PER_REGION'))).toEqual([]),
  },
  {
    name: 'the same trail name in two stacks of a Stage is one error',
    source: CREATE,
    make: (app) => {
      const stage = new Stage(app, 'Prod');
      named(new Stack(stage, 'One', { env }), 'Trail', 'audit');
      named(new Stack(stage, 'Two', { env }), 'Trail', 'audit');
    },
    rejects: { path: 'Prod/One/Trail', prop: 'trailName', value: 'audit', fix: 'Prod/Two/Trail' },
  },
  {
    name: 'a trail using a bucket and key of another stack of its environment synthesizes',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
    make: (app) => {
      const archive = stackIn(app, 'Archive');
      const owner = new SecureTrail(archive, 'Owner', { sendToCloudWatchLogs: false });
      new SecureTrail(stackIn(app, 'User'), 'Trail', {
        bucket: owner.bucket,
        encryptionKey: owner.encryptionKey,
        sendToCloudWatchLogs: false,
      });
    },
  },
  {
    name: 'fromTrailName(null) fails with our error',
    source: NAMING,
    make: (app) => {
      SecureTrail.fromTrailName(stackIn(app), 'Imported', null as unknown as string);
    },
    rejects: { path: 'Stack/Imported', prop: 'trailName', value: 'null', fix: '3 to 128 ASCII letters' },
  },
  {
    name: 'fromTrailArn(null) fails with our error',
    source:
      'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html (trail ARN format)',
    make: (app) => {
      SecureTrail.fromTrailArn(stackIn(app), 'Imported', null as unknown as string);
    },
    rejects: { path: 'Stack/Imported', prop: 'trailArn', value: 'null', fix: 'arn:<partition>:cloudtrail' },
  },
  {
    name: 'fromTrailAttributes with bucket null: grantReadLogs says the bucket is missing',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-read-log-files.html',
    make: (app) => {
      const stack = stackIn(app);
      const imported = SecureTrail.fromTrailAttributes(stack, 'Imported', {
        trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/audit',
        bucket: null,
        encryptionKey: null,
      } as unknown as TrailAttributes);
      imported.grantReadLogs(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
    },
    rejects: {
      path: 'Stack/Imported',
      prop: 'grantReadLogs',
      fix: 'fromTrailAttributes(scope, id, { trailArn, bucket',
    },
  },
  {
    name: 'fromTrailAttributes with encryptionKey null grants reading the logs',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-read-log-files.html',
    make: (app) => {
      const stack = stackIn(app);
      const bucket = new s3.Bucket(stack, 'Logs', {
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      });
      const imported = SecureTrail.fromTrailAttributes(stack, 'Imported', {
        trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/audit',
        bucket,
        encryptionKey: null,
        s3KeyPrefix: null,
      } as unknown as TrailAttributes);
      imported.grantReadLogs(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
    },
  },
  // Quota.
  {
    name: 'six single-Region trails in one account and Region are rejected',
    source: LIMITS,
    make: (app) => {
      const stack = stackIn(app);
      for (let i = 0; i < 6; i++) new SecureTrail(stack, `T${i}`, { isMultiRegionTrail: false });
    },
    rejects: {
      path: 'account 111111111111 Region us-east-1',
      prop: 'TRAILS_PER_REGION',
      value: '6 trails',
      fix: 'use fewer trails',
    },
  },
  {
    name: 'five multi-Region trails and one single-Region trail in another Region exceed the quota there',
    source: `${LIMITS} (a multi-Region trail counts against every Region)`,
    make: (app) => {
      const home = stackIn(app, 'Home');
      for (let i = 0; i < 5; i++) new SecureTrail(home, `T${i}`);
      new SecureTrail(stackIn(app, 'Away', { ...env, region: 'eu-west-1' }), 'Trail', { isMultiRegionTrail: false });
    },
    rejects: { path: 'Region eu-west-1', prop: 'TRAILS_PER_REGION', value: '6 trails', fix: 'use fewer trails' },
  },
  {
    name: 'five single-Region trails in each of two Regions are allowed',
    source: LIMITS,
    make: (app) => {
      for (const region of ['us-east-1', 'eu-west-1']) {
        const stack = stackIn(app, `S-${region}`, { ...env, region });
        for (let i = 0; i < 5; i++) new SecureTrail(stack, `T${i}`, { isMultiRegionTrail: false });
      }
    },
  },
  {
    name: 'six trails in one env-agnostic stack are rejected',
    source: LIMITS,
    make: (app) => {
      const stack = stackIn(app, 'Stack', {});
      for (let i = 0; i < 6; i++) new SecureTrail(stack, `T${i}`);
    },
    rejects: { path: 'Stack', prop: 'TRAILS_PER_REGION', value: '6 trails', fix: 'use fewer trails' },
  },
  {
    name: 'six trails in six env-agnostic stacks warn',
    source: LIMITS,
    make: (app) => {
      for (let i = 0; i < 6; i++) new SecureTrail(stackIn(app, `S${i}`, {}), 'Trail');
    },
    then: (app) => {
      const warnings = messagesOf(app, 'warning').filter((m) => m.includes('TRAILS_PER_REGION'));
      expect(warnings).toHaveLength(1);
    },
  },
  {
    name: 'the quota error appears once',
    source: LIMITS,
    make: (app) => {
      const stack = stackIn(app);
      for (let i = 0; i < 7; i++) new SecureTrail(stack, `T${i}`);
      try {
        app.synth();
      } catch (e) {
        const message = (e as Error).message;
        if (countOf(message, '[TRAILS_PER_REGION]') === 1) {
          throw new Error('[ONCE] Stack/T0: prop trailName reported once. Fix: none');
        }
        throw e;
      }
    },
    rejects: { path: 'Stack/T0', prop: 'trailName', fix: '[ONCE]' },
  },
  {
    name: 'trails under a condition (delegated administrator) are not counted in the stack account',
    source: `${LIMITS}; https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-delegated-administrator.html`,
    make: (app) => {
      const stack = stackIn(app);
      for (let i = 0; i < 5; i++) new SecureTrail(stack, `T${i}`);
      new SecureTrail(stack, 'Org', { organizationId: 'o-a1b2c3d4e5', managementAccountId: '999999999999' });
    },
  },
  // Characters: our rule, not the KMS alias's error.
  {
    name: 'a trail name with a space fails with TRAIL_NAME_CHARACTERS',
    source: NAMING,
    make: (app) => {
      trail(app, { trailName: 'audit trail' });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: 'audit trail', fix: 'use only ASCII letters' },
  },
  {
    name: 'a trail name with a non-ASCII letter fails with TRAIL_NAME_CHARACTERS',
    source: NAMING,
    make: (app) => {
      trail(app, { trailName: 'prüfung', sendSnsNotifications: true });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: 'prüfung', fix: 'use only ASCII letters' },
  },
  {
    name: 'a trail name with a slash fails with TRAIL_NAME_CHARACTERS',
    source: NAMING,
    make: (app) => {
      trail(app, { trailName: 'audit/trail', sendSnsNotifications: true });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: 'audit/trail', fix: 'use only ASCII letters' },
  },
  {
    name: 'a trail name with a colon fails with TRAIL_NAME_CHARACTERS',
    source: NAMING,
    make: (app) => {
      trail(app, { trailName: 'audit:trail' });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: 'audit:trail', fix: 'use only ASCII letters' },
  },
  {
    name: 'an empty trail name is rejected by our length rule',
    source: NAMING,
    make: (app) => {
      trail(app, { trailName: '' });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', fix: '3 to 128' },
  },
  {
    name: 'a trail name in IP-address format is rejected',
    source: NAMING,
    make: (app) => {
      trail(app, { trailName: '192.168.5.4' });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: '192.168.5.4', fix: 'not an IP address' },
  },
  {
    name: 'a trail name with underscores keeps them in its alias',
    source: `${NAMING}; ${ALIAS}`,
    make: (app) => {
      trail(app, { trailName: 'audit_trail_1' });
    },
    then: (app) => expect(aliasNames(app)).toEqual(['alias/cloudtrail/audit_trail_1']),
  },
  // managementAccountId.
  {
    name: 'an 11-digit managementAccountId is not a 12-digit account id',
    source: ORG,
    make: (app) => {
      trail(app, { organizationId: 'o-a1b2c3d4e5', managementAccountId: '99999999999' });
    },
    rejects: { path: 'Stack/Trail', prop: 'managementAccountId', value: '99999999999', fix: '12-digit' },
  },
  {
    name: 'a managementAccountId in an env-agnostic stack is checked',
    source: ORG,
    make: (app) => {
      new SecureTrail(stackIn(app, 'Stack', {}), 'Trail', {
        organizationId: 'o-a1b2c3d4e5',
        managementAccountId: 'management',
      });
    },
    rejects: { path: 'Stack/Trail', prop: 'managementAccountId', value: 'management', fix: '12-digit' },
  },
  {
    name: "a token managementAccountId is not an error, and a warning says the trail is made as the stack account's",
    source: ORG,
    make: (app) => {
      const stack = stackIn(app);
      const management = new CfnParameter(stack, 'Mgmt').valueAsString;
      new SecureTrail(stack, 'Trail', { organizationId: 'o-a1b2c3d4e5', managementAccountId: management });
      // A token management account is taken to be the stack's (the trail is an ordinary organization trail).
      new CfnOutput(stack, 'Management', { value: management });
    },
    then: (app) =>
      expect(messagesOf(app, 'warning').filter((m) => m.includes('managementAccount'))).toEqual([
        expect.stringMatching(
          / Stack\/Trail: 'managementAccountId' is not known at synth, .*delegated administrator.*Fix: give 'managementAccountId' and the stack's env\.account as literals/,
        ),
      ]),
  },
  {
    name: 'a managementAccountId in an env-agnostic stack draws the same warning, and it can be acknowledged',
    source: ORG,
    make: (app) => {
      new SecureTrail(stackIn(app, 'Stack', {}), 'Trail', {
        organizationId: 'o-a1b2c3d4e5',
        managementAccountId: '999999999999',
      });
      const acknowledged = stackIn(app, 'Acknowledged', {});
      Validations.of(acknowledged).acknowledge({
        id: 'cdk-cloudtrail-kit:managementAccount',
        reason: 'deployed in the management account',
      });
      new SecureTrail(acknowledged, 'Trail', { organizationId: 'o-a1b2c3d4e5', managementAccountId: '999999999999' });
    },
    then: (app) =>
      expect(messagesOf(app, 'warning').filter((m) => m.includes('managementAccount'))).toEqual([
        expect.stringMatching(/ Stack\/Trail: the stack's account is not known at synth \(an env-agnostic stack\)/),
      ]),
  },
  {
    name: 'managementAccountId equal to the stack account is an ordinary organization trail',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html',
    make: (app) => {
      trail(app, { organizationId: 'o-a1b2c3d4e5', managementAccountId: env.account });
    },
  },
  {
    name: 'managementAccountId without organizationId is rejected',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html',
    make: (app) => {
      trail(app, { managementAccountId: env.account });
    },
    rejects: { path: 'Stack/Trail', prop: 'managementAccountId', fix: 'organizationId' },
  },
  // Tags.
  {
    name: 'a tag value with & is rejected before IAM refuses it on the delivery role',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: { team: 'audit & compliance' } });
    },
    rejects: { path: 'Stack/Trail', prop: 'tags', value: 'audit & compliance', fix: '@' },
  },
  {
    name: 'a tag key with & is rejected',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: { 'a&b': 'x' } });
    },
    rejects: { path: 'Stack/Trail', prop: 'tags', value: 'a&b', fix: '@' },
  },
  {
    name: 'a Tags.of(app) value with & is our error, naming the delivery role it reaches',
    source: TAGS,
    make: (app) => {
      trail(app);
      Tags.of(app).add('team', 'audit & compliance');
    },
    rejects: {
      path: 'Stack/Trail/CloudWatchLogs/Role',
      prop: 'Tags.of',
      value: 'audit & compliance',
      fix: 'excludeResourceTypes',
    },
  },
  {
    name: 'a Tags.of(app) value with & that leaves out IAM roles synthesizes',
    source: TAGS,
    make: (app) => {
      trail(app);
      Tags.of(app).add('team', 'audit & compliance', { excludeResourceTypes: ['AWS::IAM::Role'] });
    },
  },
  {
    name: 'a token Tags.of(app) value is not reported',
    source: TAGS,
    make: (app) => {
      const stack = stackIn(app);
      new SecureTrail(stack, 'Trail');
      Tags.of(app).add('team', new CfnParameter(stack, 'Team').valueAsString);
    },
  },
  {
    name: 'tag values with letters, spaces and the allowed punctuation synthesize',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: { 'cost-center': 'Audit team: ü/1=2+3@x_y.z' } });
    },
  },
  {
    name: 'fifty-one tags are rejected',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) });
    },
    rejects: { path: 'Stack/Trail', prop: 'tags', value: '51 tags', fix: 'at most 50 tags' },
  },
  {
    name: 'fifty tags synthesize',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) });
    },
  },
  {
    name: 'a tag key of 129 characters is rejected',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: { ['k'.repeat(129)]: 'v' } });
    },
    rejects: { path: 'Stack/Trail', prop: 'tags', value: 'kkkk', fix: '1 to 128' },
  },
  {
    name: 'a tag value of 257 characters is rejected',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: { k: 'v'.repeat(257) } });
    },
    rejects: { path: 'Stack/Trail', prop: 'tags', value: 'vvvv', fix: 'at most 256' },
  },
  {
    name: 'a tag key with the aws: prefix is rejected',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: { 'AWS:owner': 'me' } });
    },
    rejects: { path: 'Stack/Trail', prop: 'tags', value: 'AWS:owner', fix: 'aws: prefix' },
  },
  {
    name: 'an empty tags map synthesizes',
    source: TAGS,
    make: (app) => {
      trail(app, { tags: {} });
    },
  },
  {
    name: 'a token tag value is not reported',
    source: TAGS,
    make: (app) => {
      const stack = stackIn(app);
      new SecureTrail(stack, 'Trail', { tags: { team: new CfnParameter(stack, 'Team').valueAsString } });
    },
  },
  // Escape hatches.
  {
    name: 'an escape-hatch TrailName override is checked on the final template',
    source: NAMING,
    make: (app) => {
      trail(app).cfnTrail.addPropertyOverride('TrailName', 'audit trail');
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: 'audit trail', fix: 'use only ASCII letters' },
  },
  {
    name: 'an escape-hatch IncludeGlobalServiceEvents override is checked',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html (IsMultiRegionTrail)',
    make: (app) => {
      trail(app).cfnTrail.addPropertyOverride('IncludeGlobalServiceEvents', false);
    },
    rejects: {
      path: 'Stack/Trail',
      prop: 'includeGlobalServiceEvents',
      value: 'false',
      fix: 'includeGlobalServiceEvents',
    },
  },
  {
    name: 'an escape-hatch tag override is checked',
    source: TAGS,
    make: (app) => {
      trail(app).cfnTrail.addPropertyOverride('Tags', [{ Key: 'aws:x', Value: 'v' }]);
    },
    rejects: { path: 'Stack/Trail', prop: 'tags', value: 'aws:x', fix: 'aws: prefix' },
  },
  // Acknowledgements.
  ...(['app', 'stage', 'stack', 'construct'] as const).flatMap((scope) =>
    (['before', 'after'] as const).map((when) => ({
      name: `an acknowledgement on the ${scope} ${when} the trail is made hides its warning`,
      source: ACK,
      make: (app: App) => {
        const stage = new Stage(app, 'Stage');
        const stack = new Stack(stage, 'Stack', { env });
        const holder = new Construct(stack, 'Holder');
        const target = { app, stage, stack, construct: holder }[scope];
        const ack = () =>
          Validations.of(target).acknowledge({ id: 'cdk-cloudtrail-kit:bucketPolicy', reason: 'log archive holds it' });
        if (when === 'before') ack();
        new SecureTrail(holder, 'Trail', { bucket: importedBucket(holder) });
        if (when === 'after') ack();
      },
      then: (app: App) => {
        const stage = app.node.findChild('Stage') as Stage;
        const messages = stage
          .synth()
          .stacks.flatMap((s) => s.messages)
          .filter((m) => m.level === 'warning')
          .map((m) => String(m.entry.data));
        expect(messages.filter((m) => m.includes('bucketPolicy') || m.includes('s3:PutObject'))).toEqual([]);
      },
    })),
  ),
  {
    name: 'an unknown acknowledgement id hides nothing',
    source: ACK,
    make: (app) => {
      const stack = stackIn(app);
      Validations.of(stack).acknowledge({ id: 'cdk-cloudtrail-kit:noSuchRule', reason: 'typo' });
      new SecureTrail(stack, 'Trail', { bucket: importedBucket(stack) });
    },
    then: (app) => expect(messagesOf(app, 'warning').filter((m) => m.includes('bucketPolicy'))).toHaveLength(1),
  },
];
