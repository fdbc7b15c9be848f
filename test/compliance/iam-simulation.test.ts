import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TemplateResolver } from './resolve';
import { simulate } from './simulate';
import { createApp, ORGANIZATION } from '../../examples/organization/app';
import { SecureTrail, TrailKey } from '../../src';
import { ACCOUNT, REGION, testStack } from '../helpers';

/*
 * The policies this library writes, evaluated as IAM would: the legitimate CloudTrail request is allowed,
 * and the same request from another trail, another account, without the ACL or the encryption context,
 * or over plain HTTP is not. The policies come from synthesized templates, resolved for a pinned
 * partition, account and Region.
 */

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
const SERVICE = { 'aws:PrincipalIsAWSService': 'true' };
const ACL = { 's3:x-amz-acl': 'bucket-owner-full-control' };

function resolved(stack: Stack, account = ACCOUNT) {
  const template = Template.fromStack(stack);
  const resolver = new TemplateResolver(template, account, REGION);
  const byType = (type: string) => Object.keys(template.findResources(type));
  return { template, resolver, byType };
}

describe('default SecureTrail', () => {
  const stack = testStack();
  const trail = new SecureTrail(stack, 'Trail', { sendSnsNotifications: true });
  const { resolver, byType } = resolved(stack);
  const trailArn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${trail.trailName}`;
  const otherTrail = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/another-trail`;
  const foreignTrail = `arn:aws:cloudtrail:${REGION}:999999999999:trail/${trail.trailName}`;

  const bucketPolicyId = byType('AWS::S3::BucketPolicy').find(
    (id) => resolver.properties(id).Bucket === 'trailbucket6c1e344e',
  )!;
  const bucketPolicy = resolver.properties(bucketPolicyId).PolicyDocument;
  const bucketArn = 'arn:aws:s3:::trailbucket6c1e344e';
  const logObject = `${bucketArn}/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/23/file.json.gz`;
  const put = (context: Record<string, string>, resource = logObject, principal = CLOUDTRAIL) =>
    simulate({
      principal,
      action: 's3:PutObject',
      resource,
      resourcePolicy: bucketPolicy,
      context: { ...SERVICE, ...context },
    });

  describe('bucket policy', () => {
    test('CloudTrail writes its log files for this trail, with bucket-owner-full-control, over TLS', async () => {
      expect(await put({ ...ACL, 'aws:SourceArn': trailArn })).toBe('Allowed');
    });
    test('another trail of this account cannot write (confused deputy)', async () => {
      expect(await put({ ...ACL, 'aws:SourceArn': otherTrail })).toBe('ImplicitlyDenied');
    });
    test('a trail of another account cannot write', async () => {
      expect(await put({ ...ACL, 'aws:SourceArn': foreignTrail })).toBe('ImplicitlyDenied');
    });
    test('without bucket-owner-full-control the write is refused', async () => {
      expect(await put({ 'aws:SourceArn': trailArn })).toBe('ImplicitlyDenied');
    });
    test('outside AWSLogs/<account>/ the write is refused', async () => {
      expect(await put({ ...ACL, 'aws:SourceArn': trailArn }, `${bucketArn}/AWSLogs/999999999999/x.json.gz`)).toBe(
        'ImplicitlyDenied',
      );
      expect(await put({ ...ACL, 'aws:SourceArn': trailArn }, `${bucketArn}/elsewhere/x.json.gz`)).toBe(
        'ImplicitlyDenied',
      );
    });
    test('plain HTTP and TLS 1.1 are refused explicitly', async () => {
      expect(await put({ ...ACL, 'aws:SourceArn': trailArn, 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
      expect(await put({ ...ACL, 'aws:SourceArn': trailArn, 's3:TlsVersion': '1.1' })).toBe('ExplicitlyDenied');
    });
    test('an unrelated principal cannot write or read', async () => {
      const mallory = 'arn:aws:iam::999999999999:user/mallory';
      expect(await put({ ...ACL, 'aws:SourceArn': trailArn }, logObject, mallory)).toBe('ImplicitlyDenied');
      expect(
        await simulate({
          principal: mallory,
          action: 's3:GetObject',
          resource: logObject,
          resourcePolicy: bucketPolicy,
        }),
      ).toBe('ImplicitlyDenied');
    });
    test('CloudTrail reads the bucket ACL only for this trail', async () => {
      const acl = (sourceArn: string) =>
        simulate({
          principal: CLOUDTRAIL,
          action: 's3:GetBucketAcl',
          resource: bucketArn,
          resourcePolicy: bucketPolicy,
          context: { ...SERVICE, 'aws:SourceArn': sourceArn },
        });
      expect(await acl(trailArn)).toBe('Allowed');
      expect(await acl(otherTrail)).toBe('ImplicitlyDenied');
    });
  });

  describe('key policy', () => {
    const keyId = byType('AWS::KMS::Key')[0];
    const keyPolicy = resolver.properties(keyId).KeyPolicy;
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
    const kms = (principal: string, action: string, context: Record<string, string>, identityPolicies?: any[]) =>
      simulate({ principal, action, resource: keyArn, resourcePolicy: keyPolicy, context, identityPolicies });
    const context = { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn };

    test('CloudTrail generates data keys for this trail with its encryption context', async () => {
      expect(await kms(CLOUDTRAIL, 'kms:GenerateDataKey', { ...SERVICE, ...context, 'aws:SourceArn': trailArn })).toBe(
        'Allowed',
      );
    });
    test('another trail cannot use the key (confused deputy)', async () => {
      expect(
        await kms(CLOUDTRAIL, 'kms:GenerateDataKey', {
          ...SERVICE,
          'kms:EncryptionContext:aws:cloudtrail:arn': otherTrail,
          'aws:SourceArn': otherTrail,
        }),
      ).toBe('ImplicitlyDenied');
      expect(
        await kms(CLOUDTRAIL, 'kms:GenerateDataKey', {
          ...SERVICE,
          'kms:EncryptionContext:aws:cloudtrail:arn': foreignTrail,
          'aws:SourceArn': foreignTrail,
        }),
      ).toBe('ImplicitlyDenied');
    });
    test('without the encryption context CloudTrail cannot generate data keys', async () => {
      expect(await kms(CLOUDTRAIL, 'kms:GenerateDataKey', { ...SERVICE, 'aws:SourceArn': trailArn })).toBe(
        'ImplicitlyDenied',
      );
    });
    test('CloudTrail describes the key and decrypts (S3 Bucket Keys) only for this trail', async () => {
      expect(await kms(CLOUDTRAIL, 'kms:DescribeKey', { ...SERVICE, 'aws:SourceArn': trailArn })).toBe('Allowed');
      expect(await kms(CLOUDTRAIL, 'kms:DescribeKey', { ...SERVICE, 'aws:SourceArn': otherTrail })).toBe(
        'ImplicitlyDenied',
      );
      expect(await kms(CLOUDTRAIL, 'kms:Decrypt', { ...SERVICE, 'aws:SourceArn': trailArn })).toBe('Allowed');
      expect(await kms(CLOUDTRAIL, 'kms:Decrypt', { ...SERVICE, 'aws:SourceArn': foreignTrail })).toBe(
        'ImplicitlyDenied',
      );
    });
    test('a reader granted with grantDecryptLogs decrypts CloudTrail log files and nothing else', async () => {
      const app = new App();
      const readerStack = testStack(app);
      const key = new TrailKey(readerStack, 'Key');
      const role = new iam.Role(readerStack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
      key.grantDecryptLogs(role);
      const r = resolved(readerStack);
      const policyId = r.byType('AWS::IAM::Policy')[0];
      const identity = r.resolver.properties(policyId).PolicyDocument;
      const readerKeyId = r.byType('AWS::KMS::Key')[0];
      const readerKeyPolicy = r.resolver.properties(readerKeyId).KeyPolicy;
      const principal = `arn:aws:iam::${ACCOUNT}:role/Reader`;
      const decrypt = (ctx: Record<string, string>) =>
        simulate({
          principal,
          action: 'kms:Decrypt',
          resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${readerKeyId}`,
          resourcePolicy: readerKeyPolicy,
          identityPolicies: [identity],
          context: { 'kms:CallerAccount': ACCOUNT, ...ctx },
        });
      expect(await decrypt({ 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn })).toBe('Allowed');
      expect(await decrypt({})).toBe('ImplicitlyDenied');
      expect(await decrypt({ 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::other/secret' })).toBe(
        'ImplicitlyDenied',
      );
    });
    test('a principal of another account cannot decrypt, even with an IAM policy of its own', async () => {
      const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
      expect(
        await simulate({
          principal: 'arn:aws:iam::999999999999:role/thief',
          action: 'kms:Decrypt',
          resource: keyArn,
          resourcePolicy: keyPolicy,
          identityPolicies: [allowAll],
          context: { ...context, 'kms:CallerAccount': '999999999999' },
        }),
      ).toBe('ImplicitlyDenied');
    });
    test('grants for anything but AWS resources are refused explicitly, even to an administrator', async () => {
      const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
      expect(
        await kms(
          `arn:aws:iam::${ACCOUNT}:role/admin`,
          'kms:CreateGrant',
          { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
          [admin],
        ),
      ).toBe('ExplicitlyDenied');
      expect(
        await kms(
          `arn:aws:iam::${ACCOUNT}:role/admin`,
          'kms:CreateGrant',
          { 'kms:GrantIsForAWSResource': 'true', 'aws:PrincipalIsAWSService': 'false' },
          [admin],
        ),
      ).toBe('Allowed');
    });
    test('CloudWatch Logs may use the key only for the trail log group', async () => {
      const logs = `logs.${REGION}.amazonaws.com`;
      const group = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/cloudtrail/${trail.trailName}`;
      expect(await kms(logs, 'kms:GenerateDataKey', { ...SERVICE, 'kms:EncryptionContext:aws:logs:arn': group })).toBe(
        'Allowed',
      );
      expect(
        await kms(logs, 'kms:GenerateDataKey', { ...SERVICE, 'kms:EncryptionContext:aws:logs:arn': `${group}-other` }),
      ).toBe('ImplicitlyDenied');
    });
  });

  describe('topic policy', () => {
    const topicPolicy = resolver.properties(byType('AWS::SNS::TopicPolicy')[0]).PolicyDocument;
    const topicArn = resolver.resolve({ Ref: byType('AWS::SNS::Topic')[0] });
    const publish = (context: Record<string, string>) =>
      simulate({
        principal: CLOUDTRAIL,
        action: 'sns:Publish',
        resource: topicArn,
        resourcePolicy: topicPolicy,
        context: { ...SERVICE, ...context },
      });
    test('only this trail publishes, only over TLS', async () => {
      expect(await publish({ 'aws:SourceArn': trailArn })).toBe('Allowed');
      expect(await publish({ 'aws:SourceArn': otherTrail })).toBe('ImplicitlyDenied');
      expect(await publish({ 'aws:SourceArn': trailArn, 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
    });
  });

  describe('CloudWatch Logs role', () => {
    const roleId = byType('AWS::IAM::Role')[0];
    const trust = resolver.properties(roleId).AssumeRolePolicyDocument;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/${roleId}`;
    const permissions = resolver.properties(byType('AWS::IAM::ManagedPolicy')[0]).PolicyDocument;
    const group = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/cloudtrail/${trail.trailName}`;

    test('only CloudTrail may assume it', async () => {
      expect(
        await simulate({
          principal: CLOUDTRAIL,
          action: 'sts:AssumeRole',
          resource: roleArn,
          resourcePolicy: trust,
          context: SERVICE,
        }),
      ).toBe('Allowed');
      expect(
        await simulate({
          principal: 'lambda.amazonaws.com',
          action: 'sts:AssumeRole',
          resource: roleArn,
          resourcePolicy: trust,
          context: SERVICE,
        }),
      ).toBe('ImplicitlyDenied');
      expect(
        await simulate({
          principal: 'arn:aws:iam::999999999999:user/mallory',
          action: 'sts:AssumeRole',
          resource: roleArn,
          resourcePolicy: trust,
        }),
      ).toBe('ImplicitlyDenied');
    });
    test('it writes CloudTrail streams of the trail log group, and nothing else', async () => {
      const as = (action: string, resource: string) =>
        simulate({ principal: roleArn, action, resource, identityPolicies: [permissions] });
      const stream = `${group}:log-stream:${ACCOUNT}_CloudTrail_${REGION}`;
      expect(await as('logs:CreateLogStream', stream)).toBe('Allowed');
      expect(await as('logs:PutLogEvents', `${stream}_2`)).toBe('Allowed');
      expect(await as('logs:PutLogEvents', `${group}:log-stream:other-stream`)).toBe('ImplicitlyDenied');
      expect(
        await as(
          'logs:PutLogEvents',
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:other:log-stream:${ACCOUNT}_CloudTrail_${REGION}`,
        ),
      ).toBe('ImplicitlyDenied');
      expect(await as('logs:DeleteLogGroup', group)).toBe('ImplicitlyDenied');
    });
  });
});

describe('organization trail and log archive (examples/organization)', () => {
  const app = createApp(new App());
  const archive = resolved(app.node.findChild('LogArchive') as Stack, ORGANIZATION.logArchiveAccount);
  const trailArn = `arn:aws:cloudtrail:${REGION}:${ORGANIZATION.managementAccount}:trail/${ORGANIZATION.trailName}`;
  const bucketArn = `arn:aws:s3:::${ORGANIZATION.bucketName}`;
  const policyId = archive
    .byType('AWS::S3::BucketPolicy')
    .find((id) => archive.resolver.properties(id).Bucket === ORGANIZATION.bucketName)!;
  const bucketPolicy = archive.resolver.properties(policyId).PolicyDocument;
  const put = (path: string, context: Record<string, string> = {}) =>
    simulate({
      principal: CLOUDTRAIL,
      action: 's3:PutObject',
      resource: `${bucketArn}/${path}`,
      resourceAccount: ORGANIZATION.logArchiveAccount,
      resourcePolicy: bucketPolicy,
      context: { ...SERVICE, ...ACL, 'aws:SourceArn': trailArn, ...context },
    });

  test('the organization trail writes to both of its paths and nowhere else', async () => {
    expect(await put(`cloudtrail/AWSLogs/${ORGANIZATION.managementAccount}/f.json.gz`)).toBe('Allowed');
    expect(await put(`cloudtrail/AWSLogs/${ORGANIZATION.organizationId}/333333333333/f.json.gz`)).toBe('Allowed');
    expect(await put('cloudtrail/AWSLogs/333333333333/f.json.gz')).toBe('ImplicitlyDenied');
    expect(await put(`AWSLogs/${ORGANIZATION.managementAccount}/f.json.gz`)).toBe('ImplicitlyDenied');
  });

  test('another trail of the management account cannot write', async () => {
    expect(
      await put(`cloudtrail/AWSLogs/${ORGANIZATION.organizationId}/f.json.gz`, {
        'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${ORGANIZATION.managementAccount}:trail/rogue`,
      }),
    ).toBe('ImplicitlyDenied');
  });

  test('principals outside the organization are refused explicitly, even if allowed elsewhere', async () => {
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect(
      await simulate({
        principal: `arn:aws:iam::${ORGANIZATION.logArchiveAccount}:role/outsider`,
        action: 's3:GetObject',
        resource: `${bucketArn}/cloudtrail/AWSLogs/${ORGANIZATION.managementAccount}/f.json.gz`,
        resourceAccount: ORGANIZATION.logArchiveAccount,
        resourcePolicy: bucketPolicy,
        identityPolicies: [allowAll],
        context: { 'aws:PrincipalOrgID': 'o-someoneelse', 'aws:PrincipalIsAWSService': 'false' },
      }),
    ).toBe('ExplicitlyDenied');
    expect(
      await simulate({
        principal: `arn:aws:iam::${ORGANIZATION.logArchiveAccount}:role/insider`,
        action: 's3:GetObject',
        resource: `${bucketArn}/cloudtrail/AWSLogs/${ORGANIZATION.managementAccount}/f.json.gz`,
        resourceAccount: ORGANIZATION.logArchiveAccount,
        resourcePolicy: bucketPolicy,
        identityPolicies: [allowAll],
        context: { 'aws:PrincipalOrgID': ORGANIZATION.organizationId, 'aws:PrincipalIsAWSService': 'false' },
      }),
    ).toBe('Allowed');
  });

  test('the log-archive key lets the organization trail encrypt and no other trail', async () => {
    const keyId = archive.byType('AWS::KMS::Key')[0];
    const keyPolicy = archive.resolver.properties(keyId).KeyPolicy;
    const generate = (arn: string) =>
      simulate({
        principal: CLOUDTRAIL,
        action: 'kms:GenerateDataKey',
        resource: `arn:aws:kms:${REGION}:${ORGANIZATION.logArchiveAccount}:key/${keyId}`,
        resourceAccount: ORGANIZATION.logArchiveAccount,
        resourcePolicy: keyPolicy,
        context: { ...SERVICE, 'aws:SourceArn': arn, 'kms:EncryptionContext:aws:cloudtrail:arn': arn },
      });
    expect(await generate(trailArn)).toBe('Allowed');
    expect(await generate(`arn:aws:cloudtrail:${REGION}:${ORGANIZATION.managementAccount}:trail/rogue`)).toBe(
      'ImplicitlyDenied',
    );
    expect(
      await generate(`arn:aws:cloudtrail:${REGION}:${ORGANIZATION.logArchiveAccount}:trail/${ORGANIZATION.trailName}`),
    ).toBe('ImplicitlyDenied');
  });
});
