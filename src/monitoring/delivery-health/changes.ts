import { HEALTHY, MonitorState, RegionState } from './state';
import { Channel, CHANNELS } from './types';

/** One thing worth a notification, in one Region. */
export type Change =
  | { readonly kind: 'error-appeared'; readonly region: string; readonly channel: Channel; readonly error: string }
  | {
      readonly kind: 'error-changed';
      readonly region: string;
      readonly channel: Channel;
      readonly from: string;
      readonly error: string;
    }
  | { readonly kind: 'error-cleared'; readonly region: string; readonly channel: Channel; readonly from: string }
  | { readonly kind: 'logging-stopped'; readonly region: string }
  | { readonly kind: 'logging-started'; readonly region: string }
  | { readonly kind: 'trail-not-found'; readonly region: string }
  | { readonly kind: 'trail-found'; readonly region: string };

function channelChange(region: string, channel: Channel, before?: string, after?: string): Change | undefined {
  if (before === after) return undefined;
  if (before === undefined) return { kind: 'error-appeared', region, channel, error: after! };
  if (after === undefined) return { kind: 'error-cleared', region, channel, from: before };
  return { kind: 'error-changed', region, channel, from: before, error: after };
}

/** The changes of one Region; a trail that vanished is one change, not a list of cleared errors. */
export function regionChanges(region: string, before: RegionState, after: RegionState): Change[] {
  if (after.notFound) return before.notFound ? [] : [{ kind: 'trail-not-found', region }];
  const changes: Change[] = [];
  // A trail found again is compared with the healthy baseline, as on a first run.
  const base = before.notFound ? HEALTHY : before;
  if (before.notFound) changes.push({ kind: 'trail-found', region });
  if (base.logging && !after.logging) changes.push({ kind: 'logging-stopped', region });
  if (!base.logging && after.logging) changes.push({ kind: 'logging-started', region });
  for (const channel of CHANNELS) {
    const change = channelChange(region, channel, base.errors[channel], after.errors[channel]);
    if (change) changes.push(change);
  }
  return changes;
}

/** Every change between two states, over the Regions checked now (Regions dropped from REGIONS are not news). */
export function diffStates(before: MonitorState, after: MonitorState, regions: readonly string[]): Change[] {
  return regions.flatMap((region) => {
    const now = after.regions[region];
    if (now === undefined) return [];
    return regionChanges(region, before.regions[region] ?? HEALTHY, now);
  });
}
