import * as iam from 'aws-cdk-lib/aws-iam';
import { SOURCE_ARN } from './trail-statements';

/**
 * KMS: an AWS service (EventBridge, CloudWatch alarms) publishes to an SNS topic encrypted with this key. Without
 * conditions, as the SNS guide documents it for AWS services and encrypted topics: a condition key the service does
 * not send would drop every notification without an error.
 */
export function keyServicePublishStatement(service: string, serviceName: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: `Allow${serviceName}ToPublishToEncryptedTopic`,
    principals: [new iam.ServicePrincipal(service)],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'],
  });
}

/** SNS: CloudWatch alarms of one account and Region publish to the topic. */
export function topicCloudWatchAlarmsStatement(
  topicArn: string,
  partition: string,
  region: string,
  account: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: { ArnLike: { [SOURCE_ARN]: `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` } },
  });
}
