import { Part, PartialString } from './partial-string';

/** `arn:partition:service:region:account:resource`; the resource keeps any further colons. */
const SEGMENTS = 6;

export const PARTITION = /^aws(-[a-z]+)*$/;
export const REGION = /^[a-z]+(-[a-z]+)*-\d+$/;
export const ACCOUNT = /^\d{12}$/;

/**
 * Splits a (partial) ARN into its segments, as far as the holes allow. A segment is undefined where a hole that may
 * hold ':' makes its content and end unknown, and nothing after it is listed; `countKnown` says the count is certain.
 */
export function arnSegments(value: PartialString): { segments: Array<PartialString | undefined>; countKnown: boolean } {
  const done: Part[][] = [];
  let current: Part[] = [];
  for (const part of value.parts) {
    if (typeof part !== 'string') {
      // A hole that may hold ':' before the resource segment hides where the segments end.
      if (done.length < SEGMENTS - 1 && (part.chars === undefined || part.chars.test(':'))) {
        const segments = done.map((p) => new PartialString(p));
        return { segments: [...segments, undefined], countKnown: false };
      }
      current.push(part);
      continue;
    }
    let rest = part;
    while (rest.length > 0) {
      const colon = done.length < SEGMENTS - 1 ? rest.indexOf(':') : -1;
      if (colon < 0) {
        current.push(rest);
        break;
      }
      current.push(rest.slice(0, colon));
      done.push(current);
      current = [];
      rest = rest.slice(colon + 1);
    }
  }
  done.push(current);
  return { segments: done.map((p) => new PartialString(p)), countKnown: true };
}

export interface ArnSpec {
  /** The service segment, e.g. `kms`. */
  readonly service: string;
  /** True for global services (IAM), whose Region segment is empty. */
  readonly global?: boolean;
  /** The resource segment when fully known. */
  readonly resource: RegExp;
  /** Tests one character of the resource segment. */
  readonly resourceChars: RegExp;
  /** A prefix the resource segment starts with, e.g. `log-group:`. */
  readonly resourcePrefix?: string;
}

/** A segment fails when it is fully known and fails `pattern`, or when a literal character fails `chars`. */
function segmentFails(segment: PartialString | undefined, pattern: RegExp, chars?: RegExp): boolean {
  if (segment === undefined) return false;
  const text = segment.text;
  if (text !== undefined) return !pattern.test(text);
  return chars !== undefined && segment.badCharacters(chars).length > 0;
}

/**
 * True when `value` can be no ARN matching `spec` whatever its holes hold. The caller has already established
 * that the value is meant as an ARN (it starts with `arn:`).
 */
export function arnDefinitelyInvalid(value: PartialString, spec: ArnSpec): boolean {
  const { segments, countKnown } = arnSegments(value);
  if (countKnown && segments.length < SEGMENTS) return true;
  const [arn, partition, service, region, account, resource] = segments;
  if (segmentFails(arn, /^arn$/)) return true;
  if (segmentFails(partition, PARTITION, /^[a-z-]$/)) return true;
  if (service?.text !== undefined && service.text !== spec.service) return true;
  if (spec.global ? segmentFails(region, /^$/) : segmentFails(region, REGION, /^[a-z0-9-]$/)) return true;
  if (segmentFails(account, ACCOUNT, /^[0-9]$/)) return true;
  if (segmentFails(resource, spec.resource, spec.resourceChars)) return true;
  return spec.resourcePrefix !== undefined && resource !== undefined && resource.cannotStartWith(spec.resourcePrefix);
}

/** The Region of an ARN when its Region segment is fully known and non-empty. */
export function arnRegion(value: PartialString | undefined): string | undefined {
  if (value === undefined || value.cannotStartWith('arn:')) return undefined;
  const region = arnSegments(value).segments[3];
  const text = region?.text;
  return text !== undefined && REGION.test(text) ? text : undefined;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const MRK = 'mrk-[0-9a-fA-F]{32}';

/** A KMS key id: a UUID, or a multi-Region key id. */
export const KMS_KEY_ID = new RegExp(`^(${UUID}|${MRK})$`);

/** A KMS key or alias ARN. */
export const KMS_ARN: ArnSpec = {
  service: 'kms',
  resource: new RegExp(`^(key/(${UUID}|${MRK})|alias/[A-Za-z0-9/_-]+)$`),
  resourceChars: /^[A-Za-z0-9/_-]$/,
};

/** The alias part (`alias/...`) of a KMS key id or alias ARN, as far as known; undefined for a key id or key ARN. */
export function kmsAlias(value: PartialString): PartialString | undefined {
  if (value.head.startsWith('alias/')) return value;
  if (!value.head.startsWith('arn:')) return undefined;
  const { segments } = arnSegments(value);
  const resource = segments.length === 6 ? segments[5] : undefined;
  return resource !== undefined && !resource.cannotStartWith('alias/') ? resource : undefined;
}
