import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ITrail, SecureTrail } from '../../src';
import { ACCOUNT, REGION, statementsOf, testStack } from '../helpers';

const OTHER = '222222222222';
const partitionJoin = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const SECURE_TRAIL_ARN = partitionJoin(`:cloudtrail:${REGION}:${ACCOUNT}:trail/TestStackTrail52B51D8C`);
const IMPORTED_ARN = `arn:aws:cloudtrail:eu-west-1:${OTHER}:trail/org-trail`;
const NAMED_ARN = partitionJoin(`:cloudtrail:${REGION}:${ACCOUNT}:trail/named-trail`);
const KEY_ARN = `arn:aws:kms:eu-west-1:${OTHER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

interface TrailCase {
  /** The trail ARN as the template renders it. */
  readonly arn: unknown;
  /** Makes the trail in the stack. */
  make(stack: Stack): ITrail;
}

const TRAILS: Record<string, TrailCase> = {
  'a SecureTrail': { make: (stack) => new SecureTrail(stack, 'Trail'), arn: SECURE_TRAIL_ARN },
  'a trail imported by ARN': {
    make: (stack) => SecureTrail.fromTrailArn(stack, 'Imported', IMPORTED_ARN),
    arn: IMPORTED_ARN,
  },
  'a trail imported by name': {
    make: (stack) => SecureTrail.fromTrailName(stack, 'Imported', 'named-trail'),
    arn: NAMED_ARN,
  },
  'a trail imported by attributes': {
    make: (stack) =>
      SecureTrail.fromTrailAttributes(stack, 'Imported', {
        trailArn: IMPORTED_ARN,
        bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs'),
        encryptionKey: kms.Key.fromKeyArn(stack, 'Key', KEY_ARN),
      }),
    arn: IMPORTED_ARN,
  },
};

/**
 * The statements each CloudTrail grant must give, exactly: the trail ARN where IAM supports it, `*` only where it does
 * not.
 */
const CLOUDTRAIL_GRANTS: Record<
  string,
  { grant: (trail: ITrail, role: iam.IGrantable) => iam.Grant; statements: (arn: unknown) => any[] }
> = {
  grantReadConfiguration: {
    grant: (trail, role) => trail.grantReadConfiguration(role),
    statements: (arn) => [
      { Action: 'cloudtrail:DescribeTrails', Effect: 'Allow', Resource: '*' },
      {
        Action: [
          'cloudtrail:GetTrail',
          'cloudtrail:GetTrailStatus',
          'cloudtrail:GetEventSelectors',
          'cloudtrail:GetInsightSelectors',
          'cloudtrail:ListTags',
        ],
        Effect: 'Allow',
        Resource: arn,
      },
    ],
  },
  grantLookupEvents: {
    grant: (trail, role) => trail.grantLookupEvents(role),
    statements: () => [{ Action: 'cloudtrail:LookupEvents', Effect: 'Allow', Resource: '*' }],
  },
  grantStartStopLogging: {
    grant: (trail, role) => trail.grantStartStopLogging(role),
    statements: (arn) => [
      { Action: ['cloudtrail:StartLogging', 'cloudtrail:StopLogging'], Effect: 'Allow', Resource: arn },
    ],
  },
  grantManageTags: {
    grant: (trail, role) => trail.grantManageTags(role),
    statements: (arn) => [
      {
        Action: ['cloudtrail:AddTags', 'cloudtrail:RemoveTags', 'cloudtrail:ListTags'],
        Effect: 'Allow',
        Resource: arn,
      },
    ],
  },
  grantListPublicKeys: {
    grant: (trail, role) => trail.grantListPublicKeys(role),
    statements: () => [{ Action: 'cloudtrail:ListPublicKeys', Effect: 'Allow', Resource: '*' }],
  },
};

function roleIn(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
}

function roleStatements(stack: Stack): any[] {
  return statementsOf(Template.fromStack(stack), 'AWS::IAM::Policy');
}

describe.each(Object.entries(TRAILS))('grants on %s', (_name, trailCase) => {
  test.each(Object.entries(CLOUDTRAIL_GRANTS))(
    '%s gives exactly its actions on exactly its resources',
    (_method, { grant, statements }) => {
      const stack = testStack();
      const trail = trailCase.make(stack);
      const role = roleIn(stack);
      const result = grant(trail, role);
      expect(result.success).toBe(true);
      expect(roleStatements(stack)).toEqual(statements(trailCase.arn));
    },
  );
});

describe('grantReadLogs', () => {
  const encryptionContext = (partition: unknown, account: string) =>
    partition === 'aws' ? `arn:aws:cloudtrail:*:${account}:trail/*` : partitionJoin(`:cloudtrail:*:${account}:trail/*`);

  test('a SecureTrail: objects and listing under AWSLogs/<account>/ of its bucket, and Decrypt of CloudTrail data with its key', () => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail');
    trail.grantReadLogs(roleIn(stack));
    const bucketArn = { 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] };
    expect(roleStatements(stack)).toEqual([
      {
        Action: 's3:GetObject',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [bucketArn, `/AWSLogs/${ACCOUNT}/*`]] },
      },
      {
        Action: 's3:ListBucket',
        Condition: { StringLike: { 's3:prefix': `AWSLogs/${ACCOUNT}/*` } },
        Effect: 'Allow',
        Resource: bucketArn,
      },
      {
        Action: 'kms:Decrypt',
        Condition: {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': encryptionContext(undefined, ACCOUNT) },
        },
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': ['TrailKey31F874A3', 'Arn'] },
      },
    ]);
  });

  test('a SecureTrail with a key prefix reads and lists only under <prefix>/AWSLogs/<account>/', () => {
    const stack = testStack();
    new SecureTrail(stack, 'Trail', { s3KeyPrefix: 'audit' }).grantReadLogs(roleIn(stack));
    const [get, list] = roleStatements(stack);
    expect(get.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] }, `/audit/AWSLogs/${ACCOUNT}/*`]],
    });
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': `audit/AWSLogs/${ACCOUNT}/*` } });
  });

  test("a trail imported by attributes: the trail account (from the ARN) in the path and the encryption context, not the stack's", () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailAttributes(stack, 'Imported', {
      trailArn: IMPORTED_ARN,
      bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs'),
      s3KeyPrefix: 'org',
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', KEY_ARN),
    });
    trail.grantReadLogs(roleIn(stack));
    expect(roleStatements(stack)).toEqual([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: partitionJoin(`:s3:::central-logs/org/AWSLogs/${OTHER}/*`) },
      {
        Action: 's3:ListBucket',
        Condition: { StringLike: { 's3:prefix': `org/AWSLogs/${OTHER}/*` } },
        Effect: 'Allow',
        Resource: partitionJoin(':s3:::central-logs'),
      },
      {
        Action: 'kms:Decrypt',
        Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': encryptionContext('aws', OTHER) } },
        Effect: 'Allow',
        Resource: KEY_ARN,
      },
    ]);
  });

  test("an organization trail also reads its organization's folder: a SecureTrail's, or one imported with it", () => {
    const ORG = 'o-abcdefghij';
    const readPaths = (stack: Stack) =>
      roleStatements(stack)
        .filter((statement) => statement.Action === 's3:ListBucket')
        .map((statement) => statement.Condition.StringLike['s3:prefix']);
    const made = testStack();
    new SecureTrail(made, 'Trail', { organizationId: ORG, managementAccountId: ACCOUNT }).grantReadLogs(roleIn(made));
    expect(readPaths(made)).toEqual([`AWSLogs/${ACCOUNT}/*`, `AWSLogs/${ORG}/*`]);
    const importedWith = (attrs: object) => {
      const stack = testStack();
      const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs');
      SecureTrail.fromTrailAttributes(stack, 'Imported', { trailArn: IMPORTED_ARN, bucket, ...attrs }).grantReadLogs(
        roleIn(stack),
      );
      return readPaths(stack);
    };
    expect(importedWith({ organizationId: ORG })).toEqual([`AWSLogs/${OTHER}/*`, `AWSLogs/${ORG}/*`]);
    expect(importedWith({ isOrganizationTrail: true })).toEqual([`AWSLogs/${OTHER}/*`]);
    expect(importedWith({})).toEqual([`AWSLogs/${OTHER}/*`]);
  });

  test('a trail imported with a bucket and no key (log files not KMS-encrypted): S3 only', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailAttributes(stack, 'Imported', {
      trailArn: IMPORTED_ARN,
      bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs'),
    });
    trail.grantReadLogs(roleIn(stack));
    expect(roleStatements(stack).map((s) => s.Action)).toEqual(['s3:GetObject', 's3:ListBucket']);
  });

  test.each([
    ['by ARN', (stack: Stack) => SecureTrail.fromTrailArn(stack, 'Imported', IMPORTED_ARN)],
    ['by name', (stack: Stack) => SecureTrail.fromTrailName(stack, 'Imported', 'named-trail')],
    [
      'by attributes without a bucket',
      (stack: Stack) => SecureTrail.fromTrailAttributes(stack, 'Imported', { trailArn: IMPORTED_ARN }),
    ],
  ])('a trail imported %s has no known bucket: the error says to import it with the bucket', (_how, make) => {
    const stack = testStack();
    const trail = make(stack);
    trail.grantReadLogs(roleIn(stack));
    expect(() => Template.fromStack(stack)).toThrow(
      /\[GRANT_READ_LOGS_BUCKET\] TestStack\/Imported: prop grantReadLogs\(\) needs the trail's log bucket.*fromTrailAttributes\(scope, id, \{ trailArn, bucket, encryptionKey \}\)/,
    );
  });

  test('a principal of another account also gets the bucket and key policy statements it needs', () => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail');
    const reader = new iam.AccountPrincipal(OTHER);
    expect(trail.grantReadLogs(reader).success).toBe(true);
    const template = Template.fromStack(stack);
    const principal = { AWS: partitionJoin(`:iam::${OTHER}:root`) };
    const bucketArn = { 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 's3:GetObject',
            Effect: 'Allow',
            Principal: principal,
            Resource: { 'Fn::Join': ['', [bucketArn, `/AWSLogs/${ACCOUNT}/*`]] },
          },
          {
            Action: 's3:ListBucket',
            Condition: { StringLike: { 's3:prefix': `AWSLogs/${ACCOUNT}/*` } },
            Effect: 'Allow',
            Principal: principal,
            Resource: bucketArn,
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Action: 'kms:Decrypt',
            Condition: {
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': encryptionContext(undefined, ACCOUNT) },
            },
            Effect: 'Allow',
            Principal: principal,
            Resource: '*',
          },
        ]),
      },
    });
  });
});
