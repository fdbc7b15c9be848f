import * as fs from 'fs';
import {
  App,
  AspectPriority,
  Aspects,
  Aws,
  CfnCondition,
  CfnParameter,
  Fn,
  Lazy,
  Stack,
  Stage,
  Tags,
} from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { RULES_DOC, rulesMarkdown } from './rules-table';
import { pinnedStack, rawTrail, reportedIds, rule, synthError, VALID, validatedApp } from './util';
import { registerTrailValidation } from '../../src/validation/register';
import { TrailValidator } from '../../src/validation/trail-validator';

describe('TRAILS_PER_REGION', () => {
  const trails = (stack: Stack, n: number, prefix = 'Trail') => {
    for (let i = 0; i < n; i++) new cloudtrail.CfnTrail(stack, `${prefix}${i}`, VALID);
  };

  test('six trails over two stacks of one env fail, naming all six', () => {
    const app = validatedApp();
    trails(pinnedStack(app, 'StackA'), 3);
    trails(pinnedStack(app, 'StackB'), 3);
    const message = synthError(() => app.synth());
    // Checked once for the whole app, and reported once.
    expect(message).toMatch(
      /\[TRAILS_PER_REGION\] account 111111111111 Region us-east-1: this app defines 6 trails there/,
    );
    for (const path of [
      'StackA/Trail0',
      'StackA/Trail1',
      'StackA/Trail2',
      'StackB/Trail0',
      'StackB/Trail1',
      'StackB/Trail2',
    ]) {
      expect(message).toContain(path);
    }
    expect(reportedIds(message).filter((id) => id === 'TRAILS_PER_REGION')).toHaveLength(1);
  });
  test('five trails pass', () => {
    const app = validatedApp();
    trails(pinnedStack(app, 'StackA'), 3);
    trails(pinnedStack(app, 'StackB'), 2);
    expect(() => app.synth()).not.toThrow();
  });
  test('env-agnostic stacks are not counted', () => {
    const app = validatedApp();
    trails(pinnedStack(app, 'StackA'), 5);
    trails(new Stack(app, 'Agnostic'), 3);
    expect(() => app.synth()).not.toThrow();
  });
  test('other Regions and accounts are not counted', () => {
    const app = validatedApp();
    trails(pinnedStack(app, 'StackA'), 5);
    trails(pinnedStack(app, 'West', 'us-west-2'), 1);
    trails(pinnedStack(app, 'Other', 'us-east-1', '222222222222'), 1);
    expect(() => app.synth()).not.toThrow();
  });
  test('trails of any kind and in stages count, even where the validator is not applied', () => {
    const app = new App();
    const checked = pinnedStack(app, 'Checked');
    Aspects.of(checked).add(new TrailValidator(), { priority: AspectPriority.READONLY });
    new cloudtrail.Trail(checked, 'L2');
    const stage = new Stage(app, 'Prod', { env: { account: '111111111111', region: 'us-east-1' } });
    trails(new Stack(stage, 'Inner'), 5);
    const message = synthError(() => app.synth());
    expect(message).toMatch(
      /\[TRAILS_PER_REGION\] account 111111111111 Region us-east-1: this app defines 6 trails there \(Checked\/L2, /,
    );
    expect(message).toContain('Prod/Inner/Trail4');
  });
  test('a trail under a CloudFormation condition is not counted', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    trails(stack, 5);
    const conditional = new cloudtrail.CfnTrail(stack, 'Maybe', VALID);
    const deploy = new CfnParameter(stack, 'Deploy', { allowedValues: ['yes', 'no'] }).valueAsString;
    conditional.cfnOptions.condition = new CfnCondition(stack, 'Cond', {
      expression: Fn.conditionEquals(deploy, 'yes'),
    });
    expect(() => app.synth()).not.toThrow();
  });
  test('a trail validated by hand does not leave a stale count for the synth', () => {
    const app = new App();
    const checked = pinnedStack(app, 'Checked');
    Aspects.of(checked).add(new TrailValidator(), { priority: AspectPriority.READONLY });
    trails(checked, 5);
    app.synth({ force: true });
    const first = checked.node.findChild('Trail0');
    expect(first.node.validate()).toEqual([]);
    // Not checked itself, but counted: the quota is per account and Region.
    new cloudtrail.CfnTrail(pinnedStack(app, 'Unchecked'), 'Sixth', VALID);
    expect(synthError(() => app.synth({ force: true }))).toMatch(
      /\[TRAILS_PER_REGION\] account 111111111111 Region us-east-1: this app defines 6 trails/,
    );
  });
  test('synthesizing again after adding a trail counts it', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    trails(stack, 5);
    expect(() => app.synth({ force: true })).not.toThrow();
    new cloudtrail.CfnTrail(stack, 'Sixth', VALID);
    expect(() => app.synth({ force: true })).toThrow(rule('TRAILS_PER_REGION'));
  });
});

describe('ORGANIZATION_ID_FORMAT', () => {
  const withOrg = (organizationId: string) => {
    const f = rawTrail({ isOrganizationTrail: true });
    registerTrailValidation(f.trail, { organizationId });
    return f;
  };
  test.each(['o-a1b2c3d4e5', `o-${'a'.repeat(32)}`])('%p passes', (id) => {
    expect(withOrg(id).synth).not.toThrow();
  });
  test.each(['o-a1b2c3d4e', `o-${'a'.repeat(33)}`, 'o-A1B2C3D4E5', 'a1b2c3d4e5', 'r-a1b2c3d4e5'])('%p fails', (id) => {
    expect(withOrg(id).synth).toThrow(
      /\[ORGANIZATION_ID_FORMAT\] TestStack\/Trail: prop organizationId '.*' is not an organization id/,
    );
  });
  test('a token is not judged', () => {
    const f = rawTrail();
    const organizationId = new CfnParameter(f.stack, 'Org').valueAsString;
    registerTrailValidation(f.trail, { organizationId });
    // Where a stack would use it (a template parameter nothing reads is a cfn-lint finding).
    f.trail.addPropertyOverride('Tags', [{ Key: 'organization', Value: organizationId }]);
    expect(f.synth).not.toThrow();
  });
});

describe('registration', () => {
  test('registering twice and through the aspect reports each problem once', () => {
    const f = rawTrail({ trailName: 'a..b' });
    registerTrailValidation(f.trail);
    registerTrailValidation(f.trail);
    expect(reportedIds(synthError(f.synth))).toEqual(['TRAIL_NAME_ADJACENT_PUNCTUATION']);
  });
  test('a warning is added once', () => {
    const f = rawTrail({ s3KeyPrefix: '/logs' });
    registerTrailValidation(f.trail);
    expect(Annotations.fromStack(f.stack).findWarning('*', Match.stringLikeRegexp('S3_KEY_PREFIX_SLASH'))).toHaveLength(
      1,
    );
  });
  test('a later call adds context', () => {
    const app = new App();
    const trail = new cloudtrail.CfnTrail(pinnedStack(app), 'Trail', VALID);
    registerTrailValidation(trail);
    registerTrailValidation(trail, { organizationId: 'nope' });
    expect(() => app.synth()).toThrow(rule('ORGANIZATION_ID_FORMAT'));
  });
  test('prop names in messages follow the context', () => {
    const f = rawTrail({ kmsKeyId: 'nope' });
    registerTrailValidation(f.trail, { propNames: { KMSKeyId: 'encryptionKey' } });
    expect(f.synth).toThrow(/\[KMS_KEY_ID_FORMAT\] TestStack\/Trail: KMSKeyId \(prop encryptionKey\) 'nope'/);
  });
  test('without the aspect or a registration nothing is checked', () => {
    const app = new App();
    new cloudtrail.CfnTrail(pinnedStack(app), 'Trail', { ...VALID, trailName: 'a..b' });
    expect(() => app.synth()).not.toThrow();
  });
  // Rendered afresh for each kind of check (about 1 ms each), never cached.
  test("properties are read once each for the trail's rules, the rules across trails and the app-wide checks", () => {
    const count = (validate: boolean) => {
      const app = validate ? validatedApp() : new App();
      const trail = new cloudtrail.CfnTrail(pinnedStack(app), 'Trail', VALID);
      const spy = jest.spyOn(trail as unknown as { cfnProperties: object }, 'cfnProperties', 'get');
      app.synth();
      return spy.mock.calls.length;
    };
    expect(count(true) - count(false)).toBe(3);
  });
  test('a trail with an override is rendered by aws-cdk-lib, once more for each of the three', () => {
    const count = (validate: boolean) => {
      const app = validate ? validatedApp() : new App();
      const trail = new cloudtrail.CfnTrail(pinnedStack(app), 'Trail', VALID);
      trail.addPropertyOverride('TrailName', 'overridden');
      const spy = jest.spyOn(trail as unknown as { _toCloudFormation: () => object }, '_toCloudFormation');
      app.synth();
      return spy.mock.calls.length;
    };
    expect(count(true) - count(false)).toBe(3);
  });
  test('an override made after a first synth is checked on the next one (nothing read by the first is reused)', () => {
    const app = validatedApp();
    const trail = new cloudtrail.CfnTrail(pinnedStack(app), 'Trail', VALID);
    app.synth();
    trail.addPropertyOverride('TrailName', 'a..b');
    expect(() => app.synth({ force: true })).toThrow(/\[TRAIL_NAME_ADJACENT_PUNCTUATION\] TestStack\/Trail: TrailName/);
  });
});

describe('all at once', () => {
  test('several violations are listed in one error', () => {
    const f = rawTrail({
      trailName: 'a..b',
      s3BucketName: 'My_Bucket',
      s3KeyPrefix: 'p'.repeat(201),
      kmsKeyId: 'my-key',
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: false,
      cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:g:*',
    });
    const ids = reportedIds(synthError(f.synth));
    expect(ids).toEqual(
      expect.arrayContaining([
        'TRAIL_NAME_ADJACENT_PUNCTUATION',
        'S3_BUCKET_NAME_CHARACTERS',
        'S3_KEY_PREFIX_LENGTH',
        'KMS_KEY_ID_FORMAT',
        'MULTI_REGION_GLOBAL_EVENTS',
        'CLOUDWATCH_LOGS_PAIRING',
      ]),
    );
  });
  test('errors of several trails and stacks are listed together', () => {
    const app = validatedApp();
    new cloudtrail.CfnTrail(pinnedStack(app, 'A'), 'Trail', { ...VALID, trailName: 'a..b' });
    new cloudtrail.CfnTrail(pinnedStack(app, 'B'), 'Trail', { ...VALID, s3KeyPrefix: 'p'.repeat(201) });
    const message = synthError(() => app.synth());
    expect(message).toMatch(/\[TRAIL_NAME_ADJACENT_PUNCTUATION\] A\/Trail/);
    expect(message).toMatch(/\[S3_KEY_PREFIX_LENGTH\] B\/Trail/);
  });
});

describe('valid configurations', () => {
  test('a raw CfnTrail using every property passes', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    const bucket = new s3.Bucket(stack, 'Logs');
    const key = new kms.Key(stack, 'Key');
    const group = new logs.LogGroup(stack, 'Group');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com') });
    const topic = new sns.Topic(stack, 'Topic');
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      trailName: 'org.audit-trail_1',
      s3BucketName: bucket.bucketName,
      s3KeyPrefix: 'cloudtrail/prod',
      kmsKeyId: key.keyArn,
      snsTopicName: topic.topicArn,
      cloudWatchLogsLogGroupArn: group.logGroupArn,
      cloudWatchLogsRoleArn: role.roleArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      eventSelectors: Array.from({ length: 5 }, (_, i) => ({
        readWriteType: 'All',
        includeManagementEvents: i === 0,
        excludeManagementEventSources: i === 0 ? ['kms.amazonaws.com'] : undefined,
        dataResources: [
          { type: 'AWS::S3::Object', values: Array.from({ length: 50 }, (__, j) => `arn:aws:s3:::bucket-${i}-${j}/`) },
        ],
      })),
      insightSelectors: [
        { insightType: 'ApiCallRateInsight' },
        { insightType: 'ApiErrorRateInsight', eventCategories: ['Management', 'Data'] },
      ],
      tags: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(256) })),
    });
    Array.from({ length: 10 }, (_, i) => Tags.of(stack).add(`stack-${i}`, 'v'));
    expect(() => app.synth()).not.toThrow();
  });
  test('advanced selectors with 500 values pass', () => {
    const values = (n: number, p: string) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::${p}-${i}/`);
    const f = rawTrail({
      advancedEventSelectors: [
        {
          name: 'management',
          fieldSelectors: [
            { field: 'eventCategory', equalTo: ['Management'] },
            { field: 'eventSource', notEquals: ['kms.amazonaws.com'] },
          ],
        },
        {
          name: 's3',
          fieldSelectors: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWith: values(490, 'b') },
            { field: 'readOnly', equalTo: ['false'] },
          ],
        },
        {
          fieldSelectors: [
            { field: 'eventCategory', equalTo: ['NetworkActivity'] },
            { field: 'eventSource', equalTo: ['ec2.amazonaws.com'] },
          ],
        },
      ],
      insightSelectors: [{ insightType: 'ApiCallRateInsight', eventCategories: ['Management', 'Data'] }],
    });
    expect(f.synth).not.toThrow();
  });
  test('an aws_cloudtrail.Trail with key, logs, topic and selectors passes', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    const trail = new cloudtrail.Trail(stack, 'Trail', {
      trailName: 'main-trail',
      encryptionKey: new kms.Key(stack, 'Key'),
      sendToCloudWatchLogs: true,
      snsTopic: new sns.Topic(stack, 'Topic'),
      s3KeyPrefix: 'logs',
      insightTypes: [cloudtrail.InsightType.API_CALL_RATE],
    });
    trail.logAllS3DataEvents();
    trail.logAllLambdaDataEvents();
    expect(() => app.synth()).not.toThrow();
  });
});

describe('values not known at synth', () => {
  test('a token name is not judged', () => {
    const f = rawTrail();
    f.trail.trailName = new CfnParameter(f.stack, 'Name').valueAsString;
    expect(f.synth).not.toThrow();
  });
  test('a lazy value known at synth is judged', () => {
    expect(rawTrail({ trailName: Lazy.string({ produce: () => 'a..b' }) }).synth).toThrow(
      rule('TRAIL_NAME_ADJACENT_PUNCTUATION'),
    );
  });
  test('a partly known name with a bad literal part is reported', () => {
    const f = rawTrail();
    f.trail.trailName = Fn.join('', ['my$', new CfnParameter(f.stack, 'Name').valueAsString, '-trail']);
    expect(f.synth).toThrow(
      /\[TRAIL_NAME_CHARACTERS\] TestStack\/Trail: TrailName \(prop trailName\) 'my\$\$\{Name\}-trail' contains '\$'/,
    );
  });
  test('a partly known name with good literal parts is not reported', () => {
    const f = rawTrail();
    f.trail.trailName = Fn.join('', ['my-', new CfnParameter(f.stack, 'Name').valueAsString, '-trail']);
    expect(f.synth).not.toThrow();
  });
  test('a partly known name is checked at its known start and end', () => {
    const f = rawTrail();
    f.trail.trailName = Fn.join('', ['-my', new CfnParameter(f.stack, 'Name').valueAsString, 'trail_']);
    expect(synthError(f.synth)).toMatch(/\[TRAIL_NAME_START_END\].*starts with '-' and ends with '_'/);
  });
  test('a partly known name longer than 128 in its literal parts alone is reported', () => {
    const f = rawTrail();
    f.trail.trailName = Fn.join('-', ['a'.repeat(64), new CfnParameter(f.stack, 'Name').valueAsString, 'b'.repeat(63)]);
    expect(synthError(f.synth)).toMatch(/\[TRAIL_NAME_LENGTH\].*is at least 129 characters long/);
  });
  test('adjacent punctuation across a hole is not guessed at', () => {
    const f = rawTrail();
    f.trail.trailName = Fn.join('', ['my-', new CfnParameter(f.stack, 'Name').valueAsString]);
    expect(f.synth).not.toThrow();
  });
  test('pseudo parameters of a concrete stack are read as its Region and account', () => {
    expect(rawTrail({ trailName: `trail..${Aws.REGION}` }).synth).toThrow(/'trail\.\.us-east-1'/);
    expect(rawTrail({ trailName: `trail-${Aws.ACCOUNT_ID}-${Aws.REGION}` }).synth).not.toThrow();
  });
  test('a log group ARN built with the partition token is still checked', () => {
    const f = rawTrail({
      cloudWatchLogsLogGroupArn: Fn.join('', ['arn:', Aws.PARTITION, ':logs:us-west-2:111111111111:log-group:g:*']),
      cloudWatchLogsRoleArn: `arn:${Aws.PARTITION}:iam::111111111111:role/R`,
    });
    expect(reportedIds(synthError(f.synth))).toEqual(['CLOUDWATCH_LOGS_GROUP_REGION']);
  });
  test('a key ARN with a partition token is checked', () => {
    expect(rawTrail({ kmsKeyId: `arn:${Aws.PARTITION}:kms:us-east-1:111111111111:key/not-a-key` }).synth).toThrow(
      rule('KMS_KEY_ID_FORMAT'),
    );
    expect(rawTrail({ kmsKeyId: `arn:${Aws.PARTITION}:kms:us-east-1:111111111111:alias/trail` }).synth).not.toThrow();
  });
  test('references to other resources are not judged', () => {
    const app = validatedApp();
    const stack = pinnedStack(app);
    const bucket = new s3.Bucket(stack, 'Logs');
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: bucket.bucketName,
      trailName: Fn.select(0, Fn.split(',', new CfnParameter(stack, 'Names').valueAsString)),
      s3KeyPrefix: Fn.importValue('Prefix'),
      snsTopicName: new sns.Topic(stack, 'SomeTopic').topicName,
      kmsKeyId: Fn.sub('${KeyArn}', { KeyArn: new CfnParameter(stack, 'Key').valueAsString }),
    });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('TrailValidator.rules()', () => {
  const rules = TrailValidator.rules();
  test('lists every rule once, fully described', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^[A-Z][A-Z0-9_]+$/);
      for (const text of [r.constraint, r.source, r.cfnProperty, r.prop, r.fix]) expect(text.length).toBeGreaterThan(0);
      expect(['error', 'warning']).toContain(r.severity);
    }
  });
  test('only the prefix slash rule is a warning', () => {
    expect(rules.filter((r) => r.severity === 'warning').map((r) => r.id)).toEqual(['S3_KEY_PREFIX_SLASH']);
  });
  test('docs/rules.md is generated from TrailValidator.rules() (test/validation/rules-table.ts --write)', () => {
    const doc = fs.readFileSync(RULES_DOC, 'utf-8');
    expect(doc).toBe(rulesMarkdown());
    for (const r of rules) expect(doc).toContain(`| \`${r.id}\` |`);
  });
});
