/** Stable codes: alarms, rules and Security Hub insights match on them, so they never change meaning. */
export type FindingCode =
  | 'SIGNATURE_INVALID'
  | 'DIGEST_LOCATION_MISMATCH'
  | 'DIGEST_MALFORMED'
  | 'PUBLIC_KEY_UNKNOWN'
  | 'LOG_FILE_MISSING'
  | 'LOG_FILE_HASH_MISMATCH'
  | 'LOG_FILE_TRAILING_DATA'
  | 'LOG_FILE_MALFORMED'
  | 'DIGEST_MISSING'
  | 'PREVIOUS_DIGEST_HASH_MISMATCH'
  | 'PREVIOUS_SIGNATURE_MISMATCH'
  | 'CHAIN_OVERDUE';

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

/** One integrity failure: what is wrong, with which file, found through which digest, in which chain. */
export interface Finding {
  readonly code: FindingCode;
  /** The file concerned (log file, digest, or the missing digest's expected key). */
  readonly file: S3Location;
  /** The digest whose verification found it (for CHAIN_OVERDUE: the chain's newest digest). */
  readonly digest: S3Location;
  readonly chain: string;
  readonly message: string;
  /** For a run of missing digests: the period nothing verifiable covers. */
  readonly period?: { readonly from: string; readonly to: string };
}

/** An object read whole (digests are small). */
export interface StoredObject {
  readonly body: Buffer;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * S3 as the verifier sees it. A missing object is `undefined`; every other failure (throttling, network, access)
 * throws,
 * so the SQS record is retried instead of being reported as tampering.
 */
export interface ObjectStore {
  get(location: S3Location): Promise<StoredObject | undefined>;
  /** The object's bytes as they arrive, so large log files are never held whole. */
  stream(location: S3Location): Promise<AsyncIterable<Uint8Array> | undefined>;
  /** Keys after `startAfter` under `prefix`, in S3's (lexicographic) order, at most `limit`. */
  list(bucket: string, prefix: string, startAfter: string, limit: number): Promise<readonly string[]>;
}

export interface PublicKey {
  readonly fingerprint: string;
  /** PKCS#1 RSAPublicKey, DER, base64: the form awscli decodes. */
  readonly value: string;
  readonly validFrom: Date;
  readonly validTo: Date;
}

/** CloudTrail ListPublicKeys in one Region (the keys are per Region). */
export interface PublicKeySource {
  list(region: string, start: Date, end: Date): Promise<readonly PublicKey[]>;
}

/** The newest verified digest of one chain. */
export interface ChainState {
  readonly chain: string;
  readonly account: string;
  readonly region: string;
  readonly homeRegion: string;
  readonly trailName: string;
  readonly organizationId?: string;
  readonly backfill: boolean;
  readonly bucket: string;
  readonly lastDigestKey: string;
  readonly lastStartTime: string;
  readonly lastEndTime: string;
  readonly lastSignature: string;
  readonly verifiedAt: string;
}

export interface StateStore {
  get(chain: string): Promise<ChainState | undefined>;
  /** Writes only if the chain has no state or its newest digest ended before this one; says whether it wrote. */
  advance(state: ChainState): Promise<boolean>;
  /** One page of the table; `cursor` continues it. */
  scan(cursor?: string): Promise<{ readonly items: readonly ChainState[]; readonly cursor?: string }>;
}

/** Where findings go (EventBridge, and Security Hub when enabled). */
export interface FindingSink {
  publish(findings: readonly Finding[]): Promise<void>;
}

/** Prints one line to stdout: Embedded Metric Format lines become CloudWatch metrics without PutMetricData. */
export type LineWriter = (line: string) => void;
