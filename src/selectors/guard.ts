import { AdvSel, equalsOf, fieldNamed, FieldSel, nameOf } from './advanced';
import { unique } from './selection';

/** A bucket the trail itself writes to, whose S3 data events would log the trail's own deliveries. */
export interface OwnBucket {
  readonly arn: string;
  /** A token-free description for messages, e.g. the construct path. */
  readonly label: string;
}

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/**
 * True when a `resources.ARN` StartsWith value matches every S3 object ARN, e.g. `arn:aws:s3`,
 * `arn:aws:s3:::` or `arn:<AWS::Partition>:s3:::`.
 */
export function startsAllBuckets(value: string, partition: string): boolean {
  return [partition, ...PARTITIONS].some((p) => `arn:${p}:s3:::`.startsWith(value));
}

/** True when a basic or advanced value names (objects in) this bucket explicitly. */
export function namesBucket(value: string, bucket: OwnBucket): boolean {
  return value === bucket.arn || value.startsWith(`${bucket.arn}/`);
}

export interface GuardResult {
  readonly selectors: AdvSel[];
  readonly notes: string[];
  readonly warnings: string[];
}

/**
 * Excludes the trail's own buckets (`resources.ARN` NotStartsWith `<bucket ARN>/`) from every S3 object
 * selector that may cover them: no ARN condition, a StartsWith matching all buckets, or an EndsWith. A
 * selector naming an own bucket explicitly is left alone and warned about: the user asked for it.
 */
export function guardOwnBuckets(
  selectors: readonly AdvSel[],
  buckets: readonly OwnBucket[],
  partition: string,
  allow: boolean,
): GuardResult {
  const notes: string[] = [];
  const warnings: string[] = [];
  if (buckets.length === 0) return { selectors: [...selectors], notes, warnings };
  const guarded: string[] = [];
  const out = selectors.map((selector) => {
    if (
      !equalsOf(selector, 'eventCategory').includes('Data') ||
      !equalsOf(selector, 'resources.type').includes('AWS::S3::Object')
    ) {
      return selector;
    }
    const arn = fieldNamed(selector, 'resources.ARN');
    const including = [...(arn?.ops.Equals ?? []), ...(arn?.ops.StartsWith ?? [])];
    const explicit = buckets.filter((b) => including.some((v) => namesBucket(v, b)));
    if (explicit.length > 0 && !allow) warnings.push(explicitWarning(explicit, `the selector '${nameOf(selector)}'`));
    // An EndsWith may match objects of any bucket, the trail's own included.
    const coversAll =
      including.length === 0 ||
      arn?.ops.EndsWith !== undefined ||
      (arn?.ops.StartsWith ?? []).some((v) => startsAllBuckets(v, partition));
    if (!coversAll || allow) return selector;
    const excluded = arn?.ops.NotStartsWith ?? [];
    const missing = buckets.map((b) => `${b.arn}/`).filter((v) => !excluded.includes(v));
    if (missing.length === 0) return selector;
    guarded.push(nameOf(selector));
    const ops = { ...arn?.ops, NotStartsWith: unique([...excluded, ...missing]) };
    const fields: FieldSel[] = arn
      ? selector.fields.map((f) => (f === arn ? { field: f.field, ops } : f))
      : [...selector.fields, { field: 'resources.ARN', ops }];
    return { ...selector, fields };
  });
  if (guarded.length > 0) {
    notes.push(
      `S3 data events of the trail's own ${describe(buckets)} are not logged (resources.ARN NotStartsWith added to ` +
        `${guarded.map((n) => `'${n}'`).join(', ')}): each log delivery to these buckets would be logged and delivered again. ` +
        'Set allowLogBucketDataEvents to log them anyway.',
    );
  }
  return { selectors: out, notes, warnings };
}

/** The warning for a selection that names the trail's own buckets. */
export function explicitWarning(buckets: readonly OwnBucket[], where: string): string {
  return (
    `${where} logs S3 data events of the trail's own ${describe(buckets)}: each log delivery is logged and delivered again, ` +
    'for as long as the trail logs. Select other buckets, or set allowLogBucketDataEvents to acknowledge this.'
  );
}

function describe(buckets: readonly OwnBucket[]): string {
  const labels = buckets.map((b) => b.label);
  return `${labels.length === 1 ? 'bucket' : 'buckets'} ${labels.join(' and ')}`;
}
