/**
 * The organization trail (examples/organization), built from the example's own stacks: the log-archive stack
 * (TrailBucket and TrailKey for the organization trail) and the management stack (OrganizationTrailPrerequisites, the
 * organization trail, TrailGuardrails attached to the root, the tamper alert).
 *
 * Accounts a maintainer needs: an AWS Organizations management account, a log-archive member account and an audit
 * member account (the delegated administrator), written into ORGANIZATION in examples/organization/app.ts (ids,
 * root id, bucket name), with SERVICE_CONTROL_POLICY and RESOURCE_CONTROL_POLICY enabled on the root, and both deploying
 * accounts bootstrapped in us-east-1 with `cdk bootstrap --trust <management account>`; credentials of the management
 * account deploy both stacks, and the assertions run there.
 */
import { IntegTest, Match, ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  assertLogFiles, assertSelection, assertTags, assertTrailIsLogging, assertTrailSettings, synthForRunner, tagForTest,
} from './support';
import { LogArchiveStack, ManagementStack, ORGANIZATION } from '../../examples/organization/app';
import { SecureTrail } from '../../src';

export const TEST_NAME = 'organization';

export function build(app: App = new App()): IntegTest {
  const archive = new LogArchiveStack(app, 'IntegOrgLogArchive');
  tagForTest(archive, TEST_NAME);
  // The assertions list the log files from the management account: a reader of the organization's folder.
  archive.bucket.grantReadLogs(new iam.AccountPrincipal(ORGANIZATION.managementAccount), {
    s3KeyPrefix: ORGANIZATION.s3KeyPrefix,
    ownerIds: [ORGANIZATION.organizationId],
  });
  const management = new ManagementStack(app, 'IntegOrgManagement');
  management.addDependency(archive);
  tagForTest(management, TEST_NAME);
  const trail = management.trail as SecureTrail;

  const integ = new IntegTest(app, TEST_NAME, {
    testCases: [archive, management],
    assertionStack: new Stack(app, 'IntegOrgAssertions', {
      env: { account: ORGANIZATION.managementAccount, region: ORGANIZATION.region },
    }),
  });
  assertTrailIsLogging(integ, trail.trailArn);
  assertTrailSettings(integ, trail.trailArn, trail.cfnTrail,
    Match.stringLikeRegexp(`^arn:aws:kms:${ORGANIZATION.region}:${ORGANIZATION.logArchiveAccount}:`));
  assertSelection(integ, trail.trailArn, trail.cfnTrail);
  assertTags(integ, trail.trailArn, TEST_NAME);
  // An organization trail writes the management account's own events under the organization id too.
  assertLogFiles(integ, {
    bucketName: ORGANIZATION.bucketName,
    s3KeyPrefix: ORGANIZATION.s3KeyPrefix,
    accountPath: `${ORGANIZATION.organizationId}/${ORGANIZATION.managementAccount}`,
    region: ORGANIZATION.region,
  });

  // The prerequisites: trusted access for CloudTrail, and the audit account as its delegated administrator.
  integ.assertions
    .awsApiCall('Organizations', 'ListAWSServiceAccessForOrganization', {})
    .expect(ExpectedResult.objectLike({
      EnabledServicePrincipals: Match.arrayWith([Match.objectLike({ ServicePrincipal: 'cloudtrail.amazonaws.com' })]),
    }));
  integ.assertions
    .awsApiCall('Organizations', 'ListDelegatedAdministrators', { ServicePrincipal: 'cloudtrail.amazonaws.com' })
    .expect(ExpectedResult.objectLike({
      DelegatedAdministrators: Match.arrayWith([Match.objectLike({ Id: ORGANIZATION.auditAccount })]),
    }));

  // Guardrails. That a member account's role which is not break-glass is refused StopLogging cannot be asserted here:
  // SCPs never apply to the management account, where the assertions run, and an assertion call that fails fails the
  // deployment (integ-tests has no "expect an error"). What is asserted: every service control policy is attached to
  // the root. By hand (docs/integration-tests.md): from the audit account, `aws cloudtrail stop-logging --name <trail
  // ARN>` with a role that is not break-glass gives AccessDeniedException naming the service control policy. That the
  // deploy path is allowed is shown by the deployment itself (and by a re-run of integ:update, which updates the
  // log-archive stack with the guardrails in place, through the break-glass CDK execution role).
  for (const policy of management.guardrails.serviceControlPolicies) {
    integ.assertions
      .awsApiCall('Organizations', 'ListTargetsForPolicy', { PolicyId: policy.attrId })
      .expect(ExpectedResult.objectLike({ Targets: Match.arrayWith([Match.objectLike({ TargetId: ORGANIZATION.rootId })]) }));
  }
  return integ;
}

if (require.main === module) {
  const app = new App();
  build(app);
  synthForRunner(app);
}
