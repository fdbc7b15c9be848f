import { PublicKey, PublicKeySource } from './types';

/** CloudTrail signs a digest shortly after its end; keys valid within this margin of that moment are accepted. */
const MARGIN_MS = 60 * 60 * 1000;

/**
 * Public keys by fingerprint, kept for the life of the Lambda environment: a key signs a Region's digests for weeks, so
 * one ListPublicKeys call serves thousands of digests. A fingerprint found but not valid near the signing time is
 * looked up again (a rotation), and refused when CloudTrail does not return it for that time either.
 */
export class PublicKeyCache {
  private readonly keys = new Map<string, PublicKey>();

  constructor(private readonly source: PublicKeySource) {}

  /** The key with this fingerprint valid around `signedAt` in `region`, or undefined when CloudTrail has none. */
  async find(region: string, fingerprint: string, signedAt: Date): Promise<PublicKey | undefined> {
    const cached = this.keys.get(cacheKey(region, fingerprint));
    if (cached && validAround(cached, signedAt)) return cached;
    const start = new Date(signedAt.getTime() - MARGIN_MS);
    const end = new Date(signedAt.getTime() + MARGIN_MS);
    for (const key of await this.source.list(region, start, end)) this.keys.set(cacheKey(region, key.fingerprint), key);
    const found = this.keys.get(cacheKey(region, fingerprint));
    return found && validAround(found, signedAt) ? found : undefined;
  }
}

// Keys are per Region: the same fingerprint in another Region is another key.
function cacheKey(region: string, fingerprint: string): string {
  return `${region}/${fingerprint}`;
}

function validAround(key: PublicKey, at: Date): boolean {
  return key.validFrom.getTime() <= at.getTime() + MARGIN_MS && key.validTo.getTime() >= at.getTime() - MARGIN_MS;
}
