import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { AdvSel, FieldSel } from './advanced';
import { Access, DataIntent, ManagementIntent, SimpleKind, unique } from './selection';

interface KindInfo {
  readonly type: string;
  /** How an advanced selector matches the basic values: S3 values are prefixes, the others exact ARNs. */
  readonly operator: 'StartsWith' | 'Equals';
  readonly noun: string;
  readonly everything: string;
  /** The basic-selector value that selects every resource of the type. */
  all(partition: string): string;
}

export const KINDS: Record<SimpleKind, KindInfo> = {
  s3: {
    type: 'AWS::S3::Object',
    all: (p) => `arn:${p}:s3`,
    operator: 'StartsWith',
    noun: 'S3 object events',
    everything: 'of all buckets',
  },
  lambda: {
    type: 'AWS::Lambda::Function',
    all: (p) => `arn:${p}:lambda`,
    operator: 'Equals',
    noun: 'Lambda invocations',
    everything: 'of all functions',
  },
  dynamodb: {
    type: 'AWS::DynamoDB::Table',
    all: (p) => `arn:${p}:dynamodb`,
    operator: 'Equals',
    noun: 'DynamoDB table events',
    everything: 'of all tables',
  },
};
const KIND_ORDER: SimpleKind[] = ['s3', 'lambda', 'dynamodb'];
const ACCESS_ORDER: Access[] = ['All', 'ReadOnly', 'WriteOnly'];

function covers(a: Access, b: Access): boolean {
  return a === 'All' || a === b;
}

function union(a: Access, b: Access): Access {
  return a === b ? a : 'All';
}

/**
 * The same selection with nothing said twice: one access per resource (read and write make All), and no
 * resource whose events another request already selects (all resources of its kind, or an S3 prefix of it).
 * `named` requests are not dropped for all resources of their kind: that request may lose some of them.
 */
export function normalizeData(
  intents: readonly DataIntent[],
  named: (intent: DataIntent) => boolean = () => false,
): DataIntent[] {
  // Keyed by kind and value, so that n requests take linear time.
  const merged = new Map<string, DataIntent>();
  for (const intent of intents) {
    const key = keyOf(intent.kind, intent.value);
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, access: union(seen.access, intent.access) } : intent);
  }
  const access = (kind: SimpleKind, value: string | undefined) => merged.get(keyOf(kind, value))?.access;
  /**
   * True when another request already selects these events: all resources of the kind, or an S3 prefix of the value.
   */
  const covered = (intent: DataIntent): boolean => {
    const all = access(intent.kind, undefined);
    if (all && covers(all, intent.access) && !named(intent)) return true;
    if (intent.kind !== 's3') return false;
    for (let end = 0; end < intent.value!.length; end++) {
      const other = access('s3', intent.value!.slice(0, end));
      if (other && covers(other, intent.access)) return true;
    }
    return false;
  };
  return [...merged.values()].filter((intent) => intent.value === undefined || !covered(intent));
}

function keyOf(kind: SimpleKind, value: string | undefined): string {
  return value === undefined ? kind : `${kind} ${value}`;
}

/** Values that name specific resources; CloudTrail allows 250 of them in a trail's basic selectors. */
export function specificCount(intents: readonly DataIntent[]): number {
  return intents.filter((i) => i.value !== undefined).length;
}

/**
 * Basic selectors: one per access, each holding that access's data resources, with management events in
 * the selector of their access. Data-only selectors say IncludeManagementEvents false, since CloudTrail
 * would otherwise log management events of that access too.
 */
export function renderBasic(
  management: ManagementIntent,
  data: readonly DataIntent[],
  partition: string,
): cloudtrail.CfnTrail.EventSelectorProperty[] {
  const accesses = unique([...(management.access === 'None' ? [] : [management.access]), ...ACCESS_ORDER]);
  const selectors: cloudtrail.CfnTrail.EventSelectorProperty[] = [];
  for (const access of accesses) {
    const intents = data.filter((d) => d.access === access);
    const withManagement = management.access === access;
    if (intents.length === 0 && !withManagement) continue;
    const dataResources = KIND_ORDER.map((kind) => ({ kind, ofKind: intents.filter((i) => i.kind === kind) }))
      .filter(({ ofKind }) => ofKind.length > 0)
      .map(({ kind, ofKind }) => ({
        type: KINDS[kind].type,
        values: ofKind.some((i) => i.value === undefined)
          ? [KINDS[kind].all(partition)]
          : unique(ofKind.map((i) => i.value!)),
      }));
    selectors.push({
      readWriteType: access,
      includeManagementEvents: withManagement,
      ...(withManagement && management.excludes.length > 0
        ? { excludeManagementEventSources: [...management.excludes] }
        : {}),
      ...(dataResources.length > 0 ? { dataResources } : {}),
    });
  }
  return selectors;
}

function readOnlyField(access: Access): FieldSel[] {
  return access === 'All' ? [] : [{ field: 'readOnly', ops: { Equals: [access === 'ReadOnly' ? 'true' : 'false'] } }];
}

const ACCESS_WORDS: Record<Access, string> = { All: '', ReadOnly: ' (read-only)', WriteOnly: ' (write-only)' };

/** The advanced selectors that select exactly what the basic ones of `renderBasic` select. */
export function translateSimple(management: ManagementIntent, data: readonly DataIntent[]): AdvSel[] {
  const selectors: AdvSel[] = [];
  if (management.access !== 'None') {
    const excludes =
      management.excludes.length > 0 ? [{ field: 'eventSource', ops: { NotEquals: [...management.excludes] } }] : [];
    const which = { All: 'All', ReadOnly: 'Read-only', WriteOnly: 'Write-only' }[management.access];
    selectors.push({
      title: `${which} management events${management.excludes.length > 0 ? ` except from ${management.excludes.join(', ')}` : ''}`,
      labels: [],
      fields: [
        { field: 'eventCategory', ops: { Equals: ['Management'] } },
        ...readOnlyField(management.access),
        ...excludes,
      ],
    });
  }
  for (const kind of KIND_ORDER) {
    const info = KINDS[kind];
    for (const access of ACCESS_ORDER) {
      const intents = data.filter((d) => d.kind === kind && d.access === access);
      if (intents.length === 0) continue;
      const head: FieldSel[] = [
        { field: 'eventCategory', ops: { Equals: ['Data'] } },
        { field: 'resources.type', ops: { Equals: [info.type] } },
        ...readOnlyField(access),
      ];
      if (intents.some((i) => i.value === undefined)) {
        selectors.push({ title: `${info.noun}${ACCESS_WORDS[access]} ${info.everything}`, labels: [], fields: head });
      }
      // Named resources left beside all resources of their kind are the trail's own buckets, which the
      // guard takes out of the all-buckets selector: they keep a selector of their own.
      const named = intents.filter((i) => i.value !== undefined);
      if (named.length === 0) continue;
      selectors.push({
        title: `${info.noun}${ACCESS_WORDS[access]} of`,
        labels: unique(named.map((i) => i.label ?? i.value!)),
        fields: [...head, { field: 'resources.ARN', ops: { [info.operator]: unique(named.map((i) => i.value!)) } }],
      });
    }
  }
  return selectors;
}
