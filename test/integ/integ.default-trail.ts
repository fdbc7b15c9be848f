/**
 * The simplest trail (examples/quickstart): `new SecureTrail(stack, 'Trail')` with every default. One account and
 * Region (the deploying profile's; `integ:update` runs in us-east-1).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, CfnOutput, Stack } from 'aws-cdk-lib';
import {
  assertEventHistory,
  assertLogFiles,
  assertPublicKey,
  assertSelection,
  assertTags,
  assertTrailIsLogging,
  assertTrailSettings,
  synthForRunner,
  tagForTest,
} from './support';
import { SecureTrail } from '../../src';

export const TEST_NAME = 'default-trail';

export function build(app: App = new App()): IntegTest {
  const stack = new Stack(app, 'IntegDefaultTrail', {
    description: 'cdk-cloudtrail-kit integration test: a SecureTrail with every default',
  });
  tagForTest(stack, TEST_NAME);
  const trail = new SecureTrail(stack, 'Trail');
  new CfnOutput(stack, 'TrailArn', { value: trail.trailArn });

  const integ = new IntegTest(app, TEST_NAME, { testCases: [stack] });
  const status = assertTrailIsLogging(integ, trail.trailArn);
  assertTrailSettings(integ, trail.trailArn, trail.cfnTrail, trail.logEncryptionKey.keyArn);
  assertSelection(integ, trail.trailArn, trail.cfnTrail);
  assertTags(integ, trail.trailArn, TEST_NAME);
  assertEventHistory(integ, status);
  assertPublicKey(integ);
  assertLogFiles(integ, {
    bucketName: trail.logBucket.bucketName,
    s3KeyPrefix: trail.s3KeyPrefix,
    accountPath: Aws.ACCOUNT_ID,
    region: Aws.REGION,
  });
  return integ;
}

if (require.main === module) {
  const app = new App();
  build(app);
  synthForRunner(app);
}
