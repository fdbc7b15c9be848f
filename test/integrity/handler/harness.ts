import { handleBatch } from '../../../src/integrity/handler/batch';
import { VerifyConfig } from '../../../src/integrity/handler/env';
import { PublicKeyCache } from '../../../src/integrity/handler/public-keys';
import {
  FakeCloudTrail,
  FakeS3,
  FakeSink,
  FakeState,
  HOUR,
  record,
  Signer,
  T0,
  Trail,
  TrailOptions,
} from '../fixtures/cloudtrail';

export const CONFIG: VerifyConfig = {
  stateTable: 'state',
  metricNamespace: 'CloudTrailIntegrity',
  bucketName: 'trail-bucket',
  logPrefix: '',
  eventBusName: 'bus',
  securityHub: false,
};

// Key generation is the slow part: one pair per role, shared by every test file's harnesses.
export const SIGNER = new Signer();
export const OTHER_SIGNER = new Signer();

/** A trail in a fake account: its bucket, CloudTrail's keys, the state table and the finding sink. */
export function harness(trailOptions: TrailOptions = {}, config: Partial<VerifyConfig> = {}) {
  const s3 = new FakeS3();
  const cloudtrail = new FakeCloudTrail();
  cloudtrail.add(trailOptions.region ?? 'us-east-1', SIGNER, T0 - 30 * 24 * HOUR, T0 + 30 * 24 * HOUR);
  const state = new FakeState();
  const sink = new FakeSink();
  const lines: string[] = [];
  const trail = new Trail(s3, SIGNER, trailOptions);
  const cfg = { ...CONFIG, ...config };
  const write = (l: string) => lines.push(l);
  const deps = {
    store: s3,
    keys: new PublicKeyCache(cloudtrail),
    state,
    sink,
    write,
    now: () => new Date(T0 + 48 * HOUR),
  };
  /** Delivers the keys' events, one batch each, in the order given. */
  const verify = async (...keys: string[]) => {
    const responses = [];
    for (const key of keys) responses.push(await handleBatch({ Records: [record(trail.bucket, key)] }, cfg, deps));
    return responses;
  };
  const codes = () => sink.findings.map((f) => f.code);
  const metrics = () => lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { s3, cloudtrail, state, sink, lines, trail, deps, cfg, verify, codes, metrics };
}
