/**
 * The organization trail (examples/organization), built from the example's own stacks: the log-archive stack
 * (TrailBucket and TrailKey for the organization trail) and the management stack (OrganizationTrailPrerequisites, the
 * organization trail, TrailGuardrails attached to the root, the tamper alert).
 *
 * Accounts a maintainer needs: an AWS Organizations management account, a log-archive member account and an audit
 * member account (the delegated administrator), written into ORGANIZATION in examples/organization/app.ts (ids,
 * root id, bucket name), with SERVICE_CONTROL_POLICY and RESOURCE_CONTROL_POLICY enabled on the root, and both
 * deploying
 * accounts bootstrapped in us-east-1 with `cdk bootstrap --trust <management account>`; credentials of the management
 * account deploy both stacks, and the assertions run there.
 */
import { IntegTest, Match, ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  assertLogFiles,
  assertSelection,
  assertTags,
  assertTrailIsLogging,
  assertTrailSettings,
  synthForRunner,
  tagForTest,
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
  management.addStackDependency(archive);
  tagForTest(management, TEST_NAME);
  const trail = management.trail as SecureTrail;

  const assertionStack = new Stack(app, 'IntegOrgAssertions', {
    env: { account: ORGANIZATION.managementAccount, region: ORGANIZATION.region },
  });
  const probe = guardrailProbe(app, trail.trailArn);
  probe.addStackDependency(management);
  const integ = new IntegTest(app, TEST_NAME, {
    testCases: [archive, management, probe],
    assertionStack,
  });
  assertTrailIsLogging(integ, trail.trailArn);
  assertTrailSettings(
    integ,
    trail.trailArn,
    trail.cfnTrail,
    Match.stringLikeRegexp(`^arn:aws:kms:${ORGANIZATION.region}:${ORGANIZATION.logArchiveAccount}:`),
  );
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
  integ.assertions.awsApiCall('Organizations', 'ListAWSServiceAccessForOrganization', {}).expect(
    ExpectedResult.objectLike({
      EnabledServicePrincipals: Match.arrayWith([Match.objectLike({ ServicePrincipal: 'cloudtrail.amazonaws.com' })]),
    }),
  );
  integ.assertions
    .awsApiCall('Organizations', 'ListDelegatedAdministrators', { ServicePrincipal: 'cloudtrail.amazonaws.com' })
    .expect(
      ExpectedResult.objectLike({
        DelegatedAdministrators: Match.arrayWith([Match.objectLike({ Id: ORGANIZATION.auditAccount })]),
      }),
    );

  // Guardrails: every service control policy is attached to the root, and a role of the audit account that is not
  // break-glass, whose own policy allows StopLogging on the trail, is refused it by a service control policy (the probe
  // below). That the deploy path is allowed is shown by the deployment itself (and by a re-run of integ:update, which
  // updates the log-archive stack with the guardrails in place, through the break-glass CDK execution role).
  assertGuardrailRefusesStopLogging(assertionStack, integ, trail.trailArn, management);
  for (const policy of management.guardrails.serviceControlPolicies) {
    integ.assertions
      .awsApiCall('Organizations', 'ListTargetsForPolicy', { PolicyId: policy.attrId })
      .expect(
        ExpectedResult.objectLike({ Targets: Match.arrayWith([Match.objectLike({ TargetId: ORGANIZATION.rootId })]) }),
      );
  }
  return integ;
}

/** What the probe function answers when a service control policy refused its StopLogging. */
const REFUSED = 'refused by a service control policy';

/**
 * A role of the audit account (a member account, under the guardrails) that is not break-glass: its own policy allows
 * StopLogging on the organization trail, so only a service control policy can refuse it. The management account's
 * probe function assumes it.
 */
function guardrailProbe(app: App, trailArn: string): Stack {
  const stack = new Stack(app, 'IntegOrgGuardrailProbe', {
    env: { account: ORGANIZATION.auditAccount, region: ORGANIZATION.region },
  });
  tagForTest(stack, TEST_NAME);
  const role = new iam.Role(stack, 'NotBreakGlass', {
    roleName: 'integ-guardrail-probe',
    assumedBy: new iam.AccountPrincipal(ORGANIZATION.managementAccount),
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['cloudtrail:StopLogging'], resources: [trailArn] }));
  return stack;
}

/**
 * Invokes a function of the assertion stack that assumes the probe role and calls StopLogging on the trail, and
 * expects the service control policy's refusal. Should the call succeed, the function starts logging again at once and
 * answers so (the assertion then fails). integ-tests' own awsApiCall cannot expect an error: a failing call fails the
 * deployment.
 */
function assertGuardrailRefusesStopLogging(
  assertions: Stack,
  integ: IntegTest,
  trailArn: string,
  management: Stack,
): void {
  const probeRoleArn = `arn:aws:iam::${ORGANIZATION.auditAccount}:role/integ-guardrail-probe`;
  const fn = new lambda.Function(assertions, 'GuardrailProbe', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    timeout: Duration.seconds(30),
    code: lambda.Code.fromInline(
      [
        "const { STSClient, AssumeRoleCommand } = require('@aws-sdk/client-sts');",
        "const { CloudTrailClient, StopLoggingCommand, StartLoggingCommand } = require('@aws-sdk/client-cloudtrail');",
        'exports.handler = async () => {',
        `  const { Credentials: c } = await new STSClient({}).send(new AssumeRoleCommand({ RoleArn: '${probeRoleArn}', RoleSessionName: 'guardrail-probe' }));`,
        '  const credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };',
        '  const cloudtrail = new CloudTrailClient({ credentials, region: process.env.AWS_REGION });',
        '  try {',
        `    await cloudtrail.send(new StopLoggingCommand({ Name: '${trailArn}' }));`,
        `    await cloudtrail.send(new StartLoggingCommand({ Name: '${trailArn}' }));`,
        "    return 'allowed: the guardrails did not refuse StopLogging (logging was started again)';",
        '  } catch (e) {',
        `    return /service control polic/i.test(String(e.message)) ? '${REFUSED}' : 'refused otherwise: ' + e.name + ': ' + e.message;`,
        '  }',
        '};',
      ].join('\n'),
    ),
  });
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [probeRoleArn] }));
  fn.node.addDependency(management);
  integ.assertions
    .invokeFunction({ functionName: fn.functionName })
    .expect(ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp(REFUSED) }));
}

if (require.main === module) {
  const app = new App();
  build(app);
  synthForRunner(app);
}
