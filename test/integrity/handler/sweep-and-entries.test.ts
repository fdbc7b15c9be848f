import { harness } from './harness';
import { handleBatch } from '../../../src/integrity/handler/batch';
import { sweepConfig, verifyConfig } from '../../../src/integrity/handler/env';
import { sweep } from '../../../src/integrity/handler/sweep';
import { HOUR, record, T0 } from '../fixtures/cloudtrail';

const ENV = {
  STATE_TABLE: 't',
  METRIC_NAMESPACE: 'ns',
  BUCKET_NAME: 'b',
  LOG_PREFIX: '',
  EVENT_BUS_NAME: 'bus',
  SECURITY_HUB: 'true',
};
const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org_trail.main';

describe('sweep', () => {
  async function run(trailLogging?: (region: string) => Promise<boolean>) {
    const h = harness();
    const keys = [0, 1, 2, 3, 4].map((i) => h.trail.deliver(i));
    // The newest two digests are deleted before they reach the verifier.
    h.s3.delete(h.trail.bucket, keys[3]);
    h.s3.delete(h.trail.bucket, keys[4]);
    await h.verify(keys[0], keys[1], keys[2]);
    const config = sweepConfig({ ...ENV, BUCKET_NAME: 'trail-bucket', TRAIL_ARN: trailLogging ? TRAIL_ARN : '' });
    const result = await sweep(config, { ...h.deps, now: () => new Date(T0 + 6 * HOUR), trailLogging });
    return { h, keys, result };
  }

  test('newest digests deleted: the chain is CHAIN_OVERDUE, ChainsOverdue 1', async () => {
    const { h, keys, result } = await run();
    expect(result).toEqual({ overdue: 1, scanned: 1 });
    expect(h.sink.findings.map((f) => [f.code, f.file.key])).toEqual([['CHAIN_OVERDUE', keys[2]]]);
    expect(h.metrics().pop()).toMatchObject({ ChainsOverdue: 1, Bucket: 'trail-bucket' });
  });

  test('a stopped trail (GetTrailStatus in the chain Region) is skipped, ChainsOverdue still emitted as 0', async () => {
    const regions: string[] = [];
    const { h, result } = await run(async (region) => {
      regions.push(region);
      return false;
    });
    expect(result.overdue).toBe(0);
    expect(regions).toEqual(['us-east-1']);
    expect(h.metrics().pop()).toMatchObject({ ChainsOverdue: 0 });
  });

  test('the scan is paginated and a fresh chain is not overdue', async () => {
    const h = harness();
    for (const region of ['a', 'b', 'c']) {
      await h.state.advance({
        ...{
          account: '1',
          homeRegion: 'r',
          trailName: 't',
          backfill: false,
          bucket: 'trail-bucket',
          lastDigestKey: region,
          lastStartTime: '',
          lastSignature: '',
          verifiedAt: '',
        },
        chain: region,
        region,
        lastEndTime: new Date(T0).toISOString(),
      });
    }
    const config = sweepConfig({ ...ENV, BUCKET_NAME: 'trail-bucket', OVERDUE_MINUTES: '150' });
    expect(await sweep(config, { ...h.deps, now: () => new Date(T0 + 2 * HOUR) })).toEqual({ overdue: 0, scanned: 3 });
    expect(await sweep(config, { ...h.deps, now: () => new Date(T0 + 3 * HOUR) })).toEqual({ overdue: 3, scanned: 3 });
  });
});

describe('entries', () => {
  test('a transient S3 error returns the record as a batch item failure; the retry verifies it', async () => {
    const h = harness();
    const key = h.trail.deliver(0);
    h.s3.failures = 1;
    const first = await handleBatch(
      { Records: [record(h.trail.bucket, key, 'm1'), { messageId: 'm2', body: 'not json' }] },
      h.cfg,
      h.deps,
    );
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(h.codes()).toEqual([]);
    const retry = await handleBatch({ Records: [record(h.trail.bucket, key, 'm1')] }, h.cfg, h.deps);
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(h.state.items.size).toBe(1);
  });

  test('env parsing: defaults, normalized prefix, refused values', () => {
    expect(verifyConfig({ ...ENV, LOG_PREFIX: '/p/q/' })).toEqual({
      stateTable: 't',
      metricNamespace: 'ns',
      bucketName: 'b',
      logPrefix: 'p/q',
      eventBusName: 'bus',
      securityHub: true,
    });
    expect(verifyConfig({ ...ENV, LOG_PREFIX: undefined, SECURITY_HUB: 'false' })).toMatchObject({
      logPrefix: '',
      securityHub: false,
    });
    expect(sweepConfig(ENV)).toMatchObject({ overdueMinutes: 150, trailArn: undefined });
    expect(sweepConfig({ ...ENV, OVERDUE_MINUTES: '90', TRAIL_ARN })).toMatchObject({
      overdueMinutes: 90,
      trailArn: TRAIL_ARN,
    });
    expect(() => verifyConfig({ ...ENV, STATE_TABLE: '' })).toThrow(/STATE_TABLE/);
    expect(() => verifyConfig({ ...ENV, SECURITY_HUB: 'yes' })).toThrow(/SECURITY_HUB/);
    expect(() => sweepConfig({ ...ENV, OVERDUE_MINUTES: '30' })).toThrow(/OVERDUE_MINUTES/);
    expect(() => sweepConfig({ ...ENV, TRAIL_ARN: 'my-trail' })).toThrow(/TRAIL_ARN/);
  });
});
