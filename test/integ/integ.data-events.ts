/**
 * Data events with Insights and aggregation (examples/data-events): S3 object-level events of every bucket, Lambda
 * invocations of one function, one DynamoDB table, network activity events, an SNS advanced selector, both Insights
 * types and data-event aggregation. One account and Region (the deploying profile's; `integ:update` runs in us-east-1).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  assertLogFiles, assertSelection, assertTags, assertTrailIsLogging, assertTrailSettings, synthForRunner, tagForTest,
} from './support';
import {
  AggregationTemplate, DataResourceType, EventCategory, FieldCondition, NetworkActivitySource, SecureTrail, SelectorField,
} from '../../src';

export const TEST_NAME = 'data-events';

export function build(app: App = new App()): IntegTest {
  const stack = new Stack(app, 'IntegDataEvents', {
    description: 'cdk-cloudtrail-kit integration test: data events, network activity events, Insights and aggregation',
  });
  tagForTest(stack, TEST_NAME);

  // A function of another app, known by name (its ARN is all the selector needs), and a table and topic of this one.
  const fn = lambda.Function.fromFunctionName(stack, 'Function', 'payments-handler');
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const topic = new sns.Topic(stack, 'Topic', { enforceSSL: true });

  const trail = new SecureTrail(stack, 'Trail', {
    insights: [
      { insightType: cloudtrail.InsightType.API_CALL_RATE },
      { insightType: cloudtrail.InsightType.API_ERROR_RATE },
    ],
  });
  trail.logAllS3DataEvents();
  trail.logLambdaInvocations([fn]);
  trail.logDynamoDbDataEvents([table]);
  trail.logNetworkActivityEvents({ sources: [NetworkActivitySource.KMS, NetworkActivitySource.SECRETS_MANAGER] });
  trail.addAdvancedEventSelector({
    name: 'Messages published to the test topic',
    eventCategory: EventCategory.DATA,
    resourceType: DataResourceType.SNS_TOPIC,
    conditions: [
      FieldCondition.equalTo(SelectorField.RESOURCES_ARN, [topic.topicArn]),
      FieldCondition.equalTo(SelectorField.EVENT_NAME, ['Publish', 'PublishBatch']),
    ],
  });
  trail.aggregateDataEvents([AggregationTemplate.API_ACTIVITY, AggregationTemplate.USER_ACTIONS]);
  new CfnOutput(stack, 'TrailArn', { value: trail.trailArn });

  const integ = new IntegTest(app, TEST_NAME, { testCases: [stack] });
  assertTrailIsLogging(integ, trail.trailArn);
  assertTrailSettings(integ, trail.trailArn, trail.cfnTrail, trail.encryptionKey!.keyArn);
  // GetEventSelectors (the advanced selectors), GetInsightSelectors and GetEventConfiguration (the aggregation).
  assertSelection(integ, trail.trailArn, trail.cfnTrail);
  assertTags(integ, trail.trailArn, TEST_NAME);
  assertLogFiles(integ, { bucketName: trail.bucket!.bucketName, s3KeyPrefix: trail.s3KeyPrefix, accountPath: Aws.ACCOUNT_ID, region: Aws.REGION });
  return integ;
}

if (require.main === module) {
  const app = new App();
  build(app);
  synthForRunner(app);
}
