/**
 * Digest keys, as CloudTrail writes them (and awscli's DigestProvider expects them):
 * `[prefix/]AWSLogs/[o-id/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/
 *  <account>_CloudTrail-Digest_<region>_<trail>_<home region>_<YYYYMMDDTHHMMSSZ>[_backfill].json.gz`.
 */
export interface DigestKey {
  readonly key: string;
  readonly prefix: string;
  readonly organizationId?: string;
  readonly account: string;
  /** The Region whose events the digest covers, whose CloudTrail key signed it. */
  readonly region: string;
  readonly trailName: string;
  readonly homeRegion: string;
  /** The digest's end time, to the second, from its name. */
  readonly endTime: Date;
  readonly backfill: boolean;
  /** The chain the digest belongs to: backfill digests chain among themselves, as awscli traverses them. */
  readonly chain: string;
  /** Where this account's digests for this Region are listed from. */
  readonly listPrefix: string;
}

const DIGEST_KEY = new RegExp(
  '^(?:(.+)/)?AWSLogs/(?:(o-[a-z0-9]+)/)?(\\d{12})/CloudTrail-Digest/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/' +
    '(\\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\\d{8}T\\d{6}Z)(_backfill)?\\.json\\.gz$',
);

/** `LOG_PREFIX` as configured, without the slashes a user may have added around it. */
export function normalizePrefix(prefix: string | undefined): string {
  return (prefix ?? '').replace(/^\/+|\/+$/g, '');
}

/** Parses `YYYYMMDDTHHMMSSZ`. */
export function parseCompactTime(value: string): Date {
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`;
  return new Date(iso);
}

/** The parsed key, or undefined when it is not a digest of a trail writing under `prefix`. */
export function parseDigestKey(key: string, prefix: string): DigestKey | undefined {
  const m = DIGEST_KEY.exec(key);
  if (!m) return undefined;
  const [
    ,
    keyPrefix = '',
    org,
    account,
    region,
    ,
    ,
    ,
    fileAccount,
    fileRegion,
    trailName,
    homeRegion,
    stamp,
    backfill,
  ] = m;
  // A digest of another trail prefix, or one whose path and name disagree, is not one CloudTrail wrote for this trail.
  if (keyPrefix !== prefix || fileAccount !== account || fileRegion !== region) return undefined;
  const endTime = parseCompactTime(stamp);
  if (Number.isNaN(endTime.getTime())) return undefined;
  const owner = org ? `${org}/${account}` : account;
  return {
    key,
    prefix,
    organizationId: org,
    account,
    region,
    trailName,
    homeRegion,
    endTime,
    backfill: backfill !== undefined,
    chain: `${owner}/${region}/${trailName}@${homeRegion}${backfill ? '#backfill' : ''}`,
    listPrefix: `${prefix ? `${prefix}/` : ''}AWSLogs/${owner}/CloudTrail-Digest/${region}/`,
  };
}
