import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudWatchLogsDelivery, SecureTrail } from '../../src';
import { synthErrors, testStack } from '../helpers';
import { uncheckedTemplates } from '../oracles/templates';

/*
 * The organization whose member accounts' log streams the delivery role may write: read from the trail, and a
 * different one refused.
 */

const ARN = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';
const ORG = 'o-a1b2c3d4e5';

/** The log-stream ARNs the delivery's managed policy lets the role write, as rendered. */
function streams(stack: Stack): string[] {
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'));
  const resources = policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Resource].flat());
  return resources.map((r: unknown) => JSON.stringify(r));
}

test("an organization trail's member-account streams come from the trail, without repeating the organization", () => {
  const stack = testStack();
  const trail = SecureTrail.fromTrailAttributes(stack, 'T', { trailArn: ARN, organizationId: ORG });
  new CloudWatchLogsDelivery(stack, 'D', { trail });
  expect(streams(stack).some((r) => r.includes(`:log-stream:${ORG}_*`))).toBe(true);
});

test('the same organization given again writes the same policy', () => {
  const read = testStack();
  new CloudWatchLogsDelivery(read, 'D', {
    trail: SecureTrail.fromTrailAttributes(read, 'T', { trailArn: ARN, organizationId: ORG }),
  });
  const given = testStack();
  new CloudWatchLogsDelivery(given, 'D', {
    trail: SecureTrail.fromTrailAttributes(given, 'T', { trailArn: ARN, organizationId: ORG }),
    organizationId: ORG,
  });
  expect(Template.fromStack(given).toJSON()).toEqual(Template.fromStack(read).toJSON());
});

test('an account trail gets its own streams only', () => {
  const stack = testStack();
  new CloudWatchLogsDelivery(stack, 'D', { trail: SecureTrail.fromTrailArn(stack, 'T', ARN) });
  expect(streams(stack).some((r) => r.includes('o-'))).toBe(false);
});

test("an organization other than the trail's, or one beside an account trail, is an error naming both", () => {
  const stack = testStack(new App({ context: uncheckedTemplates('organization refused on purpose') }));
  const org = SecureTrail.fromTrailAttributes(stack, 'Org', { trailArn: ARN, organizationId: ORG });
  new CloudWatchLogsDelivery(stack, 'Other', { trail: org, organizationId: 'o-zzzzzzzzzz' });
  const account = SecureTrail.fromTrailAttributes(stack, 'Account', { trailArn: ARN, isOrganizationTrail: false });
  new CloudWatchLogsDelivery(stack, 'Beside', { trail: account, organizationId: ORG });
  const errors = synthErrors(stack);
  expect(errors).toContain(
    `[TRAIL_ORGANIZATION_ID] TestStack/Other: prop organizationId 'o-zzzzzzzzzz' is not the organization '${ORG}' of the trail TestStack/Org`,
  );
  expect(errors).toContain(
    `[TRAIL_ORGANIZATION_ID] TestStack/Beside: prop organizationId '${ORG}' is given for TestStack/Account, an account trail`,
  );
  expect(errors).toMatch(/Fix: leave organizationId out/);
});
