import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/*
 * The integrity verifier's alarms: its findings (the handlers' metrics, CdkCloudTrailKit/Integrity by Bucket), and
 * its own failures, since a verifier that stopped verifying looks exactly like a record that is intact.
 */

export interface VerifierAlarmsProps {
  readonly topic: sns.ITopic;
  readonly namespace: string;
  readonly bucketName: string;
  readonly verify: lambda.Function;
  readonly sweep: lambda.Function;
  readonly deadLetters: sqs.IQueue;
}

export interface VerifierAlarms {
  readonly integrityFailure: cloudwatch.Alarm;
  readonly chainOverdue: cloudwatch.Alarm;
  readonly verifierFailing: cloudwatch.Alarm;
}

export function verifierAlarms(scope: Construct, props: VerifierAlarmsProps): VerifierAlarms {
  const metric = (metricName: string, statistic: string, period: Duration) =>
    new cloudwatch.Metric({
      namespace: props.namespace,
      metricName,
      dimensionsMap: { Bucket: props.bucketName },
      statistic,
      period,
    });
  const integrityFailure = withActions(
    metric('IntegrityFailures', 'Sum', Duration.minutes(5)).createAlarm(scope, 'IntegrityFailureAlarm', {
      alarmDescription:
        `A CloudTrail log or digest file in ${props.bucketName} is missing or altered. The EventBridge event ` +
        '(source cdk-cloudtrail-kit.integrity) names the file and what failed. Fix: treat as an incident; restore the file from a ' +
        'version or replica, and find who changed it (S3 data events, server access logs).',
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    props.topic,
  );
  // The sweep publishes ChainsOverdue every hour: no point means no sweep, INSUFFICIENT_DATA, which notifies too (a new
  // verifier starts there and goes OK with its first sweep, so a deployment alarms nobody).
  const chainOverdue = withActions(
    metric('ChainsOverdue', 'Maximum', Duration.hours(1)).createAlarm(scope, 'ChainOverdueAlarm', {
      alarmDescription:
        `A CloudTrail digest chain in ${props.bucketName} has no new digest while its trail logs (ALARM): the newest ` +
        'digests were deleted, or delivery stopped; the EventBridge event names the chain. Or the sweep does not run ' +
        "(INSUFFICIENT_DATA). Fix: check the trail's status and the bucket; for INSUFFICIENT_DATA, the sweep function's log.",
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    }),
    props.topic,
  );
  chainOverdue.addInsufficientDataAction(new cloudwatchActions.SnsAction(props.topic));
  return { integrityFailure, chainOverdue, verifierFailing: failingAlarm(scope, props) };
}

/** Digests in the dead-letter queue, or failing functions (a silent sweep is ChainOverdueAlarm's INSUFFICIENT_DATA). */
function failingAlarm(scope: Construct, props: VerifierAlarmsProps): cloudwatch.Alarm {
  const period = Duration.hours(1);
  const alarm = new cloudwatch.MathExpression({
    expression: 'FILL(dead, 0) + FILL(verifyErrors, 0) + FILL(sweepErrors, 0)',
    usingMetrics: {
      dead: props.deadLetters.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      verifyErrors: props.verify.metricErrors({ period, statistic: 'Sum' }),
      sweepErrors: props.sweep.metricErrors({ period, statistic: 'Sum' }),
    },
    period,
  }).createAlarm(scope, 'VerifierFailingAlarm', {
    alarmDescription:
      `The integrity verifier of ${props.bucketName} cannot verify: digests in its dead-letter queue or failing functions. ` +
      "Until fixed, an altered file goes unreported. Fix: read the functions' logs (AccessDenied: a bucket or key policy denies " +
      'the verifier), then redrive the dead-letter queue.',
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  return withActions(alarm, props.topic);
}

function withActions(alarm: cloudwatch.Alarm, topic: sns.ITopic): cloudwatch.Alarm {
  alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
  alarm.addOkAction(new cloudwatchActions.SnsAction(topic));
  return alarm;
}
