/*
 * Where CloudTrail writes digest files (CloudTrail User Guide, "CloudTrail digest file structure"):
 *   [prefix/]AWSLogs/<account>/CloudTrail-Digest/<region>/<yyyy>/<MM>/<dd>/<file>.json.gz
 * and for an organization trail [prefix/]AWSLogs/<o-id>/<account>/CloudTrail-Digest/...
 */

/**
 * An EventBridge wildcard matching every digest key of a trail's prefix, account and organization layouts alike (`*`
 * matches any characters, `/` included). `*` and `\` of the prefix itself are escaped, so they match only themselves.
 */
export function digestKeyPattern(keyPrefix: string | undefined): string {
  const prefix = keyPrefix ? `${keyPrefix.replace(/[\\*]/g, (c) => `\\${c}`)}/` : '';
  return `${prefix}AWSLogs/*/CloudTrail-Digest/*`;
}
