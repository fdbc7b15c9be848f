import { App, Stage } from 'aws-cdk-lib';
import { deployPathReport, DeployPathOptions, DeployPathReport, describeDenied } from '../oracles/deploy-path';

/** The App an example script builds and synthesizes when it is loaded (quickstart and monitoring export nothing). */
export function appOfScript(modulePath: string): App {
  let captured: App | undefined;
  const synth = Stage.prototype.synth;
  Stage.prototype.synth = function capturing(this: Stage, options) {
    if (this instanceof App) captured = this;
    return synth.call(this, options);
  };
  try {
    // Not isolated: the script must build its App with the aws-cdk-lib this file patched. Loaded once per test file.
    require(modulePath); // eslint-disable-line @typescript-eslint/no-require-imports
  } finally {
    Stage.prototype.synth = synth;
  }
  if (!captured) throw new Error(`${modulePath} synthesized no App`);
  return captured;
}

/** The report of one layout, computed once for the file's tests. */
export function reportOf(build: () => App, options: DeployPathOptions): () => DeployPathReport {
  let report: DeployPathReport | undefined;
  beforeAll(async () => {
    report = await deployPathReport(build(), options);
  }, 60_000);
  return () => {
    if (!report) throw new Error('the layout was not evaluated');
    return report;
  };
}

/** Every call allowed, the denied ones in the message; and the calls the test relies on were listed at all. */
export function expectAllAllowed(report: DeployPathReport, mustInclude: Array<[principal: RegExp, action: string]>) {
  for (const [principal, action] of mustInclude) {
    expect(
      report.findings.some((f) => principal.test(f.principal) && f.action === action)
        ? `${principal} ${action}`
        : `no call ${principal} ${action}`,
    ).toBe(`${principal} ${action}`);
  }
  expect(describeDenied(report.findings)).toBe('');
}
