/* eslint-disable no-bitwise -- RFC 1952 header flags and the unsigned CRC-32 are bit fields. */
import * as zlib from 'zlib';

/**
 * How a gzip file read: `trailing` when bytes follow its first member (a second member or garbage), `malformed` when it
 * is not one whole gzip member (bad header, corrupt or truncated deflate data, wrong CRC or length).
 */
export type GzipOutcome = 'ok' | 'trailing' | 'malformed';

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
/** A header longer than this (a huge file name or extra field) is not one CloudTrail writes. */
const MAX_HEADER = 65536;

/** The header's length (RFC 1952, 2.3), 0 while more bytes are needed, -1 when it is not a gzip header. */
export function gzipHeaderLength(buf: Buffer): number {
  if (buf.length >= 3 && (buf[0] !== 0x1f || buf[1] !== 0x8b || buf[2] !== 8)) return -1;
  if (buf.length < 10) return 0;
  const flags = buf[3];
  let pos = 10;
  if (flags & FEXTRA) {
    if (buf.length < pos + 2) return 0;
    pos += 2 + buf.readUInt16LE(pos);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const end = buf.indexOf(0, pos);
    if (end < 0) return 0;
    pos = end + 1;
  }
  if (flags & FHCRC) pos += 2;
  return buf.length < pos ? 0 : pos;
}

/**
 * Inflates one gzip member as it streams in, handing each inflated piece to `sink`. Node's gunzip would silently go on
 * into a second member and Python's zlib silently stops before it; both hide appended data, so the member is inflated
 * raw and its end checked by hand: exactly the 8-byte trailer must follow the deflate data.
 */
export async function readGzip(chunks: AsyncIterable<Uint8Array>, sink: (data: Buffer) => void): Promise<GzipOutcome> {
  let head = Buffer.alloc(0);
  let headerLength = 0;
  let total = 0;
  let tail = Buffer.alloc(0);
  let inflated = 0;
  let crc = 0;
  const inflater = zlib.createInflateRaw();
  const done = new Promise<boolean>((resolve) => {
    inflater.on('data', (data: Buffer) => {
      inflated += data.length;
      crc = zlib.crc32(data, crc);
      sink(data);
    });
    inflater.on('end', () => resolve(true));
    inflater.on('error', () => resolve(false));
  });
  for await (const piece of chunks) {
    const chunk = Buffer.from(piece);
    total += chunk.length;
    tail = Buffer.concat([tail, chunk]).subarray(-8);
    if (headerLength === 0) {
      head = Buffer.concat([head, chunk]);
      headerLength = gzipHeaderLength(head);
      if (headerLength < 0 || (headerLength === 0 && head.length > MAX_HEADER)) return 'malformed';
      if (headerLength > 0) await write(inflater, head.subarray(headerLength));
    } else {
      await write(inflater, chunk);
    }
  }
  inflater.end();
  if (headerLength === 0 || !(await done)) return 'malformed';
  return checkTrailer(total - headerLength - inflater.bytesWritten, tail, crc, inflated);
}

async function write(inflater: zlib.InflateRaw, data: Buffer): Promise<void> {
  if (!inflater.write(data)) await new Promise((resolve) => inflater.once('drain', resolve));
}

/** After the deflate data: exactly CRC-32 and ISIZE (RFC 1952, 2.3.1), both matching what was inflated. */
function checkTrailer(remaining: number, tail: Buffer, crc: number, inflated: number): GzipOutcome {
  if (remaining < 8) return 'malformed';
  if (remaining > 8) return 'trailing';
  const crcOk = tail.readUInt32LE(0) === crc >>> 0;
  const sizeOk = tail.readUInt32LE(4) === inflated % 0x100000000;
  return crcOk && sizeOk ? 'ok' : 'malformed';
}

/** One buffer as a stream of one chunk. */
export async function* single(buf: Buffer): AsyncIterable<Uint8Array> {
  yield buf;
}
