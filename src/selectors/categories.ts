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
   * An event source by its name. CloudTrail lets a trail exclude only the two sources named here (a closed set
   * today), so any other value fails at synth (rules EVENT_SELECTORS_EXCLUDED_SOURCES and
   * ADVANCED_SELECTORS_MANAGEMENT_EVENT_SOURCE).
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
 * A service whose API calls through VPC endpoints a trail can log as network activity events. AWS added dozens of
 * services in 2025 (CloudTrail User Guide, logging-network-events-with-cloudtrail, eventSource values); the common
 * ones are named here, and `of()` takes any other `<service>.amazonaws.com` that page lists.
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

  /** Amazon S3 (`s3.amazonaws.com`). Multi-Region Access Points are not supported. */
  public static readonly S3 = new NetworkActivitySource('s3.amazonaws.com');

  /** AWS Lambda (`lambda.amazonaws.com`). */
  public static readonly LAMBDA = new NetworkActivitySource('lambda.amazonaws.com');

  /** Amazon DynamoDB (`dynamodb.amazonaws.com`). */
  public static readonly DYNAMODB = new NetworkActivitySource('dynamodb.amazonaws.com');

  /** Amazon SQS (`sqs.amazonaws.com`). */
  public static readonly SQS = new NetworkActivitySource('sqs.amazonaws.com');

  /** Amazon SNS (`sns.amazonaws.com`). */
  public static readonly SNS = new NetworkActivitySource('sns.amazonaws.com');

  /** AWS Systems Manager (`ssm.amazonaws.com`). */
  public static readonly SSM = new NetworkActivitySource('ssm.amazonaws.com');

  /** Amazon RDS (`rds.amazonaws.com`). */
  public static readonly RDS = new NetworkActivitySource('rds.amazonaws.com');

  /** AWS CloudFormation (`cloudformation.amazonaws.com`). */
  public static readonly CLOUDFORMATION = new NetworkActivitySource('cloudformation.amazonaws.com');

  /** Amazon EventBridge (`events.amazonaws.com`). */
  public static readonly EVENTBRIDGE = new NetworkActivitySource('events.amazonaws.com');

  /** Amazon CloudWatch (`monitoring.amazonaws.com`). */
  public static readonly CLOUDWATCH = new NetworkActivitySource('monitoring.amazonaws.com');

  /** Amazon ECS (`ecs.amazonaws.com`). */
  public static readonly ECS = new NetworkActivitySource('ecs.amazonaws.com');

  /** Elastic Load Balancing (`elasticloadbalancing.amazonaws.com`). */
  public static readonly ELASTIC_LOAD_BALANCING = new NetworkActivitySource('elasticloadbalancing.amazonaws.com');

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
   * A template by its name. The CloudTrail API's Template enum is a closed set today (API_ACTIVITY, RESOURCE_ACCESS,
   * USER_ACTIONS), so any other value fails at synth (rule AGGREGATION_TEMPLATES) until AWS adds it and this library
   * learns it.
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
