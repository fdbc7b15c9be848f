import { CfnResource, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { registerTrailValidation, TRAIL_RESOURCE_TYPE } from './register';
import { TrailRuleInfo } from './rule-info';
import { ALL_RULES } from './rules/all';

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
    // The data only, not the checks.
    return ALL_RULES.map(({ id, constraint, source, cfnProperty, prop, fix, severity }) => ({
      id,
      constraint,
      source,
      cfnProperty,
      prop,
      fix,
      severity,
    }));
  }

  /**
   * Registers the checks on each `AWS::CloudTrail::Trail` resource. They run when the app is synthesized.
   */
  public visit(node: IConstruct): void {
    if (CfnResource.isCfnResource(node) && node.cfnResourceType === TRAIL_RESOURCE_TYPE) {
      registerTrailValidation(node);
    }
  }
}
