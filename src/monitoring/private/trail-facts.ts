import { CfnResource, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { IConstruct } from 'constructs';

/*
 * What the monitors may know of a trail made in this app: read from its AWS::CloudTrail::Trail resource (child
 * `Resource`), so the facts hold whatever made it (a SecureTrail, or an override). Only values known at synth count.
 */

export interface TrailFacts {
  /** false for a single-Region trail (it has no shadow trail in another Region); undefined when not known. */
  readonly multiRegion?: boolean;
  /** false when log file validation is off (no digest files at all); undefined when not known. */
  readonly logFileValidation?: boolean;
}

export function trailFacts(trail: IConstruct): TrailFacts {
  const resource = trail.node.tryFindChild('Resource');
  if (!CfnResource.isCfnResource(resource) || resource.cfnResourceType !== cloudtrail.CfnTrail.CFN_RESOURCE_TYPE_NAME) {
    return {};
  }
  const cfn = resource as cloudtrail.CfnTrail;
  // Unset is CloudTrail's default, false; a token is not known.
  const known = (value: unknown): boolean | undefined => {
    if (value === undefined) return false;
    return typeof value === 'boolean' && !Token.isUnresolved(value) ? value : undefined;
  };
  return { multiRegion: known(cfn.isMultiRegionTrail), logFileValidation: known(cfn.enableLogFileValidation) };
}
