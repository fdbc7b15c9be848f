import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cfnLintFindings, withCfnLint } from './cfn-lint';
import { createApp } from '../../examples/query/app';
import { SecureTrail, TrailInvestigations, TrailLogTable, TrailQueryWorkGroup } from '../../src';
import { CONFIGURATIONS } from '../compliance/matrix';
import { ACCOUNT } from '../helpers';

/*
 * Every template of the query constructs through cfn-lint (CloudFormation's registry schemas and AWS's rules): the
 * example, the compliance matrix's query configurations, an organization table in an environment-agnostic stack,
 * another partition and an imported bucket.
 *
 * SecureTrail's own template has four W3005 warnings (an explicit DependsOn the trail also has through GetAtt: the
 * key, the log group and the role); they are the trail's, present in every example, and listed here exactly so a new
 * one fails.
 */
const SECURE_TRAIL_W3005 = [
  /W3005:'TrailKey[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at 'Resources\/TrailCloudWatchLogsLogGroup[0-9A-F]{8}\/Properties\/KmsKeyId'$/,
  /W3005:'TrailCloudWatchLogsLogGroup[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at 'Resources\/Trail[0-9A-F]{8}\/Properties\/CloudWatchLogsLogGroupArn'$/,
  /W3005:'TrailCloudWatchLogsRole[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at 'Resources\/Trail[0-9A-F]{8}\/Properties\/CloudWatchLogsRoleArn'$/,
  /W3005:'TrailKey[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at 'Resources\/Trail[0-9A-F]{8}\/Properties\/KMSKeyId'$/,
];

function templatesOf(name: string, app: App): Record<string, unknown> {
  const assembly = app.synth();
  return Object.fromEntries(assembly.stacks.map((s) => [`${name}-${s.stackName}`, s.template]));
}

function full(scope: Stack, make: (stack: Stack) => TrailLogTable): void {
  const workGroup = new TrailQueryWorkGroup(scope, 'Queries', { table: make(scope) });
  new TrailInvestigations(scope, 'Investigations', { workGroup });
}

withCfnLint('cfn-lint finds nothing in the query constructs\' templates', () => {
  const templates: Record<string, unknown> = { ...templatesOf('example', createApp(new App())) };
  for (const [name, make] of Object.entries(CONFIGURATIONS).filter(([n]) => n.startsWith('query'))) {
    const app = new App();
    make(app);
    Object.assign(templates, templatesOf(name, app));
  }
  const agnostic = new App();
  full(new Stack(agnostic, 'Agnostic'), (s) => new TrailLogTable(s, 'Logs', {
    trail: new SecureTrail(s, 'Trail', { organizationId: 'o-abcdefghij' }), organizationId: 'o-abcdefghij',
  }));
  Object.assign(templates, templatesOf('agnostic', agnostic));
  const china = new App();
  full(new Stack(china, 'China', { env: { account: ACCOUNT, region: 'cn-north-1' } }), (s) => new TrailLogTable(s, 'Logs', { trail: new SecureTrail(s, 'Trail') }));
  Object.assign(templates, templatesOf('china', china));
  const imported = new App();
  full(new Stack(imported, 'Imported', { env: { account: ACCOUNT, region: 'eu-west-1' } }), (s) => new TrailLogTable(s, 'Logs', {
    bucket: s3.Bucket.fromBucketName(s, 'Central', 'central-cloudtrail-logs'), s3KeyPrefix: 'ct', accounts: [ACCOUNT], regions: ['eu-west-1'],
  }));
  Object.assign(templates, templatesOf('imported', imported));

  const findings = cfnLintFindings(templates);
  const ours = findings.filter((f) => !SECURE_TRAIL_W3005.some((known) => known.test(f)));
  expect(ours).toEqual([]);
  // The trail's four, in each template with a SecureTrail.
  const withTrail = Object.values(templates).filter((t: any) => Object.values(t.Resources).some((r: any) => r.Type === 'AWS::CloudTrail::Trail'));
  expect(withTrail.length).toBe(4);
  expect(findings.length - ours.length).toBe(4 * withTrail.length);
}, 120_000);
