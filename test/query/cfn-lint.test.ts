import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createApp } from '../../examples/query/app';
import { SecureTrail, TrailInvestigations, TrailLogTable, TrailQueryWorkGroup } from '../../src';
import { CONFIGURATIONS } from '../compliance/matrix';
import { ACCOUNT } from '../helpers';
import { cfnLintFindings, withCfnLint } from '../oracles/cfn-lint';

/*
 * Every template of the query constructs through cfn-lint (CloudFormation's registry schemas and AWS's rules): the
 * example, the compliance matrix's query configurations, an organization table in an environment-agnostic stack,
 * another partition and an imported bucket.
 */

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

  expect(cfnLintFindings(templates)).toEqual([]);
}, 120_000);
