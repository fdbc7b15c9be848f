/**
 * Every AWS API call the integration tests' assertions make, checked against the AWS SDK's own service models (the
 * schemas the `@aws-sdk/client-*` packages ship and serialize with): the client package exists, `<Api>Command`
 * exists, every parameter name (nested ones too) is a member of the command's input shape, and every response path
 * the assertions read (`expect` objects, `assertAtPath`, `outputPaths`, `getAtt`) is a member of its output shape.
 * A misspelled name would otherwise surface only during a deployment, as an SDK validation error or as an assertion
 * that never matches.
 *
 * The calls are intercepted, not listed: each test/integ/integ.*.ts app is built and every `AwsApiCall` construct in
 * it is read back (service, api and its custom resource's properties, as they are synthesized).
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { checkCall, recordCalls } from './sdk-model-check';

const INTEG_FILES = fs
  .readdirSync(__dirname)
  .filter((file) => /^integ\..+\.ts$/.test(file))
  .sort();

describe("the integration tests' AWS API calls match the AWS SDK service models", () => {
  test('every documented layout has an integration test', () => {
    expect(INTEG_FILES).toEqual([
      'integ.data-events.ts',
      'integ.default-trail.ts',
      'integ.log-archive.ts',
      'integ.monitoring.ts',
      'integ.organization.ts',
      'integ.query.ts',
      'integ.record-health.ts',
    ]);
  });

  test.each(INTEG_FILES)('%s', (file) => {
    const { build } = createRequire(__filename)(path.join(__dirname, file)) as { build: (app: App) => IntegTest };
    const app = new App();
    build(app);
    const calls = recordCalls(app);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.flatMap(checkCall)).toEqual([]);
  });
});

describe('negative controls: the check reports what the SDK model does not have', () => {
  function problemsOf(add: (integ: IntegTest) => void): string[] {
    const app = new App();
    const stack = new Stack(app, 'Control');
    const integ = new IntegTest(app, 'control', { testCases: [stack] });
    add(integ);
    return recordCalls(app).flatMap(checkCall);
  }

  test('a misspelled parameter name', () => {
    const problems = problemsOf((integ) =>
      integ.assertions.awsApiCall('CloudTrail', 'GetTrailStatus', { Nmae: 'trail' }),
    );
    expect(problems).toEqual([
      expect.stringContaining("'Nmae' is not a member of GetTrailStatusRequest (members: Name)"),
    ]);
  });

  test('a nested parameter name, in the wrong case', () => {
    const problems = problemsOf((integ) =>
      integ.assertions.awsApiCall('CloudTrail', 'LookupEvents', {
        LookupAttributes: [{ attributeKey: 'EventName', AttributeValue: 'GetTrailStatus' }],
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining("LookupAttributes[0]: 'attributeKey' is not a member of LookupAttribute"),
    ]);
  });

  test('a response field that does not exist, in expect, assertAtPath, outputPaths and getAtt', () => {
    const problems = problemsOf((integ) => {
      integ.assertions
        .awsApiCall('CloudTrail', 'GetTrailStatus', { Name: 'trail' })
        .expect(ExpectedResult.objectLike({ IsLoging: true }));
      integ.assertions
        .awsApiCall('S3', 'ListObjectsV2', { Bucket: 'b' })
        .assertAtPath('Contents.0.Name', ExpectedResult.stringLikeRegexp('x'));
      const start = integ.assertions.awsApiCall('Athena', 'StartQueryExecution', { QueryString: 'SELECT 1' }, [
        'QueryId',
      ]);
      // getAttString also adds its path to the call's outputPaths: reported for both.
      integ.assertions.awsApiCall('Athena', 'GetQueryExecution', {
        QueryExecutionId: start.getAttString('QueryExecutionID'),
      });
    });
    expect(problems).toEqual([
      expect.stringContaining("'IsLoging' is not a member of GetTrailStatusResponse"),
      expect.stringContaining("outputPaths: response path 'Contents.0.Name' is not in the model: Object has no 'Name'"),
      expect.stringContaining("expect: response path 'Contents.0.Name' is not in the model: Object has no 'Name'"),
      expect.stringContaining(
        "outputPaths: response path 'QueryId' is not in the model: StartQueryExecutionOutput has no 'QueryId'",
      ),
      expect.stringContaining("outputPaths: response path 'QueryExecutionID' is not in the model"),
      expect.stringContaining("getAtt: response path 'QueryExecutionID' is not in the model"),
    ]);
  });

  test('a command or service that does not exist', () => {
    const problems = problemsOf((integ) => {
      integ.assertions.awsApiCall('CloudTrail', 'GetTrailStatuses', { Name: 'trail' });
      integ.assertions.awsApiCall('CloudTrial', 'GetTrailStatus', { Name: 'trail' });
    });
    expect(problems).toEqual([
      expect.stringContaining('@aws-sdk/client-cloudtrail has no GetTrailStatusesCommand'),
      expect.stringContaining("service 'CloudTrial': no @aws-sdk client package is mapped"),
    ]);
  });
});
