import { App } from 'aws-cdk-lib';
import { appTemplates, cfnLintFindings, withCfnLint } from './cfn-lint';
import { CONFIGURATIONS } from '../compliance/matrix';
import { UPGRADE_CONFIGURATIONS } from '../upgrade/configurations';

// cfn-lint, an oracle this library did not write, over every configuration of the compliance matrix and of the upgrade
// safety net: no error and no warning, but the written exceptions (./cfn-lint.ts). The examples are linted by .ci/run,
// and the adversarial suite by its own test.

function templatesOf(configurations: Record<string, (app: App) => void>): Record<string, unknown> {
  return Object.assign({}, ...Object.entries(configurations).map(([name, make]) => {
    const app = new App();
    make(app);
    return appTemplates(name, app);
  }));
}

withCfnLint('cfn-lint finds nothing in the compliance matrix\'s templates', () => {
  expect(cfnLintFindings(templatesOf(CONFIGURATIONS))).toEqual([]);
}, 600_000);

withCfnLint('cfn-lint finds nothing in the upgrade configurations\' templates', () => {
  expect(cfnLintFindings(templatesOf(UPGRADE_CONFIGURATIONS))).toEqual([]);
}, 600_000);
