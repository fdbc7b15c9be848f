import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { formatFinding } from '../../validation/messages';
import { checkResources, renderedProperties } from '../../validation/report';
import { ORGANIZATIONS_POLICIES_PER_TARGET, organizationsRules } from '../../validation/rules/organizations';

const POLICY = 'AWS::Organizations::Policy';

/**
 * Checks every `AWS::Organizations::Policy` under `scope` at each synth, on its final properties (with the partition of
 * `scope`'s stack when its Region is known), and the number of this app's policies per target across them. Call it at
 * the end of a constructor.
 */
export function checkOrganizationsPolicies(scope: IConstruct): void {
  const region = Stack.of(scope).region;
  const partition = Token.isUnresolved(region) ? undefined : RegionInfo.get(region).partition;
  checkResources(scope, { [POLICY]: organizationsRules(partition) });
  scope.node.addValidation({
    validate: () => {
      const policies = scope.node.root.node
        .findAll()
        .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === POLICY);
      const rendered = policies.flatMap((p) => {
        const props = renderedProperties(p);
        return props === undefined ? [] : [props];
      });
      const findings = ORGANIZATIONS_POLICIES_PER_TARGET.check(rendered);
      return findings.map((f) => formatFinding(ORGANIZATIONS_POLICIES_PER_TARGET, f, scope.node.path));
    },
  });
}
