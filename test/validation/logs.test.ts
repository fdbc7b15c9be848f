import { App, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CisAlarms, CisControl, CloudWatchLogsDelivery, SecureTrail, TrailKey } from '../../src';
import { withPropNames } from '../../src/validation/prop-checks';
import { synthErrors, testStack } from '../helpers';

/*
 * The CloudWatch Logs delivery, the TrailKey and the CIS metric filters, checked at synth.
 */

describe('CloudWatchLogsDelivery', () => {
  test('a retention CloudWatch Logs does not offer, Snapshot, and a key that cannot encrypt or is in another Region', () => {
    const app = new App();
    const stack = testStack(app);
    const trail = SecureTrail.fromTrailArn(stack, 'T', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/my-trail');
    const hmac = new kms.Key(stack, 'Hmac', {
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
    });
    new CloudWatchLogsDelivery(stack, 'One', {
      trail,
      retention: 8 as logs.RetentionDays,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      encryptionKey: hmac,
    });
    const far = kms.Key.fromKeyArn(stack, 'Far', 'arn:aws:kms:us-west-2:111111111111:key/abc');
    new CloudWatchLogsDelivery(stack, 'Two', { trail, encryptionKey: far });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[LOGS_RETENTION_DAYS] TestStack/One: prop retention '8' is not a retention CloudWatch Logs offers",
    );
    expect(errors).toContain("[LOGS_LOG_GROUP_REMOVAL_POLICY] TestStack/One: prop removalPolicy 'snapshot'");
    expect(errors).toContain("[KMS_KEY_SYMMETRIC] TestStack/One: prop encryptionKey 'HMAC_256 / GENERATE_VERIFY_MAC'");
    expect(errors).toContain(
      "[LOGS_KMS_KEY_REGION] TestStack/Two: prop encryptionKey 'us-west-2' is the Region of the encryptionKey, but CloudWatch Logs " +
        'encrypts a log group only with a key of its own Region (us-east-1)',
    );
  });

  test("withPropNames: findings name the wrapping construct's props", () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailArn(stack, 'T', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/my-trail');
    new CloudWatchLogsDelivery(
      stack,
      'CloudWatchLogs',
      withPropNames(
        { trail, retention: 8 as logs.RetentionDays },
        {
          retention: 'cloudWatchLogsRetention',
          encryptionKey: 'cloudWatchLogsEncryptionKey',
          logGroup: 'cloudWatchLogGroup',
        },
      ),
    );
    expect(synthErrors(stack)).toContain(
      "[LOGS_RETENTION_DAYS] TestStack/CloudWatchLogs: prop cloudWatchLogsRetention '8' is not a retention",
    );
  });

  test('a log group of another account', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailArn(stack, 'T', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/my-trail');
    const logGroup = logs.LogGroup.fromLogGroupArn(stack, 'G', 'arn:aws:logs:us-east-1:222222222222:log-group:g:*');
    new CloudWatchLogsDelivery(stack, 'D', { trail, logGroup });
    expect(synthErrors(stack)).toContain("[LOGS_LOG_GROUP_ACCOUNT] TestStack/D: prop logGroup '222222222222'");
  });
});

describe('TrailKey', () => {
  test('alias, description and trail ARN and account arguments are errors at synth, the values left out', () => {
    const stack = testStack();
    const key = new TrailKey(stack, 'Key', { alias: 'aws/mine', description: 'd'.repeat(8193) });
    key.allowTrailArn('not-an-arn');
    key.allowAccountTrails(['1']);
    const errors = synthErrors(stack);
    expect(errors).toContain("[KMS_ALIAS_RESERVED] TestStack/Key: prop alias 'aws/mine' starts with alias/aws/");
    expect(errors).toContain('[KMS_DESCRIPTION_LENGTH] TestStack/Key: prop description');
    expect(errors).toContain("[TRAIL_ARN_FORMAT] TestStack/Key: prop trailArn 'not-an-arn'");
    expect(errors).toContain("[ACCOUNT_ID] TestStack/Key: prop accounts[0] '1'");
  });

  test('a pending window outside 7 to 30 days', () => {
    const stack = testStack();
    new TrailKey(stack, 'Key', { pendingWindow: Duration.days(31), removalPolicy: RemovalPolicy.SNAPSHOT });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[KMS_PENDING_WINDOW] TestStack/Key: prop pendingWindow '31 days' is not a whole number of days from 7 to 30 days",
    );
    expect(errors).toContain('[KMS_KEY_REMOVAL_POLICY] TestStack/Key: prop removalPolicy');
  });
});

describe('CisAlarms', () => {
  test('a metric namespace CloudWatch Logs rejects is left out and reported', () => {
    const stack = testStack();
    const cis = new CisAlarms(stack, 'Cis', {
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'g'),
      metricNamespace: 'AWS/Mine',
      controls: [CisControl.ROOT_USAGE],
    });
    expect(cis.metricNamespace).toBe('LogMetrics');
    expect(synthErrors(stack)).toContain(
      "[LOGS_METRIC_NAMESPACE] TestStack/Cis: prop metricNamespace 'AWS/Mine' is under AWS/",
    );
  });
});
