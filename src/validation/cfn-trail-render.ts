import { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { isIntrinsic, literalCopy, mayHoldToken } from './values';

/*
 * aws-cdk-lib's rendering of `CfnTrail` props to template properties (`convertCfnTrail*ToCloudFormation` and their
 * validators in aws-cloudtrail/lib/cloudtrail.generated.js), redone for the fields it has. The generated code runs
 * a validator over every one of the hundreds of selector values before mapping it, which cost as much as all the
 * rules together. This maps the same names the same way and, for anything that validation would reject, gives up
 * (undefined), so the caller renders the aws-cdk-lib way and meets the same error. test/validation/resolve.test.ts
 * holds the two renderings equal on random props.
 */

type Kind = 'string' | 'boolean' | 'strings' | 'tags' | ShapeList;

interface Field {
  /** The template name of the prop. */
  readonly cfn: string;
  readonly kind: Kind;
  readonly required?: boolean;
}

/** A list of objects of one shape, keyed by the `CfnTrail` prop name. */
interface ShapeList {
  readonly shape: Readonly<Record<string, Field>>;
}

const string = (cfn: string, required = false): Field => ({ cfn, kind: 'string', required });
const boolean = (cfn: string, required = false): Field => ({ cfn, kind: 'boolean', required });
const strings = (cfn: string, required = false): Field => ({ cfn, kind: 'strings', required });
const shapes = (cfn: string, shape: Record<string, Field>, required = false): Field => ({ cfn, kind: { shape }, required });

const TRAIL_SHAPE: Readonly<Record<string, Field>> = {
  advancedEventSelectors: shapes('AdvancedEventSelectors', {
    fieldSelectors: shapes('FieldSelectors', {
      endsWith: strings('EndsWith'),
      equalTo: strings('Equals'),
      field: string('Field', true),
      notEndsWith: strings('NotEndsWith'),
      notEquals: strings('NotEquals'),
      notStartsWith: strings('NotStartsWith'),
      startsWith: strings('StartsWith'),
    }, true),
    name: string('Name'),
  }),
  aggregationConfigurations: shapes('AggregationConfigurations', {
    eventCategory: string('EventCategory', true),
    templates: strings('Templates', true),
  }),
  cloudWatchLogsLogGroupArn: string('CloudWatchLogsLogGroupArn'),
  cloudWatchLogsRoleArn: string('CloudWatchLogsRoleArn'),
  enableLogFileValidation: boolean('EnableLogFileValidation'),
  eventSelectors: shapes('EventSelectors', {
    dataResources: shapes('DataResources', { type: string('Type', true), values: strings('Values') }),
    excludeManagementEventSources: strings('ExcludeManagementEventSources'),
    includeManagementEvents: boolean('IncludeManagementEvents'),
    readWriteType: string('ReadWriteType'),
  }),
  includeGlobalServiceEvents: boolean('IncludeGlobalServiceEvents'),
  insightSelectors: shapes('InsightSelectors', { eventCategories: strings('EventCategories'), insightType: string('InsightType') }),
  isLogging: boolean('IsLogging', true),
  isMultiRegionTrail: boolean('IsMultiRegionTrail'),
  isOrganizationTrail: boolean('IsOrganizationTrail'),
  kmsKeyId: string('KMSKeyId'),
  s3BucketName: string('S3BucketName', true),
  s3KeyPrefix: string('S3KeyPrefix'),
  snsTopicName: string('SnsTopicName'),
  tags: { cfn: 'Tags', kind: 'tags' },
  trailName: string('TrailName'),
};

/** What aws-cdk-lib's validation would refuse. */
const REFUSED = Symbol('refused');

/** The `resolve` of data already resolved. */
const RESOLVED = (value: unknown): unknown => value;

/**
 * True for a `CfnTrail` whose template properties are exactly its rendered props: aws-cdk-lib's own rendering and
 * no escape-hatch override (overrides can reach anywhere, so such trails take the general path).
 */
export function rendersLikeCfnTrail(resource: CfnResource): boolean {
  const r = resource as unknown as { renderProperties?: unknown; rawOverrides?: unknown; shouldSynthesize?: () => unknown };
  const overrides = r.rawOverrides;
  return r.renderProperties === (CfnTrail.prototype as unknown as { renderProperties: unknown }).renderProperties
    && overrides !== null && typeof overrides === 'object' && Object.keys(overrides).length === 0
    && typeof r.shouldSynthesize === 'function' && r.shouldSynthesize() === true;
}

/**
 * The template properties of a `CfnTrail`'s props (`cfnProperties`, unresolved), resolved with `resolve` (which
 * must resolve as `stack.resolve()` does), or undefined where aws-cdk-lib's validation would fail (a wrong type, a
 * required field missing).
 *
 * Plain data (object literals, lists of token-free strings) is walked by the shape directly; anything else (a
 * token, a Lazy, a list holding either) is resolved first and then rendered, as aws-cdk-lib resolves before it
 * renders.
 */
export function renderCfnTrailProps(props: unknown, resolve: (value: unknown) => unknown): Record<string, unknown> | undefined {
  const plain = isPlainObject(props);
  const source = plain ? props : resolve(props);
  if (source === undefined || source === null) return {};
  const rendered = renderShape(source, TRAIL_SHAPE, plain ? resolve : RESOLVED);
  return rendered === REFUSED ? undefined : rendered as Record<string, unknown>;
}

function renderValue(value: unknown, kind: Kind, resolve: (value: unknown) => unknown): unknown {
  switch (kind) {
    case 'string':
      if (typeof value === 'string' && !mayHoldToken(value)) return value;
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'strings':
      if (Array.isArray(value)) {
        // The copy the general path makes too, marked so rules skip the token checks on its items.
        const copy = literalCopy(value, false);
        if (copy !== undefined) return copy;
      }
      break;
    case 'tags':
      break;
    default:
      if (Array.isArray(value) && value.every(isPlainObject)) {
        const result: unknown[] = [];
        for (const item of value) {
          // An intrinsic is neither validated nor mapped, but its arguments may hold tokens.
          const rendered = canInspect(item) ? renderShape(item, kind.shape, resolve) : resolve(item);
          if (rendered === REFUSED) return REFUSED;
          result.push(rendered);
        }
        return result;
      }
  }
  return render(resolve(value), kind);
}

function renderShape(value: unknown, shape: Readonly<Record<string, Field>>, resolve: (value: unknown) => unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return REFUSED;
  const result: Record<string, unknown> = {};
  for (const name in shape) {
    const spec = shape[name];
    const rendered = renderValue((value as Record<string, unknown>)[name], spec.kind, resolve);
    if (rendered === REFUSED || ((rendered === undefined || rendered === null) && spec.required)) return REFUSED;
    // aws-cdk-lib keeps absent props as undefined keys; so does this, for the same properties object.
    result[spec.cfn] = rendered;
  }
  return result;
}

/**
 * An object literal that resolving leaves as it is but for its values: not a token, a construct or a date, and no
 * key that may be a token.
 */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (typeof (value as { resolve?: unknown }).resolve === 'function') return false;
  for (const key of Object.keys(value)) {
    if (mayHoldToken(key)) return false;
  }
  return true;
}

/** aws-cdk-lib neither validates nor maps absent values, intrinsics and dynamic references: they pass as they are. */
function canInspect(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return !(value.startsWith('{{resolve:') && value.endsWith('}}'));
  return typeof value !== 'object' || Array.isArray(value) || !isIntrinsic(value);
}

/** Renders resolved data of one kind, refusing what aws-cdk-lib's validators refuse. */
function render(value: unknown, kind: Kind): unknown {
  if (!canInspect(value)) return value;
  switch (kind) {
    case 'string': return typeof value === 'string' ? value : REFUSED;
    case 'boolean': return typeof value === 'boolean' ? value : REFUSED;
    case 'strings': return renderStrings(value);
    case 'tags': return renderList(value, renderTag, canInspect);
    default: return renderList(value, (item) => renderShape(item, kind.shape, RESOLVED), (item) => hasShapeKey(item, kind.shape) || canInspect(item));
  }
}

/** An object with a key of its shape is certainly no intrinsic: a cheaper answer than enumerating its keys. */
function hasShapeKey(item: unknown, shape: Readonly<Record<string, Field>>): boolean {
  if (typeof item !== 'object' || item === null) return false;
  for (const name in shape) {
    if (Object.prototype.hasOwnProperty.call(item, name)) return true;
  }
  return false;
}

/** The list itself when every item is a string (or passes uninspected): the mapper is the identity. */
function renderStrings(value: unknown): unknown {
  if (!Array.isArray(value)) return REFUSED;
  for (const item of value) {
    if (typeof item !== 'string' && canInspect(item)) return REFUSED;
  }
  return value;
}

function renderList(value: unknown, renderItem: (item: unknown) => unknown, inspect: (item: unknown) => boolean): unknown {
  if (!Array.isArray(value)) return REFUSED;
  const result: unknown[] = [];
  for (const item of value) {
    const rendered = inspect(item) ? renderItem(item) : item;
    if (rendered === REFUSED) return REFUSED;
    result.push(rendered);
  }
  return result;
}

function renderTag(tag: unknown): unknown {
  const key = (tag as { key?: unknown }).key;
  const value = (tag as { value?: unknown }).value;
  if (key === undefined || key === null || value === undefined || value === null) return REFUSED;
  return { Key: key, Value: value };
}
