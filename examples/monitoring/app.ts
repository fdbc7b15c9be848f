import { App, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CisAlarms, CisControl, SecureTrail, TrailTamperAlert } from '../../src';

const app = new App();

// No `env`: the stack synthesizes without credentials and deploys to whatever account and Region the CLI uses.
const stack = new Stack(app, 'CloudTrailMonitoring', {
  description:
    'A CloudTrail trail with CIS alarms, a tamper alert, an IAM change rule, an auditor role and a dashboard',
});

const trail = new SecureTrail(stack, 'Trail');

// CIS 4.1 to 4.15: a metric filter and an alarm per control on the trail's log group, notifying a new encrypted topic.
const cis = new CisAlarms(stack, 'CisAlarms', { trail });

// StopLogging, DeleteTrail, UpdateTrail, ... on this trail, its bucket and its key. One topic for every alert: the
// tamper alert and the IAM rule below notify the CIS alarms' topic, so a single subscription receives them all.
const tamper = new TrailTamperAlert(stack, 'TamperAlert', { trail, topic: cis.topic, alarm: true });

// IAM changes as they happen, not only the policy changes CIS 4.4 counts. IAM is a global service: its calls reach
// EventBridge in us-east-1 only, so this rule fires only when the stack is deployed there.
trail.onCloudTrailEvent('IamChanges', {
  description: 'IAM users, roles, access keys and policies created, changed or deleted',
  services: ['iam.amazonaws.com'],
  eventNames: [
    'CreateUser',
    'DeleteUser',
    'CreateAccessKey',
    'UpdateAccessKey',
    'CreateLoginProfile',
    'UpdateLoginProfile',
    'CreateRole',
    'DeleteRole',
    'UpdateAssumeRolePolicy',
    'AttachRolePolicy',
    'DetachRolePolicy',
    'PutRolePolicy',
    'AttachUserPolicy',
    'PutUserPolicy',
    'AddUserToGroup',
    'CreatePolicyVersion',
    'SetDefaultPolicyVersion',
  ],
  target: new targets.SnsTopic(cis.topic),
});

// A read-only auditor: the trail's settings and status, 90 days of event history, the log files themselves, and the
// public keys `aws cloudtrail validate-logs` checks digest files with.
const auditor = new iam.Role(stack, 'AuditorRole', {
  assumedBy: new iam.AccountRootPrincipal(),
  description: 'Reads the CloudTrail trail configuration, event history and log files',
  maxSessionDuration: Duration.hours(4),
});
trail.grantReadConfiguration(auditor);
trail.grantLookupEvents(auditor);
trail.grantReadLogs(auditor);
trail.grantListPublicKeys(auditor);

const dashboard = new cloudwatch.Dashboard(stack, 'Dashboard', { defaultInterval: Duration.days(7) });
dashboard.addWidgets(
  new cloudwatch.GraphWidget({
    title: 'Identity: root use, sign-in without MFA, failed sign-ins, denied calls',
    left: [
      cis.metric(CisControl.ROOT_USAGE),
      cis.metric(CisControl.CONSOLE_SIGN_IN_WITHOUT_MFA),
      cis.metric(CisControl.CONSOLE_AUTHENTICATION_FAILURES),
      cis.metric(CisControl.UNAUTHORIZED_API_CALLS),
    ],
    width: 12,
  }),
  new cloudwatch.GraphWidget({
    title: 'Changes: IAM policies, CloudTrail, KMS keys, bucket policies',
    left: [
      cis.metric(CisControl.IAM_POLICY_CHANGES),
      cis.metric(CisControl.CLOUDTRAIL_CONFIGURATION_CHANGES),
      cis.metric(CisControl.CMK_DISABLE_OR_DELETION),
      cis.metric(CisControl.S3_BUCKET_POLICY_CHANGES),
    ],
    width: 12,
  }),
);
dashboard.addWidgets(
  new cloudwatch.AlarmStatusWidget({
    title: 'Alarms',
    alarms: [...CisControl.all().map((control) => cis.alarm(control)), tamper.alarm!],
    width: 24,
  }),
);

new CfnOutput(stack, 'TrailArn', { value: trail.trailArn });
new CfnOutput(stack, 'AlertTopicArn', { value: cis.topic.topicArn });
new CfnOutput(stack, 'AuditorRoleArn', { value: auditor.roleArn });
new CfnOutput(stack, 'DashboardName', { value: dashboard.dashboardName });

app.synth();
