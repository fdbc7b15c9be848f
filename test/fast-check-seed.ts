import * as fc from 'fast-check';

// Property tests run the same inputs on every CI run (a failure there is reproducible and cannot come and go);
// set FC_SEED to explore other inputs locally, and keep any counterexample as a plain test.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261123) });
