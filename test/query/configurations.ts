import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createApp } from '../../examples/query/app';
import { SecureTrail, TrailInvestigations, TrailLogTable, TrailQueryWorkGroup } from '../../src';
import { ACCOUNT } from '../helpers';

/*
 * Layouts of the query constructs that no other configuration set holds, for the checker step
 * (test/oracles/check-templates.ts: cfn-lint and aws-cdk-lib's validation): the example, an organization table in an
 * environment-agnostic stack, another partition and an imported bucket. The compliance matrix's query configurations
 * are checked with the matrix.
 */

function full(scope: Stack, make: (stack: Stack) => TrailLogTable): void {
  const workGroup = new TrailQueryWorkGroup(scope, 'Queries', { table: make(scope) });
  new TrailInvestigations(scope, 'Investigations', { workGroup });
}

export const QUERY_CONFIGURATIONS: Record<string, (app: App) => void> = {
  'query example': (app) => createApp(app),
  'query agnostic organization table': (app) =>
    full(
      new Stack(app, 'Agnostic'),
      (s) =>
        new TrailLogTable(s, 'Logs', {
          trail: new SecureTrail(s, 'Trail', { organizationId: 'o-abcdefghij' }),
          organizationId: 'o-abcdefghij',
        }),
    ),
  'query China partition': (app) =>
    full(
      new Stack(app, 'China', { env: { account: ACCOUNT, region: 'cn-north-1' } }),
      (s) => new TrailLogTable(s, 'Logs', { trail: new SecureTrail(s, 'Trail') }),
    ),
  'query imported bucket': (app) =>
    full(
      new Stack(app, 'Imported', { env: { account: ACCOUNT, region: 'eu-west-1' } }),
      (s) =>
        new TrailLogTable(s, 'Logs', {
          bucket: s3.Bucket.fromBucketName(s, 'Central', 'central-cloudtrail-logs'),
          s3KeyPrefix: 'ct',
          accounts: [ACCOUNT],
          regions: ['eu-west-1'],
        }),
    ),
};
