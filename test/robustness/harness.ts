import { App } from 'aws-cdk-lib';
import { appTemplates, cfnLintFindings, withCfnLint } from '../oracles/cfn-lint';

/*
 * The adversarial suite: configurations a user may write, each with the outcome it must have. Either it synthesizes
 * (and then its templates pass cfn-lint and aws-cdk-lib's template validation, which test/setup.ts turns on as errors
 * in every App), or it fails with this library's own error, which names the construct, the prop, the value and the
 * fix. Each case cites the AWS source of the constraint it probes.
 */

/** What a rejected configuration's error must say. Each fragment is matched literally. */
export interface Rejection {
  /** The construct path the error names, e.g. `Stack/Trail`. */
  readonly path: string;
  /** The prop (or method argument) at fault, as the user wrote it. */
  readonly prop: string;
  /** The offending value as the message shows it; leave out for an absence. */
  readonly value?: string;
  /** A fragment of the fix the message gives. */
  readonly fix: string;
}

export interface RobustnessCase {
  /** What the configuration is, as a test name. */
  readonly name: string;
  /** Where AWS documents the constraint or behaviour probed (a guide page, the API reference, a schema). */
  readonly source: string;
  /** Builds the configuration in a fresh App (which validates its templates as errors). */
  readonly make: (app: App) => void;
  /** The configuration must fail with this library's error saying this. Leave out: it must synthesize. */
  readonly rejects?: Rejection;
  /** For a configuration that synthesizes: more to assert on the app, after synthesis. */
  readonly then?: (app: App) => void;
}

/** The error the configuration fails with, from construction or synthesis; undefined when it synthesizes. */
function failureOf(make: (app: App) => void): { app: App; error?: Error } {
  const app = new App();
  try {
    make(app);
    app.synth();
    return { app };
  } catch (e) {
    return { app, error: e instanceof Error ? e : new Error(String(e)) };
  }
}

/** Errors that are not this library's: a crash, or another library's check that ran before ours. */
const FOREIGN = /^(TypeError|RangeError|ReferenceError|SyntaxError)\b|Unrecognized token key|cannot be converted into a whole number/;

/**
 * One test per case, and one cfn-lint run over every template the cases of the file synthesize (cfn-lint takes
 * seconds to start; once per file keeps the suite fast). The names must be unique within the file.
 */
export function describeCases(title: string, cases: readonly RobustnessCase[]): void {
  const templates: Record<string, unknown> = {};
  describe(title, () => {
    test('case names are unique and every case cites its source', () => {
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
      expect(cases.filter((c) => !/\S{8,}/.test(c.source)).map((c) => c.name)).toEqual([]);
    });
    test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const { app, error } = failureOf(c.make);
      if (c.rejects === undefined) {
        if (error) throw error;
        c.then?.(app);
        Object.assign(templates, appTemplates(`${title}-${c.name}`.slice(0, 150), app));
        return;
      }
      if (error === undefined) throw new Error(`synthesized, but should fail naming ${JSON.stringify(c.rejects)}`);
      const message = error.message;
      expect(`${error.name}: ${message}`).not.toMatch(FOREIGN);
      for (const fragment of [c.rejects.path, c.rejects.prop, c.rejects.value, c.rejects.fix]) {
        if (fragment !== undefined) expect(message).toContain(fragment);
      }
    });
    withCfnLint('cfn-lint finds nothing in the templates the cases synthesize', () => {
      expect(Object.keys(templates).length).toBeGreaterThan(0);
      expect(cfnLintFindings(templates)).toEqual([]);
    }, 300_000);
  });
}

/** The messages of one level (`warning`, `info`, `error`) the app's synthesis recorded, e.g. for a `then`. */
export function messagesOf(app: App, level: 'warning' | 'info' | 'error'): string[] {
  return app.synth().stacks.flatMap((stack) => stack.messages.filter((m) => m.level === level).map((m) => `${m.id}: ${String(m.entry.data)}`));
}
