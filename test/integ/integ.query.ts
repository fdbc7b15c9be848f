/**
 * The query layer (examples/query): a trail, the Athena table over its log files (partition projection), the hardened
 * workgroup and the saved investigations. One account and Region (the deploying profile's; `integ:update` runs in
 * us-east-1). The assertion function runs a saved investigation with the rights `grantQuery` gives.
 */
import { AwsApiCall, ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, CfnOutput, Duration, Size, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { assertLogFiles, assertTags, assertTrailIsLogging, synthForRunner, tagForTest } from './support';
import { SecureTrail, TrailInvestigations, TrailLogTable, TrailQueryWorkGroup } from '../../src';

export const TEST_NAME = 'query';

/** The saved investigation the test runs: the tamper calls (the deploy itself made some, e.g. PutEventSelectors). */
const INVESTIGATION = 'TamperEvents';

export function build(app: App = new App()): IntegTest {
  const stack = new Stack(app, 'IntegQuery', {
    description: 'cdk-cloudtrail-kit integration test: the Athena table, workgroup and saved investigations',
  });
  tagForTest(stack, TEST_NAME);
  const trail = new SecureTrail(stack, 'Trail');
  const table = new TrailLogTable(stack, 'LogTable', { trail, tableName: 'cloudtrail_logs_integ' });
  const workGroup = new TrailQueryWorkGroup(stack, 'WorkGroup', {
    table,
    bytesScannedCutoffPerQuery: Size.gibibytes(1),
    resultsExpiration: Duration.days(1),
  });
  const investigations = new TrailInvestigations(stack, 'Investigations', { workGroup });
  const query = investigations.namedQueries.find((q) => q.node.id === INVESTIGATION)!;
  new CfnOutput(stack, 'WorkGroupName', { value: workGroup.workGroupName });

  const integ = new IntegTest(app, TEST_NAME, { testCases: [stack] });
  const status = assertTrailIsLogging(integ, trail.trailArn);
  assertTags(integ, trail.trailArn, TEST_NAME);
  const [logFile] = assertLogFiles(integ, {
    bucketName: trail.logBucket.bucketName,
    s3KeyPrefix: trail.s3KeyPrefix,
    accountPath: Aws.ACCOUNT_ID,
    region: Aws.REGION,
  });
  status.next(logFile);

  // The saved query's text and the workgroup, with the execution parameters its description lists: a day range as
  // SQL literals (wide, so that the snapshot does not change with the date; projection stops at today) and, when the
  // table projects accounts from the query, the account.
  const parameters = [
    "'2026/01/01'",
    "'2099/12/31'",
    ...(table.accountRequiredInQueries ? [`'${Aws.ACCOUNT_ID}'`] : []),
  ];
  const start = integ.assertions.awsApiCall(
    'Athena',
    'StartQueryExecution',
    {
      QueryString: query.queryString,
      WorkGroup: workGroup.workGroupName,
      ExecutionParameters: parameters,
    },
    ['QueryExecutionId'],
  );
  // Athena runs the query with the caller's rights: the assertion function gets what a responder gets.
  const provider = (start as AwsApiCall).provider;
  workGroup.grantQuery(iam.Role.fromRoleArn(Stack.of(provider), 'AssertionRole', provider.handlerRoleArn.toString()));
  const state = integ.assertions
    .awsApiCall('Athena', 'GetQueryExecution', { QueryExecutionId: start.getAttString('QueryExecutionId') })
    .assertAtPath('QueryExecution.Status.State', ExpectedResult.stringLikeRegexp('^SUCCEEDED$'))
    .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(10) });
  logFile.next(start).next(state);
  return integ;
}

if (require.main === module) {
  const app = new App();
  build(app);
  synthForRunner(app);
}
