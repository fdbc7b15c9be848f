import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnElement, Stack } from 'aws-cdk-lib';

/** One Control Tower proactive-control violation cfn-guard reports: the rule and the construct path it names. */
export interface GuardFinding {
  readonly rule: string;
  readonly path: string;
}

/** Each resource of the apps by template file and logical id, naming its construct path and its app. */
function resourcesOf(apps: App[]): Map<string, { readonly app: number; readonly path: string }> {
  const resources = new Map<string, { app: number; path: string }>();
  apps.forEach((app, i) => {
    const assembly = app.synth();
    for (const element of app.node.findAll().filter(CfnElement.isCfnElement)) {
      const stack = Stack.of(element);
      const artifact = assembly.stacksRecursively.find((a) => a.hierarchicalId === stack.artifactId);
      if (!artifact) continue; // a nested stack's resources live in an asset template, which the plugin is not given
      resources.set(`${artifact.templateFullPath}#${stack.resolve(element.logicalId)}`, {
        app: i,
        path: element.node.path,
      });
    }
  });
  return resources;
}

/**
 * The Control Tower proactive-control violations (cfn-guard, with the rules `@cdklabs/cdk-validator-cfnguard` ships)
 * of each app's stacks, in one cfn-guard run over all their templates (the binary takes a second or two a run, whatever
 * it reads), as the plugin reports them when registered on an app.
 */
export function guardFindingsOf(apps: App[]): GuardFinding[][] {
  const resources = resourcesOf(apps);
  const templatePaths = [...new Set([...resources.keys()].map((key) => key.split('#')[0]))];
  const found: GuardFinding[][] = apps.map(() => []);
  if (templatePaths.length === 0) return found;
  const report = new CfnGuardValidator().validate({ templatePaths, appConstruct: new App() });
  for (const violation of report.violations) {
    for (const resource of violation.violatingResources) {
      const key = `${path.resolve(resource.templatePath ?? '')}#${resource.resourceLogicalId}`;
      const owner = resources.get(key);
      if (!owner) throw new Error(`cfn-guard reported a resource no app holds: ${key}`);
      found[owner.app].push({ rule: violation.ruleName, path: owner.path });
    }
  }
  return found;
}
