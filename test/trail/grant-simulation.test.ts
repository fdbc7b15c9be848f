import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ITrail, SecureTrail } from '../../src';
import { TemplateResolver } from '../compliance/resolve';
import { simulate } from '../compliance/simulate';
import { ACCOUNT, REGION, testStack } from '../helpers';

/*
 * grantReadLogs works, not only exists: the reader's identity policy, taken from the template, evaluated by the IAM
 * simulator against the requests a reader of the log files makes, on every kind of trail: an organization trail (its
 * member accounts' files sit under the organization id) and a trail whose key is known by an alias ARN (IAM evaluates
 * kms:Decrypt against the key's ARN, never the alias's).
 */

// Each describe synthesizes once; the first simulation loads the simulator's data.
jest.setTimeout(60_000);

const ORG = 'o-a1b2c3d4e5';
const MEMBER = '444444444444';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const READER = `arn:aws:iam::${ACCOUNT}:role/Reader`;
/**
 * The key policy of a key that lets its account's IAM policies decide (the key policy every account key starts with).
 */
const ACCOUNT_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

function readerPolicy(stack: Stack): any {
  const template = Template.fromStack(stack);
  const [policyId] = Object.keys(template.findResources('AWS::IAM::Policy'));
  return new TemplateResolver(template, ACCOUNT, REGION).properties(policyId).PolicyDocument;
}

function grantedReader(make: (stack: Stack) => ITrail): any {
  const stack = testStack();
  make(stack).grantReadLogs(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
  return readerPolicy(stack);
}

const getObject = (identity: any, bucket: string, key: string) =>
  simulate({
    principal: READER,
    action: 's3:GetObject',
    resource: `arn:aws:s3:::${bucket}/${key}`,
    identityPolicies: [identity],
  });

describe('grantReadLogs on an organization trail', () => {
  const bucket = 'central-logs';
  let granted: any;
  beforeAll(() => {
    granted = grantedReader(
      (stack) =>
        new SecureTrail(stack, 'Trail', {
          trailName: 'org-trail',
          organizationId: ORG,
          bucket: s3.Bucket.fromBucketName(stack, 'Logs', bucket),
          encryptionKey: kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`),
        }),
    );
  });
  const identity = () => granted;

  test("reads a member account's log and digest files (under the organization id) and the management account's", async () => {
    const policy = identity();
    expect(
      await getObject(
        policy,
        bucket,
        `AWSLogs/${ORG}/${MEMBER}/CloudTrail/eu-west-1/2026/12/02/${MEMBER}_CloudTrail_eu-west-1_x.json.gz`,
      ),
    ).toBe('Allowed');
    expect(
      await getObject(policy, bucket, `AWSLogs/${ORG}/${MEMBER}/CloudTrail-Digest/eu-west-1/2026/12/02/d.json.gz`),
    ).toBe('Allowed');
    expect(await getObject(policy, bucket, `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/2026/12/02/f.json.gz`)).toBe(
      'Allowed',
    );
  });

  test("lists under the organization's folder, and reads nothing else of the bucket", async () => {
    const policy = identity();
    expect(
      await simulate({
        principal: READER,
        action: 's3:ListBucket',
        resource: `arn:aws:s3:::${bucket}`,
        identityPolicies: [policy],
        context: { 's3:prefix': `AWSLogs/${ORG}/${MEMBER}/` },
      }),
    ).toBe('Allowed');
    expect(await getObject(policy, bucket, 'other/secret.txt')).toBe('ImplicitlyDenied');
    expect(await getObject(policy, bucket, 'AWSLogs/o-zzzzzzzzzz/555555555555/CloudTrail/x.json.gz')).toBe(
      'ImplicitlyDenied',
    );
  });

  test("decrypts the member accounts' files: their encryption context names the organization trail", async () => {
    expect(
      await simulate({
        principal: READER,
        action: 'kms:Decrypt',
        resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`,
        resourcePolicy: ACCOUNT_KEY_POLICY,
        identityPolicies: [identity()],
        context: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`,
        },
      }),
    ).toBe('Allowed');
  });
});

describe('grantReadLogs on a trail whose key is known by an alias ARN', () => {
  const aliasArn = `arn:aws:kms:${REGION}:${ACCOUNT}:alias/cloudtrail/org-trail`;
  let granted: any;
  beforeAll(() => {
    granted = grantedReader((stack) =>
      SecureTrail.fromTrailAttributes(stack, 'Imported', {
        trailArn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`,
        bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-logs'),
        encryptionKey: kms.Key.fromKeyArn(stack, 'Key', aliasArn),
      }),
    );
  });
  const identity = () => granted;
  const decrypt = (policy: any, context: Record<string, string | string[]>) =>
    simulate({
      principal: READER,
      action: 'kms:Decrypt',
      resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`,
      resourcePolicy: ACCOUNT_KEY_POLICY,
      identityPolicies: [policy],
      context,
    });
  const trailContext = {
    'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`,
  };

  test('decrypts the log files with the key that carries the alias', async () => {
    expect(await decrypt(identity(), { ...trailContext, 'kms:ResourceAliases': ['alias/cloudtrail/org-trail'] })).toBe(
      'Allowed',
    );
  });

  test("not with a key that does not carry it, nor data that is not a trail's", async () => {
    const policy = identity();
    expect(await decrypt(policy, { ...trailContext, 'kms:ResourceAliases': ['alias/other'] })).toBe('ImplicitlyDenied');
    expect(await decrypt(policy, { 'kms:ResourceAliases': ['alias/cloudtrail/org-trail'] })).toBe('ImplicitlyDenied');
  });
});
