import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R4Checks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import { guardFindingsOf } from './oracles/cfn-guard';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';

/** A stack with a concrete account and Region, so ARNs in templates are literal where CDK can make them so. */
export function testStack(app: App = new App(), id = 'TestStack'): Stack {
  return new Stack(app, id, { env: { account: ACCOUNT, region: REGION } });
}

/** Resources of one type, as a list of [logicalId, resource]. */
/** The message synthesis of the stack fails with, or '' when it succeeds. */
export function synthErrors(stack: Stack): string {
  try {
    Template.fromStack(stack);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

export function resourcesOfType(template: Template, type: string): Array<[string, any]> {
  return Object.entries(template.findResources(type));
}

/** The only resource of a type. */
export function onlyResource(template: Template, type: string): any {
  const found = resourcesOfType(template, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0][1];
}

/** Statements of the policy document of the only resource of `type` whose properties hold `key`. */
export function statementsOf(template: Template, type: string, key = 'PolicyDocument'): any[] {
  return onlyResource(template, type).Properties[key].Statement;
}

/** The statement with this Sid, or a failure naming the Sids there are. */
export function statementWithSid(statements: any[], sid: string): any {
  const found = statements.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}; have ${statements.map((s) => s.Sid).join(', ')}`);
  return found;
}

export interface Finding {
  readonly pack: string;
  readonly rule: string;
  readonly path: string;
}

/** Every unacknowledged cdk-nag finding of the five packs over the app. */
export function nagFindings(app: App): Finding[] {
  const packs = [
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
    new NIST80053R4Checks(app),
    new NIST80053R5Checks(app),
    new PCIDSS321Checks(app),
  ];
  const findings: Finding[] = [];
  for (const pack of packs) {
    const report = pack.validateScope(app);
    for (const violation of report.violations) {
      for (const resource of violation.violatingResources) {
        findings.push({ pack: pack.readPackName, rule: violation.ruleName, path: resource.constructPath ?? '' });
      }
    }
  }
  return findings;
}

/** Every Control Tower proactive-control violation cfn-guard reports for the app's templates. */
export function guardFindings(makeApp: (app: App) => void): Finding[] {
  const app = new App();
  makeApp(app);
  return guardFindingsOf([app])[0].map(({ rule, path }) => ({ pack: 'cfn-guard', rule, path }));
}

/**
 * Runs `build`, then synthesizes the app of what it returns (or of `scope`): this library reports its errors together,
 * at synth, so `expect(synthesizing(() => new X(...))).toThrow(...)` reads as the constructor call it tests.
 */
export function synthesizing(build: () => unknown, scope?: IConstruct): () => void {
  return () => {
    const made = build();
    const root = (scope ?? (made as IConstruct)).node.root;
    (root as App).synth({ force: true });
  };
}
