import { App } from 'aws-cdk-lib';

/*
 * The adversarial suite: configurations a user may write, each with the outcome it must have. Either it synthesizes
 * (and then its templates pass cfn-lint and aws-cdk-lib's template validation: test/setup.ts keeps every template a
 * synthesis writes, and the checker step of `npm test` runs both over them as errors), or it fails with this library's
 * own error, which names the construct, the prop, the value and the fix. Each case cites the AWS source of the
 * constraint it probes.
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
  /** Builds the configuration in a fresh App (whose templates the checker step validates). */
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
const FOREIGN =
  /^(TypeError|RangeError|ReferenceError|SyntaxError)\b|Unrecognized token key|cannot be converted into a whole number/;

/** One test per case; the names must be unique within the file. */
export function describeCases(title: string, cases: readonly RobustnessCase[]): void {
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
        return;
      }
      if (error === undefined) throw new Error(`synthesized, but should fail naming ${JSON.stringify(c.rejects)}`);
      const message = error.message;
      expect(`${error.name}: ${message}`).not.toMatch(FOREIGN);
      for (const fragment of [c.rejects.path, c.rejects.prop, c.rejects.value, c.rejects.fix]) {
        if (fragment !== undefined) expect(message).toContain(fragment);
      }
    });
  });
}

/** The messages of one level (`warning`, `info`, `error`) the app's synthesis recorded, e.g. for a `then`. */
export function messagesOf(app: App, level: 'warning' | 'info' | 'error'): string[] {
  return app
    .synth()
    .stacks.flatMap((stack) =>
      stack.messages.filter((m) => m.level === level).map((m) => `${m.id}: ${String(m.entry.data)}`),
    );
}
