import { App, Stack, StackProps } from 'aws-cdk-lib';
import { uncheckedTemplates } from '../oracles/templates';

/*
 * How an adversarial case is judged: a rejected configuration builds without throwing and fails synth with the
 * library's one error format; an accepted one synthesizes, and its template and warnings are returned.
 */

/** The library's error format: `[RULE_ID] <path>: ... Fix: `. */
export const RULE_MESSAGE = /\[[A-Z0-9_]+\] \S+: [\s\S]*Fix: /;
export const ENV = { account: '111111111111', region: 'us-east-1' };

/** An app whose templates the checker step skips: it is broken on purpose. */
export function invalidApp(): App {
  return new App({ context: uncheckedTemplates('adversarial: invalid on purpose') });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `[RULE_ID] <path containing pathPart>: ... Fix: ` (any rule id, any path when not given). */
export function ruleMessage(ruleId?: string, pathPart?: string): RegExp {
  const id = ruleId ? escape(ruleId) : '[A-Z0-9_]+';
  const path = pathPart ? `\\S*${escape(pathPart)}\\S*` : '\\S+';
  return new RegExp(`\\[${id}\\] ${path}: [\\s\\S]*Fix: `);
}

/** Builds in a fresh stack (the build itself must not throw), then expects synth to fail with a rule message. */
export function expectRejected(
  build: (stack: Stack) => void,
  ruleId?: string,
  pathPart?: string,
  env: StackProps['env'] = ENV,
): void {
  const app = invalidApp();
  const stack = new Stack(app, 'Adv', { env });
  expect(() => build(stack)).not.toThrow(); // constructors must not throw: errors are collected and thrown at synth
  let message: string | undefined;
  try {
    app.synth({ force: true });
  } catch (e) {
    message = String((e as Error).message);
  }
  expect(message).toBeDefined(); // synth must fail
  expect(message).toMatch(RULE_MESSAGE);
  expect(message).toMatch(ruleMessage(ruleId, pathPart));
}

export interface Synthesized {
  readonly template: any;
  readonly warnings: string[];
}

/** Builds in a fresh stack and expects synth to succeed; returns the template and the stack's warnings. */
export function expectAccepted(build: (stack: Stack) => void, env: StackProps['env'] = ENV): Synthesized {
  const app = new App();
  const stack = env ? new Stack(app, 'Adv', { env }) : new Stack(app, 'Adv');
  build(stack);
  let assembly;
  expect(() => {
    assembly = app.synth({ force: true });
  }).not.toThrow();
  const artifact = assembly!.getStackArtifact(stack.artifactId);
  const warnings = artifact.messages.filter((m: any) => m.level === 'warning').map((m: any) => String(m.entry.data));
  return { template: artifact.template, warnings };
}

/** The properties of every resource of one type in a template. */
export function resources(template: any, type: string): any[] {
  return Object.values(template.Resources ?? {})
    .filter((r: any) => r.Type === type)
    .map((r: any) => r.Properties ?? {});
}
