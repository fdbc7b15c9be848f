import * as fs from 'fs';
import { App } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { AppSpec, appSpec } from './arbitraries/app';
import { checkConfig, deployPathOf, FUZZ_TEMPLATES } from './property';
import { cdkValidationFindings } from '../oracles/cdk-validation';
import { cfnLintFiles } from '../oracles/cfn-lint';

/*
 * Generated configurations of every public construct, several in one app (test/fuzz/arbitraries), each held to the
 * property in ./property.ts. CI runs a fixed seed and a budget that keeps `npx jest test/fuzz` well under two minutes;
 * `npm run fuzz` (FUZZ_MODE=explore) runs FUZZ_RUNS (500) configurations from a random seed it prints, and
 * `FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz` replays a failure fast-check reported. Keep every counterexample
 * as a plain test in ./counterexamples.test.ts.
 */
const EXPLORE = process.env.FUZZ_MODE === 'explore';
/** The CI seed and budget: `npx jest test/fuzz` (this, with cfn-lint, and the counterexamples) takes about a minute. */
const CI_SEED = 20261207;
const CI_RUNS = 150;
const seed = Number(process.env.FUZZ_SEED ?? (EXPLORE ? Math.floor(Math.random() * 2 ** 31) : CI_SEED));
const numRuns = Number(process.env.FUZZ_RUNS ?? (EXPLORE ? 500 : CI_RUNS));
const replayPath = process.env.FUZZ_PATH;

/** Apps of valid configurations, for the deploy-path oracle (a sample: each evaluation takes about a second). */
const DEPLOY_PATH_SAMPLE = Number(process.env.FUZZ_DEPLOY_PATH ?? (EXPLORE ? 100 : 30));
const deployable: Array<{ app: App; spec: AppSpec }> = [];
/** Which configuration first made each kept template, to name it in an oracle's finding. */
const origins = new Map<string, AppSpec>();
let synthesized = 0;
let rejected = 0;

beforeAll(() => {
  // Printed first, so a run that dies half-way can still be replayed.
  process.stdout.write(
    `fuzz: seed ${seed}, ${numRuns} runs${replayPath ? `, path ${replayPath}` : ''} (replay: FUZZ_SEED=${seed} FUZZ_PATH=<path> npm run fuzz)\n`,
  );
});

test(
  "every generated configuration synthesizes or fails with this library's own error, and keeps its invariants",
  () => {
    fc.assert(
      fc.property(appSpec, (spec) => {
        const outcome = checkConfig(spec);
        if (outcome.errors.length > 0) rejected++;
        else synthesized++;
        for (const file of outcome.templates) if (!origins.has(file)) origins.set(file, spec);
        if (outcome.app && deployable.length < DEPLOY_PATH_SAMPLE) deployable.push({ app: outcome.app, spec });
      }),
      { seed, numRuns, path: replayPath },
    );
    // Not a vacuous run: the generator reaches both outcomes, and a fifth at least synthesizes (about a quarter does:
    // each feature's arbitrary includes values AWS refuses, and any one of them rejects the whole app).
    if (replayPath === undefined) {
      expect(synthesized).toBeGreaterThan(numRuns / 5);
      expect(rejected).toBeGreaterThan(0);
    }
  },
  30 * 60_000,
);

test(
  "every synthesized template passes aws-cdk-lib's template validation and cfn-lint",
  async () => {
    const files = [...origins.keys()];
    if (replayPath === undefined) expect(files.length).toBeGreaterThan(0);
    const named = (finding: string) => {
      const file = files.find((f) => finding.includes(f.split('/').pop()!));
      return `${finding}\n    from ${file ? JSON.stringify(origins.get(file)) : '?'}`;
    };
    const findings = [...cdkValidationFindings(files), ...(await cfnLintFiles(files))];
    expect(findings.map(named)).toEqual([]);
  },
  10 * 60_000,
);

test(
  'the deployment of every sampled valid configuration is allowed under every policy its app writes',
  async () => {
    if (replayPath === undefined) expect(deployable.length).toBeGreaterThan(0);
    const denied: string[] = [];
    let evaluated = 0;
    for (const { app, spec } of deployable) {
      // A VPC the configuration made for the prerequisites' provider is the app's scaffolding: the oracle's table
      // covers the types this library emits, and refuses others rather than allow them, so such an app is left out
      // here.
      if (spec.prerequisitesVpc && spec.prerequisites) continue;
      const found = await deployPathOf(app);
      evaluated++;
      if (found !== '') denied.push(`${found}\n    from ${JSON.stringify(spec)}`);
    }
    process.stdout.write(`fuzz: deploy path of ${evaluated} valid configurations evaluated\n`);
    if (replayPath === undefined) expect(evaluated).toBeGreaterThan(0);
    expect(denied).toEqual([]);
  },
  10 * 60_000,
);

afterAll(() => {
  process.stdout.write(
    `fuzz: ${synthesized} synthesized, ${rejected} rejected, ${origins.size} distinct templates checked\n`,
  );
  // The kept templates served the oracles above; a failing finding printed its configuration.
  fs.rmSync(FUZZ_TEMPLATES, { recursive: true, force: true });
});
