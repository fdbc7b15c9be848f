/**
 * A field of a CloudTrail event record an advanced event selector filters on.
 *
 * Which fields a selector may use depends on its event category; see the CloudTrail API reference
 * (AdvancedEventSelector). Use `SelectorField.of('name')` for a field AWS adds later.
 */
export class SelectorField {
  /** `eventCategory`: set it through the selector's `eventCategory` instead. Equals only. */
  public static readonly EVENT_CATEGORY = new SelectorField('eventCategory', true);

  /** `resources.type`: set it through the selector's `resourceType` instead. Equals only. */
  public static readonly RESOURCES_TYPE = new SelectorField('resources.type', true);

  /** `resources.ARN`: the ARN of the resource a data event acts on. Any operator. */
  public static readonly RESOURCES_ARN = new SelectorField('resources.ARN', false);

  /** `eventName`: the API action, e.g. `PutObject`. Any operator. */
  public static readonly EVENT_NAME = new SelectorField('eventName', false);

  /** `eventSource`: the service, e.g. `s3.amazonaws.com`. */
  public static readonly EVENT_SOURCE = new SelectorField('eventSource', false);

  /** `eventType`: e.g. `AwsApiCall` or `AwsServiceEvent`. */
  public static readonly EVENT_TYPE = new SelectorField('eventType', false);

  /** `readOnly`: `true` for read events, `false` for write events. Equals only. */
  public static readonly READ_ONLY = new SelectorField('readOnly', true);

  /** `userIdentity.arn`: the ARN of the principal that made the call. */
  public static readonly USER_IDENTITY_ARN = new SelectorField('userIdentity.arn', false);

  /** `sessionCredentialFromConsole`: `true` for calls made from an AWS Management Console session. */
  public static readonly SESSION_CREDENTIAL_FROM_CONSOLE = new SelectorField('sessionCredentialFromConsole', false);

  /** `errorCode`: for network activity events, `VpceAccessDenied` only. Equals only. */
  public static readonly ERROR_CODE = new SelectorField('errorCode', true);

  /** `vpcEndpointId`: the VPC endpoint a network activity event went through. Any operator. */
  public static readonly VPC_ENDPOINT_ID = new SelectorField('vpcEndpointId', false);

  /**
   * A field this library does not name yet. No operator check is made for it.
   *
   * @param name the field exactly as CloudTrail spells it, e.g. `eventName`
   */
  public static of(name: string): SelectorField {
    return new SelectorField(name, false);
  }

  /**
   * @param name the field exactly as CloudTrail spells it
   * @param equalsOnly true when CloudTrail accepts only the Equals operator for the field
   */
  protected constructor(
    public readonly name: string,
    private readonly equalsOnly: boolean,
  ) {}

  /**
   * True when CloudTrail accepts only the `Equals` operator on this field.
   */
  public get acceptsOnlyEquals(): boolean {
    return this.equalsOnly;
  }
}

/**
 * An operator of an advanced field selector.
 */
export enum SelectorOperator {
  /** The field equals one of the values. */
  EQUALS = 'Equals',
  /** The field equals none of the values. */
  NOT_EQUALS = 'NotEquals',
  /** The field starts with one of the values. */
  STARTS_WITH = 'StartsWith',
  /** The field starts with none of the values. */
  NOT_STARTS_WITH = 'NotStartsWith',
  /** The field ends with one of the values. */
  ENDS_WITH = 'EndsWith',
  /** The field ends with none of the values. */
  NOT_ENDS_WITH = 'NotEndsWith',
}

/**
 * One condition of an advanced event selector: a field, an operator and the values it compares with.
 *
 * The values of `equalTo`, `startsWith` and `endsWith` are alternatives (any may match); `notEquals`,
 * `notStartsWith` and `notEndsWith` exclude every value listed. Conditions on the same field become one
 * field selector, so their including values are alternatives too; conditions on different fields must all
 * hold for an event to be logged.
 */
export class FieldCondition {
  /**
   * The field equals one of the values (CloudTrail's `Equals`).
   *
   * Named `equalTo` because `equals` is reserved in some jsii languages, as in
   * `CfnTrail.AdvancedFieldSelectorProperty.equalTo`.
   *
   * @param field the event record field
   * @param values the values, at least one
   */
  public static equalTo(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.EQUALS, values);
  }

  /**
   * The field equals none of the values.
   *
   * @param field the event record field
   * @param values the values, at least one
   */
  public static notEquals(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.NOT_EQUALS, values);
  }

  /**
   * The field starts with one of the values.
   *
   * @param field the event record field
   * @param values the prefixes, at least one
   */
  public static startsWith(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.STARTS_WITH, values);
  }

  /**
   * The field starts with none of the values.
   *
   * @param field the event record field
   * @param values the prefixes, at least one
   */
  public static notStartsWith(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.NOT_STARTS_WITH, values);
  }

  /**
   * The field ends with one of the values.
   *
   * @param field the event record field
   * @param values the suffixes, at least one
   */
  public static endsWith(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.ENDS_WITH, values);
  }

  /**
   * The field ends with none of the values.
   *
   * @param field the event record field
   * @param values the suffixes, at least one
   */
  public static notEndsWith(field: SelectorField, values: string[]): FieldCondition {
    return new FieldCondition(field, SelectorOperator.NOT_ENDS_WITH, values);
  }

  /**
   * Only read events (`readOnly` Equals `true`) or only write events (`false`). Leave the condition out to
   * log both.
   *
   * @param readOnly true for read events, false for write events
   */
  public static readOnly(readOnly: boolean): FieldCondition {
    return new FieldCondition(SelectorField.READ_ONLY, SelectorOperator.EQUALS, [readOnly ? 'true' : 'false']);
  }

  /** The values, in the order given, without duplicates. */
  public readonly values: string[];

  private constructor(
    /** The event record field compared. */
    public readonly field: SelectorField,
    /** How the field is compared with the values (not `operator`, a reserved word in C#). */
    public readonly comparison: SelectorOperator,
    values: string[],
  ) {
    // null from JavaScript counts as no values. An empty list, or an operator the field does not take, is reported by
    // the trail's rules on what it renders (ADVANCED_SELECTORS_EMPTY_OPERATOR, ADVANCED_SELECTORS_EQUALS_ONLY), with
    // the trail's path: a FieldCondition belongs to no construct, and each constraint is checked in one place.
    this.values = [...new Set((values ?? []).filter((v) => v !== undefined && v !== null))];
  }
}
