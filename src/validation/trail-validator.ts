import { CfnResource, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { registerTrailValidation, TRAIL_RESOURCE_TYPE } from './index-internal';
import { ALL_TRAIL_RULES } from './rules';

/**
 * Whether breaking a rule fails synthesis or only warns.
 */
export enum TrailRuleSeverity {
  /** Synthesis fails: CloudTrail (or CloudFormation) would reject the configuration at deploy. */
  ERROR = 'error',
  /** A warning, acknowledgeable with `Validations.of(scope).acknowledge({ id: 'cdk-cloudtrail-kit:<RULE_ID>', reason })`. */
  WARNING = 'warning',
}

/**
 * A CloudTrail constraint checked at synth.
 */
export interface TrailRuleInfo {
  /** The rule id, shown in brackets at the start of each message, e.g. `TRAIL_NAME_CHARACTERS`. */
  readonly id: string;
  /** What CloudTrail requires, in words. */
  readonly constraint: string;
  /** Where the constraint is documented (CloudTrail API reference, User Guide page, CloudFormation schema). */
  readonly source: string;
  /** The `AWS::CloudTrail::Trail` property checked, or `-` when the value is not a CloudFormation property. */
  readonly cfnProperty: string;
  /** The construct prop the property comes from, or `-`. */
  readonly prop: string;
  /** What to do when the rule reports. */
  readonly fix: string;
  /** Whether a finding fails synthesis or warns. */
  readonly severity: TrailRuleSeverity;
}

/**
 * Checks every CloudTrail trail in scope against the constraints of the CloudTrail API at synth, so a trail
 * CloudTrail would reject never reaches `cdk deploy`. Works for trails of this library, of
 * `aws-cdk-lib/aws-cloudtrail` and raw `CfnTrail`s.
 *
 * Add it with read-only priority so tagging aspects have run when tags are counted:
 * `Aspects.of(app).add(new TrailValidator(), { priority: AspectPriority.READONLY })`.
 * Errors are listed together when synthesis fails; warnings go to the construct's annotations.
 */
export class TrailValidator implements IAspect {
  /**
   * Every rule checked, in documentation order.
   */
  public static rules(): TrailRuleInfo[] {
    return ALL_TRAIL_RULES.map((rule) => ({
      id: rule.id,
      constraint: rule.constraint,
      source: rule.source,
      cfnProperty: rule.cfnProperty,
      prop: rule.prop,
      fix: rule.fix,
      severity: rule.severity === 'warning' ? TrailRuleSeverity.WARNING : TrailRuleSeverity.ERROR,
    }));
  }

  /**
   * Registers the checks on each `AWS::CloudTrail::Trail` resource; they run when the app is synthesized.
   */
  public visit(node: IConstruct): void {
    if (CfnResource.isCfnResource(node) && node.cfnResourceType === TRAIL_RESOURCE_TYPE) {
      registerTrailValidation(node);
    }
  }
}
