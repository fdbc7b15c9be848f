import * as crypto from 'crypto';
import { LogFileEntry } from './digest-document';
import { readGzip } from './gzip';
import { Finding, ObjectStore, S3Location } from './types';

/** Log files read at once: each streams through a hash, so memory stays a few S3 chunks per file. */
export const LOG_FILE_CONCURRENCY = 4;

/** Every log file the digest lists, checked against its hash; the findings, in the digest's order. */
export async function verifyLogFiles(
  store: ObjectStore,
  entries: readonly LogFileEntry[],
  digest: S3Location,
  chain: string,
): Promise<Finding[]> {
  const results: (Finding | undefined)[] = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const index = next++;
      results[index] = await verifyLogFile(store, entries[index], digest, chain);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOG_FILE_CONCURRENCY, entries.length) }, worker));
  return results.filter((f): f is Finding => f !== undefined);
}

async function verifyLogFile(
  store: ObjectStore,
  entry: LogFileEntry,
  digest: S3Location,
  chain: string,
): Promise<Finding | undefined> {
  const file = { bucket: entry.s3Bucket, key: entry.s3Object };
  const finding = (code: Finding['code'], message: string): Finding => ({ code, file, digest, chain, message });
  const body = await store.stream(file);
  if (!body) {
    return finding(
      'LOG_FILE_MISSING',
      `log file s3://${file.bucket}/${file.key} listed in the digest is not in the bucket`,
    );
  }
  const hash = crypto.createHash('sha256');
  const outcome = await readGzip(body, (data) => hash.update(data));
  if (outcome === 'malformed') {
    return finding('LOG_FILE_MALFORMED', `log file s3://${file.bucket}/${file.key} is not a whole gzip file`);
  }
  if (outcome === 'trailing') {
    return finding(
      'LOG_FILE_TRAILING_DATA',
      `log file s3://${file.bucket}/${file.key} has data after its gzip stream (appended member or bytes)`,
    );
  }
  const actual = hash.digest('hex');
  if (actual !== entry.hashValue) {
    return finding(
      'LOG_FILE_HASH_MISMATCH',
      `log file s3://${file.bucket}/${file.key} hashes to ${actual}, the digest says ${entry.hashValue}`,
    );
  }
  return undefined;
}
