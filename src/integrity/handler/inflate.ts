import { GzipOutcome, readGzip, single } from './gzip';

/** A small gzip file (a digest) inflated whole, with how its gzip stream ended. */
export async function inflate(body: Buffer): Promise<{ readonly outcome: GzipOutcome; readonly content: Buffer }> {
  const parts: Buffer[] = [];
  const outcome = await readGzip(single(body), (data) => parts.push(data));
  return { outcome, content: Buffer.concat(parts) };
}
