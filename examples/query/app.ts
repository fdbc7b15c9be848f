import { App, CfnOutput, Duration, Size, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SecureTrail, TrailInvestigations, TrailLogTable, TrailQueryWorkGroup } from '../../src';

/**
 * A trail and what an incident responder needs to query its log files with Athena on day one: the table (partition
 * projection, no crawler), a hardened workgroup, the saved investigations and a role allowed to run them.
 */
export function createApp(app: App = new App()): App {
  // No `env`: the stack synthesizes without credentials and deploys to whatever account and Region the CLI uses.
  const stack = new Stack(app, 'CloudTrailQuery', {
    description:
      'A CloudTrail trail, an Athena table over its log files, a hardened workgroup and saved investigations',
  });

  const trail = new SecureTrail(stack, 'Trail');

  // The account, Region and day partitions are projected from the trail's key layout; queries name the days they read.
  const table = new TrailLogTable(stack, 'LogTable', { trail, tableName: 'cloudtrail_logs' });

  // Engine 3, enforced settings, SSE-KMS results that expire after 30 days, and a stop at 50 GiB scanned per query.
  const workGroup = new TrailQueryWorkGroup(stack, 'WorkGroup', {
    table,
    bytesScannedCutoffPerQuery: Size.gibibytes(50),
    resultsExpiration: Duration.days(30),
  });

  const investigations = new TrailInvestigations(stack, 'Investigations', { workGroup });

  // Who runs the queries: Athena in this workgroup only, the table, its log files and the results.
  const responder = new iam.Role(stack, 'IncidentResponder', {
    assumedBy: new iam.AccountRootPrincipal(),
    description: 'Runs the saved CloudTrail investigations in Athena',
    maxSessionDuration: Duration.hours(4),
  });
  workGroup.grantQuery(responder);

  new CfnOutput(stack, 'WorkGroupName', { value: workGroup.workGroupName });
  new CfnOutput(stack, 'Table', { value: `${table.databaseName}.${table.tableName}` });
  new CfnOutput(stack, 'SavedQueries', { value: `${investigations.namedQueries.length}` });
  new CfnOutput(stack, 'ResponderRoleArn', { value: responder.roleArn });
  return app;
}

if (require.main === module) createApp().synth();
