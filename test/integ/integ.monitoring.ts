/**
 * The monitors (examples/monitoring), on a trail that also sends SNS notifications: CIS AWS Foundations Benchmark
 * alarms on the trail's CloudWatch Logs log group, and
 * the tamper alert with its alarm. One account and Region; `integ:update` runs in us-east-1, where IAM's calls reach
 * EventBridge.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, CfnOutput, Stack } from 'aws-cdk-lib';
import {
  assertTags,
  assertTrailIsLogging,
  assertTrailSettings,
  synthForRunner,
  tagForTest,
  DELIVERY_TIMEOUT,
} from './support';
import { CisAlarms, CisControl, SecureTrail, TrailTamperAlert } from '../../src';

export const TEST_NAME = 'monitoring';

export function build(app: App = new App()): IntegTest {
  const stack = new Stack(app, 'IntegMonitoring', {
    description: 'cdk-cloudtrail-kit integration test: CIS alarms and the tamper alert',
  });
  tagForTest(stack, TEST_NAME);
  // Beyond examples/monitoring: an SNS notification per log file, so that a deploy exercises CloudTrail's topic-policy
  // pre-check (InsufficientSnsTopicPolicyException) and the key policy that lets CloudTrail publish to the encrypted
  // topic.
  const trail = new SecureTrail(stack, 'Trail', { sendSnsNotifications: true });
  const cis = new CisAlarms(stack, 'CisAlarms', { trail });
  const tamper = new TrailTamperAlert(stack, 'TamperAlert', { trail, topic: cis.topic, alarm: true });
  new CfnOutput(stack, 'TrailArn', { value: trail.trailArn });

  const integ = new IntegTest(app, TEST_NAME, { testCases: [stack] });
  const status = assertTrailIsLogging(integ, trail.trailArn);
  assertTrailSettings(integ, trail.trailArn, trail.cfnTrail, trail.logEncryptionKey.keyArn);
  assertTags(integ, trail.trailArn, TEST_NAME);

  // CloudTrail delivers to the log group the CIS metric filters read, in streams named <account>_CloudTrail_<region>.
  status.next(
    integ.assertions
      .awsApiCall('CloudWatchLogs', 'DescribeLogStreams', {
        logGroupName: trail.logGroup!.logGroupName,
        logStreamNamePrefix: `${Aws.ACCOUNT_ID}_CloudTrail_${Aws.REGION}`,
        limit: 1,
      })
      .assertAtPath(
        'logStreams.0.logStreamName',
        ExpectedResult.stringLikeRegexp(`^${Aws.ACCOUNT_ID}_CloudTrail_${Aws.REGION}`),
      )
      .waitForAssertions({ totalTimeout: DELIVERY_TIMEOUT }),
  );

  // CloudTrail published a notification for a delivered log file (a string timestamp; the Date fields cannot be
  // matched).
  status.next(
    integ.assertions
      .awsApiCall('CloudTrail', 'GetTrailStatus', { Name: trail.trailArn })
      .assertAtPath('LatestNotificationAttemptSucceeded', ExpectedResult.stringLikeRegexp('^\\d{4}-\\d{2}-\\d{2}T'))
      .waitForAssertions({ totalTimeout: DELIVERY_TIMEOUT }),
  );

  // The alarms exist in CloudWatch: the root-usage alarm and the tamper alarm (both names are generated).
  for (const alarmName of [cis.alarm(CisControl.ROOT_USAGE).alarmName, tamper.alarm!.alarmName]) {
    integ.assertions
      .awsApiCall('CloudWatch', 'DescribeAlarms', { AlarmNames: [alarmName] })
      .expect(ExpectedResult.objectLike({ MetricAlarms: [Match.objectLike({ AlarmName: alarmName })] }));
  }
  return integ;
}

if (require.main === module) {
  const app = new App();
  build(app);
  synthForRunner(app);
}
