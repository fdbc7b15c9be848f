import { App, AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import { CfnTrail, CfnTrailProps } from 'aws-cdk-lib/aws-cloudtrail';
import { KnownEnv } from '../../src/validation/partial-string';
import { checkView } from '../../src/validation/register';
import { TrailValidator } from '../../src/validation/trail-validator';
import { KnownContext, trailView } from '../../src/validation/view';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';

/** An app checked by the TrailValidator aspect, as users are told to add it. */
export function validatedApp(): App {
  const app = new App();
  Aspects.of(app).add(new TrailValidator(), { priority: AspectPriority.READONLY });
  return app;
}

export function pinnedStack(app: App, id = 'TestStack', region = REGION, account = ACCOUNT): Stack {
  return new Stack(app, id, { env: { account, region } });
}

/** Properties CloudTrail accepts, for tests to vary one at a time. */
export const VALID: CfnTrailProps = { isLogging: true, s3BucketName: 'my-trail-logs' };

export interface TrailFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly trail: CfnTrail;
  /** Synthesizes the app; for `expect(fixture.synth).toThrow(...)`. */
  readonly synth: () => void;
}

/** A raw CfnTrail `TestStack/Trail` with VALID props overridden by `props`, in a validated app. */
export function rawTrail(props: Partial<CfnTrailProps> = {}): TrailFixture {
  const app = validatedApp();
  const stack = pinnedStack(app);
  const trail = new CfnTrail(stack, 'Trail', { ...VALID, ...props });
  return { app, stack, trail, synth: () => app.synth() };
}

/** The synth error message, or '' when synthesis succeeds. */
export function synthError(synth: () => unknown): string {
  try {
    synth();
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A pattern matching the rule id as messages show it. */
export function rule(id: string): RegExp {
  return new RegExp(`\\[${id}\\]`);
}

/** Ids of every rule reported in an error message, in order. */
export function reportedIds(message: string): string[] {
  return [...message.matchAll(/\] \[([A-Z0-9_]+)\] /g)].map((m) => m[1]);
}

export function repeat(ch: string, n: number): string {
  return ch.repeat(n);
}

/** What the rules report on resolved trail properties, as the runner would check them: `[RULE_ID] at problem` lines. */
export function findingsOn(
  props: Record<string, unknown>,
  context: KnownContext & KnownEnv = { region: REGION, account: ACCOUNT },
): string[] {
  const results = checkView(trailView(props, { region: context.region, account: context.account }, context));
  const failures = results.filter((r) => r.failure !== undefined).map((r) => `${r.rule.id}: ${r.failure}`);
  if (failures.length > 0) throw new Error(`rules failed: ${failures.join('; ')}`);
  return results.flatMap(({ rule: r, findings }) => findings.map((f) => `[${r.id}] ${f.at ?? ''} ${f.problem}`));
}
