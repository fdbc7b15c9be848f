import { checkPrevious } from './chain';
import { DigestDocument, parseDigestDocument } from './digest-document';
import { DigestKey } from './digest-key';
import { inflate } from './inflate';
import { verifyLogFiles } from './log-files';
import { PublicKeyCache } from './public-keys';
import { signatureValid, stringToSign } from './signature';
import { ChainState, Finding, ObjectStore, S3Location, StateStore, StoredObject } from './types';

export interface VerifierPorts {
  readonly store: ObjectStore;
  readonly keys: PublicKeyCache;
  readonly state: StateStore;
  readonly now: () => Date;
}

export interface DigestVerdict {
  readonly digest: S3Location;
  readonly chain: string;
  /** The digest itself is what CloudTrail signed, where it wrote it (awscli's "valid" for a digest). */
  readonly authentic: boolean;
  readonly findings: Finding[];
  /** The digest restarts its chain (null previous fields). */
  readonly gap: boolean;
}

interface Authentic {
  readonly doc: DigestDocument;
  readonly signature: string;
}

/**
 * Verifies the digest at `bucket`/`digest.key`: itself, its log files, its link to the previous digest; then the state.
 */
export async function verifyDigest(ports: VerifierPorts, bucket: string, digest: DigestKey): Promise<DigestVerdict> {
  const here = { bucket, key: digest.key };
  const stored = await ports.store.get(here);
  const fail = (code: Finding['code'], message: string): DigestVerdict => ({
    digest: here,
    chain: digest.chain,
    authentic: false,
    gap: false,
    findings: [{ code, file: here, digest: here, chain: digest.chain, message }],
  });
  if (!stored) {
    return fail('DIGEST_MISSING', `digest s3://${bucket}/${digest.key} was deleted before it could be verified`);
  }
  const checked = await authenticate(ports.keys, stored, here, digest);
  if (!('doc' in checked)) return fail(checked[0], checked[1]);
  const before = await ports.state.get(digest.chain);
  const logFindings = await verifyLogFiles(ports.store, checked.doc.logFiles, here, digest.chain);
  const link = await checkPrevious(ports.store, checked.doc, digest, bucket, before);
  await ports.state.advance(chainState(digest, bucket, checked, ports.now()));
  return {
    digest: here,
    chain: digest.chain,
    authentic: true,
    gap: link.gap,
    findings: [...logFindings, ...link.findings],
  };
}

type Failure = readonly [Finding['code'], string];

/**
 * The digest's own checks, in awscli's order; the first failure ends them (the rest of an untrusted digest means
 * nothing).
 */
async function authenticate(
  keys: PublicKeyCache,
  stored: StoredObject,
  here: S3Location,
  digest: DigestKey,
): Promise<Authentic | Failure> {
  const { outcome, content } = await inflate(stored.body);
  if (outcome !== 'ok') {
    return [
      'DIGEST_MALFORMED',
      outcome === 'trailing' ? 'the digest has data after its gzip stream' : 'the digest is not a whole gzip file',
    ];
  }
  const doc = parseDigestDocument(content);
  if (typeof doc === 'string') return ['DIGEST_MALFORMED', doc];
  const signature = stored.metadata.signature;
  if (signature === undefined || stored.metadata['signature-algorithm'] === undefined) {
    return ['SIGNATURE_INVALID', 'the digest has no signature or signature-algorithm metadata'];
  }
  const signedAt = signingTime(doc, stored, digest);
  if (!signedAt) return ['DIGEST_MALFORMED', 'the backfill digest has no valid backfill-generation-timestamp metadata'];
  if (doc.digestS3Bucket !== here.bucket || doc.digestS3Object !== here.key) {
    return [
      'DIGEST_LOCATION_MISMATCH',
      `the digest says it is s3://${doc.digestS3Bucket}/${doc.digestS3Object}: moved, replayed, or altered fields`,
    ];
  }
  const key = await keys.find(digest.region, doc.digestPublicKeyFingerprint, signedAt);
  if (!key) {
    return [
      'PUBLIC_KEY_UNKNOWN',
      `CloudTrail in ${digest.region} has no public key ${doc.digestPublicKeyFingerprint} valid at ${signedAt.toISOString()}`,
    ];
  }
  if (!signatureValid(key.value, signature, stringToSign(doc, content))) {
    return ['SIGNATURE_INVALID', 'the SHA256withRSA signature does not verify'];
  }
  return { doc, signature };
}

/** When CloudTrail signed it: a backfill digest when it was generated (its metadata), any other at its end. */
function signingTime(doc: DigestDocument, stored: StoredObject, digest: DigestKey): Date | undefined {
  if (!digest.backfill) return new Date(doc.digestEndTime);
  const generated = stored.metadata['backfill-generation-timestamp'];
  const at = generated === undefined ? NaN : Date.parse(generated);
  return Number.isNaN(at) ? undefined : new Date(at);
}

function chainState(digest: DigestKey, bucket: string, checked: Authentic, now: Date): ChainState {
  return {
    chain: digest.chain,
    account: digest.account,
    region: digest.region,
    homeRegion: digest.homeRegion,
    trailName: digest.trailName,
    organizationId: digest.organizationId,
    backfill: digest.backfill,
    bucket,
    lastDigestKey: digest.key,
    lastStartTime: new Date(checked.doc.digestStartTime).toISOString(),
    lastEndTime: new Date(checked.doc.digestEndTime).toISOString(),
    lastSignature: checked.signature,
    verifiedAt: now.toISOString(),
  };
}
