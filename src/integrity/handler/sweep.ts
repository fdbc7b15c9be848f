import { SweepConfig } from './env';
import { writeMetrics } from './report';
import { ChainState, Finding, FindingSink, LineWriter, StateStore } from './types';

/** GetTrailStatus's IsLogging for the trail, asked in `region`. */
export type TrailLogging = (region: string, trailArn: string) => Promise<boolean>;

export interface SweepDeps {
  readonly state: StateStore;
  readonly sink: FindingSink;
  readonly write: LineWriter;
  readonly now: () => Date;
  /** Only when TRAIL_ARN is set: the trail is in this account. */
  readonly trailLogging?: TrailLogging;
}

/** Scan pages one run reads at most: it runs hourly, so a table larger than this is finished by the runs after. */
export const MAX_PAGES = 50;

/**
 * A chain whose newest verified digest ended more than OVERDUE_MINUTES ago is overdue: CloudTrail delivers a digest
 * every
 * hour, even with no log files, so either the newest digests were deleted or never reached the verifier, or the trail
 * stopped. A stopped trail is skipped when GetTrailStatus can say so (TRAIL_ARN); otherwise the chain alarms.
 */
export async function sweep(config: SweepConfig, deps: SweepDeps): Promise<{ overdue: number; scanned: number }> {
  const now = deps.now();
  const status = new Map<string, Promise<boolean>>();
  const findings: Finding[] = [];
  let cursor: string | undefined;
  let scanned = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await deps.state.scan(cursor);
    for (const chain of result.items) {
      scanned += 1;
      if (chain.backfill || !isOverdue(chain, now, config.overdueMinutes)) continue;
      if (await stopped(chain, config, deps, status)) continue;
      findings.push(overdueFinding(chain, now));
    }
    cursor = result.cursor;
    if (!cursor) break;
  }
  await deps.sink.publish(findings);
  writeMetrics(deps.write, config.metricNamespace, config.bucketName, { ChainsOverdue: findings.length }, now);
  return { overdue: findings.length, scanned };
}

function isOverdue(chain: ChainState, now: Date, minutes: number): boolean {
  return now.getTime() - Date.parse(chain.lastEndTime) > minutes * 60 * 1000;
}

/** Whether the chain is TRAIL_ARN's and that trail is not logging (asked once per Region and run). */
async function stopped(
  chain: ChainState,
  config: SweepConfig,
  deps: SweepDeps,
  status: Map<string, Promise<boolean>>,
): Promise<boolean> {
  if (!config.trailArn || !deps.trailLogging) return false;
  const [, , , homeRegion, , resource] = config.trailArn.split(':');
  // Another trail writing to the same bucket: nothing here can tell whether it is logging.
  if (chain.homeRegion !== homeRegion || chain.trailName !== resource.slice('trail/'.length)) return false;
  if (!status.has(chain.region)) status.set(chain.region, deps.trailLogging(chain.region, config.trailArn));
  return !(await status.get(chain.region));
}

function overdueFinding(chain: ChainState, now: Date): Finding {
  const last = { bucket: chain.bucket, key: chain.lastDigestKey };
  return {
    code: 'CHAIN_OVERDUE',
    file: last,
    digest: last,
    chain: chain.chain,
    period: { from: chain.lastEndTime, to: now.toISOString() },
    message:
      `no digest of the chain verified since s3://${chain.bucket}/${chain.lastDigestKey} (ended ${chain.lastEndTime}) ` +
      'while its trail is logging: the newest digests were deleted, or are not reaching the verifier',
  };
}
