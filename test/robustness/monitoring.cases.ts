import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { RobustnessCase } from './harness';
import { CisAlarms, CisControl, SecureTrail, TrailTamperAlert } from '../../src';

const env = { account: '111111111111', region: 'us-east-1' };
const N = null as any;
const LOG_GROUP_ARN = 'arn:aws:logs:us-east-1:111111111111:log-group:audit-logs:*';

const NAMESPACE =
  'CloudWatch Logs API Reference, MetricTransformation metricNamespace (1-255, pattern [^:*$]*); ' +
  'CloudWatch User Guide, cloudwatch_concepts Namespaces (AWS/ reserved)';
const REGIONAL =
  'CloudWatch Logs User Guide, MonitoringLogData (metric filters and alarms are Regional); EventBridge User Guide, eb-targets (same Region)';
const QUOTA = 'CloudWatch Logs User Guide, cloudwatch_limits_cwl (metric filters: 100 per log group)';
const EB =
  'EventBridge API Reference, PutRule (Name 1-64 [\\.\\-_A-Za-z0-9]+, Description max 512); CloudWatch PutMetricAlarm AlarmDescription max 1024';
const SNS_KEY =
  'SNS Developer Guide, sns-key-management (the AWS managed key aws/sns cannot be used by EventBridge or CloudWatch alarms)';
const CIS = 'CIS AWS Foundations Benchmark 4.x / Security Hub CloudWatch.1-14 (metric filter and alarm per control)';

function stack(app: App, id = 'Stack', region = env.region): Stack {
  return new Stack(app, id, { env: { ...env, region } });
}

function logGroup(scope: Construct): logs.ILogGroup {
  return logs.LogGroup.fromLogGroupArn(scope, 'Logs', LOG_GROUP_ARN);
}

function templateOf(app: App): any {
  return app.synth().getStackByName('Stack').template;
}

function resourcesOf(app: App, type: string): any[] {
  return Object.values<any>(templateOf(app).Resources).filter((r) => r.Type === type);
}

/** A construct path of about `length` characters, from nested scopes of long ids. */
function deepScope(s: Stack, length: number): Construct {
  let scope: Construct = s;
  for (let i = 0; scope.node.path.length < length; i++) scope = new Construct(scope, `${'Nested'.repeat(8)}Scope${i}`);
  return scope;
}

const cisCases: RobustnessCase[] = [
  {
    name: 'CisAlarms on a log group ARN of another Region is our error',
    source: REGIONAL,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', {
        logGroup: logs.LogGroup.fromLogGroupArn(s, 'Logs', 'arn:aws:logs:eu-west-1:111111111111:log-group:audit:*'),
      });
    },
    rejects: { path: 'Stack/Cis', prop: 'logGroup', value: 'Stack/Logs', fix: 'create the CIS alarms in a stack' },
  },
  {
    name: 'CisAlarms with every optional prop null uses the defaults',
    source: CIS,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', { logGroup: logGroup(s), topic: N, controls: N, metricNamespace: N, trail: N });
    },
    then: (app) => expect(resourcesOf(app, 'AWS::Logs::MetricFilter').length).toBe(15),
  },
  {
    name: 'CisAlarms on a SecureTrail delivering to CloudWatch Logs',
    source: CIS,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', { trail: new SecureTrail(s, 'Trail') });
    },
  },
  {
    name: 'an empty metric namespace is our error',
    source: NAMESPACE,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', { logGroup: logGroup(s), metricNamespace: '' });
    },
    rejects: { path: 'Stack/Cis', prop: 'metricNamespace', value: "''", fix: '1 to 255 characters' },
  },
  {
    name: 'a metric namespace with a colon is our error',
    source: NAMESPACE,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', { logGroup: logGroup(s), metricNamespace: 'Security:CIS' });
    },
    rejects: { path: 'Stack/Cis', prop: 'metricNamespace', value: 'Security:CIS', fix: "not starting with 'AWS/'" },
  },
  {
    name: 'a metric namespace under AWS/ is our error',
    source: NAMESPACE,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', { logGroup: logGroup(s), metricNamespace: 'AWS/CloudTrail' });
    },
    rejects: { path: 'Stack/Cis', prop: 'metricNamespace', value: 'AWS/CloudTrail', fix: 'letters, digits' },
  },
  {
    name: 'a metric namespace of 256 characters is our error',
    source: NAMESPACE,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', { logGroup: logGroup(s), metricNamespace: 'n'.repeat(256) });
    },
    rejects: { path: 'Stack/Cis', prop: 'metricNamespace', value: 'nnnnnn', fix: '1 to 255 characters' },
  },
  {
    name: 'a metric namespace from a CfnParameter synthesizes',
    source: NAMESPACE,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', {
        logGroup: logGroup(s),
        metricNamespace: new CfnParameter(s, 'Namespace', { default: 'CIS' }).valueAsString,
      });
    },
  },
  {
    name: 'a metric namespace with slashes, dots and hashes synthesizes',
    source: NAMESPACE,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', { logGroup: logGroup(s), metricNamespace: 'Org/Security.CIS#v3' });
    },
  },
  {
    name: "CisAlarms in a Region other than the trail's log group is our error",
    source: REGIONAL,
    make: (app) => {
      const trail = new SecureTrail(stack(app, 'Trails'), 'Trail');
      new CisAlarms(stack(app, 'Stack', 'eu-west-1'), 'Cis', { trail });
    },
    rejects: { path: 'Stack/Cis', prop: 'trail', value: 'Trails/Trail', fix: "log group's Region" },
  },
  {
    name: 'seven CisAlarms of all controls on one log group exceed 100 metric filters',
    source: QUOTA,
    make: (app) => {
      const s = stack(app);
      const group = logGroup(s);
      for (let i = 0; i < 7; i++) new CisAlarms(s, `Cis${i}`, { logGroup: group, metricNamespace: `CIS${i}` });
    },
    rejects: {
      path: 'Stack/Cis0',
      prop: 'logGroup',
      value: 'Stack/Logs',
      fix: 'monitor each control once per log group',
    },
  },
  {
    name: 'two CisAlarms on two log groups in one app',
    source: QUOTA,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'A', { logGroup: logGroup(s) });
      new CisAlarms(s, 'B', {
        logGroup: logs.LogGroup.fromLogGroupName(s, 'Second', 'second-group'),
        controls: [CisControl.ROOT_USAGE],
      });
    },
  },
  {
    name: 'a CisAlarms topic in another Region is our error',
    source: REGIONAL,
    make: (app) => {
      const s = stack(app);
      new CisAlarms(s, 'Cis', {
        logGroup: logGroup(s),
        topic: sns.Topic.fromTopicArn(s, 'T', 'arn:aws:sns:eu-west-1:111111111111:alerts'),
      });
    },
    rejects: {
      path: 'Stack/Cis',
      prop: 'topic',
      value: 'arn:aws:sns:eu-west-1:111111111111:alerts',
      fix: "a topic in this stack's Region",
    },
  },
  {
    name: 'a CisAlarms topic encrypted with aws/sns is our error',
    source: SNS_KEY,
    make: (app) => {
      const s = stack(app);
      const topic = new sns.Topic(s, 'T', { masterKey: kms.Alias.fromAliasName(s, 'K', 'alias/aws/sns') });
      new CisAlarms(s, 'Cis', { logGroup: logGroup(s), topic });
    },
    rejects: { path: 'Stack/Cis', prop: 'topic', value: 'Stack/T', fix: 'customer managed KMS key' },
  },
];

const tamperCases: RobustnessCase[] = [
  {
    name: 'TrailTamperAlert with topic, alarm and ruleName null',
    source: EB,
    make: (app) => {
      const s = stack(app);
      new TrailTamperAlert(s, 'Alert', { trail: new SecureTrail(s, 'Trail'), topic: N, alarm: N, ruleName: N });
    },
  },
  {
    name: 'TrailTamperAlert with trail null is our error',
    source: EB,
    make: (app) => {
      new TrailTamperAlert(stack(app), 'Alert', { trail: N });
    },
    rejects: { path: 'Stack/Alert', prop: 'trail', fix: 'give the trail to watch' },
  },
  {
    name: 'TrailTamperAlert(null props) is our error',
    source: EB,
    make: (app) => {
      new TrailTamperAlert(stack(app), 'Alert', N);
    },
    rejects: { path: 'Stack/Alert', prop: 'trail', fix: 'give the trail to watch' },
  },
  {
    name: 'a tamper alert deep in a long construct path keeps its descriptions within 512 and 1024 characters',
    source: EB,
    make: (app) => {
      const s = stack(app);
      const scope = deepScope(s, 1100);
      new TrailTamperAlert(scope, 'Alert', { trail: new SecureTrail(scope, 'Trail'), alarm: true });
    },
    then: (app) => {
      expect(resourcesOf(app, 'AWS::Events::Rule')[0].Properties.Description.length).toBeLessThanOrEqual(512);
      expect(resourcesOf(app, 'AWS::CloudWatch::Alarm')[0].Properties.AlarmDescription.length).toBeLessThanOrEqual(
        1024,
      );
    },
  },
  {
    name: 'a ruleName of 65 characters is our error',
    source: EB,
    make: (app) => {
      const s = stack(app);
      new TrailTamperAlert(s, 'Alert', { trail: new SecureTrail(s, 'Trail'), ruleName: 'r'.repeat(65) });
    },
    rejects: { path: 'Stack/Alert', prop: 'ruleName', value: 'rrrrrr', fix: 'leave ruleName out' },
  },
  {
    name: 'a ruleName with a space is our error',
    source: EB,
    make: (app) => {
      const s = stack(app);
      new TrailTamperAlert(s, 'Alert', { trail: new SecureTrail(s, 'Trail'), ruleName: 'trail tamper' });
    },
    rejects: {
      path: 'Stack/Alert',
      prop: 'ruleName',
      value: 'trail tamper',
      fix: 'use a shorter name of those characters',
    },
  },
  {
    name: 'a tamper alert topic in another Region is our error',
    source: REGIONAL,
    make: (app) => {
      const s = stack(app);
      new TrailTamperAlert(s, 'Alert', {
        trail: new SecureTrail(s, 'Trail'),
        topic: sns.Topic.fromTopicArn(s, 'T', 'arn:aws:sns:eu-west-1:111111111111:alerts'),
      });
    },
    rejects: { path: 'Stack/Alert', prop: 'topic', value: 'eu-west-1', fix: "a topic in this stack's Region" },
  },
  {
    name: 'a tamper alert topic encrypted with aws/sns (by alias ARN) is our error',
    source: SNS_KEY,
    make: (app) => {
      const s = stack(app);
      const key = kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:us-east-1:111111111111:alias/aws/sns');
      new TrailTamperAlert(s, 'Alert', {
        trail: new SecureTrail(s, 'Trail'),
        topic: new sns.Topic(s, 'T', { masterKey: key }),
      });
    },
    rejects: { path: 'Stack/Alert', prop: 'topic', value: 'Stack/T', fix: 'customer managed KMS key' },
  },
  {
    name: 'a tamper alert on an imported trail of this Region',
    source: EB,
    make: (app) => {
      const s = stack(app);
      new TrailTamperAlert(s, 'Alert', {
        trail: SecureTrail.fromTrailArn(s, 'Imported', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'),
      });
    },
  },
  {
    name: 'a tamper alert on an imported trail of another Region is our error',
    source:
      'CloudTrail User Guide, cloudtrail-aws-service-specific-topics / EventBridge: CloudTrail events reach the Region where the call is made',
    make: (app) => {
      const s = stack(app);
      new TrailTamperAlert(s, 'Alert', {
        trail: SecureTrail.fromTrailArn(s, 'Imported', 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail'),
      });
    },
    rejects: { path: 'Stack/Alert', prop: 'trail', value: 'eu-west-1', fix: "trail's home Region" },
  },
  {
    name: 'two tamper alerts on two trails in one stack',
    source: EB,
    make: (app) => {
      const s = stack(app);
      new TrailTamperAlert(s, 'AlertA', { trail: new SecureTrail(s, 'A', { trailName: 'trail-a' }) });
      new TrailTamperAlert(s, 'AlertB', { trail: new SecureTrail(s, 'B', { trailName: 'trail-b' }), alarm: true });
    },
  },
];

export const MONITORING_CASES: RobustnessCase[] = [...cisCases, ...tamperCases];
