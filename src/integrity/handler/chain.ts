import * as crypto from 'crypto';
import { DigestDocument } from './digest-document';
import { DigestKey, parseDigestKey } from './digest-key';
import { inflate } from './inflate';
import { ChainState, Finding, ObjectStore, S3Location } from './types';

/** A previous digest ending more than this before the missing one means more than one digest is gone. */
const ONE_DIGEST_MS = 90 * 60 * 1000;
/** Keys listed when looking for the digests between the newest verified one and a missing one. */
const LIST_LIMIT = 1000;

export interface LinkCheck {
  readonly findings: Finding[];
  /** The digest starts a chain (after StartLogging or enabling validation): a gap, not a failure. */
  readonly gap: boolean;
}

/**
 * The link to the previous digest: it exists, its inflated content hashes to previousDigestHashValue (as the User Guide
 * defines it) and its signature metadata is previousDigestSignature. awscli checks neither: it only walks to the
 * previous key.
 */
export async function checkPrevious(
  store: ObjectStore,
  doc: DigestDocument,
  digest: DigestKey,
  bucket: string,
  before: ChainState | undefined,
): Promise<LinkCheck> {
  if (doc.previousDigestSignature === null) return { findings: [], gap: true };
  const here = { bucket, key: digest.key };
  const finding = (code: Finding['code'], file: S3Location, message: string): Finding => ({
    code,
    file,
    digest: here,
    chain: digest.chain,
    message,
  });
  if (doc.previousDigestS3Object === null) {
    return {
      findings: [finding('DIGEST_MALFORMED', here, 'the digest has a previous signature but no previous digest key')],
      gap: false,
    };
  }
  const previous = { bucket: doc.previousDigestS3Bucket ?? bucket, key: doc.previousDigestS3Object };
  const stored = await store.get(previous);
  if (!stored) {
    const missing = finding(
      'DIGEST_MISSING',
      previous,
      `previous digest s3://${previous.bucket}/${previous.key} is not in the bucket`,
    );
    return { findings: [missing, ...(await missingBefore(store, previous, digest, before, here))], gap: false };
  }
  const findings: Finding[] = [];
  const hash = crypto
    .createHash('sha256')
    .update((await inflate(stored.body)).content)
    .digest('hex');
  if (hash !== doc.previousDigestHashValue) {
    findings.push(
      finding(
        'PREVIOUS_DIGEST_HASH_MISMATCH',
        previous,
        `previous digest hashes to ${hash}, this digest says ${doc.previousDigestHashValue}`,
      ),
    );
  }
  if (stored.metadata.signature !== doc.previousDigestSignature) {
    findings.push(
      finding(
        'PREVIOUS_SIGNATURE_MISMATCH',
        previous,
        "previous digest's signature metadata is not the previousDigestSignature this digest signs",
      ),
    );
  }
  return { findings, gap: false };
}

/**
 * When the previous digest is gone, the digests between the chain's newest verified one and it may be gone too (awscli
 * reports such a run as one missing digest, aws-cli #7054). The bucket is listed between the two: when no digest of
 * the chain lies there, the period is reported with both neighbours named.
 */
async function missingBefore(
  store: ObjectStore,
  previous: S3Location,
  digest: DigestKey,
  before: ChainState | undefined,
  here: S3Location,
): Promise<Finding[]> {
  const missingKey = parseDigestKey(previous.key, digest.prefix);
  if (!before || !missingKey || before.lastDigestKey === previous.key) return [];
  const lastEnd = Date.parse(before.lastEndTime);
  if (missingKey.endTime.getTime() - lastEnd <= ONE_DIGEST_MS) return [];
  const keys = await store.list(previous.bucket, digest.listPrefix, before.lastDigestKey, LIST_LIMIT);
  const between = keys.filter(
    (key) => key < previous.key && parseDigestKey(key, digest.prefix)?.chain === digest.chain,
  );
  if (between.length > 0) return [];
  return [
    {
      code: 'DIGEST_MISSING',
      file: { bucket: previous.bucket, key: `${digest.listPrefix}${datePath(new Date(lastEnd + 60 * 60 * 1000))}/` },
      digest: here,
      chain: digest.chain,
      period: { from: before.lastEndTime, to: missingKey.endTime.toISOString() },
      message:
        `no digest of the chain lies between s3://${previous.bucket}/${before.lastDigestKey} (ended ${before.lastEndTime}) ` +
        `and the missing s3://${previous.bucket}/${previous.key}: the digest(s) covering that period are missing too`,
    },
  ];
}

function datePath(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '/');
}
