import * as zlib from 'zlib';
import { harness, OTHER_SIGNER } from './harness';
import { HOUR, T0 } from '../fixtures/cloudtrail';

function gunzip(buf: Buffer): string {
  return zlib.gunzipSync(buf).toString();
}

describe('verify-digest', () => {
  test('a valid chain passes, advances the state and emits both metrics, IntegrityFailures 0', async () => {
    const h = harness();
    const keys = [0, 1, 2].map((i) => h.trail.deliver(i));
    await h.verify(...keys);
    expect(h.codes()).toEqual([]);
    const state = [...h.state.items.values()];
    expect(state).toHaveLength(1);
    expect(state[0].lastDigestKey).toBe(keys[2]);
    expect(h.metrics()[2]).toMatchObject({ Bucket: 'trail-bucket', DigestsVerified: 1, IntegrityFailures: 0 });
    expect((h.metrics()[0]._aws as { CloudWatchMetrics: unknown[] }).CloudWatchMetrics).toEqual([
      {
        Namespace: 'CloudTrailIntegrity',
        Dimensions: [['Bucket']],
        Metrics: [
          { Name: 'DigestsVerified', Unit: 'Count' },
          { Name: 'IntegrityFailures', Unit: 'Count' },
        ],
      },
    ]);
  });

  test('an altered log file is LOG_FILE_HASH_MISMATCH naming the file, digest and chain', async () => {
    const h = harness();
    const key = h.trail.deliver(0);
    const log = h.trail.logs[1];
    h.s3.put(
      h.trail.bucket,
      log,
      zlib.gzipSync(gunzip(h.s3.objects.get(`trail-bucket/${log}`)!.body).replace('GetObject', 'PutObject')),
    );
    await h.verify(key);
    expect(h.sink.findings).toEqual([
      expect.objectContaining({
        code: 'LOG_FILE_HASH_MISMATCH',
        file: { bucket: 'trail-bucket', key: log },
        digest: { bucket: 'trail-bucket', key },
        chain: '111122223333/us-east-1/org_trail.main@us-east-1',
      }),
    ]);
    expect(h.metrics()[0]).toMatchObject({ IntegrityFailures: 1, DigestsVerified: 1 });
  });

  test('a deleted log file is LOG_FILE_MISSING', async () => {
    const h = harness();
    const key = h.trail.deliver(0);
    h.s3.delete(h.trail.bucket, h.trail.logs[0]);
    await h.verify(key);
    expect(h.sink.findings.map((f) => [f.code, f.file.key])).toEqual([['LOG_FILE_MISSING', h.trail.logs[0]]]);
  });

  test('a log file with a second gzip member appended is LOG_FILE_TRAILING_DATA, garbage too', async () => {
    const h = harness();
    const key = h.trail.deliver(0);
    for (const [log, extra] of [
      [h.trail.logs[0], zlib.gzipSync('{"Records":[]}')],
      [h.trail.logs[1], Buffer.from('junk')],
    ] as const) {
      h.s3.put(h.trail.bucket, log, Buffer.concat([h.s3.objects.get(`trail-bucket/${log}`)!.body, extra]));
    }
    await h.verify(key);
    expect(h.codes()).toEqual(['LOG_FILE_TRAILING_DATA', 'LOG_FILE_TRAILING_DATA']);
  });

  test('an altered digest is SIGNATURE_INVALID and does not advance the chain', async () => {
    const h = harness();
    const key = h.trail.deliver(0);
    const stored = h.s3.objects.get(`trail-bucket/${key}`)!;
    h.s3.put(
      h.trail.bucket,
      key,
      zlib.gzipSync(gunzip(stored.body).replace('"logFiles":[{', '"logFiles":[{"x":1,')),
      stored.metadata,
    );
    await h.verify(key);
    expect(h.codes()).toEqual(['SIGNATURE_INVALID']);
    expect(h.state.items.size).toBe(0);
  });

  test('a digest signed with another key (same fingerprint claimed) is SIGNATURE_INVALID', async () => {
    const h = harness();
    const forged = h.trail.deliver(0, { signer: OTHER_SIGNER });
    const stored = h.s3.objects.get(`trail-bucket/${forged}`)!;
    const claimed = gunzip(stored.body).replace(OTHER_SIGNER.fingerprint, h.trail.signer.fingerprint);
    // Re-signed by the other key over the claimed content: a valid signature, by the wrong key.
    h.s3.put(h.trail.bucket, forged, zlib.gzipSync(claimed), stored.metadata);
    await h.verify(forged);
    expect(h.codes()).toEqual(['SIGNATURE_INVALID']);
  });

  test('an unknown fingerprint is PUBLIC_KEY_UNKNOWN', async () => {
    const h = harness();
    await h.verify(h.trail.deliver(0, { signer: OTHER_SIGNER }));
    expect(h.codes()).toEqual(['PUBLIC_KEY_UNKNOWN']);
  });

  test('a digest replayed at another key, and one with wrong bucket or key fields, are DIGEST_LOCATION_MISMATCH', async () => {
    const h = harness();
    const key = h.trail.deliver(0);
    const replayed = h.trail.digestKey(T0 + 5 * HOUR);
    h.s3.put(
      h.trail.bucket,
      replayed,
      h.s3.objects.get(`trail-bucket/${key}`)!.body,
      h.s3.objects.get(`trail-bucket/${key}`)!.metadata,
    );
    const other = harness({ bucket: 'other-bucket' }, { bucketName: 'other-bucket' });
    const foreign = h.s3.objects.get(`trail-bucket/${key}`)!;
    other.s3.put('other-bucket', key, foreign.body, foreign.metadata);
    await h.verify(replayed);
    await other.verify(key);
    expect(h.codes()).toEqual(['DIGEST_LOCATION_MISMATCH']);
    expect(other.codes()).toEqual(['DIGEST_LOCATION_MISMATCH']);
  });

  test('key rotation between digests: each digest verifies with the key valid when it was signed', async () => {
    const h = harness();
    h.cloudtrail.keys.length = 0;
    h.cloudtrail.add('us-east-1', h.trail.signer, T0 - 10 * HOUR, T0 + 2 * HOUR);
    h.cloudtrail.add('us-east-1', OTHER_SIGNER, T0 + 2 * HOUR, T0 + 30 * HOUR);
    const first = h.trail.deliver(0);
    const second = h.trail.deliver(4, { signer: OTHER_SIGNER });
    await h.verify(first, second);
    expect(h.codes()).toEqual([]);
    // The old key is not accepted long after its validity ended.
    const late = h.trail.deliver(20);
    await h.verify(late);
    expect(h.codes()).toEqual(['PUBLIC_KEY_UNKNOWN']);
  });

  test('a digest deleted in the middle is DIGEST_MISSING, named by the next digest', async () => {
    const h = harness();
    const keys = [0, 1, 2, 3].map((i) => h.trail.deliver(i));
    h.s3.delete(h.trail.bucket, keys[2]);
    await h.verify(keys[0], keys[1], keys[3]);
    expect(h.sink.findings.map((f) => [f.code, f.file.key, f.digest.key])).toEqual([
      ['DIGEST_MISSING', keys[2], keys[3]],
    ]);
  });

  test('two consecutive deleted digests are both reported, the unnamed one with its period', async () => {
    const h = harness();
    const keys = [0, 1, 2, 3, 4].map((i) => h.trail.deliver(i));
    h.s3.delete(h.trail.bucket, keys[2]);
    h.s3.delete(h.trail.bucket, keys[3]);
    await h.verify(keys[0], keys[1], keys[4]);
    expect(h.codes()).toEqual(['DIGEST_MISSING', 'DIGEST_MISSING']);
    expect(h.sink.findings[0].file.key).toBe(keys[3]);
    expect(h.sink.findings[1].period).toEqual({ from: '2026-03-01T02:00:37.000Z', to: '2026-03-01T04:00:37.000Z' });
    expect(h.sink.findings[1].message).toContain(keys[1]);
  });

  test('an altered previous digest is PREVIOUS_DIGEST_HASH_MISMATCH, a swapped signature PREVIOUS_SIGNATURE_MISMATCH', async () => {
    const h = harness();
    const keys = [0, 1].map((i) => h.trail.deliver(i));
    const first = h.s3.objects.get(`trail-bucket/${keys[0]}`)!;
    h.s3.put(h.trail.bucket, keys[0], zlib.gzipSync(gunzip(first.body) + ' '), {
      ...first.metadata,
      signature: 'ab'.repeat(256),
    });
    await h.verify(keys[1]);
    expect(h.codes()).toEqual(['PREVIOUS_DIGEST_HASH_MISMATCH', 'PREVIOUS_SIGNATURE_MISMATCH']);
  });

  test('a digest with a second gzip member appended is DIGEST_MALFORMED', async () => {
    const h = harness();
    const key = h.trail.deliver(0);
    const stored = h.s3.objects.get(`trail-bucket/${key}`)!;
    h.s3.put(h.trail.bucket, key, Buffer.concat([stored.body, zlib.gzipSync('{}')]), stored.metadata);
    await h.verify(key);
    expect(h.codes()).toEqual(['DIGEST_MALFORMED']);
  });

  test('stop and start: a digest with null previous fields is a gap, not a failure', async () => {
    const h = harness();
    const before = h.trail.deliver(0);
    const after = h.trail.deliver(6, { restart: true });
    await h.verify(before, after);
    expect(h.codes()).toEqual([]);
    expect(h.lines.some((l) => l.includes('"gap":true'))).toBe(true);
    expect([...h.state.items.values()][0].lastDigestKey).toBe(after);
  });

  test('out-of-order arrival never moves the chain back', async () => {
    const h = harness();
    const keys = [0, 1, 2].map((i) => h.trail.deliver(i));
    await h.verify(keys[2], keys[0], keys[1]);
    expect(h.codes()).toEqual([]);
    expect([...h.state.items.values()][0].lastDigestKey).toBe(keys[2]);
  });

  test('backfill digests verify with the key valid at their generation time, in their own chain', async () => {
    const h = harness();
    const regular = h.trail.deliver(0);
    const backfills = [1, 2].map((i) => h.trail.deliver(i, { backfill: true }));
    await h.verify(regular, ...backfills);
    expect(h.codes()).toEqual([]);
    expect([...h.state.items.keys()].sort()).toEqual([
      '111122223333/us-east-1/org_trail.main@us-east-1',
      '111122223333/us-east-1/org_trail.main@us-east-1#backfill',
    ]);
    const stored = h.s3.objects.get(`trail-bucket/${backfills[1]}`)!;
    h.s3.put(h.trail.bucket, backfills[1], stored.body, { ...stored.metadata, 'backfill-generation-timestamp': 'x' });
    await h.verify(backfills[1]);
    expect(h.codes()).toEqual(['DIGEST_MALFORMED']);
  });

  test('organization layout under a prefix, in another Region, calls ListPublicKeys in that Region once', async () => {
    const h = harness(
      { organizationId: 'o-abc123def4', account: '444455556666', region: 'eu-west-1', prefix: 'org/logs' },
      { logPrefix: 'org/logs' },
    );
    const keys = [0, 1, 2].map((i) => h.trail.deliver(i));
    expect(keys[0]).toMatch(
      /^org\/logs\/AWSLogs\/o-abc123def4\/444455556666\/CloudTrail-Digest\/eu-west-1\/2026\/03\/01\//,
    );
    await h.verify(...keys);
    expect(h.codes()).toEqual([]);
    expect([...h.state.items.keys()]).toEqual(['o-abc123def4/444455556666/eu-west-1/org_trail.main@us-east-1']);
    expect(h.cloudtrail.calls).toBe(1);
  });

  test('keys that are not digests of this trail, or lie outside LOG_PREFIX, are ignored', async () => {
    const h = harness({ prefix: 'a' }, { logPrefix: 'a' });
    const key = h.trail.deliver(0);
    await h.verify(key.replace(/^a\//, 'b/'), h.trail.logs[0], `a/${key}`);
    expect(h.codes()).toEqual([]);
    expect(h.metrics().map((m) => m.DigestsVerified)).toEqual([0, 0, 0]);
  });
});
