import { App, CfnParameter, Duration, Lazy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureTrail, TrailDeliveryMonitor } from '../../src';
import { ACCOUNT, onlyResource, REGION, resourcesOfType, synthesizing, testStack } from '../helpers';

const OTHER_TRAIL = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/org-trail';

function monitored(
  props: Partial<ConstructorParameters<typeof TrailDeliveryMonitor>[2]> = {},
  stack: Stack = testStack(),
) {
  const trail = new SecureTrail(stack, 'Trail');
  const monitor = new TrailDeliveryMonitor(stack, 'Health', { trail, ...props });
  return { stack, trail, monitor, template: () => Template.fromStack(stack) };
}

function functionEnvironment(template: Template): Record<string, unknown> {
  return onlyResource(template, 'AWS::Lambda::Function').Properties.Environment.Variables;
}

function rolePolicy(template: Template): any[] {
  return resourcesOfType(template, 'AWS::IAM::Policy').find(([id]) => id.startsWith('HealthFunctionRole'))![1]
    .Properties.PolicyDocument.Statement;
}

describe('TrailDeliveryMonitor', () => {
  test('runs the bundled handler on the current Node.js runtime every 5 minutes', () => {
    const template = monitored().template();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Architectures: ['arm64'],
      Timeout: 60,
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
  });

  test('tells the handler the trail, its home Region, the topic and its own state parameter', () => {
    const { template } = monitored();
    const env = functionEnvironment(template());
    expect(env).toEqual({
      TRAIL_ARN: {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${REGION}:${ACCOUNT}:trail/TestStackTrail52B51D8C`],
        ],
      },
      REGIONS: REGION,
      METRIC_NAMESPACE: 'CdkCloudTrailKit/DeliveryHealth',
      TOPIC_ARN: { Ref: expect.stringMatching(/^HealthTopic/) },
      STATE_PARAMETER: expect.stringMatching(/^\/cdk-cloudtrail-kit\/delivery-health\/TestStackHealth[0-9A-F]{8}$/),
    });
  });

  test("its role may read this trail's status, its own parameter, publish to its topic and write its own log, nothing else", () => {
    const template = monitored().template();
    const statements = rolePolicy(template);
    const byAction = Object.fromEntries(statements.map((s) => [[s.Action].flat().join(','), s.Resource]));
    expect(Object.keys(byAction).sort()).toEqual([
      'cloudtrail:GetTrailStatus',
      'kms:Decrypt,kms:GenerateDataKey*',
      'logs:CreateLogStream,logs:PutLogEvents',
      'sns:Publish',
      'ssm:GetParameter,ssm:PutParameter',
    ]);
    expect(JSON.stringify(byAction['cloudtrail:GetTrailStatus'])).toContain('trail/TestStackTrail52B51D8C');
    expect(JSON.stringify(byAction['ssm:GetParameter,ssm:PutParameter'])).toMatch(
      /:parameter\/cdk-cloudtrail-kit\/delivery-health\/TestStackHealth/,
    );
    expect(statements.every((s) => s.Resource !== '*')).toBe(true);
    // No AWS managed policy: AWSLambdaBasicExecutionRole would let it write every log group.
    expect(
      resourcesOfType(template, 'AWS::IAM::Role').find(([id]) => id.startsWith('HealthFunctionRole'))![1].Properties
        .ManagedPolicyArns,
    ).toBeUndefined();
  });

  test("keeps its log group when the stack is deleted, encrypted with its topic's key", () => {
    monitored()
      .template()
      .hasResource('AWS::Logs::LogGroup', {
        DeletionPolicy: 'Retain',
        Properties: {
          RetentionInDays: 365,
          LogGroupName: Match.stringLikeRegexp('^/cdk-cloudtrail-kit/TestStackHealth[0-9A-F]{8}/check-delivery$'),
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HealthTopicKey'), 'Arn'] },
        },
      });
  });

  test('alarms on logging off, overdue deliveries and its own failures, to the topic', () => {
    const template = monitored().template();
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([id, r]) => [
      id.replace(/[0-9A-F]{8}$/, ''),
      r.Properties,
    ]);
    expect(alarms.map(([id]) => id).sort()).toEqual([
      'HealthDigestDeliveryOverdueAlarm',
      'HealthLogDeliveryOverdueAlarm',
      'HealthLoggingOffAlarm',
      'HealthMonitorFailingAlarm',
    ]);
    const byId = Object.fromEntries(alarms);
    expect(byId.HealthLoggingOffAlarm).toMatchObject({
      MetricName: 'IsLogging',
      Namespace: 'CdkCloudTrailKit/DeliveryHealth',
      Statistic: 'Minimum',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      Dimensions: [
        { Name: 'Region', Value: REGION },
        { Name: 'Trail', Value: 'TestStackTrail52B51D8C' },
      ],
      Period: 300,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 1,
    });
    expect(byId.HealthLogDeliveryOverdueAlarm).toMatchObject({
      MetricName: 'MinutesSinceLogDelivery',
      Threshold: 60,
      Statistic: 'Maximum',
    });
    expect(byId.HealthDigestDeliveryOverdueAlarm).toMatchObject({
      MetricName: 'MinutesSinceDigestDelivery',
      Threshold: 120,
    });
    // Runs that stop leave the Errors metric without points: INSUFFICIENT_DATA, which notifies; a new monitor starts
    // there and goes OK with its first run, so a deployment alarms nobody.
    expect(byId.HealthMonitorFailingAlarm).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      TreatMissingData: 'missing',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      InsufficientDataActions: [{ Ref: expect.stringMatching(/^HealthTopic/) }],
    });
    for (const [, props] of alarms) {
      expect(props.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^HealthTopic/) }]);
    }
  });

  test("several Regions: the alarms combine each Region's metric", () => {
    const template = monitored({ regions: ['us-east-1', 'eu-west-1'] }).template();
    expect(functionEnvironment(template).REGIONS).toBe('us-east-1,eu-west-1');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'MIN([r0,r1])' })]),
    });
  });

  test("a longer schedule widens the alarms' window to three runs", () => {
    const template = monitored({ schedule: Duration.hours(2) }).template();
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(2 hours)' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IsLogging',
      Period: 7200,
      EvaluationPeriods: 3,
    });
  });

  test('MONITOR_PARTITION: a trail of another partition is an error; MONITOR_REGIONS: Regions it has no copy in', () => {
    const stack = testStack();
    new TrailDeliveryMonitor(stack, 'China', {
      trail: SecureTrail.fromTrailArn(stack, 'Cn', 'arn:aws-cn:cloudtrail:cn-north-1:111111111111:trail/cn-trail'),
    });
    const single = new SecureTrail(stack, 'Single', { isMultiRegionTrail: false });
    new TrailDeliveryMonitor(stack, 'Single1', { trail: single, regions: ['us-east-1', 'eu-west-1', 'cn-north-1'] });
    expect(synthesizing(() => stack)).toThrow(
      /\[MONITOR_PARTITION\] TestStack\/China: prop trail 'arn:aws-cn:cloudtrail:cn-north-1:111111111111:trail\/cn-trail' is in partition aws-cn, but the stack is in aws/,
    );
    expect(synthesizing(() => stack)).toThrow(
      /\[MONITOR_REGIONS\] TestStack\/Single1: prop regions\[1\] 'eu-west-1' is not the home Region \(us-east-1\) of a single-Region trail/,
    );
    expect(synthesizing(() => stack)).toThrow(
      /\[MONITOR_REGIONS\] TestStack\/Single1: prop regions\[2\] 'cn-north-1' is in partition aws-cn/,
    );
  });

  test('MONITOR_REGIONS on an imported trail: checked when the import says it is single-Region, not otherwise', () => {
    const stack = testStack();
    const arn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/imported`;
    const single = SecureTrail.fromTrailAttributes(stack, 'Single', { trailArn: arn, isMultiRegionTrail: false });
    new TrailDeliveryMonitor(stack, 'Monitor', { trail: single, regions: ['us-east-1', 'eu-west-1'] });
    expect(synthesizing(() => stack)).toThrow(
      /\[MONITOR_REGIONS\] TestStack\/Monitor: prop regions\[1\] 'eu-west-1' is not the home Region \(us-east-1\) of a single-Region trail/,
    );
    const other = testStack(new App());
    const unknown = SecureTrail.fromTrailAttributes(other, 'Unknown', { trailArn: arn });
    new TrailDeliveryMonitor(other, 'Monitor', { trail: unknown, regions: ['us-east-1', 'eu-west-1'] });
    expect(synthesizing(() => other)).not.toThrow();
  });

  test('the Regions of a SecureTrail changed by escape hatch to single-Region are checked as it now is', () => {
    const stack = testStack();
    const trail = new SecureTrail(stack, 'Trail');
    trail.cfnTrail.isMultiRegionTrail = false;
    new TrailDeliveryMonitor(stack, 'Monitor', { trail, regions: ['us-east-1', 'eu-west-1'] });
    expect(synthesizing(() => stack)).toThrow(/\[MONITOR_REGIONS\] TestStack\/Monitor: prop regions\[1\] 'eu-west-1'/);
  });

  test('Regions known only at deploy time are read by the function; the alarms watch the home Region', () => {
    const stack = testStack();
    const regions = new CfnParameter(stack, 'Regions', { type: 'CommaDelimitedList', default: 'us-east-1,eu-west-1' })
      .valueAsList;
    const { template } = monitored({ regions }, stack);
    expect(functionEnvironment(template()).REGIONS).toEqual({ 'Fn::Join': [',', { Ref: 'Regions' }] });
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IsLogging',
      Dimensions: Match.arrayWith([{ Name: 'Region', Value: REGION }]),
    });
  });

  test('MONITOR_DELIVERY_OVERDUE warns (acknowledgeably) of thresholds a healthy trail crosses', () => {
    const stack = testStack();
    monitored({ logDeliveryOverdue: Duration.minutes(5), digestDeliveryOverdue: Duration.minutes(45) }, stack);
    const warnings = Annotations.fromStack(stack).findWarning(
      '/TestStack/Health',
      Match.stringLikeRegexp('MONITOR_DELIVERY_OVERDUE'),
    );
    expect(warnings.map((w) => w.entry.data).join('\n')).toMatch(
      /logDeliveryOverdue '5 minutes' is under 15 minutes[^]*digestDeliveryOverdue '45 minutes' is under 90/,
    );
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'MinutesSinceLogDelivery',
      Threshold: 5,
    });
  });

  test("public subnets: a warning instead of aws-cdk-lib's constructor error", () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }],
    });
    monitored({ vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }, stack);
    Annotations.fromStack(stack).hasWarning(
      '/TestStack/Health',
      Match.stringLikeRegexp('public subnets.*VPC endpoints.*monitorPublicSubnet'),
    );
  });

  test('a topic given is used, and CloudWatch may publish to it', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Mine');
    const template = monitored({ topic }, stack).template();
    expect(functionEnvironment(template).TOPIC_ARN).toEqual({ Ref: expect.stringMatching(/^Mine/) });
    template.resourceCountIs('AWS::SNS::Topic', 1);
  });

  test.each([
    [
      'MONITOR_SCHEDULE',
      { schedule: Duration.seconds(90) },
      /schedule '1 minute 30 seconds' is not a whole number of minutes/,
    ],
    ['MONITOR_SCHEDULE', { schedule: Duration.days(2) }, /schedule '2 days' is 2880 minutes, outside 1 to 1440/],
    ['MONITOR_REGIONS', { regions: ['us-east-1', 'Europe'] }, /regions\[1\].*Europe.*not a Region code/],
    ['MONITOR_REGIONS', { regions: ['us-east-1', 'us-east-1'] }, /regions\[1\].*listed twice/],
    ['MONITOR_REGIONS', { regions: [] }, /0 Regions.*one to ten/],
  ])('%s: %j is an error at synth naming the prop, the value and a fix', (rule, props, message) => {
    const stack = testStack();
    expect(synthesizing(() => monitored(props as any, stack).monitor)).toThrow(
      new RegExp(`\\[${rule}\\] TestStack/Health[^]*`),
    );
    expect(synthesizing(() => stack)).toThrow(message);
    expect(synthesizing(() => stack)).toThrow(/Fix: /);
  });

  test('tokens and null are never rejected', () => {
    const stack = testStack();
    const lazyMinutes = Lazy.number({ produce: () => 7 });
    const { template } = monitored(
      {
        schedule: Duration.minutes(lazyMinutes),
        regions: [Lazy.string({ produce: () => 'eu-west-1' })],
        logDeliveryOverdue: null as any,
        digestDeliveryOverdue: null as any,
        topic: null as any,
        vpc: null as any,
      },
      stack,
    );
    expect(() => template()).not.toThrow();
  });

  test('a trail of another account: an acknowledgeable warning, since only its delegated administrator can read its status', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailArn(stack, 'Org', OTHER_TRAIL);
    new TrailDeliveryMonitor(stack, 'Health', { trail });
    Annotations.fromStack(stack).hasWarning('/TestStack/Health', Match.stringLikeRegexp('deliveryMonitorOtherAccount'));
    const acknowledged = testStack(new App(), 'Acked');
    Validations.of(acknowledged).acknowledge({
      id: 'cdk-cloudtrail-kit:deliveryMonitorOtherAccount',
      reason: 'delegated administrator',
    });
    new TrailDeliveryMonitor(acknowledged, 'Health', {
      trail: SecureTrail.fromTrailArn(acknowledged, 'Org', OTHER_TRAIL),
    });
    expect(
      Annotations.fromStack(acknowledged).findWarning('*', Match.stringLikeRegexp('deliveryMonitorOtherAccount')),
    ).toEqual([]);
  });

  test("the imported trail's status is read in its home Region by its ARN", () => {
    const stack = testStack();
    new TrailDeliveryMonitor(stack, 'Health', {
      trail: SecureTrail.fromTrailArn(stack, 'Org', 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail'),
    });
    const template = Template.fromStack(stack);
    expect(functionEnvironment(template)).toMatchObject({
      TRAIL_ARN: 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail',
      REGIONS: 'eu-west-1',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IsLogging',
      Dimensions: [
        { Name: 'Region', Value: 'eu-west-1' },
        { Name: 'Trail', Value: 'org-trail' },
      ],
    });
  });
});
