import { IConstruct } from 'constructs';

/*
 * The owner folders a trail writes its log files under (`[prefix/]AWSLogs/<owner>/`), when more than its own account:
 * an organization trail also writes every member account's files under its organization id. Kept beside the trail
 * rather than on ITrail, so the grants read it without a public attribute.
 */
const owners = new WeakMap<IConstruct, readonly string[]>();

export function setLogOwners(trail: IConstruct, ids: readonly string[]): void {
  owners.set(trail, ids);
}

/** The owner folders recorded for the trail, or undefined (then: its account's only). */
export function logOwnersOf(trail: IConstruct): readonly string[] | undefined {
  return owners.get(trail);
}
