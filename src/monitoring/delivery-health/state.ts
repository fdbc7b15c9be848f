import { Channel, CHANNELS } from './types';

/** What the last run saw in one Region. */
export interface RegionState {
  /** IsLogging as GetTrailStatus returned it. */
  readonly logging: boolean;
  /** The errors present per channel (see presence.ts), as AWS returned them. */
  readonly errors: Partial<Record<Channel, string>>;
  /** GetTrailStatus said TrailNotFoundException. */
  readonly notFound?: boolean;
}

/** The SSM parameter's content, as JSON: `{"version":1,"regions":{"us-east-1":{"logging":true,"errors":{}}}}`. */
export interface MonitorState {
  readonly version: 1;
  readonly regions: Readonly<Record<string, RegionState>>;
}

/** The baseline a Region is compared with when no earlier run saw it: logging, no errors. */
export const HEALTHY: RegionState = { logging: true, errors: {} };

// A standard-tier SSM parameter holds 4 KB; error strings are codes, so a cap keeps many Regions inside it.
const MAX_ERROR_LENGTH = 200;

function regionFrom(value: unknown): RegionState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { logging?: unknown; errors?: unknown; notFound?: unknown };
  if (typeof v.logging !== 'boolean') return undefined;
  const errors: Partial<Record<Channel, string>> = {};
  const raw = (typeof v.errors === 'object' && v.errors !== null ? v.errors : {}) as Record<string, unknown>;
  for (const channel of CHANNELS) if (typeof raw[channel] === 'string') errors[channel] = raw[channel] as string;
  return v.notFound === true ? { logging: v.logging, errors, notFound: true } : { logging: v.logging, errors };
}

/** Errors as kept in the state: capped, so a long string compares equal with what the parameter holds next run. */
export function capErrors(errors: Partial<Record<Channel, string>>): Partial<Record<Channel, string>> {
  const capped: Partial<Record<Channel, string>> = {};
  for (const channel of CHANNELS) {
    const error = errors[channel];
    if (error !== undefined) capped[channel] = error.slice(0, MAX_ERROR_LENGTH);
  }
  return capped;
}

/**
 * The state from the parameter's text. Missing means no earlier run; text that is not this format is treated the same
 * (an owner-only parameter should never hold anything else, and a check that stops over its own bookkeeping would
 * hide delivery failures; the cost is at most one repeated notification).
 */
export function parseState(text: string | undefined): MonitorState {
  const empty: MonitorState = { version: 1, regions: {} };
  if (text === undefined) return empty;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return empty;
  }
  const regions = (json as { regions?: unknown } | null)?.regions;
  if (typeof regions !== 'object' || regions === null) return empty;
  const parsed: Record<string, RegionState> = {};
  for (const [region, value] of Object.entries(regions)) {
    const state = regionFrom(value);
    if (state) parsed[region] = state;
  }
  return { version: 1, regions: parsed };
}

/**
 * The parameter's text: keys in a fixed order, so an unchanged state serializes to the same text and is not rewritten.
 */
export function serializeState(state: MonitorState): string {
  const regions: Record<string, RegionState> = {};
  for (const region of Object.keys(state.regions).sort()) {
    const r = state.regions[region];
    const errors: Partial<Record<Channel, string>> = {};
    for (const channel of CHANNELS) if (r.errors[channel] !== undefined) errors[channel] = r.errors[channel];
    regions[region] = r.notFound ? { logging: r.logging, errors, notFound: true } : { logging: r.logging, errors };
  }
  return JSON.stringify({ version: 1, regions });
}
