import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CATALOG } from './catalog';
import { ORGANIZATION_TRAIL_PREREQUISITES, UNKNOWN_ACKNOWLEDGEMENT } from './rules/app-wide';
import { renderedProperties, reportRules, userPath } from './run';
import { acknowledgedIds, WARNING_PREFIX, WARNINGS } from '../private/warnings';

/*
 * Checks of the app as a whole, registered by every construct of this library (once per app): acknowledgements that
 * acknowledge nothing, and organization trails deployed without their prerequisites.
 */

/** Set on an app's root once its checks are registered: the value lives on the object it describes. */
const REGISTERED = Symbol.for('cdk-cloudtrail-kit.appChecks');

/**
 * The resource type of OrganizationTrailPrerequisites' trusted-access call: its presence means the app sets them up.
 */
const TRUSTED_ACCESS_TYPE = 'Custom::CloudTrailTrustedAccess';

/**
 * Registers the app-wide checks once per app; every construct of this library calls it, so any app using one gets them.
 */
export function registerAppChecks(scope: IConstruct): void {
  const root = scope.node.root as IConstruct & { [REGISTERED]?: boolean };
  if (root[REGISTERED] === true) return;
  Object.defineProperty(root, REGISTERED, { value: true });
  root.node.addValidation({ validate: () => checkApp(root) });
}

function checkApp(root: IConstruct): string[] {
  const all = root.node.findAll();
  const known = [...CATALOG.flatMap((section) => section.rules.map((rule) => rule.id)), ...Object.keys(WARNINGS)];
  const prefix = `annotation::${WARNING_PREFIX}:`.toLowerCase();
  for (const c of all) {
    const acknowledged = acknowledgedIds(c)
      .filter((key) => key.toLowerCase().startsWith(prefix))
      .map((key) => key.slice(prefix.length));
    if (acknowledged.length > 0) reportRules(c, [UNKNOWN_ACKNOWLEDGEMENT], { acknowledged, known });
  }
  const prerequisitesInApp = all.some((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === TRUSTED_ACCESS_TYPE);
  for (const c of all) {
    if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== 'AWS::CloudTrail::Trail') continue;
    // The final template's flag, so an override counts; a trail under a condition (made by ARN from a delegated
    // administrator) is an organization trail all the same.
    const organizationTrail = renderedProperties(c)?.IsOrganizationTrail === true;
    reportRules(
      c,
      [ORGANIZATION_TRAIL_PREREQUISITES],
      { organizationTrail, prerequisitesInApp },
      { path: userPath(c) },
    );
  }
  // Both rules only warn: nothing for synthesis to fail on.
  return [];
}
