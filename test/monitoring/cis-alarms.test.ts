import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CisAlarms, CisAlarmsProps, CisControl, SecureTrail } from '../../src';
import { ACCOUNT, REGION, resourcesOfType, testStack } from '../helpers';

/**
 * CIS id, Security Hub control, metric name, and the filter pattern copied verbatim from the Security Hub strings
 * (shared/reference/anchors-and-benchmarks.md §3b; 4.15 is the CIS text, with no Security Hub control).
 */
const CONTROLS: Array<[string, string | undefined, string, string]> = [
  [
    '4.1',
    'CloudWatch.2',
    'UnauthorizedApiCalls',
    '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  ],
  [
    '4.2',
    'CloudWatch.3',
    'ConsoleSignInWithoutMfa',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  ],
  [
    '4.3',
    'CloudWatch.1',
    'RootUsage',
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  ],
  [
    '4.4',
    'CloudWatch.4',
    'IamPolicyChanges',
    '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  ],
  [
    '4.5',
    'CloudWatch.5',
    'CloudTrailConfigurationChanges',
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  ],
  [
    '4.6',
    'CloudWatch.6',
    'ConsoleAuthenticationFailures',
    '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  ],
  [
    '4.7',
    'CloudWatch.7',
    'CmkDisableOrDeletion',
    '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  ],
  [
    '4.8',
    'CloudWatch.8',
    'S3BucketPolicyChanges',
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  ],
  [
    '4.9',
    'CloudWatch.9',
    'ConfigChanges',
    '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  ],
  [
    '4.10',
    'CloudWatch.10',
    'SecurityGroupChanges',
    '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  ],
  [
    '4.11',
    'CloudWatch.11',
    'NaclChanges',
    '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  ],
  [
    '4.12',
    'CloudWatch.12',
    'NetworkGatewayChanges',
    '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  ],
  [
    '4.13',
    'CloudWatch.13',
    'RouteTableChanges',
    '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  ],
  [
    '4.14',
    'CloudWatch.14',
    'VpcChanges',
    '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  ],
  [
    '4.15',
    undefined,
    'OrganizationsChanges',
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  ],
];

const LOG_GROUP_REF = { Ref: 'TrailCloudWatchLogsLogGroup7BE41466' };

function cisOnSecureTrail(props: CisAlarmsProps = {}): { stack: Stack; trail: SecureTrail; cis: CisAlarms } {
  const stack = testStack();
  const trail = new SecureTrail(stack, 'Trail');
  const cis = new CisAlarms(stack, 'Cis', { trail, ...props });
  return { stack, trail, cis };
}

function byMetricName(template: Template, type: string, path: (props: any) => string): Record<string, any> {
  return Object.fromEntries(resourcesOfType(template, type).map(([, r]) => [path(r.Properties), r.Properties]));
}

describe('the control table', () => {
  test("CisControl.all() is the 15 controls, each with Security Hub's exact pattern, control id and metric name", () => {
    expect(CisControl.all().map((c) => [c.cisId, c.securityHubControlId, c.metricName, c.filterPattern])).toEqual(
      CONTROLS,
    );
  });
});

describe('CisAlarms with every control (the default)', () => {
  test("one metric filter per control on the trail's log group, with the exact pattern, counting 1 per event into LogMetrics", () => {
    const { stack } = cisOnSecureTrail();
    const filters = byMetricName(
      Template.fromStack(stack),
      'AWS::Logs::MetricFilter',
      (p) => p.MetricTransformations[0].MetricName,
    );
    expect(Object.keys(filters).sort()).toEqual(CONTROLS.map(([, , name]) => name).sort());
    for (const [, , metricName, pattern] of CONTROLS) {
      expect(filters[metricName]).toEqual({
        FilterPattern: pattern,
        LogGroupName: LOG_GROUP_REF,
        MetricTransformations: [{ MetricName: metricName, MetricNamespace: 'LogMetrics', MetricValue: '1' }],
      });
    }
  });

  test('one alarm per control: Sum over 5 minutes >= 1, one period, missing data not breaching, notifying the topic', () => {
    const { stack, cis } = cisOnSecureTrail();
    const template = Template.fromStack(stack);
    const alarms = byMetricName(template, 'AWS::CloudWatch::Alarm', (p) => p.MetricName);
    expect(Object.keys(alarms)).toHaveLength(15);
    const topicRef = stack.resolve((cis.topic as sns.Topic).topicArn);
    for (const [cisId, securityHub, metricName] of CONTROLS) {
      const control = CisControl.all().find((c) => c.cisId === cisId)!;
      expect(alarms[metricName]).toEqual({
        AlarmActions: [topicRef],
        AlarmDescription: `CIS ${cisId}${securityHub ? ` (Security Hub ${securityHub})` : ''}: ${control.description}`,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        MetricName: metricName,
        Namespace: 'LogMetrics',
        Period: 300,
        Statistic: 'Sum',
        Threshold: 1,
        TreatMissingData: 'notBreaching',
      });
    }
  });

  test(
    'the new topic is encrypted with a new rotated key that lets CloudWatch use it, refuses publishes without TLS, ' +
      "and lets this account's alarms publish",
    () => {
      const { stack } = cisOnSecureTrail();
      const template = Template.fromStack(stack);
      const topics = resourcesOfType(template, 'AWS::SNS::Topic');
      expect(topics).toHaveLength(1);
      expect(topics[0][1].Properties).toEqual({ KmsMasterKeyId: { 'Fn::GetAtt': ['CisTopicKey5050FA0D', 'Arn'] } });
      const key = template.toJSON().Resources.CisTopicKey5050FA0D.Properties;
      expect(key.EnableKeyRotation).toBe(true);
      expect(key.KeyPolicy.Statement.filter((s: any) => s.Principal?.Service)).toEqual([
        {
          Sid: 'AllowCloudWatchToPublishToEncryptedTopic',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
        },
      ]);
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: [
            {
              Sid: 'AllowPublishThroughSSLOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: { Ref: 'CisTopicBFD955AA' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            {
              Sid: 'AllowCloudWatchAlarmsToPublish',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: { Ref: 'CisTopicBFD955AA' },
              Condition: {
                ArnLike: {
                  'aws:SourceArn': {
                    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudwatch:${REGION}:${ACCOUNT}:alarm:*`]],
                  },
                },
              },
            },
          ],
        },
      });
    },
  );
});

describe('CisAlarms options', () => {
  test('a subset of controls: only their filters and alarms; the others throw from alarm() and metric()', () => {
    const { stack, cis } = cisOnSecureTrail({ controls: [CisControl.ROOT_USAGE, CisControl.VPC_CHANGES] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::MetricFilter', 2);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    expect(stack.resolve(cis.alarm(CisControl.ROOT_USAGE).alarmArn)).toEqual({
      'Fn::GetAtt': ['CisRootUsageAlarm55683627', 'Arn'],
    });
    expect(() => cis.alarm(CisControl.UNAUTHORIZED_API_CALLS)).toThrow(
      "TestStack/Cis: CIS 4.1 (UnauthorizedApiCalls) is not monitored here; the controls are 4.3, 4.14. Add it to 'controls'.",
    );
    expect(() => cis.metric(CisControl.ORGANIZATIONS_CHANGES)).toThrow(
      /CIS 4.15 \(OrganizationsChanges\) is not monitored here/,
    );
  });

  test("metric() gives the filter's metric as the alarm reads it, with options on top", () => {
    const { stack, cis } = cisOnSecureTrail();
    const metric = cis.metric(CisControl.CMK_DISABLE_OR_DELETION);
    expect([metric.namespace, metric.metricName, metric.statistic, metric.period.toSeconds()]).toEqual([
      'LogMetrics',
      'CmkDisableOrDeletion',
      'Sum',
      300,
    ]);
    const hourly = cis.metric(CisControl.CMK_DISABLE_OR_DELETION, {
      period: Duration.hours(1),
      label: 'Key deletions',
    });
    expect([hourly.period.toSeconds(), hourly.label, hourly.statistic]).toEqual([3600, 'Key deletions', 'Sum']);
    expect(stack.resolve(metric.dimensions)).toBeUndefined();
  });

  test("a log group, a namespace and a topic of one's own", () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts', { masterKey: new kms.Key(stack, 'AlertsKey') });
    new CisAlarms(stack, 'Cis', {
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'Group', 'org-trail'),
      metricNamespace: 'CISBenchmark',
      topic,
      controls: [CisControl.ROOT_USAGE],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: 'org-trail',
      MetricTransformations: [{ MetricName: 'RootUsage', MetricNamespace: 'CISBenchmark', MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CISBenchmark',
      AlarmActions: [stack.resolve(topic.topicArn)],
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudWatchToPublishToEncryptedTopic' })]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Sid: 'AllowCloudWatchAlarmsToPublish' })] },
    });
  });

  test('a topic not managed here: a warning lists the topic statement to add', () => {
    const stack = testStack();
    new CisAlarms(stack, 'Cis', {
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'Group', 'org-trail'),
      topic: sns.Topic.fromTopicArn(stack, 'Alerts', `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`),
      controls: [CisControl.ROOT_USAGE],
    });
    const warnings = Annotations.fromStack(stack).findWarning(
      '*',
      Match.stringLikeRegexp('cdk-cloudtrail-kit:alarmTopicPolicy'),
    );
    expect(warnings).toHaveLength(1);
    const warning = String(warnings[0].entry.data);
    expect(warning).toMatch(
      /^The SNS topic arn:aws:sns:us-east-1:111111111111:alerts is not managed by this app.*alerts sent to the topic are dropped/,
    );
    expect(JSON.parse(/dropped: (\[.*\])\. Acknowledge/.exec(warning)![1])).toEqual([
      {
        Action: 'sns:Publish',
        Condition: { ArnLike: { 'aws:SourceArn': `arn:\${AWS::Partition}:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` } },
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Resource: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`,
        Sid: 'AllowCloudWatchAlarmsToPublish',
      },
    ]);
  });

  test('a trail imported with its log group', () => {
    const stack = testStack();
    const trail = SecureTrail.fromTrailAttributes(stack, 'Imported', {
      trailArn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`,
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'Group', 'org-trail-logs'),
    });
    new CisAlarms(stack, 'Cis', { trail, controls: [CisControl.ROOT_USAGE] });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', { LogGroupName: 'org-trail-logs' });
  });

  test.each([
    ['nothing', (_stack: Stack): CisAlarmsProps => ({})],
    [
      'a trail imported by ARN alone',
      (stack: Stack): CisAlarmsProps => ({
        trail: SecureTrail.fromTrailArn(stack, 'T', `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/t-1`),
      }),
    ],
    [
      'a SecureTrail without CloudWatch Logs delivery',
      (stack: Stack): CisAlarmsProps => ({ trail: new SecureTrail(stack, 'T', { sendToCloudWatchLogs: false }) }),
    ],
  ])('%s gives no log group: a clear error at construction (nothing can be built without one)', (_what, props) => {
    const stack = testStack();
    expect(() => new CisAlarms(stack, 'Cis', props(stack))).toThrow(
      /^\[CIS_LOG_GROUP_REQUIRED\] TestStack\/Cis: prop logGroup is missing, and the trail delivers to no log group, so there is no log group to put the CIS metric filters on\. Fix: give logGroup, or a trail that delivers to CloudWatch Logs/,
    );
  });

  test('no controls, or a control twice, is an error at synth, listed with the others', () => {
    const stack = testStack();
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Group', 'org-trail');
    expect(() => new CisAlarms(stack, 'Empty', { logGroup, controls: [] })).not.toThrow();
    expect(
      () => new CisAlarms(stack, 'Twice', { logGroup, controls: [CisControl.ROOT_USAGE, CisControl.ROOT_USAGE] }),
    ).not.toThrow();
    expect(() => Template.fromStack(stack)).toThrow(
      /\[CIS_CONTROLS\] TestStack\/Empty: prop controls '\[\]' is empty, so nothing would be monitored\. Fix: leave controls out/,
    );
    expect(() => Template.fromStack(stack)).toThrow(
      /\[CIS_CONTROLS\] TestStack\/Twice: prop controls\[1\] '4\.3 \(RootUsage\)' is listed twice\./,
    );
  });
});
