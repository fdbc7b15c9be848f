import { App, CfnParameter, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureTrail, TrailIntegrityVerifier } from '../../src';
import { ACCOUNT, REGION, resourcesOfType, synthesizing, testStack } from '../helpers';

const ORG_TRAIL = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/org-trail';

function verified(
  props: Partial<ConstructorParameters<typeof TrailIntegrityVerifier>[2]> = {},
  stack: Stack = testStack(),
) {
  const trail = new SecureTrail(stack, 'Trail');
  const verifier = new TrailIntegrityVerifier(stack, 'Integrity', { trail, ...props });
  return { stack, trail, verifier, template: () => Template.fromStack(stack) };
}

function resource(template: Template, type: string, idPrefix: string): any {
  const found = resourcesOfType(template, type).filter(([id]) => id.startsWith(idPrefix));
  if (found.length !== 1) throw new Error(`expected one ${type} ${idPrefix}*, found ${found.length}`);
  return found[0][1];
}

function statements(template: Template, rolePrefix: string): Record<string, any> {
  const policy = resource(template, 'AWS::IAM::Policy', rolePrefix);
  return Object.fromEntries(
    policy.Properties.PolicyDocument.Statement.map((s: any) => [[s.Action].flat().join(','), s]),
  );
}

describe('TrailIntegrityVerifier', () => {
  test("new digest files of the trail's bucket reach a queue through EventBridge", () => {
    const template = verified().template();
    const rule = resource(template, 'AWS::Events::Rule', 'IntegrityDigestCreated').Properties;
    expect(rule.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: {
        bucket: { name: [{ Ref: 'TrailBucket6C1E344E' }] },
        object: { key: [{ wildcard: 'AWSLogs/*/CloudTrail-Digest/*' }] },
      },
    });
    expect(rule.Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': [expect.stringMatching(/^IntegrityQueue/), 'Arn'] } }),
    ]);
    // The SecureTrail's bucket sends its events to EventBridge already (in its own notification configuration).
    template.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
  });

  test("a prefixed trail: only its digests match, its prefix's wildcard characters escaped", () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailAttributes(stack, 'T', {
      trailArn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit-trail`,
      bucket: new s3.Bucket(stack, 'B'),
      s3KeyPrefix: 'audit*logs',
    });
    new TrailIntegrityVerifier(stack, 'Integrity', { trail });
    const template = Template.fromStack(stack);
    expect(
      resource(template, 'AWS::Events::Rule', 'IntegrityDigestCreated').Properties.EventPattern.detail.object.key,
    ).toEqual([{ wildcard: 'audit\\*logs/AWSLogs/*/CloudTrail-Digest/*' }]);
    // A bucket of this app without EventBridge notifications gets them, through aws-cdk-lib's own notifications
    // resource.
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
  });

  test('the queue is read with bounded concurrency, reporting each failed digest, with a dead-letter queue', () => {
    const template = verified({ maxConcurrency: 20 }).template();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 20 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const queue = resource(template, 'AWS::SQS::Queue', 'IntegrityQueue').Properties;
    expect(queue).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 1800,
      RedrivePolicy: { maxReceiveCount: 5 },
    });
    expect(resource(template, 'AWS::SQS::Queue', 'IntegrityDeadLetterQueue').Properties).toMatchObject({
      MessageRetentionPeriod: 1209600,
    });
  });

  test("the verifier reads only the trail's log and digest files, decrypts only under CloudTrail's context, and writes its own state", () => {
    const template = verified().template();
    const verify = statements(template, 'IntegrityVerifyFunctionRole');
    expect(Object.keys(verify).sort()).toEqual([
      'cloudtrail:ListPublicKeys',
      'dynamodb:GetItem,dynamodb:PutItem',
      'events:PutEvents',
      'kms:Decrypt',
      'logs:CreateLogStream,logs:PutLogEvents',
      's3:GetObject',
      's3:ListBucket',
      'sqs:ReceiveMessage,sqs:ChangeMessageVisibility,sqs:GetQueueUrl,sqs:DeleteMessage,sqs:GetQueueAttributes',
    ]);
    expect(verify['s3:GetObject'].Resource).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] }, '/AWSLogs/*/CloudTrail/*']] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['TrailBucket6C1E344E', 'Arn'] }, '/AWSLogs/*/CloudTrail-Digest/*']] },
    ]);
    expect(verify['s3:ListBucket'].Condition).toEqual({ StringLike: { 's3:prefix': 'AWSLogs/*' } });
    expect(verify['kms:Decrypt'].Condition).toEqual({
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${REGION}:${ACCOUNT}:trail/TestStackTrail52B51D8C`],
          ],
        },
      },
    });
    expect(verify['events:PutEvents'].Resource).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:${REGION}:${ACCOUNT}:event-bus/default`]],
    });
    expect(verify['securityhub:BatchImportFindings']).toBeUndefined();
  });

  test('the sweep reads the status of a trail of its own account, and reports to its own state and bus', () => {
    const template = verified().template();
    const sweep = statements(template, 'IntegritySweepFunctionRole');
    expect(Object.keys(sweep).sort()).toEqual([
      'cloudtrail:GetTrailStatus',
      'dynamodb:Scan',
      'events:PutEvents',
      'logs:CreateLogStream,logs:PutLogEvents',
    ]);
    const env = resource(template, 'AWS::Lambda::Function', 'IntegritySweepFunction').Properties.Environment.Variables;
    expect(env).toMatchObject({
      OVERDUE_MINUTES: '150',
      LOG_PREFIX: '',
      EVENT_BUS_NAME: 'default',
      SECURITY_HUB: 'false',
    });
    expect(env.TRAIL_ARN).toBeDefined();
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  });

  test("an organization trail verified in the log-archive account: every member's files, no status call", () => {
    const stack = new Stack(new App(), 'LogArchive', { env: { account: '333333333333', region: REGION } });
    const bucket = new s3.Bucket(stack, 'Logs', { eventBridgeEnabled: true });
    const key = new kms.Key(stack, 'Key');
    const trail = SecureTrail.fromTrailAttributes(stack, 'Org', { trailArn: ORG_TRAIL, bucket, encryptionKey: key });
    new TrailIntegrityVerifier(stack, 'Integrity', { trail, securityHub: true, overdueAfter: Duration.hours(3) });
    const template = Template.fromStack(stack);
    const verify = statements(template, 'IntegrityVerifyFunctionRole');
    // This trail's files only: CloudTrail encrypts each under the trail's own ARN.
    expect(verify['kms:Decrypt'].Condition).toEqual({
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': ORG_TRAIL },
    });
    expect(verify['securityhub:BatchImportFindings'].Resource).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':securityhub:us-east-1:333333333333:product/333333333333/default'],
      ],
    });
    const sweep = resource(template, 'AWS::Lambda::Function', 'IntegritySweepFunction').Properties.Environment
      .Variables;
    expect(sweep.TRAIL_ARN).toBeUndefined();
    expect(sweep.OVERDUE_MINUTES).toBe('180');
    expect(statements(template, 'IntegritySweepFunctionRole')['cloudtrail:GetTrailStatus']).toBeUndefined();
  });

  test('keeps its state, with point-in-time recovery, and its logs', () => {
    const template = verified().template();
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: 'chain', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
    expect(
      resourcesOfType(template, 'AWS::Logs::LogGroup')
        .filter(([id]) => id.startsWith('Integrity'))
        .map(([, r]) => r.DeletionPolicy),
    ).toEqual(['Retain', 'Retain']);
  });

  test('alarms on failures, overdue chains and its own failures, to its topic', () => {
    const template = verified().template();
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([id, r]) => [
      id.replace(/[0-9A-F]{8}$/, ''),
      r.Properties,
    ]);
    const byId = Object.fromEntries(alarms);
    expect(Object.keys(byId).sort()).toEqual([
      'IntegrityChainOverdueAlarm',
      'IntegrityIntegrityFailureAlarm',
      'IntegrityVerifierFailingAlarm',
    ]);
    expect(byId.IntegrityIntegrityFailureAlarm).toMatchObject({
      Namespace: 'CdkCloudTrailKit/Integrity',
      MetricName: 'IntegrityFailures',
      Statistic: 'Sum',
      Threshold: 1,
      Dimensions: [{ Name: 'Bucket', Value: { Ref: 'TrailBucket6C1E344E' } }],
    });
    // A sweep that stops leaves ChainsOverdue without points: INSUFFICIENT_DATA, which notifies (and not at
    // deployment).
    expect(byId.IntegrityChainOverdueAlarm).toMatchObject({
      MetricName: 'ChainsOverdue',
      Period: 3600,
      TreatMissingData: 'missing',
      InsufficientDataActions: [{ Ref: expect.stringMatching(/^IntegrityTopic/) }],
    });
    expect(byId.IntegrityVerifierFailingAlarm.TreatMissingData).toBe('notBreaching');
    expect(byId.IntegrityVerifierFailingAlarm.Metrics[0].Expression).toBe(
      'FILL(dead, 0) + FILL(verifyErrors, 0) + FILL(sweepErrors, 0)',
    );
    for (const [, props] of alarms) {
      expect(props.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^IntegrityTopic/) }]);
    }
  });

  test('an imported bucket: an acknowledgeable warning with the command that turns its events on', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailAttributes(stack, 'T', {
      trailArn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit-trail`,
      bucket: s3.Bucket.fromBucketName(stack, 'B', 'logs-bucket'),
    });
    new TrailIntegrityVerifier(stack, 'Integrity', { trail });
    Annotations.fromStack(stack).hasWarning(
      '/TestStack/Integrity',
      Match.stringLikeRegexp('put-bucket-notification-configuration.*verifierBucketEvents'),
    );
    const acked = testStack(new App(), 'Acked');
    Validations.of(acked).acknowledge({
      id: 'cdk-cloudtrail-kit:verifierBucketEvents',
      reason: 'turned on by the log-archive team',
    });
    new TrailIntegrityVerifier(acked, 'Integrity', {
      trail: SecureTrail.fromTrailAttributes(acked, 'T', {
        trailArn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit-trail`,
        bucket: s3.Bucket.fromBucketName(acked, 'B', 'logs-bucket'),
      }),
    });
    expect(Annotations.fromStack(acked).findWarning('*', Match.stringLikeRegexp('verifierBucketEvents'))).toEqual([]);
  });

  test.each([
    ['VERIFIER_MAX_CONCURRENCY', { maxConcurrency: 1 }, /maxConcurrency '1' is not a whole number from 2 to 1,000/],
    ['VERIFIER_MAX_CONCURRENCY', { maxConcurrency: 2.5 }, /maxConcurrency '2.5'/],
    [
      'VERIFIER_OVERDUE',
      { overdueAfter: Duration.minutes(30) },
      /overdueAfter '30 minutes' is 30 minutes, outside 61 to 10080/,
    ],
  ])('%s: %j is an error at synth naming the prop, the value and a fix', (rule, props, message) => {
    const stack = testStack();
    verified(props as any, stack);
    expect(synthesizing(() => stack)).toThrow(new RegExp(`\\[${rule}\\] TestStack/Integrity: prop`));
    expect(synthesizing(() => stack)).toThrow(message);
  });

  test('VERIFIER_BUCKET: a trail imported without its bucket, or with a bucket of another Region, is an error at synth', () => {
    const stack = testStack();
    new TrailIntegrityVerifier(stack, 'NoBucket', { trail: SecureTrail.fromTrailArn(stack, 'T', ORG_TRAIL) });
    const elsewhere = s3.Bucket.fromBucketAttributes(stack, 'B', { bucketName: 'logs', region: 'eu-west-1' });
    new TrailIntegrityVerifier(stack, 'OtherRegion', {
      trail: SecureTrail.fromTrailAttributes(stack, 'U', { trailArn: ORG_TRAIL, bucket: elsewhere }),
    });
    expect(synthesizing(() => stack)).toThrow(
      /\[VERIFIER_BUCKET\] TestStack\/NoBucket: prop trail has no bucket known to this app/,
    );
    expect(synthesizing(() => stack)).toThrow(
      /\[VERIFIER_BUCKET\] TestStack\/OtherRegion: prop trail.bucket 'eu-west-1' is the bucket's region/,
    );
  });

  test("encrypted with KMS throughout: its logs with the topic's key (for its log groups only), its state, its queues", () => {
    const template = verified().template();
    const logGroups = resourcesOfType(template, 'AWS::Logs::LogGroup')
      .filter(([id]) => id.startsWith('Integrity'))
      .map(([, r]) => r.Properties);
    expect(logGroups.map((l) => l.LogGroupName).sort()).toEqual([
      expect.stringMatching(/^\/cdk-cloudtrail-kit\/TestStackIntegrity[0-9A-F]{8}\/sweep-chains$/),
      expect.stringMatching(/^\/cdk-cloudtrail-kit\/TestStackIntegrity[0-9A-F]{8}\/verify-digest$/),
    ]);
    for (const l of logGroups) {
      expect(l.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^IntegrityTopicKey/), 'Arn'] });
    }
    const key = resource(template, 'AWS::KMS::Key', 'IntegrityTopicKey').Properties.KeyPolicy.Statement;
    expect(
      JSON.stringify(
        key.find((s: any) => s.Sid === 'AllowCloudWatchLogsToEncryptMonitorLogs').Condition.ArnLike[
          'kms:EncryptionContext:aws:logs:arn'
        ]['Fn::Join'][1][2],
      ),
    ).toMatch(/^":logs:us-east-1:111111111111:log-group:\/cdk-cloudtrail-kit\/TestStackIntegrity[0-9A-F]{8}\/\*"$/);
    template.hasResourceProperties('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: true } });
    // The dead-letter queue says it is one (Control Tower CT.SQS.PR.1).
    expect(resource(template, 'AWS::SQS::Queue', 'IntegrityDeadLetterQueue').Properties.RedriveAllowPolicy).toEqual({
      redrivePermission: 'allowAll',
    });
  });

  test('a topic given: a new rotated key for the logs', () => {
    const stack = testStack();
    const { template } = verified({ topic: new sns.Topic(stack, 'Mine') }, stack);
    template().hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: 'Logs of TestStack/Integrity',
    });
  });

  test('in a VPC: both functions run in its private subnets', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const { template } = verified({ vpc }, stack);
    for (const prefix of ['IntegrityVerifyFunction', 'IntegritySweepFunction']) {
      const fn = resourcesOfType(template(), 'AWS::Lambda::Function').find(
        ([id]) => id.startsWith(prefix) && !id.includes('Role'),
      )![1];
      expect(fn.Properties.VpcConfig.SubnetIds).toHaveLength(2);
    }
  });

  test('VERIFIER_LOG_FILE_VALIDATION: a trail of this app without log file validation has nothing to verify', () => {
    const stack = testStack();
    new TrailIntegrityVerifier(stack, 'Integrity', {
      trail: new SecureTrail(stack, 'Trail', { enableLogFileValidation: false }),
    });
    expect(synthesizing(() => stack)).toThrow(
      /\[VERIFIER_LOG_FILE_VALIDATION\] TestStack\/Integrity: prop trail 'false' has log file validation off/,
    );
  });

  test('VERIFIER_LOG_FILE_VALIDATION: a trail imported with log file validation off', () => {
    const stack = testStack();
    new TrailIntegrityVerifier(stack, 'Integrity', {
      trail: SecureTrail.fromTrailAttributes(stack, 'Trail', {
        trailArn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/imported`,
        bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'trail-logs'),
        logFileValidationEnabled: false,
      }),
    });
    expect(synthesizing(() => stack)).toThrow(
      /\[VERIFIER_LOG_FILE_VALIDATION\] TestStack\/Integrity: prop trail 'false' has log file validation off/,
    );
  });

  test('an overdue known only at deploy time, in minutes, reaches the sweep as a token', () => {
    const stack = testStack();
    const minutes = new CfnParameter(stack, 'Minutes', { type: 'Number', default: 180 }).valueAsNumber;
    const { template } = verified({ overdueAfter: Duration.minutes(minutes) }, stack);
    expect(
      resource(template(), 'AWS::Lambda::Function', 'IntegritySweepFunction').Properties.Environment.Variables
        .OVERDUE_MINUTES,
    ).toEqual({ Ref: 'Minutes' });
  });

  test('null props are unset', () => {
    const { template } = verified({
      topic: null as any,
      maxConcurrency: null as any,
      overdueAfter: null as any,
      securityHub: null as any,
    });
    template().hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 5 } });
  });
});
