import * as fs from 'fs';
import * as path from 'path';
import { Stage } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { keepTemplates, TMP, UNCHECKED_TEMPLATES } from './oracles/templates';

// Property tests run the same inputs on every CI run (a failure there is reproducible and cannot come and go);
// set FC_SEED to explore other inputs locally, and keep any counterexample as a plain test.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261123) });

// aws-cdk-lib's own CloudFormation template validation is an oracle this library did not write, but it starts a
// WebAssembly engine in every test file (about 3 s) and adds tens of milliseconds to every synth. The unit tests
// synthesize without it; every template a synthesis writes is kept (./oracles/templates.ts), and the checker step
// (test/oracles/check-templates.ts, run by `npm test` after jest) validates each distinct one once, as errors.
process.env.CDK_VALIDATION = 'false';

// Apps without an outdir write their cloud assembly under the system temp folder: send them under this worker's own
// folder in the run's, which the global teardown removes. The global setup set TMPDIR for the workers, but a test
// file's `process.env` is jest's copy, and os.tmpdir() reads the worker's own: os is shared, so it is told here.
const tmp = path.join(TMP, String(process.pid));
fs.mkdirSync(tmp, { recursive: true });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeOs: { tmpdir: () => string } = require('os'); // the module object itself (an import gives read-only bindings)
nodeOs.tmpdir = () => tmp;

const synth = Stage.prototype.synth;
Stage.prototype.synth = function keepingTemplates(this: Stage, options) {
  const assembly = synth.call(this, options);
  if (this.node.tryGetContext(UNCHECKED_TEMPLATES) === undefined) {
    const state = expect.getState();
    keepTemplates(
      assembly.directory,
      `${path.relative(process.cwd(), state.testPath ?? '')} › ${state.currentTestName ?? '(outside a test)'}`,
    );
  }
  return assembly;
};

// One test file's apps are not needed by the next: free the disk as the run goes.
afterAll(() => {
  for (const entry of fs.readdirSync(tmp)) fs.rmSync(path.join(tmp, entry), { recursive: true, force: true });
});
