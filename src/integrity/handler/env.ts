import { normalizePrefix } from './digest-key';

/** verify-digest's configuration, from the environment the construct sets. */
export interface VerifyConfig {
  readonly stateTable: string;
  readonly metricNamespace: string;
  readonly bucketName: string;
  readonly logPrefix: string;
  readonly eventBusName: string;
  readonly securityHub: boolean;
}

export interface SweepConfig extends VerifyConfig {
  /** The trail, when it is in this account (GetTrailStatus works on it). */
  readonly trailArn?: string;
  readonly overdueMinutes: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is not set`);
  return value;
}

export function verifyConfig(env: Env): VerifyConfig {
  const securityHub = env.SECURITY_HUB ?? 'false';
  if (securityHub !== 'true' && securityHub !== 'false') {
    throw new Error(`SECURITY_HUB is '${securityHub}', not 'true' or 'false'`);
  }
  return {
    stateTable: required(env, 'STATE_TABLE'),
    metricNamespace: required(env, 'METRIC_NAMESPACE'),
    bucketName: required(env, 'BUCKET_NAME'),
    // Empty is meaningful (no prefix), so LOG_PREFIX may be unset or ''.
    logPrefix: normalizePrefix(env.LOG_PREFIX),
    eventBusName: required(env, 'EVENT_BUS_NAME'),
    securityHub: securityHub === 'true',
  };
}

export function sweepConfig(env: Env): SweepConfig {
  const minutes = env.OVERDUE_MINUTES === undefined || env.OVERDUE_MINUTES === '' ? 150 : Number(env.OVERDUE_MINUTES);
  if (!Number.isInteger(minutes) || minutes <= 60) {
    throw new Error(`OVERDUE_MINUTES is '${env.OVERDUE_MINUTES}', not a whole number of minutes above 60`);
  }
  const trailArn = env.TRAIL_ARN === '' ? undefined : env.TRAIL_ARN;
  if (trailArn !== undefined && !/^arn:[^:]+:cloudtrail:[^:]+:\d{12}:trail\/.+$/.test(trailArn)) {
    throw new Error(`TRAIL_ARN '${trailArn}' is not a trail ARN`);
  }
  return { ...verifyConfig(env), trailArn, overdueMinutes: minutes };
}
