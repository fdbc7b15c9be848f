import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EventCategory, ManagementEventSource, NetworkActivitySource } from './categories';
import { FieldCondition } from './conditions';
import { DataResourceType } from './data-resource-type';

/**
 * Which management events a trail logs.
 */
export interface ManagementEventOptions {
  /**
   * Read events, write events, both, or no management events at all.
   *
   * @default cloudtrail.ReadWriteType.ALL
   */
  readonly readWriteType?: cloudtrail.ReadWriteType;

  /**
   * High-volume services whose management events are left out.
   *
   * @default - events of every service are logged
   */
  readonly excludeEventSources?: ManagementEventSource[];
}

/**
 * Which data events of the selected resources a trail logs.
 */
export interface DataEventOptions {
  /**
   * Read events, write events or both. `NONE` is not allowed: leave the resources out instead.
   *
   * @default cloudtrail.ReadWriteType.ALL
   */
  readonly readWriteType?: cloudtrail.ReadWriteType;
}

/**
 * An S3 bucket, or the objects under a key prefix in it, whose object-level (data) events are logged.
 */
export interface S3ObjectSelection {
  /** The bucket. */
  readonly bucket: s3.IBucket;

  /**
   * Log only objects whose key starts with this prefix, e.g. `images/`.
   *
   * @default - every object in the bucket
   */
  readonly objectPrefix?: string;
}

/**
 * An advanced event selector: an event category, for data events a resource type, and conditions on other
 * fields of the event record. An event is logged when it matches every condition.
 */
export interface AdvancedEventSelector {
  /**
   * A name that says what the selector logs, at most 1000 characters.
   *
   * @default - a name derived from the category, resource type and conditions
   */
  readonly name?: string;

  /** The category of the events selected. */
  readonly eventCategory: EventCategory;

  /**
   * For data events, the type of the resources acted on. Required by CloudTrail for data events; one type
   * per selector.
   *
   * @default - no resource type (only valid for management and network activity events)
   */
  readonly resourceType?: DataResourceType;

  /**
   * Further conditions, e.g. `FieldCondition.startsWith(SelectorField.RESOURCES_ARN, [...])`. Not on
   * `eventCategory` or `resources.type`: use `eventCategory` and `resourceType`.
   *
   * @default - every event of the category (and resource type)
   */
  readonly conditions?: FieldCondition[];
}

/**
 * Network activity events to log: API calls made through VPC endpoints to one or more services.
 */
export interface NetworkActivityEventOptions {
  /** The services whose API calls through VPC endpoints are logged. */
  readonly sources: NetworkActivitySource[];

  /**
   * Log only calls through these VPC endpoints.
   *
   * @default - calls through every VPC endpoint of the account
   */
  readonly vpcEndpoints?: ec2.IVpcEndpoint[];

  /**
   * Log only calls the VPC endpoint policy denied (`errorCode` `VpceAccessDenied`).
   *
   * @default false
   */
  readonly accessDeniedOnly?: boolean;

  /**
   * Log only these API actions, e.g. `['CreateKey', 'ListKeys']`.
   *
   * @default - every action
   */
  readonly eventNames?: string[];
}

/**
 * A CloudTrail Insights type, and the events it analyses.
 */
export interface TrailInsight {
  /** What the insight detects: unusual API call rates or unusual API error rates. */
  readonly insightType: cloudtrail.InsightType;

  /**
   * The events analysed: management events, data events or both.
   *
   * @default - management events (CloudTrail's default)
   */
  readonly eventCategories?: EventCategory[];
}
