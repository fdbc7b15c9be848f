import * as fc from 'fast-check';

// Property tests run the same inputs on every CI run (a failure there is reproducible and cannot come and go);
// set FC_SEED to explore other inputs locally, and keep any counterexample as a plain test.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261123) });

// An oracle this library did not write: every App the tests make validates its templates with aws-cdk-lib's own
// CloudFormation rules (schemas, circular dependencies, ...), and a finding fails synthesis instead of warning.
process.env.CDK_CONTEXT_JSON = JSON.stringify({
  ...JSON.parse(process.env.CDK_CONTEXT_JSON ?? '{}'),
  '@aws-cdk/core:validateAgainstDefaultRules': true,
});
