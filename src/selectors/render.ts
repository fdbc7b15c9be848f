import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AdvSel, equalsOf, fieldsOf, toCfn } from './advanced';
import { consolidate } from './consolidate';
import { explicitWarning, guardOwnBuckets, namesBucket, OwnBucket } from './guard';
import { AdvancedIntent, ManagementIntent, TrailEventSelection, unique } from './selection';
import { normalizeData, renderBasic, specificCount, translateSimple } from './simple';
import { MAX_BASIC_DATA_RESOURCES } from '../validation/constants';
import { SELECTION_LOGS_NOTHING, WholeSelection } from '../validation/rules/selection';

/** What the renderer needs to know about the trail. */
export interface RenderContext {
  /** The partition of the trail's stack, e.g. `Stack.of(trail).partition`. */
  readonly partition: string;
  /**
   * The buckets the trail writes to: its log bucket, and that bucket's access-log bucket when there is one.
   * Selections covering all buckets exclude them.
   */
  readonly ownBuckets?: s3.IBucket[];
  /** Render advanced selectors even where basic ones would do. */
  readonly forceAdvanced?: boolean;
}

/** The event selection as `AWS::CloudTrail::Trail` properties, and what the user should hear about it. */
export interface RenderedEventSelection {
  readonly eventSelectors?: cloudtrail.CfnTrail.EventSelectorProperty[];
  readonly advancedEventSelectors?: cloudtrail.CfnTrail.AdvancedEventSelectorProperty[];
  readonly insightSelectors?: cloudtrail.CfnTrail.InsightSelectorProperty[];
  readonly aggregationConfigurations?: cloudtrail.CfnTrail.AggregationConfigurationProperty[];
  /** Things done on the user's behalf (for info annotations). */
  readonly notes: string[];
  /** Things that work but are probably not wanted (for warnings). */
  readonly warnings: string[];
  /** What the selection as a whole asks for, for the rule that it logs something (SELECTION_LOGS_NOTHING). */
  readonly whole: WholeSelection;
}

/**
 * Renders an event selection. Basic selectors when they can say it all (management events and S3, Lambda
 * and DynamoDB data events, within 250 named resources, with no own bucket to exclude); otherwise
 * everything, management events included, as advanced selectors, since a trail takes one kind only.
 * With nothing selected it renders no selectors, so CloudTrail's default (all management events) applies.
 */
export function renderEventSelection(selection: TrailEventSelection, context: RenderContext): RenderedEventSelection {
  const notes: string[] = [];
  const warnings: string[] = [];
  const partition = context.partition;
  const own: OwnBucket[] = (context.ownBuckets ?? []).map((b) => ({ arn: b.bucketArn, label: b.node.path }));
  const allow = selection.allowLogBucketDataEvents;
  // The guard takes the trail's buckets out of all-buckets requests, so a request naming one must stay.
  const guarding = own.length > 0 && !allow;
  const data = normalizeData(
    selection.data,
    (d) => guarding && d.kind === 's3' && own.some((b) => namesBucket(d.value!, b)),
  );
  const configured = selection.management !== undefined || data.length > 0 || selection.advanced.length > 0;
  const management = effectiveManagement(selection);

  let eventSelectors: cloudtrail.CfnTrail.EventSelectorProperty[] | undefined;
  let advanced: AdvSel[] | undefined;
  const whole = {
    managementNone: configured && management.access === 'None',
    otherEvents: data.length > 0 || selection.advanced.length > 0,
  };
  if (SELECTION_LOGS_NOTHING.check(whole).length > 0) {
    // Reported by the trail (SELECTION_LOGS_NOTHING); nothing is rendered.
  } else if (configured) {
    const guardNeeded = guarding && data.some((d) => d.kind === 's3' && d.value === undefined);
    const basic =
      !context.forceAdvanced &&
      selection.advanced.length === 0 &&
      !guardNeeded &&
      specificCount(data) <= MAX_BASIC_DATA_RESOURCES;
    if (basic) {
      eventSelectors = renderBasic(management, data, partition);
      const named = own.filter((b) =>
        data.some((d) => d.kind === 's3' && d.value !== undefined && namesBucket(d.value, b)),
      );
      if (named.length > 0 && !allow) warnings.push(explicitWarning(named, 'the S3 data event selection'));
    } else {
      const guarded = guardOwnBuckets(
        [...translateSimple(management, data), ...selection.advanced.map(toAdvSel)],
        own,
        partition,
        allow,
      );
      notes.push(...guarded.notes);
      warnings.push(...unique(guarded.warnings));
      // Their size (500 values in all) is the validation rules' to check, on the rendered template.
      advanced = consolidate(guarded.selectors);
    }
  }

  const insightSelectors = renderInsights(selection);
  const aggregationConfigurations =
    selection.aggregationTemplates.length > 0
      ? [{ eventCategory: 'Data', templates: [...selection.aggregationTemplates] }]
      : undefined;
  if (aggregationConfigurations && !logsData(selection)) {
    warnings.push('data event aggregation is on, but the trail logs no data events, so there is nothing to aggregate');
  }
  return {
    eventSelectors,
    advancedEventSelectors: advanced?.map(toCfn),
    insightSelectors,
    aggregationConfigurations,
    notes,
    warnings,
    whole,
  };
}

/**
 * Management events as configured. Unconfigured, they are CloudTrail's default (all), unless an advanced
 * selector for management events says which: then that selector is the configuration.
 */
function effectiveManagement(selection: TrailEventSelection): ManagementIntent {
  if (selection.management) return selection.management;
  const advanced = selection.advanced.some((a) => equalsOf(toAdvSel(a), 'eventCategory').includes('Management'));
  return { access: advanced ? 'None' : 'All', excludes: [] };
}

function toAdvSel(intent: AdvancedIntent): AdvSel {
  return { name: intent.name, title: intent.title, labels: intent.labels, fields: fieldsOf(intent.conditions) };
}

function logsData(selection: TrailEventSelection): boolean {
  return (
    selection.data.length > 0 ||
    selection.advanced.some((a) => a.conditions.some((c) => c.field === 'eventCategory' && c.values.includes('Data')))
  );
}

/**
 * Insight selectors, merged per type. Their prerequisites (call rate needs write management events, and
 * so on) are checked once, by the validation rule INSIGHT_PREREQUISITES, on what is rendered here.
 */
function renderInsights(selection: TrailEventSelection): cloudtrail.CfnTrail.InsightSelectorProperty[] | undefined {
  if (selection.insights.length === 0) return undefined;
  const types = unique(selection.insights.map((i) => i.type));
  return types.map((type) => {
    const intents = selection.insights.filter((i) => i.type === type);
    const explicit = intents.every((i) => i.categories === undefined)
      ? undefined
      : unique(intents.flatMap((i) => i.categories ?? ['Management']));
    return explicit ? { insightType: type, eventCategories: explicit } : { insightType: type };
  });
}
