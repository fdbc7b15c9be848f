/**
 * The props as given, without the keys set to `null` or `undefined`. A JavaScript caller may pass `null` for an
 * optional prop, where jsii languages and TypeScript pass `undefined`; both mean "not set", so each construct reads
 * its props through this once, before any default or check. Shallow: nested structs go through it where they are read.
 */
export function definedProps<T extends object>(props: T | undefined | null): T {
  if (props === undefined || props === null) return {} as T;
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined && value !== null)) as T;
}
