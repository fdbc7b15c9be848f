/**
 * The record keeps proving itself (examples/record-health): the delivery-health monitor and the continuous integrity
 * verifier on a default trail. One account and Region. The assertions wait for the verifier to verify a digest, then
 * alter a delivered log file before its digest arrives and expect the integrity alarm.
 */
import { AwsApiCall, ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import {
  assertTrailIsLogging,
  DELIVERY_TIMEOUT,
  DIGEST_TIMEOUT,
  logFolder,
  synthForRunner,
  tagForTest,
} from './support';
import { SecureTrail, TrailDeliveryMonitor, TrailIntegrityVerifier } from '../../src';

export const TEST_NAME = 'record-health';

const POLL = { interval: Duration.minutes(1) };

export function build(app: App = new App()): IntegTest {
  const stack = new Stack(app, 'IntegRecordHealth', {
    description: 'cdk-cloudtrail-kit integration test: delivery-health monitor and integrity verifier',
  });
  tagForTest(stack, TEST_NAME);
  const trail = new SecureTrail(stack, 'Trail');
  const health = new TrailDeliveryMonitor(stack, 'DeliveryMonitor', { trail });
  const integrity = new TrailIntegrityVerifier(stack, 'IntegrityVerifier', { trail, topic: health.topic });
  new CfnOutput(stack, 'StateTable', { value: integrity.stateTable.tableName });

  const integ = new IntegTest(app, TEST_NAME, { testCases: [stack] });
  const status = assertTrailIsLogging(integ, trail.trailArn);

  // The monitor runs and finds the trail healthy: its alarms settle in OK.
  for (const alarm of [health.loggingOffAlarm, health.monitorFailingAlarm]) {
    status.next(
      integ.assertions
        .awsApiCall('CloudWatch', 'DescribeAlarms', { AlarmNames: [alarm.alarmName] })
        .assertAtPath('MetricAlarms.0.StateValue', ExpectedResult.stringLikeRegexp('^OK$'))
        .waitForAssertions({ totalTimeout: DELIVERY_TIMEOUT, ...POLL }),
    );
  }

  // Tamper: as soon as the first log file is delivered, overwrite it with other content, before the digest that lists
  // it arrives (the first digest covers the trail's first hour).
  const location = { bucketName: trail.logBucket.bucketName, accountPath: Aws.ACCOUNT_ID, region: Aws.REGION };
  const list = integ.assertions
    .awsApiCall('S3', 'ListObjectsV2', {
      Bucket: location.bucketName,
      Prefix: logFolder(location, 'CloudTrail'),
      MaxKeys: 1,
    })
    .assertAtPath('Contents.0.Key', ExpectedResult.stringLikeRegexp('\\.json\\.gz$'))
    .waitForAssertions({ totalTimeout: DELIVERY_TIMEOUT, ...POLL });
  const listBucket = {
    Effect: 'Allow',
    Action: ['s3:ListBucket'],
    Resource: [`arn:${Aws.PARTITION}:s3:::${location.bucketName}`],
  };
  (list as AwsApiCall).provider.addToRolePolicy(listBucket);
  (list as AwsApiCall).waiterProvider?.addToRolePolicy(listBucket);
  const tamper = integ.assertions.awsApiCall('S3', 'PutObject', {
    Bucket: location.bucketName,
    Key: list.getAttString('Contents.0.Key'),
    Body: 'not the log file CloudTrail delivered',
  });
  // The bucket encrypts with the trail's key (S3 Bucket Keys): a new object version needs a data key.
  (tamper as AwsApiCall).provider.addToRolePolicy({
    Effect: 'Allow',
    Action: ['kms:GenerateDataKey'],
    Resource: [trail.logEncryptionKey.keyArn],
  });
  status.next(list).next(tamper);

  // The digest lists the altered file: the verifier finds its hash changed, and the integrity alarm goes off.
  const alarm = integ.assertions
    .awsApiCall('CloudWatch', 'DescribeAlarms', { AlarmNames: [integrity.integrityFailureAlarm.alarmName] })
    .assertAtPath('MetricAlarms.0.StateValue', ExpectedResult.stringLikeRegexp('^ALARM$'))
    .waitForAssertions({ totalTimeout: DIGEST_TIMEOUT, ...POLL });
  tamper.next(alarm);

  // The digest itself was authentic: the chain's state holds it as the newest verified.
  alarm.next(
    integ.assertions
      .awsApiCall('DynamoDB', 'Scan', { TableName: integrity.stateTable.tableName, Limit: 1 })
      .assertAtPath('Items.0.lastDigestKey.S', ExpectedResult.stringLikeRegexp('CloudTrail-Digest')),
  );
  return integ;
}

if (require.main === module) {
  const app = new App();
  build(app);
  synthForRunner(app);
}
