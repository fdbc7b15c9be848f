import { Template } from 'aws-cdk-lib/assertions';
import { TemplateResolver } from './resolve';
import { simulate } from './simulate';
import { SecureTrail, TrailDeliveryMonitor, TrailIntegrityVerifier } from '../../src';
import { ACCOUNT, REGION, testStack } from '../helpers';

/*
 * The monitors' functions may do exactly what their handlers need: each call the handler makes is allowed by the
 * function's identity policy (and the trail key's policy), and the same call on anything else is not. The
 * deploy-path oracle (test/deploy-path) shows the allowed side for every example; this file shows the other side.
 */

const stack = testStack();
const trail = new SecureTrail(stack, 'Trail');
const health = new TrailDeliveryMonitor(stack, 'Health', { trail });
new TrailIntegrityVerifier(stack, 'Integrity', { trail, topic: health.topic });
const template = Template.fromStack(stack);
const resolver = new TemplateResolver(template, ACCOUNT, REGION);
const ids = (type: string) => Object.keys(template.findResources(type));

const trailArn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${resolver.resolve(stack.resolve(trail.trailName))}`;
const bucketArn = `arn:aws:s3:::${resolver.resolve(stack.resolve(trail.bucket!.bucketName))}`;
const keyId = ids('AWS::KMS::Key').find((id) => id.startsWith('TrailKey'))!;
const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
const keyPolicy = resolver.properties(keyId).KeyPolicy;

/** The identity policies of the role whose logical id starts with `prefix`. */
function policiesOf(prefix: string): { principal: string; policies: any[] } {
  const roleId = ids('AWS::IAM::Role').find((id) => id.startsWith(prefix))!;
  const policies = ids('AWS::IAM::Policy')
    .map((id) => resolver.properties(id))
    .filter((p) => JSON.stringify(p.Roles).includes(roleId))
    .map((p) => p.PolicyDocument);
  return { principal: `arn:aws:iam::${ACCOUNT}:role/${roleId}`, policies };
}

const as = (prefix: string) => {
  const { principal, policies } = policiesOf(prefix);
  return (action: string, resource: string, context: Record<string, string> = {}, resourcePolicy?: any) =>
    simulate({
      principal,
      action,
      resource,
      identityPolicies: policies,
      resourcePolicy,
      resourceAccount: ACCOUNT,
      context: {
        'aws:PrincipalArn': principal,
        'aws:PrincipalAccount': ACCOUNT,
        'aws:SecureTransport': 'true',
        ...context,
      },
    });
};

describe("the delivery monitor's function", () => {
  const call = as('HealthFunctionRole');
  const parameter = String(
    resolver.resolve(
      template.toJSON().Resources[ids('AWS::Lambda::Function').find((id) => id.startsWith('HealthFunction'))!]
        .Properties.Environment.Variables.STATE_PARAMETER,
    ),
  );
  test("reads this trail's status, and no other trail's", async () => {
    expect(await call('cloudtrail:GetTrailStatus', trailArn)).toBe('Allowed');
    expect(await call('cloudtrail:GetTrailStatus', `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/another-trail`)).toBe(
      'ImplicitlyDenied',
    );
    expect(await call('cloudtrail:StopLogging', trailArn)).toBe('ImplicitlyDenied');
  });
  test('reads and writes its own parameter, and no other', async () => {
    const own = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${parameter}`;
    expect(await call('ssm:PutParameter', own)).toBe('Allowed');
    expect(await call('ssm:GetParameter', own)).toBe('Allowed');
    expect(
      await call(
        'ssm:PutParameter',
        `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/cdk-cloudtrail-kit/delivery-health/Other`,
      ),
    ).toBe('ImplicitlyDenied');
  });
});

describe("the integrity verifier's function", () => {
  const call = as('IntegrityVerifyFunctionRole');
  const digest = `${bucketArn}/AWSLogs/${ACCOUNT}/CloudTrail-Digest/${REGION}/2026/12/07/${ACCOUNT}_CloudTrail-Digest_${REGION}_t_${REGION}_20261207T010000Z.json.gz`;
  const log = `${bucketArn}/AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/2026/12/07/${ACCOUNT}_CloudTrail_${REGION}_20261207T0005Z_abc.json.gz`;
  test("reads the trail's log and digest files, and nothing else of the bucket", async () => {
    expect(await call('s3:GetObject', digest)).toBe('Allowed');
    expect(await call('s3:GetObject', log)).toBe('Allowed');
    expect(await call('s3:GetObject', `${bucketArn}/AWSLogs/${ACCOUNT}/CloudTrail-Insight/${REGION}/x.json.gz`)).toBe(
      'ImplicitlyDenied',
    );
    expect(await call('s3:GetObject', `${bucketArn}/other/x.json.gz`)).toBe('ImplicitlyDenied');
    expect(await call('s3:PutObject', log)).toBe('ImplicitlyDenied');
    expect(await call('s3:DeleteObject', digest)).toBe('ImplicitlyDenied');
  });
  test('lists only under AWSLogs/', async () => {
    expect(await call('s3:ListBucket', bucketArn, { 's3:prefix': `AWSLogs/${ACCOUNT}/CloudTrail-Digest/` })).toBe(
      'Allowed',
    );
    expect(await call('s3:ListBucket', bucketArn, { 's3:prefix': 'other/' })).toBe('ImplicitlyDenied');
  });
  test("decrypts with the trail key under this trail's encryption context only", async () => {
    const context = (arn: string) => ({ 'kms:EncryptionContext:aws:cloudtrail:arn': arn });
    expect(await call('kms:Decrypt', keyArn, context(trailArn), keyPolicy)).toBe('Allowed');
    expect(
      await call(
        'kms:Decrypt',
        keyArn,
        context(`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/another-trail`),
        keyPolicy,
      ),
    ).not.toBe('Allowed');
    expect(await call('kms:Decrypt', keyArn, {}, keyPolicy)).not.toBe('Allowed');
    expect(await call('kms:ReEncryptFrom', keyArn, {}, keyPolicy)).not.toBe('Allowed');
  });
  test('writes its own table and the default bus only', async () => {
    const table = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
    const own = table(String(resolver.resolve({ Ref: ids('AWS::DynamoDB::Table')[0] })));
    expect(await call('dynamodb:PutItem', own)).toBe('Allowed');
    expect(await call('dynamodb:PutItem', table('another'))).toBe('ImplicitlyDenied');
    expect(await call('dynamodb:DeleteItem', own)).toBe('ImplicitlyDenied');
    expect(await call('events:PutEvents', `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`)).toBe('Allowed');
    expect(await call('events:PutEvents', `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/other`)).toBe(
      'ImplicitlyDenied',
    );
  });
  test("the sweep scans the table and reads the trail's status, and cannot write the state", async () => {
    const sweep = as('IntegritySweepFunctionRole');
    const own = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${resolver.resolve({ Ref: ids('AWS::DynamoDB::Table')[0] })}`;
    expect(await sweep('dynamodb:Scan', own)).toBe('Allowed');
    expect(await sweep('dynamodb:PutItem', own)).toBe('ImplicitlyDenied');
    expect(await sweep('cloudtrail:GetTrailStatus', trailArn)).toBe('Allowed');
    expect(await sweep('s3:GetObject', digest)).toBe('ImplicitlyDenied');
  });
});
