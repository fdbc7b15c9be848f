import { App, CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  DataResourceType,
  EventCategory,
  FieldCondition,
  NetworkActivitySource,
  SecureTrail,
  SelectorField,
} from '../../src';

/**
 * The example's one stack: a trail logging S3, Lambda, DynamoDB and SNS data events, network activity events and
 * Insights. No `env` by default: it synthesizes without credentials and deploys to whatever account and Region the
 * CLI uses. The integration test `test/integ/integ.data-events.ts` deploys this same stack.
 */
export class DataEventsStack extends Stack {
  public readonly trail: SecureTrail;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      description:
        'A CloudTrail trail logging S3, Lambda, DynamoDB and SNS data events, network activity events and Insights',
      ...props,
    });

    // Resources whose data events the trail logs: a function deployed by another app, and a table and topic of this
    // one.
    const fn = lambda.Function.fromFunctionName(this, 'Function', 'payments-handler');
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const topic = new sns.Topic(this, 'Topic', { enforceSSL: true });

    const trail = new SecureTrail(this, 'Trail', {
      // Insights on management events: unusual rates of write API calls, and of API calls that return errors.
      insights: [
        { insightType: cloudtrail.InsightType.API_CALL_RATE },
        { insightType: cloudtrail.InsightType.API_ERROR_RATE },
      ],
    });

    // CIS 3.8 and 3.9: object-level reads and writes of every bucket. The trail's own log bucket and access-log bucket
    // are left out automatically (resources.ARN NotStartsWith), so the trail does not log its own deliveries.
    trail.logAllS3DataEvents();

    // Invocations of this function only, and every item-level call on this table.
    trail.logLambdaInvocations([fn]);
    trail.logDynamoDbDataEvents([table]);

    // API calls to AWS KMS and AWS Secrets Manager made through any VPC endpoint of the account.
    trail.logNetworkActivityEvents({
      sources: [NetworkActivitySource.KMS, NetworkActivitySource.SECRETS_MANAGER],
    });

    // SNS has no simple form: an advanced selector for messages published to this topic.
    trail.addAdvancedEventSelector({
      name: 'Messages published to the example topic',
      eventCategory: EventCategory.DATA,
      resourceType: DataResourceType.SNS_TOPIC,
      conditions: [
        FieldCondition.equalTo(SelectorField.RESOURCES_ARN, [topic.topicArn]),
        FieldCondition.equalTo(SelectorField.EVENT_NAME, ['Publish', 'PublishBatch']),
      ],
    });

    new CfnOutput(this, 'TrailArn', { value: trail.trailArn });
    new CfnOutput(this, 'LogBucketName', { value: trail.logBucket.bucketName });
    new CfnOutput(this, 'FunctionName', { value: fn.functionName });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'TopicArn', { value: topic.topicArn });
    this.trail = trail;
  }
}

export function createApp(app: App = new App()): App {
  new DataEventsStack(app, 'CloudTrailDataEvents');
  return app;
}

if (require.main === module) createApp().synth();
