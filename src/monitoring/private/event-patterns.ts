import { Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { TAMPER_EVENTS, TamperTarget } from '../../policies/tamper-events';

/** The `detail-type` EventBridge gives API calls recorded by CloudTrail. */
export const API_CALL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

const EVENT_SOURCE = /^([a-z0-9-]+)(\.[a-z0-9-]+)*\.amazonaws\.com$/;

/**
 * EventBridge's `source` for the CloudTrail events of one service: `aws.` and the first label of the event source
 * (`s3.amazonaws.com` → `aws.s3`), as the EventBridge event reference lists them.
 */
function sourceOf(eventSource: string): string {
  return `aws.${eventSource.split('.')[0]}`;
}

/**
 * The pattern of API calls recorded by CloudTrail, narrowed to some services (event sources such as
 * `s3.amazonaws.com`) and event names. The filters are checked by EVENTS_API_CALL_FILTERS (the caller reports it); an
 * empty filter or a service that is not an event source is left out here.
 */
export function apiCallPattern(services?: string[], eventNames?: string[]): events.EventPattern {
  services = services?.filter((s) => Token.isUnresolved(s) || EVENT_SOURCE.test(s));
  if (services !== undefined && services.length === 0) services = undefined;
  if (eventNames !== undefined && eventNames.length === 0) eventNames = undefined;
  // A service known only at deploy time has no known `source`; `detail.eventSource` alone still selects it exactly.
  const sources =
    services !== undefined && !services.some((s) => Token.isUnresolved(s))
      ? [...new Set(services.map(sourceOf))]
      : undefined;
  const detail: Record<string, string[]> = {};
  if (services !== undefined) detail.eventSource = services;
  if (eventNames !== undefined) detail.eventName = eventNames;
  return {
    ...(sources ? { source: sources } : {}),
    detailType: [API_CALL_DETAIL_TYPE],
    ...(Object.keys(detail).length > 0 ? { detail } : {}),
  };
}

/** What a tamper alert watches: the trail always, its bucket, key and log group when known. */
export interface TamperTargets {
  readonly trailName: string;
  readonly trailArn: string;
  readonly bucketName?: string;
  readonly bucketArn?: string;
  /** The key's id and ARN. */
  readonly keyId?: string;
  readonly keyArn?: string;
  /** The alias the key is known by (`alias/...`), when it is known by one. */
  readonly keyAliasName?: string;
  readonly logGroupName?: string;
  readonly logGroupArn?: string;
}

/**
 * The calls of TAMPER_EVENTS on this trail and on its storage when known, and only those: one branch per service,
 * target and request parameter, each pinning the event source (event names such as RemoveTags exist in other
 * services too) and the parameter that names the resource, which differs per call.
 */
export function tamperPattern(targets: TamperTargets): events.EventPattern {
  const identifiers: Record<TamperTarget, { name?: string; arn?: string }> = {
    trail: { name: targets.trailName, arn: targets.trailArn },
    bucket: { name: targets.bucketName, arn: targets.bucketArn },
    key: { name: targets.keyId, arn: targets.keyArn },
    keyAlias: { name: targets.keyAliasName },
    logGroup: { name: targets.logGroupName, arn: targets.logGroupArn },
  };
  const branches = new Map<
    string,
    { eventSource: string[]; eventName: string[]; requestParameters: Record<string, string[]> }
  >();
  for (const event of TAMPER_EVENTS) {
    const ids = event.identifiers
      .map((kind) => identifiers[event.target][kind])
      .filter((id): id is string => id !== undefined);
    if (identifiers[event.target].name === undefined && identifiers[event.target].arn === undefined) continue;
    const key = `${event.eventSource} ${event.parameter} ${ids.join(' ')}`;
    const branch = branches.get(key);
    if (branch) {
      branch.eventName.push(event.eventName);
    } else {
      branches.set(key, {
        eventSource: [event.eventSource],
        eventName: [event.eventName],
        requestParameters: { [event.parameter]: ids },
      });
    }
  }
  const sources = [...new Set([...branches.values()].map((b) => `aws.${b.eventSource[0].split('.')[0]}`))];
  return {
    source: sources,
    detailType: [API_CALL_DETAIL_TYPE],
    detail: { $or: [...branches.values()] },
  };
}
