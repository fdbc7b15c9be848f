import { Annotations, IResolvable, Lazy, ResourceProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TrailBase } from './trail-base';
import { WARNING_PREFIX } from '../private/resource-policies';
import { AggregationTemplate } from '../selectors/categories';
import {
  AdvancedEventSelector,
  DataEventOptions,
  ManagementEventOptions,
  NetworkActivityEventOptions,
  S3ObjectSelection,
  TrailInsight,
} from '../selectors/options';
import { renderEventSelection, RenderedEventSelection } from '../selectors/render';
import { TrailEventSelection } from '../selectors/selection';

/**
 * A trail whose events are chosen with management, data and network activity selectors, Insights and
 * data-event aggregation. Simple and advanced forms mix freely: they are rendered once, at synth, as basic
 * selectors when those suffice and otherwise as equivalent advanced selectors.
 */
export abstract class EventSelectingTrail extends TrailBase {
  private readonly selection: TrailEventSelection;
  private rendered?: { version: number; result: RenderedEventSelection };
  private version = 0;

  protected constructor(scope: Construct, id: string, props: ResourceProps, allowLogBucketDataEvents?: boolean) {
    super(scope, id, props);
    this.selection = new TrailEventSelection({ allowLogBucketDataEvents });
    this.node.addValidation({
      validate: () => {
        const result = this.renderSelection();
        for (const note of result.notes) Annotations.of(this).addInfo(note);
        // Through Validations, like every warning of this library, so `Validations.acknowledge` finds it.
        for (const warning of result.warnings) Validations.of(this).addWarning(`${WARNING_PREFIX}:eventSelection`, warning);
        return result.violations;
      },
    });
  }

  /** Chooses which management events are logged (by default all, read and write). */
  public logManagementEvents(options: ManagementEventOptions): void {
    this.changed();
    this.selection.logManagementEvents(options);
  }

  /** Logs S3 object-level data events of these buckets (optionally under a prefix). */
  public logS3DataEvents(buckets: S3ObjectSelection[], options?: DataEventOptions): void {
    this.changed();
    this.selection.addS3ObjectEvents(buckets, options);
  }

  /**
   * Logs S3 object-level data events of all buckets (CIS 3.8 and 3.9). The trail's own log bucket and
   * access-log bucket are excluded unless `allowLogBucketDataEvents` is set: logging the writes of its own
   * log files makes a trail feed itself.
   */
  public logAllS3DataEvents(options?: DataEventOptions): void {
    this.changed();
    this.selection.addAllS3ObjectEvents(options);
  }

  /** Logs invocations of these Lambda functions. */
  public logLambdaInvocations(functions: lambda.IFunction[], options?: DataEventOptions): void {
    this.changed();
    this.selection.addLambdaInvocations(functions, options);
  }

  /** Logs invocations of all Lambda functions. */
  public logAllLambdaInvocations(options?: DataEventOptions): void {
    this.changed();
    this.selection.addAllLambdaInvocations(options);
  }

  /** Logs data events of these DynamoDB tables. */
  public logDynamoDbDataEvents(tables: dynamodb.ITable[], options?: DataEventOptions): void {
    this.changed();
    this.selection.addDynamoDbTables(tables, options);
  }

  /** Logs data events of all DynamoDB tables. */
  public logAllDynamoDbDataEvents(options?: DataEventOptions): void {
    this.changed();
    this.selection.addAllDynamoDbTables(options);
  }

  /** Adds an advanced event selector: any selector the CloudTrail API accepts. */
  public addAdvancedEventSelector(selector: AdvancedEventSelector): void {
    this.changed();
    this.selection.addAdvancedSelector(selector);
  }

  /** Logs network activity events (calls through VPC endpoints) of the given event sources. */
  public logNetworkActivityEvents(options: NetworkActivityEventOptions): void {
    this.changed();
    this.selection.addNetworkActivityEvents(options);
  }

  /** Turns on an Insights type; its prerequisites are checked at synth. */
  public addInsight(insight: TrailInsight): void {
    this.changed();
    this.selection.addInsight(insight);
  }

  /** Aggregates data events with these templates. */
  public aggregateDataEvents(templates: AggregationTemplate[]): void {
    this.changed();
    this.selection.aggregateDataEvents(templates);
  }

  /** The buckets whose data events would feed the trail back into itself. */
  protected abstract ownLogBuckets(): s3.IBucket[];

  /** The rendered selectors, for the `CfnTrail` properties; resolved at synth, after every call above. */
  protected renderedSelectors(): RenderedSelectors {
    return {
      eventSelectors: Lazy.any({ produce: () => this.renderSelection().eventSelectors }),
      advancedEventSelectors: Lazy.any({ produce: () => this.renderSelection().advancedEventSelectors }),
      insightSelectors: Lazy.any({ produce: () => this.renderSelection().insightSelectors }),
      aggregationConfigurations: Lazy.any({ produce: () => this.renderSelection().aggregationConfigurations }),
    };
  }

  private changed(): void {
    this.version += 1;
  }

  /** Renders once per change, not once per property and validation. */
  private renderSelection(): RenderedEventSelection {
    if (this.rendered?.version !== this.version) {
      const result = renderEventSelection(this.selection, { partition: this.stack.partition, ownBuckets: this.ownLogBuckets() });
      this.rendered = { version: this.version, result };
    }
    return this.rendered!.result;
  }
}

/** Lazy values for the selector properties of a `CfnTrail`. */
export interface RenderedSelectors {
  /** For `eventSelectors`. */
  readonly eventSelectors: IResolvable;
  /** For `advancedEventSelectors`. */
  readonly advancedEventSelectors: IResolvable;
  /** For `insightSelectors`. */
  readonly insightSelectors: IResolvable;
  /** For `aggregationConfigurations`. */
  readonly aggregationConfigurations: IResolvable;
}
