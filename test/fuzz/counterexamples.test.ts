import { App, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { deployPathOf, messagesOf, OURS } from './property';
import {
  AggregationTemplate,
  CisAlarms,
  CisControl,
  OrganizationTrailPrerequisites,
  SecureTrail,
  TrailAccessLogsBucket,
  TrailBucket,
  TrailKey,
  TrailGuardrails,
  TrailLogTable,
  TrailTopic,
} from '../../src';
import { uncheckedTemplates } from '../oracles/templates';

/*
 * Every counterexample the generated configurations (./generated.test.ts) found, shrunk and written out as plain
 * construct code with the outcome it must have. A library bug is written as it should pass and marked
 * `test.failing` (library fix pending): it flips to a failure of this file once the library is fixed, and is then
 * made a plain `test` and its entry in property.ts's KNOWN_FORMAT_GAPS / KNOWN_FOREIGN removed.
 */

const env = { account: '111111111111', region: 'us-east-1' };

function appWith(...ids: string[]): [App, ...Stack[]] {
  const app = new App({ context: uncheckedTemplates('counterexamples: only their outcome is asserted here') });
  return [app, ...ids.map((id) => new Stack(app, id, { env }))];
}

/** The error the app's construction or synthesis fails with, or undefined when it synthesizes. */
function failureOf(make: () => App): Error | undefined {
  try {
    make().synth();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** This library's error format: `[RULE_ID] <path>: ... Fix: ...` or `<path>: ... Fix: ...`, nothing else's. */
function expectOwnError(make: () => App): void {
  const error = failureOf(make);
  expect(error).toBeDefined();
  // Every message, each in this library's one format (collected at synth, or thrown).
  for (const m of messagesOf(error)) {
    expect(m.name).toBe('Error');
    expect(m.message).toMatch(OURS);
  }
}

/** Synthesizes, or fails with this library's own error (never another library's). */
function expectSynthOrOwnError(make: () => App): void {
  const error = failureOf(make);
  if (error === undefined) return;
  for (const m of messagesOf(error)) {
    expect(`${m.name}: ${m.message}`).toMatch(/^Error: /);
    expect(m.message).toMatch(OURS);
  }
}

describe('a resource made in another stack of the same environment (cyclic cross-stack reference)', () => {
  // library fix pending: SecureTrail writes the trail's bucket ARN into the other stack's access-log bucket policy
  // (allowLogDeliveryFrom) while the trail's stack refers to that bucket: aws-cdk-lib refuses the cycle ("'Main'
  // depends on 'Other' ... would create a cyclic reference"). Either break the cycle or refuse it naming the fix.
  test.failing('a SecureTrail given a TrailAccessLogsBucket made in another stack', () => {
    expectSynthOrOwnError(() => {
      const [app, main, other] = appWith('Main', 'Other');
      new SecureTrail(main, 'Trail', { accessLogsBucket: new TrailAccessLogsBucket(other, 'AccessLogs') });
      return app;
    });
  });
});

describe('onCloudTrailEvent (src/trail/trail-base.ts)', () => {
  test('onCloudTrailEvent with a ruleName over 64 characters', () => {
    expectSynthOrOwnError(() => {
      const [app, main] = appWith('Main');
      new SecureTrail(main, 'Trail').onCloudTrailEvent('OnEvent', { ruleName: 'r'.repeat(65) });
      return app;
    });
  });

  test.each([['services'], ['eventNames']])('onCloudTrailEvent with %s empty', (prop) => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new SecureTrail(main, 'Trail').onCloudTrailEvent('OnEvent', { [prop]: [] });
      return app;
    });
  });

  test('onCloudTrailEvent with a service that is not an endpoint name', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new SecureTrail(main, 'Trail').onCloudTrailEvent('OnEvent', { services: ['S3'] });
      return app;
    });
  });
});

describe('tokens', () => {
  // library fix pending: src/encryption/trail-key.ts adds 'alias/' to a literal alias only ("with or without the alias/
  // prefix", TrailKeyProps.alias), so a token alias (a CfnParameter, Lazy, import) is written as given: the template's
  // AliasName is 'my-key', which CloudFormation refuses (cfn-lint E3031, aws-cdk-lib's validation F3031). Found by
  // the oracles over the generated templates.
  test.failing('a TrailKey whose alias is a token without alias/ gets an AliasName CloudFormation accepts', () => {
    const [app, main] = appWith('Main');
    new TrailKey(main, 'Key', { alias: Lazy.string({ produce: () => 'my-key' }) });
    const template = app.synth().getStackByName('Main').template;
    const aliases = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::KMS::Alias') as any[];
    expect(aliases).toHaveLength(1);
    expect(JSON.stringify(aliases[0].Properties.AliasName)).toMatch(/^"alias\/|alias\//);
  });
});

describe("construct ids the library takes in the caller's scope", () => {
  // library fix pending: src/storage/trail-bucket.ts:204 makes the bucket's key as a sibling, `new TrailKey(scope,
  // \`${id}Key\`)`, so a TrailKey the user names '<bucket id>Key' in the same scope (a natural name) fails with the
  // constructs library's "There is already a Construct with name 'ArchiveKey' in Stack [Main]". Either pick an id that
  // cannot collide, or refuse with this library's error naming the fix.
  test.failing("a TrailBucket 'Archive' and a TrailKey 'ArchiveKey' in the same stack", () => {
    expectSynthOrOwnError(() => {
      const [app, main] = appWith('Main');
      new TrailBucket(main, 'Archive');
      new TrailKey(main, 'ArchiveKey');
      return app;
    });
  });
});

describe('bucket names S3 refuses', () => {
  // Adjacent periods and IP-address names are this library's error (S3_BUCKET_NAME_FORMAT), not aws-cdk-lib's
  // InvalidBucketNameValue: the name is reported and left out.
  test.each([
    ['TrailBucket', 'a..b'],
    ['TrailBucket', '192.168.5.4'],
    ['TrailAccessLogsBucket', 'a..b'],
    ['TrailAccessLogsBucket', '192.168.5.4'],
  ])('%s named %s', (kind, bucketName) => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      if (kind === 'TrailBucket') new TrailBucket(main, 'Archive', { bucketName });
      else new TrailAccessLogsBucket(main, 'AccessLogs', { bucketName });
      return app;
    });
  });

  // Names S3 reserves (prefix xn--, sthree-, amzn-s3-demo-; suffix -s3alias, --ol-s3) are refused
  // (S3_BUCKET_NAME_FORMAT).
  test.each([['xn--logs'], ['logs-s3alias']])('a TrailBucket named %s is refused at synth', (bucketName) => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new TrailBucket(main, 'Archive', { bucketName });
      return app;
    });
  });
});

describe('messages of this library, each in its one format ([RULE_ID] path: ... Fix: ...)', () => {
  test('grantReadLogs on a trail imported without its bucket', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      const trail = SecureTrail.fromTrailName(main, 'Imported', 'org-trail');
      trail.grantReadLogs(new iam.User(main, 'Reader'));
      return app;
    });
  });

  test("aggregateDataEvents on a delegated administrator's organization trail", () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      const trail = new SecureTrail(main, 'Trail', {
        organizationId: 'o-a1b2c3d4e5',
        managementAccountId: '333333333333',
      });
      trail.logAllS3DataEvents();
      trail.aggregateDataEvents([AggregationTemplate.API_ACTIVITY]);
      return app;
    });
  });

  test('management events NONE and nothing else selected', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new SecureTrail(main, 'Trail').logManagementEvents({ readWriteType: cloudtrail.ReadWriteType.NONE });
      return app;
    });
  });

  test('logFileTransitions with a given bucket', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new SecureTrail(main, 'Trail', { bucket: new TrailBucket(main, 'Bucket'), logFileTransitions: [] });
      return app;
    });
  });

  test('cloudWatchLogsRetention with sendToCloudWatchLogs false', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new SecureTrail(main, 'Trail', {
        sendToCloudWatchLogs: false,
        cloudWatchLogsRetention: logs.RetentionDays.ONE_MONTH,
      });
      return app;
    });
  });

  test('snsTopic with sendSnsNotifications false', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      const topic = new TrailTopic(main, 'Topic', { masterKey: new TrailKey(main, 'TopicKey') });
      new SecureTrail(main, 'Trail', { sendSnsNotifications: false, snsTopic: topic });
      return app;
    });
  });

  test('managementAccountId without organizationId', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new SecureTrail(main, 'Trail', { managementAccountId: '111111111111' });
      return app;
    });
  });

  test('accessLogsExpiration with a given access-log bucket', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new SecureTrail(main, 'Trail', {
        accessLogsBucket: new TrailAccessLogsBucket(main, 'AccessLogs'),
        accessLogsExpiration: Duration.days(30),
      });
      return app;
    });
  });

  test('CisAlarms on an imported trail without a log group', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new CisAlarms(main, 'Cis', {
        trail: SecureTrail.fromTrailArn(main, 'Imported', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'),
      });
      return app;
    });
  });

  test('CisAlarms with a control listed twice', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new CisAlarms(main, 'Cis', {
        trail: new SecureTrail(main, 'Trail'),
        controls: [CisControl.ROOT_USAGE, CisControl.ROOT_USAGE],
      });
      return app;
    });
  });

  test('TrailLogTable over a trail imported without its bucket', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new TrailLogTable(main, 'Logs', {
        trail: SecureTrail.fromTrailArn(main, 'Imported', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'),
      });
      return app;
    });
  });

  test('TrailLogTable with organizationId over an account trail', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new TrailLogTable(main, 'Logs', { trail: new SecureTrail(main, 'Trail'), organizationId: 'o-0aa0a0a000' });
      return app;
    });
  });

  test('TrailLogTable with accounts empty', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new TrailLogTable(main, 'Logs', { bucket: new TrailBucket(main, 'Bucket'), accounts: [] });
      return app;
    });
  });

  test('OrganizationTrailPrerequisites with a malformed delegated administrator account', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new OrganizationTrailPrerequisites(main, 'Prerequisites', { delegatedAdministratorAccountId: '12345' });
      return app;
    });
  });

  test('OrganizationTrailPrerequisites with a malformed organizationId', () => {
    expectOwnError(() => {
      const [app, main] = appWith('Main');
      new OrganizationTrailPrerequisites(main, 'Prerequisites', { organizationId: 'org-abcdefghij' });
      return app;
    });
  });
});

describe('behaviour the model learned from the counterexamples (documented rules; these pass today)', () => {
  // Not a bug: RETAIN_ON_UPDATE_OR_DELETE is CloudFormation's RetainExceptOnCreate, and the invariant accepts it.
  // Not a bug: a role, topic or log group of another stack is fine on its own; the generated cycles with them came
  // from monitors in that stack watching the trail (a cycle the app made), so the builder now puts them apart.
  test('a SecureTrail given a role, topic and log group made in another stack synthesizes', () => {
    const [app, main, other] = appWith('Main', 'Other');
    new SecureTrail(main, 'Trail', {
      cloudWatchLogsRole: new iam.Role(other, 'Role', {
        assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      }),
      snsTopic: new TrailTopic(other, 'Topic', { masterKey: new TrailKey(other, 'TopicKey') }),
    });
    new SecureTrail(main, 'Trail2', { cloudWatchLogGroup: new logs.LogGroup(other, 'LogGroup') });
    expect(failureOf(() => app)).toBeUndefined();
  });

  test('removalPolicy RETAIN_ON_UPDATE_OR_DELETE keeps the trail key on delete (RetainExceptOnCreate)', () => {
    const [app, main] = appWith('Main');
    new SecureTrail(main, 'Trail', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    const template = app.synth().getStackByName('Main').template;
    const keys = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::KMS::Key') as any[];
    expect(keys.map((k) => k.DeletionPolicy)).toEqual(['RetainExceptOnCreate']);
  });

  // TrailLogTableProps.organizationId defaults to the trail's: a table over an organization SecureTrail needs no id.
  test('a TrailLogTable over an organization SecureTrail without organizationId reads it from the trail', () => {
    const [app, main] = appWith('Main');
    const trail = new SecureTrail(main, 'Trail', {
      organizationId: 'o-abcdefghij',
      managementAccountId: '111111111111',
    });
    const table = new TrailLogTable(main, 'Logs', { trail });
    expect(failureOf(() => app)).toBeUndefined();
    expect(table.organizationId).toBe('o-abcdefghij');
  });

  // Seed 20261207 after the monitors joined the model: guardrails given organizationId (a parameter) on a trail
  // imported by ARN alone wrote no resource control policy and left the parameter unused, without a word.
  test('guardrails with organizationId but no known log storage warn that no resource control policy is written', () => {
    const [, main] = appWith('Main');
    new TrailGuardrails(main, 'Guardrails', {
      trail: SecureTrail.fromTrailArn(main, 'Imported', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'),
      organizationId: 'o-abcdefghij',
      managementAccountId: '222222222222',
      breakGlassPrincipalArns: ['arn:aws:iam::111111111111:role/break-glass'],
    });
    Annotations.fromStack(main).hasWarning(
      '/Main/Guardrails',
      Match.stringLikeRegexp('organizationId is given, but .* no resource control policy'),
    );
  });

  // `npm run fuzz`, seed 589082313: a TrailTopic without a name, with its own TrailKey, given to a SecureTrail of the
  // same stack. The key policy named the topic by the pattern `arn:...:sns:<region>:<account>:*` under StringEquals,
  // which matches no topic: CloudTrail's GenerateDataKey for the topic was denied, and no notification was sent.
  test('a SecureTrail given an encrypted topic without a name can publish to it', async () => {
    const [app, main] = appWith('Main');
    const topic = new TrailTopic(main, 'Topic', { masterKey: new TrailKey(main, 'TopicKey') });
    new SecureTrail(main, 'Trail', { snsTopic: topic });
    expect(await deployPathOf(app)).toBe('');
  });
});
