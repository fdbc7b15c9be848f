import { parseDigestKey } from './digest-key';
import { VerifyConfig } from './env';
import { writeMetrics } from './report';
import { FindingSink, LineWriter } from './types';
import { verifyDigest, VerifierPorts } from './verify-digest';

/** The SQS event the verifier's queue delivers: each body an EventBridge "Object Created" event from S3. */
export interface SqsEvent {
  readonly Records: readonly { readonly messageId: string; readonly body: string }[];
}

export interface SqsBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

export interface BatchDeps extends VerifierPorts {
  readonly sink: FindingSink;
  readonly write: LineWriter;
}

/** The object an "Object Created" event names, or undefined for anything else. */
export function objectCreated(body: string): { bucket: string; key: string } | undefined {
  try {
    const event = JSON.parse(body) as { detail?: { bucket?: { name?: unknown }; object?: { key?: unknown } } };
    const bucket = event.detail?.bucket?.name;
    const key = event.detail?.object?.key;
    return typeof bucket === 'string' && typeof key === 'string' ? { bucket, key } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies each record's digest. A record that threw (throttling, network, any SDK error) is returned as a batch item
 * failure so SQS delivers it again; an integrity failure is a finding and the record is done.
 */
export async function handleBatch(event: SqsEvent, config: VerifyConfig, deps: BatchDeps): Promise<SqsBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  let verified = 0;
  let findings = 0;
  for (const record of event.Records) {
    const object = objectCreated(record.body);
    // Not the trail's bucket, not a digest, not under the trail's prefix: the rule should not have sent it; skip it.
    const digest =
      object && object.bucket === config.bucketName ? parseDigestKey(object.key, config.logPrefix) : undefined;
    if (!object || !digest) {
      deps.write(
        JSON.stringify({
          level: 'info',
          message: 'ignored: not a digest of this trail',
          messageId: record.messageId,
          object,
        }),
      );
      continue;
    }
    try {
      const verdict = await verifyDigest(deps, object.bucket, digest);
      await deps.sink.publish(verdict.findings);
      verified += 1;
      findings += verdict.findings.length;
      deps.write(JSON.stringify({ level: verdict.findings.length ? 'error' : 'info', ...verdict }));
    } catch (error) {
      failures.push({ itemIdentifier: record.messageId });
      deps.write(
        JSON.stringify({
          level: 'warn',
          message: 'transient failure, SQS will retry',
          messageId: record.messageId,
          error: String(error),
        }),
      );
    }
  }
  writeMetrics(
    deps.write,
    config.metricNamespace,
    config.bucketName,
    { DigestsVerified: verified, IntegrityFailures: findings },
    deps.now(),
  );
  return { batchItemFailures: failures };
}
