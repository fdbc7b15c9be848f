import { diffStates } from './changes';
import { buildNotification } from './message';
import { emfLine } from './metrics';
import { presentErrors } from './presence';
import { capErrors, MonitorState, parseState, RegionState, serializeState } from './state';
import { CheckConfig, PublishPort, StatePort, TrailStatus, TrailStatusPort } from './types';

/** Everything one run needs: the settings, the ports, the time, and where EMF lines go (stdout in Lambda). */
export interface CheckDeps {
  readonly config: CheckConfig;
  readonly cloudTrail: TrailStatusPort;
  readonly topic: PublishPort;
  readonly state: StatePort;
  readonly now: Date;
  readonly print: (line: string) => void;
}

/** One Region's answer: a status, or the error GetTrailStatus failed with. */
export type RegionResult =
  { readonly region: string; readonly status: TrailStatus } | { readonly region: string; readonly failure: unknown };

/** Thrown at the end of a run where any Region failed or the notification could not be sent. */
export class DeliveryCheckError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`CloudTrail delivery check: ${problems.join('; ')}`);
    this.name = 'DeliveryCheckError';
  }
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error
    ? String((error as { name: unknown }).name)
    : 'Error';
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** SDK v3 names its errors after the API's exception; this is the one that is news rather than a fault. */
export function isTrailNotFound(error: unknown): boolean {
  return errorName(error) === 'TrailNotFoundException';
}

/** Every Region at once; one Region's failure (throttled, access denied, not found) does not hide the others. */
export async function observeRegions(deps: CheckDeps): Promise<RegionResult[]> {
  const { regions, trailArn } = deps.config;
  const settled = await Promise.allSettled(regions.map((region) => deps.cloudTrail.getTrailStatus(region, trailArn)));
  return settled.map((s, i) =>
    s.status === 'fulfilled' ? { region: regions[i], status: s.value } : { region: regions[i], failure: s.reason },
  );
}

/** The next state: what each Region showed now; a Region that failed otherwise keeps what the last run saw. */
export function nextState(before: MonitorState, results: readonly RegionResult[], now: Date): MonitorState {
  const regions: Record<string, RegionState> = {};
  for (const result of results) {
    if ('status' in result) {
      regions[result.region] = {
        logging: result.status.IsLogging === true,
        errors: capErrors(presentErrors(result.status, now)),
      };
    } else if (isTrailNotFound(result.failure)) {
      regions[result.region] = { logging: false, errors: {}, notFound: true };
    } else if (before.regions[result.region] !== undefined) {
      regions[result.region] = before.regions[result.region];
    }
  }
  return { version: 1, regions };
}

function printMetrics(deps: CheckDeps, results: readonly RegionResult[]): void {
  for (const result of results) {
    if (!('status' in result)) continue;
    const { metricNamespace: namespace, trailName } = deps.config;
    const errors = presentErrors(result.status, deps.now);
    deps.print(emfLine({ namespace, trailName, region: result.region, status: result.status, errors, now: deps.now }));
  }
}

/**
 * One run: GetTrailStatus in every Region, metrics as EMF, ONE SNS message when anything changed since the last run,
 * then the new state. The state is written only after the message went out, so a failed publish is retried next run.
 * Any failed Region is thrown at the end, after everything else, so the function's Errors metric counts it.
 */
export async function runCheck(deps: CheckDeps): Promise<void> {
  const { config } = deps;
  const results = await observeRegions(deps);
  printMetrics(deps, results);
  const problems = results.flatMap((r) =>
    'failure' in r ? [`GetTrailStatus in ${r.region} failed: ${errorText(r.failure)}`] : [],
  );
  const previousText = await deps.state.read(config.stateParameter);
  const before = parseState(previousText);
  const after = nextState(before, results, deps.now);
  const changes = diffStates(before, after, config.regions);
  if (changes.length > 0) {
    const { subject, body } = buildNotification(config.trailName, config.trailArn, changes, deps.now);
    try {
      await deps.topic.publish(config.topicArn, subject, body);
    } catch (error) {
      throw new DeliveryCheckError([
        ...problems,
        `publishing to ${config.topicArn} failed, state not written: ${errorText(error)}`,
      ]);
    }
  }
  const afterText = serializeState(after);
  if (afterText !== previousText) await deps.state.write(config.stateParameter, afterText);
  if (problems.length > 0) throw new DeliveryCheckError(problems);
}
