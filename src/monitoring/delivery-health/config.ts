import { CheckConfig } from './types';

/** The parts of a trail ARN the check needs. */
export interface TrailArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly name: string;
}

// Partitions are aws, aws-cn, aws-us-gov, aws-iso...; trail names are 3-128 of letters, digits, '.', '_' and '-'.
const TRAIL_ARN = /^arn:(aws[a-z-]*):cloudtrail:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):trail\/([A-Za-z0-9._-]{3,128})$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** Thrown for an environment the check cannot run with; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Splits a trail ARN, or throws: GetTrailStatus in another Region needs the full ARN, never a bare name. */
export function parseTrailArn(arn: string): TrailArnParts {
  const match = TRAIL_ARN.exec(arn);
  if (!match) {
    throw new ConfigError(
      `TRAIL_ARN is not a trail ARN (arn:<partition>:cloudtrail:<region>:<account>:trail/<name>): '${arn}'`,
    );
  }
  return { partition: match[1], region: match[2], account: match[3], name: match[4] };
}

/** REGIONS as a list: trimmed, empty items and repeats dropped; the trail's home Region when unset or empty. */
export function parseRegions(value: string | undefined, homeRegion: string): string[] {
  const regions = [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== ''),
    ),
  ];
  const bad = regions.filter((r) => !REGION.test(r));
  if (bad.length > 0) throw new ConfigError(`REGIONS has items that are not Region codes: ${bad.join(', ')}`);
  return regions.length > 0 ? regions : [homeRegion];
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set`);
  return value;
}

/** The check's settings from the Lambda environment; throws ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): CheckConfig {
  const trailArn = required(env, 'TRAIL_ARN');
  const arn = parseTrailArn(trailArn);
  return {
    trailArn,
    trailName: arn.name,
    regions: parseRegions(env.REGIONS, arn.region),
    metricNamespace: required(env, 'METRIC_NAMESPACE'),
    topicArn: required(env, 'TOPIC_ARN'),
    stateParameter: required(env, 'STATE_PARAMETER'),
  };
}
