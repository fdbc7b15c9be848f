/** The digest fields the verifier reads (CloudTrail User Guide, "CloudTrail digest file structure"). */
export interface DigestDocument {
  readonly digestStartTime: string;
  readonly digestEndTime: string;
  readonly digestS3Bucket: string;
  readonly digestS3Object: string;
  readonly digestPublicKeyFingerprint: string;
  readonly previousDigestS3Bucket: string | null;
  readonly previousDigestS3Object: string | null;
  readonly previousDigestHashValue: string | null;
  readonly previousDigestSignature: string | null;
  readonly logFiles: readonly LogFileEntry[];
}

export interface LogFileEntry {
  readonly s3Bucket: string;
  readonly s3Object: string;
  readonly hashValue: string;
}

// awscli's DigestTraverser.required_digest_keys: without them a digest has an invalid format.
const REQUIRED = [
  'digestPublicKeyFingerprint',
  'digestS3Bucket',
  'digestS3Object',
  'previousDigestSignature',
  'digestEndTime',
  'digestStartTime',
];

/** The document, or a reason it is malformed. */
export function parseDigestDocument(inflated: Buffer): DigestDocument | string {
  let raw: unknown;
  try {
    raw = JSON.parse(inflated.toString('utf8'));
  } catch {
    return 'the digest is not JSON';
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'the digest is not a JSON object';
  const doc = raw as Record<string, unknown>;
  const missing = REQUIRED.filter((name) => !(name in doc));
  if (missing.length > 0) return `the digest lacks ${missing.join(', ')}`;
  const strings = [
    'digestStartTime',
    'digestEndTime',
    'digestS3Bucket',
    'digestS3Object',
    'digestPublicKeyFingerprint',
  ];
  const wrong = strings.filter((name) => typeof doc[name] !== 'string');
  if (wrong.length > 0) return `the digest's ${wrong.join(', ')} are not strings`;
  if (
    Number.isNaN(Date.parse(doc.digestEndTime as string)) ||
    Number.isNaN(Date.parse(doc.digestStartTime as string))
  ) {
    return "the digest's start or end time is not a date";
  }
  const logFiles = doc.logFiles ?? [];
  if (!Array.isArray(logFiles) || !logFiles.every(isLogFileEntry)) return "the digest's logFiles are not well formed";
  return {
    ...(doc as unknown as DigestDocument),
    previousDigestS3Bucket: nullableString(doc.previousDigestS3Bucket),
    previousDigestS3Object: nullableString(doc.previousDigestS3Object),
    previousDigestHashValue: nullableString(doc.previousDigestHashValue),
    previousDigestSignature: nullableString(doc.previousDigestSignature),
    logFiles,
  };
}

function isLogFileEntry(entry: unknown): entry is LogFileEntry {
  const e = entry as Record<string, unknown> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.s3Bucket === 'string' &&
    typeof e.s3Object === 'string' &&
    typeof e.hashValue === 'string'
  );
}

function nullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
