/**
 * Whether breaking a rule fails synthesis or only warns.
 */
export enum TrailRuleSeverity {
  /** Synthesis fails: CloudTrail (or CloudFormation) would reject the configuration at deploy. */
  ERROR = 'error',
  /**
   * A warning, acknowledgeable with `Validations.of(scope).acknowledge({ id: 'cdk-cloudtrail-kit:<RULE_ID>', reason
   * })`.
   */
  WARNING = 'warning',
}

/**
 * An AWS constraint checked at synth: CloudTrail's, or that of another service whose resource this library makes.
 */
export interface TrailRuleInfo {
  /** The rule id, shown in brackets at the start of each message, e.g. `TRAIL_NAME_CHARACTERS`. */
  readonly id: string;
  /** What CloudTrail requires, in words. */
  readonly constraint: string;
  /** Where the constraint is documented (CloudTrail API reference, User Guide page, CloudFormation schema). */
  readonly source: string;
  /**
   * The CloudFormation resource type whose constraint this is.
   *
   * @default 'AWS::CloudTrail::Trail'
   */
  readonly resourceType?: string;
  /**
   * The property of the resource checked, or `-` when the rule reads the construct's props rather than the template.
   */
  readonly cfnProperty: string;
  /** The construct prop the property comes from, or `-`. */
  readonly prop: string;
  /** What to do when the rule reports. */
  readonly fix: string;
  /** Whether a finding fails synthesis or warns. */
  readonly severity: TrailRuleSeverity;
}
