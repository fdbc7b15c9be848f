/*
 * Where CloudTrail writes log files in its bucket, written once. The bucket policy's write path, the log-read grants
 * and the Athena table's partition location template are all built from these functions, so they cannot disagree.
 *
 * CloudTrail User Guide, "Finding your CloudTrail log files":
 *   bucket/[prefix/]AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<MM>/<dd>/<file>.json.gz
 * and for an organization trail, with the organization id after `AWSLogs/`:
 *   bucket/[prefix/]AWSLogs/<o-id>/<account>/CloudTrail/<region>/<yyyy>/<MM>/<dd>/<file>.json.gz
 */

/** `<prefix>/` for a trail with an S3 key prefix, nothing without one. */
function prefixPath(keyPrefix: string | undefined): string {
  return keyPrefix ? `${keyPrefix}/` : '';
}

/**
 * The key prefix under which CloudTrail writes everything for one owner, an account or an organization id:
 * `[prefix/]AWSLogs/<owner>/`.
 */
export function ownerLogPath(keyPrefix: string | undefined, ownerId: string): string {
  return `${prefixPath(keyPrefix)}AWSLogs/${ownerId}/`;
}

/**
 * The key prefix above the account folders: `[prefix/]AWSLogs/` for account trails, `[prefix/]AWSLogs/<o-id>/` for
 * an organization trail.
 */
export function accountsLogPath(keyPrefix: string | undefined, organizationId: string | undefined): string {
  return organizationId ? ownerLogPath(keyPrefix, organizationId) : `${prefixPath(keyPrefix)}AWSLogs/`;
}

/**
 * The folder of one account's log files of one Region and day (`day` as `<yyyy>/<MM>/<dd>`):
 * `[prefix/]AWSLogs/[<o-id>/]<account>/CloudTrail/<region>/<yyyy>/<MM>/<dd>/`. Digest files
 * (`CloudTrail-Digest/`) and Insights events (`CloudTrail-Insight/`) are outside it.
 */
export function dailyLogPath(
  keyPrefix: string | undefined,
  organizationId: string | undefined,
  account: string,
  region: string,
  day: string,
): string {
  return `${accountsLogPath(keyPrefix, organizationId)}${account}/CloudTrail/${region}/${day}/`;
}
