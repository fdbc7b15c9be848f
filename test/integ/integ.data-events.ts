/**
 * Data events with Insights and aggregation: the stack of examples/data-events (S3 object-level events of every
 * bucket, Lambda invocations of one function, one DynamoDB table, network activity events, an SNS advanced selector,
 * both Insights types), plus data-event aggregation. One account and Region (the deploying profile's; `integ:update`
 * runs in us-east-1).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws } from 'aws-cdk-lib';
import {
  assertLogFiles,
  assertSelection,
  assertTags,
  assertTrailIsLogging,
  assertTrailSettings,
  synthForRunner,
  tagForTest,
} from './support';
import { DataEventsStack } from '../../examples/data-events/app';
import { AggregationTemplate } from '../../src';

export const TEST_NAME = 'data-events';

export function build(app: App = new App()): IntegTest {
  // The example's own stack, plus data-event aggregation.
  const stack = new DataEventsStack(app, 'IntegDataEvents', {
    description: 'cdk-cloudtrail-kit integration test: data events, network activity events, Insights and aggregation',
  });
  tagForTest(stack, TEST_NAME);
  const trail = stack.trail;
  trail.aggregateDataEvents([AggregationTemplate.API_ACTIVITY, AggregationTemplate.USER_ACTIONS]);

  const integ = new IntegTest(app, TEST_NAME, { testCases: [stack] });
  assertTrailIsLogging(integ, trail.trailArn);
  assertTrailSettings(integ, trail.trailArn, trail.cfnTrail, trail.logEncryptionKey.keyArn);
  // GetEventSelectors (the advanced selectors), GetInsightSelectors and GetEventConfiguration (the aggregation).
  assertSelection(integ, trail.trailArn, trail.cfnTrail);
  assertTags(integ, trail.trailArn, TEST_NAME);
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
