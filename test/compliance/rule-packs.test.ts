import { App } from 'aws-cdk-lib';
import { CONFIGURATIONS, checkConfigurations, GUARD_INHERENT } from './matrix';
import { SecureTrail } from '../../src';
import * as resourcePolicies from '../../src/private/resource-policies';
import { guardFindings, nagFindings, testStack } from '../helpers';

const rows = checkConfigurations(CONFIGURATIONS);
describe.each(Object.entries(rows))('compliance matrix: %s', (_name, row) => {
  test.each(Object.keys(row))('%s: no unacknowledged finding', (pack) => {
    expect(row[pack].findings).toEqual([]);
  });
});

test('cfn-guard reports exactly the two inherent access-log bucket findings on a default trail, and nothing else', () => {
  const findings = guardFindings((app) => new SecureTrail(testStack(app), 'Trail'));
  expect(findings.map(({ rule, path }) => ({ rule, path }))).toEqual([
    { rule: 's3_bucket_default_encryption_kms_check', path: 'TestStack/Trail/Bucket/AccessLogs/Resource' }, // CT.S3.PR.10
    { rule: 's3_bucket_logging_enabled_check', path: 'TestStack/Trail/Bucket/AccessLogs/Resource' }, // CT.S3.PR.2
  ]);
  expect(GUARD_INHERENT).toEqual(findings.map((f) => f.rule));
});

test('the acknowledgements are needed: without them the packs report exactly those findings', () => {
  const spy = jest.spyOn(resourcePolicies, 'acknowledgeFindings').mockImplementation(() => undefined);
  const app = new App();
  new SecureTrail(testStack(app), 'Trail');
  spy.mockRestore();
  const rules = [
    ...new Set(nagFindings(app).map((f) => `${f.rule} @ ${f.path.replace('TestStack/Trail/', '')}`)),
  ].sort();
  expect(rules).toEqual([
    expect.stringMatching(
      /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:logs:.*_CloudTrail_us-east-1\*\] @ CloudWatchLogs\/Policy\/Resource$/,
    ),
    'HIPAA.Security-S3BucketReplicationEnabled @ Bucket/AccessLogs/Resource',
    'HIPAA.Security-S3BucketReplicationEnabled @ Bucket/Resource',
    'HIPAA.Security-S3DefaultEncryptionKMS @ Bucket/AccessLogs/Resource',
    'NIST.800.53.R4-S3BucketDefaultLockEnabled @ Bucket/AccessLogs/Resource',
    'NIST.800.53.R4-S3BucketReplicationEnabled @ Bucket/AccessLogs/Resource',
    'NIST.800.53.R4-S3BucketReplicationEnabled @ Bucket/Resource',
    'NIST.800.53.R5-S3BucketReplicationEnabled @ Bucket/AccessLogs/Resource',
    'NIST.800.53.R5-S3BucketReplicationEnabled @ Bucket/Resource',
    'NIST.800.53.R5-S3DefaultEncryptionKMS @ Bucket/AccessLogs/Resource',
    'PCI.DSS.321-S3BucketReplicationEnabled @ Bucket/AccessLogs/Resource',
    'PCI.DSS.321-S3BucketReplicationEnabled @ Bucket/Resource',
    'PCI.DSS.321-S3DefaultEncryptionKMS @ Bucket/AccessLogs/Resource',
  ]);
});
