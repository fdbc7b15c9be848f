/**
 * A log archive in another account (docs/organization.md): a TrailKey and a
 * TrailBucket in the log-archive account that allow every trail of the trail account (`allowAccountTrails`), and a
 * SecureTrail in the trail account that writes there, known by bucket name and key alias ARN.
 *
 * Accounts a maintainer needs: two, set in ACCOUNTS below (the snapshot's placeholders are 111111111111 and
 * 222222222222), both bootstrapped in us-east-1, the log-archive account with `cdk bootstrap --trust <trail account>`
 * so that credentials of the trail account deploy both stacks. The assertions run in the trail account.
 */
import { IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  assertLogFiles,
  assertSelection,
  assertTags,
  assertTrailIsLogging,
  assertTrailSettings,
  synthForRunner,
  tagForTest,
} from './support';
import { SecureTrail, TrailBucket, TrailKey } from '../../src';

export const TEST_NAME = 'log-archive';

/** Replace with real accounts to deploy (and keep the placeholders in the committed snapshot, or commit yours). */
export const ACCOUNTS = { trail: '111111111111', logArchive: '222222222222', region: 'us-east-1' };
const BUCKET_NAME = `integ-cloudtrail-archive-${ACCOUNTS.logArchive}`;
const KEY_ALIAS = 'alias/cloudtrail/integ-log-archive';
const S3_KEY_PREFIX = 'trails';

export function build(app: App = new App()): IntegTest {
  const archive = new Stack(app, 'IntegLogArchive', {
    env: { account: ACCOUNTS.logArchive, region: ACCOUNTS.region },
    description: 'cdk-cloudtrail-kit integration test: the log-archive bucket and key',
  });
  tagForTest(archive, TEST_NAME);
  const key = new TrailKey(archive, 'Key', { alias: KEY_ALIAS });
  key.allowAccountTrails([ACCOUNTS.trail]);
  const bucket = new TrailBucket(archive, 'Bucket', { bucketName: BUCKET_NAME, encryptionKey: key });
  bucket.allowAccountTrails([ACCOUNTS.trail], { s3KeyPrefix: S3_KEY_PREFIX });
  // The assertions list the log files from the trail account: a reader there, as an audit account would be.
  bucket.grantReadLogs(new iam.AccountPrincipal(ACCOUNTS.trail), {
    s3KeyPrefix: S3_KEY_PREFIX,
    ownerIds: [ACCOUNTS.trail],
  });

  const trailStack = new Stack(app, 'IntegLogArchiveTrail', {
    env: { account: ACCOUNTS.trail, region: ACCOUNTS.region },
    description: "cdk-cloudtrail-kit integration test: a trail writing to another account's log archive",
  });
  tagForTest(trailStack, TEST_NAME);
  trailStack.addStackDependency(archive);
  const keyAliasArn = `arn:aws:kms:${ACCOUNTS.region}:${ACCOUNTS.logArchive}:${KEY_ALIAS}`;
  const trail = new SecureTrail(trailStack, 'Trail', {
    bucket: s3.Bucket.fromBucketName(trailStack, 'ArchiveBucket', BUCKET_NAME),
    encryptionKey: kms.Key.fromKeyArn(trailStack, 'ArchiveKey', keyAliasArn),
    s3KeyPrefix: S3_KEY_PREFIX,
    // The log group stays in the trail account, with a key of that account.
    cloudWatchLogsEncryptionKey: new TrailKey(trailStack, 'LogsKey'),
  });
  new CfnOutput(trailStack, 'TrailArn', { value: trail.trailArn });

  const integ = new IntegTest(app, TEST_NAME, {
    testCases: [archive, trailStack],
    assertionStack: new Stack(app, 'IntegLogArchiveAssertions', {
      env: { account: ACCOUNTS.trail, region: ACCOUNTS.region },
    }),
  });
  assertTrailIsLogging(integ, trail.trailArn);
  // DescribeTrails reports the key the trail was given; with an alias ARN that may be the alias or the key it names.
  assertTrailSettings(
    integ,
    trail.trailArn,
    trail.cfnTrail,
    Match.stringLikeRegexp(`^arn:aws:kms:${ACCOUNTS.region}:${ACCOUNTS.logArchive}:`),
  );
  assertSelection(integ, trail.trailArn, trail.cfnTrail);
  assertTags(integ, trail.trailArn, TEST_NAME);
  assertLogFiles(integ, {
    bucketName: BUCKET_NAME,
    s3KeyPrefix: S3_KEY_PREFIX,
    accountPath: ACCOUNTS.trail,
    region: ACCOUNTS.region,
  });
  return integ;
}

if (require.main === module) {
  const app = new App();
  build(app);
  synthForRunner(app);
}
