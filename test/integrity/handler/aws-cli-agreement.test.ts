import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { harness, OTHER_SIGNER, SIGNER } from './harness';
import { parseDigestKey } from '../../../src/integrity/handler/digest-key';
import { verifyLogFiles } from '../../../src/integrity/handler/log-files';
import { verifyDigest } from '../../../src/integrity/handler/verify-digest';
import { HOUR, T0 } from '../fixtures/cloudtrail';

const OUT = path.join(__dirname, '..', '..', '..', '.test-out', 'integrity-cli');

/** Every kind of digest and log file the fixture makes, valid and tampered, in one bucket. */
function corpus() {
  const h = harness();
  const org = harness({ organizationId: 'o-abc123def4', account: '444455556666' });
  const t = h.trail;
  const tamper = (
    key: string,
    body: (b: Buffer) => Buffer,
    meta: (m: Record<string, string>) => Record<string, string> = (m) => m,
  ) => {
    const stored = h.s3.objects.get(`trail-bucket/${key}`)!;
    h.s3.put('trail-bucket', key, body(stored.body), meta({ ...stored.metadata }));
  };
  const edit = (from: string, to: string) => (b: Buffer) =>
    zlib.gzipSync(zlib.gunzipSync(b).toString().replace(from, to));
  const d = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => t.deliver(i));
  tamper(d[1], edit('"logFiles":[{', '"logFiles":[{"x":1,'));
  tamper(
    d[2],
    (b) => b,
    (m) => ({ ...m, signature: m.signature.replace(/^../, '00') }),
  );
  tamper(
    d[3],
    (b) => b,
    (m) => ({ 'signature-algorithm': m['signature-algorithm'] }),
  );
  tamper(d[4], (b) => Buffer.concat([b, zlib.gzipSync('{}')]));
  tamper(d[5], (b) => b.subarray(0, b.length - 20));
  const replayed = t.digestKey(T0 + 40 * HOUR);
  h.s3.put(
    'trail-bucket',
    replayed,
    h.s3.objects.get(`trail-bucket/${d[0]}`)!.body,
    h.s3.objects.get(`trail-bucket/${d[0]}`)!.metadata,
  );
  const unknown = t.deliver(9, { signer: OTHER_SIGNER });
  const backfill = t.deliver(10, { backfill: true });
  const backfillNoStamp = t.deliver(11, { backfill: true });
  tamper(
    backfillNoStamp,
    (b) => b,
    (m) => ({ signature: m.signature, 'signature-algorithm': m['signature-algorithm'] }),
  );
  // The log files of d[6] and d[7], digests both sides accept, so both sides check them.
  const [log0, log1, log2, log3] = t.logs.slice(12, 16);
  tamper(log0, edit('GetObject', 'PutObject'));
  h.s3.delete('trail-bucket', log1);
  tamper(log2, (b) => Buffer.concat([b, zlib.gzipSync('{"Records":[]}')]));
  tamper(log3, (b) => Buffer.concat([b, Buffer.from('junk')]));
  const orgDigests = [0, 1].map((i) => org.trail.deliver(i));
  for (const [key, body] of org.s3.objects) h.s3.objects.set(key, body);
  return { h, digests: [...d, replayed, unknown, backfill, backfillNoStamp, ...orgDigests] };
}

/** awscli's known, deliberate differences: it ignores what follows the first gzip member (Python's zlib does). */
const DIVERGENCES = [
  'digest with an appended gzip member',
  'log file with an appended gzip member',
  'log file with appended bytes',
];

test('our verdict equals awscli validate-logs on every digest and log file, but for the gzip trailing data it ignores', async () => {
  const { h, digests } = corpus();
  const ours: Record<string, string> = {};
  const logs: { s3Bucket: string; s3Object: string; hashValue: string }[] = [];
  for (const key of digests) {
    const parsed = parseDigestKey(key, '')!;
    const verdict = await verifyDigest(
      { ...h.deps, state: new (h.state.constructor as new () => typeof h.state)() },
      'trail-bucket',
      parsed,
    );
    ours[key] = verdict.authentic ? 'valid' : 'invalid';
    if (!verdict.authentic) continue;
    const doc = JSON.parse(zlib.gunzipSync(h.s3.objects.get(`trail-bucket/${key}`)!.body).toString()) as {
      logFiles: typeof logs;
    };
    for (const log of doc.logFiles) {
      logs.push(log);
      ours[log.s3Object] = (await verifyLogFiles(h.s3, [log], { bucket: 'trail-bucket', key }, parsed.chain)).length
        ? 'invalid'
        : 'valid';
    }
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const objects: Record<string, { file: string; metadata: Record<string, string> }> = {};
  [...h.s3.objects.entries()].forEach(([name, object], i) => {
    fs.writeFileSync(path.join(OUT, `${i}.gz`), object.body);
    objects[name] = { file: path.join(OUT, `${i}.gz`), metadata: { ...object.metadata } };
  });
  const manifest = {
    keys: { [SIGNER.fingerprint]: SIGNER.publicKey },
    objects,
    logs,
    digests: digests.map((key) => {
      const p = parseDigestKey(key, '')!;
      return {
        bucket: 'trail-bucket',
        key,
        account: p.account,
        trail: p.trailName,
        homeRegion: p.homeRegion,
        region: p.region,
        org: p.organizationId,
      };
    }),
  };
  fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest));
  const script = path.join(__dirname, '..', 'fixtures', 'cli_agreement.py');
  const cli = JSON.parse(execFileSync('python3', [script, path.join(OUT, 'manifest.json')]).toString()) as Record<
    string,
    string
  >;
  const disagreements = Object.keys(ours).filter((k) => ours[k] !== (cli[k] === 'valid' ? 'valid' : 'invalid'));
  const names: Record<string, string> = {
    [digests[4]]: DIVERGENCES[0],
    [h.trail.logs[14]]: DIVERGENCES[1],
    [h.trail.logs[15]]: DIVERGENCES[2],
  };
  const described = disagreements.map((k) => names[k] ?? k);
  expect(described.sort()).toEqual([...DIVERGENCES].sort());
  // Both sides accept and refuse: the comparison is not vacuous.
  expect(Object.values(cli).filter((v) => v === 'valid').length).toBeGreaterThan(5);
  expect(Object.values(cli).filter((v) => v !== 'valid').length).toBeGreaterThan(5);
  for (const k of disagreements) expect([ours[k], cli[k]]).toEqual(['invalid', 'valid']);
  fs.rmSync(OUT, { recursive: true, force: true });
}, 20000);
