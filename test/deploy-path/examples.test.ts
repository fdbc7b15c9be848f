import { App } from 'aws-cdk-lib';
import { appOfScript, expectAllAllowed, reportOf } from './layouts';
import { createApp as dataEventsApp } from '../../examples/data-events/app';
import { createApp as organizationApp } from '../../examples/organization/app';
import { createApp as queryApp } from '../../examples/query/app';
import { createApp as recordHealthApp } from '../../examples/record-health/app';

/*
 * Each example under examples/, as it is written: every call its deployment makes (CloudFormation's execution role,
 * the AwsCustomResource provider) and every delivery its services make is allowed by the policies the app writes.
 */

const CFN = /:role\/cdk-hnb659fds-cfn-exec-role-/;
const CLOUDTRAIL = /^cloudtrail\.amazonaws\.com$/;
const PROVIDER = /:role\/AWS679f53fac002430cb0da5b7982bd2287ServiceRole/;

describe('examples/quickstart', () => {
  const report = reportOf(() => appOfScript('../../examples/quickstart/app'), { layout: 'quickstart' });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [CFN, 'cloudtrail:CreateTrail'],
      [CLOUDTRAIL, 's3:PutObject'],
      [CLOUDTRAIL, 'kms:GenerateDataKey'],
      [/CloudWatchLogsRole/, 'logs:PutLogEvents'],
      [/^logging\.s3\.amazonaws\.com$/, 's3:PutObject'],
      [/^logs\./, 'kms:GenerateDataKey'],
    ]);
  });
});

describe('examples/monitoring', () => {
  const report = reportOf(() => appOfScript('../../examples/monitoring/app'), { layout: 'monitoring' });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [CFN, 'cloudwatch:PutMetricAlarm'],
      [CFN, 'logs:PutMetricFilter'],
      [/^events\.amazonaws\.com$/, 'sns:Publish'],
      [/^events\.amazonaws\.com$/, 'kms:GenerateDataKey'],
      [/^cloudwatch\.amazonaws\.com$/, 'sns:Publish'],
    ]);
  });
});

describe('examples/query', () => {
  const report = reportOf(() => queryApp(new App()), { layout: 'query' });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [CFN, 'glue:CreateTable'],
      [CFN, 'athena:CreateWorkGroup'],
      [/IncidentResponder/, 'athena:StartQueryExecution'],
      [/IncidentResponder/, 's3:GetObject'],
      [/IncidentResponder/, 'kms:Decrypt'],
      [/IncidentResponder/, 's3:PutObject'],
    ]);
  });
});

describe('examples/data-events', () => {
  const report = reportOf(() => dataEventsApp(new App()), { layout: 'data-events' });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [CFN, 'cloudtrail:PutEventSelectors'],
      [CFN, 'dynamodb:CreateTable'],
      [CLOUDTRAIL, 's3:PutObject'],
    ]);
  });
});

describe('examples/organization, the trail made in the management account', () => {
  const report = reportOf(() => organizationApp(new App()), { layout: 'organization' });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [CFN, 's3:PutBucketPolicy'],
      [CFN, 'kms:PutKeyPolicy'],
      [PROVIDER, 'organizations:EnableAWSServiceAccess'],
      [PROVIDER, 'cloudtrail:RegisterOrganizationDelegatedAdmin'],
      [CLOUDTRAIL, 's3:PutObject'],
      [CLOUDTRAIL, 'kms:GenerateDataKey'],
    ]);
  });
});

describe('examples/organization, the trail made by the delegated administrator (trailInAuditAccount)', () => {
  const report = reportOf(() => organizationApp(new App(), { trailInAuditAccount: true }), {
    layout: 'organization (audit)',
  });
  // The provider role is exempt from the trail statement through its tag (read from the template as aws:PrincipalTag).
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [PROVIDER, 'cloudtrail:CreateTrail'],
      [PROVIDER, 'cloudtrail:PutEventSelectors'],
      [CLOUDTRAIL, 's3:PutObject'],
    ]);
  });
});

describe('examples/record-health, the monitors of an account trail', () => {
  const report = reportOf(() => recordHealthApp(new App()), { layout: 'record-health' });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [CFN, 'lambda:CreateFunction'],
      [CFN, 'dynamodb:CreateTable'],
      [CFN, 'sqs:CreateQueue'],
      [/DeliveryMonitorFunctionRole/, 'cloudtrail:GetTrailStatus'],
      [/DeliveryMonitorFunctionRole/, 'ssm:PutParameter'],
      [/DeliveryMonitorFunctionRole/, 'sns:Publish'],
      [/DeliveryMonitorFunctionRole/, 'kms:GenerateDataKey'],
      [/VerifyFunctionRole/, 's3:GetObject'],
      [/VerifyFunctionRole/, 's3:ListBucket'],
      [/VerifyFunctionRole/, 'kms:Decrypt'],
      [/VerifyFunctionRole/, 'cloudtrail:ListPublicKeys'],
      [/VerifyFunctionRole/, 'dynamodb:PutItem'],
      [/VerifyFunctionRole/, 'sqs:ReceiveMessage'],
      [/VerifyFunctionRole/, 'events:PutEvents'],
      [/SweepFunctionRole/, 'dynamodb:Scan'],
      [/SweepFunctionRole/, 'cloudtrail:GetTrailStatus'],
      [/^events\.amazonaws\.com$/, 'sqs:SendMessage'],
      [/^cloudwatch\.amazonaws\.com$/, 'sns:Publish'],
      [/^logs\./, 'kms:GenerateDataKey'],
    ]);
  });
});

// The bucket and key are imported (the log-archive account made them elsewhere): their policies are not in the app, so
// the reads are evaluated under the verifier's identity policy, and the key's Decrypt is listed as unchecked.
describe("examples/record-health, an organization trail's logs verified in the log-archive account", () => {
  const report = reportOf(() => recordHealthApp(new App(), { logArchive: true }), {
    layout: 'record-health (log archive)',
    organizationId: 'o-a1b2c3d4e5',
    memberAccount: '444444444444',
  });
  test('every call is allowed', () => {
    expectAllAllowed(report(), [
      [/VerifyFunctionRole/, 's3:GetObject'],
      [/VerifyFunctionRole/, 'securityhub:BatchImportFindings'],
      [/SweepFunctionRole/, 'events:PutEvents'],
    ]);
  });
});
