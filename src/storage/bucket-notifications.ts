import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Turns on EventBridge notifications on the bucket resource itself. The L2's `eventBridgeEnabled` uses a
 * Lambda-backed custom resource (an extra function, role and findings); CloudFormation's own
 * `NotificationConfiguration` does the same with nothing else deployed.
 */
export function enableEventBridge(bucket: s3.Bucket): void {
  const cfn = bucket.node.defaultChild as s3.CfnBucket;
  cfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
}
