/**
 * An event category of CloudTrail, as the `eventCategory` field of advanced event selectors and the
 * `EventCategories` of insight selectors name it.
 */
export class EventCategory {
  /** Management (control plane) events. */
  public static readonly MANAGEMENT = new EventCategory('Management');

  /** Data (data plane) events, such as S3 object reads and writes or Lambda invocations. */
  public static readonly DATA = new EventCategory('Data');

  /** Network activity events: API calls made through VPC endpoints. */
  public static readonly NETWORK_ACTIVITY = new EventCategory('NetworkActivity');

  /**
   * An event category this library does not name yet.
   *
   * @param value the category exactly as CloudTrail spells it, e.g. `Management`
   */
  public static of(value: string): EventCategory {
    return new EventCategory(value);
  }

  /**
   * @param value the category exactly as CloudTrail spells it
   */
  protected constructor(public readonly value: string) {}
}

/**
 * A service whose management events a trail can leave out (`ExcludeManagementEventSources` of basic
 * selectors, `eventSource` NotEquals of advanced ones). These sources can produce a high volume of events.
 */
export class ManagementEventSource {
  /** AWS KMS (`kms.amazonaws.com`): Encrypt, Decrypt, GenerateDataKey and the rest. */
  public static readonly KMS = new ManagementEventSource('kms.amazonaws.com');

  /** The Amazon RDS Data API (`rdsdata.amazonaws.com`). */
  public static readonly RDS_DATA_API = new ManagementEventSource('rdsdata.amazonaws.com');

  /**
   * An event source this library does not name yet. CloudTrail lets a trail exclude only the sources
   * named here; check the CloudTrail API reference (EventSelector) before using another one.
   *
   * @param value the event source, e.g. `kms.amazonaws.com`
   */
  public static of(value: string): ManagementEventSource {
    return new ManagementEventSource(value);
  }

  /**
   * @param value the event source, e.g. `kms.amazonaws.com`
   */
  protected constructor(public readonly value: string) {}
}

/**
 * A service whose API calls through VPC endpoints a trail can log as network activity events.
 */
export class NetworkActivitySource {
  /** AWS CloudTrail (`cloudtrail.amazonaws.com`). */
  public static readonly CLOUDTRAIL = new NetworkActivitySource('cloudtrail.amazonaws.com');

  /** Amazon EC2 (`ec2.amazonaws.com`). */
  public static readonly EC2 = new NetworkActivitySource('ec2.amazonaws.com');

  /** AWS KMS (`kms.amazonaws.com`). */
  public static readonly KMS = new NetworkActivitySource('kms.amazonaws.com');

  /** AWS Secrets Manager (`secretsmanager.amazonaws.com`). */
  public static readonly SECRETS_MANAGER = new NetworkActivitySource('secretsmanager.amazonaws.com');

  /**
   * An event source this library does not name yet (AWS keeps adding services to network activity events).
   *
   * @param value the event source, e.g. `s3.amazonaws.com`
   */
  public static of(value: string): NetworkActivitySource {
    return new NetworkActivitySource(value);
  }

  /**
   * @param value the event source, e.g. `ec2.amazonaws.com`
   */
  protected constructor(public readonly value: string) {}
}

/**
 * A template CloudTrail aggregates data events by, into 5-minute summaries.
 */
export class AggregationTemplate {
  /** Summaries of the API calls made: frequency, callers and sources. */
  public static readonly API_ACTIVITY = new AggregationTemplate('API_ACTIVITY');

  /** Summaries of how resources are accessed: how often, by whom, with which actions. */
  public static readonly RESOURCE_ACCESS = new AggregationTemplate('RESOURCE_ACCESS');

  /** Summaries of activity per IAM principal. */
  public static readonly USER_ACTIONS = new AggregationTemplate('USER_ACTIONS');

  /**
   * A template this library does not name yet.
   *
   * @param value the template exactly as CloudTrail spells it, e.g. `API_ACTIVITY`
   */
  public static of(value: string): AggregationTemplate {
    return new AggregationTemplate(value);
  }

  /**
   * @param value the template exactly as CloudTrail spells it
   */
  protected constructor(public readonly value: string) {}
}
