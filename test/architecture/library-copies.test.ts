import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import * as lib from '../../src';
import { ACCOUNT, REGION } from '../helpers';

/*
 * An app whose dependencies bring two copies of this library (the app's own, and one a construct library of theirs
 * depends on) passes constructs of one copy to the other, where `instanceof` is false. The library recognises its own
 * classes by a Symbol.for marker instead: a construct made by a second copy, loaded here with its own module registry
 * but sharing aws-cdk-lib and constructs (peer dependencies, so one copy of each), is treated as this copy's own.
 */

const SRC = path.join(__dirname, '..', '..', 'src');

/** The peer dependencies src imports (`aws-cdk-lib/aws-s3`, `constructs`), each as this registry loaded it. */
function peerModules(dir: string): Map<string, unknown> {
  const modules = new Map<string, unknown>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const [, name] of text.matchAll(/from '((?:aws-cdk-lib|constructs)(?:\/[^']*)?)'/g)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (!modules.has(name)) modules.set(name, require(name));
    }
  }
  return modules;
}

let copy: typeof lib;
const peers = peerModules(SRC);
jest.isolateModules(() => {
  for (const [name, module] of peers) jest.doMock(name, () => module);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  copy = require('../../src');
});

const stackOf = () => new Stack(new App(), 'TestStack', { env: { account: ACCOUNT, region: REGION } });

test('the second copy is a copy: instanceof does not recognise its classes', () => {
  const stack = stackOf();
  expect(copy.TrailKey).not.toBe(lib.TrailKey);
  expect(new copy.TrailKey(stack, 'Key') instanceof lib.TrailKey).toBe(false);
});

describe.each([
  ['SecureTrail', (s: Stack) => new copy.SecureTrail(s, 'X'), lib.SecureTrail.isSecureTrail],
  ['TrailKey', (s: Stack) => new copy.TrailKey(s, 'X'), lib.TrailKey.isTrailKey],
  ['TrailBucket', (s: Stack) => new copy.TrailBucket(s, 'X'), lib.TrailBucket.isTrailBucket],
  [
    'TrailAccessLogsBucket',
    (s: Stack) => new copy.TrailAccessLogsBucket(s, 'X'),
    lib.TrailAccessLogsBucket.isTrailAccessLogsBucket,
  ],
  [
    'TrailLogTable',
    (s: Stack) => new copy.TrailLogTable(s, 'X', { bucket: s3.Bucket.fromBucketName(s, 'B', 'logs') }),
    lib.TrailLogTable.isTrailLogTable,
  ],
  [
    'TrailQueryWorkGroup',
    (s: Stack) =>
      new copy.TrailQueryWorkGroup(s, 'X', {
        table: new copy.TrailLogTable(s, 'T', { bucket: s3.Bucket.fromBucketName(s, 'B', 'logs') }),
      }),
    lib.TrailQueryWorkGroup.isTrailQueryWorkGroup,
  ],
  [
    'CisAlarms',
    (s: Stack) => new copy.CisAlarms(s, 'X', { trail: new copy.SecureTrail(s, 'T') }),
    lib.CisAlarms.isCisAlarms,
  ],
  [
    'OrganizationTrailPrerequisites',
    (s: Stack) => new copy.OrganizationTrailPrerequisites(s, 'X'),
    lib.OrganizationTrailPrerequisites.isOrganizationTrailPrerequisites,
  ],
] as Array<[string, (s: Stack) => Construct, (x: unknown) => boolean]>)('%s.is...', (_name, makeInCopy, is) => {
  test("recognises one made by the other copy, and nothing else of the construct's kind", () => {
    const stack = stackOf();
    expect(is(makeInCopy(stack))).toBe(true);
    expect([undefined, null, 1, 'x', {}, new Construct(stack, 'Plain')].map(is)).toEqual(Array(6).fill(false));
    expect(is(new kms.Key(stack, 'Key')) || is(new s3.Bucket(stack, 'Bucket'))).toBe(false);
  });
});

describe("the other copy's constructs are dispatched as this copy's own", () => {
  const decryptsOf = (stack: Stack) =>
    Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Action === 'kms:Decrypt');

  test("TrailBucket.grantReadLogs decrypts with the other copy's TrailKey", () => {
    const stack = stackOf();
    const bucket = new lib.TrailBucket(stack, 'Logs', { encryptionKey: new copy.TrailKey(stack, 'Key') });
    bucket.grantReadLogs(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(decryptsOf(stack)).toHaveLength(1);
  });

  test("a TrailLogTable over the other copy's TrailBucket grants as over this copy's", () => {
    const grantOf = (made: typeof lib) => {
      const stack = stackOf();
      const bucket = new made.TrailBucket(stack, 'Logs');
      const table = new lib.TrailLogTable(stack, 'Table', { bucket, organizationId: 'o-abcdefghij' });
      table.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
      return Template.fromStack(stack).toJSON();
    };
    expect(grantOf(copy)).toEqual(grantOf(lib));
  });

  test("a SecureTrail over the other copy's key, bucket and access-log bucket makes the template of this copy's", () => {
    const templateOf = (made: typeof lib) => {
      const stack = stackOf();
      const encryptionKey = new made.TrailKey(stack, 'Key');
      const accessLogsBucket = new made.TrailAccessLogsBucket(stack, 'AccessLogs');
      const bucket = new made.TrailBucket(stack, 'Logs', { encryptionKey, accessLogsBucket });
      new lib.SecureTrail(stack, 'Trail', { encryptionKey, bucket, cloudWatchLogsEncryptionKey: encryptionKey });
      return Template.fromStack(stack).toJSON();
    };
    expect(templateOf(copy)).toEqual(templateOf(lib));
  });

  test("TrailGuardrails checks its organization against the other copy's OrganizationTrailPrerequisites", () => {
    const stack = stackOf();
    new copy.OrganizationTrailPrerequisites(stack, 'Prerequisites', { organizationId: 'o-abcdefghij' });
    new lib.TrailGuardrails(stack, 'Guardrails', {
      trail: new lib.SecureTrail(stack, 'Trail'),
      breakGlassPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'],
      organizationId: 'o-zzzzzzzzzz',
    });
    expect(() => Template.fromStack(stack)).toThrow(/\[GUARDRAIL_SAME_ORGANIZATION\] TestStack\/Guardrails/);
  });

  test("SecureTrail leaves the other copy's TrailBucket and its access-log bucket out of all-bucket data events", () => {
    const stack = stackOf();
    const bucket = new copy.TrailBucket(stack, 'Logs');
    const trail = new lib.SecureTrail(stack, 'Trail', { bucket });
    trail.logAllS3DataEvents();
    const selectors = JSON.stringify(
      Template.fromStack(stack).findResources('AWS::CloudTrail::Trail')[stack.getLogicalId(trail.cfnTrail)].Properties
        .AdvancedEventSelectors,
    );
    for (const excluded of [bucket, bucket.accessLogsBucket]) {
      expect(selectors).toContain(stack.getLogicalId(excluded.node.defaultChild as s3.CfnBucket));
    }
  });

  test("the other copy's TrailLogTable and TrailQueryWorkGroup count for unique names", () => {
    const stack = stackOf();
    const bucket = s3.Bucket.fromBucketName(stack, 'B', 'logs');
    const mine = new lib.TrailLogTable(stack, 'Mine', { bucket, databaseName: 'trail_logs' });
    const theirs = new copy.TrailLogTable(stack, 'Theirs', { bucket, databaseName: 'trail_logs' });
    new lib.TrailQueryWorkGroup(stack, 'MyQueries', { table: mine, workGroupName: 'trail-queries' });
    new copy.TrailQueryWorkGroup(stack, 'TheirQueries', { table: theirs, workGroupName: 'trail-queries' });
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(/\[QUERY_NAME_UNIQUE\] TestStack\/Mine: .*trail_logs.*TestStack\/Theirs/);
    expect(synth).toThrow(/\[QUERY_NAME_UNIQUE\] TestStack\/MyQueries: .*trail-queries.*TestStack\/TheirQueries/);
  });
});
